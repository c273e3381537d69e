"""Pattern rules with an `anchor` (for speed) find what a whole-text scan of their pattern
finds: the anchor and `before` must hold for every match."""
from __future__ import annotations

import functools
import random

import pytest

import cleanup
from cleanup.kinds.pattern import PatternCheck
from cleanup.kinds.prefilter import anchored_matches

WORDS = ["and", "or", "cat", "dog", "ab", "the", "more", "again", "é", "İz", "Or", "ord",
         "andy", "or3", "x"]
SEPARATORS = [" "] * 12 + ["  ", ", ", ".", "\n", "-", "3", "\t", "_", "’"]


@functools.cache
def _anchored() -> list[PatternCheck]:
    return [c for c in cleanup.default_linter().checks
            if isinstance(c, PatternCheck) and c.anchor is not None]


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


def _found(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


def test_the_repeated_phrase_rule_is_anchored() -> None:
    assert "terms/repeated-phrase" in {c.rule.id for c in _anchored()}


@pytest.mark.parametrize("seed_text", [
    "the cat and the cat", "a cat sat on the mat with the dog and dog food, and more",
    "one two three four five six and five six", "cat or cat or cat and cat",
    "hostility or hostility", "again and again and again", "or and or", "x and x",
    "salt and pepper and salt and pepper", "cat and cat and cat and cat",
])
def test_examples_match_as_a_whole_text_scan(seed_text: str) -> None:
    for check in _anchored():
        for text in (seed_text, seed_text.replace(" ", "  "), f"{seed_text}, {seed_text}"):
            assert _found(anchored_matches(check.anchor, text)) == _found(  # type: ignore
                check.pattern.finditer(text)), (check.rule.id, text)


def test_random_runs_match_as_a_whole_text_scan() -> None:
    texts = _texts(3000)
    for check in _anchored():
        found = [_found(anchored_matches(check.anchor, t)) for t in texts]  # type: ignore
        assert found == [_found(check.pattern.finditer(t)) for t in texts], check.rule.id
        assert sum(map(bool, found)) > 300
