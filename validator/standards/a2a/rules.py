"""The A2A rules: A2A Agent Cards (`.well-known/agent-card.json`, `.well-known/agent.json`).

The schema rule validates each card against the generation it declares (0.2.x, 0.3.0 or
1.0). The others are the specification's requirements beyond the schema (§8 of 1.0,
§5 of 0.3.0), the research notes' interoperability advice, and mistakes seen in the
corpus. Anything resting on a SHOULD, on a client's behaviour or on a guess about
which generation the author meant is a warning.
"""

from __future__ import annotations

from validator.model import SpecRef, rule_factory

_REPO = "https://github.com/a2aproject/A2A/blob"
V1 = f"{_REPO}/v1.0.0/docs/specification.md"
V03 = f"{_REPO}/v0.3.0/docs/specification.md"
PROTO = SpecRef(f"{_REPO}/v1.0.0/specification/a2a.proto", "A2A 1.0 a2a.proto (AgentCard and field behaviours)")
JSON03 = SpecRef(f"{_REPO}/v0.3.0/specification/json/a2a.json", "A2A 0.3.0 JSON Schema (AgentCard)")
FIELD_PRESENCE = SpecRef(f"{V1}#57-field-presence-and-optionality", "A2A 1.0 §5.7 Field Presence and Optionality")
VERSIONING = SpecRef(f"{V1}#36-versioning", "A2A 1.0 §3.6 Versioning")
DISCOVERY = SpecRef(f"{V1}#82-discovery-mechanisms", "A2A 1.0 §8.2 Discovery Mechanisms")
LOCATION_03 = SpecRef(f"{V03}#53-recommended-location", "A2A 0.3.0 §5.3 Recommended Location")
INTERFACES = SpecRef(f"{V1}#831-supported-interfaces-declaration", "A2A 1.0 §8.3.1 Supported Interfaces Declaration")
TRANSPORT_03 = SpecRef(f"{V03}#56-transport-declaration-and-url-relationships",
                       "A2A 0.3.0 §5.6 Transport Declaration and URL Relationships")
INTERFACE_03 = SpecRef(f"{V03}#555-agentinterface-object", "A2A 0.3.0 §5.5.5 AgentInterface Object")
TRANSPORT_SECURITY = SpecRef(f"{V03}#41-transport-security", "A2A 0.3.0 §4.1 Transport Security")
SIGNING = SpecRef(f"{V1}#842-signature-format", "A2A 1.0 §8.4.2 Signature Format")
JWS = SpecRef("https://www.rfc-editor.org/rfc/rfc7515#section-4.1.1", "RFC 7515 §4.1.1 \"alg\" Header Parameter")
NAMING = SpecRef(f"{V1}#55-json-field-naming-convention", "A2A 1.0 §5.5 JSON Field Naming Convention")
MIGRATION = SpecRef(f"{V1}#a22-breaking-change-extended-agent-card-field-relocated",
                    "A2A 1.0 Appendix A.2 Migration Guidance")
CARD_SECURITY = SpecRef(f"{V03}#54-security-of-agent-cards", "A2A 0.3.0 §5.4 Security of Agent Cards")
OPENAPI_SECURITY = SpecRef("https://spec.openapis.org/oas/v3.0.3#security-requirement-object",
                           "OpenAPI 3.0.3 Security Requirement Object")
MEDIA_TYPES = SpecRef("https://www.rfc-editor.org/rfc/rfc6838#section-4.2", "RFC 6838 §4.2 Naming Requirements")

_V1_CARD = '''{
  "name": "Recipe Agent",
  "description": "Finds recipes",
  "version": "1.0.0",
  "supportedInterfaces": [
    {"url": "https://agent.example.com/a2a", "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}
  ],
  "capabilities": {"streaming": true},
  "defaultInputModes": ["text/plain"],
  "defaultOutputModes": ["text/plain"],
  "skills": [{"id": "find", "name": "Find recipes", "description": "Finds recipes", "tags": ["cooking"]}]
}'''
_V03_CARD = '''{
  "protocolVersion": "0.3.0",
  "name": "Recipe Agent",
  "description": "Finds recipes",
  "url": "https://agent.example.com/a2a",
  "preferredTransport": "JSONRPC",
  "version": "1.0.0",
  "capabilities": {"streaming": true},
  "defaultInputModes": ["text/plain"],
  "defaultOutputModes": ["text/plain"],
  "skills": [{"id": "find", "name": "Find recipes", "description": "Finds recipes", "tags": ["cooking"]}]
}'''


