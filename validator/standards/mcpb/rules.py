"""The MCPB rules: MCP Bundle (formerly DXT) `manifest.json`.

What `mcpb validate` (and so `mcpb pack`) rejects is an error, mirrored from
modelcontextprotocol/mcpb at 27083dcf93c4 (npm `@anthropic-ai/mcpb` 2.1.2). Where the
schema and MANIFEST.md disagree the finding is a warning that names the conflict. The
checks beyond the schema (files, variables, user_config, runtimes, names) are
warnings unless the result certainly breaks: a `${user_config.X}` with no such option
is never substituted.
"""

from __future__ import annotations

from validator.model import SpecRef, rule_factory

_MCPB = "https://github.com/modelcontextprotocol/mcpb/blob/27083dcf93c4"
MANIFEST = f"{_MCPB}/MANIFEST.md"
SPEC = SpecRef(f"{MANIFEST}#manifest-schema", "MCPB MANIFEST.md: Manifest Schema")
FIELDS = SpecRef(f"{MANIFEST}#field-definitions", "MCPB MANIFEST.md: Field Definitions")
COMPAT = SpecRef(f"{MANIFEST}#compatibility", "MCPB MANIFEST.md: Compatibility")
SERVER = SpecRef(f"{MANIFEST}#server-configuration", "MCPB MANIFEST.md: Server Configuration")
UV = SpecRef(f"{MANIFEST}#uv-runtime-experimental-v04", "MCPB MANIFEST.md: UV Runtime (v0.4)")
MCP_CONFIG = SpecRef(f"{MANIFEST}#mcp-configuration", "MCPB MANIFEST.md: MCP Configuration (variable substitution)")
USER_CONFIG = SpecRef(f"{MANIFEST}#user-configuration", "MCPB MANIFEST.md: User Configuration")
TOOLS = SpecRef(f"{MANIFEST}#tools-and-prompts", "MCPB MANIFEST.md: Tools and Prompts")
ICONS = SpecRef(f"{MANIFEST}#icons", "MCPB MANIFEST.md: Icons")
VALIDATE = SpecRef(f"{_MCPB}/src/node/validate.ts", "mcpb validate (src/node/validate.ts)")
RESOLVE = SpecRef(f"{_MCPB}/src/shared/manifestVersionResolve.ts", "mcpb manifest version selection (manifestVersionResolve.ts)")
SCHEMAS = SpecRef(f"{_MCPB}/src/schemas/0.4.ts", "mcpb strict manifest schemas (src/schemas/0.1-0.4.ts)")
SCHEMA_04 = SpecRef(f"{_MCPB}/src/schemas/0.4.ts", "mcpb v0.4 schema: mcp_config required (commit 1dbbffc)")
CONFIG_TS = SpecRef(f"{_MCPB}/src/shared/config.ts", "mcpb reference substitution (src/shared/config.ts replaceVariables)")
FILES_TS = SpecRef(f"{_MCPB}/src/node/files.ts", "mcpb pack file selection (src/node/files.ts, .mcpbignore)")
SEMVER = SpecRef("https://semver.org/spec/v2.0.0.html", "Semantic Versioning 2.0.0")
NODE_SEMVER = SpecRef("https://github.com/npm/node-semver#ranges", "node-semver: Ranges")
PEP440 = SpecRef("https://peps.python.org/pep-0440/#version-specifiers", "PEP 440: Version specifiers")
PNG = SpecRef("https://www.w3.org/TR/png-3/#11IHDR", "PNG (Third Edition) §11.2.1 IHDR Image header")
MCP_TOOL_NAMES = SpecRef("https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names",
                         "MCP 2025-11-25: Tools, Tool names")
CLAUDE_DESKTOP_TOOLS = SpecRef("https://github.com/malloydata/publisher/pull/543",
                               "Claude Desktop rejects MCP tool names outside ^[a-zA-Z0-9_-]{1,64}$ (reported 2025-12)")
ANTHROPIC_TOOLS = SpecRef("https://github.com/modelcontextprotocol/modelcontextprotocol/issues/1345",
                          "Anthropic API (Claude Code): tools[].name must match ^[a-zA-Z0-9_-]{1,128}$")
