"""What the protected scenarios' judges read: the client's OAuth traffic, as the scripted resource and
authorization server recorded it (`authserver.AuthWorld`), and the expected discovery orders.

Owns `OAuthView`: the MCP endpoint's requests, the metadata fetches in order, the authorization,
token and registration requests, the tokens issued, and `attempted` (did the client do anything
about the 401 at all: a client without OAuth support is skipped, not failed, since authorization
is OPTIONAL for MCP implementations). Detail strings never carry a token, code, verifier or secret.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protocol-requirements
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from validator.conformance.clientside.authserver import CUSTOM_PRM_PATH, MCP_PATH, METADATA_KINDS
from validator.conformance.clientside.model import AuthScript
from validator.conformance.protocol.oauth import OAUTH_SUFFIX, OIDC_SUFFIX, PRM_SUFFIX, as_metadata_urls

NO_OAUTH = ("the client did not act on the 401 challenge (no metadata, registration or authorization request): "
            "it does not support OAuth, which is optional for MCP clients")


def _is_as_metadata(path: str) -> bool:
    return OAUTH_SUFFIX in path or OIDC_SUFFIX in path


class OAuthView:
    def __init__(self, traffic, auth: AuthScript) -> None:
        self.traffic = traffic
        self.auth = auth
        self.events = traffic.oauth()
        self.mcp = [e for e in self.events if e["server"] == "resource" and e["path"] == MCP_PATH]
        self.other = [e for e in self.events if e not in self.mcp]

    # ---- the client's side of things --------------------------------------------------------------
    @property
    def attempted(self) -> bool:
        """Did the client act on the 401 as OAuth: a metadata fetch, or a request to the authorization
        server's endpoints? (Other stray requests, say a legacy-SSE probe of another path, are not OAuth.)"""
        endpoints = tuple(self.auth.issuer_path + name for name in ("/authorize", "/token", "/register"))
        return any(e["server"] == "as" or e["path"].startswith("/.well-known/") or e["path"] == CUSTOM_PRM_PATH
                   or e["path"] in endpoints for e in self.other)

    @property
    def server_url(self) -> str:
        """The MCP endpoint's URL, as the client addressed it (its Host header)."""
        host = next((e["headers"].get("host") for e in self.mcp if e["headers"].get("host")), "127.0.0.1")
        return f"http://{host}{MCP_PATH}"

    def as_server(self) -> str:
        """Which recorded server plays the authorization server (the resource's origin in the 2025-03-26 layout)."""
        return "resource" if self.auth.prm_at is None else "as"

    def prm_fetches(self) -> list[str]:
        return [e["path"] for e in self.events if e["server"] == "resource" and e["verb"] == "GET"
                and (e["path"].startswith(PRM_SUFFIX) or e["path"] == CUSTOM_PRM_PATH)]

    def prm_found(self) -> bool:
        return any(e["status"] == 200 for e in self.events if e["server"] == "resource" and e["verb"] == "GET"
                   and e["path"] in (PRM_SUFFIX + MCP_PATH, PRM_SUFFIX, CUSTOM_PRM_PATH))

    def as_metadata_fetches(self) -> list[dict]:
        return [e for e in self.events if e["server"] == self.as_server() and e["verb"] == "GET" and _is_as_metadata(e["path"])]

    def endpoint(self, name: str, verb: str) -> list[dict]:
        return [e for e in self.events if e["server"] == self.as_server() and e["verb"] == verb
                and e["path"] == self.auth.issuer_path + name]

    @property
    def authorizations(self) -> list[dict]:
        return self.endpoint("/authorize", "GET")

    @property
    def token_requests(self) -> list[dict]:
        return self.endpoint("/token", "POST")

    @property
    def registrations(self) -> list[dict]:
        return self.endpoint("/register", "POST")

    def issued(self, kind: str = "access_token") -> list[tuple[float, str]]:
        """(time, value) of every token of KIND the authorization server issued."""
        return [(e["t"], e["issued"][kind]) for e in self.token_requests if kind in (e.get("issued") or {})]

    def access_tokens(self) -> set[str]:
        return {value for _t, value in self.issued()}

    @staticmethod
    def redirect(authorization: dict) -> dict:
        """The parameters /authorize sent back to the client's redirect_uri."""
        location = authorization.get("location") or ""
        return dict(parse_qsl(urlsplit(location).query))

    def exchange_of(self, authorization: dict) -> dict | None:
        """The authorization_code token request that redeemed AUTHORIZATION's code."""
        code = self.redirect(authorization).get("code")
        return next((e for e in self.token_requests if (e.get("form") or {}).get("grant_type") == "authorization_code"
                     and code and (e.get("form") or {}).get("code") == code), None)

    @staticmethod
    def bearer(event: dict) -> str:
        scheme, _, token = (event["headers"].get("authorization") or "").partition(" ")
        return token.strip() if scheme.lower() == "bearer" else ""

    # ---- what the spec expects --------------------------------------------------------------------
    def expected_prm_order(self) -> list[str]:
        """The PRM paths in the order MCP prescribes for this script: the challenge's URL when it
        names one, else path-specific then root (2025-11-25 §protected-resource-metadata-discovery-requirements)."""
        path, root = PRM_SUFFIX + MCP_PATH, PRM_SUFFIX
        advertised = {"path": path, "root": root, "custom": CUSTOM_PRM_PATH}.get(self.auth.prm_at or "")
        if self.auth.challenge_metadata and advertised:
            return [advertised]
        return [path, root]

    def expected_as_metadata_order(self, *, oidc: bool) -> list[str]:
        """The metadata paths in MCP's priority order for the issuer (RFC 8414, then OIDC when the revision knows it)."""
        issuer = "http://authorization.invalid" + self.auth.issuer_path
        return [urlsplit(url).path for _kind, url in as_metadata_urls(issuer, oidc=oidc)]

    def served_as_metadata(self) -> str:
        urls = self.expected_as_metadata_order(oidc=True)
        return urls[METADATA_KINDS.index(self.auth.metadata)]


def scopes(value) -> set[str]:
    return set(value.split()) if isinstance(value, str) else set()


def shown(value, limit: int = 60) -> str:
    """A parameter value safe for a report (never called on a token, code, verifier or secret)."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")
