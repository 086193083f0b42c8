"""Authorization: the protected reference server passes, runs without a token still judge,
secrets never reach an output, and the discovery helpers follow the RFCs' rules."""

from __future__ import annotations

import subprocess
import sys

import pytest

from validator.conformance.areas import auth, auth_code, auth_tokens
from validator.conformance.observe import authmeta
from validator.conformance.suite.checks import Result
from validator.conformance.suite.report import Report

from . import refserver

AUTH_IDS = {c.id for s in auth.SCENARIOS + auth_tokens.SCENARIOS for c in s.checks}
TOKEN_ONLY = {"auth-query-token-refused", "auth-every-request-authorized"}
LOW_SCOPE = {"auth-insufficient-scope-403", "auth-insufficient-scope-challenge"}
CODE_IDS = {c.id for s in auth_code.SCENARIOS for c in s.checks}


# ---- whole runs ---------------------------------------------------------------------------------
def test_clean_protected_server_passes_every_authorization_check_with_a_token():
    report = refserver.run_protected(spec_version="auto")
    assert report.fatal is None, report.fatal
    results = [r for r in report.checks if r.check.id in AUTH_IDS]
    assert {r.check.id for r in results if r.status == "pass"} == AUTH_IDS
    assert not [r for r in results if r.status != "pass"], [(r.check.id, r.message) for r in results if r.status != "pass"]
    # judged per negotiated revision: 2025-03-26's own scheme, PRM checks only from 2025-06-18
    judged = {(r.check.id, r.protocol_version) for r in results}
    assert ("auth-2025-03-26-metadata", "2025-03-26") in judged
    assert not {v for i, v in judged if i == "auth-prm-served"} & {"2025-03-26", "2024-11-05"}
    assert report.exit_code() == 0


def test_without_a_token_discovery_is_judged_and_the_rest_skipped_with_the_way_to_give_one():
    report = refserver.run_protected(token=False, spec_version="auto")
    assert report.fatal is None, report.fatal
    by_id = {r.check.id: r for r in report.checks}
    judged = AUTH_IDS - TOKEN_ONLY - LOW_SCOPE - {"auth-2025-03-26-metadata"}  # judged under 2025-11-25 only
    assert all(by_id[i].status == "skip" and "--low-scope-token" in by_id[i].message for i in LOW_SCOPE)
    assert {i for i in judged if by_id[i].status == "pass"} == judged
    assert "auth-2025-03-26-metadata" not in by_id
    assert all(by_id[i].status == "skip" and "Authorization: Bearer" in by_id[i].message for i in TOKEN_ONLY)
    others = [r for r in report.checks if r.check.id not in AUTH_IDS | CODE_IDS]
    assert others and all(r.status == "skip" and "--header" in r.message for r in others)
    assert all(by_id[i].status == "skip" and "--oauth-flow authorization-code" in by_id[i].message for i in CODE_IDS)
    assert any("Authorization: Bearer" in note for note in report.notes)
    assert {r.protocol_version for r in report.checks if r.check.id in AUTH_IDS} == {"2025-11-25"}
    assert report.exit_code() == 0


def test_the_2025_03_26_scheme_is_judged_by_its_own_page():
    report = refserver.run_protected(token=False, spec_version="2025-03-26", scenarios=["auth-*"])
    ids = {r.check.id for r in report.checks}
    assert "auth-2025-03-26-metadata" in ids and "auth-prm-served" not in ids and "auth-as-issuer-matches" not in ids
    assert report.exit_code() == 0


def test_a_refused_token_is_a_harness_error_that_says_why_and_keeps_the_verdicts():
    with refserver.protected_server() as url:
        report = refserver.run(url=url, headers={"Authorization": "Bearer not-the-token"}, spec_version="auto")
    assert report.fatal and "requires authorization" in report.fatal
    assert refserver.statuses(report, "auth-invalid-token-401") == {"pass"}
    assert report.exit_code() == 2


def test_an_open_server_gets_no_authorization_rows():
    with refserver.http_server() as base:
        report = refserver.run(url=base + "/mcp", spec_version="2025-11-25", scenarios=["auth-*", "ping"],
                               headers={"Authorization": "Bearer unneeded-token"})
    assert report.fatal is None
    assert any("does not require the credentials given" in note for note in report.notes), report.notes
    assert not [r for r in report.checks if r.check.id in AUTH_IDS]
    assert refserver.statuses(report, "ping") == {"pass"}


