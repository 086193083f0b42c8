"""Wire models of MCP revision 2025-06-18: revision 2025-03-26 plus what this one changed.

Spec: https://modelcontextprotocol.io/specification/2025-06-18 (changelog:
https://modelcontextprotocol.io/specification/2025-06-18/changelog). Changes that reach
the wire: JSON-RPC batching removed; structured tool output (`Tool.outputSchema`,
`CallToolResult.structuredContent`); elicitation (`elicitation/create`); resource links
in tool results (`ContentBlock`); `title` on named things (`BaseMetadata`); `_meta` on
content, resources, prompts and tools; `Annotations.lastModified`.

Differences from this revision's `schema.json`: those of 2024-11-05 (null error `id`,
`result` with `error`, at most 100 completion values, formats as annotations).
"""

from __future__ import annotations

from typing import Literal

from . import r2025_03_26 as _previous
from ._base import Int, Number, Object, WireModel, WithMeta, any_of, derive, keyed_union
from .r2025_03_26 import *  # noqa: F403 -- a revision is the previous one plus its changes

REVISION = "2025-06-18"
SPEC = "https://modelcontextprotocol.io/specification/2025-06-18"


class Annotations(_previous.Annotations):
    lastModified: str = None


WithAnnotations = derive(_previous.WithAnnotations, annotations=Annotations)


class WithTitle(WireModel):
    """Mixin: the optional display name of `BaseMetadata`."""

    title: str = None


class BaseMetadata(WithTitle):
    name: str


# --- content ---------------------------------------------------------------------------------


class TextContent(WithMeta, WithAnnotations, _previous.TextContent):
    pass


class ImageContent(WithMeta, WithAnnotations, _previous.ImageContent):
    pass


class AudioContent(WithMeta, WithAnnotations, _previous.AudioContent):
    pass


class TextResourceContents(WithMeta, _previous.TextResourceContents):
    pass


class BlobResourceContents(WithMeta, _previous.BlobResourceContents):
    pass


AnyResourceContents = any_of(TextResourceContents, BlobResourceContents, name="ResourceContents")


class EmbeddedResource(WithMeta, WithAnnotations, _previous.EmbeddedResource):
    resource: AnyResourceContents


class Resource(WithMeta, WithTitle, WithAnnotations, _previous.Resource):
    pass


class ResourceLink(Resource):
    """A resource the server can read, included in a prompt or tool result."""

    type: Literal["resource_link"]


ContentBlock = keyed_union("type", TextContent, ImageContent, AudioContent, ResourceLink, EmbeddedResource, name="ContentBlock")
SamplingContent = keyed_union("type", TextContent, ImageContent, AudioContent, name="SamplingContent")

# --- results -----------------------------------------------------------------------------------


class Implementation(WithTitle, _previous.Implementation):
    pass


InitializeResult = derive(_previous.InitializeResult, serverInfo=Implementation)


class ResourceTemplate(WithMeta, WithTitle, WithAnnotations, _previous.ResourceTemplate):
    pass


ListResourcesResult = derive(_previous.ListResourcesResult, resources=list[Resource])
ListResourceTemplatesResult = derive(_previous.ListResourceTemplatesResult, resourceTemplates=list[ResourceTemplate])
ReadResourceResult = derive(_previous.ReadResourceResult, contents=list[AnyResourceContents])


class PromptArgument(WithTitle, _previous.PromptArgument):
    pass


class Prompt(WithMeta, WithTitle, _previous.Prompt):
    arguments: list[PromptArgument] = None


ListPromptsResult = derive(_previous.ListPromptsResult, prompts=list[Prompt])
PromptMessage = derive(_previous.PromptMessage, content=ContentBlock)
GetPromptResult = derive(_previous.GetPromptResult, messages=list[PromptMessage])


class ToolOutputSchema(_previous.ToolInputSchema):
    """A JSON Schema object defining the structure of a tool's `structuredContent`."""


class Tool(WithMeta, WithTitle, _previous.Tool):
    outputSchema: ToolOutputSchema = None


ListToolsResult = derive(_previous.ListToolsResult, tools=list[Tool])


class CallToolResult(_previous.CallToolResult):
    content: list[ContentBlock]
    structuredContent: Object = None


# --- server requests ----------------------------------------------------------------------------


SamplingMessage = derive(_previous.SamplingMessage, content=SamplingContent)
CreateMessageRequestParams = derive(_previous.CreateMessageRequestParams, messages=list[SamplingMessage])
CreateMessageRequest = derive(_previous.CreateMessageRequest, params=CreateMessageRequestParams)


class PrimitiveSchema(WireModel):
    """What every elicitation field schema may carry."""

    title: str = None
    description: str = None


class StringSchema(PrimitiveSchema):
    type: Literal["string"]
    minLength: Int = None
    maxLength: Int = None
    format: Literal["date", "date-time", "email", "uri"] = None


class NumberSchema(PrimitiveSchema):
    type: Literal["integer", "number"]
    minimum: Number = None
    maximum: Number = None


class BooleanSchema(PrimitiveSchema):
    type: Literal["boolean"]
    default: bool = None


class EnumSchema(PrimitiveSchema):
    type: Literal["string"]
    enum: list[str]
    enumNames: list[str] = None


PrimitiveSchemaDefinition = any_of(StringSchema, NumberSchema, BooleanSchema, EnumSchema, name="PrimitiveSchemaDefinition")


class ElicitRequestedSchema(WireModel):
    """A restricted subset of JSON Schema: a flat object of primitive properties."""

    type: Literal["object"]
    properties: dict[str, PrimitiveSchemaDefinition]
    required: list[str] = None


class ElicitRequestParams(RequestParams):
    message: str
    requestedSchema: ElicitRequestedSchema


class ElicitRequest(JSONRPCRequest):
    """A request from the server to elicit information from the user via the client."""

    method: Literal["elicitation/create"]
    params: ElicitRequestParams


# --- dispatch -----------------------------------------------------------------------------------

BATCHING = False

SERVER_REQUESTS = (*_previous.SERVER_REQUESTS, "ElicitRequest")
