r"""`repetition`: a sentence that says again, almost word for word, what an earlier one said.

    min_words: 7        # shorter sentences may repeat by design ("He denied it.")
    similarity: 90      # percent (rapidfuzz ratio of the two sentences' words)

Scraped and machine-translated copy often carries a sentence twice: the lead repeated in the
body, a wire sentence pasted after the translation of the same sentence. The later copy is
flagged and deleting it is suggested, never applied: the editor picks which copy stays.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex
from rapidfuzz import fuzz

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

# A sentence: from a capital letter to . ! or ? before white space, the end, or a capital
# ("Iraq.The" runs two sentences together and still counts as two).
_SENTENCE = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Lu}[^.!?\n]*(?:[.!?](?![\s\p{Lu}\"”’]|$)[^.!?\n]*)*[.!?]")
_WORD = regex.compile(r"[\p{L}\p{N}]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """Only where a sentence is: its words are worked out again when it is compared, so that a
    100 MB text does not keep all its words in memory."""

    start: int
    end: int


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
        by_key: dict[int, list[Sentence]] = {}
        for m in _SENTENCE.finditer(text):
            words = _words(m.group())
            if len(words) < self.min_words:
                continue
            sentence = Sentence(m.start(), m.end())
            keys = {hash(("<",) + words[:3]), hash((">",) + words[-3:])}
            earlier = {id(s): s for k in keys for s in by_key.get(k, [])}
            joined = " ".join(words)
            if any(self._same(text, s, joined) for s in earlier.values()):
                yield self.finding(text, sentence.start, sentence.end, [""], safe=False)
                continue  # the copy is not a model for later copies: the first one is
            for key in keys:
                by_key.setdefault(key, []).append(sentence)

    def _same(self, text: str, earlier: Sentence, joined: str) -> bool:
        earlier_joined = " ".join(_words(text[earlier.start:earlier.end]))
        return fuzz.ratio(earlier_joined, joined) >= self.similarity


def _words(sentence: str) -> tuple[str, ...]:
    """The sentence's words, lowercased one by one ("İ" lowercases to two characters, the
    second not a letter); an ASCII sentence all at once, which is the same and quicker."""
    if sentence.isascii():
        return tuple(_WORD.findall(sentence.lower()))
    return tuple(w.lower() for w in _WORD.findall(sentence))
