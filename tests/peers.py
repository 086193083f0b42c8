"""Real peers from the registries (npm, PyPI) for tests, installed on demand.

A test that needs a peer installs it here (into the gitignored `.peers/` of the
repository, which `.ci/run` may pre-populate) or fails; it may skip only when the
registry itself is unreachable, and then it says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PEERS = Path(os.environ.get("AGENTCONFORM_PEERS", REPO / ".peers"))
_OFFLINE_MARKERS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "getaddrinfo",
                    "Temporary failure in name resolution", "Failed to establish a new connection",
                    "No route to host", "Network is unreachable")


def _install(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        pytest.fail(f"installing {what} timed out")
    if done.returncode != 0:
        output = done.stderr + done.stdout
        if any(marker in output for marker in _OFFLINE_MARKERS):
            pytest.skip(f"the registry is unreachable, so {what} cannot be installed: {output.strip()[-200:]}")
        pytest.fail(f"installing {what} failed: {output.strip()[-500:]}")


def npm_bin(package: str, binary: str, *, version: str | None = None) -> Path:
    """Path of BINARY from npm PACKAGE, installing it under .peers/npm when missing."""
    target = PEERS / "npm"
    exe = target / "node_modules" / ".bin" / binary
    if not exe.exists():
        if shutil.which("npm") is None:
            pytest.fail(f"npm is needed to install the test peer {package}")
        target.mkdir(parents=True, exist_ok=True)
        spec = f"{package}@{version}" if version else package
        _install(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(target), spec], spec)
    assert exe.exists(), f"{package} installed but {binary} is missing"
    return exe


def npm_file(package: str, path: str, *, version: str) -> Path:
    """Path of the file PATH inside npm PACKAGE@VERSION (a platform package shipping a binary
    without a `bin` entry), installing it under .peers/npm when missing."""
    target = PEERS / "npm"
    exe = target / "node_modules" / package / path
    if not exe.exists():
        if shutil.which("npm") is None:
            pytest.fail(f"npm is needed to install the test peer {package}")
        target.mkdir(parents=True, exist_ok=True)
        spec = f"{package}@{version}"
        _install(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(target), spec], spec)
    assert exe.exists(), f"{package} installed but {path} is missing"
    return exe


def pypi_bin(requirement: str, binary: str, *, venv: str, pins: tuple[str, ...] = ()) -> Path:
    """Path of BINARY from PyPI REQUIREMENT, installed in its own venv .peers/VENV when missing.
    PINS fix its dependencies (the SDK version a server was released with)."""
    home = PEERS / venv
    exe = home / "bin" / binary
    if not exe.exists():
        _install([sys.executable, "-m", "venv", str(home)], f"a venv for {requirement}")
        _install([str(home / "bin" / "pip"), "install", "--quiet", requirement, *pins], requirement)
    assert exe.exists(), f"{requirement} installed but {binary} is missing"
    return exe


def npm_prefix(name: str, specs: tuple[str, ...], *, needs: str) -> Path:
    """The npm prefix .peers/npm-NAME holding SPECS (pinned package@version, installed together and
    apart from the other peers, so one framework's dependencies do not move another's), installing
    them when the file NEEDS (relative to its node_modules) is missing or the pins changed."""
    target = PEERS / f"npm-{name}"
    done, wanted = target / ".agentconform-installed", " ".join(specs) + "\n"
    if not (target / "node_modules" / needs).exists() or not done.exists() or done.read_text(encoding="utf-8") != wanted:
        if shutil.which("npm") is None:
            pytest.fail(f"npm is needed to install the test peers {' '.join(specs)}")
        target.mkdir(parents=True, exist_ok=True)
        _install(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(target), *specs], " and ".join(specs))
        done.write_text(wanted, encoding="utf-8")
    assert (target / "node_modules" / needs).exists(), f"{' '.join(specs)} installed but {needs} is missing"
    return target
