"""The words of English, for the entity matcher: two different English words are two names.

`rules/entities/english.txt` is built by scripts/build_wordlist.py: one word per line, sorted.
A set of the 75,000 words costs 11 ms to build, and a binary search of the file's text 9 µs a
lookup (a long text makes thousands). So the text is sampled instead: every two kilobytes, the
word that starts a line there. A lookup finds its gap among the samples (a C bisect) and
searches the gap's text for the line (a C find): 2 µs, after a quarter of a millisecond.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

SAMPLE_GAP = 2048  # characters of the word list between two samples


@lru_cache(maxsize=1)
def english_text() -> str:
    """The words in code-point order, each between two line breaks ("\nable\nabout\n…\n")."""
    from cleanup.entities.gazetteer import data_dir  # late: the gazetteer imports the matcher

    text = (data_dir() / "english.txt").read_text(encoding="utf-8")
    return text[text.index("\n\n") + 1:]  # after the comment header


class SampledLines:
    """Sorted lines, looked up in one gap between samples. `framed` holds the lines in
    code-point order without repeats, each between two line breaks, so that a line is found as
    "\n" + line + "\n"."""

    __slots__ = ("_framed", "_sampled", "_starts")

    def __init__(self, framed: str, gap: int = SAMPLE_GAP) -> None:
        self._framed = framed
        self._starts: list[int] = []  # where each sampled line starts
        self._sampled: list[str] = []
        at = 1
        while at < len(framed):
            end = framed.find("\n", at)
            self._starts.append(at)
            self._sampled.append(framed[at:end])
            at = framed.find("\n", max(end, at + gap)) + 1 or len(framed)

    def __contains__(self, line: str) -> bool:
        if not line or "\n" in line:
            return False
        # The line, if listed, starts between the last sample not after it and the next one.
        i = bisect_right(self._sampled, line) - 1
        if i < 0:
            return False
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self._framed)
        return self._framed.find("\n" + line + "\n", self._starts[i] - 1, end) >= 0


@lru_cache(maxsize=1)
def english_lines() -> SampledLines:
    return SampledLines(english_text())


def is_english(word: str) -> bool:
    """`word` (a plain form, see keys.plain) is a word of English."""
    return word in english_lines()


def all_english(*words: str) -> bool:
    """Every word (a plain form, see keys.plain) is a word of English."""
    return all(map(is_english, words))
