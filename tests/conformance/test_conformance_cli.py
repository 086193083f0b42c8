"""`agentconform conformance`: options, exit codes, every output format, baselines."""

from __future__ import annotations

import json
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from . import refserver


def cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "validator", "conformance", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=refserver.ROOT)


def ref(*faults: str) -> list[str]:
    return ["--", *refserver.command(*faults)]


FAST = ["--spec-version", "2025-11-25", "--timeout", "5"]


def test_clean_run_exit_0_text_grouped_by_scenario():
    done = cli(*FAST, "--verbose", "--scenario", "ping", "--scenario", "server-*", *ref())
    assert done.returncode == 0, done.stderr
    assert "\nping\n" in done.stdout and "\nserver-initialize\n" in done.stdout
    assert "0 failed" in done.stdout
    quiet = cli(*FAST, "--scenario", "ping", *ref())
    assert "\nping\n" not in quiet.stdout and quiet.stdout.rstrip().splitlines()[-1].startswith("0 failed, 0 warnings")


def test_failure_exit_1():
    done = cli(*FAST, "--scenario", "ping", *ref("ping-non-empty"))
    assert done.returncode == 1
    assert "FAIL  ping" in done.stdout


def test_json_contract():
    done = cli(*FAST, "--format", "json", "--scenario", "ping", "--scenario", "version-negotiation", *ref())
    data = json.loads(done.stdout)
    for key in ("tool", "target", "server", "era", "protocol_versions", "checks", "interop", "summary"):
        assert key in data
    assert data["tool"]["name"] == "agentconform"
    assert data["target"]["transport"] == "stdio" and data["target"]["command"][-1].endswith("reference_server.py")
    assert data["server"] == {"name": "agentconform-reference", "version": "1.0.0"}
    assert data["era"] == "legacy" and data["protocol_versions"] == ["2025-11-25"]
    check = next(c for c in data["checks"] if c["id"] == "ping")
    for key in ("id", "scenario", "requirement", "level", "protocol_version", "status", "message", "spec"):
        assert key in check
    assert check["requirement"] == "UTIL-001" and check["status"] == "pass" and check["spec"].startswith("https://")
    assert set(data["summary"]) == {"pass", "fail", "warn", "skip"}
    assert sum(data["summary"].values()) == len(data["checks"])


