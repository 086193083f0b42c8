"""Wire models of MCP revision 2025-11-25: revision 2025-06-18 plus what this one changed.

Spec: https://modelcontextprotocol.io/specification/2025-11-25 (changelog:
https://modelcontextprotocol.io/specification/2025-11-25/changelog), the last revision
with the `initialize` handshake. Changes that reach the wire: icons and more
`Implementation` fields; experimental tasks (`tasks/*` requests either way,
`CreateTaskResult` for a task-augmented `tools/call`, `notifications/tasks/status`);
tool calling inside sampling (`tool_use` / `tool_result` content, `tools`, `toolChoice`);
URL-mode elicitation (`notifications/elicitation/complete`, error -32042) and the
standard enum schemas; request params as `*Params` types; `JSONRPCResultResponse` and
`JSONRPCErrorResponse`, whose `id` may be absent; `requestId` of
`notifications/cancelled` optional; the envelope no longer types `params._meta`.

Differences from this revision's `schema.json`:
- `JSONRPCErrorResponse.id` may also be `null` (the schema allows it to be absent but not
  `null`; JSON-RPC 2.0 answers an unreadable request with `"id": null`, BASE-007).
- A response with both `result` and `error`, at most 100 completion values, and formats,
  as in 2024-11-05.
- An error response with code -32042 is checked as `URLElicitationRequiredError` (the
  schema defines the type but its `JSONRPCMessage` only names the generic error
  response; the spec says that code carries `data.elicitations`,
  https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation#error-handling).
"""

from __future__ import annotations

import sys
from typing import Any, Literal

from pydantic import Field, create_model

from . import r2025_06_18 as _previous
from ._base import (
    Int,
    NullableInt,
    NullableRequestId,
    Number,
    Object,
    RequestId,
    WireModel,
    WithMeta,
    any_of,
    derive,
    int_const,
    keyed_union,
)
from .r2025_06_18 import *  # noqa: F403 -- a revision is the previous one plus its changes

REVISION = "2025-11-25"
SPEC = "https://modelcontextprotocol.io/specification/2025-11-25"

# --- JSON-RPC envelope --------------------------------------------------------------------------


JSONRPCRequest = derive(_previous.JSONRPCRequest, params=Object)
JSONRPCNotification = derive(_previous.JSONRPCNotification, params=Object)


class JSONRPCResultResponse(_previous.JSONRPCResponse):
    """A successful (non-error) response to a request."""


class JSONRPCErrorResponse(_previous.JSONRPCError):
    """A response to a request that indicates an error occurred."""

    id: NullableRequestId = None


class TaskMetadata(WireModel):
    """Asks for a request to run as a task."""

    ttl: Int = None


class ElicitRequestURLParams(RequestParams):
    """Parameters of a URL-mode `elicitation/create` request."""

    mode: Literal["url"]
    message: str
    elicitationId: str
    url: str = Field(json_schema_extra={"format": "uri"})
    task: TaskMetadata = None


class URLElicitationData(WireModel):
    elicitations: list[ElicitRequestURLParams]


def coded_error(name: str, code: int, doc: str, data: Any = None) -> Any:
    """An error response type tied to one `error.code` (and to a shape of `error.data`)."""
    members: dict[str, Any] = {"code": (int_const(code), ...)}
    if data is not None:
        members["data"] = (data, ...)
    module = sys._getframe(1).f_globals["__name__"]
    error = create_model(name.removesuffix("Error"), __base__=Error, __module__=module, **members)
    return derive(JSONRPCErrorResponse, _name=name, _doc=doc, error=error)


URLElicitationRequiredError = coded_error(
    "URLElicitationRequiredError", -32042, "The request needs a URL-mode elicitation to complete first.", URLElicitationData
)


# --- metadata -----------------------------------------------------------------------------------


class Icon(WireModel):
    """An icon for display in a user interface."""

    src: str = Field(json_schema_extra={"format": "uri"})
    mimeType: str = None
    sizes: list[str] = None
    theme: Literal["dark", "light"] = None


class WithIcons(WireModel):
    """Mixin: the optional `icons` of the schema's `Icons`."""

    icons: list[Icon] = None


class Implementation(WithIcons, _previous.Implementation):
    description: str = None
    websiteUrl: str = Field(None, json_schema_extra={"format": "uri"})


class ToolsTaskRequests(WireModel):
    call: Object = None


class TasksCapabilityRequests(WireModel):
    tools: ToolsTaskRequests = None


