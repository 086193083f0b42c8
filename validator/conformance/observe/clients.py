"""Client-side constraints on MCP tools, one record per client, each with its sources.

Data only. The rows restate the project's research (`../shared/docs/mcp-protocol.md` §5,
"Client-side constraints"), whose sources are public API references, SDK code and
issue threads; a few Gemini details come from issue threads named in `sources`. A rule
`breaks` when the client refuses the tool or the whole request, and `degrades` when it
warns, renames or silently drops something.

To add a client: append a `Client`; `matrix.evaluate` applies every field that is set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    sources: tuple[str, ...]
    on_violation: str
    name_pattern: str | None = None
    """Regex the tool name (after `prefix`) must match in full."""
    prefix: str | None = None
    """How the client prefixes tool names (`{server}` is the server's name)."""
    prefixed_max: int | None = None
    """Maximum length of the prefixed name."""
    combined_max: int | None = None
    """Maximum length of server name + tool name."""
    soft_name_pattern: str | None = None
    """Names outside this pattern are accepted but warned about or renamed."""
    max_tools: int | None = None
    soft_max_tools: int | None = None
    root_composition: tuple[str, ...] = ()
    """Keywords not allowed at the root of inputSchema."""
    schema_keywords: frozenset[str] | None = None
    """When set, the only keywords allowed in any (sub)schema of inputSchema."""
    property_name_pattern: str | None = None
    string_formats: frozenset[str] | None = None
    string_enums_only: bool = False
    single_type: bool = False
    """`type` must be one string (no type arrays)."""
    no_boolean_subschemas: bool = False
    """A boolean schema as the value of a named property (at any depth) drops the server's tools.
    Booleans under other keywords stay allowed: `additionalProperties: false` is what the
    TypeScript SDK emits for every object, and anthropics/claude-code#82949 found it innocent."""
    no_boolean_properties: bool = False
    """`properties` values must be objects (a boolean there rejects the whole list)."""
    output_schema_object: bool = False
    structured_content_required: bool = False
    structured_content_validated: bool = False
    notes: str = ""


ANTHROPIC_NAME = r"[a-zA-Z0-9_-]{1,64}"
ROOT_COMPOSITION = ("oneOf", "anyOf", "allOf")
# Gemini's legacy `parameters` (OpenAPI 3.0 subset): the keywords a Schema object may carry
GEMINI_KEYWORDS = frozenset({
    "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties", "required",
    "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf", "propertyOrdering",
    "default", "items", "minimum", "maximum",
})

CLIENTS: tuple[Client, ...] = (
    Client("openai", "OpenAI Chat Completions / Responses (function tools)",
           ("OpenAI API reference: function name ^[a-zA-Z0-9_-]{1,64}$, at most 128 functions",
            "openai/codex#8174", "portkey.ai error 10046"),
           "HTTP 400 invalid_request_error for the whole request",
           name_pattern=ANTHROPIC_NAME, max_tools=128,
           notes="strict mode (opt-in) adds: additionalProperties false and every property required"),
    Client("azure-openai", "Azure OpenAI", ("portkey.ai error 10474",), "HTTP 400 for the whole request",
           name_pattern=r"[a-zA-Z0-9_-]+", max_tools=128),
    Client("anthropic-api", "Anthropic Messages API", (
        "apis.io Claude Tool schema (name ^[a-zA-Z0-9_-]{1,64}$)", "anthropics/claude-code#657",
        "makenotion/notion-mcp-server#341"),
        "HTTP 400 (tools.N.custom.input_schema: ... top level)",
        name_pattern=ANTHROPIC_NAME, root_composition=ROOT_COMPOSITION),
    Client("claude-code", "Claude Code", (
        "anthropics/claude-code#2412", "anthropics/claude-code#2445", "anthropics/claude-code#2485",
        "anthropics/claude-code#19882", "anthropics/claude-code#95504", "cloudflare/skills#11",
        "anthropics/claude-code#82949", "anthropics/claude-code#92900 (boolean property schemas)"),
        "HTTP 400 on every prompt, or the tool is silently dropped",
        name_pattern=ANTHROPIC_NAME, prefix="mcp__{server}__", prefixed_max=64,
        root_composition=ROOT_COMPOSITION + ("if", "then", "else", "not"), no_boolean_subschemas=True,
        notes="the prefix uses the name the server is configured under; serverInfo.name is assumed"),
    Client("claude-desktop", "Claude Desktop", (
        "barryw/ImmichMCP#4", "l22-io/orchard-mcp#14", "mims-harvard/ToolUniverse#3"),
        "the chat cannot start", name_pattern=ANTHROPIC_NAME, root_composition=ROOT_COMPOSITION),
    Client("copilot-vscode", "GitHub Copilot in VS Code (and JetBrains, Eclipse)", (
        "microsoft/vscode#308463", "microsoft/vscode#255585", "microsoft/vscode-copilot-release#11653",
        "microsoft/vscode-copilot-release#9375", "microsoft/vscode-copilot-release#13065", "dotnet/aspnetcore#66240",
        "copilot-intellij-feedback#1842", "copilot-eclipse-feedback#36"),
        "more than 128 tools: every request fails; other names: a warning and dots renamed to _",
        max_tools=128, soft_name_pattern=r"[a-z0-9_-]+",
        notes="the 128-tool limit counts the tools of every enabled server together"),
    Client("copilot-cli", "GitHub Copilot CLI", ("github/copilot-cli#1879", "github/copilot-cli#2581"),
           "HTTP 400 on any prompt", name_pattern=r"[a-zA-Z0-9_-]{1,128}"),
    Client("cursor", "Cursor", (
        "webstudio-is/webstudio#5960", "easymanage.com MCP tutorial", "mcptrove.com blog (2026-06)"),
        "the tool is disabled; beyond about 40 tools a warning and degraded tool choice",
        name_pattern=r"[A-Za-z0-9_-]+", combined_max=60, soft_max_tools=40,
        notes="the 40-tool budget is shared by every enabled server"),
    Client("gemini", "Google Gemini API (FunctionDeclaration.parameters)", (
        "pub.dev googleapis / google_cloud_ai_generativelanguage docs", "cloud.google.com Vertex AI FunctionDeclaration",
        "hermes-agent gemini_schema.py", "typia IGeminiSchema", "google-gemini/gemini-cli#3178 (string formats)",
        "decolua/9router#359 (enum only on strings)", "Draculabo/AntigravityManager#260 (string enum members)"),
        "HTTP 400, or the schema is silently stripped by the SDK",
        name_pattern=r"[A-Za-z_][A-Za-z0-9_.:-]{0,63}", schema_keywords=GEMINI_KEYWORDS,
        property_name_pattern=r"[A-Za-z_][A-Za-z0-9_]{0,63}", string_formats=frozenset({"enum", "date-time"}),
        string_enums_only=True, single_type=True,
        notes="the legacy `parameters` field (OpenAPI 3.0 subset); the newer parametersJsonSchema accepts JSON Schema"),
    Client("mcp-typescript-sdk-v1", "MCP TypeScript SDK v1 client", (
        "@modelcontextprotocol/sdk 1.32.2 types.js ToolSchema (type: z.literal('object'))",
        "@modelcontextprotocol/sdk 1.32.2 client/index.js Client.callTool", "opentokenz/mcpx#28"),
        "the whole tools/list is rejected (ZodError); a call without structuredContent throws",
        no_boolean_properties=True, output_schema_object=True, structured_content_required=True,
        structured_content_validated=True),
    Client("mcp-python-sdk", "MCP Python SDK client", (
        "mcp 2.3.0 client/session.py ClientSession.validate_tool_result", "opentokenz/mcpx#28"),
        "call_tool raises RuntimeError", structured_content_required=True, structured_content_validated=True),
)
