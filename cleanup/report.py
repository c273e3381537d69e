"""Turning findings and fixes into what people and tools read."""
from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Edit, Finding
from cleanup.pack import Pack, Rule
from cleanup.run import FileReport

if TYPE_CHECKING:
    from cleanup.fixes import FixResult
    from cleanup.hunks import LineChange, Region

# json, difflib (the words that changed in a line), the line diff and the word-diff pattern
# are loaded by the outputs that use them, not by every run (issue 5: start-up).


@functools.cache
def _word_tokens() -> regex.Pattern[str]:
    return regex.compile(r"\s+|\w+(?:['’-]\w+)*|\X", regex.VERSION1)


def finding_line(path: str, f: Finding) -> str:
    fix = ""
    if f.replacements:
        shown = ", ".join(repr(r) for r in f.replacements[:3])
        fix = f" [fix: {shown}]" if f.safe else f" [suggestion: {shown}]"
    return f"{path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{fix}"


def findings_json(reports: Sequence[FileReport]) -> str:
    """`{"files": [{"path", "findings", "fixed"?, "error"?, "skipped"?}]}`, indented, each
    finding and edit on a line of its own: thousands of them (a long machine-translated text)
    are written by the C encoder, which `indent` does without (0.23 s for 15,000 findings,
    now 0.08 s)."""
    import json  # only for the outputs that are JSON (issue 5: start-up)

    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def rows(items: list[dict[str, object]]) -> str:
        if not items:
            return "[]"
        return "[\n" + ",\n".join(" " * 8 + encode(item) for item in items) + "\n      ]"

    files = []
    for r in reports:
        fields = {"path": encode(r.path), "findings": rows([f.to_json() for f in r.findings])}
        if r.fixed is not None:
            fields["fixed"] = rows([_edit_json(e) for e in r.fixed.applied])
        if r.error:
            fields["error"] = encode(r.error)
        if r.skipped:
            fields["skipped"] = encode(r.skipped)
        files.append("    {\n" + ",\n".join(f'      "{key}": {value}'
                                              for key, value in fields.items()) + "\n    }")
    if not files:
        return '{\n  "files": []\n}'
    return '{\n  "files": [\n' + ",\n".join(files) + "\n  ]\n}"


def _edit_json(edit: Edit) -> dict[str, object]:
    f = edit.finding
    return {"rule": f.rule, "line": f.line, "column": f.column, "text": f.text,
            "replacement": edit.new, "message": f.message}


def summary(reports: Sequence[FileReport], fixing: bool, dry_run: bool = False) -> str:
    """The closing lines of a run; `dry_run`: `fix --diff`, which wrote nothing."""
    findings = [f for r in reports for f in r.findings]
    by_rule = Counter(f.rule for f in findings)
    errors = sum(1 for r in reports if r.error)
    parts = []
    if fixing:
        applied = [e for r in reports if r.fixed for e in r.fixed.applied]
        fixed_by_rule = Counter(e.finding.rule for e in applied)
        files = sum(1 for r in reports if r.fixed and r.fixed.changed)
        verb = "Would fix" if dry_run else "Fixed"
        parts.append(f"{verb} {len(applied)} {_plural(len(applied), 'problem')} in {files} "
                     f"{_plural(files, 'file')}" + _counts(fixed_by_rule) + ".")
        unsafe = sum(1 for f in findings if f.replacements)
        remain = f"{len(findings)} {_plural(len(findings), 'finding')} remain{_s(findings)}"
        if unsafe:
            remain += f" ({unsafe} with suggestions: review them, or apply with --unsafe-fixes)"
        parts.append(remain + _counts(by_rule) + ".")
    else:
        safe = sum(1 for f in findings if f.safe)
        parts.append(f"Found {len(findings)} {_plural(len(findings), 'problem')} in "
                     f"{len(reports)} {_plural(len(reports), 'file')}" + _counts(by_rule) + ".")
        if safe:
            parts.append(f"{safe} fixable with `cleanup fix`.")
    if errors:
        parts.append(f"{errors} {_plural(errors, 'file')} could not be processed.")
    return "\n".join(parts)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _s(items: Sequence[object]) -> str:
    return "s" if len(items) == 1 else ""


def _counts(counter: Counter[str]) -> str:
    if not counter:
        return ""
    return ": " + ", ".join(f"{rule} ×{n}" for rule, n in sorted(
        counter.items(), key=lambda kv: (-kv[1], kv[0])))


