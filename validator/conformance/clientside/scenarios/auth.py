"""Authorization from the client's side: the scripted server sits behind OAuth and the client's flow is judged.

Each scenario is one `AuthScript` (where the metadata lives, what the challenge and the
authorization server advertise, what the resource enforces) with the harness contract of every
other scenario (connect, list tools, call the first, close), which the client can only complete by
obtaining a token. Names follow the official suite's `auth/*` scenarios (kebab-case spelling) and
ids its check ids where the meaning is the same. A client that does not act on the 401 at all
does not support OAuth, which is optional: its checks are skipped saying so (see `authview.NO_OAUTH`).
Streamable HTTP only: stdio implementations SHOULD NOT follow the authorization spec.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
"""

from __future__ import annotations

from collections.abc import Callable

from validator.conformance.clientside.model import AuthScript, ClientScenario, Script
from validator.conformance.clientside.scenarios.authview import NO_OAUTH, OAuthView, scopes, shown
from validator.conformance.clientside.scenarios.common import ADD_NUMBERS, trigger_tool
from validator.conformance.protocol.oauth import resource_matches, s256
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check

A = f"{S25}/basic/authorization"
A25A = "https://modelcontextprotocol.io/specification/2025-03-26/basic/authorization"
OAUTH21 = "https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13"
HTTP = ("streamable-http",)
B = revisions("25b+")
"""Protected resource metadata, the resource parameter: 2025-06-18 on."""
C = revisions("25c+")
"""Scope selection, step-up, well-known fallbacks, OIDC discovery, CIMD, PKCE verification: 2025-11-25 on."""
MARCH = ("2025-03-26",)
SERVED_SCOPE = "mcp:basic"


def _check(cid: str, scenario: str, number: int, level: str, revs, anchor: str, title: str) -> Check:
    spec = anchor if anchor.startswith("https://") else f"{A}#{anchor}"
    return Check(cid, scenario, f"CLI-{number:03d}", level, revs, spec, title, transports=HTTP)


D = "auth-metadata-default"
PRM_ORDER = _check("prm-priority-order", D, 60, "MUST", B, "protected-resource-metadata-discovery-requirements",
                   "fetches the protected resource metadata at the URL the 401 challenge names (`resource_metadata`) first")
AS_METADATA = _check("authorization-server-metadata", D, 61, "MUST", B, "authorization-server-metadata-discovery",
                     "fetches the authorization server's metadata at the well-known URLs in MCP's priority order")
REGISTRATION = _check("client-registration", D, 62, "SHOULD", B, "client-registration-approaches",
                      "registers (RFC 7591) before authorizing and uses the client_id it was given")
PKCE_SENT = _check("pkce-code-challenge-sent", D, 63, "MUST", B, "authorization-code-protection",
                   "the authorization request carries a PKCE `code_challenge`")
PKCE_S256 = _check("pkce-s256-method-used", D, 64, "MUST", B, "authorization-code-protection",
                   "the code challenge method is `S256`")
PKCE_VERIFIER = _check("pkce-verifier-matches-challenge", D, 65, "MUST", B, "authorization-code-protection",
                       "the token request's `code_verifier` matches the `code_challenge`")
RESOURCE_AUTHZ = _check("resource-parameter-in-authorization", D, 66, "MUST", B, "resource-parameter-implementation",
                        "the authorization request carries `resource` (RFC 8707) naming the MCP server")
RESOURCE_TOKEN = _check("resource-parameter-in-token", D, 67, "MUST", B, "resource-parameter-implementation",
                        "every token request carries `resource` (RFC 8707) naming the MCP server")
STATE_SENT = _check("client-state-sent", D, 68, "SHOULD", B, "open-redirection",
                    "the authorization request carries a `state`")
BEARER = _check("client-bearer-header", D, 69, "MUST", B, "token-requirements",
                "once it has a token, every request to the MCP server carries `Authorization: Bearer` with a token "
                "the MCP server's authorization server issued")
NOT_IN_QUERY = _check("client-token-not-in-query", D, 70, "MUST", B, "token-requirements",
                      "never puts an access token in a URI query string")
ONLY_TO_RESOURCE = _check("client-token-only-to-resource", D, 71, "derived", B, "token-theft",
                          "never sends the MCP server's access token to another host (the authorization server included)")
