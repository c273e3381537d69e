"""PO files: only msgstr is checked and fixed; msgid, comments, flags, escapes and wrapping stay."""
from __future__ import annotations

import json

import pytest

from cleanup.formats.po import read_po

PO = r'''# Persian → English, was was in a comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"X-Note: was was in the header\n"

#: src/report.c:10
#, fuzzy
msgctxt "was was context"
msgid "خبرنگار راشاتودی گفت was was"
msgstr "A reporter for Rashatoudi said \"it was was over\"\n"
"and he left the the house."

msgid "یک فایل"
msgid_plural "%d فایل"
msgstr[0] "one file was was"
msgstr[1] "%d files"

msgid "خط"
msgstr "tab\twas\twas here"

#~ msgid "قدیمی"
#~ msgstr "obsolete was was"
'''


def _findings(run_cli, path) -> list[dict]:
    return json.loads(run_cli("check", "--format", "json", str(path)).stdout)["files"][0]["findings"]


def test_only_translations_are_checked_with_file_offsets(run_cli, write) -> None:
    path = write("a.po", PO)
    findings = _findings(run_cli, path)
    for f in findings:
        assert PO[f["start"]:f["end"]] == f["text"]
    flagged = {(f["rule"], f["text"], f["line"]) for f in findings}
    assert ("names/transliterated-outlet", "Rashatoudi", 11) in flagged
    assert ("hygiene/doubled-word", "was was", 11) in flagged
    assert ("hygiene/doubled-word", "the the", 12) in flagged  # a continuation line
    assert ("hygiene/doubled-word", "was was", 16) in flagged  # a plural form
    # Comments, the header, msgctxt, msgid and obsolete entries are not prose.
    assert {f["line"] for f in findings} <= {11, 12, 16, 20}


def test_fix_changes_msgstr_only_and_keeps_escapes_and_wrapping(run_cli, write) -> None:
    path = write("a.po", PO)
    run_cli("fix", str(path))
    expected = (PO.replace('Rashatoudi said \\"it was was over', 'RT said \\"it was over')
                .replace("and he left the the house.", "and he left the house.")
                .replace('msgstr[0] "one file was was"', 'msgstr[0] "one file was"'))
    assert path.read_text(encoding="utf-8") == expected


def test_a_finding_across_an_escape_is_reported_never_fixed(run_cli, write) -> None:
    path = write("a.po", PO)
    across = [f for f in _findings(run_cli, path) if f["line"] == 20]
    assert [f["text"] for f in across] == ["was\\twas"]
    assert across[0]["replacements"] == []
    run_cli("fix", str(path))
    assert 'msgstr "tab\\twas\\twas here"' in path.read_text(encoding="utf-8")


def test_escapes_read_as_the_characters_they_stand_for() -> None:
    doc = read_po('msgid "a"\nmsgstr "x\\"y\\\\z\\n\\101\\x42"\n', "a.po")
    assert doc.text == 'x"y\\z\nAB'
    assert [t.source for t in doc.translations] == ["a"]


def test_plural_forms_translate_msgid_then_msgid_plural() -> None:
    doc = read_po(PO, "a.po")
    pairs = [(doc.text[t.start:t.end], t.source) for t in doc.translations]
    assert ("one file was was", "یک فایل") in pairs
    assert ("%d files", "%d فایل") in pairs


def test_crlf_and_bom_survive_a_fix(run_cli, write) -> None:
    text = 'msgid "a"\r\nmsgstr "it was was "\r\n"over"\r\n'
    path = write("a.po", b"\xef\xbb\xbf" + text.encode())
    run_cli("fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf" + text.replace("was was", "was").encode()


def test_a_fix_that_would_write_a_quote_is_not_applied(run_cli, write) -> None:
    pack = write("quotes.yaml", QUOTES_PACK)
    path = write("a.po", "msgid \"a\"\nmsgstr \"he said ''no''\"\n")
    result = run_cli("fix", "--packs", str(pack), "--select", "quotes", str(path))
    assert "quotes/straight" in result.output
    assert path.read_text() == "msgid \"a\"\nmsgstr \"he said ''no''\"\n"


QUOTES_PACK = """\
id: quotes
rules:
  - id: straight
    kind: pattern
    category: punctuation_spacing
    message: "two apostrophes for a quote"
    pattern: "''"
    replace: '"'
    safe: true
    examples:
      - bad: "he said ''no''"
        fixed: 'he said "no"'
"""


def test_a_template_is_validated_but_not_checked(run_cli, write) -> None:
    path = write("a.pot", 'msgid "was was"\nmsgstr ""\n')
    result = run_cli("check", str(path))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("content", "line", "problem"), [
    ('msgid "a"\nmsgstr "b\n', 2, "no closing quote"),
    ('msgid "a"\nmsgstr "b\\q"\n', 2, "invalid escape"),
    ('msgid "a"\n"b"\nmsgstr "c" x\n', 3, "after the closing quote"),
    ('msgstr "b"\n', 1, "out of place"),
    ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', 2, "out of place"),
    ('msgid "a"\nmsgstr[0] "b"\n', 2, "without msgid_plural"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "c"\n', 3, "out of order"),
    ('msgid "a"\n', 1, "no msgstr"),
    ('"orphan"\n', 1, "no keyword"),
    ('hello\n', 1, "expected msgctxt"),
])
def test_malformed_po_is_one_error_line(run_cli, write, content, line, problem) -> None:
    for name in ("a.po", "a.pot"):
        path = write(name, content)
        result = run_cli("check", str(path))
        assert result.exit_code == 2
        errors = [l for l in result.stderr.splitlines() if l.startswith("cleanup: error:")]
        assert len(errors) == 1
        assert f"{path}:{line}: not a valid PO file:" in errors[0] and problem in errors[0]
        assert "Traceback" not in result.output


def test_a_malformed_file_does_not_stop_the_others(run_cli, write) -> None:
    bad = write("bad.po", 'msgid "a"\n')
    good = write("good.po", 'msgid "a"\nmsgstr "it was was"\n')
    result = run_cli("fix", str(bad), str(good))
    assert result.exit_code == 2
    assert good.read_text() == 'msgid "a"\nmsgstr "it was"\n'
