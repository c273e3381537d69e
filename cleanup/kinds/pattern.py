r"""`pattern`: a regular expression with captures and a replacement template.

    pattern: '\b(\w+) \1\b'      # doubled word
    replace: '\1'                # template (\1, \g<name>); a list means suggestions
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, check_templates, compile_regex, regex_matches

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class PatternCheck(Check):
    KEYS = {
        "pattern": "regular expression (the `regex` module's VERSION1 syntax)",
        "replace": "replacement template, or a list of suggested templates; '' deletes",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        self.pattern = compile_regex(rule, rule.spec.get("pattern"))
        replace = rule.spec.get("replace", [])
        self.templates: list[str] = [replace] if isinstance(replace, str) else replace
        if not isinstance(self.templates, list) or not all(
                isinstance(t, str) for t in self.templates):
            raise rule.error("'replace' must be a template string or a list of them")
        check_templates(rule, self.pattern, self.templates, "replace")

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        for m in regex_matches(self.pattern, text):
            yield self.finding(text, m.start(), m.end(), [m.expand(t) for t in self.templates],
                               message_vars=m.groupdict())

