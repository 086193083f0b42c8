"""What a client scenario is, as data: the script its server plays and the checks that judge the client.

`Script` says what the scripted server declares and serves (capabilities, pages of tools)
and what it does when a tool is called (`Action`s sent before the result: server-initiated
requests gated on the client's declared capabilities, notifications, progress). A
`ClientScenario` pairs a script with its checks (the server suite's `Check`) and a judge
that reads the recorded traffic. The harness contract for our own scenarios is the
official `initialize` flow: connect, list tools (every page), call the first listed tool,
close; so a harness written for the official suite runs them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS
from validator.conformance.suite.checks import Check

TRANSPORTS = ("streamable-http", "stdio")


@dataclass(frozen=True)
class Action:
    """One message the server sends while a tools/call is in flight, before its result."""

    kind: str
    """`request` (wait for the client's answer), `notify`, or `progress` (to the call's progressToken)."""
    method: str = ""
    params: dict = field(default_factory=dict)
    needs: str | None = None
    """A client capability the server must see declared before it sends this (servers MUST NOT otherwise)."""


@dataclass(frozen=True)
class AuthScript:
    """The server behind OAuth (Streamable HTTP only): what the protected resource and its loopback
    authorization server publish and enforce. https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization"""

    prm_at: str | None = "path"
    """Where the protected resource metadata (RFC 9728) is served: `path` (path-specific well-known
    URI), `root`, `custom` (only at a URL of its own, which the challenge must name), or None
    (the 2025-03-26 layout: no PRM; the MCP server's origin is the authorization server)."""
    challenge_metadata: bool = True
    """The 401 challenge carries `resource_metadata`."""
    challenge_scope: str | None = "mcp:basic"
    scopes_supported: tuple[str, ...] | None = ("mcp:basic", "mcp:read")
    """The PRM's `scopes_supported` (None: absent)."""
    issuer_path: str = ""
    """The authorization server's issuer path (`/tenant1`: metadata at the path-inserted URL)."""
    metadata: str = "oauth"
    """`oauth` (RFC 8414), `oidc` (OpenID Connect Discovery only, path inserted) or `oidc-appended` (only at the
    issuer's path with the OIDC suffix appended: the last URL of MCP's order for an issuer with a path)."""
    metadata_served: bool = True
    """The authorization server publishes metadata at all (2025-03-26: without it, clients use the default
    endpoints /authorize, /token, /register at the MCP server's origin)."""
    pkce_advertised: bool = True
    """`code_challenge_methods_supported: ["S256"]` in the metadata (without it, 2025-11-25 clients MUST refuse)."""
    cimd: bool = False
    """The metadata advertises `client_id_metadata_document_supported: true`."""
    state_mismatch: bool = False
    """/authorize answers with another `state` than the one the client sent."""
    step_up_scope: str | None = None
    """tools/call needs this scope too: a token without it gets 403 `insufficient_scope`."""
    prm_resource: str | None = None
    """Serve protected resource metadata whose `resource` is this, not the MCP server's URL
    (RFC 9728 §3.3: the client MUST NOT use it)."""
    metadata_issuer: str | None = None
    """Serve authorization server metadata whose `issuer` is this, not the issuer it was looked up
    for (RFC 8414 §3.3: the client MUST NOT use it)."""
    token_lifetime: float | None = None
    """Access tokens expire after this many seconds (`expires_in`, and the resource refuses them after);
    the first tools/list answer waits past it, so the client meets an expired token (refresh tokens are issued)."""


@dataclass(frozen=True)
class Script:
    capabilities: dict
    tool_pages: tuple[tuple[dict, ...], ...]
    """Pages of `tools/list`; a page but the last carries a `nextCursor`."""
    on_call: tuple[Action, ...] = ()
    call_result: Callable[[dict], dict] | None = None
    """The tools/call result from the call's params (default: a text block naming the tool)."""
    sse_retry_ms: int = 0
    """Streamable HTTP: answer tools/call with an SSE stream that sends a priming event with this
    `retry` and closes, then deliver the result on the client's GET reconnection (SEP-1699)."""
    input_required: bool = False
    """2026-07-28: a first tools/call gets an InputRequiredResult (an input request the client
    declared a capability for, and an opaque requestState); the retry gets the result."""
    listen: bool = False
    """2026-07-28: `subscriptions/listen` is acknowledged (the requested types the script declares
    `listChanged` for), then `notifications/tools/list_changed` is sent on its stream."""
    server_name: str = "agentconform-scripted-server"
    auth: AuthScript | None = None
    """Streamable HTTP: the server sits behind OAuth (see `AuthScript`)."""


@dataclass(frozen=True)
class ClientScenario:
    name: str
    description: str
    checks: tuple[Check, ...]
    script: Script
    judge: Callable[[Any, Any], None]
    """`judge(traffic, verdicts)`: reads the recorded traffic, reports through `verdicts`."""
    revisions: tuple[str, ...] = HANDSHAKE_REVISIONS
    transports: tuple[str, ...] = TRANSPORTS
    official: bool = False
    """The official suite has a scenario of this name with this contract."""
    harness: str = "connect, list tools (every page), call the first listed tool, close"

    def __post_init__(self) -> None:
        for check in self.checks:
            if check.scenario != self.name:
                raise ValueError(f"check {check.id} names scenario {check.scenario!r} but is listed in {self.name!r}")

    def applies(self, revision: str, transport: str) -> bool:
        return revision in self.revisions and transport in self.transports
