"""Real MCP servers from the registries, installed on demand into the gitignored .peers/.

Pinned so that the explained failures in docs/conformance/real-servers.md stay true.
A test may skip only when the registry cannot be reached (it says so).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / ".peers"
EVERYTHING = "@modelcontextprotocol/server-everything@2026.8.31"
TIME = "mcp-server-time==2026.10.19"


def _run(cmd: list[str], what: str, timeout: int = 600) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as err:
        pytest.skip(f"cannot install {what} (registry unreachable?): {err}")
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        if any(w in " ".join(tail) for w in ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "Could not find", "connection", "Network")):
            pytest.skip(f"cannot install {what}: registry unreachable: {' | '.join(tail)}")
        raise RuntimeError(f"installing {what} failed: {' | '.join(tail)}")


def everything() -> Path:
    binary = PEERS / "npm" / "node_modules" / ".bin" / "mcp-server-everything"
    if not binary.exists():
        if shutil.which("npm") is None:
            raise RuntimeError("npm is needed for @modelcontextprotocol/server-everything")
        _run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PEERS / "npm"), EVERYTHING], EVERYTHING)
    return binary


def time_server() -> Path:
    venv = PEERS / "time-venv"
    binary = venv / "bin" / "mcp-server-time"
    if not binary.exists():
        _run([sys.executable, "-m", "venv", str(venv)], "a venv")
        _run([str(venv / "bin" / "pip"), "install", "-q", TIME], TIME)
    return binary
