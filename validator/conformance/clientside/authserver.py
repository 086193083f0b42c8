"""The scripted OAuth world of a protected client scenario: the protected MCP resource's gate and
a loopback authorization server that approves without a person.

Owns `AuthWorld`, played from the scenario's `AuthScript`:
- the resource side: RFC 9728 metadata at the advertised and well-known URIs, and a gate on the
  MCP endpoint answering 401 with `WWW-Authenticate: Bearer resource_metadata=..., scope=...`
  (RFC 6750 §3, RFC 9728 §5.1), 403 `insufficient_scope` for a tools/call that needs more scope,
  401 `invalid_token` for an unknown or expired token;
- the authorization server, on a port of its own (another origin), or on the resource's origin in
  the 2025-03-26 layout: RFC 8414 (or OpenID Connect Discovery) metadata, `/authorize` that redirects
  at once to the client's `redirect_uri` with `code` and `state`, `/token` for `authorization_code`
  (PKCE verified: S256, or plain when the client chose it), `refresh_token` (rotated) and
  `client_credentials`, and `/register` (RFC 7591).
Every HTTP exchange is recorded as an `oauth` event (who answered, verb, path, query, form, the
client's headers, the status and the tokens issued) for the judges in `scenarios/auth.py`; tokens
are test values minted per run, and judges never print them.
https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from validator.conformance.clientside.model import AuthScript
from validator.conformance.clientside.traffic import Recorder
from validator.conformance.protocol.oauth import PRM_SUFFIX, as_metadata_urls, s256

MCP_PATH = "/mcp"
CUSTOM_PRM_PATH = "/custom/resource-metadata.json"
MAX_BODY = 256 * 1024
CLIENT_SECRET_METHODS = ("client_secret_basic", "client_secret_post")
METADATA_KINDS = ("oauth", "oidc", "oidc-appended")
"""`AuthScript.metadata` values, in the order of `as_metadata_urls` for an issuer with a path."""


@dataclass
class Answer:
    status: int
    body: Any = None
    """A dict/list (sent as JSON) or None."""
    headers: dict = field(default_factory=dict)


class AuthWorld:
    def __init__(self, auth: AuthScript, recorder: Recorder) -> None:
        self.auth = auth
        self.recorder = recorder
        self.resource_origin = ""
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.refresh_tokens: dict[str, dict] = {}
        self.clients: dict[str, dict] = {}
        self.listed = False
        self.lock = threading.Lock()
        self.httpd: ThreadingHTTPServer | None = None
        if auth.prm_at is not None:  # an authorization server of its own, on another origin
            self.httpd = _Quiet(("127.0.0.1", 0), _as_handler(self))
            self.httpd.daemon_threads = True

    # ---- lifecycle ------------------------------------------------------------------------------
    def start(self, resource_origin: str) -> AuthWorld:
        self.resource_origin = resource_origin
        if self.httpd is not None:
            threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()

    # ---- addresses and documents ----------------------------------------------------------------
    @property
    def as_origin(self) -> str:
        if self.httpd is None:
            return self.resource_origin
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def issuer(self) -> str:
        return self.as_origin + self.auth.issuer_path

    @property
    def resource(self) -> str:
        return self.resource_origin + MCP_PATH

    def prm_url(self) -> str | None:
        where = self.auth.prm_at
        if where is None:
            return None
        path = {"path": PRM_SUFFIX + MCP_PATH, "root": PRM_SUFFIX, "custom": CUSTOM_PRM_PATH}[where]
        return self.resource_origin + path

    def as_metadata_url(self) -> str:
        urls = as_metadata_urls(self.issuer)
        return urls[METADATA_KINDS.index(self.auth.metadata)][1]

    def prm_document(self) -> dict:
        doc: dict = {"resource": self.auth.prm_resource or self.resource, "authorization_servers": [self.issuer], "bearer_methods_supported": ["header"]}
        if self.auth.scopes_supported is not None:
            doc["scopes_supported"] = list(self.auth.scopes_supported)
        return doc

    def as_metadata(self) -> dict:
        base = self.issuer
        doc: dict = {"issuer": self.auth.metadata_issuer or base, "authorization_endpoint": base + "/authorize", "token_endpoint": base + "/token",
                     "registration_endpoint": base + "/register", "response_types_supported": ["code"],
                     "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
                     "token_endpoint_auth_methods_supported": ["none", *CLIENT_SECRET_METHODS]}
        if self.auth.pkce_advertised:
            doc["code_challenge_methods_supported"] = ["S256"]
        if self.auth.cimd:
            doc["client_id_metadata_document_supported"] = True
        if self.auth.metadata.startswith("oidc"):
            doc.update(jwks_uri=base + "/jwks.json", subject_types_supported=["public"],
                       id_token_signing_alg_values_supported=["RS256"])
        return doc

    # ---- the resource side ----------------------------------------------------------------------
    def challenge(self, error: str | None = None, scope: str | None = None) -> str:
        params = []
        if error:
            params.append(f'error="{error}"')
        metadata = self.prm_url()
        if metadata and self.auth.challenge_metadata:
            params.append(f'resource_metadata="{metadata}"')
        scope = scope or self.auth.challenge_scope
        if scope:
            params.append(f'scope="{scope}"')
        return "Bearer" + (" " + ", ".join(params) if params else "")

    def gate(self, verb: str, path: str, headers: dict, message: Any) -> Answer | None:
        """The MCP endpoint's authorization: None lets the request through, else the refusal."""
        query = dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
        scheme, _, token = (headers.get("authorization") or "").partition(" ")
        token = token.strip() if scheme.lower() == "bearer" else ""
        method = message.get("method") if isinstance(message, dict) else None
        grant = self._valid(token)
        answer: Answer | None = None
        if grant is None:
            error = "invalid_token" if token else None
            answer = Answer(401, {"error": error or "unauthorized"}, {"WWW-Authenticate": self.challenge(error)})
        elif self.auth.step_up_scope and method == "tools/call" and self.auth.step_up_scope not in grant["scopes"]:
            needed = " ".join(dict.fromkeys([*(self.auth.challenge_scope or "").split(), self.auth.step_up_scope]))
            answer = Answer(403, {"error": "insufficient_scope"},
                            {"WWW-Authenticate": self.challenge("insufficient_scope", needed)})
        self._record("resource", verb, path, query, None, headers, answer.status if answer else 200, rpc=method,
                     token_known=bool(token) and token in self.tokens)
        if answer is None and self.auth.token_lifetime and method == "tools/list" and not self.listed:
            self.listed = True
            time.sleep(self.auth.token_lifetime + 0.3)  # the next request meets an expired token
        return answer

    def serve(self, verb: str, path: str, headers: dict, body: bytes) -> Answer:
        """Any request to the resource's origin but the MCP endpoint: metadata, or (2025-03-26) the
        authorization server's endpoints."""
        route = urlsplit(path).path
        metadata = self.prm_url()
        if verb == "GET" and metadata and route == urlsplit(metadata).path:
            answer = Answer(200, self.prm_document())
        elif self.httpd is None:
            return self.authorize_server(verb, path, headers, body, "resource")
        else:
            answer = Answer(404, {"error": "not_found"})
        self._record("resource", verb, path, dict(parse_qsl(urlsplit(path).query)), None, headers, answer.status)
        return answer

    # ---- the authorization server ---------------------------------------------------------------
    def authorize_server(self, verb: str, path: str, headers: dict, body: bytes, who: str = "as") -> Answer:
        parts = urlsplit(path)
        route, query = parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))
        form = _form(headers, body)
        issued: dict = {}
        base = self.auth.issuer_path
        if verb == "GET" and route == urlsplit(self.as_metadata_url()).path and self.auth.metadata_served:
            answer = Answer(200, self.as_metadata())
        elif verb == "GET" and route == base + "/authorize":
            answer = self._authorize(query)
        elif verb == "POST" and route == base + "/token":
            answer = self._token(form, headers, issued)
        elif verb == "POST" and route == base + "/register":
            answer = self._register(form)
            if answer.status == 201:
                issued["client_id"] = answer.body["client_id"]
        else:
            answer = Answer(404, {"error": "not_found"})
        self._record(who, verb, path, query, form, headers, answer.status, issued=issued,
                     location=answer.headers.get("Location"))
        return answer

    def _authorize(self, query: dict) -> Answer:
        redirect = query.get("redirect_uri", "")
        client_id = query.get("client_id", "")
        if query.get("response_type") != "code" or not redirect.startswith(("http://", "https://")) or not client_id:
            return Answer(400, {"error": "invalid_request",
                                "error_description": "response_type=code, client_id and redirect_uri are required"})
        known = self.clients.get(client_id)
        if known is not None and redirect not in known.get("redirect_uris", []):
            return Answer(400, {"error": "invalid_request", "error_description": "redirect_uri was not registered"})
        code = "code-" + secrets.token_urlsafe(12)
        with self.lock:
            self.codes[code] = {"client_id": client_id, "redirect_uri": redirect, "scope": query.get("scope", ""),
                                "challenge": query.get("code_challenge"), "method": query.get("code_challenge_method", "plain"),
                                "resource": query.get("resource")}
        params = {"code": code}
        if "state" in query:
            params["state"] = "tampered-" + secrets.token_urlsafe(8) if self.auth.state_mismatch else query["state"]
        target = urlsplit(redirect)
        joined = "&".join(q for q in (target.query, urlencode(params)) if q)
        return Answer(302, None, {"Location": urlunsplit((target.scheme, target.netloc, target.path, joined, ""))})

    def _token(self, form: dict, headers: dict, issued: dict) -> Answer:
        grant = form.get("grant_type")
        if grant == "authorization_code":
            with self.lock:
                pending = self.codes.pop(form.get("code", ""), None)
            if pending is None or pending["redirect_uri"] != form.get("redirect_uri"):
                return Answer(400, {"error": "invalid_grant", "error_description": "unknown code or redirect_uri"})
            challenge, verifier = pending["challenge"], form.get("code_verifier")
            if challenge and not (verifier and (s256(str(verifier)) if pending["method"] == "S256" else verifier) == challenge):
                return Answer(400, {"error": "invalid_grant", "error_description": "code_verifier does not match"})
            return self._issue(pending["scope"], pending["client_id"], issued)
        if grant == "refresh_token":
            with self.lock:
                previous = self.refresh_tokens.pop(form.get("refresh_token", ""), None)  # rotated (OAuth 2.1 §4.3.1)
            if previous is None:
                return Answer(400, {"error": "invalid_grant", "error_description": "unknown refresh token"})
            asked = form.get("scope") or previous["scope"]
            if not set(asked.split()) <= set(previous["scope"].split()):  # RFC 6749 §6: never beyond the original grant
                return Answer(400, {"error": "invalid_scope", "error_description": "a refresh cannot widen the scope"})
            return self._issue(asked, previous["client_id"], issued)
        if grant == "client_credentials":
            client = self._authenticate(form, headers)
            if client is None:
                return Answer(401, {"error": "invalid_client"})
            return self._issue(form.get("scope", ""), client, issued, refresh=False)
        return Answer(400, {"error": "unsupported_grant_type"})

    def _authenticate(self, form: dict, headers: dict) -> str | None:
        import base64
        from urllib.parse import unquote

        scheme, _, value = (headers.get("authorization") or "").partition(" ")
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if scheme.lower() == "basic":
            try:
                client_id, _, secret = base64.b64decode(value.strip()).decode().partition(":")
                client_id, secret = unquote(client_id), unquote(secret)
            except ValueError:
                return None
        known = self.clients.get(client_id or "")
        return client_id if known and known.get("client_secret") and known["client_secret"] == secret else None

    def _issue(self, scope: str, client_id: str, issued: dict, *, refresh: bool = True) -> Answer:
        lifetime = self.auth.token_lifetime
        access = "at-" + secrets.token_urlsafe(16)
        body: dict = {"access_token": access, "token_type": "Bearer", "expires_in": int(lifetime or 3600)}
        with self.lock:
            self.tokens[access] = {"scopes": set(scope.split()), "expires": time.monotonic() + lifetime if lifetime else None}
            if refresh:
                body["refresh_token"] = "rt-" + secrets.token_urlsafe(16)
                self.refresh_tokens[body["refresh_token"]] = {"scope": scope, "client_id": client_id}
        if scope:
            body["scope"] = scope
        issued.update({k: body[k] for k in ("access_token", "refresh_token") if k in body})
        return Answer(200, body, {"Cache-Control": "no-store"})

    def _register(self, form: dict) -> Answer:
        uris = form.get("redirect_uris")
        if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
            return Answer(400, {"error": "invalid_redirect_uri", "error_description": "redirect_uris must list URIs"})
        method = form.get("token_endpoint_auth_method") or "client_secret_basic"
        client = {**form, "client_id": "client-" + secrets.token_urlsafe(8), "client_id_issued_at": int(time.time()),
                  "token_endpoint_auth_method": method}
        if method in CLIENT_SECRET_METHODS:
            client["client_secret"] = "secret-" + secrets.token_urlsafe(12)
        with self.lock:
            self.clients[client["client_id"]] = client
        return Answer(201, client)

    def _valid(self, token: str) -> dict | None:
        grant = self.tokens.get(token) if token else None
        if grant is None or (grant["expires"] is not None and time.monotonic() > grant["expires"]):
            return None
        return grant

    def _record(self, who: str, verb: str, path: str, query: dict, form: Any, headers: dict, status: int, **extra: Any) -> None:
        self.recorder.record("in", None, oauth={"server": who, "verb": verb, "path": urlsplit(path).path, "query": query,
                                                "form": form, "headers": dict(headers), "status": status, **extra})


