"""Every check is proven: flagged with its reference-server fault on, and (see
test_conformance_reference.py) passing on the clean reference server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from validator.conformance.areas import all_checks

from . import refserver

# fault, check id, expected status, transport, spec version, scenarios to run.
# Core cases live here; each scenario area adds its own in tests/conformance/cases_<area>.py
# (a module with `CASES = [...]` in the same shape, using the transport names below).
STDIO, HTTP, SSE = "stdio", "streamable-http", "sse"
CASES = [
    ("init-missing-server-info", "server-initialize", "fail", STDIO, "2025-11-25", ["server-initialize"]),
    ("session-id-non-ascii", "server-session-id-visible-ascii", "fail", HTTP, "2025-11-25", ["server-initialize"]),
    ("negotiate-bogus-version", "server-version-negotiation", "fail", STDIO, "auto", ["version-negotiation"]),
    ("unknown-version-echo", "server-unknown-version", "fail", STDIO, "2025-11-25", ["version-negotiation"]),
    ("discover-mismatch", "era-consistent", "warn", STDIO, "auto", ["version-negotiation"]),
    ("ping-non-empty", "ping", "fail", STDIO, "2025-11-25", ["ping"]),
    ("ping-unsupported", "ping", "fail", STDIO, "2025-11-25", ["ping"]),
    ("declared-prompts-not-served", "capabilities-declared-served", "warn", STDIO, "2025-11-25", ["server-capabilities"]),
    ("undeclared-logging-served", "logging-undeclared-silent", "fail", STDIO, "2025-11-25", ["server-capabilities", "logging-messages"]),
    ("cancel-unknown-crash", "cancel-unknown-request-tolerated", "warn", STDIO, "2025-11-25", ["server-cancellation"]),
    ("request-before-initialized", "no-requests-before-initialized", "warn", STDIO, "2025-11-25", ["server-operation"]),
    ("redirect-cross-origin", "http-no-cross-origin-redirect", "warn", HTTP, "2025-11-25", ["http-post-responses"]),
    ("request-flood", "server-requests-bounded", "warn", STDIO, "2025-11-25", ["server-operation"]),
    ("sampling-undeclared", "no-undeclared-client-requests", "fail", STDIO, "2025-11-25", ["server-capabilities", "server-operation"]),
    ("id-mangled-large", "jsonrpc-response-id-matches", "fail", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("id-as-string", "jsonrpc-response-id-matches", "fail", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("id-as-string", "jsonrpc-response-id-matches", "fail", HTTP, "2025-11-25", ["jsonrpc-requests"]),
    ("unknown-method-wrong-code", "jsonrpc-unknown-method", "warn", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("invalid-params-wrong-code", "jsonrpc-invalid-params", "warn", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("read-no-uri-wrong-code", "jsonrpc-invalid-params", "warn", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("answer-notifications", "jsonrpc-notification-no-reply", "fail", STDIO, "2025-11-25", ["jsonrpc-requests"]),
    ("answer-notifications", "jsonrpc-notification-no-reply", "fail", HTTP, "2025-11-25", ["jsonrpc-requests"]),
    ("parse-error-ignored", "jsonrpc-parse-error", "warn", STDIO, "2025-11-25", ["jsonrpc-probes"]),
    ("parse-error-ignored", "jsonrpc-parse-error", "warn", HTTP, "2025-11-25", ["jsonrpc-probes"]),
    ("invalid-request-wrong-code", "jsonrpc-invalid-request", "warn", STDIO, "2025-11-25", ["jsonrpc-probes"]),
    ("batch-unsupported", "jsonrpc-batch-supported", "fail", STDIO, "2025-03-26", ["jsonrpc-probes"]),
    ("batch-always-accepted", "jsonrpc-batch-rejected", "warn", STDIO, "2025-11-25", ["jsonrpc-probes"]),
    ("exit-on-batch", "jsonrpc-batch-rejected", "fail", STDIO, "2025-11-25", ["jsonrpc-probes"]),
    ("wrong-jsonrpc-version", "jsonrpc-message-valid", "fail", STDIO, "2025-11-25", ["ping", "jsonrpc-messages"]),
    ("result-and-error", "jsonrpc-response-shape", "fail", STDIO, "2025-11-25", ["jsonrpc-requests", "jsonrpc-messages"]),
    ("notification-with-id", "jsonrpc-notification-has-no-id", "fail", STDIO, "2025-11-25", ["jsonrpc-messages"]),
    ("server-request-null-id", "jsonrpc-server-request-ids", "fail", STDIO, "2025-11-25", ["jsonrpc-messages"]),
    ("stdout-banner", "stdio-stdout-only-mcp", "fail", STDIO, "2025-11-25", ["stdio-transport"]),
    ("pretty-print", "stdio-newline-framing", "fail", STDIO, "2025-11-25", ["ping", "stdio-transport"]),
    ("invalid-utf8", "stdio-utf8", "fail", STDIO, "2025-11-25", ["ping", "stdio-transport"]),
    # "ping" gives the run a request after the handshake, so the death is observed before the collect phase
    ("die-after-initialized", "stdio-startup", "fail", STDIO, "2025-11-25", ["stdio-transport", "ping"]),
    ("ignore-stdin-eof", "stdio-clean-exit", "warn", STDIO, "2025-11-25", ["stdio-shutdown"]),
    ("initialized-200", "server-session-initialized-accepted", "fail", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("session-missing-404", "http-session-required", "warn", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("unknown-session-400", "http-unknown-session-404", "warn", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("delete-500", "server-session-delete-accepted", "warn", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("delete-keeps-session", "server-session-terminated-returns-404", "fail", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("no-origin-check", "localhost-host-rebinding-rejected", "fail", HTTP, "2025-11-25", ["dns-rebinding-protection"]),
    ("no-origin-check", "http-origin-rejected", "fail", HTTP, "2025-11-25", ["dns-rebinding-protection"]),
    ("origin-500", "localhost-host-valid-accepted", "fail", HTTP, "2025-11-25", ["dns-rebinding-protection"]),
    ("origin-400", "http-origin-rejected", "fail", HTTP, "2025-11-25", ["dns-rebinding-protection"]),
    ("json-as-text-plain", "http-post-content-type", "fail", HTTP, "2025-11-25", ["http-post-responses"]),
    ("ping-400-text-plain", "ping", "fail", HTTP, "2025-11-25", ["ping"]),
    ("sse-no-priming", "http-sse-priming-event", "warn", HTTP, "2025-11-25", ["ping", "http-post-responses"]),
    ("sse-event-id-reused", "http-sse-event-ids-unique", "fail", HTTP, "2025-11-25", ["ping", "http-get-stream", "http-post-responses"]),
    ("get-200-json", "http-get-stream-or-405", "fail", HTTP, "2025-11-25", ["http-get-stream"]),
    ("get-stream-response", "http-get-stream-no-responses", "fail", HTTP, "2025-11-25", ["http-get-stream"]),
    ("ignore-protocol-version-header", "http-protocol-version-invalid-400", "fail", HTTP, "2025-11-25", ["http-protocol-version"]),
    ("require-protocol-version-header", "http-protocol-version-absent-accepted", "warn", HTTP, "2025-11-25", ["http-protocol-version"]),
    ("sse-message-before-endpoint", "sse-endpoint-event", "fail", SSE, "2025-11-25", ["sse-transport"]),
    ("sse-notification-post-400", "sse-post-accepted", "fail", SSE, "2025-11-25", ["sse-transport"]),
    ("sse-broadcast", "sse-responses-on-own-stream", "fail", SSE, "2024-11-05", ["sse-isolation"]),
    ("no-origin-check", "sse-origin-rejected", "fail", SSE, "2025-11-25", ["sse-transport"]),
    ("tools-list-invalid", "sdk-client-interop", "warn", STDIO, "2025-11-25", ["sdk-interop"]),
]


def _area_cases() -> list[tuple]:
    """Fault cases of the scenario areas, one module each: tests/conformance/cases_<area>.py."""
    import importlib
    import pkgutil
    from pathlib import Path

    found = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("cases_"):
            found.extend(importlib.import_module(f"{__package__}.{info.name}").CASES)
    return found


def _area_tolerated() -> list[tuple]:
    """Tolerated variants of the scenario areas (`TOLERATED` in tests/conformance/cases_<area>.py)."""
    import importlib
    import pkgutil
    from pathlib import Path

    found = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("cases_"):
            found.extend(getattr(importlib.import_module(f"{__package__}.{info.name}"), "TOLERATED", []))
    return found


CASES += _area_cases()
WIRE_FAULT = "bad-server-info-type"
# Behaviours the spec leaves to the server: switched on, the check must still pass
TOLERATED = [
    ("sse-malformed-post-400", "sse-post-accepted", SSE, "2025-11-25", ["sse-transport", "jsonrpc-probes"]),
    ("sse-parse-error-in-post-body", "jsonrpc-parse-error", SSE, "2025-11-25", ["jsonrpc-probes"]),
    ("dual-era-pinned", "server-unknown-version", SSE, "auto", ["version-negotiation"]),
    ("dual-era-pinned", "server-unknown-version", STDIO, "auto", ["version-negotiation"]),
    ("reject-any-origin", "localhost-host-valid-accepted", HTTP, "2025-11-25", ["dns-rebinding-protection"]),
    ("reject-any-origin", "localhost-host-valid-accepted", HTTP, "2025-03-26", ["dns-rebinding-protection"]),
    ("session-optional", "http-session-required", HTTP, "2025-11-25", ["server-session-lifecycle"]),
    ("meta-mcp-own-keys", "meta-key-reserved-prefix", STDIO, "2025-11-25", ["resources-read", "meta-keys"]),
    ("empty-default-handlers", "capabilities-undeclared-not-served", STDIO, "2025-11-25", ["server-capabilities"]),
    ("empty-default-handlers", "capabilities-undeclared-not-served", STDIO, "2024-11-05", ["server-capabilities"]),
    # holdout 13: the Go SDK accepts logging/setLevel for every server; only messages sent undeclared break the MUST
    ("undeclared-logging-served", "capabilities-undeclared-not-served", STDIO, "2025-11-25", ["server-capabilities"]),
    ("result-type-everywhere", "ping", STDIO, "2025-11-25", ["ping"]),
    ("result-type-everywhere", "logging-set-level", STDIO, "2025-06-18", ["logging-set-level"]),
    ("startup-lock", "server-version-negotiation", STDIO, "auto", ["version-negotiation"]),
    ("slow-startup", "jsonrpc-parse-error", STDIO, "auto", ["jsonrpc-probes"]),
    # leanspec-mcp 0.3.0 has no ping: the cancellation checks judge whether it answers as before, not ping itself
    ("ping-unsupported", "cancel-in-flight-tolerated", STDIO, "2025-11-25", ["cancellation"]),
    ("ping-unsupported", "cancel-unknown-request-tolerated", STDIO, "2025-11-25", ["server-cancellation"]),
    ("ping-unsupported", "tools-call-invalid-arguments-handled", STDIO, "2025-11-25", ["tools-call"]),
]
TOLERATED += _area_tolerated()
RUN_LEVEL_FAULTS = {"modern-only",  # proven in test_conformance_harness.py (era modern)
                    "auth-as-login-page", "auth-sse-only", "auth-static-token",  # proven in test_conformance_auth.py
                    "exit-on-malformed-json", "crash-at-startup"}  # proven below: one failure, every other check passes
NOT_FAULTED = {"wire-schema-valid"}  # proven by test_wire_check below (needs the wire models)


def _run(fault, transport, version, scenarios):
    if transport in ("protected", "protected+token"):  # the protected reference server (cases_auth.py)
        return refserver.run_protected(fault, token=transport.endswith("+token"), spec_version=version,
                                       scenarios=scenarios, timeout=3.0)
    if transport.startswith("protected-sse"):  # its legacy HTTP+SSE endpoint, --transport sse
        return refserver.run_protected(fault, token=transport.endswith("+token"), path="/sse", transport="sse",
                                       spec_version=version, scenarios=scenarios, timeout=3.0)
    if transport == "protected+code":  # the authorization-code flow obtains the token (cases_auth.py)
        return refserver.run_protected(fault, token=False, spec_version=version, scenarios=scenarios, timeout=3.0,
                                       oauth_flow="authorization-code")
    if transport == STDIO:
        return refserver.run(command=refserver.command(fault), spec_version=version, scenarios=scenarios, timeout=3.0)
    with refserver.http_server(fault) as base:
        url = base + ("/mcp" if transport == HTTP else "/sse")
        return refserver.run(url=url, transport=transport, spec_version=version, scenarios=scenarios, timeout=3.0)


@pytest.mark.parametrize("fault,check,expected,transport,version,scenarios", CASES,
                         ids=[f"{c[1]}-{c[3]}" for c in CASES])
def test_fault_is_flagged(fault, check, expected, transport, version, scenarios):
    report = _run(fault, transport, version, scenarios)
    assert report.fatal is None, report.fatal
    got = refserver.statuses(report, check)
    assert expected in got, f"{check} with fault {fault}: {got} — " + "; ".join(
        r.message for r in report.checks if r.check.id == check)
    assert not report.harness_errors


@pytest.mark.parametrize("variant,check,transport,version,scenarios", TOLERATED, ids=[f"{c[0]}-{c[2]}" for c in TOLERATED])
def test_tolerated_variant_passes(variant, check, transport, version, scenarios):
    report = _run(variant, transport, version, scenarios)
    assert report.fatal is None, report.fatal
    assert refserver.statuses(report, check) == {"pass"}, "; ".join(
        r.message for r in report.checks if r.check.id == check)
    assert not report.harness_errors


def test_every_check_has_a_fault():
    from .modern_cases import CASES as MODERN_CASES  # 2026-07-28 checks, proven on modern_server.py

    proven = {case[1] for case in CASES} | {case[1] for case in MODERN_CASES} | NOT_FAULTED
    missing = sorted({c.id for c in all_checks()} - proven)
    assert not missing, f"checks without a fault case: {missing}"


def test_every_fault_is_registered_and_used():
    import sys

    sys.path.insert(0, str(refserver.REFERENCE.parent))
    import faults

    registered = set(faults.load())
    used = {case[0] for case in CASES} | {case[0] for case in TOLERATED} | {WIRE_FAULT} | RUN_LEVEL_FAULTS
    assert used <= registered
    assert registered - used == set(), f"faults no test uses: {sorted(registered - used)}"


def test_wire_check():
    from validator.conformance.protocol import wire_adapter

    report = refserver.run(command=refserver.command(WIRE_FAULT), scenarios=["server-initialize", "wire"])
    results = [r for r in report.checks if r.check.id == "wire-schema-valid"]
    assert results
    validate, why_not = wire_adapter.load()
    if validate is None:
        assert {r.status for r in results} == {"skip"} and all(why_not in r.message for r in results)
    else:
        flagged = [r for r in results if r.check.scenario == "server-initialize"]
        assert flagged and flagged[0].status == "fail", [r.message for r in results]
    assert "fail" in refserver.statuses(report, "server-initialize")


def _problems(report) -> list:
    return [r for r in report.checks if r.status in ("fail", "warn")]


def test_crash_on_malformed_json_is_one_failure():
    """The truncated-JSON probe has a process of its own: its crash fails that check alone."""
    report = refserver.run(command=refserver.command("exit-on-malformed-json"), spec_version="auto", timeout=3.0)
    assert report.fatal is None, report.fatal
    assert {r.check.id for r in _problems(report)} == {"jsonrpc-parse-error"}, [
        (r.check.id, r.message) for r in _problems(report)]
    assert all("died" in r.message for r in _problems(report))
    assert not report.harness_errors


def test_broadcast_answers_are_one_failure_not_misread_answers():
    """A server writing every answer to every open SSE stream (supergateway 4.0.0) fails the
    isolation check alone: with request ids unique across the run, another connection's answers
    and progress are never taken for this connection's (before, its era read `dual` from one)."""
    with refserver.http_server("sse-broadcast") as base:
        report = refserver.run(url=base + "/sse", transport="sse", spec_version="2025-03-26", timeout=3.0)
    assert report.fatal is None, report.fatal
    assert {r.check.id for r in _problems(report)} == {"sse-responses-on-own-stream"}, [
        (r.check.id, r.message) for r in _problems(report)]
    assert report.era == "legacy"
    assert not report.harness_errors


