"""How the server is launched: a command that fits server.type (MCPB040), platform override keys (MCPB041)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import get_dict, get_list, get_str

NODE_PLATFORMS = ("aix", "android", "cygwin", "darwin", "freebsd", "haiku", "linux", "netbsd", "openbsd", "sunos", "win32")
_PLATFORM_HINTS = {"windows": "win32", "win": "win32", "win64": "win32", "macos": "darwin", "mac": "darwin",
                   "osx": "darwin", "macosx": "darwin", "ubuntu": "linux"}


@emits(R.MCPB040)
def launch_command(doc, ctx) -> Iterator[Problem]:
    yield from _command(get_dict(doc.data.value, "server"))


@emits(R.MCPB041)
def platform_overrides(doc, ctx) -> Iterator[Problem]:
    yield from _platform_keys(get_dict(doc.data.value, "server"))


def _command_name(command: str) -> str:
    """The executable's base name, lower-case, without ${__dirname}, folders or a Windows suffix."""
    text = command.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return re.sub(r"\.(exe|cmd|bat)$", "", text)


_PYTHON = lazy(r"python[w]?(?:[0-9]+(?:\.[0-9]+)*)?|py|uv")


def _command(server: dict) -> Iterator[Problem]:
    kind = get_str(server, "type")
    config = get_dict(server, "mcp_config")
    entry = get_str(server, "entry_point")
    if kind not in ("node", "python", "uv", "binary") or not config:
        return
    commands = [(("server", "mcp_config", "command"), get_str(config, "command"))]
    for platform, override in get_dict(config, "platform_overrides").items():
        if isinstance(override, dict):
            commands.append((("server", "mcp_config", "platform_overrides", platform, "command"), get_str(override, "command")))
    for pointer, command in commands:
        if not command or "${user_config." in command:
            continue
        args = get_list(get_dict(server, "mcp_config"), "args")
        message = _command_mismatch(kind, command, entry, any(isinstance(a, str) and "${__dirname}" in a for a in args))
        if message:
            yield Problem(R.MCPB040, message, pointer)


def _command_mismatch(kind: str, command: str, entry: str | None, args_use_bundle: bool = False) -> str | None:
    name = _command_name(command)
    head = f"server.type is {kind!r} but mcp_config.command is {command!r}"
    registry = {"npx": "npm", "bunx": "npm", "pnpx": "npm", "uvx": "PyPI", "pipx": "PyPI"}.get(name)
    if kind == "binary":
        if entry and _normal_path(command) != _normal_path(entry) and name != _command_name(entry):
            return f"{head}, not the bundled entry point {entry!r}"
        return None
    if registry and args_use_bundle:
        return f"{head}: it needs a system {'npm' if registry == 'npm' else 'uv'} and downloads tools at launch; run the bundled files with the {kind} runtime"
    if registry:
        return f"{head}, which runs a package from {registry} instead of the bundled entry point {entry!r}"
    if kind == "node" and name not in ("node", "nodejs"):
        return f"{head}; a node server is launched with node"
    if kind == "python" and not _PYTHON.fullmatch(name):
        return f"{head}; a python server is launched with a Python interpreter or uv"
    if kind == "uv" and name != "uv":
        return f"{head}; a uv server is launched with uv"
    return None


def _normal_path(path: str) -> str:
    text = path.replace("\\", "/")
    for prefix in ("${__dirname}/", "./"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return re.sub(r"\.exe$", "", text, flags=re.IGNORECASE)


def _platform_keys(server: dict) -> Iterator[Problem]:
    overrides = get_dict(get_dict(server, "mcp_config"), "platform_overrides")
    for key in overrides:
        if key not in NODE_PLATFORMS:
            hint = _PLATFORM_HINTS.get(key.lower()) or (key.lower() if key.lower() in NODE_PLATFORMS else None)
            yield Problem(R.MCPB041, f"platform_overrides key {key!r} never matches process.platform, so this override is ignored"
                          + (f"; use {hint!r}" if hint else " (darwin, win32, linux)"),
                          ("server", "mcp_config", "platform_overrides", key), True)
