"""The XF rules: consistency between a repository's MCP files of different kinds.

They compare what one file says with what another file that must agree with it says:
server.json against the package it publishes (package.json, pyproject.toml, the README
PyPI shows, the Dockerfile that labels the image), against the MCPB manifest, and
committed client configs against server.json and each other. They are warnings: each
one is a publish-time failure or drift, never a broken file on its own.
"""

from __future__ import annotations

from validator.model import SpecRef, rule_factory

PACKAGE_TYPES = SpecRef("https://modelcontextprotocol.io/registry/package-types",
                        "MCP Registry: package types and ownership verification")
REG_NPM = SpecRef("https://github.com/modelcontextprotocol/registry/blob/7722031739ad/internal/validators/registries/npm.go",
                  "MCP registry v1.7.0: npm ownership check (mcpName)")
REG_PYPI = SpecRef("https://github.com/modelcontextprotocol/registry/blob/7722031739ad/internal/validators/registries/pypi.go",
                   "MCP registry v1.7.0: PyPI ownership check ('mcp-name: <server name>' in the description)")
REG_OCI = SpecRef("https://github.com/modelcontextprotocol/registry/blob/7722031739ad/internal/validators/registries/oci.go",
                  "MCP registry v1.7.0: OCI ownership check (image label io.modelcontextprotocol.server.name)")
VERSIONING = SpecRef("https://modelcontextprotocol.io/registry/versioning", "MCP Registry: versioning")
GENERIC = SpecRef("https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md",
                  "server.json format reference: packages, environmentVariables, packageArguments")
PEP503 = SpecRef("https://peps.python.org/pep-0503/#normalized-names", "PEP 503: normalized project names")
PEP621 = SpecRef("https://packaging.python.org/en/latest/specifications/pyproject-toml/",
                 "pyproject.toml specification: [project] name, version, readme")
NPM_PACKAGE_JSON = SpecRef("https://docs.npmjs.com/cli/v10/configuring-npm/package-json", "npm docs: package.json name, version")
MCPB_MANIFEST = SpecRef("https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md", "MCPB manifest.json: name, version")


rule = rule_factory("crossfile")


XF001 = rule(
    "XF001", "npm-mcp-name-mismatch", "warning", "MUST",
    "The npm package's package.json lacks `mcpName` or names another server than server.json.",
    "To publish a server with an npm package, the MCP registry fetches that package version's package.json from "
    "npm and requires `\"mcpName\"` to equal server.json's `name`; otherwise `mcp-publisher publish` fails the "
    "ownership check. Only a package.json whose `name` is the `identifier` in server.json is compared.",
    '// package.json\n{"name": "@acme/weather-mcp", "version": "1.2.0"}\n// server.json: "name": "io.github.acme/weather"',
    '// package.json\n{"name": "@acme/weather-mcp", "version": "1.2.0", "mcpName": "io.github.acme/weather"}',
    (PACKAGE_TYPES, REG_NPM), example_language="jsonc",
    notes="A warning: the file is fine for npm; publishing to the MCP registry is what fails.")
XF002 = rule(
    "XF002", "pypi-mcp-name-missing", "warning", "MUST",
    "The README PyPI shows for the package does not contain `mcp-name: <server name>`.",
    "For a PyPI package the registry reads the project description (the README declared in pyproject.toml) and "
    "requires the text `mcp-name: <server name>` in it, exactly so (a plain substring test; an HTML comment "
    "`<!-- mcp-name: io.github.acme/weather -->` is enough). Without it publishing fails.",
    '# pyproject.toml: readme = "README.md"\n# README.md\n# Weather MCP server\n',
    '# README.md\n# Weather MCP server\n<!-- mcp-name: io.github.acme/weather -->\n', (PACKAGE_TYPES, REG_PYPI),
    example_language="markdown",
    notes=("Checked only when the pyproject.toml whose `[project] name` is the identifier declares its `readme` as "
          "a file; a dynamic or absent readme is not guessed at."
    + " " + "A warning: PyPI accepts the package either way; the MCP registry's ownership check at publish time is what fails."))
