"""Writing, validating and testing your own pack, as the README shows."""
from __future__ import annotations

import json

import pytest

from cleanup.errors import PackError
from cleanup.pack import load_pack

ALL_KINDS = """\
id: newsroom
description: Our house style
language: en
version: "1"
rules:
  - id: outlet
    kind: substitution
    category: transliterated_name
    message: "write '{replacement}'"
    swap: {Tasnim News Agancy: Tasnim News Agency}
    examples:
      - bad: "said Tasnim News Agancy."
        fixed: "said Tasnim News Agency."
      - good: "said Tasnim News Agency."
  - id: sign-off
    kind: existence
    category: literal_translation
    message: "agency sign-off: delete it"
    tokens: [End of message]
    examples:
      - bad: "He left. End of message."
      - good: "He left."
  - id: comma-space
    kind: pattern
    category: punctuation_spacing
    message: "space after a comma"
    pattern: ',(?=\\p{L})'
    replace: ', '
    safe: true
    examples:
      - bad: "Tehran,Baghdad"
        fixed: "Tehran, Baghdad"
      - good: "Tehran, Baghdad"
  - id: kadhimi
    kind: consistency
    category: inconsistent_spelling
    message: "spelled '{preferred}' elsewhere"
    variants: [[Kadhimi, Kazemi, Kazimi]]
    examples:
      - bad: "Kadhimi spoke. Kazemi left. Kadhimi returned."
        fixed: "Kadhimi spoke. Kadhimi left. Kadhimi returned."
      - good: "Kadhimi spoke."
  - id: greek
    kind: script
    category: untranslated_script
    message: "Greek text"
    scripts: [Greek]
    examples:
      - bad: "He said καλημέρα."
      - good: "He said good morning."
"""


def test_a_pack_with_every_kind_tests_clean(run_cli, write) -> None:
    path = write("newsroom.yaml", ALL_KINDS)
    assert run_cli("packs", "validate", str(path)).exit_code == 0
    result = run_cli("packs", "test", str(path))
    assert result.exit_code == 0, result.output
    assert "10 examples of 5 rules in 1 packs: 0 failed" in result.output


def test_user_pack_rules_run_beside_the_builtin_ones(run_cli, write) -> None:
    pack = write("newsroom.yaml", ALL_KINDS)
    doc = write("a.txt", "Tasnim News Agancy said it was was so.\n")
    data = json.loads(run_cli("check", "--format", "json", "--packs", str(pack), str(doc)).stdout)
    assert {f["rule"] for f in data["files"][0]["findings"]} == {
        "newsroom/outlet", "hygiene/doubled-word"}


def test_a_failing_example_is_reported_with_file_and_line(run_cli, write) -> None:
    broken = ALL_KINDS.replace('fixed: "Tehran, Baghdad"', 'fixed: "Tehran; Baghdad"')
    path = write("newsroom.yaml", broken)
    result = run_cli("packs", "test", str(path))
    assert result.exit_code == 1
    assert f"{path}:23: newsroom/comma-space: fixes 'Tehran,Baghdad' to 'Tehran, Baghdad', " \
        "expected 'Tehran; Baghdad'" in result.output


@pytest.mark.parametrize(("change", "problem"), [
    (("kind: pattern", "kind: patern"), "unknown kind 'patern'"),
    (("pattern: ',(?=\\p{L})'", "pattern: ',(?=\\p{L}'"), "not a valid regular expression"),
    (("category: punctuation_spacing", "category: spacing"), "unknown category 'spacing'"),
    (("replace: ', '", "replace: '\\3'"), "template '\\3' refers to a group"),
    (("replace: ', '", "replace: ', '\n    convert_case: title"),
     "'convert_case' must be 'lower' or 'upper'"),
    (("    safe: true\n    examples:\n      - bad: \"Tehran,Baghdad\"",
      "    safe_when: '(?<x'\n    examples:\n      - bad: \"Tehran,Baghdad\""),
     "'safe_when' is not a valid regular expression"),
    (("    safe: true\n", "    safe: true\n    scope: lines\n"), "'scope' must be 'line' or 'text'"),
    (("    kind: consistency\n", "    kind: consistency\n    scope: line\n"),
     "kind 'consistency' reads the whole text"),
    (("variants: [[Kadhimi, Kazemi, Kazimi]]", "variants: [Kadhimi]"),
     "'variants' must be a list of lists"),
    (("scripts: [Greek]", "scripts: [Klingon]"), "unknown Unicode script 'Klingon'"),
    (("scripts: [Greek]", "scripts: ['Greek}|.']"), "unknown Unicode script 'Greek}|.'"),
])
def test_broken_rules_name_file_line_rule_and_problem(run_cli, write, change, problem) -> None:
    old, new = change
    assert old in ALL_KINDS
    path = write("newsroom.yaml", ALL_KINDS.replace(old, new))
    result = run_cli("packs", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"cleanup: error: {path}:")
    assert "rule 'newsroom/" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_invalid_yaml_names_the_line(write) -> None:
    path = write("p.yaml", "id: p\nrules:\n  - id: x\n    kind: [unclosed\n")
    with pytest.raises(PackError, match=r"p\.yaml:\d+: invalid YAML"):
        load_pack(path)


def test_yaml_cannot_run_code(write) -> None:
    path = write("p.yaml", "id: p\nrules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(PackError, match="invalid YAML"):
        load_pack(path)


def test_unknown_rule_key_is_a_warning_not_silence(run_cli, write) -> None:
    path = write("newsroom.yaml", ALL_KINDS.replace("tokens: [End of message]",
                                                    "tokens: [End of message]\n    sugest: [x]"))
    result = run_cli("packs", "validate", str(path))
    assert result.exit_code == 0
    assert "unknown key 'sugest'" in result.stderr


def test_pack_folder_with_pack_yaml_and_rule_files(write) -> None:
    write("house/pack.yaml", "id: house\ndescription: d\nrules: []\n")
    head, rules = ALL_KINDS.split("rules:\n", 1)
    write("house/more.yaml", "rules:\n" + rules)
    pack = load_pack(write("house/pack.yaml", "id: house\ndescription: d\nrules: []\n").parent)
    assert [r.id for r in pack.rules][:2] == ["house/outlet", "house/sign-off"]
