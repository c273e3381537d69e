r"""`repetition`: a sentence that says again, almost word for word, what an earlier one said.

    min_words: 7        # shorter sentences may repeat by design ("He denied it.")
    similarity: 90      # percent (rapidfuzz ratio of the two sentences' words)

Scraped and machine-translated copy often carries a sentence twice: the lead repeated in the
body, a wire sentence pasted after the translation of the same sentence. The later copy is
flagged and deleting it is suggested, never applied: the editor picks which copy stays.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterator
from itertools import chain, compress, repeat
from operator import contains, itemgetter
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

# A sentence: from a capital letter to . ! or ? before white space, the end, or a capital
# ("Iraq.The" runs two sentences together and still counts as two).
# The runs between stops are possessive: only a stop can follow them, so giving back a
# character never helps, and not trying halves the scan.
_SENTENCE = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Lu}[^.!?\n]*+(?:[.!?](?![\s\p{Lu}\"”’]|$)[^.!?\n]*+)*[.!?]")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_NON_ASCII_WORD_CHARACTER = regex.compile(r"[[\p{L}\p{N}]--\p{ASCII}]", regex.VERSION1)
# The same for a quick first look, with the standard library's quicker engine: outside ASCII
# and General Punctuation (curly quotes, dashes, ellipsis), which holds no letter or digit.
_MAYBE_WORD_CHARACTER = re.compile(r"[^\x00-\x7f\u2000-\u206f]")
# ASCII letters and digits lowercased, '?' kept (encoding to ASCII turns any other character
# into '?'), every other byte a space: a text's words at once.
_ASCII_WORD_BYTES = bytes(
    c if chr(c).isascii() and chr(c).isalnum() or chr(c) == "?" else ord(" ")
    for c in range(256)).lower()
_FIRST_THREE, _LAST_THREE = itemgetter(slice(3)), itemgetter(slice(-3, None))
_KEY_CHUNK = 4096  # sentences whose keys are worked out at once


class RepetitionCheck(Check):
    KEYS = {
        "min_words": "shortest sentence that is compared (default 7)",
        "similarity": "percent of likeness from which two sentences are the same (default 90)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        self.min_words = rule.spec.get("min_words", 7)
        self.similarity = rule.spec.get("similarity", 90)
        if not isinstance(self.min_words, int) or self.min_words < 2:
            raise rule.error("'min_words' must be a whole number of at least 2")
        if not isinstance(self.similarity, (int, float)) or not 50 <= self.similarity <= 100:
            raise rule.error("'similarity' must be a percentage from 50 to 100")

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        # Sentences are compared only with earlier ones that share their first or last three
        # words, so a long document costs about as much as reading it once.
        # Keys are hashes, not word tuples, for memory; a collision only adds a comparison.
        spans = [m.span() for m in _SENTENCE.finditer(text)]
        words = _Words(text)
        firsts, lasts = _end_keys(words, spans)
        # Most sentences share neither end with any other: those are never compared, and
        # their words need not be read again (two thirds of clean prose).
        first_counts, last_counts = Counter(firsts), Counter(lasts)
        # Each key's sentences so far as (length, joined words), in order of length: only
        # those of a length that can be alike enough are compared. Only sentences that share
        # a key keep their words, so a text of sentences all different keeps none.
        by_first: dict[int, list[tuple[int, str]]] = {}
        by_last: dict[int, list[tuple[int, str]]] = {}
        for (start, end), first, last in zip(spans, firsts, lasts):
            if first_counts[first] < 2 and last_counts[last] < 2:
                continue
            joined = words.joined(start, end)
            if joined.count(" ") + 1 < self.min_words:
                continue
            same_start = by_first.setdefault(first, [])
            same_end = by_last.setdefault(last, [])
            if same_start or same_end:
                shortest, longest = self._alike_lengths(len(joined))
                # One sharing both ends is compared twice, which is rare and answers the same.
                if any(self._same(earlier, joined) for earlier in chain(
                        _of_lengths(same_start, shortest, longest),
                        _of_lengths(same_end, shortest, longest))):
                    yield self.finding(text, start, end, [""], safe=False)
                    continue  # the copy is not a model for later copies: the first one is
            insort(same_start, (len(joined), joined))
            insort(same_end, (len(joined), joined))

    def _alike_lengths(self, length: int) -> tuple[int, int]:
        """The shortest and longest joined words that can be alike enough to `length`'s, a
        character wider each way than `_same`'s bound for rounding."""
        bound = self.similarity - 1e-6
        return int(length * bound / (200 - bound)) - 1, int(length * (200 - bound) / bound) + 1

    def _same(self, earlier: tuple[int, str], joined: str) -> bool:
        # The ratio is at most 200 * shorter / (both lengths): past that bound, rapidfuzz
        # need not be asked. The margin leaves ties to rapidfuzz.
        length, earlier_joined = earlier
        shorter, both = min(length, len(joined)), length + len(joined)
        if 200 * shorter < (self.similarity - 1e-6) * both:
            return False
        from rapidfuzz import fuzz  # here: a text with no two sentences alike needs none (12 ms)

        return fuzz.ratio(earlier_joined, joined) >= self.similarity


