"""Reading one client configuration file: whose it is, and the servers it configures.

`parse` decides whose file it is (by path, see `clients.py`) and whether it configures
MCP servers at all: a `.gemini/settings.json` with only a theme, a goose-less
`config.yaml` or an `opencode.json` without `mcp` is left alone (None). The emitters in
`checks/` run the CFG rules over the entries `entries.py` reads (`servers(doc)`).
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.model import Severity
from validator.standards.base import CheckContext, Document
from validator.standards.client_config.clients import BY_KEY, Client, client_for
from validator.standards.client_config.entries import COMMENT_KEYS, ServerMap, find_servers, has_servers
from validator.standards.client_config.names import NAME

_SNIFF = {
    "gemini": ("mcpServers", '"mcp"', "servers"), "gemini-extension": ("mcpServers",),
    "claude-code-plugin": ('"mcpServers"',), "qwen": ("mcpServers", "servers"),
    "codex": ("mcp_servers", "mcpServers", "mcp-servers"), "zed": ("context_servers",), "opencode": ('"mcp"',),
}


def parse(source, ctx: CheckContext) -> Document | None:
    client = client_for(source.relpath)
    if client is None:
        return None
    if not client.dedicated and not _sniff(best_effort_text(source), client):
        return None
    data, problems = load_structured(source, client.fmt)
    meta: dict = {"client": client.key, "servers": []}
    if data is None:
        return Document(source, NAME, None, problems, meta)
    if not client.dedicated and not has_servers(data.value, client):
        return None
    found = find_servers(data.value, client)
    if found.pointer is None and client.key in ("claude-code", "mcp-config") and _foreign(data.value):
        return None  # another tool's file that happens to share the name: no servers, other keys
    meta["servers"] = [entry.summary() for entry in found.entries]
    meta["found"] = found
    return Document(source, NAME, data, problems, meta)


def _foreign(value) -> bool:
    """An object with keys, none of which is about MCP servers (comments and `$schema` aside)."""
    if not isinstance(value, dict):
        return False
    keys = [k for k in value if not (isinstance(k, str) and (k.startswith(COMMENT_KEYS) or k == "$schema"))]
    return bool(keys)


def _sniff(text: str, client: Client) -> bool:
    if client.key == "goose":
        return "extensions" in text and any(m in text for m in ("GOOSE_", "cmd:", "bundled", "builtin", "streamable_http"))
    return any(marker in text for marker in _SNIFF.get(client.key, (client.top_key,)))


def servers(doc: Document) -> tuple[Client, ServerMap]:
    """The client whose file DOC is, and the servers it configures (as `entries.py` read them in `parse`)."""
    return BY_KEY[doc.meta["client"]], doc.meta["found"]


def refusal(client: Client) -> Severity:
    """The severity of a shape the client refuses: an error where its own source, schema or docs show the
    refusal (`Client.verified`), a warning where the facts rest on third-party pages only."""
    return "error" if client.verified else "warning"
