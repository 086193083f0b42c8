"""Authorization discovery (AUTH-*): the 401 challenge, protected resource metadata, authorization server metadata.

What a client needs before it holds a token, judged without one: the challenge of the
unauthenticated request (RFC 9110 §11.6.1, RFC 6750 §3, RFC 9728 §5.1), the protected resource
metadata at the advertised URL and the well-known URIs (RFC 9728 §3), its `resource` and
`authorization_servers`, and each authorization server's metadata (RFC 8414, OpenID Connect
Discovery) with its `issuer`, PKCE S256 and registration options (RFC 7591, Client ID Metadata
Documents). Each revision is judged by its own page: 2025-03-26 located the authorization server
at the MCP server's origin (AUTH-005); 2025-06-18 made the challenge's `resource_metadata` a MUST
and RFC 8414 metadata a MUST; 2025-11-25 accepts either the challenge or a well-known URI, either
RFC 8414 or OIDC discovery, and makes PKCE advertisement what clients MUST check. The scenario runs
once per judged revision in the runner's `authorization` phase (no MCP session: raw HTTP only),
sharing one memo, so each document is fetched once.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from validator.conformance.observe import authmeta
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check, Scenario

A = f"{S25}/basic/authorization"
A25A = "https://modelcontextprotocol.io/specification/2025-03-26/basic/authorization"
SC = "auth-discovery"
FROM_25A, FROM_25B, FROM_25C = revisions("25a+"), revisions("25b+"), revisions("25c+")
EITHER_FROM = "2025-11-25"
"""From 2025-11-25 the challenge or a well-known URI suffices, and OIDC discovery counts."""

UNAUTHENTICATED_401 = Check("auth-unauthenticated-401", SC, "AUTH-003", "MUST", FROM_25A, f"{A}#error-handling",
                            "a request without a token is answered 401 Unauthorized (not 403, not 200)")
CHALLENGE = Check("auth-www-authenticate-bearer", SC, "AUTH-002", "MUST", FROM_25A,
                  f"{A}#protected-resource-metadata-discovery-requirements",
                  "the 401 carries a WWW-Authenticate Bearer challenge (RFC 9110 §15.5.2, RFC 6750 §3)")
RESOURCE_METADATA = Check("auth-resource-metadata-discoverable", SC, "AUTH-002", "MUST", FROM_25B,
                          f"{A}#protected-resource-metadata-discovery-requirements",
                          "the challenge names resource_metadata (2025-06-18), or a well-known URI serves it (2025-11-25+)")
CHALLENGE_SCOPE = Check("auth-challenge-scope", SC, "AUTH-002", "SHOULD", FROM_25C,
                        f"{A}#protected-resource-metadata-discovery-requirements",
                        "the 401 challenge carries a scope parameter (RFC 6750 §3)")
PRM_SERVED = Check("auth-prm-served", SC, "AUTH-001", "MUST", FROM_25B, f"{A}#authorization-server-location",
                   "protected resource metadata (RFC 9728) is served as a JSON object where the client looks first")
PRM_RESOURCE = Check("auth-prm-resource-matches", SC, "AUTH-001", "MUST", FROM_25B, f"{A}#canonical-server-uri",
                     "the metadata's resource identifies the server URL (RFC 9728 §3.3, RFC 8707 §2)")
PRM_SERVERS = Check("auth-prm-authorization-servers", SC, "AUTH-001", "MUST", FROM_25B, f"{A}#authorization-server-location",
                    "authorization_servers lists at least one issuer identifier")
AS_METADATA = Check("auth-as-metadata", SC, "AUTH-001", "MUST", FROM_25B, f"{A}#authorization-server-metadata-discovery",
                    "an authorization server publishes its metadata (RFC 8414; OIDC discovery too from 2025-11-25)")
AS_ISSUER = Check("auth-as-issuer-matches", SC, "AUTH-001", "MUST", FROM_25B, f"{A}#authorization-server-metadata-discovery",
                  "the metadata's issuer is identical to the issuer it was looked up for (RFC 8414 §3.3)")
AS_PKCE = Check("auth-as-pkce-s256", SC, "AUTH-001", "MUST", FROM_25A, f"{A}#authorization-code-protection",
                "code_challenge_methods_supported includes S256 (clients MUST refuse without it from 2025-11-25)")
AS_REGISTRATION = Check("auth-as-registration", SC, "AUTH-001", "SHOULD", FROM_25A, f"{A}#client-registration-approaches",
                        "the authorization server offers registration: Client ID Metadata Documents (2025-11-25+) "
                        "or Dynamic Client Registration (2025-03-26, 2025-06-18)")
ORIGIN_METADATA = Check("auth-2025-03-26-metadata", SC, "AUTH-005", "SHOULD", revisions("25a"),
                        f"{A25A}#server-metadata-discovery",
                        "authorization server metadata at the authorization base URL (the server's origin)")


# ---- the observation (once per run) --------------------------------------------------------------
@dataclass
class Discovery:
    url: str
    status: int
    challenge: authmeta.Challenge | None
    raw_challenge: str | None
    advertised: authmeta.Fetched | None = None
    well_known: list[tuple[str, authmeta.Fetched]] = field(default_factory=list)
    servers: dict[str, list[tuple[str, authmeta.Fetched]]] = field(default_factory=dict)
    """issuer → the (kind, fetch) attempts in MCP's order, up to the first document found."""

    @property
    def used(self) -> tuple[str, authmeta.Fetched] | None:
        """The PRM document a client uses: the advertised one, else the first well-known one served."""
        if self.advertised is not None and self.advertised.ok:
            return "the challenge's resource_metadata URL", self.advertised
        return next(((f"the {label}", f) for label, f in self.well_known if f.ok), None)

    @property
    def speaks_oauth(self) -> bool:
        """A Bearer challenge, or protected resource metadata somewhere: the server means MCP authorization."""
        return self.challenge is not None or (self.advertised is not None and self.advertised.ok) or any(
            f.ok for _label, f in self.well_known)

    @property
    def issuers(self) -> list[str]:
        used = self.used
        listed = used[1].document.get("authorization_servers") if used and used[1].document else None
        return [s for s in listed if authmeta.is_issuer(s)][:authmeta.MAX_SERVERS] if isinstance(listed, list) else []


