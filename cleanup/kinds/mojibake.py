r"""`mojibake`: text decoded with the wrong character set ("cafÃ©", "â€œ"), fixed by ftfy.

    safe_when_clean: true   # the fix is safe when ftfy's result no longer looks garbled

ftfy decides both whether a line is garbled (`ftfy.badness.is_bad`) and what it said before
(`ftfy.fix_and_explain`, encoding fixes only); this kind only places the changes in the text,
widened to whole words so the finding shows "cafÃ©" → "café", not "Ã©" → "é".
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

# Typographic punctuation of clean English. Every alternative of ftfy's badness regex needs a
# C1 control character, or one of "ÃÂŒœ" not between two ASCII letters, or a character outside
# ASCII and this punctuation next to another one outside ASCII. A line without any is never
# garbled and is not looked at, so most English text never imports ftfy, about 30 ms of
# start-up (issue 5): accented names ("Jónsson", "José."), "¶" or "±" among ASCII pass.
# tests/packs/test_mojibake.py proves this against the installed ftfy.
CLEAN_PUNCTUATION = "\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2039\u203a\u00ab\u00bb" \
    "\u2013\u2014\u2026\u2022\u00b7\u00b0\u00a9\u00ae\u2122"
# Letters that ftfy finds garbled next to ASCII other than letters ("Ã ", "Â»", "œ.").
LETTERS_BETWEEN_LETTERS = "ÃÂŒœ"
_OUTSIDE = f"[^\\x00-\\x7f{CLEAN_PUNCTUATION}]"
_OUTSIDE_CHAR = re.compile(_OUTSIDE)
# Tried only where _OUTSIDE_CHAR matched: searched for everywhere, its lookarounds at every
# position cost 60 ms a megabyte.
_SUSPECT = re.compile(
    rf"[\x80-\x9f]|(?=[{LETTERS_BETWEEN_LETTERS}])(?:(?<![A-Za-z]).|.(?![A-Za-z]))"
    r"|(?<=[^\x00-\x7f]).|.(?=[^\x00-\x7f])", re.DOTALL)


def suspects(text: str) -> Iterator[int]:
    """Offsets of the characters that may make `text` garbled in ftfy's eyes: not ASCII nor
    clean punctuation, and a C1 control, or next to a character outside ASCII, or one of
    LETTERS_BETWEEN_LETTERS not between two ASCII letters."""
    for outside in _OUTSIDE_CHAR.finditer(text):
        if _SUSPECT.match(text, outside.start()):  # the lookbehind sees before the offset
            yield outside.start()


def may_be_garbled(text: str) -> bool:
    """False when ftfy can never call `text` garbled."""
    return next(suspects(text), None) is not None


def is_garbled(line: str, line_suspects: Sequence[int]) -> bool:
    """`ftfy.badness.is_bad(line)`, given the `suspects` of the line, in order. Every match of
    ftfy's badness regex holds a suspect (the proof in tests/packs/test_mojibake.py) and spans
    at most `_badness_reach()` characters, so the regex reads only that far around each: a
    line of English with a few words of Arabic script took 60 µs, read whole."""
    from ftfy.badness import BADNESS_RE, is_bad

    reach = _badness_reach()
    if reach is None:
        return is_bad(line)
    windows: list[list[int]] = []
    for at in line_suspects:
        start, end = max(0, at - reach + 1), min(len(line), at + reach)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    # Searched in the line, so that the regex's ^ is the line's start as in is_bad(line).
    return any(BADNESS_RE.search(line, start, end) for start, end in windows)


@cache
def _badness_reach() -> int | None:
    """The most characters a match of the installed ftfy's badness regex spans (7 in ftfy
    6.3); None if the regex cannot say (then whole lines are read)."""
    from ftfy.badness import BADNESS_RE

    try:  # re's parser is private: a Python that moved it reads whole lines
        from re import _parser

        most = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).getwidth()[1]
    except (ImportError, AttributeError, TypeError, ValueError):
        return None
    return most if most < _parser.MAXREPEAT else None


# The line breaks of str.splitlines, which ftfy's line-by-line view of a text follows.
_BREAK = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_BEFORE = regex.compile(f"[{_BREAK}]", flags=regex.REVERSE)
_LINE_END = regex.compile(f"\r\n|[{_BREAK}]")


def line_around(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line of `text` that holds `pos`, its break included: one of the
    pieces of `text.splitlines(keepends=True)`."""
    if pos and text.startswith("\r\n", pos - 1):
        pos -= 1  # the \n of a CRLF ends the line its \r ends
    before = _BREAK_BEFORE.search(text, 0, pos)
    after = _LINE_END.search(text, pos)
    return (before.end() if before else 0), (after.end() if after else len(text))