rule = rule_factory("a2a-agent-card")


A2A001 = rule(
    "A2A001", "agent-card-schema-violation", "error", "MUST",
    "The Agent Card does not validate against the schema of its A2A version.",
    "The card is read by SDK models generated from the specification (pydantic in a2a-python, protobuf "
    "messages in 1.x): a missing required field or a value of the wrong type makes the card unreadable, so the "
    "agent cannot be discovered. The version is detected first: `supportedInterfaces` means 1.x, a "
    "`protocolVersion` names its version; a card with neither takes the version of the A2A SDK its project "
    "depends on (a2a-sdk, @a2a-js/sdk, a2a-go, a2a-java in the nearest manifest above it), else 0.2-era if it "
    "has a top-level `url`, else it is undecided between 0.2 and 1.0 and only what both versions reject is "
    "reported (not the 0.x `url` nor the 1.x `supportedInterfaces`: such cards are often completed by the code "
    "that serves them). The message says which version was assumed. The most common failure in real "
    "cards is a skill without `tags`, required since 0.2.0.",
    _V03_CARD.replace(', "tags": ["cooking"]', ""), _V03_CARD, (JSON03, PROTO, FIELD_PRESENCE),
    notes="1.0 has no published JSON Schema; ours follows the proto and §5.7: required repeated fields need at "
          "least one element (the §8.4.1 canonicalisation example shows `\"skills\": []`, the normative sentence "
          "wins), unset optional fields may be `null`, unknown fields are accepted. Repeats fold (30 cards missing one "
          "field: one finding naming the others).", fold="message")
A2A002 = rule(
    "A2A002", "protocol-version-unknown", "warning", "SHOULD",
    "`protocolVersion` names no published A2A version.",
    "Clients pick request formats by the card's version. Published versions are 0.2.x, 0.3.x and 1.0 (patch "
    "numbers do not change the protocol, A2A 1.0 §3.6); 0.1 is obsolete and a later version is not known yet. "
    "The card is checked against the nearest known version.",
    '{"protocolVersion": "3", "name": "Recipe Agent"}', '{"protocolVersion": "0.3.0", "name": "Recipe Agent"}',
    (VERSIONING, JSON03))
A2A003 = rule(
    "A2A003", "protocol-version-missing", "warning", "SHOULD",
    "A card at the 0.3 location or with 0.2.5+ fields has neither `protocolVersion` nor `supportedInterfaces`.",
    "`protocolVersion` is required since 0.2.5 and 1.x cards declare versions per interface. Without either, a "
    "client can only guess (the 0.3 SDKs assume 0.3.0, 1.x agents treat an empty version as 0.3). Cards at "
    "`.well-known/agent.json` without a version are legitimate 0.2.0-0.2.4 cards and are not reported.",
    _V03_CARD.replace('  "protocolVersion": "0.3.0",\n', ""), _V03_CARD, (JSON03, VERSIONING))
A2A004 = rule(
    "A2A004", "well-known-location-mismatch", "warning", "SHOULD",
    "The card's file name does not match the well-known URI of its A2A version.",
    "Since 0.3.0 clients fetch `/.well-known/agent-card.json`; 0.2.x clients fetched `/.well-known/agent.json`. "
    "A 0.3 or 1.x card served only as `agent.json` is not found by current clients, and a 0.2 card at "
    "`agent-card.json` is not found by the clients of its own version.",
    ".well-known/agent.json  (protocolVersion 0.3.0)", ".well-known/agent-card.json  (protocolVersion 0.3.0)",
    (DISCOVERY, LOCATION_03), example_language="text")
