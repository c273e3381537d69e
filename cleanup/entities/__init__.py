"""Fuzzy entity normalization: one spelling per entity, in a document and across a corpus."""
from __future__ import annotations

from collections.abc import Iterable

from cleanup.entities.cluster import Cluster, Variant, cluster_names
from cleanup.entities.gazetteer import Gazetteer, curated_distinct_pairs, load_style, \
    save_style, shipped_gazetteer
from cleanup.entities.match import DEFAULT_THRESHOLD, MatchConfig, names_match, words_match


def default_config(threshold: float = DEFAULT_THRESHOLD,
                   distinct: Iterable[tuple[str, str]] = (),
                   protected: Iterable[str] = ()) -> MatchConfig:
    """The matcher with the curated known-distinct pairs, and the caller's, and the words of
    English."""
    return MatchConfig.build(threshold, known_distinct=[*curated_distinct_pairs(), *distinct],
                             protected=protected, english=True)


__all__ = ["DEFAULT_THRESHOLD", "Cluster", "Gazetteer", "MatchConfig", "Variant", "cluster_names", "default_config",
           "load_style", "names_match", "save_style", "shipped_gazetteer", "words_match"]
