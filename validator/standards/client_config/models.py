"""Pydantic models of every client's MCP configuration file (the source of truth).

`schemas/mcp-client-config/<client>.schema.json` is exported from these models
(`python -m validator.schemas_export`), and `check` validates each server entry
against the branch of that export that matches the entry's transport. Where the
client publishes (or a community maintains) a schema, the models follow it and a
differential test holds their verdicts against it (`tests/test_client_config_oracle.py`):
Claude Code (SchemaStore, derived), Gemini CLI (official), Codex (official excerpt),
Qwen Code (SchemaStore). VS Code's shape follows its own source (`mcpConfiguration.ts`)
and docs. The other clients are unverified: their models are open (unknown keys
allowed) and only constrain the types of the fields every such client reads.

Intentional differences from the reference schemas (each tested):
- Claude Code: `type: "streamable-http"` is accepted as an alias of `http` (Claude Code
  2.1.27x lists it among the valid values in its own validation errors).
- Gemini CLI: only `mcpServers` and `mcp` are modelled; the rest of settings.json is
  not this standard's business.

Heavy (pydantic): imported only by the exporter and the tests, never by `check`.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from validator.engine.schemas import clean_model_schema
from validator.standards.client_config.clients import BY_KEY, CLIENTS, GEMINI_EXTENSION_NAME

Strs = list[str]
StrMap = dict[str, str]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", title=None)


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", title=None)


def _f(description: str, **kw: Any) -> Any:
    return Field(default=None, description=description, **kw)


# -- Claude Code `.mcp.json` (open objects, as the SchemaStore-derived schema) -------------
class ClaudeOAuth(_Open):
    """OAuth settings for a remote server."""
    clientId: str = _f("Pre-registered OAuth client id.")
    callbackPort: int = _f("Fixed local port for the OAuth callback.", gt=0, le=9007199254740991)
    authServerMetadataUrl: str = _f("Authorization server metadata URL (https).", pattern=r"^https:\/\/.*",
                                    json_schema_extra={"format": "uri"})
    scopes: str = _f("Space-separated scopes to request.", min_length=1)
    xaa: bool = _f("Cross-app access.")


class _ClaudeServer(_Open):
    alwaysLoad: bool = _f("Load the server's tools at start-up instead of deferring them to tool search "
                          "(code.claude.com/docs/en/mcp, \"Scale with MCP Tool Search\").")


class ClaudeStdio(_ClaudeServer):
    """A server Claude Code launches as a child process."""
    type: Literal["stdio"] = _f("Transport; optional for stdio.")
    command: str = Field(description="Executable to run.", min_length=1)
    args: Strs = _f("Arguments.")
    env: StrMap = _f("Environment variables (string values).")


class _ClaudeRemote(_ClaudeServer):
    url: str = Field(description="Server URL.")
    headers: StrMap = _f("HTTP headers.")
    headersHelper: str = _f("Command whose output supplies headers.")


class ClaudeSse(_ClaudeRemote):
    """A remote server over the deprecated HTTP+SSE transport."""
    type: Literal["sse"] = Field(description="Transport.")
    oauth: ClaudeOAuth = _f("OAuth settings.")


class ClaudeHttp(_ClaudeRemote):
    """A remote server over Streamable HTTP."""
    type: Literal["http", "streamable-http"] = Field(description="Transport.")
    oauth: ClaudeOAuth = _f("OAuth settings.")


class ClaudeWs(_ClaudeRemote):
    """A remote server over WebSocket."""
    type: Literal["ws"] = Field(description="Transport.")


class ClaudeCodeConfig(_Open):
    """Claude Code project configuration `.mcp.json`."""
    mcpServers: dict[str, Union[ClaudeStdio, ClaudeSse, ClaudeHttp, ClaudeWs]] = Field(
        description="MCP servers by name.")


class ClaudePluginConfig(_Open):
    """Claude Code plugin manifest `.claude-plugin/plugin.json`: its inline MCP servers."""
    mcpServers: dict[str, Union[ClaudeStdio, ClaudeSse, ClaudeHttp, ClaudeWs]] = _f(
        "MCP servers by name (the manifest may instead name a ./*.json or .mcpb file).")


# -- VS Code `.vscode/mcp.json` (closed, as VS Code's own schema) ---------------------------
class VscodeDebug(_Closed):
    """Debug the server as it starts."""
    type: Literal["node", "debugpy"] = Field(description="Debugger.")
    debugpyPath: str = _f("Path to debugpy.")


class VscodeDev(_Open):
    """Development mode."""
    watch: Union[str, Strs] = _f("Glob(s) whose changes restart the server.")
    debug: VscodeDebug = _f("Debug the server.")


class VscodeSandboxFs(_Open):
    """File system rules of the sandbox."""
    allowWrite: Strs = _f("Writable paths.")
    denyRead: Strs = _f("Unreadable paths.")
    denyWrite: Strs = _f("Read-only paths.")


class VscodeSandboxNet(_Open):
    """Network rules of the sandbox."""
    allowedDomains: Strs = _f("Reachable domains.")
    deniedDomains: Strs = _f("Blocked domains.")


class VscodeSandbox(_Open):
    """Sandbox of a stdio server (macOS and Linux)."""
    filesystem: VscodeSandboxFs = _f("File system rules.")
    network: VscodeSandboxNet = _f("Network rules.")


class VscodeStdio(_Closed):
    """A server VS Code launches as a child process."""
    type: Literal["stdio"] = _f("Transport.")
    command: str = _f("Executable to run.")
    cwd: str = _f("Working directory.")
    args: Strs = _f("Arguments.")
    envFile: str = _f("File of environment variables.")
    env: dict[str, Union[str, float, None]] = _f("Environment variables.")
    dev: VscodeDev = _f("Development mode.")
    sandboxEnabled: bool = _f("Run the server in a sandbox.")
    sandbox: VscodeSandbox = _f("Sandbox rules.")
    gallery: Any = _f("Set by VS Code for servers installed from the MCP gallery.")
    version: str = _f("Set by VS Code for servers installed from the MCP gallery.")


class VscodeRemote(_Closed):
    """A remote server (Streamable HTTP or SSE)."""
    type: Literal["http", "sse"] = _f("Transport.")
    url: str = Field(description="Endpoint URL.")
    headers: StrMap = _f("HTTP headers.")
    dev: VscodeDev = _f("Development mode.")
    gallery: Any = _f("Set by VS Code for servers installed from the MCP gallery.")
    version: str = _f("Set by VS Code for servers installed from the MCP gallery.")


class VscodeInput(_Open):
    """A value VS Code prompts for, referenced as ${input:id}."""
    type: Literal["promptString", "pickString", "command"] = Field(description="Kind of input.")
    id: str = Field(description="Referenced as ${input:<id>}.")
    description: str = _f("Prompt text.")
    password: bool = _f("Mask the value.")
    default: str = _f("Default value.")


class VscodeConfig(_Closed):
    """VS Code workspace MCP configuration `.vscode/mcp.json`."""
    servers: dict[str, Union[VscodeStdio, VscodeRemote]] = _f("MCP servers by name.")
    inputs: list[VscodeInput] = _f("Values prompted for.")


# -- Cursor, Claude Desktop, Windsurf, Kiro, Roo (unverified: open, types only) --------------
class CursorServer(_Open):
    """A Cursor MCP server (unverified shape)."""
    type: str = _f("Transport (optional).")
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")
    envFile: str = _f("File of environment variables.")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")


class CursorConfig(_Open):
    """Cursor project configuration `.cursor/mcp.json`."""
    mcpServers: dict[str, CursorServer] = _f("MCP servers by name.")


class CopilotServer(_Open):
    """A GitHub Copilot CLI plugin's MCP server (unverified shape: Copilot's MCP JSON docs)."""
    type: str = _f("Transport: local or stdio (a command), http or sse (a URL).")
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")
    cwd: str = _f("Working directory.")
    tools: Strs = _f("Tools to enable (`*` for all).")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")


class CopilotPluginConfig(_Open):
    """A Copilot CLI plugin's MCP config (`.github/mcp.json`, or the file its `plugin.json` names)."""
    mcpServers: dict[str, CopilotServer] = _f("MCP servers by name.")