class ServerTasksCapability(WireModel):
    list: Object = None
    cancel: Object = None
    requests: TasksCapabilityRequests = None


class ServerCapabilities(_previous.ServerCapabilities):
    tasks: ServerTasksCapability = None


InitializeResult = derive(_previous.InitializeResult, capabilities=ServerCapabilities, serverInfo=Implementation)


# --- resources, prompts, tools ---------------------------------------------------------------------


class Resource(WithIcons, _previous.Resource):
    pass


class ResourceLink(WithIcons, _previous.ResourceLink):
    pass


class ResourceTemplate(WithIcons, _previous.ResourceTemplate):
    pass


ListResourcesResult = derive(_previous.ListResourcesResult, resources=list[Resource])
ListResourceTemplatesResult = derive(_previous.ListResourceTemplatesResult, resourceTemplates=list[ResourceTemplate])


class Prompt(WithIcons, _previous.Prompt):
    pass


ListPromptsResult = derive(_previous.ListPromptsResult, prompts=list[Prompt])


ContentBlock = keyed_union("type", TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource, name="ContentBlock")


PromptMessage = derive(_previous.PromptMessage, content=ContentBlock)
GetPromptResult = derive(_previous.GetPromptResult, messages=list[PromptMessage])


class ToolInputSchema(_previous.ToolInputSchema):
    schema_: str = Field(None, alias="$schema")


class ToolOutputSchema(_previous.ToolOutputSchema):
    schema_: str = Field(None, alias="$schema")


class ToolExecution(WireModel):
    taskSupport: Literal["forbidden", "optional", "required"] = None


class Tool(WithIcons, _previous.Tool):
    inputSchema: ToolInputSchema
    outputSchema: ToolOutputSchema = None
    execution: ToolExecution = None


ListToolsResult = derive(_previous.ListToolsResult, tools=list[Tool])
CallToolResult = derive(_previous.CallToolResult, content=list[ContentBlock])


# --- tasks ----------------------------------------------------------------------------------------

TaskStatus = Literal["cancelled", "completed", "failed", "input_required", "working"]


class Task(WireModel):
    taskId: str
    status: TaskStatus
    statusMessage: str = None
    createdAt: str
    lastUpdatedAt: str
    ttl: NullableInt
    pollInterval: Int = None


class CreateTaskResult(Result):
    """The answer to a task-augmented request."""

    task: Task


class GetTaskResult(Result, Task):
    pass


class CancelTaskResult(Result, Task):
    pass


class GetTaskPayloadResult(Result):
    """The result of the task's request, whatever its type."""


class ListTasksResult(PaginatedResult):
    tasks: list[Task]


class TaskIdParams(WireModel):
    taskId: str


class GetTaskRequest(JSONRPCRequest):
    method: Literal["tasks/get"]
    params: TaskIdParams


class GetTaskPayloadRequest(JSONRPCRequest):
    method: Literal["tasks/result"]
    params: TaskIdParams


class CancelTaskRequest(JSONRPCRequest):
    method: Literal["tasks/cancel"]
    params: TaskIdParams


class PaginatedRequestParams(RequestParams):
    cursor: str = None


class ListTasksRequest(JSONRPCRequest):
    method: Literal["tasks/list"]
    params: PaginatedRequestParams = None


class TaskStatusNotificationParams(NotificationParams, Task):
    pass


class TaskStatusNotification(JSONRPCNotification):
    method: Literal["notifications/tasks/status"]
    params: TaskStatusNotificationParams


# --- notifications ----------------------------------------------------------------------------------


class CancelledNotificationParams(_previous.CancelledNotificationParams):
    requestId: RequestId = None  # "MUST be provided for cancelling non-task requests"


CancelledNotification = derive(_previous.CancelledNotification, params=CancelledNotificationParams)


class ElicitationCompleteParams(WireModel):
    # Not `NotificationParams`: the schema leaves this `_meta` untyped.
    elicitationId: str


class ElicitationCompleteNotification(JSONRPCNotification):
    method: Literal["notifications/elicitation/complete"]
    params: ElicitationCompleteParams


# --- sampling with tools --------------------------------------------------------------------------


class ToolUseContent(WithMeta):
    type: Literal["tool_use"]
    id: str
    name: str
    input: Object


class ToolResultContent(WithMeta):
    type: Literal["tool_result"]
    toolUseId: str
    content: list[ContentBlock]
    structuredContent: Object = None
    isError: bool = None


