from __future__ import annotations

import os
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


@pytest.fixture(autouse=True, scope="session")
def _linter_cache_of_this_run(tmp_path_factory: pytest.TempPathFactory):
    """Compiled packs are cached in a folder of this run, never in the user's own cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEANUP_CACHE_DIR", str(tmp_path_factory.mktemp("linter-cache")))
        yield
