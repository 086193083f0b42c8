"""The run: transport selection, negotiation, every revision's scenarios, clean-up.

Owns the order of a conformance run and its guarantees: every wait is bounded by the
per-request timeout and the whole-run budget; scenarios that can share a session run
concurrently; a scenario that loses the server fails the checks it could not answer;
our own exceptions never surface as tracebacks (they become harness errors); and
every connection and process group is closed at the end, whatever happened.
"""

from __future__ import annotations

import asyncio
import fnmatch
import time

from validator.conformance.protocol.modern import ModernSession
from validator.conformance.protocol.negotiate import negotiate
from validator.conformance.protocol.revisions import MODERN_REVISIONS
from validator.conformance.protocol.session import RequestFailed, Session, died_starting, still_starting
from validator.conformance.suite import authgate
from validator.conformance.suite.checks import Result, Scenario
from validator.conformance.suite.context import Context, RunState
from validator.conformance.suite.report import Report
from validator.conformance.transport import process as harness
from validator.conformance.transport.base import KEEP_BYTES, Target, TransportError, set_message_limit
from validator.conformance.transport.factory import detect_http_transport, open_channel
from validator.conformance.transport.stdio import startups_settled

PHASES = ("main", "probe", "shutdown", "collect")


def _keeps(name: str, include: list[str], exclude: list[str]) -> bool:
    def hit(patterns: list[str]) -> bool:
        return any(fnmatch.fnmatchcase(name, p) for p in patterns)

    return (not include or hit(include)) and not hit(exclude)


def select(scenarios: list[Scenario], include: list[str], exclude: list[str]) -> list[Scenario]:
    """`--scenario` / `--skip` take scenario names or globs (`server-*`)."""
    return [s for s in scenarios if _keeps(s.name, include, exclude)]


async def _open_session(state: RunState, *, initialize: bool, version: str | None, capabilities=None,
                        scenario: str | None = None, alone: bool = False) -> Session:
    """A fresh connection. A stdio server process that exits before it wrote anything, while
    other processes of the run were starting beside it (or, once the server has answered
    initialize in this run, is still silent when its initialize times out), is started once more,
    ALONE: after every other start-up has settled and with no other such restart beside it. A real client starts one
    process, and servers that take a start-up lock (mcp-cron's SQLite WAL switch) die when five
    start together; a server that dies alone too is then reported as it is."""
    if alone:
        async with state.startup_lock:
            await startups_settled(state.budget.bound(state.timeout))
            state.restarted += 1
            return await _start_session(state, initialize=initialize, version=version, capabilities=capabilities,
                                        scenario=scenario)
    if version in MODERN_REVISIONS:
        # 2026-07-28: a ModernSession, whose "initialize" is server/discover (no handshake to retry)
        return await _start_session(state, initialize=initialize, version=version, capabilities=capabilities,
                                    scenario=scenario)
    session = await _start_session(state, initialize=False, version=None)
    if not (initialize and version):
        return session
    if scenario:
        session.scenario = scenario
    try:
        await session.initialize(version, capabilities=capabilities)
    except RequestFailed as err:
        # a fresh process of a server that has already answered initialize in this run, silent
        # until its initialize timed out, was still starting: it gets one more start, alone
        answered_before = state.negotiation is not None and bool(state.negotiation.supported)
        if not (died_starting(session) or answered_before and still_starting(session, err)):
            raise
        await session.channel.close()
        return await _open_session(state, initialize=True, version=version, capabilities=capabilities,
                                   scenario=scenario, alone=True)
    return session


async def _start_session(state: RunState, *, initialize: bool, version: str | None, capabilities=None,
                         scenario: str | None = None) -> Session:
    target = state.target
    routed = Target(command=target.command, url=target.url, transport=state.transport, headers=target.headers,
                    env=target.env, cwd=target.cwd)
    channel = await open_channel(routed, timeout=state.timeout, budget=state.budget)
    if version in MODERN_REVISIONS:
        # 2026-07-28: no handshake; "initialize" means learning the server's capabilities from server/discover
        modern = ModernSession(channel, timeout=state.timeout, budget=state.budget, version=version,
                               capabilities=capabilities, ids=state.request_ids)
        state.sessions.append(modern)
        if scenario:
            modern.scenario = scenario
        if initialize:
            await modern.discover(scenario or "server-discover")
        return modern
    session = Session(channel, timeout=state.timeout, budget=state.budget, ids=state.request_ids)
    state.sessions.append(session)
    if initialize and version:
        if scenario:
            session.scenario = scenario
        await session.initialize(version, capabilities=capabilities)
    return session


