"""A long text is checked in sections (issue 5: the memory and the cores a 100 MB file needs).

The sections cover the text and start at line starts; the findings of rules that read lines
alone are those of a whole check, at the same offsets, lines and columns; the findings do not
depend on the number of processes; the cap on findings per rule holds for the whole text.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from linters import BROKEN, DOUBLED, linter_from, reading

import cleanup
from cleanup import engine
from cleanup.document import Document, LineIndex
from cleanup.engine import TOO_MANY_RULE, sections
from cleanup.fixes import fix

# Each line holds artifacts that rules reading one line at a time find.
LINES = [
    "It was was late when Rashatoudi said so .",
    "ISIS took the city.The army left  again.",
    "Clean prose, with nothing to see in it at all.",
    "The Ain al-Assad base reopened,and Ayn al-Assad was quiet.",
    "Prices rose by ۱۴۰۲ percent, officials said\u200b.",
]
BREAKS = ["\n", "\n", "\r\n", "\n\n", "\r\n\r\n", "\n  \n", "\r"]
LOCAL_RULES = ["hygiene/doubled-word", "hygiene/space-before-punctuation",
               "hygiene/missing-space-after-sentence", "hygiene/doubled-space",
               "hygiene/eastern-arabic-digits", "hygiene/zero-width",
               "hygiene/missing-space-after-comma"]


def long_text(seed: int, lines: int = 400) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(LINES) + rng.choice(BREAKS) for _ in range(lines))


def key(findings: list[cleanup.Finding]) -> list[tuple[object, ...]]:
    return [(f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.text,
             f.replacements, f.safe) for f in findings]


@pytest.mark.parametrize("seed", range(4))
def test_sections_cover_the_text_and_each_starts_a_line(seed: int) -> None:
    text = long_text(seed)
    lines = LineIndex(text)
    for size in (1, 50, 700):
        parts = list(sections(text, size))
        assert len(parts) > 3
        assert parts[0][0] == 0 and parts[-1][1] == len(text)
        for (_, end, _), (start, _, _) in zip(parts, parts[1:]):
            assert end == start and text[start - 1] in "\r\n"
            assert text[start - 1:start + 1] != "\r\n"  # never inside a CRLF
        for start, end, first_line in parts:
            assert start < end
            assert lines.position(start) == (first_line + 1, 1)


@pytest.mark.parametrize("seed", range(4))
def test_sections_are_as_few_as_the_size_allows_and_about_as_long(seed: int) -> None:
    # Two processes checking one section each finish together (issue 5: a 1.1 MB file was
    # a 1 MiB section and a 70 KB one, so one process did nearly all the work).
    text = long_text(seed)
    for size in (2500, 3000, 7000, 12000):
        lengths = [end - start for start, end, _ in sections(text, size)]
        assert len(lengths) == -(-len(text) // size)
        assert max(lengths) < 2 * min(lengths), lengths


def test_a_text_without_line_breaks_stays_whole() -> None:
    assert list(sections("word " * 1000, 100)) == [(0, 5000, 0)]


@pytest.mark.parametrize("seed", range(3))
def test_a_long_text_gives_the_line_findings_of_a_whole_check(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = cleanup.default_linter(select=LOCAL_RULES)
    doc = Document.plain(long_text(seed))
    whole = linter.check(doc)
    assert len(whole) > 200 and {f.rule for f in whole} == set(LOCAL_RULES)
    monkeypatch.setattr(engine, "SECTION_CHARS", 600)
    assert len(list(sections(doc.text))) > 10
    assert key(linter.check(doc)) == key(whole)


def test_fixing_a_long_text_gives_the_text_of_a_whole_fix(
        monkeypatch: pytest.MonkeyPatch) -> None:
    linter = cleanup.default_linter(select=LOCAL_RULES)
    doc = Document.plain(long_text(7))
    whole = fix(linter, doc)
    assert whole.changed and "was was" not in whole.text
    monkeypatch.setattr(engine, "SECTION_CHARS", 600)
    in_sections = fix(linter, doc, jobs=2)
    assert in_sections.text == whole.text
    assert not [f for f in linter.check(Document.plain(in_sections.text)) if f.safe]


@pytest.mark.parametrize("jobs", [1, 2])
def test_fixing_a_text_of_a_few_sections_gives_the_text_of_a_whole_fix(
        jobs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each section keeps its lines' findings for the next pass (engine.REMEMBERED_SECTIONS).
    linter = cleanup.default_linter()
    doc = Document.plain(long_text(8).replace("was was", "was was was"))  # two passes
    whole = fix(linter, doc)
    assert len(whole.passes) > 1
    monkeypatch.setattr(engine, "SECTION_CHARS", 4000)
    assert 2 < len(list(sections(doc.text))) <= engine.REMEMBERED_SECTIONS
    in_sections = fix(linter, doc, jobs=jobs)
    assert in_sections.text == whole.text
    assert key(in_sections.remaining) == key(linter.check(Document.plain(whole.text), jobs))


def test_a_section_rereads_only_its_changed_lines(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    linter = linter_from(tmp_path, DOUBLED)
    read = reading(linter)
    monkeypatch.setattr(engine, "SECTION_CHARS", 3000)
    text = long_text(9)
    assert len(list(sections(text))) > 3
    linter.check(Document.plain(text))
    edited = text.replace("It was was late", "It was late", 1)
    read.clear()
    found = linter.check(Document.plain(edited))
    line = edited.index("It was late")
    assert read == [edited[line:edited.index("\n", line) + 1]]
    assert key(found) == key(linter_from(tmp_path, DOUBLED).check(Document.plain(edited)))


def test_a_section_that_comes_back_as_it_was_is_not_read_again(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    linter = linter_from(tmp_path, BROKEN)
    [check] = linter.checks
    assert not check.reads_lines_alone()  # no line memo: only the section memo can skip it
    read = reading(linter)
    monkeypatch.setattr(engine, "SECTION_CHARS", 3000)
    text = "".join(f"line {n} goes\non here.\n\n" for n in range(600))
    cuts = list(sections(text))
    assert len(cuts) > 3
    first = linter.check(Document.plain(text))
    assert len(first) == 600 and len(read) == len(cuts)
    read.clear()
    assert key(linter.check(Document.plain(text))) == key(first)
    assert read == []
    edited = text.replace("line 599 goes", "line 599 went")  # in the last section
    found = linter.check(Document.plain(edited))
    assert read == [edited[cuts[-1][0]:]]
    assert key(found) == key(linter_from(tmp_path, BROKEN).check(Document.plain(edited)))


def test_every_rule_gives_the_same_findings_with_any_number_of_jobs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    linter = cleanup.default_linter()
    monkeypatch.setattr(engine, "SECTION_CHARS", 2000)
    doc = Document.plain(long_text(3, lines=800))
    one = linter.check(doc)
    assert len({f.rule for f in one}) > 5
    assert key(linter.check(doc, jobs=2)) == key(one)
    assert key(linter.check(doc, jobs=3)) == key(one)


def test_suppressions_hold_across_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    linter = cleanup.default_linter(select=["hygiene/doubled-word"])
    doubled = "It was was late.\n\n"
    text = (doubled * 30 + "cleanup: off\n\n" + doubled * 60 + "cleanup: on\n\n" + doubled * 30
            + "It was was late. cleanup: ignore[doubled-word]\n")
    monkeypatch.setattr(engine, "SECTION_CHARS", 200)
    assert len(list(sections(text))) > 10
    findings = linter.check(Document.plain(text))
    assert [f.line for f in findings] == [*range(1, 61, 2), *range(185, 245, 2)]


BROAD = """\
  - id: every-word
    kind: pattern
    category: other
    message: m
    pattern: '\\w+'
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_cap_on_findings_per_rule_holds_for_the_whole_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    linter = linter_from(tmp_path, BROAD)
    monkeypatch.setattr(engine, "MAX_FINDINGS_PER_RULE", 50)
    monkeypatch.setattr(engine, "SECTION_CHARS", 100)
    doc = Document.plain("one two three four five six seven\n" * 40)  # 280 words
    findings = linter.check(doc, jobs=jobs)
    assert len(list(sections(doc.text))) > 5
    assert [f.rule for f in findings].count("p/every-word") == 50
    stopped = [f for f in findings if f.rule == TOO_MANY_RULE]
    assert len(stopped) == 1 and "p/every-word" in stopped[0].message
    assert stopped[0].line == 1
    # The first 50 words, in text order: the cap keeps the start of the text.
    words = [f.text for f in findings if f.rule == "p/every-word"]
    assert words[:8] == "one two three four five six seven one".split()


