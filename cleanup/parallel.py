"""Many files on every core: one worker process per core, reports in the order of the inputs.

Workers are forked after the linter is compiled, so they share it instead of compiling or
unpickling it again, and only paths go out and reports come back. The reports are the ones a
single process makes, in the same order, so the output does not depend on the number of jobs.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Report = TypeVar("Report")

# A worker takes this many files at a time: fewer round trips for many small files.
CHUNK = 8

_task: Callable[[str], object] | None = None  # set in the parent just before forking


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def map_files(task: Callable[[str], Report], paths: Sequence[str],
              jobs: int) -> Iterator[Report]:
    """`task(path)` for every path, in order, in up to `jobs` processes."""
    jobs = min(jobs, len(paths))
    if jobs <= 1 or not _can_fork():
        yield from map(task, paths)  # no fork (Windows): one process, same results
        return
    import multiprocessing
    global _task
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_run, paths, chunksize=_chunk(len(paths), jobs))
    finally:
        _task = None


def _can_fork() -> bool:
    # multiprocessing is imported only here: a run over one file (an editor, a hook) never
    # needs it.
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _chunk(count: int, jobs: int) -> int:
    return max(1, min(CHUNK, count // (jobs * 4)))


def _run(path: str) -> object:
    assert _task is not None  # forked from map_files, which set it
    return _task(path)
