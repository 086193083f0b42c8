"""Validate what a server sends against a revision's wire models.

Owns the dispatch (which type a message is checked as), the JSON-RPC rules the schemas
cannot express, and the translation of pydantic errors into `WireIssue`s with wire
pointers. A revision's models are imported, and each pydantic validator built, on first
use only.

Dispatch of one message (a JSON object):
- `method` and `id`: a server-to-client request, by `method` (`ServerRequest`);
- `method` without `id`: a server notification, by `method` (`ServerNotification`);
- `error`: an error response (a code-specific type where the revision defines one);
- `result`: a result response; `request_method` names the request it answers and so the
  result type (`initialize` -> `InitializeResult`); unknown or absent -> `Result`.
A method the revision does not define for a server gets its envelope validated and one
`UnknownMethod` issue. A JSON array is a batch where the revision has batching
(2025-03-26), each element validated in turn; elsewhere it is one issue.

Rules from the spec text, beyond the schemas (https://www.jsonrpc.org/specification):
- a response sets exactly one of `result` and `error` (the schemas' open objects allow
  both);
- a notification carries no `id` (MCP base protocol, BASE-005): a server notification
  method with an `id` is reported as such, not as an unknown request;
- a batch is never empty, and holds either requests/notifications or responses, never a
  mix (the schemas allow `[]`; a mixed array already fails them).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from pydantic import ValidationError

from validator.conformance.protocol.revisions import KNOWN_REVISIONS

from ._base import DISCRIMINATORS, UNION_TAGS, json_type
from .issues import Pointer, UnknownMethod, WireIssue

MODULES = {revision: "r" + revision.replace("-", "_") for revision in KNOWN_REVISIONS}
"""Each revision's models module (`r2025_06_18` for 2025-06-18)."""

RequestMethod = str | Mapping[Any, str] | None


def load(revision: str) -> ModuleType:
    """The models module of a revision (imported on first use)."""
    try:
        name = MODULES[revision]
    except KeyError:
        raise ValueError(f"unknown MCP revision {revision!r}; expected one of {', '.join(MODULES)}") from None
    return importlib.import_module(f"{__package__}.{name}")


def _method_of(model: Any) -> str:
    (value,) = model.model_fields["method"].annotation.__args__
    return value


