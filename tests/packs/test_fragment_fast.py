"""The fragment kind's shortcuts answer as the plain way would."""
from __future__ import annotations

import pytest
import regex
from packs_helpers import rule_findings

from cleanup.kinds.fragment import _END, _WORD, _first_word, _words_in

SPEC = {"kind": "fragment", "verbs": "is are was were said took", "nouns": "news",
        "abbreviations": "Mr No U.S"}
LINES = [
    "The envoy replied: Was. The meeting ended early.",
    "The list won nine seats. Independent Candidates.",
    "Bread prices rose again. the bakers, citing flour costs.",
    "Witnesses told Rudaw that a column of 40 vehicles, including 12 buses loaded with "
    "families, and 9 trucks loaded with furniture.",
    "Mr. Smith said so. The U.S. Army took part.\tNo. 5 was there.  Rudaw news.",
    "One sentence alone.",
]


@pytest.mark.parametrize("sentence", [
    "U.S. officials re-used Ali's car at 3.5 km - it's 'odd', isn't it?",
    "the bakers, citing flour costs.", "--x", "",
])
def test_ascii_words_are_the_regex_words(sentence: str) -> None:
    assert _words_in(sentence) == _WORD.findall(sentence)
    match = _WORD.match(sentence)
    assert _first_word(sentence) == (match.group() if match else "")


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\u2028", "\x1c", "\n \n"])
def test_lines_read_together_as_each_alone(line_break: str) -> None:
    # Where sentences end is searched in the whole text and handed out line by line.
    alone = [(line, f.start, f.end, f.message) for line in LINES
             for f in rule_findings(SPEC, line)]
    text = line_break.join(LINES)
    together = []
    for f in rule_findings(SPEC, text):
        before = text.rfind(line_break, 0, f.start)
        line_start = 0 if before < 0 else before + len(line_break)
        line = next(line for line in LINES if text.startswith(line, line_start))
        together.append((line, f.start - line_start, f.end - line_start, f.message))
    assert len(alone) >= 5 and together == alone


def test_a_sentence_ends_before_what_regex_calls_not_white_space() -> None:
    """_END runs on the standard library's engine, whose \\s is str.isspace; what may follow
    the white space after a stop is what regex's \\S matches (Unicode's White_Space)."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    unicode_spaces = set(regex.findall(r"\s", every))
    assert unicode_spaces == {c for c in every if c.isspace()} - set("\x1c\x1d\x1e\x1f")
    assert [bool(_END.search(f"Yes. {c}")) for c in "a\x1c\x1f\n\u00a0"] == [
        True, True, True, False, False]
