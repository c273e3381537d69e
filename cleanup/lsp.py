"""A language server: diagnostics while you type, quick fixes as code actions.

Started by an editor as `cleanup lsp` (stdio). Findings become diagnostics (code = rule id);
each replacement becomes a quick fix, the safe one preferred; "Fix all" applies the safe fixes
of the whole document, exactly as `cleanup fix` would. Positions are converted with pygls'
codec, so clients counting UTF-16 units (most of them) get the right columns after emoji.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from cleanup.config import load_settings
from cleanup.document import Document
from cleanup.engine import Linter
from cleanup.errors import InputError
from cleanup.finding import Finding, Severity
from cleanup.fixes import fix
from cleanup.formats import reader_for
from cleanup.run import linter_for

SOURCE = "cleanup"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


class CleanupServer(LanguageServer):
    def __init__(self, version: str) -> None:
        super().__init__(SOURCE, version)
        self._linters: dict[Path, Linter] = {}

    def linter(self, uri: str) -> Linter:
        """One compiled linter per configuration folder, built on first use and kept."""
        folder = _folder_of(uri)
        if folder not in self._linters:
            self._linters[folder] = linter_for(load_settings(folder))
        return self._linters[folder]

    def findings(self, doc: TextDocument) -> list[Finding]:
        return self.linter(doc.uri).check(read(doc))


def read(doc: TextDocument) -> Document:
    return reader_for(doc.uri)(doc.source, doc.uri)


def _folder_of(uri: str) -> Path:
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path)).parent
    return Path.cwd()


def _range(doc: TextDocument, start: int, end: int) -> lsp.Range:
    return lsp.Range(doc.client_position_at_offset(start), doc.client_position_at_offset(end))


def to_diagnostic(doc: TextDocument, f: Finding) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=_range(doc, f.start, f.end),
        message=f.message,
        severity=_SEVERITY[f.severity],
        code=f.rule,
        code_description=lsp.CodeDescription(href=f.url) if f.url else None,
        source=SOURCE,
        related_information=[
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=doc.uri, range=_range(doc, a, b)),
                message="the spelling this document uses most")
            for a, b in f.related[:20]] or None,
        data={"replacements": list(f.replacements), "safe": f.safe,
              "start": f.start, "end": f.end},
    )


def code_actions(doc: TextDocument, findings: list[Finding],
                 params: lsp.CodeActionParams, linter: Linter) -> list[lsp.CodeAction]:
    wanted = params.range
    actions: list[lsp.CodeAction] = []
    for f in findings:
        diagnostic = to_diagnostic(doc, f)
        if not _overlaps(diagnostic.range, wanted):
            continue
        for replacement in f.replacements:
            edit = lsp.TextEdit(range=diagnostic.range, new_text=replacement)
            title = f"Replace with '{replacement}'" if replacement else "Delete"
            actions.append(lsp.CodeAction(
                title=f"{title} ({f.rule})", kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic], is_preferred=f.safe,
                edit=lsp.WorkspaceEdit(changes={doc.uri: [edit]})))
    reader = reader_for(doc.uri)
    result = fix(linter, read(doc), reader=lambda text: reader(text, doc.uri))
    if result.changed:
        whole = lsp.Range(lsp.Position(0, 0), doc.client_position_at_offset(len(doc.source)))
        actions.append(lsp.CodeAction(
            title=f"Fix all safe problems ({len(result.applied)})",
            kind=lsp.CodeActionKind.SourceFixAll,
            edit=lsp.WorkspaceEdit(changes={doc.uri: [lsp.TextEdit(whole, result.text)]})))
    return actions


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def build_server(version: str) -> CleanupServer:
    server = CleanupServer(version)

    def publish(ls: CleanupServer, uri: str) -> None:
        doc = ls.workspace.get_text_document(uri)
        try:
            diagnostics = [to_diagnostic(doc, f) for f in ls.findings(doc)]
        except InputError as exc:  # a half-typed PO or XLIFF file: say so, keep serving
            start = lsp.Position(0, 0)
            diagnostics = [lsp.Diagnostic(range=lsp.Range(start, start), message=str(exc),
                                          severity=lsp.DiagnosticSeverity.Warning,
                                          source=SOURCE)]
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=diagnostics))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CleanupServer, params: lsp.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CleanupServer, params: lsp.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CleanupServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    def code_action(ls: CleanupServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        doc = ls.workspace.get_text_document(params.text_document.uri)
        try:
            return code_actions(doc, ls.findings(doc), params, ls.linter(doc.uri))
        except InputError:
            return []

    return server