A2A005 = rule(
    "A2A005", "invalid-endpoint-url", "error", "MUST",
    "An endpoint URL (`url`, an interface `url`) is not an absolute http(s) URL.",
    "Clients send requests to exactly this URL; a relative path, a bare host or another scheme cannot be "
    "called (interfaces must be valid absolute HTTPS URLs in production). gRPC interfaces may give "
    "`host:port` instead.",
    _V03_CARD.replace("https://agent.example.com/a2a", "/a2a"), _V03_CARD, (INTERFACE_03, INTERFACES, PROTO),
    notes="A URL holding a template placeholder that a server or deploy step fills in before serving the card "
          "(`{BASE_URL}/a2a`, `https://${HOST}/a2a`, `{{base_url}}`, `REPLACE_WITH_URL`, `<your-url>`) is not "
          "judged, here nor by A2A006 and A2A016: the committed file is a template, not the served card.")
A2A006 = rule(
    "A2A006", "insecure-endpoint-url", "warning", "MUST",
    "An endpoint URL uses plain `http://` for a host that is not local.",
    "A2A communication in production MUST use HTTPS (0.3.0 §4.1, §3.1). Loopback hosts (`localhost`, "
    "`127.0.0.1`, `::1`) are development cards and are not reported. A warning because a committed card may "
    "be a staging sample.",
    _V03_CARD.replace("https://agent", "http://agent"), _V03_CARD, (TRANSPORT_SECURITY, INTERFACE_03),
    notes="A warning: the specification's HTTPS requirement is for production deployments, and a card in a repository may describe a development or test deployment; a card served over plain HTTP to a public host should be fixed.")
A2A007 = rule(
    "A2A007", "preferred-transport-missing", "warning", "MUST",
    "A 0.3 card does not declare `preferredTransport`.",
    "The 0.3.0 specification makes `preferredTransport` REQUIRED and binds it to the main `url` (§5.6.1); the "
    "0.3.0 JSON Schema gives it a default of JSONRPC instead. Clients that follow the schema assume JSON-RPC, "
    "which is wrong for an agent that serves gRPC or REST at its main URL. Declare it explicitly.",
    _V03_CARD.replace('  "preferredTransport": "JSONRPC",\n', ""), _V03_CARD, (TRANSPORT_03, JSON03),
    notes="The specification text and the official schema disagree; the text is followed, as a warning.")
A2A008 = rule(
    "A2A008", "main-interface-not-listed", "warning", "SHOULD",
    "`additionalInterfaces` has no entry for the main `url` and `preferredTransport`.",
    "0.3.0 §5.6.4: if `additionalInterfaces` is provided it SHOULD include an entry corresponding to the main "
    "`url` and `preferredTransport`, so clients that only read the list still find the preferred endpoint.",
    '"url": "https://a.example/rpc", "preferredTransport": "JSONRPC",\n"additionalInterfaces": '
    '[{"url": "https://a.example/grpc", "transport": "GRPC"}]',
    '"url": "https://a.example/rpc", "preferredTransport": "JSONRPC",\n"additionalInterfaces": '
    '[{"url": "https://a.example/rpc", "transport": "JSONRPC"}, {"url": "https://a.example/grpc", "transport": "GRPC"}]',
    (TRANSPORT_03,))
A2A009 = rule(
    "A2A009", "unknown-transport", "warning", "SHOULD",
    "A transport or protocol binding is neither JSONRPC, GRPC, HTTP+JSON nor a URI.",
    "Clients match these values exactly; `jsonrpc`, `http`, `REST` or `JSON-RPC` match no transport they "
    "implement, so the interface is skipped. Custom bindings SHOULD be identified by a URI.",
    '"preferredTransport": "jsonrpc"', '"preferredTransport": "JSONRPC"', (INTERFACE_03, INTERFACES, PROTO))
A2A010 = rule(
    "A2A010", "interface-version-format", "warning", "SHOULD",
    "An interface's `protocolVersion` is not a `Major.Minor` version.",
    "A2A 1.0 §3.6: versions are identified by Major.Minor; patch numbers SHOULD NOT be used in Agent Cards and "
    "are ignored in negotiation. Clients compare `1.0.0` with their `1.0` and may not match.",
    '{"url": "https://a.example/a2a", "protocolBinding": "JSONRPC", "protocolVersion": "1.0.0"}',
    '{"url": "https://a.example/a2a", "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}', (VERSIONING, PROTO))
A2A011 = rule(
    "A2A011", "duplicate-skill-id", "warning", "SHOULD",
    "Two skills share the same `id`.",
    "A skill id is \"a unique identifier for the agent's skill\"; clients and catalogues key skills by id, so a "
    "duplicate hides one of them.",
    '"skills": [{"id": "search", ...}, {"id": "search", ...}]', '"skills": [{"id": "search", ...}, {"id": "summarize", ...}]',
    (JSON03, PROTO))
