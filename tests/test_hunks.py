"""The diff of a fix is built from its edits (issue 5: `fix --diff` on a long machine-translated
text spent seconds in difflib); it must still be a diff that turns the original into the fixed
text, as `patch` reads it."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import apply_edits
from cleanup.finding import Edit
from cleanup.fixes import FixResult
from cleanup.document import split_lines
from cleanup.hunks import changed_regions, line_diff
from cleanup.report import unified_diff, word_diff

PIECES = st.sampled_from(["a", "b", "ab", " ", "\n", "\r\n", "\r", "x\n", "\n\n", ""])
TEXT = st.lists(PIECES, max_size=12).map("".join)


@st.composite
def fixes(draw: st.DrawFn) -> FixResult:
    """An original text and up to three passes of edits, each pass apart from each other."""
    text = draw(TEXT)
    result = FixResult(original=text, text=text)
    for _ in range(draw(st.integers(0, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(result.text)), max_size=6)))
        edits = [Edit(a, b, draw(TEXT), None)  # type: ignore[arg-type]
                 for a, b in zip(cuts[::2], cuts[1::2])]
        result.passes.append(edits)
        result.text = apply_edits(result.text, edits)
    return result


def _patched(before: str, diff: str) -> str:
    """`before` with the hunks of a unified diff applied, checking every context and removed
    line against it."""
    old = split_lines(before)
    rows = split_lines(diff)[2:]
    # A line followed by the no-newline marker ends without its line feed.
    lines = [row[0] + (row[1:-1] if after.startswith("\\") else row[1:])
             for row, after in zip(rows, rows[1:] + ["\n"]) if not row.startswith("\\")]
    out: list[str] = []
    at = 0
    for line in lines:
        header = re.fullmatch(r"@\@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n", line)
        if header:  # difflib's ranges: 'start,length', 'start' for one line, none: the line before
            first = int(header[1]) if header[2] == "0" else int(header[1]) - 1
            assert first >= at
            out += old[at:first]
            at = first
            continue
        if line[0] in " -":
            assert old[at] == line[1:], (at, old[at], line)
            at += 1
        if line[0] in " +":
            out.append(line[1:])
    return "".join(out + old[at:])


@settings(max_examples=400, deadline=None)
@given(fixes())
def test_the_diff_turns_the_original_into_the_fixed_text(fixed: FixResult) -> None:
    diff = line_diff(fixed.original, fixed.text, fixed.passes)
    # Lines outside the changes are the same, in the same order, on both sides.
    kept_old, kept_new, at_old, at_new = [], [], 0, 0
    for change in diff.changes:
        assert change.old_first >= at_old and change.new_first >= at_new
        kept_old += diff.old[at_old:change.old_first]
        kept_new += diff.new[at_new:change.new_first]
        at_old, at_new = change.old_stop, change.new_stop
        # Every change shows lines that differ.
        assert diff.old[change.old_first:change.old_stop] != diff.new[
            change.new_first:change.new_stop]
    assert kept_old + diff.old[at_old:] == kept_new + diff.new[at_new:]
    shown = unified_diff("f", fixed)
    assert _patched(fixed.original, shown) == fixed.text
    assert (shown == "--- a/f\n+++ b/f\n") == (fixed.text == fixed.original)


def _views(marked: str) -> tuple[str, str]:
    """The line a word diff's line was, and the line it became."""
    old = re.sub(r"\[-(.*?)-\]", r"\1", re.sub(r"\{\+.*?\+\}", "", marked, flags=re.S), flags=re.S)
    new = re.sub(r"\{\+(.*?)\+\}", r"\1", re.sub(r"\[-.*?-\]", "", marked, flags=re.S), flags=re.S)
    return old, new


