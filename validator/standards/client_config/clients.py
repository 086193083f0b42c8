"""The MCP clients whose configuration files are found in repositories, as data.

One `Client` per file family: where the file lives, which top-level key holds the
servers, how a server entry names its command and URL, which transport `type`
values the client accepts, which variable syntaxes it expands, and how sure we are
of each fact. Facts come from ../shared/docs/manifest-formats.md §3 and the vendor
sources cited in `SOURCES`; a client whose facts rest on third-party pages only is
`verified=False`, and the rules then report at warning or info instead of error.

Light to import: plain dataclasses, no parsing.
"""

from __future__ import annotations

from validator.model import SpecRef
from validator.records import field, record

# -- where each fact comes from ---------------------------------------------------------
CLAUDE_CODE_DOCS = SpecRef("https://code.claude.com/docs/en/mcp",
                           "Claude Code docs: MCP (project scope .mcp.json, environment variable expansion)")
CLAUDE_CODE_SCHEMA = SpecRef("https://github.com/SchemaStore/schemastore/blob/3b6446ad8a077bac56f4a4796c0b7fd88927fc8e/src/schemas/json/claude-code-plugin-manifest.json",
                             "SchemaStore claude-code-plugin-manifest.json: mcpServers (community schema)")
CLAUDE_PLUGIN_DOCS = SpecRef("https://code.claude.com/docs/en/plugins-reference",
                             "Claude Code docs: plugins reference (.claude-plugin/plugin.json mcpServers, ${CLAUDE_PLUGIN_ROOT})")
CLAUDE_PLUGIN_USER_CONFIG = SpecRef("https://code.claude.com/docs/en/plugins-reference#user-configuration",
                                    "Claude Code docs: plugins reference, user configuration (${user_config.KEY})")
VSCODE_DOCS = SpecRef("https://code.visualstudio.com/docs/copilot/reference/mcp-configuration",
                      "VS Code docs: MCP configuration reference (mcp.json)")
VSCODE_SCHEMA = SpecRef("https://github.com/microsoft/vscode/blob/main/src/vs/workbench/contrib/mcp/common/mcpConfiguration.ts",
                        "VS Code source: mcpConfiguration.ts (the mcp.json schema)")
VSCODE_VARIABLES = SpecRef("https://code.visualstudio.com/docs/reference/variables-reference",
                           "VS Code docs: variables reference (${env:...}, ${input:...}, predefined variables)")
VSCODE_RESOLVER = SpecRef("https://github.com/microsoft/vscode/blob/main/src/vs/workbench/services/configurationResolver/common/variableResolver.ts",
                          "VS Code source: configuration resolver ('Undefined input variable ... encountered')")
CURSOR_DOCS = SpecRef("https://cursor.com/docs/context/mcp", "Cursor docs: MCP (mcp.json)")
CLAUDE_DESKTOP_DOCS = SpecRef("https://modelcontextprotocol.io/docs/develop/connect-local-servers",
                              "MCP docs: connect local servers (claude_desktop_config.json)")
GEMINI_DOCS = SpecRef("https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md",
                      "Gemini CLI docs: MCP servers (mcpServers, transports, naming)")
GEMINI_SCHEMA = SpecRef("https://github.com/google-gemini/gemini-cli/blob/5411f113cafae26161b4969b0237b8e1e024e2c2/schemas/settings.schema.json",
                        "Gemini CLI settings.schema.json: MCPServerConfig (additionalProperties: false)")
GEMINI_ENV = SpecRef("https://github.com/google-gemini/gemini-cli/blob/main/packages/cli/src/utils/envVarResolver.ts",
                     "Gemini CLI source: envVarResolver.ts ($VAR, ${VAR})")
GEMINI_EXTENSION_DOCS = SpecRef("https://github.com/google-gemini/gemini-cli/blob/main/docs/extensions/reference.md",
                                "Gemini CLI docs: extension reference (gemini-extension.json, variables; servers without `trust`)")
GEMINI_EXTENSION_SOURCE = SpecRef("https://github.com/google-gemini/gemini-cli/blob/main/packages/cli/src/config/extension-manager.ts",
                                  "Gemini CLI source: loadExtensionConfig (JSON.parse, name and version required, "
                                  "name ^[a-zA-Z0-9-]+$) and filterMcpConfig (drops `trust`)")