OPENAI_TOOLS = SpecRef("https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools",
                       "OpenAI Chat Completions: function name a-z, A-Z, 0-9, _ and -, at most 64")

_HEAD = '{\n  "manifest_version": "0.3",\n  "name": "weather",\n  "version": "1.0.0",\n'


def _doc(body: str) -> str:
    return _HEAD + body + "\n}"


_SERVER = ('  "server": {\n    "type": "node",\n    "entry_point": "server/index.js",\n'
           '    "mcp_config": {"command": "node", "args": ["${__dirname}/server/index.js"]}\n  }')


rule = rule_factory("mcpb-manifest")


# -- version and schema (what `mcpb validate` rejects) -------------------------------------

MCPB001 = rule(
    "MCPB001", "manifest-version-unsupported", "error", "MUST",
    "Neither `manifest_version` nor `dxt_version` is a manifest version mcpb knows.",
    "`mcpb validate` and `mcpb pack` pick the schema by `manifest_version` when it is one of the strings 0.1, 0.2, "
    "0.3 or 0.4, otherwise by `dxt_version`; with neither they stop (\"Unrecognized or unsupported manifest "
    "version\") and the bundle cannot be built. The value must be a string: `0.3` (a number) is not recognised.",
    _doc('  "server": {"type": "node", "entry_point": "server/index.js", "mcp_config": {"command": "node"}}')
    .replace('"0.3"', '"1.0"'),
    _doc('  "server": {"type": "node", "entry_point": "server/index.js", "mcp_config": {"command": "node"}}'),
    (RESOLVE, VALIDATE),
    notes="A legacy `dxt_version` mcpb does not know (e.g. `\"0.2.6\"`) is still checked against the schema of "
          "the legacy DXT 0.2.6 CLI, so its other problems are reported too.")
MCPB002 = rule(
    "MCPB002", "dxt-version-deprecated", "warning", "SHOULD",
    "The manifest declares the deprecated `dxt_version` key.",
    "Since the DXT to MCPB rename the schemas describe `dxt_version` as \"@deprecated Use manifest_version "
    "instead\". mcpb still accepts it, but a manifest that carries both keys must keep them equal, and new tools "
    "read `manifest_version` first.",
    '{\n  "dxt_version": "0.1",\n  "name": "weather"\n}', '{\n  "manifest_version": "0.1",\n  "name": "weather"\n}',
    (SCHEMAS, RESOLVE), fix="safe",
    notes="`--fix` renames a lone `dxt_version` key to `manifest_version` (value and layout kept); with both keys "
          "present nothing is changed automatically.")
MCPB003 = rule(
    "MCPB003", "manifest-schema-violation", "error", "MUST",
    "A value has the wrong type, is missing, or breaks a format or pattern of its manifest version's schema.",
    "`mcpb validate` parses the manifest with the strict zod schema of its version; any failure rejects the "
    "manifest and `mcpb pack` refuses to build the bundle. URLs (`homepage`, `author.url`, `repository.url`, "
    "`privacy_policies[]`) must parse as absolute URLs, `author.email` must match zod's e-mail pattern, "
    "`icons[].size` must be `WIDTHxHEIGHT`, `localization.resources` must contain `${locale}`. A whole value that is a "
    "build template's slot (`__PLATFORM__`, `${VERSION}`, `@ARCH@`) is left to the release script that fills it in.",
    _doc('  "description": "Forecasts",\n  "author": {"name": "Acme", "url": "acme.example"},\n' + _SERVER),
    _doc('  "description": "Forecasts",\n  "author": {"name": "Acme", "url": "https://acme.example"},\n' + _SERVER),
    (SCHEMAS, VALIDATE),
    notes="Checked against agentconform's schemas exported from its own models (`schemas/mcpb-manifest/`). "
          "Where zod and the JSON Schema mcpb publishes differ, zod wins because it is what `mcpb validate` "
          "runs: `localization.resources` accepts `${LOCALE}` in any case, URLs follow the WHATWG URL parser "
          "(`new URL()`), patterns use ECMAScript character classes.")
