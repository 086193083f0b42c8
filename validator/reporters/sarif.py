"""SARIF 2.1.0 for GitHub code scanning: one run, rules from the rule data.

GitHub reads `ruleId`, `level`, `message.text`, the first location's
`artifactLocation.uri` (repository-relative, base `%SRCROOT%`) and `region`, and
`partialFingerprints.primaryLocationLineHash`; it keeps alerts stable across runs
when rule ids and paths are. https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from validator.outputs import INFO_URI, SARIF_SCHEMA, encodable, uri_path
from validator.version import __version__

MAX_RESULTS = 25_000
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_PROBLEM = {"error": "error", "warning": "warning", "info": "recommendation"}


def _text(value: str, limit: int = 1000) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def rule_descriptor(rule) -> dict:
    from validator.ruledocs import rule_markdown

    return {
        "id": rule.code,
        "name": "".join(part.capitalize() for part in rule.alias.split("-")),
        "shortDescription": {"text": _text(rule.summary)},
        "fullDescription": {"text": _text(rule.rationale)},
        "help": {"text": _text(rule.rationale, 4000), "markdown": rule_markdown(rule, implementation=False)},
        "helpUri": rule.spec_url or INFO_URI,
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": [rule.standard, rule.level.lower().replace("_", "-"), rule.alias],
            "precision": "high",
            "problem.severity": _PROBLEM[rule.severity],
        },
    }


def fingerprint(finding, line_text: str, occurrence: int) -> str:
    normal = " ".join(line_text.split())
    digest = hashlib.sha256(f"{finding.rule.code}\0{finding.path}\0{normal}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{digest}:{occurrence}"


def document(result) -> dict:
    from validator.registry import all_rules

    rules = sorted(all_rules().values(), key=lambda r: r.code)
    position = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    seen: dict[str, int] = {}
    line_cache: dict[str, list[str]] = {}
    for finding in result.findings[:MAX_RESULTS]:
        lines = line_cache.get(finding.path)
        if lines is None:
            lines = line_cache[finding.path] = _lines(result.root, finding.path)
        line_text = lines[finding.line - 1] if 0 < finding.line <= len(lines) else ""
        base = fingerprint(finding, line_text, 0).split(":")[0]
        seen[base] = seen.get(base, 0) + 1
        region = {"startLine": finding.line, "startColumn": finding.column}
        if (finding.end_line, finding.end_column) > (finding.line, finding.column):
            region["endLine"] = finding.end_line
            region["endColumn"] = finding.end_column
        results.append({
            "ruleId": finding.rule.code,
            "ruleIndex": position[finding.rule.code],
            "level": _LEVEL[finding.severity],
            "message": {"text": encodable(finding.message if finding.message.endswith(".") else finding.message + ".")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri_path(finding.path), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }],
            "partialFingerprints": {"primaryLocationLineHash": f"{base}:{seen[base]}"},
        })
        if finding.also:  # the repeats folded into this finding (`validator.lint.fold`)
            results[-1]["relatedLocations"] = [{
                "id": i,
                "physicalLocation": {"artifactLocation": {"uri": uri_path(path), "uriBaseId": "%SRCROOT%"},
                                     "region": {"startLine": line, "startColumn": column}},
            } for i, (path, line, column) in enumerate(finding.also, start=1)]
    run = {
        "tool": {"driver": {
            "name": "agentconform",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFO_URI,
            "rules": [rule_descriptor(rule) for rule in rules],
        }},
        "automationDetails": {"id": "agentconform/lint/"},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(result.root).resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": uri_path(path), "uriBaseId": "%SRCROOT%"}, "roles": ["analysisTarget"]}
                      for path in result.files],
        "results": results,
        "invocations": [{"executionSuccessful": not result.errors}],
    }
    if len(result.findings) > MAX_RESULTS:
        run["invocations"][0]["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"Only the first {MAX_RESULTS} of {len(result.findings)} results are included."},
        }]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _lines(root, relpath: str) -> list[str]:
    """The file's lines for fingerprints, read like every file check reads (never a FIFO,
    never through a symlink out of the repository, bounded)."""
    from validator.engine.files import DEFAULT_MAX_BYTES
    from validator.engine.safefs import Refusal, read_regular

    data = read_regular(Path(root) / relpath, root=Path(root), limit=DEFAULT_MAX_BYTES)
    return [] if isinstance(data, Refusal) else data.decode("utf-8", errors="replace").splitlines()


def render(result, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