APPLICATION_TYPE = _check("sep-837-application-type-present", D, 84, "MUST", ("2026-07-28",),
                          "https://modelcontextprotocol.io/specification/2026-07-28/basic/authorization/client-registration"
                          "#application-type-and-redirect-uri-constraints",
                          "2026-07-28: a dynamic registration names its `application_type` (`native` or `web`)")
SCOPE_CHALLENGE = _check("scope-from-www-authenticate", D, 72, "SHOULD", C, "scope-selection-strategy",
                         "requests the scope the 401 challenge names (no more, `offline_access` aside)")

V1 = "auth-metadata-var1"
PRM_PATH_FIRST = _check("prm-pathbased-requested", V1, 73, "MUST", C, "protected-resource-metadata-discovery-requirements",
                        "with no `resource_metadata` in the challenge, fetches the path-specific well-known URI first")
AS_OIDC = _check("as-metadata-oidc-fallback", V1, 74, "MUST", C, "authorization-server-metadata-discovery",
                 "finds metadata served only by OpenID Connect Discovery, after trying RFC 8414 first")

V3 = "auth-metadata-var3"
PRM_CHALLENGE = _check("prm-resource-metadata-from-challenge", V3, 87, "MUST", C,
                       "protected-resource-metadata-discovery-requirements",
                       "fetches the protected resource metadata at the challenge's `resource_metadata` URL, which no "
                       "well-known URI serves")
AS_APPENDED = _check("as-metadata-oidc-path-appended", V3, 88, "MUST", C, "authorization-server-metadata-discovery",
                     "for an issuer with a path, reaches OpenID Connect Discovery with the path appended, the last URL "
                     "of MCP's order")

V2 = "auth-metadata-var2"
PRM_ROOT = _check("prm-root-fallback", V2, 75, "MUST", C, "protected-resource-metadata-discovery-requirements",
                  "falls back to the root well-known URI when the path-specific one answers 404")
AS_PATH = _check("authorization-server-metadata-wrong-path", V2, 76, "MUST", C, "authorization-server-metadata-discovery",
                 "for an issuer with a path, inserts the well-known suffix before the path (never the root first)")

SS = "auth-scope-from-scopes-supported"
SCOPE_SUPPORTED = _check("scope-from-scopes-supported", SS, 77, "SHOULD", C, "scope-selection-strategy",
                         "with no scope in the challenge, requests every scope of the metadata's `scopes_supported`")

SU = "auth-scope-step-up"
STEP_UP = _check("scope-step-up-escalation", SU, 78, "SHOULD", C, "step-up-authorization-flow",
                 "after a 403 `insufficient_scope`, re-authorizes for the scope the challenge names")

RF = "auth-token-refresh"
REFRESH = _check("client-token-refresh", RF, 79, "derived", B, f"{OAUTH21}#section-4.3",
                 "when its access token expires, obtains a new one with the refresh token (not a new authorization)")

NP = "auth-pkce-not-advertised"
PKCE_VERIFIED = _check("client-pkce-support-verified", NP, 80, "MUST", C, "authorization-code-protection",
                       "refuses to authorize when the metadata has no `code_challenge_methods_supported` with S256")

SM = "auth-state-mismatch"
STATE_CHECKED = _check("client-state-verified", SM, 81, "SHOULD", B, "open-redirection",
                       "does not redeem a code returned with another `state` than the one it sent")

CI = "auth-basic-cimd"
CIMD = _check("cimd-client-id-used", CI, 82, "SHOULD", C, "client-id-metadata-documents",
              "when the authorization server supports Client ID Metadata Documents, uses an https URL as client_id "
              "instead of registering")

IM = "auth-metadata-issuer-mismatch"
ISSUER = _check("sep-2468-client-validate-metadata-issuer", IM, 85, "MUST", B, "https://www.rfc-editor.org/rfc/rfc8414#section-3.3",
                "does not use authorization server metadata whose `issuer` differs from the issuer it was looked up for")
FOREIGN_ISSUER = "https://honest.example"

RM = "auth-resource-mismatch"
RESOURCE_MISMATCH = _check("resource-mismatch-rejected", RM, 86, "MUST", B, "https://www.rfc-editor.org/rfc/rfc9728#section-3.3",
                           "registers or authorizes with no protected resource metadata whose `resource` is not the MCP server")
FOREIGN_RESOURCE = "https://other.example/mcp"