MCPB004 = rule(
    "MCPB004", "manifest-unknown-field", "error", "MUST",
    "A fixed-shape object of the manifest has a key its schema does not define.",
    "Every fixed-shape object of an MCPB manifest is a zod `strictObject`: the root, `author`, `repository`, "
    "`server`, `mcp_config`, each `platform_overrides` entry, `tools[]`, `prompts[]`, `compatibility`, each "
    "`user_config` option, `icons[]` and `localization`. `mcpb validate` rejects any other key. The open maps "
    "(`env`, `platform_overrides`, `user_config`, `_meta`) accept any key.",
    '"tools": [{"name": "get_forecast", "description": "Forecast", "inputSchema": {"type": "object"}}]',
    '"tools": [{"name": "get_forecast", "description": "Forecast"}]', (SCHEMAS, VALIDATE), example_language="text")
MCPB005 = rule(
    "MCPB005", "field-not-in-manifest-version", "error", "MUST",
    "A key or value is valid in another manifest version but not in the one the manifest declares.",
    "`privacy_policies` arrived in 0.2, `icons`, `localization` and `_meta` in 0.3, `server.type: \"uv\"` in 0.4. "
    "Each version's schema is strict, so `mcpb validate` rejects a newer field under an older "
    "`manifest_version` (the mcpb repository's own 0.1 examples carry `privacy_policies`). Raise "
    "`manifest_version` or drop the field.",
    '{\n  "manifest_version": "0.1",\n  "privacy_policies": ["https://acme.example/privacy"]\n}',
    '{\n  "manifest_version": "0.2",\n  "privacy_policies": ["https://acme.example/privacy"]\n}', (SCHEMAS, VALIDATE))
MCPB006 = rule(
    "MCPB006", "compatibility-client-key", "warning", "MUST",
    "`compatibility` has a client version key that MANIFEST.md allows but the schema rejects.",
    "MANIFEST.md says the compatibility object \"supports version constraints for any client application\" and "
    "shows `\"my_client\": \">1.0.0\"`, but every strict schema (0.1-0.4) closes `compatibility` to "
    "`claude_desktop`, `platforms` and `runtimes`, so `mcpb validate` and `mcpb pack` reject the manifest. Until "
    "the two agree, keep other clients' constraints out of the manifest.",
    '"compatibility": {"claude_desktop": ">=0.10.0", "my_client": ">1.0.0"}',
    '"compatibility": {"claude_desktop": ">=0.10.0"}', (COMPAT, SCHEMAS), example_language="text",
    notes="A warning rather than an error because the specification text allows the key; the finding names "
          "the conflict. A misplaced `python` or `node` key, or a non-string value, is an unknown field (MCPB004).")
MCPB007 = rule(
    "MCPB007", "uv-without-mcp-config", "warning", "MUST",
    "A `uv` server has no `mcp_config`, which MANIFEST.md allows but the 0.4 schema rejects.",
    "MANIFEST.md (UV Runtime) says `mcp_config` is optional for `server.type: \"uv\"` because the host manages "
    "execution, and its own example omits it; since mcpb commit 1dbbffc the 0.4 schema requires `mcp_config` "
    "for every server type, so `mcpb validate` and `mcpb pack` reject the manifest.",
    '"server": {"type": "uv", "entry_point": "src/server.py"}',
    '"server": {"type": "uv", "entry_point": "src/server.py",\n'
    '           "mcp_config": {"command": "uv", "args": ["run", "--directory", "${__dirname}", "src/server.py"]}}',
    (UV, SCHEMA_04), example_language="text",
    notes="A warning rather than an error because the specification text allows it (MANIFEST.md); the finding names the conflict with the 0.4 schema, which `mcpb validate` applies.")

# -- files of the bundle ------------------------------------------------------------------

