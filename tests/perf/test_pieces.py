"""Phrases found piece by piece (large files) are the phrases found in one scan, at the same
offsets; folding is the same on the fast ASCII path and the general path (issue 5)."""
from __future__ import annotations

import random
import unicodedata

import pytest

import cleanup
from cleanup import phrases
from cleanup.phrases import PhraseIndex, fold

WORDS = ["Ain", "al-Assad", "Ayn", "ISIS", "ISIL", "Rashatoudi", "the", "leap", "desert", "and",
         "İstanbul", "Straße", "Ёлка", "said", "was", "Daesh", "𝑦", "😀"]
SEPARATORS = [" ", " ", " ", "\n", ". ", ", ", "\n\n", "  ", "-", "\u200b"]


def mt_text(seed: int, words: int = 4000) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(words))


def reference_fold(text: str) -> str:
    out = []
    for c in text:
        low = c.lower() if len(c.lower()) == 1 else c
        word = low.isalnum() or low == "_" or unicodedata.category(low)[0] == "M"
        out.append(low if word else " ")
    return "".join(out)


@pytest.mark.parametrize("seed", range(5))
def test_scanning_in_pieces_finds_the_same_phrases_at_the_same_offsets(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = cleanup.default_linter()
    text = mt_text(seed)
    whole = linter.phrases.scan(text)
    assert sum(map(len, whole.values())) > 100
    for size in (1, 7, 100, 1000):
        monkeypatch.setattr(phrases, "SCAN_PIECE", size)
        assert linter.phrases.scan(text) == whole
        assert len(list(phrases._pieces(text, size))) > 1


def test_pieces_cover_the_text_and_cut_between_non_word_characters() -> None:
    text = mt_text(9)
    pieces = list(phrases._pieces(text, 50))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    for (_, end), (start, _) in zip(pieces, pieces[1:]):
        assert end == start
        assert fold(text[end - 1:end + 1]) == "  "


def test_a_phrase_across_a_line_break_is_found_in_pieces(
        monkeypatch: pytest.MonkeyPatch) -> None:
    index = PhraseIndex()
    index.add(0, 0, "Ain al-Assad", False)
    text = ("x. " * 30) + "Ain\nal-Assad." + (" y." * 30)
    whole = index.scan(text)
    monkeypatch.setattr(phrases, "SCAN_PIECE", 10)
    assert index.scan(text) == whole == {0: [(90, 102, 0)]}


@pytest.mark.parametrize("seed", range(3))
def test_fold_matches_the_per_character_definition(seed: int) -> None:
    text = mt_text(seed, 500) + "ÀÉÎ Õü ﬁ ǅ Σς ΐ \u0301a_b 3² ٣ \U0001d400 \ud7ff"
    assert fold(text) == reference_fold(text)
    assert fold(text.encode("ascii", "ignore").decode()) == reference_fold(
        text.encode("ascii", "ignore").decode())
