#!/usr/bin/env python3
"""List project files that share runs of N or more consecutive words with evaluation texts.

Evaluation texts are for measuring only: examples and tests are written in our own words, so a
score measures rules that generalise, not rules that remember. Run before committing packs:

    python3 scripts/check_eval_overlap.py ../shared/eval/dev [--words 7]

Exit status 1 when any overlap is found (the seed document is ours to quote and is skipped).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path


def word_ngrams(words: list[str], n: int) -> set[str]:
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--words", type=int, default=7)
    args = parser.parse_args()
    eval_words = " ".join(p.read_text(encoding="utf-8") for p in sorted(
        args.eval_dir.rglob("*.txt"))).lower().split()
    shared = word_ngrams(eval_words, args.words)
    tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"],
                             capture_output=True, text=True, check=True).stdout.split()
    found = False
    for name in tracked:
        if name.startswith("seeds/"):
            continue
        try:
            words = Path(name).read_text(encoding="utf-8").lower().split()
        except (UnicodeDecodeError, OSError):
            continue
        runs = [" ".join(words[i:i + args.words]) for i in range(len(words) - args.words + 1)
                if " ".join(words[i:i + args.words]) in shared]
        if runs:
            found = True
            print(f"{name}: {len(runs)} runs of {args.words} words, e.g. {runs[0]!r}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
