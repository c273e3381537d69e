r"""`fragment`: sentence pieces that machine translation leaves behind when it reorders words.

    checks: [one-word, verbless, lowercase-start]    # which shapes to flag (default: all)
    max_words: 12          # a verbless sentence longer than this is left alone (default 12)
    verbs: "is was said took ..."   # words that make a sentence finite, besides -ed forms
    abbreviations: "Mr Dr No ..."   # a full stop after these does not end a sentence

Persian and Arabic put the verb late or leave it out ("nominal sentences"), and machine
translation that splits or reorders clauses strands pieces: a lone "Is.", a verbless
"Several factions.", a sentence that starts in lowercase after a full stop. Only sentences that
follow another sentence in the same paragraph are judged (a paragraph of its own is a
headline, byline or caption), and never inside quotation marks. Flag only: the missing words
are not known.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, string_list

if TYPE_CHECKING:
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

CHECKS = ("one-word", "verbless", "lowercase-start", "verbless-that-clause")
# A sentence ends at . ! ? (after any closing quotes or brackets) before white space: the
# white space is group 1. Starting from the stop lets the search skip to stops; a lookbehind
# before the space was tried at every character. The standard library's engine scans a
# megabyte in a third less time than regex; its \s is str.isspace, which unlike Unicode's
# White_Space holds \x1c-\x1f.
_END = re.compile(r"[.!?][\"”’')\]]*+([ \t]+)(?=[^\s]|[\x1c-\x1f])")
_WORD = regex.compile(r"[\p{L}\p{M}\d]+(?:['’\-.][\p{L}\p{M}\d]+)*")
# The same in ASCII text, where the standard library's engine is quicker.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['\-.][A-Za-z0-9]+)*")
# The end of a word (`_WORD`, or `_ASCII_WORD` in ASCII) in -ed or -ing, in any case: ASCII
# letters only, as those are all that lowercase to them one for one.
_ED_ING_WORD = regex.compile(r"(?:[eE][dD]|[iI][nN][gG])(?![\p{L}\p{M}\d]|['’\-.][\p{L}\p{M}\d])")
# Two letters or digits with white space between them are in two words.
_TWO_WORDS = re.compile(r"[A-Za-z0-9]\S*\s+\S*?[A-Za-z0-9]")
# "said that …" / "told the agency that …": the clause runs to the end of the sentence.
_THAT_CLAUSE = regex.compile(
    r"\b(?:said|stated|added|announced|confirmed|stressed|explained|noted|revealed|indicated"
    r"|told(?: \p{Lu}[\p{L}-]*)+) that (?<clause>[^\"“”:;]+[.!?])$")
# Words after an -ed form that make it a passive participle ("loaded with", "carried by").
_AFTER_PARTICIPLE = {"with", "by", "from"}
_AFTER_VERB = {"the", "a", "an", "that", "to", "his", "her", "its", "their", "this", "these",
               "on", "in", "at", "with", "from", "into", "it", "them", "him", "no", "not",
               "all", "some", "more", "several", "many", "about", "over", "up", "out"}
_AFTER_COLON = regex.compile(r":[ \t]+(\p{L}+)\.$")
_STRANDED_AFTER_COLON = regex.compile(r":[ \t]+\p{L}+\.")  # `_AFTER_COLON` anywhere in a line


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


class FragmentCheck(Check):
    LOCAL = True
    KEYS = {
        "checks": f"which shapes to flag: {', '.join(CHECKS)} (default: all)",
        "max_words": "longest verbless sentence that is flagged (default 12)",
        "verbs": "words that make a sentence finite (besides words ending in -ed)",
        "abbreviations": "words whose full stop does not end a sentence",
        "nouns": "words ending in -s that are never verbs (news, series, …)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        self.checks = set(string_list(rule, "checks", required=False) or CHECKS)
        unknown = self.checks - set(CHECKS)
        if unknown:
            raise rule.error(f"unknown checks {sorted(unknown)} (known: {', '.join(CHECKS)})")
        self.max_words = rule.spec.get("max_words", 12)
        if not isinstance(self.max_words, int) or self.max_words < 1:
            raise rule.error("'max_words' must be a positive whole number")
        self.verbs = _words(rule, "verbs")
        self.nouns = _words(rule, "nouns")
        self.abbreviations = {w.rstrip(".") for w in _words(rule, "abbreviations")}
        # Verbs a word between white space can be only if it is one word (not "'tis").
        self.plain_verbs = {w for w in self.verbs if w.isascii() and w.isalpha()}

    def find(self, text: str, hits: Hits) -> Iterator[Finding]:
        # Where sentences may end is searched in the whole text at once and handed to each
        # line: an end never reaches across a line break.
        ends = _END.finditer(text)
        end = next(ends, None)
        offset = 0
        for line in text.splitlines(keepends=True):
            after = offset + len(line)
            breaks = []
            while end is not None and end.start(1) < after:
                breaks.append((end.start() - offset, end.start(1) - offset, end.end(1) - offset))
                end = next(ends, None)
            # A line of one sentence can only hold the shapes after a colon or 'that'.
            if (breaks or ":" in line or " that " in line) and self._may_hold(line, breaks):
                for shape, start, stop in self._paragraph(line, breaks):
                    yield self.finding(text, offset + start, offset + stop,
                                       message_vars={"shape": shape})
            offset = after

    def _may_hold(self, line: str, breaks: list[tuple[int, int, int]]) -> bool:
        """Can the line hold a finding? A quick answer, where True means "maybe": most lines
        of prose have no colon before a last word and no reported clause, and each sentence
        after the first starts in uppercase and, up to where it may end, is a question or an
        exclamation or has a verb and two words."""
        if ":" in line and _STRANDED_AFTER_COLON.search(line) or _may_report(line):
            return True
        ends = [stop for stop, _, _ in breaks[1:]] + [len(line.rstrip()) - 1]
        for (_, _, space_end), stop in zip(breaks, ends):
            if _may_start_lowercase(line[space_end]):
                return True
            # Only a full stop can be an abbreviation's: after ! or ? the sentence has ended.
            if line[stop] == "." and not self._has_verb_and_two_words(line[space_end:stop]):
                return True
        return False

    def _paragraph(self, line: str, breaks: list[tuple[int, int, int]]
                   ) -> Iterator[tuple[str, int, int]]:
        # Each shape is tested first by what it cannot do without, which most sentences lack.
        checks = self.checks
        sentences = self.sentences(line, breaks)
        for number, sentence in _unquoted(line, sentences):
            text = sentence.text
            after_colon = ("one-word" in checks and _may_end_after_colon(text)
                           and _AFTER_COLON.search(text))
            if after_colon and after_colon.group(1).lower() in self.verbs:
                # "…Prime Minister: Is." – a verb stranded after a colon.
                yield ("one word", sentence.start + after_colon.start(1),
                       sentence.start + after_colon.end())
                continue
            if "verbless-that-clause" in checks and _may_report(text):
                clause = _THAT_CLAUSE.search(text)
                if clause and self._verbless_clause(clause.group("clause")):
                    yield ("reported clause without a verb", sentence.start + clause.start(),
                           sentence.end)
                    continue
            if number == 0:
                continue
            # "the two countries. the two brotherly…"; not a directive ("cleanup: ignore")
            # or a brand ("eBay").
            # After a quotation ('"Why?" he asked.') a lowercase attribution is normal.
            if "lowercase-start" in checks and _may_start_lowercase(text):
                first = _first_word(text)
                if (first.isalpha() and first.islower()
                        and text[len(first):len(first) + 1] in (" ", ",")
                        and sentences[number - 1].text.endswith(".")
                        and not self._names_a_subject(text)):
                    yield "starts in lowercase", sentence.start, sentence.start + len(first)
                    continue
            if not text.endswith("."):
                continue  # questions and exclamations are complete in their own way
            if self._has_verb_and_two_words(text):
                continue  # neither one word nor without a verb: most sentences, quickly
            words = _words_in(text)
            if "one-word" in checks and len(words) == 1:
                yield "one word", sentence.start, sentence.end
            elif ("verbless" in checks and 1 < len(words) <= self.max_words
                  and self.verbs.isdisjoint(map(str.lower, words))
                  and not any(self._verb_like(w, i, words) for i, w in enumerate(words))):
                yield "no verb", sentence.start, sentence.end

    def sentences(self, line: str, breaks: list[tuple[int, int, int]]) -> list[Sentence]:
        """The line's sentences, given where a sentence may end (`_END`): the stop, and the
        start and end of the white space after it."""
        out: list[Sentence] = []
        start = 0
        for stop, space_start, space_end in breaks:
            if self._abbreviation(line, start, stop):
                continue
            out.append(Sentence(start, space_start, line[start:space_start]))
            start = space_end
        rest = line[start:].rstrip()
        if rest:
            out.append(Sentence(start, start + len(rest), rest))
        return out

    def _abbreviation(self, line: str, start: int, stop: int) -> bool:
        """Does the full stop at `stop` belong to an abbreviation or initial? The sentence
        so far starts at `start`."""
        if line[stop] != ".":
            return False
        # The last word before the stop, looked for in the few characters before it first.
        tail = max(start, stop - 32)
        tokens = line[tail:stop].rsplit(None, 1)
        if len(tokens) < 2 and tail > start:
            tokens = line[start:stop].rsplit(None, 1)
        last = tokens[-1] if tokens else ""
        last = last.lstrip("(\"“‘'")
        return (len(last) == 1 or "." in last or last.lower() in self.abbreviations
                or last.isdigit())

    def _has_verb_and_two_words(self, sentence: str) -> bool:
        """Does the sentence have a word `_verb_like` takes for a verb in any place, and more
        than one word? A quick answer, where False means "maybe not": a verb of letters alone
        between white space (one word in `_words_in`'s reading), or a word ending in -ed or
        -ing; and two letters or digits with white space between them."""
        return (_TWO_WORDS.search(sentence) is not None
                and (not self.plain_verbs.isdisjoint(sentence.lower().split())
                     or _ED_ING_WORD.search(sentence) is not None))

    def _verbless_clause(self, clause: str) -> bool:
        """A reported clause of eight words or more with no finite verb: participles
        ("tankers loaded with oil", "consisting of") do not count."""
        words = _words_in(clause)
        if len(words) < 8:
            return False
        for i, word in enumerate(words):
            lower = word.lower()
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            if lower.endswith("ed") and lower not in self.verbs:
                if not following or following not in _AFTER_PARTICIPLE:
                    return False  # "the army attacked the town", "the attack failed"
            elif lower.endswith("ing"):
                continue
            elif lower in self.verbs:
                return False
            elif self._verb_like(word, i, words) and (
                    not following or following in _AFTER_VERB or following[0].isdigit()):
                return False  # "the convoy includes 69 vehicles"; not "grain silos spread"
        return True

    def _names_a_subject(self, sentence: str) -> bool:
        """Does a lowercase sentence open on a noun and a verb in the present tense ("pid can
        refer to any process", "value defaults to None")? That is a parameter or command
        whose code formatting was lost, not a piece of a sentence; a report is in the past
        ("bakers said that …")."""
        words = _words_in(sentence[:80])
        if len(words) < 3 or words[0] in self.verbs or words[0] in _NOT_BEFORE_VERB \
                or words[0].endswith("ly") or words[0] in _ADVERBS:
            return False
        second = words[1].lower()
        return second in _PRESENT_TENSE or (
            second.endswith("s") and self._verb_like(words[1], 1, words))

    def _verb_like(self, word: str, index: int, words: list[str]) -> bool:
        lower = word.lower()
        if lower in self.verbs or lower.endswith(("ed", "ing")):
            return True
        # A lowercase -s word is a verb after its subject ("the war continues"); not after a
        # determiner or preposition ("of major attacks").
        return (word[0].islower() and len(lower) > 3 and lower.endswith("s")
                and not lower.endswith(("ss", "us", "is"))
                and lower not in self.nouns and index > 0
                and words[index - 1].lower() not in _NOT_BEFORE_VERB
                and not words[index - 1][0].isdigit()
                and not words[index - 1].lower().endswith(_ADJECTIVE_ENDINGS))


def _unquoted(line: str, sentences: list[Sentence]) -> Iterable[tuple[int, Sentence]]:
    """The line's sentences (numbered) that are neither inside quotation marks nor have any."""
    if not _has_quotes(line):
        return enumerate(sentences)  # the common case, quickly
    return _unquoted_among(line, sentences)


def _unquoted_among(line: str, sentences: list[Sentence]) -> Iterator[tuple[int, Sentence]]:
    depth = 0  # open curly quotes before the sentence
    straight = 0  # straight quotes before the sentence
    counted = 0  # how far into the line `straight` has counted
    for number, sentence in enumerate(sentences):
        # Counted on from the last sentence: counting from the start of the line each
        # time was quadratic in a long paragraph.
        straight += line.count('"', counted, sentence.start)
        counted = sentence.start
        quoted = depth > 0 or straight % 2 == 1
        depth = max(depth + sentence.text.count("“") - sentence.text.count("”"), 0)
        if not quoted and not _has_quotes(sentence.text):
            yield number, sentence


# What `_AFTER_COLON`, `_THAT_CLAUSE` and a lowercase first word cannot do without: quick
# tests that most sentences fail.
def _may_end_after_colon(sentence: str) -> bool:
    return ":" in sentence and sentence.endswith(".")


def _may_report(sentence: str) -> bool:
    return " that " in sentence and ("d that " in sentence or "told " in sentence)


def _may_start_lowercase(sentence: str) -> bool:
    first = sentence[:1]
    return first.isalpha() and not first.isupper()


def _has_quotes(text: str) -> bool:
    return '"' in text or "“" in text or "”" in text


def _word_regex(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    return _ASCII_WORD if text.isascii() else _WORD


def _words_in(sentence: str) -> list[str]:
    return _word_regex(sentence).findall(sentence)


def _first_word(sentence: str) -> str:
    """The word the sentence starts with, or ''."""
    first = _word_regex(sentence).match(sentence)
    return first.group() if first else ""


def _words(rule: Rule, key: str) -> set[str]:
    """A word list given as a list, or as one string of words (YAML reads a bare 'no' or
    'yes' in a list as a boolean, so long lists are easier to write as text)."""
    return {w.lower() for entry in string_list(rule, key, required=False)
            for w in entry.replace(",", " ").split()}


_NOT_BEFORE_VERB = {
    "the", "a", "an", "of", "on", "in", "at", "for", "with", "by", "from", "to", "into", "and",
    "or", "its", "their", "his", "her", "our", "your", "these", "those", "some", "many",
    "several", "all", "both", "other", "more", "most", "such", "two", "three", "four", "five",
    "few", "major", "minor", "new", "old", "main", "key", "top", "big", "large", "small", "great",
    "high", "low", "any", "no", "various", "numerous", "against", "about", "over", "under",
}
_PRESENT_TENSE = {"is", "are", "can", "may", "might", "must", "should", "will", "would", "has",
                  "have", "does", "need", "needs"}
# Adverbs that open a clause of their own ("also said that"), which a noun never follows.
_ADVERBS = {"also", "then", "still", "just", "only", "even", "thus", "so", "yet", "however",
            "meanwhile", "therefore", "again", "now", "later", "earlier", "instead"}
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "less", "ary", "ian", "ese", "ish", "ern")
