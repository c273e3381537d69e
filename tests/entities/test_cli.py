"""`cleanup entities` and `cleanup fix --corpus` (issue 4)."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli import main


def test_entities_json_lists_clusters(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Fighting near Hodeida. The port of Hodeidah is vital.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["entities", "--format", "json", str(doc)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"clusters": [{"canonical": "Hodeidah", "variants": [
        {"text": "Hodeida", "count": 1}, {"text": "Hodeidah", "count": 1}]}]}


def test_save_style_then_enforce_it(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Abu Fadak al-Mohamadawi spoke. Abu Fadak al-Mohammadawi left.\n",
                   encoding="utf-8")
    style = tmp_path / "style.json"
    runner = CliRunner()
    assert runner.invoke(main, ["entities", "--save-style", str(style), str(doc)]).exit_code == 0
    data = json.loads(style.read_text(encoding="utf-8"))
    data["clusters"][0]["canonical"] = "Abu Fadak al-Mohammadawi"
    style.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Abu Fadak al-Mohamadawi arrived.\n", encoding="utf-8")
    result = runner.invoke(main, ["fix", "--corpus", "--style", str(style), str(other)])
    assert other.read_text(encoding="utf-8") == "Abu Fadak al-Mohammadawi arrived.\n", result.output


def test_corpus_fix_rewrites_anchored_names_and_reports_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fighting near Hodeida. Karim Zubaidi spoke.\n", "utf-8")
    (tmp_path / "b.txt").write_text("The port of Hodeidah. Karim Zubeidi spoke.\n", "utf-8")
    result = CliRunner().invoke(main, ["fix", "--corpus", str(tmp_path)])
    assert (tmp_path / "a.txt").read_text("utf-8") == "Fighting near Hodeidah. Karim Zubaidi spoke.\n"
    assert (tmp_path / "b.txt").read_text("utf-8") == "The port of Hodeidah. Karim Zubeidi spoke.\n"
    assert "Karim Zubeidi" in result.output and "suggestion" in result.output
    assert result.exit_code == 1
