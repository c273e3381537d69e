"""What both fuzz targets share: the invariants a finding and a fix must always satisfy."""
from __future__ import annotations

from cleanup.engine import Linter
from cleanup.finding import Finding
from cleanup.fixes import apply_edits, choose_edits


def check_findings(text: str, findings: list[Finding]) -> None:
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), (f.start, f.end, len(text))
        assert text[f.start:f.end] == f.text, (f.rule, text[f.start:f.end], f.text)
        assert "\n" not in f.message, f.message


def check_edits_stay_in_spans(text: str, linter: Linter) -> None:
    """Applying the chosen edits leaves every character outside their spans as it was."""
    findings = linter.check_text(text)
    check_findings(text, findings)
    for unsafe in (False, True):
        edits = choose_edits(findings, unsafe)
        new = apply_edits(text, edits)
        pos_old = pos_new = 0
        for edit in edits:
            kept = edit.start - pos_old
            assert new[pos_new:pos_new + kept] == text[pos_old:edit.start]
            pos_new += kept + len(edit.new)
            pos_old = edit.end
        assert new[pos_new:] == text[pos_old:]