XF003 = rule(
    "XF003", "oci-label-mismatch", "warning", "MUST",
    "The Dockerfile's `io.modelcontextprotocol.server.name` label is missing or names another server.",
    "For an OCI image the registry reads the image's labels and requires `io.modelcontextprotocol.server.name` to "
    "equal server.json's `name`. The label is set in the Dockerfile (`LABEL`) or by the build (`--label`, the "
    "`labels` of docker/metadata-action); when neither the Dockerfile nor any workflow sets it, publishing fails.",
    'FROM node:22-slim\nCOPY dist /app\nENTRYPOINT ["node", "/app/index.js"]',
    'FROM node:22-slim\nLABEL io.modelcontextprotocol.server.name="io.github.acme/weather"\nCOPY dist /app\n'
    'ENTRYPOINT ["node", "/app/index.js"]', (PACKAGE_TYPES, REG_OCI), example_language="dockerfile",
    notes=("A label whose value is a build variable (`${NAME}`) is not compared."
    + " " + "A warning: the image builds and runs either way; the MCP registry's ownership check at publish time is what fails."))
XF004 = rule(
    "XF004", "package-version-drift", "warning", "SHOULD",
    "server.json names a package version other than the one its package.json or pyproject.toml declares.",
    "`packages[].version` tells registry users which release to install; when the package's own manifest has "
    "moved on (or not yet), the registry entry points at a different release than the code next to it, or at "
    "one that was never published. `mcp-publisher init` copies the version from package.json for this reason.",
    '// server.json\n{"version": "1.1.0", "packages": [{"registryType": "npm", "identifier": "@acme/weather-mcp", "version": "1.1.0"}]}\n// package.json: "version": "1.2.0"',
    '// server.json\n{"version": "1.2.0", "packages": [{"registryType": "npm", "identifier": "@acme/weather-mcp", "version": "1.2.0"}]}',
    (VERSIONING, NPM_PACKAGE_JSON, PEP621), example_language="jsonc",
    notes="The package's version is compared with `packages[].version`, or with the top-level `version` when the "
          "package has none. Placeholders (`0.0.0-development`, templated or dynamic versions) are not compared. "
          "Nor when a GitHub Actions workflow rewrites server.json (`jq ... > server.tmp && mv server.tmp server.json`, "
          "`sed -i`, a script opening it for writing): the release stamps the version there. "
          "A manifest at a development version (PEP 440 `0.9.0.dev5`, `1.3.0-dev.2`, Maven-style `-SNAPSHOT`) is "
          "unreleased work: server.json naming an earlier release (the last one published) is right and not "
          "reported; one naming the development version's release or a later one still is.")
XF005 = rule(
    "XF005", "package-identifier-mismatch", "warning", "SHOULD",
    "A package `identifier` in server.json differs from the name of the package beside it.",
    "The registry verifies ownership on the package named by `identifier`; if the package.json or pyproject.toml "
    "next to server.json publishes under another name, the registry entry points at someone else's package or "
    "at none. PyPI names are compared after PEP 503 normalisation (`My_Server` equals `my-server`).",
    '// server.json\n{"packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.2.0"}]}\n// package.json: "name": "@acme/weather-mcp"',
    '// server.json\n{"packages": [{"registryType": "npm", "identifier": "@acme/weather-mcp", "version": "1.2.0"}]}',
    (GENERIC, PEP503), example_language="jsonc",
    notes="Compared only when the pairing is unambiguous: server.json has one package of that type, no package "
          "in the repository has the identifier's name, and the package.json (or pyproject.toml) in server.json's "
          "folder is a published one (not `private`, not a workspace root). A package that is a proxy or bridge "
          "pointed at a hosted endpoint (one of its arguments is an http(s) URL, or it is `mcp-remote`, "
          "`mcp-proxy*`, `supergateway`) is skipped unless its name is close to the local one (a scope change, an "
          "added or dropped `mcp`, a small edit): such an entry deliberately installs another package. A package "
          "renamed when it is published (a CI workflow that publishes and sets the name to the identifier: "
          "`jq '.name = \"@acme/x\"'`, `npm pkg set name=@acme/x`) is not reported.")
