"""Run a rule's regular expression only on the lines that can hold a match (issue 5).

Most regex rules find nothing in clean prose, yet the `regex` module tries them at almost
every position: it skips ahead only to a literal at the very start of a pattern. At compile
time `prefilter_for` reads the pattern's parse tree and works out, conservatively:

* literals every match must contain (one of a small set, e.g. ' goals' or ' ,'/' ;'/...), in
  the manner of RE2's prefilter: exact strings, prefixes and suffixes of each node, crossed
  through concatenation and joined through alternation; and
* whether a match is confined to one line: nothing it consumes can match a line break, and a
  look-ahead that can reads at most `reach` characters on.

`filtered_matches` then finds the literals (every rule's in one Aho-Corasick pass over the
text, `_LiteralIndex`) and runs the pattern only on the lines that hold one (with the real
text before and `reach` + 2 characters after, so look-behinds, \\b and $ see what they see
in a whole-text scan). A match cannot start on another line, so the matches are those of a
whole-text scan. A pattern not confined to lines is tried only where one of the literals
every match starts with occurs (if they are few), or else skipped only when none of its
literals occurs at all; one whose parse tree holds anything this module does not know gets no
prefilter. A word written twice has no literal to find (`_repeated_word_blanks`): it is looked
for on the lines where a cheap byte-level scan sees one. A pattern whose every match holds one
of a few single characters it does not start with ('?' after a look-behind, a set such as
[\\u200c\\u200d]) is run only on the lines holding one, if they are rare (`Prefilter.chars`):
the regex module skips fast only to a literal a pattern starts with. A pattern rule may also
name an anchor of its own (`Anchor`). tests/test_prefilter.py compares the scans.

The same literals tell the engine which checks can find anything in a text at all (`Gates`):
one look-up per text, instead of a call per rule and pattern that finds nothing in most small
files.

The parse tree comes from `regex._regex_core`, the module's own parser (not public API): if it
changes shape, the analysis raises and the rule simply runs unfiltered.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain, compress, product
from operator import not_
from typing import NamedTuple

import ahocorasick
import regex
from regex import _regex_core as core

from cleanup.document import lines_holding
from cleanup.kinds.base import TextMemo, regex_timeout

# Bounds of the analysis: more alternatives than this are no literal requirement.
MAX_LITERALS = 32
MAX_SET_CHARS = 8
SELECTIVE_LENGTH = 5
MAX_SEARCHED = 16
MAX_COPIES = 8
# Below this share of the text the lines with a literal are scanned one by one; above it, the
# whole text at once (as fast, fewer calls).
WINDOWED_SHARE = 0.25
# A pattern that may span lines is tried at each place one of its first literals occurs, unless
# they occur more than once in this many characters (then one scan of the text is faster).
CHARS_PER_START = 64
# A pattern that needs one of a few characters is run on the lines holding one, unless they occur
# more than once in this many characters (then its own scan of the text is about as fast).
CHARS_PER_WINDOW = 1024

Strings = frozenset[str] | None  # None: nothing known


@dataclass(frozen=True)
class Prefilter:
    literals: tuple[str, ...]  # every match contains at least one of these
    reach: int | None  # None: a match may span lines; else how far past its line it may look
    starts: tuple[str, ...] = ()  # every match starts with one of these (if few are known)
    # Every match holds a word, some of these blanks and the same word again ("": not known).
    repeated_word: str = ""
    # Every match holds one of these characters (known when no longer literal is).
    chars: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Unpickled through __init__, so that a cached linter's literals are known.
        return Prefilter, (self.literals, self.reach, self.starts, self.repeated_word,
                           self.chars)

    def __post_init__(self) -> None:
        _INDEX.add(self.searched)

    @property
    def searched(self) -> tuple[str, ...]:
        """The literals `filtered_matches` looks for."""
        if self.repeated_word:
            return ()
        return self.starts if self.reach is None and self.starts else self.literals


class _Unsupported(Exception):
    """A construct the analysis does not model: the pattern runs unfiltered."""


# What the analysis does not model.
_UNMODELLED_FLAGS = regex.REVERSE | regex.POSIX | regex.WORD
_ANALYSIS_ERRORS = (_Unsupported, core.error, AttributeError, TypeError, ValueError)


def prefilter_for(pattern: regex.Pattern[str]) -> Prefilter | None:
    """What every match of `pattern` must contain, if provable; None otherwise."""
    try:
        analysis = _analysis(pattern)
        tree, literals, starts = analysis.tree, analysis.literals, analysis.starts
        if _starts_with_literal(tree, SELECTIVE_LENGTH):
            return None  # as fast as any prefilter
        reach = _Reach(tree).reach
        repeated_word = _repeated_word_blanks(tree) if reach is not None else ""
        chars = (() if literals or starts or repeated_word or _starts_with_literal(tree, 1)
                 else _single_chars(analysis.best))
    except _ANALYSIS_ERRORS:
        return None
    if not (literals or starts or repeated_word or chars):
        return None
    return Prefilter(literals, reach, starts, repeated_word, chars)


def required_literals(patterns: Iterable[regex.Pattern[str]]) -> frozenset[str] | None:
    """Literals one of which every match of any of `patterns` holds, also of a pattern that
    opens on a literal (which gets no prefilter); None if one pattern has none known."""
    needed: set[str] = set()
    for pattern in patterns:
        try:
            analysis = _analysis(pattern)
        except _ANALYSIS_ERRORS:
            return None
        literals = analysis.literals or analysis.starts
        if not literals:
            return None
        needed.update(literals)
    return frozenset(needed)


class _Analysis(NamedTuple):
    tree: core.RegexBase
    best: Strings  # every match holds one of these
    literals: tuple[str, ...]  # of `best`, those worth searching for (or none)
    starts: tuple[str, ...]  # prefixes every match starts with, worth searching for (or none)


@lru_cache(maxsize=1024)
def _analysis(pattern: regex.Pattern[str]) -> _Analysis:
    """The pattern's parse tree and the literals its matches hold, worked out once: a rule's
    prefilter and the engine's gate for the rule (`required_literals`) both ask, and parsing
    took 40% of building the built-in linter."""
    if pattern.flags & _UNMODELLED_FLAGS:
        raise _Unsupported("flags")
    tree = _parse(pattern)
    found = _literals(tree, _group_strings(tree))
    return _Analysis(tree, found.best, _searchable(found.best, str.__contains__),
                     _searchable(_truncated(found.prefixes), str.startswith))


def _searchable(literals: Strings, covers: Callable[[str, str], bool]) -> tuple[str, ...]:
    """The literals worth a pass of str.find each, without those that `covers` another (a
    line holding 'goals' holds 'goal'); () if none are."""
    if literals is None or min(map(len, literals)) < 2:
        return ()  # the regex module skips to a character as fast as str.find does
    kept = tuple(sorted(a for a in literals if not any(
        b != a and covers(a, b) for b in literals)))
    # Dozens of literals (most short and common) rule out few lines.
    return kept if len(kept) <= MAX_SEARCHED else ()


def _single_chars(literals: Strings) -> tuple[str, ...]:
    """The literals if they are a few single characters, else ()."""
    if literals is None or len(literals) > MAX_SET_CHARS or any(len(c) != 1 for c in literals):
        return ()
    return tuple(sorted(literals))


def _truncated(prefixes: Strings) -> Strings:
    """Prefixes cut to a length that is rare enough: fewer distinct ones to look for."""
    return None if prefixes is None else frozenset(p[:SELECTIVE_LENGTH + 1] for p in prefixes)


def filtered_matches(pattern: regex.Pattern[str], prefilter: Prefilter | None,
                     text: str) -> Iterator[regex.Match[str]]:
    """`regex_matches(pattern, text)` (the same matches in the same order), looking only
    where the prefilter allows."""
    if prefilter is None:
        return pattern.finditer(text, timeout=regex_timeout(text))
    searched = prefilter.searched
    # Most rules' literals occur nowhere in a text: answered by one look-up each (a small
    # file asks some 60 times, at ~4 µs each the long way).
    if searched and not any(map(_INDEX.occurrences(text).__contains__, searched)):
        return iter(())
    timeout = regex_timeout(text)
    if prefilter.chars:
        if not any(map(text.__contains__, prefilter.chars)):
            return iter(())
        found = (None if prefilter.reach is None else
                 occurrences_of(text, prefilter.chars, len(text) // CHARS_PER_WINDOW))
        if found is None:
            return pattern.finditer(text, timeout=timeout)
        lines = lines_holding(text, found)
    elif prefilter.reach is None:
        if prefilter.starts:
            starts = starts_of(text, prefilter.starts, len(text) // CHARS_PER_START)
            if starts is not None:
                return _matches_at(pattern, text, starts, timeout)
        return pattern.finditer(text, timeout=timeout)
    elif prefilter.repeated_word:
        lines = lines_with_repeated_word(text, prefilter.repeated_word)
    else:
        lines = lines_with(text, prefilter.literals)
    if sum(end - start for start, end in lines) > WINDOWED_SHARE * len(text):
        return pattern.finditer(text, timeout=timeout)
    return _matches_in_lines(pattern, text, lines, prefilter.reach, timeout)


def starts_of(text: str, literals: Iterable[str], most: int) -> list[int] | None:
    """Where the literals occur, in order; None if more than `most` times."""
    found = _INDEX.starts(text, literals)
    return None if len(found) > most else found


def occurrences_of(text: str, chars: Iterable[str], most: int) -> list[int] | None:
    """Where the characters occur, in order; None if more than `most` times."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            if len(found) == most:
                return None
            found.append(at)
            at = text.find(char, at + 1)
    return sorted(found)