MCPB010 = rule(
    "MCPB010", "entry-point-not-found", "warning", "MUST",
    "`server.entry_point` names a file that is not in the bundle directory.",
    "The entry point is the server the bundle runs; `mcpb pack` does not check it, so a misspelt path ships a "
    "bundle that fails on launch. Reported only when the file's folder exists and holds code, and the file is "
    "neither ignored by git nor the build output of a source next to it (`dist/index.js` from `src/index.ts` is "
    "built before packing, not committed), or when a nearly identical name shows a typo.",
    '"entry_point": "server/indx.js"   (server/index.js exists)', '"entry_point": "server/index.js"',
    (SERVER,), example_language="text",
    notes=("Binary entry points are built, not committed, so they are reported only for a near-identical "
          "sibling name (a typo). Paths are resolved against the manifest's folder, the bundle root. Not reported "
          "when the manifest is a template: its folder holds no code (a build copies the server in), or a pack "
          "command in package.json scripts, a Makefile-like file, a script or a CI workflow packs another folder "
          "(`mcpb pack dist-mcpb/`, `cd dist-mcpb && mcpb pack`, or a build script that copies manifest.json "
          "elsewhere and packs there, e.g. `execSync(\"mcpb pack\", {cwd: out})`). Nor when a `.mcpb` committed beside "
          "the bundle folder (in its parent or below) was built from this manifest (same `name`) and holds the file: "
          "what ships is what counts, whatever script zipped it."
    + " " + "A warning: a manifest in a source tree is often packed after a build that creates the entry point, which this check cannot see."))
MCPB011 = rule(
    "MCPB011", "icon-not-found", "error", "MUST",
    "The `icon` file does not exist.",
    "`mcpb validate` (and so `mcpb pack`) fails with \"Icon file not found\" when the local `icon` path, "
    "resolved against the manifest's folder, does not exist.",
    '"icon": "assets/icon.png"   (no such file)', '"icon": "icon.png"', (VALIDATE, FIELDS), example_language="text",
    notes="Skipped when the path is ignored by git (an icon generated at build time), and when the manifest is a "
          "template packed from another folder or kept in a folder without code, or a committed build of it holds the "
          "icon (see MCPB010), unless a near-identical file name shows a typo.")
MCPB012 = rule(
    "MCPB012", "icon-not-png", "error", "MUST",
    "The `icon` file is not a PNG (its first bytes are not the PNG signature).",
    "MANIFEST.md defines `icon` as \"Path to a png icon file\" and `mcpb validate` checks the 8-byte PNG "
    "signature; an SVG, JPEG or renamed file fails validation and packing.",
    '"icon": "icon.svg"', '"icon": "icon.png"', (VALIDATE, FIELDS), example_language="text")
MCPB013 = rule(
    "MCPB013", "icon-path-not-relative", "error", "MUST",
    "`icon` is an absolute path or uses `${__dirname}`.",
    "`mcpb validate` rejects both: an icon path is relative to the bundle root (\"Use a simple relative path "
    "like icon.png instead of ${__dirname}/icon.png\"), and an absolute path does not exist on the user's machine.",
    '"icon": "${__dirname}/icon.png"', '"icon": "icon.png"', (VALIDATE,), example_language="text")
MCPB014 = rule(
    "MCPB014", "icon-remote-url", "warning", "SHOULD",
    "`icon` is a remote http(s) URL.",
    "`mcpb validate` warns that \"Claude Desktop currently only supports local icon files in bundles\"; a remote "
    "icon shows as a blank tile. Ship the PNG inside the bundle.",
    '"icon": "https://acme.example/icon.png"', '"icon": "icon.png"', (VALIDATE,), example_language="text")
MCPB015 = rule(
    "MCPB015", "icons-entry-not-found", "warning", "SHOULD",
    "An `icons[]` entry points at a file that does not exist, or at an absolute or `${__dirname}` path.",
    "Clients pick an `icons[]` variant by size and theme and load it from the bundle; `mcpb validate` checks only "
    "the singular `icon`, so a broken variant ships unnoticed and shows as a blank icon in that theme.",
    '"icons": [{"src": "assets/icon-16-dark.png", "size": "16x16", "theme": "dark"}]   (no such file)',
    '"icons": [{"src": "assets/icon-16.png", "size": "16x16", "theme": "dark"}]', (ICONS,), example_language="text")
