"""The 2026-07-28 half of bench/conformance_vs_official.py (`--modern`): both suites on the same servers.

Servers: the modern reference server and the Python SDK's dual-era `MCPServer` over Streamable
HTTP (one process per server for both suites), and 1password-mcp (TypeScript SDK 2.x, stdio
only: the official suite takes only `--url`, so ours runs alone there). The suites alternate
run by run, so a change in the machine's load hits both alike. For each suite: wall time, its
CPU (every process it started and waited for), the server's CPU while it ran, results, distinct
check ids, and every failure; the official suite's failures are split by whether they need its
own fixture server (a `test_*` tool, prompt or resource, "Not testable", an unknown tool).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import conformance_vs_official as bench

SERVERS = bench.ROOT / "fixtures" / "servers"
ONEPASSWORD_PINS = ("@takescake/1password-mcp@4.0.2", "@modelcontextprotocol/server@2.4.0")
ONEPASSWORD = bench.PEERS / "npm" / "node_modules" / ".bin" / "1password-mcp"
# what only the official suite's own fixture server can pass (its tool/prompt/resource names)
FIXTURE = re.compile(r"Unknown (tool|prompt)|Not testable|test_[a-z_]+|Prerequisite failed|Resource not found|"
                     r"not found\. Available tools|fixture|no task was created|Tool '[a-z0-9_]+' not found|"
                     r"Unknown resource: test://|(did not|MUST) create a task|no taskId in")


def official(url: str) -> dict:
    out = Path(tempfile.mkdtemp(prefix="official-"))
    start = time.monotonic()
    subprocess.run([str(bench.NODE22), str(bench.OFFICIAL), "server", "--url", url, "--requirements", "2026-07-28",
                    "-o", str(out)], capture_output=True, timeout=900)
    took = time.monotonic() - start
    results, ids, failures = 0, set(), []
    for path in sorted(out.rglob("checks.json")):
        scenario = re.sub(r"^server-|-\d{4}-\d\d-\d\dT.*$", "", path.parent.name)
        for check in json.loads(path.read_text()):
            results += 1
            ids.add(check["id"])
            if check.get("status") == "FAILURE":
                message = str(check.get("errorMessage") or check.get("message") or check.get("details") or "")
                failures.append((scenario, check["id"], message[:200]))
    shutil.rmtree(out, ignore_errors=True)
    return {"took": took, "results": results, "ids": len(ids), "failures": failures}


def ours(target: list[str]) -> dict:
    start = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--spec-version", "2026-07-28",
                           "--format", "json", *target], capture_output=True, text=True, timeout=900, cwd=bench.ROOT, env=env)
    took = time.monotonic() - start
    data = json.loads(done.stdout)
    failures = sorted({(c["id"], c.get("message", "")[:200]) for c in data["checks"] if c["status"] == "fail"})
    return {"took": took, "results": len(data["checks"]), "ids": len({c["id"] for c in data["checks"]}), "failures": failures}


def _install_onepassword() -> None:
    if not ONEPASSWORD.exists():
        print(f"installing {' and '.join(ONEPASSWORD_PINS)} into .peers/npm", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(bench.PEERS / "npm"), *ONEPASSWORD_PINS],
                       check=True, capture_output=True)


def _start(argv: list[str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, cwd=SERVERS)
    bench.wait_port(port)
    return server


def _measure(rows: list, suite, server: subprocess.Popen | None) -> None:
    cpu, served = bench.children_cpu(), bench.group_cpu(server.pid) if server else 0.0
    row = suite()
    row["cpu"] = bench.children_cpu() - cpu
    row["server_cpu"] = bench.group_cpu(server.pid) - served if server else None
    rows.append(row)


def run_modern(runs: int, extra: list[str]) -> int:
    _install_onepassword()
    table: dict[str, dict[str, list]] = {}
    for name, argv, path in (("modern reference (`modern_server.py --http`)", [sys.executable, "modern_server.py", "--http", "--port"], "/mcp"),
                             ("Python SDK `MCPServer`, dual (`sdk_server.py streamable-http`)",
                              [sys.executable, "sdk_server.py", "streamable-http"], "/mcp")):
        port = bench.free_port()
        server = _start([*argv, str(port)], port)
        url = f"http://127.0.0.1:{port}{path}"
        rows: dict[str, list] = {"official": [], "agentconform": []}
        try:
            for _ in range(runs):
                _measure(rows["official"], lambda url=url: official(url), server)
                _measure(rows["agentconform"], lambda url=url: ours(["--url", url, *extra]), server)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(10)
        table[name] = rows
    rows = {"agentconform": []}
    for _ in range(runs):  # stdio: every process is the suite's own child, so "suite CPU" includes the server's
        _measure(rows["agentconform"], lambda: ours([*extra, "--", str(ONEPASSWORD)]), None)
    table["1password-mcp 4.0.2 (TypeScript SDK 2.4.0, stdio; the official suite cannot test stdio)"] = rows
    _print(table, runs)
    return 0


def _print(table: dict, runs: int) -> None:
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"| server | suite | wall time (median of {runs}) | suite CPU | server CPU | results | distinct check ids | failures |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for server, rows in table.items():
        for suite, runs_ in rows.items():
            wall, cpu = (statistics.median(r[k] for r in runs_) for k in ("took", "cpu"))
            served = runs_[-1]["server_cpu"]
            server_cpu = f"{statistics.median(r['server_cpu'] for r in runs_):.2f} s" if served is not None else "(in suite CPU)"
            last = runs_[-1]
            fails = last["failures"]
            count = str(len(fails))
            if suite == "official":
                fixture = sum(1 for f in fails if FIXTURE.search(f[2]))
                count = f"{len(fails)} ({fixture} need its fixture server)"
            print(f"| {server} | {suite} | {wall:.2f} s | {cpu:.2f} s | {server_cpu} | {last['results']} | {last['ids']} | {count} |")
    for server, rows in table.items():
        for suite, runs_ in rows.items():
            fails = runs_[-1]["failures"]
            if suite == "official":
                for label, group in (("need its fixture server", [f for f in fails if FIXTURE.search(f[2])]),
                                     ("other", [f for f in fails if not FIXTURE.search(f[2])])):
                    print(f"\n{server}, official, failures ({label}: {len(group)}):")
                    for scenario, check_id, message in group:
                        print(f"- {scenario} / {check_id}: {message}")
            else:
                print(f"\n{server}, agentconform, failures ({len(fails)}):")
                for check_id, message in fails:
                    print(f"- {check_id}: {message}")
