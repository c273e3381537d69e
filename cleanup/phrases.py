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
from collections.abc import Iterator
from typing import Any

import ahocorasick
import regex

# (owner: index of the check that registered it, entry: the check's own index for the entry,
# text, case_sensitive). A plain tuple: a cached linter unpickles 100,000 of them in C.
Phrase = tuple[int, int, str, bool]


# ASCII, the bulk of English text, folds through one 256-byte table (lowercase, non-word
# characters to spaces) at C speed; only the runs of other characters take the general path.
_ASCII_FOLD = bytes(
    ord(chr(b).lower()) if chr(b).isalnum() or b == ord("_") else 0x20 for b in range(256))
_NON_ASCII_RUN = regex.compile(r"([^\x00-\x7f]+)")  # captured: split() keeps the runs


class _FoldTable(dict):  # type: ignore[type-arg]
    """str.translate table filled on first sight of each character, so start-up does not pay
    for a table of every code point."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        # Word characters: letters, marks and digits of every script, plus the connector '_'.
        word = ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"
        self[cp] = folded = cp if word else 0x20
        return folded


_FOLD = _FoldTable()


def _fold_run(run: str) -> str:
    lowered = run.lower()
    if len(lowered) != len(run):  # 'İ' lowers to two code points: keep it as it is
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in run)
    return lowered.translate(_FOLD)


def fold(text: str) -> str:
    """Lowercase, non-word characters to spaces; always the same length as `text`."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    parts = _NON_ASCII_RUN.split(text)  # ASCII pieces at even indexes, runs at odd ones
    for i, part in enumerate(parts):
        parts[i] = _fold_run(part) if i % 2 else (
            part.encode("ascii").translate(_ASCII_FOLD).decode("ascii"))
    return "".join(parts)


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

    def __getstate__(self) -> dict[str, Any]:
        # A cached linter keeps the built automaton, which loads several times faster than it
        # builds (100,000 phrases: 0.1 s against 0.8 s), and not the keys it was built from:
        # an unpickled index only scans.
        if self._automaton is None and self._keys:
            self._automaton = self._build()
        return {"_keys": {}, "_automaton": self._automaton}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._keys = defaultdict(list, state["_keys"])
        self._automaton = state["_automaton"]

    def add(self, owner: int, entry: int, text: str, case_sensitive: bool) -> None:
        text = " ".join(text.split())
        key = " " + " ".join(fold(text).split()) + " "
        if not key.strip():
            raise ValueError(f"phrase {text!r} has no word characters")
        self._keys[key].append((owner, entry, text, case_sensitive))
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
        if self._automaton is None:
            if not self._keys:
                return hits
            self._automaton = self._build()
        for offset, end in _pieces(text, SCAN_PIECE):
            self._scan_piece(text, offset, end, hits)
        return hits

    def _scan_piece(self, text: str, offset: int, end: int,
                    hits: dict[int, list[tuple[int, int, int]]]) -> None:
        assert self._automaton is not None
        folded = " " + fold(text[offset:end]) + " "
        for last, (length, phrases) in self._automaton.iter(folded):
            # Key " a b " ends at `last` in the padded piece; drop the padding spaces.
            start = offset + last - length + 1  # the padding shift cancels
            stop = offset + last - 1
            found = text[start:stop]
            for owner, entry, phrase, case_sensitive in phrases:
                if same_phrase(found, phrase, case_sensitive):
                    hits[owner].append((start, stop, entry))


# Characters folded at a time: a large file is scanned piece by piece, so the folded copy
# never holds more than this (issue 5: peak memory on a 100 MB file).
SCAN_PIECE = 1 << 20
_CUT = regex.compile(r"\n\n|\. ")


def _pieces(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of about `size` characters that no phrase straddles.

    Each cut falls between two non-word characters (inside a blank line or after a full stop).
    A folded key has single spaces between its words and a word character next to each of its
    spaces, so no key can match across the cut, and the padding space of each piece stands for
    the non-word character on the other side of the cut: the hits are those of a whole scan.
    """
    start = 0
    while len(text) - start > size:
        m = _CUT.search(text, start + size)
        if m is None:
            break
        yield start, m.start() + 1
        start = m.start() + 1
    yield start, len(text)