MCPB016 = rule(
    "MCPB016", "icon-size-mismatch", "warning", "SHOULD",
    "An `icons[]` entry declares a `size` that differs from the PNG's real dimensions.",
    "Clients choose the variant whose declared `size` fits the place they draw it; a 512x512 image declared "
    "as `16x16` is picked for the smallest slot and scaled badly (or the other way round). The real size is "
    "read from the PNG's IHDR header.",
    '{"src": "icon-512.png", "size": "16x16"}', '{"src": "icon-512.png", "size": "512x512"}',
    (ICONS, PNG), example_language="text")
MCPB017 = rule(
    "MCPB017", "icon-dimensions", "warning", "BEST_PRACTICE",
    "The `icon` PNG is not square, is smaller than 128x128 or larger than 4096x4096, or has no readable header.",
    "mcpb recommends a 512x512 icon (\"Recommended size is 512×512 pixels for best display in Claude Desktop\"); "
    "a non-square icon is squashed into a square tile and a tiny one is blurry on high-DPI screens. A PNG "
    "signature without a valid IHDR header is a truncated or corrupt file that no client can draw.",
    '"icon": "icon.png"   (64x32 pixels)', '"icon": "icon.png"   (512x512 pixels)', (VALIDATE, PNG),
    example_language="text")
MCPB018 = rule(
    "MCPB018", "path-outside-bundle", "warning", "MUST",
    "A bundle file path (`entry_point`, `icon`, `icons[].src`) leads outside the manifest's folder.",
    "`mcpb pack` archives only the manifest's folder; a file reached with `../` is not in the bundle, so the "
    "installed extension cannot find it (even though `mcpb validate` may find it next to the source tree).",
    '"icon": "../assets/icon.png"', '"icon": "icon.png"', (FILES_TS, SERVER), example_language="text",
    notes="A warning: a source manifest that a build copies into another folder before packing may use paths that are right from there; the check sees only the source tree.")
MCPB019 = rule(
    "MCPB019", "excluded-from-bundle", "warning", "MUST",
    "A file the manifest relies on is excluded from the bundle by `.mcpbignore` or mcpb's default exclusions.",
    "`mcpb pack` drops files matching `.mcpbignore` (gitignore syntax) and its built-in list (`*.map`, `*.d.ts`, "
    "`.env*`, `tsconfig.json`, ...). An entry point or icon matched by either is missing from the built bundle.",
    '.mcpbignore: server/\nmanifest.json: "entry_point": "server/index.js"',
    '.mcpbignore: server/lib/\nmanifest.json: "entry_point": "server/index.js"', (FILES_TS,), example_language="text",
    notes=("Not reported when a pack command packs another folder: the manifest folder's `.mcpbignore` does not "
          "apply there."
    + " " + "A warning: an ignore pattern the build never meets (a build that packs another folder) breaks nothing; the check cannot always tell."))

# -- variables ------------------------------------------------------------------------------

MCPB020 = rule(
    "MCPB020", "unknown-variable", "warning", "SHOULD",
    "A `${...}` variable in `mcp_config` or a `user_config` default is not one MCPB hosts substitute.",
    "Hosts replace `${__dirname}`, `${HOME}`, `${DESKTOP}`, `${DOCUMENTS}`, `${DOWNLOADS}`, `${pathSeparator}`, "
    "`${/}` and `${user_config.KEY}` (names are case-sensitive); anything else, such as `${env:API_KEY}`, "
    "`${workspaceFolder}` or `${home}`, reaches the server as literal text.",
    '"env": {"API_KEY": "${env:API_KEY}"}', '"env": {"API_KEY": "${user_config.api_key}"}', (MCP_CONFIG, CONFIG_TS),
    example_language="text",
    notes="In the script a shell runs (`command` sh/bash/zsh/pwsh ... with a `-c`/`-Command` argument) a "
          "shell parameter expansion (`${NAME}`, `${NAME:-}`, `${#NAME}`) is the shell's, expanded from the "
          "environment `env` sets, and is not reported; `${user_config.X}` there still is an MCPB variable. "
          "One finding per string: further unknown variables in it are counted in the message.")
