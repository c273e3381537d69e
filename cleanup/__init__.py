"""cleanup: find and fix machine-translation artifacts in English text.

The library owns all behaviour; the CLI, pre-commit hooks and editors call these:

    >>> import cleanup
    >>> linter = cleanup.default_linter()
    >>> [f.rule for f in linter.check_text("It was was late.")]
    ['hygiene/doubled-word']
    >>> cleanup.fix_text("It was was late.").text
    'It was late.'
"""
from __future__ import annotations

from cleanup.document import Document, Segment
from cleanup.engine import Linter
from cleanup.errors import CleanupError, ConfigError, InputError, PackError
from cleanup.finding import Edit, Finding, Severity
from cleanup.fixes import FixResult, apply_edits, choose_edits, fix
from cleanup.pack import Pack, Rule, load_builtin_packs, load_pack, load_packs

__all__ = [
    "CleanupError", "ConfigError", "Document", "Edit", "Finding", "FixResult", "InputError",
    "Linter", "Pack", "PackError", "Rule", "Segment", "Severity", "apply_edits", "check_text",
    "choose_edits", "default_linter", "fix", "fix_text", "load_builtin_packs", "load_pack",
    "load_packs",
]


def default_linter(select: list[str] | None = None, ignore: list[str] | None = None) -> Linter:
    """A linter with every built-in pack; keep it and reuse it: compiling is the costly part
    (and is cached on disk, see `cleanup.cache`)."""
    from cleanup.cache import load_linter

    return load_linter(True, [], select or (), ignore or ())


def check_text(text: str, linter: Linter | None = None) -> list[Finding]:
    return (linter or default_linter()).check_text(text)


def fix_text(text: str, linter: Linter | None = None, unsafe: bool = False) -> FixResult:
    return fix(linter or default_linter(), Document.plain(text), unsafe=unsafe)
