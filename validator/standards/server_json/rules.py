"""The SRV rules: MCP registry server.json.

Registry rules mirror `internal/validators` of modelcontextprotocol/registry at the v1.7.0
production commit 7722031739ad, quirks included; the registry rejects a file that breaks
one, so they are errors. Checks the registry makes only at publish time, and advice of
our own, are warnings that say so.
"""

from __future__ import annotations

from validator.model import SpecRef, rule_factory

_REG = "https://github.com/modelcontextprotocol/registry/blob/7722031739ad/internal/validators"
VALIDATORS = SpecRef(f"{_REG}/validators.go", "MCP registry v1.7.0 validator (internal/validators/validators.go)")
UTILS = SpecRef(f"{_REG}/utils.go", "MCP registry v1.7.0 validator (internal/validators/utils.go)")
SCHEMA_GO = SpecRef(f"{_REG}/schema.go", "MCP registry v1.7.0 schema-version checks (internal/validators/schema.go)")
GENERIC = SpecRef("https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/generic-server-json.md",
                  "server.json format reference")
OFFICIAL = SpecRef("https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/official-registry-requirements.md",
                   "Official MCP Registry server.json requirements")
PACKAGE_TYPES = SpecRef("https://modelcontextprotocol.io/registry/package-types", "MCP Registry: supported package types and ownership verification")
VERSIONING = SpecRef("https://modelcontextprotocol.io/registry/versioning", "MCP Registry: versioning")
AUTH = SpecRef("https://modelcontextprotocol.io/registry/authentication", "MCP Registry: namespace authentication")
PUBLISH_GO = SpecRef("https://github.com/modelcontextprotocol/registry/blob/main/cmd/publisher/commands/publish.go",
                     "mcp-publisher publish: 'deprecated schema detected' for a non-current $schema")
CHANGELOG = SpecRef("https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/CHANGELOG.md",
                    "server.json schema changelog")

CURRENT_SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json"
_HEAD = '{\n  "$schema": "' + CURRENT_SCHEMA + '",\n'


def _doc(body: str) -> str:
    return _HEAD + body + "\n}"


rule = rule_factory("server-json")


SRV001 = rule(
    "SRV001", "schema-missing", "error", "MUST",
    "server.json has no `$schema`.",
    "The registry rejects a server.json without `$schema` (`schema-field-required`): the URL names the schema "
    "version the file is written against. Without it the newest version (2025-12-11) is applied here.",
    '{\n  "name": "io.github.acme/weather",\n  "description": "Weather forecasts",\n  "version": "1.0.0"\n}',
    _doc('  "name": "io.github.acme/weather",\n  "description": "Weather forecasts",\n  "version": "1.0.0"'),
    (SCHEMA_GO, GENERIC), fix="none")
SRV002 = rule(
    "SRV002", "schema-version-unknown", "error", "MUST",
    "`$schema` names no published server.json schema version.",
    "The registry reads the version from `/schemas/<version>/server.schema.json` in the URL and accepts only the "
    "published versions 2025-07-09, 2025-09-16, 2025-09-29, 2025-10-11, 2025-10-17 and 2025-12-11 "
    "(`schema-version-extraction-error`, `schema-version-not-available`). Dates seen in the wild such as "
    "2026-03-01 or 2026-07-28 were never published. The newest version is applied here.",
    _doc('  "name": "io.github.acme/weather"').replace("2025-12-11", "2026-07-28"),
    _doc('  "name": "io.github.acme/weather"'), (SCHEMA_GO, CHANGELOG))
