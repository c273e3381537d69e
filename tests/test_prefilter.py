"""A prefiltered scan finds exactly what a whole-text scan finds (cleanup.kinds.prefilter)."""
from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
import regex

import cleanup
from cleanup.kinds import prefilter
from cleanup.kinds.prefilter import (
    Gates, Prefilter, anchor_for, anchored_matches, filtered_matches, prefilter_for,
    required_literals)
from cleanup.pack import load_builtin_packs

SEEDS = Path(__file__).parent.parent / "seeds"

# Patterns that probe the edges of the analysis: look-aheads and assertions at a line's end,
# look-behinds before it, back-references, line breaks consumed or looked at.
TRICKY = [
    r"\bgoals\b", r"goals$", r"goals(?=\s|$)", r"goals(?=\s\s?x)", r"goals(?=\r?\n)",
    r"(?<=\n)goals", r"(?<=\n\n)goals", r"^goals", r"(?m)^goals$", r"goals(?!\n)",
    r"goals(?=[^x]*y)", r"x[^y]*goals", r"goals\s+of", r"goals[ \t]+(?:of|to)\b",
    r"(?<=(\n))goals(?=\1)", r"(\w+) goals \1", r"goals\Z", r"(?=.*goals)\w+ goals",
    r"goals(?=(?=\n)\s\w)", r"(?:old|new) (?:goals|aims)", r"goals|aims", r"[Gg]oals?,",
    r"goals(?=.{0,3}$)", r"\b(?<w>\p{L}+) of goals(?!\g<w>)",
]
# A pattern that starts with a literal gets no prefilter (the regex module skips to it itself):
# start these with a choice of two.
TRICKY = [source.replace("goals", "[gG]oals") for source in TRICKY]
TRICKY.append(r"[ab]b(?=\s{0,3}$)")  # looks two lines on, at a short literal
# Matches that may span lines, tried where their first literals occur.
TRICKY += [r"(?<!x\s)\b(?:[gG]oals|aims)\s+(?:of|to)\b", r"(?:aims|ab)[^.]*\.", r"(?:ab){2,}\s",
           r"(?:old|new)(?:\s+goals)+"]
TRICKY += [r"(?<m>[,;])\g<m>[gG]oals", r"(?:(?<m>ab)|(?<m>x))\s?\g<m>"]  # back-references
# A back-reference repeats its group's one string; a group that may hold a line break.
TRICKY += [r"(?<=\w)(?<m>[,;])\g<m>(?=\s|$)|(?<=\w)(?<m>[.,])[ \t]*[ \t]\g<m>(?=\s|$)",
           r"(?<m>[,\n])\g<m>(?=\s)"]
# One of a few characters every match holds, which the pattern does not start with.
TRICKY += [r"(?<=\w)[?;](?=\w)", r"(?<=[ab])[?;]+|[?;]+(?=[xy])", r"(?<=\s)[?;][^\n]*\n"]
# A word, blanks and the word again.
REPEATED_WORDS = [
    r"\b(?<w>\p{L}+)(?<gap>[ \t]+)(?:\g<w>|(?i:\g<w>)(?<=\b\p{Lu}\p{Ll}*[ \t]+\p{Ll}+))\b",
    r"\b(\p{L}+)[ \t]+(?i:\1)\b(?!-)", r"x,\b(\p{Ll}+) +\1\b", r"\b(\p{L}++) ++\1\b",
]
WORDS = ["the", "The", "THE", "é", "É", "Straße", "straße", "STRASSE", "strasse", "\u212a", "k", "K",
         "\u2019", "\u201c", "-", ".", "x,", " ", " ", " ", "\t", "\n", "\r\n", "1", "_", "ǅ", "ǆ"]
ALPHABET = ["goals", "aims", "old", "new", "of", "to", "x", "y", "Goal", "goal", ",", ".",
            " ", " ", " ", "\t", "\n", "\n", "\n\n", "\r\n", "ab", "?"]


def random_texts(literals: tuple[str, ...], count: int, rng: random.Random) -> list[str]:
    tokens = ALPHABET + list(literals) * 3
    return ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 40)))
            for _ in range(count)]


def spans(matches: object) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in matches]  # type: ignore


def builtin_patterns() -> list[regex.Pattern[str]]:
    linter = cleanup.default_linter()
    return [p for check in linter.checks if check.rule.kind in ("pattern", "existence",
                                                                "substitution")
            for p in check.regexes()]


