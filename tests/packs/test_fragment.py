from __future__ import annotations

import pytest

from packs_helpers import texts

SPEC = {"kind": "fragment", "verbs": "is are was were said took", "nouns": "news",
        "abbreviations": "Mr No U.S"}


@pytest.mark.parametrize("text, found", [
    ("The envoy replied: Was. The meeting ended early.", ["Was."]),
    ("The list won nine seats. Independent Candidates.", ["Independent Candidates."]),
    ("Nobody was hurt in the fire. Rudaw news.", ["Rudaw news."]),
    ("Bread prices rose again. the bakers, citing flour costs.", ["the"]),
    ("Bread prices rose again. also said that flour costs more.", ["also"]),
    ("Bread prices rose again. bakers said that flour costs more.", ["bakers"]),
])
def test_fragments(text: str, found: list[str]) -> None:
    assert texts(SPEC, text) == found


@pytest.mark.parametrize("text", [
    "The fire took place at night. Three shops were damaged.",
    "Mr. Smith said so. The U.S. Army took part. No. 5 was there.",
    "He said: “Yes. Absolutely.” Then it was over.",
    "A headline\nOne sentence.",
    "Is it over? Yes!",
    # A parameter named as the subject of its sentence, its code formatting lost.
    "Open the socket first. backlog is the queue size passed to listen().",
    "The call returns a file. mode defaults to read-only text.",
])
def test_not_fragments(text: str) -> None:
    assert texts(SPEC, text) == []


def test_reported_clause_without_verb() -> None:
    text = ("Witnesses told Rudaw that a column of 40 vehicles, including 12 buses loaded "
            "with families, and 9 trucks loaded with furniture.")
    assert texts(SPEC, text) and texts({**SPEC, "checks": ["one-word"]}, text) == []
    assert texts(SPEC, "Witnesses told Rudaw that a column of 40 vehicles crossed into Turkey.") == []


def test_quotes_are_followed_through_a_long_paragraph() -> None:
    filler = 'The fire took place at night. He said "Yes." Then he said: “No.” ' * 500
    text = ("The list won nine seats. Rudaw news. " + filler
            + 'He said "Was. Rudaw news." It ended. Rudaw news.')
    assert texts(SPEC, text) == ["Rudaw news.", "Rudaw news."]


def test_a_capital_mid_sentence_is_lowered_only_when_asked() -> None:
    # A comma splice may want a full stop instead: lower case is a suggestion, not a fix.
    import cleanup

    linter = cleanup.Linter.from_packs(cleanup.load_builtin_packs(),
                                       select=["fragments/capital-mid-sentence"])
    text = "According to the ministry, It was a routine inspection."
    assert cleanup.fix_text(text, linter).text == text
    assert cleanup.fix_text(text, linter, unsafe=True).text == text.replace("It", "it")
