from __future__ import annotations

import pytest

from packs_helpers import texts

SPEC = {"kind": "fragment", "verbs": "is are was were said took", "nouns": "news",
        "abbreviations": "Mr No U.S"}


@pytest.mark.parametrize("text, found", [
    ("The minister spoke: Is. This visit was made.", ["Is."]),
    ("The talks were held. Other Parties.", ["Other Parties."]),
    ("No one claimed it. Aljazeera news.", ["Aljazeera news."]),
    ("It helps the two countries. the two brotherly countries agree.", ["the"]),
])
def test_fragments(text: str, found: list[str]) -> None:
    assert texts(SPEC, text) == found


@pytest.mark.parametrize("text", [
    "The attack took place. Two soldiers were injured.",
    "Mr. Smith said so. The U.S. Army took part. No. 5 was there.",
    "He said: “Yes. Absolutely.” Then it was over.",
    "A headline\nOne sentence.",
    "Is it over? Yes!",
])
def test_not_fragments(text: str) -> None:
    assert texts(SPEC, text) == []


def test_reported_clause_without_verb() -> None:
    text = ("Sources told SANA that a convoy consisting of 69 vehicles, including 45 tankers "
            "loaded with oil, and 24 trucks loaded with grain.")
    assert texts(SPEC, text) and texts({**SPEC, "checks": ["one-word"]}, text) == []
    assert texts(SPEC, "Sources told SANA that a convoy of 69 vehicles crossed into Iraq.") == []
