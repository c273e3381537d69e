"""Build one rule of a kind from a YAML-like mapping and run it on text."""
from __future__ import annotations

from typing import Any

from cleanup.engine import Linter
from cleanup.finding import Finding
from cleanup.pack import _parse_rule


def rule_linter(spec: dict[str, Any]) -> Linter:
    raw = {"id": "rule", "category": "other", "message": "{match}", **spec}
    return Linter([_parse_rule(raw, "test", "<test>", 1, [])])


def rule_findings(spec: dict[str, Any], text: str) -> list[Finding]:
    return rule_linter(spec).check_text(text)


def texts(spec: dict[str, Any], text: str) -> list[str]:
    return [f.text for f in rule_findings(spec, text)]
