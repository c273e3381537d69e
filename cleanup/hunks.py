"""The lines a fix changed, worked out from its edits.

A diff tool has to search for the alignment of two texts (difflib spent 2.4 s on a 1 MB
machine-translated text whose every other line had changed); a fix knows it: every character
outside its edits stayed where it was. The edits of each pass are composed into regions of
the original text, then widened to whole lines (split at line feeds only, as `patch` and git
read a diff).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

from cleanup.document import split_lines
from cleanup.finding import Edit


class Region(NamedTuple):
    """`before[old_start:old_end]` became `after[new_start:new_end]`."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


class LineChange(NamedTuple):
    """Lines [old_first, old_stop) of the original became lines [new_first, new_stop)."""

    old_first: int
    old_stop: int
    new_first: int
    new_stop: int


def changed_regions(passes: Iterable[Sequence[Edit]]) -> list[Region]:
    """The regions the passes changed, in order; each pass's edits refer to the text that pass
    started from, and sit apart from each other."""
    regions: list[Region] = []
    for edits in passes:
        regions = _compose(regions, sorted(edits, key=lambda e: (e.start, e.end)))
    return regions


def _compose(regions: list[Region], edits: list[Edit]) -> list[Region]:
    """`regions` (original → current text) followed by `edits` (current → next text).

    A sweep over both in order of the current text: a run of regions and edits that overlap
    or touch there becomes one region. Outside them nothing changed, so an offset moves by
    what the regions before it added (`grown`) and by what the edits before it added
    (`edits_grown`)."""
    merged: list[Region] = []
    grown = edits_grown = 0
    r = e = 0
    while r < len(regions) or e < len(edits):
        take_region = e == len(edits) or (
            r < len(regions) and regions[r].new_start <= edits[e].start)
        start = regions[r].new_start if take_region else edits[e].start
        end = start
        run_grown = run_edits_grown = 0
        while True:
            if r < len(regions) and regions[r].new_start <= end:
                region = regions[r]
                end = max(end, region.new_end)
                run_grown += (region.new_end - region.new_start) - (
                    region.old_end - region.old_start)
                r += 1
            elif e < len(edits) and edits[e].start <= end:
                edit = edits[e]
                end = max(end, edit.end)
                run_edits_grown += len(edit.new) - (edit.end - edit.start)
                e += 1
            else:
                break
        merged.append(Region(start - grown, end - grown - run_grown, start + edits_grown,
                             end + edits_grown + run_edits_grown))
        grown += run_grown
        edits_grown += run_edits_grown
    return merged


class LineDiff(NamedTuple):
    old: list[str]  # the original's lines, each with its line feed
    new: list[str]  # the fixed text's lines
    changes: list[LineChange]
    regions: list[Region]  # what the passes changed, in order
    old_starts: list[int]  # where each line of `old` starts in the original (see `_starts`)
    new_starts: list[int]


def line_diff(before: str, after: str, passes: Iterable[Sequence[Edit]]) -> LineDiff:
    """The lines of both texts and the changes between them: the regions the passes changed,
    widened to whole lines; regions that share a line are one change."""
    old, new = split_lines(before), split_lines(after)
    old_starts, new_starts = _starts(old), _starts(new)
    changes: list[LineChange] = []
    regions = changed_regions(passes)
    for region in regions:
        old_first = bisect_right(old_starts, region.old_start) - 1
        # The text before a region is the same in both texts back to the previous region,
        # so its line starts as far back in both.
        back = region.old_start - old_starts[old_first]
        new_first = bisect_left(new_starts, region.new_start - back)
        if _at_line_start(before, region.old_end) and _at_line_start(after, region.new_end) and (
                region.old_end > region.old_start or region.new_end > region.new_start):
            # Whole lines were replaced, removed or added.
            old_stop = bisect_left(old_starts, region.old_end)
            new_stop = bisect_left(new_starts, region.new_end)
        else:  # to the end of the line the region ends in, which is the same in both
            old_stop = min(bisect_right(old_starts, region.old_end), len(old))
            new_stop = min(bisect_right(new_starts, region.new_end), len(new))
        if changes and changes[-1].old_stop >= old_first:
            last = changes.pop()  # it reaches this region's first line: one change
            old_first, new_first = last.old_first, last.new_first
        changes.append(LineChange(old_first, old_stop, new_first, new_stop))
    # A later pass may have put back what an earlier one changed.
    return LineDiff(old, new, [c for c in changes
                               if old[c.old_first:c.old_stop] != new[c.new_first:c.new_stop]],
                    regions, old_starts, new_starts)


def regions_in_lines(diff: LineDiff, change: LineChange) -> list[list[Region]] | None:
    """The regions of a change that keeps its number of lines, line by line, in offsets of
    each old line and its new line; None if one reaches a line's end (its line feed, or a
    carriage return before it) or another line."""
    count = change.old_stop - change.old_first
    if count != change.new_stop - change.new_first:
        return None
    found: list[list[Region]] = [[] for _ in range(count)]
    block_end = (diff.old_starts[change.old_stop] if change.old_stop < len(diff.old_starts)
                 else float("inf"))
    first = bisect_left(diff.regions, (diff.old_starts[change.old_first],))
    for region in diff.regions[first:]:
        if region.old_start >= block_end:
            break
        line = bisect_right(diff.old_starts, region.old_start) - 1
        old_line, new_line = diff.old[line], diff.new[line - change.old_first + change.new_first]
        old_at = diff.old_starts[line]
        new_at = diff.new_starts[line - change.old_first + change.new_first]
        placed = Region(region.old_start - old_at, region.old_end - old_at,
                        region.new_start - new_at, region.new_end - new_at)
        if (placed.old_end > len(old_line.rstrip("\r\n"))
                or placed.new_end > len(new_line.rstrip("\r\n"))):
            return None
        found[line - change.old_first].append(placed)
    return found


def _starts(lines: list[str]) -> list[int]:
    """Where each line starts, and where a line after a last line feed would."""
    starts = list(accumulate(map(len, lines), initial=0))
    if lines and not lines[-1].endswith("\n"):
        starts.pop()
    return starts


def _at_line_start(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n"
