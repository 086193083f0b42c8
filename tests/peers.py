"""Real peers from the registries (npm, PyPI) for tests, installed on demand.

A test that needs a peer installs it here (into the gitignored `.peers/` of the
repository, which `.ci/run` may pre-populate) or fails; it may skip only when the
registry itself is unreachable, and then it says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PEERS = Path(os.environ.get("AGENTCONFORM_PEERS", REPO / ".peers"))
_OFFLINE_MARKERS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "getaddrinfo", "network")


def npm_bin(package: str, binary: str, *, version: str | None = None) -> Path:
    """Path of BINARY from npm PACKAGE, installing it under .peers/ when missing."""
    target = PEERS / "npm"
    exe = target / "node_modules" / ".bin" / binary
    if exe.exists():
        return exe
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to install the test peer " + package)
    target.mkdir(parents=True, exist_ok=True)
    spec = f"{package}@{version}" if version else package
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(target), spec],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        if any(marker in done.stderr for marker in _OFFLINE_MARKERS):
            pytest.skip(f"the npm registry is unreachable, so {package} cannot be installed: {done.stderr.strip()[-200:]}")
        pytest.fail(f"npm install {spec} failed: {done.stderr.strip()[-500:]}")
    assert exe.exists(), f"{package} installed but {binary} is missing"
    return exe