SRV003 = rule(
    "SRV003", "schema-version-deprecated", "error", "MUST",
    "`$schema` is not the current schema URL, so `mcp-publisher publish` refuses the file.",
    "The registry's validator flags `schema-version-deprecated` whenever the whole `$schema` string differs from "
    f"`{CURRENT_SCHEMA}`, including an `http://` or mirror URL with the current date: `mcp-publisher validate` "
    "prints it as a warning, but `mcp-publisher publish` stops with \"deprecated schema detected\" and the "
    "registry's publish endpoint answers 400 (\"schema version ... is not supported\"). Older versions still "
    "validate as documents; publishing them fails until `$schema` (and the fields that changed) are migrated.",
    _doc('  "name": "io.github.acme/weather"').replace("2025-12-11", "2025-09-29"),
    _doc('  "name": "io.github.acme/weather"'), (SCHEMA_GO, PUBLISH_GO, CHANGELOG),
    notes="An error because publishing fails (the house rule: an error also when only a registry refuses a file); "
          "`mcp-publisher validate` alone would only warn. Registry issues show the failure for every older "
          "date (2025-07-09, 2025-09-16, 2025-09-29, draft), e.g. ggozad/haiku.rag#116, Qiskit/mcp-servers#115, "
          "dynatrace-oss/dynatrace-mcp#228. The current version is the newest this release knows; a publisher "
          "newer than it may require a later one. Repeats fold (a monorepo's server.json files copied from one "
          "template: one finding naming the others). Not reported, nor SRV002: a `$schema` naming another registry's "
          "derivative (`https://registry.nimbletools.ai/schemas/2025-12-11/nimbletools-server.schema.json`), whose files "
          "that registry serves; they are validated against the newest official schema.", fold="message",
    severities=("warning",),
    severity_note="A warning in a `.mcp/server.json`, the metadata NuGet.org reads from a .NET MCP server's package "
                  "(`dotnet new mcpserver`): it reaches the MCP registry only when also published there.")
SRV004 = rule(
    "SRV004", "schema-violation", "error", "MUST",
    "The file does not validate against the JSON Schema of its declared version.",
    "The registry's `/v0/validate` endpoint and `mcp-publisher validate` check the whole file against the schema "
    "version named in `$schema`; consumers that read server.json (registries, aggregators, VS Code's MCP gallery) "
    "rely on that shape. The finding points at the offending value (or at the object missing a required key).",
    _doc('  "name": "io.github.acme/weather",\n  "description": "Weather forecasts",\n  "version": "1.0.0",\n'
         '  "packages": [{"registryType": "npm", "identifier": "@acme/weather"}]'),
    _doc('  "name": "io.github.acme/weather",\n  "description": "Weather forecasts",\n  "version": "1.0.0",\n'
         '  "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.0.0",\n'
         '                "transport": {"type": "stdio"}}]'),
    (GENERIC, SCHEMA_GO),
    notes="Under an older `$schema` (SRV003), only what is also wrong under the current schema is reported: a field the "
          "declared version lacks but the current one has (`registryType` under 2025-07-09) is the stale `$schema`'s fault, "
          "one finding (SRV003, which then says when updating `$schema` is the whole fix).")
SRV005 = rule(
    "SRV005", "description-too-long", "error", "MUST",
    "`description` is longer than 100 characters; the registry refuses it at publish time.",
    "The schema limits `description` to 1-100 characters and the registry's publish endpoint enforces the same "
    "limit on the request body, so `mcp-publisher publish` fails. Release workflows that publish on a tag fail"
    " on it, so it is an error; it is the most common real-world mistake (18 of 125 corpus files).",
    _doc('  "name": "io.github.acme/weather",\n  "description": "An MCP server that provides weather forecasts, '
         'severe weather alerts and historical climate data for any location in the world",\n  "version": "1.0.0"'),
    _doc('  "name": "io.github.acme/weather",\n  "description": "Weather forecasts, alerts and climate data",\n'
         '  "version": "1.0.0"'), (OFFICIAL, GENERIC),
    notes="The limit is part of the JSON Schema too, so `schema-violation` would also apply; it is reported once, here.")

SRV010 = rule(
    "SRV010", "invalid-server-name", "error", "MUST",
    "`name` is not `<namespace>/<name>` in the registry's stricter form.",
    "The registry requires exactly one `/`, a reverse-DNS namespace matching "
    "`^[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9]$` and a name matching `^[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]$` "
    "(`invalid-server-name`). This is stricter than the schema's pattern: parts of one character, or starting "
    "or ending with `.`, `-` or `_`, are rejected.",
    _doc('  "name": "io.github.acme/weather-"'), _doc('  "name": "io.github.acme/weather"'), (VALIDATORS,),
    supersedes=("SRV004",))
