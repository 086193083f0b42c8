"""Parsing and checking one client configuration file.

`parse` decides whose file it is (by path, see `clients.py`) and whether it configures
MCP servers at all: a `.gemini/settings.json` with only a theme, a goose-less
`config.yaml` or an `opencode.json` without `mcp` is left alone (None). `check` runs
the CFG rules over the entries `entries.py` reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from validator import secrets
from validator.engine.integrity import best_effort_text, load_structured
from validator.engine.schemacheck import describe_type, describe_value
from validator.model import Finding
from validator.parsing.document import dotted
from validator.standards.base import CheckContext, Document
from validator.standards.client_config import rules as R
from validator.standards.client_config import values as V
from validator.standards.client_config.clients import BY_KEY, GEMINI_EXTENSION_NAME, Client, client_for
from validator.standards.client_config.entries import COMMENT_KEYS, Entry, find_servers, has_servers
from validator.standards.client_config.launch import Launch, analyze, is_shell

NAME = "mcp-client-config"
_SNIFF = {
    "gemini": ("mcpServers", '"mcp"', "servers"), "gemini-extension": ("mcpServers",),
    "claude-code-plugin": ('"mcpServers"',), "qwen": ("mcpServers", "servers"),
    "codex": ("mcp_servers", "mcpServers", "mcp-servers"), "zed": ("context_servers",), "opencode": ('"mcp"',),
}
_COPILOT_FIELDS = frozenset({"tools"})
"""`.mcp.json` is also GitHub Copilot's portable format; these are Copilot's fields, not unknown ones."""
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
_BRIDGES = frozenset({"mcp-remote", "supergateway", "mcp-proxy", "@modelcontextprotocol/server-remote"})
_EXTENSION_REQUIRED = ("name", "version")
_EXTENSION_NAME = re.compile(GEMINI_EXTENSION_NAME)
_VARIABLE_HINT = {"vscode": "${input:...} or ${env:NAME}", "claude": "${NAME}", "gemini": "$NAME or ${NAME}",
                  "gemini-extension": "$NAME, ${NAME} or ${extensionPath}",
                  "none": "env_vars or bearer_token_env_var"}


def parse(source, ctx: CheckContext) -> Document | None:
    client = client_for(source.relpath)
    if client is None:
        return None
    if not client.dedicated and not _sniff(best_effort_text(source), client):
        return None
    data, problems = load_structured(source, client.fmt)
    meta: dict = {"client": client.key, "servers": []}
    if data is None:
        return Document(source, NAME, None, problems, meta)
    if not client.dedicated and not has_servers(data.value, client):
        return None
    found = find_servers(data.value, client)
    if found.pointer is None and client.key in ("claude-code", "mcp-config") and _foreign(data.value):
        return None  # another tool's file that happens to share the name: no servers, other keys
    meta["servers"] = [entry.summary() for entry in found.entries]
    return Document(source, NAME, data, problems, meta)


def _foreign(value) -> bool:
    """An object with keys, none of which is about MCP servers (comments and `$schema` aside)."""
    if not isinstance(value, dict):
        return False
    keys = [k for k in value if not (isinstance(k, str) and (k.startswith(COMMENT_KEYS) or k == "$schema"))]
    return bool(keys)


def _sniff(text: str, client: Client) -> bool:
    if client.key == "goose":
        return "extensions" in text and any(m in text for m in ("GOOSE_", "cmd:", "bundled", "builtin", "streamable_http"))
    return any(marker in text for marker in _SNIFF.get(client.key, (client.top_key,)))


@cache
def _schema(key: str) -> dict:
    from validator.engine.schemas import load_schema

    return load_schema(f"mcp-client-config/{key}.schema.json")


@cache
def _validator(key: str, target: str):
    """A validator for one definition (or root property) of client KEY's exported schema."""
    from validator.engine.schemacheck import Validator

    schema = _schema(key)
    if target.startswith("#/"):
        return Validator({"$defs": schema.get("$defs", {}), "$ref": target})
    return Validator({"$defs": schema.get("$defs", {}), **schema["properties"][target]})


_CLAUDE_BRANCHES = {"stdio": "ClaudeStdio", "sse": "ClaudeSse", "http": "ClaudeHttp", "streamable-http": "ClaudeHttp",
                    "ws": "ClaudeWs", "remote": "ClaudeHttp"}
