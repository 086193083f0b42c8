"""One client conformance run as a `Report`: the server suite's report, baseline and formats.

Owns turning the runs into the report every renderer reads (target = the client command,
`server` = the client's own clientInfo, one result per check and revision, the worst of stdio
and HTTP) and the fatal case: a command that cannot start, or a client that sent nothing in
any run, is no conversation (exit 2), as for a server.
"""

from __future__ import annotations

import time

from validator.conformance.clientside.runner import Options, Run, run_all
from validator.conformance.suite import baseline as baselines
from validator.conformance.suite.report import Report

STDERR_IN_REPORT = 2000


def run(options: Options, progress=None) -> Report:
    entries = baselines.load(options.expected_failures, side="client") if options.expected_failures else None
    started = time.monotonic()
    runs = run_all(options, progress)
    report = Report(target={"command": options.command, "transport": options.transport, "face": "client",
                            "spec_version": options.spec_version})
    report.duration = time.monotonic() - started
    for item in runs:
        report.results.extend(item.results)
        if item.error and item.error.startswith("cannot run"):
            report.fatal = item.error
        elif item.error:
            report.harness_errors.append(item.error)
        report.connections.append(_connection(item))
    info = next((r.traffic.client_info for r in runs if r.traffic is not None and r.traffic.client_info), {})
    report.server = {k: info[k] for k in ("name", "version") if isinstance(info.get(k), str)}
    if not report.fatal and runs and not any(r.traffic is not None and r.traffic.events for r in runs):
        codes = sorted({str(r.traffic.exit_code) for r in runs if r.traffic is not None})
        report.fatal = f"the client sent nothing in any scenario (exit status {', '.join(codes)}): is the command right?"
    if not runs:
        report.notes.append("no scenario applies to the chosen revision and transport")
    if entries is not None:
        report.baseline = baselines.apply(report.checks, entries)
    return report


def _connection(item: Run) -> dict:
    traffic = item.traffic
    out = {"scenario": item.scenario.name, "revision": item.revision, "transport": item.transport}
    if traffic is not None:
        out.update(exit_code=traffic.exit_code, timed_out=traffic.timed_out, messages_from_client=len(traffic.incoming()))
        if traffic.stderr and (traffic.exit_code or traffic.timed_out):
            out["client_stderr"] = traffic.stderr[-STDERR_IN_REPORT:]
    return out
