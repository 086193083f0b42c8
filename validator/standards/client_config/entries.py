"""Finding the servers in a client's file and reading each entry the way that client does.

Every client names things differently (`command` / goose's `cmd`, opencode's command
array, Zed's nested `command.path`, `url` / `serverUrl` / `httpUrl` / `uri`); `Entry`
is the common reading, with JSON pointers back into the file for positions. The
same reading feeds the cross-file stage (through `Document.meta["servers"]`).
"""

from __future__ import annotations

from typing import Any

from validator.records import field, record
from validator.standards.client_config.clients import SERVER_MAP_KEYS, Client

COMMENT_KEYS = ("//", "_", "#", "$comment")
_SERVER_HINTS = ("command", "cmd", "url", "serverUrl", "httpUrl", "uri", "args", "type")
GOOSE_TYPES = frozenset({"builtin", "stdio", "sse", "streamable_http", "platform", "frontend", "inline_python"})


@record
class Entry:
    name: str
    pointer: tuple
    """Pointer to the entry object (its key is the server name)."""
    value: Any
    kind: str | None = None
    """`stdio`, `remote`, `other` (builtin, extension-provided, SDK) or None (cannot tell)."""
    declared_type: str | None = None
    type_known: bool = True
    command: Any = None
    command_ptr: tuple = ()
    args: list = field(default_factory=list)
    """[(value, pointer)] for each argument."""
    env: dict = field(default_factory=dict)
    """{name: (value, pointer)}."""
    url: Any = None
    url_key: str | None = None
    url_ptr: tuple = ()
    foreign_url_key: str | None = None
    """A URL under a key this client does not read (`serverUrl` in `.mcp.json`)."""
    headers: dict = field(default_factory=dict)
    disabled: bool = False

    @property
    def argv(self) -> list[str]:
        return [value if isinstance(value, str) else "" for value, _ in self.args]

    def summary(self) -> dict:
        """What the cross-file stage reads (plain data)."""
        return {"name": self.name, "pointer": self.pointer, "kind": self.kind, "command": self.command,
                "command_ptr": self.command_ptr, "args": [(v, p) for v, p in self.args],
                "env": {k: p for k, (_, p) in self.env.items()},
                "env_values": {k: v for k, (v, _) in self.env.items() if isinstance(v, str)}, "url": self.url, "url_ptr": self.url_ptr,
                "headers": {k: p for k, (_, p) in self.headers.items()}, "disabled": self.disabled}


@record
class ServerMap:
    pointer: tuple | None
    """Where the servers are (None: not found)."""
    wrong_key: str | None = None
    """The servers were found under a key this client does not read."""
    at_root: bool = False
    """The servers sit directly at the top level, with no wrapping key."""
    not_object: bool = False
    entries: list[Entry] = field(default_factory=list)
    ignored: list[tuple] = field(default_factory=list)
    """Other maps of servers the client does not read (beside the right one, or nested one level down)."""


def looks_like_servers(node: Any) -> bool:
    """NODE is a non-empty map whose values are server entries."""
    if not isinstance(node, dict) or not node:
        return False
    values = list(node.values())
    if not all(isinstance(v, dict) for v in values):
        return False
    return any(any(hint in v for hint in _SERVER_HINTS) for v in values)


def _misplaced(value: dict, top: str) -> list[tuple]:
    """Pointers to maps of servers under keys other than TOP: `{"servers": ...}` or `{"mcp": {"servers": ...}}`."""
    out = []
    for key, node in value.items():
        if key == top or not isinstance(key, str) or not isinstance(node, dict):
            continue
        if (key in SERVER_MAP_KEYS or key.lower() == top.lower()) and looks_like_servers(node):
            out.append((key,))
        elif key in ("mcp", "amp", "cline", "roo-cline"):
            # a settings.json nesting (`"mcp": {"servers": {...}}`) pasted into a dedicated file
            out.extend((key, inner) for inner, sub in node.items()
                       if inner in SERVER_MAP_KEYS and looks_like_servers(sub))
    return out


def find_servers(value: Any, client: Client) -> ServerMap:
    if not isinstance(value, dict):
        return ServerMap(None)
    top = client.top_key
    misplaced = _misplaced(value, top) if client.key != "gemini" else \
        [p for p in _misplaced(value, top) if p[0] != "mcp"]  # Gemini's own `mcp` object holds settings
    if top in value:
        node = value[top]
        if not isinstance(node, dict):
            return ServerMap((top,), not_object=True, ignored=misplaced)
        return ServerMap((top,), entries=_entries(node, (top,), client), ignored=misplaced)
    if misplaced:
        where = misplaced[0]
        node = value[where[0]] if len(where) == 1 else value[where[0]][where[1]]
        return ServerMap(where, wrong_key=".".join(where), entries=_entries(node, where, client), ignored=misplaced[1:])
    if client.dedicated and looks_like_servers({k: v for k, v in value.items()
                                                if not (isinstance(k, str) and k.startswith(COMMENT_KEYS))}):
        body = {k: v for k, v in value.items() if isinstance(v, dict)}
        return ServerMap((), at_root=True, entries=_entries(body, (), client))
    return ServerMap(None)


