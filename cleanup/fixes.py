"""Choose non-overlapping edits, apply them, repeat until the text stops changing."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cleanup.document import Document
from cleanup.engine import Linter
from cleanup.finding import Edit, Finding

MAX_PASSES = 8  # a fix that enables another converges in two or three; more is a cycle
# A rule whose replacement holds its own match ('9' -> '999') grows the text on every pass:
# threefold per pass is 6561-fold after eight. No real fix doubles a document, so a pass that
# would take it past this size is not applied and its findings remain to be reported.
MAX_GROWTH_FACTOR = 2
GROWTH_SLACK_CHARS = 4096


@dataclass(slots=True)
class FixResult:
    original: str
    text: str
    # Edits of each pass; offsets refer to the text that pass started from.
    passes: list[list[Edit]] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def applied(self) -> list[Edit]:
        return [edit for edits in self.passes for edit in edits]

    @property
    def changed(self) -> bool:
        return self.text != self.original


def choose_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """Deterministic: leftmost first, then the longest, then the most severe, then by rule id."""
    candidates = sorted(
        (f for f in findings if f.replacements and (f.safe or unsafe)),
        key=lambda f: (f.start, -(f.end - f.start), -f.severity, f.rule))
    edits: list[Edit] = []
    last_end = -1
    for f in candidates:
        if f.start < last_end or (f.start == last_end and f.start == f.end):
            continue
        edits.append(Edit(f.start, f.end, f.replacements[0], f))
        last_end = f.end
    return edits


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        parts.append(text[pos:edit.start])
        parts.append(edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _too_long(result: FixResult, edits: list[Edit]) -> bool:
    new_length = len(result.text) + sum(len(e.new) - (e.end - e.start) for e in edits)
    return new_length > MAX_GROWTH_FACTOR * len(result.original) + GROWTH_SLACK_CHARS


Reader = Callable[[str], Document]


def fix(linter: Linter, doc: Document, unsafe: bool = False,
        reader: Reader | None = None, jobs: int = 1) -> FixResult:
    """Fix `doc` until nothing fixable is left; `reader` re-reads a fixed source (markup);
    `jobs`: processes for the sections of a long text."""
    read = reader or (lambda source: Document.plain(source, doc.path))
    result = FixResult(original=doc.source, text=doc.source)
    findings = linter.check(doc, jobs)
    for _ in range(MAX_PASSES):
        edits = choose_edits(findings, unsafe)
        if not edits or _too_long(result, edits):
            break
        new_text = apply_edits(result.text, edits)
        if new_text == result.text:
            break
        result.passes.append(edits)
        result.text = new_text
        findings = linter.check(read(new_text), jobs)
    result.remaining = findings
    return result
