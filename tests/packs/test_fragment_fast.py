"""The fragment kind's shortcuts answer as the plain way would."""
from __future__ import annotations

import random

import pytest
import regex
from packs_helpers import rule_findings, rule_linter

from cleanup.kinds.fragment import (
    _AFTER_COLON,
    _END,
    _THAT_CLAUSE,
    _WORD,
    FragmentCheck,
    _first_word,
    _may_end_after_colon,
    _may_report,
    _may_start_lowercase,
    _words_in,
)

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


_PIECES = ("is", "Is", "IS", "said", "was", "it", "they", "the", "army", "convoy", "moved",
           "MOVED", "loading", "talks", "news", "Mr", "No", "U.S", "e.g", "3", "42", "x",
           "café", "İs", "ſaid", "\u212aeep", "'tis", "don't", "don’t", "re-used", "a.b",
           "edé", "ed", "ing", "-ed", "it's", "(Reuters)", "—", "“", "”", '"', ":", ",",
           "that", "told", "Rudaw", "added", "d", "says", "Is.", "e.", "اb", "ǅa", "said that",
           "told Rudaw that", "stated that", ": was", ": Is")
_SPACES = (" ", " ", " ", "  ", "\t", "\u00a0", ". ", "! ", "? ", '." ', ".) ", "")


def random_sentence(rng: random.Random) -> str:
    pieces = [rng.choice(_PIECES) for _ in range(rng.randint(1, 9))]
    return "".join(p + rng.choice(_SPACES) for p in pieces).rstrip() + rng.choice(".....?!:")


def test_a_quick_verb_is_a_verb_the_plain_way() -> None:
    check = rule_linter({**SPEC, "verbs": SPEC["verbs"] + " keep 'tis"}).checks[0]
    rng = random.Random(3)
    quick = 0
    for _ in range(20000):
        sentence = random_sentence(rng)
        if check._has_verb_and_two_words(sentence):
            quick += 1
            words = _words_in(sentence)
            assert len(words) > 1, sentence
            assert any(check._verb_like(w, i, words) for i, w in enumerate(words)), sentence
    assert quick > 5000


def plain_abbreviation(check: FragmentCheck, sentence: str) -> bool:
    """`_abbreviation` as first written: the whole sentence so far split at its white space."""
    stripped = sentence.rstrip("\"”’')]")
    if not stripped.endswith("."):
        return False
    tokens = stripped[:-1].rsplit(None, 1)
    last = (tokens[-1] if tokens else "").lstrip("(\"“‘'")
    return (len(last) == 1 or "." in last or last.lower() in check.abbreviations
            or last.isdigit())


def test_abbreviations_read_from_the_end_are_read_as_from_the_start() -> None:
    check = rule_linter(SPEC).checks[0]
    rng = random.Random(4)
    for _ in range(3000):
        line = " ".join(random_sentence(rng) for _ in range(rng.randint(1, 4)))
        line += "x" * rng.choice([0, 0, 40]) + rng.choice(["", " ", "\t"]) + ". Next"
        for end in _END.finditer(line):
            for start in {0, line.rfind(" ", 0, end.start()) + 1, end.start()}:
                assert check._abbreviation(line, start, end.start()) == plain_abbreviation(
                    check, line[start:end.start(1)]), (line, start)


def test_what_each_shape_is_first_tested_by_is_what_it_cannot_do_without() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        sentence = random_sentence(rng)
        if _AFTER_COLON.search(sentence):
            assert _may_end_after_colon(sentence), sentence
        if _THAT_CLAUSE.search(sentence):
            assert _may_report(sentence), sentence
        first = _first_word(sentence)
        if first.isalpha() and first.islower():
            assert _may_start_lowercase(sentence), sentence


def test_a_line_said_to_hold_nothing_holds_nothing() -> None:
    check = rule_linter({**SPEC, "verbs": SPEC["verbs"] + " it they"}).checks[0]
    rng = random.Random(6)
    skipped = found = 0
    for _ in range(6000):
        line = " ".join(random_sentence(rng).capitalize() if rng.random() < 0.8
                        else random_sentence(rng) for _ in range(rng.randint(1, 5)))
        line += rng.choice(["", "\n", " \n"])
        breaks = [(m.start(), *m.span(1)) for m in _END.finditer(line)]
        findings = list(check._paragraph(line, breaks))
        found += bool(findings)
        if not check._may_hold(line, breaks):
            skipped += 1
            assert findings == [], line
    assert skipped > 300 and found > 1000
