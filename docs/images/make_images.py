"""Make the report pictures in docs/images from live runs (needs Debian's chromium).

    python docs/images/make_images.py

check-summary.png: `check --format markdown` of a small repository with planted problems,
rendered as GitHub shows a job summary; conformance-html.png: `conformance --format html`
of the reference server with one fault.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CSS = ("body{font:14px/1.5 -apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:1.5rem auto;color:#1f2328}"
       "table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.3rem .6rem}th{background:#f6f8fa}"
       "code{background:#f6f8fa;padding:.1rem .3rem;border-radius:4px;font-size:12px}a{color:#0969da}")


def shoot(html: Path, png: Path, height: int) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        f"--screenshot={png}", f"--window-size=1100,{height}", html.as_uri()],
                       capture_output=True, check=True, timeout=120)


def main() -> int:
    from markdown_it import MarkdownIt

    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        (repo / ".git").mkdir(parents=True)
        (repo / "server.json").write_text(json.dumps({
            "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
            "name": "io.github.acme/weather", "description": "Weather forecasts", "version": "^1.2.0",
            "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.2.0",
                          "transport": {"type": "stdio"},
                          "environmentVariables": [{"name": "WEATHER_API_KEY", "description": "key"}]}]}, indent=2))
        (repo / "AGENTS.md").write_text("# Agent notes\n\nRun `npm run lint` before committing.\n")
        (repo / "package.json").write_text(json.dumps({"name": "@acme/weather", "version": "1.2.0", "scripts": {}}))
        done = subprocess.run([sys.executable, "-m", "validator", "check", "--format", "markdown"], cwd=repo,
                              capture_output=True, text=True)
        page = Path(tmp) / "summary.html"
        page.write_text(f"<meta charset=utf-8><style>{CSS}</style>" + MarkdownIt("commonmark").enable("table").render(done.stdout))
        shoot(page, HERE / "check-summary.png", 420)
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "validator", "conformance", "--format", "html", "-o", str(report), "--",
                        sys.executable, str(REPO / "fixtures" / "servers" / "reference_server.py"), "--fault", "ping-non-empty"],
                       cwd=REPO, capture_output=True)
        shoot(report, HERE / "conformance-html.png", 1300)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
