r"""`soundalike`: a name spelled by sound: same consonant skeleton as a known name, other letters.

    names:                        # the canonical spelling first; accepted spellings after it
      - David Hearst
      - [Erbil, Arbil, Irbil]
    max_distance: 2               # letters that may differ in each word (default 2)
    min_skeleton: 3               # consonants a one-word name needs to be matched alone

Machine translation through Persian or Arabic script loses the vowels and merges consonants
the script does not tell apart (p/b, v/w, q/k, s/z), so a known name comes back as "Bumbeo"
for Pompeo or "Qiryat Malakhi" for Kiryat Malachi. A word sequence is flagged when each of its
words has the skeleton of the known name's word and is a few letters away from it, and is not
itself a known spelling of any listed name. Always a suggestion: similar names exist.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

# The Arabic article in its romanisations, sun-letter forms included. "ul"/"ol" (Persian and
# Urdu readings) are articles for the skeleton but not accepted spellings of "al".
ARTICLES = {"al", "el", "ul", "ol", "ad", "ed", "as", "ash", "at", "az", "ar", "an", "ud"}
ACCEPTED_ARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "ar", "an"}
PARTICLES = ARTICLES | {"bin", "ibn", "bint", "ben"}
ABD = {"abd", "abdel", "abdul", "abdol", "abdal", "abdelal"}
MAX_WORDS = 4

# Sounds the Persian and Arabic scripts write with one letter, or English with two.
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("zh", "s"), ("th", "t"),
             ("dh", "d"), ("ph", "f"), ("ck", "k"), ("ts", "s"))
_VOWELS = set("aeiouy")
# Each letter to its class, vowels dropped.
_CONSONANT_CLASSES = str.maketrans(
    {"p": "b", "w": "v", "q": "k", "c": "k", "z": "s", "x": "s"} | dict.fromkeys(_VOWELS))
# A final h after a vowel, in a word of three letters or more (words one a line).
_FINAL_H = re.compile(r"(?<=[^\n][aeiouy])h$", re.MULTILINE)
_REPEATS = re.compile(r"([^\n])\1+")  # a letter repeated: written once in a skeleton
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’ʿʾ][\p{L}\p{M}]+)*")
_POSSESSIVE = ("'s", "’s")
_POSSESSIVE_END = re.compile(r"['’]s(?=[ \n]|\Z)")  # of a word of stretches joined (see _judge)
# Where _WORD.finditer would start a word with a capital (the regex's \p{Lu} holds every
# letter str.isupper accepts, and a few newer ones `_is_capitalised` then turns down).
_WORD_START = r"(?<![\p{L}\p{M}]|[\p{L}\p{M}]['’])"
_WORD_STARTING_UPPER = regex.compile(_WORD_START + r"\p{Lu}")
_WORD_REST = r"[\p{L}\p{M}]*(?:['’ʿʾ][\p{L}\p{M}]+)*"
_PARTICLE_WORD = (rf"(?:{'|'.join(sorted(PARTICLES))})(?:['’]s)?"
                  r"(?![\p{L}\p{M}]|['’ʿʾ][\p{L}\p{M}])")  # the whole word, not "also"
# A stretch that holds whole runs of `name_runs` and their breaks: a word starting with a
# capital, then words starting with a capital or particles (as whole words, possessive or
# not), each after one space or hyphen. Its runs do not depend on the text around it.
_NAME_STRETCH = regex.compile(
    rf"{_WORD_START}\p{{Lu}}{_WORD_REST}(?:[ -](?:\p{{Lu}}{_WORD_REST}|{_PARTICLE_WORD}))*")
_NAME_STRETCH_PARTS = regex.compile(f"({_NAME_STRETCH.pattern})")  # split() keeps them
_SEPARATORS = regex.compile(r"[\s\-]+")
_BEFORE_SENTENCE = frozenset(" \t\"“‘'(")  # may stand between a sentence end and its first word


def plain(word: str) -> str:
    """Lowercase ASCII letters of a word: no diacritics, apostrophes or ayn marks."""
    if word.isascii():  # NFKD leaves ASCII as it is: most words need no decomposing
        lowered = word.lower()
        return lowered if lowered.isalpha() else "".join(c for c in lowered if c.isalpha())
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if c.isalpha() and c.isascii())


def skeleton(word: str) -> str:
    """Consonant classes of a word, vowels dropped and repeats merged ("Hearst" → "hrst")."""
    return skeletons([plain(word)])[0]


def skeletons(letters: Sequence[str]) -> list[str]:
    """The `skeleton` of each word of `letters` (as `plain` gives them), worked out for them
    all at once in a few passes over them joined by line breaks (a text's thousands of
    capitalised words cost what one did word by word)."""
    if not letters:
        return []
    joined = _FINAL_H.sub("", "\n".join(letters))  # Arabic ta marbuta: "Hodeidah" = "Hodeida"
    for digraph, sound in _DIGRAPHS:
        joined = joined.replace(digraph, sound)
    return _REPEATS.sub(r"\1", joined.translate(_CONSONANT_CLASSES)).split("\n")


def name_words(name: str) -> list[str]:
    """The words of a name that carry its sound: no articles, 'Abdel'/'Abdul' as one form."""
    words = [w for w in _SEPARATORS.split(name) if w]
    return ["abd" if plain(w) in ABD else w for w in words if plain(w) not in ARTICLES]


def spelling(name: str) -> str:
    """How a name is written, up to case, hyphens, spaces and accepted article forms."""
    parts = []
    for word in _SEPARATORS.split(name):
        parts.append(_spelling_part(plain(word)))
    return "".join(parts)


_ABD_SKELETON = skeleton("abd")


def _spelling_part(letters: str) -> str:
    return "al" if letters in ACCEPTED_ARTICLES else letters


class Entry(NamedTuple):
    canonical: str
    words: tuple[str, ...]  # plain letters of the canonical name's sound-carrying words
    spellings: frozenset[str]  # accepted spellings (see `spelling`)


class Token(NamedTuple):
    start: int
    end: int
    text: str


class Word(NamedTuple):
    """What `_longest_match` needs of a token: the words of any stretch of a run, as
    `name_words`, `plain`, `skeleton` and `spelling` would give them for the stretch's text
    (a run's tokens are joined by exactly one space or hyphen)."""
    sound: str | None  # plain letters of a sound-carrying word; None for an article
    sound_skeleton: str | None
    spelling: str  # the token's part of `spelling`
    skeleton: str  # of the token as written ("Abdel" → "bdl", where its sound gives "bd")

    @classmethod
    def of(cls, letters: str, own: str) -> Word:
        """The Word of a token, given its `plain` letters and their `skeleton`."""
        if letters in ARTICLES:
            return cls(None, None, _spelling_part(letters), own)
        if letters in ABD:
            return cls("abd", _ABD_SKELETON, _spelling_part(letters), own)
        return cls(letters, own, _spelling_part(letters), own)


def words_of(tokens: Iterable[str], known: dict[str, Word]) -> list[Word]:
    """The `Word` of each token; `known` holds those of the document so far (names recur)."""
    tokens = list(tokens)
    new = [token for token in dict.fromkeys(tokens) if token not in known]
    if new:
        letters = [plain(token) for token in new]
        known.update(zip(new, map(Word.of, letters, skeletons(letters))))
    return [known[token] for token in tokens]


def stretch_tokens(stretches: Sequence[str]) -> list[list[str]]:
    """The words of each stretch (see `_NAME_STRETCH`: one space or hyphen between two), each
    without a possessive 's: what `name_runs` reads there."""
    joined = _POSSESSIVE_END.sub("", "\n".join(stretches).replace("-", " "))
    return [stretch.split(" ") for stretch in joined.split("\n")] if stretches else []


# The matches in a text (or a stretch): (start, end, entry) of misspelt names, the entries
# named in it, and the surnames standing alone, which the whole text decides on.
Matches = tuple[tuple[tuple[int, int, int], ...], frozenset[int],
                tuple[tuple[Token, list[int]], ...]]
NO_MATCHES: Matches = ((), frozenset(), ())


# The stretches a check's memo may hold before it starts again (a MB of prose has ~4,000).
MEMO_STRETCHES = 20_000


@dataclass(slots=True)
class StretchMemo:
    """What a check has worked out about stretches, which depends on their text alone: kept
    from text to text (names and stretches of them recur, in a document and across files),
    each field filled before the one that says it is known."""
    words: dict[str, Word] = field(default_factory=dict)
    may_name: dict[str, bool] = field(default_factory=dict)  # by stretch
    tokens: set[str] = field(default_factory=set)  # the words of the stretches judged
    name_words: set[str] = field(default_factory=set)  # those that may be a name's word
    stretches: dict[tuple[str, bool], Matches] = field(default_factory=dict)


class SoundalikeCheck(Check):
    KEYS = {
        "names": "known names: a name, or a list of its canonical and accepted spellings",
        "max_distance": "letters that may differ in each word of a name (default 2)",
        "min_skeleton": "consonants a one-word name needs to be matched on its own (default 3)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        raw = rule.spec.get("names")
        if not isinstance(raw, list) or not raw:
            raise rule.error("'names' must be a non-empty list of names or lists of spellings")
        self.max_distance = _int_key(rule, "max_distance", 2)
        self.min_skeleton = _int_key(rule, "min_skeleton", 3)
        self._memo = StretchMemo()
        self.entries: list[Entry] = []
        self.index: dict[tuple[str, ...], list[int]] = {}
        self.surnames: dict[str, list[int]] = {}
        # The skeletons of the words of the index's keys, and of the surnames.
        self.name_skeletons: set[str] = set()
        self.known_words: set[str] = set()
        for item in raw:
            variants = [item] if isinstance(item, str) else item
            if not isinstance(variants, list) or not variants or not all(
                    isinstance(v, str) and name_words(v) for v in variants):
                raise rule.error(f"names entry {item!r} must be a name or a list of names")
            self._add(variants)

    def _add(self, variants: list[str]) -> None:
        words = tuple(plain(w) for w in name_words(variants[0]))
        if len(words) > MAX_WORDS:
            raise self.rule.error(f"name {variants[0]!r} has more than {MAX_WORDS} words")
        entry = Entry(variants[0], words, frozenset(spelling(v) for v in variants))
        number = len(self.entries)
        self.entries.append(entry)
        for variant in variants:
            self.known_words.update(plain(w) for w in name_words(variant))
        key = tuple(skeleton(w) for w in words)
        if len(words) > 1 or len(key[0]) >= self.min_skeleton:
            self.index.setdefault(key, []).append(number)
            self.name_skeletons.update(key)
        if len(words) > 1 and len(key[-1]) >= self.min_skeleton + 1:
            self.surnames.setdefault(key[-1], []).append(number)
            self.name_skeletons.add(key[-1])

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        if len(self._memo.may_name) > MEMO_STRETCHES:
            self._memo = StretchMemo()
        flagged, named, surname_candidates = self._text_matches(text, self._memo)
        for first, last, number in flagged:
            yield self._finding(text, first, last, number)
        # Which surnames alone are flagged depends on the names the whole text holds in full.
        for token, entries in surname_candidates:
            for number in entries:
                entry = self.entries[number]
                word = plain(token.text)
                if (number in named and word not in self.known_words
                        and _close(word, entry.words[-1], self.max_distance)):
                    yield self._finding(text, token.start, token.end, number,
                                        entry.canonical.split()[-1])
                    break

    def _text_matches(self, text: str, memo: StretchMemo) -> Matches:
        flagged: list[tuple[int, int, int]] = []
        named: set[int] = set()
        candidates: list[tuple[Token, list[int]]] = []
        # The regex engine finds the few stretches of capitalised words; what they hold
        # depends on their text alone, and on whether they start a sentence. Most recur, and
        # most can name no one: they are judged once each, all together, and only the few
        # that may name someone are placed in the text.
        parts = _NAME_STRETCH_PARTS.split(text)  # stretches at odd indexes
        stretches = parts[1::2]
        self._judge(list(set(stretches).difference(memo.may_name)), memo)
        naming = list(map(memo.may_name.__getitem__, stretches))
        if not any(naming):
            return NO_MATCHES  # most texts of a few KB
        ends = list(accumulate(map(len, parts)))
        for i in compress(range(1, len(parts), 2), naming):
            stretch, start = parts[i], ends[i - 1]
            key = (stretch, _sentence_start(text, start))
            matches = memo.stretches.get(key)
            if matches is None:
                matches = memo.stretches[key] = self._stretch_matches(*key, memo.words)
            if matches != NO_MATCHES:
                found, names, alone = _shifted(matches, start)
                flagged += found
                named |= names
                candidates += alone
        return tuple(flagged), frozenset(named), tuple(candidates)

    def _judge(self, stretches: list[str], memo: StretchMemo) -> None:
        """Works out `may_name` of each stretch, the skeletons of their new words all at once.
        A stretch none of whose words has the skeleton of a word of a name or is an 'Abd'
        form needs no closer look (most)."""
        tokens = stretch_tokens(stretches)
        new = list(set(chain.from_iterable(tokens)).difference(memo.tokens))
        letters = [plain(token) for token in new]
        memo.name_words.update(compress(new, map(
            lambda its_letters, own: own in self.name_skeletons or its_letters in ABD,
            letters, skeletons(letters))))
        memo.tokens.update(new)
        judged = dict.fromkeys(stretches, False)
        closer = [(stretch, its_tokens) for stretch, its_tokens in zip(stretches, tokens)
                  if not memo.name_words.isdisjoint(its_tokens)]
        words_of(chain.from_iterable(its_tokens for _, its_tokens in closer), memo.words)
        for stretch, its_tokens in closer:
            judged[stretch] = self._may_name([memo.words[t] for t in its_tokens])
        memo.may_name.update(judged)

    def _may_name(self, words: Sequence[Word]) -> bool:
        """Could a run of a stretch of these words hold a listed name or a surname? What
        `_stretch_matches` would find needs a few words in a row whose sounds have the
        skeletons of a key of the index (runs are pieces of the stretch, and articles have no
        sound), or a word with the skeleton of a surname."""
        sounds = [w.sound_skeleton for w in words if w.sound is not None]
        return any(tuple(sounds[i:end]) in self.index for i in range(len(sounds))
                   for end in range(i + 1, min(len(sounds), i + MAX_WORDS) + 1)) or any(
            w.skeleton in self.surnames for w in words)

    def _stretch_matches(self, stretch: str, starts_sentence: bool,
                         known: dict[str, Word]) -> Matches:
        flagged: list[tuple[int, int, int]] = []
        named: set[int] = set()
        candidates: list[tuple[Token, list[int]]] = []
        for run in name_runs(stretch):
            words = words_of((token.text for token in run), known)
            taken = 0  # tokens of the run already explained by a longer match
            alone = _alone(run)
            # A later run, or a later word of a run, follows a word and one space or hyphen:
            # only the stretch's first word may start a sentence.
            first_starts_sentence = starts_sentence and run[0].start == 0
            for i in range(len(run)):
                if i < taken or _is_particle(run[i].text):
                    continue
                match = self._longest_match(run, words, i, first_starts_sentence and i == 0)
                if match is None:
                    if alone:
                        entries = self.surnames.get(words[i].skeleton, [])
                        if entries:
                            candidates.append((run[i], entries))
                    continue
                end, number, exact = match
                named.add(number)
                taken = end
                if not exact:
                    flagged.append((run[i].start, run[end - 1].end, number))
        return tuple(flagged), frozenset(named), tuple(candidates)

    def _longest_match(self, run: Sequence[Token], run_words: Sequence[Word], i: int,
                       starts_sentence: bool) -> tuple[int, int, bool] | None:
        """(end token, entry, spelled as accepted) of the longest known name at run[i]."""
        for end in range(min(len(run), i + MAX_WORDS * 2), i, -1):
            if _is_particle(run[end - 1].text):
                continue
            stretch = run_words[i:end]
            words = [w.sound for w in stretch if w.sound is not None]
            if not words or len(words) > MAX_WORDS:
                continue
            if len(words) == 1 and starts_sentence:
                continue  # a capitalised first word may be any English word
            key = tuple(w.sound_skeleton for w in stretch if w.sound is not None)
            for number in self.index.get(key, []):
                entry = self.entries[number]
                if "".join(w.spelling for w in stretch) in entry.spellings:
                    return end, number, True
                # One word alone has less to go on: one letter of difference at most
                # ("Safad" for Safed, not "Sudan" for Sidon).
                limit = self.max_distance if len(words) > 1 else min(1, self.max_distance)
                if self._variant(words, entry.words, limit):
                    return end, number, False
        return None

    def _variant(self, words: Sequence[str], known: Sequence[str], limit: int) -> bool:
        differing = [(w, k) for w, k in zip(words, known) if w != k]
        # A word that is itself a known spelling is another name, not a misspelling
        # ("Hassan" is not a misspelt "Hossein").
        return bool(differing) and all(
            w not in self.known_words and _close(w, k, limit) for w, k in differing)


    def _finding(self, text: str, start: int, end: int, number: int,
                 suggestion: str | None = None) -> Finding:
        canonical = self.entries[number].canonical
        return self.finding(text, start, end, [suggestion or canonical], safe=False,
                            message_vars={"canonical": canonical})


def _shifted(matches: Matches, offset: int) -> Matches:
    """Matches found in a piece of a text, with the piece's offset in the text added."""
    flagged, named, candidates = matches
    return (tuple((first + offset, last + offset, number) for first, last, number in flagged),
            named,
            tuple((Token(t.start + offset, t.end + offset, t.text), entries)
                  for t, entries in candidates))


def _close(word: str, known: str, limit: int) -> bool:
    if (word == known or _edge_vowels(word, known) or _edge_vowels(known, word)
            or _distance_at_least(word, known) > limit):
        return False
    from rapidfuzz.distance import Levenshtein  # here: most texts never get this far (12 ms)

    return Levenshtein.distance(word, known) <= limit


def _distance_at_least(a: str, b: str) -> int:
    """A lower bound of the edit distance, which turns most pairs down before rapidfuzz is
    imported: an edit changes the length by at most one, and the letter counts by at most two
    (one letter for another)."""
    unshared = sum(((Counter(a) - Counter(b)) + (Counter(b) - Counter(a))).values())
    return max(abs(len(a) - len(b)), (unshared + 1) // 2)


def _edge_vowels(longer: str, shorter: str) -> bool:
    """Is `longer` `shorter` with vowels added at an edge? That is a derived form or another
    name ("Israeli", "Bahraini", "Brahim"), not the same name misspelt."""
    if longer.startswith(shorter):
        extra = longer[len(shorter):]
    elif longer.endswith(shorter):
        extra = longer[:len(longer) - len(shorter)]
    else:
        return False
    return bool(extra) and set(extra) <= _VOWELS | {"h"}


def _int_key(rule: Rule, key: str, default: int) -> int:
    value = rule.spec.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise rule.error(f"{key!r} must be a whole number")
    return value


def _is_particle(word: str) -> bool:
    return word[:1].islower()


def _alone(run: Sequence[Token]) -> bool:
    """Is the run's one capitalised word alone, with no other capitalised name word beside it?"""
    capitalised = [t for t in run if not _is_particle(t.text)]
    return len(capitalised) == 1


def _sentence_start(text: str, pos: int) -> bool:
    # Steps back over the few characters before the word, not over the whole text before it.
    while pos > 0 and text[pos - 1] in _BEFORE_SENTENCE:
        pos -= 1
    return pos == 0 or text[pos - 1] in ".!?:\n"


def name_runs(text: str) -> Iterator[list[Token]]:
    """Runs of capitalised words (with lowercase particles between them) joined by a space or
    hyphen; a trailing possessive 's is left out of the word."""
    pos = 0
    # Only a capitalised word starts a run: the regex engine skips the lowercase prose between.
    while (first := _WORD_STARTING_UPPER.search(text, pos)) is not None:
        run: list[Token] = []
        m = _WORD.match(text, first.start())
        while m is not None:
            word = m.group()
            start, end = m.span()
            pos = end
            possessive = word.endswith(_POSSESSIVE)
            if possessive:
                end -= 2
                word = word[:-2]
            if _is_capitalised(word) or (run and word in PARTICLES):
                run.append(Token(start, end, word))
            else:
                break  # a run goes on only through the next word, and this one ends it
            if possessive:
                break  # a possessive ends the name
            # The next word belongs to the run only if exactly one space or hyphen comes first.
            m = _WORD.match(text, end + 1) if text[end:end + 1] in ("-", " ") else None
        if run:
            yield _trim(run)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _trim(run: list[Token]) -> list[Token]:
    while run and _is_particle(run[-1].text):
        run.pop()
    return run