class Revision:
    """One revision's dispatch tables, resolved from its module's names."""

    def __init__(self, revision: str) -> None:
        module = load(revision)
        self.name = revision
        self.module = module
        self.batching: bool = module.BATCHING
        self.envelopes = {kind: getattr(module, name) for kind, name in module.ENVELOPES.items()}
        self.requests = {_method_of(model): model for model in map(self.model, module.SERVER_REQUESTS)}
        self.notifications = {_method_of(model): model for model in map(self.model, module.SERVER_NOTIFICATIONS)}
        self.results = {method: tuple(map(self.model, names)) for method, names in module.RESULTS.items()}
        self.errors = {code: self.model(name) for code, name in module.ERRORS.items()}
        self.generic_result = self.model("Result")
        self.client_notifications: frozenset[str] = module.CLIENT_NOTIFICATION_METHODS
        self.choose_result = getattr(module, "choose_result", None)

    def model(self, name: str) -> Any:
        return getattr(self.module, name)

    # --- one message ---------------------------------------------------------------

    def message(self, message: Any, request_method: RequestMethod, prefix: Pointer) -> list[WireIssue]:
        if not isinstance(message, dict):
            return [WireIssue(prefix, f"expected a JSON-RPC message object, got {json_type(message)}", "JSONRPCMessage")]
        if "method" in message:
            if "id" in message:
                return self.request(message, prefix)
            return self.notification(message, prefix)
        if "error" in message:
            issues = self.error(message, prefix)
            if "result" in message:
                issues.insert(
                    0,
                    WireIssue(
                        prefix,
                        "a response carries both 'result' and 'error'; JSON-RPC allows exactly one",
                        self.envelopes["error"].__name__,
                    ),
                )
            return issues
        if "result" in message:
            return self.result(message, _method_for(message, request_method), prefix)
        return [
            WireIssue(
                prefix, "not a JSON-RPC request, notification or response: no 'method', 'result' or 'error'", "JSONRPCMessage"
            )
        ]

    def request(self, message: dict, prefix: Pointer) -> list[WireIssue]:
        method = message["method"]
        model = self.requests.get(method) if isinstance(method, str) else None
        if model is not None:
            return check(model, message, prefix)
        notification = self.notifications.get(method) if isinstance(method, str) else None
        if notification is not None:
            # BASE-005: "Notifications MUST NOT include an ID"; the rest is checked as usual.
            text = f"'{method}' is a notification, which must not carry an 'id'"
            rest = {key: value for key, value in message.items() if key != "id"}
            return [WireIssue((*prefix, "id"), text, notification.__name__), *check(notification, rest, prefix)]
        if not isinstance(method, str):
            text = None
        elif not self.requests:
            text = f"revision {self.name} defines no requests from a server ('{method}'); servers ask through results"
        elif method in self.results:
            text = f"'{method}' is a request a client sends; revision {self.name} does not define it for a server"
        else:
            text = f"method '{method}' is not a request revision {self.name} defines for a server"
        return self.unknown("request", message, prefix, text)

    def notification(self, message: dict, prefix: Pointer) -> list[WireIssue]:
        method = message["method"]
        model = self.notifications.get(method) if isinstance(method, str) else None
        if model is not None:
            return check(model, message, prefix)
        if not isinstance(method, str):
            text = None
        elif method in self.client_notifications:
            text = f"'{method}' is a notification a client sends; revision {self.name} does not define it for a server"
        else:
            text = f"method '{method}' is not a notification revision {self.name} defines for a server"
        return self.unknown("notification", message, prefix, text)

    def unknown(self, kind: str, message: dict, prefix: Pointer, text: str | None) -> list[WireIssue]:
        """A method this revision does not define for a server (or no method name at all)."""
        envelope = self.envelopes[kind]
        issues = check(envelope, message, prefix)
        if text is not None:
            issues.append(UnknownMethod((*prefix, "method"), text, envelope.__name__))
        return issues

    def result(self, message: dict, method: str | None, prefix: Pointer) -> list[WireIssue]:
        envelope = self.envelopes["result"]
        result = message["result"]
        # What is inside the result is reported once, against the result type.
        inside = len(prefix) + 1
        issues = [issue for issue in check(envelope, message, prefix) if len(issue.pointer) <= inside]
        if not isinstance(result, dict):
            return issues
        models = self.results.get(method, ()) if isinstance(method, str) else ()
        if not models:
            return issues + check(self.generic_result, result, (*prefix, "result"))
        if self.choose_result is not None:
            models = self.choose_result(method, result, models)
            if not models:  # an extension's result shape: the generic result only
                return issues + check(self.generic_result, result, (*prefix, "result"))
        return issues + _any_of(models, result, (*prefix, "result"))

    def error(self, message: dict, prefix: Pointer) -> list[WireIssue]:
        error = message.get("error")
        code = error.get("code") if isinstance(error, dict) else None
        model = (
            self.errors.get(code, self.envelopes["error"])
            if isinstance(code, (int, float)) and not isinstance(code, bool)
            else self.envelopes["error"]
        )
        return check(model, message, prefix)

    # --- batches ------------------------------------------------------------------------

    def batch(self, messages: list, request_method: RequestMethod, prefix: Pointer) -> list[WireIssue]:
        if not self.batching:
            return [WireIssue(prefix, f"a JSON-RPC batch (array) is not a message in revision {self.name}", "JSONRPCMessage")]
        if not messages:
            return [WireIssue(prefix, "an empty JSON-RPC batch is not a valid message", "JSONRPCMessage")]
        issues: list[WireIssue] = []
        kinds = {_is_call(item) for item in messages if isinstance(item, dict)}
        if len(kinds) > 1:
            issues.append(WireIssue(prefix, "a batch mixes requests or notifications with responses", "JSONRPCMessage"))
        for index, item in enumerate(messages):
            issues += self.message(item, request_method, (*prefix, index))
        return issues


def _is_call(message: dict) -> bool:
    return "method" in message


def _method_for(message: dict, request_method: RequestMethod) -> str | None:
    if isinstance(request_method, Mapping):
        request_id = message.get("id")
        try:
            return request_method.get(request_id)
        except TypeError:  # an unhashable id
            return None
    return request_method


def _any_of(models: tuple[Any, ...], data: dict, prefix: Pointer) -> list[WireIssue]:
    """Valid when one model accepts `data`; otherwise the issues of the closest model."""
    best: list[WireIssue] | None = None
    best_score: tuple[int, int] | None = None
    for model in models:
        issues = check(model, data, prefix)
        if not issues:
            return []
        missing = sum(
            1 for name, field in model.model_fields.items() if field.is_required() and (field.alias or name) not in data
        )
        score = (missing, len(issues))
        if best_score is None or score < best_score:
            best, best_score = issues, score
    return best or []


