"""The client-config standard's names, shared by its face and its internals (which never import the face)."""

from __future__ import annotations

NAME = "mcp-client-config"
TITLE = "MCP client configuration files"
PREFIX = "CFG"
