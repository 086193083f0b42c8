"""Client conformance behind OAuth (scenarios/auth.py): the reference client on the mcp SDK passes every
protected scenario on every revision it applies to; a client without OAuth support is skipped, not
failed; no minted credential reaches a report, kept traffic or the client's stderr; the scripted
authorization server refuses what a real one refuses; and the judges give correct clients no verdict
they do not deserve. (Each raw-client defect is proven in test_client_conformance.py.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from validator.conformance.clientside import authserver
from validator.conformance.clientside.api import run as run_clients
from validator.conformance.clientside.model import AuthScript
from validator.conformance.clientside.runner import Options, plan
from validator.conformance.clientside.scenarios import auth, load_scenarios, select
from validator.conformance.clientside.traffic import Recorder, Traffic
from validator.conformance.clientside.verdicts import Verdicts
from validator.conformance.protocol.oauth import s256
from validator.conformance.render import FORMATS, render

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = [sys.executable, str(ROOT / "fixtures/clients/reference_client.py")]
RAW = [sys.executable, str(ROOT / "fixtures/clients/raw_client.py")]
NO_OAUTH = [sys.executable, "-c", """
import json, sys, urllib.request, urllib.error
body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
                   "capabilities": {}, "clientInfo": {"name": "plain", "version": "1"}}}).encode()
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[-1], body, {"Content-Type": "application/json",
                           "Accept": "application/json, text/event-stream"}), timeout=5)
except urllib.error.HTTPError as err:
    sys.exit(f"HTTP {err.code}: this client has no OAuth")
"""]


def run(command, scenarios=("auth-*",), **options):
    chosen = select(load_scenarios(), list(scenarios), None)
    return run_clients(Options(command=list(command), scenarios=chosen, transport="streamable-http", **options))


def test_reference_client_passes_every_protected_scenario_on_every_revision():
    report = run(REFERENCE, timeout=30, jobs=2)
    assert report.fatal is None and not report.harness_errors
    bad = [(r.check.id, r.protocol_version, r.message) for r in report.results if r.status != "pass"]
    assert bad == []
    judged = {r.protocol_version for r in report.results}
    assert judged == {"2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"}
    assert {c.id for c in auth.SCENARIOS[0].checks} <= {r.check.id for r in report.results}


def test_a_client_without_oauth_is_skipped_not_failed():
    report = run(NO_OAUTH, ["auth-metadata-default", "auth-scope-step-up"], spec_version="2025-11-25")
    assert report.fatal is None and report.results
    assert {r.status for r in report.results} == {"skip"}
    assert all("does not support OAuth" in r.message for r in report.results)
    assert report.exit_code() == 0


def test_protected_scenarios_are_http_only_and_absent_before_their_revision():
    chosen = select(load_scenarios(), ["auth-*"], None)
    assert plan(Options(command=REFERENCE, scenarios=chosen, transport="stdio")) == []
    assert plan(Options(command=REFERENCE, scenarios=chosen, spec_version="2024-11-05")) == []


def test_no_minted_credential_reaches_reports_kept_traffic_or_stderr(tmp_path):
    seen = tmp_path / "seen.txt"
    printing = [sys.executable, "-c", f"""
import runpy, sys
sys.path.insert(0, {str(ROOT / 'fixtures/clients')!r})
import raw_oauth
original = raw_oauth.OAuth.redeem
def redeem(self, form):
    original(self, form)
    print('got token', self.token, 'refresh', self.refresh, file=sys.stderr)
    with open({str(seen)!r}, 'a') as handle:
        handle.write(self.token + '\\n' + self.refresh + '\\n' + form.get('code_verifier', '') + '\\n')
raw_oauth.OAuth.redeem = redeem
sys.argv = [{str(ROOT / 'fixtures/clients/raw_client.py')!r}, '--defect', 'token-in-query', sys.argv[-1]]
try:
    runpy.run_path(sys.argv[0], run_name='__main__')
finally:
    sys.exit(3)  # a failing exit, so the report keeps the client's stderr
