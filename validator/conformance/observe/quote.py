"""`q(name)`: a tool name (or any value) quoted for a message, at most 64 characters, since a
hostile server's names may be arbitrarily long."""

from __future__ import annotations

LIMIT = 64


def short(value: str) -> str:
    return value if len(value) <= LIMIT else value[: LIMIT - 1] + "…"


def q(value) -> str:
    return repr(short(value) if isinstance(value, str) else value)
