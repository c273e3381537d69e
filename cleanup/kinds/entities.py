r"""`entities`: one spelling per name in a document, found by fuzzy transliteration matching.

    threshold: 0.8          # similarity a guarded match needs (0–1)
    gazetteer: true         # anchor canonical spellings to the shipped gazetteer
    style: names.json       # a style list saved by `cleanup entities --save-style`
    distinct: [[Amir, Emir]]  # names never merged (added to the shipped list)
    protected: [Al-Mayadin]   # spellings never rewritten

No list of names is needed: the rule finds name mentions, clusters their spellings
(`cleanup.entities`) and rewrites minority spellings to the canonical one.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.entities import DEFAULT_THRESHOLD, default_config, load_style, shipped_gazetteer
from cleanup.entities.mentions import find_mentions, wordlists
from cleanup.entities.spelling import MAJORITY_FIX_MAX_CHARS, analyse, respellings
from cleanup.errors import ConfigError
from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, string_list

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class EntitiesCheck(Check):
    KEYS = {
        "threshold": "similarity (0–1) a guarded match needs; default 0.8",
        "gazetteer": "anchor canonical spellings to the shipped gazetteer (default true)",
        "style": "path of a style list (JSON or YAML) whose spellings win",
        "distinct": "pairs of names never merged",
        "protected": "spellings never rewritten",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        spec = rule.spec
        threshold = spec.get("threshold", DEFAULT_THRESHOLD)
        if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
            raise rule.error("'threshold' must be a number above 0 and at most 1")
        distinct = spec.get("distinct", [])
        if not isinstance(distinct, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(n, str) for n in p)
                for p in distinct):
            raise rule.error("'distinct' must be a list of pairs of names")
        if not isinstance(spec.get("gazetteer", True), bool):
            raise rule.error("'gazetteer' must be true or false")
        self.config = default_config(float(threshold), [(a, b) for a, b in distinct],
                                     string_list(rule, "protected", required=False))
        self.gazetteer = shipped_gazetteer() if spec.get("gazetteer", True) else None
        # Read with the rule, so a cached linter has them and no run parses their YAML again.
        self.words = wordlists()
        try:
            self.style = load_style(spec["style"]) if spec.get("style") else None
        except ConfigError as exc:
            raise rule.error(str(exc)) from None

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        # In a text longer than a long report (a book, a corpus in one file) look-alike names
        # are as likely two people as one (Simeon and Simon, Eliezer and Eleazar): only names
        # anchored to the style list or the gazetteer are grouped there.
        entities = analyse(text, self.config, self.gazetteer, self.style,
                           mentions=find_mentions(text, self.words),
                           anchored_only=len(text) > MAJORITY_FIX_MAX_CHARS)
        for r in respellings(entities):
            why = (f"{r.canonical_count}× in this document" if r.canonical_count
                   else "the usual spelling")
            offered = [r.replacement, r.listed] if r.listed else [r.replacement]
            yield self.finding(text, r.start, r.end, offered, safe=r.safe,
                               related=r.related,
                               message_vars={"preferred": r.canonical, "why": why})