def _matches_at(pattern: regex.Pattern[str], text: str, starts: list[int],
                timeout: float) -> Iterator[regex.Match[str]]:
    """The matches of a whole-text scan when every match starts at one of `starts`: a scan
    tries each position from the end of the last match on, and the first that matches wins."""
    deadline = time.monotonic() + timeout
    resume = 0
    for at in starts:
        if at < resume:
            continue
        m = pattern.match(text, at, timeout=_time_left(deadline))
        if m is not None:
            yield m
            resume = m.end()  # never empty: it starts with a literal


def _time_left(deadline: float) -> float:
    """What is left of a scan's time limit (the whole-text scan's, shared by its pieces)."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


def lines_with(text: str, literals: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of the lines holding a literal (end: their line break, or the text's end),
    in order, adjacent lines merged."""
    return lines_holding(text, _INDEX.starts(text, literals))


class _LiteralIndex:
    """Where the literals of every prefilter occur in the texts checked last: one Aho-Corasick
    pass over a text finds them all, where a pass of str.find each cost ~0.7 ms a MB (153
    passes for the built-in rules). The rules of a check ask in turn about the same text (or
    each about the texts of a batch: `TextMemo`)."""

    def __init__(self) -> None:
        self._literals: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None
        self.occurrences = TextMemo(self._occurrences)

    def add(self, literals: Iterable[str]) -> None:
        new = set(literals) - self._literals
        if new:
            self._literals |= new
            self._automaton = None
            self.occurrences.clear()  # found without the new literals

    def _occurrences(self, text: str) -> dict[str, list[int]]:
        """literal → where it starts in `text`, overlapping occurrences included, in order."""
        automaton = self._automaton if self._automaton is not None else self._build()
        found: dict[str, list[int]] = {}
        if self._literals:  # (an automaton of no words cannot scan)
            for end, literal in automaton.iter(text):
                found.setdefault(literal, []).append(end - len(literal) + 1)
        return found

    def starts(self, text: str, literals: Iterable[str]) -> list[int]:
        """Where any of the literals starts, in order."""
        found = self.occurrences(text)
        return sorted(chain.from_iterable(found.get(literal, ()) for literal in literals))

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for literal in self._literals:
            automaton.add_word(literal, literal)
        automaton.make_automaton()
        self._automaton = automaton
        return automaton


