"""Shared by the robustness suite (issue 6): a small pack of our own, so that these tests
do not move when the built-in packs change, and helpers that run the real command."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests import robust.py (importlib mode)
from robust import PACK  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "big: generates tens of megabytes; runs in CI and takes seconds")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def cli(run_cli, pack: Path) -> Callable[..., object]:
    """`cleanup COMMAND --no-builtin-packs --packs pack.yaml ARGS` in-process (CliRunner)."""
    def run(command: str, *args: str, input: str | bytes | None = None):
        return run_cli(command, "--no-builtin-packs", "--packs", str(pack), *args, input=input)
    return run


