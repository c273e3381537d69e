"""A document is the prose the rules read plus a map from prose offsets back to the file.

Plain text maps one to one. A markup reader (Markdown, HTML, subtitles, PO, XLIFF) hands the
rules only its prose, as segments placed at their offsets in the source, so every finding can
still be reported and fixed at its place in the file.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

# A line ends at \n, \r\n or a lone \r: the same breaks the file keeps on write.
LINE_BREAK = re.compile(r"\r\n?|\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text` ended by \n, each with its line feed (the last one may have none):
    as `patch` and git read a diff, and as a regex's `.` stops."""
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def lines_holding(text: str, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of the lines ended by \\n that hold the `offsets` (given in order); `end`
    is the line's \\n or the text's end. Lines next to each other make one span."""
    spans: list[tuple[int, int]] = []
    for at in offsets:
        if spans and at <= spans[-1][1]:
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if spans and start == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


class Segment(NamedTuple):
    """`length` characters of prose at `prose_start` come from `source_start` in the source."""

    prose_start: int
    source_start: int
    length: int


class Translation(NamedTuple):
    """The prose at [start, end) translates `source`, a segment in the source language (a PO
    msgid, an XLIFF <source>): what bilingual rules compare the translation with."""

    start: int
    end: int
    source: str


@dataclass(slots=True)
class LineIndex:
    """1-based line and column of a code-point offset (columns count code points)."""

    text: str
    _starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._starts = [0, *(m.end() for m in LINE_BREAK.finditer(self.text))]

    def offset(self, line: int) -> int:
        """Offset of the start of 0-based `line` (the text's length past the last line)."""
        return self._starts[line] if line < len(self._starts) else len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass(slots=True)
class Document:
    """`text` is what the rules see; `source` is the file's decoded text."""

    text: str
    source: str
    path: str = "-"
    segments: tuple[Segment, ...] | None = None  # None: prose is the source itself
    translations: tuple[Translation, ...] = ()  # plain text and markup have none
    # Characters the source cannot hold as they are (a quote inside a PO string, '<' in XML
    # text): a fix that would write one is reported but never applied.
    unwritable: str = ""
    _lines: LineIndex | None = field(default=None, init=False, repr=False)
    _prose_starts: list[int] | None = field(default=None, init=False, repr=False)

    @classmethod
    def plain(cls, text: str, path: str = "-") -> Document:
        return cls(text=text, source=text, path=path)

    @classmethod
    def bilingual(cls, text: str, source: str, path: str = "-") -> Document:
        """One translated segment as plain text, with the `source` segment it translates."""
        return cls(text=text, source=text, path=path,
                   translations=(Translation(0, len(text), source),))

    def to_source(self, offset: int, is_end: bool = False) -> int:
        """The source offset of a prose offset; an end offset (exclusive) belongs to the
        segment it closes, not to the one that starts there."""
        if self.segments is None:
            return offset
        if not self.segments:
            return 0
        if self._prose_starts is None:
            self._prose_starts = [s.prose_start for s in self.segments]
        probe = offset - 1 if is_end and offset > 0 else offset
        i = max(bisect.bisect_right(self._prose_starts, probe) - 1, 0)
        seg = self.segments[i]
        return seg.source_start + min(offset - seg.prose_start, seg.length)

    def position(self, source_offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines.position(source_offset)
