"""Reading and writing files so that every byte outside an applied edit stays as it was.

The text is decoded without newline translation, so line endings (LF, CRLF, CR, mixed) and a
missing final newline survive a round trip as they are; a byte-order mark is remembered and
written back; writes go to a temporary file in the same folder and are renamed over the
original only if the original did not change meanwhile.

Choices (issue 6, "never lose a byte"):
- A symlink is written through: its target gets the new content, the link stays a link.
- A file with several hard links is refused: replacing it would split the links.
- A read-only file, or a file in a read-only folder, is refused even for root: no write
  permission bit at all means "do not touch", whoever runs the hook.
- FIFOs, devices and sockets are skipped, never read (reading a FIFO would block the run).
"""
from __future__ import annotations

import codecs
import contextlib
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cleanup.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Codecs whose name leaves the byte order (or the mark) to a BOM: `--encoding utf-16` must read
# the mark the file has and write back that same mark, not the platform's.
_BOM_FAMILIES = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
_NO_BOM_DEFAULT = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
# Decoding with these is strict and one to one, so encoding the text gives the bytes back.
_ROUND_TRIP_SAFE = {"utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "latin-1",
                    "iso8859-1", "ascii"}
BINARY_SNIFF_BYTES = 8192


class TextFile(NamedTuple):
    path: Path
    text: str
    encoding: str
    bom: bytes
    mtime_ns: int
    size: int
    # Hash of the bytes read: a change on disk is caught even when size and mtime are equal.
    digest: bytes = b""


class BinaryFileError(InputError):
    """Not text (NUL bytes and no UTF-16/32 byte-order mark, or not a regular file): skipped."""

    def __init__(self, message: str, data: bytes | None = None) -> None:
        super().__init__(message)
        self.data = data  # what was read, so a filter (`fix -`) can hand it on untouched


def _digest(data: bytes) -> bytes:
    # CRC-32, not a cryptographic hash: it guards against an accidental edit, not an attack,
    # and hashlib's import (OpenSSL) would cost every run 4 ms of start-up (issue 5).
    return zlib.crc32(data).to_bytes(4, "big")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str, bytes]:
    """(text, encoding, bom) of `data`; raises InputError naming the file and byte offset."""
    if encoding is not None:
        return _decode_as(data, name, encoding)
    candidates = [(mark, codec) for mark, codec in _BOMS if data.startswith(mark)]
    if not candidates:
        if b"\0" in data[:BINARY_SNIFF_BYTES]:
            raise BinaryFileError(f"{name}: binary file (NUL bytes), skipped", data)
        candidates = [(b"", "utf-8")]
    # FF FE 00 00 opens UTF-32 LE, or UTF-16 LE whose first character is U+0000: try both,
    # the longer mark first.
    return _decode_first(data, name, candidates)


def _decode_first(data: bytes, name: str,
                  candidates: list[tuple[bytes, str]]) -> tuple[str, str, bytes]:
    first_error: InputError | None = None
    for mark, codec in candidates:
        try:
            return _strict_decode(data, name, codec, mark), codec, mark
        except InputError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def _strict_decode(data: bytes, name: str, codec: str, bom: bytes) -> str:
    try:
        return data[len(bom):].decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {codec} at byte {exc.start + len(bom)} "
            f"(use --encoding to name the file's encoding)") from None