QWEN_SCHEMA = SpecRef("https://github.com/SchemaStore/schemastore/blob/3b6446ad8a077bac56f4a4796c0b7fd88927fc8e/src/schemas/json/qwen-code-settings.json",
                      "SchemaStore qwen-code-settings.json: mcpServers (community schema)")
CODEX_DOCS = SpecRef("https://developers.openai.com/codex/mcp", "Codex docs: MCP ([mcp_servers.<name>] in config.toml)")
CODEX_SOURCE = SpecRef("https://github.com/openai/codex/blob/main/codex-rs/config/src/mcp_types.rs",
                       "Codex source: RawMcpServerConfig and its conversion (invalid transport, fields per transport)")
CODEX_SCHEMA = SpecRef("https://github.com/openai/codex/blob/000c857ecc17e5ab40a985bdaa40816450ee5ebf/codex-rs/core/config.schema.json",
                       "Codex config.schema.json: RawMcpServerConfig (additionalProperties: false)")
CODEX_PLUGIN_SOURCE = SpecRef("https://github.com/openai/codex/blob/main/codex-rs/core-plugins/src/loader.rs",
                              "Codex source: plugin loader (PluginMcpFile `mcpServers`, normalize_plugin_mcp_server_value)")
CLAUDE_MARKETPLACE_DOCS = SpecRef(
    "https://code.claude.com/docs/en/plugin-marketplaces#marketplace-schema",
    "Claude Code docs: create and distribute a plugin marketplace (marketplace schema, plugin entries, plugin "
    "sources, strict mode, marketplace validation errors)")
CLAUDE_VERSION_DOCS = SpecRef("https://code.claude.com/docs/en/plugins-reference#version-management",
                              "Claude Code docs: plugins reference, version management (plugin.json wins) and "
                              "plugin loading errors")
CLAUDE_MARKETPLACE_SCHEMA = SpecRef(
    "https://github.com/SchemaStore/schemastore/blob/5dc027f1af119062c8894956689adc4c91e5d457/src/schemas/json/claude-code-marketplace.json",
    "SchemaStore claude-code-marketplace.json (generated from Claude Code's schema; community copy)")
CODEX_MANIFEST_SOURCE = SpecRef(
    "https://github.com/openai/codex/blob/bad46dc4c83ccca0a299287cd2b060769bb27170/codex-rs/core-plugins/src/manifest.rs",
    "Codex source: plugin manifest (manifest_document.rs serde struct; resolve_manifest_path: `./` paths inside the "
    "plugin root, else the field is ignored; resolve_default_prompts)")
CODEX_PLUGIN_STORE = SpecRef(
    "https://github.com/openai/codex/blob/03d211355dd9982d495a907139e09597dd75401a/codex-rs/core-plugins/src/store.rs",
    "Codex source: plugin store install (manifest must parse; name a plugin id segment; version characters)")
CODEX_PLUGIN_DOCS = SpecRef("https://developers.openai.com/codex/plugins/build",
                            "Codex docs: build plugins (every plugin has a .codex-plugin/plugin.json manifest)")
CODEX_MARKETPLACE_SOURCE = SpecRef(
    "https://github.com/openai/codex/blob/0e543a2c666ece11db7b5c5267f510d0c12e6d0d/codex-rs/core-plugins/src/marketplace.rs",
    "Codex source: plugin marketplace loader (.agents/plugins/marketplace.json; RawMarketplaceManifest serde struct, "
    "resolve_local_plugin_source_path, unsupported sources skipped; later revisions: openai/codex#28771 root paths, "
    "npm sources)")
CODEX_PLUGIN_ID_SOURCE = SpecRef(
    "https://github.com/openai/codex/blob/main/codex-rs/plugin/src/lib.rs",
    "Codex source: PluginId::new (plugin and marketplace names are ASCII letters, digits, `_`, `-`)")
CURSOR_PLUGIN_DOCS = SpecRef("https://cursor.com/docs/reference/plugins",
                             "Cursor docs: plugins reference (.cursor-plugin/plugin.json, required name, mcp.json)")