def test_checks_after_a_crash_are_blocked_by_it():
    """A crash on the shared session: later probes are skips naming the crashing scenario and check."""
    report = refserver.run(command=refserver.command("cancel-unknown-crash"), spec_version="2025-11-25", timeout=3.0)
    assert report.fatal is None, report.fatal
    # the crash itself, and stdio-startup's observation that the server went away
    assert {r.check.id for r in _problems(report)} == {"cancel-unknown-request-tolerated", "stdio-startup"}
    blocked = [r for r in report.checks if r.message.startswith("blocked by")]
    assert {r.check.id for r in blocked} >= {"logging-level-filter", "cancel-in-flight-tolerated"}
    assert all(r.status == "skip" and "server-cancellation (cancel-unknown-request-tolerated)" in r.message for r in blocked)


def test_a_server_that_exits_on_its_own_is_one_failure():
    """A 2026-07-28 process that exits a moment after its first request, whatever it is asked (holdout 13: biomcp on
    rmcp 1.7.0 without `initialize`): stdio-startup fails once; what the run asked after the exit is not evaluated,
    not failed as "no answer" at the level of checks nothing showed broken."""
    server = Path(__file__).resolve().parents[2] / "fixtures" / "servers" / "exits_early_server.py"
    report = refserver.run(command=[sys.executable, str(server), "--after", "0.15"], spec_version="2026-07-28", timeout=3.0)
    assert report.fatal is None, report.fatal
    startup = [r for r in report.checks if r.check.id == "stdio-startup"]
    assert startup and all(r.status == "fail" and "went away" in r.message for r in startup), startup
    late = [r for r in report.checks if "already gone away" in r.message]
    assert late and all(r.status == "skip" for r in late)
    assert not [r for r in report.checks if r.status == "fail" and "server is gone" in r.message]
    assert not report.harness_errors


