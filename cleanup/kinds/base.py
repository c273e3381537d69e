"""What every check kind shares: building findings from a rule and a match."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import regex

from cleanup.finding import Finding
from cleanup.phrases import PhraseIndex

if TYPE_CHECKING:
    from cleanup.pack import Rule

Hits = Sequence[tuple[int, int, int]]  # (start, end, entry) of this check's literal phrases

# User patterns run with a time limit so a catastrophic-backtracking pattern cannot hang a
# pre-commit hook.
REGEX_TIMEOUT_S = 1.0


class Check:
    """A compiled rule. Subclasses declare their YAML keys and find matches in prose."""

    KEYS: ClassVar[Mapping[str, str]] = {}  # key → what it holds (for docs and validation)

    def __init__(self, rule: Rule, owner: int, phrases: PhraseIndex) -> None:
        self.rule = rule
        self.owner = owner

    @classmethod
    def validate(cls, rule: Rule) -> None:
        """Raise the rule's PackError if its kind-specific keys are wrong (no phrase index)."""
        cls(rule, 0, PhraseIndex())

    def find(self, text: str, hits: Hits) -> Iterable[Finding]:
        raise NotImplementedError

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


def compile_regex(rule: Rule, pattern: Any, key: str = "pattern") -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise rule.error(f"{key!r} must be a non-empty regular expression string")
    flags = regex.VERSION1 | (regex.IGNORECASE if rule.case_sensitive is False else 0)
    try:
        compiled = regex.compile(pattern, flags)
    except regex.error as exc:
        raise rule.error(f"{key!r} is not a valid regular expression: {exc}") from None
    if compiled.search("") is not None and compiled.fullmatch("") is not None:
        raise rule.error(f"{key!r} matches the empty string")
    return compiled


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


def regex_matches(pattern: regex.Pattern[str], text: str) -> Iterator[regex.Match[str]]:
    # TimeoutError propagates: the engine turns it into a finding that says the rule gave up.
    return pattern.finditer(text, timeout=REGEX_TIMEOUT_S)


def add_phrase(rule: Rule, phrases: PhraseIndex, owner: int, entry: int, phrase: str) -> None:
    try:
        phrases.add(owner, entry, phrase, bool(rule.case_sensitive))
    except ValueError as exc:
        raise rule.error(str(exc)) from None