_INDEX = _LiteralIndex()


class Gates:
    """Which checks may find anything in a text, asked once per text. A check whose every
    finding holds one of its literals (`Check.required_literals`) finds nothing in a text
    without them but its phrase hits: a small file holds the literals of few rules, and one
    look-up in the literal index per text costs less than a call per rule and pattern (issue
    5: the cost of each file)."""

    def __init__(self, needs: Mapping[int, frozenset[str] | None]) -> None:
        self._needs = dict(needs)  # check owner → its literals (None: it may find anything)
        self._always = frozenset(owner for owner, literals in needs.items() if literals is None)
        self._owners: dict[str, list[int]] = {}  # literal → the owners that need it
        for owner, literals in needs.items():
            for literal in literals or ():
                self._owners.setdefault(literal, []).append(owner)
        _INDEX.add(self._owners)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # Unpickled through __init__, so that a cached linter's literals are known.
        return Gates, (self._needs,)

    def open_to(self, text: str, hits: Iterable[int]) -> set[int]:
        """The owners of the checks that may find something in `text` (`hits`: the owners
        of the phrase hits in it)."""
        found = _INDEX.occurrences(text)
        owners = set(self._always)
        owners.update(hits)
        for literal in self._owners.keys() & found.keys():
            owners.update(self._owners[literal])
        return owners


