from __future__ import annotations

from packs_helpers import rule_findings, texts

REPEAT = {"kind": "repetition", "min_words": 7, "similarity": 85}
ACRONYM = {"kind": "acronym", "joiners": ["at", "in", "of", "from"],
           "skip": ["of", "the", "and", "for", "in", "on"]}


def test_later_copy_of_a_sentence_is_flagged() -> None:
    text = ("Local sources said that the US forces continue looting the crops in the region. "
            "Other news. Local sources told SANA that the US forces continue looting the crops "
            "in the region.")
    [f] = rule_findings(REPEAT, text)
    assert f.text.startswith("Local sources told SANA") and f.replacements == ("",)
    assert not f.safe


def test_short_or_different_sentences_are_not_repetitions() -> None:
    assert texts(REPEAT, "He denied it. He denied it.") == []
    assert texts(REPEAT, "The army said the attack failed on Monday. "
                         "The ministry said the attack succeeded in part on Monday.") == []


def test_acronym_after_its_name() -> None:
    [f] = rule_findings(ACRONYM, "a statement from the US Central Command Centcom said")
    assert f.text == "Central Command Centcom"
    assert f.replacements == ("Central Command", "Central Command (CENTCOM)")
    assert texts(ACRONYM, "US Central Command at Centcom") == ["Central Command at Centcom"]
    assert texts(ACRONYM, "the Patriotic Union of Kurdistan PUK said") == [
        "Patriotic Union of Kurdistan PUK"]


def test_acronym_in_brackets_or_unrelated_is_fine() -> None:
    assert texts(ACRONYM, "US Central Command (CENTCOM) and Donald Trump and Hamas HAMAS") == []
