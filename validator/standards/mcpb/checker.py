"""Parsing and checking one MCPB `manifest.json`: detection, version, schema, semantics.

A `manifest.json` is an MCP bundle manifest when it has `manifest_version` or
`dxt_version` and a `server` object, or (a manifest that forgot its version) a `server`
object with `entry_point` or `mcp_config`. Web-extension and PWA manifests share the
name (Chrome's `manifest_version` is the number 2 or 3, with no `server`) and are left alone.
The version is chosen exactly as `mcpb validate` chooses it (`versions.select_version`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.engine.integrity import best_effort_text, load_structured
from validator.model import Finding
from validator.parsing.text import Region
from validator.standards.base import CheckContext, Document
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.versions import CURRENT, LEGACY, VERSIONS, select_version

NAME = "mcpb-manifest"


def is_mcpb_manifest(value) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("server"), dict):
        return False
    return "manifest_version" in value or "dxt_version" in value or any(
        key in value["server"] for key in ("entry_point", "mcp_config"))


_MARKERS = re.compile(r'"dxt_version"|"manifest_version"\s*:\s*"|"mcp_config"|"entry_point"')


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


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from validator.standards.mcpb.bundle import Bundle
    from validator.standards.mcpb.schema import schema_problems
    from validator.standards.mcpb.semantic import check as semantic_check

    data = doc.data
    value = data.value
    version, declared_by = select_version(value)
    schema_name = version
    if version is None:
        finding, legacy = _unsupported(doc)
        yield finding
        schema_name = LEGACY if legacy else None
    problems = list(schema_problems(value, schema_name, declared_by or "dxt_version")) if schema_name else []
    problems += semantic_check(value, Bundle(ctx.index, doc.relpath))
    for problem in problems:
        yield ctx.finding(problem.rule, doc, _region(data, problem), problem.message)


def _unsupported(doc: Document) -> tuple[Finding, bool]:
    """The MCPB001 finding, and whether the legacy DXT schema applies (a lone, unknown dxt_version)."""
    data = doc.data
    value = data.value
    known = ", ".join(VERSIONS)
    if "manifest_version" not in value and "dxt_version" not in value:
        region = data.locate(())
        region = Region(region.line, region.column, region.line, region.column + 1)
        return Finding.at(R.MCPB001, doc.relpath, region,
                          f'no manifest_version; mcpb cannot pick a schema (add "manifest_version": "{CURRENT}")'), False
    key = "manifest_version" if "manifest_version" in value else "dxt_version"
    found = value[key]
    legacy = key == "dxt_version" and isinstance(found, str)
    if not isinstance(found, str):
        kind = ("null" if found is None else "a boolean" if isinstance(found, bool) else
                "a number" if isinstance(found, (int, float)) else "an array" if isinstance(found, list) else "an object")
        message = f'{key} must be a string such as "{CURRENT}", not {kind}'
    else:
        message = f"{key} {found!r} is not a manifest version mcpb knows ({known})"
        if legacy:
            message += "; checked against the legacy DXT 0.2.6 schema instead"
    if key == "manifest_version" and "dxt_version" in value:
        message += f" (dxt_version {value['dxt_version']!r} is not one either)"
    return Finding.at(R.MCPB001, doc.relpath, data.locate((key,)), message), legacy


def _region(data, problem) -> Region:
    region = data.locate(problem.pointer, key=problem.at_key)
    if not problem.needle:
        return region
    span = data.span(problem.pointer)
    if span is None or problem.pointer not in data.spans:
        return region
    start, end = span
    offset = data.text.find(problem.needle, start, end)
    if offset < 0:
        return region  # escaped in the source text: point at the whole value
    return data.index.region(offset, offset + len(problem.needle))
