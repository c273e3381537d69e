"""Every rule carries examples; running them is how a pack is tested (`cleanup packs test`)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.engine import Linter
from cleanup.fixes import fix
from cleanup.kinds.languagetool import BackendError
from cleanup.pack import Example, Pack, Rule


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule: Rule
    example: Example
    problem: str
    skipped: bool = False  # the rule's backend is not available here: untested, not failed

    def __str__(self) -> str:
        skipped = "skipped: " if self.skipped else ""
        return f"{self.rule.source}:{self.rule.line}: {self.rule.id}: {skipped}{self.problem}"


def check_rule_examples(rule: Rule) -> Iterator[ExampleFailure]:
    linter = Linter([rule])
    if not rule.examples:
        yield ExampleFailure(rule, Example("", True), "has no examples")
    for example in rule.examples:
        findings = linter.check(_document(example.text, example.source))
        if not example.flagged:
            if findings:
                yield ExampleFailure(rule, example, f"flags the good example {example.text!r} "
                                     f"at {findings[0].text!r}")
            continue
        if not findings:
            yield ExampleFailure(rule, example, f"does not flag the bad example {example.text!r}")
            continue
        if example.fixed is None:
            continue
        source = example.source
        result = fix(linter, _document(example.text, source), unsafe=True,
                     reader=lambda text: _document(text, source))
        if result.text != example.fixed:
            yield ExampleFailure(rule, example, f"fixes {example.text!r} to {result.text!r}, "
                                 f"expected {example.fixed!r}")
        elif any(f.replacements for f in result.remaining):
            yield ExampleFailure(rule, example, f"still wants to change its own fix {result.text!r}")


def _document(text: str, source: str | None) -> Document:
    """An example is plain text, or with a `source` the translation of that source segment."""
    return Document.plain(text) if source is None else Document.bilingual(text, source)


def check_pack_examples(packs: Iterable[Pack]) -> list[ExampleFailure]:
    failures = []
    for pack in packs:
        for rule in pack.rules:
            try:
                failures.extend(check_rule_examples(rule))
            except BackendError as exc:
                failures.append(ExampleFailure(rule, Example("", True), str(exc), skipped=True))
    return failures
