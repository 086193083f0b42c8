"""The CFG rules: MCP client configuration files committed to repositories.

Each rule names the client it breaks. Severity follows what is known of that
client: an `error` only where the client's own source, schema or docs show the
file is rejected or the server cannot start; facts marked unverified in the
research notes lower a finding to warning or info (per finding, said in `notes`).
"""

from __future__ import annotations

import validator.standards.client_config.clients as C
from validator.model import SpecRef, rule_factory
from validator.standards.client_config.names import NAME

MCP_STDIO = SpecRef("https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio",
                    "MCP specification 2025-06-18: transports, stdio")
MCP_HTTP = SpecRef("https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http",
                   "MCP specification 2025-06-18: transports, Streamable HTTP")
MCP_BACKCOMPAT = SpecRef("https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#backwards-compatibility",
                         "MCP specification 2025-06-18: transports, backwards compatibility (HTTP+SSE)")
MCP_SECURITY = SpecRef("https://modelcontextprotocol.io/specification/2025-06-18/basic/security_best_practices",
                       "MCP specification 2025-06-18: security best practices")
MCP_AUTH_HTTPS = SpecRef("https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization#communication-security",
                         "MCP specification 2025-06-18: authorization, communication security (HTTPS)")
ASVS_SECRETS = SpecRef("https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md",
                       "OWASP ASVS 4.0.3 V2.10.4: secrets and API keys are not included in source code")
CWE_798 = SpecRef("https://cwe.mitre.org/data/definitions/798.html", "CWE-798: use of hard-coded credentials")
NPM_EXEC = SpecRef("https://docs.npmjs.com/cli/v10/commands/npx", "npm docs: npx (package specs and versions)")
UV_TOOLS = SpecRef("https://docs.astral.sh/uv/guides/tools/#requesting-specific-versions",
                   "uv docs: tools, requesting specific versions")
DOCKER_RUN = SpecRef("https://docs.docker.com/reference/cli/docker/container/run/",
                     "Docker docs: docker run (-i, -t, -d, image references)")
SUPPLY_CHAIN = SpecRef("https://slsa.dev/spec/v1.0/threats-overview", "SLSA v1.0: supply-chain threats (dependency pinning)")


rule = rule_factory(NAME)

_UNVERIFIED = ("A warning, not an error, for clients whose file shape rests on third-party pages only "
               "(`verified=False` in `clients.py`)")
"""Why a rule that reports what a client refuses says warning for some clients."""


CFG001 = rule(
    "CFG001", "wrong-top-level-key", "error", "MUST",
    "The servers sit under another client's top-level key, so this client finds none.",
    "Each client reads its servers from one key: `mcpServers` (Claude Code `.mcp.json`, Cursor, Claude Desktop, "
    "Gemini CLI, Windsurf), `servers` (VS Code `.vscode/mcp.json`), `[mcp_servers.*]` (Codex), `context_servers` "
    "(Zed). A file copied from another client's docs keeps the wrong key: the client then shows no servers "
    "(VS Code, Cursor) or reports the file invalid (Claude Code: `mcpServers: Does not adhere to MCP server "
    "configuration schema`).",
    '// .vscode/mcp.json\n{\n  "mcpServers": {\n    "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"]}\n  }\n}',
    '// .vscode/mcp.json\n{\n  "servers": {\n    "github": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"]}\n  }\n}',
    (C.VSCODE_DOCS, C.CLAUDE_CODE_DOCS, C.CODEX_DOCS, C.GEMINI_DOCS), example_language="jsonc",
    notes="Reported as an error for Claude Code, VS Code, Gemini CLI and Codex, whose file shapes are verified; "
          "as a warning for Cursor, Claude Desktop, Windsurf, Kiro, Roo and the others (unverified). A `.mcp.json` "
          "without `mcpServers` is reported too: Claude Code's schema requires the key. A `.mcp.json` in a "
          "subfolder with other keys and no servers is another tool's file and is left alone; at the repository "
          "root, where Claude Code loads it as the project's servers (code.claude.com/docs/en/mcp, project scope), "
          "it is reported as a warning. A plugin's MCP config (a `.mcp.json` at a plugin root, or the file a "
          "plugin manifest names in `mcpServers`) may list its servers at the top level.",
    severities=("warning",),
    severity_note=_UNVERIFIED + "; also for the repository root's `.mcp.json` that is another tool's file (no "
                  "servers, other keys): nothing meant for Claude Code is lost, but Claude Code reports it invalid.")
