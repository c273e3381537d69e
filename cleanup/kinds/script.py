r"""`script`: characters that do not belong in English text.

    scripts: [Arabic, Hebrew]     # flag runs of words in these Unicode scripts (no fix)
    characters:                   # or: these characters, each with its replacement
      "\u200b": ""                # zero width space → delete
      "\u0661": "1"               # Arabic-Indic digit one → 1
      "\u202e": null              # flag only
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import (
    REGEX_TIMEOUT_S, Check, Hits, TextMemo, regex_matches, string_list)

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex


_SCRIPT_NAME = regex.compile(r"[A-Za-z][A-Za-z_ ]{0,40}")


class ScriptCheck(Check):
    LOCAL = True
    KEYS = {
        "scripts": "Unicode script names (Arabic, Hebrew, Cyrillic, …): runs are flagged",
        "characters": "mapping: character → replacement ('' deletes, null flags only)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        scripts = string_list(rule, "scripts", required=False)
        characters = rule.spec.get("characters") or {}
        if not isinstance(characters, dict) or not all(
                isinstance(k, str) and len(k) == 1 and (v is None or isinstance(v, str))
                for k, v in characters.items()):
            raise rule.error("'characters' must map single characters to a string or null")
        if bool(scripts) == bool(characters):
            raise rule.error("needs exactly one of 'scripts' or 'characters'")
        self.characters: dict[str, str | None] = characters
        if scripts:
            for name in scripts:
                # The name goes into a regex: it must be a bare script name, nothing more.
                if not _SCRIPT_NAME.fullmatch(name):
                    raise rule.error(f"unknown Unicode script {name!r}")
                try:
                    regex.compile(rf"\p{{Script={name}}}")
                except regex.error:
                    raise rule.error(f"unknown Unicode script {name!r}") from None
            # A run: words of letters and marks of these scripts, with the spaces and joiners
            # between them. Digits and punctuation alone are other rules' business.
            letter = "[[" + "".join(rf"\p{{Script={n}}}" for n in scripts) + r"]&&[\p{L}\p{M}]]"
            self.pattern = regex.compile(
                rf"{letter}+(?:[\p{{Zs}}\u200c\u200d]+{letter}+)*", regex.VERSION1)
            self.first = regex.compile(letter, regex.VERSION1)
            self.skip_ascii = True
        else:
            self.pattern = regex.compile(
                "[" + "".join(regex.escape(c) for c in characters) + "]+", regex.VERSION1)
            self.first = self.pattern
            # Replacement runs are the same character class: a flag-only character must not
            # ride along with fixable ones in one finding.
            self.skip_ascii = all(not c.isascii() for c in characters)

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        return (self.pattern,)

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        matches = self._matches_outside_ascii(text) if self.skip_ascii else (
            regex_matches(self.pattern, text))
        for m in matches:
            if not self.characters:
                yield self.finding(text, m.start(), m.end(), safe=False)
                continue
            run = m.group()
            if any(self.characters[c] is None for c in run):
                yield self.finding(text, m.start(), m.end(), safe=False)
            else:
                yield self.finding(text, m.start(), m.end(),
                                   ["".join(self.characters[c] or "" for c in run)])

    def _matches_outside_ascii(self, text: str) -> Iterator[regex.Match[str]]:
        """The matches a scan of the whole text finds, trying only where one can start.

        A match starts with a non-ASCII character of the rule's class (`first`). English text
        rarely holds one, and the non-ASCII characters it holds are found at C speed, whereas a
        Unicode script class tested at every character is the slowest thing in a check
        (issue 5). Matches are tried in text order from the end of the previous one, as the
        scan does, so they are the same matches.
        """
        alphabet, runs = non_ascii(text)
        if not any(self.first.match(c) for c in alphabet):  # the usual case
            return
        end = 0
        for run_start, run in runs:
            for i, c in enumerate(run):
                at = run_start + i
                if at < end or not self.first.match(c):
                    continue
                m = self.pattern.match(text, at, timeout=REGEX_TIMEOUT_S)
                if m is not None:
                    yield m
                    end = m.end()


def _non_ascii(text: str) -> tuple[frozenset[str], tuple[tuple[int, str], ...]]:
    """The distinct non-ASCII characters of `text`, and its runs of them with their offsets."""
    runs = tuple((m.start(), m.group()) for m in _NON_ASCII_RUN.finditer(text))
    return frozenset("".join(run for _, run in runs)), runs


non_ascii = TextMemo(_non_ascii)  # every script rule asks about the same texts in turn


_NON_ASCII_RUN = regex.compile(r"[^\x00-\x7f]+")
