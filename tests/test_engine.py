"""Matching, case, edit choice and fixing as the library exposes them."""
from __future__ import annotations

from pathlib import Path

import pytest

from linters import DOUBLED, linter_from

import cleanup
from cleanup import Document, apply_edits, choose_edits, engine, fix
from cleanup.casing import match_case
from cleanup.finding import Finding
from cleanup.kinds import prefilter, script
from cleanup.kinds.base import BATCH_CHARS, BATCH_TEXTS, TextMemo
from cleanup.pack import load_builtin_packs
from cleanup.run import check_file, check_files


SWAP = """\
  - id: swap
    kind: substitution
    category: transliterated_name
    message: m
    swap: {Rashatoudi: RT, al-Alam: Al-Alam, Ain al-Assad: Ain al-Asad}
"""


@pytest.mark.parametrize(("text", "found"), [
    ("Rashatoudi said", ["Rashatoudi"]),
    ("(Rashatoudi)", ["Rashatoudi"]),
    ("Rashatoudi's reporter", ["Rashatoudi"]),
    ("Rashatoudis", []),
    ("preRashatoudi", []),
    ("Rashatoudi_x", []),
    ("Ain al-Assad", ["Ain al-Assad"]),
    ("Ain  al-Assad", []),  # hygiene/doubled-space fixes the gap; the next pass matches
    ("Ain al Assad", []),  # punctuation must match: this is another spelling
    ("Ain al-Assadi", []),
    ("ﺍ Rashatoudi ﺍ", ["Rashatoudi"]),
    ("Émile Rashatoudi", ["Rashatoudi"]),
])
def test_literal_phrases_match_whole_words_only(tmp_path: Path, text: str, found: list[str]) -> None:
    linter = linter_from(tmp_path, SWAP)
    assert [f.text for f in linter.check_text(text)] == found


def test_offsets_stay_right_after_characters_that_change_length_when_lowered(
        tmp_path: Path) -> None:
    linter = linter_from(tmp_path, SWAP)
    text = "İİİ Rashatoudi"  # 'İ'.lower() is two code points
    (finding,) = linter.check_text(text)
    assert text[finding.start:finding.end] == "Rashatoudi"


@pytest.mark.parametrize(("found", "phrase", "replacement", "expected"), [
    ("Rashatoudi", "Rashatoudi", "RT", "RT"),
    ("RASHATOUDI", "Rashatoudi", "RT", "RT"),
    ("rashatoudi", "Rashatoudi", "RT", "RT"),
    ("The leap", "the leap", "the Qafza", "The Qafza"),
    ("THE LEAP", "the leap", "the Qafza", "THE QAFZA"),
    ("ISIL", "ISIL", "Daesh", "Daesh"),
])
def test_replacements_keep_the_case_shape(found: str, phrase: str, replacement: str,
                                          expected: str) -> None:
    assert match_case(found, phrase, replacement) == expected


def test_line_and_column_count_code_points_and_every_line_break(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, SWAP)
    text = "one\r\ntwo\rthree\nfour 😀 Rashatoudi"
    (finding,) = linter.check_text(text)
    assert (finding.line, finding.column) == (4, 8)


OVERLAP = """\
  - id: long
    kind: substitution
    category: other
    message: m
    swap: {new york city: NYC}
  - id: short
    kind: substitution
    category: other
    message: m
    swap: {york city: York}
"""


def test_overlapping_fixes_choose_the_leftmost_longest_deterministically(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, OVERLAP)
    text = "in new york city today"
    findings = linter.check_text(text)
    assert {f.rule for f in findings} == {"p/long", "p/short"}
    for order in (findings, list(reversed(findings))):
        edits = choose_edits(order)
        assert [(e.finding.rule, e.new) for e in edits] == [("p/long", "NYC")]
        assert apply_edits(text, edits) == "in NYC today"


def test_fixes_that_enable_another_fix_converge(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, DOUBLED)
    result = fix(linter, Document.plain("it it it it was"))
    assert result.text == "it was"
    assert len(result.passes) >= 2
    assert fix(linter, Document.plain(result.text)).applied == []


CONSISTENCY = """\
  - id: spell
    kind: consistency
    category: inconsistent_spelling
    message: "'{match}' vs '{preferred}'"
    variants: [[Talaqani, Taleghani, Taleqani]]
"""


def test_safe_when_makes_a_fix_sure_only_on_the_matches_it_names(tmp_path: Path) -> None:
    text = "it ended.The end came. Use asyncio.Lock here"
    linter = linter_from(tmp_path, """\
  - id: run-together
    kind: pattern
    category: punctuation_spacing
    message: m
    pattern: '(?<=[a-z])\\.(?<next>[A-Z][a-z]+)'
    replace: '. \\g<next>'
    safe_when: '\\.The'
""")
    findings = linter.check_text(text)
    assert [(f.text, f.safe) for f in findings] == [(".The", True), (".Lock", False)]
    assert fix(linter, Document.plain(text)).text == "it ended. The end came. Use asyncio.Lock here"


def sure_and_suggested(rule_id: str, text: str) -> list[tuple[str, bool]]:
    """(matched text, safe) of each finding of one built-in rule."""
    import cleanup

    linter = cleanup.Linter.from_packs(cleanup.load_builtin_packs(), select=[rule_id])
    return [(f.text, f.safe) for f in linter.check_text(text)]


