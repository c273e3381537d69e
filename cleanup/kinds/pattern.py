r"""`pattern`: a regular expression with captures and a replacement template.

    pattern: '\b(\w+) \1\b'      # doubled word
    replace: '\1'                # template (\1, \g<name>); a list means suggestions
    safe_when: '...'             # optional: the fix is safe only on matches this fully matches

`safe_when` splits one finding into a sure fix and a suggestion by what was matched: a full
stop run into "The" is surely two sentences; run into "Lock" it may be code (asyncio.Lock).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.finding import Finding
from cleanup.kinds.base import REGEX_TIMEOUT_S, Check, Hits, check_templates, compile_regex
from cleanup.kinds.prefilter import filtered_matches, prefilter_for

if TYPE_CHECKING:
    import regex

    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class PatternCheck(Check):
    LOCAL = True
    KEYS = {
        "pattern": "regular expression (the `regex` module's VERSION1 syntax)",
        "replace": "replacement template, or a list of suggested templates; '' deletes",
        "safe_when": "regular expression: the fix is safe only when the whole match matches it",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        self.pattern = compile_regex(rule, rule.spec.get("pattern"))
        self.prefilter = prefilter_for(self.pattern)
        replace = rule.spec.get("replace", [])
        self.templates: list[str] = [replace] if isinstance(replace, str) else replace
        if not isinstance(self.templates, list) or not all(
                isinstance(t, str) for t in self.templates):
            raise rule.error("'replace' must be a template string or a list of them")
        check_templates(rule, self.pattern, self.templates, "replace")
        self.safe_when = (compile_regex(rule, rule.spec["safe_when"], "safe_when")
                          if "safe_when" in rule.spec else None)

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        return (self.pattern,)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        for m in filtered_matches(self.pattern, self.prefilter, text):
            yield self.finding(text, m.start(), m.end(), [m.expand(t) for t in self.templates],
                               safe=self._safe(m.group()), message_vars=m.groupdict())

    def _safe(self, matched: str) -> bool | None:
        """None: the rule's own `safe` decides."""
        if self.safe_when is None:
            return None
        try:
            return self.safe_when.fullmatch(matched, timeout=REGEX_TIMEOUT_S) is not None
        except TimeoutError:
            return False  # a fix the rule cannot vouch for in time is a suggestion

