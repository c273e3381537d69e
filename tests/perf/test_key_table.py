"""A long list of phrases is looked up word by word (a key table) instead of by an automaton,
so that a cached linter loads it in milliseconds (issue 5): both find the same phrases at the
same offsets in the same order, and a cached table finds what a freshly compiled one finds."""
from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import Linter, cache, phrases
from cleanup.phrases import PhraseIndex

Hits = dict[int, list[tuple[int, int, int]]]
Phrases = list[tuple[int, str, bool]]  # (owner, text, case_sensitive); entry: its position

AUTOMATON = 10**9  # KEY_TABLE_FROM values that force one matcher or the other
TABLE = 0

# Keys that share first words, keys that begin other keys, keys that overlap in a text, a
# folded key shared by two spellings (al-Assad, al Assad), case, non-ASCII words.
PHRASES: Phrases = [
    (0, "new", False), (0, "new york", False), (0, "New York City", False), (0, "york", False),
    (1, "york city", False), (1, "city", False), (0, "a a", False), (1, "a", False),
    (0, "Ain al-Assad", False), (1, "Ain al Assad", False), (2, "ISIS", True),
    (2, "isis", True), (0, "the leap desert", False), (2, "leap", False),
    (1, "İstanbul", False), (2, "Straße", False), (0, "قال", False), (1, "na\u0308ive", False),
    (2, "Ёлка", False), (0, "x_y 3²", False),
]
TEXT = ("New York City. new york city!\nNEW  york city; a a a a (Ain al-Assad, Ain al Assad, "
        "ain-al-assad) ISIS, isis, Isis. The leap desert... leap-year İstanbul STRASSE Straße "
        "قال «na\u0308ive» ёлка x_y 3² New Yorker, a ab, new")


def scan(entries: Phrases, text: str, key_table_from: int,
         piece: int = phrases.SCAN_PIECE) -> Hits:
    index = PhraseIndex()
    for entry, (owner, phrase, case_sensitive) in enumerate(entries):
        index.add(owner, entry, phrase, case_sensitive)
    with mock.patch.object(phrases, "KEY_TABLE_FROM", key_table_from), \
            mock.patch.object(phrases, "SCAN_PIECE", piece):
        return dict(index.scan(text))


def found(hits: Hits, text: str, owner: int) -> list[str]:
    return [text[start:end] for start, end, _ in hits[owner]]


def test_the_table_finds_what_the_automaton_finds_in_the_same_order() -> None:
    table = scan(PHRASES, TEXT, TABLE)
    assert table == scan(PHRASES, TEXT, AUTOMATON)
    # In the order of their ends; of two that end together, the longer first.
    assert found(table, TEXT, 0)[:10] == [
        "New", "New York", "York", "New York City", "new", "new york", "york", "new york city",
        "NEW", "york"]  # not "NEW  york" across two spaces
    assert table[1][:2] == [(4, 13, 4), (9, 13, 5)]  # York City, City
    assert found(table, TEXT, 0)[10:14] == ["a a", "a a", "a a", "Ain al-Assad"]  # overlapping
    assert found(table, TEXT, 0)[-2:] == ["New", "new"]  # not "New York" in "New Yorker"
    assert found(table, TEXT, 1)[10:] == ["Ain al Assad", "İstanbul", "na\u0308ive", "a"]
    assert found(table, TEXT, 2) == ["ISIS", "isis", "leap", "leap", "Straße", "ёлка"]
    assert sum(map(len, table.values())) == 39


def test_hits_at_the_very_start_and_end_of_the_text_are_found() -> None:
    table = scan(PHRASES, "city", TABLE)
    assert table == scan(PHRASES, "city", AUTOMATON) == {1: [(0, 4, 5)]}


def test_words_whose_hashes_collide_are_told_apart() -> None:
    # CRC-32("plumless") == CRC-32("buckeroo"), CRC-32("codding") == CRC-32("gnu")
    entries = [(0, "plumless", False), (0, "buckeroo", False), (1, "codding city", False),
               (1, "gnu", False)]
    text = "buckeroo, plumless; gnu codding codding city buckeroos"
    table = scan(entries, text, TABLE)
    assert table == scan(entries, text, AUTOMATON)
    assert table == {0: [(0, 8, 1), (10, 18, 0)], 1: [(20, 23, 3), (32, 44, 2)]}
    assert scan(entries[:1], "buckeroo", TABLE) == {}


