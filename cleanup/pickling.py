"""Cheaper unpickling of the frozen dataclasses a cached linter holds by the thousand (issue 5:
start-up)."""
from __future__ import annotations

from dataclasses import fields
from typing import Any


def by_fields(obj: Any) -> tuple[type, tuple[Any, ...]]:
    """`__reduce__` for a frozen dataclass whose fields are all `__init__` arguments: unpickling
    calls `__init__`, several times cheaper than the `__setstate__` that dataclasses gives
    frozen slotted classes, which looks their fields up for every object."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))