async def discovery(ctx) -> Discovery:
    async def observe() -> Discovery:
        protection = ctx.state.protection
        challenge = authmeta.bearer(protection.challenge)
        found = Discovery(protection.url, protection.status, challenge, protection.challenge)
        wait = dict(timeout=ctx.timeout, budget=ctx.budget)
        advertised = (challenge.params.get("resource_metadata") if challenge else None)
        if advertised:
            found.advertised = await authmeta.fetch_document(advertised, **wait)
        for label, url in authmeta.prm_urls(protection.url):
            found.well_known.append((label, await authmeta.fetch_document(url, **wait)))
        for issuer in found.issuers:
            attempts = found.servers[issuer] = []
            for kind, url in authmeta.as_metadata_urls(issuer):
                fetched = await authmeta.fetch_document(url, **wait)
                attempts.append((kind, fetched))
                if fetched.ok:
                    break
        return found

    return await ctx.memo("auth-discovery", observe)


def _where(fetched: authmeta.Fetched) -> str:
    return f"{fetched.url}: {fetched.problem}" if fetched.problem else fetched.url


# ---- judging ------------------------------------------------------------------------------------
async def run_discovery(ctx) -> None:
    found = await discovery(ctx)
    revision = ctx.revision or EITHER_FROM
    ctx.verdict(UNAUTHENTICATED_401, found.status == 401, "HTTP 401 without a token",
                f"HTTP {found.status} without a token: clients start authorization only on a 401")
    origin = await _origin_metadata(ctx, found) if revision == "2025-03-26" else None
    if not found.speaks_oauth and not (origin is not None and origin.ok):
        _not_oauth(ctx, found)
        return
    ctx.verdict(CHALLENGE, found.challenge is not None, f"WWW-Authenticate: {(found.raw_challenge or '')[:200]}",
                f"no Bearer challenge in WWW-Authenticate ({(found.raw_challenge or 'absent')[:200]})")
    if origin is not None:
        _judge_2025_03_26(ctx, found, origin)
        return
    _judge_prm(ctx, found, revision)
    if CHALLENGE_SCOPE.applies(revision, ctx.transport) and found.challenge is not None:
        scope = found.challenge.params.get("scope")
        ctx.verdict(CHALLENGE_SCOPE, bool(scope), f"scope={scope!r}", "the challenge has no scope parameter: clients "
                    "fall back to scopes_supported or to none")
    elif CHALLENGE_SCOPE.applies(revision, ctx.transport):
        ctx.skipped(CHALLENGE_SCOPE, "no Bearer challenge to read")
    _judge_servers(ctx, found, revision)


def _not_oauth(ctx, found: Discovery) -> None:
    """No Bearer challenge and no metadata anywhere: the server uses another scheme (an API key, Basic).
    MCP authorization is optional (HTTP implementations SHOULD conform), so its MUSTs are not applied;
    a 401 without any challenge still breaks HTTP (RFC 9110 §11.6.1: MUST send WWW-Authenticate)."""
    if not found.raw_challenge:
        ctx.violated(CHALLENGE, "the 401 has no WWW-Authenticate header (RFC 9110 §15.5.2 requires one), and no "
                     "protected resource metadata is published: MCP clients cannot discover how to authorize")
    else:
        ctx.violated(CHALLENGE, f"the 401 challenges with {found.raw_challenge[:120]!r}, not OAuth Bearer, and no "
                     "protected resource metadata is published: the server does not follow MCP authorization "
                     "(a SHOULD for HTTP servers), so MCP clients cannot authorize by themselves", level="SHOULD")
    why = "the server shows no OAuth (no Bearer challenge, no protected resource metadata): MCP authorization is not judged"
    for check in ctx.scenario.checks:
        if check.id not in ctx.reported and check.applies(ctx.revision, ctx.transport):
            ctx.skipped(check, why)


