"""The authorization-code grant as an unattended client meets it (AUTH-001, AUTH-004): state, PKCE, registration, audience.

Judges what `--oauth-flow authorization-code` observed (`observe/authcode.py`) of the authorization
server, and one request at the MCP server: the `state` of the authorization response returned
unchanged; a code redeemed with a wrong `code_verifier` refused (PKCE enforced); the dynamic
client registration endpoint the metadata advertises working; the `resource` asked for becoming
the token's audience (readable when the token is a JWT); and the MCP server refusing a token the
authorization server issued for another resource (audience validation). Without the flow every
check is skipped saying how to run it; an authorization server that asks for a person leaves
them skipped with that reason.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection
https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-4.1
"""

from __future__ import annotations

from validator.conformance.areas.auth_tokens import probe_with
from validator.conformance.observe.authmeta import resource_matches
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.authgate import without_credentials
from validator.conformance.suite.checks import S25, Check, Scenario

A = f"{S25}/basic/authorization"
SC = "auth-authorization-code"
FROM_25A, FROM_25B = revisions("25a+"), revisions("25b+")
HOWTO = "needs the authorization-code flow: run with --oauth-flow authorization-code (an authorization server that " \
        "approves without a person)"

STATE = Check("auth-as-state-preserved", SC, "AUTH-001", "MUST", FROM_25A, f"{A}#open-redirection",
              "the authorization response returns the state the request sent, unchanged (OAuth 2.1 §4.1.2: "
              "REQUIRED when the request had one); clients discard responses without it")
PKCE = Check("auth-as-pkce-enforced", SC, "AUTH-001", "MUST", FROM_25A, f"{A}#authorization-code-protection",
             "a code redeemed with a code_verifier that does not match its code_challenge is refused (OAuth 2.1 "
             "§4.1.3, §7.5.2; RFC 7636 §4.6)")
REGISTRATION = Check("auth-as-registration-works", SC, "AUTH-001", "MUST", FROM_25A, f"{A}#dynamic-client-registration",
                     "the advertised registration_endpoint registers a client: 201 Created with a client_id "
                     "(RFC 7591 §3.2.1)")
RESOURCE = Check("auth-as-honours-resource", SC, "AUTH-004", "SHOULD", FROM_25B, f"{A}#token-audience-binding-and-validation",
                 "a token asked for with the RFC 8707 resource is audience-restricted to it (RFC 8707 §2; readable "
                 "when the token is a JWT)")
AUDIENCE = Check("auth-token-audience", SC, "AUTH-004", "MUST", FROM_25B, f"{A}#token-handling",
                 "the MCP server refuses a token its authorization server issued for another resource (servers MUST "
                 "validate that tokens were issued specifically for them)")


def _audiences(aud) -> list[str]:
    return [aud] if isinstance(aud, str) else [a for a in aud if isinstance(a, str)] if isinstance(aud, list) else []


async def run_code_flow(ctx) -> None:
    seen = ctx.state.code_flow
    checks = [c for c in ctx.scenario.checks if c.applies(ctx.revision, ctx.transport)]
    if seen is None or (seen.state is None and seen.registration is None):
        why = HOWTO if seen is None else (seen.person or f"the authorization-code flow stopped: {seen.stopped}")
        for check in checks:
            ctx.skipped(check, why)
        return
    stopped = f"the authorization-code flow stopped before it: {seen.stopped}"
    if seen.registration is None:
        ctx.skipped(REGISTRATION, f"no dynamic registration was needed ({seen.client})")
    else:
        status, what = seen.registration
        ctx.verdict(REGISTRATION, 200 <= status < 300 and what == "a client_id", f"HTTP {status} with a client_id",
                    f"the registration endpoint answered HTTP {status} with {what}: clients relying on the advertised "
                    "dynamic registration cannot register")
    if seen.state is None:
        for check in (STATE, PKCE, RESOURCE, AUDIENCE):
            if check.applies(ctx.revision, ctx.transport):
                ctx.skipped(check, seen.person or stopped)
        return
    ctx.verdict(STATE, seen.state == "ok", "the state sent came back unchanged",
                f"the authorization response's state is {seen.state}: clients verifying state discard the response")
    if seen.pkce is None:
        ctx.skipped(PKCE, stopped)
    elif seen.pkce[0] == 0:
        ctx.skipped(PKCE, f"the probe round did not complete: {seen.pkce[1]}")
    else:
        status, what = seen.pkce
        ctx.verdict(PKCE, what != "access_token issued", f"HTTP {status} error={what!r} for a wrong code_verifier",
                    f"HTTP {status}: an access token was issued for a code redeemed with a wrong code_verifier; the "
                    "authorization server does not verify PKCE, so an intercepted code can be redeemed")
    if RESOURCE.applies(ctx.revision, ctx.transport):
        _judge_resource(ctx, seen)
    if AUDIENCE.applies(ctx.revision, ctx.transport):
        await _judge_audience(ctx, seen, stopped)