def run_cleanup(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleanup", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_a_file_longer_than_a_section_reports_the_same_with_one_or_two_jobs(
        tmp_path: Path) -> None:
    """The real thing: a 1.3 MB file, two sections, checked and fixed by the CLI."""
    clean = "Clean prose, with nothing to see in it at all.\n"
    body = "".join(long_text(seed, lines=20) + clean * 1000 for seed in range(28))
    assert len(body) > engine.SECTION_CHARS
    (tmp_path / "a").mkdir()
    big = tmp_path / "a" / "big.txt"
    big.write_bytes((body + "The end of of it.\n").encode("utf-8"))
    last_line = body.count("\n") + body.count("\r") - body.count("\r\n") + 1
    hygiene = ("--select", "hygiene")
    one = run_cleanup("check", "-j1", *hygiene, "a/big.txt", cwd=tmp_path)
    two = run_cleanup("check", "-j2", *hygiene, "a/big.txt", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert f"a/big.txt:{last_line}:9: " in one.stdout  # 'of of' on the last line
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    fixed_one = run_cleanup("fix", "-j1", *hygiene, "a/big.txt", cwd=tmp_path)
    fixed_two = run_cleanup("fix", "-j2", *hygiene, "b/big.txt", cwd=tmp_path)
    assert fixed_one.returncode == fixed_two.returncode == 0  # every finding had a safe fix
    assert fixed_one.stdout.replace("a/", "b/") == fixed_two.stdout
    fixed = big.read_bytes()
    assert fixed == (tmp_path / "b" / "big.txt").read_bytes()
    assert fixed.endswith(b"The end of it.\n") and b"was was" not in fixed