# ---- secrets -----------------------------------------------------------------------------------
FORMATS = ("text", "json", "junit", "sarif", "markdown", "github", "html")


def test_the_token_appears_in_no_output_format_nor_on_stderr(tmp_path):
    token = refserver.protected_token()
    secret = "x-api-secret-" + "7" * 12
    with refserver.protected_server("auth-no-scope") as url:  # one warning, so every format has a problem to show
        args = [sys.executable, "-m", "validator", "conformance", "--url", url, "--timeout", "3", "-v",
                "--header", f"Authorization: Bearer {token}", "--secret-header", f"X-Api-Key: {secret}",
                "--spec-version", "2025-11-25", "--low-scope-token", refserver.protected_token("LOW_SCOPE_TOKEN")]
        for fmt in FORMATS:
            args += ["--report", f"{fmt}:{tmp_path / ('report.' + fmt)}"]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    outputs = {fmt: (tmp_path / f"report.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS}
    outputs["stdout"], outputs["stderr"] = done.stdout, done.stderr
    assert "auth-challenge-scope" in outputs["json"]
    assert '"auth-insufficient-scope-403"' in outputs["json"] and "insufficient_scope" in outputs["json"]
    low = refserver.protected_token("LOW_SCOPE_TOKEN")
    for name, text in outputs.items():
        assert token not in text and secret not in text and low not in text, f"a secret leaked into {name}"


def test_every_format_redacts_a_secret_the_server_echoed():
    from validator.conformance.render import REDACTED, render

    token = "eyJhbGciOi.secret/value+with=chars&<>"
    result = Result(auth_tokens.INVALID_401, "fail", f"HTTP 200 for a made-up token; server said 'Bearer {token}'",
                    "2025-11-25", details={"echo": token})
    report = Report(target={"url": "http://127.0.0.1:1/mcp", "transport": "streamable-http"}, results=[result],
                    notes=[f"server said {token}"], secrets=[token])
    for fmt in FORMATS:
        text = render(report, fmt, verbose=True)
        assert "secret/value" not in text and REDACTED in text, fmt


# ---- helpers: challenges, URLs, resource comparison ---------------------------------------------
def test_challenges_are_parsed_per_rfc_9110():
    found = authmeta.parse_challenges('Basic realm="x", Bearer resource_metadata="https://a.example/.well-known/'
                                      'oauth-protected-resource/mcp", scope="files:read files:write", error=invalid_token')
    assert [c.scheme for c in found] == ["Basic", "Bearer"]
    bearer = authmeta.bearer('Basic realm="x", Bearer resource_metadata="https://a.example/m", scope="a b"')
    assert bearer.params == {"resource_metadata": "https://a.example/m", "scope": "a b"}
    assert found[1].params["error"] == "invalid_token"
    assert authmeta.bearer('bearer realm="a \\"quoted\\" one"').params["realm"] == 'a "quoted" one'
    assert authmeta.bearer(None) is None and authmeta.bearer('Basic realm="x"') is None
    assert authmeta.bearer("Bearer").params == {}


def test_well_known_urls_follow_the_spec_order():
    assert [u for _l, u in authmeta.prm_urls("https://example.com/public/mcp/")] == [
        "https://example.com/.well-known/oauth-protected-resource/public/mcp",
        "https://example.com/.well-known/oauth-protected-resource"]
    assert [u for _l, u in authmeta.prm_urls("https://example.com")] == ["https://example.com/.well-known/oauth-protected-resource"]
    assert [u for _k, u in authmeta.as_metadata_urls("https://auth.example.com/tenant1")] == [
        "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
        "https://auth.example.com/.well-known/openid-configuration/tenant1",
        "https://auth.example.com/tenant1/.well-known/openid-configuration"]
    assert [u for _k, u in authmeta.as_metadata_urls("https://auth.example.com")] == [
        "https://auth.example.com/.well-known/oauth-authorization-server",
        "https://auth.example.com/.well-known/openid-configuration"]
    assert len(authmeta.as_metadata_urls("https://auth.example.com/t", oidc=False)) == 1


@pytest.mark.parametrize("resource,server,ok", [
    ("https://mcp.example.com/mcp", "https://mcp.example.com/mcp", True),
    ("HTTPS://MCP.example.com/mcp/", "https://mcp.example.com/mcp", True),   # case and trailing slash
    ("https://mcp.example.com:443/mcp", "https://mcp.example.com/mcp", True),  # default port
    ("https://mcp.example.com", "https://mcp.example.com/mcp", True),         # the origin: less specific, valid
    ("https://mcp.example.com/m", "https://mcp.example.com/mcp", False),      # not a segment prefix
    ("https://mcp.example.com/mcp#x", "https://mcp.example.com/mcp", False),  # fragment
    ("https://other.example.com/mcp", "https://mcp.example.com/mcp", False),
    ("http://mcp.example.com/mcp", "https://mcp.example.com/mcp", False),
    ("mcp.example.com", "https://mcp.example.com/mcp", False),
    (None, "https://mcp.example.com/mcp", False),
])
def test_resource_comparison(resource, server, ok):
    assert authmeta.resource_matches(resource, server)[0] is ok


def test_issuer_identifiers():
    assert authmeta.is_issuer("https://auth.example.com/tenant1")
    assert not authmeta.is_issuer("https://auth.example.com/?x=1")
    assert not authmeta.is_issuer("https://auth.example.com/#f")
    assert not authmeta.is_issuer("auth.example.com") and not authmeta.is_issuer(42)


def test_a_server_with_another_scheme_is_not_judged_by_mcp_authorization():
    """401 with a Basic challenge and no metadata: MCP authorization is optional for HTTP (SHOULD), so its
    MUSTs are not applied; the challenge check warns and says why."""
    report = refserver.run_protected("auth-basic-only", token=False, spec_version="2025-11-25", scenarios=["auth-*"])
    by_id = {r.check.id: r for r in report.checks}
    assert by_id["auth-www-authenticate-bearer"].status == "warn" and "Basic" in by_id["auth-www-authenticate-bearer"].message
    assert by_id["auth-www-authenticate-bearer"].level == "SHOULD"
    assert {by_id[i].status for i in ("auth-prm-served", "auth-as-metadata", "auth-invalid-token-error")} == {"skip"}
    assert by_id["auth-invalid-token-401"].status == "pass"
    assert report.exit_code() == 0


def test_a_server_without_oauth_may_refuse_a_made_up_token_with_403():
    """MCP authorization is optional: a server with its own scheme (Notion's static token) refusing a wrong
    token with 403 is not failed by the 401 rule of MCP authorization (holdout 11)."""
    report = refserver.run_protected("auth-static-token", token=False, spec_version="2025-11-25", scenarios=["auth-*"])
    result = next(r for r in report.checks if r.check.id == "auth-invalid-token-401")
    assert result.status == "skip" and "HTTP 403" in result.message and "shows no OAuth" in result.message
    assert report.exit_code() == 0


# ---- the client-credentials grant ----------------------------------------------------------------
def test_client_credentials_obtain_a_token_and_the_whole_suite_runs(tmp_path):
    client_id, secret = refserver.protected_client()
    with refserver.protected_server() as url:
        args = [sys.executable, "-m", "validator", "conformance", "--url", url, "--timeout", "3", "--spec-version",
                "2025-11-25", "--oauth-client-id", client_id, "--format", "json", "-o", str(tmp_path / "r.json"),
                "--report", f"text:{tmp_path / 'r.txt'}"]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120,
                              env={**__import__("os").environ, "AGENTCONFORM_OAUTH_CLIENT_SECRET": secret})
    assert done.returncode == 0, done.stderr
    import json

    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["ping"] == "pass" and statuses["auth-every-request-authorized"] == "pass"
    # the metadata lists mcp:profile beside the needed mcp:read: the run mints a token for it alone
    assert statuses["auth-insufficient-scope-403"] == statuses["auth-insufficient-scope-challenge"] == "pass"
    assert "access token obtained with the client-credentials grant" in report["notes"]
    low = refserver.protected_token("LOW_SCOPE_TOKEN")
    for text in ((tmp_path / "r.json").read_text(), (tmp_path / "r.txt").read_text(), done.stdout, done.stderr):
        assert refserver.protected_token() not in text and secret not in text and low not in text


def test_a_minted_narrower_token_judges_insufficient_scope():
    """With client credentials and no --low-scope-token, a token for a scope beside the needed one
    (scopes_supported) is the insufficient-scope probe: a 401 naming insufficient_scope fails; a 401
    invalid_token for an opaque token is a skip (the authorization server may have bound it elsewhere)."""
    client_id, secret = refserver.protected_client()
    minted = dict(token=False, spec_version="2025-11-25", oauth_client_id=client_id, oauth_client_secret=secret,
                  scenarios=["auth-*"])
    report = refserver.run_protected("auth-insufficient-scope-401-named", **minted)
    assert report.fatal is None, report.fatal
    assert refserver.statuses(report, "auth-insufficient-scope-403") == {"fail"}
    result = next(r for r in report.checks if r.check.id == "auth-insufficient-scope-403")
    assert "a token obtained for scope 'mcp:profile'" in result.message
    assert refserver.protected_token("LOW_SCOPE_TOKEN") in report.secrets
    report = refserver.run_protected("auth-insufficient-scope-401", **minted)
    assert refserver.statuses(report, "auth-insufficient-scope-403") == {"skip"}
    result = next(r for r in report.checks if r.check.id == "auth-insufficient-scope-403")
    assert "may hold it invalid" in result.message and "--low-scope-token" in result.message


def test_narrower_scope_prefers_a_listed_scope_beyond_the_one_asked():
    from validator.conformance.observe.authflow import narrower_scope

    assert narrower_scope("mcp:read", {"scopes_supported": ["mcp:read", "mcp:profile"]}) == "mcp:profile"
    assert narrower_scope("a b", {"scopes_supported": ["a", "b"]}) == "a"
    assert narrower_scope("a", {"scopes_supported": ["a"]}) is None
    assert narrower_scope(None, {}) is None


def test_a_refused_client_is_a_note_and_the_run_goes_on_without_a_token():
    client_id, _secret = refserver.protected_client()
    report = refserver.run_protected(token=False, spec_version="2025-11-25", oauth_client_id=client_id,
                                     oauth_client_secret="wrong-secret", scenarios=["auth-*", "ping"])
    assert report.fatal is None
    assert any("invalid_client" in note for note in report.notes), report.notes
    assert refserver.statuses(report, "ping") == {"skip"}
    assert "wrong-secret" in report.secrets


def test_the_token_request_names_the_resource():
    """RFC 8707: the reference authorization server refuses a token request without resource=<server>/mcp
    (invalid_target), so obtaining a token proves the parameter; a wrong secret is a TokenError."""
    import asyncio

    from validator.conformance.observe import authflow
    from validator.conformance.transport.process import Budget

    client_id, secret = refserver.protected_client()
    with refserver.protected_server() as url:
        token = asyncio.run(authflow.client_credentials_token(
            url, None, authflow.ClientCredentials(client_id, secret), timeout=3.0, budget=Budget(30)))
        assert token == refserver.protected_token()
        with pytest.raises(authflow.TokenError, match="invalid_client"):
            asyncio.run(authflow.client_credentials_token(
                url, None, authflow.ClientCredentials(client_id, "nope"), timeout=3.0, budget=Budget(30)))


# ---- a real implementation: the Python SDK's resource server ------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_python_sdk_resource_server_earns_no_failure():
    """The SDK's bearer middleware and metadata pass every authorization check; its challenge carries no
    `scope` (a SHOULD from 2025-11-25): the one warning, explained in docs/conformance/authorization.md."""
    import re
    import time
    import urllib.request

    script = refserver.ROOT / "fixtures" / "servers" / "sdk_protected_server.py"
    token = re.search(r'^TOKEN = "([^"]+)"', script.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    port = _free_port()
    with refserver.protected_server() as as_url:
        proc = subprocess.Popen([sys.executable, str(script), str(port), as_url.rsplit("/mcp", 1)[0]],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}/mcp"
            for _ in range(100):  # the SDK needs a moment to import and bind
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            without = refserver.run(url=url, spec_version="2025-11-25", scenarios=["auth-*"])
            with_token = refserver.run(url=url, spec_version="auto", scenarios=["auth-*", "ping"],
                                       headers={"Authorization": f"Bearer {token}"})
        finally:
            proc.terminate()
            proc.wait(10)
    for report in (without, with_token):
        assert report.fatal is None, report.fatal
        problems = {(r.check.id, r.status) for r in report.checks if r.status in ("fail", "warn")}
        assert problems <= {("auth-challenge-scope", "warn"), ("auth-2025-03-26-metadata", "warn")}, problems
        assert ("auth-challenge-scope", "warn") in problems
    assert refserver.statuses(with_token, "auth-every-request-authorized") == {"pass"}
    assert refserver.statuses(with_token, "ping") == {"pass"}


def test_hostile_metadata_urls_are_bounded_and_get_no_credentials(tmp_path):
    """A hanging resource_metadata URL, a 500 MB well-known document and a redirect to another origin:
    the run ends within its budget with verdicts, sends no credential to a metadata URL and follows
    no redirect."""
    import json

    from .test_hostile_servers import run_cli

    log = tmp_path / "requests.jsonl"
    proc = subprocess.Popen([sys.executable, str(refserver.ROOT / "fixtures/servers/hostile/auth_metadata.py"), str(log)],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        base = proc.stdout.readline().split(" ", 1)[1].strip()
        outcome = run_cli(["--url", base + "/mcp", "--timeout", "2", "--spec-version", "2025-11-25",
                           "--header", "Authorization: Bearer sekrit-token"], budget=30)
    finally:
        proc.kill()
        proc.wait(5)
    assert outcome.code == 2 and "requires authorization" in outcome.stderr  # the token is refused: no handshake
    report = json.loads(outcome.stdout)
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["auth-prm-served"] == "fail" and statuses["auth-unauthenticated-401"] == "pass"
    assert "sekrit-token" not in outcome.stdout + outcome.stderr
    requests = [json.loads(line) for line in log.read_text().splitlines()]
    gets = [r for r in requests if r["method"] == "GET" and r["path"] != "/mcp"]  # /mcp: the server URL itself
    assert {r["path"] for r in gets} >= {"/prm-hang", "/.well-known/oauth-protected-resource"}
    assert not [r for r in gets if "authorization" in r["headers"]], gets
    assert not [r for r in requests if not r["host"].startswith("127.0.0.1")], requests


# ---- the authorization-code flow ----------------------------------------------------------------
def test_authorization_code_flow_registers_obtains_a_token_and_the_whole_suite_runs(tmp_path):
    """No client id: dynamic registration, PKCE, the loopback listener, state, the resource; every
    authorization-code check passes on the reference, and no token or code reaches an output."""
    import json

    with refserver.protected_server() as url:
        args = [sys.executable, "-m", "validator", "conformance", "--url", url, "--timeout", "3", "--spec-version",
                "2025-11-25", "--oauth-flow", "authorization-code", "-v", "--format", "json",
                "-o", str(tmp_path / "r.json"), "--report", f"text:{tmp_path / 'r.txt'}"]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert {i: statuses.get(i) for i in CODE_IDS} == dict.fromkeys(CODE_IDS, "pass")
    assert statuses["ping"] == "pass" and statuses["auth-every-request-authorized"] == "pass"
    assert "access token obtained with the authorization-code flow" in report["notes"]
    for text in ((tmp_path / "r.json").read_text(), (tmp_path / "r.txt").read_text(), done.stdout, done.stderr):
        assert "eyJhbGciOiAibm9uZSIs" not in text  # the reference's JWT-shaped tokens begin so: none leaked


def test_authorization_code_with_a_given_client_or_a_metadata_document_registers_nothing():
    client_id, _secret = refserver.protected_client()
    for extra in ({"oauth_client_id": client_id},
                  {"oauth_client_metadata_url": "https://client.example/agentconform.json"}):
        report = refserver.run_protected(token=False, spec_version="2025-11-25", oauth_flow="authorization-code",
                                         scenarios=["auth-*", "ping"], **extra)
        assert any("obtained with the authorization-code flow" in n for n in report.notes), report.notes
        assert refserver.statuses(report, "auth-as-registration-works") == {"skip"}
        assert refserver.statuses(report, "auth-as-pkce-enforced") == {"pass"}
        assert refserver.statuses(report, "ping") == {"pass"}


def test_an_authorization_server_asking_for_a_person_is_one_note_and_the_run_goes_on_without_a_token():
    report = refserver.run_protected("auth-as-login-page", token=False, spec_version="2025-11-25",
                                     oauth_flow="authorization-code", scenarios=["auth-*", "ping"])
    assert report.fatal is None
    person = [n for n in report.notes if "asks for a person" in n]
    assert len(person) == 1 and "HTTP 200 (text/html)" in person[0], report.notes
    assert refserver.statuses(report, "ping") == {"skip"}
    assert refserver.statuses(report, "auth-as-state-preserved") == {"skip"}
    assert report.exit_code() == 0


def test_no_s256_in_the_metadata_stops_the_flow_as_a_client_must():
    report = refserver.run_protected("auth-as-no-pkce", token=False, spec_version="2025-11-25",
                                     oauth_flow="authorization-code", scenarios=["auth-*"])
    assert any("does not advertise PKCE S256" in n and "MUST refuse" in n for n in report.notes), report.notes
    assert refserver.statuses(report, "auth-as-pkce-s256") == {"fail"}


def test_the_loopback_listener_is_closed_and_only_loopback_redirects_are_taken():
    import asyncio
    import socket

    from validator.conformance.observe import authcode, authflow

    with pytest.raises(authflow.TokenError, match="loopback"):
        authcode.Loopback("https://example.com/callback")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    redirect = f"http://127.0.0.1:{port}/cb"
    report = refserver.run_protected(token=False, spec_version="2025-11-25", oauth_flow="authorization-code",
                                     oauth_redirect_uri=redirect, scenarios=["auth-authorization-code"])
    assert refserver.statuses(report, "auth-as-state-preserved") == {"pass"}
    with socket.socket() as sock, pytest.raises(OSError):
        sock.settimeout(1)
        sock.connect(("127.0.0.1", port))

    async def listen_and_hit():
        async with authcode.Loopback(None) as listener:
            assert listener.owns(listener.redirect_uri + "?code=x") and not listener.owns("http://127.0.0.1:1/cb")
            reader, writer = await asyncio.open_connection("127.0.0.1", listener.port)
            writer.write(f"GET {listener.path}?code=c1&state=s1 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            await writer.drain()
            assert (await reader.read()).startswith(b"HTTP/1.1 200")
            writer.close()
            return listener.received

    assert asyncio.run(listen_and_hit()) == [{"code": "c1", "state": "s1"}]
    joined = "a=1; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT, b=2; HttpOnly"
    assert [c.split(";")[0] for c in authcode._COOKIE_SPLIT.split(joined)] == ["a=1", "b=2"]


def test_authorization_code_options_are_validated():
    from validator.conformance.api import Options

    base = dict(url="http://127.0.0.1:1/mcp")
    with pytest.raises(ValueError, match="needs --oauth-client-id"):
        Options(**base, oauth_flow="authorization-code", oauth_client_secret="s").validate()
    with pytest.raises(ValueError, match="https"):
        Options(**base, oauth_flow="authorization-code", oauth_client_metadata_url="http://x/m.json").validate()
    with pytest.raises(ValueError, match="authorization-code"):
        Options(**base, oauth_redirect_uri="http://127.0.0.1:9/cb").validate()
    with pytest.raises(ValueError, match="loopback"):
        Options(**base, oauth_flow="authorization-code", oauth_redirect_uri="https://example.com/cb").validate()
    Options(**base, oauth_flow="authorization-code").validate()


# ---- legacy HTTP+SSE ----------------------------------------------------------------------------
def test_a_protected_legacy_sse_server_is_recognised_and_judged():
    """The 401 of a legacy server shows on the GET of its SSE stream: with --transport sse, and with auto when
    the SSE endpoint answers a POST with something else than a challenge (auth-sse-only). Discovery is judged
    without a token; with one, the token checks probe the stream and its POST endpoint and the suite runs."""
    for kw in ({"transport": "sse"}, {}):
        report = refserver.run_protected("auth-sse-only", token=False, path="/sse", spec_version="2025-11-25", **kw)
        assert report.fatal is None, report.fatal
        assert report.target["transport"] == "sse"
        judged = AUTH_IDS - TOKEN_ONLY - LOW_SCOPE - {"auth-2025-03-26-metadata"}
        assert {r.check.id for r in report.checks if r.status == "pass"} >= judged
        assert not [r for r in report.checks if r.status in ("fail", "warn")]
    report = refserver.run_protected("auth-sse-only", path="/sse", transport="sse", spec_version="auto")
    assert report.fatal is None, report.fatal
    problems = [(r.check.id, r.message) for r in report.checks if r.status in ("fail", "warn")]
    assert not problems, problems
    assert refserver.statuses(report, "auth-every-request-authorized") == {"pass"}
    assert "POST initialize" in next(r.message for r in report.checks if r.check.id == "auth-every-request-authorized")
    assert refserver.statuses(report, "auth-insufficient-scope-403") == {"pass"}
    assert refserver.statuses(report, "ping") == {"pass"}
    code = refserver.run_protected("auth-sse-only", token=False, path="/sse", spec_version="2025-11-25",
                                   oauth_flow="authorization-code", scenarios=["auth-*", "ping"])
    assert {r.status for r in code.checks if r.check.id in CODE_IDS | {"ping"}} == {"pass"}, [
        (r.check.id, r.status, r.message) for r in code.checks if r.status != "pass"]


# ---- configuration and the pytest plugin --------------------------------------------------------
def test_auth_settings_come_from_the_config_table_and_secrets_only_from_the_environment(tmp_path):
    import json
    import os

    client_id, secret = refserver.protected_client()
    (tmp_path / ".git").mkdir()
    with refserver.protected_server() as url:
        (tmp_path / "agentconform.toml").write_text(
            "[conformance]\n" f'url = "{url}"\n' 'spec-version = "2025-11-25"\n' 'format = "json"\n'
            f'oauth-client-id = "{client_id}"\n' 'oauth-client-secret-env = "CI_SECRET"\n'
            'low-scope-token-env = "CI_LOW"\n' 'scenario = ["auth-*", "ping"]\n')
        env = {**os.environ, "CI_SECRET": secret, "CI_LOW": refserver.protected_token("LOW_SCOPE_TOKEN")}
        done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--timeout", "3"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        statuses = {c["id"]: c["status"] for c in json.loads(done.stdout)["checks"]}
        assert statuses["ping"] == "pass" and statuses["auth-insufficient-scope-403"] == "pass"
        assert secret not in done.stdout
        # the flow from the table; the command line wins over it
        (tmp_path / "agentconform.toml").write_text(
            "[conformance]\n" f'url = "{url}"\n' 'spec-version = "2025-11-25"\n' 'format = "json"\n'
            'oauth-flow = "authorization-code"\n' 'scenario = ["auth-*", "ping"]\n')
        done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--timeout", "3"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        report = json.loads(done.stdout)
        assert "access token obtained with the authorization-code flow" in report["notes"], report["notes"]
        # a variable named but unset is a usage error naming it
        (tmp_path / "agentconform.toml").write_text(
            "[conformance]\n" f'url = "{url}"\n' f'oauth-client-id = "{client_id}"\n' 'oauth-client-secret-env = "CI_UNSET_X"\n')
        done = subprocess.run([sys.executable, "-m", "validator", "conformance"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60, env={k: v for k, v in os.environ.items() if k != "CI_UNSET_X"})
        assert done.returncode == 2 and "CI_UNSET_X" in done.stderr


@pytest.mark.parametrize("table,named", [
    ('headers = {"Authorization" = "Bearer plain-secret-value"}', "headers.Authorization"),
    ('secret-headers = {"X-Api-Key" = "plain-secret-value"}', "secret-headers.X-Api-Key"),
    ('oauth-client-secret-env = "plain secret value"', "oauth-client-secret-env"),
])
def test_a_secret_written_in_the_config_file_is_a_usage_error_that_does_not_repeat_it(tmp_path, table, named):
    (tmp_path / ".git").mkdir()
    (tmp_path / "agentconform.toml").write_text(f'[conformance]\nurl = "http://127.0.0.1:1/mcp"\n{table}\n')
    done = subprocess.run([sys.executable, "-m", "validator", "conformance"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and named in done.stderr, done.stderr
    assert "plain-secret-value" not in done.stderr and "plain secret value" not in done.stderr


def test_secret_headers_from_the_table_are_redacted_and_left_out_of_the_probes(tmp_path):
    import os

    token = refserver.protected_token()
    (tmp_path / ".git").mkdir()
    with refserver.protected_server() as url:
        (tmp_path / "agentconform.toml").write_text(
            "[conformance]\n" f'url = "{url}"\n' 'spec-version = "2025-11-25"\n' 'scenario = ["auth-*", "ping"]\n'
            'headers = {"Authorization" = "Bearer ${CI_TOKEN}"}\n' 'secret-headers = {"X-Api-Key" = "${CI_KEY}"}\n')
        done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--timeout", "3", "-v"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "CI_TOKEN": token, "CI_KEY": "key-" + "9" * 16})
    assert done.returncode == 0, done.stderr
    assert token not in done.stdout + done.stderr and "9" * 16 not in done.stdout + done.stderr
    assert "auth-unauthenticated-401" in done.stdout  # the probe went without the Authorization header


def test_the_pytest_plugin_takes_the_auth_options_and_redacts(tmp_path):
    import os

    from .test_conformance_pytest_plugin import pytest_run

    client_id, secret = refserver.protected_client()
    with refserver.protected_server() as url:
        os.environ["AGENTCONFORM_OAUTH_CLIENT_SECRET"] = secret
        try:
            done = pytest_run(tmp_path, "--mcp-url", url, "--mcp-spec-version", "2025-11-25", "--mcp-scenario", "ping",
                              "--mcp-scenario", "auth-token-handling", "--mcp-oauth-client-id", client_id, "-rA")
        finally:
            del os.environ["AGENTCONFORM_OAUTH_CLIENT_SECRET"]
        assert done.returncode == 0, done.stdout + done.stderr
        assert "PASSED mcp-conformance::ping::ping[2025-11-25]" in done.stdout  # the token was obtained
        assert "PASSED mcp-conformance::auth-token-handling::auth-every-request-authorized[2025-11-25]" in done.stdout
        assert secret not in done.stdout and refserver.protected_token() not in done.stdout
        done = pytest_run(tmp_path, "--mcp-url", url, "--mcp-spec-version", "2025-11-25", "--mcp-scenario", "ping",
                          "--mcp-scenario", "auth-authorization-code", "--mcp-oauth-flow", "authorization-code", "-rA")
        assert done.returncode == 0, done.stdout + done.stderr
        assert "PASSED mcp-conformance::auth-authorization-code::auth-as-pkce-enforced[2025-11-25]" in done.stdout
        assert "skipped" not in done.stdout.splitlines()[-1], done.stdout


# ---- a real implementation: the TypeScript SDK's OAuth example ----------------------------------
def test_typescript_sdk_oauth_example_obtains_a_token_unattended_and_earns_its_verdicts():
    """The TypeScript SDK's simpleStreamableHttp example with --oauth --oauth-strict: its demo authorization
    server approves without a person (DCR, PKCE, state), so the authorization-code flow runs the suite.
    Its token verifier throws a plain Error for an unknown token, which the SDK's bearer middleware answers
    500: the one failure (docs/conformance/authorization.md)."""
    import time
    import urllib.request

    from .client_peers import node_env, ts_sdk_modules

    modules = ts_sdk_modules()
    example = modules / "@modelcontextprotocol/sdk/dist/esm/examples/server/simpleStreamableHttp.js"
    port, auth_port = _free_port(), _free_port()
    proc = subprocess.Popen(["node", str(example), "--oauth", "--oauth-strict"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            env={**node_env(modules), "MCP_PORT": str(port), "MCP_AUTH_PORT": str(auth_port)})
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://localhost:{auth_port}/.well-known/oauth-authorization-server", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        report = refserver.run(url=f"http://localhost:{port}/mcp", spec_version="2025-11-25", scenarios=["auth-*", "ping"],
                               oauth_flow="authorization-code")
    finally:
        proc.terminate()
        proc.wait(10)
    assert report.fatal is None, report.fatal
    assert any("obtained with the authorization-code flow" in n for n in report.notes), report.notes
    problems = {(r.check.id, r.status) for r in report.checks if r.status in ("fail", "warn")}
    assert problems == {("auth-invalid-token-401", "fail"), ("auth-challenge-scope", "warn"),
                        ("auth-as-registration", "warn")}, problems
    assert "HTTP 500" in next(r.message for r in report.checks if r.check.id == "auth-invalid-token-401")
    for check in ("auth-as-state-preserved", "auth-as-pkce-enforced", "auth-as-registration-works", "ping",
                  "auth-every-request-authorized", "auth-query-token-refused"):
        assert refserver.statuses(report, check) == {"pass"}, check