def _judge_prm(ctx, found: Discovery, revision: str) -> None:
    either = revision >= EITHER_FROM
    served = [(label, f) for label, f in found.well_known if f.ok]
    advertised = found.challenge.params.get("resource_metadata") if found.challenge else None
    if advertised:
        ctx.passed(RESOURCE_METADATA, f"resource_metadata={advertised!r}")
    elif either and served:
        ctx.passed(RESOURCE_METADATA, f"no resource_metadata in the challenge; the {served[0][0]} serves the "
                   f"metadata ({served[0][1].url}), which suffices from 2025-11-25")
    elif either:
        ctx.violated(RESOURCE_METADATA, "neither the challenge's resource_metadata nor a well-known URI ("
                     + "; ".join(_where(f) for _label, f in found.well_known) + ") locates the metadata")
    else:
        ctx.violated(RESOURCE_METADATA, f"the 401 challenge has no resource_metadata parameter ({revision} requires it"
                     + (f"; the {served[0][0]} serves the metadata, which 2025-11-25 accepts instead)" if served else ")"))
    used = found.used
    if found.advertised is not None and not found.advertised.ok:
        ctx.violated(PRM_SERVED, f"the advertised resource_metadata URL is not protected resource metadata: "
                     f"{_where(found.advertised)}")
    elif used is None:
        ctx.violated(PRM_SERVED, "no protected resource metadata: " + "; ".join(
            _where(f) for f in ([found.advertised] if found.advertised else []) + [f for _l, f in found.well_known]))
    else:
        ctx.passed(PRM_SERVED, f"served at {used[0]} ({used[1].url})")
    if used is None:
        for check in (PRM_RESOURCE, PRM_SERVERS):
            ctx.skipped(check, "no protected resource metadata to read")
        return
    document = used[1].document or {}
    ok, why = authmeta.resource_matches(document.get("resource"), found.url)
    ctx.verdict(PRM_RESOURCE, ok, why, why + ": clients MUST NOT use this metadata (RFC 9728 §3.3)")
    servers = document.get("authorization_servers")
    good = [s for s in servers if authmeta.is_issuer(s)] if isinstance(servers, list) else []
    if not isinstance(servers, list) or not servers:
        ctx.violated(PRM_SERVERS, f"authorization_servers is {'absent' if servers is None else repr(servers)[:120]}: "
                     "the metadata MUST list at least one authorization server")
    elif len(good) != len(servers):
        bad = [s for s in servers if s not in good]
        ctx.violated(PRM_SERVERS, f"not issuer identifiers (absolute URLs without query or fragment): {bad[:3]!r}"[:300])
    else:
        ctx.passed(PRM_SERVERS, f"{len(good)} authorization server(s): {', '.join(good[:3])}")


def _judge_servers(ctx, found: Discovery, revision: str) -> None:
    if not found.servers:
        for check in (AS_METADATA, AS_ISSUER, AS_PKCE, AS_REGISTRATION):
            ctx.skipped(check, "no authorization server to look up (see auth-prm-served, auth-prm-authorization-servers)")
        return
    oidc_counts = revision >= EITHER_FROM
    documents: list[tuple[str, str, authmeta.Fetched]] = []
    missing: list[str] = []
    for issuer, attempts in found.servers.items():
        hit = next(((kind, f) for kind, f in attempts if f.ok and (oidc_counts or kind == "RFC 8414")), None)
        if hit is None:
            tried = "; ".join(f"{kind} {_where(f)}" for kind, f in attempts)
            oidc_only = any(f.ok for _k, f in attempts)
            missing.append(f"{issuer} ({'OpenID Connect Discovery only, and ' + revision + ' requires RFC 8414 metadata' if oidc_only else tried})")
        else:
            documents.append((issuer, hit[0], hit[1]))
    if not documents:
        ctx.violated(AS_METADATA, "no authorization server metadata: " + "; ".join(missing)[:600])
        for check in (AS_ISSUER, AS_PKCE, AS_REGISTRATION):
            ctx.skipped(check, "no authorization server metadata to read")
        return
    if missing:
        ctx.warned(AS_METADATA, "some listed authorization servers publish no metadata: " + "; ".join(missing)[:600])
    else:
        ctx.passed(AS_METADATA, "; ".join(f"{issuer}: {kind} at {f.url}" for issuer, kind, f in documents))
    wrong = [f"{f.url} says issuer {f.document.get('issuer')!r}, looked up for {issuer!r}"
             for issuer, _kind, f in documents if (f.document or {}).get("issuer") != issuer]
    ctx.verdict(AS_ISSUER, not wrong, "issuer identical to the identifier looked up",
                "; ".join(wrong)[:600] + ": clients MUST NOT use this metadata")
    _judge_pkce(ctx, documents, revision)
    _judge_registration(ctx, documents, revision)


