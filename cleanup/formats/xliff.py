"""XLIFF 1.2 and 2.x: the translations are prose, i.e. the <target> of each <trans-unit> (1.2)
or <segment> (2.x). Sources, notes, alternatives (<alt-trans>, matches), <ignorable> and units
marked translate="no" are not. Inside a target, the text of <g>, <mrk> and <pc> is prose;
other inline elements (<x/>, <ph>, <bpt>, <ept>, <it>, <sc/>, <ec/>, <cp/>) are codes, read
as one placeholder character that keeps the words on either side apart and matches no rule.

The file is parsed with the standard library's expat, which tells where each event starts as
a byte offset into the UTF-8 it is given; those become character offsets, so each text node
maps to its place in the file. Text the file does not hold as it is read (an entity such as
&amp;, a character reference, a line break XML turned from \\r\\n into \\n) maps nowhere: a
finding that touches it is reported but never fixed, and a fix never writes '<', '&' or '>'.

Files are untrusted: a DOCTYPE is refused as soon as it starts, so no entity is ever declared,
expanded or fetched (no "billion laughs", no external entities), which is what defusedxml
would add.
"""
from __future__ import annotations

from xml.parsers import expat

from cleanup.document import Document, Translation
from cleanup.errors import InputError
from cleanup.formats.prose import ProseBuilder

PLACEHOLDER = "\ufffc"  # an inline code: keeps "was<x/>was" two words, matches no rule
TARGET_BREAK = "\n\n"
UNWRITABLE = "<&>"
_CORE = "urn:oasis:names:tc:xliff:document:"  # 1.2, 2.0, 2.1, 2.2: the core elements
_UNITS = {"trans-unit", "segment"}  # what holds one <source> and its <target>
_PROSE_INLINE = {"g", "mrk", "pc"}  # inline elements whose text is text of the segment
_MARKERS = {"sm", "em"}  # 2.x annotation start/end: mark a range, stand for no text


class _CharOffsets:
    """Character offsets of byte offsets into UTF-8, asked for in increasing order (expat
    reports events in file order), so the file is decoded once, piece by piece."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.byte = self.char = 0

    def of(self, byte: int) -> int:
        self.char += len(self.data[self.byte:byte].decode("utf-8"))
        self.byte = byte
        return self.char


class _Reader:
    def __init__(self, source: str, path: str) -> None:
        self.source, self.path = source, path
        self.prose = ProseBuilder()
        self.translations: list[Translation] = []
        self.stack: list[str] = []  # what each open element is: see _role
        self.untranslatable = 0  # open elements with translate="no", outside segments
        self.codes = 0  # open inline codes inside the <source> or <target> being read
        self.reading = ""  # "source" or "target" while one is open
        self.target_start = self.target_at = 0
        self.source_parts: list[str] = []
        self.original: str | None = None  # the <source> text of the current unit
        self.in_cdata = False
        self.seen_root = False
        parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
        parser.buffer_text = False  # one event per text node, each with its own offset
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartCdataSectionHandler = lambda: setattr(self, "in_cdata", True)
        parser.EndCdataSectionHandler = lambda: setattr(self, "in_cdata", False)
        self.parser = parser

    def read(self) -> Document:
        try:
            data = self.source.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"{self.path}: a lone surrogate at offset {exc.start}") from None
        self.offsets = _CharOffsets(data)
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise self._error(expat.ErrorString(exc.code), exc.lineno) from None
        return self.prose.document(self.source, self.path, tuple(self.translations),
                                   UNWRITABLE)

    def _refuse_doctype(self, *_: object) -> None:
        raise self._error("a DOCTYPE is not allowed (XLIFF has none, and its entities could "
                          "expand without bound or read other files)")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if not self.seen_root:
            if local != "xliff":
                raise self._error(f"not an XLIFF file (the root element is <{local}>)")
            self.seen_root = True
        role = self._role(local, attrs)
        self.stack.append(role)
        if role == "code":
            self.codes += 1
            if self.codes == 1 and local not in _MARKERS:
                self._add_placeholder()
        elif role == "untranslatable":
            self.untranslatable += 1
        elif role == "unit":
            self.original = None
        elif role in ("source", "target"):
            self._open(role)

    def _role(self, local: str, attrs: dict[str, str]) -> str:
        """What an element is to the reader: a code, prose inline, a unit, a source or target
        being read, an untranslatable container, or anything else."""
        translate = attrs.get("translate") != "no"
        if self.reading:
            prose = local in _PROSE_INLINE or local in _MARKERS
            return "inline" if prose and translate and not self.codes else "code"
        if not translate:
            return "untranslatable"
        if local in _UNITS:
            return "unit"
        parent = self.stack[-1] if self.stack else ""
        if local in ("source", "target") and parent == "unit" and not self.untranslatable:
            return local
        return "other"

    def _open(self, role: str) -> None:
        self.reading = role
        if role == "source":
            self.source_parts = []
            return
        if self.prose.length:
            self.prose.unmapped(TARGET_BREAK)
        self.target_start = self.prose.length
        self.target_at = self._offset()

    def _end(self, name: str) -> None:
        role = self.stack.pop()
        if role == "code":
            self.codes -= 1
        elif role == "untranslatable":
            self.untranslatable -= 1
        elif role == "source":
            self.original = "".join(self.source_parts)
            self.reading = ""
        elif role == "target":
            self._close_target()
            self.reading = ""

    def _close_target(self) -> None:
        if self.prose.length == self.target_start:
            self.prose.mapped("", self.target_at)  # an empty target: at its start tag
        if self.original is not None:
            self.translations.append(
                Translation(self.target_start, self.prose.length, self.original))

    def _text(self, data: str) -> None:
        if not self.reading or self.codes:
            return
        if self.reading == "source":
            self.source_parts.append(data)
            return
        at = self._offset()
        # Outside CDATA a node that starts at '&' is an entity or a character reference; text
        # that differs from the file (a normalized line break) cannot be written back either.
        literal = self.in_cdata or self.source[at:at + 1] != "&"
        if literal and self.source.startswith(data, at):
            self.prose.mapped(data, at)
        else:
            self.prose.unmapped(data)

    def _add_placeholder(self) -> None:
        if self.reading == "source":
            self.source_parts.append(PLACEHOLDER)
        else:
            self.prose.unmapped(PLACEHOLDER)

    def _offset(self) -> int:
        return self.offsets.of(self.parser.CurrentByteIndex)

    def _error(self, problem: str, line: int | None = None) -> InputError:
        line = self.parser.CurrentLineNumber if line is None else line
        return InputError(f"{self.path}:{line}: not a valid XLIFF file: {problem}")


def _local(name: str) -> str:
    """The local name of a core XLIFF element; other namespaces keep their full name, so an
    extension's <target> is never taken for the core one."""
    namespace, _, local = name.rpartition(" ")
    return local if not namespace or namespace.startswith(_CORE) else name


def read_xliff(source: str, path: str = "-") -> Document:
    return _Reader(source, path).read()