class ClaudeDesktopServer(_Open):
    """A Claude Desktop server (stdio only; unverified shape)."""
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")


class ClaudeDesktopConfig(_Open):
    """Claude Desktop `claude_desktop_config.json`."""
    mcpServers: dict[str, ClaudeDesktopServer] = _f("MCP servers by name.")


class WindsurfServer(_Open):
    """A Windsurf / generic `mcp_config.json` server (unverified shape)."""
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")
    serverUrl: str = _f("Remote URL (Windsurf).")
    url: str = _f("Remote URL (other clients).")
    headers: StrMap = _f("HTTP headers.")
    disabled: bool = _f("Skip this server.")
    alwaysAllow: Strs = _f("Tools allowed without asking.")
    disabledTools: Strs = _f("Tools hidden from the model.")


class WindsurfConfig(_Open):
    """Windsurf `mcp_config.json`."""
    mcpServers: dict[str, WindsurfServer] = _f("MCP servers by name.")


class KiroServer(_Open):
    """A Kiro server (unverified shape)."""
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")
    disabled: bool = _f("Skip this server.")
    autoApprove: Strs = _f("Tools allowed without asking.")
    disabledTools: Strs = _f("Tools hidden from the model.")


class KiroConfig(_Open):
    """Kiro `.kiro/settings/mcp.json`."""
    mcpServers: dict[str, KiroServer] = _f("MCP servers by name.")


