"""What every check kind shares: building findings from a rule and a match."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import regex

from cleanup.finding import Finding
from cleanup.phrases import PhraseIndex

if TYPE_CHECKING:
    from cleanup.document import Document
    from cleanup.pack import Rule

Hits = Sequence[tuple[int, int, int]]  # (start, end, entry) of this check's literal phrases

# User patterns run with a time limit so a catastrophic-backtracking pattern cannot hang a
# pre-commit hook. The limit covers a whole scan of the text, so it grows with the text: a
# flat limit made every regex rule give up on a 50 MB file (issue 6). Sound patterns scan
# megabytes a second, but the slowest built-in one (terms/repeated-phrase) needs about 1.5 s
# a megabyte on a busy machine: the budget per megabyte leaves room for that.
REGEX_TIMEOUT_S = 1.0
REGEX_TIMEOUT_S_PER_MB = 5.0
# The engine checks short texts in batches of up to this many texts and characters, rule by
# rule (`Linter.check_each`); what the rules share about a text is kept for as many.
BATCH_TEXTS = 64
BATCH_CHARS = 1 << 20

Value = TypeVar("Value")


class Check:
    """A compiled rule. Subclasses declare their YAML keys and find matches in prose."""

    KEYS: ClassVar[Mapping[str, str]] = {}  # key → what it holds (for docs and validation)
    # True when the findings in a line can depend on that line alone, so the engine may check
    # a text line by line and keep what did not change (cleanup.incremental); each rule's own
    # regular expressions must then not reach across a line break (`reads_lines_alone`), which
    # a rule may also state with `scope: line` (or deny with `scope: text`).
    LOCAL: ClassVar[bool] = False

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        self.rule = rule
        self.owner = owner

    @classmethod
    def validate(cls, rule: Rule) -> None:
        """Raise the rule's PackError if its kind-specific keys are wrong (no phrase index)."""
        cls(rule, 0, PhraseIndex())

    def find(self, text: str, hits: Hits) -> Iterable[Finding]:
        raise NotImplementedError

    def regexes(self) -> Iterable[regex.Pattern[str]]:
        """The rule's own regular expressions."""
        return ()

    def required_literals(self) -> frozenset[str] | None:
        """Literals one of which the text holds wherever the check finds something, its
        phrase hits aside (the engine skips it in a text without them); None: not known."""
        return None

    def reads_lines_alone(self) -> bool:
        if not self.LOCAL or self.rule.scope == "text":
            return False
        return self.rule.scope == "line" or not any(
            may_cross_lines(p.pattern) for p in self.regexes())

    def find_in(self, doc: Document, hits: Hits) -> Iterable[Finding]:
        """What the engine calls. Most kinds read the prose alone; a kind that compares each
        translation with its source segment (`bilingual`) reads `doc.translations` too."""
        return self.find(doc.text, hits)

    def finding(self, text: str, start: int, end: int, replacements: Iterable[str] = (),
                safe: bool | None = None, message_vars: Mapping[str, Any] | None = None,
                related: tuple[tuple[int, int], ...] = ()) -> Finding:
        rule = self.rule
        matched = text[start:end]
        reps = tuple(dict.fromkeys(r for r in replacements if r != matched))
        if safe is None:
            safe = rule.safe if rule.safe is not None else len(reps) == 1
        variables = {"match": matched, "replacement": reps[0] if reps else "",
                     **(message_vars or {})}
        return Finding(
            rule=rule.id, pack=rule.pack, category=rule.category, severity=rule.severity,
            message=rule.message.format_map(_Lenient(variables)),
            start=start, end=end, text=matched, replacements=reps,
            safe=bool(reps) and safe, url=rule.url, related=related,
        )


