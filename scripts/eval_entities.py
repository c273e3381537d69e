#!/usr/bin/env python3
"""Score the entity matcher on pair lists: pairwise precision/recall/F1, and negatives merged.

    python3 scripts/eval_entities.py variants.json negatives.json [--threshold 0.8] [--no-gazetteer]

variants.json: [{"canonical": str, "variants": [str, ...]}, ...] — every pair inside a group
should be clustered. negatives.json: [{"a": str, "b": str}, ...] — pairs never to merge. All
strings are clustered together (each counted once, in file order); pairs are counted over the
union, as the project's scorer does for documents.
"""
from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path

from cleanup.entities import MatchConfig, cluster_names, default_config, shipped_gazetteer


def pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(set(g)), 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants")
    ap.add_argument("negatives")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--no-gazetteer", action="store_true", help="spelling rules only")
    ap.add_argument("--show", action="store_true", help="list wrong and missed pairs")
    args = ap.parse_args()
    groups = [g["variants"] for g in json.loads(Path(args.variants).read_text("utf-8"))]
    negatives = [(n["a"], n["b"]) for n in json.loads(Path(args.negatives).read_text("utf-8"))]
    names = list(dict.fromkeys([*(v for g in groups for v in g),
                                *(s for pair in negatives for s in pair)]))
    config = default_config() if args.threshold is None else default_config(args.threshold)
    gazetteer = None if args.no_gazetteer else shipped_gazetteer()
    if args.no_gazetteer:
        config = MatchConfig(threshold=config.threshold)
    clusters = cluster_names(dict.fromkeys(names, 1), config, gazetteer)
    found = pairs([c.texts for c in clusters])
    gold = pairs(groups)
    tp = len(found & gold)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    home = {t: i for i, c in enumerate(clusters) for t in c.texts}
    merged = [(a, b) for a, b in negatives if a in home and home.get(a) == home.get(b)]
    print(f"strings {len(names)}  gold pairs {len(gold)}  predicted pairs {len(found)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"negatives merged {len(merged)} of {len(negatives)}")
    for a, b in merged:
        print(f"  merged: {a} <> {b}")
    if args.show:
        for a, b in sorted(found - gold):
            print(f"  wrong: {a} <> {b}")
        for a, b in sorted(gold - found):
            print(f"  missed: {a} <> {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
