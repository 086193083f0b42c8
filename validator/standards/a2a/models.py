"""Pydantic models of the A2A Agent Card, one family per published version.

The source of truth for `schemas/a2a-agent-card/<version>.schema.json`:

- 0.2.0 ... 0.3.0 are written from the facts of the official JSON Schemas
  (`specification/json/a2a.json` at each tag): which properties exist, their types and
  which are required. Every object is open (the official schemas never close one).
  The eight versions differ only by the switches of `versions.Shape`.
- 1.0 is written from `specification/a2a.proto` (v1.0.0/v1.0.1): `REQUIRED` field
  behaviours are required, ProtoJSON camelCase names, and the specification's §5.7
  rules: a required repeated field holds at least one element, unset optional fields
  may be `null` (ProtoJSON reads null as the default), unknown fields are ignored.
  `oneof`s (`SecurityScheme`, `OAuthFlows`) are "exactly one member".

A differential test holds the 0.x exports against the official schemas on the corpus
and on mutations; the 1.0 export against cases derived from the proto.

Heavy (pydantic): imported only by the exporter and the tests, never by `check`.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field

from validator.modelkit import open_model as _model
from validator.modelkit import optional as _opt
from validator.modelkit import published
from validator.modelkit import required as _req
from validator.standards.a2a.versions import SHAPES, V1, Shape

# -- 0.2.0 ... 0.3.0 --------------------------------------------------------------------

@cache
def agent_card_0x(version: str) -> type[BaseModel]:
    return _build_0x(SHAPES[version])


def _build_0x(shape: Shape) -> type[BaseModel]:
    strings = list[str]
    scopes = dict[str, str]
    requirement_list = list[dict[str, list[str]]]

    Provider = _model("AgentProvider", "The organisation that provides the agent.", {
        "organization": _req(str, "The provider's organisation name."),
        "url": _req(str, "The provider's website or documentation URL."),
    })
    capability_fields = {
        "streaming": _opt(bool, "Supports streaming responses (SSE)."),
        "pushNotifications": _opt(bool, "Can push task updates to a client webhook."),
        "stateTransitionHistory": _opt(bool, "Exposes the history of task state changes."),
    }
    if shape.icon_and_extensions:
        Extension = _model("AgentExtension", "A protocol extension the agent supports.", {
            "uri": _req(str, "The extension's unique URI."),
            "description": _opt(str, "How the agent uses the extension."),
            "required": _opt(bool, "Clients must understand the extension."),
            "params": _opt(dict[str, Any], "Extension-specific configuration."),
        })
        capability_fields["extensions"] = _opt(list[Extension], "Protocol extensions the agent supports.")
    Capabilities = _model("AgentCapabilities", "Optional protocol features the agent supports.", capability_fields)

    def flow(name: str, doc: str, required: tuple[str, ...]) -> type[BaseModel]:
        urls = {"authorizationUrl": "The authorization endpoint.", "tokenUrl": "The token endpoint.",
                "refreshUrl": "The refresh endpoint."}
        fields = {}
        for key in ("authorizationUrl", "tokenUrl", "refreshUrl"):
            if key == "refreshUrl" or key in required:
                fields[key] = (_req if key in required else _opt)(str, urls[key])
        fields["scopes"] = _req(scopes, "Available scopes: name to description.")
        return _model(name, doc, fields)

    Flows = _model("OAuthFlows", "The OAuth 2.0 flows the agent supports.", {
        "authorizationCode": _opt(flow("AuthorizationCodeOAuthFlow", "Authorization code flow.",
                                       ("authorizationUrl", "tokenUrl")), "Authorization code flow."),
        "clientCredentials": _opt(flow("ClientCredentialsOAuthFlow", "Client credentials flow.", ("tokenUrl",)),
                                  "Client credentials flow."),
        "implicit": _opt(flow("ImplicitOAuthFlow", "Implicit flow.", ("authorizationUrl",)), "Implicit flow."),
        "password": _opt(flow("PasswordOAuthFlow", "Resource owner password flow.", ("tokenUrl",)), "Password flow."),
    })
    description = _opt(str, "A description of the scheme.")
    schemes = [
        _model("APIKeySecurityScheme", "An API key in a header, query parameter or cookie.", {
            "type": _req(Literal["apiKey"], "Scheme type."), "description": description,
            "in_": (Literal["cookie", "header", "query"], Field(alias="in", description="Where the key is sent.")),
            "name": _req(str, "The header, query or cookie name.")}),
        _model("HTTPAuthSecurityScheme", "HTTP authentication (Basic, Bearer ...).", {
            "type": _req(Literal["http"], "Scheme type."), "description": description,
            "scheme": _req(str, "The HTTP authentication scheme, e.g. Bearer."),
            "bearerFormat": _opt(str, "How the bearer token is formatted, e.g. JWT.")}),
        _model("OAuth2SecurityScheme", "OAuth 2.0.", {
            "type": _req(Literal["oauth2"], "Scheme type."), "description": description,
            "flows": _req(Flows, "The supported flows."),
            **({"oauth2MetadataUrl": _opt(str, "RFC 8414 authorization server metadata URL.")} if shape.v03 else {})}),
        _model("OpenIdConnectSecurityScheme", "OpenID Connect.", {
            "type": _req(Literal["openIdConnect"], "Scheme type."), "description": description,
            "openIdConnectUrl": _req(str, "The OpenID Connect discovery URL.")}),
    ]
    if shape.v03:
        schemes.append(_model("MutualTLSSecurityScheme", "Mutual TLS.", {
            "type": _req(Literal["mutualTLS"], "Scheme type."), "description": description}))
    SecurityScheme = Union[tuple(schemes)]

    skill_fields = {
        "id": _req(str, "A unique identifier of the skill."),
        "name": _req(str, "A human-readable name."),
        "description": _req(str, "What the skill does."),
        "tags": _req(strings, "Keywords describing the skill."),
        "examples": _opt(strings, "Example prompts."),
        "inputModes": _opt(strings, "Input media types, overriding the card's defaults."),
        "outputModes": _opt(strings, "Output media types, overriding the card's defaults."),
    }
    if shape.v03:
        skill_fields["security"] = _opt(requirement_list, "Security requirements of this skill (OR of ANDs).")
    Skill = _model("AgentSkill", "A distinct capability of the agent.", skill_fields)

    card: dict[str, tuple] = {}
    if shape.protocol_version:
        card["protocolVersion"] = _req(str, "The A2A protocol version the agent supports.")
    card.update({
        "name": _req(str, "A human-readable name of the agent."),
        "description": _req(str, "What the agent does."),
        "url": _req(str, "The preferred endpoint URL."),
    })
    if shape.interfaces:
        Interface = _model("AgentInterface", "A transport and the URL it is served at.", {
            "url": _req(str, "The URL of this interface."),
            "transport": _req(str, "The transport protocol: JSONRPC, GRPC, HTTP+JSON or an extension."),
        })
        card["preferredTransport"] = _opt(str, "The transport served at `url` (default JSONRPC).")
        card["additionalInterfaces"] = _opt(list[Interface], "Further transports and their URLs.")
    if shape.icon_and_extensions:
        card["iconUrl"] = _opt(str, "A URL of an icon for the agent.")
    card.update({
        "provider": _opt(Provider, "The agent's provider."),
        "version": _req(str, "The agent's own version."),
        "documentationUrl": _opt(str, "A URL of the agent's documentation."),
        "capabilities": _req(Capabilities, "Optional protocol features the agent supports."),
        "securitySchemes": _opt(dict[str, SecurityScheme], "Security schemes by name (OpenAPI 3.0 style)."),
        "security": _opt(requirement_list, "Security requirements for all interactions (OR of ANDs)."),
        "defaultInputModes": _req(strings, "Input media types accepted by default."),
        "defaultOutputModes": _req(strings, "Output media types produced by default."),
        "skills": _req(list[Skill], "The agent's skills."),
    })
    if shape.extended_card:
        card["supportsAuthenticatedExtendedCard"] = _opt(bool, "An extended card is available to authenticated users.")
    if shape.v03:
        Signature = _model("AgentCardSignature", "A JWS signature of the card (RFC 7515, JSON form).", {
            "protected": _req(str, "The base64url-encoded JWS protected header."),
            "signature": _req(str, "The base64url-encoded signature."),
            "header": _opt(dict[str, Any], "The JWS unprotected header."),
        })
        card["signatures"] = _opt(list[Signature], "JSON Web Signatures of the card.")
    return _model("AgentCard", f"An A2A Agent Card (protocol {shape.version}).", card)


# -- 1.0 (ProtoJSON of lf.a2a.v1.AgentCard) -----------------------------------------------

def _one_of(*members: str) -> dict:
    return {"oneOf": [{"required": [member]} for member in members]}


@cache
def agent_card_v1() -> type[BaseModel]:
    NonEmpty = Annotated[list[str], Field(min_length=1)]
    scopes = dict[str, str]

    def optional(annotation: Any, description: str, **constraints: Any) -> tuple:
        # ProtoJSON accepts null for any field and reads it as unset.
        return _opt(annotation | None, description, **constraints)

    Interface = _model("AgentInterface", "A URL, protocol binding and protocol version to reach the agent.", {
        "url": _req(str, "Where the interface is served (an absolute https URL; host:port for gRPC)."),
        "protocolBinding": _req(str, "JSONRPC, GRPC, HTTP+JSON, or a URI naming a custom binding."),
        "tenant": optional(str, "Opaque routing identifier clients echo in every request."),
        "protocolVersion": _req(str, "The A2A version this interface speaks, Major.Minor (e.g. 1.0)."),
    })
    Provider = _model("AgentProvider", "The organisation that provides the agent.", {
        "url": _req(str, "The provider's website or documentation URL."),
        "organization": _req(str, "The provider's organisation name."),
    })
    Extension = _model("AgentExtension", "A protocol extension the agent supports.", {
        "uri": optional(str, "The extension's unique URI."),
        "description": optional(str, "How the agent uses the extension."),
        "required": optional(bool, "Clients must understand the extension."),
        "params": optional(dict[str, Any], "Extension-specific configuration (google.protobuf.Struct)."),
    })
    Capabilities = _model("AgentCapabilities", "Optional protocol features the agent supports.", {
        "streaming": optional(bool, "Supports streaming responses."),
        "pushNotifications": optional(bool, "Can push task updates to a client webhook."),
        "extensions": optional(list[Extension], "Protocol extensions the agent supports."),
        "extendedAgentCard": optional(bool, "An extended card is available to authenticated clients."),
    })
    StringList = _model("StringList", "A list of strings (scopes).", {"list": optional(list[str], "The scopes.")})
    Requirement = _model("SecurityRequirement", "Schemes that must all be satisfied, with their scopes.", {
        "schemes": optional(dict[str, StringList], "Scheme name to required scopes."),
    })

    def flow(name: str, doc: str, required: tuple[str, ...], optional_urls: tuple[str, ...] = ("refreshUrl",),
             extra: dict | None = None) -> type[BaseModel]:
        fields = {key: _req(str, f"The {key[:-3]} endpoint URL.") for key in required if key != "scopes"}
        fields.update({key: optional(str, f"The {key[:-3]} endpoint URL.") for key in optional_urls})
        fields["scopes"] = (_req(scopes, "Available scopes: name to description.") if "scopes" in required
                            else optional(scopes, "Available scopes: name to description."))
        fields.update(extra or {})
        return _model(name, doc, fields)

    flows = {
        "authorizationCode": flow("AuthorizationCodeOAuthFlow", "Authorization code flow.",
                                  ("authorizationUrl", "tokenUrl", "scopes"),
                                  extra={"pkceRequired": optional(bool, "PKCE (RFC 7636) is required.")}),
        "clientCredentials": flow("ClientCredentialsOAuthFlow", "Client credentials flow.", ("tokenUrl", "scopes")),
        "implicit": flow("ImplicitOAuthFlow", "Implicit flow (deprecated).", (), ("authorizationUrl", "refreshUrl")),
        "password": flow("PasswordOAuthFlow", "Password flow (deprecated).", (), ("tokenUrl", "refreshUrl")),
        "deviceCode": flow("DeviceCodeOAuthFlow", "Device code flow (RFC 8628).",
                           ("deviceAuthorizationUrl", "tokenUrl", "scopes")),
    }
    Flows = _model("OAuthFlows", "Exactly one OAuth 2.0 flow (a oneof).",
                   {key: optional(model, f"The {key} flow.") for key, model in flows.items()},
                   json_schema_extra=_one_of(*flows))
    description = optional(str, "A description of the scheme.")
    members = {
        "apiKeySecurityScheme": _model("APIKeySecurityScheme", "An API key.", {
            "description": description, "location": _req(str, "query, header or cookie."),
            "name": _req(str, "The header, query or cookie name.")}),
        "httpAuthSecurityScheme": _model("HTTPAuthSecurityScheme", "HTTP authentication.", {
            "description": description, "scheme": _req(str, "The HTTP authentication scheme, e.g. Bearer."),
            "bearerFormat": optional(str, "How the bearer token is formatted.")}),
        "oauth2SecurityScheme": _model("OAuth2SecurityScheme", "OAuth 2.0.", {
            "description": description, "flows": _req(Flows, "The supported flow."),
            "oauth2MetadataUrl": optional(str, "RFC 8414 authorization server metadata URL.")}),
        "openIdConnectSecurityScheme": _model("OpenIdConnectSecurityScheme", "OpenID Connect.", {
            "description": description, "openIdConnectUrl": _req(str, "The OpenID Connect discovery URL.")}),
        "mtlsSecurityScheme": _model("MutualTlsSecurityScheme", "Mutual TLS.", {"description": description}),
    }
    SecurityScheme = _model("SecurityScheme", "Exactly one kind of security scheme (a oneof).",
                            {key: optional(model, f"A {model.__name__}.") for key, model in members.items()},
                            json_schema_extra=_one_of(*members))
    Skill = _model("AgentSkill", "A distinct capability of the agent.", {
        "id": _req(str, "A unique identifier of the skill."),
        "name": _req(str, "A human-readable name."),
        "description": _req(str, "What the skill does."),
        "tags": _req(NonEmpty, "Keywords describing the skill (at least one)."),
        "examples": optional(list[str], "Example prompts."),
        "inputModes": optional(list[str], "Input media types, overriding the card's defaults."),
        "outputModes": optional(list[str], "Output media types, overriding the card's defaults."),
        "securityRequirements": optional(list[Requirement], "Security requirements of this skill."),
    })
    Signature = _model("AgentCardSignature", "A JWS signature of the card (RFC 7515, JSON form).", {
        "protected": _req(str, "The base64url-encoded JWS protected header."),
        "signature": _req(str, "The base64url-encoded signature."),
        "header": optional(dict[str, Any], "The JWS unprotected header."),
    })
    return _model("AgentCard", "An A2A Agent Card (protocol 1.0, ProtoJSON of lf.a2a.v1.AgentCard).", {
        "name": _req(str, "A human-readable name of the agent."),
        "description": _req(str, "What the agent does."),
        "supportedInterfaces": _req(Annotated[list[Interface], Field(min_length=1)],
                                    "Interfaces in preference order; the first is preferred."),
        "provider": optional(Provider, "The agent's provider."),
        "version": _req(str, "The agent's own version."),
        "documentationUrl": optional(str, "A URL of the agent's documentation."),
        "capabilities": _req(Capabilities, "Optional protocol features the agent supports."),
        "securitySchemes": optional(dict[str, SecurityScheme], "Security schemes by name."),
        "securityRequirements": optional(list[Requirement], "Security requirements for all interactions."),
        "defaultInputModes": _req(NonEmpty, "Input media types accepted by default."),
        "defaultOutputModes": _req(NonEmpty, "Output media types produced by default."),
        "skills": _req(Annotated[list[Skill], Field(min_length=1)], "The agent's skills."),
        "signatures": optional(list[Signature], "JSON Web Signatures of the card."),
        "iconUrl": optional(str, "A URL of an icon for the agent."),
    })


def model(version: str) -> type[BaseModel]:
    return agent_card_v1() if version == V1 else agent_card_0x(version)


def json_schema(version: str) -> dict:
    """The JSON Schema (2020-12) exported from VERSION's models, cleaned for publication."""
    source = ("specification/a2a.proto (field behaviours, ProtoJSON)" if version == V1
              else f"specification/json/a2a.json at v{version}")
    return published(model(version), f"a2a-agent-card/{version}.schema.json", f"A2A Agent Card {version} (agentconform export)",
                     f"Exported from agentconform's pydantic models, written from the facts of A2A's {source}. Do not edit.")
