"""Transliteration-aware keys for one word of a name.

Arabic and Persian names reach English through several romanisation habits at once: q/k/gh for
one letter, dh/z for another, ou/u/o and ee/i for long vowels, ai/ay/ei/ey for one diphthong,
Persian e for both Arabic a and i, doubled letters that may or may not be written, a final
-ah/-eh for the feminine ending, apostrophes for ayn and hamza. A key folds those choices away
so that spellings of one name compare equal or close, while keeping what tells names apart:
which consonants, in which order, and the full vowels a/i/u.

Key symbols: lower-case a/e/i/u are vowels (e is Persian e, read as either a or i), E is the
diphthong; upper-case letters are folded consonants (K = k/q/g/gh/c, S = sh/ch, X = kh,
Z = z/dh, J = j/zh, W = w/v, T = t/th, F = f/ph); other lower-case letters are consonants.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

VOWELS = frozenset("aeiuE")
# Consonants a transliteration may drop or add without changing the name (Teheran, Dahieh/Dahiya,
# Khamenehei): never part of the skeleton.
WEAK_CONSONANTS = frozenset("hyW")

_APOSTROPHES = re.compile(r"['’‘`´ʿʾʼʻ]")
_NOT_LETTER = re.compile(r"[^a-z\0]")
_SPECIAL_LETTERS = str.maketrans({"ı": "i", "ə": "a", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                                  "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"})
# Spellings of one consonant sound, longest first.
_CONSONANTS = {
    "sch": "S", "sh": "S", "ch": "S", "kh": "X", "gh": "K", "zh": "J", "dj": "J", "dh": "Z",
    "th": "T", "ph": "F", "ck": "K", "q": "K", "k": "K", "c": "K", "g": "K", "j": "J", "v": "W",
    "w": "W", "x": "KS", "z": "Z", "t": "T", "f": "F",
}
_CONSONANT_RE = re.compile("|".join(sorted(_CONSONANTS, key=len, reverse=True)))
# y and w belong to a vowel when they close a syllable (Husayn, Rowhani, Mawsil) and are
# consonants before a vowel (Yahya, Zayed, Jawad); after i before a vowel y is only a glide
# (Diyala/Diala, Haniyeh/Hania).
_GLIDE_IN_IA = re.compile(r"(?<=i)y(?=[aeiou])")
_VOWEL_RUN = re.compile(r"[aeiou]+(?:[yw](?![aeiou]))?|(?<![aeiou])y(?![aeiou])")
_DOUBLED = re.compile(r"(.)\1+")
_VOWEL_RUN_SPLIT = re.compile("(" + _VOWEL_RUN.pattern + ")")


def plain(word: str, apostrophe: str = "") -> str:
    """Lower-case ASCII letters only: diacritics and punctuation dropped, ayn/hamza marks
    dropped or written as `apostrophe`."""
    lower = word.lower()
    if lower.isalpha() and lower.isascii():  # most words are plain letters already
        return lower
    if not lower.isascii():  # most names are plain ASCII: skip the Unicode work
        decomposed = unicodedata.normalize("NFKD", lower.translate(_SPECIAL_LETTERS))
        lower = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    letters = _NOT_LETTER.sub("", _APOSTROPHES.sub("\0", lower))
    return letters.replace("\0", apostrophe)


def squeeze(text: str) -> str:
    """Doubled letters are written or not at will (Hassan/Hasan, Lattakia/Latakia)."""
    return _DOUBLED.sub(_first_letter, text)


def _first_letter(m: re.Match[str]) -> str:
    return m.group(1)  # a function, not the template r"\1", which re parses on every call


@lru_cache(maxsize=4096)
def _fold_vowel_run(run: str) -> str:
    vowels = squeeze(run.replace("o", "u").replace("w", "u").replace("y", "i"))
    if len(vowels) == 1:
        return vowels
    if vowels[0] in "ae" and ("i" in vowels or vowels == "ae"):
        return "E"  # ai, ay, ei, ey, ae, aei: one diphthong (Zainab/Zaynab/Zeinab)
    if set(vowels) <= {"a", "u"}:
        return "u"  # au, aw, ow: the diphthong written o (Mawsil/Mosul, Rowhani/Rouhani)
    if vowels[0] == "i" and set(vowels[1:]) <= {"a", "e"}:
        return "ia"  # -ia/-iya/-ieh endings (Latakia/Latakiya, Dahieh/Dahiya)
    return vowels


@lru_cache(maxsize=4096)
def _fold_consonants(piece: str) -> str:
    return squeeze(_CONSONANT_RE.sub(_consonant, piece))  # k and q fold to one K


def _consonant(m: re.Match[str]) -> str:
    return _CONSONANTS[m.group()]


def _letters(plain_word: str) -> str:
    letters = squeeze(plain_word)
    # A final h after a vowel (Fatemeh/Fatema) is dropped; told without a regex, which would be
    # tried at every letter.
    if letters[-1:] == "h" and len(letters) > 1 and letters[-2] in "aeiou":
        return letters[:-1]
    return letters


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """The key of one word, with Persian e kept as the wildcard symbol `e`."""
    return _fold_letters(_letters(plain(word)))


def _fold_letters(letters: str) -> str:
    # Split into consonant clusters (even places) and vowel runs (odd places); both are few
    # and repeat across words, so each is folded once.
    if "iy" in letters:  # _GLIDE_IN_IA, asked only where it can match
        letters = _GLIDE_IN_IA.sub("", letters)
    pieces = _VOWEL_RUN_SPLIT.split(letters)
    pieces[1::2] = map(_fold_vowel_run, pieces[1::2])
    pieces[0::2] = map(_fold_consonants, pieces[0::2])
    # Each piece is squeezed, and where two meet their letters differ (a vowel symbol next to
    # a consonant symbol, or a run closed by w next to a lone y): the key needs no squeeze.
    return "".join(pieces)


_NOT_STRONG = str.maketrans(dict.fromkeys(VOWELS | WEAK_CONSONANTS))


def skeleton(key: str) -> str:
    """The first letter and the strong consonants of a key, in order.

    Two spellings of a name have the same skeleton, so it is the blocking key. d and dh/z
    alternate (Gaddafi/Gadhafi/Kadhafi).
    """
    first = key[:1] if key[:1] not in VOWELS else ""
    return (first + key[1:].translate(_NOT_STRONG)).replace("Z", "d")


class WordKey(NamedTuple):
    """One word's spellings for comparison: `key_i`/`key_a` read Persian e as i or as a.
    (A named tuple: made about three times faster than a frozen dataclass, for thousands of
    words a first check meets.)"""

    plain: str
    letters: str  # `plain` without doubled letters or a final h: what endings are compared on
    key: str
    key_i: str
    key_a: str
    skeleton: str


@lru_cache(maxsize=1 << 18)
def word_key(word: str) -> WordKey:
    plain_word = plain(word)
    letters = _letters(plain_word)
    key = _fold_letters(letters)  # fold(word), without working out `letters` again
    return WordKey(plain_word, letters, key, key.replace("e", "i"), key.replace("e", "a"),
                   skeleton(key))
