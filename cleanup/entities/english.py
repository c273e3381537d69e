"""The words of English, for the entity matcher: two different English words are two names.

`rules/entities/english.txt` is built by scripts/build_wordlist.py. It is read only when two
spellings already match by the transliteration rules, which most texts never reach.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    from cleanup.entities.gazetteer import data_dir  # late: the gazetteer imports the matcher

    text = (data_dir() / "english.txt").read_text(encoding="utf-8")
    return frozenset(text.split("\n\n", 1)[-1].split())  # after the comment header


def all_english(*words: str) -> bool:
    """Every word (a plain form, see keys.plain) is a word of English."""
    english = english_words()
    return all(word in english for word in words)