def test_the_builtin_run_together_sentence_fix_is_sure_only_before_a_sentence_opener() -> None:
    text = ("He left the city.However, talks went on. Use asyncio.Lock and "
            "collections.abc.Set, typing.Union[X] or threading.Thread(x).")
    assert sure_and_suggested("hygiene/missing-space-after-sentence", text) == [
        (".However", True), (".Lock", False)]


def test_the_builtin_doubled_word_fix_is_sure_only_for_a_function_word() -> None:
    text = ("The the attack was was over. Sends the signal signal to the child. "
            "Set the variable VARIABLE; the process with PID pid.")
    assert sure_and_suggested("hygiene/doubled-word", text) == [
        ("The the", True), ("was was", True), ("signal signal", False)]


def test_consistency_majority_wins_and_a_tie_goes_to_the_first_used(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, CONSISTENCY)
    majority = linter.check_text("Taleghani. Talaqani. Taleghani.")
    assert [(f.text, f.replacements) for f in majority] == [("Talaqani", ("Taleghani",))]
    tie = linter.check_text("Taleqani then Taleghani.")
    assert [(f.text, f.replacements) for f in tie] == [("Taleghani", ("Taleqani",))]
    assert linter.check_text("Taleghani and Taleghani.") == []


def test_a_document_maps_prose_offsets_back_to_the_source(tmp_path: Path) -> None:
    # What a markup reader will hand the engine: only the prose, placed in the source.
    from cleanup.document import Segment

    source = "<p>Rashatoudi</p>\n<p>It was was.</p>"
    prose = "Rashatoudi\n\nIt was was."
    doc = Document(text=prose, source=source, path="x.html", segments=(
        Segment(0, 3, 10), Segment(10, 13, 2), Segment(12, 20, 11)))
    linter = linter_from(tmp_path, SWAP)
    (finding,) = linter.check(doc)
    assert source[finding.start:finding.end] == "Rashatoudi"
    assert (finding.line, finding.column) == (1, 4)


def test_a_catastrophic_pattern_is_stopped_and_reported(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, """\
  - id: slow
    kind: existence
    category: other
    message: m
    patterns: ['(?:a|a)+b']
""")
    # (the "ab" every match holds is there: a text without it is not scanned at all)
    findings = linter.check_text("a" * 40 + "!ab")
    assert [f.rule for f in findings] == ["cleanup/rule-timeout"]
    assert "p/slow" in findings[0].message


def test_two_rules_with_the_same_fix_at_the_same_place_report_once(tmp_path: Path) -> None:
    linter = linter_from(tmp_path, SWAP + SWAP.replace("id: swap", "id: again"))
    findings = linter.check_text("Rashatoudi said")
    assert [(f.rule, f.text) for f in findings] == [("p/swap", "Rashatoudi")]


SEED = Path(__file__).parent.parent / "seeds" / "000_8a7ac62440e69e8e.txt"


def test_texts_checked_together_have_the_findings_each_has_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`check_each` runs each rule over a batch of texts in turn: what the rules share about a
    text (where its literals are, its characters outside ASCII) must be that text's."""
    monkeypatch.setattr(engine, "BATCH_TEXTS", 5)  # several batches
    monkeypatch.setattr(engine, "SECTION_CHARS", 2000)  # and a text checked in sections
    examples = [example.text for pack in load_builtin_packs() for rule in pack.rules
                for example in rule.examples]
    texts = examples[:80] + [SEED.read_text(encoding="utf-8")] + examples[80:160]
    docs = [Document.plain(text, f"{n}.txt") for n, text in enumerate(texts)]
    linter = cleanup.default_linter()
    together = linter.check_each(docs)
    assert sum(map(len, together)) > 50  # not vacuous

    def alone(doc: Document) -> list[Finding]:
        """Checked with nothing remembered of the texts before."""
        prefilter._INDEX.occurrences.clear()
        script.non_ascii.clear()
        return linter.check(doc)

    assert together == [alone(doc) for doc in docs]


def test_files_checked_in_batches_are_reported_as_each_alone(tmp_path: Path) -> None:
    contents = [b"It was was late.\n", b"\x00\x01 not text", b"caf\xe9 was was\n",
                "Fighting near Lebanon.A ceasefire began , officials said.\n".encode(), b"",
                "msgid \"x\"\nmsgstr \"y\" \"\n".encode()] * 3
    paths = []
    for n, content in enumerate(contents):
        path = tmp_path / (f"{n}.po" if content.startswith(b"msgid") else f"{n}.txt")
        path.write_bytes(content)
        paths.append(str(path))
    linter = cleanup.default_linter()
    alone = [check_file(linter, path) for path in paths]
    assert {bool(r.findings) for r in alone} == {True, False}
    assert any(r.error for r in alone) and any(r.skipped for r in alone)
    for jobs in (1, 2):
        assert check_files(linter, paths, jobs=jobs) == alone


def test_a_text_memo_keeps_the_last_texts_within_bounds() -> None:
    computed: list[str] = []
    memo = TextMemo(lambda text: computed.append(text) or len(text))
    texts = [f"text {n}" for n in range(BATCH_TEXTS + 1)]
    for text in texts + texts[1:]:
        assert memo(text) == len(text)
    assert computed == texts  # each once: the first was dropped, never asked again
    assert memo(texts[0]) == len(texts[0]) and computed[-1] is texts[0]
    long = "x" * (BATCH_CHARS + 1)
    memo(long)
    memo(long)
    assert computed[-1] is long and computed.count(long) == 1  # the last text is kept
    memo(texts[1])
    assert computed[-1] is texts[1]  # dropped with the long text
