"""The client conformance run: for each scenario, revision and transport, start the scripted
server, run the client command against it, judge the recorded traffic.

Owns the contract with a client harness (the official suite's, extended): the command runs
with the server URL appended as its last argument, `MCP_CONFORMANCE_SCENARIO` naming the
scenario and `MCP_CONFORMANCE_PROTOCOL_VERSION` the revision the server speaks; over stdio
`MCP_CONFORMANCE_TRANSPORT=stdio` and `MCP_CONFORMANCE_SERVER_COMMAND` holds the shell-quoted
command that starts the same scripted server (`agentconform fixture-server`), which is also
the last argument. Every client runs in its own process group with a bounded time and the
whole group is killed at the end. A client that never launches the stdio server does not do
stdio (its checks are skipped); one that declines a revision it does not support (sends
nothing after initialize) is skipped for that revision.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from validator.conformance.clientside import authserver
from validator.conformance.clientside.http_server import ScriptedHTTPServer
from validator.conformance.clientside.model import TRANSPORTS, ClientScenario
from validator.conformance.clientside.script import ScriptedServer
from validator.conformance.clientside.traffic import Recorder, Traffic, read_events
from validator.conformance.clientside.verdicts import Verdicts
from validator.conformance.protocol.revisions import KNOWN_REVISIONS
from validator.conformance.suite.checks import Result

KILL_GRACE = 1.0
STDERR_KEPT = 4000


@dataclass
class Options:
    command: list[str]
    scenarios: list[ClientScenario]
    spec_version: str = "auto"
    transport: str = "auto"
    timeout: float = 30.0
    """Seconds one client run may take (the official suite's default)."""
    request_timeout: float = 10.0
    """Seconds the server waits for the client's answer to one of its requests."""
    jobs: int = 2
    expected_failures: str | None = None
    traffic_dir: str | None = None
    """Write each run's recorded traffic here as JSON lines (scenario.revision.transport.jsonl)."""
    environment: dict = field(default_factory=dict)

    def validate(self) -> None:
        if not self.command:
            raise ValueError("give the client command after --, e.g. -- python client.py")
        if self.spec_version not in ("auto", *KNOWN_REVISIONS):
            raise ValueError(f"--spec-version {self.spec_version}: client scenarios cover {', '.join(KNOWN_REVISIONS)}")
        if self.transport not in ("auto", *TRANSPORTS):
            raise ValueError(f"--transport {self.transport!r} is not auto, {', '.join(TRANSPORTS)}")
        if self.timeout <= 0 or self.request_timeout <= 0 or self.jobs < 1:
            raise ValueError("--timeout, --request-timeout and --jobs must be positive")


@dataclass
class Run:
    scenario: ClientScenario
    revision: str
    transport: str
    traffic: Traffic | None = None
    results: list[Result] = field(default_factory=list)
    error: str | None = None


def plan(options: Options) -> list[Run]:
    revisions = KNOWN_REVISIONS if options.spec_version == "auto" else (options.spec_version,)
    transports = TRANSPORTS if options.transport == "auto" else (options.transport,)
    return [Run(s, r, t) for s in options.scenarios for r in revisions for t in transports if s.applies(r, t)]


def fixture_command(scenario: str, revision: str, record: str, request_timeout: float) -> list[str]:
    return [sys.executable, "-m", "validator", "fixture-server", "--scenario", scenario, "--spec-version", revision,
            "--record", record, "--timeout", str(request_timeout)]


def execute(run: Run, options: Options) -> Run:
    scenario, env = run.scenario, dict(os.environ)
    env.update(options.environment)
    env.update({"MCP_CONFORMANCE_SCENARIO": scenario.name, "MCP_CONFORMANCE_PROTOCOL_VERSION": run.revision,
                "MCP_CONFORMANCE_TRANSPORT": run.transport})
    env.pop("MCP_CONFORMANCE_SERVER_COMMAND", None)
    with tempfile.TemporaryDirectory(prefix="agentconform-client-") as scratch:
        recorder = Recorder()
        http = None
        if run.transport == "streamable-http":
            http = ScriptedHTTPServer(ScriptedServer(scenario.script, run.revision, recorder, timeout=options.request_timeout)).start()
            target = http.url
        else:
            record = os.path.join(scratch, "traffic.jsonl")
            target = shlex.join(fixture_command(scenario.name, run.revision, record, options.request_timeout))
            env["MCP_CONFORMANCE_SERVER_COMMAND"] = target
        try:
            exit_code, timed_out, stderr = _run_client([*options.command, target], env, options.timeout, scratch)
        except OSError as err:
            run.error = f"cannot run {options.command[0]}: {err.strerror or err}"
            return run
        finally:
            if http is not None:
                http.stop()
        events = recorder.events if http is not None else read_events(os.path.join(scratch, "traffic.jsonl"))
        if scenario.script.auth is not None:  # the client may print what it obtained: never into a report
            stderr = authserver.redact(stderr, authserver.minted(events))
        run.traffic = Traffic(run.revision, run.transport, events, exit_code, timed_out, stderr, launched=bool(events),
                              server_capabilities=scenario.script.capabilities, sessions=list(http.sessions) if http else [])
    if options.traffic_dir:
        _keep(run, options.traffic_dir)
    run.results = judge(run)
    return run


def _keep(run: Run, folder: str) -> None:
    import json

    assert run.traffic is not None
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{run.scenario.name}.{run.revision}.{run.transport}.jsonl")
    hidden = authserver.minted(run.traffic.events)
    with open(path, "w", encoding="utf-8") as handle:
        for event in run.traffic.events:
            handle.write(authserver.redact(json.dumps(event, default=str), hidden) + "\n")
        handle.write(json.dumps({"exit_code": run.traffic.exit_code, "timed_out": run.traffic.timed_out,
                                 "stderr": run.traffic.stderr}) + "\n")


def _run_client(command: list[str], env: dict, timeout: float, scratch: str) -> tuple[int | None, bool, str]:
    """Run COMMAND in its own process group, bounded by TIMEOUT; kill the whole group at the end.
    Output goes to files: a grandchild that keeps a pipe open must not hold the run."""
    out_path, err_path = os.path.join(scratch, "stdout"), os.path.join(scratch, "stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        with _LIVE_LOCK:
            _LIVE.add(process.pid)
        timed_out = False
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process.pid, signal.SIGTERM)
            try:
                process.wait(KILL_GRACE)
            except subprocess.TimeoutExpired:
                pass
        _kill_group(process.pid, signal.SIGKILL)  # whatever the client left behind (its stdio server too)
        try:
            process.wait(KILL_GRACE)
        except subprocess.TimeoutExpired:
            pass
        with _LIVE_LOCK:
            _LIVE.discard(process.pid)
    with open(err_path, "rb") as handle:
        stderr = handle.read()[-STDERR_KEPT:].decode("utf-8", "replace")
    return process.returncode, timed_out, stderr


_LIVE: set[int] = set()
"""Process groups of clients running now (what a signal must kill before the tool leaves)."""
_LIVE_LOCK = threading.Lock()


def kill_all_now() -> None:
    """SIGKILL every running client's process group (the CLI's signal handler calls this)."""
    with _LIVE_LOCK:
        groups = list(_LIVE)
    for pgid in groups:
        _kill_group(pgid, signal.SIGKILL)


def _kill_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def judge(run: Run) -> list[Result]:
    traffic, scenario = run.traffic, run.scenario
    assert traffic is not None
    verdicts = Verdicts(run.revision, run.transport)
    if run.transport == "stdio" and not traffic.launched:
        reason = "the client did not launch the stdio server (MCP_CONFORMANCE_SERVER_COMMAND): it does not test stdio"
    elif not traffic.events:
        # the mirror case: a stdio-only harness never connects to the URL (a client that sends nothing
        # anywhere ends the run with exit 2 instead, see api.run)
        reason = f"the client never connected to the server URL (exit status {traffic.exit_code}): it does not test {run.transport}"
    elif traffic.modern and not traffic.modern_requests() and scenario.script.auth is None:
        # (behind OAuth a client may never get past the 401: the auth judges say why themselves)
        reason = f"the client does not speak {run.revision} (no request carried its version in _meta)"
    elif traffic.declined_revision():
        reason = f"the client does not support {run.revision} and disconnected after initialize, as it SHOULD"
    else:
        reason = ""
        try:
            scenario.judge(traffic, verdicts)
        except Exception as err:  # noqa: BLE001 - a judge's bug is ours: reported, never a traceback
            run.error = f"judge of {scenario.name} failed: {type(err).__name__}: {err}"
    for check in scenario.checks:
        if check.applies(run.revision, run.transport) and not verdicts.reported(check):
            verdicts.skipped(check, reason or "not evaluated")
    return verdicts.results


def run_all(options: Options, progress=None) -> list[Run]:
    runs = plan(options)
    with ThreadPoolExecutor(max_workers=options.jobs) as pool:
        done = []
        for finished in pool.map(lambda r: execute(r, options), runs):
            done.append(finished)
            if progress is not None:
                progress(finished)
    return done