SRV011 = rule(
    "SRV011", "reserved-version-string", "error", "MUST",
    "A version is the reserved string `latest`.",
    "Versions in the registry are immutable, and `latest` is what the registry computes, not what a publisher "
    "declares (`reserved-version-string`). Applies to the server version and to every package version.",
    _doc('  "version": "latest"'), _doc('  "version": "1.4.0"'), (VALIDATORS, VERSIONING))
SRV012 = rule(
    "SRV012", "version-looks-like-range", "error", "MUST",
    "A version looks like a range (`^1.2.3`, `>=1.0`, `1.x`, `1 - 2`, `1.2 || 1.3`).",
    "A published version must name one release (`version-looks-like-range`). The registry's check is mirrored "
    "exactly, quirk included: a 2- or 3-part dotted version containing `x`, `X` or `*` anywhere is a range, so "
    "pre-releases such as `1.0.0-next.1` or `1.0.0-linux-x64` are rejected too, while a bare `x` is not.",
    _doc('  "version": "^1.2.0"'), _doc('  "version": "1.2.0"'), (VALIDATORS, VERSIONING))
SRV013 = rule(
    "SRV013", "invalid-repository-url", "error", "MUST",
    "`repository` is not a GitHub or GitLab repository URL matching its `source`.",
    "The registry accepts `source` `github` or `gitlab` only, with a URL of the form "
    "`https://github.com/<owner>/<repo>` (optionally `www.`, `http`, a trailing `/`); anything else, including "
    "`.git` suffixes with paths, other forges and a mismatched source, is `invalid-repository-url`.",
    _doc('  "repository": {"url": "https://github.com/acme/weather/tree/main", "source": "github"}'),
    _doc('  "repository": {"url": "https://github.com/acme/weather", "source": "github"}'), (UTILS, VALIDATORS))
SRV014 = rule(
    "SRV014", "invalid-subfolder-path", "error", "MUST",
    "`repository.subfolder` is not a clean relative path.",
    "The registry requires a relative path without leading or trailing `/`, made of `[a-zA-Z0-9-_./]`, with no "
    "empty, `.` or `..` segments (`invalid-subfolder-path`).",
    _doc('  "repository": {"url": "https://github.com/acme/servers", "source": "github", "subfolder": "./src/weather/"}'),
    _doc('  "repository": {"url": "https://github.com/acme/servers", "source": "github", "subfolder": "src/weather"}'),
    (UTILS,))
SRV015 = rule(
    "SRV015", "invalid-website-url", "error", "MUST",
    "`websiteUrl` is not an absolute `https` URL.",
    "The registry parses `websiteUrl` and rejects an unparseable value (`invalid-website-url`), a relative one "
    "(`website-url-must-be-absolute`) and any scheme but https (`website-url-invalid-scheme`).",
    _doc('  "websiteUrl": "http://acme.example/weather"'), _doc('  "websiteUrl": "https://acme.example/weather"'),
    (VALIDATORS,))
SRV016 = rule(
    "SRV016", "title-whitespace-only", "error", "MUST",
    "`title` contains only whitespace.",
    "A display name of blanks renders as nothing in clients; the registry rejects it (`title-whitespace-only`).",
    _doc('  "title": "   "'), _doc('  "title": "Weather"'), (VALIDATORS,))
SRV017 = rule(
    "SRV017", "invalid-icon-src", "error", "MUST",
    "An icon `src` is not an absolute `https` URL.",
    "The registry rejects icon sources that do not parse (`icon-src-invalid-url`), are relative "
    "(`icon-src-not-absolute`) or use another scheme, `http` and `data:` included (`icon-src-invalid-scheme`).",
    _doc('  "icons": [{"src": "data:image/png;base64,iVBOR..."}]'),
    _doc('  "icons": [{"src": "https://acme.example/icon.png", "mimeType": "image/png"}]'), (VALIDATORS,))
SRV018 = rule(
    "SRV018", "package-identifier-has-spaces", "error", "MUST",
    "A package `identifier` contains a space.",
    "Package names, image references and download URLs never contain spaces; the registry rejects them "
    "(`package-name-has-spaces`).",
    _doc('  "packages": [{"registryType": "npm", "identifier": "@acme/weather server", "version": "1.0.0",\n'
         '                "transport": {"type": "stdio"}}]'),
    _doc('  "packages": [{"registryType": "npm", "identifier": "@acme/weather-server", "version": "1.0.0",\n'
         '                "transport": {"type": "stdio"}}]'), (VALIDATORS,))
