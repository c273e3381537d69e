"""Many strings kept as a few flat objects, for what a cached linter holds per entry of a list.

A list of 100,000 strings unpickles in about 13 ms, one Python object at a time; one string
and an array of offsets unpickle at C speed, and each string is made when it is read (issue 5:
a 100,000-entry literal pack). StringMap looks strings up the same way, by a hash kept in an
array.
"""
from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from itertools import accumulate, repeat


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


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # any str, even one read with surrogateescape


class StringMap:
    """str → a few ints, kept in flat arrays in the order of the strings' CRC-32 (a hash that,
    unlike hash(str), is the same in every process) and found by binary search: it loads at C
    speed however many strings it holds (a dict of 100,000 strings: about 20 ms)."""

    def __init__(self, items: Mapping[str, Collection[int]]) -> None:
        hashes = {text: zlib.crc32(utf8(text)) for text in items}
        texts = sorted(items, key=hashes.__getitem__)
        values = [items[text] for text in texts]
        self._hashes = array("I", [hashes[text] for text in texts])
        self._strings = Strings(texts)
        self._starts = array("I", accumulate(map(len, values), initial=0))
        self._values = array("I", [value for run in values for value in run])

    def sieve(self, encoded: Collection[bytes]) -> list[bytes]:
        """Those of these strings (in UTF-8) whose hash is that of a string of the map: a
        first sieve, hashed and searched in C calls (get then tells collisions apart)."""
        table = self._hashes
        hashes = list(map(zlib.crc32, encoded))
        places = map(bisect_left, repeat(table), hashes)
        return [text for text, hashed, place in zip(encoded, hashes, places)
                if place < len(table) and table[place] == hashed]

    def get(self, text: str) -> Sequence[int]:
        """The ints of `text`; none when it is not in the map."""
        hashed = zlib.crc32(utf8(text))
        for index in range(bisect_left(self._hashes, hashed),
                           bisect_right(self._hashes, hashed)):  # several after a collision
            if self._strings[index] == text:
                return self._values[self._starts[index]:self._starts[index + 1]]
        return ()

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        for index in range(len(self._strings)):
            yield (self._strings[index],
                   tuple(self._values[self._starts[index]:self._starts[index + 1]]))


class LookupMap:
    """str → ints, answered from a StringMap until it has been asked DICT_AFTER times, then
    from a dict built once. A short text asks a few dozen times and never pays for the dict (a
    dict of 7,000 names costs milliseconds to load); a long text soon has it."""

    DICT_AFTER = 1500  # a StringMap lookup is about 2 µs, building the dict about 3 ms

    def __init__(self, items: Mapping[str, Collection[int]]) -> None:
        self._flat = StringMap(items)
        self._dict: dict[str, tuple[int, ...]] | None = None
        self._asked = 0

    def __getstate__(self) -> StringMap:
        return self._flat

    def __setstate__(self, flat: StringMap) -> None:
        self._flat, self._dict, self._asked = flat, None, 0

    def get(self, text: str) -> Sequence[int]:
        """The ints of `text`; none when it is not in the map."""
        if self._dict is None:
            self._asked += 1
            if self._asked <= self.DICT_AFTER:
                return self._flat.get(text)
            self._dict = dict(self._flat.items())
        return self._dict.get(text, ())

    def __contains__(self, text: str) -> bool:
        return bool(self.get(text))

    def items(self) -> Iterator[tuple[str, tuple[int, ...]]]:
        return self._flat.items()