def lines_with_repeated_word(text: str, blanks: str) -> list[tuple[int, int]]:
    """Like `lines_with`, the lines where a word may be followed by some of `blanks` (ASCII
    characters) and itself (see `_repeated_word_blanks`): those where a word follows another
    character than a letter and is followed by blanks and the same word once letters are in
    lower case, and those with characters outside ASCII (whose case folding this does not
    follow)."""
    for mark in _NON_LETTERS:  # common punctuation outside ASCII parts words too
        if mark in text:
            text = text.replace(mark, _PARTING)
    # A space before each line, so that a word at its start follows one as well.
    data = b" " + text.encode("utf-8", "surrogatepass").replace(b"\n", b"\n ")
    # Every character but letters a space: a word repeated there holds most lines out at C
    # speed; a line it keeps is then read with the characters other than blanks kept apart.
    spaced = data.translate(_ASCII_LETTERS_AND_LINE_BREAKS)
    parted = data.translate(_parting_all_but(blanks))
    repeated = []
    line_end = 0
    for m in _REPEATED_WORD.finditer(spaced):
        if m.start() >= line_end:
            line_end = data.find(b"\n", m.end())
            line_end = len(data) if line_end < 0 else line_end
            found = _REPEATED_WORD_PARTED.search(parted, data.rfind(b"\n", 0, m.start()) + 1,
                                                 line_end)
            if found is not None:
                repeated.append(found.start())
    candidates = set(_line_numbers(spaced, repeated))
    lines = data.split(b"\n")  # each with its space before: as long as the line and its break
    other = list(compress(range(len(lines)), map(not_, map(bytes.isascii, lines))))
    candidates.update(other)
    if not candidates:
        return []
    lengths = list(map(len, lines))
    for k in other:
        lengths[k] = len(lines[k].decode("utf-8", "surrogatepass"))
    line_starts = list(accumulate(lengths, initial=0))
    return _merged([(line_starts[k], line_starts[k + 1] - 1) for k in candidates])


def _line_numbers(data: bytes, offsets: Iterable[int]) -> Iterator[int]:
    """The line of each offset, in order."""
    line = at = 0
    for offset in offsets:
        line += data.count(b"\n", at, offset)
        at = offset
        yield line


_REPEATED_WORD = re.compile(rb" ([a-z\x80-\xff]++) ++\1(?![a-z\x80-\xff])")
_NON_LETTERS = "\u00a0\u00ab\u00b6\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
_PARTING = "\x00"  # a character that is neither a letter nor a blank (\x00 is never one)
# What `_parting_all_but` keeps apart: a word after anything but a letter, blanks, the word.
_REPEATED_WORD_PARTED = re.compile(rb"[^a-z\x80-\xff]([a-z\x80-\xff]++) ++\1(?![a-z\x80-\xff])")


@cache
def _parting_all_but(blanks: str) -> bytes:
    """A bytes.translate table: ASCII letters in lower case, the blanks spaces, the line
    break kept, every other ASCII character `_PARTING`; the bytes of other characters kept."""
    return bytes(b | 0x20 if chr(b).isascii() and chr(b).isalpha() else
                 b if b >= 0x80 or b == ord("\n") else
                 ord(" ") if chr(b) in blanks else ord(_PARTING) for b in range(256))