CFG002 = rule(
    "CFG002", "missing-command", "error", "MUST",
    "A local (stdio) server entry has no `command` to launch.",
    "A stdio server is a child process the client starts with `command` and `args` (MCP stdio transport). An entry "
    "with `type: stdio` (or no `type` and no URL) but no `command` cannot start: Claude Code rejects it "
    "(`Invalid MCP server config`), Codex refuses the whole file (`invalid transport`), VS Code and Gemini CLI "
    "report an error for that server.",
    '{\n  "mcpServers": {\n    "files": {"args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."]}\n  }\n}',
    '{\n  "mcpServers": {\n    "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."]}\n  }\n}',
    (MCP_STDIO, C.CLAUDE_CODE_SCHEMA, C.CODEX_SOURCE, C.VSCODE_SCHEMA),
    notes="Claude Desktop only launches stdio servers from its config file, so a URL entry there is reported as a "
          "warning (unverified). Disabled entries (`disabled: true`, `enabled: false`) are not checked. Zed entries "
          "are checked only with `source: custom`; goose only for `type: stdio`.",
    severities=("warning",),
    severity_note=_UNVERIFIED + ", and for a server with a URL but no command in Claude Desktop's config "
                  "(that it launches only local servers from the file is unverified).")
CFG003 = rule(
    "CFG003", "missing-url", "error", "MUST",
    "A remote server entry has no URL under the key this client reads.",
    "A remote server (`type` `http`, `sse`, `streamable-http`...) is reached at its URL, which each client reads from "
    "its own key: `url` (Claude Code, VS Code, Cursor, Codex, Gemini CLI's SSE), `httpUrl` (Gemini CLI's Streamable "
    "HTTP), `serverUrl` (Windsurf), `uri` (goose). A URL under another client's key is ignored and the server "
    "cannot connect.",
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "serverUrl": "https://mcp.example.com/mcp"}\n  }\n}',
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    (MCP_HTTP, C.CLAUDE_CODE_SCHEMA, C.VSCODE_SCHEMA, C.GEMINI_SCHEMA, C.WINDSURF_DOCS),
    notes="Windsurf is documented with `serverUrl`; that a plain `url` does not connect there rests on third-party "
          "reports only, so that case is reported as info.",
    severities=("warning", "info"),
    severity_note=_UNVERIFIED + "; info for a plain `url` in Windsurf's config, which only "
                  "third-party reports say does not connect.")
CFG004 = rule(
    "CFG004", "command-and-url", "warning", "SHOULD",
    "A server entry has both a `command` and a URL, and clients disagree on which one they use.",
    "An entry is either a process to launch or an endpoint to reach. With both, Claude Code launches the command "
    "unless `type` says otherwise, Gemini CLI connects to the URL first, and VS Code's schema accepts neither shape; "
    "the same file behaves differently per client. Codex rejects the combination outright (`url is not supported "
    "for stdio`), which is reported by `field-rejected-for-transport`.",
    '{\n  "mcpServers": {\n    "api": {"command": "node", "args": ["dist/index.js"], "url": "https://api.example.com/mcp"}\n  }\n}',
    '{\n  "mcpServers": {\n    "api": {"type": "http", "url": "https://api.example.com/mcp"}\n  }\n}',
    (C.CLAUDE_CODE_SCHEMA, C.VSCODE_SCHEMA, C.GEMINI_DOCS))