CURSOR_PLUGIN_SCHEMA = SpecRef(
    "https://github.com/cursor/plugins/blob/100d651caacc7f72a69aa2db2684e0341a40534e/schemas/plugin.schema.json",
    "Cursor's plugin manifest schema (cursor/plugins: name required, pattern; mcpServers a path, an object or a list)")
COPILOT_PLUGIN_DOCS = SpecRef(
    "https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-plugin-reference",
    "GitHub docs: Copilot CLI plugin reference (plugin.json and marketplace.json fields, file locations)")
COPILOT_PLUGIN_HOWTO = SpecRef(
    "https://docs.github.com/en/copilot/how-tos/copilot-cli/customize-copilot/plugins-creating",
    "GitHub docs: creating a plugin for Copilot CLI (plugin.json at the plugin root, .mcp.json)")
COPILOT_MCP_DOCS = SpecRef(
    "https://docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/extend-coding-agent-with-mcp",
    "GitHub docs: MCP server JSON for Copilot (mcpServers; type local/stdio, http, sse; tools)")
WINDSURF_DOCS = SpecRef("https://docs.windsurf.com/windsurf/cascade/mcp", "Windsurf docs: MCP (mcp_config.json, serverUrl)")
ZED_DOCS = SpecRef("https://github.com/zed-industries/zed/blob/main/docs/src/ai/mcp.md", "Zed docs: MCP (context_servers)")
GOOSE_DOCS = SpecRef("https://block.github.io/goose/docs/getting-started/using-extensions",
                     "goose docs: using extensions (config.yaml extensions)")
KIRO_DOCS = SpecRef("https://kiro.dev/docs/mcp/configuration/", "Kiro docs: MCP configuration (.kiro/settings/mcp.json)")
ROO_DOCS = SpecRef("https://docs.roocode.com/features/mcp/using-mcp-in-roo", "Roo Code docs: using MCP (.roo/mcp.json)")
OPENCODE_DOCS = SpecRef("https://opencode.ai/docs/mcp-servers/", "opencode docs: MCP servers (opencode.json mcp)")
RESEARCH = SpecRef("https://github.com/agentconform/agentconform/blob/main/docs/standards/mcp-client-config.md",
                   "agentconform: MCP client configs (facts and their sources)")


@record(frozen=True)
class Client:
    key: str
    """Stable id, also the exported schema's file name: `schemas/mcp-client-config/<key>.schema.json`."""
    label: str
    """The client named in messages, e.g. 'Claude Code'."""
    patterns: tuple[str, ...]
    fmt: str
    """`json`, `jsonc`, `toml` or `yaml`."""
    top_key: str
    """The key of the map of servers (`mcpServers`, `servers`, `mcp_servers` ...)."""
    verified: bool
    """The file's shape is taken from the vendor's own source, schema or docs."""
    strict_fields: bool = False
    """The known-field list is complete: any other key in an entry is reported."""
    dedicated: bool = True
    """The file exists only for MCP (a settings file that also holds other things is not)."""
    command_key: str = "command"
    args_key: str = "args"
    env_key: str = "env"
    url_keys: tuple[str, ...] = ("url",)
    headers_key: str = "headers"
    types: dict[str, str] | None = None
    """Accepted `type` values -> `stdio` / `remote` / `other`; None: the client has no `type`."""
    sse_types: tuple[str, ...] = ("sse",)
    remote_needs_type: bool = False
    """A URL entry without `type` is rejected (Claude Code)."""
    supports_remote: bool = True
    variables: str | None = None
    """The variable dialect the client expands: `claude`, `vscode`, `gemini`, `none`; None = unknown."""
    facts: tuple[SpecRef, ...] = ()
    notes: str = ""
    foreign_url_keys: tuple[str, ...] = field(default=("url", "serverUrl", "httpUrl", "uri", "endpoint", "sseUrl"))
    manifest_only: bool = False
    """A tool's manifest that configures no servers of its own (it may name an MCP config file, checked as one):
    checked as a manifest, with no schema of servers."""


GEMINI_EXTENSION_NAME = r"^[a-zA-Z0-9-]+$"
"""extension-manager.ts validateName: anything else and the extension does not load."""
GEMINI_EXTENSION_REQUIRED = ("name", "version")
"""loadExtensionConfig: a `gemini-extension.json` without both does not load (nor do its servers)."""

