"""The linter: compiled rules run over a document and give findings in file positions."""
from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

import regex

from cleanup.document import LINE_BREAK, Document
from cleanup.finding import Finding, Severity
from cleanup.incremental import LineMemo
from cleanup.kinds import KINDS
from cleanup.kinds.base import BATCH_CHARS, BATCH_TEXTS, Check
from cleanup.kinds.prefilter import Gates
from cleanup.pack import Pack, Rule, select_rules
from cleanup.phrases import PhraseIndex
from cleanup.suppress import apply_suppressions

TIMEOUT_RULE = "cleanup/rule-timeout"
TOO_MANY_RULE = "cleanup/too-many-findings"
# A rule that flags nearly every character (a pack pattern such as '\w') made a million
# findings of a 1 MB file: 80 s and 3 GB (now 8 s, 250 MB). Past this many findings in one
# document a rule is stopped; a fix still applies up to this many per rule on every pass.
MAX_FINDINGS_PER_RULE = 50_000
# A plain text longer than this is checked in sections of about this size, each cut after a
# blank line (or, in a text without one, after a line break). The rules that compare across a
# text (entity spellings, repeated sentences, acronyms, quotes) then compare within a section,
# which is already far longer than an article, and a 100 MB corpus file costs the memory of
# one section instead of growing without bound (issue 5).
SECTION_CHARS = 1 << 20
# A text of up to this many sections keeps what was found in each, line by line.
REMEMBERED_SECTIONS = 16
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")

Item = TypeVar("Item")


