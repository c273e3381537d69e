"""The words of English, for the entity matcher: two different English words are two names.

`rules/entities/english.txt` is built by scripts/build_wordlist.py: one word per line, sorted.
A short text asks about a few dozen words, and a set of the 75,000 costs 11 ms to build (most
of such a check), so the first lookups are a binary search of the file's text; once there have
been enough of them to pay for it, the set is built.
"""
from __future__ import annotations

from functools import lru_cache

# Lookups by binary search (about 7 µs each) before the set (11 ms) is built.
SEARCHES_BEFORE_SET = 1500


@lru_cache(maxsize=1)
def english_text() -> str:
    """The words, one per line, in code-point order."""
    from cleanup.entities.gazetteer import data_dir  # late: the gazetteer imports the matcher

    text = (data_dir() / "english.txt").read_text(encoding="utf-8")
    return text.split("\n\n", 1)[-1]  # after the comment header


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    return frozenset(english_text().split())


def in_sorted_lines(lines: str, word: str) -> bool:
    """Whether `word` is a line of `lines`, whose lines are in code-point order."""
    lo, hi = 0, len(lines)  # both at the start of a line (or the end)
    while lo < hi:
        mid = (lo + hi) // 2
        start = lines.rfind("\n", lo, mid) + 1 or lo
        end = lines.find("\n", start, hi)
        if end < 0:
            end = hi
        line = lines[start:end]
        if line == word:
            return True
        if line < word:
            lo = end + 1
        else:
            hi = start
    return False


_searches = 0


def is_english(word: str) -> bool:
    """`word` (a plain form, see keys.plain) is a word of English."""
    global _searches
    if _searches < SEARCHES_BEFORE_SET:
        _searches += 1
        return "\n" not in word and in_sorted_lines(english_text(), word)
    return word in english_words()


def all_english(*words: str) -> bool:
    """Every word (a plain form, see keys.plain) is a word of English."""
    return all(map(is_english, words))
