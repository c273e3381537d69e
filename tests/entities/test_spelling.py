"""One spelling per entity within a document (issue 4)."""
from __future__ import annotations

import cleanup
from cleanup.entities import default_config, shipped_gazetteer
from cleanup.entities.spelling import analyse, document_clusters, respellings


def fixes(text: str) -> list[tuple[str, str, bool]]:
    entities = analyse(text, default_config(), shipped_gazetteer())
    return [(r.text, r.replacement, r.safe) for r in respellings(entities)]


def test_minority_spelling_is_rewritten_to_the_majority() -> None:
    text = ("Abu Fadak al-Mohammadawi spoke. Abu Fadak al-Mohamadawi left. "
            "Abu Fadak al-Mohammadawi returned.")
    assert fixes(text) == [("Abu Fadak al-Mohamadawi", "Abu Fadak al-Mohammadawi", True)]


def test_a_tie_is_only_a_suggestion() -> None:
    assert fixes("Abu Fadak al-Mohammadawi spoke. Abu Fadak al-Mohamadawi left.") == [
        ("Abu Fadak al-Mohamadawi", "Abu Fadak al-Mohammadawi", False)]


def test_the_gazetteer_spelling_wins_over_the_majority() -> None:
    text = "Fighting near Hodeida. Hodeida port. The port of Hodeidah is vital."
    assert [(a, b) for a, b, _ in fixes(text)] == [("Hodeida", "Hodeidah")] * 2


def test_look_alike_names_are_left_alone() -> None:
    text = ("Hassan Nasrallah and Saddam Hussein. Hamas, Hama and Hamah. Iran and Iraq. "
            "Jordan and the Jordanian king. Sadr met Sadri.")
    assert [f for f in fixes(text) if f[0] != "Hamah"] == []


def test_a_spelling_that_is_an_english_word_is_only_a_suggestion() -> None:
    text = "Simeon spoke. Simeon left. Simeon returned. Simon stayed."
    assert fixes(text) == [("Simon", "Simeon", False)]


def test_short_names_and_case_alone_are_only_suggestions() -> None:
    assert fixes("Paul wrote. Paul sent it. Pul read it.") == [("Pul", "Paul", False)]
    assert fixes("Use NaN here. NaN is a value. Nan is not.") == [("Nan", "NaN", False)]


def test_single_letters_are_not_names_to_respell() -> None:
    assert fixes("Section C, C again, C once more and K.") == []


def test_a_near_match_to_a_listed_name_needs_a_majority() -> None:
    # Hezbullah is close to the listed Hezbollah but not listed itself: one against one is a tie.
    assert fixes("Hezbollah fired. Hezbullah denied it.") == [("Hezbullah", "Hezbollah", False)]
    assert fixes("Hezbollah fired. Hezbullah denied it. Hezbollah said.") == [
        ("Hezbullah", "Hezbollah", True)]


def test_dropping_the_article_is_not_a_respelling() -> None:
    assert fixes("Muqtada al-Sadr spoke. Sadr left. Al-Sadr returned.") == []


def test_clusters_list_every_spelling_with_counts() -> None:
    text = "Qasem Soleimani died. Qassem Suleimani was buried. Qasem Soleimani's legacy."
    [cluster] = document_clusters(text, default_config(), shipped_gazetteer())
    assert cluster.to_json() == {"canonical": "Qasem Soleimani", "variants": [
        {"text": "Qasem Soleimani", "count": 2}, {"text": "Qassem Suleimani", "count": 1}]}


def test_the_check_reports_and_fixes_through_the_engine() -> None:
    text = "Qasem Soleimani died. Qassem Suleimani was buried. Qasem Soleimani's legacy."
    linter = cleanup.Linter.from_packs(cleanup.load_builtin_packs(), select=["entities"])
    [finding] = linter.check_text(text)
    assert (finding.category, finding.text, finding.replacements, finding.safe) == (
        "inconsistent_spelling", "Qassem Suleimani", ("Qasem Soleimani",), True)
    assert finding.related == ((0, 15), (51, 66))
    assert cleanup.fix_text(text, linter).text == text.replace("Qassem Suleimani",
                                                               "Qasem Soleimani")


def test_in_a_book_length_text_a_majority_only_suggests() -> None:
    article = "Abu Fadak al-Mohammadawi spoke. Abu Fadak al-Mohamadawi left. " \
              "Abu Fadak al-Mohammadawi returned. "
    filler = "The talks went on for another day without any result. " * 2500  # ~140,000
    assert fixes(article + filler) == [
        ("Abu Fadak al-Mohamadawi", "Abu Fadak al-Mohammadawi", False)]


def test_in_a_book_length_text_the_check_respells_only_listed_names() -> None:
    # In a book, look-alike names are as often two people as one (Simeon and Simon): the rule
    # groups only the names the gazetteer or a style list anchors there.
    unlisted = "Abu Fadak al-Mohammadawi spoke. Abu Fadak al-Mohamadawi left. " \
               "Abu Fadak al-Mohammadawi returned. "
    listed = "Qasem Soleimani died. Qassem Suleimani was buried. Qasem Soleimani's legacy. "
    filler = "The talks went on for another day without any result. " * 2500  # ~140,000
    linter = cleanup.Linter.from_packs(cleanup.load_builtin_packs(), select=["entities"])
    assert [f.text for f in linter.check_text(unlisted + listed)] == [
        "Abu Fadak al-Mohamadawi", "Qassem Suleimani"]
    assert [(f.text, f.replacements) for f in linter.check_text(unlisted + listed + filler)] \
        == [("Qassem Suleimani", ("Qasem Soleimani",))]