class RooServer(_Open):
    """A Roo Code server (unverified shape)."""
    type: str = _f("Transport.")
    command: str = _f("Executable to run.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] = _f("Environment variables.")
    cwd: str = _f("Working directory.")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")
    alwaysAllow: Strs = _f("Tools allowed without asking.")
    disabled: bool = _f("Skip this server.")
    timeout: float = _f("Timeout in seconds.")
    watchPaths: Strs = _f("Paths whose changes restart the server.")
    disabledTools: Strs = _f("Tools hidden from the model.")


class RooConfig(_Open):
    """Roo Code `.roo/mcp.json`."""
    mcpServers: dict[str, RooServer] = _f("MCP servers by name.")


# -- Gemini CLI and Qwen Code (closed, as their schemas) -------------------------------------
class GeminiServer(_Closed):
    """Gemini CLI MCPServerConfig."""
    command: str = _f("Executable for stdio.")
    args: Strs = _f("Arguments for stdio.")
    env: StrMap = _f("Environment variables.")
    cwd: str = _f("Working directory.")
    url: str = _f("SSE URL, or Streamable HTTP with type 'http'.")
    httpUrl: str = _f("Streamable HTTP URL.")
    headers: StrMap = _f("HTTP headers.")
    tcp: str = _f("WebSocket address.")
    type: Literal["stdio", "sse", "http"] = _f("Transport.")
    timeout: float = _f("Request timeout in milliseconds.")
    trust: bool = _f("Skip tool confirmations.")
    description: str = _f("Description.")
    includeTools: Strs = _f("Tools to enable.")
    excludeTools: Strs = _f("Tools to disable.")
    extension: dict[str, Union[str, bool, float]] = _f("Owning extension's metadata.")
    oauth: dict[str, Any] = _f("OAuth settings.")
    authProviderType: Literal["dynamic_discovery", "google_credentials", "service_account_impersonation"] = _f(
        "How credentials are acquired.")
    targetAudience: str = _f("OAuth target audience.")
    targetServiceAccount: str = _f("Service account to impersonate.")


class GeminiMcp(_Closed):
    """Gemini CLI `mcp` settings."""
    serverCommand: str = _f("Command that starts an MCP server.")
    allowed: Strs = _f("Servers to allow.")
    excluded: Strs = _f("Servers to exclude.")


class GeminiConfig(_Open):
    """The MCP part of Gemini CLI `.gemini/settings.json`."""
    mcpServers: dict[str, GeminiServer] = _f("MCP servers by name.")
    mcp: GeminiMcp = _f("MCP settings.")


class GeminiExtensionConfig(_Open):
    """Gemini CLI extension manifest `gemini-extension.json` (its MCP part and what loading requires)."""
    name: str = Field(description="Extension name: letters, digits and dashes; also its folder's name.",
                      pattern=GEMINI_EXTENSION_NAME)
    version: str = Field(description="Extension version.")
    mcpServers: dict[str, GeminiServer] = _f("MCP servers by name (`trust` is dropped).")


class QwenServer(_Closed):
    """Qwen Code MCP server (SchemaStore)."""
    command: str = _f("Executable for stdio.")
    args: Strs = _f("Arguments.")
    env: StrMap = _f("Environment variables.")
    cwd: str = _f("Working directory.")
    url: str = _f("SSE URL.")
    httpUrl: str = _f("Streamable HTTP URL.")
    headers: StrMap = _f("HTTP headers.")
    timeout: float = _f("Request timeout in milliseconds.")
    trust: bool = _f("Skip tool confirmations.")
    description: str = _f("Description.")
    includeTools: Strs = _f("Tools to enable.")
    excludeTools: Strs = _f("Tools to disable.")


class QwenConfig(_Open):
    """The MCP part of Qwen Code `.qwen/settings.json`."""
    mcpServers: dict[str, QwenServer] = _f("MCP servers by name.")


# -- Codex `[mcp_servers.<name>]` (closed, as RawMcpServerConfig) -----------------------------
Approval = Literal["auto", "prompt", "approve"]


class CodexEnvVar(_Closed):
    """An environment variable forwarded to the server, with its source."""
    name: str = Field(description="Variable name.")
    source: str = _f("Where the value comes from.")


class CodexOAuth(_Closed):
    """OAuth client settings."""
    client_id: str = _f("OAuth client id.")


class CodexTool(_Closed):
    """Per-tool settings."""
    approval_mode: Approval = _f("Approval mode.")


class CodexServer(_Closed):
    """Codex RawMcpServerConfig: stdio (command) or Streamable HTTP (url)."""
    args: Strs = _f("Arguments (stdio).")
    bearer_token_env_var: str = _f("Environment variable holding the bearer token (http).")
    command: str = _f("Executable (stdio).")
    cwd: str = _f("Working directory (stdio).")
    default_tools_approval_mode: Approval = _f("Default approval mode.")
    disabled_tools: Strs = _f("Tools to hide.")
    enabled: bool = _f("Start this server.")
    enabled_tools: Strs = _f("Tools to expose.")
    env: StrMap = _f("Environment variables (stdio).")
    env_http_headers: StrMap = _f("Header name -> environment variable name (http).")
    env_vars: list[Union[str, CodexEnvVar]] = _f("Environment variables forwarded (stdio).")
    environment_id: str = _f("Environment selector.")
    http_headers: StrMap = _f("Static HTTP headers (http).")
    name: str = _f("Legacy display name.")
    oauth: CodexOAuth = _f("OAuth settings.")
    oauth_resource: str = _f("OAuth resource parameter (RFC 8707).")
    required: bool = _f("Fail when the server does not start.")
    scopes: Strs = _f("OAuth scopes.")
    startup_timeout_ms: int = _f("Startup timeout in milliseconds (legacy).", ge=0)
    startup_timeout_sec: float = _f("Startup timeout in seconds.")
    supports_parallel_tool_calls: bool = _f("Tools may run in parallel.")
    tool_timeout_sec: float = _f("Tool call timeout in seconds.")
    tools: dict[str, CodexTool] = _f("Per-tool settings.")
    url: str = _f("Streamable HTTP URL.")


class CodexConfig(_Open):
    """The MCP part of Codex `config.toml`."""
    mcp_servers: dict[str, CodexServer] = _f("MCP servers by name.")


class CodexPluginServer(CodexServer):
    """A server in a Codex plugin's `.mcp.json`: Codex's server settings; `type` and `oauth` are read and dropped
    (codex-rs core-plugins loader: normalize_plugin_mcp_server_value)."""
    type: str = _f("Transport (`stdio`, `http`, `streamable_http`); dropped by Codex.")
    oauth: dict[str, Any] = _f("Dropped by Codex (its MCP OAuth settings are global).")  # type: ignore[assignment]


class CodexPluginConfig(_Open):
    """A Codex plugin's MCP config (`.mcp.json` beside `.codex-plugin/plugin.json`, or the file its `mcpServers` names)."""
    mcpServers: dict[str, CodexPluginServer] = _f("MCP servers by name.")


# -- Zed, opencode, goose (unverified: open) -------------------------------------------------
class ZedCommand(_Open):
    """Zed's older nested command form."""
    path: str = _f("Executable.")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] | None = _f("Environment variables (`Option` in Zed's settings: null is no environment).")


