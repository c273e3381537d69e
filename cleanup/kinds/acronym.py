r"""`acronym`: a name followed by its own acronym without brackets ("Central Command Centcom").

    joiners: [at, in, of, from]   # words MT may put between the name and the acronym
    skip: [of, the, and, for]     # small words an acronym leaves out

The acronym matches when it can be cut into the starts of the name's last words, in order
(Syrian Democratic Forces → SDF, Central Command → CENT+COM). Machine translation keeps both
the translated name and the acronym the source added after it, sometimes joined by a
preposition. Suggests the name alone or the name with the acronym in brackets.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, regex_matches, string_list

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

MAX_NAME_WORDS = 8
LOOK_BACK = 200  # characters before an acronym in which its name is looked for
NEAR = 24  # characters before an acronym that hold its last few words
IN_BRACKETS = 120  # characters between an opening bracket and an acronym it holds
_NAME_WORD = regex.compile(r"\p{Lu}[\p{L}'’]*|\p{Ll}+")


class AcronymCheck(Check):
    KEYS = {
        "joiners": "words machine translation puts between a name and its acronym",
        "skip": "small words an acronym may leave out (of, the, and, …)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        joiners = string_list(rule, "joiners", required=False)
        self.skip = {w.lower() for w in string_list(rule, "skip", required=False)}
        joined = "|".join(regex.escape(j) for j in joiners)
        # The acronym: 2-8 capitals, or a capital and lowercase (Centcom) when joined by
        # nothing else than a space after a capitalised word; never inside brackets, which
        # `find` checks on the few candidates (a lookbehind would read back at every word).
        self.pattern = regex.compile(
            rf"(?<=\p{{L}}[ ,]?[ ](?:(?:{joined})[ ])?)"
            + _after_lowercase(self.skip)
            + r"(?<acronym>\p{Lu}{2,8}|\p{Lu}\p{Ll}{2,7})\b(?![-)’'])", regex.VERSION1)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        for m in regex_matches(self.pattern, text):
            acronym = m.group("acronym")
            if not self._may_end_name(text, m.start(), acronym.lower()):
                continue  # most candidates: a lowercase word before them
            if _in_brackets(text, m.start()):
                continue  # "Central Command (Centcom" is written as it should be
            words, joiner_start = self._words_before(text, m.start())
            name_start = self._name_start(words, acronym)
            if name_start is None:
                continue
            start = words[name_start][0]
            name = text[start:joiner_start].rstrip(" ,")
            yield self.finding(text, start, m.end(), [name, f"{name} ({acronym.upper()})"],
                               safe=False, message_vars={"name": name, "acronym": acronym})

    def _words_before(self, text: str, end: int) -> tuple[list[tuple[int, str]], int]:
        """The words before the acronym (start, word), and where the name part ends."""
        tokens = _tokens_before(text, end)
        joiner_start = end
        if tokens and tokens[-1][1].islower():  # "… Central Command at Centcom"
            joiner_start = tokens[-1][0]
            tokens = tokens[:-1]
        return tokens[-MAX_NAME_WORDS:], joiner_start

    def _may_end_name(self, text: str, end: int, acronym: str) -> bool:
        """Could a name that `acronym` abbreviates end before `end`? The last few words
        tell most often (what `_name_start` would do with them): its last word must have a
        capital and give the acronym its last letters."""
        space = text.find(" ", max(0, end - NEAR), end)
        if space == -1:
            return True  # no words to go on in so few characters: the whole check decides
        words = _NAME_WORD.findall(text, space + 1, end)  # the last of `_tokens_before`
        if words and words[-1].islower():
            words.pop()  # a joiner
        for word in reversed(words):
            if word.lower() not in self.skip:
                return word[0].isupper() and _ends_with_start_of(acronym, word.lower())
        return True

    def _name_start(self, words: Sequence[tuple[int, str]], acronym: str) -> int | None:
        """Index of the first word of the longest name ending just before the acronym that
        the acronym abbreviates."""
        best = None
        for i in range(len(words) - 1, -1, -1):
            word = words[i][1]
            if word.lower() in self.skip:
                continue
            if not word[0].isupper():
                break
            name = tuple(w.lower() for _, w in words[i:] if w.lower() not in self.skip)
            # One word and its own abbreviation ("Hamas HAMAS") is a style, not a repeat.
            if len(name) >= 2 and _abbreviates(acronym.lower(), name):
                best = i
        return best


def _after_lowercase(skip: set[str]) -> str:
    """A lookbehind that turns down most candidates in the regex engine: after two lowercase
    words, the first not a skip word, no name ends (`_words_before` takes the second for a
    joiner, and `_name_start` stops at the first)."""
    skipped = "|".join(regex.escape(w) for w in sorted(skip))
    not_skipped = rf"(?!(?:{skipped})(?!\p{{Ll}}))" if skip else ""
    return rf"(?<![ ]{not_skipped}\p{{Ll}}{{1,40}}[ ,]?[ ]\p{{Ll}}{{1,40}}[ ,]?[ ])"


def _tokens_before(text: str, end: int) -> list[tuple[int, str]]:
    """The last words (start, word) of the LOOK_BACK characters before `end`, as scanning all
    of them finds them: at least the MAX_NAME_WORDS + 1 that `_words_before` uses."""
    base = max(0, end - LOOK_BACK)
    # The words an acronym needs are most often within 80 characters: scan from just after a
    # space there (no word runs across a space, so the scan finds the same words after it).
    space = text.find(" ", max(base, end - 80), end)
    if space != -1:
        near = [(w.start(), w.group()) for w in _NAME_WORD.finditer(text, space + 1, end)]
        if len(near) > MAX_NAME_WORDS:
            return near
    return [(w.start(), w.group()) for w in _NAME_WORD.finditer(text, base, end)]


def _ends_with_start_of(acronym: str, word: str) -> bool:
    """Does the acronym end with a start of the word, and leave a letter for a word before?"""
    return any(acronym.endswith(word[:n]) for n in range(1, min(len(word), len(acronym) - 1) + 1))


@cache
def _abbreviates(acronym: str, words: tuple[str, ...]) -> bool:
    """Can `acronym` be cut into non-empty starts of each word, in order?"""
    if not words:
        return not acronym
    if not acronym:
        return False
    head, rest = words[0], words[1:]
    return any(acronym[:n] == head[:n] and _abbreviates(acronym[n:], rest)
               for n in range(1, min(len(head), len(acronym)) + 1))


def _in_brackets(text: str, at: int) -> bool:
    """Is `at` inside a bracket opened on its line within IN_BRACKETS characters?"""
    opening = text.rfind("(", max(0, at - IN_BRACKETS - 1), at)
    return opening >= 0 and not any(c in text[opening:at] for c in ")\n")
