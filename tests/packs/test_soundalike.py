from __future__ import annotations

import random

from rapidfuzz.distance import Levenshtein

from cleanup.kinds.soundalike import (
    _DIGRAPHS, _NAME_STRETCH, _VOWELS, NO_MATCHES, StretchMemo, _distance_at_least, name_runs,
    _sentence_start, _shifted, plain, skeleton, skeletons, spelling, stretch_tokens, words_of)
from packs_helpers import rule_findings, rule_linter, texts

SPEC = {"kind": "soundalike", "names": [
    "Antony Blinken", "Kiryat Shmona", ["Hossein Amir-Abdollahian", "Hossein Amirabdollahian"],
    ["Hassan", "Hasan"], ["Safed"], ["Israel"], ["Sidon"], ["Muhammad", "Mohammed"]]}


def test_skeleton_merges_what_the_scripts_merge() -> None:
    assert skeleton("Blinken") == skeleton("Blinkan")
    assert skeleton("Qiryat") == skeleton("Kiryat")
    assert skeleton("Marvan") == skeleton("Marwan")
    assert skeleton("Hodeidah") == skeleton("Hodeida")


def test_accepted_spellings_ignore_case_hyphens_and_article_forms() -> None:
    assert spelling("Amir-Abdollahian") == spelling("amir abdollahian")
    assert spelling("el-Sisi") == spelling("al-Sisi")


def test_full_name_spelled_by_sound_is_suggested() -> None:
    [f] = rule_findings(SPEC, "US Secretary of State Antony Blinkan flew to Doha.")
    assert f.text == "Antony Blinkan" and f.replacements == ("Antony Blinken",) and not f.safe


def test_multiword_place() -> None:
    assert texts(SPEC, "schools in Qiryat Shimona stayed closed") == ["Qiryat Shimona"]


def test_surname_alone_needs_the_full_name_in_the_document() -> None:
    assert texts(SPEC, "Antony Blinkan landed. Then what? Blinkan asks.") == [
        "Antony Blinkan", "Blinkan"]
    assert texts(SPEC, "Ellen Blinkan won the race. Blinkan asks.") == []


def test_known_spellings_and_other_names_are_not_flagged() -> None:
    text = "Hossein Amirabdollahian met Hasan and Mohammed in Sidon. Hossein Amir-Abdollahian left."
    assert texts(SPEC, text) == []


def test_one_word_names_allow_one_letter_and_skip_derived_forms() -> None:
    assert texts(SPEC, "south of Safad") == ["Safad"]
    assert texts(SPEC, "in Sudan, the Israeli army") == []


def test_a_capitalised_first_word_is_not_a_name() -> None:
    assert texts(SPEC, "Safad was quiet.") == []


def test_names_deep_in_a_long_text_are_found_as_at_its_start() -> None:
    filler = "The talks went on for hours and nobody left the room. " * 2000
    text = "Antony Blinkan flew in. " + filler + "(Safad was quiet.) South of Safad, Blinkan asks."
    assert texts(SPEC, text) == ["Antony Blinkan", "Safad", "Blinkan"]


def test_an_edit_elsewhere_decides_again_on_a_surname_alone() -> None:
    editor = rule_linter(SPEC)  # kept between checks, as an editor keeps it
    first = "Antony Blinkan landed.\nThen what?\nBlinkan asks.\n"
    assert [f.text for f in editor.check_text(first)] == ["Antony Blinkan", "Blinkan"]
    # The line that names him in full changes; the surname's own line does not.
    second = first.replace("Antony Blinkan landed.", "The plane landed.")
    assert [f.text for f in editor.check_text(second)] == []
    assert [f.text for f in editor.check_text(first)] == ["Antony Blinkan", "Blinkan"]


def test_runs_break_at_possessives_capitals_spacing_and_lowercase_words() -> None:
    text = ("Abu al-Hassan's USA Today and Mr  Smith O'Brien d'Estaing met "
            "Al Jazeera-Ben bin Laden's.")
    assert [[t.text for t in run] for run in name_runs(text)] == [
        ["Abu", "al", "Hassan"], ["Today"], ["Mr"], ["Smith", "O'Brien"],
        ["Al", "Jazeera", "Ben", "bin", "Laden"]]


STRETCHY = [
    "Abu al-Hassan's USA Today and Mr  Smith O'Brien d'Estaing met Al Jazeera-Ben bin Laden's.",
    "the also-ran Al also Ben als Smith ash-Sham al’s Amir-Abdollahian ʿAli’s Émile-Zola",
    "NATO-Hassan bin Antony Blinkan's-Kiryat Shmona al",
]


def test_stretches_hold_the_runs_of_the_whole_text() -> None:
    for text in STRETCHY:
        pieces = [[(m.start() + t.start, m.start() + t.end, t.text) for t in run]
                  for m in _NAME_STRETCH.finditer(text) for run in name_runs(m.group())]
        assert pieces == [[(t.start, t.end, t.text) for t in run] for run in name_runs(text)]


def _may_name(check, stretch: str) -> bool:
    return check._may_name(words_of(stretch_tokens([stretch])[0], {}))