async def _run_scenario(state: RunState, scenario: Scenario, revision: str | None, session: Session | None,
                        memo: dict, blocked_by: str | None = None) -> Context:
    ctx = Context(state, scenario, revision, session, memo, blocked_by)
    try:
        await asyncio.wait_for(scenario.run(ctx), max(0.1, state.budget.remaining() + 1.0))
        unreported_status, why = "skip", "not evaluated"
    except RequestFailed as err:
        if err.kind == "budget":
            unreported_status, why = "skip", "not evaluated: the run's --budget ran out"
        elif blocked_by:
            unreported_status, why = "skip", f"blocked by {blocked_by}: {err}"
        elif err.kind == "gone" and err.before_send:
            # one death is one defect: the requests in flight when the server went away fail; a scenario whose
            # request came after it was not evaluated (holdout 13: an rmcp server that exits 5 s after start
            # without `initialize` drew seven MUST failures of checks nothing showed broken)
            unreported_status, why = ctx.after_death(err)
        else:
            unreported_status, why = "fail", f"no answer: {err}"
    except TransportError as err:
        unreported_status, why = "fail", f"connection failed: {err}"
    except TimeoutError:
        unreported_status, why = "skip", "not evaluated: the run's --budget ran out during this scenario"
    except Exception as err:  # noqa: BLE001 - our bug must not hide the rest of the report
        import traceback

        state.harness_errors.append(f"{scenario.name} ({revision}): {type(err).__name__}: {err}\n{traceback.format_exc(limit=6)}")
        unreported_status, why = "skip", f"harness error: {type(err).__name__}: {err}"
    for check in scenario.checks:
        if check.id not in ctx.reported and check.applies(revision, state.transport):
            state.results.append(Result(check, unreported_status, why, revision))
    return ctx


async def _run_revision(state: RunState, scenarios: list[Scenario], revision: str, session: Session) -> None:
    memo: dict = {}
    mine = [s for s in scenarios if s.applies(revision, state.transport)]
    isolated = [s for s in mine if s.phase == "isolated"]
    main = [s for s in mine if s.phase == "main"]
    await asyncio.gather(*(_run_scenario(state, s, revision, session, memo) for s in main + isolated))
    # One crash is one defect: once the shared session's server has died, what later probe and
    # shutdown scenarios cannot observe is reported as blocked by the scenario it died in (a skip
    # naming it), not as a failure of its own. Collect scenarios judge what was recorded: unaffected.
    blocker = _blocker(state, session, "the concurrent scenarios", 0)
    for phase in ("probe", "shutdown", "collect"):
        # a scenario that reads what the others recorded declares `runs_last` (wire validation)
        ordered = sorted((s for s in mine if s.phase == phase), key=lambda s: s.runs_last)
        for scenario in ordered:
            mark = len(state.results)
            ctx = await _run_scenario(state, scenario, revision, session, memo, None if phase == "collect" else blocker)
            if blocker is None and ctx.lost is not None:
                # a write can fail before the reader has seen stdout close and the exit status
                # (stdio waits up to 0.5 s for it): let the session say whether the server is gone
                for _ in range(20):
                    if session.gone_reason or session.closing:
                        break
                    await asyncio.sleep(0.05)
            blocker = blocker or _blocker(state, session, scenario.name, mark)


async def _judge_authorization(state: RunState, scenarios: list[Scenario], report: Report, supported) -> None:
    """Authorization scenarios, once per judged revision, sharing one memo (each metadata document
    is fetched once); only for a server the gate found protected."""
    protection = state.protection
    if not scenarios or protection is None or not protection.protected:
        return
    revisions = authgate.judged_revisions(state.options.spec_version, supported)
    if not revisions:
        report.notes.append("authorization not judged: the revisions under test have no authorization page "
                            "(2024-11-05 has none)")
    elif not supported and state.options.spec_version == "auto":
        report.notes.append(f"authorization judged under {', '.join(revisions)} (the server's revisions are unknown "
                            f"without a handshake; --spec-version picks another)")
    if state.transport not in ("streamable-http", "sse"):  # detection failed: the gate's transport
        state.transport = protection.transport
    memo: dict = {}
    for revision in revisions:
        await asyncio.gather(*(_run_scenario(state, s, revision, None, memo) for s in scenarios
                               if s.applies(revision, state.transport)))


def _blocker(state: RunState, session: Session, where: str, mark: int) -> str | None:
    """What killed the shared session's server (None while it lives or when we ended it)."""
    if session.gone_reason is None or session.closing:
        return None
    failed = sorted({r.check.id for r in state.results[mark:] if r.status in ("fail", "warn")
                     and r.protocol_version == session.negotiated_version})
    named = f" ({', '.join(failed)})" if failed and mark else ""
    return f"{where}{named}, where the server exited"


