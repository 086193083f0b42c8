"""Pydantic models of the MCPB manifest, one family per schema (0.1-0.4 and legacy DXT 0.2.6).

These models are the source of truth: `schemas/mcpb-manifest/<version>.schema.json` is
exported from them (`python -m validator.schemas_export`) and `check` validates against
that export with `validator.engine.schemacheck`. The versions differ only by the
switches of `versions.Shape`, so one factory builds every family.

Shape and openness mirror the strict zod schemas `mcpb validate` runs
(modelcontextprotocol/mcpb 27083dc, `src/schemas/0.{1..4}.ts`): every fixed-shape object
forbids unknown keys, the maps `env`, `platform_overrides`, `user_config` and `_meta`
are open. Where zod and the JSON Schema mcpb publishes differ, zod wins (it is what
runs): `localization.resources` matches `${locale}` case-insensitively (`/i` in zod,
lost in the published JSON), and digit classes are ASCII as in ECMAScript.
A differential test holds each export against the official schema file.

Heavy (pydantic): imported only by the exporter and the tests, never by `check`.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from validator.standards.mcpb.versions import LEGACY, PLATFORMS, SHAPES, Shape

URI = {"format": "uri"}
"""zod `.url()`: `new URL(value)` must succeed (checked by `urls.can_parse`)."""
EMAIL = {"format": "email"}
"""zod 3 `.email()` (checked by `urls.is_email`)."""
# The pattern zod-to-json-schema emitted for `.email()` in the DXT 0.2.6 export, in
# ASCII classes (the JSON Schema keeps the `i` flag implicit by spelling both cases).
LEGACY_EMAIL_PATTERN = r"^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$"
ICON_SIZE_PATTERN = r"^[0-9]+x[0-9]+$"
LOCALE_PLACEHOLDER_PATTERN = r"\$\{[Ll][Oo][Cc][Aa][Ll][Ee]\}"
BCP47_PATTERN = r"^[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{1,8})*$"


def _opt(annotation: Any, description: str, **constraints: Any) -> tuple:
    """An optional field: absent is fine; present must satisfy ANNOTATION and CONSTRAINTS."""
    extra = constraints.pop("json_schema_extra", None)
    return (annotation, Field(default=None, description=description, json_schema_extra=extra, **constraints))


def _req(annotation: Any, description: str, **constraints: Any) -> tuple:
    extra = constraints.pop("json_schema_extra", None)
    return (annotation, Field(description=description, json_schema_extra=extra, **constraints))


@cache
def manifest_model(name: str) -> type[BaseModel]:
    """The root model of schema NAME (`0.1` ... `0.4` or `dxt-0.2.6`), built once."""
    return _build(SHAPES[name])


def _build(shape: Shape) -> type[BaseModel]:
    closed = ConfigDict(extra="forbid", populate_by_name=True, strict=True)
    open_ = ConfigDict(extra="allow", populate_by_name=True, strict=True)

    def model(model_name: str, doc: str, fields: dict, *, config: ConfigDict = closed) -> type[BaseModel]:
        return create_model(model_name, __config__=ConfigDict(**config), __doc__=doc, **fields)

    string_list = list[str]
    env = dict[str, str]
    override = model("PlatformOverride", "Replaces command, args or env on one platform.", {
        "command": _opt(str, "The executable for this platform."),
        "args": _opt(string_list, "Arguments for this platform."),
        "env": _opt(env, "Environment variables for this platform."),
    })
    mcp_config = model("McpConfig", "How the host launches the server; `${...}` variables are substituted.", {
        "command": _req(str, "The executable, e.g. node, python, uv or ${__dirname}/server/binary."),
        "args": _opt(string_list, "Arguments; an item that is exactly ${user_config.KEY} of a multiple option expands to several."),
        "env": _opt(env, "Environment variables for the server."),
        "platform_overrides": _opt(dict[str, override], "Per-platform replacements, keyed by process.platform (darwin, win32, linux)."),
    })
    server_types = ("python", "node", "binary", "uv") if shape.uv else ("python", "node", "binary")
    server = model("Server", "The bundled MCP server.", {
        "type": _req(Literal[server_types], "The runtime: node, python, binary" + (" or uv." if shape.uv else ".")),
        "entry_point": _req(str, "Path of the main server file, relative to the bundle root."),
        "mcp_config": _req(mcp_config, "How to launch the server."),
    })
    email_extra = {**EMAIL, "pattern": LEGACY_EMAIL_PATTERN} if shape.legacy else EMAIL
    author = model("Author", "Who wrote the extension.", {
        "name": _req(str, "The author's name."),
        "email": _opt(str, "Contact e-mail address.", json_schema_extra=email_extra),
        "url": _opt(str, "The author's web page.", json_schema_extra=URI),
    })
    repository = model("Repository", "Where the source code lives.", {
        "type": _req(str, "The version control system, e.g. git."),
        "url": _req(str, "The repository URL.", json_schema_extra=URI),
    })
    runtimes = model("Runtimes", "Runtime version requirements.", {
        "python": _opt(str, "Python version constraint, e.g. >=3.10."),
        "node": _opt(str, "Node.js version constraint, e.g. >=18.0.0."),
    })
    compatibility = model("Compatibility", "Where the extension runs.", {
        "claude_desktop": _opt(str, "Claude Desktop version constraint (semver range)."),
        "platforms": _opt(list[Literal[PLATFORMS]], "Supported platforms (process.platform names)."),
        "runtimes": _opt(runtimes, "Runtime version requirements."),
    }, config=open_ if shape.legacy else closed)
    tool = model("Tool", "A tool the server provides.", {
        "name": _req(str, "The tool's name."),
        "description": _opt(str, "What the tool does."),
    })
    prompt = model("Prompt", "A prompt the server provides.", {
        "name": _req(str, "The prompt's name."),
        "description": _opt(str, "What the prompt does."),
        "arguments": _opt(string_list, "Argument names, used as ${arguments.NAME} in text."),
        "text": _req(str, "The prompt text."),
    })
    option = model("UserConfigOption", "A setting the host collects from the user.", {
        "type": _req(Literal["string", "number", "boolean", "directory", "file"], "The kind of input."),
        "title": _req(str, "Label shown in the settings UI."),
        "description": _req(str, "Help text shown in the settings UI."),
        "required": _opt(bool, "The user must provide a value."),
        "default": _opt(Union[str, float, bool, string_list], "Default value (variables such as ${HOME} allowed)."),
        "multiple": _opt(bool, "Several directories or files may be chosen."),
        "sensitive": _opt(bool, "Mask the input and store it securely."),
        "min": _opt(float, "Smallest accepted number."),
        "max": _opt(float, "Largest accepted number."),
    })

    root: dict[str, tuple] = {
        "schema_": (str, Field(default=None, alias="$schema", description="A JSON Schema URL for editors.")),
    }
    if shape.legacy:
        root["dxt_version"] = _req(str, "The DXT manifest version.")
    else:
        root["dxt_version"] = _opt(Literal[shape.name], "@deprecated Use manifest_version instead.")
        root["manifest_version"] = _opt(Literal[shape.name], "The manifest specification version.")
    root.update({
        "name": _req(str, "Machine-readable name."),
        "display_name": _opt(str, "Human-friendly name."),
        "version": _req(str, "The extension's semantic version."),
        "description": _req(str, "Brief description."),
        "long_description": _opt(str, "Detailed description (Markdown)."),
        "author": _req(author, "Who wrote the extension."),
        "repository": _opt(repository, "Source code repository."),
        "homepage": _opt(str, "Homepage URL.", json_schema_extra=URI),
        "documentation": _opt(str, "Documentation URL.", json_schema_extra=URI),
        "support": _opt(str, "Support or issues URL.", json_schema_extra=URI),
        "icon": _opt(str, "Path of a PNG icon, relative to the bundle root."),
    })
    if shape.icons_localization_meta:
        icon = model("Icon", "One icon variant.", {
            "src": _req(str, "Path of the icon file."),
            "size": _req(str, "WIDTHxHEIGHT, e.g. 16x16.", pattern=ICON_SIZE_PATTERN),
            "theme": _opt(str, "light, dark or a platform label.", min_length=1),
        })
        localization = model("Localization", "Where translated strings live.", {
            "resources": _req(str, "Path pattern containing ${locale}.", pattern=LOCALE_PLACEHOLDER_PATTERN),
            "default_locale": _req(str, "BCP 47 locale of the manifest's own strings.", pattern=BCP47_PATTERN),
        })
        root["icons"] = _opt(list[icon], "Icon variants by size and theme.")
    root["screenshots"] = _opt(string_list, "Screenshot paths.")
    if shape.icons_localization_meta:
        root["localization"] = _opt(localization, "Translated strings.")
    root.update({
        "server": _req(server, "The bundled MCP server."),
        "tools": _opt(list[tool], "Tools the server provides."),
        "tools_generated": _opt(bool, "The server generates more tools at run time."),
        "prompts": _opt(list[prompt], "Prompts the server provides."),
        "prompts_generated": _opt(bool, "The server generates more prompts at run time."),
        "keywords": _opt(string_list, "Search keywords."),
        "license": _opt(str, "License identifier."),
    })
    if shape.privacy_policies:
        root["privacy_policies"] = _opt(list[Annotated[str, Field(json_schema_extra=URI)]],
                                        "Privacy policy URLs of the services the extension uses.")
    root.update({
        "compatibility": _opt(compatibility, "Where the extension runs."),
        "user_config": _opt(dict[str, option], "Settings the host collects from the user."),
    })
    if shape.icons_localization_meta:
        root["meta"] = (dict[str, dict[str, Any]], Field(
            default=None, alias="_meta", description="Client-specific metadata under reverse-DNS keys."))
    title = "legacy DXT 0.2.6" if shape.legacy else f"manifest_version {shape.name}"
    return model("McpbManifest", f"An MCP Bundle manifest.json ({title}).", root)


def json_schema(name: str) -> dict:
    """The JSON Schema (2020-12) exported from NAME's models, cleaned for publication."""
    raw = manifest_model(name).model_json_schema(by_alias=True, mode="validation")
    source = ("@anthropic-ai/dxt 0.2.6 (dxt validate)" if name == LEGACY
              else f"modelcontextprotocol/mcpb src/schemas/{name}.ts (mcpb validate)")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/agentconform/agentconform/schemas/mcpb-manifest/{name}.schema.json",
        "title": f"MCPB manifest.json {name} (agentconform export)",
        "$comment": f"Exported from agentconform's pydantic models; mirrors {source}. Do not edit.",
        **_published(raw),
    }


def _published(node: Any, *, in_properties: bool = False) -> Any:
    """NODE without pydantic's generated `title`s and `default: null` markers."""
    if isinstance(node, list):
        return [_published(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys are property names here, never keywords
        return {name: _published(sub) for name, sub in node.items()}
    kept = {}
    for key, value in node.items():
        if (key == "title" and isinstance(value, str)) or (key == "default" and value is None):
            continue
        kept[key] = _published(value, in_properties=key in ("properties", "$defs"))
    return kept
