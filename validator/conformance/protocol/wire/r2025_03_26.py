"""Wire models of MCP revision 2025-03-26: revision 2024-11-05 plus what this one changed.

Spec: https://modelcontextprotocol.io/specification/2025-03-26 (changelog:
https://modelcontextprotocol.io/specification/2025-03-26/changelog). Changes that reach
the wire: audio content, the `Annotations` type, tool annotations, a `message` on
progress notifications, the `completions` server capability, and JSON-RPC batching
(a message may be an array of requests/notifications or of responses).

Differences from this revision's `schema.json`: those of 2024-11-05 (null error `id`,
`result` with `error`, at most 100 completion values, formats as annotations), plus: an
empty batch is reported (the schema's arrays allow `[]`; JSON-RPC 2.0 says a server MUST
NOT return an empty array, https://www.jsonrpc.org/specification#batch).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from . import r2024_11_05 as _previous
from ._base import Object, WireModel, derive, keyed_union
from .r2024_11_05 import *  # noqa: F403 -- a revision is the previous one plus its changes
from .r2024_11_05 import WithAnnotations

REVISION = "2025-03-26"
SPEC = "https://modelcontextprotocol.io/specification/2025-03-26"


class AudioContent(WithAnnotations):
    type: Literal["audio"]
    data: str = Field(json_schema_extra={"format": "byte"})
    mimeType: str


Content = keyed_union("type", TextContent, ImageContent, AudioContent, EmbeddedResource, name="Content")
SamplingContent = keyed_union("type", TextContent, ImageContent, AudioContent, name="SamplingContent")


CallToolResult = derive(_previous.CallToolResult, content=list[Content])
PromptMessage = derive(_previous.PromptMessage, content=Content)
GetPromptResult = derive(_previous.GetPromptResult, messages=list[PromptMessage])
SamplingMessage = derive(_previous.SamplingMessage, content=SamplingContent)
CreateMessageRequestParams = derive(_previous.CreateMessageRequestParams, messages=list[SamplingMessage])
CreateMessageRequest = derive(_previous.CreateMessageRequest, params=CreateMessageRequestParams)


class ProgressNotificationParams(_previous.ProgressNotificationParams):
    message: str = None


ProgressNotification = derive(_previous.ProgressNotification, params=ProgressNotificationParams)


class ServerCapabilities(_previous.ServerCapabilities):
    completions: Object = None


InitializeResult = derive(_previous.InitializeResult, capabilities=ServerCapabilities)


class ToolAnnotations(WireModel):
    """Hints describing a tool's behaviour (never to be trusted from an untrusted server)."""

    title: str = None
    readOnlyHint: bool = None
    destructiveHint: bool = None
    idempotentHint: bool = None
    openWorldHint: bool = None


class Tool(_previous.Tool):
    annotations: ToolAnnotations = None


ListToolsResult = derive(_previous.ListToolsResult, tools=list[Tool])

BATCHING = True