_BRANCHES = {"claude-code": _CLAUDE_BRANCHES, "claude-code-plugin": _CLAUDE_BRANCHES,
             "vscode": {"stdio": "VscodeStdio", "remote": "VscodeRemote"}}
"""Clients whose entries are a union of transport shapes: the definition per `type` or transport."""


def _entry_def(client: Client, entry: Entry) -> str | None:
    """The `$defs` name an entry is validated against, from its transport."""
    branches = _BRANCHES.get(client.key)
    if branches is None:
        names = [name for name in _schema(client.key).get("$defs", {}) if name.endswith(("Server", "Extension"))]
        return names[0] if len(names) == 1 else None
    declared = entry.declared_type if isinstance(entry.declared_type, str) else ""
    return branches.get(declared) or branches.get(entry.kind or "")


def _fields_of(client: Client, def_name: str) -> set[str]:
    return set(_schema(client.key)["$defs"][def_name].get("properties", {}))


def _sibling_fields(client: Client, def_name: str) -> set[str]:
    """Fields of the client's other transport shapes (valid there, ignored on this one)."""
    out: set[str] = set()
    for other in set(_BRANCHES.get(client.key, {}).values()) - {def_name}:
        out |= _fields_of(client, other)
    return out


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    client = BY_KEY[doc.meta["client"]]
    run = _Run(doc, ctx, client)
    yield from run.all()