""", "URL"]
    report = run(printing, ["auth-metadata-default", "auth-token-refresh"], spec_version="2025-11-25",
                 traffic_dir=str(tmp_path / "traffic"))
    assert [r.check.id for r in report.results if r.status == "fail"] == ["client-token-not-in-query"]
    minted = {line for line in seen.read_text().splitlines() if line}
    assert len(minted) >= 5  # two runs' tokens, the refresh scenario's renewed one, verifiers
    stderr = "".join(c.get("client_stderr", "") for c in report.connections)
    assert "got token [REDACTED] refresh [REDACTED]" in stderr
    kept = "".join(p.read_text() for p in (tmp_path / "traffic").glob("*.jsonl"))
    outputs = [render(report, fmt) for fmt in FORMATS] + [stderr, kept]
    assert not [value for value in minted for text in outputs if value in text]


# ---- the scripted authorization server ----------------------------------------------------------------
def world(**script) -> authserver.AuthWorld:
    made = authserver.AuthWorld(AuthScript(**script), Recorder())
    made.resource_origin = "http://127.0.0.1:1"
    return made


def authorize(made, **extra) -> str:
    query = {"response_type": "code", "client_id": "c", "redirect_uri": "http://localhost:3000/cb", "state": "s1", **extra}
    answer = made.authorize_server("GET", "/authorize?" + "&".join(f"{k}={v}" for k, v in query.items()), {}, b"")
    assert answer.status == 302
    return dict(p.split("=", 1) for p in answer.headers["Location"].split("?", 1)[1].split("&"))["code"]


def token(made, form: dict, headers=None):
    body = "&".join(f"{k}={v}" for k, v in form.items()).encode()
    return made.authorize_server("POST", "/token", headers or {}, body)


def test_the_authorization_server_verifies_pkce_and_rotates_refresh_tokens():
    made = world()
    verifier = "v" * 50
    code = authorize(made, code_challenge=s256(verifier), code_challenge_method="S256")
    wrong = token(made, {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:3000/cb",
                         "code_verifier": "x" * 50})
    assert wrong.status == 400 and wrong.body["error"] == "invalid_grant"
    code = authorize(made, code_challenge=s256(verifier), code_challenge_method="S256", scope="mcp:basic")
    good = token(made, {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:3000/cb",
                        "code_verifier": verifier})
    assert good.status == 200 and good.body["scope"] == "mcp:basic"
    again = token(made, {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:3000/cb",
                         "code_verifier": verifier})
    assert again.status == 400  # a code is redeemed once
    refreshed = token(made, {"grant_type": "refresh_token", "refresh_token": good.body["refresh_token"]})
    assert refreshed.status == 200 and refreshed.body["access_token"] != good.body["access_token"]
    assert token(made, {"grant_type": "refresh_token", "refresh_token": good.body["refresh_token"]}).status == 400
    assert made.gate("POST", "/mcp", {"authorization": f"Bearer {refreshed.body['access_token']}"}, {}) is None
    refused = made.gate("POST", "/mcp", {"authorization": "Bearer nope"}, {})
    assert refused.status == 401 and 'error="invalid_token"' in refused.headers["WWW-Authenticate"]


def test_the_authorization_server_registers_and_grants_client_credentials():
    import base64

    made = world()
    registered = made.authorize_server("POST", "/register", {"content-type": "application/json"},
                                       json.dumps({"redirect_uris": ["http://localhost:3000/cb"]}).encode())
    assert registered.status == 201 and registered.body["client_secret"]
    basic = base64.b64encode(f"{registered.body['client_id']}:{registered.body['client_secret']}".encode()).decode()
    granted = token(made, {"grant_type": "client_credentials", "scope": "mcp:basic"}, {"authorization": f"Basic {basic}"})
    assert granted.status == 200 and "refresh_token" not in granted.body
    assert token(made, {"grant_type": "client_credentials"}, {"authorization": "Basic eDp5"}).status == 401


def test_the_resource_challenges_and_steps_up():
    made = world(step_up_scope="mcp:write")
    first = made.gate("POST", "/mcp", {}, {"method": "initialize"})
    assert first.status == 401
    challenge = first.headers["WWW-Authenticate"]
    assert 'resource_metadata="http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp"' in challenge
    assert 'scope="mcp:basic"' in challenge and "error=" not in challenge
    code = authorize(made, scope="mcp:basic")
    basic = token(made, {"grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:3000/cb"})
    bearer = {"authorization": f"Bearer {basic.body['access_token']}"}
    assert made.gate("POST", "/mcp", bearer, {"method": "tools/list"}) is None
    refused = made.gate("POST", "/mcp", bearer, {"method": "tools/call"})
    assert refused.status == 403 and 'error="insufficient_scope"' in refused.headers["WWW-Authenticate"]
    assert 'scope="mcp:basic mcp:write"' in refused.headers["WWW-Authenticate"]


# ---- judges on hand-made traffic -------------------------------------------------------------------
def _event(t, server, verb, path, status=200, **extra):
    base = {"server": server, "verb": verb, "path": path, "query": {}, "form": {}, "headers": {"host": "127.0.0.1:9"},
            "status": status}
    return {"t": t, "dir": "in", "msg": None, "oauth": {**base, **extra}}


def _judge(scenario_name, events, revision="2025-11-25"):
    scenario = next(s for s in auth.SCENARIOS if s.name == scenario_name)
    verdicts = Verdicts(revision, "streamable-http")
    scenario.judge(Traffic(revision, "streamable-http", events, 0), verdicts)
    return {r.check.id: (r.status, r.message) for r in verdicts.results}


def test_a_path_issuer_judged_in_mcp_order_and_a_detour_through_the_root_fails():
    prm = [_event(0.1, "resource", "POST", "/mcp", 401), _event(0.2, "resource", "GET", "/.well-known/oauth-protected-resource/mcp", 404),
           _event(0.3, "resource", "GET", "/.well-known/oauth-protected-resource")]
    good = prm + [_event(0.4, "as", "GET", "/.well-known/oauth-authorization-server/tenant1")]
    result = _judge("auth-metadata-var2", good)
    assert result["prm-root-fallback"][0] == "pass" and result["authorization-server-metadata-wrong-path"][0] == "pass"
    detour = prm + [_event(0.4, "as", "GET", "/.well-known/oauth-authorization-server", 404),
                    _event(0.5, "as", "GET", "/.well-known/oauth-authorization-server/tenant1")]
    assert _judge("auth-metadata-var2", detour)["authorization-server-metadata-wrong-path"][0] == "fail"


def test_offline_access_beside_the_challenged_scope_is_not_held_against_a_client():
    events = [_event(0.1, "resource", "POST", "/mcp", 401), _event(0.2, "as", "GET", "/.well-known/oauth-authorization-server"),
              _event(0.3, "as", "GET", "/authorize", 302, query={"scope": "mcp:basic offline_access", "state": "x"})]
    assert _judge("auth-metadata-default", events)["scope-from-www-authenticate"][0] == "pass"


def test_a_client_that_never_calls_the_tool_is_not_judged_on_step_up():
    events = [_event(0.1, "resource", "POST", "/mcp", 401), _event(0.2, "as", "GET", "/.well-known/oauth-authorization-server")]
    assert _judge("auth-scope-step-up", events)["scope-step-up-escalation"][0] == "skip"


def test_a_stray_request_of_a_client_without_oauth_is_not_taken_for_an_oauth_attempt():
    # a client that falls back to the legacy HTTP+SSE transport on the 401 probes another path
    events = [_event(0.1, "resource", "POST", "/mcp", 401), _event(0.2, "resource", "GET", "/sse", 404)]
    result = _judge("auth-metadata-default", events)
    assert {status for status, _ in result.values()} == {"skip"}
    assert all("does not support OAuth" in message for _, message in result.values())


def test_the_stdio_fixture_server_refuses_a_protected_scenario():
    import subprocess

    done = subprocess.run([sys.executable, "-m", "validator", "fixture-server", "--scenario", "auth-metadata-default"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, cwd=ROOT)
    assert done.returncode == 2 and "Streamable HTTP only" in done.stderr and "Traceback" not in done.stderr


HOSTILE = """
import json, sys, urllib.request, urllib.error
from urllib.parse import urlsplit
url = sys.argv[-1]
origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
def hit(target, body=None, headers=None, method="GET"):
    try:
        urllib.request.urlopen(urllib.request.Request(target, body, headers or {}, method=method), timeout=5).read()
    except Exception:
        pass
