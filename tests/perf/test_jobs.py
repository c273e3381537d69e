"""-j: the output of a run over many files does not depend on the number of processes."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.parallel import map_in_workers

TEXTS = [
    "It was was late. Rashatoudi said so .",
    "Clean prose, nothing to see.",
    "The Ain al-Assad base. Later Ayn al-Assad was quiet. Ain al-Assad reopened.",
    "ISIS took the city.ISIL fled  again.",
]


def tree(root: Path, files: int = 40) -> Path:
    for i in range(files):
        folder = root / f"d{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:03}.txt").write_text(TEXTS[i % len(TEXTS)] * (1 + i % 5),
                                            encoding="utf-8")
    return root


def cleanup(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleanup", *args], cwd=cwd,
                          capture_output=True, text=True)


@pytest.mark.parametrize("output", [["--format", "text"], ["--format", "json"]])
def test_check_output_is_the_same_for_any_number_of_jobs(tmp_path: Path,
                                                         output: list[str]) -> None:
    tree(tmp_path / "docs")
    one = cleanup("check", "-j1", *output, "docs", cwd=tmp_path)
    assert one.returncode == 1 and "docs/d0/000.txt" in one.stdout
    for jobs in ("-j2", "-j3"):
        many = cleanup("check", jobs, *output, "docs", cwd=tmp_path)
        assert (many.returncode, many.stdout, many.stderr) == (
            one.returncode, one.stdout, one.stderr)


def test_fix_writes_the_same_files_and_report_for_any_number_of_jobs(tmp_path: Path) -> None:
    tree(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    one = cleanup("fix", "-j1", "a", cwd=tmp_path)
    two = cleanup("fix", "-j2", "b", cwd=tmp_path)
    assert one.returncode == two.returncode
    assert one.stdout.replace("a/", "b/") == two.stdout
    for fixed in (tmp_path / "a").rglob("*.txt"):
        twin = tmp_path / "b" / fixed.relative_to(tmp_path / "a")
        assert fixed.read_bytes() == twin.read_bytes()
    assert "It was late" in (tmp_path / "a" / "d0" / "000.txt").read_text()


def test_workers_keep_the_order_of_the_inputs() -> None:
    paths = [str(i) for i in range(100)]
    assert list(map_in_workers(lambda p: int(p) * 2, paths, jobs=2)) == [i * 2 for i in range(100)]
    assert list(map_in_workers(lambda p: int(p) * 2, paths[:1], jobs=4)) == [0]
