"""Pydantic model of an MCP Server Card, the source of truth for `schemas/mcp-server-card/v1.schema.json`.

Written from the facts of the experimental extension's published schema (`schema.json`,
`$defs.ServerCard`, generated from its `schema.ts`): required fields, lengths, patterns,
enums, `format: uri`; every object open, as there. A differential test holds the export
against the official schema on its own examples and on mutations.

Heavy (pydantic): imported only by the exporter and the tests.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from validator.modelkit import open_model, published
from validator.modelkit import optional as _opt
from validator.modelkit import required as _req

URI = {"format": "uri"}
SCHEMA_URL_PATTERN = r"^https://static\.modelcontextprotocol\.io/schemas/v1/server-card\.schema\.json$"
NAME_PATTERN = r"^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$"
REMOTE_URL_PATTERN = r"^(https?://[^\s]+|\{[a-zA-Z_][a-zA-Z0-9_]*\}[^\s]*)$"


def _model(name: str, doc: str, fields: dict, base: type[BaseModel] | None = None) -> type[BaseModel]:
    return open_model(name, doc, fields, base=base)


@lru_cache(maxsize=1)
def server_card() -> type[BaseModel]:
    Input = _model("Input", "A user-supplied or pre-set value for a URL variable or a header.", {
        "description": _opt(str, "What the input is for."),
        "isRequired": _opt(bool, "The input must be supplied for the connection to succeed."),
        "isSecret": _opt(bool, "The value is a secret; clients handle it securely."),
        "format": _opt(Literal["boolean", "filepath", "number", "string"], "How the value is interpreted."),
        "default": _opt(str, "Default value."),
        "placeholder": _opt(str, "An example or hint shown while configuring."),
        "value": _opt(str, "A pre-set value; `{curly}` identifiers are replaced from `variables`."),
        "choices": _opt(list[str], "The values the user may choose from."),
    })
    KeyValueInput = _model("KeyValueInput", "An HTTP header.", {
        "name": _req(str, "The header name."),
        "variables": _opt(dict[str, Input], "Values for the `{curly}` identifiers in `value`."),
    }, base=Input)
    Remote = _model("Remote", "An HTTP endpoint of the server.", {
        "type": _req(Literal["sse", "streamable-http"], "The transport."),
        "url": _req(str, "URL template; `{variables}` are substituted before connecting.", pattern=REMOTE_URL_PATTERN),
        "headers": _opt(list[KeyValueInput], "HTTP headers required or accepted."),
        "variables": _opt(dict[str, Input], "Values for the `{curly}` identifiers in `url`."),
        "supportedProtocolVersions": _opt(list[str], "MCP protocol revisions this endpoint supports."),
    })
    Repository = _model("Repository", "Where the source code lives.", {
        "url": _req(str, "Repository URL.", json_schema_extra=URI),
        "source": _req(str, "The hosting service, e.g. github."),
        "subfolder": _opt(str, "Relative path of the server inside a monorepo."),
        "id": _opt(str, "The hosting service's stable repository id."),
    })
    Icon = _model("Icon", "An icon a client can display.", {
        "src": _req(str, "Icon URL.", json_schema_extra=URI),
        "mimeType": _opt(str, "MIME type override."),
        "sizes": _opt(list[str], "Sizes as WxH or 'any'."),
        "theme": _opt(Literal["dark", "light"], "The background the icon is designed for."),
    })
    return _model("ServerCard", "An MCP Server Card (experimental extension, schema v1).", {
        "schema_": (str, Field(alias="$schema", description="The Server Card schema URL.", pattern=SCHEMA_URL_PATTERN,
                               json_schema_extra=URI)),
        "name": _req(str, "Reverse-DNS namespace, a slash, and the server name.", min_length=3, max_length=200,
                     pattern=NAME_PATTERN),
        "version": _req(str, "The server version (not a range).", max_length=255),
        "description": _req(str, "What the server does.", min_length=1, max_length=100),
        "title": _opt(str, "Display name.", min_length=1, max_length=100),
        "websiteUrl": _opt(str, "Homepage or documentation URL.", json_schema_extra=URI),
        "repository": _opt(Repository, "Where the source code lives."),
        "icons": _opt(list[Icon], "Icons a client can display."),
        "remotes": _opt(list[Remote], "The server's HTTP endpoints."),
        "meta": (dict[str, Any], Field(default=None, alias="_meta", description="Extension metadata under reverse-DNS keys.")),
    })


def json_schema() -> dict:
    return published(server_card(), "mcp-server-card/v1.schema.json", "MCP Server Card v1 (agentconform export)",
                     "Exported from agentconform's pydantic model, written from the facts of "
                     "https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json. Do not edit.")
