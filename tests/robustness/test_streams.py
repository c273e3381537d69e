"""Standard input, standard output and -o (issue 6): a filter never swallows its input, a
closed pipe is not an error, and -o writes its file as atomically as a fix."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from robust import DIRTY, FIXED, cleanup_process, one_line_error


def test_stdin_that_is_not_text_passes_through_unchanged(cli) -> None:
    # `cleanup fix -` is a filter (editors replace a buffer with its output): skipping the
    # input used to print nothing, which an editor would take as the fixed text.
    data = b"\x89PNG\r\n\x1a\n\0\0 was was"
    result = cli("fix", "-", input=data)
    assert result.exit_code == 0
    assert result.stdout_bytes == data
    assert "cleanup: note: <stdin>: binary file (NUL bytes), skipped" in result.stderr


def test_output_file_is_written_through_a_temp_file(cli, write, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = write("a.txt", DIRTY)
    out = write("out/fixed.txt", "old content\n")
    out.chmod(0o640)
    renames: list[tuple[str, str]] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (renames.append((a, b)), real_replace(a, b)))
    result = cli("fix", "-o", str(out), str(source))
    assert result.exit_code == 0, result.output
    assert out.read_text() == FIXED and source.read_text() == DIRTY
    # Only renames onto the document: a cold linter cache is stored by a rename too.
    ((src, dst),) = [(s, d) for s, d in renames if Path(d) == out]
    assert Path(src).parent == out.parent and Path(dst) == out
    assert out.stat().st_mode & 0o777 == 0o640


def test_read_only_output_file_is_refused(cli, write) -> None:
    out = write("fixed.txt", "keep me\n")
    out.chmod(0o444)
    result = cli("fix", "-o", str(out), str(write("a.txt", DIRTY)))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {out}: file is read-only; not written"
    assert out.read_text() == "keep me\n"


def test_file_that_could_not_be_written_is_not_reported_as_fixed(cli, write) -> None:
    path = write("a.txt", DIRTY)
    path.chmod(0o444)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert "fixed " not in result.output and "Fixed 0 problems in 0 files" in result.output


def test_closed_output_pipe_ends_the_run_quietly(pack: Path, write, tmp_path: Path) -> None:
    # `cleanup check . | head -1`: the reader leaves early; that is not an internal error.
    path = write("many.txt", DIRTY * 20_000)
    proc = cleanup_process("check", "--no-builtin-packs", "--packs", str(pack), str(path),
                           cwd=tmp_path)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == 1  # findings were being printed
