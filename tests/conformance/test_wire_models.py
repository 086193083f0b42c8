"""The wire models' own behaviour: the public API, what the lenient SDK lets through,
messages and pointers, per-revision structure, the export, and speed.

Needs no `../shared`: the expectations here are written from the spec.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from validator.conformance.protocol.wire import REVISIONS, UnknownMethod, WireIssue, validate_server_message

try:  # tests/conformance is not a package: pytest puts this folder on sys.path
    from test_wire_instances import INSTANCES, REVS
except ImportError:  # it became one
    from .test_wire_instances import INSTANCES, REVS  # type: ignore[no-redef]
from validator.conformance.protocol.wire.validate import MODULES, Revision

REPO = Path(__file__).resolve().parents[2]
ENVELOPE_AND_MORE = [
    "jsonrpc",
    "id",
    "method",
    "params",
    "result",
    "error",
    "code",
    "message",
    "content",
    "type",
    "_meta",
    "tools",
]


def issues(rev: str, message: object, method: str | None = None) -> list[tuple[str, str, str]]:
    return [
        (issue.json_pointer, issue.message, issue.type_name)
        for issue in validate_server_message(rev, message, request_method=method)
    ]


def initialize_result(rev: str = "2025-06-18", **result: object) -> dict:
    body = {"protocolVersion": rev, "capabilities": {}, "serverInfo": {"name": "s", "version": "1"}, **result}
    return {"jsonrpc": "2.0", "id": 1, "result": {key: value for key, value in body.items() if value is not ...}}


# --- the public API -------------------------------------------------------------------------------------


def test_revisions_are_the_five_dated_ones() -> None:
    assert REVISIONS == ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28") == tuple(MODULES) == REVS


def test_unknown_revision_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown MCP revision '2099-01-01'"):
        validate_server_message("2099-01-01", {})


def test_issue_fields() -> None:
    (issue,) = validate_server_message("2025-06-18", initialize_result(protocolVersion=...), request_method="initialize")
    assert isinstance(issue, WireIssue) and issue.kind == "invalid"
    assert issue.pointer == ("result", "protocolVersion")
    assert issue.json_pointer == "/result/protocolVersion"
    assert issue.message == "missing required property 'protocolVersion'"
    assert issue.type_name == "InitializeResult"
    assert str(issue) == "/result/protocolVersion: missing required property 'protocolVersion' (InitializeResult)"


def test_json_pointer_escapes() -> None:
    assert WireIssue(("a/b", "c~d", 0), "m", "T").json_pointer == "/a~1b/c~0d/0"


# --- what the SDK's lenient types let through ---------------------------------------------------------------


@pytest.mark.parametrize("rev", REVS[:4])
def test_missing_protocol_version_in_initialize_result(rev: str) -> None:
    assert issues(rev, initialize_result(rev, protocolVersion=...), "initialize") == [
        ("/result/protocolVersion", "missing required property 'protocolVersion'", "InitializeResult")
    ]


def test_snake_case_members_are_not_wire_names() -> None:
    # The SDK's models accept `server_info`; on the wire it is an unknown member, and
    # the required `serverInfo` is missing.
    message = initialize_result(serverInfo=..., server_info={"name": "s", "version": "1"})
    assert issues("2025-06-18", message, "initialize") == [
        ("/result/serverInfo", "missing required property 'serverInfo'", "InitializeResult")
    ]


@pytest.mark.parametrize("rev", REVS)
def test_content_with_an_unknown_type(rev: str) -> None:
    result = {"content": [{"type": "text", "text": "ok"}, {"type": "markdown", "text": "# no"}]}
    if rev == "2026-07-28":
        result["resultType"] = "complete"
    (found,) = issues(rev, {"jsonrpc": "2.0", "id": 1, "result": result}, "tools/call")
    assert found[0] == "/result/content/1/type"
    assert found[1].startswith("unknown type 'markdown'; expected one of 'text', 'image'")
    assert found[2] == "CallToolResult"


def test_content_types_follow_the_revision() -> None:
    audio = {"jsonrpc": "2.0", "id": 1, "result": {"content": [{"type": "audio", "data": "UklG", "mimeType": "audio/wav"}]}}
    link = {"jsonrpc": "2.0", "id": 1, "result": {"content": [{"type": "resource_link", "uri": "file:///a", "name": "a"}]}}
    assert issues("2024-11-05", audio, "tools/call")[0][1].startswith("unknown type 'audio'")
    assert issues("2025-03-26", audio, "tools/call") == []
    assert issues("2025-03-26", link, "tools/call")[0][1].startswith("unknown type 'resource_link'")
    assert issues("2025-06-18", link, "tools/call") == []


def test_unknown_members_stay_legal_everywhere() -> None:
    # No MCP schema closes an object (none says additionalProperties: false), so an
    # unknown member is never an issue by itself ...
    message = initialize_result(serverInfo={"name": "s", "version": "1", "vendor": {"x": 1}}, extra=True)
    message["result"]["capabilities"] = {"tools": {"listChanged": True, "future": 1}, "custom": "x"}
    assert issues("2025-06-18", message, "initialize") == []


def test_typed_maps_check_their_values() -> None:
    # ... but where the schema types the members of a map, each value is checked: these
    # are the closed parts of MCP (the SDK keeps them as plain dicts).
    message = initialize_result()
    message["result"]["capabilities"] = {"experimental": {"com.example/a": {"ok": 1}, "com.example/b": True}}
    assert issues("2025-06-18", message, "initialize") == [
        ("/result/capabilities/experimental/com.example~1b", "expected object, got boolean", "InitializeResult")
    ]


def test_a_member_typed_by_a_later_revision_is_unconstrained_before() -> None:
    # `_meta` on content arrives in 2025-06-18; before that it is an unknown member.
    message = {"jsonrpc": "2.0", "id": 1, "result": {"content": [{"type": "text", "text": "x", "_meta": 5}]}}
    assert issues("2025-03-26", message, "tools/call") == []
    assert issues("2025-06-18", message, "tools/call") == [
        ("/result/content/0/_meta", "expected object, got integer", "CallToolResult")
    ]


def test_null_is_not_an_absent_member() -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"tools": [], "nextCursor": None}}
    assert issues("2025-06-18", message, "tools/list") == [("/result/nextCursor", "expected string, got null", "ListToolsResult")]


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        (3, "ok"),
        (3.0, "ok"),
        (3.5, "expected integer, got number"),
        (True, "expected integer, got boolean"),
        ("3", "expected integer, got string"),
    ],
)
def test_integers_follow_json_schema(value: object, verdict: str) -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"resources": [{"uri": "file:///a", "name": "a", "size": value}]}}
    found = issues("2024-11-05", message, "resources/list")
    assert found == ([] if verdict == "ok" else [("/result/resources/0/size", verdict, "ListResourcesResult")])


def test_bounded_numbers() -> None:
    message = {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"content": [{"type": "text", "text": "x", "annotations": {"priority": 1.5}}]},
    }
    assert issues("2025-06-18", message, "tools/call") == [
        ("/result/content/0/annotations/priority", "must be between 0 and 1, got 1.5", "CallToolResult")
    ]


def test_enums_and_consts() -> None:
    bad_level = {"jsonrpc": "2.0", "method": "notifications/message", "params": {"level": "verbose", "data": "x"}}
    ((pointer, text, name),) = issues("2025-06-18", bad_level)
    assert (pointer, name) == ("/params/level", "LoggingMessageNotification")
    assert text.startswith("expected 'alert', 'critical'") and text.endswith("got 'verbose'")
    wrong_version = {"jsonrpc": "1.0", "method": "notifications/tools/list_changed"}
    assert issues("2025-06-18", wrong_version) == [("/jsonrpc", "expected '2.0', got '1.0'", "ToolListChangedNotification")]


def test_completion_values_at_most_100() -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"completion": {"values": ["a"] * 101}}}
    assert issues("2024-11-05", message, "completion/complete") == [
        ("/result/completion/values", "expected at most 100 items, got 101", "CompleteResult")
    ]


# --- dispatch and JSON-RPC rules ----------------------------------------------------------------------------


def test_result_type_follows_request_method() -> None:
    result = {"jsonrpc": "2.0", "id": 1, "result": {"tools": "none"}}
    assert issues("2025-06-18", result, "tools/list") == [("/result/tools", "expected array, got string", "ListToolsResult")]
    assert issues("2025-06-18", result, "prompts/list") == [
        ("/result/prompts", "missing required property 'prompts'", "ListPromptsResult")
    ]
    assert issues("2025-06-18", result, None) == []  # a generic Result
    assert issues("2025-06-18", result, "x/unknown") == []


def test_envelope_issues_name_the_envelope() -> None:
    message = {"jsonrpc": "2.0", "result": {"tools": []}}
    assert issues("2025-06-18", message, "tools/list") == [("/id", "missing required property 'id'", "JSONRPCResponse")]
    assert issues("2025-11-25", message, "tools/list") == [("/id", "missing required property 'id'", "JSONRPCResultResponse")]
    assert issues("2025-06-18", {"jsonrpc": "2.0", "id": 1, "result": []}) == [
        ("/result", "expected object, got array", "JSONRPCResponse")
    ]


def test_unknown_methods_get_their_own_issue_type() -> None:
    (found,) = validate_server_message("2025-06-18", {"jsonrpc": "2.0", "method": "notifications/x-vendor", "params": {}})
    assert isinstance(found, UnknownMethod) and found.kind == "unknown-method"
    assert found.pointer == ("method",) and found.type_name == "JSONRPCNotification"
    assert "notifications/x-vendor" in found.message
    # The envelope is still checked.
    envelope_broken = validate_server_message("2025-06-18", {"jsonrpc": "2.0", "method": "x/y", "params": 3})
    assert [(issue.kind, issue.pointer) for issue in envelope_broken] == [
        ("invalid", ("params",)),
        ("unknown-method", ("method",)),
    ]


def test_client_only_methods_are_named_so() -> None:
    (found,) = validate_server_message("2025-06-18", {"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert isinstance(found, UnknownMethod) and "a client sends" in found.message
    (found,) = validate_server_message("2025-06-18", {"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert isinstance(found, UnknownMethod) and "a client sends" in found.message
    (found,) = validate_server_message(
        "2026-07-28", {"jsonrpc": "2.0", "id": 1, "method": "sampling/createMessage", "params": {}}
    )
    assert isinstance(found, UnknownMethod) and "defines no requests from a server" in found.message


def test_server_requests_by_revision() -> None:
    elicit = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "elicitation/create",
        "params": {"message": "m", "requestedSchema": {"type": "object", "properties": {}}},
    }
    assert isinstance(validate_server_message("2025-03-26", elicit)[0], UnknownMethod)
    assert validate_server_message("2025-06-18", elicit) == []


def test_error_id_may_be_null_but_not_absent_before_2025_11_25() -> None:
    error = {"code": -32700, "message": "Parse error"}
    assert issues("2024-11-05", {"jsonrpc": "2.0", "id": None, "error": error}) == []
    assert issues("2024-11-05", {"jsonrpc": "2.0", "error": error}) == [("/id", "missing required property 'id'", "JSONRPCError")]
    assert issues("2025-11-25", {"jsonrpc": "2.0", "error": error}) == []
    assert issues("2025-11-25", {"jsonrpc": "2.0", "id": None, "error": error}) == []


def test_result_and_error_together() -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {}, "error": {"code": 1, "message": "m"}}
    assert issues("2025-06-18", message) == [
        ("", "a response carries both 'result' and 'error'; JSON-RPC allows exactly one", "JSONRPCError")
    ]


def test_notification_with_an_id() -> None:
    message = {"jsonrpc": "2.0", "id": 4, "method": "notifications/progress", "params": {"progressToken": 1, "progress": 1}}
    (found,) = validate_server_message("2025-06-18", message)
    assert found.pointer == ("id",) and found.kind == "invalid" and "must not carry an 'id'" in found.message


def test_typed_error_codes() -> None:
    missing = {"jsonrpc": "2.0", "id": 1, "error": {"code": -32021, "message": "m", "data": {}}}
    assert issues("2026-07-28", missing) == [
        (
            "/error/data/requiredCapabilities",
            "missing required property 'requiredCapabilities'",
            "MissingRequiredClientCapabilityError",
        )
    ]
    assert issues("2025-11-25", missing) == []  # no such type before 2026-07-28
    url = {"jsonrpc": "2.0", "id": 1, "error": {"code": -32042.0, "message": "m"}}
    assert issues("2025-11-25", url) == [("/error/data", "missing required property 'data'", "URLElicitationRequiredError")]


def test_batches() -> None:
    progress = {"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": 1, "progress": "half"}}
    response = {"jsonrpc": "2.0", "id": 7, "result": {"tools": 1}}
    assert issues("2025-06-18", [progress]) == [
        ("", "a JSON-RPC batch (array) is not a message in revision 2025-06-18", "JSONRPCMessage")
    ]
    assert issues("2025-03-26", []) == [("", "an empty JSON-RPC batch is not a valid message", "JSONRPCMessage")]
    assert issues("2025-03-26", [progress, response]) == [
        ("", "a batch mixes requests or notifications with responses", "JSONRPCMessage"),
        ("/0/params/progress", "expected number, got string", "ProgressNotification"),
    ]
    # A mapping from request id to method serves batches of responses.
    found = validate_server_message("2025-03-26", [response, {**response, "id": 8}], request_method={7: "tools/list"})
    assert [(issue.json_pointer, issue.type_name) for issue in found] == [("/0/result/tools", "ListToolsResult")]


def test_not_a_message() -> None:
    assert issues("2025-06-18", "hello") == [("", "expected a JSON-RPC message object, got string", "JSONRPCMessage")]
    assert issues("2025-06-18", {"jsonrpc": "2.0", "id": 1}) == [
        ("", "not a JSON-RPC request, notification or response: no 'method', 'result' or 'error'", "JSONRPCMessage")
    ]


def test_anyof_reports_the_closest_member() -> None:
    # Resource contents are text or blob (no discriminator): report the member the value
    # is closest to.
    message = {"jsonrpc": "2.0", "id": 1, "result": {"contents": [{"uri": "file:///a", "blob": 5}]}}
    assert issues("2025-06-18", message, "resources/read") == [
        ("/result/contents/0/blob", "expected string, got integer", "ReadResourceResult")
    ]


def test_task_augmented_tools_call() -> None:
    created = {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"task": {"taskId": "t", "status": "working", "createdAt": "x", "lastUpdatedAt": "x"}},
    }
    assert issues("2025-11-25", created, "tools/call") == [
        ("/result/task/ttl", "missing required property 'ttl'", "CreateTaskResult")
    ]
    assert issues("2025-06-18", created, "tools/call") == [
        ("/result/content", "missing required property 'content'", "CallToolResult")
    ]


def test_input_required_result_is_chosen_by_result_type() -> None:
    bare = {"jsonrpc": "2.0", "id": 1, "result": {"resultType": "input_required"}}
    assert issues("2026-07-28", bare, "tools/call") == [
        ("/result", "an InputRequiredResult carries 'inputRequests' or 'requestState'", "InputRequiredResult")
    ]
    complete = {"jsonrpc": "2.0", "id": 1, "result": {"resultType": "complete"}}
    assert issues("2026-07-28", complete, "tools/call") == [
        ("/result/content", "missing required property 'content'", "CallToolResult")
    ]
    asks = {
        "jsonrpc": "2.0",
        "id": 1,
        "result": {"resultType": "input_required", "inputRequests": {"a": {"method": "roots/list", "id": 1}}},
    }
    assert issues("2026-07-28", asks, "tools/call") == []
    bad = {"jsonrpc": "2.0", "id": 1, "result": {"resultType": "input_required", "inputRequests": {"a": {"method": "ping"}}}}
    assert issues("2026-07-28", bad, "prompts/get") == [
        (
            "/result/inputRequests/a/method",
            "unknown method 'ping'; expected one of 'sampling/createMessage', 'roots/list', 'elicitation/create'",
            "InputRequiredResult",
        )
    ]


def test_modern_results_need_result_type() -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"tools": [], "ttlMs": -1, "cacheScope": "shared"}}
    assert issues("2026-07-28", message, "tools/list") == [
        ("/result/resultType", "missing required property 'resultType'", "ListToolsResult"),
        ("/result/ttlMs", "must be at least 0, got -1", "ListToolsResult"),
        ("/result/cacheScope", "expected 'private' or 'public', got 'shared'", "ListToolsResult"),
    ]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(ENVELOPE_AND_MORE) | st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("rev", REVS)
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(message=JSON, method=st.none() | st.sampled_from(["initialize", "tools/call", "tools/list", "x"]))
def test_any_json_gets_issues_never_an_exception(rev: str, message: object, method: str | None) -> None:
    found = validate_server_message(rev, message, request_method=method)
    assert all(isinstance(issue, WireIssue) and issue.message and issue.type_name for issue in found)


@pytest.mark.parametrize("method", [[], {}, 5, None, ["tools/list"]])
def test_odd_method_values(method: object) -> None:
    for rev in REVS:
        assert validate_server_message(rev, {"jsonrpc": "2.0", "method": method})
        assert validate_server_message(rev, {"jsonrpc": "2.0", "id": 1, "method": method})


# --- structure ----------------------------------------------------------------------------------------------


def _models_in(annotation: object) -> typing.Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    if typing.get_origin(annotation) is typing.Literal:
        return
    for arg in args:
        yield from _models_in(arg)


def _reachable(roots: list[type[BaseModel]]) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    stack = list(roots)
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return seen


@pytest.mark.parametrize("rev", REVS)
def test_no_stale_model_from_an_older_revision(rev: str) -> None:
    """Every model a revision reaches is that revision's class of that name.

    A revision that changes `Tool` must also re-declare every container that holds a
    `Tool`; a forgotten one would silently keep the older `Tool`.
    """
    spec = Revision(rev)
    roots = [
        *spec.envelopes.values(),
        *spec.requests.values(),
        *spec.notifications.values(),
        *spec.errors.values(),
        spec.generic_result,
    ]
    roots += [model for models in spec.results.values() for model in models]

    def current(model: type[BaseModel]) -> bool:
        bound = getattr(spec.module, model.__name__, None)
        # A model made inside the module without a name of its own (a coded error's
        # `error` object) is current when the module made it.
        return bound is model or (bound is None and model.__module__ == spec.module.__name__)

    stale = sorted(f"{model.__module__}.{model.__name__}" for model in _reachable(roots) if not current(model))
    assert stale == []


@pytest.mark.parametrize("rev", REVS)
def test_counts(rev: str) -> None:
    spec = Revision(rev)
    counts = (len(spec.requests), len(spec.notifications), len(spec.results), len(spec.errors))
    assert (
        counts
        == {
            "2024-11-05": (3, 7, 13, 0),
            "2025-03-26": (3, 7, 13, 0),
            "2025-06-18": (4, 7, 13, 0),
            "2025-11-25": (8, 9, 17, 1),
            "2026-07-28": (0, 8, 10, 3),
        }[rev]
    )


# --- export --------------------------------------------------------------------------------------------------


def test_export_is_current() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "validator.conformance.protocol.wire.export", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("rev", REVS)
def test_export_accepts_every_instance(rev: str) -> None:
    import jsonschema

    document = json.loads((REPO / "schemas" / "mcp" / f"{rev}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    assert all(name.isidentifier() for name in document["$defs"]), "a name clash between revisions (a stale model?)"
    validator = jsonschema.Draft202012Validator(document)
    for instance in INSTANCES[rev]:
        assert validator.is_valid(instance.message), instance.name
        if instance.kind == "result":
            refs = document["x-results"].get(instance.request_method) or [{"$ref": "#/$defs/Result"}]
            result_schema = {**document, "anyOf": refs}
            assert jsonschema.Draft202012Validator(result_schema).is_valid(instance.message["result"]), instance.name


# --- speed ----------------------------------------------------------------------------------------------------


def test_import_is_light() -> None:
    code = "import sys, validator.conformance.protocol.wire; print('pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_validation_is_fast_enough_for_every_message() -> None:
    instance = next(instance for instance in INSTANCES["2025-11-25"] if instance.name == "ListToolsResult")
    validate_server_message("2025-11-25", instance.message, request_method="tools/list")  # build once
    start = time.perf_counter()
    for _ in range(200):
        validate_server_message("2025-11-25", instance.message, request_method="tools/list")
    per_message = (time.perf_counter() - start) / 200
    assert per_message < 0.005, f"{per_message * 1000:.2f} ms per message"


def test_modules_are_loaded_lazily() -> None:
    code = (
        "import sys; from validator.conformance.protocol.wire import validate_server_message as v; "
        "v('2024-11-05', {'jsonrpc': '2.0', 'method': 'notifications/tools/list_changed'}); "
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('validator.conformance.protocol.wire.r')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['r2024_11_05']"
    importlib.import_module("validator.conformance.protocol.wire.r2026_07_28")
