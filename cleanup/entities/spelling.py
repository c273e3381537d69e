"""One spelling per entity in a document: clusters of its mentions, and the respellings to make.

The canonical spelling is, in order: the user's style list, the shipped gazetteer, the
document's majority spelling, its first spelling. Rewriting a minority spelling is safe only
when the cluster is unambiguous: the list spells it exactly or the canonical has a strict
majority in a text no longer than a long report, and the spelling matches no other cluster's
centre. Nor is it safe when the spelling is a word of English (Simon for Simeon), when only
case or marks differ, or when the name is too short to tell (Pul for Paul): those are
suggestions.

Mentions that only drop or add the article (Sudani/al-Sudani) are the same spelling.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple
from cleanup.entities.cluster import Cluster, Variant, cluster_names
from cleanup.entities.english import all_english
from cleanup.entities.gazetteer import Gazetteer, exact_form
from cleanup.entities.match import ARTICLES, MatchConfig, name_key, names_match, tail
from cleanup.entities.mentions import Mention, find_mentions


# About 20,000 words: a long report. Beyond it, a book or a corpus in one file.
MAJORITY_FIX_MAX_CHARS = 120_000


class Respelling(NamedTuple):
    """Rewrite `text` at `start:end` as `replacement`, the canonical spelling `canonical`."""

    start: int
    end: int
    text: str
    replacement: str
    canonical: str
    safe: bool
    related: tuple[tuple[int, int], ...]  # where the document spells it canonically
    canonical_count: int
    listed: str = ""  # the gazetteer's spelling, when the document settled on another one


@dataclass(slots=True)
class DocumentEntities:
    text: str
    mentions: list[Mention]
    spellings: list[str]  # of each mention
    clusters: list[Cluster]

    def output_clusters(self, config: MatchConfig) -> list[Cluster]:
        """Clusters with more than one spelling (for reports and style lists).

        A spelling without the article counts with the one that has it. When a name is spelled
        more than one way, its spellings inside longer mentions ("El-Sisi" in "Abdel Fattah
        El-Sisi") and its shorter mentions of two words or more ("Shiaa Al-Sudani" for
        "Muhammad Shiaa Al-Sudani") are listed with it.
        """
        counts = Counter(self.spellings)
        absorbed: set[int] = set()
        extra: dict[int, list[Variant]] = defaultdict(list)
        for cluster in self.clusters:
            others = _tails_in_longer_names(cluster, counts, config) or _phrase_variants(
                cluster, self.text)
            if len(with_article_forms(cluster.variants + others)) > 1:
                extra[id(cluster)] += others
        for cluster in self.clusters:
            if len(with_article_forms(cluster.variants)) < 2:
                continue
            for short in _short_mentions(cluster, self.clusters, config):
                extra[id(cluster)] += short.variants
                absorbed.add(id(short))
        out = []
        for cluster in self.clusters:
            variants = with_article_forms(cluster.variants + extra[id(cluster)])
            if len(variants) > 1 and id(cluster) not in absorbed:
                out.append(Cluster(cluster.canonical, variants, cluster.anchor))
        return out


def _tails_in_longer_names(cluster: Cluster, counts: Mapping[str, int],
                           config: MatchConfig) -> list[Variant]:
    n_words = len(name_key(cluster.canonical).words)
    with_article = name_key(cluster.canonical).articles[0] != ""
    found: Counter[str] = Counter()
    for spelling, count in counts.items():
        if len(name_key(spelling).words) > n_words:
            end = tail(spelling, n_words, with_article)
            if names_match(end, cluster.canonical, config) and end not in cluster.texts:
                found[end] += count
    return [Variant(t, c) for t, c in found.items()]


def _short_mentions(cluster: Cluster, clusters: list[Cluster],
                    config: MatchConfig) -> list[Cluster]:
    n_words = len(name_key(cluster.canonical).words)
    return [c for c in clusters
            if c is not cluster and 2 <= len(name_key(c.canonical).words) < n_words
            and names_match(tail(cluster.canonical, len(name_key(c.canonical).words)),
                            c.canonical, config)]


def with_article_forms(variants: list[Variant]) -> list[Variant]:
    """Fold "Sudani" into "al-Sudani": writing the article or not is not a respelling."""
    kept = [Variant(v.text, v.count) for v in variants]
    for short in list(kept):
        longer = [v for v in kept if v is not short and _only_article_differs(short.text, v.text)
                  and len(v.text) > len(short.text)]
        if longer:
            max(longer, key=lambda v: v.count).count += short.count
            kept.remove(short)
    return kept


def spellings(mentions: list[Mention]) -> list[str]:
    """Each mention's spelling. A capital article that only opens a sentence is the document's
    small one ("Al-Sudani said" where the text writes al-Sudani), if it writes one."""
    texts = [" ".join(m.text.split()) for m in mentions]
    written = set(texts)
    return [_small_article(t) if m.sentence_start and _small_article(t) in written else t
            for m, t in zip(mentions, texts)]


def _small_article(text: str) -> str:
    first, dash, rest = text.partition("-")
    return first.lower() + dash + rest if dash and first.lower() in ARTICLES else text


# Descriptive names in English words (Coordination Framework) vary in case and in the ending
# the translation gave a word (coordinating/coordination framework).
_ENGLISH_ENDING = re.compile(r"(?:ions?|ing|ive|ed|e)$")
_PHRASE_WORD = re.compile(r"[A-Za-z]+")


def _english_stem(word: str) -> str:
    return _ENGLISH_ENDING.sub("", word.lower())


def _phrase_variants(cluster: Cluster, text: str) -> list[Variant]:
    """Occurrences of an English multi-word name in other case or word forms."""
    words = cluster.canonical.split()
    if len(words) < 2 or not all(_PHRASE_WORD.fullmatch(w) and len(w) > 3 for w in words):
        return []
    stems = [_english_stem(w) for w in words]
    pattern = r"\b" + r"\s+".join(re.escape(st) + r"[a-z]*" for st in stems) + r"\b"
    found = Counter(" ".join(m.group().split()) for m in re.finditer(pattern, text, re.I)
                    if [_english_stem(w) for w in m.group().split()] == stems)
    if len({t.lower() for t in [*found, *cluster.texts]}) < 2:
        return []  # case alone (central bank, Central Bank) is not a different name
    return [Variant(t, c) for t, c in found.items() if t not in cluster.texts]


def analyse(text: str, config: MatchConfig, gazetteer: Gazetteer | None = None,
            style: Gazetteer | None = None, mentions: list[Mention] | None = None,
            anchored_only: bool = False) -> DocumentEntities:
    """The document's names and their clusters (`anchored_only`: only those anchored to the
    style list or the gazetteer)."""
    mentions = find_mentions(text) if mentions is None else mentions
    written = spellings(mentions)
    counts = Counter(written)
    clusters = cluster_names(dict(counts), config, gazetteer, style, anchored_only)
    for cluster in clusters:
        cluster.canonical = _canonical(cluster)
    return DocumentEntities(text, mentions, written, clusters)


def _canonical(cluster: Cluster) -> str:
    """An entry's spelling, but as the document writes it if it differs only in its articles
    (the document's Al Qaeda is the list's al-Qaeda)."""
    if not cluster.anchor:
        return cluster.canonical
    same = [v for v in cluster.variants if exact_form(v.text) == exact_form(cluster.canonical)]
    return max(same, key=lambda v: v.count).text if same else cluster.canonical


def respellings(entities: DocumentEntities, anchored_only: bool = False) -> list[Respelling]:
    """The mentions to rewrite; `anchored_only` keeps clusters anchored to a list, since only
    those are safe across a corpus."""
    by_spelling: dict[str, list[Mention]] = defaultdict(list)
    for m, spelling in zip(entities.mentions, entities.spellings):
        by_spelling[spelling].append(m)
    # In a book-length text, look-alike names are as likely two people as one (Joiada and
    # Jehoiada): there a majority alone makes a suggestion, not a fix.
    majority_decides = len(entities.text) <= MAJORITY_FIX_MAX_CHARS
    out = []
    for cluster in entities.clusters:
        # A style list is enforced even on a document that uses one spelling throughout.
        enforced = len(cluster.variants) > 1 or cluster.anchor == "style"
        if not enforced or (anchored_only and not cluster.anchor):
            continue
        canonical, listed = _document_canonical(cluster, anchored_only)
        related = tuple((m.start, m.end) for m in by_spelling.get(canonical, ()))
        top = max(v.count for v in cluster.variants)
        for variant in cluster.variants:
            if _only_article_differs(variant.text, canonical):
                continue
            chosen_by_list = bool(cluster.anchor) and not listed and (
                variant.text in cluster.listed or cluster.anchor == "style")
            safe = variant.text not in cluster.ambiguous and (chosen_by_list or (
                majority_decides and _strict_majority(cluster, canonical, top))) and \
                _clear_respelling(variant.text, canonical)
            for m in by_spelling[variant.text]:
                replacement = _replacement(m, canonical)
                if replacement != m.text:
                    out.append(Respelling(m.start, m.end, m.text, replacement, canonical, safe,
                                          related, len(related),
                                          _replacement(m, listed) if listed else ""))
    out.sort(key=lambda r: r.start)
    return out


def _document_canonical(cluster: Cluster, corpus: bool) -> tuple[str, str]:
    """(the spelling to write, the gazetteer's spelling if it is only a suggestion).

    A style list is the user's choice and always wins. The gazetteer chooses among the
    spellings the document uses; it does not rewrite a document's consistent majority
    spelling into one the document never wrote (Ain al-Assad ×6 / Ayn al-Assad ×1 becomes
    Ain al-Assad, with the gazetteer's Ain al-Asad offered as a suggestion). Across a corpus
    the gazetteer anchors the cluster, so it wins there.
    """
    if cluster.anchor != "gazetteer" or corpus or cluster.canonical in cluster.texts:
        return cluster.canonical, ""
    order = {v.text: i for i, v in enumerate(cluster.variants)}
    majority = max(cluster.variants, key=lambda v: (v.count, -order[v.text])).text
    return majority, cluster.canonical


def _only_article_differs(a: str, b: str) -> bool:
    """Sudani/al-Sudani: the same words, one written without the article (not al-/Al-/El-)."""
    def split(text: str) -> tuple[list[str], list[str]]:
        tokens = text.replace("-", " ").split()
        return ([t for t in tokens if t.lower() not in ARTICLES],
                [t for t in tokens if t.lower() in ARTICLES])
    (words_a, articles_a), (words_b, articles_b) = split(a), split(b)
    return words_a == words_b and bool(articles_a) != bool(articles_b)


def _clear_respelling(variant: str, canonical: str) -> bool:
    """The spellings differ in letters, in words of three letters or more, in a name of five
    or more, and the one to rewrite is no word of English."""
    words, canonical_words = name_key(variant).words, name_key(canonical).words
    pairs = zip(words, canonical_words) if len(words) == len(canonical_words) else [
        ("".join(words), "".join(canonical_words))]
    changed = [(a, b) for a, b in pairs if a != b]
    return bool(changed) and len("".join(words)) >= 5 and all(
        min(len(a), len(b)) >= 3 and not all_english(a) for a, b in changed)


def _strict_majority(cluster: Cluster, canonical: str, top: int) -> bool:
    counts = [v.count for v in cluster.variants if v.text == canonical]
    return bool(counts) and counts[0] == top and sum(v.count == top for v in cluster.variants) == 1


def _replacement(mention: Mention, canonical: str) -> str:
    """The canonical spelling, with the mention's leading article kept or left out."""
    first, _, rest = canonical.partition("-")
    canonical_article = rest and first.lower() in ("al", "el")
    mention_first, _, mention_rest = mention.text.partition("-")
    mention_article = mention_rest and mention_first.lower() in ("al", "el")
    if canonical_article and not mention_article:
        canonical = rest
    elif mention_article and not canonical_article:
        canonical = mention_first + "-" + canonical
    if mention.sentence_start and canonical[:1].islower():
        canonical = canonical[0].upper() + canonical[1:]
    return canonical


def document_clusters(text: str, config: MatchConfig, gazetteer: Gazetteer | None = None,
                      style: Gazetteer | None = None) -> list[Cluster]:
    return analyse(text, config, gazetteer, style).output_clusters(config)

