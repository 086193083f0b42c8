"""Reading a parsed manifest defensively, for the checks beyond the schema.

A value of the wrong JSON type reads as empty here (the schema check reports the type),
so a broken manifest still gets every problem that can be found in it. Also: the strings
of `mcp_config` a host substitutes variables in, and where a substring of one is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.model import Span


def get_dict(obj, key: str) -> dict:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, dict) else {}


def get_list(obj, key: str) -> list:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, list) else []


def get_str(obj, key: str) -> str | None:
    found = obj.get(key) if isinstance(obj, dict) else None
    return found if isinstance(found, str) else None


def config_strings(server: dict) -> Iterator[tuple[tuple, str]]:
    """(pointer, text) of every string of `mcp_config` the host substitutes variables in."""
    config = get_dict(server, "mcp_config")
    base = ("server", "mcp_config")
    yield from _launch_strings(base, config)
    for platform, override in get_dict(config, "platform_overrides").items():
        if isinstance(override, dict):
            yield from _launch_strings(base + ("platform_overrides", platform), override)


def _launch_strings(base: tuple, config: dict) -> Iterator[tuple[tuple, str]]:
    command = get_str(config, "command")
    if command is not None:
        yield base + ("command",), command
    for i, arg in enumerate(get_list(config, "args")):
        if isinstance(arg, str):
            yield base + ("args", i), arg
    for name, text in get_dict(config, "env").items():
        if isinstance(text, str):
            yield base + ("env", name), text


def within(data, pointer: tuple, needle: str):
    """Where NEEDLE (a `${...}` inside an argument, say) is written in the string at POINTER:
    its `Span`, or POINTER (the whole value) when the value is escaped in the source text."""
    if not needle:
        return pointer
    span = data.span(pointer)
    if span is None or pointer not in data.spans:
        return pointer
    start, end = span
    offset = data.text.find(needle, start, end)
    if offset < 0:
        return pointer  # escaped in the source text: point at the whole value
    return Span(offset, offset + len(needle))