def unified_diff(path: str, fixed: FixResult, context: int = 3) -> str:
    """As `diff -u` and difflib print it: hunks of changes with `context` lines around them,
    two changes at most twice that apart in one hunk."""
    from cleanup.hunks import line_diff

    diff = line_diff(fixed.original, fixed.text, fixed.passes)
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    for hunk in _hunks(diff.changes, context):
        old_first = max(hunk[0].old_first - context, 0)
        new_first = hunk[0].new_first - (hunk[0].old_first - old_first)
        old_stop = min(hunk[-1].old_stop + context, len(diff.old))
        new_stop = hunk[-1].new_stop + (old_stop - hunk[-1].old_stop)
        out.append(f"@@ -{_range(old_first, old_stop)} +{_range(new_first, new_stop)} @@\n")
        at = old_first
        for change in hunk:
            out += (" " + line for line in diff.old[at:change.old_first])
            out += ("-" + line for line in diff.old[change.old_first:change.old_stop])
            out += ("+" + line for line in diff.new[change.new_first:change.new_stop])
            at = change.old_stop
        out += (" " + line for line in diff.old[at:old_stop])
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in out)


def _hunks(changes: list[LineChange], context: int) -> Iterator[list[LineChange]]:
    hunk: list[LineChange] = []
    for change in changes:
        if hunk and change.old_first - hunk[-1].old_stop > 2 * context:
            yield hunk
            hunk = []
        hunk.append(change)
    if hunk:
        yield hunk


def _range(first: int, stop: int) -> str:
    """A hunk's line range as difflib writes it: 'start,length', 'start' alone for one line,
    and the line before for none."""
    if stop - first == 1:
        return str(first + 1)
    return f"{first + 1 if stop > first else first},{stop - first}"


def word_diff(path: str, fixed: FixResult, color: bool = False) -> str:
    """Changed lines only, with [-removed-]{+added+} inside the line (as `git diff --word-diff`)."""
    from cleanup.hunks import line_diff, regions_in_lines

    diff = line_diff(fixed.original, fixed.text, fixed.passes)
    out = [f"--- a/{path}", f"+++ b/{path}"]
    for change in diff.changes:
        old = [_unended(line) for line in diff.old[change.old_first:change.old_stop]]
        new = [_unended(line) for line in diff.new[change.new_first:change.new_stop]]
        if len(old) == len(new):
            in_lines = regions_in_lines(diff, change)
            for k, (old_line, new_line) in enumerate(zip(old, new)):
                out.append(f"@@ line {change.new_first + k + 1} @@")
                out.append(_inline(old_line, new_line, color,
                                   in_lines[k] if in_lines is not None else None))
        else:
            out.append(f"@@ line {change.new_first + 1} @@")
            out.append(_inline("\n".join(old), "\n".join(new), color))
    return "\n".join(out) + "\n"


