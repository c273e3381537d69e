"""`languagetool`: grammar and style matches from a LanguageTool server.

    server: http://localhost:8081   # default: $CLEANUP_LANGUAGETOOL_SERVER, else a local
                                    # LanguageTool that language-tool-python starts (needs Java)
    language: en-US
    disabled: [WHITESPACE_RULE]     # LanguageTool rule ids to leave out
    max_suggestions: 3

LanguageTool's suggestions are never applied automatically (taking the first suggestion is
the classic way grammar tools damage text): they are offered as suggestions. Offsets arrive in
UTF-16 units and are converted to code points by language-tool-python.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleanup.errors import CleanupError
from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, string_list

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

SERVER_ENV = "CLEANUP_LANGUAGETOOL_SERVER"


class BackendError(CleanupError):
    """The grammar backend is not installed or cannot be reached."""


class LanguageToolCheck(Check):
    KEYS = {
        "server": f"LanguageTool server URL (default: ${SERVER_ENV}, else a local server)",
        "language": "language code (default en-US)",
        "disabled": "LanguageTool rule ids to leave out",
        "max_suggestions": "how many suggestions to offer (default 3)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        if rule.safe:
            raise rule.error("LanguageTool suggestions are never safe: drop 'safe: true'")
        self.server: str | None = rule.spec.get("server")
        self.language = rule.spec.get("language", "en-US")
        self.disabled = set(string_list(rule, "disabled", required=False))
        self.max_suggestions = rule.spec.get("max_suggestions", 3)
        if not isinstance(self.max_suggestions, int) or self.max_suggestions < 0:
            raise rule.error("'max_suggestions' must be a whole number")
        self._tool: Any = None  # started on first use: starting LanguageTool takes seconds

    def _languagetool(self) -> Any:
        if self._tool is None:
            try:
                import language_tool_python
            except ImportError:
                raise BackendError("the grammar backend needs language-tool-python: "
                                   "pip install 'cleanup[grammar]'") from None
            server = self.server or os.environ.get(SERVER_ENV) or None
            try:
                self._tool = language_tool_python.LanguageTool(
                    self.language, remote_server=server)
            except Exception as exc:  # the library raises many kinds; all mean "not there"
                where = server or "a local LanguageTool (needs Java and a download)"
                raise BackendError(f"{self.rule.id}: cannot use {where}: "
                                   f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                                   ) from None
        return self._tool

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        if not text.strip():
            return
        try:
            matches = self._languagetool().check(text)
        except BackendError:
            raise
        except Exception as exc:
            raise BackendError(f"{self.rule.id}: LanguageTool failed: {exc}") from None
        for m in matches:
            if m.rule_id in self.disabled:
                continue
            start, end = m.offset, m.offset + m.error_length
            yield self.finding(text, start, end, m.replacements[:self.max_suggestions],
                               safe=False,
                               message_vars={"lt_message": m.message, "lt_rule": m.rule_id})