CLAUDE_TYPES = {"stdio": "stdio", "sse": "remote", "http": "remote", "streamable-http": "remote", "ws": "remote",
                "sdk": "other"}

CLIENTS: tuple[Client, ...] = (
    Client(
        "claude-code", "Claude Code", (".mcp.json",), "json", "mcpServers", verified=True, strict_fields=True,
        types=CLAUDE_TYPES, remote_needs_type=True, variables="claude",
        facts=(CLAUDE_CODE_DOCS, CLAUDE_CODE_SCHEMA),
        notes="Also read by GitHub Copilot (portable format, where `type: local` and `tools` are Copilot's) "
              "and by VS Code at a workspace folder's root."),
    Client(
        "claude-code-plugin", "Claude Code", ("**/.claude-plugin/plugin.json",), "json", "mcpServers", verified=True,
        strict_fields=True, dedicated=False, types=CLAUDE_TYPES, remote_needs_type=True, variables="claude",
        facts=(CLAUDE_PLUGIN_DOCS, CLAUDE_CODE_SCHEMA, CLAUDE_CODE_DOCS),
        notes="A plugin's manifest; only inline `mcpServers` objects are checked here (a path to a .json or .mcpb "
              "file is the other form, and a plugin's own .mcp.json is checked as one)."),
    Client(
        "vscode", "VS Code", ("**/.vscode/mcp.json",), "jsonc", "servers", verified=True, strict_fields=True,
        types={"stdio": "stdio", "http": "remote", "sse": "remote"}, variables="vscode",
        facts=(VSCODE_DOCS, VSCODE_SCHEMA)),
    Client(
        "cursor", "Cursor", ("**/.cursor/mcp.json",), "jsonc", "mcpServers", verified=False,
        types={"stdio": "stdio", "sse": "remote", "http": "remote", "streamable-http": "remote",
               "streamableHttp": "remote"},
        facts=(CURSOR_DOCS,)),
    Client(
        "claude-desktop", "Claude Desktop", ("claude_desktop_config.json",), "jsonc", "mcpServers", verified=False,
        supports_remote=False, facts=(CLAUDE_DESKTOP_DOCS,)),
    Client(
        "gemini", "Gemini CLI", ("**/.gemini/settings.json",), "jsonc", "mcpServers", verified=True,
        strict_fields=True, dedicated=False, url_keys=("url", "httpUrl", "tcp"),
        types={"stdio": "stdio", "sse": "remote", "http": "remote"}, variables="gemini",
        facts=(GEMINI_DOCS, GEMINI_SCHEMA, GEMINI_ENV)),
    Client(
        "gemini-extension", "Gemini CLI", ("**/gemini-extension.json",), "json", "mcpServers", verified=True,
        strict_fields=True, dedicated=False, url_keys=("url", "httpUrl", "tcp"),
        types={"stdio": "stdio", "sse": "remote", "http": "remote"}, variables="gemini-extension",
        facts=(GEMINI_EXTENSION_DOCS, GEMINI_EXTENSION_SOURCE, GEMINI_SCHEMA),
        notes="An extension's manifest: its servers take every settings.json field but `trust`, which is dropped; "
              "${extensionPath}, ${workspacePath} and ${/} are substituted."),
    Client(
        "qwen", "Qwen Code", ("**/.qwen/settings.json",), "jsonc", "mcpServers", verified=False, dedicated=False,
        url_keys=("url", "httpUrl"), types={"stdio": "stdio", "sse": "remote", "http": "remote"},
        facts=(QWEN_SCHEMA,)),
    Client(
        "codex", "Codex", ("**/.codex/config.toml",), "toml", "mcp_servers", verified=True, strict_fields=True,
        dedicated=False, types=None, variables="none", facts=(CODEX_DOCS, CODEX_SOURCE, CODEX_SCHEMA)),
    Client(
        "codex-plugin", "Codex", (), "json", "mcpServers", verified=True, strict_fields=True, headers_key="http_headers",
        types={"stdio": "stdio", "http": "remote", "streamable_http": "remote", "streamable-http": "remote"},
        facts=(CODEX_PLUGIN_SOURCE, CODEX_SCHEMA),
        notes="A Codex plugin's MCP config: the JSON file its `.codex-plugin/plugin.json` names in `mcpServers` "
              "(or `.mcp.json` at the plugin's root), `{\"mcpServers\": {...}}` with Codex's server settings."),
    Client(
        "copilot-plugin", "GitHub Copilot CLI", (), "json", "mcpServers", verified=False,
        types={"local": "stdio", "stdio": "stdio", "http": "remote", "sse": "remote", "streamable-http": "remote"},
        facts=(COPILOT_PLUGIN_DOCS, COPILOT_MCP_DOCS),
        notes="A Copilot CLI plugin's MCP config: the file its `plugin.json` names in `mcpServers`, or "
              "`.github/mcp.json` at the plugin's root (Copilot's `.mcp.json` is read as Claude Code's, which "
              "reads it too, unless the folder is only a Copilot plugin). GitHub documents `local`, `stdio`, "
              "`http` and `sse`; `streamable-http` is accepted too because an Agent Plugins `mcp.json` (which a "
              "`.plugin/plugin.json` may name) uses it and what Copilot does with it is not documented."),
    Client(
        "windsurf", "Windsurf", ("**/.codeium/windsurf/mcp_config.json", "**/.codeium/mcp_config.json"), "jsonc",
        "mcpServers", verified=False, url_keys=("serverUrl", "url"), facts=(WINDSURF_DOCS,)),
    Client(
        "mcp-config", "MCP clients", ("mcp_config.json",), "jsonc", "mcpServers", verified=False,
        url_keys=("url", "serverUrl"), facts=(CLAUDE_DESKTOP_DOCS, WINDSURF_DOCS),
        notes="A generic `mcp_config.json` (Windsurf's file name, also used for examples to paste into any client)."),
    Client(
        "zed", "Zed", ("**/.zed/settings.json",), "jsonc", "context_servers", verified=False, dedicated=False,
        facts=(ZED_DOCS,)),
    Client(
        "kiro", "Kiro", ("**/.kiro/settings/mcp.json",), "jsonc", "mcpServers", verified=False, facts=(KIRO_DOCS,)),
    Client(
        "roo", "Roo Code", ("**/.roo/mcp.json",), "jsonc", "mcpServers", verified=False,
        types={"stdio": "stdio", "sse": "remote", "streamable-http": "remote"}, facts=(ROO_DOCS,)),
    Client(
        "opencode", "opencode", ("opencode.json", "opencode.jsonc"), "jsonc", "mcp", verified=False, dedicated=False,
        env_key="environment", types={"local": "stdio", "remote": "remote"}, sse_types=(), facts=(OPENCODE_DOCS,)),
    Client(
        "goose", "goose", ("config.yaml",), "yaml", "extensions", verified=False, dedicated=False,
        command_key="cmd", env_key="envs", url_keys=("uri",),
        types={"stdio": "stdio", "sse": "remote", "streamable_http": "remote", "builtin": "other",
               "platform": "other", "frontend": "other", "inline_python": "other"},
        facts=(GOOSE_DOCS,)),
)

