"""Inputs the fuzz targets in fuzz/ found (issue 6), each kept as a test of what a user sees."""
from __future__ import annotations

GROWING = r"""
id: grow
rules:
  - id: nines
    kind: pattern
    category: other
    message: "{match}"
    pattern: '9'
    replace: '999'
    safe: true
"""


def test_fix_whose_replacement_holds_its_own_match_stops_growing(run_cli, write) -> None:
    # fuzz_fixer, timeout: every pass tripled the text (17 characters became 111,537 after
    # eight passes and a 1 MB file would have needed gigabytes). The fix now stops before the
    # text passes twice its size, and what is left is reported.
    pack = write("grow.yaml", GROWING)
    path = write("a.txt", "9" * 1000)
    result = run_cli("fix", "--no-builtin-packs", "--packs", str(pack), str(path))
    assert result.exit_code == 1  # findings remain: the rule keeps asking
    assert path.read_text() == "9" * 3000  # one pass applied; the next would pass 2× + slack
    assert "Traceback" not in result.output