M = "auth-2025-03-26-oauth-metadata"
MARCH_METADATA = _check("client-2025-03-26-metadata-discovery", M, 83, "MUST", MARCH,
                        f"{A25A}#server-metadata-discovery",
                        "without protected resource metadata, fetches RFC 8414 metadata at the MCP server's origin "
                        "before using the authorization endpoints")

MF = "auth-2025-03-26-endpoint-fallback"
MARCH_FALLBACK = _check("client-2025-03-26-default-endpoints", MF, 89, "MUST", MARCH, f"{A25A}#fallbacks-for-servers-without-metadata-discovery",
                        "when the MCP server's origin has no RFC 8414 metadata (404), authorizes at the default "
                        "endpoints /authorize and /token there, after trying the metadata")

Rule = Callable[[OAuthView, object, Check], None]


# ---- discovery --------------------------------------------------------------------------------------
def prm_order(view: OAuthView, v, check: Check) -> None:
    fetched, expected = view.prm_fetches(), view.expected_prm_order()
    if not fetched:
        v.violated(check, "never fetched the protected resource metadata (MCP clients MUST use it to find the "
                          "authorization server)")
        return
    if fetched[0] != expected[0]:
        v.violated(check, f"fetched {', '.join(fetched[:3])} where MCP's order is {' then '.join(expected)}")
        return
    v.passed(check, f"fetched {fetched[0]} first, as MCP's order gives")


def prm_fallback(view: OAuthView, v, check: Check) -> None:
    fetched, expected = view.prm_fetches(), view.expected_prm_order()
    if expected[-1] in fetched and fetched.index(expected[-1]) > 0 and fetched[0] == expected[0]:
        v.passed(check, f"tried {expected[0]}, then fell back to {expected[-1]}")
    elif expected[-1] in fetched:
        v.violated(check, f"fetched {', '.join(fetched[:3])}: the root well-known URI comes after the path-specific one")
    else:
        v.violated(check, f"never fetched the root well-known URI {expected[-1]} after {', '.join(fetched[:2]) or 'nothing'}")


def as_order(view: OAuthView, v, check: Check) -> None:
    fetched = [e["path"] for e in view.as_metadata_fetches()]
    # 2025-06-18 named RFC 8414 only; OpenID Connect Discovery joins the order from 2025-11-25
    expected = view.expected_as_metadata_order(oidc=view.traffic.revision != "2025-06-18")
    served = view.served_as_metadata()
    if not fetched and not view.prm_found():
        v.skipped(check, "the client never found the protected resource metadata that names the authorization server")
        return
    if not fetched:
        v.violated(check, "never fetched the authorization server's metadata")
        return
    upto = expected[:expected.index(served) + 1] if served in expected else expected
    tried = fetched[:fetched.index(served) + 1] if served in fetched else fetched
    if tried != upto[:len(tried)]:
        v.violated(check, f"fetched {', '.join(tried[:4])}; MCP's order for this issuer is {', '.join(upto)}")
    elif served not in tried:
        v.violated(check, f"gave up after {', '.join(tried)}: the metadata is at {served}")
    else:
        v.passed(check, f"found the metadata at {served} after {len(tried)} attempt(s), in MCP's order")


def issuer_validated(view: OAuthView, v, check: Check) -> None:
    if not [e for e in view.as_metadata_fetches() if e["status"] == 200]:
        v.skipped(check, "the client never read the authorization server's metadata")
        return
    used = view.registrations + view.authorizations + view.token_requests
    v.verdict(check, not used, f"did not use metadata whose issuer is {FOREIGN_ISSUER} (looked up for another issuer)",
              f"used metadata whose issuer {FOREIGN_ISSUER} is not the issuer it was looked up for "
              f"({used[0]['verb']} {used[0]['path']})" if used else "")


def resource_mismatch(view: OAuthView, v, check: Check) -> None:
    if not view.prm_found():
        v.skipped(check, "the client never read the protected resource metadata")
        return
    # judged on registration, authorization and token requests: what obtains credentials for the wrong
    # resource (a metadata fetch on the way, before the client compares, sends nothing of the client's)
    used = view.registrations + view.authorizations + view.token_requests
    v.verdict(check, not used, f"obtained no credentials on metadata naming the resource {FOREIGN_RESOURCE}",
              f"went on with the authorization server it names ({used[0]['verb']} {used[0]['path']}) although its "
              f"resource {FOREIGN_RESOURCE} is not the MCP server" if used else "")


