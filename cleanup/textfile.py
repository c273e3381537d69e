"""Reading and writing files so that every byte outside an applied edit stays as it was.

The text is decoded without newline translation, so line endings (LF, CRLF, CR, mixed) and a
missing final newline survive a round trip as they are; a byte-order mark is remembered and
written back; writes go to a temporary file in the same folder and are renamed over the
original only if the original did not change meanwhile.
"""
from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cleanup.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class TextFile:
    path: Path
    text: str
    encoding: str
    bom: bytes
    mtime_ns: int
    size: int


class BinaryFileError(InputError):
    """The file holds NUL bytes and no UTF-16/32 byte-order mark: not text."""


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of `data`; raises InputError naming the file and byte offset."""
    bom = b""
    if encoding is None:
        for mark, codec in _BOMS:
            if data.startswith(mark):
                bom, encoding = mark, codec
                break
        else:
            if b"\0" in data[:BINARY_SNIFF_BYTES]:
                raise BinaryFileError(f"{name}: binary file (NUL bytes), skipped")
            encoding = "utf-8"
    try:
        text = data[len(bom):].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding} at byte {exc.start + len(bom)} "
            f"(use --encoding to name the file's encoding)") from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    return text, encoding, bom


def encode(text: str, encoding: str, bom: bytes, name: str) -> bytes:
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: the fixed text cannot be written as {encoding} "
                         f"(character {exc.object[exc.start]!r})") from None


def read_text_file(path: Path, encoding: str | None = None) -> TextFile:
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            data = f.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    text, encoding, bom = decode(data, str(path), encoding)
    return TextFile(path, text, encoding, bom, info.st_mtime_ns, info.st_size)


def write_text_file(original: TextFile, text: str) -> None:
    """Atomically replace the file's content; symlinks are written through to their target."""
    target = Path(os.path.realpath(original.path))
    data = encode(text, original.encoding, original.bom, str(original.path))
    try:
        info = os.stat(target)
    except OSError as exc:
        raise InputError(f"{original.path}: {exc.strerror or exc}") from None
    if (info.st_mtime_ns, info.st_size) != (original.mtime_ns, original.size):
        raise InputError(f"{original.path}: changed on disk since it was read; not overwritten")
    if not os.access(target, os.W_OK):
        raise InputError(f"{original.path}: file is read-only; not written")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleanup-tmp",
                                   dir=target.parent)
    except OSError as exc:
        raise InputError(f"{original.path}: cannot write in its folder: "
                         f"{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        try:
            os.chown(tmp, info.st_uid, info.st_gid)
        except PermissionError:  # only root may give a file away; the mode is kept regardless
            pass
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C: the original stays whole, the temp file goes
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"{original.path}: {exc.strerror or exc}") from None
        raise