CODEX_PLUGIN_MANIFEST = Client(
    "codex-plugin-manifest", "Codex", ("**/.codex-plugin/plugin.json",), "json", "mcpServers", verified=True,
    dedicated=False, manifest_only=True, facts=(CODEX_MANIFEST_SOURCE, CODEX_PLUGIN_STORE, CODEX_PLUGIN_DOCS),
    notes="A Codex plugin's manifest: checked for what makes Codex refuse the plugin or ignore a field; its "
          "`mcpServers` names the plugin's MCP config file, checked as `codex-plugin` (not one of `CLIENTS`: it "
          "has no servers, so no exported schema).")

CLAUDE_MARKETPLACE = Client(
    "claude-code-marketplace", "Claude Code", ("**/.claude-plugin/marketplace.json",), "json", "plugins",
    verified=True, dedicated=False, manifest_only=True,
    facts=(CLAUDE_MARKETPLACE_DOCS, CLAUDE_VERSION_DOCS, CLAUDE_MARKETPLACE_SCHEMA),
    notes="A Claude Code plugin marketplace: checked for what makes Claude Code refuse the marketplace or an entry "
          "and what loads but is wrong (`marketplace.py`); it configures no servers (not one of `CLIENTS`).")

CODEX_MARKETPLACE = Client(
    "codex-marketplace", "Codex", ("**/.agents/plugins/marketplace.json",), "json", "plugins", verified=True,
    dedicated=False, manifest_only=True, facts=(CODEX_MARKETPLACE_SOURCE, CODEX_PLUGIN_ID_SOURCE),
    notes="A Codex plugin marketplace (`vendor_marketplaces.py`): what makes Codex refuse it or skip an entry.")

