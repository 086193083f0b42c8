"""Helpers to run the reference server (fixtures/servers/reference_server.py) in tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "fixtures" / "servers" / "reference_server.py"


def command(*faults: str) -> list[str]:
    args = [sys.executable, str(REFERENCE)]
    for fault in faults:
        args += ["--fault", fault]
    return args


@contextlib.contextmanager
def listening(args: list[str], label: str):
    """Start a fixture server that prints `listening URL` once it serves (in a session of its own); yield the URL,
    then stop it (its whole process group if it does not exit within 5 s)."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("listening "), f"{label} did not start: {line!r} {proc.stderr.read() if proc.poll() is not None else ''}"
        yield line.split(" ", 1)[1]
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait(5)


@contextlib.contextmanager
def http_server(*faults: str):
    """Start the reference server over HTTP on a free port; yield its base URL."""
    with listening(command(*faults) + ["--http", "--port", "0"], "reference server") as url:
        yield url.rsplit("/mcp", 1)[0]


def run(*, command=None, url=None, spec_version="2025-11-25", scenarios=(), timeout=5.0, budget=60.0, **kw):
    from validator.conformance.api import Options
    from validator.conformance.api import run as run_suite

    return run_suite(Options(command=command, url=url, spec_version=spec_version, scenarios=list(scenarios),
                             timeout=timeout, budget=budget, **kw))


def statuses(report, check_id: str) -> set[str]:
    return {r.status for r in report.checks if r.check.id == check_id}


PROTECTED = ROOT / "fixtures" / "servers" / "protected_server.py"


def protected_token(name: str = "TOKEN") -> str:
    """A token of the protected reference server (TOKEN, or LOW_SCOPE_TOKEN), read from its source."""
    import re

    found = re.search(rf'^{name} = "([^"]+)"', PROTECTED.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"protected_server.py defines no {name}"
    return found.group(1)


@contextlib.contextmanager
def protected_server(*faults: str):
    """Start the protected reference server (its own authorization server) on a free port; yield its MCP URL."""
    with listening([sys.executable, str(PROTECTED), "--port", "0", *[a for f in faults for a in ("--fault", f)]],
                   "protected server") as url:
        yield url


def run_protected(*faults: str, token: bool = True, path: str = "/mcp", **kw):
    """Run the suite against the protected reference server, with its token in the Authorization header or none;
    PATH /sse for its legacy HTTP+SSE endpoint."""
    headers = {"Authorization": f"Bearer {protected_token()}"} if token else {}
    if token:
        kw.setdefault("low_scope_token", protected_token("LOW_SCOPE_TOKEN"))
    with protected_server(*faults) as url:
        return run(url=url.rsplit("/mcp", 1)[0] + path, headers=headers, **kw)


def protected_client() -> tuple[str, str]:
    """The protected reference server's client-credentials client (id, secret), read from its source."""
    import re

    text = PROTECTED.read_text(encoding="utf-8")
    found = re.search(r'^CLIENT_ID, CLIENT_SECRET = "([^"]+)", "([^"]+)"', text, re.MULTILINE)
    assert found, "protected_server.py defines no CLIENT_ID, CLIENT_SECRET"
    return found.group(1), found.group(2)
