"""Building a Document from pieces of a source: each piece is prose mapped to its place, or a
separator the reader adds (a block break, a placeholder) that maps nowhere."""
from __future__ import annotations

from cleanup.document import Document, Segment, Translation


class ProseBuilder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def unmapped(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def mapped(self, text: str, source_start: int) -> None:
        self.segments.append(Segment(self.length, source_start, len(text)))
        self.unmapped(text)

    def document(self, source: str, path: str, translations: tuple[Translation, ...] = (),
                 unwritable: str = "") -> Document:
        return Document(text="".join(self.parts), source=source, path=path,
                        segments=tuple(self.segments), translations=translations,
                        unwritable=unwritable)
