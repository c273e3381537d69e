"""Rule packs are untrusted data (issue 6): loading one never runs code, never hangs and never
allocates without bound; every problem is one line naming the file (and the rule and line)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import cleanup.engine
import cleanup.pack
from robust import DIRTY, one_line_error

RULE = """\
id: p
rules:
  - id: r
    kind: {kind}
    category: other
    message: "{message}"
{keys}
"""


def _pack(write, keys: str, kind: str = "pattern", message: str = "m") -> Path:
    return write("p.yaml", RULE.format(kind=kind, message=message, keys=keys))


def _check(run_cli, pack: Path, text_file: Path, *args: str):
    return run_cli("check", "--no-builtin-packs", "--packs", str(pack), *args, str(text_file))


def test_python_object_tag_is_rejected_and_never_run(run_cli, write, tmp_path: Path) -> None:
    pack = write("evil.yaml", 'id: evil\nrules: !!python/object/apply:os.system '
                              '["touch pwned"]\n')
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {pack}:2: invalid YAML: could not determine a constructor for the "
        "tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not (tmp_path / "pwned").exists()


def test_invalid_regex_is_a_load_error_naming_file_line_and_rule(run_cli, write) -> None:
    pack = _pack(write, "    pattern: '(unclosed'")
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result).startswith(
        f"cleanup: error: {pack}:3: rule 'p/r': 'pattern' is not a valid regular expression")


@pytest.mark.parametrize("keys,problem", [
    ("    pattern: '(a)b'\n    replace: '\\2'", "'replace' template '\\2' refers to a group"),
    ("    pattern: 'ab'\n    replace: '\\q'", "'replace' template '\\q' is not valid: bad escape"),
    ("    regex: true\n    swap: {'(a)b': '\\g<x>'}", "'swap' template '\\g<x>' refers to a group"),
], ids=["pattern-group", "pattern-escape", "substitution-regex"])
def test_bad_replacement_template_is_a_load_error(run_cli, write, keys: str,
                                                  problem: str) -> None:
    # These used to pass validation and raise mid-run, on the first match.
    kind = "substitution" if "swap" in keys else "pattern"
    pack = _pack(write, keys, kind=kind)
    result = _check(run_cli, pack, write("a.txt", "ab ab\n"))
    assert result.exit_code == 2
    assert problem in one_line_error(result)


def test_bad_suggestion_template_is_a_load_error(run_cli, write) -> None:
    pack = _pack(write, "    patterns: ['a(b)']\n    suggest: ['\\3']", kind="existence")
    result = _check(run_cli, pack, write("a.txt", "ab\n"))
    assert result.exit_code == 2
    assert "'suggest' template '\\3' refers to a group" in one_line_error(result)


def test_catastrophic_backtracking_pattern_is_stopped_and_reported(run_cli, write) -> None:
    pack = _pack(write, "    pattern: '(?m)^(a|a)+$'\n    replace: 'x'\n    safe: true")
    path = write("a.txt", "a" * 40 + "b\nIt was was late.\n")
    result = run_cli("fix", "--no-builtin-packs", "--packs", str(pack), "--format", "json",
                     str(path))
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "cleanup/rule-timeout" and "p/r" in finding["message"]
    assert path.read_text() == "a" * 40 + "b\nIt was was late.\n"


@pytest.mark.parametrize("message", ["{match:>999999999}", "{match.__class__}", "{0}", "{"],
                         ids=["huge-width", "attribute", "positional", "unbalanced"])
def test_message_template_must_use_plain_names(run_cli, write, message: str) -> None:
    # A format spec could allocate a gigabyte per finding; attributes reach internals.
    pack = _pack(write, "    pattern: 'was'", message=message)
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert "rule 'p/r': 'message'" in one_line_error(result)


def test_yaml_alias_bomb_is_rejected(run_cli, write) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):  # 10**10 strings once expanded
        lines.append(f"b{level}: &b{level} [" + ", ".join([f"*{'a' if level == 1 else f'b{level - 1}'}"] * 10) + "]")
    lines += ["id: bomb", "rules: [{id: r, kind: existence, category: other, message: m, "
                          "tokens: *b9}]"]
    pack = write("bomb.yaml", "\n".join(lines) + "\n")
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {pack}: more than 1000000 values once YAML aliases are expanded")


def test_deeply_nested_yaml_is_rejected(run_cli, write) -> None:
    pack = write("deep.yaml", "id: deep\nrules: " + "[" * 5000 + "]" * 5000 + "\n")
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {pack}: invalid YAML: nested too deeply"


def test_pack_larger_than_the_limit_is_rejected_before_parsing(
        run_cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cleanup.pack, "MAX_PACK_BYTES", 1000)
    pack = _pack(write, "    pattern: 'was'\n" + "#" * 1000)
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {pack}: larger than 1000 bytes"


def test_pack_that_is_a_fifo_is_rejected_without_waiting(run_cli, write, tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    result = _check(run_cli, fifo, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {fifo}: not a regular file"


def test_lone_surrogate_in_a_pack_is_rejected(run_cli, write) -> None:
    # YAML's "\ud800" escape gives Python a string that no file can hold: a fix would fail
    # at write time, file after file.
    pack = _pack(write, '    swap: {was was: "\\ud800"}', kind="substitution")
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {pack}: holds a lone surrogate '\\ud800', which no file can store")


def test_pack_error_is_one_bounded_line(run_cli, write) -> None:
    pack = write("p.yaml", 'id: "' + "BAD\\n" * 10_000 + '"\nrules: []\n')
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 2
    assert len(one_line_error(result)) < 500


def test_rules_from_a_yaml_merge_key_are_loaded(run_cli, write) -> None:
    # They have no line of their own; they used to be dropped silently.
    pack = write("p.yaml", "base: &base\n  rules:\n    - {id: r, kind: existence, "
                           "category: other, message: m, tokens: [late]}\n"
                           "id: p\n<<: *base\n")
    result = _check(run_cli, pack, write("a.txt", DIRTY))
    assert result.exit_code == 1 and "p/r" in result.output


def test_rule_flagging_almost_every_character_is_stopped(
        run_cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    # patterns: ['\w'] made a finding per letter: a 1 MB file took 80 s and 3 GB.
    monkeypatch.setattr(cleanup.engine, "MAX_FINDINGS_PER_RULE", 50)
    pack = _pack(write, "    patterns: ['\\w']", kind="existence")
    result = _check(run_cli, pack, write("a.txt", "abcdefghij " * 100), "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert sum(f["rule"] == "p/r" for f in findings) == 50
    (stopped,) = [f for f in findings if f["rule"] == "cleanup/too-many-findings"]
    assert "rule p/r flagged more than 50 places" in stopped["message"]
