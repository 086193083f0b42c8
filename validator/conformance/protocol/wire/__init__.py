"""Exact models of every message an MCP server sends, per protocol revision.

The `mcp` SDK's types are lenient (snake_case, unknown fields dropped, two revisions),
so the conformance suite validates each received message against models of its own:
one module per revision (`r2024_11_05` ... `r2026_07_28`), each the previous revision
plus what its revision changed. The official JSON Schemas are only the test oracle
(tests/conformance/test_wire_differential.py); where they disagree with the spec text
the modules follow the spec and say so in their docstrings.

    from validator.conformance.protocol.wire import validate_server_message
    from validator.conformance.protocol.wire import WireIssue
    from validator.conformance.protocol.wire import REVISIONS
    issues = validate_server_message("2025-06-18", message, request_method="initialize")

Importing this package is cheap: pydantic and a revision's models load on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from validator.conformance.protocol.revisions import KNOWN_REVISIONS

from .issues import UnknownMethod, WireIssue

if TYPE_CHECKING:
    from .validate import Revision

__all__ = ["REVISIONS", "UnknownMethod", "WireIssue", "validate_server_message"]

REVISIONS: tuple[str, ...] = KNOWN_REVISIONS
"""The revisions with models, oldest first: every known revision."""

_revisions: dict[str, Revision] = {}


def _revision(revision: str) -> Revision:
    found = _revisions.get(revision)
    if found is None:
        from .validate import Revision

        found = _revisions[revision] = Revision(revision)
    return found


def validate_server_message(
    revision: str, message: Any, *, request_method: str | Mapping[Any, str] | None = None
) -> list[WireIssue]:
    """The problems of one message a server sent, under `revision` (empty when valid).

    `message` is the decoded JSON value. For a response, `request_method` is the method
    of the request it answers (it selects the result type); a mapping from request id to
    method serves batches. Raises ValueError for a revision not in `REVISIONS`.
    """
    found = _revision(revision)
    if isinstance(message, list):
        return found.batch(message, request_method, ())
    return found.message(message, request_method, ())
