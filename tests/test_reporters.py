"""Output formats: the JSON contract, SARIF 2.1.0 (checked by Microsoft's SARIF Multitool),
JUnit XML and GitHub workflow commands."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from validator.lint.runner import LintOptions, run_lint
from validator.outputs import escape_data, escape_property
from validator.reporters import render_lint

from .conftest import FIXTURES
from .peers import npm_bin


@pytest.fixture(scope="module")
def result():
    """A real run over every server-json and general fail fixture at once."""
    return run_lint(LintOptions(root=FIXTURES, cwd=FIXTURES, no_config=True, select=("ALL",)))


def test_json_contract(result) -> None:
    report = json.loads(render_lint(result, "json"))
    assert report["tool"]["name"] == "agentconform"
    assert report["files_checked"] == result.files_checked > 50
    assert report["summary"] == {"error": sum(f["severity"] == "error" for f in report["findings"]),
                                 "warning": sum(f["severity"] == "warning" for f in report["findings"]),
                                 "info": sum(f["severity"] == "info" for f in report["findings"])}
    for finding in report["findings"]:
        assert "\\" not in finding["path"] and not finding["path"].startswith("/")
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert finding["spec"].startswith("https://")


def test_sarif_structure(result) -> None:
    sarif = json.loads(render_lint(result, "sarif"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert len(run["results"]) == len(result.findings)
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
        assert item["partialFingerprints"]["primaryLocationLineHash"]
    hashes = [i["partialFingerprints"]["primaryLocationLineHash"] for i in run["results"]]
    assert len(hashes) == len(set(hashes))


def test_sarif_passes_the_sarif_multitool(result, tmp_path: Path) -> None:
    multitool = npm_bin("@microsoft/sarif-multitool-linux", "sarif-multitool-linux")
    log = tmp_path / "lint.sarif"
    log.write_text(render_lint(result, "sarif"))
    out = tmp_path / "validation.sarif"
    done = subprocess.run([str(multitool), "validate", str(log), "-o", str(out), "--level", "Error", "Warning", "Note",
                           "--rule-kind", "Sarif", "Gh"],  # GitHub code scanning's rules too
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = json.loads(out.read_text())["runs"][0]["results"]
    errors = [p for p in problems if p.get("level", "warning") in ("error", "warning")]
    assert errors == [], errors[:5]


def test_junit_is_well_formed(result) -> None:
    root = ET.fromstring(render_lint(result, "junit"))
    assert root.tag == "testsuites"
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(result.findings)
    # one case per finding; failures are those at or above --fail-on (default error), as the exit code
    assert int(root.get("failures")) == sum(f.severity == "error" for f in result.findings) == len(list(root.iter("failure")))
    result.fail_on = "info"
    try:
        assert all(case.find("failure") is not None for case in ET.fromstring(render_lint(result, "junit")).iter("testcase"))
    finally:
        result.fail_on = None


def test_junit_with_no_findings_has_one_passing_case(tmp_path: Path) -> None:
    clean = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True))
    root = ET.fromstring(render_lint(clean, "junit"))
    assert len(root.findall("testsuite/testcase")) == 1 and root.get("failures") == "0"


def test_github_commands_escape_and_group(result) -> None:
    text = render_lint(result, "github")
    lines = text.splitlines()
    assert lines[0].startswith("::group::")
    assert sum(line.startswith("::group::") for line in lines) == sum(line == "::endgroup::" for line in lines)
    annotations = [line for line in lines if line.startswith(("::error ", "::warning ", "::notice "))]
    assert len(annotations) == len(result.findings)
    assert escape_data("50%\nnext") == "50%25%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_text_groups_by_file_and_counts(result) -> None:
    text = render_lint(result, "text")
    assert any(line.startswith(f"Found {len(result.findings)} problems") for line in text.splitlines())
    assert "\033[" not in text  # no colour unless asked
    coloured = render_lint(result, "text", color=True)
    assert "\033[31m" in coloured


def test_markdown_is_a_table_a_file_name_cannot_break() -> None:
    from validator.model import Finding
    from validator.registry import all_rules
    from validator.reporters.markdown import render

    class Result:
        files_checked = 1
        suppressed = 0
        findings = [Finding(all_rules()["SRV012"], "a|b\n.json", 2, 3, 2, 9, "version '^1' | looks `like` a range", "error")]

        def counts(self):
            return {"error": 1, "warning": 0, "info": 0}

    text = render(Result())
    row = [line for line in text.splitlines() if line.startswith("| ❌")][0]
    assert row.count(" | ") == 3 and "a\\|b\\n.json:2:3" in row and "[SRV012](" in row
    assert "**1 problem**" in text


def test_junit_fails_exactly_what_the_exit_code_fails() -> None:
    from xml.etree import ElementTree as ET

    from validator.model import Finding
    from validator.registry import all_rules
    from validator.reporters.junit import render

    class Result:
        files_checked = 1
        fail_on = "error"
        findings = [Finding(all_rules()["SRV012"], "server.json", 2, 3, 2, 9, "a range", "error"),
                    Finding(all_rules()["SRV043"], "server.json", 5, 3, 5, 9, "looks like a secret", "warning")]

    root = ET.fromstring(render(Result()).split("\n", 1)[1])
    assert root.get("failures") == "1" and len(list(root.iter("failure"))) == 1
    assert "warning: server.json:5:3" in "".join(e.text for e in root.iter("system-out"))
    Result.fail_on = "warning"
    assert ET.fromstring(render(Result()).split("\n", 1)[1]).get("failures") == "2"
