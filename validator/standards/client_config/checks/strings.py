"""The strings inside a server entry: variables the client does not expand (CFG015), one person's
home folder (CFG020), plain http:// (CFG019)."""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
import validator.standards.client_config.values as V
from validator.emitters import emits
from validator.model import Problem
from validator.standards.client_config.clients import Client
from validator.standards.client_config.entries import Entry
from validator.standards.client_config.launch import Launch, analyze, is_shell
from validator.standards.client_config.plugins import user_config_keys
from validator.standards.client_config.reader import servers

_BRIDGES = frozenset({"mcp-remote", "supergateway", "mcp-proxy", "@modelcontextprotocol/server-remote"})
_PLUGIN_ONLY = ("${CLAUDE_PLUGIN_ROOT}", "${CLAUDE_PLUGIN_DATA}")
"""Claude Code substitutes these only in a plugin's own configuration (plugins reference, "Environment variables");
in the project's `.mcp.json` they are plain unset variables and reach the server as written."""
_USER_CONFIG = "${user_config."
"""A plugin's option (https://code.claude.com/docs/en/plugins-reference#user-configuration): Claude Code substitutes
`${user_config.KEY}` in the MCP server configs of a plugin whose manifest declares KEY in `userConfig`."""


@emits(R.CFG015, R.CFG019, R.CFG020)
def strings(doc, ctx) -> Iterator[Problem]:
    client, found = servers(doc)
    # only the project's own .mcp.json is known to be read outside a plugin; a nested one may be a plugin's
    project = client.key == "claude-code" and doc.relpath == ".mcp.json" and "plugin" not in doc.meta
    options = _plugin_options(doc, ctx, client)
    for entry in found.entries:
        if isinstance(entry.value, dict):
            launch = analyze(entry.command, entry.argv) if entry.kind == "stdio" else None
            yield from _entry_strings(client, entry, launch, project, options)


_NOT_A_PLUGIN = frozenset({"<not a plugin>"})


def _plugin_options(doc, ctx, client: Client) -> frozenset[str] | None:
    """The `userConfig` keys of the plugin DOC belongs to; None when unknown (any key is accepted), `_NOT_A_PLUGIN`
    for a config no plugin owns."""
    if client.key == "claude-code-plugin":
        value = doc.data.value if doc.data is not None else None
        options = value.get("userConfig") if isinstance(value, dict) else None
        return frozenset() if options is None else frozenset(options) if isinstance(options, dict) else None
    plugin = doc.meta.get("plugin")
    if client.key != "claude-code" or not isinstance(plugin, str):
        return _NOT_A_PLUGIN
    return user_config_keys(ctx.index, plugin)


def _user_config_advice(ref: str, options: frozenset[str] | None) -> str | None:
    """What is wrong with the `${user_config.KEY}` reference REF (None: Claude Code substitutes it)."""
    key = ref[len(_USER_CONFIG):-1]
    if options is _NOT_A_PLUGIN:
        return f"{ref} is substituted only in a Claude Code plugin's servers; this config is no plugin's"
    if options is None or key in options:
        return None
    return f"{ref} names no option of the plugin's userConfig; Claude Code substitutes only declared keys"


def _entry_strings(client: Client, entry: Entry, launch: Launch | None, project: bool = False,
                   options: frozenset[str] | None = _NOT_A_PLUGIN) -> Iterator[Problem]:
    shell = is_shell(entry.command)
    container_from = None
    volume_args = {}
    if launch is not None and launch.tool == "docker" and launch.docker:
        container_from = launch.docker.get("container_args")
        volume_args = dict(launch.docker.get("volumes", []))
    fields: list[tuple[object, tuple, str, int]] = []
    if entry.command is not None:
        fields.append((entry.command, entry.command_ptr, "command", -1))
    for index, (arg, pointer) in enumerate(entry.args):
        inside = container_from is not None and index >= container_from
        fields.append((arg, pointer, "container" if inside else "arg", index))
    fields += [(v, p, "env", -1) for v, p in entry.env.values()]
    fields += [(v, p, "header", -1) for v, p in entry.headers.values()]
    if entry.url_key is not None:
        fields.append((entry.url, entry.url_ptr, "url", -1))
    for key in ("cwd", "envFile"):
        if isinstance(entry.value.get(key), str):
            fields.append((entry.value[key], entry.pointer + (key,), key, -1))
    for text, pointer, role, arg_index in fields:
        if not isinstance(text, str):
            continue
        if client.variables is not None:
            refs = list(V.unexpanded(text, client.variables, shell=shell and role in ("arg", "container")))
            if client.variables == "claude":
                refs = [(ref, _user_config_advice(ref, options) if ref.startswith(_USER_CONFIG) else advice)
                        for ref, advice in refs]
                refs = [(ref, advice) for ref, advice in refs if advice]
            if refs:
                yield Problem(R.CFG015, refs[0][1], pointer)
            elif project and (plugin_only := next((v for v in _PLUGIN_ONLY if v in text), None)):
                yield Problem(R.CFG015, f"{plugin_only} is defined only for a Claude Code plugin's servers; this "
                              "project .mcp.json is no plugin's, so the server receives it as written", pointer)
        if role in ("command", "arg", "env", "cwd", "envFile"):
            subject = _host_side(text) if arg_index in volume_args else text
            home = V.home_path(subject)
            if home:
                yield Problem(R.CFG020, f"'{home}' is in one person's home folder; the path does not exist on other "
                              "machines (use a project-relative path or a variable)", pointer)
    if entry.url_key is not None and isinstance(entry.url, str):
        host = V.insecure_url(entry.url)
        if host:
            yield Problem(R.CFG019, f"server '{entry.name}' is reached over plain http:// at {host}; use https://",
                          entry.url_ptr)
    if launch is not None and launch.package in _BRIDGES and launch.spec_index is not None:
        for arg, pointer in entry.args[launch.spec_index + 1:]:
            host = V.insecure_url(arg) if isinstance(arg, str) else None
            if host:
                yield Problem(R.CFG019, f"{launch.package} connects to {host} over plain http://; use https:// "
                              "(mcp-remote refuses http:// to non-local hosts without --allow-http)", pointer)


def _host_side(volume: str) -> str:
    """The host part of a `-v host:container[:mode]` value (Windows drive letters kept)."""
    if len(volume) > 2 and volume[1] == ":" and volume[0].isalpha():
        drive, rest = volume[:2], volume[2:]
        return drive + rest.split(":", 1)[0]
    return volume.split(":", 1)[0]
