"""Reading one server.json: is it an MCP server manifest, and which schema version does it declare.

A file named `server.json` is only checked when it is an MCP server manifest: its
`$schema` points at the MCP registry's schemas, or it has a `name` with a `/` and
`packages` or `remotes`. Other tools use the same file name (json-server, CommandBox,
Dolittle) and those files are left alone.
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.standards.base import CheckContext, Document
from validator.standards.server_json.versions import CURRENT, SHAPES, version_from_url

_MCP_MARKERS = ("modelcontextprotocol", "registryType", "registry_type")


def is_mcp_server_json(value) -> bool:
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str) and "modelcontextprotocol" in schema and "server-card" not in schema:
        return True
    name = value.get("name")
    return isinstance(name, str) and "/" in name and ("packages" in value or "remotes" in value)


def schema_version(value: dict) -> str:
    """The version to validate against: the declared one, or the newest when unknown or absent."""
    schema = value.get("$schema")
    version = version_from_url(schema) if isinstance(schema, str) and schema else None
    return version if version in SHAPES else CURRENT


def parse(source, ctx: CheckContext) -> Document | None:
    data, problems = load_structured(source, "json")
    if data is None:
        # Unreadable: report it only when the bytes look like an MCP manifest.
        if not any(marker in best_effort_text(source) for marker in _MCP_MARKERS):
            return None
        return Document(source, "server-json", None, problems)
    if not is_mcp_server_json(data.value):
        return None
    return Document(source, "server-json", data, problems, meta={"schema_version": schema_version(data.value)})