class _Lenient(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class TextMemo(Generic[Value]):
    """`function(text)`, remembered for the texts asked about last: the rules of a check ask
    in turn about the same text, or each about every text of a batch. Up to BATCH_TEXTS
    texts and BATCH_CHARS characters are kept (always the last text), so that a long text
    is not held for long."""

    def __init__(self, function: Callable[[str], Value]) -> None:
        self._function = function
        # id(text) → (text, value); holding the text keeps its id from being reused.
        self._kept: dict[int, tuple[str, Value]] = {}
        self._chars = 0

    def __call__(self, text: str) -> Value:
        kept = self._kept.get(id(text))
        if kept is not None and kept[0] is text:
            return kept[1]
        value = self._function(text)
        self._kept[id(text)] = (text, value)
        self._chars += len(text)
        while len(self._kept) > 1 and (
                len(self._kept) > BATCH_TEXTS or self._chars > BATCH_CHARS):
            oldest, _ = self._kept.pop(next(iter(self._kept)))
            self._chars -= len(oldest)
        return value

    def clear(self) -> None:
        self._kept = {}
        self._chars = 0


def compile_regex(rule: Rule, pattern: Any, key: str = "pattern") -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise rule.error(f"{key!r} must be a non-empty regular expression string")
    flags = regex.VERSION1 | (regex.IGNORECASE if rule.case_sensitive is False else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise rule.error(f"{key!r} is not a valid regular expression: {exc}") from None
    try:
        empty = compiled.fullmatch("", timeout=REGEX_TIMEOUT_S)
    except TimeoutError:
        raise rule.error(f"{key!r} takes too long even on empty text") from None
    if empty is not None:
        raise rule.error(f"{key!r} matches the empty string")
    return compiled


def check_templates(rule: Rule, pattern: regex.Pattern[str], templates: Iterable[str],
                    key: str) -> None:
    """Expand each template once at load time, so a bad one fails here and not mid-run."""
    # A pattern that matches the empty string with the same groups (numbers and names).
    names = {number: name for name, number in pattern.groupindex.items()}
    stand_in = regex.compile("".join(
        f"(?P<{names[n]}>)" if n in names else "()" for n in range(1, pattern.groups + 1)))
    match = stand_in.match("")
    assert match is not None
    for template in templates:
        shown = template if template.isprintable() else repr(template)[1:-1]
        try:
            match.expand(template)
        except IndexError:
            raise rule.error(f"{key!r} template '{shown}' refers to a group the pattern "
                             "does not have") from None
        except regex.error as exc:
            raise rule.error(f"{key!r} template '{shown}' is not valid: {exc}") from None


def string_list(rule: Rule, key: str, *, required: bool = True) -> list[str]:
    value = rule.spec.get(key)
    if value is None and not required:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(
            isinstance(v, str) and v.strip() for v in value):
        raise rule.error(f"{key!r} must be a non-empty string or list of non-empty strings")
    return value


# What in a pattern may match or look at a line break: white space, negated classes and
# properties, code points, dot-all, control and catch-all properties. Over-cautious by design:
# a pattern that has one is checked with the whole text, which is always right. Compiled on
# first use (regex's own cache): only compiling a linter needs it, not a cached one.
_MAY_CROSS_LINES = (
    r"\\[nsrvfRWDXPxuUN]|\\0|\\[0-7]{3}|\[\^|\(\?[a-zA-Z]*s|\n"
    r"|\\p\{(?i:c|cc|control|other|any|ascii|common|zyyy|white_?space|wspace|space"
    r"|pattern_white_space|[^}]*[=:][^}]*)\}")


def may_cross_lines(source: str) -> bool:
    return regex.search(_MAY_CROSS_LINES, source) is not None


def regex_matches(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    # TimeoutError propagates: the engine turns it into a finding that says the rule gave up.
    return pattern.finditer(text, timeout=regex_timeout(text))


def regex_timeout(text: str) -> float:
    return REGEX_TIMEOUT_S + REGEX_TIMEOUT_S_PER_MB * len(text) / 1_000_000


def add_phrase(rule: Rule, phrases: PhraseIndex, owner: int, entry: int, phrase: str) -> None:
    try:
        phrases.add(owner, entry, phrase, bool(rule.case_sensitive))
    except ValueError as exc:
        raise rule.error(str(exc)) from None

