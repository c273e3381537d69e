"""Name mentions: the name only, at its offsets (issue 4)."""
from __future__ import annotations

from cleanup.entities.mentions import find_mentions


def names(text: str) -> list[str]:
    found = find_mentions(text)
    assert all(text[m.start:m.end] == m.text for m in found)
    return [m.text for m in found]


def test_titles_and_demonyms_are_not_part_of_the_name() -> None:
    assert names("It said Iraqi Prime Minister Mustafa al-Kadhimi left.") == ["Mustafa al-Kadhimi"]


def test_particles_join_a_name() -> None:
    assert names("They met Mohammed bin Salman in Deir ez-Zor and Bandar-e Abbas.") == [
        "Mohammed bin Salman", "Deir ez-Zor", "Bandar-e Abbas"]


def test_possessive_and_hyphen_space() -> None:
    assert names("He met Iran's envoy and Amir- Abdollahian.") == ["Iran", "Amir- Abdollahian"]


def test_sentence_initial_words_and_datelines_are_not_names() -> None:
    assert names("BAGHDAD (Reuters) - However, the talks went on. The envoy met Hadi al-Amiri.") \
        == ["Reuters", "Hadi al-Amiri"]


def test_a_name_opening_a_sentence_is_kept() -> None:
    assert names("Al-Sisi spoke. Later al-Sisi left.") == ["Al-Sisi", "al-Sisi"]


def test_an_ordinary_word_with_a_contracted_verb_is_no_name() -> None:
    # Mixed apostrophes made I'll and I’ll two spellings of one "name" in a 10 MB corpus.
    assert names("He said I’ll go, and I'll stay. We’re here; We're there. He’d left. "
                 "You've won. Sa'd met O’Brien and Ra’d.") == ["Sa'd", "O’Brien", "Ra’d"]


def test_offsets_count_code_points() -> None:
    text = "🙂 Hodeidah and Hodeida."
    assert [(m.start, m.end) for m in find_mentions(text)] == [(2, 10), (15, 22)]


def test_a_word_after_blank_lines_and_indentation_opens_a_sentence() -> None:
    text = "The talks ended.\n\n" + " " * 30 + "However, the envoy met Hadi al-Amiri."
    assert names(text) == ["Hadi al-Amiri"]


def test_lower_case_words_between_names_end_them() -> None:
    assert names("They met ibn Saud, then an al-Sadr aide and Iran’s envoy at the al-Kut "
                 "meeting.") == ["Saud", "al-Sadr", "Iran", "al-Kut"]


def test_identifiers_and_english_particles_are_not_names() -> None:
    assert names("[XEROX PARC] An Ethernet packet; see PyUnicode_Kind and As Iran said.") == [
        "Ethernet", "Iran"]


def test_an_assimilated_article_stays_with_its_name() -> None:
    assert names("They left An Nasiriyah and An-Najaf.") == ["An Nasiriyah", "An-Najaf"]


def test_a_lone_word_is_read_as_trim_reads_a_run_of_one_word() -> None:
    # find_mentions decides a chain of one word from a verdict worked out once per word.
    from cleanup.entities.mentions import _CHAIN, LowercaseWords, _lone_mention, _lone_word, \
        _Token, _trim, wordlists

    text = ("The envoy met Iran's Reuters. However, the As said An. Al-Sisi spoke; later "
            "al-Sisi left. Minister, Iraqi, Amir met Debian, NATO and P5.\nThe Talks Of The Envoy "
            "Today\nAn Ethernet frame: Mosul, mosul and É. Ça va.")
    lists = wordlists()
    lowercase = LowercaseWords(text)
    lone = [m for m in _CHAIN.finditer(text) if m.group(2) is None]
    assert len(lone) >= 12
    for in_headline in (False, True):
        for m in lone:
            word, start = m.group(1), m.start(1)
            trimmed = _trim(text, [_Token(start, m.end(1), word)], lists, lowercase, in_headline) \
                if _Token(start, m.end(1), word).in_name else None
            assert _lone_mention(text, start, word, _lone_word(word, lists, lowercase),
                                 lambda _: in_headline) == trimmed, word


def test_lowercase_words_are_the_words_opening_with_a_small_letter() -> None:
    from cleanup.entities.mentions import _WORD, LowercaseWords

    text = ("the (Iran) don't x3y 3rd _under_score 'tis café, Éa\u00a0naïve-word ok\u2028fine’ "
            "iPhone over'' end' “quoted” a—b x\ud800y")
    words = {w for w in _WORD.findall(text) if w[0].islower()}
    asked = {w for w in _WORD.findall(text)} | {"rd", "3rd", "under", "quoted'", "iran", "x", "y",
                                                 "over", "over'", "end", "naïve-word", ""}
    lowercase = LowercaseWords(text)
    assert {w for w in asked if w in lowercase} == words & asked


TRICKY_WORDS = ["al", "Al", "al-", "aL", "el", "As", "as", "An", "an", "bin", "ibn", "abu", "ash",
                "ul", "e", "ye", "The", "the", "However", "Iran", "Iran's", "Iran’s", "Sadr'",
                "F-35", "P5", "NATO", "A", "I", "Prime", "Minister", "Iraqi", "Mustafa", "Deir",
                "ez", "Zor", "Ça", "Édouard", "été", "日本", "3Com", "_Foo", "'Tis", "’S", "l",
                "Aquila", "don", "T", "x86", "Foo_Bar", "x", "said", "Reuters", "Debian", "debian",
                "Of", "of", "٣D"]
TRICKY_JOINS = [" ", " ", " ", "-", "- ", "  ", "\u00a0", ". ", ", ", "\n", "\n\n", " (", ") ",
                "‐", "‑ ", "'", "’ ", " - ", ": ", "", "3", "_", "\r\n", "\u2028", "\t", "“", "”. ",
                "— ", "…", "?\n", "; "]


def tricky_texts(count: int) -> list[str]:
    import random

    rnd = random.Random(5)
    texts = []
    for _ in range(count):
        text = "".join(rnd.choice(TRICKY_WORDS) + rnd.choice(TRICKY_JOINS)
                       for _ in range(rnd.randint(1, 30)))
        texts.append(text.title() if rnd.random() < 0.3 else text)
    return texts


def test_chains_from_capitals_give_the_mentions_of_a_full_scan(monkeypatch) -> None:
    # find_mentions reads most lines with _CAPITAL_CHAIN; reading every line with _CHAIN
    # must find the same mentions.
    from cleanup.entities import mentions

    texts = tricky_texts(400)
    fast = [find_mentions(text) for text in texts]
    monkeypatch.setattr(mentions, "_chains", mentions._CHAIN.finditer)
    assert fast == [find_mentions(text) for text in texts]


def test_a_sentence_opening_told_by_two_characters_is_the_one_the_regex_finds() -> None:
    from cleanup.entities.mentions import _opens_sentence, _sentence_end_before

    for text in tricky_texts(100):
        assert [_opens_sentence(text, i) for i in range(len(text))] == [
            _sentence_end_before(text, i) for i in range(len(text))], text
