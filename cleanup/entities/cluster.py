"""Group spellings of one entity, at any scale, without comparing all pairs.

Two spellings can only match when their words have the same skeleton (`keys.skeleton`), so names
are blocked on their words' skeletons (and on the skeleton of the joined name, for names split
differently). A name is compared with the names of its blocks; two words are compared once
(`match.words_match` remembers), so a name pair whose words were compared is a lookup.

Clusters never chain: a spelling joins a cluster only when it matches the cluster's centre (or,
for a cluster anchored to the style list or gazetteer, one of the entry's listed spellings).
Centres are taken most frequent first, then the spelling that matches most others.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, product

from cleanup.entities.gazetteer import Gazetteer
from cleanup.entities.keys import word_key
from cleanup.entities.match import MatchConfig, name_key, names_match, word_forms

MAX_BLOCK_FORMS = 16  # glued-article alternatives per name; a name has at most a few


@dataclass(slots=True)
class Variant:
    text: str
    count: int


@dataclass(slots=True)
class Cluster:
    """Spellings of one entity. `anchor` says where the canonical spelling comes from:
    "style", "gazetteer" or "" (the document's own majority or first spelling)."""

    canonical: str
    variants: list[Variant]
    anchor: str = ""
    ambiguous: set[str] = field(default_factory=set)  # variants that match another cluster too
    listed: set[str] = field(default_factory=set)  # variants the anchoring list spells exactly

    @property
    def texts(self) -> list[str]:
        return [v.text for v in self.variants]

    def to_json(self) -> dict[str, object]:
        return {"canonical": self.canonical,
                "variants": [{"text": v.text, "count": v.count} for v in self.variants]}


@lru_cache(maxsize=1 << 18)
def block_keys(name: str) -> frozenset[tuple[str, ...]]:
    """Names that can match share at least one of these keys."""
    key = name_key(name)
    forms = [_word_skeletons(w) for w in key.words]
    keys = {("w", *combo) for combo in islice(product(*forms), MAX_BLOCK_FORMS)}
    # Joined names are compared as they are (match.joined_match), without glued-article forms.
    keys.update(("j", word_key(j).skeleton) for j in set(key.joined_forms))
    return frozenset(keys)


@lru_cache(maxsize=1 << 18)
def _word_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of a word's forms (a word recurs in many names: al, Mohammed …)."""
    return tuple(sorted({word_key(f).skeleton for f in word_forms(word)}))


def neighbours(names: list[str], config: MatchConfig) -> dict[str, set[str]]:
    """For each name, the other names that are spellings of it. Only names that share a block
    are compared, each pair once, either way round; most names share none."""
    blocks: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in names:
        for key in block_keys(name):
            blocks[key].append(name)
    graph: dict[str, set[str]] = {n: set() for n in names}
    compared: set[tuple[str, str]] = set()
    for block in blocks.values():
        for i in range(len(block) - 1):
            a = block[i]
            for b in block[i + 1:]:
                if (a, b) not in compared:
                    compared.add((a, b))
                    if names_match(a, b, config) or names_match(b, a, config):
                        graph[a].add(b)
                        graph[b].add(a)
    return graph


def cluster_names(counts: Mapping[str, int], config: MatchConfig | None = None,
                  gazetteer: Gazetteer | None = None, style: Gazetteer | None = None,
                  anchored_only: bool = False) -> list[Cluster]:
    """Cluster spellings (`counts` in first-occurrence order) into entities.

    Spellings anchored to the style list, else the gazetteer, join that entry's cluster; the
    rest are grouped around the most frequent spelling, unless `anchored_only`. Every cluster
    is returned, including those with a single spelling.
    """
    config = config or MatchConfig()
    names = [n for n in counts if _long_enough(n)]
    order = {n: i for i, n in enumerate(names)}
    assigned: dict[str, Cluster] = {}
    clusters: list[Cluster] = []
    for source, list_ in (("style", style), ("gazetteer", gazetteer)):
        if list_ is None:
            continue
        by_entry: dict[int, Cluster] = {}
        through_alias: list[tuple[str, int]] = []
        for name in names:
            if name in assigned or name_key(name).words and _protected(name, config):
                continue
            entry = list_.anchor(name, config)
            if entry is None:
                continue
            if list_.anchored_through_alias(name, entry, config):
                through_alias.append((name, entry))
                continue
            if entry not in by_entry:
                by_entry[entry] = Cluster(canonical=list_.entries[entry].canonical, variants=[],
                                          anchor=source)
                clusters.append(by_entry[entry])
            by_entry[entry].variants.append(Variant(name, counts[name]))
            if list_.anchored_exactly(name):
                by_entry[entry].listed.add(name)
            assigned[name] = by_entry[entry]
        for name, entry in through_alias:
            cluster = by_entry.get(entry)
            if cluster is not None and any(names_match(name, v.text, config)
                                           for v in cluster.variants):
                cluster.variants.append(Variant(name, counts[name]))
            else:  # a name of its own, not one to group by likeness with the others either
                cluster = Cluster(canonical=name, variants=[Variant(name, counts[name])])
                clusters.append(cluster)
            assigned[name] = cluster
    if anchored_only:  # the grouping of the rest neither changes nor marks anchored clusters
        return _in_first_occurrence_order(clusters, order)
    free = [n for n in names if n not in assigned]
    graph = neighbours(free, config)
    for centre in sorted(free, key=lambda n: (-counts[n], -len(graph[n]), order[n])):
        if centre in assigned:
            continue
        cluster = Cluster(canonical=centre, variants=[Variant(centre, counts[centre])])
        assigned[centre] = cluster
        for other in sorted(graph[centre], key=order.__getitem__):
            if other not in assigned and not _protected(other, config):
                cluster.variants.append(Variant(other, counts[other]))
                assigned[other] = cluster
        clusters.append(cluster)
    _mark_ambiguous(clusters, graph, assigned)
    return _in_first_occurrence_order(clusters, order)


def _in_first_occurrence_order(clusters: list[Cluster], order: Mapping[str, int]
                               ) -> list[Cluster]:
    """The clusters, each with its variants in the order the text first writes them."""
    for cluster in clusters:
        cluster.variants.sort(key=lambda v: order[v.text])
    return clusters


def _long_enough(name: str) -> bool:
    """Letters and two-letter words (K, G, Oh, I'm) are too short to tell spellings apart."""
    return any(len(word) > 2 for word in name_key(name).words)


def _protected(name: str, config: MatchConfig) -> bool:
    return " ".join(name_key(name).words) in config.protected


def _mark_ambiguous(clusters: list[Cluster], graph: Mapping[str, set[str]],
                    assigned: Mapping[str, Cluster]) -> None:
    """A spelling that also matches the centre of another cluster is not safe to rewrite."""
    centres = {c.canonical: c for c in clusters if not c.anchor}
    for name, others in graph.items():
        home = assigned[name]
        if any(centres.get(o) not in (None, home) for o in others):
            home.ambiguous.add(name)
