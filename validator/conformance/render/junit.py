"""`--format junit`: a testsuite per scenario, a testcase per check (and revision).

Failures are `<failure>`, skips and baselined (expected) failures `<skipped>`; a
warning passes but its message is kept in `<system-out>`, since JUnit has no
warning state, unless the run fails on warnings (`--fail-on warn`): then it is a
failure, so the report and the exit code agree. Stale baseline entries fail.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from validator.conformance.render import grouped, label


def render(report) -> str:
    root = ET.Element("testsuites", name="agentconform client-conformance" if report.target.get("face") == "client"
                      else "agentconform conformance")
    warn_fails = getattr(report, "fail_on", "fail") == "warn"
    total = failures = skipped = 0
    if report.fatal:
        suite = ET.SubElement(root, "testsuite", name="connection", tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname="connection", name="establish an MCP conversation")
        ET.SubElement(case, "error", message=report.fatal, type="harness").text = report.fatal
        total += 1
    for scenario, items in grouped(report).items():
        suite = ET.SubElement(root, "testsuite", name=scenario)
        s_fail = s_skip = 0
        for result in items:
            case = ET.SubElement(suite, "testcase", classname=scenario, name=label(result))
            case.set("time", "0")
            text = f"{result.check.requirement} ({result.level}) {result.message}\n{result.spec}"
            if result.baseline == "stale":
                ET.SubElement(case, "failure", message=f"stale expected failure: {result.message}", type="stale").text = text
                s_fail += 1
            elif result.status == "fail" and result.baseline == "expected":
                ET.SubElement(case, "skipped", message=f"expected failure: {result.message}")
                s_skip += 1
            elif result.status == "fail" or (warn_fails and result.status == "warn" and result.baseline != "expected"):
                ET.SubElement(case, "failure", message=result.message, type=result.level).text = text
                s_fail += 1
            elif result.status == "skip":
                ET.SubElement(case, "skipped", message=result.message)
                s_skip += 1
            else:
                ET.SubElement(case, "system-out").text = f"{result.status.upper()}: {text}"
        suite.set("tests", str(len(items)))
        suite.set("failures", str(s_fail))
        suite.set("errors", "0")
        suite.set("skipped", str(s_skip))
        total += len(items)
        failures += s_fail
        skipped += s_skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "1" if report.fatal else "0")
    root.set("skipped", str(skipped))
    root.set("time", f"{report.duration:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
