"""MCP client configuration files committed to repositories (`.mcp.json`, `.vscode/mcp.json` ...).

One standard for every client: `clients.py` says which file belongs to which client
and what that client accepts; the checks are shared. Light to import: the checks,
the schema validator and the models are loaded only when a file is actually checked
or exported.
"""

from __future__ import annotations

from validator.standards.base import delegate, matches
from validator.standards.client_config.clients import ALL_PATTERNS
from validator.standards.client_config.names import NAME, PREFIX, TITLE
from validator.standards.client_config.rules import RULES

PATTERNS = ALL_PATTERNS

CHECKS = tuple(f"validator.standards.client_config.checks.{topic}" for topic in
               ("shape", "transport", "server_names", "strings", "runners", "inputs", "extension", "plugin_fields",
                "marketplace", "secrets"))

__all__ = ["NAME", "TITLE", "PREFIX", "PATTERNS", "RULES", "CHECKS", "discover", "parse", "export_schemas"]


def discover(index):
    """Files matching PATTERNS, looked up by base name first (every pattern ends in a literal name), the JSON
    files Claude Code, Codex, Cursor and Copilot CLI plugin manifests name as their MCP config (`"mcpServers":
    "./mcp.json"`) or the vendor reads by default at the plugin root, and bare `plugin.json` files a Copilot CLI
    marketplace lists."""
    from validator.standards.client_config.plugins import codex_plugin_configs, referenced_configs
    from validator.standards.client_config.vendor_plugins import copilot_manifests, plugin_configs

    found: list[str] = []
    for name in dict.fromkeys(pattern.rsplit("/", 1)[-1] for pattern in PATTERNS):
        found.extend(rel for rel in index.by_name(name) if matches(rel, PATTERNS))
    if any(rel.endswith(("plugin.json", "marketplace.json")) for rel in found):
        found.extend(copilot_manifests(index))
        found.extend(referenced_configs(index))
        found.extend(sorted(codex_plugin_configs(index)))
        found.extend(plugin_configs(index))
    # not rulesync's sources (`.rulesync/.mcp.json`): it writes each client's own config from them, so their fields
    # are the union of every client's (https://github.com/dyoshikawa/rulesync; audit 24: alwaysAllow for Roo Code)
    return [rel for rel in dict.fromkeys(found) if ".rulesync" not in rel.split("/")[:-1]]


parse = delegate("validator.standards.client_config.reader", "parse")


def export_schemas() -> dict:
    """`schemas/mcp-client-config/<client>.schema.json` for every client, from the pydantic models."""
    from validator.standards.client_config.clients import CLIENTS
    from validator.standards.client_config.models import json_schema

    return {f"mcp-client-config/{client.key}.schema.json": json_schema(client.key) for client in CLIENTS}
