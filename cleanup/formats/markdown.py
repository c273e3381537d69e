"""Markdown (CommonMark) through markdown-it-py: prose of headings, paragraphs, lists, quotes
and link texts; code spans, code blocks, HTML and URLs are left out.
"""
from __future__ import annotations

import html
import re
import string
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from cleanup.document import Document, LineIndex
from cleanup.formats.prose import ProseBuilder

# Stands in for a code span in the prose: keeps the words on both sides apart ("was `x` was"
# is not a doubled word) and matches no rule.
PLACEHOLDER = "\ufffc"
BLOCK_BREAK = "\n\n"

_parser: MarkdownIt | None = None


def _parse(source: str) -> list[Token]:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark")
    return _parser.parse(source)


def read_markdown(source: str, path: str = "-") -> Document:
    lines = LineIndex(source)
    prose = ProseBuilder()
    for token in _parse(source):
        if token.type != "inline" or token.map is None:
            continue
        if prose.length:
            prose.unmapped(BLOCK_BREAK)
        region_start = lines.offset(token.map[0])
        region_end = lines.offset(token.map[1])
        _add_inline(source, region_start, region_end, token.children or [], prose)
    return prose.document(source, path)


def _add_inline(source: str, cursor: int, end: int, children: list[Token],
                prose: ProseBuilder) -> None:
    for child in children:
        if child.type == "text":
            cursor = _add_text(source, cursor, end, child.content, prose)
        elif child.type in ("softbreak", "hardbreak"):
            at = source.find("\n", cursor, end)
            if at >= 0:
                prose.mapped("\n", at)
                cursor = at + 1
            else:
                prose.unmapped("\n")
        elif child.type in ("code_inline", "html_inline", "image"):
            prose.unmapped(PLACEHOLDER)
            at = source.find(child.content, cursor, end) if child.content else -1
            if at >= 0:
                cursor = at + len(child.content)


def _add_text(source: str, cursor: int, end: int, text: str, prose: ProseBuilder) -> int:
    """Map `text` to the first place after `cursor` that writes it and return where it ends
    there. The source may write it with backslash escapes and entities: then only what is
    written as it is maps (not an escaped character's backslash, not an entity), so a finding
    across the rest is reported but never fixed (see engine._locate). A later place that
    writes the text plainly must not win over the real one ("was was\\* … **was was**")."""
    for start in _possible_starts(source, cursor, end, text[:1]):
        if source.startswith(text, start):
            prose.mapped(text, start)
            return start + len(text)
        aligned = _align(source, start, end, text)
        if aligned is not None:
            runs, source_end = aligned
            done = 0
            for text_start, size, source_start in runs:
                prose.unmapped(text[done:text_start])
                prose.mapped(text[text_start:text_start + size], source_start)
                done = text_start + size
            prose.unmapped(text[done:])
            return source_end
    prose.unmapped(text)  # not written anywhere as it is: reported, never fixed
    return cursor


def _possible_starts(source: str, cursor: int, end: int, first: str) -> Iterator[int]:
    """Where in source[cursor:end] a text opening with `first` may be written: at `first`,
    a backslash or an ampersand."""
    starts = re.compile("[" + re.escape(first) + r"\\&]") if first else None
    if starts is None:
        yield cursor
        return
    for found in starts.finditer(source, cursor, end):
        yield found.start()


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ESCAPABLE = frozenset(string.punctuation)


def _align(source: str, start: int, end: int,
           text: str) -> tuple[list[tuple[int, int, int]], int] | None:
    """The runs of `text` written as they are from `start` on ((start in text, length,
    start in source)) and where the text ends in the source; None when the source there
    does not write the text."""
    runs: list[tuple[int, int, int]] = []
    i, j = 0, start
    run_i, run_j = 0, start
    while i < len(text):
        if j >= end:
            return None
        char = source[j]
        escaped = char == "\\" and j + 1 < end and source[j + 1] == text[i] in _ESCAPABLE
        entity = _ENTITY.match(source, j, end) if char == "&" else None
        decoded = html.unescape(entity.group()) if entity else ""
        if escaped or (decoded and text.startswith(decoded, i)):
            if i > run_i:
                runs.append((run_i, i - run_i, run_j))
            if escaped:
                j += 1  # the escaped character itself maps: it is written as it is
            else:
                i, j = i + len(decoded), entity.end()  # type: ignore[union-attr]
            run_i, run_j = i, j
        elif char == text[i]:
            i, j = i + 1, j + 1
        else:
            return None
    if i > run_i:
        runs.append((run_i, i - run_i, run_j))
    return runs, j
