"""What the wire validator reports: one `WireIssue` per problem found in a message.

Plain dataclasses (no pydantic), so that importing the public API stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

Pointer = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class WireIssue:
    """A message, or part of one, that its revision's schema does not allow.

    `pointer` walks from the message to the offending value by wire keys and array
    indexes; for a missing property it ends with that property's name. `type_name` is
    the MCP type the value was checked as (e.g. `InitializeResult` for a response to
    `initialize`, `JSONRPCResponse` for the envelope around it).
    """

    pointer: Pointer
    message: str
    type_name: str

    kind: ClassVar[str] = "invalid"
    """`invalid` (the message breaks the schema) or `unknown-method` (see `UnknownMethod`)."""

    @property
    def json_pointer(self) -> str:
        """The pointer as an RFC 6901 JSON Pointer string (`/result/tools/0/name`)."""
        return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in self.pointer)

    def __str__(self) -> str:
        return f"{self.json_pointer or '/'}: {self.message} ({self.type_name})"


@dataclass(frozen=True, slots=True)
class UnknownMethod(WireIssue):
    """A request or notification whose method the revision does not define for a server.

    Only the JSON-RPC envelope of such a message is validated. Extensions may add methods,
    so callers usually report this as a warning rather than a failure.
    """

    kind: ClassVar[str] = "unknown-method"
