"""Obtaining an access token with the authorization-code grant and PKCE, as an unattended MCP client would.

Owns the flow `--oauth-flow authorization-code` runs against an authorization server that approves
without a person: discovery as `authflow` does it; PKCE S256 required in the metadata (2025-11-25:
clients MUST refuse to proceed without it); the client (the `--oauth-client-id` given, else the
client ID metadata document URL when the server supports them, else Dynamic Client Registration,
RFC 7591); a loopback redirect listener (RFC 8252 §7.3) on 127.0.0.1; the authorization request
opened with plain HTTP GETs (no browser) following redirects up to the listener, with `state`
checked; the code exchanged with its `code_verifier` and the RFC 8707 `resource`. Two more rounds
observe the authorization server for the `auth-authorization-code` checks: a code redeemed with a
wrong verifier (PKCE enforcement) and a token asked for another resource (audience, judged at the
MCP server). Every request is bounded, the listener is closed at the end, and no message holds a
secret, a code or a token (those go to `Observation.secrets` for redaction).
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-flow-steps
https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-4.1
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

from validator.conformance.observe import authflow
from validator.conformance.observe.authflow import TokenError
from validator.conformance.transport.http11 import Client, HttpError

MAX_HOPS = 10
"""Redirects followed from the authorization endpoint to the listener."""
PAGE_LIMIT = 256 * 1024
FOREIGN_RESOURCE = "https://agentconform.invalid/mcp"
"""The resource of the audience probe: a name no server can own (RFC 6761 .invalid)."""
_COOKIE_SPLIT = re.compile(r",\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+=)")


@dataclass(frozen=True)
class CodeFlowSettings:
    client_id: str | None = None
    client_secret: str | None = None
    client_metadata_url: str | None = None
    """An https URL used as client_id (Client ID Metadata Documents) when the server supports them."""
    scope: str | None = None
    redirect_uri: str | None = None
    """Loopback redirect URI to listen on (default http://127.0.0.1:<free port>/callback)."""


@dataclass
class Observation:
    """What the flow saw of the authorization server (read by areas/auth_code.py); never a secret."""

    client: str = ""
    """How the client was identified: "the client id given", "client ID metadata document", "dynamic registration"."""
    registration: tuple[int, str] | None = None
    """(HTTP status, what came back) of the RFC 7591 registration request, when one was made."""
    state: str | None = None
    """None: not observed; "ok"; else what was wrong with the state of the authorization response."""
    pkce: tuple[int, str] | None = None
    """(HTTP status, error or "access_token issued") for a code redeemed with a wrong code_verifier."""
    foreign_token: str | None = None
    """A token the authorization server issued for FOREIGN_RESOURCE (redacted like every secret)."""
    foreign: str = ""
    """What the request for a FOREIGN_RESOURCE token gave, when no token (for a skip message)."""
    person: str | None = None
    """Set when the authorization server asked for a person instead of redirecting."""
    stopped: str | None = None
    """Why the flow ended without a token (None when it got one)."""
    resource: str | None = None
    """The RFC 8707 resource the flow asked for (the protected resource metadata's, else the server URL)."""
    token_audience: object = None
    """The `aud` claim of the token obtained when it is a JWT (None: opaque or no claim)."""
    secrets: list[str] = field(default_factory=list)


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge): RFC 7636 §4.1-4.2, 43 characters of unreserved base64url."""
    verifier = secrets.token_urlsafe(48)[:64]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


# ---- the loopback listener ------------------------------------------------------------------------
class Loopback:
    """One HTTP/1.1 endpoint on a loopback address that records the query of each request to its path."""

    def __init__(self, redirect_uri: str | None) -> None:
        parts = urlsplit(redirect_uri or "http://127.0.0.1:0/callback")
        if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise TokenError(f"the redirect URI {redirect_uri!r} is not an http loopback URI (127.0.0.1, localhost, [::1])")
        self.hostname = parts.hostname
        self.host = "::1" if parts.hostname == "::1" else "127.0.0.1"
        self.shown = parts.netloc.rsplit(":", 1)[0] if parts.port is not None else parts.netloc
        self.port, self.path = parts.port or 0, parts.path or "/"
        self.received: list[dict[str, str]] = []
        self._server: asyncio.Server | None = None

    @property
    def redirect_uri(self) -> str:
        return f"http://{self.shown}:{self.port}{self.path}"

    def owns(self, url: str) -> bool:
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError:
            return False
        return (parts.scheme == "http" and parts.hostname == self.hostname and port == self.port
                and (parts.path or "/") == self.path)

    async def __aenter__(self) -> Loopback:
        try:
            self._server = await asyncio.start_server(self._handle, self.host, self.port)
        except OSError as err:
            raise TokenError(f"cannot listen on {self.host}:{self.port} for the redirect: {err.strerror or err}") from None
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(5):
                line = (await reader.readline()).decode("latin-1")
                for _ in range(100):  # the header block, bounded
                    if (await reader.readline()) in (b"\r\n", b"\n", b""):
                        break
            _method, target, *_ = line.split(" ") + ["", ""]
            parts = urlsplit(target)
            if parts.path == self.path:
                self.received.append({k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()})
                body, status = b"agentconform: authorization response received; this page can be closed.\n", "200 OK"
            else:
                body, status = b"not found\n", "404 Not Found"
            writer.write(f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
                         "Connection: close\r\n\r\n".encode() + body)
            await writer.drain()
        except (TimeoutError, OSError, ValueError):
            pass
        finally:
            writer.close()


# ---- HTTP helpers -----------------------------------------------------------------------------------
async def _request(client: Client, method: str, url: str, timeout: float, budget, **kw):
    wait = budget.bound(timeout)
    if wait <= 0:
        raise TokenError("the run's budget was exhausted during the authorization-code flow")
    try:
        async with asyncio.timeout(wait):
            return await client.request(method, url, limit=PAGE_LIMIT, **kw)
    except (TimeoutError, HttpError, ValueError) as err:
        where = urlunsplit(urlsplit(url)[:3] + ("", ""))
        raise TokenError(f"{where} did not answer ({type(err).__name__})") from None


def _json(response) -> dict | None:
    try:
        value = json.loads(response.content)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _http_url(value) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


# ---- the flow -------------------------------------------------------------------------------------
@dataclass
class _Client:
    client_id: str
    secret: str | None
    auth_method: str | None


async def _client(settings: CodeFlowSettings, metadata: dict, redirect_uri: str, seen: Observation,
                  http: Client, timeout: float, budget) -> _Client:
    """The client id: given; else a client ID metadata document URL the server accepts; else DCR."""
    if settings.client_id:
        seen.client = "the client id given"
        return _Client(settings.client_id, settings.client_secret, None)
    if settings.client_metadata_url and metadata.get("client_id_metadata_document_supported") is True:
        seen.client = "client ID metadata document"
        return _Client(settings.client_metadata_url, None, "none")
    endpoint = metadata.get("registration_endpoint")
    if not _http_url(endpoint):
        raise TokenError("no client id given and the authorization server offers no registration_endpoint"
                         + (" nor client ID metadata documents" if settings.client_metadata_url else "")
                         + ": give --oauth-client-id (of a client registered with this redirect URI)")
    seen.client = "dynamic registration"
    from validator.version import __version__

    body = {"client_name": "agentconform", "software_version": __version__, "redirect_uris": [redirect_uri],
            "grant_types": ["authorization_code"], "response_types": ["code"], "token_endpoint_auth_method": "none"}
    response = await _request(http, "POST", endpoint, timeout, budget, content=json.dumps(body).encode(),
                              headers={"Content-Type": "application/json", "Accept": "application/json"})
    answer = _json(response)
    client_id = answer.get("client_id") if answer else None
    if not (200 <= response.status_code < 300 and isinstance(client_id, str) and client_id):
        error = answer.get("error") if answer else None
        seen.registration = (response.status_code, f"error={str(error)[:80]!r}" if error else "no client_id")
        raise TokenError(f"dynamic client registration at {endpoint} answered HTTP {response.status_code}"
                         + (f" error={str(error)[:80]!r}" if error else " without a client_id"))
    seen.registration = (response.status_code, "a client_id")
    secret = answer.get("client_secret") if isinstance(answer.get("client_secret"), str) else None
    if secret:
        seen.secrets.append(secret)
    method = answer.get("token_endpoint_auth_method")
    return _Client(client_id, secret, method if isinstance(method, str) else None)


async def _authorize(http: Client, listener: Loopback, url: str, seen: Observation, timeout: float, budget) -> dict:
    """GET the authorization URL and follow redirects (cookies kept per host) up to the listener."""
    jar: dict[str, dict[str, str]] = {}
    for _hop in range(MAX_HOPS):
        host = urlsplit(url).netloc.lower()
        if listener.owns(url):
            before = len(listener.received)
            await _request(http, "GET", url, timeout, budget)
            if len(listener.received) > before:
                return listener.received[-1]
            raise TokenError("the redirect reached the listener but was not recorded")
        cookies = "; ".join(f"{k}={v}" for k, v in jar.get(host, {}).items())
        response = await _request(http, "GET", url, timeout, budget,
                                  headers={"Accept": "text/html,application/json", **({"Cookie": cookies} if cookies else {})})
        # several Set-Cookie fields arrive joined with ", " (an Expires date holds one too)
        for cookie in _COOKIE_SPLIT.split(response.headers.get("set-cookie") or ""):
            key, sep, val = cookie.split(";", 1)[0].partition("=")
            if sep and key.strip():
                jar.setdefault(host, {})[key.strip()] = val.strip()
        location = response.headers.get("location")
        if response.status_code in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location.strip())
            if not _http_url(url):
                raise TokenError(f"the authorization server redirected to a non-http URL ({urlsplit(url).scheme}:)")
            continue
        where = urlunsplit(urlsplit(url)[:3] + ("", ""))
        answer = _json(response)
        if answer and answer.get("error"):
            raise TokenError(f"the authorization request was refused at {where}: HTTP {response.status_code} "
                             f"error={str(answer['error'])[:80]!r}")
        kind = (response.headers.get("content-type") or "no content type").split(";")[0]
        if response.status_code != 200:
            raise TokenError(f"the authorization request was refused at {where}: HTTP {response.status_code} ({kind})")
        seen.person = (f"the authorization server answered the authorization request with HTTP 200 ({kind}) at "
                       f"{where} instead of redirecting to the loopback redirect URI: it asks for a person (a login "
                       "or consent page), which an unattended run cannot give")
        raise TokenError(seen.person)
    raise TokenError(f"more than {MAX_HOPS} redirects from the authorization endpoint without reaching the redirect URI")


async def _round(http: Client, listener: Loopback, metadata: dict, client: _Client, *, resource: str, scope: str | None,
                 seen: Observation, timeout: float, budget, verifier_for_exchange: str | None = None):
    """One authorization request and its code exchange: (status, answer) of the token request.
    VERIFIER_FOR_EXCHANGE replaces the round's own verifier (the PKCE probe)."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    query = {"response_type": "code", "client_id": client.client_id, "redirect_uri": listener.redirect_uri,
             "code_challenge": challenge, "code_challenge_method": "S256", "state": state, "resource": resource,
             **({"scope": scope} if scope else {})}
    endpoint = metadata["authorization_endpoint"]
    url = endpoint + ("&" if urlsplit(endpoint).query else "?") + urlencode(query)
    answer = await _authorize(http, listener, url, seen, timeout, budget)
    if answer.get("error"):
        raise TokenError(f"the authorization server redirected with error={answer['error'][:80]!r}"
                         + (f" ({answer.get('error_description', '')[:120]})" if answer.get("error_description") else ""))
    if seen.state is None:
        got = answer.get("state")
        seen.state = "ok" if got == state else ("absent" if got is None else "different from the one sent")
    if answer.get("state") != state:
        # 2025-11-25: clients SHOULD verify state and discard results without it or with a mismatch
        raise TokenError(f"the authorization response's state is {seen.state}: a client verifying state discards it")
    code = answer.get("code")
    if not code:
        raise TokenError("the authorization response carries no code")
    seen.secrets.append(code)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": listener.redirect_uri,
            "code_verifier": verifier_for_exchange or verifier, "resource": resource}
    headers = authflow.client_authentication(form, metadata, client.client_id, client.secret, client.auth_method)
    return await authflow.token_request(metadata["token_endpoint"], form, headers, timeout=timeout, budget=budget)