# ASCII letters in lower case, the line break kept, every other ASCII character a space; the
# bytes of other characters (UTF-8) kept.
_ASCII_LETTERS_AND_LINE_BREAKS = _parting_all_but(
    "".join(chr(b) for b in range(128) if not chr(b).isalpha() and chr(b) != "\n"))


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line spans in order, adjacent ones merged."""
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _matches_in_lines(pattern: regex.Pattern[str], text: str, lines: list[tuple[int, int]],
                      reach: int, timeout: float) -> Iterator[regex.Match[str]]:
    deadline = time.monotonic() + timeout
    for start, end in lines:
        # Past the line break: what a look-ahead reads, and one more character for \b and $.
        window_end = min(len(text), end + reach + 2)
        for m in pattern.finditer(text, start, window_end, timeout=_time_left(deadline)):
            if m.start() > end:
                break  # on the next line, which is cut short here
            yield m


def _parse(pattern: regex.Pattern[str]) -> core.RegexBase:
    """The optimised parse tree `regex.compile` builds for `pattern`."""
    source = core.Source(pattern.pattern)
    info = core.Info(pattern.flags, source.char_type, {})
    tree = core._parse_pattern(source, info)
    if not source.at_end():
        raise _Unsupported("unbalanced parenthesis")
    if not info.flags & core._ALL_ENCODINGS:
        info.flags |= core.UNICODE
    tree.fix_groups(pattern.pattern, False, False)
    return tree.optimise(info, False).pack_characters(info)


def _starts_with_literal(tree: core.RegexBase, length: int) -> bool:
    """Does every match start with a literal of `length` characters or more, which the regex
    module skips to by itself?"""
    offset, required = tree.get_required_string(False)
    return offset == 0 and required is not None and _case_sensitive(required) and len(
        required.folded_characters) >= length


# --- literals every match contains ---------------------------------------------------------

def _bounded(strings: Iterable[str] | None) -> Strings:
    if strings is None:
        return None
    strings = frozenset(strings)
    return strings if len(strings) <= MAX_LITERALS else None


def _cross(left: Strings, right: Strings) -> Strings:
    if left is None or right is None or len(left) * len(right) > MAX_LITERALS:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _best(*candidates: Strings) -> Strings:
    """The cheapest requirement to look for that still rules out most lines: each literal
    costs a pass of str.find, and one of SELECTIVE_LENGTH characters is rare enough."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(min(map(len, c)), SELECTIVE_LENGTH), -len(c),
                                      min(map(len, c))))


@dataclass(frozen=True)
class _Literals:
    exact: Strings = None  # the node matches exactly one of these ("" included)
    prefixes: Strings = None  # every match starts with one of these
    suffixes: Strings = None  # ... ends with one of these
    factors: Strings = None  # ... contains one of these

    @classmethod
    def exactly(cls, strings: Iterable[str]) -> _Literals:
        exact = _bounded(strings)
        return cls(exact, exact, exact, exact)

    @property
    def best(self) -> Strings:
        return _best(self.factors, self.exact, self.prefixes, self.suffixes)

    def then(self, other: _Literals) -> _Literals:
        """The literals of this node followed by `other`."""
        return _Literals(
            exact=_cross(self.exact, other.exact),
            prefixes=_cross(self.exact, other.prefixes) or self.prefixes,
            suffixes=_cross(self.suffixes, other.exact) or other.suffixes,
            factors=_best(self.factors, other.factors, _cross(self.suffixes, other.prefixes),
                          _cross(self.exact, other.exact)),
        )


_UNKNOWN = _Literals()  # consumes something we cannot name
_EMPTY = _Literals.exactly([""])  # consumes nothing


def _union(parts: list[Strings]) -> Strings:
    if any(p is None for p in parts):
        return None
    return _bounded(frozenset().union(*parts))  # type: ignore[arg-type]