def _decode_as(data: bytes, name: str, encoding: str) -> tuple[str, str, bytes]:
    """Decode with the encoding the user named; refuse one that would not give the bytes back."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    family = _BOM_FAMILIES.get(codec)
    if family is not None:
        for mark, bom_codec in _BOMS:
            if data.startswith(mark) and bom_codec.startswith(family):
                return _strict_decode(data, name, bom_codec, mark), bom_codec, mark
        codec = _NO_BOM_DEFAULT[family]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid {codec} at byte {exc.start}") from None
    except LookupError:  # bytes-to-bytes codecs such as base64 or rot13
        raise InputError(f"{encoding!r} is not a text encoding") from None
    if codec not in _ROUND_TRIP_SAFE and _encode_or_none(text, codec) != data:
        # Some codecs (e.g. ISO-2022, UTF-7) have several byte spellings of one text: writing
        # back could change bytes no rule touched.
        raise InputError(f"{name}: {codec} does not give these bytes back when written; "
                         "not processed")
    return text, codec, b""


def _encode_or_none(text: str, codec: str) -> bytes | None:
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def encode(text: str, encoding: str, bom: bytes, name: str) -> bytes:
    try:
        return bom + text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise InputError(f"{name}: the fixed text cannot be written as {encoding} "
                         f"(character {exc.object[exc.start]!r})") from None


def read_text_file(path: Path, encoding: str | None = None) -> TextFile:
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is skipped below.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise BinaryFileError(f"{path}: not a regular file, skipped")
            data = f.read()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    text, encoding, bom = decode(data, str(path), encoding)
    return TextFile(path, text, encoding, bom, info.st_mtime_ns, info.st_size, _digest(data))


def write_text_file(original: TextFile, text: str) -> None:
    """Atomically replace the file's content; symlinks are written through to their target."""
    target = Path(os.path.realpath(original.path))
    data = encode(text, original.encoding, original.bom, str(original.path))
    info = _check_unchanged(original, target)
    _check_writable(original.path, target, info)
    with _signals_deferred():
        _replace(original.path, target, data, stat.S_IMODE(info.st_mode),
                 (info.st_uid, info.st_gid))


def write_output_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` (`fix -o FILE`) as atomically as a fix: never half a file."""
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)  # the mode a plain open() would give a new file
        os.umask(umask)
        mode, owner = 0o666 & ~umask, None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    else:
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file; not written")
        _check_writable(path, target, info)
        mode, owner = stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)
    with _signals_deferred():
        _replace(path, target, data, mode, owner)


def _check_unchanged(original: TextFile, target: Path) -> os.stat_result:
    name = original.path
    try:
        info = os.stat(target)
        unchanged = (info.st_mtime_ns, info.st_size) == (original.mtime_ns, original.size)
        if unchanged and original.digest:
            with open(target, "rb") as f:
                unchanged = _digest(f.read()) == original.digest
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if not unchanged:
        raise InputError(f"{name}: changed on disk since it was read; not overwritten")
    return info


def _check_writable(name: Path, target: Path, info: os.stat_result) -> None:
    if not _may_write(target, info.st_mode):
        raise InputError(f"{name}: file is read-only; not written")
    folder = target.parent
    try:
        folder_mode = os.stat(folder).st_mode
    except OSError as exc:
        raise InputError(f"{name}: {exc.strerror or exc}") from None
    if not _may_write(folder, folder_mode, os.W_OK | os.X_OK):
        raise InputError(f"{name}: its folder {folder} is read-only; not written")
    if info.st_nlink > 1:
        raise InputError(f"{name}: has {info.st_nlink} hard links and replacing it would split "
                         "them; not written")


def _may_write(path: Path, mode: int, access: int = os.W_OK) -> bool:
    # os.access says yes to root for everything; no write bit at all is a "keep out" sign.
    return os.access(path, access) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the file is replaced, so no temp file is left behind."""
    import signal  # only for writing: a check never needs it

    sigs = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows: the cleanup below still runs
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a held signal is delivered here


def _replace(name: Path, target: Path, data: bytes, mode: int,
             owner: tuple[int, int] | None) -> None:
    import tempfile  # only for writing: a check never needs it

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".cleanup-tmp",
                                   dir=target.parent)
    except OSError as exc:
        raise InputError(f"{name}: cannot write in its folder: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if owner is not None:
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(tmp, *owner)
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C on Windows: the original stays whole
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"{name}: {exc.strerror or exc}") from None
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is on disk too; not possible everywhere.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
