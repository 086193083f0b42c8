"""Real MCP servers from the registries, installed on demand into the gitignored .peers/.

Pinned so that the explained failures in docs/conformance/real-servers.md stay true.
A test may skip only when the registry cannot be reached (it says so).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..peers import PEERS, _install, npm_bin, npm_file, npm_prefix, pypi_bin

EVERYTHING = "@modelcontextprotocol/server-everything@2026.8.31"
TIME = "mcp-server-time==2026.10.19"


def everything() -> Path:
    return npm_bin("@modelcontextprotocol/server-everything", "mcp-server-everything", version=EVERYTHING.rsplit("@", 1)[1])


def time_server() -> Path:
    return pypi_bin(TIME, "mcp-server-time", venv="time-venv")


# ---- one or more servers per SDK (docs/conformance/real-servers.md, "Servers on every SDK") ----
# name -> (how to install, the SDK and how it was identified)
MEMORY = "@modelcontextprotocol/server-memory@2026.8.31"
FILESYSTEM = "@modelcontextprotocol/server-filesystem@2026.8.31"
SYSTEM_MONITOR = "@modelcontextprotocol/server-system-monitor@2.0.3"
# dual-era (2026-07-28 and 2025-era) over stdio; it asks for "@modelcontextprotocol/server": "^2.0.0-beta.5",
# pinned here to the SDK release it was tested with
ONEPASSWORD = ("@takescake/1password-mcp@4.0.2", "@modelcontextprotocol/server@2.4.0")
MCP_CRON = ("mcp-cron-linux-amd64", "0.9.1", "bin/mcp-cron")
ALERTMANAGER = ("mcp-alertmanager-linux-amd64", "2.1.1", "bin/mcp-alertmanager-linux-amd64")
MCP_TIME_GO = ("mcp-time-linux-x64", "0.4.0", "bin/mcp-time")
VAULTTOOLS = ("@vaulttools/mcp-linux-x64", "0.1.7", "bin/vaulttools-mcp")
CORTEX = ("@temporal-cortex/cortex-mcp-linux-x64", "0.9.1", "bin/cortex-mcp")
AZURE_TEMPLATE = ("@azure/mcp-template-linux-x64", "0.0.12-alpha.6621500", "dist/mcptmp")
GIT = "mcp-server-git==2026.10.19"
SQLITE = ("mcp-server-sqlite==2025.4.25", ("mcp[cli]==1.30.0",))
CASUAL_TIME = ("casual-mcp-server-time==1.0.0", ("fastmcp==2.14.7",))
BETTER_FS = ("better-mcps-filesystem==0.3.0", ("fastmcp==2.14.7",))


def _npm(spec: str, binary: str) -> Path:
    package, version = spec.rsplit("@", 1)
    return npm_bin(package, binary, version=version)


def memory() -> Path:
    return _npm(MEMORY, "mcp-server-memory")


def filesystem() -> Path:
    return _npm(FILESYSTEM, "mcp-server-filesystem")


def system_monitor() -> Path:
    return _npm(SYSTEM_MONITOR, "mcp-system-monitor-server")


def onepassword() -> Path:
    exe = PEERS / "npm" / "node_modules" / ".bin" / "1password-mcp"
    if not exe.exists():
        (PEERS / "npm").mkdir(parents=True, exist_ok=True)
        _install(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PEERS / "npm"), *ONEPASSWORD],
                 " and ".join(ONEPASSWORD))
    assert exe.exists(), f"{ONEPASSWORD[0]} installed but 1password-mcp is missing"
    return exe


def platform_binary(which: tuple[str, str, str]) -> Path:
    package, version, path = which
    return npm_file(package, path, version=version)


def git() -> Path:
    return pypi_bin(GIT, "mcp-server-git", venv="git-venv")


def sqlite() -> Path:
    return pypi_bin(SQLITE[0], "mcp-server-sqlite", venv="sqlite-mcp1-venv", pins=SQLITE[1])


def casual_time() -> Path:
    return pypi_bin(CASUAL_TIME[0], "casual-mcp-server-time", venv="fastmcp2-time-venv", pins=CASUAL_TIME[1])


def better_filesystem() -> Path:
    return pypi_bin(BETTER_FS[0], "better-mcps-filesystem", venv="fastmcp2-fs-venv", pins=BETTER_FS[1])


# ---- servers on other frameworks (docs/conformance/real-servers.md, "Servers on other frameworks") ----
# PyPI: (requirement, pins); npm: (prefix name, pinned specs, a file the install must hold)
FASTMCP2 = ("fastmcp==2.14.7", ("mcp==1.30.0",))
FASTMCP3 = ("fastmcp==3.4.11", ("mcp==1.30.0",))
FASTMCP4 = ("fastmcp==4.2.3", ("mcp==2.3.0",))
# fastapi-mcp 0.4.0 asks for mcp>=1.12.0 but calls the 1.x `Server(name, description)`: mcp 2.x breaks it
FASTAPI_MCP = ("fastapi-mcp==0.4.0", ("mcp==1.30.0", "fastapi==0.165.0", "uvicorn==0.55.0"))
# a real server on fastmcp 3 (its `mcp` extra asks for fastmcp<4,>=3.1.0)
AI_DEVICE_FS = ("ai-device-fs[mcp]==0.2.0", ("fastmcp==3.4.11", "mcp==1.30.0"))
GRADIO = ("gradio[mcp]==6.31.0", ("mcp==1.30.0",))
FASTMCP_TS = ("fastmcp-ts", ("fastmcp@4.20.16", "@modelcontextprotocol/sdk@1.32.2"), "fastmcp/package.json")
# mcp-framework wants zod 3.x; a project made by `mcp create` depends on it, so pin it as the project would
MCP_FRAMEWORK = ("mcp-framework", ("mcp-framework@0.2.22", "@modelcontextprotocol/sdk@1.32.2", "zod@3.25.76"),
                 "mcp-framework/package.json")
# mcp-use and xmcp: the TypeScript SDK 2.x underneath (@modelcontextprotocol/server), dual-era over HTTP
MCP_USE = ("mcp-use", ("mcp-use@2.5.2", "zod@4.6.7"), "mcp-use/package.json")
XMCP = ("xmcp", ("xmcp@1.1.3", "@xmcp-dev/compiler@1.1.3", "@modelcontextprotocol/server@2.0.0",
                 "@modelcontextprotocol/client@2.0.0", "zod@4.6.7", "react@19.3.1", "react-dom@19.3.1", "jose@6.2.19"),
        "@xmcp-dev/compiler/package.json")
# @mastra/mcp 2.x: MCPServer serving 2026-07-28 only (modern era), on the TypeScript SDK 2.x
MASTRA_MCP2 = ("mastra-mcp2", ("@mastra/mcp@2.0.0", "@mastra/core@1.71.0", "zod@4.6.7"), "@mastra/mcp/package.json")
MASTRA_DOCS = ("mastra-docs", ("@mastra/mcp-docs-server@1.2.27",), ".bin/mcp-docs-server")


def python_with(which: tuple[str, tuple[str, ...]], venv: str) -> Path:
    """The python of the venv .peers/VENV holding the PyPI framework WHICH (for a fixture server written
    with it), installing it there when the venv does not say it is complete."""
    requirement, pins = which
    home = PEERS / venv
    done, wanted = home / ".agentconform-installed", " ".join((requirement, *pins)) + "\n"
    if not done.exists() or done.read_text(encoding="utf-8") != wanted:  # a new pin reinstalls
        if not (home / "bin" / "python").exists():
            _install([sys.executable, "-m", "venv", str(home)], f"a venv for {requirement}")
        _install([str(home / "bin" / "pip"), "install", "--quiet", requirement, *pins], requirement)
        done.write_text(wanted, encoding="utf-8")
    return home / "bin" / "python"


def npm_framework(which: tuple[str, tuple[str, ...], str]) -> Path:
    """The npm prefix holding the framework WHICH (node_modules/ beside the fixture copied into it)."""
    name, specs, needs = which
    return npm_prefix(name, specs, needs=needs)


def mastra_docs() -> Path:
    return npm_framework(MASTRA_DOCS) / "node_modules" / ".bin" / "mcp-docs-server"
