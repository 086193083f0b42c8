"""Hand-written valid messages, a server's every message type in every revision.

Each instance is as rich as its revision allows (every optional member present), so that
the mutations of the differential test reach every field. `INSTANCES[revision]` lists
`Instance`s: the wire message, how the validator is called (`request_method`), and the
official schema types it must satisfy (the oracle: `envelope` and, for results, the
alternatives for that request's method; for requests and notifications, the type itself).

The tests in this module prove the set is complete: every member of the official
`ServerResult`, `ServerNotification` and `ServerRequest` unions (and every error type) has an
instance, and every instance is valid for us and for the official schema.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

REVS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28")
MODERN = "2026-07-28"


def at_least(rev: str, since: str) -> bool:
    return REVS.index(rev) >= REVS.index(since)


def pick(rev: str, **by_since: dict) -> dict:
    """Merge the members introduced up to `rev`: pick(rev, _2024_11_05={...}, _2025_06_18={...})."""
    merged: dict = {}
    for key, members in by_since.items():
        since = key.lstrip("_").replace("_", "-")
        if at_least(rev, since):
            merged.update(members)
    return merged


@dataclass
class Instance:
    name: str
    message: Any
    kind: str  # result | error | request | notification | batch
    oracle: tuple[str, ...]  # official type names: any one must accept (results: the `result`)
    request_method: Any = None
    elements: list[Instance] = field(default_factory=list)  # batch members

    def copy(self) -> Any:
        return copy.deepcopy(self.message)


# --- building blocks ------------------------------------------------------------------------------


def meta(rev: str, **extra: Any) -> dict:
    return {"com.example/trace": "abc", "note": [1, 2.5, None], **extra}


def icon() -> dict:
    return {"src": "https://example.com/icon.png", "mimeType": "image/png", "sizes": ["48x48", "96x96"], "theme": "dark"}


def annotations(rev: str) -> dict:
    return pick(
        rev,
        _2024_11_05={"audience": ["user", "assistant"], "priority": 0.5},
        _2025_06_18={"lastModified": "2025-01-12T15:00:58Z"},
    )


def with_meta(rev: str, since: str = "2025-06-18") -> dict:
    return {"_meta": meta(rev)} if at_least(rev, since) else {}


def text_block(rev: str) -> dict:
    return {"type": "text", "text": "Sunny, 21 °C", "annotations": annotations(rev), **with_meta(rev)}


def image_block(rev: str) -> dict:
    return {"type": "image", "data": "iVBORw0KGgo=", "mimeType": "image/png", "annotations": annotations(rev), **with_meta(rev)}


def audio_block(rev: str) -> dict:
    return {"type": "audio", "data": "UklGRiQ=", "mimeType": "audio/wav", "annotations": annotations(rev), **with_meta(rev)}


def text_contents(rev: str) -> dict:
    return {"uri": "file:///project/README.md", "mimeType": "text/markdown", "text": "# Hello", **with_meta(rev)}


def blob_contents(rev: str) -> dict:
    return {"uri": "file:///project/logo.png", "mimeType": "image/png", "blob": "iVBORw0KGgo=", **with_meta(rev)}


def embedded_block(rev: str) -> dict:
    return {"type": "resource", "resource": text_contents(rev), "annotations": annotations(rev), **with_meta(rev)}


def listed(rev: str, name: str, title: str, description: str, mime_type: str, **members: Any) -> dict:
    """What resources and resource templates share."""
    return {
        "name": name,
        "description": description,
        "mimeType": mime_type,
        "annotations": annotations(rev),
        **pick(rev, _2025_06_18={"title": title, "_meta": meta(rev)}, _2025_11_25={"icons": [icon()]}),
        **members,
    }


def resource(rev: str) -> dict:
    return listed(rev, "README.md", "Read me", "The project read-me", "text/markdown", uri="file:///project/README.md", size=1024)


def resource_link_block(rev: str) -> dict:
    return {"type": "resource_link", **resource(rev)}


def content_blocks(rev: str) -> list[dict]:
    blocks = [text_block(rev), image_block(rev)]
    if at_least(rev, "2025-03-26"):
        blocks.append(audio_block(rev))
    if at_least(rev, "2025-06-18"):
        blocks.append(resource_link_block(rev))
    blocks.append(embedded_block(rev))
    return blocks


def implementation(rev: str) -> dict:
    return {
        "name": "weather-server",
        "version": "1.4.0",
        **pick(
            rev,
            _2025_06_18={"title": "Weather"},
            _2025_11_25={"description": "Forecasts", "icons": [icon()], "websiteUrl": "https://example.com"},
        ),
    }


def server_capabilities(rev: str) -> dict:
    caps = {
        "experimental": {"com.example/feature": {"level": 2}},
        "logging": {},
        "prompts": {"listChanged": True},
        "resources": {"subscribe": True, "listChanged": False},
        "tools": {"listChanged": True},
    }
    if at_least(rev, "2025-03-26"):
        caps["completions"] = {}
    if rev == "2025-11-25":
        caps["tasks"] = {"list": {}, "cancel": {}, "requests": {"tools": {"call": {}}}}
    if at_least(rev, MODERN):
        caps["extensions"] = {"io.modelcontextprotocol/ui": {"mimeTypes": ["text/html"]}}
    return caps


def json_schema_object(rev: str) -> dict:
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string", "description": "City name"}, "days": {"type": "integer", "minimum": 1}},
        "required": ["city"],
    }
    if at_least(rev, "2025-11-25"):
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def tool(rev: str) -> dict:
    return {
        "name": "get_weather",
        "description": "Current weather for a city",
        "inputSchema": json_schema_object(rev),
        **pick(
            rev,
            _2025_03_26={
                "annotations": {
                    "title": "Get weather",
                    "readOnlyHint": True,
                    "destructiveHint": False,
                    "idempotentHint": True,
                    "openWorldHint": True,
                }
            },
            _2025_06_18={"title": "Weather", "outputSchema": json_schema_object(rev), "_meta": meta(rev)},
            _2025_11_25={"icons": [icon()]},
        ),
        **({"execution": {"taskSupport": "optional"}} if rev == "2025-11-25" else {}),
    }


def resource_template(rev: str) -> dict:
    return listed(
        rev,
        "project-files",
        "Project files",
        "Files of the project",
        "application/octet-stream",
        uriTemplate="file:///project/{path}",
    )


def prompt(rev: str) -> dict:
    argument = {"name": "code", "description": "The code to review", "required": True}
    if at_least(rev, "2025-06-18"):
        argument["title"] = "Code"
    return {
        "name": "code_review",
        "description": "Review some code",
        "arguments": [argument],
        **pick(rev, _2025_06_18={"title": "Code review", "_meta": meta(rev)}, _2025_11_25={"icons": [icon()]}),
    }


def task(rev: str, **extra: Any) -> dict:
    return {
        "taskId": "task-7",
        "status": "working",
        "statusMessage": "Fetching",
        "createdAt": "2025-11-25T10:00:00Z",
        "lastUpdatedAt": "2025-11-25T10:00:05Z",
        "ttl": 60000,
        "pollInterval": 1000,
        **extra,
    }


# --- envelopes --------------------------------------------------------------------------------------


def result_message(result: dict, request_id: Any = 1) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "result": result}


def notification(method: str, params: dict | None = None) -> dict:
    message = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        message["params"] = params
    return message


def request(method: str, params: dict | None = None, request_id: Any = "s-1") -> dict:
    message = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        message["params"] = params
    return message


def result_instances(rev: str) -> list[Instance]:
    modern = at_least(rev, MODERN)
    complete = {"resultType": "complete"} if modern else {}
    cache = {"ttlMs": 60000, "cacheScope": "public"} if modern else {}
    result_meta = {"_meta": {"io.modelcontextprotocol/serverInfo": implementation(rev)} if modern else meta(rev)}
    paged = {"nextCursor": "page-2", **result_meta, **complete, **cache}

    def res(name: str, method: str, body: dict, oracle: tuple[str, ...] | None = None) -> Instance:
        return Instance(name, result_message(body), "result", oracle or (name,), method)

    found = [
        res("ListResourcesResult", "resources/list", {"resources": [resource(rev)], **paged}),
        res("ListResourceTemplatesResult", "resources/templates/list", {"resourceTemplates": [resource_template(rev)], **paged}),
        res(
            "ReadResourceResult",
            "resources/read",
            {"contents": [text_contents(rev), blob_contents(rev)], **result_meta, **complete, **cache},
        ),
        res("ListPromptsResult", "prompts/list", {"prompts": [prompt(rev)], **paged}),
        res(
            "GetPromptResult",
            "prompts/get",
            {
                "description": "A code review",
                "messages": [
                    {"role": role, "content": block} for role, block in zip(["user", "assistant"] * 3, content_blocks(rev))
                ],
                **result_meta,
                **complete,
            },
        ),
        res("ListToolsResult", "tools/list", {"tools": [tool(rev)], **paged}),
        res(
            "CallToolResult",
            "tools/call",
            {
                "content": content_blocks(rev),
                "isError": False,
                **pick(rev, _2025_06_18={"structuredContent": {"temperature": 21.5, "conditions": "sunny"}}),
                **result_meta,
                **complete,
            },
        ),
        res(
            "CompleteResult",
            "completion/complete",
            {"completion": {"values": ["python", "pytorch"], "total": 10, "hasMore": True}, **result_meta, **complete},
        ),
        res("Result", "x-vendor/unknown", {"anything": [1, {"nested": True}], **result_meta, **complete}),
        res("Result", None, {**result_meta, **complete}),
    ]
    if not modern:
        found += [
            res(
                "InitializeResult",
                "initialize",
                {
                    "protocolVersion": rev,
                    "capabilities": server_capabilities(rev),
                    "serverInfo": implementation(rev),
                    "instructions": "Use get_weather.",
                    **result_meta,
                },
            ),
            res("EmptyResult", "ping", {}),
            res("EmptyResult", "resources/subscribe", {"_meta": meta(rev)}),
            res("EmptyResult", "resources/unsubscribe", {}),
            res("EmptyResult", "logging/setLevel", {}),
        ]
    if modern:
        for instance in found:
            if instance.request_method in ("resources/read", "prompts/get", "tools/call"):
                instance.oracle = (instance.name, "InputRequiredResult")
        composed_tool = {
            "name": "search",
            "inputSchema": {
                "type": "object",
                "$defs": {"query": {"type": "string"}},
                "properties": {"q": {"$ref": "#/$defs/query"}, "strict": True},
                "oneOf": [{"required": ["q"]}, {"required": ["id"]}],
            },
            "outputSchema": {"type": "array", "items": {"type": "string"}},
        }
        input_requests = {
            "login": {
                "method": "elicitation/create",
                "params": {"mode": "form", "message": "Your GitHub user?", "requestedSchema": requested_schema(rev)},
            },
            "authorize": {
                "method": "elicitation/create",
                "params": {"mode": "url", "message": "Authorize", "url": "https://example.com/auth"},
            },
            "summary": {"method": "sampling/createMessage", "params": create_message_params(rev)},
            "workspace": {"method": "roots/list", "params": {"_meta": {"com.example/x": 1}}},
            "bare": {"method": "roots/list"},
        }
        found += [
            res(
                "DiscoverResult",
                "server/discover",
                {
                    "supportedVersions": [MODERN, "2025-11-25"],
                    "capabilities": server_capabilities(rev),
                    "instructions": "Prefer get_weather.",
                    **result_meta,
                    **complete,
                    "ttlMs": 0,
                    "cacheScope": "private",
                },
            ),
            res("ListToolsResult", "tools/list", {"tools": [composed_tool], **complete, **cache}),
            res(
                "CallToolResult",
                "tools/call",
                {"content": [], "structuredContent": ["a", 1.5, None], **complete},
                ("CallToolResult", "InputRequiredResult"),
            ),
            res(
                "SubscriptionsListenResult",
                "subscriptions/listen",
                {
                    "resultType": "complete",
                    "_meta": {
                        "io.modelcontextprotocol/subscriptionId": 4,
                        "io.modelcontextprotocol/serverInfo": implementation(rev),
                    },
                },
            ),
            res(
                "InputRequiredResult",
                "tools/call",
                {
                    "resultType": "input_required",
                    "inputRequests": input_requests,
                    "requestState": "eyJzdGVwIjoxfQ",
                    **result_meta,
                },
                ("CallToolResult", "InputRequiredResult"),
            ),
            res(
                "InputRequiredResult",
                "prompts/get",
                {"resultType": "input_required", "requestState": "opaque"},
                ("GetPromptResult", "InputRequiredResult"),
            ),
            res(
                "InputRequiredResult",
                "resources/read",
                {"resultType": "input_required", "inputRequests": {"only": input_requests["workspace"]}},
                ("ReadResourceResult", "InputRequiredResult"),
            ),
        ]
    if rev == "2025-11-25":
        call = ("CallToolResult", "CreateTaskResult")
        found[6].oracle = call
        found += [
            res("CreateTaskResult", "tools/call", {"task": task(rev), "_meta": meta(rev)}, call),
            res("GetTaskResult", "tasks/get", {**task(rev, status="completed"), "_meta": meta(rev)}),
            res(
                "GetTaskPayloadResult",
                "tasks/result",
                {"content": [text_block(rev)], "_meta": {"io.modelcontextprotocol/related-task": {"taskId": "task-7"}}},
            ),
            res("CancelTaskResult", "tasks/cancel", task(rev, status="cancelled", ttl=None)),
            res(
                "ListTasksResult",
                "tasks/list",
                {"tasks": [task(rev), task(rev, taskId="task-8", status="input_required")], "nextCursor": "n"},
            ),
        ]
    return found


def notification_instances(rev: str) -> list[Instance]:
    modern = at_least(rev, MODERN)
    notification_meta = {"io.modelcontextprotocol/subscriptionId": "sub-1"} if modern else meta(rev)

    def note(name: str, method: str, params: dict | None) -> Instance:
        return Instance(name, notification(method, params), "notification", (name,))

    found = [
        note(
            "CancelledNotification",
            "notifications/cancelled",
            {"requestId": "r-1", "reason": "Stream closed", "_meta": notification_meta},
        ),
        note(
            "ProgressNotification",
            "notifications/progress",
            {
                "progressToken": "p-1",
                "progress": 50,
                "total": 100.5,
                **pick(rev, _2025_03_26={"message": "Halfway"}),
                "_meta": notification_meta,
            },
        ),
        note("ResourceListChangedNotification", "notifications/resources/list_changed", {"_meta": notification_meta}),
        note(
            "ResourceUpdatedNotification",
            "notifications/resources/updated",
            {"uri": "file:///project/README.md", "_meta": notification_meta},
        ),
        note("PromptListChangedNotification", "notifications/prompts/list_changed", None),
        note("ToolListChangedNotification", "notifications/tools/list_changed", {}),
        note(
            "LoggingMessageNotification",
            "notifications/message",
            {"level": "error", "logger": "db", "data": {"error": "Connection failed"}, "_meta": notification_meta},
        ),
    ]
    if rev == "2025-11-25":
        found += [
            note("TaskStatusNotification", "notifications/tasks/status", {**task(rev, status="failed"), "_meta": meta(rev)}),
            note("ElicitationCompleteNotification", "notifications/elicitation/complete", {"elicitationId": "el-1"}),
        ]
    if modern:
        found.append(
            note(
                "SubscriptionsAcknowledgedNotification",
                "notifications/subscriptions/acknowledged",
                {
                    "notifications": {
                        "toolsListChanged": True,
                        "promptsListChanged": False,
                        "resourcesListChanged": True,
                        "resourceSubscriptions": ["file:///a"],
                    },
                    "_meta": notification_meta,
                },
            )
        )
    return found


def sampling_messages(rev: str) -> list[dict]:
    messages = [{"role": "user", "content": text_block(rev)}, {"role": "user", "content": image_block(rev)}]
    if at_least(rev, "2025-03-26"):
        messages.append({"role": "assistant", "content": audio_block(rev)})
    if at_least(rev, "2025-11-25"):
        tool_use = {"type": "tool_use", "id": "call-1", "name": "get_weather", "input": {"city": "Paris"}, "_meta": meta(rev)}
        tool_result = {
            "type": "tool_result",
            "toolUseId": "call-1",
            "content": content_blocks(rev),
            "structuredContent": {"temperature": 21},
            "isError": False,
            "_meta": meta(rev),
        }
        messages += [
            {"role": "assistant", "content": tool_use, "_meta": meta(rev)},
            {"role": "user", "content": [tool_result, text_block(rev)]},
        ]
    return messages


def create_message_params(rev: str) -> dict:
    params = {
        "messages": sampling_messages(rev),
        "modelPreferences": {
            "hints": [{"name": "claude-3-sonnet"}, {}],
            "costPriority": 0.3,
            "speedPriority": 0,
            "intelligencePriority": 1,
        },
        "systemPrompt": "You are a helpful assistant.",
        "includeContext": "thisServer",
        "temperature": 0.7,
        "maxTokens": 100,
        "stopSequences": ["\n\n"],
        "metadata": {"requestedBy": "weather"},
    }
    if at_least(rev, "2025-11-25"):
        params.update(tools=[tool(rev)], toolChoice={"mode": "auto"})
    if rev == "2025-11-25":
        params.update(task={"ttl": 30000}, _meta={"progressToken": 7})
    return params


def requested_schema(rev: str) -> dict:
    properties = {
        "name": {
            "type": "string",
            "title": "Name",
            "description": "Your name",
            "minLength": 1,
            "maxLength": 50,
            "format": "email",
        },
        "age": {"type": "integer", "title": "Age", "minimum": 0, "maximum": 150.5},
        "subscribe": {"type": "boolean", "title": "Subscribe", "description": "Newsletter", "default": False},
        "color": {"type": "string", "enum": ["red", "green"], "enumNames": ["Red", "Green"], "title": "Colour"},
    }
    if at_least(rev, "2025-11-25"):
        properties["name"]["default"] = "Ada"
        properties["age"]["default"] = 42
        properties["color"]["default"] = "red"
        properties.update(
            size={"type": "string", "enum": ["s", "m"], "default": "m", "title": "Size"},
            shade={
                "type": "string",
                "oneOf": [{"const": "#000", "title": "Black"}, {"const": "#fff", "title": "White"}],
                "default": "#000",
            },
            tags={
                "type": "array",
                "items": {"type": "string", "enum": ["a", "b"]},
                "minItems": 1,
                "maxItems": 2,
                "default": ["a"],
            },
            labels={"type": "array", "items": {"anyOf": [{"const": "x", "title": "X"}]}, "default": []},
        )
    schema = {"type": "object", "properties": properties, "required": ["name"]}
    if at_least(rev, "2025-11-25"):
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def request_instances(rev: str) -> list[Instance]:
    if at_least(rev, MODERN):
        return []  # servers send no requests in 2026-07-28 (input requests ride in results)

    def req(name: str, method: str, params: dict | None) -> Instance:
        return Instance(name, request(method, params), "request", (name,))

    found = [
        req("PingRequest", "ping", {"_meta": {"progressToken": "p-9", "extra": True}}),
        req("PingRequest", "ping", None),
        req("CreateMessageRequest", "sampling/createMessage", create_message_params(rev)),
        req("ListRootsRequest", "roots/list", {"_meta": {"progressToken": 3}}),
    ]
    if at_least(rev, "2025-06-18"):
        form = {"message": "Please provide your details", "requestedSchema": requested_schema(rev)}
        if rev == "2025-11-25":
            form.update(mode="form", task={"ttl": 1000}, _meta={"progressToken": "e-1"})
        found.append(req("ElicitRequest", "elicitation/create", form))
    if rev == "2025-11-25":
        url = {
            "mode": "url",
            "message": "Sign in",
            "elicitationId": "el-1",
            "url": "https://example.com/login",
            "task": {},
            "_meta": {},
        }
        found += [
            req("ElicitRequest", "elicitation/create", url),
            req("GetTaskRequest", "tasks/get", {"taskId": "t-1"}),
            req("GetTaskPayloadRequest", "tasks/result", {"taskId": "t-1", "_meta": "untyped in this revision"}),
            req("CancelTaskRequest", "tasks/cancel", {"taskId": "t-1"}),
            req("ListTasksRequest", "tasks/list", {"cursor": "c-1", "_meta": {"progressToken": 1}}),
        ]
    return found


def error_instances(rev: str) -> list[Instance]:
    generic = "JSONRPCError" if not at_least(rev, "2025-11-25") else "JSONRPCErrorResponse"
    found = [
        Instance(
            generic,
            {"jsonrpc": "2.0", "id": 5, "error": {"code": -32601, "message": "Method not found", "data": {"method": "x"}}},
            "error",
            (generic,),
        ),
        Instance(
            generic, {"jsonrpc": "2.0", "id": "a", "error": {"code": -32602, "message": "Invalid params"}}, "error", (generic,)
        ),
    ]
    if at_least(rev, "2025-11-25"):
        found.append(
            Instance(generic, {"jsonrpc": "2.0", "error": {"code": -32700, "message": "Parse error"}}, "error", (generic,))
        )
    if at_least(rev, MODERN):

        def error(name: str, code: int, data: Any) -> Instance:
            return Instance(
                name, {"jsonrpc": "2.0", "id": 3, "error": {"code": code, "message": name, "data": data}}, "error", (name,)
            )

        found += [
            error("HeaderMismatchError", -32020, {"header": "Mcp-Method", "expected": "tools/call"}),
            error(
                "MissingRequiredClientCapabilityError",
                -32021,
                {"requiredCapabilities": {"elicitation": {"form": {}}, "sampling": {"tools": {}}, "roots": {}}},
            ),
            error("UnsupportedProtocolVersionError", -32022, {"supported": [MODERN], "requested": "1900-01-01"}),
        ]
    if rev == "2025-11-25":
        elicitation = {"mode": "url", "message": "Authorize", "elicitationId": "el-2", "url": "https://example.com/oauth"}
        found.append(
            Instance(
                "URLElicitationRequiredError",
                {
                    "jsonrpc": "2.0",
                    "id": 2,
                    "error": {
                        "code": -32042,
                        "message": "Authorization required",
                        "data": {"elicitations": [elicitation], "hint": 1},
                    },
                },
                "error",
                ("URLElicitationRequiredError",),
            )
        )
    return found


def instances(rev: str) -> list[Instance]:
    found = result_instances(rev) + notification_instances(rev) + request_instances(rev) + error_instances(rev)
    if rev == "2025-03-26":
        responses = [found[0], found[5], error_instances(rev)[0]]
        calls = [notification_instances(rev)[1], request_instances(rev)[0]]
        for members in (responses, calls):
            message = [member.copy() for member in members]
            for index, item in enumerate(message):
                if "id" in item:
                    item["id"] = 100 + index
            elements = [Instance(m.name, item, m.kind, m.oracle, m.request_method) for m, item in zip(members, message)]
            mapping = {item["id"]: m.request_method for m, item in zip(members, message) if m.kind == "result"}
            found.append(Instance("JSONRPCBatch", message, "batch", (), mapping, elements))
    return found


INSTANCES = {rev: instances(rev) for rev in REVS}


# --- tests -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rev", REVS)
def test_every_instance_is_valid_for_us(rev: str) -> None:
    from validator.conformance.protocol.wire import validate_server_message

    problems = {
        instance.name: [
            str(issue) for issue in validate_server_message(rev, instance.message, request_method=instance.request_method)
        ]
        for instance in INSTANCES[rev]
    }
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize("rev", REVS)
def test_instances_are_rich(rev: str) -> None:
    """Every instance carries optional members, so mutations reach them."""
    sizes = {instance.name: len(str(instance.message)) for instance in INSTANCES[rev]}
    assert len(INSTANCES[rev]) >= 15
    assert sizes["ListToolsResult"] > 300