def test_batches_judged_by_the_revision_under_test():
    """2024-11-05 has no batch rule (2025-03-26 added batching, 2025-06-18 removed it): a server that
    processes batches is judged by neither rule on 2024-11-05, and by BASE-012 on 2025-06-18."""
    report = _run("batch-always-accepted", STDIO, "auto", ["jsonrpc-probes"])
    by_revision = {(r.check.id, r.protocol_version): r.status for r in report.checks if r.check.id.startswith("jsonrpc-batch")}
    assert not [key for key in by_revision if key[1] == "2024-11-05"], by_revision
    assert by_revision[("jsonrpc-batch-rejected", "2025-06-18")] == "warn"
    assert by_revision[("jsonrpc-batch-supported", "2025-03-26")] == "pass"


def test_label_and_verdict_agree():
    """A warning under a MUST check is labelled with the level it was judged at (prompts/get may
    answer -32603: no MUST is broken, so the warning is derived)."""
    report = _run("prompt-get-internal-error", STDIO, "2025-11-25", ["prompts-get-simple"])
    result = next(r for r in report.checks if r.check.id == "prompts-get-simple")
    assert (result.status, result.level, result.to_dict()["level"]) == ("warn", "derived", "derived")
    assert all(r.level == "MUST" for r in report.checks if r.status == "fail")


