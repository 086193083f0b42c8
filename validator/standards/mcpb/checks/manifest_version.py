"""The declared manifest version: one mcpb knows (MCPB001), and no deprecated `dxt_version` (MCPB002).

The version is chosen exactly as `mcpb validate` chooses it (`versions.select_version`).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Edit, Fix, Problem
from validator.parsing.text import Region
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.versions import CURRENT, VERSIONS, select_version


@emits(R.MCPB001)
def manifest_version(doc, ctx) -> Iterator[Problem]:
    """A manifest without a version mcpb knows; one with a lone unknown `dxt_version` string is
    checked against the legacy DXT schema (`versions.schema_name`), and the message says so."""
    data = doc.data
    value = data.value
    if select_version(value)[0] is not None:
        return
    known = ", ".join(VERSIONS)
    if "manifest_version" not in value and "dxt_version" not in value:
        region = data.locate(())
        yield Problem(R.MCPB001, f'no manifest_version; mcpb cannot pick a schema (add "manifest_version": "{CURRENT}")',
                      Region(region.line, region.column, region.line, region.column + 1))
        return
    key = "manifest_version" if "manifest_version" in value else "dxt_version"
    found = value[key]
    if not isinstance(found, str):
        kind = ("null" if found is None else "a boolean" if isinstance(found, bool) else
                "a number" if isinstance(found, (int, float)) else "an array" if isinstance(found, list) else "an object")
        message = f'{key} must be a string such as "{CURRENT}", not {kind}'
    else:
        message = f"{key} {found!r} is not a manifest version mcpb knows ({known})"
        if key == "dxt_version":  # a lone dxt_version string: the legacy schema applies (versions.schema_name)
            message += "; checked against the legacy DXT 0.2.6 schema instead"
    if key == "manifest_version" and "dxt_version" in value:
        message += f" (dxt_version {value['dxt_version']!r} is not one either)"
    yield Problem(R.MCPB001, message, (key,))


@emits(R.MCPB002)
def dxt_version(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    if "dxt_version" not in value:
        return
    if "manifest_version" in value:
        yield Problem(R.MCPB002, "dxt_version is deprecated and redundant next to manifest_version; remove it", ("dxt_version",), True)
    else:
        yield Problem(R.MCPB002, "dxt_version is deprecated; rename it to manifest_version", ("dxt_version",), True,
                      fix=_rename_key(doc.data, ("dxt_version",), "manifest_version"))


def _rename_key(data, pointer: tuple, name: str) -> Fix | None:
    """Rename the member at POINTER to NAME, keeping its value and the file's layout (a safe fix: mcpb reads
    `manifest_version` exactly as it read `dxt_version`, MANIFEST.md "dxt_version: deprecated")."""
    span = data.key_spans.get(pointer)
    if span is None:
        return None
    start, end = span
    text = data.text
    if text[start:start + 1] != '"' or text[end - 1:end] != '"':
        return None
    return Fix(f"rename {pointer[-1]} to {name}", (Edit(start, end, f'"{name}"'),), "safe")
