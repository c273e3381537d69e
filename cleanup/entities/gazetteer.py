"""Canonical spellings: the gazetteer shipped with cleanup, and a user's style list.

Both are lists of entries, each a canonical spelling with the variants known for it. The shipped
data is `rules/entities/`: `curated.yaml` (organisations, media, people, terms, and places
GeoNames lacks or spells with diacritics) and `places.tsv` (generated from GeoNames by
`scripts/build_gazetteer.py`). A style list is what `cleanup entities --save-style` writes:
`{"clusters": [{"canonical": str, "variants": [{"text": str, "count": int}]}]}` in JSON or YAML
(variants may also be plain strings).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from cleanup.entities.english import all_english
from cleanup.entities.keys import plain, word_key
from cleanup.entities.match import ARTICLES, MatchConfig, name_key, names_match
from cleanup.errors import ConfigError
from cleanup.tables import LookupMap, StringLists, Strings


def data_dir() -> Path:
    """`rules/entities/`, installed with the packs or beside the package in a checkout."""
    from cleanup.pack import _builtin_dir  # late: cleanup.pack loads the kinds, which load us

    return _builtin_dir() / "entities"


class Entry(NamedTuple):
    canonical: str
    kind: str
    spellings: tuple[str, ...]  # the canonical spelling first


def exact_form(name: str) -> str:
    """What two spellings share when they differ only in case, diacritics, hyphens and
    articles; an ayn mark is kept (Ba'th is not Bath)."""
    words = (plain(w, apostrophe="'") for w in _WORDS.split(name))
    return " ".join(w for w in words if w and w not in ARTICLES)


_WORDS = re.compile(r"[\s\-‐‑–]+")


class Gazetteer:
    """Entries indexed for exact and fuzzy lookup of a spelling.

    A cached linter holds the shipped gazetteer (2,400 entries, 7,000 spellings), which took 8
    of the 10 ms the linter took to load as dicts and objects; it is kept in flat tables
    instead (cleanup.tables), which load at C speed (issue 5: start-up)."""

    def __init__(self, *layers: Iterable[Entry]) -> None:
        """A spelling listed in an earlier layer is not looked up in later ones (curated
        entries win over generated places)."""
        entries: list[Entry] = []
        exact: dict[str, set[int]] = defaultdict(set)
        by_spelling: dict[str, set[int]] = defaultdict(set)
        for layer in layers:
            earlier = set(exact)
            for entry in layer:
                entries.append(entry)
                for spelling in entry.spellings:
                    if exact_form(spelling) not in earlier:
                        exact[exact_form(spelling)].add(len(entries) - 1)
                        by_spelling[spelling].add(len(entries) - 1)
        self.entries = EntryTable(entries)
        self.exact = LookupMap(exact)
        self.by_spelling = LookupMap(by_spelling)
        self.index = SpellingIndex(list(by_spelling))

    def __len__(self) -> int:
        return len(self.entries)

    def anchor(self, name: str, config: MatchConfig) -> int | None:
        """The one entry `name` is a spelling of, or None (unknown or ambiguous)."""
        return _anchor(self, name, config)

    def anchored_exactly(self, name: str) -> bool:
        return len(self.exact.get(exact_form(name))) == 1

    def anchored_through_alias(self, name: str, entry: int, config: MatchConfig) -> bool:
        """Is `name` only close to spellings of the entry that are unlike its canonical one
        (Ramah is close to Ramma, one of Rome's names)? Two guesses in a row, so the name
        joins the entry only beside a document spelling that it resembles itself."""
        if self.exact.get(exact_form(name)):
            return False
        canonical = self.entries[entry].canonical
        return not any(names_match(name, s, config) and (
            s == canonical or names_match(s, canonical, config))
            for s in self.entries[entry].spellings)


class EntryTable(Sequence[Entry]):
    """Entries kept as three flat columns; an Entry is made when it is read."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self._canonicals = Strings([e.canonical for e in entries])
        self._kinds = Strings([e.kind for e in entries])
        self._spellings = StringLists([e.spellings for e in entries])

    def __getitem__(self, index: int) -> Entry:  # type: ignore[override]  # no slices
        if not 0 <= index < len(self):
            raise IndexError(index)
        return Entry(self._canonicals[index], self._kinds[index],
                     tuple(self._spellings[index]))

    def __len__(self) -> int:
        return len(self._canonicals)


class SpellingIndex:
    """Spellings by block key (cluster.block_keys), in flat tables."""

    def __init__(self, spellings: Sequence[str]) -> None:
        from cleanup.entities.cluster import block_keys  # late: the clusterer imports us

        blocks: dict[str, list[int]] = defaultdict(list)
        for number, spelling in enumerate(spellings):
            for key in block_keys(spelling):
                blocks["\x1f".join(key)].append(number)
        self.spellings = Strings(spellings)
        self.blocks = LookupMap(blocks)

    def candidates(self, name: str) -> set[str]:
        from cleanup.entities.cluster import block_keys

        found = {self.spellings[number] for key in block_keys(name)
                 for number in self.blocks.get("\x1f".join(key))}
        found.discard(name)
        return found


@lru_cache(maxsize=1 << 16)
def _anchor(gazetteer: Gazetteer, name: str, config: MatchConfig) -> int | None:
    """`Gazetteer.anchor`, remembered: a document's names recur in the next document, and in
    the next check of an edited one."""
    exact = gazetteer.exact.get(exact_form(name))
    if exact:
        return exact[0] if len(exact) == 1 else None
    if config.english and all_english(*name_key(name).words):
        return None  # English words (Judea, Image) are spelled right: only listed, not close
    listed = gazetteer.index.candidates(name)
    if name in gazetteer.by_spelling:
        listed.add(name)
    matching = [s for s in listed if names_match(name, s, config)]
    # A spelling that folds to the same key beats one that is only close (Qoum is Qom's).
    for tier in ([s for s in matching if _folded(s) == _folded(name)], matching):
        found = set().union(*(gazetteer.by_spelling.get(s) for s in tier))
        if found:
            return next(iter(found)) if len(found) == 1 else None
    return None


def _folded(name: str) -> tuple[str, ...]:
    return tuple(word_key(w).key_i for w in name_key(name).words)


def entries_from_clusters(data: Any, source: str) -> list[Entry]:
    """Entries from the `cleanup entities --format json` shape (a saved style list)."""
    clusters = data.get("clusters") if isinstance(data, Mapping) else data
    if not isinstance(clusters, list):
        raise ConfigError(f"{source}: expected {{'clusters': [...]}}")
    entries = []
    for i, cluster in enumerate(clusters):
        if not isinstance(cluster, Mapping) or not isinstance(cluster.get("canonical"), str):
            raise ConfigError(f"{source}: cluster {i + 1} needs a 'canonical' string")
        canonical = cluster["canonical"]
        variants = [v.get("text") if isinstance(v, Mapping) else v
                    for v in cluster.get("variants") or []]
        if not all(isinstance(v, str) for v in variants):
            raise ConfigError(f"{source}: cluster {canonical!r} has a variant that is not text")
        entries.append(Entry(canonical, str(cluster.get("type", "")),
                             tuple(dict.fromkeys([canonical, *variants]))))
    return entries


def _yaml() -> ModuleType:
    import yaml  # only where YAML is read or written: a linter from the cache needs none

    return yaml


def load_style(path: str | Path) -> Gazetteer:
    """A user's style list (JSON or YAML)."""
    import json  # here and in save_style: a check without a style list needs neither

    path = Path(path)
    yaml = _yaml()
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read style list: {exc}") from None
    return Gazetteer(entries_from_clusters(data, str(path)))


def save_style(clusters: Iterable[Mapping[str, Any]], path: str | Path) -> None:
    """Write clusters (their `to_json()` form) as a style list later runs enforce."""
    import json

    path = Path(path)
    data = {"clusters": list(clusters)}
    text = (json.dumps(data, ensure_ascii=False, indent=1) + "\n" if path.suffix == ".json"
            else _yaml().safe_dump(data, allow_unicode=True, sort_keys=False))
    path.write_text(text, encoding="utf-8")


def _read_places(path: Path) -> list[Entry]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        canonical, kind, variants = (line.split("\t") + ["", ""])[:3]
        entries.append(Entry(canonical, kind, tuple(dict.fromkeys(
            [canonical, *filter(None, variants.split("|"))]))))
    return entries


def _read_curated(path: Path) -> list[Entry]:
    data = _yaml().safe_load(path.read_text(encoding="utf-8")) or {}
    return [Entry(e["canonical"], e.get("type", ""),
                  tuple(dict.fromkeys([e["canonical"], *e.get("variants", [])])))
            for e in data.get("entries", [])]


@lru_cache(maxsize=2)
def curated_distinct_pairs(folder: Path | None = None) -> tuple[tuple[str, str], ...]:
    """Pairs the curated list says are different entities although they are spelled alike."""
    path = (folder or data_dir()) / "curated.yaml"
    data = _yaml().safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple((a, b) for a, b in data.get("distinct", []))


@lru_cache(maxsize=2)
def shipped_gazetteer(folder: Path | None = None) -> Gazetteer:
    """Curated entries first: they win over a generated place with the same spelling."""
    folder = folder or data_dir()
    places = folder / "places.tsv"
    return Gazetteer(_read_curated(folder / "curated.yaml"),
                     _read_places(places) if places.is_file() else [])
