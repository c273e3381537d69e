r"""`substitution`: listed phrases (or regexes) and what to write instead.

    swap:
      Rashatoudi: RT             # one replacement: a safe fix unless the rule says `safe: false`
      Al-Alam network: [Al-Alam, Al-Alam TV]   # several: suggestions only
    regex: false                 # true: the keys are regular expressions, values templates
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.casing import match_case
from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, add_phrase, check_templates, compile_regex
from cleanup.kinds.prefilter import filtered_matches, prefilter_for, required_literals
from cleanup.tables import StringLists

if TYPE_CHECKING:
    import regex

    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class SubstitutionCheck(Check):
    LOCAL = True
    KEYS = {
        "swap": "mapping: phrase → replacement, or → list of suggested replacements",
        "regex": "true when the swap keys are regular expressions (values are templates)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        swap = rule.spec.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise rule.error("'swap' must be a non-empty mapping of phrase to replacement(s)")
        entries = []
        for phrase, value in swap.items():
            reps = [value] if isinstance(value, str) else value
            if not isinstance(phrase, str) or not isinstance(reps, list) or not all(
                    isinstance(r, str) for r in reps):
                raise rule.error(f"swap entry {phrase!r} must map a string to a string or list")
            entries.append([phrase, *reps])
        # entry → [phrase, replacement, ...] as flat strings: a cached linter loads 100,000
        # entries at once (as tuples they took 33 ms; see cleanup.tables).
        self.entries = StringLists(entries)
        self.patterns: list[regex.Pattern[str]] = []
        if rule.spec.get("regex", False):
            self.patterns = [compile_regex(rule, p, "swap") for p in swap]
            self.prefilters = [prefilter_for(p) for p in self.patterns]
            for (_, *templates), pattern in zip(self.entries, self.patterns):
                check_templates(rule, pattern, templates, "swap")
        else:
            for entry, phrase in enumerate(swap):
                add_phrase(rule, phrases, owner, entry, phrase)

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        return self.patterns

    def required_literals(self) -> frozenset[str] | None:
        return required_literals(self.patterns)  # (none: only phrase hits)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        if self.patterns:
            for (_, *templates), pattern, prefilter in zip(
                    self.entries, self.patterns, self.prefilters):
                for m in filtered_matches(pattern, prefilter, text):
                    yield self.finding(text, m.start(), m.end(), [m.expand(t) for t in templates])
            return
        for start, end, entry in hits:
            phrase, *reps = self.entries[entry]
            found = text[start:end]
            yield self.finding(text, start, end, [match_case(found, phrase, r) for r in reps])
