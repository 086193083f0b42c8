"""Client judges on hand-made traffic: verdicts a correct client must never get (a newer revision
offered, completion/complete under 2024-11-05, a second session's own id, a notification-free
flow), and the declined-revision rule."""

from __future__ import annotations

from validator.conformance.clientside.scenarios import http, lifecycle, listen
from validator.conformance.clientside.traffic import Traffic
from validator.conformance.clientside.verdicts import Verdicts


def _in(msg, **extra):
    return {"t": 0.0, "dir": "in", "msg": msg, **extra}


def _out(msg, **extra):
    return {"t": 0.0, "dir": "out", "msg": msg, **extra}


def init(version="2025-11-25", rid=1):
    return {"jsonrpc": "2.0", "id": rid, "method": "initialize",
            "params": {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "c", "version": "1"}}}


INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}


def judged(judge, traffic):
    verdicts = Verdicts(traffic.revision, traffic.transport)
    judge(traffic, verdicts)
    return {r.check.id: (r.status, r.message) for r in verdicts.results}


def test_a_newer_revision_offered_is_not_a_failure():
    traffic = Traffic("2025-11-25", "stdio", [_in(init("2027-01-01")), _in(INITIALIZED)], 0,
                      server_capabilities={"tools": {}})
    result = judged(lifecycle.judge_initialize, traffic)
    assert result["mcp-client-initialization"][0] == "pass"
    assert "does not know" in result["mcp-client-initialization"][1]
    garbled = Traffic("2025-11-25", "stdio", [_in(init("latest")), _in(INITIALIZED)], 0, server_capabilities={"tools": {}})
    assert judged(lifecycle.judge_initialize, garbled)["mcp-client-initialization"][0] == "fail"


def test_completion_is_ungated_in_2024_11_05_and_gated_after():
    complete = {"jsonrpc": "2.0", "id": 2, "method": "completion/complete", "params": {}}
    for revision, status in (("2024-11-05", "pass"), ("2025-03-26", "warn"), ("2025-06-18", "fail")):
        traffic = Traffic(revision, "stdio", [_in(init(revision)), _in(INITIALIZED), _in(complete)], 0,
                          server_capabilities={"tools": {}})
        assert judged(lifecycle.judge_initialize, traffic)["client-negotiated-capabilities"][0] == status, revision


def test_each_session_keeps_its_own_id_and_initialize_needs_none():
    def post(msg, session=None, version=None):
        headers = {"accept": "application/json, text/event-stream"}
        if session:
            headers["mcp-session-id"] = session
        if version:
            headers["mcp-protocol-version"] = version
        return _in(msg, http="POST", headers=headers)

    events = [post(init()), post(INITIALIZED, "s1", "2025-11-25"), post(init(rid=5)),
              post({"jsonrpc": "2.0", "id": 6, "method": "tools/list"}, "s2", "2025-11-25"),
              _in(None, http="DELETE", headers={"mcp-session-id": "s2", "mcp-protocol-version": "2025-11-25"})]
    traffic = Traffic("2025-11-25", "streamable-http", events, 0, sessions=["s1", "s2"])
    result = judged(http.judge_headers, traffic)
    assert {k: v[0] for k, v in result.items()} == {"client-accept-header": "pass", "client-session-id-echoed": "pass",
                                                    "client-protocol-version-header": "pass", "client-session-delete": "pass"}
    events[3] = post({"jsonrpc": "2.0", "id": 6, "method": "tools/list"}, "forged", "2025-11-25")
    assert judged(http.judge_headers, Traffic("2025-11-25", "streamable-http", events, 0, sessions=["s1", "s2"]))[
        "client-session-id-echoed"][0] == "fail"


def test_declined_revision_only_when_another_version_was_offered_and_nothing_followed():
    assert Traffic("2024-11-05", "stdio", [_in(init("2025-11-25"))]).declined_revision()
    assert not Traffic("2025-11-25", "stdio", [_in(init("2025-11-25"))]).declined_revision()
    assert not Traffic("2024-11-05", "stdio", [_in(init("2025-11-25")), _in(INITIALIZED)]).declined_revision()


def _listen_request(params, rid=3):
    meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
    return {"jsonrpc": "2.0", "id": rid, "method": "subscriptions/listen", "params": {"_meta": meta, **params}}


def test_listen_judge_skips_a_client_that_never_listens_and_reads_the_filter_per_the_schema():
    silent = Traffic("2026-07-28", "stdio", [_in({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}})], 0)
    assert {status for status, _ in judged(listen.judge, silent).values()} == {"skip"}
    # every field optional (an empty filter is valid); resource URIs a list of strings; the filter itself required
    for params, status in (({"notifications": {}}, "pass"),
                           ({"notifications": {"resourceSubscriptions": ["file:///a"], "promptsListChanged": False}}, "pass"),
                           ({"notifications": {"resourceSubscriptions": "file:///a"}}, "fail"),
                           ({}, "fail")):
        traffic = Traffic("2026-07-28", "stdio", [_in(_listen_request(params))], 0)
        result = judged(listen.judge, traffic)
        assert result["client-listen-request-valid"][0] == status, params
        assert result["client-listen-list-changed-refetch"][0] == "skip"  # no change was sent
    no_meta = _listen_request({"notifications": {"toolsListChanged": True}})
    del no_meta["params"]["_meta"]
    assert judged(listen.judge, Traffic("2026-07-28", "stdio", [_in(no_meta)], 0))["client-listen-request-valid"][0] == "fail"
