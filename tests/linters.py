"""Helpers of the tests: a linter from a few rules written inline (tests/ is on the path)."""
from __future__ import annotations

from pathlib import Path

from cleanup import Linter
from cleanup.pack import load_pack


def linter_from(tmp_path: Path, rules_yaml: str) -> Linter:
    """A linter with the rules of `rules_yaml` (the items under `rules:`), in pack 'p'."""
    path = tmp_path / "p.yaml"
    path.write_text("id: p\nrules:\n" + rules_yaml, encoding="utf-8")
    return Linter(load_pack(path).rules)


DOUBLED = """\
  - id: doubled
    kind: pattern
    category: duplicated_word
    message: m
    pattern: '\\b(\\w+) \\1\\b'
    replace: '\\1'
    safe: true
"""
# A rule whose pattern reaches across a line break: no line of it is read alone.
BROKEN = """\
  - id: broken
    kind: pattern
    category: punctuation_spacing
    message: a sentence broken over two lines
    pattern: '\\p{Ll}\\n\\p{Ll}'
"""


def reading(linter: Linter) -> list[str]:
    """The texts the linter's one check is handed from now on, in order."""
    [check] = linter.checks
    read: list[str] = []
    find = check.find
    check.find = lambda text, hits: read.append(text) or find(text, hits)  # type: ignore
    return read
