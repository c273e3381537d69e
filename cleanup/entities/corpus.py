"""Spellings across many files: report every cluster, fix only those anchored to a list.

Unanchored merging is not safe at corpus scale (two people may share a rare spelling in
different files), so a corpus run fixes only clusters whose canonical spelling comes from the
style list or the gazetteer, and reports the others as suggestions with counts per file.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.entities.cluster import Cluster, cluster_names
from cleanup.entities.gazetteer import Entry, Gazetteer
from cleanup.entities.match import MatchConfig
from cleanup.entities.mentions import find_mentions
from cleanup.entities.spelling import Respelling, analyse, respellings, spellings, \
    with_article_forms
from cleanup.errors import InputError
from cleanup.finding import Edit, Finding, Severity
from cleanup.fixes import apply_edits
from cleanup.textfile import read_text_file, write_text_file

RULE = "entities/name-spelling"


@dataclass(slots=True)
class CorpusCluster:
    cluster: Cluster
    files: dict[str, Counter[str]]  # variant → count per file

    @property
    def fixable(self) -> bool:
        return bool(self.cluster.anchor)

    def to_json(self) -> dict[str, object]:
        return {"canonical": self.cluster.canonical, "fixable": self.fixable,
                "variants": [{"text": v.text, "count": v.count,
                              "files": dict(self.files.get(v.text, {}))}
                             for v in self.cluster.variants]}


def corpus_clusters(texts: Mapping[str, str], config: MatchConfig,
                    gazetteer: Gazetteer | None = None,
                    style: Gazetteer | None = None) -> list[CorpusCluster]:
    """Clusters with more than one spelling over all `texts` (path → text)."""
    per_file: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for path, text in texts.items():
        for spelling in spellings(find_mentions(text)):
            per_file[spelling][path] += 1
            totals[spelling] += 1
    out = []
    for cluster in cluster_names(dict(totals), config, gazetteer, style):
        variants = with_article_forms(cluster.variants)
        if len(variants) > 1:
            cluster.variants = variants
            out.append(CorpusCluster(cluster, {v.text: per_file[v.text] for v in variants}))
    return out


def anchored_style(clusters: Iterable[CorpusCluster], style: Gazetteer | None) -> Gazetteer:
    """The user's style list and the corpus's anchored clusters: every file is held to them."""
    return Gazetteer(style.entries if style else [], [
        Entry(c.cluster.canonical, "", tuple(dict.fromkeys([c.cluster.canonical,
                                                           *c.cluster.texts])))
        for c in clusters if c.fixable])


def respelling_finding(r: Respelling) -> Finding:
    """A respelling as the engine's Finding (for callers outside a rule pack)."""
    return Finding(rule=RULE, pack="entities", category="inconsistent_spelling",
                   severity=Severity.WARNING,
                   message=f"'{r.text}' is another spelling of '{r.canonical}'; use one spelling",
                   start=r.start, end=r.end, text=r.text, replacements=(r.replacement,),
                   safe=r.safe, related=r.related)


@dataclass(slots=True)
class CorpusFix:
    edits: dict[str, list[Edit]] = field(default_factory=dict)  # path → applied
    suggestions: list[CorpusCluster] = field(default_factory=list)  # not anchored: not fixed
    errors: dict[str, str] = field(default_factory=dict)


def fix_corpus(paths: Iterable[str], config: MatchConfig, gazetteer: Gazetteer | None,
               style: Gazetteer | None = None, write: bool = True,
               encoding: str | None = None) -> CorpusFix:
    """Rewrite, in every file, the spellings of clusters anchored to the style list or the
    gazetteer; report the other clusters."""
    result = CorpusFix()
    files = {}
    for path in paths:
        try:
            files[path] = read_text_file(Path(path), encoding)
        except InputError as exc:
            result.errors[path] = str(exc)
    clusters = corpus_clusters({p: f.text for p, f in files.items()}, config, gazetteer, style)
    result.suggestions = [c for c in clusters if not c.fixable]
    held_to = anchored_style(clusters, style)
    for path, source in files.items():
        entities = analyse(source.text, config, style=held_to)
        edits = [Edit(r.start, r.end, r.replacement, respelling_finding(r))
                 for r in respellings(entities, anchored_only=True) if r.safe]
        if not edits:
            continue
        result.edits[path] = edits
        if write:
            try:
                write_text_file(source, apply_edits(source.text, edits))
            except InputError as exc:
                result.errors[path] = str(exc)
    return result
