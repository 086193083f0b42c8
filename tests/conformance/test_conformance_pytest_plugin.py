"""The pytest plugin: one item per check with no test files, baselines, fixtures, and no
cost without `--mcp-*` options."""

from __future__ import annotations

import shlex
import subprocess
import sys
from xml.etree import ElementTree as ET

from . import refserver


def pytest_run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)


def cmd(*faults: str) -> str:
    return shlex.join(refserver.command(*faults))


def test_items_in_an_empty_folder_with_junitxml(tmp_path):
    done = pytest_run(tmp_path, "--mcp-command", cmd(), "--mcp-spec-version", "2025-11-25", "--junitxml", "out.xml")
    assert done.returncode == 0, done.stdout + done.stderr
    cases = list(ET.parse(tmp_path / "out.xml").getroot().iter("testcase"))
    names = {c.get("name") for c in cases}
    assert len(cases) >= 20 and "ping[2025-11-25]" in names
    assert {c.get("classname") for c in cases} >= {"mcp-conformance.ping", "mcp-conformance.server-initialize"}


def test_failure_fails_and_baseline_xfails(tmp_path):
    args = ["--mcp-command", cmd("ping-non-empty"), "--mcp-spec-version", "2025-11-25", "--mcp-scenario", "ping"]
    done = pytest_run(tmp_path, *args)
    assert done.returncode == 1 and "ping::ping[2025-11-25]" in done.stdout
    (tmp_path / "base.yml").write_text("server:\n  - ping:ping\n")
    done = pytest_run(tmp_path, *args, "--mcp-expected-failures", "base.yml")
    assert done.returncode == 0 and "xfailed" in done.stdout


def test_no_conversation_is_one_failing_item(tmp_path):
    done = pytest_run(tmp_path, "--mcp-command", f"{shlex.quote(sys.executable)} -c 'import time; time.sleep(60)'",
                      "--mcp-timeout", "1", "--mcp-spec-version", "2025-11-25")
    assert done.returncode == 1 and "no MCP conversation could be established" in done.stdout


def test_fixture_api_for_own_checks(tmp_path):
    (tmp_path / "test_mine.py").write_text(
        "def test_ping(mcp_client):\n"
        "    assert mcp_client.request('ping')['result'] == {}\n"
        "    assert 'tools' in mcp_client.capabilities\n"
        "def test_report(mcp_report, mcp_options):\n"
        "    assert mcp_report.era == 'legacy' and mcp_options.spec_version == '2025-11-25'\n")
    done = pytest_run(tmp_path, "--mcp-command", cmd(), "--mcp-spec-version", "2025-11-25", "--mcp-scenario", "ping", "-k", "test_")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_costs_nothing_without_options(tmp_path):
    (tmp_path / "test_light.py").write_text(
        "import sys\n"
        "def test_light():\n"
        "    heavy = [m for m in ('mcp', 'httpx2', 'validator.conformance.api', 'validator.conformance.suite.runner') if m in sys.modules]\n"
        "    assert heavy == []\n")
    done = pytest_run(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_project_with_its_own_validator_module_runs_its_tests(tmp_path):
    """pytest loads every installed plugin: ours must not break a project whose own package
    is called `validator` (it used to die at plugin loading, exit 3)."""
    (tmp_path / "validator").mkdir()
    (tmp_path / "validator" / "__init__.py").write_text("def valid(x):\n    return x > 0\n")
    (tmp_path / "test_mine.py").write_text("from validator import valid\n\ndef test_valid():\n    assert valid(1)\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr
    # the fixtures say why they cannot serve rather than failing at lookup
    (tmp_path / "test_fixture.py").write_text("def test_needs(mcp_options):\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rs"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and "no --mcp-command or --mcp-url given" in done.stdout, done.stdout
    # asking for a conformance run there is a usage error that names the shadowing module
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--mcp-url", "http://127.0.0.1:9/mcp"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert done.returncode == 4 and "agentconform conformance" in done.stderr, done.stdout + done.stderr
