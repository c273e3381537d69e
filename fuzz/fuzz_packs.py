"""Coverage-guided fuzzing of the pack loader: any bytes as a pack file.

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

sys.path.insert(0, os.path.dirname(__file__))
from _common import check_edits_stay_in_spans, check_findings  # noqa: E402

SAMPLE = ("The drone was was shot down near Ain al-Assad , said Rashatoudi.\r\n"
          "قال المتحدث 2٠٢٤ — Ayn al-Assad\u200b😀 e\u0301\n")
_DIR = Path(tempfile.mkdtemp(prefix="cleanup-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
_PACK = _DIR / "pack.yaml"


def test_one_input(data: bytes) -> None:
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