async def execute(options, scenarios: list[Scenario], *, token_provider=None) -> Report:
    """Run SCENARIOS (those OPTIONS select) as OPTIONS describe (see `validator.conformance.api.Options`).
    TOKEN_PROVIDER (url, challenge, timeout=, budget=) -> token obtains a token for a protected server
    when none was given (the client-credentials flow, `validator.conformance.observe.authflow`)."""
    budget = harness.Budget(options.budget)
    harness.begin_run()
    set_message_limit(getattr(options, "max_message_bytes", None))
    target = Target(command=list(options.command) if options.command else None, url=options.url,
                    transport=options.transport, headers=dict(options.headers), env=dict(options.env or {}),
                    cwd=options.cwd)
    report = Report(target=target.describe())
    started = time.monotonic()
    state = RunState(options=options, target=target, transport=target.transport, budget=budget, timeout=options.timeout)
    state.open_session = lambda **kw: _open_session(state, **kw)
    chosen = select(scenarios, options.scenarios, options.skip)
    authorization = [s for s in chosen if s.phase == "authorization"]
    chosen = [s for s in chosen if s.phase != "authorization"]
    state.startup_judged = bool(target.command) and any(c.id == "stdio-startup" for s in chosen for c in s.checks)
    try:
        if target.url:
            state.protection = await authgate.preflight(target.url, target.headers, set(getattr(options, "secret_headers", ())),
                                                        timeout=options.timeout, budget=budget, transport=target.transport)
            if state.protection.token_given and 200 <= state.protection.status < 300:
                report.notes.append(f"the server answered an initialize without credentials (HTTP {state.protection.status}): "
                                    "it does not require the credentials given")
            if state.protection.protected and not state.protection.token_given and token_provider is not None:
                await authgate.obtain_token(state, token_provider, report)
            if state.protection.protected and not state.protection.token_given:
                # without a token only discovery can be judged: no handshake, the rest is skipped
                state.transport = report.target["transport"] = state.protection.transport
                await _judge_authorization(state, authorization, report, None)
                state.results.extend(authgate.skip_for_token(chosen))
                report.notes.append(f"the server requires authorization: {authgate.TOKEN_HOWTO} to run the whole suite")
                return report
        for scenario in chosen:
            if scenario.prelaunch:
                # a helper process a scenario declares (the SDK child spends ~0.6 s of CPU importing
                # `mcp` and is the last thing a run over HTTP waits for): start it first, on the other
                # core, before transport detection and negotiation, so its start-up overlaps them
                state.prelaunched[scenario.name] = asyncio.ensure_future(harness.launch(list(scenario.prelaunch)))
        if target.url and target.transport == "auto":
            state.transport, why = await detect_http_transport(target, timeout=options.timeout, budget=budget)
            report.notes.append(f"transport auto: {state.transport} ({why})")
        elif target.transport == "auto":
            state.transport = "stdio"
        report.target["transport"] = state.transport
        negotiation = await negotiate(state, options.spec_version)
        state.negotiation = negotiation
        report.negotiation = negotiation
        if negotiation.fatal:
            report.fatal = negotiation.fatal
            await _judge_authorization(state, authorization, report, None)
            return report
        await _judge_authorization(state, authorization, report, negotiation.supported)
        if negotiation.modern_skipped and negotiation.modern_skipped != "not requested":
            report.notes.append(f"the server also speaks 2026-07-28, not tested here: {negotiation.modern_skipped}")
        # run-level scenarios judge the handshake probes: only for a server that speaks a revision they cover
        run_level = [s for s in chosen if s.phase == "negotiation" and set(s.revisions) & set(negotiation.supported)]
        per_revision = [s for s in chosen if s.phase != "negotiation"]
        await asyncio.gather(*(_run_scenario(state, s, None, None, {}) for s in run_level),
                             *(_run_revision(state, per_revision, rev, sess) for rev, sess in negotiation.sessions.items()))
        # the newest revision's identity (discover's serverInfo under 2026-07-28), else the first that has one
        named = [negotiation.sessions[v] for v in reversed(negotiation.supported) if negotiation.sessions[v].server_info]
        info = named[0].server_info if named else {}
        report.server = {k: info.get(k) for k in ("name", "version", "title") if k in info}
    except TransportError as err:
        report.fatal = f"no MCP conversation could be established: {err}"
        if state.protection is not None and state.protection.protected:
            report.fatal += " (the server requires authorization: was the token given refused?)"
            await _judge_authorization(state, authorization, report, None)
    finally:
        for pending in state.prelaunched.values():
            pending.cancel()  # not consumed (fatal negotiation, scenario skipped); kill_all ends the child
        for session in state.sessions:
            session.closing = session.closing or session.gone_reason is None
        await asyncio.gather(*(s.channel.close() for s in state.sessions), return_exceptions=True)
        await harness.kill_all()
        for session in state.sessions:
            report.add_connection(session)
        unkept = sum(s.channel.unkept for s in state.sessions)
        if unkept:
            report.notes.append(f"{unkept} message(s) were answered but not kept for the checks: a connection's "
                                f"{KEEP_BYTES // 2**20} MB retention budget (or frame count) was spent")
        report.results = state.results
        report.interop = state.interop
        report.harness_errors = state.harness_errors
        report.duration = time.monotonic() - started
        if state.restarted:
            report.notes.append(f"{state.restarted} server process(es) exited or were still silent at start-up while "
                                f"others were starting beside them; each was started again alone and judged on that")
        if state.budget.exhausted:
            report.notes.append(f"the run's budget of {options.budget}s was exhausted")
    return report