@settings(max_examples=400, deadline=None)
@given(fixes())
def test_the_word_diff_marks_what_turns_each_old_line_into_its_new_one(
        fixed: FixResult) -> None:
    diff = line_diff(fixed.original, fixed.text, fixed.passes)
    expected = []
    for change in diff.changes:
        old = [line.removesuffix("\n").removesuffix("\r")
               for line in diff.old[change.old_first:change.old_stop]]
        new = [line.removesuffix("\n").removesuffix("\r")
               for line in diff.new[change.new_first:change.new_stop]]
        expected += zip(old, new) if len(old) == len(new) else [("\n".join(old), "\n".join(new))]
    shown = word_diff("f", fixed).removeprefix("--- a/f\n+++ b/f").removesuffix("\n")
    assert [_views(block) for block in re.split(r"\n@@ line \d+ @@\n", shown)[1:]] == expected


def test_the_word_diff_aligns_only_the_words_around_each_edit() -> None:
    before = "the cat sat on the the mat and the dog dog barked\n"
    edits = [Edit(at, at + 7, before[at:at + 3], None)  # type: ignore[arg-type]
             for at in (before.index("the the"), before.index("dog dog"))]
    fixed = FixResult(original=before, text=apply_edits(before, edits), passes=[edits])
    # Each doubled word loses the copy its edit removed, the second one; difflib, aligning
    # the whole line, took the first "the" of "the the" for the removed one.
    assert word_diff("f", fixed) == (
        "--- a/f\n+++ b/f\n@@ line 1 @@\n"
        "the cat sat on the[- the-] mat and the dog[- dog-] barked\n")


def test_a_later_pass_that_undoes_an_earlier_one_leaves_no_change() -> None:
    fixed = FixResult(original="one\ntwo\n", text="one\ntwo\n")
    fixed.passes = [[Edit(4, 7, "2", None)], [Edit(4, 5, "two", None)]]  # type: ignore
    assert changed_regions(fixed.passes) == [(4, 7, 4, 7)]
    assert line_diff(fixed.original, fixed.text, fixed.passes).changes == []


def test_the_diff_reads_as_difflib_writes_it() -> None:
    lines = [f"line {i}\n" for i in range(20)]
    before = "".join(lines)
    edits = [Edit(before.index("line 2"), before.index("line 2") + 4, "LINE", None),
             Edit(before.index("line 4\n") + 6, before.index("line 4\n") + 7, "", None),
             Edit(len(before) - 1, len(before), "", None)]  # type: ignore[arg-type]
    fixed = FixResult(original=before, text=apply_edits(before, edits), passes=[edits])
    assert unified_diff("f.txt", fixed) == (
        "--- a/f.txt\n+++ b/f.txt\n"
        "@@ -1,9 +1,8 @@\n"
        " line 0\n line 1\n-line 2\n+LINE 2\n line 3\n-line 4\n-line 5\n+line 4line 5\n"
        " line 6\n line 7\n line 8\n"
        "@@ -17,4 +16,4 @@\n"
        " line 16\n line 17\n line 18\n-line 19\n+line 19\n\\ No newline at end of file\n")
    assert word_diff("f.txt", fixed) == (
        "--- a/f.txt\n+++ b/f.txt\n"
        "@@ line 3 @@\n[-line-]{+LINE+} 2\n"
        "@@ line 5 @@\nline [-4\nline-]{+4line+} 5\n"
        "@@ line 19 @@\nline 19\n")


def test_patch_and_git_apply_take_the_diff_of_fix(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    original = "The army said said it.\r\nNothing here.\r\n\r\nThe the talks ended ."
    source.write_bytes(original.encode())
    result = run_cli("fix", "--diff", "news.txt")
    assert source.read_bytes() == original.encode()  # --diff writes nothing
    diff = tmp_path / "fix.diff"
    diff.write_bytes(result.stdout_bytes)  # .stdout would turn CRLF into LF
    subprocess.run(["git", "apply", "--check", str(diff)], check=True, cwd=tmp_path)
    subprocess.run(["patch", "-s", "-p1", "-i", str(diff)], check=True, cwd=tmp_path)
    assert source.read_bytes() == (
        b"The army said it.\r\nNothing here.\r\n\r\nThe talks ended.")
