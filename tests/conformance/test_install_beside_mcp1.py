"""agentconform installs beside mcp 1.x (a server project's pinned SDK) and works there:
`check` lints, `conformance` runs, and the one check that drives the SDK says how to
enable it instead of failing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..peers import PEERS, _install
from . import refserver

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv_with_mcp1() -> Path:
    home = PEERS / "beside-mcp1"
    python = home / "bin" / "python"
    if not python.exists():
        shutil.rmtree(home, ignore_errors=True)
        _install([sys.executable, "-m", "venv", str(home)], "a venv beside mcp 1.x")
        _install([str(python), "-m", "pip", "install", "--quiet", "mcp>=1.9,<2"], "mcp 1.x")
        # the project as a user installs it (not editable), resolved against what is there
        _install([str(python), "-m", "pip", "install", "--quiet", str(REPO)], "agentconform beside mcp 1.x")
    else:  # the venv is kept between runs; the project in it must be this checkout's
        _install([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", str(REPO)],
                 "agentconform beside mcp 1.x")
    return home


def test_resolver_accepts_and_both_stay(venv_with_mcp1: Path) -> None:
    python = venv_with_mcp1 / "bin" / "python"
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True, check=True)
    versions = {item["name"].lower(): item["version"] for item in json.loads(listed.stdout)}
    assert versions["mcp"].startswith("1.") and "agentconform" in versions
    assert subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True).returncode == 0


def test_check_and_conformance_run_and_the_sdk_check_says_how_to_enable_it(venv_with_mcp1: Path, tmp_path: Path) -> None:
    binary = venv_with_mcp1 / "bin" / "agentconform"
    (tmp_path / ".git").mkdir()
    (tmp_path / "server.json").write_text('{"name": "io.github.acme/weather", "version": "^1", "packages": []}')
    done = subprocess.run([str(binary), "check", "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "SRV012" in done.stdout, done.stderr
    done = subprocess.run([str(binary), "conformance", "--spec-version", "2025-11-25", "--scenario", "sdk-interop",
                           "--scenario", "ping", "--format", "json", "--", *refserver.command()],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    results = {r["id"]: r for r in json.loads(done.stdout)["checks"]}
    assert results["sdk-client-interop"]["status"] == "skip"
    assert "agentconform[sdk]" in results["sdk-client-interop"]["message"]
