"""A self-contained HTML review report: each file's text with its findings marked, a list of
findings with their suggestions, and filters by severity and rule. One file, no network: it
can be mailed to an editor or attached to a CI run.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from cleanup.finding import Finding
from cleanup.run import FileReport

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1.2em;z-index:1}
h1{font-size:1.2em;margin:0}
main{padding:0 1.2em 2em;max-width:70em}
section.file{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:0 1em 1em}
h2{font-size:1em;font-family:ui-monospace,monospace}
.text{white-space:pre-wrap;line-height:1.7;border-left:3px solid #eee;padding-left:.8em}
mark{background:none;border-bottom:2px solid;padding:0 1px;cursor:help}
mark.error{border-color:#d70022;background:#ffe5e9}
mark.warning{border-color:#c27c00;background:#fff4d6}
mark.info{border-color:#0a65c2;background:#e6f0fb}
mark.off{border-color:transparent;background:none}
ol.findings{padding-left:1.4em}
ol.findings li{margin:.25em 0}
.sev{font-size:.75em;font-weight:600;text-transform:uppercase;padding:0 .4em;border-radius:3px}
.sev.error{background:#d70022;color:#fff}.sev.warning{background:#c27c00;color:#fff}
.sev.info{background:#0a65c2;color:#fff}
code{font-family:ui-monospace,monospace;font-size:.9em}
.fix{color:#176b2c}.suggest{color:#6b4e00}
fieldset{border:none;padding:0;margin:.3em 0 0;display:flex;gap:1em;flex-wrap:wrap;align-items:center}
"""

_SCRIPT = """
(function () {
  const boxes = [...document.querySelectorAll('#filters input[type=checkbox]')];
  const rule = document.getElementById('rule');
  const items = [...document.querySelectorAll('ol.findings li')];
  const marks = [...document.querySelectorAll('mark')];
  const shown = document.getElementById('shown');
  function apply() {
    const sev = new Set(boxes.filter(b => b.checked).map(b => b.value));
    const visible = new Set();
    for (const li of items) {
      const on = sev.has(li.dataset.severity) && (!rule.value || li.dataset.rule === rule.value);
      li.hidden = !on;
      if (on) visible.add(li.dataset.id);
    }
    for (const m of marks) {
      const ids = m.dataset.ids.split(' ');
      m.classList.toggle('off', !ids.some(id => visible.has(id)));
    }
    shown.textContent = visible.size + ' of ' + items.length + ' findings shown';
  }
  // The URL hash can preset the filters: #severity=error,warning&rule=pack/rule
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.has('severity')) {
    const wanted = new Set(hash.get('severity').split(','));
    for (const b of boxes) b.checked = wanted.has(b.value);
  }
  if (hash.has('rule')) rule.value = hash.get('rule');
  boxes.forEach(b => b.addEventListener('change', apply));
  rule.addEventListener('change', apply);
  apply();
})();
"""


def render(reports: Sequence[FileReport], title: str = "cleanup review") -> str:
    findings = [f for r in reports for f in r.findings]
    rules = sorted({f.rule for f in findings})
    counts = Counter(str(f.severity) for f in findings)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}: {len(findings)} findings in {len(reports)} files</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<header><h1>{html.escape(title)}</h1>",
        f'<p id="summary">{_n(len(findings), "finding")} in {_n(len(reports), "file")} '
        f"({_n(counts['error'], 'error')}, {_n(counts['warning'], 'warning')}, "
        f"{_n(counts['info'], 'note')}). "
        '<span id="shown"></span></p>',
        '<fieldset id="filters"><legend hidden>Filters</legend>',
        *(f'<label><input type="checkbox" value="{s}" checked> {s}</label>'
          for s in ("error", "warning", "info")),
        '<label>rule <select id="rule"><option value="">all</option>',
        *(f'<option value="{html.escape(r)}">{html.escape(r)}</option>' for r in rules),
        "</select></label></fieldset></header><main>",
    ]
    next_id = 0
    for report in reports:
        ids = list(range(next_id, next_id + len(report.findings)))
        next_id += len(report.findings)
        parts.append(_file_section(report, ids))
    parts += ["</main>", f"<script>{_SCRIPT}</script>", "</body></html>"]
    return "\n".join(parts)


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _file_section(report: FileReport, ids: list[int]) -> str:
    text = report.source.text if report.source else ""
    note = report.error or report.skipped
    out = [f'<section class="file"><h2>{html.escape(report.path)}</h2>']
    if note:
        out.append(f"<p>{html.escape(note)}</p>")
    if report.findings:
        out.append(f'<div class="text">{_marked_text(text, report.findings, ids)}</div>')
        out.append('<ol class="findings">')
        out += [_finding_item(f, i) for f, i in zip(report.findings, ids)]
        out.append("</ol>")
    elif not note:
        out.append("<p>No findings.</p>")
    out.append("</section>")
    return "\n".join(out)


def _marked_text(text: str, findings: Sequence[Finding], ids: list[int]) -> str:
    """The text with every finding marked; overlapping findings share the overlapping piece."""
    bounds = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    order = {"error": 3, "warning": 2, "info": 1}
    pieces = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [(f, i) for f, i in zip(findings, ids) if f.start <= a and b <= f.end]
        chunk = html.escape(text[a:b])
        if not covering:
            pieces.append(chunk)
            continue
        worst = max((str(f.severity) for f, _ in covering), key=order.__getitem__)
        tip = html.escape("\n".join(f"{f.rule}: {f.message}" for f, _ in covering), quote=True)
        id_list = " ".join(f"f{i}" for _, i in covering)
        pieces.append(f'<mark class="{worst}" data-ids="{id_list}" title="{tip}">{chunk}</mark>')
    return "".join(pieces)


def _finding_item(f: Finding, i: int) -> str:
    sev = str(f.severity)
    fixes = ""
    if f.replacements:
        label, cls = ("fix", "fix") if f.safe else ("suggestion", "suggest")
        shown = ", ".join(f"<code>{html.escape(r) or '(delete)'}</code>" for r in f.replacements)
        fixes = f' — <span class="{cls}">{label}: {shown}</span>'
    return (f'<li id="f{i}" data-id="f{i}" data-severity="{sev}" data-rule="{html.escape(f.rule)}">'
            f'<span class="sev {sev}">{sev}</span> {f.line}:{f.column} '
            f"<code>{html.escape(f.rule)}</code> {html.escape(f.message)}{fixes}</li>")
