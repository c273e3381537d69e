"""The command line as a user meets it: output formats, exit codes, selection, config."""
from __future__ import annotations

import json
from pathlib import Path

DIRTY = "The drone was was shot down near Ain al-Assad.\nA reporter for Rashatoudi said so.\n"
CLEAN = "The drone was shot down near Ain al-Assad.\n"


def test_check_clean_file_exits_0(run_cli, write) -> None:
    path = write("a.txt", CLEAN)
    result = run_cli("check", str(path))
    assert result.exit_code == 0
    assert "Found 0 problems" in result.output


def test_check_prints_path_line_col_severity_rule_message(run_cli, write) -> None:
    path = write("a.txt", DIRTY)
    result = run_cli("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:1:11: warning hygiene/doubled-word 'was' is written twice [fix: 'was']" \
        in result.output
    assert f"{path}:2:16: error names/transliterated-outlet" in result.output
    assert "Found 2 problems in 1 file" in result.output


def test_json_contract(run_cli, write) -> None:
    path = write("a.txt", DIRTY)
    result = run_cli("check", "--format", "json", str(path))
    data = json.loads(result.stdout)
    (entry,) = data["files"]
    assert entry["path"] == str(path)
    first = entry["findings"][0]
    for key in ("rule", "category", "severity", "message", "start", "end", "line", "column",
                "text", "replacements", "safe"):
        assert key in first
    assert DIRTY[first["start"]:first["end"]] == first["text"] == "was was"
    assert (first["line"], first["column"]) == (1, 11)
    assert first["replacements"] == ["was"] and first["safe"] is True
    # One finding a line: thousands of them stay readable and greppable.
    rows = [line for line in result.stdout.splitlines() if '"rule": ' in line]
    assert [json.loads(row.strip().rstrip(",")) for row in rows] == entry["findings"]


def test_json_offsets_count_code_points_not_bytes(run_cli, write) -> None:
    text = "Émile — قال — was was here.\n"
    path = write("a.txt", text)
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    doubled = [f for f in data["files"][0]["findings"] if f["rule"] == "hygiene/doubled-word"]
    assert text[doubled[0]["start"]:doubled[0]["end"]] == "was was"


def test_fix_writes_in_place_and_reports_what_changed(run_cli, write) -> None:
    path = write("a.txt", DIRTY)
    result = run_cli("fix", str(path))
    assert path.read_text() == "The drone was shot down near Ain al-Assad.\nA reporter for RT said so.\n"
    assert "fixed" in result.output and "hygiene/doubled-word 'was was' → 'was'" in result.output
    assert "Fixed 2 problems in 1 file" in result.output
    assert result.exit_code == 0  # nothing remains


def test_fix_is_idempotent(run_cli, write) -> None:
    path = write("a.txt", DIRTY)
    run_cli("fix", str(path))
    once = path.read_bytes()
    result = run_cli("fix", str(path))
    assert path.read_bytes() == once
    assert "Fixed 0 problems" in result.output


def test_fix_exits_1_when_suggestions_remain(run_cli, write) -> None:
    path = write("a.txt", "They came from the leap desert.\n")
    result = run_cli("fix", str(path))
    assert result.exit_code == 1
    assert "1 finding remains" in result.output


def test_fix_stdin_to_stdout(run_cli) -> None:
    result = run_cli("fix", "-", input=DIRTY)
    assert result.stdout.startswith("The drone was shot down")
    assert "Fixed 2 problems" in result.stderr


def test_fix_output_file_leaves_input_alone(run_cli, write, tmp_path: Path) -> None:
    path = write("a.txt", DIRTY)
    out = tmp_path / "out.txt"
    run_cli("fix", str(path), "-o", str(out))
    assert path.read_text() == DIRTY
    assert out.read_text().startswith("The drone was shot down")


def test_unsafe_fixes_apply_suggestions(run_cli, write) -> None:
    path = write("a.txt", "an international coalition called ISIL\n")
    run_cli("fix", str(path))
    assert "called ISIL" in path.read_text()
    run_cli("fix", "--unsafe-fixes", str(path))
    assert path.read_text() == "an international coalition against ISIL\n"


def test_select_and_ignore_by_rule_pack_and_glob(run_cli, write) -> None:
    path = write("a.txt", DIRTY)

    def rules(*args: str) -> set[str]:
        data = json.loads(run_cli("check", "--format", "json", *args, str(path)).stdout)
        return {f["rule"] for f in data["files"][0]["findings"]}

    assert rules("--select", "hygiene") == {"hygiene/doubled-word"}
    assert rules("--select", "names/*") == {"names/transliterated-outlet"}
    assert rules("--ignore", "hygiene/doubled-word") == {"names/transliterated-outlet"}
    assert rules("--ignore", "*/doubled-*,names") == set()


def test_config_in_pyproject_and_flags_override(run_cli, write) -> None:
    write("pyproject.toml", '[tool.cleanup]\nignore = ["names"]\n')
    path = write("a.txt", DIRTY)
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"hygiene/doubled-word"}
    data = json.loads(run_cli("check", "--format", "json", "--select", "names",
                              str(path)).stdout)
    assert data["files"][0]["findings"] == []  # select narrows, the configured ignore holds


