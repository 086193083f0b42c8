"""Pydantic models of server.json, one family per published schema version.

These models are the source of truth: `schemas/server-json/<version>.schema.json` is
exported from them (`python -m validator.schemas_export`), and the linter validates
against that export. The six versions differ only by the switches of
`versions.Shape`, so one factory builds each family instead of six near-copies.

Openness mirrors the published schemas exactly: objects accept unknown keys except
`Package` up to 2025-09-29. A differential test holds every exported schema against the
official file on the real corpus and on mutations.

Heavy (pydantic): imported only by the exporter and the tests, never by `check`.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator
from pydantic.alias_generators import to_camel

from validator.engine.schemas import clean_model_schema
from validator.standards.server_json.versions import SHAPES, Shape

URL_PATTERN = r"^https?://[^\s]+$"
NAME_PATTERN = r"^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$"
SHA256_PATTERN = r"^[a-f0-9]{64}$"
ICON_SIZE_PATTERN = r"^(\d+x\d+|any)$"
URI = {"format": "uri"}


def _opt(annotation: Any, description: str, **constraints: Any) -> tuple:
    """An optional field: absent is fine, present must satisfy ANNOTATION and constraints."""
    extra = constraints.pop("json_schema_extra", None)
    return (annotation, Field(default=None, description=description, json_schema_extra=extra, **constraints))


def _req(annotation: Any, description: str, **constraints: Any) -> tuple:
    extra = constraints.pop("json_schema_extra", None)
    return (annotation, Field(description=description, json_schema_extra=extra, **constraints))


class _PositionalValueOrHint(BaseModel):
    """A positional argument needs `valueHint` or `value` (schema: anyOf of two `required`)."""

    @model_validator(mode="after")
    def _value_or_hint(self):
        fields = self.model_fields_set
        if "value" not in fields and "value_hint" not in fields:
            raise ValueError("a positional argument needs 'valueHint' or 'value'")
        return self


@cache
def server_detail(version: str) -> type[BaseModel]:
    """The root model (`ServerDetail`) of VERSION, built once."""
    return _build(SHAPES[version])


def _build(shape: Shape) -> type[BaseModel]:
    def name(snake: str) -> str:
        return to_camel(snake) if shape.camel else snake

    open_config = ConfigDict(extra="allow", alias_generator=to_camel if shape.camel else None,
                             populate_by_name=True, title=None)
    closed_config = ConfigDict(**{**open_config, "extra": "forbid"})

    def model(model_name: str, doc: str, fields: dict, *, closed: bool = False, base=None,
              schema_extra: dict | None = None) -> type[BaseModel]:
        config = ConfigDict(**(closed_config if closed else open_config))
        if schema_extra:
            config["json_schema_extra"] = schema_extra
        if base is not None:
            return create_model(model_name, __base__=base, __doc__=doc, **fields)
        return create_model(model_name, __config__=config, __doc__=doc, **fields)

    input_fields = {
        "description": _opt(str, "What the input is for, shown to the user."),
        "is_required": _opt(bool, "Whether the user must provide a value."),
        "format": _opt(Literal["string", "number", "boolean", "filepath"], "How the value is interpreted."),
        "value": _opt(str, "A fixed value; `{curly}` identifiers are replaced from `variables`."),
        "is_secret": _opt(bool, "The value is a secret (password, token); clients store it securely."),
        "default": _opt(str, "The default value."),
        "choices": _opt(list[str], "The values the user may choose from."),
    }
    if shape.input_placeholder:
        input_fields["placeholder"] = _opt(str, "An example or hint shown while the user configures the input.")
    Input = model("Input", "A value the user may be asked to provide.", input_fields)
    InputWithVariables = create_model(
        "InputWithVariables", __base__=Input, __doc__="An input whose `value` may use `{variables}`.",
        variables=_opt(dict[str, Input], "Values for the `{curly}` identifiers in `value`."))
    KeyValueInput = create_model(
        "KeyValueInput", __base__=InputWithVariables, __doc__="An environment variable or HTTP header.",
        name=_req(str, "The variable or header name."))
    positional_config = ConfigDict(**open_config,
                                   json_schema_extra={"anyOf": [{"required": [name("value_hint")]}, {"required": ["value"]}]})
    PositionalArgument = create_model(
        "PositionalArgument", __base__=(InputWithVariables, _PositionalValueOrHint),
        __doc__="A value inserted verbatim into the command line.",
        type=_req(Literal["positional"], "Argument kind."),
        value_hint=_opt(str, "A label for the argument; also a transport URL variable name."),
        is_repeated=_opt(bool, "The argument may be repeated."))
    PositionalArgument.model_config.update(positional_config)
    PositionalArgument.model_rebuild(force=True)
    NamedArgument = create_model(
        "NamedArgument", __base__=InputWithVariables, __doc__="A command-line `--flag={value}`.",
        type=_req(Literal["named"], "Argument kind."),
        name=_req(str, "The flag name, including any leading dashes."),
        is_repeated=_opt(bool, "The flag may be repeated."))
    Argument = Union[PositionalArgument, NamedArgument]

    if shape.url_pattern:
        http_url = _req(str, "Endpoint URL; `{variables}` are allowed.", pattern=URL_PATTERN)
        sse_url = _req(str, "Endpoint URL; `{variables}` are allowed.", pattern=URL_PATTERN)
    else:
        http_url = _req(str, "Endpoint URL.")
        sse_url = _req(str, "Endpoint URL.", json_schema_extra=URI)
    headers = _opt(list[KeyValueInput], "HTTP headers to send.")
    StdioTransport = model("StdioTransport", "Standard input/output.",
                           {"type": _req(Literal["stdio"], "Transport type.")})
    StreamableHttpTransport = model("StreamableHttpTransport", "Streamable HTTP.", {
        "type": _req(Literal["streamable-http"], "Transport type."), "url": http_url, "headers": headers})
    SseTransport = model("SseTransport", "HTTP with Server-Sent Events (deprecated in MCP 2025-03-26).", {
        "type": _req(Literal["sse"], "Transport type."), "url": sse_url, "headers": headers})
    LocalTransport = Union[StdioTransport, StreamableHttpTransport, SseTransport]
    if shape.remote_variables:
        variables = _opt(dict[str, Input], "Values for the `{curly}` identifiers in the URL.")
        RemoteStreamableHttp = create_model("RemoteStreamableHttpTransport", __base__=StreamableHttpTransport,
                                            __doc__="A hosted Streamable HTTP endpoint.", variables=variables)
        RemoteSse = create_model("RemoteSseTransport", __base__=SseTransport,
                                 __doc__="A hosted SSE endpoint.", variables=variables)
        RemoteTransport = Union[RemoteStreamableHttp, RemoteSse]
    else:
        RemoteTransport = Union[StreamableHttpTransport, SseTransport]

    version_constraints = dict(min_length=1, json_schema_extra={"not": {"const": "latest"}})
    package_version = (_req(str, "The package version (a single version, not a range).", **version_constraints)
                       if shape.package_version_required else
                       _opt(str, "The package version (a single version, not a range).", **version_constraints))
    Package = model("Package", "A way to install and run the server locally.", {
        "registry_type": _req(str, "Where the package comes from: npm, pypi, oci, nuget, mcpb."),
        "registry_base_url": _opt(str, "Base URL of the package registry.", json_schema_extra=URI),
        "identifier": _req(str, "Package name, OCI image reference or MCPB download URL."),
        "version": package_version,
        "file_sha256": _opt(str, "SHA-256 of the package file.", pattern=SHA256_PATTERN),
        "runtime_hint": _opt(str, "The runtime to launch it with (npx, uvx, docker, dnx)."),
        "transport": _req(LocalTransport, "How a client talks to the running package."),
        "runtime_arguments": _opt(list[Argument], "Arguments for the runtime (e.g. docker, npx)."),
        "package_arguments": _opt(list[Argument], "Arguments for the package's own binary."),
        "environment_variables": _opt(list[KeyValueInput], "Environment variables to set."),
    }, closed=shape.package_closed)

    Repository = model("Repository", "Where the source code lives.", {
        "url": _req(str, "Repository URL.", json_schema_extra=URI),
        "source": _req(str, "The hosting service, e.g. github or gitlab."),
        "id": _opt(str, "The hosting service's stable repository id."),
        "subfolder": _opt(str, "Relative path of the server inside a monorepo."),
    })

    meta_fields = {"publisher_provided": (dict[str, Any], Field(
        default=None, alias="io.modelcontextprotocol.registry/publisher-provided",
        description="Publisher-provided metadata for downstream registries (at most 4 KB)."))}
    if shape.meta_official:
        meta_fields["official"] = (dict[str, Any], Field(
            default=None, alias="io.modelcontextprotocol.registry/official",
            description="Registry-managed metadata (not written by publishers since 2025-09-29)."))
    Meta = create_model("ServerMeta", __config__=ConfigDict(extra="allow", populate_by_name=True),
                        __doc__="Extension metadata under reverse-DNS keys.", **meta_fields)

    server_fields: dict[str, tuple] = {
        "schema_": (str, Field(default=None, alias="$schema", description="The server.json schema URL.",
                               json_schema_extra=URI)),
        "name": _req(str, "Reverse-DNS namespace, a slash, and the server name.",
                     min_length=3, max_length=200, pattern=NAME_PATTERN),
        "description": _req(str, "What the server does.", min_length=1, max_length=100),
        "version": _req(str, "The server version (a single version, not a range).", max_length=255),
        "repository": _opt(Repository, "Where the source code lives."),
        "website_url": _opt(str, "Homepage or documentation URL.", json_schema_extra=URI),
        "packages": _opt(list[Package], "Ways to install and run the server locally."),
        "remotes": _opt(list[RemoteTransport], "Hosted endpoints."),
        "meta": (Meta, Field(default=None, alias="_meta", description="Extension metadata.")),
    }
    if shape.server_status:
        server_fields["status"] = _opt(Literal["active", "deprecated", "deleted"], "Lifecycle status.")
    if shape.title_icons:
        Icon = model("Icon", "An icon a client can display.", {
            "src": _req(str, "Icon URL (https).", max_length=255, json_schema_extra=URI),
            "mime_type": _opt(Literal["image/png", "image/jpeg", "image/jpg", "image/svg+xml", "image/webp"],
                              "MIME type override."),
            "sizes": _opt(list[Annotated[str, Field(pattern=ICON_SIZE_PATTERN)]], "Sizes as WxH or 'any'."),
            "theme": _opt(Literal["light", "dark"], "The background the icon is designed for."),
        })
        server_fields["title"] = _opt(str, "Display name.", min_length=1, max_length=100)
        server_fields["icons"] = _opt(list[Icon], "Icons a client can display.")
    ServerDetail = model("ServerDetail", f"An MCP server as described for the MCP registry (schema {shape.version}).",
                         server_fields)
    return ServerDetail


def json_schema(version: str) -> dict:
    """The JSON Schema (2020-12) exported from VERSION's models, cleaned for publication."""
    shape = SHAPES[version]
    raw = server_detail(version).model_json_schema(by_alias=True, mode="validation")
    cleaned = clean_model_schema(raw)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/agentconform/agentconform/schemas/server-json/{version}.schema.json",
        "title": f"MCP registry server.json {version} (agentconform export)",
        "$comment": f"Exported from agentconform's pydantic models; equivalent to {shape.url}. Do not edit.",
        **cleaned,
    }