class ZedServer(_Open):
    """A Zed context server (unverified shape)."""
    source: Literal["custom", "extension"] = _f("Where the server comes from.")
    command: Union[str, ZedCommand] = _f("Executable (or the older nested form).")
    args: Strs = _f("Arguments.")
    env: dict[str, Any] | None = _f("Environment variables (`Option` in Zed's settings: null is no environment).")
    enabled: bool = _f("Start this server.")
    settings: dict[str, Any] = _f("Settings for an extension-provided server.")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")


class ZedConfig(_Open):
    """The MCP part of Zed `.zed/settings.json`."""
    context_servers: dict[str, ZedServer] = _f("Context servers by name.")


class OpencodeServer(_Open):
    """An opencode MCP server (unverified shape)."""
    type: Literal["local", "remote"] = _f("local (a command) or remote (a URL).")
    command: Strs = _f("Executable and its arguments, as one array.")
    environment: dict[str, Any] = _f("Environment variables.")
    enabled: bool = _f("Start this server.")
    url: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")
    timeout: float = _f("Timeout in milliseconds.")


class OpencodeConfig(_Open):
    """The MCP part of `opencode.json`."""
    mcp: dict[str, OpencodeServer] = _f("MCP servers by name.")


class GooseExtension(_Open):
    """A goose extension (unverified shape)."""
    type: str = _f("builtin, stdio, sse, streamable_http, platform, frontend or inline_python.")
    name: str = _f("Extension name.")
    cmd: str = _f("Executable (stdio).")
    args: Strs = _f("Arguments (stdio).")
    envs: dict[str, Any] = _f("Environment variables.")
    env_keys: Strs = _f("Names of secrets goose asks for.")
    timeout: float = _f("Timeout in seconds.")
    bundled: bool = _f("Shipped with goose.")
    description: str = _f("Description.")
    uri: str = _f("Remote URL.")
    headers: StrMap = _f("HTTP headers.")
    enabled: bool = _f("Load this extension.")
    available_tools: Strs = _f("Tools to expose.")


