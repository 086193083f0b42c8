"""`x-mcp-header` annotations in a tool's `inputSchema` (2026-07-28, TOOL-015/016): what makes one invalid.

Owns the constraints a Streamable HTTP client applies before mirroring a parameter into an
`Mcp-Param-{Name}` header (a tool breaking any of them is dropped from `tools/list` by
conforming clients): a non-empty HTTP token, case-insensitively unique in the schema, on
an `integer`/`string`/`boolean` property reachable from the root through `properties` keys
only; and the advice not to mirror secrets into headers.
https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#schema-extension
https://modelcontextprotocol.io/specification/2026-07-28/server/tools#x-mcp-header
"""

from __future__ import annotations

import re

KEY = "x-mcp-header"
TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
"""RFC 9110 §5.6.2 `token` (1*tchar)."""
PRIMITIVE = {"integer", "string", "boolean"}
SECRET = re.compile(r"(pass(word|wd)?|secret|token|api[_-]?key|credential|private[_-]?key|auth)", re.I)


def _annotations(node, path: tuple[str, ...], reachable: bool, out: list) -> None:
    """Every (path, schema, statically reachable) holding KEY below NODE."""
    if isinstance(node, dict):
        if KEY in node:
            out.append((path, node, reachable))
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    _annotations(sub, (*path, name), reachable, out)
            elif key != KEY:
                _annotations(value, (*path, f"<{key}>"), False, out)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _annotations(item, (*path, f"[{index}]"), False, out)


def problems(schema) -> tuple[list[str], list[str]]:
    """(constraint violations, secrets mirrored into headers) of one inputSchema."""
    found: list = []
    _annotations(schema, (), True, found)
    bad, secrets, seen = [], [], {}
    for path, node, reachable in found:
        where = ".".join(path) or "(root)"
        value = node.get(KEY)
        kind = node.get("type")
        if not isinstance(value, str) or not value or not TOKEN.match(value):
            bad.append(f"{where}: x-mcp-header {value!r} is not an HTTP token")
            continue
        if value.lower() in seen:
            bad.append(f"{where}: x-mcp-header {value!r} repeats {seen[value.lower()]}'s (case-insensitively)")
        seen.setdefault(value.lower(), where)
        if not path or not reachable:
            bad.append(f"{where}: x-mcp-header is not on a property reachable through `properties` keys only")
        elif kind not in PRIMITIVE:
            bad.append(f"{where}: x-mcp-header on a {kind or 'untyped'} property (integer, string or boolean only)")
        if path and (SECRET.search(path[-1]) or SECRET.search(value)):
            secrets.append(f"{where}: mirrored into the header Mcp-Param-{value}")
    return bad, secrets


def mirrored(schema) -> list[tuple[tuple[str, ...], str]]:
    """(property path, header name) of every valid annotation: what a client mirrors into `Mcp-Param-{name}`."""
    bad, _secrets = problems(schema)
    if bad:
        return []  # a conforming client drops the whole tool (streamable-http#schema-extension)
    found: list = []
    _annotations(schema, (), True, found)
    return [(path, node[KEY]) for path, node, _reachable in found]
