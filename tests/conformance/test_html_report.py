"""`--format html`: a page a person reads in a browser, tested in headless Chromium.

The page holds the verdict, the problems (one row per check, with its revisions), the
revision grid and every result; a value from the server cannot inject markup; Chromium
renders it and takes a screenshot (`.ci/run` installs Debian's chromium when missing).
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from validator.conformance.render import render

from . import refserver


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def report():
    return refserver.run(command=refserver.command("ping-non-empty"), spec_version="auto")


def test_the_page_has_verdict_problems_grid_and_every_result(report) -> None:
    page = render(report, "html")
    outline = _Outline()
    outline.feed(page)
    text = " ".join(outline.text)
    assert "script" not in outline.tags and "failures" in text
    for heading in ("Problems", "Revision grid", "Every result"):
        assert heading in text
    problem_rows = page.split("<h2>Problems</h2>", 1)[1].split("</table>", 1)[0].count("<tr>") - 1
    assert problem_rows == 1, "one row for ping, listing its four revisions"
    assert "2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25" in page


def test_server_values_are_escaped(report) -> None:
    report.checks[0].message = '<img src=x onerror="alert(1)">'
    assert '<img src=x' not in render(report, "html")


def test_chromium_renders_it(report, tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is installed by .ci/run"
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    shot = tmp_path / "report.png"
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,1600",
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000, done.stderr[-500:]
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert "Revision grid" in dom.stdout and "ping is answered promptly" in dom.stdout