def _judge_pkce(ctx, documents, revision: str) -> None:
    lacking = []
    for issuer, _kind, fetched in documents:
        methods = (fetched.document or {}).get("code_challenge_methods_supported")
        if not (isinstance(methods, list) and "S256" in methods):
            lacking.append(f"{issuer}: code_challenge_methods_supported is {methods!r}"[:200])
    # 2025-11-25: "If code_challenge_methods_supported is absent ... MCP clients MUST refuse to proceed";
    # before, OAuth 2.1 required PKCE but clients had no rule on the advertisement (derived)
    level = "MUST" if revision >= EITHER_FROM else "derived"
    ctx.verdict(AS_PKCE, not lacking, "S256 advertised", "; ".join(lacking) + " (no S256: clients refuse to proceed)",
                level=level)


def _judge_registration(ctx, documents, revision: str) -> None:
    offers = []
    for issuer, _kind, fetched in documents:
        doc = fetched.document or {}
        cimd = doc.get("client_id_metadata_document_supported") is True
        dcr = isinstance(doc.get("registration_endpoint"), str) and bool(doc.get("registration_endpoint"))
        offers.append((issuer, cimd, dcr))
    what = "; ".join(f"{issuer}: " + (", ".join(n for n, on in (("client ID metadata documents", c), ("dynamic registration", d))
                                                 if on) or "neither") for issuer, c, d in offers)
    if revision >= EITHER_FROM:
        ok = any(c for _i, c, _d in offers)
        ctx.verdict(AS_REGISTRATION, ok, what, f"{what}: client_id_metadata_document_supported is not true (SHOULD "
                    "from 2025-11-25)" + ("" if any(d for *_x, d in offers) else "; without dynamic registration "
                                          "either, only pre-registered clients can connect"))
    else:
        ok = any(d for *_x, d in offers)
        ctx.verdict(AS_REGISTRATION, ok, what, f"{what}: no registration_endpoint (dynamic client registration is a "
                    f"SHOULD in {revision}); only pre-registered clients can connect")


async def _origin_metadata(ctx, found: Discovery) -> authmeta.Fetched:
    """2025-03-26: RFC 8414 metadata at the authorization base URL (the server URL without its path)."""
    parts = urlsplit(found.url)
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))

    async def fetch() -> authmeta.Fetched:
        return await authmeta.fetch_document(base + authmeta.OAUTH_SUFFIX, timeout=ctx.timeout, budget=ctx.budget)

    return await ctx.memo("auth-origin-metadata", fetch)


def _judge_2025_03_26(ctx, found: Discovery, fetched: authmeta.Fetched) -> None:
    """2025-03-26: the authorization base URL's RFC 8414 metadata is a SHOULD; without it clients use
    /authorize, /token, /register there (AUTH-005)."""
    parts = urlsplit(found.url)
    base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    if not fetched.ok:
        later = " (the server follows the later protected resource metadata scheme instead)" if found.used else ""
        ctx.violated(ORIGIN_METADATA, f"no metadata at {_where(fetched)}: 2025-03-26 clients then use the default "
                     f"endpoints {base}/authorize, /token and /register{later}")
        for check in (AS_PKCE, AS_REGISTRATION):
            ctx.skipped(check, "no authorization server metadata at the authorization base URL")
        return
    ctx.passed(ORIGIN_METADATA, f"metadata at {fetched.url}")
    documents = [(base, "RFC 8414", fetched)]
    _judge_pkce(ctx, documents, "2025-03-26")
    _judge_registration(ctx, documents, "2025-03-26")


SCENARIOS = [
    Scenario(SC, "authorization discovery without a token: challenge, protected resource metadata, authorization "
             "server metadata", (UNAUTHENTICATED_401, CHALLENGE, RESOURCE_METADATA, CHALLENGE_SCOPE, PRM_SERVED,
                                 PRM_RESOURCE, PRM_SERVERS, AS_METADATA, AS_ISSUER, AS_PKCE, AS_REGISTRATION,
                                 ORIGIN_METADATA),
             run_discovery, phase="authorization", transports=("streamable-http", "sse"), revisions=FROM_25A),
]
