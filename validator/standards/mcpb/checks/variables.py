"""Variables in `mcp_config` and user_config defaults (MCPB020-MCPB023).

Semantics follow MANIFEST.md ("Variable Substitution") and mcpb's reference
implementation `replaceVariables` / `getMcpConfigForManifest` (src/shared/config.ts at
27083dc): unknown or unterminated `${...}`, a `${user_config.X}` without option X, a
multi-value option outside an args item of its own, an option nothing uses.
"""

from __future__ import annotations

import difflib
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


@emits(R.MCPB020, R.MCPB021, R.MCPB022, R.MCPB023)
def variables(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    yield from _variables(doc.data, get_dict(value, "server"), get_dict(value, "user_config"))


def _multiple(option) -> bool:
    return isinstance(option, dict) and (option.get("multiple") is True or isinstance(option.get("default"), list))


def _variables(data, server: dict, options: dict) -> Iterator[Problem]:
    used: set[str] = set()
    for pointer, text in config_strings(server):
        whole_arg = "args" in pointer[-2:-1]
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
            elif name not in SYSTEM_VARIABLES:
                yield Problem(R.MCPB020, f"{token} is not a variable MCPB hosts substitute "
                                         f"({_known_text()}); the server receives it literally", within(data, pointer, token))
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