A2A012 = rule(
    "A2A012", "empty-skill-tags", "warning", "SHOULD",
    "A skill of a 0.x card has an empty `tags` list.",
    "Tags are required keywords that catalogues and routing agents use to select a skill; an empty list makes "
    "the skill unfindable. In 1.x a required list must hold at least one element, which the schema rule reports.",
    '{"id": "find", "name": "Find", "description": "Finds recipes", "tags": []}',
    '{"id": "find", "name": "Find", "description": "Finds recipes", "tags": ["cooking"]}', (JSON03, FIELD_PRESENCE))
A2A013 = rule(
    "A2A013", "invalid-media-type", "warning", "SHOULD",
    "An input or output mode is not a media type such as `text/plain`.",
    "Since 0.2 `defaultInputModes`, `defaultOutputModes` and the skills' `inputModes`/`outputModes` are media "
    "(MIME) types; clients compare them with the types of the parts they send. `text` or `json` match nothing "
    "(0.1-era cards used bare words).",
    '"defaultInputModes": ["text", "json"]', '"defaultInputModes": ["text/plain", "application/json"]',
    (JSON03, PROTO, MEDIA_TYPES))
A2A014 = rule(
    "A2A014", "undefined-security-scheme", "error", "MUST",
    "A security requirement names a scheme that `securitySchemes` does not declare.",
    "Security requirements follow OpenAPI: each name MUST correspond to a declared security scheme. A client "
    "cannot obtain credentials for an undeclared scheme, so it cannot call the agent (or the skill).",
    '"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},\n"security": [{"oauth": []}]',
    '"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},\n"security": [{"bearer": []}]',
    (OPENAPI_SECURITY, JSON03, PROTO))
A2A015 = rule(
    "A2A015", "invalid-card-signature", "error", "MUST",
    "A signature's `protected` header or `signature` is not well-formed JWS.",
    "Signatures use the JSON form of JWS (RFC 7515): `protected` is a base64url-encoded JSON object that MUST "
    "contain `alg` (and, in 1.x, `kid`), `signature` is base64url. A malformed signature fails verification in "
    "every client, which then distrusts the card.",
    '"signatures": [{"protected": "{\\"alg\\": \\"ES256\\"}", "signature": "not base64!"}]',
    '"signatures": [{"protected": "eyJhbGciOiJFUzI1NiIsImtpZCI6ImtleS0xIn0", "signature": "QFdkNLNszlGj3z3u0YQGt_T9LixY"}]',
    (SIGNING, JWS))
A2A016 = rule(
    "A2A016", "invalid-metadata-url", "warning", "SHOULD",
    "A documentation, icon, provider or security-scheme URL is not an absolute URL.",
    "Clients display or fetch these URLs from wherever they read the card; a relative path resolves against "
    "nothing useful, and OAuth and OpenID Connect endpoints must be URLs to be called at all.",
    '"iconUrl": "/icon.png"', '"iconUrl": "https://agent.example.com/icon.png"', (JSON03, PROTO))
A2A017 = rule(
    "A2A017", "mixed-generation-field", "warning", "SHOULD",
    "A field of another A2A generation is in this card, where its clients ignore it.",
    "1.0 moved `url`/`preferredTransport`/`protocolVersion` into `supportedInterfaces`, renamed `security` to "
    "`securityRequirements` and moved the extended-card flag into `capabilities.extendedAgentCard`; 0.1's "
    "`authentication` was replaced in 0.2. A field from the other generation is silently ignored, so the "
    "feature it declares is lost. A 1.x card that also carries a 0.x `protocolVersion` and `url` (to serve "
    "older clients) is not reported for those fields.",
    _V1_CARD.replace('  "capabilities": {"streaming": true},', '  "supportsAuthenticatedExtendedCard": true,\n  "capabilities": {"streaming": true},'),
    _V1_CARD.replace('"capabilities": {"streaming": true}', '"capabilities": {"streaming": true, "extendedAgentCard": true}'),
    (MIGRATION, PROTO, JSON03),
    fold="message")
