"""Warm library calls on one 5 KB text: what an editor does on every change (issue 5).

    python -m pytest bench/bench_library.py --benchmark-only -o addopts=

Not part of the test suite (it lives outside tests/ and only measures).
"""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleanup
import cleanup.incremental

CORPUS = Path(os.environ.get("CLEANUP_BENCH_CORPUS", Path(__file__).parent / "corpus"))


@pytest.fixture(scope="module")
def linter() -> cleanup.Linter:
    return cleanup.default_linter()


@pytest.fixture(scope="module")
def paragraph() -> str:
    path = CORPUS / "one5k.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    seed = Path(__file__).parent.parent / "seeds" / "000_8a7ac62440e69e8e.txt"
    return seed.read_text(encoding="utf-8")[:5000]


def test_recheck_5k(benchmark, linter: cleanup.Linter, paragraph: str) -> None:
    linter.check_text(paragraph)  # warm: the automaton and fold table are built
    benchmark(linter.check_text, paragraph)


def _edits(text: str) -> Iterator[str]:
    """The text with one word changed, a different word each time (as someone types)."""
    words = text.split(" ")
    edited = []
    for i in range(0, len(words), max(1, len(words) // 50)):
        changed = list(words)
        changed[i] += "x"
        edited.append(" ".join(changed))
    return itertools.cycle(edited)


def test_recheck_after_an_edit_5k(benchmark, linter: cleanup.Linter, paragraph: str) -> None:
    edits = _edits(paragraph)
    linter.check_text(paragraph)
    benchmark(lambda: linter.check_text(next(edits)))


def test_recheck_after_an_edit_5k_whole(benchmark, linter: cleanup.Linter, paragraph: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The baseline: every rule reads the whole text again (no line memo)."""
    monkeypatch.setattr(cleanup.incremental, "MAX_CHARS", -1)
    edits = _edits(paragraph)
    benchmark(lambda: linter.check_text(next(edits)))


def test_refix_5k(benchmark, linter: cleanup.Linter, paragraph: str) -> None:
    benchmark(cleanup.fix_text, paragraph, linter)
