r"""`balance`: quotation marks and brackets that do not pair up within a paragraph.

    pairs: ["()", "[]", "“”"]    # opening and closing character of each pair
    straight_quotes: true        # a straight quote closes an open quotation, else opens one

Flags a closing mark with no opening one, an opening mark never closed, a closing quote
written with the opening glyph at the end of a quotation ("… oil. “"), and a space just
inside a quotation ("Forces. ”", "Flood "). A paragraph that ends inside a quotation is
allowed when the next paragraph opens the quotation again: the convention for quotes that
run over several paragraphs, and so is a quotation that closes a few paragraphs later (verse,
speeches). Fixes are safe only where the pairing is certain.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, string_list

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

# A ")" after a list label ("1)", "a)") at the start of a paragraph has no opener by design.
_LABEL_MAX = 3
# A quotation opened in one paragraph may close in a later one within this many lines (verse,
# lists, several paragraphs of a speech): then neither mark is flagged.
QUOTE_SPAN_LINES = 40
_FIRST_NON_SPACE = re.compile(r"\S")  # the standard library's \s is str.isspace


class Problem(NamedTuple):
    start: int  # in the paragraph
    end: int
    replacement: str | None
    message: str
    unpaired: str = ""  # "open": a mark never closed; "close": one that closes nothing
    sure: bool = True  # False: the replacement is only a suggestion


class BalanceCheck(Check):
    KEYS = {
        "pairs": "two-character strings: an opening and a closing mark",
        "straight_quotes": "pair straight double quotes too, with each other or curly ones (default true)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        pairs = string_list(rule, "pairs", required=False) or ["()", "[]", "“”"]
        if not all(len(p) == 2 and p[0] != p[1] for p in pairs):
            raise rule.error("each of 'pairs' must be two different characters")
        self.openers = {p[0]: p[1] for p in pairs}
        self.closers = {p[1]: p[0] for p in pairs}
        self.straight = rule.spec.get("straight_quotes", True)
        if not isinstance(self.straight, bool):
            raise rule.error("'straight_quotes' must be true or false")
        # Only these characters matter: a paragraph is scanned for them, not read one by one.
        marks = {*self.openers, *self.closers, *('"' if self.straight else "")}
        self.mark_set = "".join(sorted(marks))
        self.marks = re.compile(f"[{re.escape(self.mark_set)}]")
        self.settled = _settled_line(pairs, self.straight)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        lines = text.splitlines(keepends=True)
        starts = list(accumulate(map(len, lines), initial=0))
        found: list[Problem | None] = []  # in text offsets
        # Quotations left open by an earlier paragraph: (index in found, closing mark, line).
        open_quotes: list[tuple[int, str, int]] = []
        for number in self._lines_to_walk(text, lines, starts):
            line, offset = lines[number], starts[number]
            # The first character of the next non-blank line (line breaks are white space).
            following = _FIRST_NON_SPACE.search(text, starts[number + 1])
            for problem in self._paragraph(line, following.group() if following else ""):
                mark = line[problem.start]
                if problem.unpaired == "close" and mark in self.closers:
                    while open_quotes and number - open_quotes[-1][2] > QUOTE_SPAN_LINES:
                        open_quotes.pop()
                    if open_quotes and open_quotes[-1][1] == mark:
                        found[open_quotes.pop()[0]] = None  # closes an earlier paragraph's
                        continue
                if problem.unpaired == "open" and mark in self.openers and mark not in "([{<":
                    open_quotes.append((len(found), self.openers[mark], number))
                found.append(problem._replace(start=offset + problem.start,
                                              end=offset + problem.end))
        for problem in filter(None, found):
            yield self.finding(text, problem.start, problem.end,
                               [] if problem.replacement is None else [problem.replacement],
                               safe=None if problem.sure else False,
                               message_vars={"problem": problem.message})

    def _lines_to_walk(self, text: str, lines: list[str], starts: list[int]) -> list[int]:
        """The numbers of the lines with a mark, in order, but for the settled ones, which
        have no problem."""
        marked = sorted({bisect_right(starts, at) - 1 for at in _offsets(text, self.mark_set)})
        return [number for number in marked if not self.settled.fullmatch(lines[number])]

    def _paragraph(self, line: str, following: str) -> Iterator[Problem]:
        body = line.rstrip("\r\n")
        stack: list[tuple[str, int]] = []
        for mark in self.marks.finditer(body):
            i, ch = mark.start(), mark.group()
            if ch == '"' and self.straight:
                # A straight quote closes whatever quotation is open (mixed styles pair up:
                # a typing slip, not a missing mark), and opens one otherwise; after a space
                # and before a word it opens one, nested or not (“The "$LANG" variable”).
                if stack and stack[-1][0] in ('"', "“") and not _opens(body, i):
                    yield from _inner_space(body, stack.pop()[1], i)
                else:
                    stack.append((ch, i))
            elif ch in self.openers:
                if ch not in "([{<" and self._wrong_way_closer(body, i, stack):
                    if stack and stack[-1][0] == ch:
                        stack.pop()
                    yield Problem(i - _space_before(body, i), i + 1, self.openers[ch],
                                  "closing quote written as an opening one")
                    continue
                stack.append((ch, i))
            elif ch in self.closers:
                opener = self.closers[ch]
                if stack and (stack[-1][0] == opener or (
                        stack[-1][0] == '"' and opener not in "([{<")):
                    yield from _inner_space(body, stack.pop()[1], i)
                elif not (ch == ")" and i <= _LABEL_MAX and body[:i].strip().isalnum()):
                    yield Problem(i, i + 1, None, f"'{ch}' closes nothing", "close")
        for opener, at in stack:
            is_quote = opener == '"' or opener not in "([{<"
            if is_quote and following[:1] in ('"', "“", "‘"):
                continue  # a quotation that goes on in the next paragraph
            yield Problem(at, at + 1, None, f"'{opener}' is never closed", "open")

    def _wrong_way_closer(self, body: str, i: int, stack: list[tuple[str, int]]) -> bool:
        # An opening quote right after sentence punctuation can only close a quotation when
        # the paragraph ends there, or when a quotation is open and a space follows.
        j = i  # step back over white space, without copying what comes before
        while j and body[j - 1].isspace():
            j -= 1
        if not j or body[j - 1] not in ".,!?":
            return False
        after = body[i + 1:]
        if not after.strip():
            return True
        return bool(stack) and stack[-1][0] == body[i] and after[:1].isspace()


def _settled_line(pairs: list[str], straight: bool) -> re.Pattern[str]:
    """A pattern that matches a whole line that _paragraph would find no problem in because
    its marks all stand in settled stretches, side by side, outside any quotation or bracket:
    - a quotation with no mark inside, whose text neither starts nor ends with white space:
      its closing mark follows the opening one, which cannot be a closing one written the
      wrong way, and it has no space inside;
    - brackets with no mark inside but brackets, nested two deep at most.
    With pairs that share a character or hold the straight quote, only lines without marks."""
    marks = "".join(pairs) + ('"' if straight else "")
    text = f"[^{re.escape(marks)}]"
    if '"' in "".join(pairs) or len(set(marks)) != len(marks):
        return re.compile(f"{text}*")
    word = f"[^{re.escape(marks)}\\s]"
    quoted = f"(?:{word}(?:{text}*{word})?)?"
    quotes = [p for p in pairs if p[0] not in "([{<"] + (['""'] if straight else [])
    brackets = [p for p in pairs if p[0] in "([{<"]
    inner = "|".join(f"{re.escape(o)}{text}*{re.escape(c)}" for o, c in brackets)
    settled = [f"{re.escape(o)}{quoted}{re.escape(c)}" for o, c in quotes] + [
        f"{re.escape(o)}{text}*+(?:(?:{inner}){text}*+)*+{re.escape(c)}" for o, c in brackets]
    return re.compile(f"{text}*+(?:(?:{'|'.join(settled)}){text}*+)*+")


def _offsets(text: str, characters: str) -> Iterator[int]:
    """Where each of the characters occurs in `text` (str.find is many times quicker than a
    regex's character class)."""
    for character in characters:
        at = text.find(character)
        while at >= 0:
            yield at
            at = text.find(character, at + 1)


def _space_before(body: str, i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and body[i - n - 1] in " \t":
        n += 1
    return n


def _opens(body: str, i: int) -> bool:
    return (i == 0 or body[i - 1].isspace()) and i + 1 < len(body) and \
        not body[i + 1].isspace()


def _inner_space(body: str, opening: int, closing: int) -> Iterator[Problem]:
    """A space just inside a quotation: after its opening or before its closing mark.

    Not when both ends have one ('"a" or "b"' read from the middle: the gap between two
    quotations) or when the quotation holds no word (“> ”: a quoted symbol, space and all).
    """
    inner = body[opening + 1:closing]
    if body[opening] in "([{<" or not any(c.isalnum() for c in inner):
        return
    lead = len(inner) - len(inner.lstrip(" "))
    trail = len(inner) - len(inner.rstrip(" "))
    if lead and trail:
        return
    # Sure only inside a quoted phrase whose word meets the space: a quoted word or code
    # (“From ”, "rm -rf /tmp/* ", “f-string: ”) may hold the space on purpose.
    phrase = len(inner.split()) > 1
    if lead:
        yield Problem(opening, opening + 1 + lead, body[opening], "space after the opening quote",
                      sure=phrase and inner[lead].isalnum())
    if trail:
        yield Problem(closing - trail, closing + 1, body[closing],
                      "space before the closing quote",
                      sure=phrase and (inner[-trail - 1].isalnum() or inner[-trail - 1] in ".,!?"))