class _Run:
    """One file's check: the document, its client, and helpers that make findings."""

    def __init__(self, doc: Document, ctx: CheckContext, client: Client) -> None:
        self.doc, self.ctx, self.client = doc, ctx, client
        self.data = doc.data
        self.value = doc.data.value
        self.sev = "error" if client.verified else "warning"
        self.found = find_servers(self.value, client)

    def at(self, rule, pointer: tuple, message: str, *, key: bool = False, severity: str | None = None) -> Finding:
        return self.ctx.finding(rule, self.doc, self.data.locate(pointer, key=key), message, severity=severity)

    # -- the whole file -------------------------------------------------------------------
    def all(self) -> Iterator[Finding]:
        yield from self.top_level()
        for entry in self.found.entries:
            yield from self.entry(entry)
        yield from self.collisions()
        if self.client.key == "vscode":
            yield from self.inputs()
        yield from self.root_parts()
        if self.client.key == "gemini-extension":
            yield from self.extension_manifest()
        yield from self.secrets()

    def top_level(self) -> Iterator[Finding]:
        client, found = self.client, self.found
        label, top = client.label, client.top_key
        if not isinstance(self.value, dict):
            if client.dedicated:
                yield self.at(R.CFG010, (), f"the file must hold a JSON object with '{top}', not {describe_value(self.value)}",
                              severity=self.sev)
            return
        if found.not_object:
            yield self.at(R.CFG010, (top,), f"'{top}' must be an object of servers by name, not "
                          f"{describe_value(self.value[top])}", severity=self.sev)
        elif found.wrong_key is not None:
            yield self.at(R.CFG001, found.pointer, f"{label} reads servers from '{top}', not "
                          f"'{found.wrong_key}'; it finds none here", key=True, severity=self.sev)
        elif found.at_root:
            yield self.at(R.CFG001, (), f"servers sit at the top level; {label} reads them from '{top}'",
                          severity=self.sev)
        elif found.pointer is None and client.key == "claude-code":
            yield self.at(R.CFG001, (), "no 'mcpServers' key; Claude Code reports this .mcp.json invalid",
                          severity=self.sev)
        for pointer in found.ignored:
            yield self.at(R.CFG001, pointer, f"{label} ignores the servers under '{'.'.join(pointer)}'; it reads "
                          f"only '{top}'", key=True, severity=self.sev)

    def root_parts(self) -> Iterator[Finding]:
        """The file's other MCP settings the client validates (VS Code `inputs`, Gemini CLI `mcp`)."""
        if not isinstance(self.value, dict):
            return
        props = _schema(self.client.key).get("properties", {})
        for key in props:
            if key == self.client.top_key or key not in self.value or (key,) == self.found.pointer:
                continue
            if self.client.key == "gemini-extension" and key in _EXTENSION_REQUIRED:
                continue  # extension_manifest says why the extension will not load
            seen = set()
            for error in _validator(self.client.key, key).iter_errors(self.value[key]):
                pointer = (key,) + tuple(error.absolute_path)
                if (pointer, error.validator) in seen:
                    continue
                seen.add((pointer, error.validator))
                if error.validator == "additionalProperties":
                    for extra in _extra_keys(error):
                        yield self.at(R.CFG008, pointer + (extra,), f"{self.client.label} does not know "
                                      f"'{dotted(pointer + (extra,))}'", key=True)
                else:
                    yield self.at(R.CFG010, pointer, _explain(error, pointer), severity=self.sev)

    def extension_manifest(self) -> Iterator[Finding]:
        """What Gemini CLI's loadExtensionConfig requires before it reads any server: a name of
        letters, digits and dashes, and a version; otherwise the whole extension fails to load."""
        for key in _EXTENSION_REQUIRED:
            if key not in self.value:
                yield self.at(R.CFG021, (), f"no '{key}'; Gemini CLI refuses to load the extension and its servers")
            elif not isinstance(self.value[key], str) or not self.value[key]:
                yield self.at(R.CFG021, (key,), f"'{key}' must be a non-empty string, not {describe_value(self.value[key])}; "
                              "Gemini CLI refuses to load the extension")
        name = self.value.get("name")
        if isinstance(name, str) and name and not _EXTENSION_NAME.fullmatch(name):
            yield self.at(R.CFG021, ("name",), f"extension name '{name}' may hold only letters, digits and dashes; "
                          "Gemini CLI refuses to load the extension")

    # -- one server -------------------------------------------------------------------------
    def entry(self, entry: Entry) -> Iterator[Finding]:
        client = self.client
        if not isinstance(entry.value, dict):
            yield self.at(R.CFG010, entry.pointer, f"server '{entry.name}' must be an object, not "
                          f"{describe_value(entry.value)}", severity=self.sev)
            return
        if not entry.type_known:
            yield self.unknown_type(entry)
        if not entry.disabled and entry.kind != "other":
            yield from self.transport(entry)
        if entry.kind == "remote" and entry.declared_type in client.sse_types:
            yield self.at(R.CFG007, entry.pointer + ("type",), f"server '{entry.name}' uses the deprecated SSE "
                          "transport; use Streamable HTTP (type 'http') if the server offers it")
        def_name = _entry_def(client, entry)
        yield from self.fields(entry, def_name)
        if def_name is not None:
            yield from self.types(entry, def_name)
        if client.key in ("gemini", "gemini-extension") and "_" in entry.name:
            yield self.at(R.CFG012, entry.pointer, f"server name '{entry.name}' contains '_'; Gemini CLI splits "
                          f"tool names at the first '_', so policies for it will not match", key=True)
        launch = analyze(entry.command, entry.argv) if entry.kind == "stdio" else None
        yield from self.strings(entry, launch)
        if launch is not None:
            yield from self.launch(entry, launch)

    def unknown_type(self, entry: Entry) -> Finding:
        client, declared = self.client, entry.declared_type
        accepted = ", ".join(repr(t) for t in client.types or ())
        severity = self.sev
        if client.key == "claude-code" and declared == "local":
            severity = "warning"
            message = ("Claude Code rejects type 'local' (GitHub Copilot's name for a stdio server); "
                       "'stdio' works in both")
        else:
            message = f"{client.label} does not accept type {declared!r}"
            text = declared.lower().replace("_", "-") if isinstance(declared, str) else ""
            close = _close(text, list(client.types or ())) if text else None
            if text in ("streamable-http", "streamablehttp", "streamable") and "http" in (client.types or {}):
                close = "http"
            message += f"; did you mean '{close}'?" if close else f"; expected one of {accepted}"
        return self.at(R.CFG005, entry.pointer + ("type",), message, severity=severity)

    def transport(self, entry: Entry) -> Iterator[Finding]:
        client, name = self.client, entry.name
        has_command = entry.command is not None
        has_url = entry.url_key is not None
        if client.key == "claude-desktop" and (has_url or entry.foreign_url_key) and not has_command:
            yield self.at(R.CFG002, entry.pointer, f"server '{name}' has a URL but no command; Claude Desktop only "
                          "launches local servers from this file (use mcp-remote, or add it as a connector)",
                          severity="warning")
            return
        if entry.kind == "stdio" or (entry.kind is None and not has_url and entry.foreign_url_key is None):
            if has_command:
                pass
            elif entry.kind is None:
                what = "Codex refuses the file ('invalid transport')" if client.key == "codex" else \
                    f"{client.label} cannot start it"
                yield self.at(R.CFG002, entry.pointer, f"server '{name}' has neither a command nor a URL; {what}",
                              severity=self.sev)
            elif has_url or entry.foreign_url_key:
                yield self.at(R.CFG002, entry.pointer, f"server '{name}' has type '{entry.declared_type}' but no "
                              f"{client.command_key}; for a remote server use a remote type", severity=self.sev)
            else:
                yield self.at(R.CFG002, entry.pointer, f"server '{name}' has no {client.command_key} to launch",
                              severity=self.sev)
        if entry.kind == "remote":
            if not has_url:
                if entry.foreign_url_key is not None:
                    yield self.at(R.CFG003, entry.url_ptr, f"{client.label} reads the URL of server '{name}' from "
                                  f"'{client.url_keys[0]}', not '{entry.foreign_url_key}'", key=True, severity=self.sev)
                else:
                    yield self.at(R.CFG003, entry.pointer, f"server '{name}' has type '{entry.declared_type}' but no "
                                  f"'{client.url_keys[0]}'", severity=self.sev)
            elif client.key == "windsurf" and entry.url_key == "url":
                yield self.at(R.CFG003, entry.url_ptr, "Windsurf documents 'serverUrl' for remote servers; "
                              "'url' is reported not to connect", key=True, severity="info")
            if client.remote_needs_type and "type" not in entry.value and has_url and not has_command:
                yield self.at(R.CFG006, entry.pointer, f"server '{name}' has a url but no type; Claude Code skips "
                              "it (add \"type\": \"http\", or \"sse\" for an SSE endpoint)")
        if has_command and (has_url or entry.foreign_url_key) and client.key != "codex":
            where = entry.url_ptr
            yield self.at(R.CFG004, where, f"server '{name}' has both a command and a URL; clients disagree on "
                          "which one they use", key=True)

    def fields(self, entry: Entry, def_name: str | None) -> Iterator[Finding]:
        client, value = self.client, entry.value
        if client.key == "codex":
            yield from self.codex_fields(entry)
        if def_name is None:
            return
        known = _fields_of(client, def_name)
        others = _sibling_fields(client, def_name)
        for key in value:
            if client.key == "gemini-extension" and key == "trust":
                # extension-manager.ts filterMcpConfig: an extension cannot waive tool confirmations
                yield self.at(R.CFG008, entry.pointer + (key,), "Gemini CLI drops 'trust' from an extension's "
                              "servers: their tools still ask for confirmation", key=True)
                continue
            if not isinstance(key, str) or key in known:
                continue
            if client.key == "claude-code" and key in _COPILOT_FIELDS:
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
            suggestion = _RENAMES.get(key) if _RENAMES.get(key) in known else _close(key, sorted(known))
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
            yield self.at(R.CFG008, pointer, message, key=True)

    def codex_fields(self, entry: Entry) -> Iterator[Finding]:
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
                yield self.at(R.CFG009, entry.pointer + (key,), f"Codex refuses server '{entry.name}': "
                              f"'{key} is not supported for {transport}'{hint}", key=True)

    def types(self, entry: Entry, def_name: str) -> Iterator[Finding]:
        seen = set()
        for error in _validator(self.client.key, f"#/$defs/{def_name}").iter_errors(entry.value):
            path = tuple(error.absolute_path)
            if error.validator in ("required", "false") or path[:1] == ("type",) or path in seen:
                continue
            seen.add(path)
            pointer = entry.pointer + path
            if error.validator == "additionalProperties":
                if path:  # the entry's own keys are `fields`' business; nested closed objects are checked here
                    for extra in _extra_keys(error):
                        yield self.at(R.CFG008, pointer + (extra,), f"{self.client.label} does not know "
                                      f"'{dotted(pointer + (extra,))}'", key=True)
                continue
            yield self.at(R.CFG010, pointer, _explain(error, pointer), severity=self.sev)

    # -- strings inside an entry ---------------------------------------------------------------
    def strings(self, entry: Entry, launch: Launch | None) -> Iterator[Finding]:
        client = self.client
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
                if refs:
                    yield self.at(R.CFG015, pointer, refs[0][1])
            if role in ("command", "arg", "env", "cwd", "envFile"):
                subject = _host_side(text) if arg_index in volume_args else text
                home = V.home_path(subject)
                if home:
                    yield self.at(R.CFG020, pointer, f"'{home}' is in one person's home folder; the path does not "
                                  "exist on other machines (use a project-relative path or a variable)")
        if entry.url_key is not None and isinstance(entry.url, str):
            host = V.insecure_url(entry.url)
            if host:
                yield self.at(R.CFG019, entry.url_ptr, f"server '{entry.name}' is reached over plain http:// at "
                              f"{host}; use https://")
        if launch is not None and launch.package in _BRIDGES and launch.spec_index is not None:
            for arg, pointer in entry.args[launch.spec_index + 1:]:
                host = V.insecure_url(arg) if isinstance(arg, str) else None
                if host:
                    yield self.at(R.CFG019, pointer, f"{launch.package} connects to {host} over plain http://; "
                                  "use https:// (mcp-remote refuses http:// to non-local hosts without --allow-http)")

    def launch(self, entry: Entry, launch: Launch) -> Iterator[Finding]:
        args = entry.args

        def arg_ptr(index: int) -> tuple:
            return args[index][1] if 0 <= index < len(args) else entry.command_ptr

        if launch.tool == "docker" and launch.docker and launch.spec_index is not None:
            info = launch.docker
            if info["detach"] is not None:
                yield self.at(R.CFG018, arg_ptr(info["detach"]), f"server '{entry.name}': docker run -d detaches "
                              "the container, so the client has no stdin/stdout to speak MCP over")
            if info["tty"] is not None:
                yield self.at(R.CFG018, arg_ptr(info["tty"]), f"server '{entry.name}': docker run -t allocates a "
                              "terminal; under an MCP client it fails ('the input device is not a TTY') or mangles output")
            if info["interactive"] is None and not info["attach"]:
                yield self.at(R.CFG018, arg_ptr(info["run_index"]), f"server '{entry.name}': docker run without -i "
                              "closes the server's stdin; add -i")
        if launch.spec_index is None or launch.pinned or launch.source != "registry" or launch.local_runner:
            return
        if not launch.package or launch.tool not in ("npx", "uvx", "pipx", "docker"):
            return
        if launch.tool == "npx" and launch.package in _repo_dependencies(self.ctx, self.doc.relpath):
            return
        spec = args[launch.spec_index][0] if launch.spec_index < len(args) else launch.package
        pin = {"npx": f"{launch.package}@<version>", "uvx": f"{launch.package}==<version>",
               "pipx": f"{launch.package}==<version>", "docker": f"{launch.package}:<version> or @sha256:<digest>"}
        what = "the latest release" if launch.version in (None, "latest") else f"whatever '{launch.version}' points to"
        yield self.at(R.CFG017, arg_ptr(launch.spec_index), f"'{spec}' runs {what} at every start; pin it "
                      f"({pin[launch.tool]})")

    # -- across entries ----------------------------------------------------------------------------
    def collisions(self) -> Iterator[Finding]:
        first: dict[str, str] = {}
        for entry in self.found.entries:
            folded = entry.name.casefold()
            if folded in first and first[folded] != entry.name:
                yield self.at(R.CFG011, entry.pointer, f"server '{entry.name}' differs from '{first[folded]}' only "
                              "in case; tool names and permissions keyed by it collide", key=True)
            first.setdefault(folded, entry.name)

    def inputs(self) -> Iterator[Finding]:
        value = self.value
        if not isinstance(value, dict):
            return
        raw = value.get("inputs")
        ids: dict[str, int] = {}
        if isinstance(raw, list):
            for index, item in enumerate(raw):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.setdefault(item["id"], index)
        used: set[str] = set()
        if self.found.pointer is not None:
            for pointer, _key, text in _leaves(self.data.get(self.found.pointer), self.found.pointer):
                for ref in V.input_refs(text):
                    used.add(ref)
                    if ref not in ids:
                        close = _close(ref, list(ids))
                        hint = f"; did you mean '{close}'?" if close else ""
                        yield self.at(R.CFG013, pointer, f"${{input:{ref}}} has no entry in 'inputs'; VS Code stops "
                                      f"with 'Undefined input variable'{hint}")
        for ident, index in ids.items():
            if ident not in used:
                yield self.at(R.CFG014, ("inputs", index, "id"), f"input '{ident}' is never used as ${{input:{ident}}}")

    def secrets(self) -> Iterator[Finding]:
        client = self.client
        arg_lists = {entry.pointer + (client.args_key,) for entry in self.found.entries}
        arg_lists |= {entry.pointer + (client.command_key,) for entry in self.found.entries}
        url_keys = set(client.url_keys) | {"url", "serverUrl", "httpUrl", "uri"}
        hint = _VARIABLE_HINT.get(client.variables or "", "an environment variable")
        for pointer, key, text in _leaves(self.value, ()):
            found = None
            offset = 0
            parent = pointer[:-1]
            if pointer and isinstance(pointer[-1], int) and parent in arg_lists:
                items = self.data.get(parent)
                previous = items[pointer[-1] - 1] if pointer[-1] > 0 and isinstance(items[pointer[-1] - 1], str) else None
                result = V.secret_in_arg(text, previous)
                if result:
                    found, offset = result
            elif key in url_keys or text.startswith(("http://", "https://")):
                found = V.secret_in_url(text)
            else:
                found = secrets.classify_value(text, name=key if isinstance(key, str) else None)
            if found is None:
                continue
            severity = "error" if found.confidence == "high" else "warning"
            where = dotted(pointer)
            yield self.at(R.CFG016, pointer, f"{found.kind} in plain text at {where}; anyone who can read the "
                          f"repository can use it (revoke it and reference it with {hint})", severity=severity)


