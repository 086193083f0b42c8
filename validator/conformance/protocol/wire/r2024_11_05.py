"""Wire models of MCP revision 2024-11-05: every message a server sends, and what it holds.

Spec: https://modelcontextprotocol.io/specification/2024-11-05 (schema.ts of that
revision is normative). The later revision modules start from this one and change only
what their revision changed.

Messages are the JSON-RPC envelope merged with the MCP type, as they travel: in this
revision's schema a request type (`PingRequest`) carries only `method`/`params` and the
envelope (`JSONRPCRequest`) adds `jsonrpc`/`id` and types `params._meta`; a wire message
must satisfy both, so the models here carry both.

Where we differ from this revision's `schema.json` (following the spec text):

- `JSONRPCError.id` may be `null`. The schema requires a string or integer, but JSON-RPC
  2.0 (which MCP adopts) answers a request whose id could not be read (parse error,
  invalid request) with `"id": null` (https://www.jsonrpc.org/specification#response_object;
  requirement BASE-007). An absent `id` stays an error: both texts require the member.
- A response carrying both `result` and `error` is reported (the schema's open objects let
  it pass; JSON-RPC 2.0 and https://modelcontextprotocol.io/specification/2024-11-05/basic/messages
  say a response sets exactly one). That check lives in `validate.py`, as does the next.
- A server notification method with an `id` is reported ("Notifications MUST NOT include
  an ID", BASE-005); the schema's open envelope would take the `id` as an unknown member.
- `completion.values` holds at most 100 items, as schema.ts says in prose ("Must not
  exceed 100 items"); the schema.json of this revision has no `maxItems`.
- `format` keywords (`uri`, `byte`, `uri-template`) are annotations, as in JSON Schema by
  default: resource URIs and base64 payloads are checked by the conformance scenarios.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ._base import (
    Int,
    LoggingLevel,
    NullableRequestId,
    Number,
    Object,
    RequestId,
    Role,
    UnitNumber,
    WireModel,
    WithMeta,
    any_of,
    keyed_union,
)

REVISION = "2024-11-05"
SPEC = "https://modelcontextprotocol.io/specification/2024-11-05"

# --- JSON-RPC envelope ----------------------------------------------------------------


class RequestMeta(WireModel):
    """`params._meta` of a request: only `progressToken` is typed."""

    progressToken: RequestId = None


class RequestParams(WireModel):
    meta: RequestMeta = Field(None, alias="_meta")


class NotificationParams(WithMeta):
    pass


class JSONRPCRequest(WireModel):
    """A request that expects a response."""

    jsonrpc: Literal["2.0"]
    id: RequestId
    method: str
    params: RequestParams = None


class JSONRPCNotification(WireModel):
    """A notification, which does not expect a response."""

    jsonrpc: Literal["2.0"]
    method: str
    params: NotificationParams = None


class Result(WithMeta):
    """Common result fields (any other member is allowed)."""


class EmptyResult(Result):
    """A response that indicates success but carries no data."""


class JSONRPCResponse(WireModel):
    """A successful (non-error) response to a request."""

    jsonrpc: Literal["2.0"]
    id: RequestId
    result: Result


class Error(WireModel):
    """The `error` member of an error response."""

    code: Int
    message: str
    data: Any = None


class JSONRPCError(WireModel):
    """A response to a request that indicates an error occurred."""

    jsonrpc: Literal["2.0"]
    id: NullableRequestId
    error: Error


# --- content ----------------------------------------------------------------------------


class Annotations(WireModel):
    """Hints on how a client should use or display an object."""

    audience: list[Role] = None
    priority: UnitNumber = None


class WithAnnotations(WireModel):
    """Mixin: the optional `annotations` (the schema's `Annotated`)."""

    annotations: Annotations = None


class TextContent(WithAnnotations):
    type: Literal["text"]
    text: str


class ImageContent(WithAnnotations):
    type: Literal["image"]
    data: str = Field(json_schema_extra={"format": "byte"})
    mimeType: str


class ResourceContents(WireModel):
    uri: str = Field(json_schema_extra={"format": "uri"})
    mimeType: str = None


class TextResourceContents(ResourceContents):
    text: str


class BlobResourceContents(ResourceContents):
    blob: str = Field(json_schema_extra={"format": "byte"})


AnyResourceContents = any_of(TextResourceContents, BlobResourceContents, name="ResourceContents")


class EmbeddedResource(WithAnnotations):
    type: Literal["resource"]
    resource: AnyResourceContents


Content = keyed_union("type", TextContent, ImageContent, EmbeddedResource, name="Content")
"""What a tool result or a prompt message holds."""

SamplingContent = keyed_union("type", TextContent, ImageContent, name="SamplingContent")

# --- initialization ------------------------------------------------------------------------


class Implementation(WireModel):
    """The name and version of an MCP implementation."""

    name: str
    version: str


class ListChanged(WireModel):
    listChanged: bool = None


class ResourcesCapability(ListChanged):
    subscribe: bool = None


class ServerCapabilities(WireModel):
    """What a server supports: a present member declares a feature."""

    experimental: dict[str, Object] = None
    logging: Object = None
    prompts: ListChanged = None
    resources: ResourcesCapability = None
    tools: ListChanged = None


class InitializeResult(Result):
    protocolVersion: str
    capabilities: ServerCapabilities
    serverInfo: Implementation
    instructions: str = None


# --- resources ---------------------------------------------------------------------------


class PaginatedResult(Result):
    nextCursor: str = None


class Resource(WithAnnotations):
    uri: str = Field(json_schema_extra={"format": "uri"})
    name: str
    description: str = None
    mimeType: str = None
    size: Int = None


class ResourceTemplate(WithAnnotations):
    uriTemplate: str = Field(json_schema_extra={"format": "uri-template"})
    name: str
    description: str = None
    mimeType: str = None


class ListResourcesResult(PaginatedResult):
    resources: list[Resource]


class ListResourceTemplatesResult(PaginatedResult):
    resourceTemplates: list[ResourceTemplate]


class ReadResourceResult(Result):
    contents: list[AnyResourceContents]


# --- prompts --------------------------------------------------------------------------------


class PromptArgument(WireModel):
    name: str
    description: str = None
    required: bool = None


class Prompt(WireModel):
    name: str
    description: str = None
    arguments: list[PromptArgument] = None


class ListPromptsResult(PaginatedResult):
    prompts: list[Prompt]


class PromptMessage(WireModel):
    role: Role
    content: Content


class GetPromptResult(Result):
    description: str = None
    messages: list[PromptMessage]


# --- tools -------------------------------------------------------------------------------------


class ToolInputSchema(WireModel):
    """A JSON Schema object defining the expected parameters for a tool."""

    type: Literal["object"]
    properties: dict[str, Object] = None
    required: list[str] = None


class Tool(WireModel):
    name: str
    description: str = None
    inputSchema: ToolInputSchema


class ListToolsResult(PaginatedResult):
    tools: list[Tool]


class CallToolResult(Result):
    content: list[Content]
    isError: bool = None


# --- completion ------------------------------------------------------------------------------


class Completion(WireModel):
    # "Must not exceed 100 items" (the spec's schema.ts; the schema.json of this
    # revision leaves it out, 2026-07-28 adds `maxItems`).
    values: list[str] = Field(max_length=100)
    total: Int = None
    hasMore: bool = None


class CompleteResult(Result):
    completion: Completion


# --- server notifications ------------------------------------------------------------------


class CancelledNotificationParams(NotificationParams):
    requestId: RequestId
    reason: str = None


class CancelledNotification(JSONRPCNotification):
    method: Literal["notifications/cancelled"]
    params: CancelledNotificationParams


class ProgressNotificationParams(NotificationParams):
    progressToken: RequestId
    progress: Number
    total: Number = None


class ProgressNotification(JSONRPCNotification):
    method: Literal["notifications/progress"]
    params: ProgressNotificationParams


class ResourceListChangedNotification(JSONRPCNotification):
    method: Literal["notifications/resources/list_changed"]


class ResourceUpdatedNotificationParams(NotificationParams):
    uri: str = Field(json_schema_extra={"format": "uri"})


class ResourceUpdatedNotification(JSONRPCNotification):
    method: Literal["notifications/resources/updated"]
    params: ResourceUpdatedNotificationParams


class PromptListChangedNotification(JSONRPCNotification):
    method: Literal["notifications/prompts/list_changed"]


class ToolListChangedNotification(JSONRPCNotification):
    method: Literal["notifications/tools/list_changed"]


class LoggingMessageNotificationParams(NotificationParams):
    level: LoggingLevel
    logger: str = None
    data: Any


class LoggingMessageNotification(JSONRPCNotification):
    method: Literal["notifications/message"]
    params: LoggingMessageNotificationParams


# --- server requests (to the client) --------------------------------------------------------


class PingRequest(JSONRPCRequest):
    method: Literal["ping"]


class ModelHint(WireModel):
    name: str = None


class ModelPreferences(WireModel):
    """The server's preferences for the client's choice of model (all advisory)."""

    hints: list[ModelHint] = None
    costPriority: UnitNumber = None
    speedPriority: UnitNumber = None
    intelligencePriority: UnitNumber = None


class SamplingMessage(WireModel):
    role: Role
    content: SamplingContent


class CreateMessageRequestParams(RequestParams):
    messages: list[SamplingMessage]
    modelPreferences: ModelPreferences = None
    systemPrompt: str = None
    includeContext: Literal["allServers", "none", "thisServer"] = None
    temperature: Number = None
    maxTokens: Int
    stopSequences: list[str] = None
    metadata: Object = None


class CreateMessageRequest(JSONRPCRequest):
    method: Literal["sampling/createMessage"]
    params: CreateMessageRequestParams


class ListRootsRequest(JSONRPCRequest):
    method: Literal["roots/list"]


# --- what the validator dispatches on ----------------------------------------------------------

BATCHING = False
"""Whether a JSON array of messages (a JSON-RPC batch) is a legal message."""

ENVELOPES = {
    "request": "JSONRPCRequest",
    "notification": "JSONRPCNotification",
    "result": "JSONRPCResponse",
    "error": "JSONRPCError",
}

SERVER_REQUESTS = ("PingRequest", "CreateMessageRequest", "ListRootsRequest")
"""Requests a server may send to a client (`ServerRequest`), by class name."""

SERVER_NOTIFICATIONS = (
    "CancelledNotification",
    "ProgressNotification",
    "ResourceListChangedNotification",
    "ResourceUpdatedNotification",
    "PromptListChangedNotification",
    "ToolListChangedNotification",
    "LoggingMessageNotification",
)
"""Notifications a server may send (`ServerNotification`), by class name."""

RESULTS: dict[str, tuple[str, ...]] = {
    "initialize": ("InitializeResult",),
    "ping": ("EmptyResult",),
    "resources/list": ("ListResourcesResult",),
    "resources/templates/list": ("ListResourceTemplatesResult",),
    "resources/read": ("ReadResourceResult",),
    "resources/subscribe": ("EmptyResult",),
    "resources/unsubscribe": ("EmptyResult",),
    "prompts/list": ("ListPromptsResult",),
    "prompts/get": ("GetPromptResult",),
    "tools/list": ("ListToolsResult",),
    "tools/call": ("CallToolResult",),
    "logging/setLevel": ("EmptyResult",),
    "completion/complete": ("CompleteResult",),
}
"""Client request method -> the result type(s) a server answers it with (any one fits)."""

ERRORS: dict[int, str] = {}
"""Error code -> a more specific error response type than the generic one."""

CLIENT_NOTIFICATION_METHODS = frozenset(
    {"notifications/cancelled", "notifications/initialized", "notifications/progress", "notifications/roots/list_changed"}
)
"""Notifications of this revision that only a client sends (for clearer messages)."""
