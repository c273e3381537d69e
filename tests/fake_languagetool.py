"""A stand-in for a LanguageTool server (LanguageTool itself cannot be downloaded here).

It speaks LanguageTool's HTTP API (/v2/languages, /v2/check) on 127.0.0.1 and knows one rule,
"a" before a vowel sound, reporting offsets the way LanguageTool does: in UTF-16 units.
"""
from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

A_BEFORE_VOWEL = re.compile(r"\b([Aa]) ([aeiou]\w*)")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check(text: str) -> dict[str, object]:
    matches = []
    for m in A_BEFORE_VOWEL.finditer(text):
        matches.append({
            "message": "Use 'an' instead of 'a' before a vowel sound.",
            "shortMessage": "", "replacements": [{"value": m.group(1) + "n " + m.group(2)}],
            "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group()),
            "context": {"text": text, "offset": 0, "length": 0}, "sentence": text,
            "rule": {"id": "EN_A_VS_AN", "description": "a/an", "issueType": "grammar",
                     "category": {"id": "MISC", "name": "Miscellaneous"}},
        })
    return {"software": {"name": "fake"}, "language": {"code": "en-US"}, "matches": matches}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _reply(self, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._reply([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self.send_error(404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        if self.path.startswith("/v2/check"):
            self._reply(check(form.get("text", [""])[0]))
        elif self.path.startswith("/v2/languages"):
            self.do_GET()
        else:
            self.send_error(404)


@contextmanager
def running() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
