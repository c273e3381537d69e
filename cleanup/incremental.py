"""Re-checking a text after an edit: lines that did not change keep their findings.

An editor re-checks on every change, and `fix` re-checks what it fixed; most lines are the
same as in the last check. The checks whose findings in a line depend on that line alone
(`Check.reads_lines_alone`: patterns and phrases that never reach across a line break,
fragments, mojibake…) are then run only on the new lines, all of them at once as one text of
those lines. The memo holds the last text's lines, so it never grows.

Whole-text checking stays the reference: it fills the memo, and a text that is mostly new (a
different file) or large is checked whole.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate

from cleanup.document import split_lines
from cleanup.finding import Finding
from cleanup.kinds.base import Check

# Up to this size a text is remembered line by line: every text the engine checks at once
# (a text up to a section, engine.SECTION_CHARS, or a section, cut within twice that), so
# that `fix` re-checks only the lines each pass changed.
MAX_CHARS = 2 << 20

Hits = Mapping[int, Sequence[tuple[int, int, int]]]
# A line's findings, by the position of the check in the list of local checks; a check
# without findings in the line has no entry.
Entry = dict[int, tuple[Finding, ...]]


def lines(text: str) -> list[tuple[int, int]]:
    """Spans that cover the text: each a line with its line feed (`split_lines`; an empty
    text is one empty line)."""
    ends = list(accumulate(map(len, split_lines(text) or [""])))
    return list(zip([0, *ends[:-1]], ends))


class LineMemo:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        # The last whole-text check, kept as it came: sorted into lines only when the next
        # text turns out to share most of its lines (a stream of different files never is).
        self.last: tuple[str, Mapping[int, Sequence[Finding]]] | None = None
        # Whose lines they are: a document at another path is another file, checked whole
        # without comparing its lines (`check` of 2,000 files never re-checks one).
        self.path: str | None = None

    def recheck(self, checks: Sequence[Check], text: str, hits: Hits,
                path: str) -> dict[int, list[Finding]] | None:
        """Each local check's findings (by owner), with the unchanged lines taken from the
        memo; None when the text should be checked whole (then `remember` its findings)."""
        if (len(text) > MAX_CHARS or path != self.path
                or (not self.entries and self.last is None)):
            return None
        spans = lines(text)
        texts = [text[a:b] for a, b in spans]
        if self.last is not None:
            last_text = self.last[0]
            known = {last_text[a:b] for a, b in lines(last_text)}
            if 2 * sum(t in known for t in texts) < len(texts):
                return None
            self.entries = _by_line(checks, *self.last)
            self.last = None
        if 2 * sum(t in self.entries for t in texts) < len(texts) or not _inside(
                checks, hits, spans):
            return None
        known = self.entries
        new_lines: dict[str, tuple[int, int]] = {}  # each new line, where it first is
        for span, line in zip(spans, texts):
            if line not in known:
                new_lines.setdefault(line, span)
        try:
            fresh = _check_lines(checks, new_lines, hits) if new_lines else {}
        except TimeoutError:
            return None  # checked whole, the rule that gave up is reported as usual
        if fresh is None:
            return None
        entries: dict[str, Entry] = {}
        found: dict[int, list[Finding]] = {check.owner: [] for check in checks}
        for (start, _), line in zip(spans, texts):
            entry = entries[line] = known.get(line) or fresh.get(line) or {}
            for i, line_findings in entry.items():  # most lines have no findings
                found[checks[i].owner].extend(f.moved(start) for f in line_findings)
        self.entries = entries
        return found

    def remember(self, text: str, findings: Mapping[int, Sequence[Finding]] | None,
                 path: str) -> None:
        """Keep the findings of a whole-text check of the document at `path`, for the next
        check (None: a check gave up, so there is nothing sure to keep)."""
        self.entries = {}
        self.path = path
        self.last = None if findings is None or len(text) > MAX_CHARS else (text, findings)


def _by_line(checks: Sequence[Check], text: str,
             findings: Mapping[int, Sequence[Finding]]) -> dict[str, Entry]:
    """The findings of a whole-text check, line by line; none if one runs past its line."""
    spans = lines(text)
    starts = [a for a, _ in spans]
    entries: list[dict[int, list[Finding]]] = [{} for _ in spans]
    for i, check in enumerate(checks):
        for f in findings.get(check.owner, ()):
            at = bisect_right(starts, f.start) - 1
            start, end = spans[at]
            if f.rule != check.rule.id or f.end > end:
                return {}  # a finding the line alone would not give: keep nothing
            entries[at].setdefault(i, []).append(f.moved(-start))
    return {text[a:b]: {i: tuple(fs) for i, fs in entry.items()}
            for (a, b), entry in zip(spans, entries)}


def _check_lines(checks: Sequence[Check], new_lines: Mapping[str, tuple[int, int]],
                 hits: Hits) -> dict[str, Entry] | None:
    """The entries of `new_lines` (each with its span in the text `hits` were found in), all
    checked at once as one text of those lines: a local check finds in a line what it finds in
    that line alone, and one call per check costs less than one per line (`fix` re-checks a
    thousand changed lines of a long text). None if a finding runs past its line."""
    lines = list(new_lines)
    batch = "".join(lines)
    starts = list(accumulate(map(len, lines[:-1]), initial=0))
    entries: list[Entry] = [{} for _ in lines]
    for i, check in enumerate(checks):
        own_hits = hits.get(check.owner, ())
        batch_hits = [hit for (start, end), to in zip(new_lines.values(), starts)
                      for hit in _hits_within(own_hits, start, end, to)] if own_hits else []
        for f in check.find(batch, batch_hits):
            at = bisect_right(starts, f.start) - 1
            start = starts[at]
            if f.end > start + len(lines[at]):
                return None
            entries[at].setdefault(i, []).append(f.moved(-start))
    return {line: {i: tuple(fs) for i, fs in entry.items()}
            for line, entry in zip(lines, entries)}


def _hits_within(hits: Sequence[tuple[int, int, int]], start: int, end: int,
                 to: int) -> list[tuple[int, int, int]]:
    """The hits in text[start:end], moved to begin at `to`."""
    first = bisect_left(hits, (start,))
    last = bisect_left(hits, (end,))
    return [(s - start + to, e - start + to, entry) for s, e, entry in hits[first:last]]


def _inside(checks: Sequence[Check], hits: Hits, spans: list[tuple[int, int]]) -> bool:
    """No phrase hit of a local check runs from one line into the next."""
    ends = [b for _, b in spans]
    starts = [a for a, _ in spans]
    for check in checks:
        for start, end, _ in hits.get(check.owner, ()):
            if end > ends[bisect_right(starts, start) - 1]:
                return False
    return True
