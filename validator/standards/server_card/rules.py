"""The CARD rules: MCP Server Cards (experimental extension, modelcontextprotocol/experimental-ext-server-card).

The card's own published schema is normative for the card, so breaking it is an error
(CARD001, CARD002). Everything else rests on an experimental extension's prose and is a
warning at most.
"""

from __future__ import annotations

from validator.model import SpecRef, rule_factory

_EXT = "https://github.com/modelcontextprotocol/experimental-ext-server-card/blob/8924e08682b4"
SCHEMA = SpecRef(f"{_EXT}/schema.json", "MCP Server Card schema (experimental-ext-server-card schema.json)")
SCHEMA_TS = SpecRef(f"{_EXT}/schema.ts", "MCP Server Card types (schema.ts)")
DISCOVERY = SpecRef(f"{_EXT}/docs/discovery.md#mcp-server-cards", "MCP Server Card discovery: MCP Server Cards")
DISCLOSURE = SpecRef(f"{_EXT}/docs/discovery.md#information-disclosure", "MCP Server Card discovery: Information Disclosure")
CARD_ONLY = SpecRef("https://github.com/modelcontextprotocol/experimental-ext-server-card/pull/28",
                    "experimental-ext-server-card PR #28: make the extension card-only")
VERSIONING = SpecRef("https://modelcontextprotocol.io/specification/versioning", "MCP specification: Versioning")

CARD_SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/v1/server-card.schema.json"
_GOOD = ('{\n  "$schema": "' + CARD_SCHEMA_URL + '",\n  "name": "com.example/weather",\n  "version": "1.2.0",\n'
         '  "description": "Weather forecasts"')


def _card(extra: str = "") -> str:
    return _GOOD + extra + "\n}"


rule = rule_factory("mcp-server-card")


CARD001 = rule(
    "CARD001", "server-card-schema-violation", "error", "MUST",
    "The Server Card does not validate against the Server Card schema.",
    "The extension publishes its schema as the definition of a card; catalogues and clients that read cards "
    "before connecting validate against it. Required: `$schema`, `name` (reverse-DNS namespace, a slash, a "
    "name), `version`, `description` (1-100 characters); remotes need `type` (streamable-http or sse) and a "
    "`url`.",
    _card(',\n  "remotes": [{"type": "http", "url": "https://mcp.example.com/mcp"}]'),
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp"}]'), (SCHEMA, SCHEMA_TS),
    notes="The extension is experimental; its schema may change. Findings name the schema this version checks.")
CARD002 = rule(
    "CARD002", "server-card-schema-url", "error", "MUST",
    "`$schema` is missing or is not the Server Card v1 schema URL.",
    f"A card declares `\"$schema\": \"{CARD_SCHEMA_URL}\"`. Server Card schemas are versioned by a `vN` "
    "segment, not by date (a date-versioned URL is one of the extension's own invalid examples), and "
    "`server.schema.json` is the registry's server.json, not a card.",
    _card().replace("/v1/", "/2025-11-25/"), _card(), (SCHEMA, SCHEMA_TS))
CARD003 = rule(
    "CARD003", "server-card-version-range", "warning", "SHOULD",
    "`version` looks like a version range (`^1.2.3`, `>=1.0`, `1.x`).",
    "The card's `version` is the server's version (the equivalent of `Implementation.version`); the schema's "
    "documentation says version ranges are rejected.",
    _card().replace('"1.2.0"', '"^1.2.0"'), _card(), (SCHEMA_TS,))
CARD004 = rule(
    "CARD004", "unknown-protocol-version", "warning", "SHOULD",
    "A remote's `supportedProtocolVersions` lists a value that is no MCP protocol revision.",
    "Clients pick a compatible protocol version from this list before connecting. MCP revisions are dates: "
    "2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25 and 2026-07-28; `1.0` or `2025-06` match none.",
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp",\n'
          '               "supportedProtocolVersions": ["1.0"]}]'),
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp",\n'
          '               "supportedProtocolVersions": ["2025-06-18", "2025-11-25"]}]'), (SCHEMA_TS, VERSIONING))
CARD005 = rule(
    "CARD005", "undeclared-url-variable", "warning", "SHOULD",
    "A `{variable}` in a remote URL or header value is not declared in its `variables`.",
    "Clients substitute `{curly}` placeholders from the `variables` map before connecting; an undeclared one "
    "stays literal in the URL or header, so the connection fails or sends garbage.",
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://{tenant}.example.com/mcp"}]'),
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://{tenant}.example.com/mcp",\n'
          '               "variables": {"tenant": {"description": "Tenant subdomain", "isRequired": true}}}]'),
    (SCHEMA_TS,),
    notes="A URL that is a deploy-time template (`${HOST}`, `{{base_url}}`, `<your-url>`, `REPLACE_WITH_URL`, or "
          "an undeclared upper-case `{BASE_URL}` standing for the whole origin) is filled in before the card is "
          "served: reported once, at info, naming the placeholder, and neither the schema's `uri` format (CARD001) "
          "nor CARD007 judges it.",
    severities=("info",),
    severity_note="Info for a deploy-time template placeholder (not a client variable): the served card holds a URL.")
CARD006 = rule(
    "CARD006", "card-only-field", "warning", "SHOULD",
    "The card lists packages or primitives (tools, resources, prompts), which Server Cards no longer carry.",
    "Since PR #28 the extension is card-only: no registry packages, and no primitives, which remain subject to "
    "runtime listing. Such fields are ignored and drift from the server; keep packages in server.json.",
    _card(',\n  "tools": [{"name": "forecast"}]'), _card(), (CARD_ONLY, DISCOVERY))
CARD007 = rule(
    "CARD007", "private-endpoint-in-card", "warning", "SHOULD",
    "A remote URL points at a private or local endpoint.",
    "Server Cards are public discovery documents; they MUST NOT include internal network topology or private "
    "endpoints. `localhost`, private IP ranges and `.internal`/`.local` hosts are unreachable for everyone else.",
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "http://10.0.3.7:8080/mcp"}]'),
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp"}]'), (DISCLOSURE,))
CARD008 = rule(
    "CARD008", "secret-in-server-card", "warning", "SHOULD",
    "The card contains what looks like a live credential.",
    "Server Cards are public by design and MUST NOT include authentication credentials or tokens. Declare a "
    "header with `isSecret: true` and a `{variable}` instead.",
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp",\n'
          '               "headers": [{"name": "Authorization", "value": "Bearer ghp_<36 characters of a real token>"}]}]'),
    _card(',\n  "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/mcp",\n'
          '               "headers": [{"name": "Authorization", "value": "Bearer {token}", "isSecret": true,\n'
          '                            "variables": {"token": {"isSecret": true}}}]}]'), (DISCLOSURE,))

RULES = (CARD001, CARD002, CARD003, CARD004, CARD005, CARD006, CARD007, CARD008)