MCPB021 = rule(
    "MCPB021", "undeclared-user-config", "error", "MUST",
    "`${user_config.KEY}` names no option declared in `user_config`.",
    "Only declared options are collected from the user and substituted; an undeclared key is never replaced, so "
    "the server always receives the literal `${user_config.KEY}` (typically as its API key or path).",
    '"env": {"API_KEY": "${user_config.apikey}"},  "user_config": {"api_key": {...}}',
    '"env": {"API_KEY": "${user_config.api_key}"},  "user_config": {"api_key": {...}}',
    (USER_CONFIG, CONFIG_TS), example_language="text")
MCPB022 = rule(
    "MCPB022", "multi-value-in-string", "warning", "BEST_PRACTICE",
    "A multi-valued `user_config` option is used inside a longer string or an `env` value, where it is not expanded.",
    "An option with `multiple: true` (or an array default) expands to several arguments only when an `args` item "
    "is exactly `${user_config.KEY}`. In a longer string or an environment variable the reference "
    "implementation refuses to join the values (\"Cannot replace ... with array value in string context\") and "
    "leaves the text unreplaced.",
    '"args": ["--dirs=${user_config.allowed_directories}"]', '"args": ["--dirs", "${user_config.allowed_directories}"]',
    (USER_CONFIG, CONFIG_TS), example_language="text")
MCPB023 = rule(
    "MCPB023", "unused-user-config", "warning", "BEST_PRACTICE",
    "A `user_config` option is never referenced by `${user_config.KEY}` in `mcp_config`.",
    "User values reach the server only through `${user_config.KEY}` in `mcp_config` (command, args, env or a "
    "platform override). An unreferenced option asks the user for a value that goes nowhere, and usually means "
    "a misspelt reference.",
    '"user_config": {"api_key": {...}},  "env": {}', '"user_config": {"api_key": {...}},  "env": {"API_KEY": "${user_config.api_key}"}',
    (USER_CONFIG,), example_language="text",
    notes="Not reported for a `uv` server without `mcp_config`, whose host manages execution.")

# -- user_config coherence ------------------------------------------------------------------

MCPB030 = rule(
    "MCPB030", "user-config-default-type", "warning", "SHOULD",
    "A `user_config` default does not match the option's `type` (or is an array without `multiple: true`).",
    "The schema accepts any string, number, boolean or string array as a default, but the host renders the "
    "option by its `type`: a `number` option with default `\"30\"`, a `boolean` with `\"true\"`, or an array "
    "for a single-value option pre-fills a value the input cannot hold.",
    '"timeout": {"type": "number", "title": "Timeout", "description": "Seconds", "default": "30"}',
    '"timeout": {"type": "number", "title": "Timeout", "description": "Seconds", "default": 30}',
    (USER_CONFIG,), example_language="text")
MCPB031 = rule(
    "MCPB031", "user-config-range", "warning", "SHOULD",
    "A number option's `min` is greater than its `max`, or its default lies outside them.",
    "`min`/`max` are the validation constraints the host applies to the user's input; with `min > max` no value "
    "is accepted, and a default outside the range is rejected the moment the user saves the settings.",
    '"max_rows": {"type": "number", "title": "Rows", "description": "Limit", "default": 0, "min": 1, "max": 100}',
    '"max_rows": {"type": "number", "title": "Rows", "description": "Limit", "default": 10, "min": 1, "max": 100}',
    (USER_CONFIG,), example_language="text")
MCPB032 = rule(
    "MCPB032", "user-config-option-for-type", "warning", "SHOULD",
    "A `user_config` option uses `min`/`max`, `multiple` or `sensitive` with a type they do not apply to.",
    "MANIFEST.md scopes them: `min`/`max` are for `number`, `multiple` for `directory`/`file`, `sensitive` for "
    "`string`. Elsewhere they are ignored, so the constraint or masking the author expected does not happen.",
    '"workspace": {"type": "string", "title": "Dirs", "description": "Folders", "multiple": true}',
    '"workspace": {"type": "directory", "title": "Dirs", "description": "Folders", "multiple": true}',
    (USER_CONFIG,), example_language="text")
