"""One pass over the text finds every literal phrase of every loaded rule.

The text is folded (lowercase, every non-word character turned into a space, a space added at
both ends) and so is each phrase, into its key; a key is found only where a space stands on
each side of it, at word boundaries. Each hit is then verified against the original text
(case, punctuation) by the entry that owns it, since folding makes "al-Assad" and "al Assad"
the same key.

Two matchers find the keys, chosen by their number in `_matcher_for`: an Aho-Corasick
automaton, whose scan does not grow with the number of keys, and for long lists a table that
looks the keys up word by word and loads from the cache in no time (issue 5).
"""
from __future__ import annotations

import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate
from typing import Any, Generic, TypeVar

import ahocorasick
import regex

from cleanup.tables import StringMap, Strings, utf8

# (owner: index of the check that registered it, entry: the check's own index for the entry,
# text, case_sensitive). A plain tuple: cheap to build and to unpickle by the thousand.
Phrase = tuple[int, int, str, bool]


# ASCII, the bulk of English text, folds through one 256-byte table (lowercase, non-word
# characters to spaces) at C speed; only the runs of other characters take the general path.
_ASCII_FOLD = bytes(
    ord(chr(b).lower()) if chr(b).isalnum() or b == ord("_") else 0x20 for b in range(256))
_NON_ASCII_RUN = regex.compile(r"([^\x00-\x7f]+)")  # captured: split() keeps the runs


class _FoldTable(dict):  # type: ignore[type-arg]
    """str.translate table filled on first sight of each character, so start-up does not pay
    for a table of every code point."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        # Word characters: letters, marks and digits of every script, plus the connector '_'.
        word = ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"
        self[cp] = folded = cp if word else 0x20
        return folded


_FOLD = _FoldTable()


def _fold_run(run: str) -> str:
    lowered = run.lower()
    if len(lowered) != len(run):  # 'İ' lowers to two code points: keep it as it is
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in run)
    return lowered.translate(_FOLD)


def fold(text: str) -> str:
    """Lowercase, non-word characters to spaces; always the same length as `text`."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    parts = _NON_ASCII_RUN.split(text)  # ASCII pieces at even indexes, runs at odd ones
    for i, part in enumerate(parts):
        parts[i] = _fold_run(part) if i % 2 else (
            part.encode("ascii").translate(_ASCII_FOLD).decode("ascii"))
    return "".join(parts)


def same_phrase(found: str, phrase: str, case_sensitive: bool) -> bool:
    """Does the text found in the document spell `phrase` (white space runs count as one)?"""
    found = " ".join(found.split())
    if case_sensitive:
        return found == phrase
    return found.lower() == phrase.lower()


class PhraseIndex:
    def __init__(self) -> None:
        self._keys: dict[str, list[Phrase]] = defaultdict(list)  # folded key → its phrases
        self._matcher: _Automaton[tuple[Phrase, ...]] | _KeyTable | None = None

    def __getstate__(self) -> dict[str, Any]:
        # A cached linter keeps the built matcher, which loads faster than it builds (100,000
        # phrases: an automaton loads in 0.1 s and builds in 0.8 s), and not the keys it was
        # built from: an unpickled index only scans.
        if self._matcher is None and self._keys:
            self._matcher = _matcher_for(self._keys)
        return {"_keys": {}, "_matcher": self._matcher}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._keys = defaultdict(list, state["_keys"])
        self._matcher = state["_matcher"]

    def add(self, owner: int, entry: int, text: str, case_sensitive: bool) -> None:
        text = " ".join(text.split())
        key = " ".join(fold(text).split())
        if not key:
            raise ValueError(f"phrase {text!r} has no word characters")
        self._keys[key].append((owner, entry, text, case_sensitive))
        self._matcher = None

    def scan(self, text: str) -> dict[int, list[tuple[int, int, int]]]:
        """owner → [(start, end, entry)] for every verified occurrence, in text order (of
        their ends; of two that end together, the longer first)."""
        hits: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        if self._matcher is None:
            if not self._keys:
                return hits
            self._matcher = _matcher_for(self._keys)
        for offset, end in _pieces(text, SCAN_PIECE):
            self._scan_piece(text, offset, end, hits)
        return hits

    def _scan_piece(self, text: str, offset: int, end: int,
                    hits: dict[int, list[tuple[int, int, int]]]) -> None:
        assert self._matcher is not None
        folded = " " + fold(text[offset:end]) + " "
        shift = offset - 1  # the padding space
        for start, stop, phrases in self._matcher.matches(folded):
            start += shift
            stop += shift
            found = text[start:stop]
            for owner, entry, phrase, case_sensitive in phrases:
                if same_phrase(found, phrase, case_sensitive):
                    hits[owner].append((start, stop, entry))


# From this many keys on, an index looks them up word by word (_KeyTable) instead of running
# an automaton of them all (issue 5). A cached automaton takes about 1.1 ms per 1,000 keys to
# load, a table next to nothing, but a table scans about 20 ms per MB slower: the automaton
# wins on a 1 MB file below about 25,000 keys, the table on a 5 KB file above about 1,000.
# From 10,000, every start of a pre-commit hook or an editor saves 12 ms or more, and a 1 MB
# file loses at most 20 ms.
KEY_TABLE_FROM = 10_000


