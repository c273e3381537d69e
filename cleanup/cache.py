"""Compiled linters cached on disk, keyed by the content of everything they are built from.

Parsing YAML and compiling rules costs more than checking a page of text, and a pre-commit
hook or an editor starts cleanup over and over with the same packs (issue 5: start-up). The
compiled Linter is pickled under the user's cache folder, named by a hash of the packs' files,
the selection, cleanup's own code and the Python version, so a changed pack or a new cleanup
never meets a stale entry. Hashing those files (1.2 MB) and importing hashlib cost about 8 ms
per run, so the key of a set of files is remembered by their stat signatures (size, times,
inode), as git's index remembers a file's hash: a file written since has a new ctime. Files a
rule reads from outside its pack (a `style:` list, say) are
recorded with their hashes in the entry and checked on load. Any trouble (a corrupt entry, an
unwritable folder, a rule that cannot be pickled) falls back to compiling, never to an error.

Unpickling runs code from the cache folder: it is the user's own folder, writable only by
those who can run code as the user anyway.
"""
from __future__ import annotations

import gc
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from cleanup.engine import Linter

PACKAGE = Path(__file__).resolve().parent
FORMAT = b"cleanup-linter-1"
MAX_HASHED_BYTES = 100_000_000
KEYS_FILE = "keys.pickle"
KEYS_KEPT = 16
ENTRIES_KEPT = 16
# A file changed this recently may change again within the same timestamp tick of a coarse
# file system, unseen by its stat signature: such a key is computed, not remembered.
RACY_NS = 2_000_000_000


