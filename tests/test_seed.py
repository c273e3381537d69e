"""The seed document: what `cleanup fix` must produce from it with the default packs."""
from __future__ import annotations

from pathlib import Path

import cleanup

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SEED = SEEDS / "000_8a7ac62440e69e8e.txt"
EXPECTED = SEEDS / "000_8a7ac62440e69e8e.fixed.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_fix_gives_the_reviewed_text() -> None:
    result = cleanup.fix_text(seed_text())
    assert result.text == EXPECTED.read_text(encoding="utf-8")


def test_fixing_the_fixed_text_changes_nothing() -> None:
    fixed = EXPECTED.read_text(encoding="utf-8")
    result = cleanup.fix_text(fixed)
    assert result.text == fixed
    assert not result.applied
    assert not any(f.safe for f in result.remaining)


def _by_text(findings: list[cleanup.Finding]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in findings:
        found.setdefault(f.text, set()).add(f.rule)
    return found


def test_seed_artifacts_are_flagged_with_the_right_kind_of_help() -> None:
    findings = cleanup.check_text(seed_text())
    by_rule = {(f.rule, f.text): f for f in findings}

    rt = by_rule[("names/transliterated-outlet", "Rashatoudi")]
    assert rt.replacements == ("RT",) and rt.safe and rt.category == "transliterated_name"

    ayn = by_rule[("consistency/place-spelling", "Ayn al-Assad")]
    assert ayn.replacements == ("Ain al-Assad",) and ayn.safe
    assert len(ayn.related) == 6  # the six "Ain al-Assad" it agrees with

    leap = by_rule[("calques/common-word-as-place-name", "the leap desert")]
    assert not leap.replacements and leap.category == "literal_translation"

    called = by_rule[("terms/coalition-called", "coalition called ISIL")]
    assert not called.safe and called.replacements == ("coalition against ISIL",)

    centcom = by_rule[("terms/expansion-then-acronym", "Central Command at Centcom")]
    assert centcom.category == "redundancy" and not centcom.safe

    fragment = by_rule[("fragments/stranded-predicate", "Iraq is present.")]
    assert fragment.category == "fragment" and not fragment.replacements

    mixed = [f for f in findings if f.rule == "consistency/group-name"]
    assert {f.text for f in mixed} == {"ISIL"} and all(f.replacements == ("ISIS",) for f in mixed)


def test_fix_diff_shows_the_changes_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    copy = tmp_path / SEED.name
    copy.write_bytes(SEED.read_bytes())
    result = run_cli("fix", "--diff", str(copy))
    assert result.exit_code == 1  # suggestions remain for review
    assert "-At the same time, a reporter for the Rashatoudi news network" in result.output
    assert "+At the same time, a reporter for the RT news network" in result.output
    assert "names/transliterated-outlet 'Rashatoudi' → 'RT'" in result.output
    assert "consistency/place-spelling 'Ayn al-Assad' → 'Ain al-Assad'" in result.output
    # Nothing was written, and the report does not say otherwise.
    assert "Would fix 2 problems in 1 file" in result.output and "\nfixed " not in result.output
    assert copy.read_bytes() == SEED.read_bytes()


def test_word_diff_marks_only_the_changed_words(run_cli, tmp_path: Path) -> None:
    copy = tmp_path / SEED.name
    copy.write_bytes(SEED.read_bytes())
    result = run_cli("fix", "--diff", "--diff-style", "word", str(copy))
    assert "reporter for the [-Rashatoudi-]{+RT+} news network" in result.output
    assert "inside the [-Ayn-]{+Ain+} al-Assad base" in result.output
