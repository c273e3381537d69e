"""English words are looked up by binary search of the word list before its set is built: the
two must agree on every word (issue 5: a short text should not pay for the set)."""
from __future__ import annotations

import random

import pytest

from cleanup.entities import english


def test_every_listed_word_is_found_by_the_search() -> None:
    text = english.english_text()
    words = english.english_words()
    assert len(words) > 70_000
    assert all(english.in_sorted_lines(text, word) for word in words)


def test_the_search_agrees_with_the_set_on_words_not_listed() -> None:
    text, words = english.english_text(), english.english_words()
    rng = random.Random(5)
    listed = sorted(words)
    probes = ["", "\n", "a\nb", "zzzzzz", "aa a", listed[0][:-1], listed[-1] + "z"]
    for word in rng.sample(listed, 3000):  # neighbours of real words: the hard cases
        probes += [word[:-1], word + "s", word + "\n", word[1:], word.upper(), word + "zz"]
    probes += ["".join(rng.choice("abcdeiklmnorstu") for _ in range(rng.randint(1, 9)))
               for _ in range(5000)]
    assert [english.in_sorted_lines(text, w) for w in probes] == [w in words for w in probes]


@pytest.mark.parametrize("searches", [0, english.SEARCHES_BEFORE_SET])
def test_names_of_english_words_are_english_either_way(
        searches: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(english, "_searches", searches)
    assert english.all_english("image", "judea")
    assert not english.all_english("judea", "qoum")
    assert english.all_english()