def test_cleanup_toml_found_from_a_subfolder(run_cli, write, tmp_path: Path, monkeypatch) -> None:
    write(".cleanup.toml", 'select = ["names"]\n')
    path = write("sub/deeper/a.txt", DIRTY)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {"names/transliterated-outlet"}


def test_unknown_config_key_warns(run_cli, write) -> None:
    write(".cleanup.toml", 'selekt = ["names"]\n')
    path = write("a.txt", CLEAN)
    result = run_cli("check", str(path))
    assert "unknown setting 'selekt'" in result.stderr


def test_bad_config_is_one_line_exit_2(run_cli, write) -> None:
    write(".cleanup.toml", "select = [\n")
    path = write("a.txt", CLEAN)
    result = run_cli("check", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("cleanup: error: ") and "invalid TOML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_is_exit_2(run_cli) -> None:
    result = run_cli("check", "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt: no such file or folder" in result.stderr


def test_folders_recurse_skipping_hidden_ignored_and_binary(run_cli, write, tmp_path: Path) -> None:
    write("docs/a.txt", DIRTY)
    write("docs/sub/b.md", DIRTY)
    write("docs/.hidden/c.txt", DIRTY)
    write("docs/.d.txt", DIRTY)
    write("docs/build/e.txt", DIRTY)
    write("docs/.gitignore", "build/\n*.log\n")
    write("docs/f.log", DIRTY)
    write("docs/g.bin", b"\x00\x01binary was was")
    result = run_cli("check", "--format", "json", "docs")
    paths = sorted(Path(f["path"]).relative_to("docs").as_posix()
                   for f in json.loads(result.stdout)["files"] if f["findings"])
    assert paths == ["a.txt", "sub/b.md"]
    assert "binary file" in result.stderr


def test_include_and_exclude_globs(run_cli, write) -> None:
    write("docs/a.txt", DIRTY)
    write("docs/b.md", DIRTY)
    write("docs/skip/c.txt", DIRTY)

    def checked(*args: str) -> list[str]:
        data = json.loads(run_cli("check", "--format", "json", *args, "docs").stdout)
        return sorted(Path(f["path"]).name for f in data["files"])

    assert checked("--include", "*.md") == ["b.md"]
    assert checked("--exclude", "skip") == ["a.txt", "b.md"]


def test_inline_suppression_and_unused_suppression(run_cli, write) -> None:
    path = write("a.txt", "It was was late. cleanup: ignore[hygiene/doubled-word]\n"
                          "All is well. cleanup: ignore[names]\n")
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    rules = [(f["rule"], f["line"]) for f in data["files"][0]["findings"]]
    assert rules == [("cleanup/unused-suppression", 2)]


def test_explain_shows_why_and_examples(run_cli) -> None:
    result = run_cli("explain", "names/transliterated-outlet")
    assert result.exit_code == 0
    assert "Persian and Arabic write foreign brand names by sound" in result.output
    assert "flagged: a reporter for the Rashatoudi news network reported" in result.output
    assert "fixed:   a reporter for the RT news network reported" in result.output


def test_explain_says_where_a_fix_is_sure(run_cli) -> None:
    result = run_cli("explain", "hygiene/doubled-word")
    assert "Fix: safe only where the whole match matches `safe_when` ((?i)(?:the|a|" in (
        result.output)
    assert "elsewhere a suggestion" in result.output


def test_explain_unknown_rule_suggests(run_cli) -> None:
    result = run_cli("explain", "doubled-word")
    assert result.exit_code == 2
    assert "did you mean hygiene/doubled-word" in result.stderr


def test_packs_list_and_show(run_cli) -> None:
    listing = run_cli("packs", "list").output
    for pack in ("hygiene", "names", "calques", "terms", "consistency"):
        assert pack in listing
    shown = run_cli("packs", "show", "hygiene").output
    assert "hygiene/doubled-word" in shown and "pattern" in shown


def test_a_closed_pipe_is_not_an_error(write) -> None:
    import subprocess
    import sys

    path = write("a.txt", "It was was late.\n" * 2000)
    proc = subprocess.run(
        f"{sys.executable} -m cleanup check {path} | head -1", shell=True,
        capture_output=True, text=True, timeout=60)
    assert proc.stdout.count("\n") == 1
    assert "error" not in proc.stderr
