"""XLIFF 1.2 and 2.x: only <target> text is checked and fixed; tags, attributes, entities,
sources and notes stay as they are."""
from __future__ import annotations

import json
import time

import pytest

from cleanup.formats.xliff import PLACEHOLDER, read_xliff

XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="fa" target-language="en" datatype="plaintext" original="news">
  <body>
   <trans-unit id="1" resname="was was">
    <source>خبرنگار <g id="1">راشاتودی</g> گفت</source>
    <target state="translated">A reporter for <g id="1">Rashatoudi</g> said it was was over.</target>
    <note>was was in a note</note>
    <alt-trans><target>an alternative was was</target></alt-trans>
   </trans-unit>
   <trans-unit id="2">
    <source>دو</source>
    <target>Bold <bpt id="1">&lt;b&gt;</bpt>was was<ept id="1">&lt;/b&gt;</ept><x id="2"/>Rashatoudi</target>
   </trans-unit>
   <trans-unit id="3">
    <source>سه</source>
    <target>Tom &amp; Jerry was&#32;was here, <mrk mtype="term">and and</mrk>.</target>
   </trans-unit>
   <trans-unit id="4" translate="no">
    <source>was was</source>
    <target>was was</target>
   </trans-unit>
   <trans-unit id="5">
    <source>پنج</source>
    <target><![CDATA[it was was <fine> & so]]></target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""

XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fa" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <notes><note>was was in a note</note></notes>
   <originalData><data id="d1">was was</data></originalData>
   <segment id="s1">
    <source>خبرنگار <pc id="1">راشاتودی</pc> گفت <ph id="2" dataRef="d1"/></source>
    <target>A reporter for <pc id="1">Rashatoudi</pc> said it was was over <ph id="2" dataRef="d1"/>.</target>
   </segment>
   <ignorable><source> </source><target> was was </target></ignorable>
   <segment id="s2">
    <source>دو</source>
    <target><sc id="3"/>and and<ec startRef="3"/> and <mrk id="m1" translate="no">was was</mrk></target>
   </segment>
  </unit>
 </file>
