"""Whole runs over files: what the CLI, a pre-commit hook and CI all do, as library calls."""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.cache import load_linter
from cleanup.config import Settings
from cleanup.engine import Linter
from cleanup.errors import InputError
from cleanup.files import iter_files
from cleanup.formats import reader_for
from cleanup.finding import Finding
from cleanup.fixes import FixResult, fix
from cleanup.pack import Pack, load_builtin_packs, load_packs
from cleanup.parallel import map_in_workers
from cleanup.textfile import (
    BinaryFileError, TextFile, decode, encode, read_text_file, write_text_file)

STDIN = "-"


@dataclass(slots=True)
class FileReport:
    path: str
    findings: list[Finding] = field(default_factory=list)  # after a fix: what remains
    fixed: FixResult | None = None
    error: str = ""  # could not be read or written: nothing was changed
    skipped: str = ""  # not text: nothing was read
    written: bool = False
    source: TextFile | None = None
    # Standard input that is not text: `fix -` is a filter and hands it on as it came.
    passthrough: bytes | None = None


def packs_for(settings: Settings) -> list[Pack]:
    packs = load_builtin_packs() if settings.builtin_packs else []
    return packs + load_packs(settings.packs)


def linter_for(settings: Settings) -> Linter:
    # Compiled packs come from the on-disk cache while no pack changed (issue 5: start-up).
    return load_linter(settings.builtin_packs, settings.packs, settings.select, settings.ignore)


def check_files(linter: Linter, paths: Sequence[str], encoding: str | None = None,
                jobs: int = 1) -> list[FileReport]:
    """check_file for each path, in order, in up to `jobs` processes."""
    task = functools.partial(check_file, linter, encoding=encoding)
    return _map_files(task, paths, jobs)


def fix_files(linter: Linter, paths: Sequence[str], *, unsafe: bool = False,
              write: bool = True, encoding: str | None = None,
              jobs: int = 1) -> list[FileReport]:
    """fix_file for each path, in order, in up to `jobs` processes."""
    task = functools.partial(fix_file, linter, unsafe=unsafe, write=write, encoding=encoding)
    return _map_files(task, paths, jobs)


def _map_files(task: Callable[..., FileReport], paths: Sequence[str],
               jobs: int) -> list[FileReport]:
    """The workers take the files; a single file takes them itself, for the sections of a
    long text."""
    if len(paths) == 1:
        return [task(paths[0], jobs=jobs)]
    # Only this process can read standard input.
    return list(map_in_workers(task, paths, 1 if STDIN in paths else jobs))


def read_input(path: str, encoding: str | None) -> TextFile:
    if path == STDIN:
        data = sys.stdin.buffer.read()
        text, enc, bom = decode(data, "<stdin>", encoding)
        return TextFile(Path(STDIN), text, enc, bom, 0, len(data))
    return read_text_file(Path(path), encoding)


def _load(path: str, encoding: str | None) -> TextFile | FileReport:
    """The file's text, or the report that says why there is none (not text, unreadable)."""
    try:
        return read_input(path, encoding)
    except BinaryFileError as exc:
        return FileReport(path, skipped=str(exc),
                          passthrough=exc.data if path == STDIN else None)
    except InputError as exc:
        return FileReport(path, error=str(exc))


def check_file(linter: Linter, path: str, encoding: str | None = None,
               jobs: int = 1) -> FileReport:
    source = _load(path, encoding)
    if isinstance(source, FileReport):
        return source
    read = reader_for(path)
    try:
        doc = read(source.text, path)
    except InputError as exc:  # a malformed PO or XLIFF file: this file fails, not the run
        return FileReport(path, error=str(exc))
    return FileReport(path, findings=linter.check(doc, jobs), source=source)


def fix_file(linter: Linter, path: str, *, unsafe: bool = False, write: bool = True,
             encoding: str | None = None, jobs: int = 1) -> FileReport:
    """Fix one file; with `write`, replace it atomically when the text changed."""
    source = _load(path, encoding)
    if isinstance(source, FileReport):
        return source
    read = reader_for(path)
    try:
        result = fix(linter, read(source.text, path), unsafe=unsafe,
                     reader=lambda text: read(text, path), jobs=jobs)
    except InputError as exc:
        return FileReport(path, error=str(exc))
    report = FileReport(path, findings=result.remaining, fixed=result, source=source)
    if write and result.changed and path != STDIN:
        try:
            write_text_file(source, result.text)
            report.written = True
        except InputError as exc:
            # Nothing was written: report no fixes, and no findings of a text the file does
            # not hold; the error says why.
            return FileReport(path, error=str(exc), source=source)
    return report


def output_bytes(report: FileReport) -> bytes | None:
    """What `fix -` and `fix -o FILE` write: the fixed text in the input's own encoding and
    byte-order mark, or standard input that was not text, untouched."""
    if report.passthrough is not None:
        return report.passthrough
    if report.source is None or report.fixed is None:
        return None
    return encode(report.fixed.text, report.source.encoding, report.source.bom, report.path)


def input_paths(paths: Iterable[str], settings: Settings) -> Iterator[str]:
    return iter_files(paths, settings.include, settings.exclude)
