"""Big inputs (issue 6): a 50 MB file and a 10 MB single line are fixed in memory that grows
with the file, not faster, and every byte outside the fixes comes back as it was.

Both generate their input and take seconds; they carry the `big` marker so they can be
selected (`-m big`) or skipped (`-m "not big"`) but run by default, in CI too.
"""
from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

# A literal pattern and a literal phrase: the engine's own cost, not a slow user regex.
BIG_PACK = r"""
id: big
rules:
  - id: outlet
    kind: pattern
    category: transliterated_name
    message: "write RT"
    pattern: 'Rashatoudi'
    replace: 'RT'
    safe: true
  - id: agency
    kind: substitution
    category: wrong_term
    message: "the agency's name"
    swap: {Tasnim News Agancy: Tasnim News Agency}
"""
MB = 1_000_000

pytestmark = pytest.mark.big

# The child reports its own peak memory (VmHWM, Linux): rusage would count the pages of the
# big test process it was forked from.
CHILD = """
import atexit, sys
from cleanup.cli import main

def report_peak():
    with open("/proc/self/status") as status, open(sys.argv[0], "w") as out:
        out.write(status.read())

sys.argv.pop(0)
if sys.argv[0] != "-":
    atexit.register(report_peak)
main(prog_name="cleanup")
"""


def _fix_in_child(tmp_path: Path, target: Path) -> tuple[int, int | None, str]:
    """(exit code, peak resident memory in bytes or None, stderr) of `cleanup fix`."""
    pack = tmp_path / "big.yaml"
    pack.write_text(BIG_PACK, encoding="utf-8")
    status = tmp_path / "status.txt"
    report_to = str(status) if Path("/proc/self/status").exists() else "-"
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, report_to, "fix", "--no-builtin-packs", "--packs",
         str(pack), str(target)], cwd=tmp_path, capture_output=True, timeout=600)
    peak = None
    if status.exists():
        kb = status.read_text().split("VmHWM:")[1].split()[0]
        peak = int(kb) * 1024
    return proc.returncode, peak, proc.stderr.decode()


def test_50_mb_file_is_fixed_in_bounded_memory_with_every_other_byte_kept(
        tmp_path: Path) -> None:
    # BOM, CRLF, a lone CR, non-ASCII and no final newline: all must come back untouched.
    block = ("The quick brown fox jumps over the lazy dog near the river bank.\r\n" * 300
             + "Ayn al-Assad — a reporter for Rashatoudi said so.\r"
             + "Tasnim News Agancy reported it.\n")
    copies = 50 * MB // len(block.encode()) + 1
    text = (block * copies).rstrip("\n")
    path = tmp_path / "big.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode())
    size = path.stat().st_size
    assert size > 50 * MB

    code, peak, err = _fix_in_child(tmp_path, path)

    assert code == 0, err
    expected = text.replace("Rashatoudi", "RT").replace("Agancy", "Agency")
    assert path.read_bytes() == codecs.BOM_UTF8 + expected.encode()
    # The text, its folded and padded copies, the output and its bytes exist at once (about
    # 10x the file today); a copy per finding or a quadratic step would not fit.
    if peak is not None:
        assert peak < 16 * size, f"peak memory {peak / MB:.0f} MB for a {size / MB:.0f} MB file"


def test_10_mb_single_line_is_fixed(tmp_path: Path) -> None:
    # One line, no newline at all, emoji and Arabic: the text is stored four bytes a
    # character, and line/column bookkeeping has a single very long line to handle.
    unit = "word 😀 قال Rashatoudi, and " + "more words follow here " * 40
    line = unit * (10 * MB // len(unit.encode()) + 1)
    path = tmp_path / "line.txt"
    path.write_bytes(line.encode())
    assert path.stat().st_size > 10 * MB

    code, peak, err = _fix_in_child(tmp_path, path)

    assert code == 0, err
    assert path.read_bytes() == line.replace("Rashatoudi", "RT").encode()
    if peak is not None:
        assert peak < 40 * path.stat().st_size, f"peak memory {peak / MB:.0f} MB"