CFG005 = rule(
    "CFG005", "unknown-transport-type", "error", "MUST",
    "`type` names a transport this client does not accept.",
    "Clients accept a fixed set of `type` values: Claude Code `stdio`, `sse`, `http` (`streamable-http` in recent "
    "versions), `ws`; VS Code and Gemini CLI `stdio`, `sse`, `http`. Any other value (`streamable_http`, `local`, "
    "`websocket`, `remote`) fails their validation and the server is skipped.",
    '{\n  "servers": {\n    "docs": {"type": "streamableHttp", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    '{\n  "servers": {\n    "docs": {"type": "http", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    (C.CLAUDE_CODE_SCHEMA, C.VSCODE_SCHEMA, C.GEMINI_SCHEMA),
    notes="An error for Claude Code, VS Code and Gemini CLI; a warning for clients whose accepted values are "
          "unverified (Cursor, Roo, goose, opencode) and for `type: local` in `.mcp.json`, which is GitHub Copilot's "
          "name for stdio (Copilot reads `.mcp.json` too).",
    severities=("warning",),
    severity_note=_UNVERIFIED + ", and for `type: local` in `.mcp.json`, GitHub Copilot's name for stdio "
                  "(Copilot reads the file too).")
CFG006 = rule(
    "CFG006", "missing-transport-type", "warning", "SHOULD",
    "A remote entry in `.mcp.json` has no `type`, so Claude Code skips it.",
    "Claude Code validates every `.mcp.json` entry against a union where only stdio may omit `type`; an entry with "
    "a `url` and no `type` matches no branch, is dropped with `Invalid MCP server config`, and its tools never "
    "appear (`/doctor`: `Does not adhere to MCP server configuration schema`).",
    '{\n  "mcpServers": {\n    "docs": {"url": "https://mcp.example.com/mcp"}\n  }\n}',
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    (C.CLAUDE_CODE_SCHEMA, C.CLAUDE_CODE_DOCS),
    notes="A warning, not an error: `.mcp.json` is also GitHub Copilot's portable format, where omitting `type` may "
          "be valid (unverified). VS Code and Cursor infer the transport and are not concerned.")
CFG007 = rule(
    "CFG007", "deprecated-sse-transport", "warning", "BEST_PRACTICE",
    "A server uses the deprecated HTTP+SSE transport.",
    "The MCP specification replaced HTTP+SSE with Streamable HTTP in 2025-03-26 and keeps SSE only for backwards "
    "compatibility; Claude Code's docs mark SSE deprecated. Servers are dropping the `/sse` endpoint, and clients "
    "may follow. Switch to `type: http` with the server's Streamable HTTP endpoint when it offers one.",
    '{\n  "mcpServers": {\n    "docs": {"type": "sse", "url": "https://mcp.example.com/sse"}\n  }\n}',
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    (MCP_BACKCOMPAT, C.CLAUDE_CODE_DOCS))
CFG008 = rule(
    "CFG008", "unknown-server-field", "warning", "SHOULD",
    "A server entry has a field this client does not know and ignores.",
    "Fields are not portable between clients: `alwaysAllow` and `disabled` are Cline/Roo's, `envFile` is VS Code's "
    "and Cursor's, `serverUrl` Windsurf's, `transport` nobody's. The client ignores them silently, so the setting "
    "the author relied on does nothing, and a misspelt field (`arg`, `enviroment`) drops its value. Gemini CLI "
    "validates settings strictly (`additionalProperties: false`) and reports the file invalid.",
    '{\n  "servers": {\n    "files": {"command": "npx", "arg": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"]}\n  }\n}',
    '{\n  "servers": {\n    "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"]}\n  }\n}',
    (C.VSCODE_SCHEMA, C.GEMINI_SCHEMA, C.CODEX_SCHEMA, C.CLAUDE_CODE_SCHEMA),
    notes="Complete field lists exist for Claude Code, VS Code, Gemini CLI and Codex (kept current: VS Code's "
          "`sandboxEnabled`/`sandbox`, Codex's `env_vars` objects); there any unknown field is reported. For the "
          "other clients only near-misses of a known field (a typo or a different case) are reported. Keys that "
          "are comments by convention (`//`, `_comment`, `_note`) are skipped except for Gemini CLI. In `.mcp.json`, "
          "GitHub Copilot's `tools` and pi-mcp-adapter's own per-server fields (`lifecycle`, `directTools`, "
          "`idleTimeout`, `requestTimeoutMs` ...; the Pi agent's MCP extension reads the project `.mcp.json`) "
          "are another reader's settings and are not reported.")
CFG009 = rule(
    "CFG009", "field-rejected-for-transport", "error", "MUST",
    "Codex rejects a field that does not belong to the server's transport.",
    "Codex infers the transport (`command` means stdio, `url` means Streamable HTTP) and then refuses fields of the "
    "other one: `url`, `http_headers`, `env_http_headers`, `bearer_token_env_var` or `oauth_resource` on a stdio "
    "server, `args`, `env`, `env_vars` or `cwd` on an HTTP server, and an inline `bearer_token` on either. The "
    "error (`url is not supported for stdio`) stops Codex from loading `config.toml`.",
    '[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "docs-mcp@1.2.0"]\nurl = "https://mcp.example.com/mcp"',
    '[mcp_servers.docs]\nurl = "https://mcp.example.com/mcp"',
    (C.CODEX_SOURCE, C.CODEX_DOCS), example_language="toml")
CFG010 = rule(
    "CFG010", "invalid-field-type", "error", "MUST",
    "A server field has the wrong JSON type (`args` as a string, a number in `env`, an entry that is not an object).",
    "Clients validate the shape of each entry: Claude Code's and VS Code's schemas want `args` as an array of "
    "strings and `env`/`headers` as string maps, Codex's TOML loader refuses an integer where a string belongs "
    "and Gemini CLI rejects settings that break its schema. The server is dropped, or the whole file is "
    "(Codex). An empty `command` is reported here too.",
    '{\n  "mcpServers": {\n    "db": {"command": "uvx", "args": "mcp-server-sqlite==0.6.2", "env": {"PORT": 5432}}\n  }\n}',
    '{\n  "mcpServers": {\n    "db": {"command": "uvx", "args": ["mcp-server-sqlite==0.6.2"], "env": {"PORT": "5432"}}\n  }\n}',
    (C.CLAUDE_CODE_SCHEMA, C.VSCODE_SCHEMA, C.CODEX_SCHEMA, C.GEMINI_SCHEMA),
    notes="Checked against the schema exported for each client (`schemas/mcp-client-config/`). An error where "
          "the client's shape is verified (VS Code allows numbers and null in `env`); a warning for the others.",
    severities=("warning",),
    severity_note=_UNVERIFIED + ".")
CFG011 = rule(
    "CFG011", "server-name-case-collision", "warning", "SHOULD",
    "Two servers in one file have names that differ only in letter case.",
    "Tool names are derived from server names (`mcp__github__create_issue` in Claude Code), permissions and "
    "enable lists are keyed by them, and case-insensitive file systems and UIs merge them. Two spellings of one "
    "name are almost always a leftover copy, and which one wins differs per client. Exact duplicate keys are "
    "reported by `duplicate-key` (GEN004) instead.",
    '{\n  "mcpServers": {\n    "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"},\n    "GitHub": {"command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server:v0.13.0"]}\n  }\n}',
    '{\n  "mcpServers": {\n    "github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"}\n  }\n}',
    (C.CLAUDE_CODE_DOCS, C.VSCODE_DOCS))
CFG012 = rule(
    "CFG012", "gemini-underscore-server-name", "warning", "SHOULD",
    "A Gemini CLI server name contains `_`, which breaks its tool-name policy matching.",
    "Gemini CLI names MCP tools `mcp_<server>_<tool>` and its policy engine splits that name at the first `_`; a "
    "server called `my_server` is read as server `my`, so allow/deny rules and trust settings aimed at it do not "
    "apply. The Gemini CLI docs ask for names without underscores.",
    '{\n  "mcpServers": {\n    "my_server": {"command": "node", "args": ["dist/index.js"]}\n  }\n}',
    '{\n  "mcpServers": {\n    "my-server": {"command": "node", "args": ["dist/index.js"]}\n  }\n}',
    (C.GEMINI_DOCS,))
CFG013 = rule(
    "CFG013", "undefined-input-variable", "error", "MUST",
    "`${input:id}` refers to an input that `inputs` does not define.",
    "VS Code replaces `${input:id}` with the value of the input of that `id`, prompting for it once. An id that is "
    "not in `inputs` stops the server from starting: `Undefined input variable 'id' encountered. Remove or define "
    "'id' to continue.`",
    '{\n  "inputs": [{"type": "promptString", "id": "api-key", "description": "API key", "password": true}],\n  "servers": {\n    "x": {"command": "x-mcp", "env": {"API_KEY": "${input:apiKey}"}}\n  }\n}',
    '{\n  "inputs": [{"type": "promptString", "id": "api-key", "description": "API key", "password": true}],\n  "servers": {\n    "x": {"command": "x-mcp", "env": {"API_KEY": "${input:api-key}"}}\n  }\n}',
    (C.VSCODE_VARIABLES, C.VSCODE_RESOLVER, C.VSCODE_DOCS), example_language="jsonc")
CFG014 = rule(
    "CFG014", "unused-input", "info", "BEST_PRACTICE",
    "An entry of `inputs` is never referenced as `${input:id}`.",
    "An input that no server uses is dead configuration; it usually means a reference was misspelt (see "
    "`undefined-input-variable`) or a server was removed without its inputs.",
    '{\n  "inputs": [{"type": "promptString", "id": "token", "description": "Token", "password": true}],\n  "servers": {"x": {"command": "x-mcp"}}\n}',
    '{\n  "servers": {"x": {"command": "x-mcp"}}\n}',
    (C.VSCODE_DOCS,), example_language="jsonc")
CFG015 = rule(
    "CFG015", "unexpanded-variable", "warning", "SHOULD",
    "A variable reference uses a syntax this client does not expand, so the server receives it literally.",
    "Each client has its own variable syntax: VS Code expands `${env:X}`, `${input:x}` and `${workspaceFolder}` "
    "but leaves `${X}` and `$X` as they are; Claude Code expands `${X}` and `${X:-default}` but not `$X` or "
    "`${env:X}`; Gemini CLI expands `$X` and `${X}`; Codex expands nothing (name variables in `env_vars` or "
    "`bearer_token_env_var` instead). A reference in another client's syntax reaches the server as text, "
    "typically as a wrong token or path.",
    '{\n  "servers": {\n    "gh": {"command": "github-mcp-server", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}\n  }\n}',
    '{\n  "servers": {\n    "gh": {"command": "github-mcp-server", "env": {"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"}}\n  }\n}',
    (C.VSCODE_VARIABLES, C.CLAUDE_CODE_DOCS, C.CLAUDE_PLUGIN_USER_CONFIG, C.GEMINI_ENV, C.CODEX_SOURCE),
    example_language="jsonc",
    notes="Checked for VS Code, Claude Code, Gemini CLI and Codex only; the other clients' syntaxes are "
          "unverified. Arguments of a shell (`sh -c`, `bash -c`, `cmd /c`) are skipped: the shell expands them. "
          "`${CLAUDE_PLUGIN_ROOT}` and `${CLAUDE_PLUGIN_DATA}` are reported in the repository root's `.mcp.json` "
          "unless the root is a plugin (its own `.claude-plugin/plugin.json`, or the root marketplace lists `./`): "
          "Claude Code defines them only for a plugin's servers. A JSON file a plugin manifest names in "
          "`mcpServers` is checked as that plugin's `.mcp.json`. A plugin's servers may use `${user_config.KEY}` "
          "(plugins reference, \"User configuration\": Claude Code substitutes the option's value in MCP "
          "server configs) for every KEY its `.claude-plugin/plugin.json` declares in `userConfig`; an "
          "undeclared KEY is reported, and any `${user_config.KEY}` is accepted when the declarations cannot "
          "be read (no manifest, or marketplace entries that carry their own `userConfig`).")
CFG016 = rule(
    "CFG016", "plaintext-secret", "error", "MUST",
    "A credential is written in plain text in a committed config file.",
    "Everyone who can read the repository (and its history, forks and CI logs) can use a token committed in `env`, "
    "`headers`, arguments or a URL; it must be revoked, not just deleted. Reference it instead: `${input:x}` or "
    "`${env:X}` (VS Code), `${X}` (Claude Code, Gemini CLI), `env_vars` / `bearer_token_env_var` (Codex). Known "
    "token formats (GitHub, OpenAI, Anthropic, AWS, Slack, Google, Stripe, JWT, bearer tokens) are errors; a "
    "random-looking value under a secret-like name (`*_API_KEY`, `Authorization`) is a warning.",
    '{\n  "mcpServers": {\n    "gh": {"command": "github-mcp-server", "env": {"GITHUB_TOKEN": "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"}}\n  }\n}',
    '{\n  "mcpServers": {\n    "gh": {"command": "github-mcp-server", "env": {"GITHUB_TOKEN": "${GITHUB_TOKEN}"}}\n  }\n}',
    (ASVS_SECRETS, CWE_798, MCP_SECURITY, C.VSCODE_DOCS),
    notes="Placeholders are never reported: variable references (`${env:X}`, `${input:x}`, `${X}`, `$X`), hints "
          "(`<YOUR_KEY>`, `your-api-key`), masked values (`xxx`, `...`), `changeme`, AWS's `...EXAMPLE` keys and "
          "low-entropy or word-like values. Shared detector: `validator/secrets.py`.",
    severities=("warning",),
    severity_note=("An error for a known token format (high confidence); a warning for a random-looking "
                   "value under a secret-like name, which may still be a placeholder."))
CFG017 = rule(
    "CFG017", "unpinned-package", "info", "BEST_PRACTICE",
    "A server is launched from a package registry without a pinned version.",
    "`npx -y pkg`, `npx pkg@latest`, `uvx pkg`, `pipx run pkg` and `docker run image` (or `:latest`) fetch whatever "
    "was published last, on every machine and at every start: a compromised or breaking release runs "
    "immediately with the user's credentials, and two developers run different servers. Pin an exact version "
    "(`pkg@1.4.2`, `pkg==1.4.2`, `image:1.4.2` or a digest).",
    '{\n  "mcpServers": {\n    "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."]}\n  }\n}',
    '{\n  "mcpServers": {\n    "fs": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."]}\n  }\n}',
    (SUPPLY_CHAIN, NPM_EXEC, UV_TOOLS, DOCKER_RUN),
    notes="Info, because the vendors' own install snippets are unpinned: the file is correct and works, pinning "
          "is supply-chain advice. The same policy holds wherever a committed file launches a package (goose "
          "recipes' GOOSE012 too). Not reported when the package is a dependency of the repository's package.json "
          "(the lockfile pins it), when it only runs a local script (a script runner such as `npx tsx ./server`, "
          "or a `.ts`/`.js`/`.py` file argument), or for git and path sources. The server's own arguments (a data "
          "folder, a `${VAR}`) do not make a registry package local.")
CFG018 = rule(
    "CFG018", "docker-stdio-flags", "error", "MUST",
    "A stdio server runs `docker run` without `-i`, or with `-d` or `-t`, so its stdin/stdout cannot carry MCP.",
    "A stdio server reads JSON-RPC from stdin and writes it to stdout. Without `-i` Docker does not attach stdin "
    "and the server sees end-of-file at once; `-d` detaches the container and `docker run` exits after printing "
    "its id; `-t` allocates a terminal, which fails with `the input device is not a TTY` under a client and "
    "would mangle line endings. VS Code's docs warn against `-d` for the same reason.",
    '{\n  "mcpServers": {\n    "gh": {"command": "docker", "args": ["run", "-d", "--rm", "ghcr.io/github/github-mcp-server:v0.13.0"]}\n  }\n}',
    '{\n  "mcpServers": {\n    "gh": {"command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server:v0.13.0"]}\n  }\n}',
    (MCP_STDIO, DOCKER_RUN, C.VSCODE_DOCS))
CFG019 = rule(
    "CFG019", "insecure-http-url", "warning", "SHOULD",
    "A remote server is reached over plain `http://` on a non-local host.",
    "Tokens, headers and tool results then cross the network unencrypted. The MCP authorization spec requires "
    "HTTPS for every endpoint except loopback, and `mcp-remote` refuses `http://` to other hosts unless "
    "`--allow-http` is given. Loopback, private-network, single-label and `.local`/`.internal`/`.lan` hosts are not reported.",
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "http://mcp.example.com/mcp"}\n  }\n}',
    '{\n  "mcpServers": {\n    "docs": {"type": "http", "url": "https://mcp.example.com/mcp"}\n  }\n}',
    (MCP_AUTH_HTTPS, MCP_SECURITY))
