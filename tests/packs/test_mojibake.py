from __future__ import annotations

import itertools
import os
import re
import string
import subprocess
import sys
from collections.abc import Iterator
from re import _constants as sre, _parser as re_parser

import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import example, given, strategies as st

from cleanup.kinds.mojibake import (
    CLEAN_PUNCTUATION, LETTERS_BETWEEN_LETTERS, _suspect_lines, is_garbled, line_around,
    may_be_garbled, word_changes)
from packs_helpers import rule_findings

SPEC = {"kind": "mojibake"}


def test_whole_garbled_word_is_fixed_safely() -> None:
    [f] = rule_findings(SPEC, "The cafÃ© was busy.")
    assert (f.text, f.replacements, f.safe) == ("cafÃ©", ("café",), True)


def test_garbled_arabic_run_is_restored() -> None:
    [f] = rule_findings(SPEC, "He said Ø§Ù„Ø¹Ø±Ø§Ù‚ today.")
    assert f.replacements == ("العراق",)


def test_clean_unicode_is_left_alone() -> None:
    assert rule_findings(SPEC, "Türkiye, Erdoğan, naïve café, “quotes” and العراق") == []


def test_ascii_text_is_skipped() -> None:
    assert rule_findings(SPEC, "plain text") == []


def test_safe_can_be_turned_off() -> None:
    [f] = rule_findings({**SPEC, "safe_when_clean": False}, "TÃ¼rkiye")
    assert not f.safe and f.replacements == ("Türkiye",)


def test_garbled_lines_among_other_line_breaks_are_each_found_at_their_place() -> None:
    text = "ok\r\nThe cafÃ© was busy.\r\nclean “line”\u2028TÃ¼rkiye\x85Ã©t\u00e9\nend"
    found = rule_findings(SPEC, text)
    # NEL (U+0085) ends a line but is also byte 0x85, '…' in Windows-1252: ftfy reads it so.
    assert [(f.text, f.replacements) for f in found] == [
        ("cafÃ©", ("café",)), ("TÃ¼rkiye\x85", ("Türkiye…",)), ("Ã©té", ("été",))]
    assert [text[f.start:f.end] for f in found] == [f.text for f in found]


@given(st.lists(st.sampled_from(["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x85", "\u2028",
                                 "\u2029", "ab", "Ã©", " "]), max_size=12))
def test_line_around_gives_the_line_splitlines_gives(pieces: list[str]) -> None:
    text = "".join(pieces)
    start = 0
    for line in text.splitlines(keepends=True):
        for pos in range(start, start + len(line)):
            assert line_around(text, pos) == (start, start + len(line))
        start += len(line)


def test_word_changes_widen_to_words() -> None:
    assert word_changes("a cafÃ© b", "a café b") == [(2, 7, 2, 6)]


