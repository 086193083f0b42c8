"""Reading one `manifest.json`: is it an MCP bundle manifest (detection), and which version it declares.

A `manifest.json` is an MCP bundle manifest when it has `manifest_version` or
`dxt_version` and a `server` object, or (a manifest that forgot its version) a `server`
object with `entry_point` or `mcp_config`. Web-extension and PWA manifests share the
name (Chrome's `manifest_version` is the number 2 or 3, with no `server`) and are left alone.
The version is chosen exactly as `mcpb validate` chooses it (`versions.select_version`).
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.records import lazy
from validator.standards.base import CheckContext, Document
from validator.standards.mcpb.versions import select_version

NAME = "mcpb-manifest"


def is_mcpb_manifest(value) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("server"), dict):
        return False
    return "manifest_version" in value or "dxt_version" in value or any(
        key in value["server"] for key in ("entry_point", "mcp_config"))


_MARKERS = lazy(r'"dxt_version"|"manifest_version"\s*:\s*"|"mcp_config"|"entry_point"')


def _looks_like_mcpb(text: str) -> bool:
    """For an unreadable file: do its bytes say MCP bundle? (Web extensions write `"manifest_version": 3`.)"""
    return _MARKERS.search(text) is not None


def parse(source, ctx: CheckContext) -> Document | None:
    data, problems = load_structured(source, "json")
    if data is None:
        return Document(source, NAME, None, problems) if _looks_like_mcpb(best_effort_text(source)) else None
    value = data.value
    if not is_mcpb_manifest(value):
        return None
    version, declared_by = select_version(value)
    meta = {"manifest_version": version, "declared_by": declared_by}
    for key in ("name", "version", "display_name"):
        if isinstance(value.get(key), str):
            meta[key] = value[key]
    return Document(source, NAME, data, problems, meta=meta)
