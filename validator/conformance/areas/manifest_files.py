"""What a static description of a server declares, for `conformance --manifest FILE`.

Owns `read(path) -> Declared`: the file is recognised and parsed by the lint standards'
own faces (`validator.standards.mcpb`, `.server_json`, `.server_card`: their `parse`, in
that order, so detection and syntax handling are exactly `agentconform check`'s), and
reduced to what a running server can be held to: the server's name and version, the
tools and prompts it lists (only MCPB manifests declare them), and the transports (with
remote URLs) it is reached over. A file that is missing, unreadable, or none of the three
raises `ManifestError`, a one-line usage error (exit 2) before any server is started.
https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md
https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MCPB, SERVER_JSON, SERVER_CARD = "mcpb-manifest", "server-json", "mcp-server-card"
TITLES = {MCPB: "MCPB manifest", SERVER_JSON: "registry server.json", SERVER_CARD: "server card"}


class ManifestError(ValueError):
    """The file cannot be compared with a server (a usage error, exit 2)."""


@dataclass(frozen=True)
class Declared:
    path: str
    kind: str
    name: str | None = None
    version: str | None = None
    tools: tuple[str, ...] | None = None
    """Tool names the file lists; None when it lists none (nothing to compare)."""
    prompts: tuple[str, ...] | None = None
    tools_generated: bool = False
    """MCPB `tools_generated`: the server generates tools beyond those listed."""
    prompts_generated: bool = False
    transports: tuple[str, ...] = ()
    """Transport types the file says the server is reached over (stdio, streamable-http, sse)."""
    remotes: tuple[tuple[str, str], ...] = ()
    """(type, url) of each remote endpoint the file declares."""

    @property
    def title(self) -> str:
        return f"{TITLES[self.kind]} {self.path}"


def read(path: str) -> Declared:
    """The declarations of the file at PATH, or `ManifestError` saying why there are none."""
    from validator.engine.files import FileIndex, SourceFile
    from validator.standards import mcpb, server_card, server_json
    from validator.standards.base import CheckContext, matches

    file = Path(path)
    if not file.is_file():
        raise ManifestError(f"--manifest {path}: no such file")
    source = SourceFile(file, file.name)
    ctx = CheckContext(root=file.parent, index=FileIndex(file.parent))
    # as `agentconform check` sees the file: the standards whose patterns claim its name first
    # (a server-card.json has a registry-like name and remotes, but is not a server.json), then,
    # for another name, by content: a card names its schema, a bundle has a server object
    named = [face for face in (mcpb, server_json, server_card)
             if matches(file.name, [pattern for pattern in face.PATTERNS if "*" not in pattern])]
    for face in named or (server_card, mcpb, server_json):
        document = face.parse(source, ctx)
        if document is None:
            continue
        value = getattr(document.data, "value", None)
        if not isinstance(value, dict):
            why = document.problems[0].message if document.problems else "not a JSON object"
            raise ManifestError(f"--manifest {path}: cannot read this {TITLES[face.NAME]}: {why}")
        return _declared(path, face.NAME, value)
    raise ManifestError(f"--manifest {path}: not an MCPB manifest.json, a registry server.json or a server card")


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _names(items) -> tuple[str, ...] | None:
    if not isinstance(items, list):
        return None
    return tuple(dict.fromkeys(item["name"] for item in items if isinstance(item, dict) and _text(item.get("name"))))


def _remotes(items) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            kind = _text(item.get("type")) or _text(item.get("transport_type"))
            if kind:
                out.append((kind, _text(item.get("url")) or ""))
    return tuple(out)


def _declared(path: str, kind: str, value: dict) -> Declared:
    name, version = _text(value.get("name")), _text(value.get("version"))
    if kind == MCPB:
        # a bundle's server is launched by the host and spoken to over stdio, whatever its
        # server.type (node, python, binary, uv): MANIFEST.md, "server"
        return Declared(path, kind, name, version, _names(value.get("tools")), _names(value.get("prompts")),
                        value.get("tools_generated") is True, value.get("prompts_generated") is True,
                        ("stdio",))
    remotes = _remotes(value.get("remotes"))
    transports = [kind_ for kind_, _url in remotes]
    if kind == SERVER_JSON:
        for package in value.get("packages") if isinstance(value.get("packages"), list) else ():
            transport = package.get("transport") if isinstance(package, dict) else None
            if isinstance(transport, dict) and _text(transport.get("type")):
                transports.append(transport["type"])
            elif isinstance(package, dict) and _text(package.get("transport_type")):
                transports.append(package["transport_type"])
    return Declared(path, kind, name, version, transports=tuple(dict.fromkeys(transports)), remotes=remotes)