@pytest.fixture
def always_windowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scan line by line however many lines hold a literal, and try a match at each place a
    first literal occurs however many there are (the paths under test)."""
    monkeypatch.setattr(prefilter, "WINDOWED_SHARE", 2.0)
    monkeypatch.setattr(prefilter, "CHARS_PER_START", 1)
    monkeypatch.setattr(prefilter, "CHARS_PER_WINDOW", 1)


def assert_same_matches(pattern: regex.Pattern[str], texts: list[str]) -> None:
    found = prefilter_for(pattern)
    for text in texts:
        assert spans(filtered_matches(pattern, found, text)) == spans(
            pattern.finditer(text)), (pattern.pattern, found, text)


@pytest.mark.usefixtures("always_windowed")
@pytest.mark.parametrize("source", TRICKY)
def test_tricky_patterns_match_as_unfiltered(source: str) -> None:
    pattern = regex.compile(source, regex.VERSION1)
    found = prefilter_for(pattern)
    literals = found.literals + found.chars if found else ("goals",)
    assert_same_matches(pattern, random_texts(literals, 3000, random.Random(source)))


@pytest.mark.usefixtures("always_windowed")
def test_builtin_patterns_match_as_unfiltered() -> None:
    rng = random.Random(5)
    real = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:20]]
    patterns = builtin_patterns()
    filtered = [p for p in patterns if prefilter_for(p) is not None]
    assert len(filtered) >= 30  # the test below is not vacuous
    for pattern in filtered:
        found = prefilter_for(pattern)
        assert found is not None
        assert_same_matches(pattern, real + random_texts(found.literals + found.chars, 300, rng))


@pytest.mark.usefixtures("always_windowed")
@pytest.mark.parametrize("source", REPEATED_WORDS)
def test_repeated_words_match_as_unfiltered(source: str) -> None:
    pattern = regex.compile(source, regex.VERSION1)
    found = prefilter_for(pattern)
    assert found is not None and found.repeated_word
    rng = random.Random(source)
    texts = ["".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    assert_same_matches(pattern, texts)


@pytest.mark.usefixtures("always_windowed")
def test_rules_read_one_scan_of_a_text() -> None:
    """Patterns whose literals overlap, each text read once for all of them."""
    patterns = [regex.compile(source, regex.VERSION1) for source in (
        r"&?quot;", r"(?<![\p{L}&])amp;", r"&?#0?39;(?=\w)", r"(?<=\n)&lt;")]
    found = [prefilter_for(p) for p in patterns]
    rng = random.Random(7)
    tokens = ["quot;", "amp;", "&", "#039;", "#39;", "&lt;", ";", "x", " ", "\n", "\n"]
    for _ in range(2000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 30)))
        for pattern, pattern_found in zip(patterns, found):
            assert spans(filtered_matches(pattern, pattern_found, text)) == spans(
                pattern.finditer(text)), (pattern.pattern, text)


@pytest.mark.parametrize("source", [
    r"\b(\p{L}+)\s+\1\b",  # the blanks may be a line break or a space outside ASCII
    r"(\p{L}+) \1\b",  # the first word may be the end of a longer one
    r"\b(\w+) \1\b",  # digits
    r"\b(\p{L}+) \1",  # the second word may be the start of a longer one
    r"\b(\p{L}+) (\p{L}+) \1\b",  # not the same word twice in a row
])
def test_not_a_repeated_word(source: str) -> None:
    found = prefilter_for(regex.compile(source, regex.VERSION1))
    assert found is None or not found.repeated_word


def test_lines_with_a_repeated_word() -> None:
    text = "a b\nthe The\nx\nno, no\ny\ncafé\nz\nIt’s s’ s\nz\nno no, no\nz\nend\tEnd"
    assert [text[s:e] for s, e in prefilter.lines_with_repeated_word(text, " \t")] == [
        "the The", "café", "It’s s’ s", "no no, no", "end\tEnd"]
    assert [text[s:e] for s, e in prefilter.lines_with_repeated_word(text, " ,")] == [
        "the The", "no, no", "café", "It’s s’ s", "no no, no"]


def test_most_tricky_patterns_are_filtered() -> None:
    filtered = [s for s in TRICKY if prefilter_for(regex.compile(s, regex.VERSION1))]
    assert len(filtered) >= len(TRICKY) - 3


def test_prefilter_of_a_plain_rule() -> None:
    pattern = regex.compile(r"\b(?<verb>hit|struck) (?:the |its )*goals\b", regex.VERSION1)
    assert prefilter_for(pattern) == Prefilter(("goals",), 0, starts=("hit ", "struck"))


def test_a_character_after_a_look_behind_is_looked_for() -> None:
    pattern = regex.compile(r"(?<=\w)[?\ufffd](?=\p{Ll})", regex.VERSION1)
    found = prefilter_for(pattern)
    assert found == Prefilter((), 0, chars=("?", "\ufffd"))
    assert list(filtered_matches(pattern, found, "why\nnot")) == []
    assert spans(filtered_matches(pattern, found, "a\nwh?t\nb")) == [((4, 5),)]
    # One the regex module skips to by itself is not.
    assert prefilter_for(regex.compile(r"\?(?<=\w\?)(?=\p{Ll})", regex.VERSION1)) is None


def test_a_repeat_holds_its_least_count() -> None:
    found = prefilter_for(regex.compile(r"(?<=\w)[ ]{2,}(?=\w)", regex.VERSION1))
    assert found is not None and found.literals == ("  ",)


def test_a_back_reference_repeats_the_string_its_group_matched() -> None:
    # Not ',;' or ' ;': each group's strings are taken one at a time; the look-ahead's \s
    # cannot be in what the reference repeats, so a match stays on its line.
    found = prefilter_for(regex.compile(
        r"(?<m>[,;])\g<m>(?=\s|$)|(?<m>[.,])[ \t]*[ \t]\g<m>(?=\s|$)", regex.VERSION1))
    assert found == Prefilter(("\t,", "\t.", " ,", " .", ",,", ";;"), 2)  # one per branch


def test_a_pattern_that_may_span_lines_is_tried_where_it_may_start() -> None:
    pattern = regex.compile(r"\b(?:stressed|noted)\s+on\b", regex.VERSION1)
    found = prefilter_for(pattern)
    assert found is not None and found.reach is None and found.starts == ("noted", "stress")
    text = "we noted\non it; it stressed on\nnoted  on"
    assert spans(filtered_matches(pattern, found, text)) == spans(pattern.finditer(text))


@pytest.mark.parametrize("source", [
    r"\w+\s\w+",  # no literal
    r"(?i)goals",  # case-insensitive
    r"\Ggoals",  # an anchor the analysis does not model
    r"(?:goals){e<=1}",  # fuzzy
])
def test_no_prefilter_when_nothing_is_proven(source: str) -> None:
    assert prefilter_for(regex.compile(source, regex.VERSION1)) is None


def test_a_pattern_that_may_span_lines_runs_only_if_a_literal_occurs() -> None:
    pattern = regex.compile(r"[gG]oals\s+of", regex.VERSION1)
    found = prefilter_for(pattern)
    assert found is not None and found.reach is None
    assert list(filtered_matches(pattern, found, "aims\nof")) == []
    assert spans(filtered_matches(pattern, found, "goals\nof")) == [((0, 8),)]


# (pattern, anchor every match holds, words before it a match may start), each bound tight.
ANCHORED = [
    (r"\b(?<w>\w+) (?:and|or) \g<w>\b", r" (?:and|or) ", 1),
    (r"\b(?<w>\w+(?: \w+)?) (?:and|or) \g<w>\b", r" (?:and|or) ", 2),
    (r"(?i)\bthe \w+ of\b", r"(?i) OF\b", 2),
    (r"\b\w*ing\b", r"ing", 1),  # the hit may be inside the word (and hits overlap)
    (r"\baa+\b|\bab ab\b", r"a", 2),
    (r"(?<=[.\n-])x\w* (?:and|or)", r" (?:and|or)", 1),  # looks behind the start
]
ANCHOR_WORDS = ["and", "or", "the", "The", "of", "x", "xy", "ing", "singing", "a", "aa", "ab",
                "é", "3", "_"]
ANCHOR_GAPS = [" "] * 8 + ["  ", ", ", ".", "\n", "-", "’"]


@pytest.mark.parametrize(("source", "anchor", "before"), ANCHORED)
def test_anchored_patterns_match_as_unfiltered(source: str, anchor: str, before: int) -> None:
    pattern = regex.compile(source, regex.VERSION1)
    found = anchor_for(pattern, regex.compile(anchor, regex.VERSION1), before)
    rng = random.Random(source)
    texts = ["".join(rng.choice(ANCHOR_WORDS) + rng.choice(ANCHOR_GAPS)
                     for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    assert sum(bool(pattern.search(t)) for t in texts) > 50  # not vacuous
    for text in texts:
        assert spans(anchored_matches(found, text)) == spans(pattern.finditer(text)), text


def test_an_anchor_bound_too_tight_misses_matches() -> None:
    """The test above can fail: `before` is a bound the rule vouches for."""
    pattern = regex.compile(r"\b(?<w>\w+ \w+) and \g<w>\b", regex.VERSION1)
    found = anchor_for(pattern, regex.compile(" and ", regex.VERSION1), 1)
    assert list(anchored_matches(found, "salt pepper and salt pepper")) == []


def test_an_unpickled_prefilter_looks_for_its_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached linter's prefilters are unpickled: the shared scan must still know their
    literals (else every line would look empty)."""
    pattern = regex.compile(r"\b[gG]oals\b", regex.VERSION1)
    pickled = pickle.dumps(prefilter_for(pattern))
    monkeypatch.setattr(prefilter, "_INDEX", prefilter._LiteralIndex())
    found = pickle.loads(pickled)
    text = "aims\nour goals\n"
    assert spans(filtered_matches(pattern, found, text)) == [((9, 14),)]