def _matcher_for(keys: Mapping[str, list[Phrase]]) -> _Automaton[tuple[Phrase, ...]] | _KeyTable:
    if len(keys) >= KEY_TABLE_FROM:
        return _KeyTable(keys)
    return _Automaton({key: tuple(phrases) for key, phrases in keys.items()})


Value = TypeVar("Value")


class _Automaton(Generic[Value]):
    """An Aho-Corasick automaton (pyahocorasick, in C) of folded keys, each stored with a space
    on each side so that it is found only at word boundaries: a scan costs the same however
    many keys there are."""

    def __init__(self, keys: Mapping[str, Value]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, value in keys.items():
            self._automaton.add_word(f" {key} ", (len(key), value))
        self._automaton.make_automaton()

    def matches(self, folded: str) -> Iterator[tuple[int, int, Value]]:
        """(start, stop, value): folded[start:stop] is the key, in the order of their ends
        and, of keys that end together, the longer first."""
        for last, (length, value) in self._automaton.iter(folded):
            yield last - length, last, value  # `last`: the key's closing space


class _KeyTable:
    """Keys looked up word by word: the words of the text that begin some key are found by
    their hashes, every place they stand in the text by a small automaton of them, and the
    spans there of the lengths of their keys are looked up. Everything is kept in flat arrays,
    so a cached table of 100,000 keys loads in about a millisecond."""

    def __init__(self, keys: Mapping[str, list[Phrase]]) -> None:
        self._phrases = _PhraseTable([p for phrases in keys.values() for p in phrases])
        starts = accumulate(map(len, keys.values()), initial=0)
        self._keys = StringMap({  # key → the numbers of its phrases
            key: range(start, start + len(phrases))
            for (key, phrases), start in zip(keys.items(), starts)})
        lengths: dict[str, set[int]] = defaultdict(set)  # first word → lengths of its keys
        for key in keys:
            lengths[key.partition(" ")[0]].add(len(key))
        self._first_words = StringMap(lengths)

    def matches(self, folded: str) -> Iterator[tuple[int, int, list[Phrase]]]:
        """As _Automaton.matches."""
        first_words = self._first_words_in(folded)
        if not first_words:
            return  # (an automaton of no keys cannot scan)
        found = []
        for start, _, lengths in _Automaton(first_words).matches(folded):
            for length in lengths:
                stop = start + length
                if folded.startswith(" ", stop):
                    numbers = self._keys.get(folded[start:stop])
                    if numbers:
                        found.append((stop, start, numbers))
        found.sort(key=lambda hit: hit[:2])
        for stop, start, numbers in found:
            yield start, stop, [self._phrases[n] for n in numbers]

    def _first_words_in(self, folded: str) -> dict[str, Sequence[int]]:
        """first word → lengths of its keys, for the words of `folded` that begin a key."""
        found = {}
        for encoded in self._first_words.sieve(_distinct_words(utf8(folded))):
            word = encoded.decode("utf-8", "surrogatepass")
            lengths = self._first_words.get(word)
            if lengths:  # not a mere hash collision
                found[word] = lengths
        return found


def _distinct_words(text: bytes, chunk: int = 1 << 16) -> set[bytes]:
    """The words of `text`, as bytes (hashed without making a str of each), split a chunk at
    a time: all the words of 1 MB at once take 8 MB of fresh memory, and in a new process a
    third more time (18 ms against 12.5 ms)."""
    words: set[bytes] = set()
    start = 0
    while start < len(text):
        end = text.find(b" ", start + chunk)
        end = len(text) if end < 0 else end
        words.update(text[start:end].split())
        start = end
    return words


class _PhraseTable:
    """Phrases as parallel arrays (see cleanup.tables)."""

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self._owners = array("I", (owner for owner, _, _, _ in phrases))
        self._entries = array("I", (entry for _, entry, _, _ in phrases))
        self._texts = Strings([text for _, _, text, _ in phrases])
        self._case_sensitive = bytes(case for _, _, _, case in phrases)

    def __getitem__(self, number: int) -> Phrase:
        return (self._owners[number], self._entries[number], self._texts[number],
                bool(self._case_sensitive[number]))


# Characters folded at a time: a large file is scanned piece by piece, so the folded copy
# never holds more than this (issue 5: peak memory on a 100 MB file).
SCAN_PIECE = 1 << 20
_CUT = regex.compile(r"\n\n|\. ")


def _pieces(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of about `size` characters that no phrase straddles.

    Each cut falls between two non-word characters (inside a blank line or after a full stop).
    A folded key has single spaces between its words and a word character next to each of its
    spaces, so no key can match across the cut, and the padding space of each piece stands for
    the non-word character on the other side of the cut: the hits are those of a whole scan.
    """
    start = 0
    while len(text) - start > size:
        m = _CUT.search(text, start + size)
        if m is None:
            break
        yield start, m.start() + 1
        start = m.start() + 1
    yield start, len(text)
