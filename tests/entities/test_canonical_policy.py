"""Which spelling a document is fixed to: a list chooses among the document's own spellings;
it does not rewrite a consistent majority into a spelling the document never used."""
from __future__ import annotations

import cleanup

LINTER = cleanup.default_linter(select=["entities"])


def fixes(text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    return [(f.text, f.replacements, f.safe) for f in LINTER.check_text(text)]


def test_minority_goes_to_the_majority_and_the_listed_form_is_only_offered() -> None:
    text = ("Drones hit Ain al-Assad. Ain al-Assad was on alert. "
            "Later Ayn al-Assad reported no damage.")
    assert fixes(text) == [("Ayn al-Assad", ("Ain al-Assad", "Ain al-Asad"), True)]
    assert cleanup.fix_text(text, LINTER).text.count("Ain al-Assad") == 3


def test_the_listed_form_wins_when_the_document_uses_it() -> None:
    text = "Fighting near Hodeida continued. The port of Hodeidah is vital."
    assert fixes(text) == [("Hodeida", ("Hodeidah",), True)]


def test_a_consistent_document_is_left_alone() -> None:
    assert fixes("Ain al-Assad was hit. Ain al-Assad is in Anbar.") == []
