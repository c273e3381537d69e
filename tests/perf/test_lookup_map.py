"""LookupMap answers from flat tables, then from a dict once asked often enough: the answers
must not change when it switches, nor after a round trip through the cache (issue 5)."""
from __future__ import annotations

import pickle
import random

import pytest

from cleanup.tables import LookupMap


def names(rng: random.Random, count: int) -> list[str]:
    letters = "aeiouqrstlmnhkdbzʿ’éАж"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(0, 9))) for _ in range(count)]


@pytest.mark.parametrize("dict_after", [0, 50, 10_000])
def test_a_lookup_map_answers_as_the_dict_it_was_made_from(
        dict_after: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LookupMap, "DICT_AFTER", dict_after)
    rng = random.Random(3)
    items = {name: sorted(rng.sample(range(500), rng.randint(1, 3)))
             for name in names(rng, 3000)}
    table = pickle.loads(pickle.dumps(LookupMap(items)))
    asked = [*items, *names(rng, 3000), "", "\udcff"]
    rng.shuffle(asked)
    for text in asked:
        assert list(table.get(text)) == items.get(text, []), text
        assert (text in table) == (text in items)
    assert sorted(table.items()) == sorted((k, tuple(v)) for k, v in items.items())
