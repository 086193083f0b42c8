"""SARIF output passes Microsoft's SARIF Multitool `validate` with zero errors and zero warnings,
with the GitHub code scanning rule set too (uploadable: file locations, rule help)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ..peers import npm_bin
from . import refserver


def _multitool():
    return npm_bin("@microsoft/sarif-multitool-linux", "sarif-multitool-linux")


@pytest.mark.peer
@pytest.mark.parametrize("faults", [(), ("ping-non-empty", "unknown-method-wrong-code", "stdout-banner")])
def test_sarif_validates(tmp_path, faults):
    sarif = tmp_path / "out.sarif"
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--format", "sarif", "-o", str(sarif),
                           "--spec-version", "2025-11-25", "--", *refserver.command(*faults)],
                          capture_output=True, text=True, cwd=refserver.ROOT, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(sarif.read_text())
    assert data["version"] == "2.1.0"
    results = data["runs"][0]["results"]
    assert bool(results) == bool(faults)
    log = tmp_path / "validation.sarif"
    # the SARIF rules and GitHub code scanning's own (GH*: file locations, rule help ...); the npm wrapper
    # passes arguments through a shell, so the two kinds are two arguments, never "Sarif;Gh"
    run = subprocess.run([str(_multitool()), "validate", str(sarif), "--output", str(log), "--log", "ForceOverwrite",
                          "--rule-kind", "Sarif", "Gh"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    findings = json.loads(log.read_text())["runs"][0].get("results", [])
    errors = [f for f in findings if f.get("level") == "error"]
    assert not errors, [f["message"] for f in errors]
    warnings = [f["ruleId"] for f in findings if f.get("level") == "warning"]
    assert not warnings, warnings


def test_sarif_of_a_fatal_run_is_well_formed(tmp_path):
    from validator.conformance.render import render

    report = refserver.run(command=["/nonexistent/server"])
    data = json.loads(render(report, "sarif"))
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["toolExecutionNotifications"]


@pytest.mark.peer
def test_an_http_server_is_located_on_a_repository_file(tmp_path):
    """Code scanning refuses a URL as a location: a server reached by --url is located on the
    repository's manifest or project file, which the multitool's GitHub rules accept."""
    (tmp_path / "server.json").write_text("{}")
    with refserver.http_server() as base:
        done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--format", "sarif", "--spec-version",
                               "2025-11-25", "--scenario", "ping", "--url", base + "/mcp"],
                              capture_output=True, text=True, cwd=tmp_path, timeout=120)
    data = json.loads(done.stdout)
    assert done.returncode in (0, 1) and data["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:")
    for rule in data["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["help"]["text"] and rule["help"]["markdown"]
    sarif = tmp_path / "out.sarif"
    sarif.write_text(done.stdout)
    log = tmp_path / "validation.sarif"
    subprocess.run([str(_multitool()), "validate", str(sarif), "--output", str(log), "--log", "ForceOverwrite",
                    "--rule-kind", "Sarif", "Gh"], capture_output=True, text=True, timeout=300)
    findings = json.loads(log.read_text())["runs"][0].get("results", [])
    assert not [f for f in findings if f.get("level") in ("error", "warning")], findings[:3]
