from __future__ import annotations

import pytest

from packs_helpers import rule_findings, texts

REPEAT = {"kind": "repetition", "min_words": 7, "similarity": 85}
ACRONYM = {"kind": "acronym", "joiners": ["at", "in", "of", "from"],
           "skip": ["of", "the", "and", "for", "in", "on"]}


def test_later_copy_of_a_sentence_is_flagged() -> None:
    text = ("Officials said that the ferry service to the islands will resume on Thursday. "
            "Weather news. Officials told IRNA that the ferry service to the islands will resume "
            "on Thursday.")
    [f] = rule_findings(REPEAT, text)
    assert f.text.startswith("Officials told IRNA") and f.replacements == ("",)
    assert not f.safe


def test_short_or_different_sentences_are_not_repetitions() -> None:
    assert texts(REPEAT, "He denied it. He denied it.") == []
    assert texts(REPEAT, "The army said the attack failed on Monday. "
                         "The ministry said the attack succeeded in part on Monday.") == []


def test_acronym_after_its_name() -> None:
    [f] = rule_findings(ACRONYM, "inspectors of the International Atomic Energy Agency IAEA left")
    assert f.text == "International Atomic Energy Agency IAEA"
    assert f.replacements == ("International Atomic Energy Agency",
                              "International Atomic Energy Agency (IAEA)")
    assert texts(ACRONYM, "US Central Command at Centcom") == ["Central Command at Centcom"]
    assert texts(ACRONYM, "a rally for the Kurdistan Democratic Party KDP in Duhok") == [
        "Kurdistan Democratic Party KDP"]


def test_acronym_in_brackets_or_unrelated_is_fine() -> None:
    assert texts(ACRONYM, "US Central Command (CENTCOM) and Donald Trump and Hamas HAMAS") == []
    # A name and its acronym inside a bracket are an aside, written as the writer chose.
    assert texts(ACRONYM, "the strike (claimed by the Kurdistan Democratic Party KDP on Monday) hit") == []
    far = "(" + "x" * 121 + ") the Kurdistan Democratic Party KDP"
    assert texts(ACRONYM, far) == ["Kurdistan Democratic Party KDP"]
    unclosed = "(see note\nthe Kurdistan Democratic Party KDP left"
    assert texts(ACRONYM, unclosed) == ["Kurdistan Democratic Party KDP"]


@pytest.mark.parametrize(("text", "name"), [
    # Only skip words in the last characters: the first look cannot tell, the full scan does.
    ("the Foo Bar and the for the and the FB", "Foo Bar and the for the and the FB"),
    ("the Foo Bar and the for the and in FB.", "Foo Bar and the for the and in FB"),
    # Two lowercase words before the acronym, the first a skip word.
    ("fighters of the Syrian Democratic Forces and the SDF entered",
     "Syrian Democratic Forces and the SDF"),
    ("the Syrian Democratic Forces for the SDF", "Syrian Democratic Forces for the SDF"),
])
def test_a_name_behind_skip_words_is_found(text: str, name: str) -> None:
    assert texts(ACRONYM, text) == [name]


def test_the_first_look_turns_down_what_no_name_could_abbreviate() -> None:
    assert texts(ACRONYM, "the old system API and the Syrian Forces SDF") == []
    assert texts(ACRONYM, "the Syrian Democratic Forces said the SDF") == []
