r"""`repetition`: a sentence that says again, almost word for word, what an earlier one said.

    min_words: 7        # shorter sentences may repeat by design ("He denied it.")
    similarity: 90      # percent (rapidfuzz ratio of the two sentences' words)

Scraped and machine-translated copy often carries a sentence twice: the lead repeated in the
body, a wire sentence pasted after the translation of the same sentence. The later copy is
flagged and deleting it is suggested, never applied: the editor picks which copy stays.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

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
# ASCII letters and digits lowercased, every other byte a space: a sentence's words at once.
_ASCII_WORD_BYTES = bytes(
    c if chr(c).isascii() and chr(c).isalnum() else ord(" ") for c in range(256)).lower()


class Sentence(NamedTuple):
    """Only where a sentence is: its words are worked out again when it is compared, so that a
    100 MB text does not keep all its words in memory."""

    start: int
    end: int
    length: int  # of its words joined by spaces: a cheap bound on how alike two can be


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
        by_first: dict[int, list[Sentence]] = {}
        by_last: dict[int, list[Sentence]] = {}
        for m in _SENTENCE.finditer(text):
            words = _words(m.group())
            if len(words) < self.min_words:
                continue
            joined = " ".join(words)
            same_start = by_first.setdefault(hash(words[:3]), [])
            same_end = by_last.setdefault(hash(words[-3:]), [])
            # One sharing both ends is compared twice, which is rare and answers the same.
            if (same_start or same_end) and any(
                    self._same(text, s, joined) for s in chain(same_start, same_end)):
                yield self.finding(text, m.start(), m.end(), [""], safe=False)
                continue  # the copy is not a model for later copies: the first one is
            sentence = Sentence(m.start(), m.end(), len(joined))
            same_start.append(sentence)
            same_end.append(sentence)

    def _same(self, text: str, earlier: Sentence, joined: str) -> bool:
        # The ratio is at most 200 * shorter / (both lengths): past that bound, the earlier
        # sentence's words need not be read again. The margin leaves ties to rapidfuzz.
        shorter, both = min(earlier.length, len(joined)), earlier.length + len(joined)
        if 200 * shorter < (self.similarity - 1e-6) * both:
            return False
        from rapidfuzz import fuzz  # here: a text with no two sentences alike needs none (12 ms)

        earlier_joined = " ".join(_words(text[earlier.start:earlier.end]))
        return fuzz.ratio(earlier_joined, joined) >= self.similarity


def _words(sentence: str) -> tuple[str, ...]:
    """The sentence's words, lowercased one by one ("İ" lowercases to two characters, the
    second not a letter). When all its letters and digits are ASCII, as bytes all at once,
    which is the same and several times quicker."""
    if sentence.isascii() or not _NON_ASCII_WORD_CHARACTER.search(sentence):
        # Any other character becomes '?', which is outside words like any punctuation.
        ascii_bytes = sentence.encode("ascii", "replace")
        return tuple(ascii_bytes.translate(_ASCII_WORD_BYTES).decode().split())
    return tuple(w.lower() for w in _WORD.findall(sentence))
