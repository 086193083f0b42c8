"""How each server is reached: its `type` (CFG005, CFG006, CFG007), a command to launch (CFG002),
a URL under the key the client reads (CFG003), not both (CFG004).

A shape the client refuses reports at `reader.refusal(client)` (error where verified, else
warning), with three facts that rest on third-party reports only: a URL-only server in
Claude Desktop's config (CFG002, warning), a plain `url` in Windsurf's (CFG003, info) and
Copilot's `type: local` in `.mcp.json` (CFG005, warning).
"""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.client_config.clients import Client
from validator.standards.client_config.entries import Entry
from validator.standards.client_config.reader import refusal, servers
from validator.standards.client_config.values import close


@emits(R.CFG002, R.CFG003, R.CFG004, R.CFG005, R.CFG006, R.CFG007)
def transport(doc, ctx) -> Iterator[Problem]:
    client, found = servers(doc)
    for entry in found.entries:
        if not isinstance(entry.value, dict):
            continue  # checks/shape.py reports it
        if not entry.type_known:
            yield _unknown_type(client, entry)
        if not entry.disabled and entry.kind != "other":
            yield from _launch_or_reach(client, entry)
        if entry.kind == "remote" and entry.declared_type in client.sse_types:
            yield Problem(R.CFG007, f"server '{entry.name}' uses the deprecated SSE transport; use Streamable HTTP "
                          "(type 'http') if the server offers it", entry.pointer + ("type",))


def _unknown_type(client: Client, entry: Entry) -> Problem:
    declared = entry.declared_type
    accepted = ", ".join(repr(t) for t in client.types or ())
    severity = refusal(client)
    if client.key == "claude-code" and declared == "local":
        severity = "warning"
        message = ("Claude Code rejects type 'local' (GitHub Copilot's name for a stdio server); "
                   "'stdio' works in both")
    else:
        message = f"{client.label} does not accept type {declared!r}"
        text = declared.lower().replace("_", "-") if isinstance(declared, str) else ""
        suggestion = close(text, list(client.types or ())) if text else None
        if text in ("streamable-http", "streamablehttp", "streamable") and "http" in (client.types or {}):
            suggestion = "http"
        message += f"; did you mean '{suggestion}'?" if suggestion else f"; expected one of {accepted}"
    return Problem(R.CFG005, message, entry.pointer + ("type",), severity=severity)


def _launch_or_reach(client: Client, entry: Entry) -> Iterator[Problem]:
    name = entry.name
    has_command = entry.command is not None
    has_url = entry.url_key is not None
    severity = refusal(client)
    if client.key == "claude-desktop" and (has_url or entry.foreign_url_key) and not has_command:
        yield Problem(R.CFG002, f"server '{name}' has a URL but no command; Claude Desktop only launches local "
                      "servers from this file (use mcp-remote, or add it as a connector)", entry.pointer,
                      severity="warning")
        return
    if entry.kind == "stdio" or (entry.kind is None and not has_url and entry.foreign_url_key is None):
        if has_command:
            pass
        elif entry.kind is None:
            what = "Codex refuses the file ('invalid transport')" if client.key == "codex" else \
                f"{client.label} cannot start it"
            yield Problem(R.CFG002, f"server '{name}' has neither a command nor a URL; {what}", entry.pointer,
                          severity=severity)
        elif has_url or entry.foreign_url_key:
            yield Problem(R.CFG002, f"server '{name}' has type '{entry.declared_type}' but no "
                          f"{client.command_key}; for a remote server use a remote type", entry.pointer,
                          severity=severity)
        else:
            yield Problem(R.CFG002, f"server '{name}' has no {client.command_key} to launch", entry.pointer,
                          severity=severity)
    if entry.kind == "remote":
        if not has_url:
            if entry.foreign_url_key is not None:
                yield Problem(R.CFG003, f"{client.label} reads the URL of server '{name}' from "
                              f"'{client.url_keys[0]}', not '{entry.foreign_url_key}'", entry.url_ptr, at_key=True,
                              severity=severity)
            else:
                yield Problem(R.CFG003, f"server '{name}' has type '{entry.declared_type}' but no "
                              f"'{client.url_keys[0]}'", entry.pointer, severity=severity)
        elif client.key == "windsurf" and entry.url_key == "url":
            yield Problem(R.CFG003, "Windsurf documents 'serverUrl' for remote servers; 'url' is reported not to "
                          "connect", entry.url_ptr, at_key=True, severity="info")
        if client.remote_needs_type and "type" not in entry.value and has_url and not has_command:
            yield Problem(R.CFG006, f"server '{name}' has a url but no type; Claude Code skips it (add \"type\": "
                          "\"http\", or \"sse\" for an SSE endpoint)", entry.pointer)
    if has_command and (has_url or entry.foreign_url_key) and client.key != "codex":
        yield Problem(R.CFG004, f"server '{name}' has both a command and a URL; clients disagree on which one "
                      "they use", entry.url_ptr, at_key=True)
