"""Real MCP clients from the registries for client conformance tests, installed on demand into the
gitignored .peers/ (pinned, so the results explained in docs/conformance/real-clients.md stay true).
A test may skip only when the registry cannot be reached (tests/peers.py says so)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ..peers import PEERS, _install

TS_SDK = "@modelcontextprotocol/sdk@1.32.2"
LANGCHAIN = "langchain-mcp-adapters==0.3.2"
OPENAI_AGENTS = "openai-agents==0.24.0"


def ts_sdk_modules() -> Path:
    """node_modules holding the TypeScript SDK (NODE_PATH for the CommonJS harness)."""
    prefix = PEERS / "npm-ts-sdk"
    modules = prefix / "node_modules"
    if not (modules / "@modelcontextprotocol" / "sdk" / "package.json").exists():
        if shutil.which("npm") is None:
            pytest.fail("npm is needed to install the TypeScript SDK")
        prefix.mkdir(parents=True, exist_ok=True)
        _install(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), TS_SDK], TS_SDK)
    return modules


def _venv_python(name: str, requirement: str) -> Path:
    """The Python of venv .peers/NAME holding REQUIREMENT (frameworks pin their own mcp, never ours)."""
    home = PEERS / name
    python = home / "bin" / "python"
    marker = home / f".installed-{requirement}"
    if not marker.exists():
        _install([sys.executable, "-m", "venv", str(home)], f"a venv for {requirement}")
        _install([str(home / "bin" / "pip"), "install", "--quiet", requirement], requirement)
        marker.write_text("")
    assert python.exists()
    return python


def langchain_python() -> Path:
    """langchain-mcp-adapters (it pins mcp 1.x)."""
    return _venv_python("langchain-mcp", LANGCHAIN)


def openai_agents_python() -> Path:
    """The OpenAI Agents SDK (its own mcp 2.x)."""
    return _venv_python("openai-agents", OPENAI_AGENTS)


def node_env(modules: Path) -> dict:
    return {"NODE_PATH": str(modules), "PATH": os.environ.get("PATH", "")}