# --- the gate before ftfy: never skips a line ftfy calls garbled --------------------------------
# The gate sorts characters into six kinds, and lets a text through when it has no OTHER, each
# BETWEEN_LETTERS has an ASCII letter on both sides and each NEAR_ASCII has ASCII on both sides.
LETTER, ASCII, CLEAN, OTHER = "ASCII letter", "other ASCII", "clean", "C1 control"
BETWEEN_LETTERS, NEAR_ASCII = "between letters", "near ASCII"
_CATEGORIES = {sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
               sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
               sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D"}
Item = tuple[object, object]  # one parsed single-character item of a regex


def kind(char: str) -> str:
    if char in string.ascii_letters:
        return LETTER
    if char.isascii():
        return ASCII
    if char in CLEAN_PUNCTUATION:
        return CLEAN
    if "\x80" <= char <= "\x9f":
        return OTHER
    return BETWEEN_LETTERS if char in LETTERS_BETWEEN_LETTERS else NEAR_ASCII


def _matches(item: Item, char: str) -> bool:
    op, arg = item
    if op is sre.LITERAL:
        return ord(char) == arg
    if op is sre.NOT_LITERAL:
        return ord(char) != arg
    if op is sre.ANY:
        return char != "\n"
    if op is sre.RANGE:
        return arg[0] <= ord(char) <= arg[1]
    if op is sre.CATEGORY:
        return re.fullmatch(_CATEGORIES[arg], char) is not None
    if op is sre.IN:
        negated = arg[0][0] is sre.NEGATE
        return any(_matches(x, char) for x in arg[negated:]) != negated
    raise AssertionError(f"ftfy's regex uses {op}: teach this test about it")


def _listed(item: Item) -> set[str] | None:
    """The characters a literal, a range or a set of those matches; None for other items."""
    op, arg = item
    if op is sre.LITERAL:
        return {chr(arg)}
    if op is sre.RANGE:
        return {chr(c) for c in range(arg[0], arg[1] + 1)}
    if op is sre.IN and all(x[0] in (sre.LITERAL, sre.RANGE) for x in arg):
        return set().union(*map(_listed, arg))
    return None


def _kinds(item: Item) -> set[str]:
    """The kinds of character the item can match; for an item that lists no characters (\\w,
    a negated set), it may match any non-ASCII kind."""
    plain = string.printable + "".join(map(chr, range(128))) + CLEAN_PUNCTUATION
    found = {kind(c) for c in plain if _matches(item, c)}
    listed = _listed(item)
    return found | ({BETWEEN_LETTERS, NEAR_ASCII, OTHER} if listed is None
                    else {kind(c) for c in listed})


def _runs(branch: list[Item]) -> Iterator[list[set[str]]]:
    """Each way the branch can match, as the kinds of character each position may hold."""
    if not branch:
        yield []
        return
    (op, arg), rest = branch[0], branch[1:]
    if op is sre.AT:  # an anchor only removes matches
        yield from _runs(rest)
    elif op is sre.MAX_REPEAT and arg[:2] == (0, 1) and len(arg[2]) == 1:
        for tail in _runs(rest):
            yield tail
            yield [_kinds(arg[2][0]), *tail]
    else:
        first = _kinds((op, arg))
        for tail in _runs(rest):
            yield [first, *tail]


def _gate_lets_through(run: list[set[str]]) -> bool:
    """Whether characters of these kinds can fill the positions of a match in a text the gate
    lets through (beyond the match, an ASCII letter can always stand)."""
    neighbours_allowed = {BETWEEN_LETTERS: {LETTER}, NEAR_ASCII: {LETTER, ASCII}}
    for kinds in itertools.product(*run):
        if OTHER not in kinds and all(
                kinds[j] in neighbours_allowed[k] for i, k in enumerate(kinds)
                if k in neighbours_allowed for j in (i - 1, i + 1) if 0 <= j < len(kinds)):
            return True
    return False


def _leaks(branches: list[list[Item]]) -> list[list[Item]]:
    return [b for b in branches if any(_gate_lets_through(run) for run in _runs(b))]


def _ftfy_branches() -> list[list[Item]]:
    [(op, (_, branches))] = re_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    assert op is sre.BRANCH and len(branches) > 30
    return [list(b.data) for b in branches]


def test_no_garbled_pattern_of_ftfy_can_match_a_text_the_gate_lets_through() -> None:
    """A proof over the installed ftfy's badness regex, alternative by alternative."""
    assert _leaks(_ftfy_branches()) == []


def test_the_proof_finds_a_pattern_that_would_leak() -> None:
    """ftfy's [\\x80-\\x9f] alone: a gate that let every letter-flanked character through
    would miss "a\\x80b"."""
    assert is_bad("a\x80b") and may_be_garbled("a\x80b")
    c1 = [(sre.IN, [(sre.RANGE, (0x80, 0x9F))])]
    assert _leaks([c1]) == []
    assert _leaks([[(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])]]) != []  # \w alone