async def authorization_code_token(url: str, challenge: str | None, settings: CodeFlowSettings, seen: Observation, *,
                                   timeout: float, budget) -> str:
    """An access token for the MCP server at URL, or TokenError; SEEN is filled as the flow goes."""
    try:
        return await _flow(url, challenge, settings, seen, timeout, budget)
    except TokenError as err:
        seen.stopped = str(err)
        raise


def jwt_claims(token: str) -> dict | None:
    """The payload of a JWT-shaped token (RFC 7519 §7.2, signature not verified: only read for a message)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


async def _flow(url: str, challenge: str | None, settings: CodeFlowSettings, seen: Observation, timeout: float,
                budget) -> str:
    prm, metadata = await authflow.discover(url, challenge, timeout, budget)
    for key in ("authorization_endpoint", "token_endpoint"):
        if not _http_url(metadata.get(key)):
            raise TokenError(f"the authorization server metadata has no {key}")
    methods = metadata.get("code_challenge_methods_supported")
    if not (isinstance(methods, list) and "S256" in methods):
        raise TokenError(f"the authorization server does not advertise PKCE S256 (code_challenge_methods_supported is "
                         f"{methods!r}): an MCP client MUST refuse to proceed")
    resource = seen.resource = prm.get("resource") if isinstance(prm.get("resource"), str) else url
    scope = authflow.pick_scope(settings.scope, challenge, prm)
    http = Client(timeout=max(budget.bound(timeout), 0.1), return_redirects=True)
    try:
        async with Loopback(settings.redirect_uri) as listener:
            client = await _client(settings, metadata, listener.redirect_uri, seen, http, timeout, budget)
            kw = dict(resource=resource, scope=scope, seen=seen, timeout=timeout, budget=budget)
            status, answer = await _round(http, listener, metadata, client, **kw)
            token = answer.get("access_token") if answer else None
            if status != 200 or not isinstance(token, str):
                raise TokenError(authflow.token_failure(metadata["token_endpoint"], status, answer))
            seen.secrets.append(token)
            seen.token_audience = (jwt_claims(token) or {}).get("aud")
            for extra in ("refresh_token", "id_token"):
                if isinstance(answer.get(extra), str):
                    seen.secrets.append(answer[extra])
            await _probes(http, listener, metadata, client, kw, seen)
            return token
    finally:
        await http.aclose()


async def _probes(http, listener, metadata, client, kw, seen: Observation) -> None:
    """The PKCE round (a wrong verifier) and the audience round (another resource); a failure of either
    is recorded, never fatal: the token is already in hand."""
    try:
        wrong, _challenge = pkce_pair()
        status, answer = await _round(http, listener, metadata, client, verifier_for_exchange=wrong, **kw)
        issued = isinstance((answer or {}).get("access_token"), str)
        if issued:
            seen.secrets.append(answer["access_token"])
        seen.pkce = (status, "access_token issued" if issued else str((answer or {}).get("error") or "no error"))
    except TokenError as err:
        seen.pkce = (0, str(err))
    try:
        status, answer = await _round(http, listener, metadata, client, **{**kw, "resource": FOREIGN_RESOURCE})
        token = (answer or {}).get("access_token")
        if status == 200 and isinstance(token, str):
            seen.secrets.append(token)
            seen.foreign_token = token
        else:
            seen.foreign = authflow.token_failure(metadata["token_endpoint"], status, answer)
    except TokenError as err:
        seen.foreign = str(err)