CURSOR_PLUGIN_MANIFEST = Client(
    "cursor-plugin-manifest", "Cursor", ("**/.cursor-plugin/plugin.json",), "json", "mcpServers", verified=True,
    dedicated=False, manifest_only=True, facts=(CURSOR_PLUGIN_DOCS, CURSOR_PLUGIN_SCHEMA),
    notes="A Cursor plugin's manifest: its `mcpServers` names the plugin's MCP config (default `mcp.json` at the "
          "plugin root), checked as Cursor's `mcp.json`; inline servers are not checked.")

CURSOR_MARKETPLACE = Client(
    "cursor-marketplace", "Cursor", ("**/.cursor-plugin/marketplace.json",), "json", "plugins", verified=False,
    dedicated=False, manifest_only=True, facts=(CURSOR_PLUGIN_DOCS,),
    notes="A Cursor plugin marketplace: only local plugin folders missing from the repository are reported (the "
          "file's schema is not published by Cursor's docs).")

COPILOT_PLUGIN_MANIFEST = Client(
    "copilot-plugin-manifest", "GitHub Copilot CLI", ("**/.github/plugin/plugin.json", "**/.plugin/plugin.json"),
    "json", "mcpServers", verified=True, dedicated=False, manifest_only=True,
    facts=(COPILOT_PLUGIN_DOCS, COPILOT_PLUGIN_HOWTO),
    notes="A Copilot CLI plugin manifest (a bare `plugin.json` at a plugin root is read when a Copilot marketplace "
          "lists that folder); its `mcpServers` path is checked as the `copilot-plugin` client.")

COPILOT_MARKETPLACE = Client(
    "copilot-marketplace", "GitHub Copilot CLI", ("**/.github/plugin/marketplace.json", "**/.plugin/marketplace.json"),
    "json", "plugins", verified=True, dedicated=False, manifest_only=True, facts=(COPILOT_PLUGIN_DOCS,),
    notes="A Copilot CLI plugin marketplace (`vendor_marketplaces.py`).")

MANIFEST_CLIENTS: tuple[Client, ...] = (CODEX_PLUGIN_MANIFEST, CLAUDE_MARKETPLACE, CODEX_MARKETPLACE,
                                        CURSOR_PLUGIN_MANIFEST, CURSOR_MARKETPLACE, COPILOT_PLUGIN_MANIFEST,
                                        COPILOT_MARKETPLACE)
"""Manifests read as such, with no servers of their own and no exported schema."""

BY_KEY: dict[str, Client] = {client.key: client for client in (*CLIENTS, *MANIFEST_CLIENTS)}

ALL_PATTERNS: tuple[str, ...] = tuple(dict.fromkeys(p for client in (*CLIENTS, *MANIFEST_CLIENTS)
                                                    for p in client.patterns))

# The top-level keys other clients use for their map of servers (for wrong-key hints).
SERVER_MAP_KEYS: dict[str, str] = {"mcpServers": "mcpServers", "servers": "servers", "mcp_servers": "mcp_servers",
                                   "context_servers": "context_servers", "mcp-servers": "mcp-servers",
                                   "mcpservers": "mcpservers", "MCPServers": "MCPServers", "mcp_Servers": "mcp_Servers"}


def client_for(relpath: str) -> Client | None:
    """The client a repo-relative path belongs to, by its location (most specific first)."""
    from validator.engine.files import glob_match

    for client in (*CLIENTS, *MANIFEST_CLIENTS):
        if client.key == "mcp-config":
            continue
        if any(glob_match(relpath, pattern) for pattern in client.patterns):
            return client
    if glob_match(relpath, "mcp_config.json"):
        return BY_KEY["mcp-config"]
    return None