def _unended(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def _inline(old: str, new: str, color: bool, regions: list[Region] | None = None) -> str:
    """`old` with its changed words marked; only the words around `regions` (the fix's own
    changes, when known) are aligned, where a diff of the whole line took 0.2 ms a line."""
    import difflib

    a, b = _word_tokens().findall(old), _word_tokens().findall(new)
    removed = ("\x1b[31m[-", "-]\x1b[0m") if color else ("[-", "-]")
    added = ("\x1b[32m{+", "+}\x1b[0m") if color else ("{+", "+}")
    spans = [(0, len(a), 0, len(b))] if regions is None else _word_spans(a, b, regions)
    parts = []
    i = 0
    for i1, i2, j1, j2 in spans:
        parts.append("".join(a[i:i1]))  # the same words in both
        for tag, k1, k2, l1, l2 in difflib.SequenceMatcher(
                None, a[i1:i2], b[j1:j2], autojunk=False).get_opcodes():
            if tag == "equal":
                parts.append("".join(a[i1 + k1:i1 + k2]))
                continue
            if k2 > k1:
                parts.append(removed[0] + "".join(a[i1 + k1:i1 + k2]) + removed[1])
            if l2 > l1:
                parts.append(added[0] + "".join(b[j1 + l1:j1 + l2]) + added[1])
        i = i2
    parts.append("".join(a[i:]))
    return "".join(parts)


def _word_spans(a: list[str], b: list[str],
                regions: list[Region]) -> list[tuple[int, int, int, int]]:
    """(a from, a to, b from, b to): the words of `a` and `b` that hold each region, widened
    until both texts break between words there (outside the regions they are the same
    text, so an offset moves alike in both); regions that meet are one span."""
    a_at = {at: i for i, at in enumerate(accumulate(map(len, a), initial=0))}
    b_at = {at: i for i, at in enumerate(accumulate(map(len, b), initial=0))}
    a_length, b_length = max(a_at), max(b_at)
    spans = []
    k = 0
    while k < len(regions):
        old_start, _, new_start, _ = regions[k]
        while (old_start not in a_at or new_start not in b_at) and min(old_start, new_start) > 0:
            old_start, new_start = old_start - 1, new_start - 1
        _, old_end, _, new_end = regions[k]
        k += 1
        while True:
            if k < len(regions) and old_end >= regions[k].old_start:
                _, old_end, _, new_end = regions[k]  # it reaches the next region: one span
                k += 1
            elif (old_end in a_at and new_end in b_at) or not (
                    old_end < a_length and new_end < b_length):
                break
            else:
                old_end, new_end = old_end + 1, new_end + 1
        if not (old_start in a_at and new_start in b_at and old_end in a_at and new_end in b_at):
            return [(0, len(a), 0, len(b))]  # not the same text around them: align it all
        spans.append((a_at[old_start], a_at[old_end], b_at[new_start], b_at[new_end]))
    return spans


def change_lines(path: str, edits: Iterable[Edit]) -> list[str]:
    """Each applied change, tied to its rule and why."""
    lines = []
    for e in edits:
        f = e.finding
        lines.append(f"{path}:{f.line}:{f.column}: {f.rule} {f.text!r} → {e.new!r}: {f.message}")
    return lines


def explain_rule(rule: Rule) -> str:
    lines = [f"{rule.id} ({rule.kind}, {rule.category}, {rule.severity})", "", rule.message]
    if rule.explanation:
        lines += ["", rule.explanation]
    if rule.url:
        lines += ["", f"See: {rule.url}"]
    fix = {True: "safe: applied by `cleanup fix`",
           False: "suggestion only: applied with --unsafe-fixes",
           None: "safe when there is a single replacement"}[rule.safe]
    if rule.safe is not False and "safe_when" in rule.spec:
        fix = ("safe only where the whole match matches `safe_when` "
               f"({rule.spec['safe_when']}); elsewhere a suggestion")
    lines += ["", f"Fix: {fix}", f"Defined in: {rule.source}:{rule.line}"]
    if rule.examples:
        lines += ["", "Examples:"]
        for e in rule.examples:
            if e.source is not None:
                lines.append(f"  source:  {e.source}")
            if not e.flagged:
                lines.append(f"  ok:      {e.text}")
            else:
                lines.append(f"  flagged: {e.text}")
                if e.fixed is not None:
                    lines.append(f"  fixed:   {e.fixed}")
    return "\n".join(lines)


def describe_pack(pack: Pack) -> str:
    lines = [f"{pack.id} v{pack.version} ({pack.language}): {pack.description}",
             f"  from {pack.source}", ""]
    for rule in pack.rules:
        lines.append(f"  {rule.id:<40} {rule.kind:<13} {rule.severity!s:<8} {rule.message}")
    return "\n".join(lines)


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_annotations(reports: Sequence[FileReport]) -> str:
    """GitHub Actions workflow commands: findings show up inline on the pull request."""
    lines = []
    for r in reports:
        for f in r.findings:
            props = (f"file={_gh_escape(r.path, True)},line={f.line},col={f.column},"
                     f"endLine={f.end_line},endColumn={f.end_column},"
                     f"title={_gh_escape(f.rule, True)}")
            lines.append(f"::{_GITHUB_LEVEL[str(f.severity)]} {props}::{_gh_escape(f.message)}")
    return "\n".join(lines)


def _gh_escape(value: str, is_property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(reports: Sequence[FileReport], rules: Sequence[Rule], version: str) -> str:
    """SARIF 2.1.0, as code-scanning dashboards read it. Columns count code points."""
    used = {f.rule for r in reports for f in r.findings}
    descriptors = [
        {"id": rule.id, "name": rule.id,
         "shortDescription": {"text": rule.message},
         "fullDescription": {"text": rule.explanation or rule.message},
         "defaultConfiguration": {"level": _SARIF_LEVEL[str(rule.severity)]},
         "properties": {"category": rule.category, "pack": rule.pack},
         **({"helpUri": rule.url} if rule.url else {})}
        for rule in rules if rule.id in used]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    for r in reports:
        for f in r.findings:
            result: dict[str, object] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[str(f.severity)],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": Path(r.path).as_posix()},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column,
                               "charOffset": f.start, "charLength": f.end - f.start,
                               "snippet": {"text": f.text}}}}],
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.replacements:
                result["fixes"] = [{
                    "description": {"text": ("safe fix: " if f.safe else "suggestion: ") + rep},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": Path(r.path).as_posix()},
                        "replacements": [{"deletedRegion": {"charOffset": f.start,
                                                            "charLength": f.end - f.start},
                                          "insertedContent": {"text": rep}}]}]}
                    for rep in f.replacements]
            results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cleanup", "version": version,
                                "informationUri": "https://pypi.org/project/cleanup/",
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    import json  # only for the outputs that are JSON (issue 5: start-up)

    return json.dumps(log, ensure_ascii=False, indent=2)
