"""terms/repeated-phrase skips runs of words with (*SKIP) for speed: the matches must be those
of the same pattern without that branch."""
from __future__ import annotations

import functools
import random

import pytest
import regex

import cleanup

SKIP_END = "(*SKIP)(*FAIL)|"
WORDS = ["and", "or", "cat", "dog", "ab", "the", "more", "again", "é", "İz", "Or", "ord",
         "andy", "or3"]
SEPARATORS = [" "] * 12 + ["  ", ", ", ".", "\n", "-", "3", "\t", "_"]


@functools.cache
def _patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    check = next(c for c in cleanup.default_linter().checks
                 if c.rule.id == "terms/repeated-phrase")
    fast = check.pattern
    skip_start = fast.pattern.index("(?:") + len("(?:")
    skip_end = fast.pattern.index(SKIP_END) + len(SKIP_END)
    plain = fast.pattern[:skip_start] + fast.pattern[skip_end:]
    return fast, regex.compile(plain, fast.flags)


def _texts(count: int) -> list[str]:
    """Runs of words, most with a phrase planted on both sides of 'and' or 'or'."""
    rnd = random.Random(5)
    out = []
    for _ in range(count):
        words = "".join(rnd.choice(WORDS) + rnd.choice(SEPARATORS)
                        for _ in range(rnd.randint(1, 12)))
        phrase = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 5)))
        joiner = rnd.choice([" and ", " or ", " and  ", " or,"])
        out.append(f"{words}{phrase}{joiner}{phrase}{rnd.choice(['', ' ', 'x', '.'])}{words}")
    return out


@pytest.mark.parametrize("seed_text", [
    "the cat and the cat", "a cat sat on the mat with the dog and dog food, and more",
    "one two three four five six and five six", "cat or cat or cat and cat",
    "hostility or hostility", "again and again and again", "or and or", "x and x",
])
def test_examples_match_as_without_the_skip(seed_text: str) -> None:
    fast, plain = _patterns()
    assert fast.pattern != plain.pattern
    for text in (seed_text, seed_text.replace(" ", "  "), f"{seed_text}, {seed_text}"):
        assert ([(m.span(), m.groupdict()) for m in fast.finditer(text)]
                == [(m.span(), m.groupdict()) for m in plain.finditer(text)])


def test_random_runs_match_as_without_the_skip() -> None:
    fast, plain = _patterns()
    texts = _texts(3000)
    found = [[(m.span(), m.groupdict()) for m in fast.finditer(t)] for t in texts]
    assert found == [[(m.span(), m.groupdict()) for m in plain.finditer(t)] for t in texts]
    assert sum(map(bool, found)) > 300