def _leaves(node, pointer: tuple):
    """(pointer, nearest key, text) for every string leaf under NODE."""
    stack = [(node, pointer, None)]
    while stack:
        item, where, key = stack.pop()
        if isinstance(item, str):
            yield where, key, item
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((v, where + (k,), k))
        elif isinstance(item, list):
            for i, v in enumerate(item):
                stack.append((v, where + (i,), key))


def _host_side(volume: str) -> str:
    """The host part of a `-v host:container[:mode]` value (Windows drive letters kept)."""
    if len(volume) > 2 and volume[1] == ":" and volume[0].isalpha():
        drive, rest = volume[:2], volume[2:]
        return drive + rest.split(":", 1)[0]
    return volume.split(":", 1)[0]


_DEPENDENCY_CACHE: dict[tuple, frozenset] = {}


def _repo_dependencies(ctx: CheckContext, relpath: str) -> frozenset:
    """Package names the repository's package.json files (root, and above the config) depend on."""
    import json

    folder = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    key = (str(ctx.root), folder)
    if key in _DEPENDENCY_CACHE:
        return _DEPENDENCY_CACHE[key]
    names: set[str] = set()
    parts = folder.split("/") if folder else []
    for depth in range(len(parts), -1, -1):
        prefix = "/".join(parts[:depth])
        text = ctx.index.read_text(f"{prefix}/package.json" if prefix else "package.json", limit=2_000_000)
        if not text:
            continue
        try:
            manifest = json.loads(text)
        except ValueError:
            continue
        if not isinstance(manifest, dict):
            continue
        for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            deps = manifest.get(section)
            if isinstance(deps, dict):
                names.update(str(name) for name in deps)
    result = _DEPENDENCY_CACHE[key] = frozenset(names)
    return result


