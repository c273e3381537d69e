"""Machine-readable reports for code scanning and CI annotations."""
from __future__ import annotations

import json

TEXT = "A reporter for Rashatoudi said,\nit was was over.\n"


def test_sarif_locates_findings_and_carries_fixes(run_cli, write) -> None:
    path = write("a.txt", TEXT)
    result = run_cli("check", "--format", "sarif", str(path))
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"names/transliterated-outlet", "hygiene/doubled-word"} == set(rules)
    doubled = by_rule["hygiene/doubled-word"]
    region = doubled["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 4, 11)
    assert TEXT[region["charOffset"]:region["charOffset"] + region["charLength"]] == "was was"
    assert rules[doubled["ruleIndex"]] == "hygiene/doubled-word"
    (change,) = doubled["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "was"
    assert by_rule["names/transliterated-outlet"]["level"] == "error"


def test_github_annotations_escape_what_would_break_the_command(run_cli, write) -> None:
    path = write("a,b.txt", TEXT)
    result = run_cli("check", "--format", "github", str(path))
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=")
    assert "a%2Cb.txt,line=1,col=16,endLine=1,endColumn=26,title=names/transliterated-outlet::" \
        in lines[0]
    assert lines[1].startswith("::warning ") and "title=hygiene/doubled-word::" in lines[1]


def test_fix_refuses_check_only_formats(run_cli, write) -> None:
    path = write("a.txt", TEXT)
    result = run_cli("fix", "--format", "sarif", str(path))
    assert result.exit_code == 2
    assert path.read_text() == TEXT