hit(url, b"{}", {"Content-Type": "application/json"}, "POST")
prm = json.loads(urllib.request.urlopen(origin + "/.well-known/oauth-protected-resource/mcp", timeout=5).read())
issuer = prm["authorization_servers"][0]
hit(issuer + "/.well-known/oauth-authorization-server")
hit(issuer + "/register", b"[1, 2]", {"Content-Type": "application/json"}, "POST")
hit(issuer + "/register", b"redirect_uris=x", {"Content-Type": "application/x-www-form-urlencoded"}, "POST")
hit(issuer + "/authorize?response_type=code&client_id=%00&redirect_uri=javascript:x&code_challenge=" + "x" * 5000)
hit(issuer + "/authorize?response_type=code&client_id=c&redirect_uri=http://localhost/cb&code_challenge=abc&state=s")
hit(issuer + "/token", json.dumps({"grant_type": "authorization_code", "code": 5, "code_verifier": 7}).encode(),
    {"Content-Type": "application/json"}, "POST")
hit(issuer + "/token", b"grant_type=client_credentials", {"Authorization": "Basic !!!"}, "POST")
hit(issuer + "/token", b"\\xff\\xfe", {"Content-Length": "abc"}, "POST")
hit(url + "?access_token=nope", b"{}", {"Authorization": "Bearer \\u00e9"}, "POST")
"""


def test_a_hostile_client_gets_verdicts_never_a_traceback():
    report = run([sys.executable, "-c", HOSTILE], ["auth-metadata-default"], spec_version="2025-11-25")
    assert report.fatal is None and not report.harness_errors
    statuses = {r.check.id: r.status for r in report.results}
    assert set(statuses) == {c.id for c in auth.SCENARIOS[0].checks if c.applies("2025-11-25", "streamable-http")}
    # judged on what it sent: a challenge without a method (plain), a code never redeemed, no token
    assert statuses["pkce-code-challenge-sent"] == "pass" and statuses["pkce-s256-method-used"] == "fail"
    assert statuses["pkce-verifier-matches-challenge"] == "skip" and statuses["client-bearer-header"] == "skip"
