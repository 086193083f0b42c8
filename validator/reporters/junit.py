"""JUnit XML: a test suite per file, a failing test case per finding (ruff's mapping).

There is no official schema; this is the de-facto shape CI systems read:
testsuites > testsuite > testcase > failure. With no findings, one passing case.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from validator.outputs import safe_text


def render(result, *, color: bool = False) -> str:
    root = ET.Element("testsuites", name="agentconform", tests=str(max(1, len(result.findings))),
                      failures=str(len(result.findings)), errors="0")
    by_file: dict[str, list] = {}
    for finding in result.findings:
        by_file.setdefault(finding.path, []).append(finding)
    if not by_file:
        suite = ET.SubElement(root, "testsuite", name="agentconform", tests="1", failures="0", errors="0", skipped="0")
        ET.SubElement(suite, "testcase", classname="agentconform", name=f"{result.files_checked} file(s) checked")
    for raw_path, findings in by_file.items():
        path = safe_text(raw_path)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(findings)),
                              failures=str(len(findings)), errors="0", skipped="0")
        for finding in findings:
            case = ET.SubElement(suite, "testcase", classname=path,
                                 name=f"{finding.rule.code} {finding.rule.alias} at {finding.line}:{finding.column}",
                                 file=path, line=str(finding.line))
            message = safe_text(finding.message)  # XML 1.0 has no control characters
            failure = ET.SubElement(case, "failure", message=message, type=finding.severity)
            failure.text = f"{path}:{finding.line}:{finding.column}: {finding.rule.code} {message}\n{finding.rule.spec_url}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