def march_fallback(view: OAuthView, v, check: Check) -> None:
    tried = [e["t"] for e in view.as_metadata_fetches()]
    used = view.authorizations + [e for e in view.token_requests if e["status"] == 200]
    if not used:
        v.violated(check, "did not authorize at the default endpoints /authorize and /token after the metadata's 404")
    elif not tried or tried[0] > used[0]["t"]:
        v.violated(check, "used the default endpoints without trying the metadata first (clients MUST try it first)")
    else:
        v.passed(check, "tried the metadata, then authorized at the default endpoints")


def march_metadata(view: OAuthView, v, check: Check) -> None:
    first_authorize = view.authorizations[0]["t"] if view.authorizations else None
    fetched = [e for e in view.as_metadata_fetches() if first_authorize is None or e["t"] < first_authorize]
    ok = any(e["path"] == "/.well-known/oauth-authorization-server" for e in fetched)
    if ok:
        v.passed(check, "fetched /.well-known/oauth-authorization-server at the MCP server's origin first")
    elif first_authorize is None:
        v.skipped(check, "the client did not authorize")
    else:
        v.violated(check, "used the authorization endpoint without fetching the RFC 8414 metadata at the MCP server's origin")


# ---- registration and the authorization request -------------------------------------------------
def _first_authorization(view: OAuthView, v, check: Check) -> dict | None:
    if not view.authorizations:
        v.skipped(check, "the client sent no authorization request")
        return None
    return view.authorizations[0]


def registration(view: OAuthView, v, check: Check) -> None:
    first = _first_authorization(view, v, check)
    if first is None:
        return
    client_id = first["query"].get("client_id")
    given = {(e.get("issued") or {}).get("client_id") for e in view.registrations if e["status"] == 201 and e["t"] < first["t"]}
    if client_id in given:
        v.passed(check, "registered with the registration endpoint, then used the client_id issued")
    elif given:
        v.violated(check, f"registered, but authorized with client_id {shown(client_id)}, not the one issued")
    else:
        v.violated(check, f"authorized with client_id {shown(client_id)} without registering (the authorization server "
                          "offers dynamic registration and knows no such client)")


def application_type(view: OAuthView, v, check: Check) -> None:
    if not view.registrations:
        v.skipped(check, "the client did not register dynamically")
        return
    kinds = [(e.get("form") or {}).get("application_type") for e in view.registrations]
    bad = [k for k in kinds if k not in ("native", "web")]
    v.verdict(check, not bad, f"application_type {shown(kinds[0])} in the registration",
              f"application_type {shown(bad[0] if bad else None)} in the registration: MUST be given (native or web; "
              "omitted, OIDC servers read web)")


def cimd(view: OAuthView, v, check: Check) -> None:
    first = _first_authorization(view, v, check)
    if first is None:
        return
    client_id = str(first["query"].get("client_id") or "")
    url_form = client_id.startswith("https://") and "/" in client_id[len("https://"):].strip("/")
    if url_form and not [e for e in view.registrations if e["t"] < first["t"]]:
        v.passed(check, f"used the Client ID Metadata Document URL {shown(client_id)} as client_id")
    else:
        v.violated(check, "registered dynamically although the authorization server advertises "
                          "client_id_metadata_document_supported (MCP clients SHOULD support CIMD)")


def _sent(param: str, why: str) -> Rule:
    """The rule: the first authorization request carries PARAM."""
    def rule(view: OAuthView, v, check: Check) -> None:
        first = _first_authorization(view, v, check)
        if first is not None:
            v.verdict(check, bool(first["query"].get(param)), f"{param} sent", f"no {param} in the authorization request ({why})")
    return rule


def _first_with(view: OAuthView, v, check: Check, param: str, judged_by: Check) -> dict | None:
    """The first authorization request when it carries PARAM; else a skip (JUDGED_BY says so)."""
    first = _first_authorization(view, v, check)
    if first is not None and not first["query"].get(param):
        v.skipped(check, f"no {param} was sent (see {judged_by.id})")
        return None
    return first


pkce_sent = _sent("code_challenge", "PKCE is REQUIRED")
state_sent = _sent("state", "clients SHOULD use and verify state")


