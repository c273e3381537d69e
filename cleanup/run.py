"""Whole runs over files: what the CLI, a pre-commit hook and CI all do, as library calls."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.cache import load_linter
from cleanup.config import Settings
from cleanup.document import Document
from cleanup.engine import Linter, batches
from cleanup.errors import InputError
from cleanup.files import iter_files
from cleanup.formats import reader_for
from cleanup.finding import Finding
from cleanup.fixes import FixResult, fix
from cleanup.kinds.base import BATCH_CHARS, BATCH_TEXTS
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
    """check_file for each path, in order, in up to `jobs` processes, which take the files in
    batches (`check_batch`)."""
    if len(paths) == 1:  # checked here, a long text's sections in up to `jobs` processes
        return check_batch(linter, paths, encoding, jobs)
    jobs = _workers(paths, jobs)
    # Up to BATCH_TEXTS files a batch, and at least four batches for each process.
    most = max(1, min(BATCH_TEXTS, len(paths) // (jobs * 4)))
    task = functools.partial(check_batch, linter, encoding=encoding)
    checked = map_in_workers(task, list(batches(paths, _file_size, most)), jobs, chunk=1)
    return [report for reports in checked for report in reports]


def check_batch(linter: Linter, paths: Sequence[str], encoding: str | None = None,
                jobs: int = 1) -> list[FileReport]:
    """check_file for each path; the texts are checked together (`Linter.check_each`)."""
    read = [_document(path, encoding) for path in paths]
    docs = [r[1] for r in read if not isinstance(r, FileReport)]
    found = iter(linter.check_each(docs, jobs))
    return [r if isinstance(r, FileReport) else FileReport(path, findings=next(found), source=r[0])
            for path, r in zip(paths, read)]


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
    return list(map_in_workers(task, paths, _workers(paths, jobs)))


def _workers(paths: Sequence[str], jobs: int) -> int:
    return 1 if STDIN in paths else jobs  # only this process can read standard input


def _file_size(path: str) -> int:
    """The size of the file, as far as a batch goes: standard input and a file that cannot be
    read as large as a batch (alone, then)."""
    try:
        return BATCH_CHARS if path == STDIN else os.stat(path).st_size
    except OSError:
        return BATCH_CHARS


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
    return check_batch(linter, [path], encoding, jobs)[0]


def _document(path: str, encoding: str | None) -> tuple[TextFile, Document] | FileReport:
    """The file's text and document, or the report that says why there is none."""
    source = _load(path, encoding)
    if isinstance(source, FileReport):
        return source
    try:
        return source, reader_for(path)(source.text, path)
    except InputError as exc:  # a malformed PO or XLIFF file: this file fails, not the run
        return FileReport(path, error=str(exc))


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