def test_the_proof_needs_each_letter_kept_between_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """ftfy's "[a-z]\\s?[ÃÂ][ ]" and "[Œœ][^A-Za-z]": ASCII other than letters next to them."""
    assert is_bad("a Ã ") and is_bad("œ.") and may_be_garbled("a Ã ") and may_be_garbled("œ.")
    for letter in LETTERS_BETWEEN_LETTERS:
        fewer = LETTERS_BETWEEN_LETTERS.replace(letter, "")
        monkeypatch.setattr(sys.modules[__name__], "LETTERS_BETWEEN_LETTERS", fewer)
        assert _leaks(_ftfy_branches()) != [], letter


def test_the_gate_sorts_characters_as_the_proof_assumes() -> None:
    [(_, (_, branches))] = re_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    named = set().union(*(_listed(item) or set() for b in branches for item in b.data))
    for char in sorted(named | set(CLEAN_PUNCTUATION) | set(map(chr, range(128))) - {"\n"}):
        seen = (may_be_garbled(f"a{char}b"), may_be_garbled(f" {char} "),
                may_be_garbled(f"a{char}\u2019"))
        assert seen == {OTHER: (True, True, True), BETWEEN_LETTERS: (False, True, True),
                        NEAR_ASCII: (False, False, True)}.get(kind(char), (False,) * 3), \
            repr(char)


@given(st.lists(st.sampled_from(
    ["a", "Z", " ", ".", "\n", *CLEAN_PUNCTUATION, "é", "Ã", "ó", "ß", "Œ", "â€", "Ø§", "Â ",
     "½", "²", "¶", "€", "\x85", "\x9d", "±", "×", "Â", "œ", "»", "Ù"]), max_size=12))
def test_the_gate_never_skips_what_ftfy_calls_garbled(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert may_be_garbled(text) or not is_bad(text)


@given(st.lists(st.sampled_from(
    ["a", "Z", " ", ".", "\n", "\r\n", "\u2028", "\x85", *CLEAN_PUNCTUATION, "é", "Ã", "ó",
     "Œ", "â€", "Ø§Ù„", "Â ", "½", "€", "\x9d", "±", "×", "Â", "œ", "»", "Ù", "بسم الله",
     "ГўВЂВ", "вЂ", "Ã©", "a Ã ", "x" * 30]), max_size=40))
@example(["x" * 30, "a Ã ", "x" * 30])  # the match reaches two characters back from Ã
@example(["x" * 30, "ГўВЂВ", ".", "a"])  # seven characters, six of them suspects
def test_reading_around_the_suspects_finds_what_reading_the_line_finds(
        pieces: list[str]) -> None:
    text = "".join(pieces)
    for start, end, found in _suspect_lines(text):
        line = text[start:end]
        assert is_garbled(line, [at - start for at in found]) == is_bad(line), line


def test_a_long_line_is_read_only_around_its_few_suspects(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import ftfy.badness

    read: list[int] = []

    class Counting:
        def search(self, line: str, start: int, end: int) -> re.Match[str] | None:
            read.append(end - start)
            return BADNESS_RE.search(line, start, end)

    monkeypatch.setattr(ftfy.badness, "BADNESS_RE", Counting())
    line = "The envoy said " * 60 + "بسم الله" + " and left." * 60 + "\n"
    [(start, end, found)] = list(_suspect_lines(line))
    assert (start, end) == (0, len(line))
    assert not is_garbled(line, found) and 0 < sum(read) < 30


def test_the_gate_lets_through_clean_english_and_stops_garbled_text() -> None:
    assert not may_be_garbled("Kristján Valur Jónsson’s “naïve” cafés—no… «x» • 5 °C ©")
    assert not may_be_garbled("José. Ünal, ±3 dB, a → b, Options¶\n")
    for garbled in ("cafÃ©", "â€œ", "Ø§Ù„", "TÃ¼rkiye", "café’", "العراق"):
        assert may_be_garbled(garbled)


def test_checking_english_with_accented_names_never_imports_ftfy() -> None:
    code = ("import sys, cleanup; cleanup.check_text('Jónsson’s “naïve” cafés — no… José. ±3, a → b¶'); "
            "print('ftfy' in sys.modules)")
    env = {**os.environ, "CLEANUP_NO_CACHE": "1"}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True)
    assert ran.stdout.strip() == "False"
