r"""`existence`: flag listed phrases or patterns; never an automatic fix.

    tokens: [the leap desert]    # literal phrases
    patterns: ['\bof our country\b']   # regular expressions
    suggest: [...]               # optional replacements offered as suggestions (templates)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from cleanup.finding import Finding
from cleanup.kinds.base import (
    Check, Hits, add_phrase, check_templates, compile_regex, string_list)
from cleanup.kinds.prefilter import filtered_matches, prefilter_for, required_literals

if TYPE_CHECKING:
    import regex

    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class ExistenceCheck(Check):
    LOCAL = True
    KEYS = {
        "tokens": "literal phrases to flag",
        "patterns": "regular expressions to flag",
        "suggest": "replacements to offer, never applied automatically (regex templates)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        if rule.safe:
            raise rule.error("an existence rule has no automatic fix: drop 'safe: true'")
        tokens = string_list(rule, "tokens", required=False)
        self.patterns = [compile_regex(rule, p, "patterns")
                         for p in string_list(rule, "patterns", required=False)]
        self.prefilters = [prefilter_for(p) for p in self.patterns]
        if not tokens and not self.patterns:
            raise rule.error("needs 'tokens' or 'patterns'")
        self.suggest = string_list(rule, "suggest", required=False)
        for pattern in self.patterns:
            check_templates(rule, pattern, self.suggest, "suggest")
        for entry, token in enumerate(tokens):
            add_phrase(rule, phrases, owner, entry, token)

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        return self.patterns

    def required_literals(self) -> frozenset[str] | None:
        return required_literals(self.patterns)  # (none: only phrase hits)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        for start, end, _ in hits:
            yield self.finding(text, start, end, self.suggest, safe=False)
        for pattern, prefilter in zip(self.patterns, self.prefilters):
            for m in filtered_matches(pattern, prefilter, text):
                yield self.finding(text, m.start(), m.end(),
                                   [m.expand(s) for s in self.suggest], safe=False,
                                   message_vars=m.groupdict())
