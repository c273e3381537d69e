r"""`consistency`: one spelling per document for each set of variants.

    variants:
      - [Ain al-Assad, Ayn al-Assad, Ein al-Asad]
      - [ISIS, ISIL, Daesh]
    prefer: majority     # or `first`: the first listed variant of a set
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cleanup.casing import match_case
from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, add_phrase

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


class ConsistencyCheck(Check):
    KEYS = {
        "variants": "list of sets (lists) of spellings of one thing",
        "prefer": "'majority' (default: the document's most frequent spelling) or 'first'",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        sets = rule.spec.get("variants")
        if not isinstance(sets, list) or not sets or not all(
                isinstance(s, list) and len(s) >= 2 and all(isinstance(v, str) for v in s)
                for s in sets):
            raise rule.error("'variants' must be a list of lists of two or more spellings")
        self.prefer = rule.spec.get("prefer", "majority")
        if self.prefer not in ("majority", "first"):
            raise rule.error("'prefer' must be 'majority' or 'first'")
        # entry → (set index, variant index)
        self.entries: list[tuple[int, int]] = []
        self.sets: list[list[str]] = sets
        for set_index, variants in enumerate(sets):
            for variant_index, variant in enumerate(variants):
                add_phrase(rule, phrases, owner, len(self.entries), variant)
                self.entries.append((set_index, variant_index))

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        by_set: dict[int, list[tuple[int, int, int]]] = {}
        for start, end, entry in hits:
            set_index, variant_index = self.entries[entry]
            by_set.setdefault(set_index, []).append((start, end, variant_index))
        for set_index, occurrences in sorted(by_set.items()):
            counts = Counter(v for _, _, v in occurrences)
            if len(counts) < 2:
                continue
            preferred = self._preferred(counts, occurrences)
            spelling = self.sets[set_index][preferred]
            related = tuple((s, e) for s, e, v in occurrences if v == preferred)
            for start, end, variant in occurrences:
                if variant == preferred:
                    continue
                found = text[start:end]
                replacement = match_case(found, self.sets[set_index][variant], spelling)
                yield self.finding(
                    text, start, end, [replacement], related=related,
                    message_vars={"preferred": spelling, "count": counts[preferred]})

    def _preferred(self, counts: Counter[int], occurrences: list[tuple[int, int, int]]) -> int:
        if self.prefer == "first":
            return min(counts)
        top = max(counts.values())
        # A tie goes to the spelling the document used first.
        return next(v for _, _, v in occurrences if counts[v] == top)