MCPB033 = rule(
    "MCPB033", "required-with-default", "info", "BEST_PRACTICE",
    "A `required` option also has a default, so `required` has no effect (or the empty default cannot satisfy it).",
    "A non-empty default always supplies a value, so marking the option required only adds noise; an empty "
    "default (`\"\"` or `[]`) never satisfies `required` and only looks like a value. Off by default: some "
    "authors keep both on purpose to make the field prominent.",
    '"db_path": {"type": "string", "title": "DB", "description": "Path", "required": true, "default": ":memory:"}',
    '"db_path": {"type": "string", "title": "DB", "description": "Path", "default": ":memory:"}',
    (USER_CONFIG,), example_language="text", default_enabled=False)
MCPB034 = rule(
    "MCPB034", "secret-not-sensitive", "warning", "SHOULD",
    "A `user_config` option named like a secret (API key, token, password) is not `sensitive: true`.",
    "`sensitive` tells the host to mask the input and store the value securely (the OS keychain in Claude "
    "Desktop); without it the secret is kept in a plain settings file and shown in clear text.",
    '"stripe_secret_key": {"type": "string", "title": "Secret key", "description": "Stripe key", "required": true}',
    '"stripe_secret_key": {"type": "string", "title": "Secret key", "description": "Stripe key", "required": true, "sensitive": true}',
    (USER_CONFIG,), example_language="text")
MCPB035 = rule(
    "MCPB035", "secret-in-manifest", "warning", "SHOULD",
    "A credential is written into `mcp_config` or a `user_config` default.",
    "Everything in the manifest ships to every user of the bundle and is public in the repository. Collect "
    "credentials with a `sensitive` `user_config` option and pass them as `${user_config.KEY}`. Placeholders "
    "(`${...}`, `<YOUR_KEY>`, `xxx`) are not reported.",
    '"env": {"GITHUB_TOKEN": "ghp_<36 random characters>"}', '"env": {"GITHUB_TOKEN": "${user_config.github_token}"}',
    (USER_CONFIG,), example_language="text")

# -- server and compatibility -------------------------------------------------------------

MCPB040 = rule(
    "MCPB040", "server-type-command-mismatch", "warning", "SHOULD",
    "`mcp_config.command` does not launch the kind of server `server.type` declares.",
    "A `node` server runs with `node` (hosts may swap in their built-in Node.js), a `python` server with a Python "
    "interpreter or `uv`, a `uv` server with `uv`, and a `binary` server is the entry point itself. `npx`/`uvx` "
    "download and run a registry package instead of the bundled entry point, and a shell launcher such as "
    "`bash` does not exist on Windows.",
    '"server": {"type": "node", "entry_point": "dist/index.js", "mcp_config": {"command": "npx", "args": ["-y", "weather-mcp"]}}',
    '"server": {"type": "node", "entry_point": "dist/index.js", "mcp_config": {"command": "node", "args": ["${__dirname}/dist/index.js"]}}',
    (SERVER,), example_language="text")
MCPB041 = rule(
    "MCPB041", "platform-override-key", "warning", "SHOULD",
    "A `platform_overrides` key is not a platform name the host compares against (`darwin`, `win32`, `linux`).",
    "Hosts apply an override when its key equals Node's `process.platform`; `windows`, `macos` or `mac` never "
    "match, so the override is silently ignored. The schema does not restrict these keys.",
    '"platform_overrides": {"windows": {"command": "server/weather.exe"}}',
    '"platform_overrides": {"win32": {"command": "server/weather.exe"}}', (SERVER, CONFIG_TS), example_language="text")
MCPB050 = rule(
    "MCPB050", "version-range-invalid", "warning", "SHOULD",
    "A `compatibility` version constraint is not a valid semver range (or, for `python`, a PEP 440 specifier).",
    "MANIFEST.md: \"All client version constraints use semver syntax\" (`>=1.0.0`, `>1.0.0 <2.0.0`, `^1.2.3`). "
    "A constraint that does not parse cannot be satisfied, so a host that checks it treats the bundle as "
    "incompatible. `runtimes.python` may also use PEP 440 (`>=3.8,<4.0`), as MANIFEST.md's own example does.",
    '"runtimes": {"node": "18+"}', '"runtimes": {"node": ">=18.0.0"}', (COMPAT, NODE_SEMVER, PEP440),
    example_language="text")
