"""Wire models of MCP revision 2026-07-28, the stateless ("modern") revision.

Spec: https://modelcontextprotocol.io/specification/2026-07-28 (changelog:
https://modelcontextprotocol.io/specification/2026-07-28/changelog). Built on
2025-11-25; changes that reach a server's messages: no `initialize`, `ping` or
`logging/setLevel` (so no `InitializeResult` / `EmptyResult` answers), `server/discover`
(`DiscoverResult`); a required `resultType` on every result and the `serverInfo` slot of
`_meta`; cache hints (`ttlMs`, `cacheScope`) on list/read/discover results; multi
round-trip requests: `InputRequiredResult` (server-to-client requests ride in
`inputRequests` without a JSON-RPC envelope; a server sends no JSON-RPC requests at all);
`subscriptions/listen` and its acknowledgement; tasks moved to an extension (no
`tasks/*`, no `Tool.execution`); `_meta.io.modelcontextprotocol/subscriptionId` on
notifications; error types -32020/-32021/-32022 (and -32042 retired); tool schemas may use
any JSON Schema keyword; `structuredContent` any JSON value; `extensions` capability.

Differences from this revision's `schema.json` (following schema.ts and the spec text):
- `JSONObject`/`JSONValue` (capabilities, sampling `metadata`) accept any JSON value. The
  generated schema's `JSONValue` drops `null` and non-integer numbers, which schema.ts's
  `string | number | boolean | null | JSONObject | JSONArray` allows.
- Which result type answers `tools/call`, `prompts/get` and `resources/read` follows
  `resultType`: `"input_required"` means an `InputRequiredResult`, which must carry
  `inputRequests` or `requestState` ("At least one ... MUST be present"); any other value
  means the complete result. The schema's `anyOf` lets a bare `{"resultType": "complete"}`
  pass as an `InputRequiredResult`.
- The error `id` may be `null` and a response may not carry both `result` and `error`, as
  in 2025-11-25; formats are annotations.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from . import r2025_11_25 as _previous
from ._base import Meta, Object, RequestId, WireModel, derive, keyed_union, min_int, removed
from .r2025_11_25 import *  # noqa: F403 -- a revision is the previous one plus its changes

REVISION = "2026-07-28"
SPEC = "https://modelcontextprotocol.io/specification/2026-07-28"

JSONObject = Object
"""Any JSON object (see the module docstring on `JSONValue`)."""

# --- capabilities -------------------------------------------------------------------------------------


class ServerCapabilities(_previous.ServerCapabilities):
    extensions: dict[str, JSONObject] = None
    tasks: Any = removed()


class SamplingCapability(WireModel):
    context: JSONObject = None
    tools: JSONObject = None


class ElicitationCapability(WireModel):
    form: JSONObject = None
    url: JSONObject = None


class ClientCapabilities(WireModel):
    """What a client supports; a server names the ones it needs in error -32021."""

    experimental: dict[str, JSONObject] = None
    extensions: dict[str, JSONObject] = None
    roots: Object = None
    sampling: SamplingCapability = None
    elicitation: ElicitationCapability = None


# --- results ----------------------------------------------------------------------------------------------


class ResultMetaObject(WireModel):
    serverInfo: Implementation = Field(None, alias="io.modelcontextprotocol/serverInfo")


class ModernResult(WireModel):
    """Mixin: what every 2026-07-28 result carries."""

    resultType: str
    meta: ResultMetaObject = Field(None, alias="_meta")


NonNegativeInt = min_int(0)


class CacheableResult(ModernResult):
    ttlMs: NonNegativeInt
    cacheScope: Literal["private", "public"]


class Result(ModernResult, _previous.Result):
    pass


class EmptyResult(ModernResult, _previous.EmptyResult):
    pass


JSONRPCResultResponse = derive(_previous.JSONRPCResultResponse, result=Result)


class DiscoverResult(CacheableResult):
    """What `server/discover` answers: the versions and capabilities of the server."""

    supportedVersions: list[str]
    capabilities: ServerCapabilities
    instructions: str = None


class ListResourcesResult(CacheableResult, _previous.ListResourcesResult):
    pass


class ListResourceTemplatesResult(CacheableResult, _previous.ListResourceTemplatesResult):
    pass


class ReadResourceResult(CacheableResult, _previous.ReadResourceResult):
    pass


class ListPromptsResult(CacheableResult, _previous.ListPromptsResult):
    pass


class GetPromptResult(ModernResult, _previous.GetPromptResult):
    pass


class ToolInputSchema(WireModel):
    """Any JSON Schema 2020-12 object whose root `type` is `object`."""

    schema_: str = Field(None, alias="$schema")
    type: Literal["object"]


class ToolOutputSchema(WireModel):
    """Any JSON Schema 2020-12 object."""

    schema_: str = Field(None, alias="$schema")


class Tool(_previous.Tool):
    inputSchema: ToolInputSchema
    outputSchema: ToolOutputSchema = None
    execution: Any = removed()


class ListToolsResult(CacheableResult, _previous.ListToolsResult):
    tools: list[Tool]


class CallToolResult(ModernResult, _previous.CallToolResult):
    structuredContent: Any = None


class CompleteResult(ModernResult, _previous.CompleteResult):
    pass


class SubscriptionsListenResultMetaObject(ResultMetaObject):
    subscriptionId: RequestId = Field(alias="io.modelcontextprotocol/subscriptionId")


class SubscriptionsListenResult(ModernResult):
    meta: SubscriptionsListenResultMetaObject = Field(alias="_meta")


# --- multi round-trip: requests carried in a result -----------------------------------------------


class InputRequest(WireModel):
    """A server-to-client request carried in `inputRequests`: no JSON-RPC envelope."""

    method: str


ToolResultContent = derive(_previous.ToolResultContent, structuredContent=Any)


_SAMPLING_BLOCKS = (TextContent, ImageContent, AudioContent, ToolUseContent, ToolResultContent)
SamplingMessageContentBlock = keyed_union("type", *_SAMPLING_BLOCKS, name="SamplingMessageContentBlock")
SamplingContent = keyed_union("type", *_SAMPLING_BLOCKS, name="SamplingContent", array=list[SamplingMessageContentBlock])


SamplingMessage = derive(_previous.SamplingMessage, content=SamplingContent)


class CreateMessageRequestParams(_previous.CreateMessageRequestParams):
    messages: list[SamplingMessage]
    tools: list[Tool] = None
    metadata: JSONObject = None
    meta: Any = removed("_meta")
    task: Any = removed()


class CreateMessageRequest(InputRequest):
    method: Literal["sampling/createMessage"]
    params: CreateMessageRequestParams


class ListRootsRequestParams(WireModel):
    meta: Meta = Field(None, alias="_meta")


class ListRootsRequest(InputRequest):
    method: Literal["roots/list"]
    params: ListRootsRequestParams = None


class ElicitRequestFormParams(_previous.ElicitRequestFormParams):
    meta: Any = removed("_meta")
    task: Any = removed()


class ElicitRequestURLParams(_previous.ElicitRequestURLParams):
    elicitationId: Any = removed()
    meta: Any = removed("_meta")
    task: Any = removed()


ElicitRequestParams = keyed_union(
    "mode", ElicitRequestFormParams, ElicitRequestURLParams, name="ElicitRequestParams", default=ElicitRequestFormParams
)


class ElicitRequest(InputRequest):
    method: Literal["elicitation/create"]
    params: ElicitRequestParams


AnyInputRequest = keyed_union("method", CreateMessageRequest, ListRootsRequest, ElicitRequest, name="InputRequest")


class InputRequiredResult(ModernResult):
    """The server needs the client's answers to `inputRequests` before it can complete."""

    inputRequests: dict[str, AnyInputRequest] = None
    requestState: str = None

    @model_validator(mode="after")
    def _input_or_state(self) -> InputRequiredResult:
        # "At least one of `inputRequests` or `requestState` MUST be present."
        if self.inputRequests is None and self.requestState is None:
            raise PydanticCustomError("input_required", "an InputRequiredResult carries 'inputRequests' or 'requestState'")
        return self


