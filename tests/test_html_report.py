"""The HTML review report, opened in a real headless Chromium."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

TEXT = "A reporter for Rashatoudi said it was was over <b>.\nThey came from the leap desert.\n"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def make_report(run_cli, write) -> tuple[Path, str]:
    path = write("a.txt", TEXT)
    result = run_cli("check", "--format", "html", str(path))
    assert result.exit_code == 1
    report = path.parent / "report.html"
    report.write_text(result.stdout, encoding="utf-8")
    return report, result.stdout


def test_report_is_self_contained_and_marks_every_finding(run_cli, write) -> None:
    _, page = make_report(run_cli, write)
    assert "<link" not in page and " src=" not in page  # nothing fetched: one file
    assert "&lt;b&gt;" in page  # the document's own markup is shown, not run
    assert '<mark class="error" data-ids="f0"' in page and ">Rashatoudi</mark>" in page
    assert ">was was</mark>" in page and ">the leap desert</mark>" in page
    assert "fix: <code>RT</code>" in page
    assert "3 findings in 1 file (1 error, 2 warnings, 0 notes)" in page


def dump_dom(url: str) -> str:
    """What the page looks like after its script ran, as Chromium renders it."""
    assert BROWSER
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=2000",
             "--dump-dom", url],
            capture_output=True, text=True, timeout=60, check=True).stdout


@pytest.mark.skipif(BROWSER is None, reason="needs Chromium (Debian package 'chromium')")
def test_filters_run_in_a_real_browser(run_cli, write) -> None:
    report, _ = make_report(run_cli, write)
    everything = dump_dom(report.as_uri())
    assert "3 of 3 findings shown" in everything

    errors_only = dump_dom(report.as_uri() + "#severity=error")
    assert "1 of 3 findings shown" in errors_only
    hidden = re.findall(r'<li id="(f\d)"[^>]*\bhidden=""', errors_only)
    assert hidden == ["f1", "f2"]
    assert re.search(r'<mark class="warning off" data-ids="f1"', errors_only)
    assert re.search(r'<mark class="error" data-ids="f0"', errors_only)

    one_rule = dump_dom(report.as_uri() + "#rule=hygiene/doubled-word")
    assert "1 of 3 findings shown" in one_rule