def has_servers(value: Any, client: Client) -> bool:
    """For settings files shared with other features: does this one configure MCP servers?"""
    if not isinstance(value, dict):
        return False
    if client.key == "goose":
        return is_goose(value)
    if client.key == "gemini" and isinstance(value.get("mcp"), dict):
        return True
    if client.key == "claude-code-plugin" and not isinstance(value.get(client.top_key), dict):
        return False  # a path to a .json or .mcpb file, or no servers: nothing inline to check
    found = find_servers(value, client)
    return found.pointer is not None and (not found.at_root)


def is_goose(value: dict) -> bool:
    """A `config.yaml` that is recognisably goose's: an `extensions` map of goose extensions."""
    extensions = value.get("extensions")
    if not isinstance(extensions, dict) or not extensions:
        return False
    entries = [e for e in extensions.values() if isinstance(e, dict)]
    if not entries or len(entries) != len(extensions):
        return False
    goose_keys = any(str(k).startswith("GOOSE_") for k in value)
    markers = sum(1 for e in entries if e.get("type") in GOOSE_TYPES and ({"cmd", "bundled", "envs", "env_keys",
                                                                             "enabled", "timeout", "uri"} & set(e)))
    return markers == len(entries) or (goose_keys and markers > 0)


def _entries(node: dict, base: tuple, client: Client) -> list[Entry]:
    out = []
    for name, value in node.items():
        if not isinstance(name, str) or (base and name.startswith(COMMENT_KEYS) and not isinstance(value, dict)):
            continue
        out.append(read_entry(str(name), base + (name,), value, client))
    return out


def read_entry(name: str, pointer: tuple, value: Any, client: Client) -> Entry:
    entry = Entry(name, pointer, value)
    if not isinstance(value, dict):
        return entry
    entry.disabled = value.get("disabled") is True or value.get("enabled") is False
    command = value.get(client.command_key)
    command_ptr = pointer + (client.command_key,)
    args_node = value.get(client.args_key)
    args_ptr = pointer + (client.args_key,)
    env_node = value.get(client.env_key)
    env_ptr = pointer + (client.env_key,)
    if client.key == "opencode" and isinstance(command, list):
        # opencode: "command": ["npx", "-y", "pkg"]
        args_node, args_ptr = command[1:], None
        command = command[0] if command else None
        command_ptr = pointer + (client.command_key, 0)
        entry.args = [(arg, pointer + (client.command_key, i + 1)) for i, arg in enumerate(args_node)]
    elif client.key == "zed" and isinstance(command, dict):
        # Zed's older form: "command": {"path": ..., "args": [...], "env": {...}}
        nested = command
        command, command_ptr = nested.get("path"), command_ptr + ("path",)
        args_node, args_ptr = nested.get("args"), pointer + (client.command_key, "args")
        env_node, env_ptr = nested.get("env"), pointer + (client.command_key, "env")
    if args_ptr is not None and isinstance(args_node, list):
        entry.args = [(arg, args_ptr + (i,)) for i, arg in enumerate(args_node)]
    entry.command, entry.command_ptr = command, command_ptr
    if isinstance(env_node, dict):
        entry.env = {str(k): (v, env_ptr + (k,)) for k, v in env_node.items()}
    headers = value.get(client.headers_key)
    if client.key == "codex":
        headers = value.get("http_headers")
    if isinstance(headers, dict):
        key = "http_headers" if client.key == "codex" else client.headers_key
        entry.headers = {str(k): (v, pointer + (key, k)) for k, v in headers.items()}
    for key in client.url_keys:
        if key in value:
            entry.url, entry.url_key, entry.url_ptr = value[key], key, pointer + (key,)
            break
    else:
        for key in client.foreign_url_keys:
            if key in value and isinstance(value[key], str):
                entry.foreign_url_key = key
                entry.url_ptr = pointer + (key,)
                break
    declared = value.get("type")
    if client.key == "zed" and value.get("source") == "extension":
        entry.kind = "other"
        return entry
    if isinstance(declared, str) and client.types is not None:
        entry.declared_type = declared
        mapped = client.types.get(declared)
        if mapped is not None:
            entry.kind = mapped
            return entry
        entry.type_known = False
    elif "type" in value and client.types is not None:
        entry.declared_type = declared  # not a string (null, a number ...): no client accepts it
        entry.type_known = False
    has_command = command is not None
    if client.key == "zed" and value.get("source") not in (None, "custom"):
        entry.kind = "other"
    elif has_command:
        entry.kind = "stdio"
    elif entry.url_key is not None or entry.foreign_url_key is not None:
        entry.kind = "remote"
    return entry
