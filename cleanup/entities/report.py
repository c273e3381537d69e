"""What `cleanup entities` prints: the clusters of one document, or of a corpus."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from cleanup.entities.cluster import Cluster
from cleanup.entities.corpus import CorpusCluster, corpus_clusters
from cleanup.entities.gazetteer import Gazetteer
from cleanup.entities.match import MatchConfig
from cleanup.entities.spelling import document_clusters

Clusters = Sequence[Cluster] | Sequence[CorpusCluster]


def entity_clusters(texts: Mapping[str, str], config: MatchConfig,
                    gazetteer: Gazetteer | None, style: Gazetteer | None = None) -> Clusters:
    """One text: its document clusters; several: clusters across them, with counts per file."""
    if len(texts) == 1:
        return document_clusters(next(iter(texts.values())), config, gazetteer, style)
    return corpus_clusters(texts, config, gazetteer, style)


def clusters_json(clusters: Clusters) -> str:
    """`{"clusters": [{"canonical": str, "variants": [{"text": str, "count": int}]}]}`; this
    is also the shape of a style list."""
    return json.dumps({"clusters": [c.to_json() for c in clusters]}, ensure_ascii=False,
                      indent=1)


def clusters_text(clusters: Clusters) -> str:
    lines = []
    for item in clusters:
        cluster = item.cluster if isinstance(item, CorpusCluster) else item
        source = {"style": "style list", "gazetteer": "gazetteer"}.get(cluster.anchor,
                                                                        "most frequent")
        status = "" if not isinstance(item, CorpusCluster) else (
            "  fixable" if item.fixable else "  suggestion")
        lines.append(f"{cluster.canonical}  ({source}){status}")
        for v in cluster.variants:
            where = ""
            if isinstance(item, CorpusCluster):
                where = "  " + ", ".join(f"{p}: {n}" for p, n in item.files[v.text].items())
            lines.append(f"  {v.count:>4}  {v.text}{where}")
    lines.append(f"{len(clusters)} name{'s' if len(clusters) != 1 else ''} spelled more than "
                 "one way")
    return "\n".join(lines)