def choose_result(method: str, result: dict, models: tuple[Any, ...]) -> tuple[Any, ...]:
    """`resultType` says which of a method's result types applies (see the docstring). `"task"` is the
    tasks extension's `CreateTaskResult` (SEP-2663), which the core schema does not define: no core
    model (the generic result only; the tasks scenarios judge it, and whether the request allowed it)."""
    if result.get("resultType") == "task":
        return ()
    if InputRequiredResult not in models:
        return models
    if result.get("resultType") == "input_required":
        return (InputRequiredResult,)
    return tuple(model for model in models if model is not InputRequiredResult)


# --- notifications -----------------------------------------------------------------------------------


class NotificationMetaObject(WireModel):
    subscriptionId: RequestId = Field(None, alias="io.modelcontextprotocol/subscriptionId")


class WithNotificationMeta(WireModel):
    meta: NotificationMetaObject = Field(None, alias="_meta")


class NotificationParams(WithNotificationMeta, _previous.NotificationParams):
    pass


class CancelledNotificationParams(WithNotificationMeta, _previous.CancelledNotificationParams):
    requestId: RequestId


CancelledNotification = derive(_previous.CancelledNotification, params=CancelledNotificationParams)


class ProgressNotificationParams(WithNotificationMeta, _previous.ProgressNotificationParams):
    pass


