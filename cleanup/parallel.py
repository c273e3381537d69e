"""Work on every core: one worker process per core, results in the order of the inputs.

Workers are forked after the linter is compiled (and a long text read), so they share it
instead of compiling or unpickling it again, and only paths (or section bounds) go out and
reports come back. The results are the ones a single process makes, in the same order, so the
output does not depend on the number of jobs.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# A worker takes up to this many items at a time: fewer round trips for many small files.
CHUNK = 8

_task: Callable[[Any], object] | None = None  # set in the parent just before forking


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)


def map_in_workers(task: Callable[[Item], Result], items: Sequence[Item], jobs: int,
                   chunk: int | None = None) -> Iterator[Result]:
    """`task(item)` for every item, in order, in up to `jobs` processes, each taking `chunk`
    items at a time (default: by the number of items)."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or not _can_fork():
        yield from map(task, items)  # no fork (Windows): one process, same results
        return
    import multiprocessing
    global _task
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_run, items, chunksize=chunk or _chunk(len(items), jobs))
    finally:
        _task = None


def _can_fork() -> bool:
    # multiprocessing is imported only here: a run over one file (an editor, a hook) never
    # needs it.
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _chunk(count: int, jobs: int) -> int:
    return max(1, min(CHUNK, count // (jobs * 4)))


def _run(item: Any) -> object:
    assert _task is not None  # forked from map_in_workers, which set it
    return _task(item)
