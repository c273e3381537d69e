r"""`pattern`: a regular expression with captures and a replacement template.

    pattern: '\b(\w+) \1\b'      # doubled word
    replace: '\1'                # template (\1, \g<name>); several (a list) are suggestions
    convert_case: lower          # optional: each replacement in lower (or upper) case
    safe_when: '...'             # optional: the fix is safe only on matches this fully matches
    anchor: ' (?:and|or) '       # optional, for speed: every match holds a hit of this regex
    before: 4                    # ... and starts at most this many words before it

`safe_when` splits one finding into a sure fix and a suggestion by what was matched: a full
stop run into "The" is surely two sentences; run into "Lock" it may be code (asyncio.Lock).

`anchor` and `before` change no finding (if they hold: tests/test_prefilter.py checks the
built-in rules that have them). A pattern with no literal to skip to is tried at nearly every
position; with them it is tried only at the few word starts (a letter, digit or _ after any
other character) before each hit of the anchor (`cleanup.kinds.prefilter.anchored_matches`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.finding import Finding
from cleanup.kinds.base import REGEX_TIMEOUT_S, Check, Hits, check_templates, compile_regex
from cleanup.kinds.prefilter import (
    Anchor, anchor_for, anchored_matches, filtered_matches, prefilter_for, required_literals)

if TYPE_CHECKING:
    import regex

    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class PatternCheck(Check):
    LOCAL = True
    KEYS = {
        "pattern": "regular expression (the `regex` module's VERSION1 syntax)",
        "replace": "replacement template, or a list of them (several are suggestions); '' deletes",
        "safe_when": "regular expression: the fix is safe only when the whole match matches it",
        "convert_case": "'lower' or 'upper': the case each replacement is written in",
        "anchor": "regular expression every match holds a match of (for speed; see `before`)",
        "before": "how many words before the anchor's match a match may start (1 or more)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        self.pattern = compile_regex(rule, rule.spec.get("pattern"))
        self.anchor = self._anchor(rule)
        self.prefilter = None if self.anchor else prefilter_for(self.pattern)
        replace = rule.spec.get("replace", [])
        self.templates: list[str] = [replace] if isinstance(replace, str) else replace
        if not isinstance(self.templates, list) or not all(
                isinstance(t, str) for t in self.templates):
            raise rule.error("'replace' must be a template string or a list of them")
        check_templates(rule, self.pattern, self.templates, "replace")
        convert_case = rule.spec.get("convert_case")
        if convert_case not in (None, "lower", "upper"):
            raise rule.error("'convert_case' must be 'lower' or 'upper'")
        # A template cannot change the case of what a group matched ("He" → "he").
        self.convert_case: Callable[[str], str] | None = (
            None if convert_case is None else getattr(str, convert_case))
        self.safe_when = (compile_regex(rule, rule.spec["safe_when"], "safe_when")
                          if "safe_when" in rule.spec else None)

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        return (self.pattern,)

    def required_literals(self) -> frozenset[str] | None:
        # Every match holds a hit of the anchor.
        return required_literals([self.pattern if self.anchor is None else self.anchor.hits])

    def _anchor(self, rule: Rule) -> Anchor | None:
        if "anchor" not in rule.spec and "before" not in rule.spec:
            return None
        before = rule.spec.get("before")
        if not isinstance(before, int) or isinstance(before, bool) or before < 1:
            raise rule.error("'anchor' needs 'before': how many words (1 or more)")
        return anchor_for(self.pattern, compile_regex(rule, rule.spec.get("anchor"), "anchor"),
                          before)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        matches = (filtered_matches(self.pattern, self.prefilter, text) if self.anchor is None
                   else anchored_matches(self.anchor, text))
        for m in matches:
            replacements = [m.expand(t) for t in self.templates]
            if self.convert_case is not None:
                replacements = list(map(self.convert_case, replacements))
            yield self.finding(text, m.start(), m.end(), replacements,
                               safe=self._safe(m.group()), message_vars=m.groupdict())

    def _safe(self, matched: str) -> bool | None:
        """None: the rule's own `safe` decides."""
        if self.safe_when is None:
            return None
        try:
            return self.safe_when.fullmatch(matched, timeout=REGEX_TIMEOUT_S) is not None
        except TimeoutError:
            return False  # a fix the rule cannot vouch for in time is a suggestion

