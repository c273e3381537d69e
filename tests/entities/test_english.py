"""English words are looked up in the sampled word list (issue 5: a long text asks about
thousands of words, a short one should not pay for a set of all 75,000)."""
from __future__ import annotations

import random

import pytest

from cleanup.entities import english


def _listed() -> list[str]:
    return english.english_text().split()


def test_every_listed_word_is_found() -> None:
    listed = _listed()
    assert len(listed) > 70_000
    assert all(english.is_english(word) for word in listed)


@pytest.mark.parametrize("gap", [1, 7, 64, english.SAMPLE_GAP, 10**9])
def test_the_sampled_lines_agree_with_the_set_on_words_not_listed(gap: int) -> None:
    listed = _listed()
    words = set(listed)
    lines = english.SampledLines(english.english_text(), gap)
    rng = random.Random(gap)
    probes = ["", "\n", "a\nb", "zzzzzz", "aa a", "\naa", listed[0][:-1], listed[-1] + "z",
              listed[0], listed[-1]]
    for word in rng.sample(listed, 3000):  # neighbours of real words: the hard cases
        probes += [word, word[:-1], word + "s", word + "\n", word[1:], word.upper(), word + "zz"]
    probes += ["".join(rng.choice("abcdeiklmnorstu") for _ in range(rng.randint(1, 9)))
               for _ in range(5000)]
    assert [w in lines for w in probes] == [w in words for w in probes]


def test_names_of_english_words_are_english() -> None:
    assert english.all_english("image", "judea")
    assert not english.all_english("judea", "qoum")
    assert english.all_english()
