"""The LanguageTool grammar backend, up to the HTTP boundary (LanguageTool itself cannot be
downloaded on this machine; a local stand-in speaks its API)."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.importorskip("language_tool_python")

from fake_languagetool import running  # noqa: E402  (tests/ is on pytest's pythonpath)


@pytest.fixture
def languagetool(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with running() as url:
        monkeypatch.setenv("CLEANUP_LANGUAGETOOL_SERVER", url)
        yield url


def test_grammar_is_off_unless_selected_by_name(run_cli, write, languagetool: str) -> None:
    path = write("a.txt", "They ate a apple.\n")
    assert run_cli("check", str(path)).exit_code == 0
    assert run_cli("check", "--select", "*", str(path)).exit_code == 0
    result = run_cli("check", "--select", "grammar", str(path))
    assert result.exit_code == 1
    assert "grammar/languagetool Use 'an' instead of 'a' before a vowel sound. (EN_A_VS_AN)" \
        in result.output


def test_offsets_survive_characters_outside_the_bmp(run_cli, write, languagetool: str) -> None:
    text = "😀😀 They ate a apple.\n"  # LanguageTool counts the emoji as two units each
    path = write("a.txt", text)
    data = json.loads(run_cli("check", "--format", "json", "--select", "grammar",
                              str(path)).stdout)
    (finding,) = data["files"][0]["findings"]
    assert text[finding["start"]:finding["end"]] == finding["text"] == "a apple"
    assert finding["replacements"] == ["an apple"] and finding["safe"] is False


def test_suggestions_are_applied_only_with_unsafe_fixes(run_cli, write, languagetool: str) -> None:
    path = write("a.txt", "They ate a apple.\n")
    run_cli("fix", "--select", "grammar", str(path))
    assert path.read_text() == "They ate a apple.\n"
    run_cli("fix", "--select", "grammar", "--unsafe-fixes", str(path))
    assert path.read_text() == "They ate an apple.\n"


def test_unreachable_server_is_one_clear_line(run_cli, write, monkeypatch) -> None:
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_SERVER", "http://127.0.0.1:9")
    path = write("a.txt", "They ate a apple.\n")
    result = run_cli("check", "--select", "grammar", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("cleanup: error: grammar/languagetool: cannot use "
                                    "http://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1


def test_packs_test_skips_the_grammar_rule_without_a_server(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("CLEANUP_LANGUAGETOOL_SERVER", "http://127.0.0.1:9")
    result = run_cli("packs", "test")
    assert "grammar/languagetool: skipped: " in result.output
    assert ", 1 rules skipped" in result.output
