"""Coverage-guided fuzzing of reading, checking, fixing and writing a file.

    pip install atheris && python fuzz/fuzz_fixer.py /tmp/fuzz-fixer -max_total_time=300

Each input is split into a small rule pack (a pattern rule, a substitution, a script rule, each
with fuzzed regexes, phrases and templates) and the raw bytes of a file. Invariants:
a file that decodes is written back byte for byte when nothing changed; findings point at
their text; edits touch nothing outside their spans; nothing raises but CleanupError.
See fuzz/README.md.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["cleanup"]):
    import yaml

    from cleanup.document import Document
    from cleanup.engine import Linter
    from cleanup.errors import CleanupError
    from cleanup.fixes import fix
    from cleanup.pack import load_pack
    from cleanup.textfile import read_text_file, write_text_file

sys.path.insert(0, os.path.dirname(__file__))
from _common import check_edits_stay_in_spans, check_findings  # noqa: E402

_DIR = Path(tempfile.mkdtemp(prefix="cleanup-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_PACK, _FILE = _DIR / "pack.yaml", _DIR / "input.txt"
CATEGORY = "other"
# Fuzzed regexes are mostly invalid; half the time start from one that compiles, so the
# fuzzer reaches matching, templates and fixing.
PATTERNS = [r"\b(?<w>\p{L}+) (?i:\g<w>)\b", r"(?<=\w)[ \t]+(?<m>[,;:!?.])", r"(a|a)+$",
            r"[\u200b-\u200f]+", r"\r?\n", r"(?m)^\s+", r"\X", r"(?<=\d)(?=\p{Arabic})",
            r"(x)?y", r"\b", r"(?r)ab"]
TEMPLATES = [r"\g<w>", r"\g<m>", r"\1", "", r"\g<0>\g<0>", "\n", r"\\"]


def _pack(fdp: atheris.FuzzedDataProvider) -> dict:
    def s(n: int = 12) -> str:
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, n))

    def pattern() -> str:
        return fdp.PickValueInList(PATTERNS) + s(2) if fdp.ConsumeBool() else s()

    def template() -> str:
        return fdp.PickValueInList(TEMPLATES) + s(2) if fdp.ConsumeBool() else s(6)

    rules = [
        {"id": "pat", "kind": "pattern", "category": CATEGORY, "message": s() + "{match}",
         "pattern": pattern(), "replace": template(), "safe": fdp.ConsumeBool()},
        {"id": "sub", "kind": "substitution", "category": CATEGORY, "message": "m",
         "swap": {s(): s(), s(): [s(), s()]}, "case": fdp.PickValueInList(["sensitive", "insensitive"])},
        {"id": "rsub", "kind": "substitution", "category": CATEGORY, "message": "m",
         "regex": True, "swap": {pattern(): template()}},
        {"id": "chars", "kind": "script", "category": CATEGORY, "message": "m",
         "characters": {s(1) or "x": fdp.PickValueInList([None, "", s(2)])}},
        {"id": "cons", "kind": "consistency", "category": CATEGORY, "message": "m",
         "variants": [[s(), s(), s()]], "prefer": fdp.PickValueInList(["majority", "first"])},
        {"id": "exists", "kind": "existence", "category": CATEGORY, "message": "m",
         "tokens": [s()], "patterns": [pattern()], "suggest": [template()]},
    ]
    return {"id": "fuzz", "rules": [r for r in rules if fdp.ConsumeBool()]}


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    pack = _pack(fdp)
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    _PACK.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    try:
        linter = Linter(load_pack(_PACK).rules)
    except CleanupError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    _FILE.write_bytes(raw)
    try:
        source = read_text_file(_FILE)
    except CleanupError:
        return
    text = source.text
    check_findings(text, linter.check(Document.plain(text)))
    check_edits_stay_in_spans(text, linter)
    result = fix(linter, Document.plain(text), unsafe=True)
    check_findings(result.text, result.remaining)
    try:
        write_text_file(source, result.text)
    except CleanupError:
        assert _FILE.read_bytes() == raw  # refused: the file is untouched
        return
    if not result.changed:
        assert _FILE.read_bytes() == raw


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
