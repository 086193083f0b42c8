"""What a scenario sees: the session, the revision, the server's declarations, verdicts.

Owns the API scenario modules are written against (see
docs/conformance/adding-checks.md): `ctx.request(...)` on the shared session,
`ctx.open_session()` for a connection of its own, `ctx.capability(name)`,
`ctx.memo(key, factory)` to share one expensive listing between scenarios, and the
verdict helpers `passed / violated / warned / skipped / verdict / no_answer` that
turn observations into results with the level policy applied.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.protocol.session import Reply, RequestFailed, RequestIds, Session
from validator.conformance.suite.checks import Check, Result, Scenario


@dataclass
class RunState:
    """What every revision's run shares: options, target, budget, negotiation, results."""

    options: Any
    target: Any
    transport: str
    budget: Any
    timeout: float
    negotiation: Any = None
    results: list[Result] = field(default_factory=list)
    harness_errors: list[str] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    request_ids: RequestIds = field(default_factory=RequestIds)
    """Request ids unique across every connection of the run, and which session sent each."""
    open_session: Callable[..., Awaitable[Session]] | None = None
    interop: list = field(default_factory=list)
    """Per-client interoperability verdicts (the report's `interop`), filled by the tools area."""
    prelaunched: dict[str, Any] = field(default_factory=dict)
    """Helper processes started at the beginning of the run (name -> task), taken by the scenario that uses them."""
    protection: Any = None
    """What the authorization gate saw (`suite.authgate.Protection`) on a URL run; None otherwise."""
    low_scope: tuple[str, str] | None = None
    """(token, scope) of a token the client-credentials flow minted for a narrower scope: the
    insufficient-scope probe's token when --low-scope-token gives none."""
    code_flow: Any = None
    """What `--oauth-flow authorization-code` observed (`observe.authcode.Observation`); None without it."""
    startup_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """Held while a server process that died starting beside others is started again, alone."""
    restarted: int = 0
    """How many server processes were started again that way (a note in the report)."""
    startup_judged: bool = False
    """`stdio-startup` runs: it reports a server that went away, so the checks asked after that are skipped."""
    death_reported: bool = False
    """Without `stdio-startup`, the first check asked after the server went away has reported it (one failure)."""


class Context:
    def __init__(self, state: RunState, scenario: Scenario, revision: str | None, session: Session | None,
                 memo: dict | None = None, blocked_by: str | None = None) -> None:
        self.state = state
        self.blocked_by = blocked_by
        """Set when the shared session's server died during an earlier scenario (what it was): a
        problem this scenario then reports is the crash's echo, so it is a skip naming the blocker."""
        self.scenario = scenario
        self.revision = revision
        self.session = session
        self.options = state.options
        self.transport = state.transport
        self.timeout = state.timeout
        self.budget = state.budget
        self.negotiation = state.negotiation
        self._memo = memo if memo is not None else {}
        self.reported: set[str] = set()
        self.lost: RequestFailed | None = None
        """The first time the shared session could not carry a request: the server may have died here."""

    # ---- talking to the server ---------------------------------------------------
    async def request(self, method: str, params: dict | None = None, **kwargs) -> Reply:
        if self.session is None:
            raise RequestFailed("gone", "no session")
        kwargs.setdefault("scenario", self.scenario.name)
        try:
            return await self.session.request(method, params, **kwargs)
        except RequestFailed as err:
            self.lost = self.lost or (err if err.kind in ("gone", "transport") else None)
            raise

    async def notify(self, method: str, params: dict | None = None) -> Any:
        if self.session is None:
            raise RequestFailed("gone", "no session")
        try:
            return await self.session.notify(method, params, scenario=self.scenario.name)
        except RequestFailed as err:
            self.lost = self.lost or (err if err.kind in ("gone", "transport") else None)
            raise

    async def open_session(self, *, initialize: bool = True, version: str | None = None,
                           capabilities: dict | None = None) -> Session:
        """A fresh connection (a new process on stdio), closed by the runner at the end."""
        assert self.state.open_session is not None
        return await self.state.open_session(initialize=initialize, version=version or self.revision,
                                             capabilities=capabilities, scenario=self.scenario.name)

    @property
    def capabilities(self) -> dict:
        return self.session.server_capabilities if self.session else {}

    def capability(self, name: str) -> dict | None:
        """The declared capability object, or None when the server did not declare it."""
        value = self.capabilities.get(name)
        return value if isinstance(value, dict) else ({} if value is True else None)

    async def memo(self, key: str, factory: Callable[[], Awaitable[Any]]) -> Any:
        """Run FACTORY once per revision and share its result (or its exception)."""
        entry = self._memo.get(key)
        if entry is None:
            entry = self._memo[key] = asyncio.ensure_future(factory())
        return await asyncio.shield(entry)

    # ---- verdicts ----------------------------------------------------------------
    def _check(self, check: Check) -> Check:
        if check not in self.scenario.checks:
            raise ValueError(f"check {check.id} is not declared by scenario {self.scenario.name}")
        return check

    def report(self, check: Check, status: str, message: str, details: Any = None, *, level: str | None = None) -> Result:
        if self.blocked_by and status in ("fail", "warn"):
            status, message = "skip", f"blocked by {self.blocked_by}: {message}"
        result = Result(self._check(check), status, message, self.revision, details,
                        judged_level=level if level and level != check.level else None)
        self.state.results.append(result)
        self.reported.add(check.id)
        return result

    def passed(self, check: Check, message: str, details: Any = None) -> Result:
        return self.report(check, "pass", message, details)

    def violated(self, check: Check, message: str, details: Any = None, *, level: str | None = None) -> Result:
        """A requirement is broken: fail for MUST, warn for SHOULD/derived (LEVEL overrides per revision)."""
        return self.report(check, check.status_for_violation(level), message, details, level=level)

    def warned(self, check: Check, message: str, details: Any = None) -> Result:
        """A problem below the check's level: a MUST check's warning is labelled derived."""
        return self.report(check, "warn", message, details, level="derived" if check.level == "MUST" else None)

    def skipped(self, check: Check, message: str, details: Any = None) -> Result:
        return self.report(check, "skip", message, details)

    def verdict(self, check: Check, ok: bool, ok_message: str, bad_message: str, details: Any = None,
                *, level: str | None = None) -> Result:
        if ok:
            return self.passed(check, ok_message, details)
        return self.violated(check, bad_message, details, level=level)

    def after_death(self, error: RequestFailed) -> tuple[str, str]:
        """(status, message) for a check whose request came after the server had gone away: one death is one
        defect, reported by `stdio-startup` when it runs, else by the first such check; the rest are not evaluated."""
        if not self.state.startup_judged and not self.state.death_reported:
            self.state.death_reported = True
            return "fail", f"no answer: the server had gone away ({error})"
        return "skip", f"not evaluated: the server had already gone away ({error})"

    def no_answer(self, check: Check, error: RequestFailed | str) -> Result:
        """The server did not answer what it must answer: a failure whatever the level
        (JSON-RPC requires a response to every request)."""
        text = str(error)
        if isinstance(error, RequestFailed) and error.kind == "budget":
            return self.report(check, "skip", "not evaluated: the run's --budget ran out")
        if isinstance(error, RequestFailed) and error.kind == "gone" and error.before_send:
            return self.report(check, *self.after_death(error))
        # JSON-RPC: "the Server MUST reply with a Response" (https://www.jsonrpc.org/specification#response_object)
        return self.report(check, "fail", f"no answer: {text}", level="MUST")
