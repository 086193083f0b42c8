"""The MCP protocol revisions: the one list of them, and the boundaries the code compares against.

Owns which revisions exist (those negotiated with `initialize`, and the modern ones that
announce themselves through `server/discover`), the catalogue's short notation (`24`,
`25a` ... `26`), what `--spec-version` accepts, and named first revisions for what a
revision introduced, so a comparison reads `revision >= HEADER_VERSION_FROM` instead of
repeating a date. A leaf: it imports nothing, so every layer may use it (the transports
too: the Streamable HTTP channel sends the version header from HEADER_VERSION_FROM on).

`validator/standards/server_card/checker.py` keeps its own KNOWN_REVISIONS on purpose: a
lint standard never imports the conformance suite (`agentconform check` stays light).
https://modelcontextprotocol.io/specification/versioning
"""

from __future__ import annotations

HANDSHAKE_REVISIONS: tuple[str, ...] = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
"""Revisions negotiated with `initialize`, oldest first."""
MODERN_REVISIONS: tuple[str, ...] = ("2026-07-28",)
"""Revisions announced by `server/discover` (no initialize handshake)."""
KNOWN_REVISIONS: tuple[str, ...] = HANDSHAKE_REVISIONS + MODERN_REVISIONS
LATEST_HANDSHAKE = HANDSHAKE_REVISIONS[-1]
UNKNOWN_REVISION = "1900-01-01"
"""A version no server supports: the probe for LIFE-003."""

SHORT: dict[str, str] = dict(zip(("24", "25a", "25b", "25c", "26"), KNOWN_REVISIONS, strict=True))
"""The catalogue's notation (`../shared/docs/mcp-requirements.md`) for each revision."""

SPEC_VERSIONS: tuple[str, ...] = ("auto", *KNOWN_REVISIONS)
"""What `--spec-version` (and `Options.spec_version`) accepts: auto = every supported revision."""

# ---- what a revision introduced (the first revision that has it) -------------------------------
BATCH_REVISION = "2025-03-26"
"""The only revision with JSON-RPC batches (added in 2025-03-26, removed in 2025-06-18)."""
STREAMABLE_HTTP_FROM = "2025-03-26"
"""The Streamable HTTP transport (the `--transport auto` probe initializes with it)."""
AUDIO_FROM = "2025-03-26"
"""`audio` content blocks."""
HEADER_VERSION_FROM = "2025-06-18"
"""The `MCP-Protocol-Version` HTTP header on every request after initialization."""
RESOURCE_LINK_FROM = "2025-06-18"
"""`resource_link` content blocks."""
LAST_MODIFIED_FROM = "2025-06-18"
"""`annotations.lastModified`."""
COMPLETION_CONTEXT_FROM = "2025-06-18"
"""`context.arguments` in `completion/complete`."""
JSON_SCHEMA_2020_12_FROM = "2025-11-25"
"""JSON Schema 2020-12 as the default dialect of tool schemas."""


def since(revision: str | None, first: str) -> bool:
    """Whether REVISION has what FIRST introduced (revisions compare as ISO dates)."""
    return revision is not None and revision >= first


def revisions(spec: str) -> tuple[str, ...]:
    """Expand the catalogue's revision notation: `L`, `all`, `25a+`, `25b-25c`, `24`."""
    spec = spec.strip()
    if spec == "L":
        return HANDSHAKE_REVISIONS
    if spec == "all":
        return KNOWN_REVISIONS
    if spec.endswith("+"):
        first = SHORT[spec[:-1]]
        return tuple(r for r in KNOWN_REVISIONS if r >= first)
    if "-" in spec and spec.count("-") == 1:
        lo, hi = (SHORT[p] for p in spec.split("-"))
        return tuple(r for r in KNOWN_REVISIONS if lo <= r <= hi)
    return (SHORT[spec],)