def pkce_s256(view: OAuthView, v, check: Check) -> None:
    first = _first_with(view, v, check, "code_challenge", PKCE_SENT)
    if first is None:
        return
    method = first["query"].get("code_challenge_method")
    v.verdict(check, method == "S256", "code_challenge_method S256",
              f"code_challenge_method {shown(method or 'absent (plain)')}: S256 is required when the client can compute it")


def pkce_verifier(view: OAuthView, v, check: Check) -> None:
    first = _first_with(view, v, check, "code_challenge", PKCE_SENT)
    if first is None:
        return
    challenge = first["query"]["code_challenge"]
    exchange = view.exchange_of(first)
    if exchange is None:
        v.skipped(check, "the client did not redeem the authorization code")
    else:
        verifier = (exchange.get("form") or {}).get("code_verifier")
        method = first["query"].get("code_challenge_method") or "plain"
        matches = bool(verifier) and (s256(str(verifier)) if method == "S256" else verifier) == challenge
        v.verdict(check, matches, "the code_verifier matches the code_challenge",
                  "no code_verifier in the token request" if not verifier else "the code_verifier does not match the code_challenge")


def resource_in_authorization(view: OAuthView, v, check: Check) -> None:
    first = _first_authorization(view, v, check)
    if first is not None:
        _resource(v, check, [first["query"]], view.server_url, "the authorization request")


def resource_in_token(view: OAuthView, v, check: Check) -> None:
    forms = [e.get("form") or {} for e in view.token_requests]
    forms = [f for f in forms if f.get("grant_type") in ("authorization_code", "refresh_token")]
    if not forms:
        v.skipped(check, "the client sent no token request")
        return
    _resource(v, check, forms, view.server_url, f"{len(forms)} token request(s)")


def _resource(v, check: Check, params: list[dict], server_url: str, what: str) -> None:
    problems = []
    for values in params:
        resource = values.get("resource")
        if not resource:
            problems.append("no resource parameter")
            continue
        ok, why = resource_matches(resource, server_url)
        if not ok:
            problems.append(why)
    v.verdict(check, not problems, f"{what}: resource names {server_url}", f"{what}: {'; '.join(sorted(set(problems))[:2])}")


def state_checked(view: OAuthView, v, check: Check) -> None:
    first = _first_with(view, v, check, "state", STATE_SENT)
    if first is None:
        return
    exchange = view.exchange_of(first)
    v.verdict(check, exchange is None, "refused the authorization response whose state differs from the one sent",
              "redeemed a code returned with another state than the one it sent")


def pkce_verified(view: OAuthView, v, check: Check) -> None:
    if not [e for e in view.as_metadata_fetches() if e["status"] == 200]:
        v.skipped(check, "the client never read the authorization server's metadata")
        return
    v.verdict(check, not view.authorizations, "did not authorize against metadata without code_challenge_methods_supported",
              "sent an authorization request although the metadata does not advertise PKCE S256 (MUST refuse to proceed)")


# ---- tokens and their use ----------------------------------------------------------------------------
def _tokens_or_skip(view: OAuthView, v, check: Check) -> set[str] | None:
    tokens = view.access_tokens()
    if not tokens:
        v.skipped(check, "the client obtained no access token")
        return None
    return tokens


def bearer_header(view: OAuthView, v, check: Check) -> None:
    tokens = _tokens_or_skip(view, v, check)
    if tokens is None:
        return
    first = min(t for t, _ in view.issued())
    later = [e for e in view.mcp if e["t"] > first]
    foreign = [e for e in view.mcp if view.bearer(e) and view.bearer(e) not in tokens]
    missing = [e for e in later if not view.bearer(e)]
    if foreign:
        v.violated(check, f"{len(foreign)} request(s) to the MCP server carried a bearer token its authorization server "
                          "never issued")
    elif missing:
        v.violated(check, f"{len(missing)} of {len(later)} request(s) after the token was obtained had no "
                          "Authorization: Bearer header")
    elif not later:
        v.skipped(check, "the client sent nothing after obtaining its token")
    else:
        v.passed(check, f"Authorization: Bearer on all {len(later)} request(s) after the token was obtained")


def not_in_query(view: OAuthView, v, check: Check) -> None:
    tokens = _tokens_or_skip(view, v, check)
    if tokens is None:
        return
    leaked = [e for e in view.events if "access_token" in e["query"] or set(e["query"].values()) & tokens]
    v.verdict(check, not leaked, "no access token in any query string",
              f"an access token in the query string of {len(leaked)} request(s) ({leaked[0]['verb']} {leaked[0]['path']})"
              if leaked else "")


