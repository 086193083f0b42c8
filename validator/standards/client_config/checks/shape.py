"""The file's shape as its client reads it: where the servers are (CFG001), the JSON types of
the file and its entries against the client's exported schema (CFG010), fields the client
does not know (CFG008) and fields Codex refuses for the server's transport (CFG009).

CFG001 and CFG010 report at `reader.refusal(client)`: error where the client is verified to
refuse the file, warning where that rests on third-party pages only.
"""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.engine.schemacheck import describe_value
from validator.model import Problem
from validator.parsing.document import dotted
from validator.standards.client_config.clients import GEMINI_EXTENSION_REQUIRED, Client
from validator.standards.client_config.entries import COMMENT_KEYS, Entry, ServerMap
from validator.standards.client_config.reader import refusal, servers
from validator.standards.client_config.shapes import (
    client_schema,
    entry_def,
    explain,
    extra_keys,
    fields_of,
    schema_validator,
    sibling_fields,
)
from validator.standards.client_config.values import close

_COPILOT_FIELDS = frozenset({"tools"})
"""`.mcp.json` is also GitHub Copilot's portable format; these are Copilot's fields, not unknown ones."""
_PI_ADAPTER_FIELDS = frozenset({
    "lifecycle", "idleTimeout", "requestTimeoutMs", "protocolVersion", "exposeResources", "directTools", "toolPrefix",
    "searchKeywords", "inheritEnv", "literalEnv", "bearerTokenEnv", "bearerTokenStore", "requestHeadersCommand",
})
"""The project `.mcp.json` is also pi-mcp-adapter's preferred project config (the MCP extension of the Pi coding
agent, https://github.com/nicobailon/pi-mcp-adapter#config, "Server Options"); these of its per-server fields are
its own (no other client has them, none is close to a Claude Code field), set for Pi, not dead settings. Its
generic ones (`debug`, `disabled`, `cwd`, `includeTools`) are still reported: there the owner cannot be told."""
_FIELD_OWNERS = {
    "alwaysAllow": "Cline and Roo Code", "autoApprove": "Cline and Kiro", "disabled": "Cline, Roo Code and Kiro",
    "disabledTools": "Cline, Roo Code and Kiro", "envFile": "VS Code and Cursor", "serverUrl": "Windsurf",
    "httpUrl": "Gemini CLI", "trust": "Gemini CLI", "includeTools": "Gemini CLI", "excludeTools": "Gemini CLI",
    "cwd": "VS Code, Gemini CLI and Codex", "timeout": "Gemini CLI and Roo Code", "watchPaths": "Roo Code",
    "headersHelper": "Claude Code", "oauth": "Claude Code and Gemini CLI", "enabled": "Codex, Zed and goose",
}
_RENAMES = {"transport": "type", "cmd": "command", "arguments": "args", "environment": "env", "envs": "env",
            "environmentVariables": "env", "env_vars": "env", "endpoint": "url", "uri": "url", "serverURL": "url"}
_CODEX_STDIO_ONLY = ("args", "env", "env_vars", "cwd")
_CODEX_HTTP_ONLY = ("url", "bearer_token_env_var", "http_headers", "env_http_headers", "oauth_resource")


@emits(R.CFG001, R.CFG008, R.CFG009, R.CFG010)
def shape(doc, ctx) -> Iterator[Problem]:
    client, found = servers(doc)
    if client.manifest_only:
        return  # no servers and no schema of its own: checks/extension.py and checks/plugin_fields.py read it
    value = doc.data.value
    yield from _top_level(client, found, value, doc.meta)
    for entry in found.entries:
        if not isinstance(entry.value, dict):
            yield Problem(R.CFG010, f"server '{entry.name}' must be an object, not {describe_value(entry.value)}",
                          entry.pointer, severity=refusal(client))
            continue
        def_name = entry_def(client, entry)
        yield from _fields(client, entry, def_name)
        if def_name is not None:
            yield from _types(client, entry, def_name)
    yield from _root_parts(client, found, value)


def _top_level(client: Client, found: ServerMap, value, meta: dict) -> Iterator[Problem]:
    label, top, severity = client.label, client.top_key, refusal(client)
    if not isinstance(value, dict):
        if client.dedicated:
            yield Problem(R.CFG010, f"the file must hold a JSON object with '{top}', not {describe_value(value)}", (),
                          severity=severity)
        return
    if found.not_object:
        yield Problem(R.CFG010, f"'{top}' must be an object of servers by name, not {describe_value(value[top])}",
                      (top,), severity=severity)
    elif found.wrong_key is not None:
        yield Problem(R.CFG001, f"{label} reads servers from '{top}', not '{found.wrong_key}'; it finds none here",
                      found.pointer, at_key=True, severity=severity)
    elif found.at_root:
        if client.key == "claude-code" and "plugin" in meta:
            pass  # a plugin's MCP config may list its servers at the top level (plugins reference, "MCP servers")
        else:
            yield Problem(R.CFG001, f"servers sit at the top level; {label} reads them from '{top}'", (),
                          severity=severity)
    elif found.pointer is None and meta.get("foreign"):
        keys = ", ".join(repr(k) for k in list(value)[:4]) + (" ..." if len(value) > 4 else "")
        # code.claude.com/docs/en/mcp ("Project scope"): Claude Code loads the project root's .mcp.json as its
        # MCP servers; without `mcpServers` it reports the file invalid at every start.
        yield Problem(R.CFG001, f"no 'mcpServers' key (this file has {keys}): it is not an MCP client config, but "
                      "Claude Code loads the project's .mcp.json and reports it invalid; rename the file", (),
                      severity="warning")
    elif found.pointer is None and client.key == "claude-code":
        yield Problem(R.CFG001, "no 'mcpServers' key; Claude Code reports this .mcp.json invalid", (),
                      severity=severity)
    for pointer in found.ignored:
        yield Problem(R.CFG001, f"{label} ignores the servers under '{'.'.join(pointer)}'; it reads only '{top}'",
                      pointer, at_key=True, severity=severity)