def _literals(node: core.RegexBase, groups: Mapping[int, Strings]) -> _Literals:
    """What `node` matches; `groups`: what each group matches, for back-references."""
    kind = type(node)
    if kind is core.Sequence:
        return _sequence(node.items, groups)
    if kind is core.Branch:
        return _either([_literals(b, groups) for b in node.branches])
    if kind in (core.Group, core.Atomic):
        return _literals(node.subpattern, groups)
    if kind in _REPEATS:
        return _repeated(_literals(node.subpattern, groups), node.min_count, node.max_count)
    if kind is core.RefGroup and _case_sensitive(node) and groups.get(node.group):
        return _Literals.exactly(groups[node.group])  # (?<m>[,;])\g<m>: ',,' or ';;' or ...
    if kind in _ZERO_WIDTH or kind is core.LookAround:
        return _EMPTY
    if kind in (core.Character, core.String, core.Literal, core.SetUnion, core.Range):
        return _Literals.exactly(_chars_of(node)) if _case_sensitive(node) else _UNKNOWN
    if kind in _OTHER_CONSUMING:
        return _UNKNOWN
    raise _Unsupported(kind.__name__)


def _either(branches: list[_Literals]) -> _Literals:
    return _Literals(_union([b.exact for b in branches]), _union([b.prefixes for b in branches]),
                     _union([b.suffixes for b in branches]), _union([b.best for b in branches]))


def _sequence(items: list[core.RegexBase], groups: Mapping[int, Strings]) -> _Literals:
    """What `items` in a row match. A group referred to later in the row is taken one of its
    strings at a time: the reference repeats that one (',,' or ';;', not ',;')."""
    for i, item in enumerate(items):
        if type(item) is core.Group and _refers_to(items[i + 1:], item.group):
            strings = _literals(item.subpattern, groups).exact
            if strings and len(strings) <= MAX_SET_CHARS:
                return _either([_sequence(
                    [*items[:i], core.String([ord(c) for c in string]), *items[i + 1:]],
                    {**groups, item.group: frozenset([string])}) for string in sorted(strings)])
    result = _EMPTY
    for item in items:
        result = result.then(_literals(item, groups))
    return result


def _refers_to(items: list[core.RegexBase], group: int) -> bool:
    return any(type(node) is core.RefGroup and node.group == group
               for item in items for node in _walk(item, True))


def _group_strings(tree: core.RegexBase) -> dict[int, Strings]:
    """The strings each group may match, where known: a back-reference matches one of them
    (a group defined twice, as in a|b with (?<m>...) in each, matches those of either)."""
    strings: dict[int, list[Strings]] = {}
    for node in _walk(tree, True):
        if type(node) is core.Group:
            strings.setdefault(node.group, []).append(_literals(node.subpattern, {}).exact)
    return {group: _union(found) for group, found in strings.items()}


def _repeated(child: _Literals, least: int, most: int | None) -> _Literals:
    if least == 0:
        if most == 1 and child.exact is not None:
            return _Literals.exactly(child.exact | {""})
        return _EMPTY if most == 0 else _UNKNOWN
    # Every match starts with `least` copies of the child, ends with them and holds them: two
    # spaces for ' {2,}' (a few copies tell as much as many).
    copies = min(least, MAX_COPIES)
    required = child
    for _ in range(copies - 1):
        required = required.then(child)
    if least == most == copies:
        return required
    return _Literals(None, required.prefixes, required.suffixes, required.best)


def _case_sensitive(node: core.RegexBase) -> bool:
    return not node.case_flags & regex.IGNORECASE


def _chars_of(node: core.RegexBase) -> Strings:
    """The strings a literal node or small positive set of characters matches."""
    kind = type(node)
    if kind is core.Character:
        return frozenset([chr(node.value)]) if node.positive else None
    if kind in (core.String, core.Literal):
        return frozenset(["".join(map(chr, node.characters))])
    if kind is core.Range:
        if not node.positive or node.upper - node.lower >= MAX_SET_CHARS:
            return None
        return frozenset(map(chr, range(node.lower, node.upper + 1)))
    if kind is not core.SetUnion or not node.positive:
        return None
    chars = _union([_chars_of(item) for item in node.items])
    return chars if chars is not None and len(chars) <= MAX_SET_CHARS else None


