"""`--format sarif`: SARIF 2.1.0, one run, a rule per check id, a result per problem.

Failures are `error`, warnings `warning`, baselined failures `note`; passes and skips
are not results. A live server has no source file, so each result carries a
logical location (scenario / check) and, for GitHub code scanning, a physical
location on a repository file: the server's entry file when the command names one, else
its manifest or project file (never a URL, which code scanning refuses). Every rule
carries help from the check's data.
Validated in the tests with Microsoft's SARIF Multitool (`validate`).
https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from validator.conformance.render import label
from validator.outputs import INFO_URI, SARIF_SCHEMA
from validator.version import __version__

_LEVEL = {"MUST": "error", "SHOULD": "warning", "derived": "warning"}


_SERVER_FILES = ("server.json", "manifest.json", ".mcp.json", "pyproject.toml", "package.json", "go.mod", "Cargo.toml",
                 "pom.xml", "build.gradle", "README.md")
"""Repository files that stand for the server when the command names no file of it: code
scanning needs a file of the repository as every result's location (a URL is refused)."""


def _artifact(report) -> str:
    """A repository file for the server: the command's own file when it names one (relative to
    the working directory), else the first of `_SERVER_FILES` that exists, else `mcp-server`."""
    target = report.target
    for arg in reversed(target.get("command") or []):
        if os.path.isfile(arg) and not os.path.isabs(arg) and not arg.startswith(".."):
            return arg.replace(os.sep, "/")
    for name in _SERVER_FILES:
        if os.path.isfile(name):
            return name
    return "mcp-server"


def _help(check) -> dict:
    """Rule help from the check's data (GitHub code scanning shows it beside every alert)."""
    policy = ("a failure when broken" if check.level == "MUST"
              else "a warning when broken: a correct server never fails it")
    revisions = ", ".join(check.revisions)
    text = (f"{check.title}. Requirement {check.requirement} ({check.level}, {policy}); revisions {revisions}. "
            f"Specification: {check.spec}")
    markdown = (f"**{check.title}**\n\nRequirement `{check.requirement}` ({check.level}: {policy}).\n\n"
                f"Revisions: {revisions}.\n\n[The specification]({check.spec}) · `agentconform explain {check.id}`")
    return {"text": text, "markdown": markdown}


def _sentence(text: str) -> str:
    text = " ".join(text.split()) or "No message."
    return text if text.endswith((".", "!", "?")) else text + "."


def render(report) -> str:
    checks = report.checks
    rules, index = [], {}
    for result in checks:
        check = result.check
        if check.id in index:
            continue
        index[check.id] = len(rules)
        name = "".join(p.capitalize() for p in check.id.split("-"))
        rules.append({
            "id": check.id,
            **({"name": name} if name.lower() != check.id.lower() else {}),  # SARIF1001: name must differ from id
            "shortDescription": {"text": _sentence(check.title)},
            "fullDescription": {"text": _sentence(f"{check.requirement} ({check.level}): {check.title}")},
            "helpUri": check.spec,
            "help": _help(check),
            "defaultConfiguration": {"level": _LEVEL[check.level]},
            "properties": {"tags": ["mcp", "conformance", check.requirement, check.level.lower()]},
        })
    artifact = _artifact(report)
    results = []
    for r in checks:
        if r.status not in ("fail", "warn") and r.baseline != "stale":
            continue
        level = "error" if r.status == "fail" or r.baseline == "stale" else "warning"
        if r.baseline == "expected":
            level = "note"
        message = r.message if r.baseline != "stale" else f"stale expected failure (now passes): {r.message}"
        results.append({
            "ruleId": r.check.id,
            "ruleIndex": index[r.check.id],
            "level": level,
            "message": {"text": _sentence(f"{label(r)}: {message}")},
            "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": artifact, "uriBaseId": "%SRCROOT%"},
                                     "region": {"startLine": 1}},
                "logicalLocations": [{"name": r.check.id, "fullyQualifiedName": f"{r.check.scenario}/{r.check.id}",
                                      "kind": "member"}],
            }],
            "partialFingerprints": {"checkId/v1": f"{r.check.scenario}/{r.check.id}/{r.protocol_version or '-'}"},
            "properties": {"scenario": r.check.scenario, "requirement": r.check.requirement,
                           "protocolVersion": r.protocol_version, "status": r.status},
        })
    run = {
        "tool": {"driver": {"name": "agentconform", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": rules}},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "results": results,
        "invocations": [{"executionSuccessful": not report.fatal,
                         **({"toolExecutionNotifications": [{"level": "error", "message": {"text": _sentence(report.fatal)}}]}
                            if report.fatal else {})}],
        "properties": {"era": report.era, "protocolVersions": report.protocol_versions, "target": report.target},
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"