class _Words:
    """The words of a text's sentences, lowercased one by one ("İ" lowercases to two
    characters, the second not a letter) and joined by spaces. Where all letters and digits
    are ASCII, read from a copy of the text lowercased at once, which is the same and several
    times quicker. The copy takes a byte a character, no more than the text itself."""

    def __init__(self, text: str) -> None:
        self.text = text
        # One character for one: ASCII letters and digits lowercased, '?' and any non-ASCII
        # character '?', any other a space.
        self.lowered = text.encode("ascii", "replace").translate(_ASCII_WORD_BYTES).decode()

    def joined(self, start: int, end: int) -> str:
        return " ".join(self.spaced(start, end, self.lowered[start:end]).split())

    def spaced(self, start: int, end: int, lowered: str) -> str:
        """The words of text[start:end], whose `lowered` copy is given, between white space."""
        if "?" not in lowered:
            return lowered
        # A question mark or a non-ASCII character, which is seldom a letter or digit.
        text = self.text
        if (_MAYBE_WORD_CHARACTER.search(text, start, end)
                and _NON_ASCII_WORD_CHARACTER.search(text, start, end)):
            return " ".join(map(str.lower, _WORD.findall(text, start, end)))
        return lowered.replace("?", " ")


def _end_keys(words: _Words, spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Hashes of the first and of the last three words of each sentence (of all its words when
    it has fewer). Splitting only the ends off is several times quicker than splitting all the
    words; a few thousand sentences at a time bound the memory a big text needs."""
    firsts: list[int] = []
    lasts: list[int] = []
    lowered = words.lowered
    for chunk_start in range(0, len(spans), _KEY_CHUNK):
        chunk = spans[chunk_start:chunk_start + _KEY_CHUNK]
        pieces = [lowered[start:end] for start, end in chunk]
        for at in compress(range(len(pieces)), map(contains, pieces, repeat("?"))):
            if not _plain_ends(pieces[at]):
                pieces[at] = words.spaced(*chunk[at], pieces[at])
        firsts += map(hash, map(tuple, map(_FIRST_THREE,
                                             map(str.split, pieces, repeat(None), repeat(3)))))
        lasts += map(hash, map(tuple, map(_LAST_THREE,
                                            map(str.rsplit, pieces, repeat(None), repeat(3)))))
    return firsts, lasts


def _plain_ends(lowered: str) -> bool:
    """Are the first and last three words of a lowered sentence free of '?' (so the words they
    are, whatever stands for '?' elsewhere)?"""
    return "?" not in "".join(lowered.split(None, 3)[:3] + lowered.rsplit(None, 3)[-3:])


def _of_lengths(by_length: list[tuple[int, str]], shortest: int, longest: int
                ) -> list[tuple[int, str]]:
    return by_length[bisect_left(by_length, (shortest,)):bisect_left(by_length, (longest + 1,))]
