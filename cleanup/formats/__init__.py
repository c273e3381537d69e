"""Readers turn a file's text into a Document: the prose the rules read, mapped to the file.

Plain text is its own prose. Markup is parsed (never scanned with regexes) and only its prose
is handed on, so rules do not fire on code, URLs or tags, and offsets stay true to the file.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from cleanup.document import Document

Reader = Callable[[str, str], Document]  # (source text, path) → Document

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
SUBTITLE_SUFFIXES = {".srt", ".vtt"}
XLIFF_SUFFIXES = {".xlf", ".xliff"}


def read_plain(source: str, path: str = "-") -> Document:
    return Document.plain(source, path)


def reader_for(path: str) -> Reader:
    suffix = PurePath(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        from cleanup.formats.markdown import read_markdown  # parser loaded only when needed

        return read_markdown
    if suffix in SUBTITLE_SUFFIXES:
        from cleanup.formats.subtitles import read_subtitles

        return read_subtitles
    if suffix in (".po", ".pot"):
        from cleanup.formats.po import read_po, read_po_template

        return read_po if suffix == ".po" else read_po_template
    if suffix in XLIFF_SUFFIXES:
        from cleanup.formats.xliff import read_xliff

        return read_xliff
    return read_plain
