"""Markdown (CommonMark) through markdown-it-py: prose of headings, paragraphs, lists, quotes
and link texts; code spans, code blocks, HTML and URLs are left out.
"""
from __future__ import annotations

import difflib
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
    at = source.find(text, cursor, end)
    if at >= 0:
        prose.mapped(text, at)
        return at + len(text)
    # The text differs from its source (an entity or an escape): map the runs that agree.
    # A finding across a run that does not is reported but never fixed (see engine._locate).
    window = source[cursor:end]
    last = cursor
    pos = 0
    for a, b, size in _matching_blocks(text, window):
        if a > pos:
            prose.unmapped(text[pos:a])
        if size:
            prose.mapped(text[a:a + size], cursor + b)
            last = cursor + b + size
        pos = a + size
    if pos < len(text):
        prose.unmapped(text[pos:])
    return last


def _matching_blocks(text: str, window: str) -> Iterator[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, text, window, autojunk=False)
    for block in matcher.get_matching_blocks():
        yield block.a, block.b, block.size
