"""Re-checking after an edit: unchanged lines keep their findings (issue 5: editors)."""
from __future__ import annotations

from pathlib import Path

from linters import BROKEN, DOUBLED, linter_from, reading

import cleanup
from cleanup.document import Document

SEED = Path(__file__).parent.parent / "seeds" / "000_8a7ac62440e69e8e.txt"


def test_a_recheck_after_edits_finds_what_a_fresh_linter_finds() -> None:
    editor = cleanup.default_linter()  # kept, as an editor keeps it
    text = SEED.read_text(encoding="utf-8")
    editor.check_text(text)
    lines = text.split("\n")
    edits = [
        lines[0] + " It was was late.",  # a finding added in the first line
        lines[1].replace("Rashatoudi", "RT"),  # one removed
        "Fighting near Lebanon.A ceasefire began , officials said.",  # a new line
    ]
    for i, new in enumerate(edits):
        changed = list(lines)
        changed[min(i, len(changed) - 1)] = new
        edited = "\n".join(changed)
        assert editor.check_text(edited) == cleanup.default_linter().check_text(edited)
    assert editor.check_text(text) == cleanup.default_linter().check_text(text)


FIRST = "One one line.\nA second second one.\n\nA third.\n"
SECOND = FIRST.replace("A third.", "A third third.")


def _doubled_word_linter(tmp_path: Path) -> tuple[cleanup.Linter, list[str]]:
    """A linter of one rule, and the texts its check is handed, in order."""
    linter = linter_from(tmp_path, DOUBLED)
    return linter, reading(linter)


def test_only_the_edited_line_is_read_again(tmp_path: Path) -> None:
    linter, read = _doubled_word_linter(tmp_path)
    linter.check_text(FIRST)
    assert read == [FIRST]  # a new text is checked whole
    findings = linter.check_text(SECOND)
    assert read[1:] == ["A third third.\n"]
    assert [f.text for f in findings] == ["second second", "third third"]


def test_a_rule_that_reaches_across_lines_is_checked_whole(tmp_path: Path) -> None:
    rules = BROKEN + """\
  - id: stated
    kind: pattern
    category: punctuation_spacing
    message: m
    pattern: 'x\\s'
    scope: line
"""
    broken, stated = linter_from(tmp_path, rules).checks
    assert not broken.reads_lines_alone()  # its pattern can match a line feed
    assert stated.reads_lines_alone()  # the rule says so
    linter = linter_from(tmp_path, rules)
    linter.check_text("It went\non. Then\nit stopped.\n")
    edited = "It went\non. Then\nit stopped again.\n"
    assert [f.text for f in linter.check_text(edited) if f.rule == "p/broken"] == [
        "t\no", "n\ni"]


def test_a_file_at_another_path_is_checked_whole(tmp_path: Path) -> None:
    # `check` of many files never re-checks one: their lines are not compared with the last.
    linter, read = _doubled_word_linter(tmp_path)
    linter.check(Document.plain(FIRST, "a.txt"))
    findings = linter.check(Document.plain(SECOND, "b.txt"))
    assert read == [FIRST, SECOND]
    assert [f.text for f in findings] == ["second second", "third third"]
    linter.check(Document.plain(FIRST, "b.txt"))
    assert read[2:] == ["A third.\n"]  # the same path again: only its changed line


def test_a_long_text_checked_whole_is_remembered_too(tmp_path: Path) -> None:
    # `fix` of a long article re-checks only the lines each pass changed.
    linter, read = _doubled_word_linter(tmp_path)
    long = "".join(f"Line {n} was was here.\n" for n in range(30_000))  # 700 KB
    linter.check_text(long)
    edited = long.replace("Line 7 was was", "Line 7 was")
    findings = linter.check_text(edited)
    assert read[1:] == ["Line 7 was here.\n"]
    assert len(findings) == 29_999 and findings[7].text == "was was"
    assert findings[7].line == 9 and findings[7].start == edited.index("Line 8 was was") + 7
