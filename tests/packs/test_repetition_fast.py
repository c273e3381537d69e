"""The repetition kind's shortcuts answer as the plain way would."""
from __future__ import annotations

import pytest
from packs_helpers import texts
from rapidfuzz import fuzz

from cleanup.kinds.repetition import _WORD, _words


@pytest.mark.parametrize("sentence", [
    "It’s the “best” one—really: version 3.11 works (see A_b-c).",
    "Café owners in İzmir said the x² rule and the ΟΔΟΣ'Α sign were new.",
    "Tabs\tand\u00a0no-break spaces… and ¼ of the Ⅻ rows.",
])
def test_words_read_as_bytes_are_the_regex_words(sentence: str) -> None:
    assert _words(sentence) == tuple(w.lower() for w in _WORD.findall(sentence))


def test_a_copy_exactly_as_alike_as_required_is_still_compared() -> None:
    # The shorter sentence's words are all in the longer one: the likeness is exactly the
    # bound that lets dissimilar lengths skip the comparison.
    earlier, later = "Alpha bravo charlie delta echo foxtrot golfer.", "indiarome"
    copy = f"{earlier[:-1]} {later}."
    joined = " ".join(_words(earlier)), " ".join(_words(copy))
    assert (len(joined[0]), len(joined[1])) == (45, 55)
    rule = {"kind": "repetition", "min_words": 7, "similarity": 90}
    expected = [copy] if fuzz.ratio(*joined) >= 90 else []
    assert texts(rule, f"{earlier} {copy}") == expected
    assert texts({**rule, "similarity": 91}, f"{earlier} {copy}") == []
