"""What `cleanup check` of a short file loads: start-up is most of such a run, so the heavy
modules wait until a text needs them (issue 5). Wall time is measured in bench/, not here."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Names that resemble no other name in the text, and nothing garbled.
SHORT_TEXT = """The Debian project said on Monday that the next release is near.
The “naïve” packages built by Jónsson were removed from the archive last week.
Mirrors in Tehran and Toronto will follow once the index files are signed again.
Each maintainer should upload a fixed version before the freeze begins in March.
Questions about the transition can be sent to the release team's mailing list.
"""

LOADED = """
import sys
from cleanup import cache
from cleanup.cli import main
cache.RACY_NS = 0  # remember the key even if this checkout was edited a moment ago
sys.argv = ["cleanup", "check", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
print("MODULES", " ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_checking_a_short_file_loads_no_heavy_module(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    env = {**os.environ, "CLEANUP_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLEANUP_NO_CACHE", None)
    for _ in range(2):  # the first run compiles the packs (and needs YAML); the second is timed
        ran = subprocess.run([sys.executable, "-c", LOADED, str(path)], capture_output=True,
                             text=True, env=env, check=True, cwd=tmp_path)
    lines = ran.stdout.splitlines()
    assert "No problems" in ran.stdout or "0 problems" in ran.stdout, ran.stdout
    modules = next(line for line in lines if line.startswith("MODULES")).split()
    for heavy in ("rapidfuzz", "ftfy", "yaml", "hashlib", "platformdirs", "json", "difflib"):
        assert heavy not in modules, heavy
