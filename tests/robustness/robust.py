"""Helpers of the robustness suite (issue 6), importable from its tests."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

PACK = r"""
id: t
rules:
  - id: doubled
    kind: pattern
    category: duplicated_word
    message: "'{w}' is written twice"
    pattern: '\b(?<w>\p{L}+) (?i:\g<w>)\b'
    replace: '\g<w>'
    safe: true
  - id: outlet
    kind: substitution
    category: transliterated_name
    message: "write RT"
    swap: {Rashatoudi: RT}
"""

DIRTY = "It was was late.\n"
FIXED = "It was late.\n"


def one_line_error(result) -> str:
    """The single line a failing run prints on standard error (no traceback)."""
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("cleanup: error:")]
    assert len(errors) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return errors[0]


def cleanup_process(*args: str, cwd: Path, env_extra: dict[str, str] | None = None,
                    **kwargs) -> subprocess.Popen:
    """The real `cleanup` command in a child process (as a pre-commit hook runs it), with
    Ctrl-C at its default, as at a terminal: a suite started as a background job inherits an
    ignored SIGINT, and a program that finds SIGINT ignored rightly keeps ignoring it."""
    env = {**os.environ, "NO_COLOR": "1", **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "cleanup", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_default_sigint, **kwargs)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
