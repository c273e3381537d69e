"""Properties that hold for any text and any pack (issue 6), checked with hypothesis over
generated text (machine-translation artifacts, RTL, emoji, combining marks, CRLF) and
generated packs. Example counts are bounded so the normal suite stays fast."""
from __future__ import annotations

import codecs
import functools
import os
import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import cleanup
from cleanup import Document, Linter, apply_edits, choose_edits, fix, incremental
from cleanup.errors import InputError, PackError
from cleanup.files import iter_files
from cleanup.formats import reader_for
from cleanup.pack import load_pack
from cleanup.run import check_file, fix_file
from cleanup.textfile import decode, encode

# CLEANUP_PROPERTY_EXAMPLES=5000 searches longer (locally, or in a nightly job).
EXAMPLES = int(os.environ.get("CLEANUP_PROPERTY_EXAMPLES", "120"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of machine-translated news: artifacts the built-in packs know, and text they must
# leave alone, in several scripts.
PIECES = [
    "was was", "the the", "The The", "Rashatoudi", "RASHATOUDI", "Ain al-Assad",
    "Ayn al-Assad", "Ein al-Asad", "ISIL", "ISIS", "Daesh", "coalition called ISIL",
    "the leap desert", "attack.The", " ,", " .", "  ", "\u200b", "\u200f", "\u202b",
    "\u202c", "٢٠٢٤", "٫", "،", "قال المتحدث", "שלום", "Kadhimi", "Kazemi", "e\u0301",
    "na\u0308ive", "😀", "👩‍👩‍👧", "🇮🇷", "İ", "ß", "ﬁ", "\r\n", "\r", "\n", "\t", ", ",
    ". ", "that that", "had had", "cleanup: ignore", "Ã©", "â€™", "-", "'", "(", ")",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map(
    "".join)
WORDS = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from([" ", "\r\n", ". "])),
                 max_size=40).map("".join)


LINE_BREAK = re.compile(r"\r\n|\r|\n")


@functools.lru_cache(maxsize=1)
def builtin() -> Linter:
    return cleanup.default_linter()


# Generated packs: phrases and replacements from disjoint vocabularies (a replacement never
# spells a phrase, so fixing converges), patterns from a list of sound ones, and characters.
PHRASES = ["foo bar", "baz", "Qux", "zeta-eta", "قال", "naïve", "e\u0301te"]
REPLACEMENTS = ["alpha", "beta gamma", "", "Delta", "😀", "ωμέγα"]
PATTERNS = [
    (r"\b(?<w>\p{L}+) (?i:\g<w>)\b", r"\g<w>"),
    (r"(?<=\w)[ \t]+(?<m>[,;:!?.])", r"\g<m>"),
    (r"[\u200b\u200f]+", ""),
    (r"\r\n\r\n\r\n+", "\r\n\r\n"),
    (r"(?i)\bzz+\b", "z"),
]


@st.composite
def packs(draw: st.DrawFn) -> dict:
    rules = []
    swaps = draw(st.dictionaries(st.sampled_from(PHRASES),
                                 st.one_of(st.sampled_from(REPLACEMENTS),
                                           st.lists(st.sampled_from(REPLACEMENTS), max_size=3)),
                                 max_size=4))
    if swaps:
        rules.append({"id": "swap", "kind": "substitution", "category": "other",
                      "message": "use {replacement}", "swap": swaps,
                      "case": draw(st.sampled_from(["sensitive", "insensitive"]))})
    for i, (pattern, template) in enumerate(draw(st.lists(st.sampled_from(PATTERNS),
                                                          max_size=3, unique=True))):
        rules.append({"id": f"pat{i}", "kind": "pattern", "category": "other",
                      "message": "{match!r}", "pattern": pattern, "replace": template,
                      "safe": draw(st.booleans())})
    if draw(st.booleans()):
        rules.append({"id": "chars", "kind": "script", "category": "other", "message": "m",
                      "characters": {"\u202b": "", "\u202c": "", "٢": "2", "\u200b": None}})
    if draw(st.booleans()):
        rules.append({"id": "same", "kind": "consistency", "category": "other",
                      "message": "{preferred}", "variants": [["ISIL", "ISIS", "Daesh"]],
                      "prefer": draw(st.sampled_from(["majority", "first"]))})
    if draw(st.booleans()):
        rules.append({"id": "scripts", "kind": "script", "category": "other", "message": "m",
                      "scripts": ["Arabic", "Hebrew"]})
    return {"id": "gen", "rules": rules}


def _linter(tmp_path: Path, pack: dict) -> Linter:
    path = tmp_path / "gen.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    try:
        return Linter(load_pack(path).rules)
    except PackError as exc:  # generated packs are valid by construction
        raise AssertionError(str(exc)) from None


def _assert_findings_point_at_their_text(text: str, linter: Linter) -> list:
    findings = linter.check_text(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text
    return findings


def _assert_edits_stay_in_their_spans(text: str, findings: list, unsafe: bool) -> None:
    edits = choose_edits(findings, unsafe)
    new = apply_edits(text, edits)
    old_pos = new_pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        assert edit.start >= old_pos  # chosen edits never overlap
        kept = edit.start - old_pos
        assert new[new_pos:new_pos + kept] == text[old_pos:edit.start]
        assert new[new_pos + kept:new_pos + kept + len(edit.new)] == edit.new
        new_pos += kept + len(edit.new)
        old_pos = edit.end
    assert new[new_pos:] == text[old_pos:]


def _assert_fix_converges(text: str, linter: Linter) -> None:
    once = fix(linter, Document.plain(text))
    assert not [f for f in once.remaining if f.safe and f.replacements], once.remaining
    assert [(f.rule, f.start, f.text) for f in linter.check_text(once.text)] == [
        (f.rule, f.start, f.text) for f in once.remaining]
    twice = fix(linter, Document.plain(once.text))
    assert twice.text == once.text and not twice.changed


@PROPERTY
@given(TEXT)
def test_builtin_findings_point_at_their_text(text: str) -> None:
    _assert_findings_point_at_their_text(text, builtin())


@PROPERTY
@given(TEXT, st.booleans())
def test_builtin_edits_change_nothing_outside_their_spans(text: str, unsafe: bool) -> None:
    findings = builtin().check_text(text)
    _assert_edits_stay_in_their_spans(text, findings, unsafe)


@PROPERTY
@given(WORDS)
def test_builtin_fix_is_idempotent_and_leaves_nothing_safe_to_fix(text: str) -> None:
    _assert_fix_converges(text, builtin())


@PROPERTY
@given(TEXT)
def test_builtin_fix_keeps_every_line_break(text: str) -> None:
    # CRLF, CR and LF, mixed: fixing words never turns one line ending into another.
    fixed = fix(builtin(), Document.plain(text)).text
    assert LINE_BREAK.findall(fixed) == LINE_BREAK.findall(text)


@PROPERTY
@given(packs(), TEXT, st.booleans())
def test_generated_packs_keep_offsets_and_spans(tmp_path_factory, pack: dict, text: str,
                                                unsafe: bool) -> None:
    linter = _linter(tmp_path_factory.mktemp("pack"), pack)
    findings = _assert_findings_point_at_their_text(text, linter)
    _assert_edits_stay_in_their_spans(text, findings, unsafe)


@PROPERTY
@given(packs(), WORDS)
def test_generated_packs_fix_is_idempotent(tmp_path_factory, pack: dict, text: str) -> None:
    _assert_fix_converges(text, _linter(tmp_path_factory.mktemp("pack"), pack))


def _whole_text_findings(linter: Linter, text: str) -> list:
    """The reference: every rule reads the whole text (no line memo)."""
    memo_limit = incremental.MAX_CHARS
    incremental.MAX_CHARS = -1
    try:
        return linter.check_text(text)
    finally:
        incremental.MAX_CHARS = memo_limit


@PROPERTY
@given(st.lists(TEXT, min_size=2, max_size=8), st.data())
def test_a_kept_linter_rechecks_an_edit_as_a_whole_text_check_would(
        tmp_path_factory, lines: list[str], data: st.DataObject) -> None:
    # An editor keeps the linter: unchanged lines come from the memo of the last check, and
    # the lines that changed are checked together as one text (the last one may lack its
    # line feed).
    text = "\n".join(lines)
    changed = data.draw(st.sets(st.integers(0, len(lines) - 1), min_size=1,
                                max_size=len(lines) // 2))
    edited = "\n".join(data.draw(TEXT) if i in changed else line for i, line in enumerate(lines))
    generated = _linter(tmp_path_factory.mktemp("pack"), data.draw(packs()))
    for linter in (builtin(), generated):
        expected = _whole_text_findings(linter, edited), _whole_text_findings(linter, text)
        linter.check_text(text)
        assert (linter.check_text(edited), linter.check_text(text)) == expected


BOMS = st.sampled_from([
    (b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be")])


@PROPERTY
@given(BOMS, st.text(alphabet=st.characters(blacklist_categories=["Cs"])), st.binary(max_size=8))
def test_any_decoded_file_encodes_back_to_the_same_bytes(bom, text: str, noise: bytes) -> None:
    mark, codec = bom
    for data in (mark + text.encode(codec), mark + text.encode(codec) + noise):
        try:
            decoded, encoding, found_bom = decode(data, "f")
        except InputError:
            continue  # refused (binary, invalid): then nothing is ever written
        assert encode(decoded, encoding, found_bom, "f") == data


@settings(PROPERTY, max_examples=max(EXAMPLES // 4, 1))
@given(st.lists(TEXT, min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_output_does_not_depend_on_file_order(tmp_path_factory, texts: list[str],
                                              rnd) -> None:
    # One linter serves the whole batch (as in `cleanup check a b c`): no state may leak from
    # one file into the next.
    folder = tmp_path_factory.mktemp("order")
    paths = [str(folder / f"f{i}.txt") for i in range(len(texts))]
    for path, text in zip(paths, texts):
        Path(path).write_bytes(text.encode())
    shuffled = paths[:]
    rnd.shuffle(shuffled)

    def by_path(order: list[str]) -> dict[str, object]:
        linter = builtin()
        checked = {p: check_file(linter, p) for p in order}
        fixed = {p: fix_file(linter, p, write=False) for p in order}
        return {p: (checked[p].findings, checked[p].skipped, fixed[p].findings,
                    fixed[p].fixed and fixed[p].fixed.text) for p in order}

    assert by_path(paths) == by_path(shuffled) == by_path(paths[::-1])


def test_folder_is_read_in_a_stable_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b.txt", "C.txt", "a.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    walked = [Path(p).relative_to(tmp_path).as_posix() for p in iter_files([str(tmp_path)])]
    assert walked == ["C.txt", "a.txt", "b.txt", "a/b.txt", "a/z.txt"]


# Markup: findings and fixes must land in the file's prose, never in code, URLs or timings.
PROTECTED = ["`was was`", "<http://x.y/was-was>", "[a link](http://x.y/was%20was)",
             "```\nwas was  Rashatoudi\n```", "<div>\nwas was\n</div>"]
INLINE = st.lists(st.one_of(st.sampled_from([p for p in PIECES if "\n" not in p and "\r" not in p]),
                            st.sampled_from(["**", "*", "_", "`was was`", "[a link](http://x.y/was%20was)",
                                             "<http://x.y/was-was>", "\\*"])),
                  max_size=12).map("".join)
MARKDOWN = st.lists(st.one_of(
    INLINE, INLINE.map(lambda t: "# " + t), INLINE.map(lambda t: "- " + t),
    INLINE.map(lambda t: "> " + t), st.sampled_from(PROTECTED)), max_size=8).map("\n\n".join)
CUE_TEXT = INLINE.filter(lambda t: t.strip() and "-->" not in t)
SUBTITLES = st.lists(CUE_TEXT, min_size=1, max_size=5).map(lambda cues: "\n\n".join(
    f"{i}\n00:00:0{i % 10},000 --> 00:00:0{i % 10},500\n{cue}" for i, cue in enumerate(cues, 1))
    + "\n")


def _assert_markup_fix_is_safe(source: str, path: str, protected: list[str]) -> None:
    read = reader_for(path)
    linter = builtin()
    findings = linter.check(read(source, path))
    for f in findings:
        assert 0 <= f.start <= f.end <= len(source) and source[f.start:f.end] == f.text
    once = fix(linter, read(source, path), reader=lambda text: read(text, path))
    for piece in protected:
        assert once.text.count(piece) == source.count(piece), piece
    twice = fix(linter, read(once.text, path), reader=lambda text: read(text, path))
    assert twice.text == once.text


@PROPERTY
@given(MARKDOWN)
def test_markdown_fixes_stay_in_prose(source: str) -> None:
    _assert_markup_fix_is_safe(source, "a.md", PROTECTED)


@PROPERTY
@given(SUBTITLES)
def test_subtitle_fixes_leave_indexes_and_timings(source: str) -> None:
    timings = [line for line in source.splitlines() if "-->" in line]
    _assert_markup_fix_is_safe(source, "a.srt", timings)
