"""The tools area end to end on the reference server: --call-tools policies, the report's call
summary and interop list, and capability gating."""

from __future__ import annotations

import json

from validator.conformance.render import render

from . import refserver

TOOLS = ["tools-list", "tools-call", "tools-interop"]


def _result(report, check_id, version="2025-11-25"):
    return next(r for r in report.checks if r.check.id == check_id and r.protocol_version == version)


def test_readonly_is_the_default_and_skips_the_destructive_tool():
    report = refserver.run(command=refserver.command(), scenarios=TOOLS)
    result = _result(report, "tools-call-result")
    assert result.status == "pass"
    details = result.details
    assert details["tools"] == 9 and details["called_with_valid_arguments"] == 8 and details["succeeded"] == 8
    assert list(details["skipped"].values()) == [["delete_note"]]
    assert "not annotated readOnlyHint" in next(iter(details["skipped"]))
    assert "8 of 9 tool(s) called with schema-valid arguments" in result.message


def test_call_tools_all_calls_every_tool():
    report = refserver.run(command=refserver.command(), scenarios=TOOLS, call_tools="all")
    details = _result(report, "tools-call-result").details
    assert details["called_with_valid_arguments"] == 9 and details["skipped"] == {}
    assert details["is_error"] == 1  # delete_note: the synthesized note does not exist
    assert not [r for r in report.checks if r.status in ("fail", "warn")]
    assert not report.harness_errors


def test_call_tools_none_sends_no_call():
    report = refserver.run(command=refserver.command(), scenarios=TOOLS + ["tools-client-requests"], call_tools="none")
    calls = [r for r in report.checks if r.check.scenario in ("tools-call", "tools-client-requests")]
    assert calls and {r.status for r in calls} == {"skip"}
    assert all("--call-tools none" in r.message for r in calls)
    assert {r.status for r in report.checks if r.check.scenario == "tools-list"} == {"pass"}


def test_interop_in_json_and_text():
    report = refserver.run(command=refserver.command(), spec_version="auto", scenarios=["tools-interop"])
    data = json.loads(render(report, "json"))
    assert len(data["interop"]) >= 11
    assert {e["verdict"] for e in data["interop"]} == {"ok"}
    assert {e["protocol_version"] for e in data["interop"]} == {"2025-11-25"}
    assert all(e["sources"] for e in data["interop"])
    text = render(report, "text")
    assert "interop matrix (9 tools, 2025-11-25): ok on openai" in text
    assert "### Client interoperability" in render(report, "markdown")


def test_interop_names_the_breaking_clients():
    report = refserver.run(command=refserver.command("tool-name-dotted"), scenarios=["tools-interop"])
    broken = {e["client"]: e for e in report.interop if e["verdict"] == "breaks"}
    assert {"anthropic-api", "claude-code", "openai", "cursor"} <= set(broken)
    assert broken["claude-code"]["breaks"] == ["render.badge"]
    assert "gemini" not in broken  # Gemini accepts dots
    text = render(report, "text")
    assert "breaks    claude-code (1 tool(s)): render.badge" in text
