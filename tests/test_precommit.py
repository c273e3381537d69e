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


def run_hook(tmp_path: Path, hook: str, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    project.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, env=env)
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=project, check=True, env=env)
    # try-repo installs cleanup from this checkout into pre-commit's own environment.
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_fix_hook_fixes_the_file_and_fails_the_commit(tmp_path: Path) -> None:
    result = run_hook(tmp_path, "cleanup-fix", {
        "article.txt": "A reporter for Rashatoudi said it was was over.\n",
        "code.py": "x = 'was was'\n"})
    assert result.returncode == 1
    assert "files were modified by this hook" in result.stdout
    project = tmp_path / "project"
    assert project.joinpath("article.txt").read_text() == "A reporter for RT said it was over.\n"
    assert project.joinpath("code.py").read_text() == "x = 'was was'\n"  # not prose: not read


def test_check_hook_passes_on_clean_text_and_changes_nothing(tmp_path: Path) -> None:
    result = run_hook(tmp_path, "cleanup-check", {"article.txt": "A reporter for RT said so.\n"})
    assert result.returncode == 0, result.stdout
    assert "Passed" in result.stdout
