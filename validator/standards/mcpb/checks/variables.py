"""Variables in `mcp_config` and user_config defaults (MCPB020-MCPB023).

Semantics follow MANIFEST.md ("Variable Substitution") and mcpb's reference
implementation `replaceVariables` / `getMcpConfigForManifest` (src/shared/config.ts at
27083dc): unknown or unterminated `${...}`, a `${user_config.X}` without option X, a
multi-value option outside an args item of its own, an option nothing uses.

A script a shell runs (`"command": "/bin/sh", "args": ["-c", "... ${DB_URL:-} ..."]`) holds
the shell's own parameter expansions: the host passes them on literally (MCPB substitutes
only `${__dirname}`, `${user_config.X}` and the system names) and the shell expands them from
the environment the `env` block sets. A `${NAME}` or `${NAME:-x}` there is no MCPB variable;
a `${user_config.X}` in it still is (a dot is no shell parameter name). MCPB020 reports one
finding per string, naming how many more unknown variables it holds.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import config_strings, get_dict, within

SYSTEM_VARIABLES = ("__dirname", "HOME", "DESKTOP", "DOCUMENTS", "DOWNLOADS", "pathSeparator", "/")
"""Substituted in `mcp_config` by every MCPB host (MANIFEST.md, MCP Configuration)."""
_VARIABLE = lazy(r"\$\{([^}]*)\}")
_UNTERMINATED = lazy(r"\$\{(?![^}]*\})")
_SHELL_PARAMETER = lazy(r"^#?(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])(?:(?::?[-=?+]|##?|%%?|//?|:[0-9]|\[).*)?$", flags=re.DOTALL)
"""POSIX/bash parameter expansion: `${NAME}`, `${NAME:-default}`, `${#NAME}`, `${NAME%%.*}`, `${1}` ..."""
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "pwsh", "powershell", "pwsh.exe", "powershell.exe",
                    "bash.exe"})
"""Commands whose `-c`/`-Command` argument is a script in the shell's own language."""


@emits(R.MCPB020, R.MCPB021, R.MCPB022, R.MCPB023)
def variables(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    yield from _variables(doc.data, get_dict(value, "server"), get_dict(value, "user_config"))


def _multiple(option) -> bool:
    return isinstance(option, dict) and (option.get("multiple") is True or isinstance(option.get("default"), list))


def _shell_scripts(server: dict) -> set[tuple]:
    """Pointers of the `args` items a shell runs as a script: those after a `-c` (`-lc`, `-ec` ...) or
    `-Command` flag when `command` is a shell."""
    scripts: set[tuple] = set()
    config = get_dict(server, "mcp_config")
    launches = [(("server", "mcp_config"), config)] + [
        (("server", "mcp_config", "platform_overrides", name), override)
        for name, override in get_dict(config, "platform_overrides").items() if isinstance(override, dict)]
    for base, launch in launches:
        command = launch.get("command") if isinstance(launch.get("command"), str) else config.get("command")
        if not isinstance(command, str) or command.replace("\\", "/").rsplit("/", 1)[-1].lower() not in SHELLS:
            continue
        args = launch.get("args") if isinstance(launch.get("args"), list) else []
        for i, arg in enumerate(args):
            if isinstance(arg, str) and (arg.lower() == "-command" or
                                         (arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:])):
                scripts.update(base + ("args", j) for j in range(i + 1, len(args)))
                break
    return scripts


def _variables(data, server: dict, options: dict) -> Iterator[Problem]:
    used: set[str] = set()
    scripts = _shell_scripts(server)
    for pointer, text in config_strings(server):
        whole_arg = "args" in pointer[-2:-1]
        unknown: list[str] = []
        for match in _VARIABLE.finditer(text):
            name = match.group(1)
            token = match.group(0)
            if name.startswith("user_config.") and len(name) > len("user_config."):
                key = name[len("user_config."):]
                used.add(key)
                if key not in options:
                    declared = ", ".join(sorted(options)) or "none"
                    close = difflib.get_close_matches(key, list(options), n=1, cutoff=0.75)
                    hint = f"; did you mean {close[0]!r}?" if close else f" (declared: {declared})"
                    yield Problem(R.MCPB021, f"{token} names no user_config option, so it is never substituted{hint}",
                                  within(data, pointer, token))
                elif _multiple(options[key]) and not (whole_arg and text == token):
                    where = "an env value" if "env" in pointer else ("a longer argument" if whole_arg else "the command")
                    yield Problem(R.MCPB022, f"user_config.{key} holds several values; in {where} {token} is not "
                                             "expanded (give it an args item of its own)", within(data, pointer, token))
            elif name not in SYSTEM_VARIABLES and not (pointer in scripts and _SHELL_PARAMETER.match(name)):
                unknown.append(token)
        if unknown:
            more = f" (and {len(unknown) - 1} more unknown in this value)" if len(unknown) > 1 else ""
            yield Problem(R.MCPB020, f"{unknown[0]} is not a variable MCPB hosts substitute "
                                     f"({_known_text()}); the server receives it literally{more}",
                          within(data, pointer, unknown[0]))
        for match in _UNTERMINATED.finditer(text):
            yield Problem(R.MCPB020, f"'${{' without a closing '}}' in {text!r}; the text is passed on unreplaced",
                          within(data, pointer, text[match.start():match.start() + 2]))
    if get_dict(server, "mcp_config"):
        for key in options:
            if key not in used:
                yield Problem(R.MCPB023, f"user_config option {key!r} is never used as "
                                         f"${{user_config.{key}}} in mcp_config, so its value goes nowhere", ("user_config", key), True)
    for key, option in options.items():
        default = option.get("default") if isinstance(option, dict) else None
        texts = [(("user_config", key, "default"), default)] if isinstance(default, str) else \
            [(("user_config", key, "default", i), item) for i, item in enumerate(default or []) if isinstance(item, str)] \
            if isinstance(default, list) else []
        for pointer, text in texts:
            for match in _VARIABLE.finditer(text):
                if match.group(1) not in SYSTEM_VARIABLES:
                    yield Problem(R.MCPB020, f"{match.group(0)} is not substituted in a user_config default "
                                             f"(defaults may use {_known_text(defaults=True)})", within(data, pointer, match.group(0)))


def _known_text(*, defaults: bool = False) -> str:
    names = ["${HOME}", "${DESKTOP}", "${DOCUMENTS}", "${DOWNLOADS}"] if defaults else \
        ["${__dirname}", "${HOME}", "${DESKTOP}", "${DOCUMENTS}", "${DOWNLOADS}", "${pathSeparator}", "${/}", "${user_config.KEY}"]
    return ", ".join(names)
