"""Real clients under client conformance (docs/conformance/real-clients.md explains each result):
the mcp SDK's Client as a user starts it (mode auto: a server/discover probe, then initialize),
the TypeScript SDK's Client, and two agent frameworks' MCP layers (langchain-mcp-adapters, the
OpenAI Agents SDK), all
driven by harnesses in tests/conformance/clients/ with no model and no network."""

from __future__ import annotations

import sys
from pathlib import Path

from validator.conformance.clientside.api import run as run_clients
from validator.conformance.clientside.runner import Options, run_all
from validator.conformance.clientside.scenarios import load_scenarios, select

from . import client_peers

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run(command, scenarios=(), **options):
    return run_clients(Options(command=[str(c) for c in command], scenarios=select(load_scenarios(), list(scenarios), None),
                               **options))


def problems(report):
    return sorted({(r.check.id, r.status) for r in report.checks if r.status in ("fail", "warn")})


def test_typescript_sdk_client_passes_every_scenario():
    env = client_peers.node_env(client_peers.ts_sdk_modules())
    unprotected = [s.name for s in load_scenarios() if s.script.auth is None]
    for revision in ("2025-11-25", "2024-11-05"):
        report = run(["node", HERE / "clients/ts_sdk_harness.cjs"], unprotected, spec_version=revision, jobs=2, environment=env)
        assert report.fatal is None and report.server == {"name": "ts-sdk-harness", "version": "1.0.0"}
        assert problems(report) == [], [(r.check.id, r.message) for r in report.checks if r.status != "pass"]
        assert all(c["messages_from_client"] > 0 for c in report.connections)
    # it speaks only the handshake revisions: under 2026-07-28 it sends initialize, and is skipped there
    modern = run(["node", HERE / "clients/ts_sdk_harness.cjs"], ["request-metadata"], spec_version="2026-07-28",
                 transport="streamable-http", environment=env)
    assert {r.status for r in modern.checks} == {"skip"} and "does not speak 2026-07-28" in modern.checks[0].message


def test_typescript_sdk_client_behind_oauth_fails_the_pkce_refusal_and_issuer_check_and_warns_on_step_up():
    env = client_peers.node_env(client_peers.ts_sdk_modules())
    harness = ["node", HERE / "clients/ts_sdk_harness.cjs"]
    for revision in ("2025-11-25", "2025-06-18", "2025-03-26"):
        report = run(harness, ["auth-*"], spec_version=revision, transport="streamable-http", jobs=2, environment=env)
        assert report.fatal is None and not report.harness_errors
        issuer = [("sep-2468-client-validate-metadata-issuer", "fail")] if revision != "2025-03-26" else []
        newest = [("client-pkce-support-verified", "fail"), ("scope-step-up-escalation", "warn")] if revision == "2025-11-25" else []
        expected = sorted(issuer + newest)
        assert problems(report) == expected, [(r.check.id, r.message) for r in report.checks if r.status != "pass"]
        assert not [r for r in report.checks if r.status == "skip"], revision  # it did OAuth everywhere
    # the refusal it lacks: authorizing against metadata without code_challenge_methods_supported
    pkce = run(harness, ["auth-pkce-not-advertised"], spec_version="2025-11-25", transport="streamable-http", environment=env)
    assert "does not advertise PKCE S256" in pkce.checks[0].message
    # on 403 insufficient_scope it refreshes (no scope, cannot widen) instead of re-authorizing
    step = run(harness, ["auth-scope-step-up"], spec_version="2025-11-25", transport="streamable-http", environment=env)
    assert "refreshed its token after the 403" in step.checks[0].message
    # it registers with metadata whose issuer is not the one it looked up (its auth.js: "this version does
    # not check that the metadata document echoes the URL it was fetched from")
    issuer = run(harness, ["auth-metadata-issuer-mismatch"], spec_version="2025-11-25", transport="streamable-http",
                 environment=env)
    assert "(POST /register)" in issuer.checks[0].message


def test_mcp_sdk_client_in_auto_mode_probes_then_initializes_and_passes():
    command = [sys.executable, ROOT / "fixtures/clients/reference_client.py"]
    report = run(command, spec_version="2025-06-18", jobs=2, environment={"REFERENCE_CLIENT_MODE": "auto"})
    assert problems(report) == []
    init = next(r for r in report.checks if r.check.id == "mcp-client-initialization")
    assert "server/discover probe" in init.message


def test_langchain_mcp_adapters_layer():
    python = client_peers.langchain_python()
    scenarios = ["initialize", "tools_call", "tools-list-pagination", "http-headers", "json-schema-2020-12-preservation",
                 "sampling", "tools-call-error"]
    report = run([python, HERE / "clients/langchain_harness.py"], scenarios, spec_version="2025-11-25", jobs=2, timeout=60)
    assert report.fatal is None and problems(report) == []
    sampling = next(r for r in report.checks if r.check.id == "client-sampling-answered")
    assert sampling.status == "skip" and "declared no sampling capability" in sampling.message
    # it opens a session per tool call: each initialize gets its own Mcp-Session-Id, all echoed
    [headers] = run_all(Options(command=[str(python), str(HERE / "clients/langchain_harness.py")],
                                scenarios=select(load_scenarios(), ["http-headers"], None), spec_version="2025-11-25",
                                transport="streamable-http"))
    assert len(headers.traffic.requests("initialize")) >= 2
    assert len(headers.traffic.sessions) == len(headers.traffic.requests("initialize"))
    assert {r.status for r in headers.results} == {"pass"}


def test_openai_agents_layer_passes_but_its_tool_cache_ignores_list_changed():
    python = client_peers.openai_agents_python()
    scenarios = ["initialize", "tools_call", "tools-list-pagination", "http-headers", "json-schema-2020-12-preservation",
                 "tools-list-changed", "sse-retry", "request-metadata"]
    report = run([python, HERE / "clients/openai_agents_harness.py"], scenarios, spec_version="2025-11-25", jobs=2, timeout=60)
    modern = run([python, HERE / "clients/openai_agents_harness.py"], ["request-metadata", "input-required"],
                 spec_version="2026-07-28", transport="streamable-http", timeout=60)
    # it raises on an InputRequiredResult instead of retrying (its ClientSession.call_tool lacks allow_input_required)
    assert problems(modern) == [("sep-2322-client-request-state-echoed", "warn")]
    assert {r.status for r in modern.checks if r.check.scenario == "request-metadata"} == {"pass"}
    assert report.fatal is None
    # cache_tools_list=True: the cache is invalidated only by invalidate_tools_cache(), never by the
    # server's notifications/tools/list_changed (docs/conformance/real-clients.md)
    assert problems(report) == [("client-list-changed-refetch", "warn")]
