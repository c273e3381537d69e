from __future__ import annotations

from cleanup.kinds.mojibake import word_changes
from packs_helpers import rule_findings

SPEC = {"kind": "mojibake"}


def test_whole_garbled_word_is_fixed_safely() -> None:
    [f] = rule_findings(SPEC, "The cafÃ© was busy.")
    assert (f.text, f.replacements, f.safe) == ("cafÃ©", ("café",), True)


def test_garbled_arabic_run_is_restored() -> None:
    [f] = rule_findings(SPEC, "He said Ø§Ù„Ø¹Ø±Ø§Ù‚ today.")
    assert f.replacements == ("العراق",)


def test_clean_unicode_is_left_alone() -> None:
    assert rule_findings(SPEC, "Türkiye, Erdoğan, naïve café, “quotes” and العراق") == []


def test_ascii_text_is_skipped() -> None:
    assert rule_findings(SPEC, "plain text") == []


def test_safe_can_be_turned_off() -> None:
    [f] = rule_findings({**SPEC, "safe_when_clean": False}, "TÃ¼rkiye")
    assert not f.safe and f.replacements == ("Türkiye",)


def test_word_changes_widen_to_words() -> None:
    assert word_changes("a cafÃ© b", "a café b") == [(2, 7, 2, 6)]
