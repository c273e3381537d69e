"""The language server, started as an editor starts it and spoken to over stdio."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")


class Client:
    """The smallest LSP client: Content-Length framed JSON-RPC over the server's stdio."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cleanup", "lsp"], cwd=cwd,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while (line := self.proc.stdout.readline().strip()):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                assert "error" not in message, message
                return message["result"]

    def notification(self, method: str) -> dict[str, Any]:
        while True:
            message = self.receive()
            if message.get("method") == method:
                return message["params"]

    def close(self) -> int:
        self.request("shutdown", {})
        self.send({"method": "exit"})
        return self.proc.wait(timeout=10)


@pytest.fixture
def client(tmp_path: Path):
    c = Client(tmp_path)
    c.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(),
                             "capabilities": {}})
    c.send({"method": "initialized", "params": {}})
    yield c
    if c.proc.poll() is None:
        c.proc.kill()


def open_doc(client: Client, uri: str, text: str) -> list[dict[str, Any]]:
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    return client.notification("textDocument/publishDiagnostics")["diagnostics"]


def test_diagnostics_on_open_and_change_with_utf16_columns(client: Client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.txt").as_uri()
    # The emoji is one code point but two UTF-16 units: the editor counts units.
    diagnostics = open_doc(client, uri, "😀 Rashatoudi said it was was over.\n")
    by_code = {d["code"]: d for d in diagnostics}
    assert set(by_code) == {"names/transliterated-outlet", "hygiene/doubled-word"}
    outlet = by_code["names/transliterated-outlet"]
    assert outlet["range"] == {"start": {"line": 0, "character": 3},
                               "end": {"line": 0, "character": 13}}
    assert outlet["severity"] == 1 and outlet["source"] == "cleanup"

    client.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": "RT said it was over.\n"}]}})
    assert client.notification("textDocument/publishDiagnostics")["diagnostics"] == []
    assert client.close() == 0


def test_quick_fixes_and_fix_all(client: Client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.txt").as_uri()
    text = "A Rashatoudi reporter saw a coalition called ISIL.\n"
    diagnostics = open_doc(client, uri, text)
    outlet = next(d for d in diagnostics if d["code"] == "names/transliterated-outlet")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": outlet["range"],
        "context": {"diagnostics": [outlet]}})
    quick = [a for a in actions if a["kind"] == "quickfix"]
    assert [a["title"] for a in quick] == ["Replace with 'RT' (names/transliterated-outlet)"]
    assert quick[0]["isPreferred"] is True
    (edit,) = quick[0]["edit"]["changes"][uri]
    assert edit["newText"] == "RT" and edit["range"] == outlet["range"]

    fix_all = next(a for a in actions if a["kind"] == "source.fixAll")
    (whole,) = fix_all["edit"]["changes"][uri]
    # Only the safe fix: "called ISIL" is a suggestion and stays for the writer to decide.
    assert whole["newText"] == "A RT reporter saw a coalition called ISIL.\n"

    called = next(d for d in diagnostics if d["code"] == "terms/coalition-called")
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": called["range"],
        "context": {"diagnostics": [called]}})
    suggestion = next(a for a in actions if a["kind"] == "quickfix"
                      and "terms/coalition-called" in a["title"])
    assert suggestion["isPreferred"] is False
    assert client.close() == 0


def test_a_file_that_does_not_parse_yet_is_one_diagnostic_and_the_server_lives_on(
        client: Client, tmp_path: Path) -> None:
    uri = (tmp_path / "a.po").as_uri()
    diagnostics = open_doc(client, uri, 'msgid "Hello"\nmsgstr "unterminated\n')
    assert len(diagnostics) == 1 and "a.po" in diagnostics[0]["message"]
    client.send({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": 'msgid "Hello"\nmsgstr "It was was fine."\n'}]}})
    fixed = client.notification("textDocument/publishDiagnostics")["diagnostics"]
    assert [d["code"] for d in fixed] == ["hygiene/doubled-word"]
    assert client.close() == 0