# --- pydantic errors -> issues ------------------------------------------------------------


def check(model: Any, data: Any, prefix: Pointer) -> list[WireIssue]:
    """Validate `data` as `model`; the issues, pointers prefixed by `prefix`."""
    try:
        model.__pydantic_validator__.validate_python(data)
    except ValidationError as exc:
        return issues_from(exc.errors(include_url=False, include_context=True), data, prefix, model.__name__)
    return []


def issues_from(errors: list[dict], data: Any, prefix: Pointer, type_name: str) -> list[WireIssue]:
    located = [(*_wire_path(data, error["loc"]), error) for error in errors]
    issues: list[WireIssue] = []
    seen: set[tuple[Pointer, str]] = set()
    for pointer, _branches, node, error in _closest_branches(located):
        pointer, text = _describe(error, pointer, node)
        key = (pointer, text)
        if key not in seen:
            seen.add(key)
            issues.append(WireIssue((*prefix, *pointer), text, type_name))
    return issues


def _wire_path(data: Any, loc: tuple) -> tuple[Pointer, tuple[tuple[Pointer, str], ...], Any]:
    """Map a pydantic location to wire keys/indexes, dropping union member tags.

    Returns the pointer, the union branches taken on the way (position, member tag) and
    the value the error is about (None for a missing property).
    """
    node = data
    pointer: list[str | int] = []
    branches: list[tuple[Pointer, str]] = []
    last = len(loc) - 1
    for index, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            pointer.append(part)
            node = node[part]
        elif isinstance(node, dict) and part in node:
            pointer.append(part)
            node = node[part]
        elif part in UNION_TAGS:
            branches.append((tuple(pointer), part))
        elif index == last:  # a missing property
            pointer.append(part)
            node = None
        else:
            branches.append((tuple(pointer), str(part)))
    return tuple(pointer), tuple(branches), node


def _closest_branches(located: list[tuple]) -> list[tuple]:
    """Where an `anyOf` failed on every member, keep the errors of the closest member.

    Closest: fewest missing properties, then fewest errors, then the first listed.
    """
    positions: dict[Pointer, list[str]] = {}
    for _pointer, branches, _node, _error in located:
        for position, tag in branches:
            tags = positions.setdefault(position, [])
            if tag not in tags:
                tags.append(tag)
    contested = sorted((position for position, tags in positions.items() if len(tags) > 1), key=len)
    if not contested:
        return located
    position = contested[0]

    def score(tag: str) -> tuple[int, int, int]:
        mine = [entry for entry in located if (position, tag) in entry[1]]
        missing = sum(1 for entry in mine if entry[3]["type"] == "missing")
        return (missing, len(mine), positions[position].index(tag))

    best = min(positions[position], key=score)
    kept = [entry for entry in located if not any(pos == position and tag != best for pos, tag in entry[1])]
    return _closest_branches(kept)


def _short(value: Any) -> str:
    """A value as a message shows it: strings quoted like the expected literals."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


_OBJECT_ERRORS = {"dict_type", "model_type", "model_attributes_type"}
_TYPE_ERRORS = {"string_type": "string", "bool_type": "boolean", "list_type": "array", **dict.fromkeys(_OBJECT_ERRORS, "object")}


def _describe(error: dict, pointer: Pointer, node: Any) -> tuple[Pointer, str]:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return pointer, f"missing required property '{pointer[-1]}'"
    if kind in _TYPE_ERRORS:
        return pointer, f"expected {_TYPE_ERRORS[kind]}, got {json_type(value)}"
    if kind == "too_long":
        return pointer, f"expected at most {ctx.get('max_length')} items, got {ctx.get('actual_length')}"
    if kind == "literal_error":
        return pointer, f"expected {ctx.get('expected')}, got {_short(value)}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key, values = DISCRIMINATORS.get(str(ctx.get("discriminator", "")).removesuffix("()"), ("type", ()))
        allowed = ", ".join(repr(v) for v in values)
        if not isinstance(node, dict):
            return pointer, f"expected object, got {json_type(node)}"
        if key not in node:
            return (*pointer, key), f"missing required property '{key}'"
        return (*pointer, key), f"unknown {key} {_short(node[key])}; expected one of {allowed}"
    return pointer, error["msg"]