@cache
def encoding_only() -> TextFixerConfig:
    """Only the encoding repairs: quotes, ligatures, widths, entities and line breaks are
    other rules' business, and changing them here would hide those findings behind this one."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=True)

Change = tuple[int, int, int, int]  # (start, end) in the line, (start, end) in the fixed line


class MojibakeCheck(Check):
    LOCAL = True
    KEYS = {
        "safe_when_clean": "true (default): the fix is safe when ftfy's result is not garbled",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        safe_when_clean = rule.spec.get("safe_when_clean", True)
        if not isinstance(safe_when_clean, bool):
            raise rule.error("'safe_when_clean' must be true or false")
        self.safe_when_clean = safe_when_clean

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        for start, end, line_suspects in _suspect_lines(text):
            line = text[start:end]
            if is_garbled(line, [at - start for at in line_suspects]):
                yield from self._line_findings(text, start, line)

    def _line_findings(self, text: str, offset: int, line: str) -> Iterator[Finding]:
        import ftfy
        from ftfy.badness import is_bad

        fixed = ftfy.fix_and_explain(line, config=encoding_only()).text
        if fixed == line:
            return  # garbled, but ftfy has no reading of it: nothing certain to say
        for start, end, fstart, fend in word_changes(line, fixed):
            new = fixed[fstart:fend]
            # ftfy marks bytes it could not recover with U+FFFD: a hint, not a fix.
            clean = "\ufffd" not in new and not is_bad(new)
            yield self.finding(text, offset + start, offset + end, [new],
                               safe=self.safe_when_clean and clean and self.rule.safe is not False)


def _suspect_lines(text: str) -> Iterator[tuple[int, int, list[int]]]:
    """(start, end, suspects) of each line of `text` that holds a suspect (see `line_around`)."""
    start = end = 0
    found: list[int] = []
    for at in suspects(text):
        if at >= end:
            if found:
                yield start, end, found
            start, end = line_around(text, at)
            found = []
        found.append(at)
    if found:
        yield start, end, found


def word_changes(old: str, new: str) -> list[Change]:
    """The changed regions between `old` and `new`, each widened to whole words of `old`."""
    import difflib  # only for garbled lines: most runs never need it

    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    changes = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    widened: list[Change] = []
    for i1, i2, j1, j2 in changes:
        # Equal text around a change is the same in both strings, so the same number of
        # characters is added on both sides.
        left = i1 - _word_start(old, i1)
        right = _word_end(old, i2) - i2
        left = min(left, _equal_run_before(ops, i1))
        right = min(right, _equal_run_after(ops, i2))
        span = (i1 - left, i2 + right, j1 - left, j2 + right)
        if widened and span[0] <= widened[-1][1]:
            prev = widened.pop()
            span = (prev[0], max(prev[1], span[1]), prev[2], max(prev[3], span[3]))
        widened.append(span)
    return widened


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _equal_run_before(ops: list[tuple[str, int, int, int, int]], pos: int) -> int:
    for tag, i1, i2, _, _ in ops:
        if tag == "equal" and i2 == pos:
            return i2 - i1
    return 0


def _equal_run_after(ops: list[tuple[str, int, int, int, int]], pos: int) -> int:
    for tag, i1, i2, _, _ in ops:
        if tag == "equal" and i1 == pos:
            return i2 - i1
    return 0