def test_literals_are_found_in_each_new_text() -> None:
    pattern = regex.compile(r"\b[gG]oals\b", regex.VERSION1)
    found = prefilter_for(pattern)
    for text in ["goals", "aims", "x goals", "aims goals"]:
        assert spans(filtered_matches(pattern, found, text)) == spans(pattern.finditer(text))


# Patterns that open on a literal have no prefilter, but literals every match holds.
OPENING = [r"goals", r"goals of\b", r"goals(?=\s)|aims\b", r"aims (?:goals|of)"]


@pytest.mark.parametrize("source", TRICKY + OPENING)
def test_every_match_holds_a_required_literal(source: str) -> None:
    pattern = regex.compile(source, regex.VERSION1)
    literals = required_literals([pattern])
    if literals is None:
        return
    for text in random_texts(tuple(literals), 2000, random.Random(source)):
        for m in pattern.finditer(text):
            assert any(literal in m.group() for literal in literals), (source, literals, text)


def test_most_patterns_have_required_literals() -> None:
    known = [s for s in TRICKY + OPENING
             if required_literals([regex.compile(s, regex.VERSION1)]) is not None]
    assert len(known) >= len(TRICKY + OPENING) * 2 // 3
    # One pattern without any makes the check's literals unknown; no pattern leaves none
    # (the check finds only its phrases).
    assert required_literals([regex.compile(r"(?i)goals"), regex.compile("goals")]) is None
    assert required_literals([]) == frozenset()