def _close(word: str, choices: list[str]) -> str | None:
    def squash(text: str) -> str:
        return text.lower().replace("-", "").replace("_", "").replace(".", "")

    lowered = {squash(c): c for c in choices}
    if squash(word) in lowered:  # `apiKey` for `api-key`, `Args` for `args`
        return lowered[squash(word)]
    if len(word) < 3:
        return None
    import difflib  # 15 ms to import: only when a name needs a suggestion

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.8)
    return match[0] if match else None


def _extra_keys(error) -> list:
    props = error.schema.get("properties", {})
    return [key for key in error.instance if key not in props] if isinstance(error.instance, dict) else []


def _explain(error, pointer: tuple) -> str:
    where = dotted(pointer)
    kind = error.validator
    if kind == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        return f"{where} must be {describe_type(names)}, not {describe_value(error.instance)}"
    if kind in ("anyOf", "oneOf"):
        kinds = []
        for sub in error.context:
            if sub.validator == "type" and not sub.relative_path:
                values = sub.validator_value if isinstance(sub.validator_value, list) else [sub.validator_value]
                kinds += [v for v in values if v not in kinds]
        if kinds:
            return f"{where} must be {describe_type(kinds)}, not {describe_value(error.instance)}"
        return f"{where} does not have a shape the client accepts"
    if kind == "minLength":
        return f"{where} is empty"
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return f"{where} is {error.instance!r}; expected one of {', '.join(repr(a) for a in allowed)}"
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a required field"
        return f"{where} needs '{missing}'"
    return f"{where}: {error.message}"