MCPB051 = rule(
    "MCPB051", "version-not-semver", "warning", "SHOULD",
    "The manifest `version` is not a semantic version.",
    "MANIFEST.md: `version` is the \"Semantic version (semver)\" of the extension; hosts compare versions to "
    "offer updates, and `mcpb pack` names the file `<name>-<version>.mcpb`. Template placeholders that a build "
    "replaces (`{version}`, `<AUTO_GENERATED>`, `${VERSION}`) are not reported.",
    '"version": "1.0"', '"version": "1.0.0"', (FIELDS, SEMVER), example_language="text")
MCPB060 = rule(
    "MCPB060", "tool-name-rejected-by-clients", "warning", "SHOULD",
    "A tool name is not `^[a-zA-Z0-9_-]{1,64}$`, which Claude Desktop and OpenAI require of tool names.",
    "Tool names become function names in model APIs. Claude Desktop validates MCP tool names against "
    "`^[a-zA-Z0-9_-]{1,64}$`, OpenAI allows letters, digits, `_` and `-` up to 64 characters, and the Anthropic API "
    "behind Claude Code allows the same characters up to 128; a space, dot or slash fails the request (Claude "
    "Desktop cannot start a chat, Cursor disables the tool). If the manifest name is only a display label, it does "
    "not match the server's real tool name, which the manifest is meant to declare.",
    '"tools": [{"name": "Get Forecast"}]', '"tools": [{"name": "get_forecast"}]',
    (MCP_TOOL_NAMES, CLAUDE_DESKTOP_TOOLS, ANTHROPIC_TOOLS, OPENAI_TOOLS, TOOLS), example_language="text",
    fold="template")
MCPB061 = rule(
    "MCPB061", "duplicate-name", "warning", "SHOULD",
    "Two tools or two prompts have the same name.",
    "A name identifies a tool or prompt within a server; clients keep one of the two (or refuse the tool list), "
    "and directories show the entry twice.",
    '"tools": [{"name": "search"}, {"name": "search"}]', '"tools": [{"name": "search"}, {"name": "search_files"}]',
    (MCP_TOOL_NAMES, TOOLS), example_language="text")
MCPB063 = rule(
    "MCPB063", "prompt-name-not-portable", "info", "BEST_PRACTICE",
    "A prompt name is not `^[a-zA-Z0-9_-]{1,64}$`, the portable identifier form.",
    "Prompt names are identifiers clients use to fetch a prompt and, in clients that expose prompts as slash "
    "commands (Claude Code's `/mcp__<server>__<prompt>`), to invoke it by typing; spaces and dots make that "
    "awkward. No client is documented to reject such names, so this is advice and off by default.",
    '"prompts": [{"name": "Search node", "text": "..."}]', '"prompts": [{"name": "search_node", "text": "..."}]',
    (TOOLS, MCP_TOOL_NAMES), example_language="text", default_enabled=False)
MCPB062 = rule(
    "MCPB062", "prompt-argument-undeclared", "warning", "SHOULD",
    "A prompt's `text` uses `${arguments.X}` for an argument not listed in its `arguments`.",
    "Clients ask the user for the declared arguments and substitute `${arguments.NAME}`; an undeclared one is "
    "never asked for, so the model receives the placeholder text.",
    '{"name": "explain", "arguments": ["code"], "text": "Explain this ${arguments.language} code: ${arguments.code}"}',
    '{"name": "explain", "arguments": ["code", "language"], "text": "Explain this ${arguments.language} code: ${arguments.code}"}',
    (TOOLS,), example_language="text")

RULES = (MCPB001, MCPB002, MCPB003, MCPB004, MCPB005, MCPB006, MCPB007,
         MCPB010, MCPB011, MCPB012, MCPB013, MCPB014, MCPB015, MCPB016, MCPB017, MCPB018, MCPB019,
         MCPB020, MCPB021, MCPB022, MCPB023,
         MCPB030, MCPB031, MCPB032, MCPB033, MCPB034, MCPB035,
         MCPB040, MCPB041, MCPB050, MCPB051, MCPB060, MCPB061, MCPB062, MCPB063)
