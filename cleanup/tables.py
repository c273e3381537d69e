"""Many strings kept as a few flat objects, for what a cached linter holds per entry of a list.

A list of 100,000 strings unpickles in about 13 ms, one Python object at a time; one string
and an array of offsets unpickle at C speed, and each string is made when it is read (issue 5:
a 100,000-entry literal pack).
"""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate


class Strings(Sequence[str]):
    """Strings kept as one string and their offsets."""

    def __init__(self, strings: Sequence[str]) -> None:
        self._joined = "".join(strings)
        self._offsets = array("I", accumulate(map(len, strings), initial=0))

    def __getitem__(self, index: int) -> str:  # type: ignore[override]  # no slices
        return self._joined[self._offsets[index]:self._offsets[index + 1]]

    def __len__(self) -> int:
        return len(self._offsets) - 1


class StringLists(Sequence[list[str]]):
    """Lists of strings kept as their strings one after the other and where each list starts."""

    def __init__(self, lists: Sequence[Sequence[str]]) -> None:
        self._strings = Strings([text for strings in lists for text in strings])
        self._starts = array("I", accumulate(map(len, lists), initial=0))

    def __getitem__(self, index: int) -> list[str]:  # type: ignore[override]  # no slices
        return [self._strings[i] for i in range(self._starts[index], self._starts[index + 1])]

    def __len__(self) -> int:
        return len(self._starts) - 1