</xliff>
"""


def _findings(run_cli, path) -> list[dict]:
    return json.loads(run_cli("check", "--format", "json", str(path)).stdout)["files"][0]["findings"]


@pytest.mark.parametrize(("name", "text"), [("a.xlf", XLIFF_12), ("a.xliff", XLIFF_20)])
def test_findings_point_into_targets(run_cli, write, name, text) -> None:
    path = write(name, text)
    findings = _findings(run_cli, path)
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]
        line = text.splitlines()[f["line"] - 1]
        assert "<target" in line or "</target>" in line or f["line"] == 7
    assert ("names/transliterated-outlet", "Rashatoudi") in {(f["rule"], f["text"]) for f in findings}


def test_xliff_12_fix_keeps_tags_entities_notes_and_untranslatable_units(run_cli, write) -> None:
    path = write("a.xlf", XLIFF_12)
    run_cli("fix", str(path))
    fixed = path.read_text(encoding="utf-8")
    assert fixed == (XLIFF_12
                     .replace("<g id=\"1\">Rashatoudi</g> said it was was over",
                              "<g id=\"1\">RT</g> said it was over")
                     .replace("<mrk mtype=\"term\">and and</mrk>", "<mrk mtype=\"term\">and</mrk>")
                     .replace("<![CDATA[it was was <fine>", "<![CDATA[it was <fine>")
                     .replace("</bpt>was was<ept", "</bpt>was<ept")
                     .replace("<x id=\"2\"/>Rashatoudi", "<x id=\"2\"/>RT"))


def test_codes_and_entities_are_not_prose_and_block_fixes() -> None:
    doc = read_xliff(XLIFF_12, "a.xlf")
    assert f"Bold {PLACEHOLDER}was was{PLACEHOLDER}{PLACEHOLDER}Rashatoudi" in doc.text
    assert "Tom & Jerry was was here, and and." in doc.text
    assert "alternative" not in doc.text and "note" not in doc.text


def test_a_finding_across_a_character_reference_is_not_fixed(run_cli, write) -> None:
    path = write("a.xlf", XLIFF_12)
    across = [f for f in _findings(run_cli, path) if f["text"] == "was&#32;was"]
    assert len(across) == 1 and across[0]["replacements"] == []


def test_xliff_20_fix_keeps_codes_and_skips_ignorable_and_protected(run_cli, write) -> None:
    path = write("a.xliff", XLIFF_20)
    run_cli("fix", str(path))
    assert path.read_text(encoding="utf-8") == (
        XLIFF_20.replace("<pc id=\"1\">Rashatoudi</pc> said it was was over",
                         "<pc id=\"1\">RT</pc> said it was over")
        .replace("<sc id=\"3\"/>and and<ec", "<sc id=\"3\"/>and<ec"))


def test_sources_pair_with_targets() -> None:
    doc = read_xliff(XLIFF_20, "a.xliff")
    assert [t.source for t in doc.translations] == [
        f"خبرنگار راشاتودی گفت {PLACEHOLDER}", "دو"]


def test_crlf_bom_and_offsets_after_non_ascii_text(run_cli, write) -> None:
    text = XLIFF_12.replace("\n", "\r\n")
    path = write("a.xlf", b"\xef\xbb\xbf" + text.encode("utf-8"))
    for f in _findings(run_cli, path):
        assert text[f["start"]:f["end"]] == f["text"]
    run_cli("fix", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf<?xml") and data.count(b"\r\n") == text.count("\r\n")
    assert "<g id=\"1\">RT</g> said it was over.</target>\r\n" in data.decode("utf-8")


def test_utf16_file_is_read_and_written_back_as_utf16(run_cli, write) -> None:
    text = XLIFF_20.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write("a.xlf", b"\xff\xfe" + text.encode("utf-16-le"))
    run_cli("fix", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert "<pc id=\"1\">RT</pc> said it was over" in data[2:].decode("utf-16-le")


def test_a_fix_that_would_write_markup_is_not_applied(run_cli, write) -> None:
    pack = write("amp.yaml", AMPERSAND_PACK)
    text = XLIFF_20.replace("and and", "salt and pepper")
    path = write("a.xlf", text)
    result = run_cli("fix", "--packs", str(pack), "--select", "amp", str(path))
    assert "amp/and" in result.output
    assert path.read_text(encoding="utf-8") == text


AMPERSAND_PACK = """\
id: amp
rules:
  - id: and
    kind: pattern
    category: style
    message: "use an ampersand"
    pattern: ' and '
    replace: ' & '
    safe: true
    examples:
      - bad: "salt and pepper"
        fixed: "salt & pepper"
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>
<target>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</target></trans-unit></body></file></xliff>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>x</source>
<target>&secret;</target></trans-unit></body></file></xliff>
"""


@pytest.mark.parametrize(("content", "line", "problem"), [
    (BILLION_LAUGHS, 2, "DOCTYPE is not allowed"),
    (EXTERNAL, 2, "DOCTYPE is not allowed"),
    ('<xliff version="1.2">\n<file><body>\n<trans-unit><target>x</tar>', 3, "mismatched tag"),
    ('<xliff version="1.2">\n<target>a &nbsp; b</target></xliff>', 2, "undefined entity"),
    ('<?xml version="1.0"?>\n<html><body/></html>', 2, "not an XLIFF file"),
    ('', 1, "no element found"),
])
def test_unsafe_or_malformed_xliff_is_one_error_line(run_cli, write, content, line,
                                                     problem) -> None:
    path = write("a.xlf", content)
    started = time.monotonic()
    result = run_cli("fix", str(path))
    assert time.monotonic() - started < 5
    assert result.exit_code == 2
    errors = [l for l in result.stderr.splitlines() if l.startswith("cleanup: error:")]
    assert len(errors) == 1
    assert f"{path}:{line}: not a valid XLIFF file:" in errors[0] and problem in errors[0]
    assert path.read_text() == content
