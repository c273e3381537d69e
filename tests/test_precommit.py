"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a throwaway repository."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists() or shutil.which("pre-commit") is None,
    reason="needs a git checkout of cleanup and pre-commit (in the test extra)")


def run_hooks(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    project.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=env)
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=project, check=True, env=env)
    # try-repo installs cleanup from this checkout into pre-commit's own environment and runs
    # every hook of .pre-commit-hooks.yaml, by id: cleanup-check, then cleanup-fix.
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "--all-files"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_check_hook_reports_then_fix_hook_fixes_and_fails_the_commit(tmp_path: Path) -> None:
    result = run_hooks(tmp_path, {
        "article.txt": "A reporter for Rashatoudi said it was was over.\n",
        "notes.md": "# Notes\n\nThe `was was` code stays; the the prose does not.\n",
        "code.py": "x = 'was was'\n"})
    assert result.returncode == 1
    check_part, _, fix_part = result.stdout.partition("cleanup fix (")
    assert "Failed" in check_part and "files were modified" not in check_part, result.stdout
    assert "article.txt:1:16: error names/transliterated-outlet" in check_part
    assert "Failed" in fix_part and "files were modified by this hook" in fix_part
    assert "fixed notes.md:3:27: hygiene/doubled-word 'the the' → 'the'" in fix_part
    project = tmp_path / "project"
    assert project.joinpath("article.txt").read_text() == "A reporter for RT said it was over.\n"
    assert project.joinpath("notes.md").read_text() == \
        "# Notes\n\nThe `was was` code stays; the prose does not.\n"
    assert project.joinpath("code.py").read_text() == "x = 'was was'\n"  # not prose: not read