def test_junit_one_testcase_per_check_suite_per_scenario():
    done = cli(*FAST, "--format", "junit", "--scenario", "ping", "--scenario", "jsonrpc-requests", *ref("ping-non-empty"))
    root = ET.fromstring(done.stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert {"ping", "jsonrpc-requests"} <= set(suites)
    cases = list(root.iter("testcase"))
    assert int(root.get("tests")) == len(cases) >= 5
    assert suites["ping"].find("testcase/failure") is not None
    assert int(root.get("failures")) >= 1


def test_markdown_summary():
    done = cli(*FAST, "--format", "markdown", "--scenario", "ping", *ref("ping-non-empty"))
    assert done.stdout.startswith("## MCP conformance")
    assert "### Problems" in done.stdout and "UTIL-001 MUST" in done.stdout
    assert done.stdout.index("### Problems") < done.stdout.index("**1 failed, 0 warnings**")
    assert "All checks by scenario" not in done.stdout  # passes and skips only with --verbose


def test_github_annotations():
    done = cli(*FAST, "--format", "github", "--scenario", "ping", *ref("ping-non-empty"))
    assert done.stdout.startswith("::error title=ping (UTIL-001 MUST; 2025-11-25)::")


def test_output_file(tmp_path):
    out = tmp_path / "r.json"
    done = cli(*FAST, "--format", "json", "-o", str(out), "--scenario", "ping", *ref())
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(out.read_text())["summary"]["pass"] >= 1


def test_fatal_is_exit_2_with_reason():
    done = cli("--timeout", "2", "--", sys.executable, "-c", "import time; time.sleep(30)")
    assert done.returncode == 2
    assert "no MCP conversation could be established" in done.stderr


@pytest.mark.parametrize("args,message", [
    (["--url", "http://127.0.0.1:1/mcp", "--", "python", "x.py"], "not both"),
    ([], "either a server command"),
    (["--header", "nocolon", "--url", "http://127.0.0.1:1/mcp"], "not K:V"),
    (["--transport", "stdio", "--url", "http://127.0.0.1:1/mcp"], "not stdio"),
])
def test_usage_errors(args, message):
    done = cli(*args)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_list():
    done = cli("--list")
    assert done.returncode == 0 and "server-session-terminated-returns-404" in done.stdout


def test_call_tools_and_scenario_options_exist():
    done = cli("--call-tools", "none", "--skip", "*", "--spec-version", "2025-11-25", *ref())
    assert done.returncode == 0, done.stderr
    bad = cli("--call-tools", "some", *ref())
    assert bad.returncode == 2


def _baseline(tmp_path, text: str) -> str:
    path = tmp_path / "expected.yml"
    path.write_text(text)
    return str(path)


def test_expected_failure_is_tolerated(tmp_path):
    base = _baseline(tmp_path, "server:\n  - ping:ping\n")
    done = cli(*FAST, "--expected-failures", base, "--scenario", "ping", *ref("ping-non-empty"))
    assert done.returncode == 0, done.stdout
    assert "(expected)" in done.stdout


def test_whole_scenario_baseline(tmp_path):
    base = _baseline(tmp_path, "server:\n  - ping\n")
    assert cli(*FAST, "--expected-failures", base, "--scenario", "ping", *ref("ping-non-empty")).returncode == 0


def test_stale_expected_failure_is_exit_1(tmp_path):
    base = _baseline(tmp_path, "server:\n  - ping:ping\n")
    done = cli(*FAST, "--expected-failures", base, "--scenario", "ping", *ref())
    assert done.returncode == 1
    assert "stale" in done.stdout.lower()


def test_unlisted_failure_with_baseline_is_exit_1(tmp_path):
    base = _baseline(tmp_path, "server:\n  - server-initialize\n")
    assert cli(*FAST, "--expected-failures", base, "--scenario", "ping", *ref("ping-non-empty")).returncode == 1


@pytest.mark.parametrize("text,message", [
    ("server:\n  - ping: ping\n", "Remove the space"),
    ("server: [[1]]\n", "is not 'scenario'"),
    ("server:\n  - ping\n  - ping:ping\n", "redundant"),
    ("oops: [a]\n", "unknown key"),
])
def test_invalid_baseline_is_exit_2(tmp_path, text, message):
    done = cli(*FAST, "--expected-failures", _baseline(tmp_path, text), *ref())
    assert done.returncode == 2 and message in done.stderr


def test_check_subcommand_never_imports_the_suite():
    code = ("import sys, validator.cli as c; c.build_parser(); "
            "bad = [m for m in ('mcp', 'httpx2', 'validator.conformance.suite.runner') if m in sys.modules]; print(bad)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=refserver.ROOT)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_suite_does_not_import_mcp_unless_interop_runs():
    code = ("import sys\nfrom validator.conformance.api import run\n"
            f"r = run(command={refserver.command()!r}, spec_version='2025-11-25', scenarios=['ping'])\n"
            "print(r.exit_code(), 'mcp' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=refserver.ROOT, timeout=60)
    assert done.stdout.split() == ["0", "False"], done.stdout + done.stderr


@pytest.mark.parametrize("fault", ["cancel-unknown-crash", "die-after-initialized"])
def test_a_dying_server_leaves_our_stderr_quiet(fault):
    """No asyncio noise ("Future exception was never retrieved", "pipe closed by peer") when the
    server dies mid-run: at most one line of our own on stderr. Twice, as the noise was a race."""
    for _ in range(2):
        proc = cli("--timeout", "2", *ref(fault))
        assert len(proc.stderr.strip().splitlines()) <= 1, proc.stderr[-2000:]


def test_problems_first_one_entry_per_defect_linking_the_revision_judged():
    """One defect under four revisions is one entry listing them; JSON keeps one result per
    revision and adds the grouping; every spec link is the judged revision's."""
    done = cli("--spec-version", "auto", "--timeout", "5", "--scenario", "ping", *ref("ping-non-empty"))
    lines = done.stdout.splitlines()
    entry = next(i for i, line in enumerate(lines) if line.startswith("FAIL  ping"))
    assert lines[entry].endswith("UTIL-001 MUST, under 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05"), lines[entry]
    assert lines[entry + 1].strip().startswith("got:") and lines[entry + 2].strip().startswith("wants:")
    assert sum(line.startswith("FAIL") for line in lines) == 1
    assert lines[-1].startswith("1 failed, 0 warnings (4 failed and 0 warned results across revisions)"), lines[-1]
    data = json.loads(cli("--spec-version", "auto", "--timeout", "5", "--format", "json", "--scenario", "ping",
                          *ref("ping-non-empty")).stdout)
    pings = [c for c in data["checks"] if c["id"] == "ping"]
    assert len(pings) == 4 and {c["group"] for c in pings} == {"ping:fail"}
    assert all(f"/specification/{c['protocol_version']}/" in c["spec"] for c in pings)
    assert [p["revisions"] for p in data["problems"]] == [["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]]
    annotations = cli("--spec-version", "auto", "--timeout", "5", "--format", "github", "--scenario", "ping",
                      *ref("ping-non-empty")).stdout
    assert annotations.count("::error") == 1



def test_one_run_writes_every_report_and_the_console_keeps_its_own(tmp_path):
    done = cli("--spec-version", "2025-11-25", "--scenario", "ping", "--report", f"junit:{tmp_path}/out/mcp.xml",
               "--report", f"html:{tmp_path}/out/mcp.html", *ref("ping-non-empty"))
    assert done.returncode == 1 and "ping" in done.stdout
    assert ET.parse(tmp_path / "out" / "mcp.xml").getroot().tag == "testsuites"
    assert "<h1>MCP conformance" in (tmp_path / "out" / "mcp.html").read_text()
    bad = cli("--report", "nope", *ref())
    assert bad.returncode == 2 and "FORMAT:PATH" in bad.stderr


def test_fail_on_warn_and_exit_zero():
    warned = ["--spec-version", "2025-11-25", "--scenario", "prompts*", *ref("prompt-get-internal-error")]
    assert cli(*warned).returncode == 0
    assert cli("--fail-on", "warn", *warned).returncode == 1
    failing = ["--spec-version", "2025-11-25", "--scenario", "ping", *ref("ping-non-empty")]
    assert cli("--exit-zero", *failing).returncode == 0


def test_colour_only_where_asked():
    args = ["--spec-version", "2025-11-25", "--scenario", "ping", *ref("ping-non-empty")]
    assert "\x1b[" not in cli(*args).stdout
    assert "\x1b[31m" in cli("--color", "always", *args).stdout


def test_project_defaults_from_the_config_table(tmp_path):
    """[tool.agentconform.conformance] gives defaults under the command line; typos are usage errors."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "agentconform.toml").write_text(
        "[conformance]\n" f"command = {json.dumps(refserver.command('ping-non-empty'))}\n" 'spec-version = "2025-11-25"\n'
        'scenario = ["ping"]\n' 'format = "json"\n')
    done = subprocess.run([sys.executable, "-m", "validator", "conformance"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and json.loads(done.stdout)["checks"][0]["id"] == "ping"
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--format", "text"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert not done.stdout.startswith("{")  # the command line wins
    (tmp_path / "agentconform.toml").write_text("[conformance]\ntimout = 5\n")
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", *ref()], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "timout" in done.stderr


def test_junit_agrees_with_fail_on(tmp_path):
    warned = ["--spec-version", "2025-11-25", "--scenario", "prompts*", *ref("prompt-get-internal-error")]
    for fail_on, code in (("fail", 0), ("warn", 1)):
        done = cli("--fail-on", fail_on, "--format", "junit", *warned)
        failures = int(ET.fromstring(done.stdout.split("\n", 1)[1]).get("failures"))
        assert done.returncode == code and (failures > 0) == (code == 1), (fail_on, failures)


def test_progress_only_on_a_terminal(monkeypatch):
    import io
    import time

    from validator.conformance import cli as conformance_cli

    class Options:
        url, command = None, ["python", "slow_server.py"]

    tty = io.StringIO()
    tty.isatty = lambda: True
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(conformance_cli._progress, "INTERVAL", 0.05)
    with conformance_cli._progress(None, Options()):
        time.sleep(0.3)
    assert "agentconform: testing python slow_server.py" in tty.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with conformance_cli._progress(None, Options()):
        time.sleep(0.2)
    assert pipe.getvalue() == ""
