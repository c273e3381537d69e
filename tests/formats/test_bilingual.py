"""Bilingual rules compare each translation with its source segment; they never fix."""
from __future__ import annotations

import json

import pytest

from cleanup.document import Document
from cleanup.engine import Linter
from cleanup.errors import PackError
from cleanup.pack import load_builtin_packs, load_pack

BILINGUAL = next(p for p in load_builtin_packs() if p.id == "bilingual")
LINTER = Linter(BILINGUAL.rules)

# (rule, source, a translation it flags, one it does not)
CASES = [
    ("bilingual/untranslated", "خبرگزاری تسنیم گزارش داد", "خبرگزاری تسنیم گزارش داد",
     "Tasnim News Agency reported"),
    ("bilingual/empty", "سلام دنیا", "", "Hello world"),
    ("bilingual/missing-number", "۱۲ نفر در ۳ شهر کشته شدند", "12 people were killed",
     "12 people were killed in 3 cities"),
    ("bilingual/source-script", "سپاه پاسداران اعلام کرد", "The سپاه announced",
     "The IRGC announced"),
    ("bilingual/placeholder", "%(count)s پیام از {0}", "%(count)d messages from {0}",
     "%(count)s messages from {0}"),
]


def _rules(source: str, target: str) -> list[str]:
    return [f.rule for f in LINTER.check(Document.bilingual(target, source))]


@pytest.mark.parametrize(("rule", "source", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_flags_its_bad_case_only(rule: str, source: str, bad: str, good: str) -> None:
    assert rule in _rules(source, bad)
    assert _rules(source, good) == []


def _po(source: str, target: str) -> str:
    return f'msgid "{source}"\nmsgstr "{target}"\n'


def _xliff(source: str, target: str) -> str:
    return ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="fa" '
            f'trgLang="en"><file id="f"><unit id="u"><segment><source>{source}</source>\n'
            f'<target>{target}</target></segment></unit></file></xliff>\n')


@pytest.mark.parametrize("make", [(_po, "a.po"), (_xliff, "a.xlf")], ids=["po", "xliff"])
@pytest.mark.parametrize(("rule", "source", "bad", "good"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_works_on_translation_files(run_cli, write, make, rule, source, bad,
                                              good) -> None:
    build, name = make
    bad_text = build(source, bad)
    path = write(name, bad_text)
    result = run_cli("fix", "--format", "json", "--select", "bilingual", str(path))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert rule in [f["rule"] for f in findings]
    assert all(bad_text[f["start"]:f["end"]] == f["text"] and not f["replacements"]
               for f in findings)
    assert path.read_text(encoding="utf-8") == bad_text  # never fixed
    write(name, build(source, good))
    assert run_cli("check", "--select", "bilingual", str(path)).exit_code == 0


def test_plain_text_has_no_source_segments(run_cli, write) -> None:
    path = write("a.txt", "%s was ۵ and سلام\n")
    assert run_cli("check", "--select", "bilingual", str(path)).exit_code == 0


def test_numbers_compare_across_digit_scripts_and_grouping() -> None:
    assert _rules("۱٬۲۰۰ و ٣٫٥ و 7", "1200 and 3.5 and 7") == []
    assert _rules("۱٬۲۰۰ نفر", "1,200 people") == []
    assert _rules("۱۲۰۰ نفر", "1,300 people") == ["bilingual/missing-number"]


def test_placeholder_messages_say_what_differs() -> None:
    findings = LINTER.check(Document.bilingual("{0} of {2}", "{0} از {1}"))
    assert [(f.text, f.message) for f in findings] == [
        ("{0} of {2}", "the translation's placeholders differ from the source: '{1}' missing"),
        ("{2}", "the translation's placeholders differ from the source: '{2}' not in the source"),
    ]


def test_placeholders_may_change_order() -> None:
    assert _rules("%1$s از %2$s", "%2$s of %1$s") == []


RULE = """\
id: mine
rules:
  - id: r
    kind: bilingual
    category: other
    message: "m"
{spec}
    examples:
      - source: "a b"
        bad: "a b"
"""


@pytest.mark.parametrize(("spec", "problem"), [
    ("    compare: same", "'compare' must be one of"),
    ("    compare: tokens", "'pattern' must be a non-empty regular expression"),
    ("    compare: script\n    scripts: [Klingon]", "unknown Unicode script 'Klingon'"),
    ("    compare: identical\n    min_words: 0", "'min_words' must be a whole number"),
    ("    compare: identical\n    safe: true", "no automatic fix"),
])
def test_broken_bilingual_rules_are_pack_errors(write, spec: str, problem: str) -> None:
    path = write("mine.yaml", RULE.format(spec=spec))
    with pytest.raises(PackError, match=problem):
        load_pack(path)


def test_packs_test_runs_examples_with_a_source(run_cli, write) -> None:
    path = write("mine.yaml", RULE.format(spec="    compare: identical"))
    assert run_cli("packs", "test", str(path)).exit_code == 0
    wrong = RULE.format(spec="    compare: identical").replace('bad: "a b"', 'bad: "A B"')
    result = run_cli("packs", "test", str(write("mine.yaml", wrong)))
    assert result.exit_code == 1 and "does not flag the bad example 'A B'" in result.output
    assert "source:  a b" in run_cli("explain", "mine/r", "--packs", str(path)).output