_REPEATS = (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat)
# Assertions that read only the characters next to their position (not \G, \K, verbs, or the
# Unicode word rules of the WORD flag, which read further).
_ZERO_WIDTH = (core.Boundary, core.StartOfWord, core.EndOfWord, core.StartOfString,
               core.EndOfString, core.EndOfStringLine, core.StartOfLine, core.EndOfLine)
_LEAVES = (core.Character, core.String, core.Literal, core.SetUnion, core.SetDiff,
           core.SetInter, core.SetSymDiff, core.Range, core.Property, core.Any, core.AnyAll,
           core.AnyU)
_OTHER_CONSUMING = (*_LEAVES, core.RefGroup)


# --- a repeated word ------------------------------------------------------------------------

def _repeated_word_blanks(tree: core.RegexBase) -> str:
    r"""If every match holds `\b(?<w>\p{L}+)[ \t]+\g<w>\b`, a whole word of letters, blanks
    and the same word (in any case) up to a word boundary: the blanks (" \t"); else "". Then
    the two are whole words of `lines_with_repeated_word`, the same in lower case or with
    letters other than ASCII."""
    items = tree.items if type(tree) is core.Sequence else []
    return next((blanks for i in range(len(items) - 4)
                 if _is_boundary(items[i]) and _is_word_group(items[i + 1])
                 and (blanks := _blanks(items[i + 2]))
                 and _starts_with_ref(items[i + 3], items[i + 1].group)
                 and _is_boundary(items[i + 4])), "")


def _is_boundary(node: core.RegexBase) -> bool:
    return type(node) is core.Boundary and node.positive


def _is_word_group(node: core.RegexBase) -> bool:
    """A group of one or more characters, none an ASCII character other than a letter."""
    return type(node) is core.Group and _is_run_of(node.subpattern, lambda leaf: not any(
        leaf.matches(c) for c in range(128) if not chr(c).isalpha()))


def _blanks(node: core.RegexBase) -> str:
    """The characters of a run of one or more ASCII characters other than letters and the line
    break, e.g. " \t" of [ \t]+; "" if `node` is not such a run."""
    if type(node) is core.Group:
        node = node.subpattern
    chars = _chars_of(node.subpattern) if _is_run_of(node, lambda _: True) else None
    if chars is None or not all(c.isascii() and not c.isalpha() and c != "\n" for c in chars):
        return ""
    return "".join(sorted(chars))


def _is_run_of(node: core.RegexBase, leaf_test: Callable[[core.RegexBase], bool]) -> bool:
    return type(node) in _REPEATS and node.min_count >= 1 and type(
        node.subpattern) in _LEAVES and leaf_test(node.subpattern)


def _starts_with_ref(node: core.RegexBase, group: int) -> bool:
    """Does every match of `node` consume exactly what `group` matched (in some case) and
    nothing else, look-arounds aside?"""
    if type(node) is core.Branch:
        return all(_starts_with_ref(b, group) for b in node.branches)
    items = node.items if type(node) is core.Sequence else [node]
    return type(items[0]) is core.RefGroup and items[0].group == group and all(
        type(n) is core.LookAround or type(n) in _ZERO_WIDTH for n in items[1:])


# --- is a match confined to its line ---------------------------------------------------------