class Linter:
    """Compile once, check many documents: an editor keeps one and re-checks on each change."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = list(rules)
        self.phrases = PhraseIndex()
        self.checks: list[Check] = [
            KINDS[rule.kind](rule, owner, self.phrases) for owner, rule in enumerate(self.rules)]
        self._local = [check for check in self.checks if check.reads_lines_alone()]
        self._local_owners = {check.owner for check in self._local}
        self._gates = Gates({check.owner: check.required_literals() for check in self.checks})
        self._memo = LineMemo()  # the last text's lines, for the next check
        # What each section of the last long text held (`fix` re-checks it after each pass).
        self._section_memos: list[_SectionMemo] = []

    @classmethod
    def from_packs(cls, packs: Iterable[Pack], select: Sequence[str] = (),
                   ignore: Sequence[str] = ()) -> Linter:
        return cls(select_rules(packs, select, ignore))

    def check(self, doc: Document, jobs: int = 1) -> list[Finding]:
        """The findings of `doc`, in file positions. A long plain text is checked section by
        section, in up to `jobs` processes; the findings do not depend on `jobs`."""
        if _sectioned(doc):
            return _finished(doc, self._check_sections(doc, jobs))
        self._section_memos = []
        return _finished(doc, self._located(doc, self._find([doc], [self._memo])[0]))

    def check_each(self, docs: Sequence[Document], jobs: int = 1) -> list[list[Finding]]:
        """`check` of each document. Short texts are checked in batches, rule by rule: each
        rule runs over all the texts of a batch in turn, its code and tables staying in the
        processor's caches (2,000 files of 5 KB take 11% less time than one after another)."""
        if len(docs) == 1:
            return [self.check(docs[0], jobs)]  # remembered for the next check, as ever
        found: dict[int, list[Finding]] = {}  # id(doc) → the findings of a short text
        short = [doc for doc in docs if not _sectioned(doc)]
        for batch in batches(short, lambda doc: len(doc.text), BATCH_TEXTS):
            for doc, by_owner in zip(batch, self._find(batch, [None] * len(batch))):
                found[id(doc)] = _finished(doc, self._located(doc, by_owner))
        return [found[id(doc)] if id(doc) in found else self.check(doc, jobs) for doc in docs]

    def _find(self, docs: Sequence[Document], memos: Sequence[LineMemo | None]
              ) -> list[dict[int, list[Finding]]]:
        """Each document's findings by check (owner → findings, in prose offsets), each list
        capped, each check run over all the documents in turn; the unchanged lines since the
        text a document's memo holds keep their local checks' findings."""
        reads = [_Reading(self, doc, memo) for doc, memo in zip(docs, memos)]
        local = self._local_owners
        for check in self.checks:
            owner = check.owner
            for read in reads:
                try:
                    if owner not in read.may_find:
                        findings = []
                    elif read.by_line is not None and owner in local:
                        findings = list(_capped(read.by_line[owner], check.rule))
                    else:
                        findings = list(_capped(check.find_in(read.doc, read.hits.get(owner, ())),
                                                check.rule))
                    if owner in local and read.whole is not None:
                        read.whole[owner] = findings
                    read.found[owner] = findings
                except TimeoutError:
                    read.found[owner] = [_timeout_finding(check.rule)]
                    read.whole = None  # a rule that gave up has no findings to remember
        for read, memo in zip(reads, memos):
            if read.by_line is None and memo is not None:
                memo.remember(read.doc.text, read.whole, read.doc.path)
        return [read.found for read in reads]

    def _located(self, doc: Document, by_owner: dict[int, list[Finding]]) -> list[Finding]:
        found = [f for findings in by_owner.values() for f in findings]
        return [self._locate(doc, f) for f in _distinct(found)]

    def _check_sections(self, doc: Document, jobs: int) -> list[Finding]:
        from cleanup.parallel import map_in_workers

        # The cap on findings per rule holds for the whole text: sections are counted in
        # order, whichever process checked them.
        budget = [MAX_FINDINGS_PER_RULE] * len(self.checks)
        cuts = list(sections(doc.text))
        # A section's memo is the one of the section at its place in the last text (a fix
        # pass moves the cuts by a few characters); a corpus file of many sections is
        # checked once and keeps none.
        remember = len(cuts) <= REMEMBERED_SECTIONS
        memos = (self._section_memos + [_SectionMemo() for _ in cuts])[:len(cuts)] if remember \
            else []
        self._section_memos = memos  # read by the workers forked below
        unchanged = {n for n, memo in enumerate(memos) if memo.holds(doc, cuts[n])}
        task = functools.partial(self._section_findings, doc.text, doc.path)
        checked = map_in_workers(task, [(n, cut) for n, cut in enumerate(cuts)
                                        if n not in unchanged], jobs, chunk=1)
        located: list[Finding] = []
        for number, (start, end, first_line) in enumerate(cuts):
            if number in unchanged:
                by_owner = memos[number].found_at(start, first_line)
            else:
                by_owner = next(checked)
                if remember:
                    memos[number].remember(doc, (start, end, first_line), by_owner,
                                           self._local_owners)
            kept = {id(f) for f in _distinct([f for _, fs in by_owner for f in fs])}
            for owner, findings in by_owner:
                located += _within_budget([f for f in findings if id(f) in kept], budget,
                                          owner, self.rules[owner])
        return located

    def _section_findings(self, text: str, path: str, section: tuple[int, tuple[int, int, int]]
                          ) -> list[tuple[int, list[Finding]]]:
        """(owner, findings) of one section (its number, its place), placed in the whole
        text."""
        number, (start, end, first_line) = section
        part = Document.plain(text[start:end], path)
        memos = self._section_memos
        found = self._find([part], [memos[number].lines if number < len(memos) else None])[0]
        # A section starts a line: its findings' columns stay as they are.
        return [(owner, [self._locate(part, f).moved(start, first_line) for f in findings])
                for owner, findings in found.items()]

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
        located = finding.at(start, end, line, column, end_line, end_column, related)
        if doc.segments is not None and doc.source[start:end] != finding.text:
            # The prose ran across markup (or an entity) here: the file does not hold this
            # text, so a replacement would eat the markup. Report it, never fix it.
            located = replace(located, text=doc.source[start:end], replacements=(), safe=False)
        elif doc.unwritable and located.replacements:
            located = _writable(located, doc.unwritable)
        return located


class _Reading:
    """What the checks of one document share while they run over it."""

    __slots__ = ("doc", "hits", "by_line", "may_find", "whole", "found")

    def __init__(self, linter: Linter, doc: Document, memo: LineMemo | None) -> None:
        text = doc.text
        self.doc = doc
        self.hits = linter.phrases.scan(text)
        self.by_line = (memo.recheck(linter._local, text, self.hits, doc.path)
                        if memo is not None else None)
        self.may_find = linter._gates.open_to(text, self.hits)
        # The local checks' findings, to remember (None: a check gave up).
        self.whole: dict[int, list[Finding]] | None = {}
        self.found: dict[int, list[Finding]] = {}