XF006 = rule(
    "XF006", "mcpb-version-drift", "warning", "SHOULD",
    "The MCPB manifest.json and server.json give different versions.",
    "A bundle built from `manifest.json` is what users of the MCPB package install; when server.json advertises "
    "another version, the registry entry and the bundle disagree about what is released.",
    '// manifest.json\n{"manifest_version": "0.3", "name": "weather", "version": "1.3.0", "server": {"type": "node", "entry_point": "server/index.js"}}\n// server.json: "version": "1.2.0"',
    '// manifest.json\n{"manifest_version": "0.3", "name": "weather", "version": "1.2.0", "server": {"type": "node", "entry_point": "server/index.js"}}',
    (MCPB_MANIFEST, VERSIONING), example_language="jsonc",
    notes="Paired when server.json lists an `mcpb` package or the manifest sits in server.json's folder; a "
          "server.json with `remotes` and no packages (a hosted service) is never paired with a bundle. Names are "
          "not compared: an MCPB `name` is a short slug, not the registry's reverse-DNS name.")
XF007 = rule(
    "XF007", "client-config-undeclared-setting", "warning", "SHOULD",
    "A committed client config runs this repository's own server with an environment variable, header or flag "
    "that server.json does not declare.",
    "server.json is how registry users (and clients that install from the registry) learn what a server needs: "
    "`environmentVariables`, `packageArguments`, remote `headers`. When the project's own config passes a "
    "setting that server.json omits, everyone installing from the registry runs the server without it.",
    '// .mcp.json\n{"mcpServers": {"weather": {"command": "npx", "args": ["-y", "@acme/weather-mcp@1.2.0"], "env": {"WEATHER_API_KEY": "${WEATHER_API_KEY}"}}}}\n// server.json: packages[0] has no environmentVariables',
    '// server.json\n"environmentVariables": [{"name": "WEATHER_API_KEY", "isRequired": true, "isSecret": true}]',
    (GENERIC,), example_language="jsonc",
    notes="Only entries that launch a package of server.json (same npm, PyPI or OCI identifier) or reach one of "
          "its remotes are compared. Runtime variables (`NODE_ENV`, `PATH`, `DEBUG`, proxies ...) are ignored. A "
          "variable counts as declared when it is in `environmentVariables` or when the package's `runtimeArguments` "
          "or `packageArguments` set it with Docker's `-e`/`--env NAME=...` (the usual form for an OCI package); a "
          "package whose arguments pass `--env-file` is not checked for variables. A flag whose value is a scaffold's "
          "`{{SLOT}}` (`--dir {{PROJECT_PATH}}`, filled per install) is not compared. A flag that only restates the "
          "package's `transport.type` (`--transport stdio`, `--stdio`) is not a setting. A flag whose value is a "
          "file of the repository (`--config ${CLAUDE_PLUGIN_ROOT}/db.toml`) passes the project's own file, which "
          "registry users do not have, and a variable that such a file interpolates (`dsn = \"${DB_DSN}\"`) feeds "
          "that file, not the server: neither is reported; nor is a variable whose value is a path into the contributor's "
          "checkout (`${workspaceFolder}/../template`, `./fixtures`), a development setting.")
XF008 = rule(
    "XF008", "client-config-server-drift", "warning", "SHOULD",
    "A server of the same name launches something different in two of the repository's client configs.",
    "The same server in several clients' files is normal (`.mcp.json`, `.vscode/mcp.json`, `.cursor/mcp.json`); "
    "what drifts is what they run: another package, another pinned version, another script or another host. "
    "One of the files is stale, and users of one client test something the others do not run.",
    '// .mcp.json: "weather": {"command": "npx", "args": ["-y", "@acme/weather-mcp@1.2.0"]}\n'
    '// .cursor/mcp.json: "weather": {"command": "npx", "args": ["-y", "@acme/weather-mcp@1.0.0"]}',
    '// .cursor/mcp.json: "weather": {"command": "npx", "args": ["-y", "@acme/weather-mcp@1.2.0"]}',
    (GENERIC,), example_language="jsonc",
    notes="Per-client arguments (`--context claude-code`) and stdio-versus-remote alternatives are not drift; "
          "only the package, its pinned version, the launched script or the remote host are compared.")

RULES = (XF001, XF002, XF003, XF004, XF005, XF006, XF007, XF008)