class _Reach:
    """`reach`: None when a match may consume a line break; else how many characters past
    the line break a look-ahead may read."""

    def __init__(self, tree: core.RegexBase) -> None:
        # A back-reference matches what its group matched, which may hold a line break if
        # anything in a group can match one (a look-ahead's \s outside groups cannot).
        self._refs_may_break = any(self._any_leaf(
            group.subpattern,
            lambda leaf: type(leaf) is not core.RefGroup and _matches_line_break(leaf))
            for group in _walk(tree, True) if type(group) is core.Group)
        self.reach: int | None = 0
        if self._may_break(tree):
            self.reach = None
            return
        for lookahead in self._lookaheads(tree):
            if self._may_break(lookahead.subpattern):
                width = lookahead.subpattern.max_width()
                if width >= core.UNLIMITED:
                    self.reach = None
                    return
                self.reach += width  # (look-aheads may nest: their widths add up)

    def _may_break(self, node: core.RegexBase) -> bool:
        """Can what `node` consumes (outside look-arounds) hold a line break?"""
        return self._any_leaf(node, self._leaf_may_break, into_lookarounds=False)

    def _leaf_may_break(self, leaf: core.RegexBase) -> bool:
        if type(leaf) is core.RefGroup:
            return self._refs_may_break
        return _matches_line_break(leaf)

    def _any_leaf(self, node: core.RegexBase, test: Callable[[core.RegexBase], bool],
                  into_lookarounds: bool = True) -> bool:
        return any(test(leaf) for leaf in _walk(node, into_lookarounds) if type(leaf) in
                   _OTHER_CONSUMING)

    def _lookaheads(self, tree: core.RegexBase) -> Iterator[core.LookAround]:
        return (n for n in _walk(tree, True) if type(n) is core.LookAround and not n.behind)


def _walk(node: core.RegexBase, into_lookarounds: bool) -> Iterator[core.RegexBase]:
    yield node
    kind = type(node)
    if kind is core.Sequence:
        children = node.items
    elif kind is core.Branch:
        children = node.branches
    elif kind in (core.Group, core.Atomic, *_REPEATS):
        children = [node.subpattern]
    elif kind is core.LookAround:
        children = [node.subpattern] if into_lookarounds else []
    elif kind in _ZERO_WIDTH or kind in _OTHER_CONSUMING:
        children = []
    else:
        raise _Unsupported(kind.__name__)
    for child in children:
        yield from _walk(child, into_lookarounds)


def _matches_line_break(leaf: core.RegexBase) -> bool:
    kind = type(leaf)
    if kind is core.AnyAll:
        return True
    if kind in (core.Any, core.AnyU):
        return False
    if kind in (core.String, core.Literal):
        return ord("\n") in leaf.characters
    return bool(leaf.matches(ord("\n")))


# --- a rule's declared anchor ------------------------------------------------------------------

@dataclass(frozen=True)
class Anchor:
    """A pattern rule's `anchor` and `before`: every match holds a hit of the anchor and
    starts at the start of a word (a letter, digit or _ after any other character) at most
    `before` words before the hit. `anchored_matches` tries the pattern only there."""
    hits: regex.Pattern[str]  # the anchor
    words_back: regex.Pattern[str]  # matched backwards from a hit: the words before it
    tries: regex.Pattern[str]  # the rule's pattern tried at a place and the next word starts


def anchor_for(pattern: regex.Pattern[str], anchor: regex.Pattern[str], before: int) -> Anchor:
    flags = pattern.flags & ~regex.VERBOSE
    # A comment at the end of a verbose pattern would hide the closing parenthesis.
    closing = "\n)" if pattern.flags & regex.VERBOSE else ")"
    # From a place, the pattern at each of the next `before` word starts in turn, the nearest
    # first (as a whole-text scan tries them); \K makes the match start where it matched.
    tries = regex.compile(rf"\W*+(?:\w++\W++){{0,{before}}}?\K(?:{pattern.pattern}{closing}",
                          flags)
    words_back = regex.compile(rf"(?r)(?:\w++\W*+){{1,{before}}}", flags)
    return Anchor(anchor, words_back, tries)


def anchored_matches(anchor: Anchor, text: str) -> Iterator[regex.Match[str]]:
    """The matches of a whole-text scan of the rule's pattern (see `Anchor`): for each hit,
    the pattern is tried at the word starts before it that were not tried for an earlier hit
    and do not lie in an earlier match."""
    timeout = regex_timeout(text)
    deadline = time.monotonic() + timeout
    resume = 0  # the end of the last match, or past the word starts tried so far
    for hit in anchor.hits.finditer(text, overlapped=True, timeout=timeout):
        at = hit.start()
        if at < resume:
            continue
        back = anchor.words_back.match(text, resume, at)
        m = anchor.tries.match(text, at if back is None else back.start(),
                               timeout=_time_left(deadline))
        if m is not None:
            yield m
            resume = m.end()  # never empty: it holds a hit of the anchor
        else:
            resume = at + 1
