"""Inline suppression: `cleanup: ignore` or `cleanup: ignore[rule-or-pack, ...]` on a line
silences findings that start on that line; `cleanup: off` … `cleanup: on` silences a region.
A suppression that silences nothing is itself reported, so stale ones do not pile up.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from cleanup.document import Document
from cleanup.finding import Finding, Severity
from cleanup.pack import matches_selector

UNUSED_RULE = "cleanup/unused-suppression"
# Compiled on first use (regex's own cache): almost no document has a marker.
_MARKER = r"cleanup:\s*(?:(ignore)(?:\[([^\]\n]*)\])?|(off)|(on))\b"


@dataclass(slots=True)
class _Ignore:
    line: int
    start: int
    end: int
    selectors: tuple[str, ...]  # empty: every rule
    used: bool = False


def apply_suppressions(doc: Document, findings: list[Finding],
                       report_unused: bool = True) -> list[Finding]:
    source = doc.source
    if "cleanup:" not in source:  # fast path: almost every document
        return findings
    ignores: list[_Ignore] = []
    regions: list[tuple[int, int]] = []
    region_start: int | None = None
    for m in regex.finditer(_MARKER, source):
        if m.group(1):
            selectors = tuple(s.strip() for s in (m.group(2) or "").split(",") if s.strip())
            ignores.append(_Ignore(doc.position(m.start())[0], m.start(), m.end(), selectors))
        elif m.group(3) and region_start is None:
            region_start = m.start()
        elif m.group(4) and region_start is not None:
            regions.append((region_start, m.end()))
            region_start = None
    if region_start is not None:
        regions.append((region_start, len(source)))

    kept: list[Finding] = []
    for finding in findings:
        if any(a <= finding.start < b for a, b in regions):
            continue
        silenced = False
        for ignore in ignores:
            if ignore.line == finding.line and (
                    not ignore.selectors
                    or any(matches_selector(finding.rule, finding.pack, s)
                           for s in ignore.selectors)):
                ignore.used = silenced = True
        if not silenced:
            kept.append(finding)
    if report_unused:
        for ignore in ignores:
            if not ignore.used:
                line, column = doc.position(ignore.start)
                kept.append(Finding(
                    rule=UNUSED_RULE, pack="cleanup", category="other", severity=Severity.INFO,
                    message="this suppression silences nothing; remove it",
                    start=ignore.start, end=ignore.end, text=source[ignore.start:ignore.end],
                    line=line, column=column))
    return kept