class _SectionMemo:
    """What the last check of a long text found in the section at one place: all of it, for
    a section that comes back as it was, and its lines, for one that changed a little (a
    worker's memo stays in the worker, so this process is told what the worker found)."""

    __slots__ = ("lines", "text", "found")

    def __init__(self) -> None:
        self.lines = LineMemo()
        self.text: str | None = None
        # (owner, findings), placed as if the section started the text.
        self.found: list[tuple[int, list[Finding]]] = []

    def holds(self, doc: Document, section: tuple[int, int, int]) -> bool:
        start, end, _ = section
        return (self.text is not None and self.lines.path == doc.path
                and len(self.text) == end - start and doc.text.startswith(self.text, start))

    def found_at(self, start: int, first_line: int) -> list[tuple[int, list[Finding]]]:
        return [(owner, [f.moved(start, first_line) for f in findings])
                for owner, findings in self.found]

    def remember(self, doc: Document, section: tuple[int, int, int],
                 by_owner: list[tuple[int, list[Finding]]], local: Container[int]) -> None:
        start, end, first_line = section
        text = doc.text[start:end]
        self.found = [(owner, [f.moved(-start, -first_line) for f in findings])
                      for owner, findings in by_owner]
        gave_up = any(f.rule == TIMEOUT_RULE for _, findings in by_owner for f in findings)
        self.text = None if gave_up else text  # a rule that gave up may not give up again
        self.lines.remember(text, None if gave_up else {
            owner: findings for owner, findings in self.found if owner in local}, doc.path)


def batches(items: Iterable[Item], size: Callable[[Item], int], most: int
            ) -> Iterator[list[Item]]:
    """The items in order, in runs of up to `most` items and BATCH_CHARS in size (or one
    bigger item alone)."""
    batch: list[Item] = []
    total = 0
    for item in items:
        item_size = size(item)
        if batch and (len(batch) == most or total + item_size > BATCH_CHARS):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += item_size
    if batch:
        yield batch


def _finished(doc: Document, located: list[Finding]) -> list[Finding]:
    located.sort(key=lambda f: (f.start, f.end, f.rule))
    return apply_suppressions(doc, located)


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
            yield _too_many_finding(rule)
            return
        yield finding


def _within_budget(findings: list[Finding], budget: list[int], owner: int,
                   rule: Rule) -> list[Finding]:
    """What is left of a section's findings of one rule once the sections before it spent
    their share of `budget[owner]` (-1: the rule was stopped)."""
    left = budget[owner]
    if left < 0:
        return []
    stopped = bool(findings) and findings[-1].rule == TOO_MANY_RULE
    real = findings[:-1] if stopped else findings
    if not stopped and len(real) <= left:
        budget[owner] = left - len(real)
        return findings
    budget[owner] = -1
    return [*real[:left], replace(_too_many_finding(rule), line=1, column=1, end_line=1,
                                  end_column=1)]


def _too_many_finding(rule: Rule) -> Finding:
    return _stopped(f"rule {rule.id} flagged more than {MAX_FINDINGS_PER_RULE} places in this "
                    "document and was stopped; its pattern is probably too broad", TOO_MANY_RULE)


def _timeout_finding(rule: Rule) -> Finding:
    return _stopped(f"rule {rule.id} took too long on this document and was stopped; its "
                    "pattern backtracks catastrophically (see `cleanup explain`)", TIMEOUT_RULE)


def _stopped(message: str, rule_id: str) -> Finding:
    """The engine's own finding that it stopped a rule, at the start of the document."""
    return Finding(rule=rule_id, pack="cleanup", category="other", severity=Severity.ERROR,
                   message=message, start=0, end=0, text="")


def _sectioned(doc: Document) -> bool:
    # Only plain text: markup maps its prose to the file, a translation to its source.
    return doc.segments is None and not doc.translations and len(doc.text) > SECTION_CHARS


def sections(text: str, size: int | None = None) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) of the sections of `text`: as few as hold at most about `size`
    characters each, of about the same length (so that the processes checking them finish
    together), every one starting at the beginning of a line (0-based line numbers). A rule
    sees one section at a time, so a match across a cut (a word doubled across a blank line)
    is not found."""
    size = SECTION_CHARS if size is None else size
    count = max(1, -(-len(text) // size))
    length = -(-len(text) // count)
    start = line = 0
    for target in range(length, length * (count - 1) + 1, length):
        if target <= start:
            continue  # the last cut went past this one's place
        # A blank line from where the cut would part equal sections, or else a line break.
        cut = (_BLANK_LINE.search(text, target, target + length)
               or LINE_BREAK.search(text, target))
        if cut is None or cut.end() == len(text):
            break  # the rest is one line
        end = cut.end()
        yield start, end, line
        line += sum(1 for _ in LINE_BREAK.finditer(text, start, end))
        start = end
    yield start, len(text), line