@pytest.mark.parametrize("pad", range(12))
def test_a_phrase_where_the_words_of_a_long_text_are_split_up_is_found(pad: int) -> None:
    # The table gathers the words of a text 64 KiB at a time: the phrase is moved across
    # the first cut.
    entries = [(0, "Rashatoudi said", False)]
    text = "a " * 32_760 + "b" * pad + " Rashatoudi said."
    start = text.index("Rashatoudi")
    assert scan(entries, text, TABLE) == scan(entries, text, AUTOMATON) == {
        0: [(start, start + 15, 0)]}


@pytest.mark.parametrize("piece", [1, 9, 40])
def test_the_table_finds_the_same_in_pieces(piece: int) -> None:
    text = (TEXT + "\n\n") * 5
    assert len(list(phrases._pieces(text, piece))) > 5
    whole = scan(PHRASES, text, AUTOMATON)
    assert scan(PHRASES, text, TABLE, piece) == whole
    assert sum(map(len, whole.values())) == 5 * 39


WORDS = ["new", "york", "city", "a", "Ain", "al", "Assad", "ISIS", "İstanbul", "Straße",
         "strasse", "na\u0308ive", "قال", "Ёлка", "x_y", "3²"]
SEPARATORS = [" ", " ", " ", "  ", "-", ", ", ". ", "\n", "\n\n", "\u200b", "'"]
ENTRIES = st.lists(st.tuples(
    st.integers(0, 1),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).flatmap(
        lambda words: st.sampled_from([" ", "-", "  "]).map(lambda sep: sep.join(words))),
    st.booleans()), min_size=1, max_size=12)
PROPERTY = settings(max_examples=int(os.environ.get("CLEANUP_PROPERTY_EXAMPLES", "120")),
                    deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=st.data(), piece=st.sampled_from([phrases.SCAN_PIECE, 3, 20]))
def test_property_the_table_finds_what_the_automaton_finds(
        data: st.DataObject, piece: int) -> None:
    entries = data.draw(ENTRIES)
    spellings = [text.upper() for _, text, _ in entries] + [text for _, text, _ in entries]
    text = data.draw(st.lists(st.one_of(
        st.sampled_from(spellings + WORDS), st.sampled_from(SEPARATORS), st.text(max_size=3)),
        max_size=40).map("".join))
    assert scan(entries, text, TABLE, piece) == scan(entries, text, AUTOMATON)


def names_pack(path: Path, count: int) -> Path:
    """A substitution list of `count` made-up two-word names, and a few that the text has."""
    swap = {f"Name{i} Surname{i % 7}": f"N{i}" for i in range(count)}
    swap.update({"Rashatoudi": "RT", "Ain al-Assad": ["Ain al-Asad", "Ayn al-Asad"],
                 "Name12 Surname5": "Twelve"})
    rule = {"id": "names", "kind": "substitution", "category": "other",
            "message": "use {replacement}", "swap": swap}
    path.write_text(yaml.safe_dump({"id": "names", "rules": [rule]}, allow_unicode=True),
                    encoding="utf-8")
    return path


def test_a_cached_key_table_finds_what_a_compiled_one_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phrases, "KEY_TABLE_FROM", 100)
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLEANUP_NO_CACHE", raising=False)
    pack = names_pack(tmp_path / "names.yaml", 500)
    text = ("RASHATOUDI said Name12 Surname5 met name499 surname2 near Ain al-Assad; "
            "Name500 Surname3 is not listed.")

    def findings(linter: Linter) -> list[tuple[str, tuple[str, ...]]]:
        return [(f.text, f.replacements) for f in linter.check_text(text)]

    compiled = cache.load_linter(False, [pack])
    loaded = cache.load_linter(False, [pack])
    assert loaded is not compiled  # read back from the cache
    assert findings(loaded) == findings(compiled) == [
        ("RASHATOUDI", ("RT",)), ("Name12 Surname5", ("Twelve",)),
        ("name499 surname2", ("N499",)), ("Ain al-Assad", ("Ain al-Asad", "Ayn al-Asad"))]
