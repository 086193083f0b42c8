"""Real MCP servers from the registries, installed on demand into the gitignored .peers/.

Pinned so that the explained failures in docs/conformance/real-servers.md stay true.
A test may skip only when the registry cannot be reached (it says so).
"""

from __future__ import annotations

from pathlib import Path

from ..peers import npm_bin, pypi_bin

EVERYTHING = "@modelcontextprotocol/server-everything@2026.8.31"
TIME = "mcp-server-time==2026.10.19"


def everything() -> Path:
    return npm_bin("@modelcontextprotocol/server-everything", "mcp-server-everything", version=EVERYTHING.rsplit("@", 1)[1])


def time_server() -> Path:
    return pypi_bin(TIME, "mcp-server-time", venv="time-venv")