SRV019 = rule(
    "SRV019", "named-argument-name-required", "error", "MUST",
    "A named argument has an empty `name`.",
    "A `type: named` argument is a `--flag`; without its name the client cannot build the command line "
    "(`named-argument-name-required`).",
    '{"type": "named", "name": "", "value": "8080"}', '{"type": "named", "name": "--port", "value": "8080"}',
    (VALIDATORS,))
SRV020 = rule(
    "SRV020", "invalid-named-argument-name", "error", "MUST",
    "A named argument's `name` contains `<`, `>`, a space or `$`.",
    "Those characters mean a value or a description was written into the flag name "
    "(`--port 8080`, `--dir <path>`); the registry rejects it (`invalid-named-argument-name`). Put the value in "
    "`value`/`default` and the description in `description`.",
    '{"type": "named", "name": "--directory <path>"}',
    '{"type": "named", "name": "--directory", "valueHint": "path"}', (VALIDATORS,))
SRV021 = rule(
    "SRV021", "argument-value-starts-with-name", "error", "MUST",
    "A named argument's `value` or `default` starts with the argument's own name.",
    "The client joins name and value itself, so `--port --port=8080` would result. The registry's test is a "
    "literal prefix test, mirrored exactly: a flag `config` with value `config.yaml` is rejected too "
    "(`argument-value-starts-with-name`, `argument-default-starts-with-name`).",
    '{"type": "named", "name": "--port", "value": "--port=8080"}', '{"type": "named", "name": "--port", "value": "8080"}',
    (VALIDATORS,))
SRV022 = rule(
    "SRV022", "stdio-transport-has-url", "error", "MUST",
    "A stdio package transport has a `url`.",
    "stdio servers are launched, not reached; a URL there is a mistake the registry rejects "
    "(`stdio-transport-url-not-empty`).",
    '"transport": {"type": "stdio", "url": "http://localhost:3000/mcp"}', '"transport": {"type": "stdio"}',
    (VALIDATORS,))
SRV023 = rule(
    "SRV023", "transport-url-required", "error", "MUST",
    "A streamable-http or sse transport has no `url`.",
    "HTTP transports are reached at a URL; the registry rejects an empty one for packages "
    "(`streamable-transport-url-required`) and remotes (`remote-transport-url-required`).",
    '"remotes": [{"type": "streamable-http", "url": ""}]', '"remotes": [{"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}]',
    (VALIDATORS,))
SRV024 = rule(
    "SRV024", "invalid-templated-url", "error", "MUST",
    "A transport URL is not http(s) with a host, or uses a `{variable}` that is not declared.",
    "After replacing `{variables}` with placeholders the URL must be http(s) with a host. In a package, each "
    "`{variable}` must name an environment variable, an argument `name` or an argument `valueHint` of the same "
    "package; in a remote, a key of the transport's `variables` (`invalid-templated-url`).",
    '"remotes": [{"type": "streamable-http", "url": "https://{tenant}.acme.example/mcp"}]',
    '"remotes": [{"type": "streamable-http", "url": "https://{tenant}.acme.example/mcp",\n'
    '             "variables": {"tenant": {"description": "Your tenant id", "isRequired": true}}}]',
    (VALIDATORS, UTILS))
SRV025 = rule(
    "SRV025", "unsupported-transport-type", "error", "MUST",
    "A transport `type` is not one the registry supports there.",
    "Packages support `stdio`, `streamable-http` and `sse` (`unsupported-transport-type`); remotes support only "
    "`streamable-http` and `sse` (`unsupported-remote-transport-type`).",
    '"remotes": [{"type": "stdio"}]', '"remotes": [{"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}]',
    (VALIDATORS,),
    supersedes=("SRV004",))
SRV026 = rule(
    "SRV026", "invalid-remote-url", "error", "MUST",
    "A remote URL is not https, or points at localhost.",
    "Remotes are public endpoints: the registry requires https and rejects `localhost`, `127.0.0.1` and "
    "`*.localhost` (after `{variables}` are replaced) (`invalid-remote-url`). Package transports may use http and "
    "localhost, since they run on the user's machine.",
    '"remotes": [{"type": "streamable-http", "url": "http://localhost:8080/mcp"}]',
    '"remotes": [{"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}]', (VALIDATORS, UTILS))

