"""Name mentions in English prose, with their offsets.

A mention is a run of capitalised words joined by single spaces or hyphens, and by the particles
of Arabic and Persian names (al-, el-, bin, ibn, abu, bint, Persian -e …): "Mustafa al-Kadhimi",
"Deir ez-Zor", "Bandar-e Abbas", "Mohammed bin Salman". Leading titles and the demonym before a
title are not part of the name ("Iraqi Prime Minister Mustafa al-Kadhimi" → "Mustafa
al-Kadhimi"), nor a possessive 's, nor an ordinary word capitalised because it starts a sentence
or a headline, nor an all-capitals word (datelines such as "BAGHDAD (Reuters) -", acronyms).

Offsets are 0-based code points into the text, end exclusive.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from cleanup.document import lines_holding

# Lower-case words that belong inside a name.
PARTICLES = frozenset({
    "al", "el", "ad", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "et",
    "ez", "ul", "ud", "ur", "us", "ut", "uz", "e", "ye", "bin", "ibn", "bint", "ben", "abu",
    "abd", "umm", "ould", "bani", "banu", "bu", "ibnu",
})
# Particles that are also English words: unless hyphenated to the next word or doubling its
# first letter (An-Najaf, As Sadr), they are English ("An Ethernet frame", "As Iran said").
_ENGLISH_PARTICLES = frozenset({"an", "as", "at", "us", "ye", "ad", "ed", "en", "er", "es", "et"})
# Particles that may open a mention when hyphenated to the name (al-Sadr, el-Sisi, as-Sadr).
_OPENING_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ez",
                               "ed", "es", "ul"})
# A word after its first letter.
_WORD_TAIL = r"(?:[\w'’]*\w)?'?"
_WORD = re.compile(r"[^\W\d_]" + _WORD_TAIL)
_HAS_DIGIT = re.compile(r"\d")  # P5, F-35: codes, not names
_POSSESSIVE = re.compile(r"(?:['’]s?)?$")
# A verb contracted onto a word (I'll, We’re, You've): with an ordinary word, no name.
_CONTRACTED_VERB = re.compile(r"['’](?:ll|ve|re|d|m)$", re.IGNORECASE)
# What may separate two words of one name: one space, or a hyphen (also "Amir- Abdollahian").
_JOINER = r"(?:[ \u00a0]|[-‐‑] ?)"


def _particle_pattern() -> str:
    """A particle written with a small first letter (al, aL, bin …), as a regex that rejects most
    English words at their first letters."""
    by_first: dict[str, list[str]] = {}
    for particle in PARTICLES:
        by_first.setdefault(particle[0], []).append(particle[1:])
    branches = []
    for first, rests in sorted(by_first.items()):
        tails = "|".join("".join(f"[{c}{c.upper()}]" for c in rest)
                         for rest in sorted(rests, key=lambda r: (-len(r), r)) if rest)
        branches.append(first + (f"(?:{tails})" + ("?" if "" in rests else "") if tails else ""))
    return "(?:" + "|".join(branches) + ")"


# A word that may be part of a name: one that does not open with an ASCII lower-case letter, or a
# particle. A word is `_WORD` at the first letter of a run of word characters and apostrophes.
_CANDIDATE = r"(?=[^\W\d_a-z]|" + _particle_pattern() + r"(?!')(?![\w'’]*\w))" + _WORD.pattern
# Candidate words each joined to the next by a `_JOINER` (a chain): the first word is group 1,
# the others group 2. Most chains are one word, read without splitting them into tokens.
_MORE_WORDS = r"((?:" + _JOINER + _CANDIDATE + r")+)?"
_CHAIN = re.compile(r"(?<![\w'’])[\d_'’]*(" + _CANDIDATE + r")" + _MORE_WORDS)
# The chains of `_CHAIN` that open on a capital (or a letter outside ASCII) at the start of a
# word. Opening on a character class, the regex is searched with the engine's fast scan for
# that class; `_CHAIN` opens on a lookbehind and is tried at every character.
_CAPITAL_CHAIN = re.compile(r"([^\x00-@\[-\x7f](?<=[^\W\d_a-z])(?<![\w'’].)" + _WORD_TAIL
                            + r")" + _MORE_WORDS)


def _opening_articles_pattern() -> str:
    """An opening article written with a small first letter and followed by a hyphen, as
    lookbehinds (one per length: a lookbehind has a fixed width)."""
    by_length: dict[int, list[str]] = {}
    for article in sorted(_OPENING_ARTICLES):
        by_length.setdefault(len(article), []).append(
            article[0] + "".join(f"[{c}{c.upper()}]" for c in article[1:]))
    return "|".join(f"(?<=(?:{'|'.join(spellings)})[-‐‑])" for _, spellings in
                    sorted(by_length.items()))


# Where `_CHAIN` may find a chain that `_CAPITAL_CHAIN` misses and that can hold a different
# name than the chain `_CAPITAL_CHAIN` finds in it: one opening after digits, underscores or
# apostrophes ('Tis, 3Com), or one opening on small particles with an article hyphenated to the
# next word (ibn al-Sadr). A chain opening on other particles ("bin Salman") loses them: its
# name is the name of its chain from its first capitalised word.
# The first class is [0-9_'\-\x80-\U0010ffff] written as what it leaves out of ASCII: the
# range up to U+10FFFF took `re` 6 ms to compile, a code point at a time (issue 5: start-up).
_FULL_SCAN_NEEDED = re.compile(r"[^\x00-\x26\x28-\x2c\x2e\x2f\x3a-\x5e\x60-\x7f]"
                               r"(?:(?<=[\d_'’])(?=[^\W\d_a-z])|"
                               + _opening_articles_pattern() + ")")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…]['\"”’)\]]*\s+|\n\s*|[\"“‘(\[]\s*|\s[-–—]\s+)$")
_SENTENCE_LOOKBACK = 200
_SENTENCE_NEAR = 8
# What a sentence end reaching further back than _SENTENCE_NEAR ends with.
_SENTENCE_TAIL = re.compile(r"[\s'\"”’)\]\-–—]*")
# A short line that does not end a sentence and capitalises this share of its words.
_HEADLINE_SHARE = 0.6
_HEADLINE_MAX_WORDS = 20


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    sentence_start: bool  # the first word is capitalised because it opens a sentence


class _Token:
    """One word of a candidate name (a plain class: thousands are made per document)."""

    __slots__ = ("start", "end", "text", "lower", "capitalised", "in_name", "possessive",
                 "bare_lower")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        (self.lower, self.capitalised, self.in_name, self.possessive,
         self.bare_lower) = _word_class(text)


@lru_cache(maxsize=1 << 16)
def _word_class(word: str) -> tuple[str, bool, bool, bool, str]:
    """What a word says about a name it may be part of, worked out once per distinct word:
    (lower case, capitalised, may be part of a name, possessive, lower case without 's)."""
    lower = word.lower()
    capitalised = word[0].isupper() and not _all_caps(word)
    # Digits and underscores make codes and identifiers (F-35, PyUnicode_Kind), not names.
    in_name = (capitalised and not _HAS_DIGIT.search(word) and "_" not in word) \
        or lower in PARTICLES
    possessive = bool(_POSSESSIVE.search(word).group())
    return lower, capitalised, in_name, possessive, _POSSESSIVE.sub("", word).lower()


def _all_caps(word: str) -> bool:
    if word.isascii():  # every ASCII letter is cased: no small letter, and two letters or more
        return word.isupper() and sum(c.isalpha() for c in word) > 1
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Wordlists:
    titles: frozenset[str]
    demonyms: frozenset[str]
    ordinary: frozenset[str]  # words that are not names when they open a sentence


def read_wordlists(path: Path) -> Wordlists:
    import yaml  # here: a linter from the cache holds its word lists and reads no YAML

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Wordlists(*(frozenset(w.lower() for w in data[k]) for k in
                       ("titles", "demonyms", "ordinary")))


@lru_cache(maxsize=1)
def wordlists() -> Wordlists:
    from cleanup.entities.gazetteer import data_dir

    return read_wordlists(data_dir() / "words.yaml")


def find_mentions(text: str, lists: Wordlists | None = None) -> list[Mention]:
    """Every name mention in `text`, in order."""
    lists = lists or wordlists()
    lowercase_words = LowercaseWords(text)
    lone_words: dict[str, tuple[int, bool]] = {}
    in_headline = _Headlines(text)
    found = []
    for chain in _chains(text):
        word, more_words = chain.group(1, 2)
        if more_words is None:
            verdict = lone_words.get(word)
            if verdict is None:
                verdict = lone_words[word] = _lone_word(word, lists, lowercase_words)
            if verdict[0]:  # most capitalised words are no names (The, However …)
                mention = _lone_mention(text, chain.start(1), word, verdict, in_headline)
                if mention is not None:
                    found.append(mention)
            continue
        for run in _runs(text, chain.start(1), chain.end()):
            mention = _trim(text, run, lists, lowercase_words, in_headline(run[0].start))
            if mention is not None:
                found.append(mention)
    return found


def _chains(text: str) -> Iterator[re.Match[str]]:
    """The chains of `_CHAIN` that can hold a name, in order: a line where `_CAPITAL_CHAIN`
    could miss one is read with `_CHAIN`, the others with `_CAPITAL_CHAIN`. No chain spans a
    line break."""
    scans = []
    done = 0
    triggers = (m.start() for m in _FULL_SCAN_NEEDED.finditer(text))
    for start, end in lines_holding(text, triggers):
        scans += [_CAPITAL_CHAIN.finditer(text, done, start), _CHAIN.finditer(text, start, end)]
        done = end
    scans.append(_CAPITAL_CHAIN.finditer(text, done))
    return itertools.chain.from_iterable(scans)


# Every ASCII character that cannot be part of a word, as a space.
_WORD_BYTES = bytes(b if b > 127 or chr(b).isalnum() or chr(b) in "_'" else 32
                    for b in range(256))


class LowercaseWords:
    """The words of a text that open with a small letter (`_WORD`), as a set read when first
    asked. Split at the ASCII characters that cannot be in a word, the UTF-8 text is pieces:
    a piece of ASCII letters is a word, the others (few distinct ones) are split by `_WORD`."""

    __slots__ = ("_text", "_pieces", "_others")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pieces: set[bytes] | None = None
        self._others: set[str] = set()

    def __contains__(self, word: object) -> bool:
        if self._pieces is None:
            self._pieces = set(self._text.encode("utf-8", "surrogatepass")
                               .translate(_WORD_BYTES).split())
            self._others = {w for piece in self._pieces if not piece.isalpha()
                            for w in _WORD.findall(piece.decode("utf-8", "surrogatepass"))
                            if w[0].islower()}
        if not isinstance(word, str) or not word[:1].islower():
            return False
        return (word.isascii() and word.isalpha() and word.encode() in self._pieces) \
            or word in self._others


def _lone_word(word: str, lists: Wordlists,
               lowercase_words: Container[str]) -> tuple[int, bool]:
    """What `_trim` makes of a run of this one word, wherever it stands: (the length of the name
    it is, 0 if none; whether it is an ordinary word, so no name where a sentence or headline
    opens)."""
    _, capitalised, in_name, _, bare_lower = _word_class(word)
    if not (capitalised and in_name) or bare_lower in lists.titles:
        return 0, False
    name = word[:len(word) - len(_POSSESSIVE.search(word).group())]
    if not name or _ordinary(name, lists):
        return 0, False
    return len(name), bare_lower not in PARTICLES and (
        bare_lower in lists.ordinary or bare_lower in lowercase_words)


def _lone_mention(text: str, start: int, word: str, verdict: tuple[int, bool],
                  in_headline: Callable[[int], bool]) -> Mention | None:
    """The mention a chain of one word makes, given its `_lone_word` verdict."""
    length, ordinary = verdict
    if not length:
        return None
    sentence_start = _opens_sentence(text, start)
    if ordinary and (sentence_start or in_headline(start)):
        return None
    return Mention(start, start + length, word[:length], sentence_start)


def _runs(text: str, start: int, end: int) -> Iterator[list[_Token]]:
    """The runs of words that can be part of a name in the chain at `start:end`: a word that
    cannot ends a run, and so does a possessive."""
    run: list[_Token] = []
    for m in _WORD.finditer(text, start, end):
        token = _Token(m.start(), m.end(), m.group())
        if not token.in_name:
            if run:
                yield run
                run = []
            continue
        run.append(token)
        if token.possessive:  # Iran's Foreign Minister …
            yield run
            run = []
    if run:
        yield run


def _trim(text: str, run: list[_Token], lists: Wordlists, lowercase_words: Container[str],
          in_headline: bool) -> Mention | None:
    tokens = list(run)
    # A run ends on a capitalised word, and opens on one or on a hyphenated article.
    while tokens and not tokens[-1].capitalised:
        tokens.pop()
    while tokens and not tokens[0].capitalised and not _opening_article(text, tokens):
        tokens.pop(0)
    sentence_start = bool(tokens) and _opens_sentence(text, tokens[0].start)
    while tokens:
        first = tokens[0]
        word = first.bare_lower
        opening = sentence_start or in_headline
        ordinary = word not in PARTICLES and (word in lists.ordinary or word in lowercase_words)
        if word in lists.titles or (word in lists.demonyms and len(tokens) > 1) or (
                opening and ordinary) or _english_particle(text, tokens):
            tokens.pop(0)
            sentence_start = False
            while tokens and tokens[0].lower in PARTICLES and not _opening_article(text, tokens):
                tokens.pop(0)
            continue
        break
    if in_headline:
        tokens = _drop_ordinary_tail(tokens, lists, lowercase_words)
    if not tokens or not any(t.capitalised for t in tokens):
        return None
    start, end = tokens[0].start, tokens[-1].end
    end -= len(_POSSESSIVE.search(text[start:end]).group())
    name = text[start:end]
    if not name or _ordinary(name, lists):
        return None
    return Mention(start, end, name, sentence_start)


def _ordinary(name: str, lists: Wordlists) -> bool:
    """An ordinary word, also with a verb contracted onto it: never a name, wherever it
    stands (a text that mixes I'll and I’ll has one word, not two spellings of a name)."""
    lower = name.lower()
    if lower in lists.ordinary:
        return True
    contracted = _CONTRACTED_VERB.search(lower)
    return contracted is not None and lower[:contracted.start()] in lists.ordinary


def _opens_sentence(text: str, start: int) -> bool:
    if start > 1:  # the usual cases, decided by the last two characters
        last, previous = text[start - 1], text[start - 2]
        if last == "\n" or (last == " " and previous in ".!?:;…"):
            return True
        if last == " " and (previous.isalnum() or previous == ","):
            return False  # "the Debian", "Debian, Ubuntu"
    return _sentence_end_before(text, start)


def _sentence_end_before(text: str, start: int) -> bool:
    # Only the few characters before the word decide; searching from the start of the text
    # made finding mentions quadratic in the document's length. The last few characters
    # usually decide (a match reaching further back spans only spaces, quotes and dashes).
    near = max(0, start - _SENTENCE_NEAR)
    if _SENTENCE_END.search(text, near, start) is not None:
        return True
    if near == 0 or not _SENTENCE_TAIL.fullmatch(text, near, start):
        return False
    return _SENTENCE_END.search(text, max(0, start - _SENTENCE_LOOKBACK), start) is not None


def _english_particle(text: str, tokens: list[_Token]) -> bool:
    word = tokens[0].lower
    return (word in _ENGLISH_PARTICLES and len(tokens) > 1 and not _opening_article(text, tokens)
            and not tokens[1].lower.startswith(word[-1]))


def _opening_article(text: str, tokens: list[_Token]) -> bool:
    first = tokens[0]
    return (first.lower in _OPENING_ARTICLES and len(tokens) > 1
            and text[first.end:first.end + 1] in "-‐‑")


def _drop_ordinary_tail(tokens: list[_Token], lists: Wordlists,
                        lowercase_words: Container[str]) -> list[_Token]:
    """In a headline every word is capitalised: keep the name, stop at the first ordinary word."""
    for i, token in enumerate(tokens):
        word = token.lower
        if i and word not in PARTICLES and (word in lists.ordinary or word in lowercase_words):
            return tokens[:i]
    return tokens


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip("\"”’')").endswith((".", "!", "?"))


def _is_headline(line: str) -> bool:
    """A short line that does not end a sentence and capitalises most of its words."""
    if _ends_sentence(line):  # most lines of prose do: skip their words
        return False
    words = [w for w in _WORD.findall(line) if w.lower() not in PARTICLES]
    title_cased = sum(w[0].isupper() for w in words) >= _HEADLINE_SHARE * len(words)
    return 4 <= len(words) <= _HEADLINE_MAX_WORDS and title_cased


class _Headlines:
    """Whether an offset is in a headline: a line is read when first asked about."""

    __slots__ = ("_lines", "_ends", "_known")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)
        self._ends = list(itertools.accumulate(map(len, self._lines)))
        self._known: dict[int, bool] = {}

    def __call__(self, start: int) -> bool:
        at = bisect_right(self._ends, start)
        if at not in self._known:
            self._known[at] = _is_headline(self._lines[at])
        return self._known[at]