CFG020 = rule(
    "CFG020", "absolute-home-path", "warning", "BEST_PRACTICE",
    "A committed config points into one person's home folder (`/Users/name`, `/home/name`, `C:\\Users\\name`).",
    "The path exists only on the author's machine: every other developer, CI and container gets `ENOENT` or a "
    "server that cannot find its data. Use a path relative to the project (`${workspaceFolder}` in VS Code, "
    "the working directory Claude Code starts servers in), an environment variable, or a placeholder in "
    "documentation examples.",
    '{\n  "mcpServers": {\n    "notes": {"command": "node", "args": ["/Users/alice/src/notes-mcp/dist/index.js"]}\n  }\n}',
    '{\n  "mcpServers": {\n    "notes": {"command": "node", "args": ["dist/index.js"]}\n  }\n}',
    (C.VSCODE_VARIABLES, C.CLAUDE_CODE_DOCS),
    notes="Placeholder user names (`you`, `username`, `<user>`, `USER`) and service accounts of containers and CI "
          "(`node`, `runner`, `vscode`) are not reported, nor paths inside a container after a `docker run` image.")

CFG021 = rule(
    "CFG021", "extension-manifest-invalid", "error", "MUST",
    "An extension manifest its client refuses: Gemini CLI's without name/version or with a bad name, Claude "
    "Code's, Cursor's or Copilot CLI's without name, a Codex one it cannot parse or install.",
    "Gemini CLI reads an extension's manifest before any of its servers: without a name and a version, or with a "
    "name outside `[a-zA-Z0-9-]`, loading throws and the extension's MCP servers, commands and context never "
    "start. Claude Code likewise refuses a plugin manifest without `name`, its one required field. Codex parses "
    "`.codex-plugin/plugin.json` into a typed struct: a `name`, `version`, `description`, `keywords` or "
    "`interface` field of another type fails the parse, and the plugin loads nothing (\"missing or invalid "
    "plugin.json\"); installing also refuses a name that is not a plugin id (ASCII letters, digits, `_`, `-`) "
    "and a version with other characters.",
    '{\n  "name": "my_extension",\n  "mcpServers": {\n    "docs": {"command": "node", "args": ["${extensionPath}/server.js"]}\n  }\n}',
    '{\n  "name": "my-extension",\n  "version": "1.0.0",\n  "mcpServers": {\n    "docs": {"command": "node", "args": ["${extensionPath}/server.js"]}\n  }\n}',
    (C.GEMINI_EXTENSION_SOURCE, C.GEMINI_EXTENSION_DOCS, C.CLAUDE_PLUGIN_DOCS, C.CODEX_MANIFEST_SOURCE,
     C.CODEX_PLUGIN_STORE, C.CURSOR_PLUGIN_DOCS, C.CURSOR_PLUGIN_SCHEMA, C.COPILOT_PLUGIN_DOCS),
    notes="Checked on every such manifest, whether or not it configures MCP servers (a manifest that does not "
          "load hides its commands, skills and context too). The Gemini docs also ask the name to match the "
          "extension's folder; the loader does not enforce it, so neither does this rule. Codex (openai/codex "
          "bad46dc4, `core-plugins/src/manifest_document.rs` and `manifest.rs`; `store.rs` at 03d21135): a "
          "missing or blank `name` is not reported, Codex takes the plugin folder's name (reported only when "
          "that name is invalid; unknown at the repository root); a name may hold `.` between letters, digits, "
          "`_` and `-` (the newest `plugin_id.rs`); `version` is trimmed, then must be non-blank and hold only "
          "ASCII letters, digits, `.`, `+`, `_`, `-`. Unknown keys (`author`, `homepage`, `license` ...) are "
          "ignored by Codex and not reported. Fields Codex ignores without refusing the plugin are CFG022. "
          "Cursor (`.cursor-plugin/plugin.json`) and GitHub Copilot CLI (`.plugin/plugin.json`, "
          "`.github/plugin/plugin.json`, or a bare `plugin.json` in a folder a Copilot marketplace lists) document "
          "`name` as the manifest's one required field (cursor.com/docs/reference/plugins; docs.github.com Copilot "
          "CLI plugin reference): a manifest without it, or not a JSON object, is an error. Both tools are closed "
          "source and do not document what they do with a name outside the documented form (Cursor: lowercase "
          "letters, digits, `-` and `.`, starting and ending with a letter or digit; Copilot: kebab-case, at most 64 "
          "characters): a warning. Other fields of these manifests are not checked.",
    severities=("warning",),
    severity_note="A warning for a Cursor or Copilot CLI plugin name outside the documented form, whose "
                  "consequence is not documented.")