def cache_dir() -> Path | None:
    """CLEANUP_CACHE_DIR, else the platform's user cache folder; None when caching is off."""
    if os.environ.get("CLEANUP_NO_CACHE"):
        return None
    override = os.environ.get("CLEANUP_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "linux":
        # The XDG rule platformdirs follows here, without its import (3 ms of every start-up).
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "cleanup"
    import platformdirs

    return Path(platformdirs.user_cache_dir("cleanup", appauthor=False))


def load_linter(builtin: bool, pack_paths: Sequence[str | Path], select: Sequence[str] = (),
                ignore: Sequence[str] = ()) -> Linter:
    """The Linter of the built-in packs (if `builtin`) and the packs at `pack_paths`, with
    this selection: from the cache, or compiled and cached."""
    from cleanup.engine import Linter
    from cleanup.pack import _builtin_dir, load_builtin_packs, load_packs

    def build() -> Linter:
        packs = (load_builtin_packs() if builtin else []) + load_packs(pack_paths)
        return Linter.from_packs(packs, select, ignore)

    # The whole built-in folder: packs there read data files (name lists) beside them.
    sources = ([_builtin_dir()] if builtin else []) + [Path(p) for p in pack_paths]
    return cached_linter(sources, select, ignore, build)


def cached_linter(sources: Sequence[Path], select: Sequence[str], ignore: Sequence[str],
                  build: Callable[[], Linter]) -> Linter:
    """What `build()` returns for the packs in `sources` (files and folders) and this
    selection, from the cache when an entry for exactly these inputs exists."""
    folder = cache_dir()
    key = None if folder is None else _key(folder, sources, select, ignore)
    if folder is None or key is None:
        return build()
    entry = folder / f"linter-{key}.pickle"
    linter = _load(entry)
    if linter is None:
        linter = build()
        _store(entry, linter)
    return linter


def _key(folder: Path, sources: Sequence[Path], select: Sequence[str],
         ignore: Sequence[str]) -> str | None:
    files = [*_code_files(), *_pack_files(sources)]
    signed = _signature(files, select, ignore)
    if signed is None:  # a file that is not a regular one: hashing decides
        return _content_key(files, select, ignore)
    signature, newest_change_ns = signed
    known = _read_keys(folder)
    key = known.get(signature)
    if key is None:
        key = _content_key(files, select, ignore)
        if key is not None and newest_change_ns < time.time_ns() - RACY_NS:
            known[signature] = key
            _write_keys(folder, known)
    return key


def _content_key(files: Sequence[Path], select: Sequence[str],
                 ignore: Sequence[str]) -> str | None:
    import hashlib

    digest = hashlib.sha256(FORMAT)
    digest.update(repr((sys.version_info[:2], list(select), list(ignore))).encode())
    for path in files:
        file_digest = _file_digest(path)
        if file_digest is None:
            return None
        digest.update(str(path).encode() + b"\0")
        digest.update(file_digest)
    return digest.hexdigest()[:32]


def _signature(files: Sequence[Path], select: Sequence[str],
               ignore: Sequence[str]) -> tuple[str, int] | None:
    """What identifies these files without reading them, and when the newest of them last
    changed; None if one cannot be stat'ed or is not a regular file."""
    stats = []
    newest_change_ns = 0
    for path in files:
        try:
            info = path.stat()
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        stats.append((str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns,
                      info.st_ino, info.st_dev))
        newest_change_ns = max(newest_change_ns, info.st_mtime_ns, info.st_ctime_ns)
    # One string, not nested tuples: tens of them load in a fraction of a millisecond.
    signature = repr((FORMAT, sys.version_info[:2], tuple(select), tuple(ignore), stats))
    return signature, newest_change_ns


def _read_keys(folder: Path) -> dict[str, str]:
    try:
        with open(folder / KEYS_FILE, "rb") as f:
            known = pickle.load(f)
    except Exception:  # missing, corrupt or from another version: start afresh
        return {}
    return known if isinstance(known, dict) else {}


def _write_keys(folder: Path, known: dict[str, str]) -> None:
    """The newest KEYS_KEPT signatures, written atomically."""
    kept = dict(list(known.items())[-KEYS_KEPT:])
    _write_atomically(folder / KEYS_FILE, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def _code_files() -> Iterator[Path]:
    """cleanup's own modules (an edited checkout changes the classes that were pickled) and
    the compiled matcher, whose pickle format is its own."""
    yield from _files_under(PACKAGE, ".py")
    import ahocorasick

    yield Path(ahocorasick.__file__)


def _pack_files(sources: Iterable[Path]) -> Iterator[Path]:
    """Every file of each pack: a pack folder may hold data (name lists) besides its YAML."""
    for path in sources:
        if path.is_dir():
            yield from _files_under(path)
        else:
            yield path.resolve()


def _files_under(folder: Path, suffix: str = "") -> list[Path]:
    """The files below `folder` whose names end in `suffix`, sorted, without __pycache__
    (os.walk: pathlib's rglob took a millisecond of every start-up)."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found.extend(os.path.join(parent, name) for name in names if name.endswith(suffix))
    return [Path(name) for name in sorted(found)]


def _file_digest(path: Path) -> bytes | None:
    """The file's hash; None for what is not a regular file of a sane size, which is never
    read here (a FIFO would block forever) and so cannot be cached: the pack loader rejects it
    with a clear error, or reads it afresh every run."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            return None
        import hashlib

        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").digest()
    except OSError:
        return b"unreadable"


def _load(entry: Path) -> Linter | None:
    try:
        with open(entry, "rb") as f:
            if f.read(len(FORMAT)) != FORMAT:
                return None
            depends, linter = _unpickle(f)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from an incompatible build: compile instead
        return None
    for value, path, digest in depends:  # a relative name must still name the same file
        if (os.path.abspath(value) != path or digest is None
                or _file_digest(Path(path)) != digest):
            return None
    return linter  # type: ignore[no-any-return]


def _unpickle(f: BinaryIO) -> Any:
    """pickle.load with the garbage collector off: it would walk again and again the tens of
    thousands of containers being made, all of which stay alive (about 5 ms of start-up)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if enabled:
            gc.enable()


def _store(entry: Path, linter: Linter) -> None:
    try:
        data = pickle.dumps((_outside_files(linter), linter), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable rule: run without the cache
        return
    _write_atomically(entry, FORMAT + data)
    _prune(entry.parent)


def _prune(folder: Path) -> None:
    """Keep the newest ENTRIES_KEPT entries: each edit of a pack or upgrade of cleanup makes a
    new one (about 800 KB), and the old ones would otherwise pile up forever."""
    try:
        entries = sorted(folder.glob("linter-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-ENTRIES_KEPT]:
            old.unlink()
    except OSError:  # another run pruned it first, or the folder is read-only
        pass


def _write_atomically(path: Path, data: bytes) -> None:
    """A temporary file, then a rename: parallel runs never read half a file. A read-only or
    full disk only costs the time of compiling again."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".linter-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _outside_files(linter: Linter) -> list[tuple[str, str, bytes | None]]:
    """Files named by rule settings (e.g. `style: names.json`): (name as written, absolute
    path, hash)."""
    found = []
    for rule in linter.rules:
        for value in _strings(rule.spec):
            if len(value) < 4096 and "\n" not in value and os.path.isfile(value):
                found.append((value, os.path.abspath(value), _file_digest(Path(value))))
    return found


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
