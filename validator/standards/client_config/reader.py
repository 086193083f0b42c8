"""Reading one client configuration file: whose it is, and the servers it configures.

`parse` decides whose file it is (by path, see `clients.py`) and whether it configures
MCP servers at all: a `.gemini/settings.json` with only a theme, a goose-less
`config.yaml` or an `opencode.json` without `mcp` is left alone (None). A tool's own
manifest (`gemini-extension.json`, `.claude-plugin/plugin.json`, `.codex-plugin/plugin.json`) and a Claude
Code marketplace (`.claude-plugin/marketplace.json`) are always read, servers or not (a Codex manifest and a
marketplace never have servers of their own here); a JSON
file a plugin manifest names as its MCP config is read as `.mcp.json` (`plugins.py`), and `meta["plugin"]` marks a config that belongs to a Claude Code plugin. Cursor and Copilot CLI plugin
manifests and marketplaces, and Codex marketplaces, are read as manifests; the MCP configs Cursor and Copilot
plugins ship are read as Cursor's `mcp.json` or Copilot's config (`vendor_plugins.py`). The emitters in
`checks/` run the CFG rules over the entries `entries.py` reads (`servers(doc)`).
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.model import Severity
from validator.records import replace
from validator.repo.paths import directory
from validator.standards.base import CheckContext, Document
from validator.standards.client_config.clients import BY_KEY, Client, client_for
from validator.standards.client_config.entries import COMMENT_KEYS, ServerMap, find_servers, has_servers
from validator.standards.client_config.names import NAME
from validator.standards.client_config.plugins import codex_plugin_configs, is_plugin_root, referenced_configs
from validator.standards.client_config.vendor_plugins import copilot_manifests, plugin_configs

_SNIFF = {
    "gemini": ("mcpServers", '"mcp"', "servers"), "gemini-extension": ("mcpServers",),
    "claude-code-plugin": ('"mcpServers"',), "qwen": ("mcpServers", "servers"),
    "codex": ("mcp_servers", "mcpServers", "mcp-servers"), "zed": ("context_servers",), "opencode": ('"mcp"',),
}


MANIFESTS = frozenset({"gemini-extension", "claude-code-plugin", "codex-plugin-manifest", "claude-code-marketplace",
                       "codex-marketplace", "cursor-plugin-manifest", "cursor-marketplace", "copilot-plugin-manifest",
                       "copilot-marketplace"})
"""A tool's own manifest, not a settings file that may hold servers: always checked (its name, its version)."""


def parse(source, ctx: CheckContext) -> Document | None:
    client = client_for(source.relpath)
    meta: dict = {"servers": []}
    if (client is None or client.key == "claude-code") and source.relpath in codex_plugin_configs(ctx.index) \
            and not is_plugin_root(ctx.index, directory(source.relpath)):
        client = BY_KEY["codex-plugin"]  # a Codex plugin's `.mcp.json`: Codex's server settings, not Claude Code's
    if client is None and source.relpath.endswith("plugin.json") and source.relpath in copilot_manifests(ctx.index):
        client = BY_KEY["copilot-plugin-manifest"]  # a bare plugin.json a Copilot marketplace lists
    if client is None:
        # a JSON file a Claude Code plugin manifest names as its MCP config (`"mcpServers": "./mcp.json"`)
        manifest = referenced_configs(ctx.index).get(source.relpath)
        if manifest is not None:
            client = BY_KEY["claude-code"]
            meta["plugin"] = manifest
    if client is None or client.key == "claude-code" and "plugin" not in meta:
        client = _vendor_plugin_client(source.relpath, ctx, client)
    if client is not None and client.key == "claude-code" and "plugin" not in meta and _visual_studio(source, ctx):
        client = VISUAL_STUDIO
    if client is None:
        return None
    meta["client"] = client.key
    if client.label != BY_KEY[client.key].label:
        meta["label"] = client.label  # Visual Studio's file, judged by VS Code's shape
    shared = not client.dedicated and client.key not in MANIFESTS
    if shared and not _sniff(best_effort_text(source), client):
        return None
    data, problems = load_structured(source, client.fmt)
    if data is None:
        return Document(source, NAME, None, problems, meta)
    if shared and not has_servers(data.value, client):
        return None
    if client.key == "claude-code" and "plugin" not in meta and is_plugin_root(ctx.index, directory(source.relpath)):
        meta["plugin"] = directory(source.relpath) + "/" if directory(source.relpath) else "./"
    value = data.value
    if client.manifest_only or client.key == "claude-code-plugin" and isinstance(value, dict) \
            and isinstance(value.get(client.top_key), (str, list)):
        found = ServerMap(None)  # a path (or paths) to the plugin's MCP config: that file is checked on its own
    else:
        found = find_servers(value, client)
    if found.pointer is None and client.key in ("claude-code", "mcp-config") and _foreign(value):
        if client.key == "mcp-config" or source.relpath != ".mcp.json" or "plugin" in meta:
            return None  # another tool's file that happens to share the name: no servers, other keys
        # The project's .mcp.json is what Claude Code loads, whoever wrote it (CFG001 says so).
        meta["foreign"] = True
    meta["servers"] = [entry.summary() for entry in found.entries]
    meta["found"] = found
    return Document(source, NAME, data, problems, meta)


VISUAL_STUDIO = replace(BY_KEY["vscode"], label="Visual Studio")
"""Visual Studio reads `<SOLUTIONDIR>/.mcp.json` in VS Code's shape (`servers`, `inputs`, `${input:...}`)
(https://learn.microsoft.com/visualstudio/ide/mcp-servers, "File locations for automatic discovery")."""


def _visual_studio(source, ctx: CheckContext) -> bool:
    """A `.mcp.json` beside a solution file (`*.sln`, `*.slnx`) whose servers sit under `servers`, not `mcpServers`:
    Visual Studio's file, judged as such (audit 24: ARKlab/Ark.Tools, dotnet-mcp-orchestrator)."""
    if not source.relpath.endswith(".mcp.json") or source.relpath.endswith("/.vscode/mcp.json"):
        return False
    text = best_effort_text(source)
    if '"servers"' not in text or '"mcpServers"' in text:
        return False
    from validator.repo.files import Repo

    repo = Repo.of(ctx.index)
    solutions = repo.memo(("client-config", "solution-folders"), lambda: frozenset(
        directory(rel) for rel in ctx.index.files if rel.endswith((".sln", ".slnx"))))
    return directory(source.relpath) in solutions


def _vendor_plugin_client(relpath: str, ctx: CheckContext, client: Client | None) -> Client | None:
    """The client of a Cursor or Copilot CLI plugin's MCP config (`vendor_plugins.py`): a file no other client claims,
    or a `.mcp.json` in a subfolder that is a Copilot plugin's root only (no Claude Code plugin there)."""
    owner = plugin_configs(ctx.index).get(relpath)
    if owner is None:
        return client
    vendor, _ = owner
    if client is None:
        return BY_KEY["cursor" if vendor == "cursor" else "copilot-plugin"]
    if vendor == "copilot" and directory(relpath) and not is_plugin_root(ctx.index, directory(relpath)):
        return BY_KEY["copilot-plugin"]
    return client


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
    client = BY_KEY[doc.meta["client"]]
    return (replace(client, label=doc.meta["label"]) if "label" in doc.meta else client), doc.meta["found"]


def refusal(client: Client) -> Severity:
    """The severity of a shape the client refuses: an error where its own source, schema or docs show the
    refusal (`Client.verified`), a warning where the facts rest on third-party pages only."""
    return "error" if client.verified else "warning"
