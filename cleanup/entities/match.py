"""Do two spellings name the same entity? Word-by-word, with guards for what spelling gets wrong.

A fuzzy ratio alone merges Iran with Iraq and Hamas with Hama at any threshold that also merges
Deir ez-Zor with Dayr az-Zawr (issue 4). So two words match only when their keys
(`cleanup.entities.keys`) have the same strong consonants in the same order and differ only in
what transliteration varies: vowels, doubled letters, weak h/y/w. Guards then refuse what is a
different word spelled alike:

- one word is the other plus an ending (Sadr/Sadri, Hama/Hamas, Jordan/Jordanian);
- different first letters, except a first vowel (Erbil/Irbil/Arbil, Osama/Usama);
- a full vowel changed or added between consonants in a short word (Hassan/Hussein, Hamad/Hamid,
  Kerman/Karaman), since Persian e is the only vowel that varies freely;
- an h added after a consonant (Rafah/Rafha), which is a letter, not a spelling habit;
- words of three symbols or fewer must fold to the same key (Iran/Iraq);
- two different English words are two names (Easter/Esther, Simon/Simeon, Judea/Judah), unless a
  name list joins them: a transliteration is seldom a word of English as well.

Names are compared word by word after dropping articles (al-, el-, ad-, ez-…, Persian -e); names
with different numbers of words (Abu Bakr/Abubakr, Salah al-Din/Salahuddin) are compared joined.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from cleanup.entities.english import all_english
from cleanup.entities.keys import VOWELS, WEAK_CONSONANTS, WordKey, plain, word_key

DEFAULT_THRESHOLD = 0.8
# The definite article in its assimilated forms (as-Sadr, ad-Din, ez-Zor, ul-Adl) and the Persian
# ezafe (Bandar-e Abbas, Velayat-e Faqih).
ARTICLES = frozenset({
    "al", "el", "il", "ul", "ol", "l", "ad", "an", "ar", "as", "ash", "at", "ath", "az", "adh",
    "ed", "en", "er", "es", "esh", "et", "ez", "ud", "un", "ur", "us", "ut", "uz", "e", "ye",
})
_SON_OF = {"ibn": "bin", "ben": "bin", "bn": "bin"}
# Glued forms of a compound: Abdulmalik = Abd al-Malik, Salahuddin = Salah ad-Din.
_GLUED_ABD = re.compile(r"^(abd)(?:u|e|o|a)l(?=[^l]..)")
_GLUED_DIN = re.compile(r"^(.{3,}?)(?:u|e|o|a)d?din$")
_GLUED_ARTICLE = re.compile(r"^[ae]l(?=.{4})")  # Aljazeera, Almanar, Alsumaria
_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–]+")
_TOKEN = re.compile(r"([^\s\-‐‑–]+)([\s\-‐‑–]*)")
FULL_VOWELS = VOWELS - {"e"}
TOO_MANY = 99
# Consonants after which an added h is a letter of its own, not part of a digraph (Rafah/Rafha).
_H_IS_A_LETTER_AFTER = frozenset("bmnlrWJFd")


class NameKey(NamedTuple):
    """A name split into comparable words (plain); the article before each word kept aside.
    (A named tuple: made several times faster than a frozen dataclass, for the thousands of
    names a first check meets.)"""

    words: tuple[str, ...]
    articles: tuple[str, ...]  # the article written before words[i], "" if none
    # Joined as written, with the articles as written, and with each article written "al": how
    # names split differently are compared. Worked out once per name, not once per comparison.
    joined_forms: tuple[str, str, str]


def _joined_name_key(words: tuple[str, ...], articles: tuple[str, ...]) -> NameKey:
    joined = "".join(words)
    if not any(articles):  # most names: the three joined forms are one
        return NameKey(words, articles, (joined, joined, joined))
    return NameKey(words, articles, (
        joined, "".join(map(str.__add__, articles, words)),
        "".join(("al" if a else "") + w for a, w in zip(articles, words))))


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> NameKey:
    words: list[str] = []
    articles: list[str] = []
    article = ""
    tokens = _TOKEN.findall(text)
    plains = [plain(raw) for raw, _ in tokens] + [""]
    for i, (raw, separator) in enumerate(tokens):
        token = plains[i]
        if not token:
            continue
        following = plains[i + 1]
        if following and _is_article(raw, token, separator, following):
            article = token
            continue
        for part, glued in _split_glued(_SON_OF.get(token, token)):
            words.append(part)
            articles.append(article or glued)
            article = ""
    return _joined_name_key(tuple(words), tuple(articles))


def tail(text: str, n_words: int, with_article: bool = True) -> str:
    """The last `n_words` words of a name as written, with the article before them or not."""
    tokens = list(_TOKEN.finditer(text))
    seen = 0
    for i in range(len(tokens) - 1, -1, -1):
        if plain(tokens[i].group(1)) in ARTICLES and i < len(tokens) - 1:
            continue
        seen += 1
        if seen == n_words:
            while with_article and i > 0 and plain(tokens[i - 1].group(1)) in ARTICLES \
                    and "-" in tokens[i - 1].group(2):
                i -= 1
            return text[tokens[i].start():].strip()
    return text.strip()


def _is_article(raw: str, token: str, separator: str, following: str) -> bool:
    if token not in ARTICLES:
        return False
    # Al/El stand alone (Al Jazeera); an assimilated article is hyphenated, lower case or
    # doubles the next consonant (Deir Ez Zor, As Sadr) — "Ed Miliband" is a name.
    return (token in ("al", "el") or raw.islower() or "-" in separator
            or following.startswith(token[-1]))


def _split_glued(token: str) -> list[tuple[str, str]]:
    # The regexes are asked only where they can match: the lazy .{3,}? tries every length.
    if token.startswith("abd") and (m := _GLUED_ABD.match(token)):
        return [("abd", ""), (token[m.end():], token[3:m.end()])]
    if token.endswith("din") and (m := _GLUED_DIN.match(token)):
        return [(m.group(1), ""), ("din", token[len(m.group(1)):-3])]
    return [(token, "")]


class MatchConfig(NamedTuple):
    """`known_distinct` holds pairs (of words or whole names) never merged; a `protected` name is
    never merged into another spelling; with `english`, two different words of English
    (`cleanup.entities.english`) never match."""

    threshold: float = DEFAULT_THRESHOLD
    known_distinct: frozenset[frozenset[str]] = frozenset()
    protected: frozenset[str] = frozenset()
    english: bool = False

    @classmethod
    def build(cls, threshold: float = DEFAULT_THRESHOLD,
              known_distinct: Iterable[tuple[str, str]] = (),
              protected: Iterable[str] = (), english: bool = False) -> MatchConfig:
        return cls(threshold=threshold,
                   known_distinct=frozenset(frozenset((_norm(a), _norm(b)))
                                            for a, b in known_distinct),
                   protected=frozenset(_norm(p) for p in protected), english=english)

    def two_words(self, a: str, b: str) -> bool:
        """`a` and `b` (plain, different) are two words of English, so two names."""
        return self.english and all_english(a, b)

    def distinct(self, a: str, b: str) -> bool:
        if not self.known_distinct:
            return False
        norm_a = _norm(a)
        return norm_a in _distinct_names(self.known_distinct) and \
            frozenset((norm_a, _norm(b))) in self.known_distinct


@lru_cache(maxsize=8)
def _distinct_names(known_distinct: frozenset[frozenset[str]]) -> frozenset[str]:
    """Every name in a pair: most names are in none, and need no pair built to tell."""
    return frozenset().union(*known_distinct)


@lru_cache(maxsize=1 << 18)
def _norm(text: str) -> str:
    """Plain form of a whole name, for the configured lists."""
    return " ".join(filter(None, (plain(w) for w in _TOKEN_SPLIT.split(text))))


def word_forms(word: str) -> tuple[str, ...]:
    """The word, and without a glued article (Aljazeera → jazeera)."""
    if not word.startswith(("al", "el")):  # most words: the regex could not match
        return (word,)
    bare = _GLUED_ARTICLE.sub("", word)
    return (word,) if bare == word else (word, bare)


@lru_cache(maxsize=1 << 20)
def words_match(a: str, b: str, config: MatchConfig) -> bool:
    """Two plain words name the same thing (see the module docstring for the guards)."""
    if a == b:
        return True
    if config.distinct(a, b):
        return False
    return any(_plain_words_match(x, y, config.threshold)
               for x in word_forms(a) for y in word_forms(b)) and not config.two_words(a, b)


@lru_cache(maxsize=1 << 20)
def _plain_words_match(a: str, b: str, threshold: float) -> bool:
    """`_keys_match` of two plain words: both `words_match` and `joined_match` ask it, and a
    name of one word joins to that word."""
    return _keys_match(word_key(a), word_key(b), threshold)


def _keys_match(a: WordKey, b: WordKey, threshold: float) -> bool:
    if a.skeleton != b.skeleton or _is_other_plus_ending(a.letters, b.letters):
        return False
    if _reading_matches(a.key, b.key, threshold):
        return True
    # Persian e reads as a or i (any one reading will do), except in short words where one
    # vowel is the whole difference (Amer/Amir/Ammar, Fateh/Fatah). Without an e, all
    # readings are one.
    return min(len(a.key), len(b.key)) > 4 and ("e" in a.key or "e" in b.key) and (
        _reading_matches(a.key_i, b.key_i, threshold)
        or _reading_matches(a.key_a, b.key_a, threshold))


def _reading_matches(x: str, y: str, threshold: float) -> bool:
    if x == y:
        return True
    if min(len(x), len(y)) <= 3 or _is_other_plus_ending(x, y) or _ends_differ(x, y):
        return False
    if x[0] != y[0] and not (x[0] in VOWELS and y[0] in VOWELS):
        return False
    # Imported here: a text with no two names alike never needs rapidfuzz (12 ms to import).
    from rapidfuzz.distance import Indel

    # Both must hold; the similarity is the cheaper to work out and rejects many pairs alone.
    if Indel.normalized_similarity(x, y) < threshold:
        return False
    return _strong_edits(x, y) <= (0 if min(len(x), len(y)) <= 6 else 1)


def _is_other_plus_ending(a: str, b: str) -> bool:
    return a != b and (a.startswith(b) or b.startswith(a))


def _strong_edits(x: str, y: str) -> int:
    """Edits that change a name rather than its spelling; a moved consonant or a strong h
    counts as too many."""
    from rapidfuzz.distance import Levenshtein

    count = 0
    for op in Levenshtein.editops(x, y):
        if op.tag == "replace":
            before, after = x[op.src_pos], y[op.dest_pos]
            if before in VOWELS and after in VOWELS:
                count += op.src_pos > 0  # a first vowel varies (Erbil/Irbil/Arbil)
            elif "h" in (before, after) or not {before, after} <= VOWELS | WEAK_CONSONANTS | {
                    "d", "Z"}:
                return TOO_MANY  # Rafha is not Rafia: an h is a letter
            continue
        longer, pos = (x, op.src_pos) if op.tag == "delete" else (y, op.dest_pos)
        letter = longer[pos]
        if letter in VOWELS:
            flanked = 0 < pos < len(longer) - 1 and longer[pos - 1] not in VOWELS \
                and longer[pos + 1] not in VOWELS
            count += letter != "e" and flanked
        elif letter not in WEAK_CONSONANTS or (
                letter == "h" and pos > 0 and longer[pos - 1] in _H_IS_A_LETTER_AFTER):
            return TOO_MANY
    return count


def _ends_differ(x: str, y: str) -> bool:
    """Different endings: a full vowel at the end of one only, or different final vowels
    (Tehran/Tehrani, Saad/Saada, Saada/Saadi, Soleimani/Solimania)."""
    if "e" in (x[-1], y[-1]):
        return False
    if x[-1] in FULL_VOWELS and y[-1] in FULL_VOWELS:
        return x[-1] != y[-1]
    return (x[-1] in FULL_VOWELS) != (y[-1] in FULL_VOWELS)


def names_match(a: str, b: str, config: MatchConfig) -> bool:
    """Two name strings are spellings of one name."""
    if config.distinct(a, b):
        return False
    ka, kb = name_key(a), name_key(b)
    if not ka.words or not kb.words:
        return False
    if len(ka.words) == len(kb.words) and all(
            map(words_match, ka.words, kb.words, repeat(config))):
        return True
    return joined_match(ka, kb, config)


def joined_match(ka: NameKey, kb: NameKey, config: MatchConfig) -> bool:
    """Names split differently (Abu Bakr/Abubakr, Deir Ezzor/Deir ez-Zor, Salahuddin).
    An initial is a word of its own, not letters of the next one (Fred L is not Friedl)."""
    if 1 in map(len, ka.words) or 1 in map(len, kb.words):
        return False
    # Names without articles join the same way three times: compare each pair once.
    pairs = dict.fromkeys(zip(ka.joined_forms, kb.joined_forms))
    # Joined, a leading "al" is a word's first letters (Ali Alaq), not a glued article.
    return any(x == y or (_plain_words_match(x, y, config.threshold)
                          and not config.two_words(x, y))
               for x, y in pairs)