def only_to_resource(view: OAuthView, v, check: Check) -> None:
    tokens = _tokens_or_skip(view, v, check)
    if tokens is None:
        return
    elsewhere = [e for e in view.events if e["server"] != "resource" and
                 (view.bearer(e) in tokens or set(str(x) for x in (e.get("form") or {}).values()) & tokens)]
    v.verdict(check, not elsewhere, "the access token went only to the MCP server",
              f"the access token was sent to the authorization server ({elsewhere[0]['verb']} {elsewhere[0]['path']}): "
              "a token for the MCP server belongs to no other host" if elsewhere else "")


def scope_challenge(view: OAuthView, v, check: Check) -> None:
    first = _first_authorization(view, v, check)
    if first is None:
        return
    asked, wanted = scopes(first["query"].get("scope")) - {"offline_access"}, scopes(view.auth.challenge_scope)
    v.verdict(check, asked == wanted, f"requested the challenge's scope {shown(view.auth.challenge_scope)}",
              f"requested scope {shown(first['query'].get('scope', '(none)'))}; the challenge named "
              f"{shown(view.auth.challenge_scope)}")


def scope_supported(view: OAuthView, v, check: Check) -> None:
    first = _first_authorization(view, v, check)
    if first is None:
        return
    wanted = set(view.auth.scopes_supported or ())
    asked = scopes(first["query"].get("scope"))
    v.verdict(check, wanted <= asked, "requested every scope of scopes_supported",
              f"requested scope {shown(first['query'].get('scope', '(none)'))}; scopes_supported lists "
              f"{shown(' '.join(sorted(wanted)))}")


def step_up(view: OAuthView, v, check: Check) -> None:
    refused = [e for e in view.mcp if e["status"] == 403]
    if not refused:
        v.skipped(check, "the client never met the 403 insufficient_scope (it did not call the tool with a token)")
        return
    again = [e for e in view.authorizations if e["t"] > refused[0]["t"]]
    refreshed = [e for e in view.token_requests if e["t"] > refused[0]["t"]
                 and (e.get("form") or {}).get("grant_type") == "refresh_token"]
    needed = view.auth.step_up_scope or ""
    v.verdict(check, any(needed in scopes(e["query"].get("scope")) for e in again),
              f"re-authorized for {shown(needed)} after the 403",
              f"re-authorized without the scope the 403 named ({shown(needed)})" if again else
              "refreshed its token after the 403 insufficient_scope instead of re-authorizing (a refresh cannot widen "
              "the scope, RFC 6749 §6)" if refreshed else "did not re-authorize after the 403 insufficient_scope")


def refresh(view: OAuthView, v, check: Check) -> None:
    issued = view.issued()
    lifetime = view.auth.token_lifetime or 0
    if not issued:
        v.skipped(check, "the client obtained no access token")
        return
    expired_at = issued[0][0] + lifetime
    after = [e for e in view.events if e["t"] > expired_at]
    if not after:
        v.skipped(check, "the client sent nothing after its first token expired")
        return
    refreshed = [e for e in view.token_requests if e["t"] > issued[0][0] and (e.get("form") or {}).get("grant_type") == "refresh_token"]
    again = [e for e in view.authorizations if e["t"] > issued[0][0]]
    if refreshed:
        v.passed(check, "refreshed the expired access token with its refresh token")
    elif again:
        v.violated(check, "ran a new authorization instead of using its refresh token")
    else:
        v.violated(check, "did not obtain a new token once the first expired")


# ---- the scenarios ------------------------------------------------------------------------------------
def judge(auth: AuthScript, rules: dict[Check, Rule]) -> Callable:
    def run(traffic, v) -> None:
        view = OAuthView(traffic, auth)
        for check, rule in rules.items():
            if not check.applies(traffic.revision, traffic.transport):
                continue
            if not view.attempted:
                v.skipped(check, NO_OAUTH)
            else:
                rule(view, v, check)
    return run