def _root_parts(client: Client, found: ServerMap, value) -> Iterator[Problem]:
    """The file's other MCP settings the client validates (VS Code `inputs`, Gemini CLI `mcp`)."""
    if not isinstance(value, dict):
        return
    props = client_schema(client.key).get("properties", {})
    for key in props:
        if key == client.top_key or key not in value or (key,) == found.pointer:
            continue
        if client.key == "gemini-extension" and key in GEMINI_EXTENSION_REQUIRED:
            continue  # checks/extension.py says why the extension will not load
        seen = set()
        for error in schema_validator(client.key, key).iter_errors(value[key]):
            pointer = (key,) + tuple(error.absolute_path)
            if (pointer, error.validator) in seen:
                continue
            seen.add((pointer, error.validator))
            if error.validator == "additionalProperties":
                for extra in extra_keys(error):
                    yield Problem(R.CFG008, f"{client.label} does not know '{dotted(pointer + (extra,))}'",
                                  pointer + (extra,), at_key=True)
            else:
                yield Problem(R.CFG010, explain(error, pointer), pointer, severity=refusal(client))


def _fields(client: Client, entry: Entry, def_name: str | None) -> Iterator[Problem]:
    value = entry.value
    if client.key == "codex":
        yield from _codex_fields(entry)
    if def_name is None:
        return
    known = fields_of(client, def_name)
    others = sibling_fields(client, def_name)
    for key in value:
        if client.key == "gemini-extension" and key == "trust":
            # extension-manager.ts filterMcpConfig: an extension cannot waive tool confirmations
            yield Problem(R.CFG008, "Gemini CLI drops 'trust' from an extension's servers: their tools still ask "
                          "for confirmation", entry.pointer + (key,), at_key=True)
            continue
        if not isinstance(key, str) or key in known:
            continue
        if client.key == "claude-code" and (key in _COPILOT_FIELDS or key in _PI_ADAPTER_FIELDS):
            continue
        if client.key == "codex" and (key == "bearer_token" or key in _CODEX_STDIO_ONLY + _CODEX_HTTP_ONLY):
            continue
        if key.startswith(COMMENT_KEYS) and client.key != "gemini":
            continue
        if key == entry.foreign_url_key:
            continue
        no_op = (key == "disabled" and value[key] is False) or (key == "enabled" and value[key] is True)
        if no_op and client.key != "gemini":
            continue  # ignoring a setting that asks for the default changes nothing
        suggestion = _RENAMES.get(key) if _RENAMES.get(key) in known else close(key, sorted(known))
        if suggestion in value:
            suggestion = None
        if not client.strict_fields and suggestion is None:
            continue
        pointer = entry.pointer + (key,)
        if key in others and key not in known:
            kind = "stdio" if entry.kind == "stdio" else "remote"
            message = f"{client.label} ignores '{key}' on a {kind} server"
        elif client.key == "gemini":
            message = f"Gemini CLI rejects '{key}' in a server entry (its settings schema allows no other fields)"
        elif (key == "disabled" and value[key] is True) or (key == "enabled" and value[key] is False):
            message = f"{client.label} does not know '{key}' and starts server '{entry.name}' anyway"
        else:
            message = f"{client.label} does not know '{key}' and ignores it"
        if suggestion:
            message += f"; did you mean '{suggestion}'?"
        elif key in _FIELD_OWNERS and client.key not in ("codex",):
            message += f" (it is a {_FIELD_OWNERS[key]} setting)"
        yield Problem(R.CFG008, message, pointer, at_key=True)


def _codex_fields(entry: Entry) -> Iterator[Problem]:
    value = entry.value
    if "command" in value:
        transport, rejected = "stdio", _CODEX_HTTP_ONLY + ("bearer_token",)
    elif "url" in value:
        transport, rejected = "streamable_http", _CODEX_STDIO_ONLY + ("bearer_token",)
    else:
        return
    for key in rejected:
        if key in value:
            hint = " (use bearer_token_env_var)" if key == "bearer_token" else ""
            yield Problem(R.CFG009, f"Codex refuses server '{entry.name}': '{key} is not supported for "
                          f"{transport}'{hint}", entry.pointer + (key,), at_key=True)


def _types(client: Client, entry: Entry, def_name: str) -> Iterator[Problem]:
    seen = set()
    for error in schema_validator(client.key, f"#/$defs/{def_name}").iter_errors(entry.value):
        path = tuple(error.absolute_path)
        if error.validator in ("required", "false") or path[:1] == ("type",) or path in seen:
            continue
        seen.add(path)
        pointer = entry.pointer + path
        if error.validator == "additionalProperties":
            if path:  # the entry's own keys are `_fields`' business; nested closed objects are checked here
                for extra in extra_keys(error):
                    yield Problem(R.CFG008, f"{client.label} does not know '{dotted(pointer + (extra,))}'",
                                  pointer + (extra,), at_key=True)
            continue
        yield Problem(R.CFG010, explain(error, pointer), pointer, severity=refusal(client))