SRV030 = rule(
    "SRV030", "publisher-meta-too-large", "error", "MUST",
    "`_meta` publisher-provided data is larger than 4 KB; the registry refuses it at publish time.",
    "`_meta[\"io.modelcontextprotocol.registry/publisher-provided\"]` may hold at most 4096 bytes of JSON. The "
    "registry checks this only when publishing (`ValidatePublishRequest`), not in `/v0/validate`.",
    '"_meta": {"io.modelcontextprotocol.registry/publisher-provided": {"changelog": "... 6 KB of text ..."}}',
    '"_meta": {"io.modelcontextprotocol.registry/publisher-provided": {"tool": "publisher-cli", "version": "1.2.3"}}',
    (VALIDATORS, OFFICIAL), example_language="text",
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")
SRV031 = rule(
    "SRV031", "namespace-owner-mismatch", "warning", "MUST",
    "An `io.github.<owner>/` name does not match the owner of the GitHub repository.",
    "Publishing under `io.github.<owner>/` needs a GitHub login (or Actions OIDC token) for that user or "
    "organisation. When `repository.url` belongs to someone else, publishing from that repository's CI fails "
    "the namespace check. Checked only at publish time.",
    _doc('  "name": "io.github.alice/weather",\n  "repository": {"url": "https://github.com/acme/weather", "source": "github"}'),
    _doc('  "name": "io.github.acme/weather",\n  "repository": {"url": "https://github.com/acme/weather", "source": "github"}'),
    (AUTH, OFFICIAL),
    notes="A warning: the mismatch is a strong sign, not proof, that publishing fails; an interactive login as the namespace owner can still publish a server whose repository lives elsewhere.")
SRV032 = rule(
    "SRV032", "unsupported-registry-type", "error", "MUST",
    "A package `registryType` is not one the official registry accepts.",
    "The official registry accepts `npm`, `pypi`, `nuget`, `oci` and `mcpb` packages and verifies ownership for "
    "each; other values are refused at publish time (\"unsupported registry type\").",
    '{"registryType": "cargo", "identifier": "acme-weather", "version": "1.0.0", "transport": {"type": "stdio"}}',
    '{"registryType": "npm", "identifier": "@acme/weather", "version": "1.0.0", "transport": {"type": "stdio"}}',
    (PACKAGE_TYPES, OFFICIAL),
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")
SRV033 = rule(
    "SRV033", "registry-base-url-mismatch", "error", "MUST",
    "A package `registryBaseUrl` is not the one the official registry allows for its type.",
    "npm must use `https://registry.npmjs.org`, PyPI `https://pypi.org`, NuGet `https://api.nuget.org/v3/index.json` "
    "(or omit it); OCI and MCPB packages must not set it (the image reference or download URL says where). "
    "Checked at publish time.",
    '{"registryType": "npm", "registryBaseUrl": "https://npm.pkg.github.com", "identifier": "@acme/weather"}',
    '{"registryType": "npm", "identifier": "@acme/weather"}', (OFFICIAL, PACKAGE_TYPES),
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")
SRV034 = rule(
    "SRV034", "package-fields-for-registry-type", "error", "MUST",
    "A package lacks or carries a field its registry type rules out.",
    "npm, PyPI and NuGet packages need `version` and must not carry `fileSha256`; OCI packages carry the version "
    "in the image reference, so no `version` or `fileSha256`; MCPB packages need `fileSha256`. The official "
    "registry checks this at publish time.",
    '{"registryType": "oci", "identifier": "ghcr.io/acme/weather", "version": "1.0.0"}',
    '{"registryType": "oci", "identifier": "ghcr.io/acme/weather:1.0.0"}', (PACKAGE_TYPES, OFFICIAL),
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")
SRV035 = rule(
    "SRV035", "mcpb-url-not-release-asset", "error", "MUST",
    "An MCPB package identifier is not an https GitHub or GitLab release-asset URL mentioning \"mcp\".",
    "The official registry only accepts MCPB bundles downloaded from GitHub releases "
    "(`/<owner>/<repo>/releases/download/<tag>/<file>`) or GitLab releases, over https, with \"mcp\" in the URL; "
    "checked at publish time (the download must also answer 200).",
    '{"registryType": "mcpb", "identifier": "https://acme.example/weather.zip"}',
    '{"registryType": "mcpb", "identifier": "https://github.com/acme/weather/releases/download/v1.0.0/weather.mcpb"}',
    (PACKAGE_TYPES,),
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")
SRV036 = rule(
    "SRV036", "oci-registry-not-allowed", "error", "MUST",
    "An OCI image is hosted on a registry the official MCP registry does not accept.",
    "Accepted: Docker Hub (docker.io), GitHub (ghcr.io), Quay (quay.io), Microsoft (mcr.microsoft.com), Google "
    "Artifact Registry (`*.pkg.dev`) and Azure (`*.azurecr.io`). Checked at publish time, when the image label "
    "`io.modelcontextprotocol.server.name` is also verified.",
    '{"registryType": "oci", "identifier": "registry.acme.example/weather:1.0.0"}',
    '{"registryType": "oci", "identifier": "ghcr.io/acme/weather:1.0.0"}', (PACKAGE_TYPES,),
    notes="An error: the official registry refuses the publish (release workflows fail on it), although `/v0/validate` and the JSON Schema accept the file. A server.json meant only for another registry may disable the rule.")

SRV040 = rule(
    "SRV040", "duplicate-package", "warning", "BEST_PRACTICE",
    "Two packages have the same registry type, identifier and transport.",
    "Clients offer each package as an install option; a duplicate shows twice, and only one of two diverging "
    "copies can be right.",
    '"packages": [{"registryType": "npm", "identifier": "@acme/weather", ...}, {"registryType": "npm", "identifier": "@acme/weather", ...}]',
    '"packages": [{"registryType": "npm", "identifier": "@acme/weather", ...}]', (GENERIC,), example_language="text")
SRV041 = rule(
    "SRV041", "duplicate-remote", "warning", "BEST_PRACTICE",
    "Two remotes have the same URL.",
    "Each remote is a connection option; the same endpoint twice is noise, and the official registry allows a "
    "remote URL to be used by one server name only.",
    '"remotes": [{"type": "sse", "url": "https://mcp.acme.example/sse"}, {"type": "sse", "url": "https://mcp.acme.example/sse"}]',
    '"remotes": [{"type": "streamable-http", "url": "https://mcp.acme.example/mcp"}]', (OFFICIAL,))
SRV042 = rule(
    "SRV042", "duplicate-input-name", "warning", "BEST_PRACTICE",
    "An environment variable, header or named argument is declared twice in one package or transport.",
    "A client asks the user twice and sets the value once; the second declaration silently wins.",
    '"environmentVariables": [{"name": "API_KEY"}, {"name": "API_KEY", "isSecret": true}]',
    '"environmentVariables": [{"name": "API_KEY", "isSecret": true}]', (GENERIC,))
SRV043 = rule(
    "SRV043", "secret-not-marked", "warning", "SHOULD",
    "An input named like a secret (`*_TOKEN`, `*_API_KEY`, `Authorization`, passwords) is not `isSecret: true`.",
    "`isSecret` tells clients to store the value securely and mask it; without it, tokens end up in plain-text "
    "config files and screenshots.",
    '"environmentVariables": [{"name": "GITHUB_TOKEN", "isRequired": true}]',
    '"environmentVariables": [{"name": "GITHUB_TOKEN", "isRequired": true, "isSecret": true}]', (GENERIC,),
    notes="Not asked of an input that holds where a secret lies: `format: filepath`, a name ending in `_PATH`, `_FILE` "
          "or `_DIR`, or a description saying \"path to\" (`GOOGLE_APPLICATION_CREDENTIALS`). Nor of a value built from "
          "`{variables}` each declared `isSecret: true` (`\"Bearer {api_key}\"`, SRV048's fix): the secret is marked where it is entered.")
SRV044 = rule(
    "SRV044", "runtime-arguments-without-hint", "warning", "SHOULD",
    "A package has `runtimeArguments` but no `runtimeHint`.",
    "The schema says `runtimeHint` should be provided when `runtimeArguments` are present: the arguments belong "
    "to a runtime (docker, npx, uvx, dnx) and a client needs to know which.",
    '{"registryType": "oci", "identifier": "ghcr.io/acme/weather:1.0.0", "runtimeArguments": [{"type": "named", "name": "--rm"}]}',
    '{"registryType": "oci", "identifier": "ghcr.io/acme/weather:1.0.0", "runtimeHint": "docker",\n'
    ' "runtimeArguments": [{"type": "named", "name": "--rm"}]}', (GENERIC,))
SRV045 = rule(
    "SRV045", "legacy-snake-case-key", "warning", "BEST_PRACTICE",
    "A snake_case key from the 2025-07-09 format appears in a camelCase schema version.",
    "Schema 2025-09-16 renamed every field to camelCase (`registry_type` became `registryType`, and so on). "
    "Consumers ignore the old spelling, so the value is silently lost; the required camelCase key is then "
    "usually reported missing as well.",
    '{"registry_type": "npm", "identifier": "@acme/weather"}', '{"registryType": "npm", "identifier": "@acme/weather"}',
    (CHANGELOG,))
SRV046 = rule(
    "SRV046", "registry-managed-field", "warning", "MUST",
    "`status` or `_meta[\"io.modelcontextprotocol.registry/official\"]` is written in the file.",
    "Since schema 2025-09-29 these are managed by the registry and appear only in its API responses; in a "
    "server.json they are ignored and mislead readers.",
    _doc('  "status": "active"').replace("2025-12-11", "2025-09-29"),
    _doc('  "name": "io.github.acme/weather"').replace("2025-12-11", "2025-09-29"), (CHANGELOG, OFFICIAL),
    notes="A warning: the registry ignores these fields in a published file, so nothing breaks; they only mislead readers.")
SRV047 = rule(
    "SRV047", "unused-variable", "warning", "BEST_PRACTICE",
    "A declared `variables` entry is not used by the URL or value it belongs to.",
    "Clients prompt the user for every declared variable; one that is never substituted asks for a value that "
    "goes nowhere, and usually means the `{name}` in the URL is misspelt.",
    '{"type": "streamable-http", "url": "https://acme.example/mcp", "variables": {"tenant": {"isRequired": true}}}',
    '{"type": "streamable-http", "url": "https://{tenant}.acme.example/mcp", "variables": {"tenant": {"isRequired": true}}}',
    (GENERIC,))
SRV048 = rule(
    "SRV048", "undeclared-value-variable", "warning", "BEST_PRACTICE",
    "An input `value` uses a `{variable}` that its `variables` map does not declare.",
    "Identifiers in braces are replaced from `variables`; an undeclared one stays in the value literally, so "
    "the server receives `{api_key}` instead of a key.",
    '{"name": "Authorization", "value": "Bearer {api_key}"}',
    '{"name": "Authorization", "value": "Bearer {api_key}", "variables": {"api_key": {"isSecret": true}}}',
    (GENERIC,))
SRV049 = rule(
    "SRV049", "package-version-mismatch", "info", "BEST_PRACTICE",
    "A package version differs from the server version.",
    "Most servers release the package and the server entry together; a package version that lags behind usually "
    "means one of the two was not bumped. Off by default: some servers version them independently on purpose.",
    _doc('  "version": "1.3.0",\n  "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.2.0", "transport": {"type": "stdio"}}]'),
    _doc('  "version": "1.3.0",\n  "packages": [{"registryType": "npm", "identifier": "@acme/weather", "version": "1.3.0", "transport": {"type": "stdio"}}]'),
    (VERSIONING,), default_enabled=False)

RULES = (SRV001, SRV002, SRV003, SRV004, SRV005, SRV010, SRV011, SRV012, SRV013, SRV014, SRV015, SRV016, SRV017,
         SRV018, SRV019, SRV020, SRV021, SRV022, SRV023, SRV024, SRV025, SRV026, SRV030, SRV031, SRV032, SRV033,
         SRV034, SRV035, SRV036, SRV040, SRV041, SRV042, SRV043, SRV044, SRV045, SRV046, SRV047, SRV048, SRV049)
