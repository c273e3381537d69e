from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from cleanup import fix_text  # noqa: F401  (the public API is importable)
from cleanup.engine import Linter
from cleanup.fixes import fix
from cleanup.document import Document
from cleanup.kinds.balance import BalanceCheck
from cleanup.pack import _parse_rule
from cleanup.phrases import PhraseIndex

SPEC = {"id": "b", "kind": "balance", "category": "other", "message": "{problem}"}


def fixed(text: str) -> str:
    linter = Linter([_parse_rule(SPEC, "t", "<t>", 1, [])])
    return fix(linter, Document.plain(text), unsafe=True).text


def problems(text: str) -> list[str]:
    linter = Linter([_parse_rule(SPEC, "t", "<t>", 1, [])])
    return [f.message for f in linter.check_text(text)]


def test_closing_quote_written_as_opening_one() -> None:
    assert fixed("that “the mayor agreed on water. “\nNext") == "that “the mayor agreed on water.”\nNext"


def test_space_inside_quotes() -> None:
    assert fixed("He said “we stay. ”") == "He said “we stay.”"
    assert fixed('the "Dawn of Freedom " campaign') == 'the "Dawn of Freedom" campaign'


def test_a_space_inside_a_quoted_word_or_code_is_only_a_suggestion() -> None:
    linter = Linter([_parse_rule(SPEC, "t", "<t>", 1, [])])
    text = ('lines starting with “From ” are quoted; run "rm -rf /tmp/* " or “f-string: ”; '
            'the “ Dawn of Freedom” campaign said “we stay. ”')
    assert [(f.text, f.replacements, f.safe) for f in linter.check_text(text)] == [
        (" ”", ("”",), False), (' "', ('"',), False), (" ”", ("”",), False),
        ("“ ", ("“",), True), (" ”", ("”",), True)]


def test_unclosed_and_unopened() -> None:
    assert problems("the talks (which began in March") == ["'(' is never closed"]
    assert problems("it ended) there") == ["')' closes nothing"]


def test_quotation_running_over_paragraphs_is_fine() -> None:
    assert problems("He wrote: “The first.\n“The second.”") == []
    assert problems('"Why would we?\n\n"No, it is everywhere."') == []


def test_mixed_quote_styles_pair_up() -> None:
    assert problems("“We will rebuild every school,\" the mayor told them.") == []


def test_list_labels() -> None:
    assert problems("1) first item\na) second") == []


def test_quoted_words_side_by_side_and_nested_quotes_have_no_inner_space() -> None:
    for text in ('a builtin such as "[" or "test" may be used',
                 'by turns: "Jack robbed a widow;" or, "Joe, mark him"',
                 "See Section 1.5, “The \"$LANG\" variable”",
                 "lines marked with “> ” by the poster"):
        assert fixed(text) == text


def test_a_quotation_may_close_a_few_paragraphs_later() -> None:
    verse = "He said, “Rise up,\n\nand by the arm of his strength,\n\nI will not forget you.”\n"
    assert problems(verse) == []
    far = "He said, “Rise up,\n" + "and so on.\n" * 45 + "I will not forget you.”\n"
    assert problems(far) == ["'“' is never closed", "'”' closes nothing"]
    backwards = "It ended.”\n\nHe said, “Rise up,\n"
    assert problems(backwards) == ["'”' closes nothing", "'“' is never closed"]


def _check(spec: dict) -> BalanceCheck:
    return BalanceCheck(_parse_rule({**SPEC, **spec}, "t", "<t>", 1, []), 0, PhraseIndex())


@pytest.mark.parametrize("spec", [{}, {"pairs": ["()", "‘’", "«»", "{}"]},
                                  {"straight_quotes": False}, {"pairs": ['()', '“"']}])
@given(st.lists(st.sampled_from(['(', ')', '[', ']', '{', '}', '“', '”', '‘', '’', '«', '»',
                                 '"', ' ', '\t', 'a', '1', '.', ',', '!', '\u00a0', '\r\n']),
                max_size=14))
def test_a_settled_line_is_one_the_walk_finds_no_problem_in(spec: dict, pieces: list[str]) -> None:
    check, line = _check(spec), "".join(pieces)
    if check.settled.fullmatch(line):
        for following in ("", '"', "“", "a"):
            assert list(check._paragraph(line, following)) == [], (line, following)


def test_settled_lines_are_the_common_ones() -> None:
    check = _check({})
    for line in ('He said “yes” and (in brackets [this]) "a" ().\n', "no marks", '""'):
        assert check.settled.fullmatch(line)
    for line in ("“ open", "(a", '"a "', "“yes. “", "((()))", "(“x”)", "1) item"):
        assert not check.settled.fullmatch(line)
