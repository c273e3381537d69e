from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `cleanup ARGS` in a fresh working folder (no config above it) and return the result."""
    from cleanup.cli import main

    monkeypatch.chdir(tmp_path)

    def run(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def write(tmp_path: Path):
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return write


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("NO_COLOR", "1")
    # Compiled packs are cached in a folder of this run, never in the user's own cache; set
    # before collection, since test modules build linters at import.
    os.environ["CLEANUP_CACHE_DIR"] = tempfile.mkdtemp(prefix="cleanup-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("CLEANUP_CACHE_DIR"), ignore_errors=True)
