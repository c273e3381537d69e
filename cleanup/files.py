"""Which files a run reads: named files always; folders recursively, skipping hidden files,
files that git would ignore (.gitignore files met on the way down) and, when reading, binaries.
"""
from __future__ import annotations

import fnmatch
import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cleanup.errors import InputError

if TYPE_CHECKING:
    import pathspec


def _matches(rel: str, globs: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs)


def iter_files(paths: Iterable[str], include: Sequence[str] = (),
               exclude: Sequence[str] = ()) -> Iterator[str]:
    """Paths in a stable order; '-' stands for standard input and passes through."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, include, exclude)
        elif path.exists() or path.is_symlink():
            if not _matches(path.as_posix(), exclude):
                yield raw
        else:
            raise InputError(f"{raw}: no such file or folder")


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    ignores: list[tuple[str, pathspec.PathSpec]] = []  # (folder relative to root, spec)
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        spec = _read_gitignore(os.path.join(folder, ".gitignore"))
        if spec is not None:
            ignores.append((rel_folder, spec))

        def ignored(rel: str, is_dir: bool) -> bool:
            probe = rel + "/" if is_dir else rel
            return any(probe.startswith(base) and spec.match_file(probe[len(base):])
                       for base, spec in ignores)

        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not ignored(rel_folder + d, True)
                         and not _matches(rel_folder + d, exclude))
        for name in sorted(files):
            rel = rel_folder + name
            if name.startswith(".") or ignored(rel, False) or _matches(rel, exclude):
                continue
            if include and not _matches(rel, include):
                continue
            yield os.path.join(folder, name)


def _read_gitignore(path: str) -> pathspec.PathSpec | None:
    """The patterns of a .gitignore; lines git would not understand are skipped, as git does."""
    if not os.path.isfile(path):
        return None
    import pathspec  # here: a run over named files never needs it (issue 5: start-up)

    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:  # unreadable: walk as if it were not there, like git
        return None
    patterns = []
    with warnings.catch_warnings():  # e.g. re's FutureWarning on '[[' must not reach stderr
        warnings.simplefilter("ignore")
        for line in lines:
            try:  # a line such as '!' or '[z-a]' used to stop the whole run
                pathspec.GitIgnoreSpec.from_lines([line]).match_file("x")
            except Exception:  # pathspec raises its own errors and re.error
                continue
            patterns.append(line)
        return pathspec.GitIgnoreSpec.from_lines(patterns)