CFG022 = rule(
    "CFG022", "plugin-manifest-field-ignored", "warning", "MUST",
    "A plugin manifest field its client ignores: a Codex path without `./`, outside the plugin or missing, a "
    "dropped default prompt; a Cursor or Copilot CLI `mcpServers` file that is missing.",
    "Codex resolves every path of a plugin manifest (`skills`, `mcpServers`, `apps`, `hooks`, "
    "`interface.composerIcon`, `logo`, `logoDark`, `screenshots`) under the plugin's root, and only when it starts "
    "with `./` and holds plain names after it; anything else (`skills/`, `../shared`, `/abs`) is dropped with a "
    "log line nobody reads, and the plugin installs without those skills or servers (an ignored `skills` or "
    "`mcpServers` falls back to `skills/` and `.mcp.json`). A path to a file that is not committed loads nothing "
    "either. `interface.defaultPrompt` keeps at most 3 prompts of at most 128 characters.",
    '{\n  "name": "notes",\n  "skills": "skills/",\n  "mcpServers": "../shared/.mcp.json"\n}',
    '{\n  "name": "notes",\n  "skills": "./skills/",\n  "mcpServers": "./.mcp.json"\n}',
    (C.CODEX_MANIFEST_SOURCE, C.CODEX_PLUGIN_DOCS, C.CURSOR_PLUGIN_SCHEMA, C.COPILOT_PLUGIN_DOCS),
    notes="A warning: the rest of the plugin loads. Sources: openai/codex bad46dc4 `core-plugins/src/manifest.rs` "
          "(`resolve_manifest_path`, `resolve_manifest_paths`, `resolve_manifest_mcp_servers`, "
          "`resolve_manifest_hooks`, `resolve_default_prompts`) and `manifest_document.rs` (the untagged `Invalid` "
          "arms); `core-plugins/src/loader.rs` (`load_mcp_servers_from_file`: a missing file yields no servers, "
          "silently). Accepted: a list of paths for `skills`, `apps`, `mcpServers` and `hooks`, an inline object "
          "of servers for `mcpServers` and hook objects for `hooks` (later revisions take them); http(s) URLs "
          "for interface images (the plugin directory serves remote assets; not checked). The inline servers "
          "of `mcpServers` are not checked as an MCP config. Cursor and Copilot CLI plugin manifests: only an "
          "`mcpServers` path (or list of paths) to a `.json` file missing from the repository is reported (no MCP "
          "servers load from it); their other path fields may be globs and are not checked.")

