"""One pass over the text finds every literal phrase of every loaded rule.

An Aho-Corasick automaton (pyahocorasick, in C) runs over a folded copy of the text: lowercase,
with every non-word character turned into a space and a space added at both ends. A phrase is
stored folded the same way with a space on each side, so a hit always starts and ends at word
boundaries and the cost of a scan does not grow with the number of phrases. Each hit is then
verified against the original text (case, punctuation) by the entry that owns it, since folding
makes "al-Assad" and "al Assad" the same key.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True, slots=True)
class Phrase:
    owner: int  # index of the check that registered it
    entry: int  # the check's own index for the entry
    text: str
    case_sensitive: bool


def _build_fold_table() -> dict[int, int]:
    # Word characters: letters, marks and digits of every script, plus the connector '_'.
    # Everything else folds to a space. Built once for the Basic Multilingual Plane, where all
    # punctuation and separators live; other planes fold by category on the slow path.
    table: dict[int, int] = {}
    for cp in range(0x10000):
        ch = chr(cp)
        if not (ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"):
            table[cp] = 0x20
    return table


_FOLD: dict[int, int] | None = None


def fold(text: str) -> str:
    """Lowercase, non-word characters to spaces; always the same length as `text`."""
    global _FOLD
    if _FOLD is None:
        _FOLD = _build_fold_table()
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. 'İ' lowers to two code points: go char by char
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_FOLD)


def same_phrase(found: str, phrase: str, case_sensitive: bool) -> bool:
    """Does the text found in the document spell `phrase` (white space runs count as one)?"""
    found = " ".join(found.split())
    if case_sensitive:
        return found == phrase
    return found.lower() == phrase.lower()


class PhraseIndex:
    def __init__(self) -> None:
        self._keys: dict[str, list[Phrase]] = defaultdict(list)
        self._automaton: ahocorasick.Automaton | None = None

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, owner: int, entry: int, text: str, case_sensitive: bool) -> None:
        text = " ".join(text.split())
        key = " " + " ".join(fold(text).split()) + " "
        if not key.strip():
            raise ValueError(f"phrase {text!r} has no word characters")
        self._keys[key].append(Phrase(owner, entry, text, case_sensitive))
        self._automaton = None

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for key, phrases in self._keys.items():
            automaton.add_word(key, (len(key), tuple(phrases)))
        automaton.make_automaton()
        return automaton

    def scan(self, text: str) -> dict[int, list[tuple[int, int, int]]]:
        """owner → [(start, end, entry)] for every verified occurrence, in text order."""
        hits: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        if not self._keys:
            return hits
        if self._automaton is None:
            self._automaton = self._build()
        folded = " " + fold(text) + " "
        for last, (length, phrases) in self._automaton.iter(folded):
            # Key " a b " ends at `last` in the padded text; drop the padding spaces.
            start = last - length + 1  # = start in `text` (padding shift cancels)
            end = last - 1
            found = text[start:end]
            for phrase in phrases:
                if same_phrase(found, phrase.text, phrase.case_sensitive):
                    hits[phrase.owner].append((start, end, phrase.entry))
        return hits
