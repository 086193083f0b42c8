"""The seam to the exact per-revision wire models (`validator.conformance.protocol.wire`).

Owns one question: is message-level schema validation available in this build? When
the wire package is present its `validate_server_message(revision, message,
request_method=None)` returns issues with `.pointer`, `.message` and `.type_name`;
when it is absent, the `wire-schema-valid` checks are skipped with that reason —
never passed.
"""

from __future__ import annotations

from collections.abc import Callable

UNAVAILABLE = "exact wire models (validator.conformance.protocol.wire) are not available in this build"


def load() -> tuple[Callable | None, str | None]:
    """(validate_server_message, None) or (None, why not)."""
    try:
        from validator.conformance.protocol.wire import validate_server_message
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("validator.conformance.protocol.wire"):
            return None, UNAVAILABLE
        raise
    except ImportError as err:
        return None, f"{UNAVAILABLE} ({err})"
    return validate_server_message, None


def describe(issue) -> str:
    pointer = "/" + "/".join(str(p) for p in getattr(issue, "pointer", ()) or ())
    kind = getattr(issue, "type_name", None)
    return f"{kind + ' ' if kind else ''}{pointer}: {getattr(issue, 'message', issue)}"