def test_a_stretch_turned_down_holds_no_name() -> None:
    [check] = rule_linter(SPEC).checks
    words = ["Antony", "Blinkan", "Blinken", "Qiryat", "Shimona", "Hosein", "Amir-Abdolahian",
             "Safad", "Safed", "Sidon", "Hasan", "The", "He", "Al", "al", "bin", "Israel"]
    for first in words:
        for second in words:
            stretch = f"{first} {second}"
            for starts_sentence in (False, True):
                assert (_may_name(check, stretch)
                        or check._stretch_matches(stretch, starts_sentence, {}) == NO_MATCHES)
    assert _may_name(check, "Antony Blinkan") and not _may_name(check, "The Debian")


def _name_like_text(rng: random.Random, words: list[str]) -> str:
    """Names, their words misspelt by a letter or two, articles and English between."""
    def mutated(word: str) -> str:
        letters = list(word)
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(letters))
            letters[i] = rng.choice("aeiouybpvwkqszhd'")
        return "".join(letters)
    pieces = [mutated(rng.choice(words)) if rng.random() < 0.6 else rng.choice(
        ["al-", "Al ", "bin ", "the ", "The ", ". ", "’s ", "'s ", "-", "\n", "Abdul "])
        for _ in range(rng.randint(1, 40))]
    return " ".join(pieces)


def test_stretches_judged_together_find_what_each_stretch_holds() -> None:
    """What the check finds in a text is what `_stretch_matches` finds in every stretch."""
    [check] = rule_linter(SPEC).checks
    words = [w for name in ["Antony Blinken", "Kiryat Shmona", "Hossein Amir-Abdollahian",
                            "Hassan", "Safed", "Israel", "Sidon", "Muhammad", "The", "He"]
             for w in name.split()]
    rng = random.Random(5)
    turned_down = 0
    for _ in range(400):
        text = _name_like_text(rng, words)
        memo = StretchMemo()
        found = check._text_matches(text, memo)
        expected = ([], set(), [])
        for m in _NAME_STRETCH.finditer(text):
            matches = check._stretch_matches(
                m.group(), _sentence_start(text, m.start()), {})
            turned_down += not memo.may_name[m.group()]
            assert memo.may_name[m.group()] or matches == NO_MATCHES, m.group()
            flagged, named, alone = _shifted(matches, m.start())
            expected[0].extend(flagged)
            expected[1].update(named)
            expected[2].extend(alone)
        assert found == (tuple(expected[0]), frozenset(expected[1]), tuple(expected[2])), text
    assert turned_down > 100


def _plain_skeleton(word: str) -> str:
    """`skeleton` one letter at a time, as it was first written."""
    letters = plain(word)
    if letters.endswith("h") and len(letters) > 2 and letters[-2] in _VOWELS:
        letters = letters[:-1]
    for digraph, sound in _DIGRAPHS:
        letters = letters.replace(digraph, sound)
    letters = letters.translate(str.maketrans("pwqczx", "bvkkss"))
    out: list[str] = []
    for ch in letters:
        if ch in _VOWELS or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)


def test_skeletons_of_many_words_are_those_of_each() -> None:
    rng = random.Random(3)
    words = ["".join(rng.choice("aehkstcpdgzwyiouqxlnrbAH'é") for _ in range(rng.randint(0, 9)))
             for _ in range(5000)]
    letters = [plain(w) for w in words]
    assert skeletons(letters) == [_plain_skeleton(w) for w in words]
    assert [skeleton(w) for w in words] == [_plain_skeleton(w) for w in words]
    assert skeletons([]) == []


def test_stretch_tokens_are_its_words_without_possessives() -> None:
    stretches = ["Al Jazeera-Ben", "Hassan's", "O'Brien’s Way", "Ali's-Sam", "X"]
    assert stretch_tokens(stretches) == [
        ["Al", "Jazeera", "Ben"], ["Hassan"], ["O'Brien", "Way"], ["Ali", "Sam"], ["X"]]
    assert stretch_tokens([]) == []


def test_the_edit_distance_bound_never_exceeds_the_distance() -> None:
    rng = random.Random(11)
    for _ in range(20_000):
        a = "".join(rng.choice("aeiklnrst") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("aeiklnrst") for _ in range(rng.randint(0, 8)))
        assert _distance_at_least(a, b) <= Levenshtein.distance(a, b), (a, b)
    assert _distance_at_least("xicluna", "ashkelon") >= 2


def test_what_one_text_taught_the_check_never_changes_the_next_ones_findings(
        monkeypatch) -> None:
    """The memo of stretches outlives each text: a check that read other texts first (and
    filled its memo past the bound) finds in a text what a new check finds."""
    import cleanup.kinds.soundalike as soundalike

    words = [w for name in ["Antony Blinken", "Kiryat Shmona", "Hossein Amir-Abdollahian",
                            "Hassan", "Safed", "Sidon", "The", "He"] for w in name.split()]
    rng = random.Random(11)
    documents = ["\n".join(_name_like_text(rng, words) for _ in range(3)) for _ in range(150)]
    monkeypatch.setattr(soundalike, "MEMO_STRETCHES", 40)
    [seasoned] = rule_linter(SPEC).checks
    flagged = 0
    for text in documents:
        [fresh] = rule_linter(SPEC).checks
        expected = [(f.start, f.end, f.replacements) for f in fresh.find(text, {})]
        assert [(f.start, f.end, f.replacements) for f in seasoned.find(text, {})] == expected
        flagged += len(expected)
    assert flagged > 50
    stretches = [{m.group() for m in _NAME_STRETCH.finditer(text)} for text in documents]
    assert len(seasoned._memo.may_name) <= 40 + max(map(len, stretches)) < len(set().union(
        *stretches))  # the memo started again
