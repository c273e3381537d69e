"""Coverage-guided fuzzing of the pack loader: any bytes as a pack file, or (when the first
byte is 0xFF) a pack built from the bytes with values of every YAML type in every key.

    pip install atheris && python fuzz/fuzz_packs.py fuzz/corpus/packs -max_total_time=300

A pack is untrusted data: loading it may fail only with PackError (one line, naming the file),
never with another exception, a hang or unbounded memory; a pack that loads must run on text
without crashing. See fuzz/README.md.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["cleanup", "yaml"]):
    from cleanup.engine import Linter
    from cleanup.errors import PackError
    from cleanup.fixes import fix
    from cleanup.document import Document
    from cleanup.pack import load_pack

import yaml  # noqa: E402  (instrumented above)

sys.path.insert(0, os.path.dirname(__file__))
from _common import check_edits_stay_in_spans, check_findings  # noqa: E402

SAMPLE = ("The drone was was shot down near Ain al-Assad , said Rashatoudi.\r\n"
          "قال المتحدث 2٠٢٤ — Ayn al-Assad\u200b😀 e\u0301\n")
_DIR = Path(tempfile.mkdtemp(prefix="cleanup-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_PACK = _DIR / "pack.yaml"


KEYS = ["id", "kind", "category", "severity", "message", "explanation", "url", "safe", "case",
        "examples", "swap", "regex", "tokens", "patterns", "suggest", "pattern", "replace",
        "variants", "prefer", "scripts", "characters", "bad", "good", "fixed"]
WORDS = ["substitution", "existence", "pattern", "consistency", "script", "other", "error",
         "warning", "first", "majority", "sensitive", "Arabic", "Latin", "{match}", "{0}",
         r"\b(\w+) \1\b", r"\1", "was was", "x", "", " ", "\u200b"]


def _value(fdp: atheris.FuzzedDataProvider, depth: int = 0) -> object:
    """Any YAML value: the loader must say what is wrong with it, never crash on its type."""
    choice = fdp.ConsumeIntInRange(0, 9 if depth < 3 else 5)
    if choice == 0:
        return fdp.PickValueInList(WORDS)
    if choice == 1:
        return fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 8))
    if choice == 2:
        return fdp.ConsumeInt(4)
    if choice == 3:
        return fdp.ConsumeBool()
    if choice == 4:
        return None
    if choice == 5:
        return fdp.ConsumeFloat()
    if choice in (6, 7):
        return [_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 3))]
    return {fdp.PickValueInList(KEYS) if fdp.ConsumeBool() else _value(fdp, 3):
            _value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))}


def _structured(data: bytes) -> bytes:
    fdp = atheris.FuzzedDataProvider(data)
    rules = []
    for i in range(fdp.ConsumeIntInRange(0, 3)):
        rule = {"id": f"r{i}", "kind": fdp.PickValueInList(WORDS[:5]), "category": "other",
                "message": "m"}
        for _ in range(fdp.ConsumeIntInRange(0, 6)):
            rule[fdp.PickValueInList(KEYS)] = _value(fdp)
        rules.append(rule)
    pack = {"id": "fuzz", "rules": rules}
    try:
        return yaml.safe_dump(pack, allow_unicode=True).encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, ValueError):
        return b""


def test_one_input(data: bytes) -> None:
    if data[:1] == b"\xff":
        data = _structured(data[1:])
    _PACK.write_bytes(data)
    try:
        pack = load_pack(_PACK)
    except PackError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    linter = Linter(pack.rules)
    findings = linter.check_text(SAMPLE)
    check_findings(SAMPLE, findings)
    check_edits_stay_in_spans(SAMPLE, linter)
    fix(linter, Document.plain(SAMPLE), unsafe=True)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