CFG023 = rule(
    "CFG023", "marketplace-invalid", "error", "MUST",
    "A plugin marketplace (Claude Code, Codex, Copilot CLI) its tool refuses, or an entry it skips: a required "
    "field missing or mistyped, a reserved or duplicate name, a `source` it cannot use.",
    "Claude Code checks the marketplace file against its schema when it adds or loads the marketplace: a missing "
    "required field or a value of another type fails it (\"Invalid schema: plugins.3.source: Invalid input\"), "
    "and users see no plugins from it, or, on newer versions, not that plugin. A relative `source` must start with "
    "`./` (a bare name only under `metadata.pluginRoot`) and must not contain `..`; an object `source` must name a "
    "kind Claude Code knows (`github`, `url`, `git-subdir`, `npm`, `archive`, `command`) with that kind's required "
    "field; two entries may not share a name; the names reserved for Anthropic's marketplaces stop the "
    "marketplace from loading.",
    '{\n  "name": "team-tools",\n  "owner": "Platform team",\n  "plugins": [\n    {"name": "formatter", "source": '
    '"plugins/formatter"},\n    {"name": "deploy", "source": {"source": "github", "repository": "acme/deploy"}}\n  ]\n}',
    '{\n  "name": "team-tools",\n  "owner": {"name": "Platform team"},\n  "plugins": [\n    {"name": "formatter", '
    '"source": "./plugins/formatter"},\n    {"name": "deploy", "source": {"source": "github", "repo": "acme/deploy"}}'
    '\n  ]\n}',
    (C.CLAUDE_MARKETPLACE_DOCS, C.CLAUDE_VERSION_DOCS, C.CLAUDE_MARKETPLACE_SCHEMA, C.CODEX_MARKETPLACE_SOURCE,
     C.CODEX_PLUGIN_ID_SOURCE, C.COPILOT_PLUGIN_DOCS),
    notes="Read from the Claude Code docs (plugin-marketplaces: marketplace schema, plugin entries, plugin sources, "
          "strict mode, marketplace validation errors) and anthropics/claude-code issues 36352 and 40333 (a source "
          "that fails the schema: \"Failed to load marketplace ... Invalid schema\"). The SchemaStore "
          "`claude-code-marketplace` schema, generated from Claude Code, is a hint where the docs are silent; where "
          "they differ the docs win: the docs add the `archive` and `command` kinds and bare names under "
          "`metadata.pluginRoot` (v2.1.239+), and `.` is accepted for the marketplace root (validated since "
          "v2.1.196); a `sha` may be upper-case hex (the schema asks lower case). A non-kebab-case name is not an "
          "error: Claude Code accepts it (CFG024). Also an error: `strict: false` on an entry that declares "
          "components while the plugin's `plugin.json` declares some too (\"conflicting manifests\", the plugin "
          "does not load). An unknown source kind fails the install on Claude Code v2.1.120+ and the whole "
          "marketplace before. Unknown fields are not reported: entries take any plugin manifest field and the "
          "top-level list is not exhaustive. A reserved name is not reported when the marketplace says Anthropic "
          "maintains it (`owner.name` Anthropic, an anthropic.com `owner.email`); the checkout's git remote is not "
          "read (the lint reads only the repository's files). Codex (`.agents/plugins/marketplace.json`, openai/codex "
          "`core-plugins/src/marketplace.rs` at 0e543a2c): the file must parse into Codex's struct (`name` string, "
          "`plugins` array, entries with `name` string and `source`, `policy.installation` and "
          "`policy.authentication` from their enums, `category` a string), or Codex lists none of its plugins; "
          "an entry is skipped when its name or the marketplace's is not a plugin id (ASCII letters, digits, `_`, "
          "`-`), when a local source other than `.` or `./` does not start with `./` or leaves the marketplace root "
          "(`.` and `./` name the root since openai/codex#28771), when its source object is not `local`, `url`, "
          "`git-subdir` or `npm` (Codex has no `github` kind), or a git or npm source's url, subfolder, package or "
          "registry is unusable. Unknown keys are not reported (serde ignores them). GitHub "
          "Copilot CLI (`.github/plugin/marketplace.json`, `.plugin/marketplace.json`): the CLI plugin reference "
          "requires `name`, `owner` (with `name`) and `plugins`, and `name` and `source` in every entry; the CLI is "
          "closed source, so a missing required field is reported as the reference states it. A "
          "`.cursor-plugin/marketplace.json` gets no CFG023 finding: Cursor documents no schema for it.")