def _scenario(name: str, description: str, auth: AuthScript, rules: dict[Check, Rule], revs, *, pages=((ADD_NUMBERS,),)):
    return ClientScenario(name, description, tuple(rules), Script(capabilities={"tools": {}}, tool_pages=pages, auth=auth),
                          judge(auth, rules), revs, HTTP, harness="connect (authorizing as the 401 asks), list tools, "
                          "call the first listed tool, close")


DEFAULT = AuthScript()
SCENARIOS = [
    _scenario(D, "PRM at the path-specific URI named by the challenge (with scope); RFC 8414 metadata at the issuer root",
              DEFAULT, {PRM_ORDER: prm_order, AS_METADATA: as_order, REGISTRATION: registration, PKCE_SENT: pkce_sent,
                        PKCE_S256: pkce_s256, PKCE_VERIFIER: pkce_verifier, RESOURCE_AUTHZ: resource_in_authorization,
                        RESOURCE_TOKEN: resource_in_token, STATE_SENT: state_sent, BEARER: bearer_header,
                        NOT_IN_QUERY: not_in_query, ONLY_TO_RESOURCE: only_to_resource, SCOPE_CHALLENGE: scope_challenge,
                        APPLICATION_TYPE: application_type}, B),
    _scenario(V1, "no resource_metadata in the challenge; PRM at the path-specific URI; metadata only by OpenID Connect Discovery",
              AuthScript(challenge_metadata=False, metadata="oidc"), {PRM_PATH_FIRST: prm_order, AS_OIDC: as_order}, C),
    _scenario(V3, "PRM only at a custom URL the challenge names; issuer …/tenant1 with metadata only at "
              "/tenant1/.well-known/openid-configuration", AuthScript(prm_at="custom", issuer_path="/tenant1",
                                                                    metadata="oidc-appended"),
              {PRM_CHALLENGE: prm_order, AS_APPENDED: as_order}, C),
    _scenario(V2, "PRM only at the root well-known URI; an issuer with a path (/tenant1), RFC 8414 metadata by path insertion",
              AuthScript(prm_at="root", challenge_metadata=False, issuer_path="/tenant1"),
              {PRM_ROOT: prm_fallback, AS_PATH: as_order}, C),
    _scenario(SS, "no scope in the challenge; scopes_supported in the protected resource metadata",
              AuthScript(challenge_scope=None, scopes_supported=("mcp:basic", "mcp:read", "mcp:write")),
              {SCOPE_SUPPORTED: scope_supported}, C),
    _scenario(SU, "tools/call needs mcp:write: a token for the challenge's mcp:basic gets 403 insufficient_scope",
              AuthScript(step_up_scope="mcp:write"), {STEP_UP: step_up}, C),
    _scenario(RF, "access tokens live one second; the first tools/list answer outlasts the first token",
              AuthScript(token_lifetime=1.0), {REFRESH: refresh}, B,
              pages=((ADD_NUMBERS,), (trigger_tool("second_page_tool", "listed on the second page"),))),
    _scenario(NP, "the authorization server metadata has no code_challenge_methods_supported",
              AuthScript(pkce_advertised=False), {PKCE_VERIFIED: pkce_verified}, C),
    _scenario(SM, "/authorize redirects back with another state than the client sent",
              AuthScript(state_mismatch=True), {STATE_CHECKED: state_checked}, B),
    _scenario(CI, "the authorization server supports Client ID Metadata Documents (and dynamic registration)",
              AuthScript(cimd=True), {CIMD: cimd}, C),
    _scenario(IM, f"the authorization server metadata names issuer {FOREIGN_ISSUER}, not the issuer it was fetched for",
              AuthScript(metadata_issuer=FOREIGN_ISSUER), {ISSUER: issuer_validated}, B),
    _scenario(RM, f"the protected resource metadata names the resource {FOREIGN_RESOURCE}",
              AuthScript(prm_resource=FOREIGN_RESOURCE), {RESOURCE_MISMATCH: resource_mismatch}, B),
    _scenario(M, "2025-03-26: no protected resource metadata; the MCP server's origin is the authorization server",
              AuthScript(prm_at=None, challenge_metadata=False, challenge_scope=None), {MARCH_METADATA: march_metadata}, MARCH),
    _scenario(MF, "2025-03-26: no metadata anywhere; the MCP server's origin serves /authorize, /token, /register",
              AuthScript(prm_at=None, challenge_metadata=False, challenge_scope=None, metadata_served=False),
              {MARCH_FALLBACK: march_fallback}, MARCH),
]
