"""JUnit XML: a test suite per file, a failing test case per finding (ruff's mapping).

There is no official schema; this is the de-facto shape CI systems read:
testsuites > testsuite > testcase > failure. With no findings, one passing case. Only
findings at or above the run's `--fail-on` are failures, so the report and the exit code
agree; the others are passing cases that carry their message in `system-out`.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from validator.outputs import safe_text


def render(result, *, color: bool = False) -> str:
    from validator.model import SEVERITY_RANK

    threshold = SEVERITY_RANK[getattr(result, "fail_on", None) or "error"]
    failing = sum(SEVERITY_RANK[f.severity] >= threshold for f in result.findings)
    root = ET.Element("testsuites", name="agentconform", tests=str(max(1, len(result.findings))),
                      failures=str(failing), errors="0")
    by_file: dict[str, list] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    if not by_file:
        suite = ET.SubElement(root, "testsuite", name="agentconform", tests="1", failures="0", errors="0", skipped="0")
        ET.SubElement(suite, "testcase", classname="agentconform", name=f"{result.files_checked} file(s) checked")
    for raw_path, findings in by_file.items():
        path = safe_text(raw_path)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(findings)),
                              failures=str(sum(SEVERITY_RANK[f.severity] >= threshold for f in findings)), errors="0",
                              skipped="0")
        for finding in findings:
            case = ET.SubElement(suite, "testcase", classname=path,
                                 name=f"{finding.rule.code} {finding.rule.alias} at {finding.line}:{finding.column}",
                                 file=path, line=str(finding.line))
            message = safe_text(finding.message)  # XML 1.0 has no control characters
            detail = f"{path}:{finding.line}:{finding.column}: {finding.rule.code} {message}\n{finding.rule.spec_url}"
            if SEVERITY_RANK[finding.severity] >= threshold:
                failure = ET.SubElement(case, "failure", message=message, type=finding.severity)
                failure.text = detail
            else:  # below --fail-on: shown, not failed (the exit code says the same)
                ET.SubElement(case, "system-out").text = f"{finding.severity}: {detail}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
