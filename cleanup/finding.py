"""The one record that flows through detect → choose edits → apply → report."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    # Ordered so that `max()` picks the most serious; values match LSP's DiagnosticSeverity
    # only in order, not in number.
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        return cls[value.upper()]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place.

    `start`/`end` are 0-based code-point offsets into the file's decoded text (end exclusive);
    `line`/`column` are 1-based and point at `start`. `replacements` are the candidate texts for
    `text`, best first; `safe` says whether the first may be applied without asking.
    """

    rule: str
    pack: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    replacements: tuple[str, ...] = ()
    safe: bool = False
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    url: str = ""
    # Other places that explain this finding (e.g. the majority spelling a consistency finding
    # points at): (start, end) offsets in the same text.
    related: tuple[tuple[int, int], ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def fixable(self) -> bool:
        return bool(self.replacements)

    def at(self, start: int, end: int, line: int, column: int, end_line: int, end_column: int,
           related: tuple[tuple[int, int], ...]) -> Finding:
        """This finding at another place. Fields in order: thousands are placed in a check of
        a long machine-translated text, and `dataclasses.replace` took twice as long."""
        return Finding(self.rule, self.pack, self.category, self.severity, self.message,
                       start, end, self.text, self.replacements, self.safe, line, column,
                       end_line, end_column, self.url, related, self.data)

    def moved(self, by: int, lines: int = 0) -> Finding:
        """This finding `by` characters and `lines` lines further on (a section's or a line's
        finding placed in the whole text)."""
        if not (by or lines):
            return self
        return self.at(self.start + by, self.end + by, self.line + lines, self.column,
                       self.end_line + lines, self.end_column,
                       tuple((a + by, b + by) for a, b in self.related))

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "pack": self.pack,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "replacements": list(self.replacements),
            "safe": self.safe,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `text[start:end]` with `new`, because of `finding`."""

    start: int
    end: int
    new: str
    finding: Finding
