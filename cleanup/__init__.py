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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleanup.document import Document, Segment
    from cleanup.engine import Linter
    from cleanup.errors import CleanupError, ConfigError, InputError, PackError
    from cleanup.finding import Edit, Finding, Severity
    from cleanup.fixes import FixResult, apply_edits, choose_edits, fix
    from cleanup.pack import Pack, Rule, load_builtin_packs, load_pack, load_packs

# Imported when first used (PEP 562): `import cleanup.cli` runs this file first, and the
# command turns the garbage collector off before the heavy imports (cleanup.command).
_EXPORTS = {
    "cleanup.document": ("Document", "Segment"),
    "cleanup.engine": ("Linter",),
    "cleanup.errors": ("CleanupError", "ConfigError", "InputError", "PackError"),
    "cleanup.finding": ("Edit", "Finding", "Severity"),
    "cleanup.fixes": ("FixResult", "apply_edits", "choose_edits", "fix"),
    "cleanup.pack": ("Pack", "Rule", "load_builtin_packs", "load_pack", "load_packs"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_MODULE_OF, "check_text", "default_linter", "fix_text"])


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanup' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def default_linter(select: list[str] | None = None, ignore: list[str] | None = None) -> Linter:
    """A linter with every built-in pack; keep it and reuse it: compiling is the costly part
    (and is cached on disk, see `cleanup.cache`)."""
    from cleanup.cache import load_linter

    return load_linter(True, [], select or (), ignore or ())


def check_text(text: str, linter: Linter | None = None) -> list[Finding]:
    return (linter or default_linter()).check_text(text)


def fix_text(text: str, linter: Linter | None = None, unsafe: bool = False) -> FixResult:
    from cleanup.document import Document
    from cleanup.fixes import fix

    return fix(linter or default_linter(), Document.plain(text), unsafe=unsafe)