A2A018 = rule(
    "A2A018", "snake-case-field", "warning", "MUST",
    "A field uses the proto's snake_case name instead of its camelCase JSON name.",
    "All JSON serializations of A2A MUST use camelCase names (1.0 §5.5; 0.x was camelCase too). Clients that "
    "read JSON by name do not see `default_input_modes`, so the card seems to lack the field.",
    '"default_input_modes": ["text/plain"]', '"defaultInputModes": ["text/plain"]', (NAMING,),
    notes="A warning: ProtoJSON parsers (the official SDKs' protobuf-based ones) accept the original snake_case field names as well, so only clients that read the card as plain JSON miss the field.",
    fold="message")
A2A019 = rule(
    "A2A019", "secret-in-agent-card", "warning", "SHOULD",
    "The card contains what looks like a live credential.",
    "Agent Cards are public documents; it is NOT RECOMMENDED to include plaintext secrets such as static API "
    "keys (0.3.0 §5.4). A credential in a served card is leaked to everyone who fetches it. Placeholders "
    "(`<YOUR_KEY>`, `${TOKEN}`, `sk-...`) are not reported.",
    '"description": "Send Authorization: Bearer ghp_<36 characters of a real token>"',
    '"description": "Send an OAuth token from https://auth.example.com"', (CARD_SECURITY,))

A2A020 = rule(
    "A2A020", "unknown-card-field", "warning", "SHOULD",
    "A field of the card, a skill, an interface, the capabilities, the provider, an extension or a signature is "
    "not in the A2A specification's field list for the card's version.",
    "Clients read an Agent Card by field name and ignore the rest (every object of the card is open), so a "
    "misspelt or invented field declares nothing: `skill` instead of `skills`, `inputModes` at the top level, "
    "`streaming` outside `capabilities`. Data of your own belongs in an extension (`capabilities.extensions[]` "
    "with its `params`), which clients that know the extension read.",
    _V03_CARD.replace('  "version": "1.0.0",', '  "version": "1.0.0",\n  "streaming": true,'),
    _V03_CARD, (PROTO, JSON03, FIELD_PRESENCE),
    notes="Field lists per version come from the published JSON Schemas (0.2.0 ... 0.3.0) and a2a.proto (1.0). "
          "One finding per unknown key and kind of object (the others are counted in its message). "
          "Not reported: `$`-prefixed keys (`$schema`) and comment keys (`_note`, `//`), snake_case spellings of known fields (A2A018), fields of "
          "another generation that A2A017 reports, and the free-form maps (`securitySchemes` and security "
          "requirements by name, an extension's `params`, a signature's `header`); a field of another version in "
          "a card that declares no `protocolVersion` (its version is a guess). A dual card (1.x with a 0.x "
          "`url` and `protocolVersion`) may use both versions' fields.", fold="message")
A2A021 = rule(
    "A2A021", "interfaces-only-0x", "warning", "SHOULD",
    "A 1.x-shaped card (`supportedInterfaces`) whose interfaces all declare a 0.x protocol version has no "
    "top-level `url` and `protocolVersion` for 0.x clients.",
    "0.x clients find the endpoint in the card's top-level `url` (with `preferredTransport` and "
    "`protocolVersion`); they do not read `supportedInterfaces`. 1.x clients read `supportedInterfaces` but "
    "look for an interface of a 1.x version. A card whose only interfaces speak 0.3 therefore reaches neither: "
    "add the top-level 0.3 fields (a dual card, as the migration guidance describes), or serve a 1.0 interface.",
    _V1_CARD.replace('"protocolVersion": "1.0"', '"protocolVersion": "0.3"'),
    _V1_CARD.replace('{\n  "name"', '{\n  "protocolVersion": "0.3.0",\n  "url": "https://agent.example.com/a2a",\n'
                     '  "preferredTransport": "JSONRPC",\n  "name"').replace('"protocolVersion": "1.0"',
                                                                            '"protocolVersion": "0.3"'),
    (INTERFACES, MIGRATION, TRANSPORT_03))

RULES = (A2A001, A2A002, A2A003, A2A004, A2A005, A2A006, A2A007, A2A008, A2A009, A2A010, A2A011, A2A012, A2A013,
         A2A014, A2A015, A2A016, A2A017, A2A018, A2A019, A2A020, A2A021)
