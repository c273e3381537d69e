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
import threading
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

pytestmark = [pytest.mark.big,
              pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4")]


def _fix_in_child(tmp_path: Path, target: Path) -> tuple[int, int, str]:
    """(exit code, peak resident memory in bytes, stderr) of `cleanup fix` in a child."""
    pack = tmp_path / "big.yaml"
    pack.write_text(BIG_PACK, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / ".cache")}
    err = tmp_path / "stderr.txt"
    with open(err, "wb") as err_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleanup", "fix", "--no-builtin-packs", "--packs", str(pack),
             str(target)], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err_file)
        guard = threading.Timer(600, proc.kill)  # a hang fails the test instead of CI
        guard.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            guard.cancel()
            proc.returncode = 0  # reaped above; keep Popen from waiting again
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return os.waitstatus_to_exitcode(status), peak, err.read_text()


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
    # The text, its folded copy and the output exist at once; a copy per finding or a
    # quadratic step would not fit.
    assert peak < 12 * size, f"peak memory {peak / MB:.0f} MB for a {size / MB:.0f} MB file"


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
    assert peak < 40 * path.stat().st_size
