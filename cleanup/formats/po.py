r"""Gettext PO files: the translations (msgstr, msgstr[n]) are prose; msgid, msgid_plural,
msgctxt, comments, flags, obsolete `#~` entries and the header entry (msgid "") are not.
Fuzzy entries are read like the others: they are translations, only not yet reviewed.

Each quoted piece of a string maps to its place in the file. An escape (\" \n \t \\ …) is read
as the character it stands for but maps nowhere, so a finding that touches one is reported and
never fixed; and a fix never writes a quote, a backslash or a control character into a string
(`UNWRITABLE`). The pieces of one string join with nothing between them, as gettext joins
them, so a finding across a line wrap maps to no single run of the file and is not fixed.

The offsets come from our own scan of the quoted strings: polib (like gettext's own tools)
hands each string over decoded and without positions, which cannot map a finding back to the
file, and the scan validates the file as it goes, with the line of the first problem.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cleanup.document import Document, Translation
from cleanup.errors import InputError
from cleanup.formats.prose import ProseBuilder

ENTRY_BREAK = "\n\n"
UNWRITABLE = '"\\' + "".join(map(chr, range(32))) + "\x7f"
_LINE = re.compile(r"([^\r\n]*)(?:\r\n?|\n|$)")
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*(?=")')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f",
                   "v": "\v", "\\": "\\", '"': '"', "'": "'", "?": "?"}
_NUMERIC_ESCAPE = re.compile(r"[0-7]{1,3}|x[0-9A-Fa-f]{1,2}")

Run = tuple[str, int | None]  # decoded text and its offset in the file (None: an escape)


@dataclass(slots=True)
class _String:
    at: int  # just inside the opening quote: where an empty string is
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


@dataclass(slots=True)
class _Entry:
    line: int
    context: _String | None = None
    msgid: _String | None = None
    plural: _String | None = None
    msgstrs: list[tuple[int, _String]] = field(default_factory=list)  # (plural index, string)

    def original(self, index: int) -> str:
        """What msgstr[index] translates: the msgid, or for the plural forms msgid_plural."""
        chosen = self.plural if index and self.plural is not None else self.msgid
        return chosen.text if chosen is not None else ""

    @property
    def is_header(self) -> bool:
        return self.context is None and self.msgid is not None and not self.msgid.text


def read_po(source: str, path: str = "-") -> Document:
    prose = ProseBuilder()
    translations = []
    for entry in _entries(source, path):
        if entry.is_header:
            continue
        for index, msgstr in entry.msgstrs:
            if prose.length:
                prose.unmapped(ENTRY_BREAK)
            begin = prose.length
            if not msgstr.runs:
                prose.mapped("", msgstr.at)  # an empty translation still has a place
            for text, at in msgstr.runs:
                if at is None:
                    prose.unmapped(text)
                else:
                    prose.mapped(text, at)
            translations.append(Translation(begin, prose.length, entry.original(index)))
    return prose.document(source, path, tuple(translations), UNWRITABLE)


def read_po_template(source: str, path: str = "-") -> Document:
    """A template (.pot) holds no translations: it is validated, and nothing in it is prose."""
    for _ in _entries(source, path):
        pass
    return ProseBuilder().document(source, path)


def _entries(source: str, path: str) -> Iterator[_Entry]:
    entry: _Entry | None = None
    string: _String | None = None  # the string that a line holding only a quoted piece extends
    for number, line in enumerate(_LINE.finditer(source), 1):
        start, end = line.span(1)
        at = start + len(line[1]) - len(line[1].lstrip(" \t"))
        if at == end or source[at] == "#":
            string = None
            continue
        if source[at] == '"':
            if string is None:
                raise _error(path, number, "a quoted string with no keyword before it")
            _scan_quoted(source, at, end, string, path, number)
            continue
        keyword = _KEYWORD.match(source, at, end)
        if keyword is None:
            raise _error(path, number, "expected msgctxt, msgid, msgid_plural, msgstr, a "
                                       "quoted string or a comment")
        if entry is not None and entry.msgstrs and keyword[1] in ("msgctxt", "msgid"):
            yield entry
            entry = None
        if entry is None:
            entry = _Entry(number)
        string = _String(keyword.end() + 1)
        _place(entry, keyword[1], keyword[2], string, path, number)
        _scan_quoted(source, keyword.end(), end, string, path, number)
    if entry is not None:
        if not entry.msgstrs:
            raise _error(path, entry.line, "entry has no msgstr")
        yield entry


def _place(entry: _Entry, keyword: str, index: str | None, string: _String, path: str,
           line: int) -> None:
    """Put `string` where `keyword` says, refusing keywords out of gettext's order."""
    if keyword == "msgctxt" and entry.context is None and entry.msgid is None:
        entry.context = string
    elif keyword == "msgid" and entry.msgid is None:
        entry.msgid = string
    elif keyword == "msgid_plural" and entry.msgid is not None and entry.plural is None \
            and not entry.msgstrs:
        entry.plural = string
    elif keyword.startswith("msgstr") and entry.msgid is not None:
        _place_msgstr(entry, index, string, path, line)
    else:
        raise _error(path, line, f"{keyword} is out of place (expected [msgctxt] msgid "
                                 "[msgid_plural] msgstr)")


def _place_msgstr(entry: _Entry, index: str | None, string: _String, path: str,
                  line: int) -> None:
    if index is None:
        if entry.plural is not None or entry.msgstrs:
            raise _error(path, line, "msgstr is out of place (an entry with msgid_plural "
                                     "needs msgstr[0], msgstr[1], …)")
        entry.msgstrs.append((0, string))
        return
    if entry.plural is None:
        raise _error(path, line, f"msgstr[{index}] without msgid_plural")
    if int(index) != len(entry.msgstrs):
        raise _error(path, line, f"msgstr[{index}] is out of order "
                                 f"(expected msgstr[{len(entry.msgstrs)}])")
    entry.msgstrs.append((int(index), string))


def _scan_quoted(source: str, quote: int, end: int, string: _String, path: str,
                 line: int) -> None:
    """Add the runs of the quoted piece that opens at `quote` (only blanks may follow it)."""
    i = literal = quote + 1
    while i < end:
        char = source[i]
        if char not in '"\\':
            i += 1
            continue
        if i > literal:
            string.runs.append((source[literal:i], literal))
        if char == '"':
            if source[i + 1:end].strip(" \t"):
                raise _error(path, line, "text after the closing quote")
            return
        decoded, length = _escape(source, i, end, path, line)
        string.runs.append((decoded, None))
        i = literal = i + length
    raise _error(path, line, "string has no closing quote")


def _escape(source: str, at: int, end: int, path: str, line: int) -> tuple[str, int]:
    """The character the escape at `at` stands for, and the escape's length."""
    char = source[at + 1] if at + 1 < end else ""
    if char in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[char], 2
    numeric = _NUMERIC_ESCAPE.match(source, at + 1, end)
    if numeric is None:
        raise _error(path, line, f"invalid escape \\{char}")
    digits = numeric[0]
    value = int(digits[1:], 16) if digits[0] == "x" else int(digits, 8)
    return chr(value), 1 + len(digits)


def _error(path: str, line: int, problem: str) -> InputError:
    return InputError(f"{path}:{line}: not a valid PO file: {problem}")
