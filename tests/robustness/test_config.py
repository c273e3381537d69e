"""A configuration file is read from the folder a hook runs in (issue 6): a broken one is one
error line naming it, never an internal error."""
from __future__ import annotations

import pytest

from robust import DIRTY, one_line_error


@pytest.mark.parametrize("content,problem", [
    (b'select = ["\xff"]\n', "not UTF-8 (byte 11)"),
    (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML: nested too deeply"),
    (b"select = [\n", "invalid TOML"),
    (b"packs = 3\n", "'packs' must be a list of strings"),
], ids=["not-utf8", "deep-nesting", "truncated", "wrong-type"])
def test_broken_config_file_is_one_line_error(run_cli, write, tmp_path, content: bytes,
                                              problem: str) -> None:
    config = write(".cleanup.toml", content)
    result = run_cli("check", str(write("a.txt", DIRTY)))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert line.startswith(f"cleanup: error: {config}: ") and problem in line
