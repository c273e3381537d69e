"""Bad and unusual input files (issue 6): each is either fixed with every other byte kept, or
refused with one line that names the file, and never half-written."""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from robust import DIRTY, FIXED, cleanup_process, one_line_error


def test_invalid_utf8_is_one_line_error_naming_file_and_byte_offset(cli, write) -> None:
    data = b"It was was late.\nCaf\xe9 was was closed.\n"
    path = write("a.txt", data)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {path}: not valid utf-8 at byte 20 "
        "(use --encoding to name the file's encoding)")
    assert path.read_bytes() == data


def test_invalid_utf8_reads_with_the_encoding_option(cli, write) -> None:
    path = write("a.txt", "Café was was closed.\n".encode("latin-1"))
    result = cli("fix", "--encoding", "latin-1", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "Café was closed.\n".encode("latin-1")


def test_encoding_that_would_not_give_the_bytes_back_is_refused(cli, write) -> None:
    # UTF-7 spells "a" both as "a" and as "+AGE-": writing back would change untouched bytes.
    data = b"It was was late +AGE-.\n"
    path = write("a.txt", data)
    result = cli("fix", "--encoding", "utf-7", str(path))
    assert result.exit_code == 2
    assert "does not give these bytes back" in one_line_error(result)
    assert path.read_bytes() == data


def test_unknown_encoding_is_one_line_error(cli, write) -> None:
    path = write("a.txt", DIRTY)
    for name in ("no-such-codec", "rot13"):
        result = cli("check", "--encoding", name, str(path))
        assert result.exit_code == 2
        assert name in one_line_error(result)


def test_utf8_bom_is_preserved_on_write(cli, write) -> None:
    path = write("a.txt", codecs.BOM_UTF8 + DIRTY.encode())
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + FIXED.encode()


@pytest.mark.parametrize("codec,bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_utf16_and_utf32_bom_are_preserved_on_write(cli, write, codec: str, bom: bytes) -> None:
    path = write("a.txt", bom + "Ünïcode was was here.\r\n".encode(codec))
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert path.read_bytes() == bom + "Ünïcode was here.\r\n".encode(codec)


def test_encoding_option_keeps_the_files_own_bom_and_byte_order(cli, write) -> None:
    # `--encoding utf-16` used to write the platform's byte order and mark back.
    path = write("a.txt", codecs.BOM_UTF16_BE + DIRTY.encode("utf-16-be"))
    assert cli("fix", "--encoding", "utf-16", str(path)).exit_code == 0
    assert path.read_bytes() == codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")
    plain = write("b.txt", DIRTY)  # utf-8-sig must not add a mark the file did not have
    assert cli("fix", "--encoding", "utf-8-sig", str(plain)).exit_code == 0
    assert plain.read_bytes() == FIXED.encode()


def test_utf16_file_starting_with_nul_is_not_taken_for_utf32(cli, write) -> None:
    # FF FE 00 00 also opens UTF-32 LE; this file is UTF-16 LE whose first character is NUL.
    path = write("a.txt", codecs.BOM_UTF16_LE + "\0It was was late.\n".encode("utf-16-le"))
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "\0It was late.\n".encode("utf-16-le")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_line_endings_are_preserved(cli, write, newline: str) -> None:
    ends = ["\r\n", "\r", "\n", "\r\n"] if newline == "mixed" else [newline] * 4
    lines = ["First line.", "It was was late.", "Third line.", "Rashatoudi said so."]
    path = write("a.txt", "".join(line + end for line, end in zip(lines, ends)))
    result = cli("fix", str(path))
    assert result.exit_code == 0
    lines[1], lines[3] = "It was late.", "RT said so."
    assert path.read_bytes() == "".join(line + end for line, end in zip(lines, ends)).encode()


def test_line_and_column_count_cr_and_crlf_as_line_breaks(cli, write) -> None:
    path = write("a.txt", "one\rtwo\r\nIt was was late.\n")
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    (finding,) = data["files"][0]["findings"]
    assert (finding["line"], finding["column"]) == (3, 4)


def test_no_trailing_newline_is_preserved(cli, write) -> None:
    path = write("a.txt", "Line one.\nIt was was late.")
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_bytes() == b"Line one.\nIt was late."


def test_empty_file_is_clean_and_stays_empty(cli, write) -> None:
    path = write("a.txt", b"")
    result = cli("check", str(path))
    assert result.exit_code == 0 and "Found 0 problems in 1 file" in result.output
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_bytes() == b""


def test_binary_file_is_skipped_with_a_note(cli, write) -> None:
    data = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR was was"
    path = write("image.txt", data)
    result = cli("fix", str(path))
    assert result.exit_code == 0
    assert f"cleanup: note: {path}: binary file (NUL bytes), skipped" in result.stderr
    assert path.read_bytes() == data


def test_nul_bytes_after_the_sniffed_start_are_kept(cli, write) -> None:
    # Only the first 8 KiB decide "binary"; a later NUL is a character like any other.
    data = b"x" * 9000 + b"\n\0 It was was late.\0\n"
    path = write("a.txt", data)
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_bytes() == b"x" * 9000 + b"\n\0 It was late.\0\n"


def test_combining_marks_stay_on_their_letters(cli, write) -> None:
    # Decomposed é (e + U+0301): the fix must not cut a letter from its mark.
    text = "Cafe\u0301 was was open. He was was\u0301 there. nai\u0308ve\n"
    path = write("a.txt", text)
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    spans = [(f["start"], f["end"]) for f in data["files"][0]["findings"]]
    assert [text[a:b] for a, b in spans] == ["was was"]  # "was wa\u0301s" is another word
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace("was was open", "was open")


def test_emoji_count_as_one_code_point_each(cli, write) -> None:
    text = "👩‍👩‍👧 🇮🇷 😀 It was was late 😀.\n"
    path = write("a.txt", text)
    data = json.loads(cli("check", "--format", "json", str(path)).stdout)
    (finding,) = data["files"][0]["findings"]
    assert text[finding["start"]:finding["end"]] == finding["text"] == "was was"
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace("was was", "was")


def test_rtl_text_and_bidi_controls_are_kept(cli, write) -> None:
    text = "\u202bقال المتحدث\u202c It was was late. שלום \u200fעולם\u200f Rashatoudi.\n"
    path = write("a.txt", text)
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        text.replace("was was", "was").replace("Rashatoudi", "RT"))


def test_utf16_file_with_unpaired_surrogate_is_one_line_error(cli, write) -> None:
    # A high surrogate (D800) followed by "a" instead of a low surrogate, at byte 2 + 4.
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8a\x00"
    path = write("a.txt", data)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert one_line_error(result).endswith(
        f"{path}: not valid utf-16-le at byte 6 (use --encoding to name the file's encoding)")
    assert path.read_bytes() == data


def test_utf8_encoded_surrogate_is_invalid_utf8(cli, write) -> None:
    data = b"It was was \xed\xa0\x80 late.\n"  # CESU-style surrogate: not UTF-8
    path = write("a.txt", data)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert "not valid utf-8 at byte 11" in one_line_error(result)
    assert path.read_bytes() == data


def test_file_name_that_is_not_utf8_is_checked_and_fixed(pack: Path, tmp_path: Path) -> None:
    # os.listdir hands Python such a name with lone surrogates (surrogateescape); printing it
    # to a strict UTF-8 stdout (any en_US.UTF-8 terminal) used to be an internal error.
    folder = tmp_path / "docs"
    folder.mkdir()
    path = folder / os.fsdecode(b"caf\xe9.txt")
    path.write_bytes(DIRTY.encode())
    proc = cleanup_process("fix", "--no-builtin-packs", "--packs", str(pack), "docs",
                           cwd=tmp_path, env_extra={"PYTHONIOENCODING": "utf-8:strict"})
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"docs/caf\xe9.txt:1:4: t/doubled" in out
    assert path.read_bytes() == FIXED.encode()


def test_fifo_is_skipped_not_read(cli, tmp_path: Path) -> None:
    # Reading a named pipe would wait forever for a writer: a hook must never hang on one.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = cli("check", str(fifo))
    assert result.exit_code == 0
    assert f"{fifo}: not a regular file, skipped" in result.stderr


def test_standard_input_with_invalid_utf8_is_one_line_error(cli) -> None:
    result = cli("fix", "-", input=b"ok \xff was was\n")
    assert result.exit_code == 2
    assert "<stdin>: not valid utf-8 at byte 3" in one_line_error(result)


def test_gitignore_lines_git_would_not_understand_are_skipped(cli, write, tmp_path) -> None:
    # '!' or '[z-a]' in a .gitignore made pathspec raise: the whole run was an internal error.
    write("docs/.gitignore", "!\n[z-a]\n\\\nskip.txt\n")
    write("docs/a.txt", DIRTY)
    write("docs/skip.txt", DIRTY)
    result = cli("check", str(tmp_path / "docs"))
    assert result.exit_code == 1
    assert "a.txt:1:4" in result.output and "skip.txt" not in result.output
    assert result.stderr == ""