def minted(events: list[dict]) -> set[str]:
    """Every credential a run's authorization server minted or saw (tokens, codes, verifiers, client
    secrets, bearer values): what a report, kept traffic or the client's stderr must not show."""
    found: set[str] = set()
    for event in events:
        oauth = event.get("oauth") if isinstance(event.get("oauth"), dict) else None
        if oauth is None:
            continue
        found.update(str(v) for k, v in (oauth.get("issued") or {}).items() if k != "client_id")
        found.update(str(v) for k, v in (oauth.get("form") or {}).items()
                     if k in ("code", "code_verifier", "refresh_token", "client_secret", "access_token"))
        found.update(str(v) for k, v in (oauth.get("query") or {}).items() if k in ("code_challenge", "access_token"))
        code = dict(parse_qsl(urlsplit(oauth.get("location") or "").query)).get("code")
        scheme, _, value = str((oauth.get("headers") or {}).get("authorization") or "").partition(" ")
        found.update(x for x in (code, value.strip()) if x)
    return {value for value in found if len(value) >= 8}


def redact(text: str, secret_values: set[str]) -> str:
    for value in sorted(secret_values, key=len, reverse=True):
        text = text.replace(value, "[REDACTED]")
    return text


def _form(headers: dict, body: bytes) -> Any:
    """A token or registration request's parameters: form-encoded (RFC 6749) or JSON (RFC 7591)."""
    if not body:
        return {}
    text = body.decode("utf-8", "replace")
    if "json" in (headers.get("content-type") or ""):
        try:
            value = json.loads(text)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
    return dict(parse_qsl(text, keep_blank_values=True))


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that resets its connection leaves no traceback on our stderr."""


def send(handler: BaseHTTPRequestHandler, answer: Answer) -> None:
    body = json.dumps(answer.body).encode() if answer.body is not None else b""
    handler.send_response(answer.status)
    if body:
        handler.send_header("Content-Type", "application/json")
    for name, value in answer.headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def read_body(handler: BaseHTTPRequestHandler) -> bytes:
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(min(length, MAX_BODY)) if length > 0 else b""


def _as_handler(world: AuthWorld) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _any(self, verb: str) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            try:
                body = read_body(self)
            except ValueError:
                body = b""
            send(self, world.authorize_server(verb, self.path, headers, body))

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self._any("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._any("POST")

    return Handler