CFG024 = rule(
    "CFG024", "marketplace-entry-suspect", "warning", "SHOULD",
    "A marketplace entry loads but is wrong: a local `source` folder not in the repository, a `version` "
    "`plugin.json` overrides, a `strict: false` conflict, a name other surfaces refuse.",
    "The marketplace loads, but installing a plugin whose folder is missing fails with \"Plugin directory not "
    "found\"; an entry `version` is ignored when `plugin.json` sets one (plugin.json wins, so updates follow the "
    "other number); `strict: false` makes the entry the whole definition and a `plugin.json` that declares "
    "components conflicts with it. `claude plugin validate` warns about plugin names that are not kebab-case "
    "(the claude.ai marketplace sync rejects them) and names Claude Desktop's managed sync refuses.",
    '{\n  "name": "team-tools",\n  "owner": {"name": "Platform team"},\n  "plugins": [\n    {"name": "Formatter", '
    '"source": "./plugins/fromatter", "version": "2.0.0"}\n  ]\n}',
    '{\n  "name": "team-tools",\n  "owner": {"name": "Platform team"},\n  "plugins": [\n    {"name": "formatter", '
    '"source": "./plugins/formatter"}\n  ]\n}',
    (C.CLAUDE_MARKETPLACE_DOCS, C.CLAUDE_VERSION_DOCS, C.CODEX_MARKETPLACE_SOURCE, C.CURSOR_PLUGIN_DOCS,
     C.COPILOT_PLUGIN_DOCS),
    notes="A warning: the marketplace and its other plugins load. `metadata.pluginRoot` applies to bare names only "
          "(a `./` source ignores it); a missing folder under the pluginRoot reading is named in the message. Also: "
          "`strict: false` on an entry that declares components while the plugin's `plugin.json` declares none but "
          "its folder has default `skills/`, `commands/`, `agents/` or `hooks/hooks.json` (Claude Code has counted "
          "those as the manifest's and reported conflicting manifests); a `github` source whose `repo` is not "
          "`owner/repo`. Not "
          "reported: a folder without `.claude-plugin/plugin.json`, whatever `strict` says (the manifest is "
          "optional; Claude Code discovers the components in their default folders); a folder git ignores or a "
          "submodule (built or fetched later); remote sources (never fetched). Codex resolves a local source "
          "against the marketplace root (the folder holding `.agents/`); Cursor's and Copilot CLI's relative "
          "sources are looked for both as written (`./` optional, Copilot's reference) and under "
          "`metadata.pluginRoot`, and reported only when neither folder exists. Copilot CLI marketplace and plugin "
          "names that are not kebab-case or longer than 64 characters: the reference asks for them, the "
          "consequence is not documented.")

RULES = (CFG001, CFG002, CFG003, CFG004, CFG005, CFG006, CFG007, CFG008, CFG009, CFG010, CFG011, CFG012, CFG013,
         CFG014, CFG015, CFG016, CFG017, CFG018, CFG019, CFG020, CFG021, CFG022, CFG023, CFG024)