_SAMPLING_BLOCKS = (TextContent, ImageContent, AudioContent, ToolUseContent, ToolResultContent)
SamplingMessageContentBlock = keyed_union("type", *_SAMPLING_BLOCKS, name="SamplingMessageContentBlock")
SamplingContent = keyed_union("type", *_SAMPLING_BLOCKS, name="SamplingContent", array=list[SamplingMessageContentBlock])


class SamplingMessage(WithMeta, _previous.SamplingMessage):
    content: SamplingContent


class ToolChoice(WireModel):
    mode: Literal["auto", "none", "required"] = None


class CreateMessageRequestParams(_previous.CreateMessageRequestParams):
    messages: list[SamplingMessage]
    tools: list[Tool] = None
    toolChoice: ToolChoice = None
    task: TaskMetadata = None


CreateMessageRequest = derive(_previous.CreateMessageRequest, params=CreateMessageRequestParams)


# --- elicitation -----------------------------------------------------------------------------------


class StringSchema(_previous.StringSchema):
    default: str = None


class NumberSchema(_previous.NumberSchema):
    default: Number = None


class UntitledSingleSelectEnumSchema(PrimitiveSchema):
    type: Literal["string"]
    enum: list[str]
    default: str = None


class EnumOption(WireModel):
    const: str
    title: str


class TitledSingleSelectEnumSchema(PrimitiveSchema):
    type: Literal["string"]
    oneOf: list[EnumOption]
    default: str = None


class MultiSelectSchema(PrimitiveSchema):
    type: Literal["array"]
    minItems: Int = None
    maxItems: Int = None
    default: list[str] = None


class UntitledEnumItems(WireModel):
    type: Literal["string"]
    enum: list[str]


class UntitledMultiSelectEnumSchema(MultiSelectSchema):
    items: UntitledEnumItems


class TitledEnumItems(WireModel):
    anyOf: list[EnumOption]


class TitledMultiSelectEnumSchema(MultiSelectSchema):
    items: TitledEnumItems


class LegacyTitledEnumSchema(EnumSchema):
    default: str = None


PrimitiveSchemaDefinition = any_of(
    StringSchema,
    NumberSchema,
    BooleanSchema,
    UntitledSingleSelectEnumSchema,
    TitledSingleSelectEnumSchema,
    UntitledMultiSelectEnumSchema,
    TitledMultiSelectEnumSchema,
    LegacyTitledEnumSchema,
    name="PrimitiveSchemaDefinition",
)


class ElicitRequestedSchema(_previous.ElicitRequestedSchema):
    schema_: str = Field(None, alias="$schema")
    properties: dict[str, PrimitiveSchemaDefinition]


class ElicitRequestFormParams(RequestParams):
    """Parameters of a form-mode `elicitation/create` request (`mode` defaults to form)."""

    mode: Literal["form"] = None
    message: str
    requestedSchema: ElicitRequestedSchema
    task: TaskMetadata = None


ElicitRequestParams = keyed_union(
    "mode", ElicitRequestURLParams, ElicitRequestFormParams, name="ElicitRequestParams", default=ElicitRequestFormParams
)


ElicitRequest = derive(_previous.ElicitRequest, params=ElicitRequestParams)


# --- dispatch ---------------------------------------------------------------------------------------

ENVELOPES = {
    "request": "JSONRPCRequest",
    "notification": "JSONRPCNotification",
    "result": "JSONRPCResultResponse",
    "error": "JSONRPCErrorResponse",
}

SERVER_REQUESTS = (
    *_previous.SERVER_REQUESTS,
    "GetTaskRequest",
    "GetTaskPayloadRequest",
    "CancelTaskRequest",
    "ListTasksRequest",
)

SERVER_NOTIFICATIONS = (*_previous.SERVER_NOTIFICATIONS, "TaskStatusNotification", "ElicitationCompleteNotification")

RESULTS = {
    **_previous.RESULTS,
    "tools/call": ("CallToolResult", "CreateTaskResult"),
    "tasks/get": ("GetTaskResult",),
    "tasks/result": ("GetTaskPayloadResult",),
    "tasks/cancel": ("CancelTaskResult",),
    "tasks/list": ("ListTasksResult",),
}

ERRORS = {-32042: "URLElicitationRequiredError"}

CLIENT_NOTIFICATION_METHODS = _previous.CLIENT_NOTIFICATION_METHODS | {"notifications/tasks/status"}