class GooseConfig(_Open):
    """The MCP part of goose `config.yaml`."""
    extensions: dict[str, GooseExtension] = _f("Extensions by key.")


MODELS: dict[str, type[BaseModel]] = {
    "claude-code": ClaudeCodeConfig, "claude-code-plugin": ClaudePluginConfig, "vscode": VscodeConfig, "cursor": CursorConfig,
    "copilot-plugin": CopilotPluginConfig,
    "claude-desktop": ClaudeDesktopConfig, "gemini": GeminiConfig,
    "gemini-extension": GeminiExtensionConfig, "qwen": QwenConfig, "codex": CodexConfig, "codex-plugin": CodexPluginConfig,
    "windsurf": WindsurfConfig, "mcp-config": WindsurfConfig, "zed": ZedConfig, "kiro": KiroConfig,
    "roo": RooConfig, "opencode": OpencodeConfig, "goose": GooseConfig,
}
assert set(MODELS) == {client.key for client in CLIENTS}


def json_schema(key: str) -> dict:
    """The JSON Schema (2020-12) of client KEY, exported from its model and cleaned."""
    client = BY_KEY[key]
    raw = MODELS[key].model_json_schema(by_alias=True, mode="validation")
    cleaned = clean_model_schema(raw)
    sources = "; ".join(ref.url for ref in client.facts)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/agentconform/agentconform/schemas/mcp-client-config/{key}.schema.json",
        "title": f"{client.label} MCP configuration (agentconform export)",
        "$comment": f"Exported from agentconform's pydantic models ({'verified' if client.verified else 'unverified'} "
                    f"shape; sources: {sources}). Do not edit.",
        **cleaned,
    }