ProgressNotification = derive(_previous.ProgressNotification, params=ProgressNotificationParams)


class ResourceUpdatedNotificationParams(WithNotificationMeta, _previous.ResourceUpdatedNotificationParams):
    pass


ResourceUpdatedNotification = derive(_previous.ResourceUpdatedNotification, params=ResourceUpdatedNotificationParams)


class LoggingMessageNotificationParams(WithNotificationMeta, _previous.LoggingMessageNotificationParams):
    pass


LoggingMessageNotification = derive(_previous.LoggingMessageNotification, params=LoggingMessageNotificationParams)
ResourceListChangedNotification = derive(_previous.ResourceListChangedNotification, params=NotificationParams)
PromptListChangedNotification = derive(_previous.PromptListChangedNotification, params=NotificationParams)
ToolListChangedNotification = derive(_previous.ToolListChangedNotification, params=NotificationParams)


class SubscriptionFilter(WireModel):
    toolsListChanged: bool = None
    promptsListChanged: bool = None
    resourcesListChanged: bool = None
    resourceSubscriptions: list[str] = None


class SubscriptionsAcknowledgedNotificationParams(NotificationParams):
    notifications: SubscriptionFilter


class SubscriptionsAcknowledgedNotification(JSONRPCNotification):
    """Confirms which notifications a `subscriptions/listen` stream will carry."""

    method: Literal["notifications/subscriptions/acknowledged"]
    params: SubscriptionsAcknowledgedNotificationParams


# --- errors ---------------------------------------------------------------------------------------------


class RequiredCapabilities(WireModel):
    requiredCapabilities: ClientCapabilities


class SupportedVersions(WireModel):
    supported: list[str]
    requested: str


HeaderMismatchError = coded_error("HeaderMismatchError", -32020, "An HTTP header does not match the request body.")
MissingRequiredClientCapabilityError = coded_error(
    "MissingRequiredClientCapabilityError",
    -32021,
    "The request needs a client capability the client did not declare.",
    RequiredCapabilities,
)
UnsupportedProtocolVersionError = coded_error(
    "UnsupportedProtocolVersionError", -32022, "The server does not support the requested protocol version.", SupportedVersions
)


# --- dispatch ------------------------------------------------------------------------------------------

SERVER_REQUESTS: tuple[str, ...] = ()

SERVER_NOTIFICATIONS = (
    "CancelledNotification",
    "ProgressNotification",
    "ResourceListChangedNotification",
    "SubscriptionsAcknowledgedNotification",
    "ResourceUpdatedNotification",
    "PromptListChangedNotification",
    "ToolListChangedNotification",
    "LoggingMessageNotification",
)

RESULTS = {
    "server/discover": ("DiscoverResult",),
    "resources/list": ("ListResourcesResult",),
    "resources/templates/list": ("ListResourceTemplatesResult",),
    "resources/read": ("ReadResourceResult", "InputRequiredResult"),
    "subscriptions/listen": ("SubscriptionsListenResult",),
    "prompts/list": ("ListPromptsResult",),
    "prompts/get": ("GetPromptResult", "InputRequiredResult"),
    "tools/list": ("ListToolsResult",),
    "tools/call": ("CallToolResult", "InputRequiredResult"),
    "completion/complete": ("CompleteResult",),
}

ERRORS = {
    -32020: "HeaderMismatchError",
    -32021: "MissingRequiredClientCapabilityError",
    -32022: "UnsupportedProtocolVersionError",
}

CLIENT_NOTIFICATION_METHODS: frozenset[str] = frozenset()
