"""Subtitles (SubRip .srt and WebVTT .vtt): the cue text is prose; indexes, timings, cue
settings, NOTE/STYLE blocks and inline tags (<i>, <c.yellow>, {\\an8}) are not.

Lines of one cue are joined by a space (their line break is layout, not text), cues by a blank
line, so a sentence that runs over two lines of a cue is read as one, and no rule reads across
cues. A finding across the join maps to no single run of the file, so it is never fixed.
"""
from __future__ import annotations

import regex

from cleanup.document import Document
from cleanup.formats.prose import ProseBuilder

_TIMING = regex.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}\s+-->\s+")
_TAG = regex.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")
_BREAK = regex.compile(r"\r\n?|\n")


def read_subtitles(source: str, path: str = "-") -> Document:
    prose = ProseBuilder()
    in_cue = False
    skipping_block = False  # WebVTT NOTE/STYLE/REGION blocks and the header
    first_line_of_cue = True
    for start, end in _lines(source):
        line = source[start:end]
        if not line.strip():
            in_cue = skipping_block = False
        elif skipping_block:
            pass
        elif _TIMING.match(line):
            in_cue = True
            if prose.length:
                prose.unmapped("\n\n")
            first_line_of_cue = True
        elif in_cue:
            if not first_line_of_cue:
                prose.unmapped(" ")
            _add_line(source, start, end, prose)
            first_line_of_cue = False
        elif line.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            skipping_block = True
    return prose.document(source, path)


def _lines(source: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BREAK.finditer(source):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(source):
        spans.append((start, len(source)))
    return spans


def _add_line(source: str, start: int, end: int, prose: ProseBuilder) -> None:
    cursor = start
    for tag in _TAG.finditer(source, start, end):
        if tag.start() > cursor:
            prose.mapped(source[cursor:tag.start()], cursor)
        cursor = tag.end()
    if end > cursor:
        prose.mapped(source[cursor:end], cursor)
