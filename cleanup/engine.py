"""The linter: compiled rules run over a document and give findings in file positions."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from cleanup.document import Document
from cleanup.finding import Finding, Severity
from cleanup.incremental import LineMemo
from cleanup.kinds import KINDS
from cleanup.kinds.base import Check
from cleanup.pack import Pack, Rule, select_rules
from cleanup.phrases import PhraseIndex
from cleanup.suppress import apply_suppressions

TIMEOUT_RULE = "cleanup/rule-timeout"
TOO_MANY_RULE = "cleanup/too-many-findings"
# A rule that flags nearly every character (a pack pattern such as '\w') made a million
# findings of a 1 MB file: 80 s and 3 GB (now 8 s, 250 MB). Past this many findings in one
# document a rule is stopped; a fix still applies up to this many per rule on every pass.
MAX_FINDINGS_PER_RULE = 50_000


class Linter:
    """Compile once, check many documents: an editor keeps one and re-checks on each change."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = list(rules)
        self.phrases = PhraseIndex()
        self.checks: list[Check] = [
            KINDS[rule.kind](rule, owner, self.phrases) for owner, rule in enumerate(self.rules)]
        self._local = [check for check in self.checks if check.reads_lines_alone()]
        self._local_owners = {check.owner for check in self._local}
        self._memo = LineMemo()  # the last text's lines, for the next check

    @classmethod
    def from_packs(cls, packs: Iterable[Pack], select: Sequence[str] = (),
                   ignore: Sequence[str] = ()) -> Linter:
        return cls(select_rules(packs, select, ignore))

    def check(self, doc: Document) -> list[Finding]:
        text = doc.text
        hits = self.phrases.scan(text)
        by_line = self._memo.recheck(self._local, text, hits)
        local = self._local_owners
        whole: dict[int, list[Finding]] | None = {}  # local checks' findings, to remember
        found: list[Finding] = []
        for check in self.checks:
            try:
                if by_line is not None and check.owner in local:
                    findings = list(_capped(by_line[check.owner], check.rule))
                else:
                    findings = list(_capped(check.find_in(doc, hits.get(check.owner, ())),
                                            check.rule))
                    if check.owner in local and whole is not None:
                        whole[check.owner] = findings
                found.extend(findings)
            except TimeoutError:
                found.append(_timeout_finding(check.rule, text))
                whole = None  # a rule that gave up has no findings to remember
        if by_line is None:
            self._memo.remember(text, whole)
        located = [self._locate(doc, f) for f in _distinct(found)]
        located.sort(key=lambda f: (f.start, f.end, f.rule))
        return apply_suppressions(doc, located)

    def check_text(self, text: str) -> list[Finding]:
        return self.check(Document.plain(text))

    @staticmethod
    def _locate(doc: Document, finding: Finding) -> Finding:
        start = doc.to_source(finding.start)
        # An empty span (an empty translation) stays where it starts: as an end offset it
        # would belong to the segment before it.
        end = start if finding.end == finding.start else doc.to_source(finding.end, is_end=True)
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        related = tuple((doc.to_source(a), doc.to_source(b, is_end=True))
                        for a, b in finding.related)
        located = replace(finding, start=start, end=end, line=line, column=column,
                          end_line=end_line, end_column=end_column, related=related)
        if doc.segments is not None and doc.source[start:end] != finding.text:
            # The prose ran across markup (or an entity) here: the file does not hold this
            # text, so a replacement would eat the markup. Report it, never fix it.
            located = replace(located, text=doc.source[start:end], replacements=(), safe=False)
        elif doc.unwritable and located.replacements:
            located = _writable(located, doc.unwritable)
        return located


def _writable(finding: Finding, unwritable: str) -> Finding:
    """Drop the replacements the file cannot hold as they are: writing a quote into a PO
    string or '<' into XML text would break the file, and escaping it is the translator's
    call. What is left stays safe only if nothing was dropped."""
    kept = tuple(r for r in finding.replacements if not any(c in r for c in unwritable))
    if kept == finding.replacements:
        return finding
    return replace(finding, replacements=kept, safe=False)


def _distinct(findings: list[Finding]) -> list[Finding]:
    """One finding per span and fix: when two rules propose the same fix for the same text (a
    listed variant and the entity normalizer, say), the first rule loaded speaks."""
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for f in findings:
        key = (f.start, f.end, f.replacements[0] if f.replacements else "")
        if f.replacements and key in seen:
            continue
        seen.add(key)
        kept.append(f)
    return kept


def _capped(findings: Iterable[Finding], rule: Rule) -> Iterator[Finding]:
    for count, finding in enumerate(findings):
        if count == MAX_FINDINGS_PER_RULE:
            yield Finding(
                rule=TOO_MANY_RULE, pack="cleanup", category="other", severity=Severity.ERROR,
                message=f"rule {rule.id} flagged more than {MAX_FINDINGS_PER_RULE} places in "
                        "this document and was stopped; its pattern is probably too broad",
                start=0, end=0, text="")
            return
        yield finding


def _timeout_finding(rule: Rule, text: str) -> Finding:
    return Finding(
        rule=TIMEOUT_RULE, pack="cleanup", category="other", severity=Severity.ERROR,
        message=f"rule {rule.id} took too long on this document and was stopped; "
                "its pattern backtracks catastrophically (see `cleanup explain`)",
        start=0, end=0, text="")
