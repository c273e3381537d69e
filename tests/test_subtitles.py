"""Subtitles: cue text is checked and fixed; numbers, timings, tags and notes are untouched."""
from __future__ import annotations

import json

SRT = (
    "1\r\n00:00:01,000 --> 00:00:03,500\r\nA reporter for <i>Rashatoudi</i> said\r\n"
    "it was was over.\r\n\r\n"
    "2\r\n00:00:04,000 --> 00:00:06,000\r\n{\\an8}They came the the long way back.\r\n\r\n"
    "3\r\n00:00:07,000 --> 00:00:08,000\r\nback home.\r\n"
)

VTT = """WEBVTT

NOTE was was in a note is not prose

cue-1
00:01.000 --> 00:03.000 align:start
<v Reporter>The drone was was shot down.</v>

00:04.000 --> 00:05.000
Near Ain al-Assad.
"""


def test_srt_cue_text_is_checked_with_file_positions(run_cli, write) -> None:
    path = write("a.srt", SRT)
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    found = [(f["rule"], f["text"], f["line"]) for f in data["files"][0]["findings"]]
    assert ("names/transliterated-outlet", "Rashatoudi", 3) in found
    assert ("hygiene/doubled-word", "was was", 4) in found
    assert ("hygiene/doubled-word", "the the", 8) in found
    for f in data["files"][0]["findings"]:
        assert SRT[f["start"]:f["end"]] == f["text"]
    # "back." ends cue 2 and "back home." starts cue 3: cues are not read as one sentence.
    assert not any(text.startswith("back") for _, text, _ in found)


def test_srt_fix_keeps_timings_tags_and_crlf(run_cli, write) -> None:
    path = write("a.srt", SRT)
    run_cli("fix", str(path))
    assert path.read_bytes().decode() == (
        "1\r\n00:00:01,000 --> 00:00:03,500\r\nA reporter for <i>RT</i> said\r\n"
        "it was over.\r\n\r\n"
        "2\r\n00:00:04,000 --> 00:00:06,000\r\n{\\an8}They came the long way back.\r\n\r\n"
        "3\r\n00:00:07,000 --> 00:00:08,000\r\nback home.\r\n")


def test_vtt_notes_settings_and_voice_tags_are_not_prose(run_cli, write) -> None:
    path = write("a.vtt", VTT)
    data = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    found = [(f["rule"], f["text"], f["line"]) for f in data["files"][0]["findings"]]
    assert found == [("hygiene/doubled-word", "was was", 7)]
    run_cli("fix", str(path))
    assert "<v Reporter>The drone was shot down.</v>" in path.read_text()
    assert "NOTE was was in a note" in path.read_text()