def test_builtin_checks_find_nothing_without_their_literals() -> None:
    """The engine skips a check in a text without its literals: each finding (its phrase
    hits aside) holds one."""
    linter = cleanup.default_linter()
    real = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [
        example.text for pack in load_builtin_packs() for rule in pack.rules
        for example in rule.examples]
    rng = random.Random(11)
    gated = [(check, check.required_literals()) for check in linter.checks]
    gated = [(check, literals) for check, literals in gated if literals]
    assert len(gated) >= 30  # not vacuous
    for check, literals in gated:
        for text in real + random_texts(tuple(literals), 200, rng):
            for f in check.find(text, ()):
                assert any(literal in f.text for literal in literals), (check.rule.id, text)


def test_gates_open_on_a_literal_or_a_phrase_hit() -> None:
    gates = Gates({0: frozenset(["goals"]), 1: frozenset(), 2: None})
    assert gates.open_to("our aims", []) == {2}
    assert gates.open_to("our goals", []) == {0, 2}
    assert gates.open_to("our aims", [1]) == {1, 2}


def test_unpickled_gates_look_for_their_literals(monkeypatch: pytest.MonkeyPatch) -> None:
    pickled = pickle.dumps(Gates({0: frozenset(["goals"])}))
    monkeypatch.setattr(prefilter, "_INDEX", prefilter._LiteralIndex())
    assert pickle.loads(pickled).open_to("our goals", []) == {0}
