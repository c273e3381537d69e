r"""`bilingual`: compare each translation with the source segment it translates (a PO msgid,
an XLIFF <source>). Plain text and Markdown carry no source segments: there these rules find
nothing. Findings are never fixed automatically: only a translator knows the right words.

    compare: identical     # the translation repeats its source (at least `min_words` words, 2)
    compare: empty         # an empty translation of a non-empty source
    compare: tokens        # what `pattern` matches in the source must be in the translation,
    pattern: '\d+'         #   as often; digits of any script compare as ASCII (۲۵ is 25), and
    both_ways: true        #   grouping commas are dropped; `both_ways`: also flag tokens of the
                           #   translation that the source lacks (placeholders)
    compare: script        # runs of these scripts in the translation, when the source is
    scripts: [Arabic]      #   written in them: source text left untranslated

Message fields: {tokens} (what differs, for `tokens`), {script} (for `script`).
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import regex

from cleanup.finding import Finding
from cleanup.kinds.base import Check, Hits, compile_regex, regex_matches, string_list

if TYPE_CHECKING:
    from cleanup.document import Document, Translation
    from cleanup.pack import Rule
    from cleanup.phrases import PhraseIndex

_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ","})  # Arabic decimal, thousands
_GROUPING = regex.compile(r"(?<=\d),(?=\d{3}(?!\d))")


class BilingualCheck(Check):
    KEYS = {
        "compare": "identical | empty | tokens | script",
        "pattern": "tokens: a regular expression for what must carry over (numbers, placeholders)",
        "both_ways": "tokens: also flag tokens of the translation the source lacks",
        "scripts": "script: Unicode script names of source text that must not be left over",
        "min_words": "identical: the fewest words a source needs to count (default 2)",
    }

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        super().__init__(rule, owner, phrases)
        if rule.safe:
            raise rule.error("a bilingual rule has no automatic fix: drop 'safe: true'")
        compares: dict[str, Callable[[str, Translation], Iterable[Finding]]] = {
            "identical": self._identical, "empty": self._empty, "tokens": self._tokens,
            "script": self._script}
        compare = rule.spec.get("compare")
        if compare not in compares:
            raise rule.error(f"'compare' must be one of {', '.join(compares)}")
        self.compare = compares[compare]
        self.min_words = rule.spec.get("min_words", 2)
        if not isinstance(self.min_words, int) or isinstance(self.min_words, bool) or \
                self.min_words < 1:
            raise rule.error("'min_words' must be a whole number of at least 1")
        self.both_ways = rule.spec.get("both_ways", False)
        if not isinstance(self.both_ways, bool):
            raise rule.error("'both_ways' must be true or false")
        self.pattern = compile_regex(rule, rule.spec.get("pattern")) if compare == "tokens" \
            else None
        self.scripts = _script_runs(rule) if compare == "script" else {}

    def find_in(self, doc: Document, hits: Hits) -> Iterator[Finding]:
        for unit in doc.translations:
            yield from self.compare(doc.text, unit)

    def _identical(self, text: str, unit: Translation) -> Iterator[Finding]:
        target = text[unit.start:unit.end]
        words = sum(1 for w in unit.source.split() if any(c.isalpha() for c in w))
        if words >= self.min_words and target.split() == unit.source.split():
            yield self.finding(text, *_trimmed(text, unit))

    def _empty(self, text: str, unit: Translation) -> Iterator[Finding]:
        if unit.source.strip() and not text[unit.start:unit.end].strip():
            yield self.finding(text, unit.start, unit.start)

    def _tokens(self, text: str, unit: Translation) -> Iterator[Finding]:
        assert self.pattern is not None
        source = Counter(_comparable(m.group()) for m in regex_matches(self.pattern, unit.source))
        target = text[unit.start:unit.end]
        found = [(m, _comparable(m.group())) for m in regex_matches(self.pattern, target)]
        missing = source - Counter(token for _, token in found)
        if missing:
            listed = ", ".join(f"'{t}'" for t in missing.elements())
            yield self.finding(text, *_trimmed(text, unit),
                               message_vars={"tokens": f"{listed} missing"})
        if not self.both_ways:
            return
        extra = Counter(token for _, token in found) - source
        for m, token in found:
            if extra[token] > 0:
                extra[token] -= 1
                yield self.finding(text, unit.start + m.start(), unit.start + m.end(),
                                   message_vars={"tokens": f"'{m.group()}' not in the source"})

    def _script(self, text: str, unit: Translation) -> Iterator[Finding]:
        target = text[unit.start:unit.end]
        for name, run in self.scripts.items():
            if not run.search(unit.source):
                continue
            for m in regex_matches(run, target):
                yield self.finding(text, unit.start + m.start(), unit.start + m.end(),
                                   message_vars={"script": name})


def _script_runs(rule: Rule) -> dict[str, regex.Pattern[str]]:
    """Per script, a run of its words with the spaces and joiners between them."""
    runs = {}
    for name in string_list(rule, "scripts"):
        letter = rf"[\p{{Script={name}}}&&[\p{{L}}\p{{M}}]]"
        try:
            runs[name] = regex.compile(
                rf"{letter}+(?:[\p{{Zs}}\u200c\u200d]+{letter}+)*", regex.VERSION1)
        except regex.error:
            raise rule.error(f"unknown Unicode script {name!r}") from None
    return runs


def _trimmed(text: str, unit: Translation) -> tuple[int, int]:
    """The translation without the spaces around it: the span a whole-segment finding marks."""
    target = text[unit.start:unit.end]
    start = unit.start + len(target) - len(target.lstrip())
    return start, max(start, unit.start + len(target.rstrip()))


def _comparable(token: str) -> str:
    """Digits of any script as ASCII, Arabic separators as English ones, no grouping commas:
    '۱٬۰۰۰', '1,000' and '1000' compare equal, and so do '۳٫۵' and '3.5'."""
    digits = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in token)
    return _GROUPING.sub("", digits.translate(_SEPARATORS))