def test_http_refusal_reported_at_once():
    """An immediate 400 text/plain is reported as what came back, not as a timeout after the wait."""
    import time

    with refserver.http_server("ping-400-text-plain") as base:
        started = time.monotonic()
        report = refserver.run(url=base + "/mcp", transport=HTTP, scenarios=["ping"], timeout=10.0)
        elapsed = time.monotonic() - started
    message = next(r.message for r in report.checks if r.check.id == "ping")
    assert "HTTP 400 text/plain: Bad Request: ping is not served here" in message and "handler.go" not in message, message
    assert elapsed < 10.0, elapsed  # under the 10 s wait: the refusal ended it, not the timeout (a logical bound)


def test_start_up_crash_says_why():
    """The reason line of a start-up crash, not its last stack frames."""
    report = refserver.run(command=refserver.command("crash-at-startup"), timeout=3.0)
    assert report.fatal and "RuntimeError: MCP_REF_TOKEN is not set" in report.fatal, report.fatal
    assert "read_config" not in report.fatal



@pytest.mark.parametrize("fault,expected", [(None, "pass"), ("no-origin-check", "fail")])
def test_rebinding_probe_redirected_to_the_forged_host_reaches_the_server(fault, expected):
    """Starlette's `/mcp` → `/mcp/` redirect names the forged Host (mcp-server-motherduck 0.6.4): the
    probe follows it to the server it connected to, never to the name, and judges what the app answers
    there (403 passes; the fault's 200 fails). It used to look evil.example up and report 'HTTP 0'."""
    import sys

    args = [sys.executable, str(refserver.ROOT / "fixtures" / "servers" / "slash_redirect_server.py"), "--port", "0"]
    with refserver.listening(args + (["--fault", fault] if fault else []), "slash-redirect server") as url:
        report = refserver.run(url=url, transport=HTTP, spec_version="2025-11-25",
                               scenarios=["dns-rebinding-protection"], timeout=3.0)
    assert report.fatal is None, report.fatal
    rebinding = [r for r in report.checks if r.check.id == "localhost-host-rebinding-rejected"]
    assert {r.status for r in rebinding} == {expected}, [r.message for r in rebinding]
    assert all("HTTP 0" not in r.message for r in rebinding)
    assert not report.harness_errors


def test_prompt_argument_value_taken_from_its_description():
    """`action` described "list | get | run" is got with `list` (the description's first alternative);
    `code`, undescribed, is guessed, and the server's -32603 for the guess is noted, not warned."""
    report = _run("prompt-values-validated", STDIO, "2025-11-25", ["prompts-get-with-args"])
    result = next(r for r in report.checks if r.check.id == "prompts-get-with-args")
    assert result.status == "pass", result.message
    assert "manage" in result.message and "lookup" not in result.message
    assert any("lookup → error -32603" in text for text in result.details["rejected"])