def _judge_resource(ctx, seen) -> None:
    from validator.conformance.observe.authcode import FOREIGN_RESOURCE, jwt_claims

    foreign = _audiences((jwt_claims(seen.foreign_token) or {}).get("aud")) if seen.foreign_token else []
    own = _audiences(seen.token_audience)
    if not own and not foreign:
        ctx.skipped(RESOURCE, "the tokens are opaque (no JWT aud claim): their audience cannot be read from outside")
        return
    wrong = []
    # compared as resource identifiers (case, default port, trailing slash; a less specific aud is accepted)
    if foreign and not any(resource_matches(a, FOREIGN_RESOURCE)[0] for a in foreign):
        wrong.append(f"a token asked for resource={FOREIGN_RESOURCE} has aud {foreign!r}")
    if own and seen.resource and not any(resource_matches(a, seen.resource)[0] for a in own):
        wrong.append(f"the token asked for resource={seen.resource} has aud {own!r}")
    ctx.verdict(RESOURCE, not wrong, f"aud follows the resource asked for ({own or foreign!r})",
                "; ".join(wrong) + ": the authorization server ignores the RFC 8707 resource, so its tokens are not "
                "bound to one MCP server")


async def _judge_audience(ctx, seen, stopped: str) -> None:
    from validator.conformance.observe.authcode import FOREIGN_RESOURCE, jwt_claims

    if seen.foreign_token is None:
        allowed = ", which RFC 8707 §2 allows (invalid_target)" if "invalid_target" in seen.foreign else ""
        ctx.skipped(AUDIENCE, (f"the authorization server issued no token for another resource ({seen.foreign}){allowed}: "
                               "the server's audience validation cannot be probed") if seen.foreign else stopped)
        return
    url = ctx.state.protection.url
    plain = without_credentials(dict(ctx.state.target.headers), set(getattr(ctx.options, "secret_headers", ()) or ()))

    async def probe():
        return await probe_with(ctx, url, {**plain, "Authorization": f"Bearer {seen.foreign_token}"})

    status, got = await ctx.memo("auth-foreign-token", probe)
    if status == 0:
        ctx.skipped(AUDIENCE, f"no answer to the probe ({got.get('error')})")
        return
    if not 200 <= status < 300:
        ctx.passed(AUDIENCE, f"HTTP {status} for a token issued for {FOREIGN_RESOURCE}")
        return
    aud = _audiences((jwt_claims(seen.foreign_token) or {}).get("aud"))
    accepted = f"HTTP {status}: a token the authorization server issued for resource={FOREIGN_RESOURCE} was accepted"
    if aud and not any(resource_matches(a, url)[0] for a in aud):
        ctx.violated(AUDIENCE, f"{accepted} although its aud is {aud!r}: the server does not validate the audience")
    elif aud:
        ctx.skipped(AUDIENCE, f"{accepted}, but the authorization server bound it to this server (aud {aud!r}): "
                    "see auth-as-honours-resource")
    else:
        ctx.warned(AUDIENCE, f"{accepted}; the token is opaque, so either the authorization server ignored the "
                   "resource (no audience binding) or the server does not validate the audience")


SCENARIOS = [
    Scenario(SC, "the authorization-code grant (--oauth-flow authorization-code): state, PKCE enforced, registration, "
             "token audience", (STATE, PKCE, REGISTRATION, RESOURCE, AUDIENCE), run_code_flow,
             phase="authorization", transports=("streamable-http", "sse"), revisions=FROM_25A),
]
