"""The repetition kind's shortcuts answer as the plain way would."""
from __future__ import annotations

import random
from itertools import chain

import pytest
from packs_helpers import rule_findings, texts
from rapidfuzz import fuzz

from cleanup.kinds.repetition import (
    _MAYBE_WORD_CHARACTER,
    _NON_ASCII_WORD_CHARACTER,
    _SENTENCE,
    _WORD,
    _Words,
)


def plain_words(sentence: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(sentence))


def test_general_punctuation_holds_no_letter_or_digit() -> None:
    block = "".join(map(chr, range(0x2000, 0x2070)))
    assert not _NON_ASCII_WORD_CHARACTER.search(block)
    assert _MAYBE_WORD_CHARACTER.findall(block + "é²") == ["é", "²"]


@pytest.mark.parametrize("sentence", [
    "It’s the “best” one—really: version 3.11 works (see A_b-c).",
    "Café owners in İzmir said the x² rule and the ΟΔΟΣ'Α sign were new.",
    "Tabs\tand\u00a0no-break spaces… and ¼ of the Ⅻ rows?",
])
def test_words_read_from_the_lowered_copy_are_the_regex_words(sentence: str) -> None:
    text = f"Before it. {sentence} After it."
    start = text.index(sentence)
    assert _Words(text).joined(start, start + len(sentence)) == plain_words(sentence)


def plain_repetitions(text: str, min_words: int, similarity: float) -> list[tuple[int, int]]:
    """The kind as first written: every sentence's words read by the regex, and compared with
    every earlier sentence (not a copy) that shares its first or last three words."""
    by_first: dict[tuple[str, ...], list[str]] = {}
    by_last: dict[tuple[str, ...], list[str]] = {}
    found = []
    for m in _SENTENCE.finditer(text):
        joined = plain_words(m.group())
        words = tuple(joined.split())
        if len(words) < min_words:
            continue
        same_start = by_first.setdefault(words[:3], [])
        same_end = by_last.setdefault(words[-3:], [])
        if any(fuzz.ratio(e, joined) >= similarity
               for e in chain(same_start, same_end)):
            found.append(m.span())
            continue
        same_start.append(joined)
        same_end.append(joined)
    return found


_VOCABULARY = ("the", "The", "army", "said", "it", "was", "over", "Erbil", "café", "Café",
               "İzmir", "x²", "۱۴۰۲", "don’t", "“quoted”", "—", "and", "of", "flights",
               "suspended", "a", "second", "day", "on", "Tuesday", "U.S.", "e.g.", "3.5")


def random_prose(rng: random.Random) -> str:
    """Sentences drawn from a few, so that copies, near copies and shared ends are common."""
    models = [[rng.choice(_VOCABULARY) for _ in range(rng.randint(1, 12))] for _ in range(4)]
    sentences = []
    for _ in range(rng.randint(1, 14)):
        words = list(rng.choice(models))
        for _ in range(rng.randint(0, 2)):  # a word changed, dropped or added
            at = rng.randrange(len(words) + 1)
            words[at:at + rng.randint(0, 1)] = [rng.choice(_VOCABULARY)] * rng.randint(0, 1)
        stop = rng.choice(".....?!")
        sentences.append(rng.choice(["", "", "", "He said: ", "“"]) + " ".join(
            words).capitalize() + stop + rng.choice(["", "", "”", ")"]))
    return "".join(s + rng.choice([" ", " ", "  ", "\n", "\n\n", ""]) for s in sentences)


def test_the_kind_finds_what_the_plain_way_finds() -> None:
    rng = random.Random(11)
    compared = 0
    for _ in range(1500):
        text = random_prose(rng)
        min_words, similarity = rng.randint(2, 7), rng.choice([60, 75, 85, 90, 99.5, 100])
        rule = {"kind": "repetition", "min_words": min_words, "similarity": similarity}
        found = [(f.start, f.end) for f in rule_findings(rule, text)]
        assert found == plain_repetitions(text, min_words, similarity), text
        compared += bool(found)
    assert compared > 300


def test_a_copy_exactly_as_alike_as_required_is_still_compared() -> None:
    # The shorter sentence's words are all in the longer one: the likeness is exactly the
    # bound that lets dissimilar lengths skip the comparison.
    earlier, later = "Alpha bravo charlie delta echo foxtrot golfer.", "indiarome"
    copy = f"{earlier[:-1]} {later}."
    joined = plain_words(earlier), plain_words(copy)
    assert (len(joined[0]), len(joined[1])) == (45, 55)
    rule = {"kind": "repetition", "min_words": 7, "similarity": 90}
    expected = [copy] if fuzz.ratio(*joined) >= 90 else []
    assert texts(rule, f"{earlier} {copy}") == expected
    assert texts({**rule, "similarity": 91}, f"{earlier} {copy}") == []
