from __future__ import annotations

import sys
from pathlib import Path

# --import-mode=importlib puts no test folder on sys.path; the pack tests share one helper.
sys.path.insert(0, str(Path(__file__).resolve().parent))
