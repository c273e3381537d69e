"""Compiled linters cached on disk, keyed by the content of everything they are built from.

Parsing YAML and compiling rules costs more than checking a page of text, and a pre-commit
hook or an editor starts cleanup over and over with the same packs (issue 5: start-up). The
compiled Linter is pickled under the user's cache folder, named by a hash of the packs' files,
the selection, cleanup's own code and the Python version, so a changed pack or a new cleanup
never meets a stale entry. Files a rule reads from outside its pack (a `style:` list, say) are
recorded with their hashes in the entry and checked on load. Any trouble (a corrupt entry, an
unwritable folder, a rule that cannot be pickled) falls back to compiling, never to an error.

Unpickling runs code from the cache folder: it is the user's own folder, writable only by
those who can run code as the user anyway.
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from cleanup.engine import Linter

PACKAGE = Path(__file__).resolve().parent
FORMAT = b"cleanup-linter-1"
MAX_HASHED_BYTES = 100_000_000


def cache_dir() -> Path | None:
    """CLEANUP_CACHE_DIR, else the platform's user cache folder; None when caching is off."""
    if os.environ.get("CLEANUP_NO_CACHE"):
        return None
    override = os.environ.get("CLEANUP_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs  # only here: most runs hit the cache and never need it

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
    key = None if folder is None else _key(sources, select, ignore)
    if folder is None or key is None:
        return build()
    entry = folder / f"linter-{key}.pickle"
    linter = _load(entry)
    if linter is None:
        linter = build()
        _store(entry, linter)
    return linter


def _key(sources: Sequence[Path], select: Sequence[str],
         ignore: Sequence[str]) -> str | None:
    digest = hashlib.sha256(FORMAT)
    digest.update(repr((sys.version_info[:2], list(select), list(ignore))).encode())
    for path in [*_code_files(), *_pack_files(sources)]:
        file_digest = _file_digest(path)
        if file_digest is None:
            return None
        digest.update(str(path).encode() + b"\0")
        digest.update(file_digest)
    return digest.hexdigest()[:32]


def _code_files() -> Iterator[Path]:
    """cleanup's own modules (an edited checkout changes the classes that were pickled) and
    the compiled matcher, whose pickle format is its own."""
    yield from sorted(PACKAGE.rglob("*.py"))
    import ahocorasick

    yield Path(ahocorasick.__file__)


def _pack_files(sources: Iterable[Path]) -> Iterator[Path]:
    """Every file of each pack: a pack folder may hold data (name lists) besides its YAML."""
    for path in sources:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and "__pycache__" not in p.parts)
        else:
            yield path.resolve()


def _file_digest(path: Path) -> bytes | None:
    """The file's hash; None for what is not a regular file of a sane size, which is never
    read here (a FIFO would block forever) and so cannot be cached: the pack loader rejects it
    with a clear error, or reads it afresh every run."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            return None
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
    """Write atomically (temporary file, then rename): parallel runs never read half a file."""
    try:
        data = pickle.dumps((_outside_files(linter), linter), protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".linter-", suffix=".tmp")
    except Exception:  # unpicklable rule, read-only or full disk: run without the cache
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT + data)
        os.replace(tmp, entry)
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
