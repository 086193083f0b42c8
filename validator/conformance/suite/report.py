"""The report of one conformance run and its JSON form (the stable contract).

Owns `Report`: target, server, era, protocol versions, the collapsed check results,
the baseline outcome, connection diagnostics (server stderr, exit status) and the
exit code. Fields of `to_dict()` may be added, never removed or renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validator import exitcodes
from validator.conformance.suite.checks import RANK, Result, collapse
from validator.version import __version__

STDERR_IN_REPORT = 8000


@dataclass
class Problem:
    """One defect: a check that failed (or warned) the same way under one or more revisions."""

    results: list[Result]

    @property
    def key(self) -> str:
        first = self.results[0]
        return f"{first.check.id}:{first.status}" + (f":{first.baseline}" if first.baseline else "")

    @property
    def judged(self) -> Result:
        """The newest revision's result: its message, level and spec link speak for the group."""
        return max(self.results, key=lambda r: r.protocol_version or "")

    @property
    def revisions(self) -> list[str]:
        return sorted({r.protocol_version for r in self.results if r.protocol_version}, reverse=True)

    def to_dict(self) -> dict:
        judged = self.judged
        out = {"group": self.key, "id": judged.check.id, "scenario": judged.check.scenario,
               "requirement": judged.check.requirement, "level": judged.level, "status": judged.status,
               "revisions": self.revisions, "message": judged.message, "wants": judged.check.title,
               "spec": judged.spec, "specs": {r.protocol_version: r.spec for r in self.results if r.protocol_version}}
        if judged.baseline:
            out["baseline"] = judged.baseline
        return out


@dataclass
class Report:
    target: dict
    server: dict = field(default_factory=dict)
    negotiation: Any = None
    results: list[Result] = field(default_factory=list)
    fatal: str | None = None
    notes: list[str] = field(default_factory=list)
    harness_errors: list[str] = field(default_factory=list)
    connections: list[dict] = field(default_factory=list)
    duration: float = 0.0
    baseline: Any = None
    interop: list = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    """Header values no output may show (the renderers redact them; never in `to_dict()`)."""

    def add_connection(self, session) -> None:
        diag = dict(session.channel.diagnostics())
        if "stderr" in diag and len(diag["stderr"]) > STDERR_IN_REPORT:
            diag["stderr"] = "[...]\n" + diag["stderr"][-STDERR_IN_REPORT:]
        diag["transport"] = session.channel.transport
        diag["frames_received"] = session.channel.frame_count
        if session.requested_version:
            diag["requested_version"] = session.requested_version
        if session.gone_reason and not session.closing:
            diag["lost"] = session.gone_reason
        if session.replaced:
            diag["replaced"] = "died or stayed silent starting beside other server processes; started again alone"
        self.connections.append(diag)

    @property
    def era(self) -> str | None:
        return self.negotiation.era if self.negotiation is not None else None

    @property
    def protocol_versions(self) -> list[str]:
        if self.negotiation is None:
            return []
        return sorted(self.negotiation.supported, reverse=True)

    @property
    def checks(self) -> list[Result]:
        ordered = collapse(self.results)
        return sorted(ordered, key=lambda r: (r.check.scenario, r.check.id, r.protocol_version or ""))

    def problems(self) -> list[Problem]:
        """Failures, then warnings (and stale baseline entries), one entry per check and status
        whatever the number of revisions it holds under."""
        groups: dict[tuple, list[Result]] = {}
        for result in self.checks:
            if result.status in ("fail", "warn") or result.baseline == "stale":
                groups.setdefault((result.check.id, result.status, result.baseline), []).append(result)
        order = {"fail": 0, "warn": 1}
        return sorted((Problem(items) for items in groups.values()),
                      key=lambda p: (p.judged.baseline == "expected", order.get(p.judged.status, 2),
                                     p.judged.check.scenario, p.judged.check.id))

    def summary(self) -> dict:
        counts = {"pass": 0, "fail": 0, "warn": 0, "skip": 0}
        for result in self.checks:
            counts[result.status] += 1
        return counts

    def worst(self) -> str:
        return max((r.status for r in self.checks), key=RANK.__getitem__, default="skip")

    def exit_code(self) -> int:
        if self.fatal:
            return exitcodes.ERROR
        if self.baseline is not None:
            return exitcodes.FINDINGS if (self.baseline.unexpected or self.baseline.stale) else exitcodes.OK
        return exitcodes.FINDINGS if any(r.status == "fail" for r in self.checks) else exitcodes.OK

    @staticmethod
    def _check_dict(result: Result) -> dict:
        out = result.to_dict()
        if result.status in ("fail", "warn") or result.baseline == "stale":
            out["group"] = f"{result.check.id}:{result.status}" + (f":{result.baseline}" if result.baseline else "")
        return out

    def to_dict(self) -> dict:
        out: dict = {
            "tool": {"name": "agentconform", "version": __version__},
            "target": self.target,
            "server": self.server,
            "era": self.era,
            "protocol_versions": self.protocol_versions,
            "checks": [self._check_dict(r) for r in self.checks],
            "problems": [p.to_dict() for p in self.problems()],
            "interop": self.interop,
            "summary": self.summary(),
            "exit_code": self.exit_code(),
            "duration_seconds": round(self.duration, 3),
        }
        if self.fatal:
            out["error"] = self.fatal
        if self.negotiation is not None:
            out["negotiation"] = self.negotiation.to_dict()
        if self.baseline is not None:
            out["baseline"] = self.baseline.to_dict()
        if self.notes:
            out["notes"] = self.notes
        if self.harness_errors:
            out["harness_errors"] = self.harness_errors
        out["connections"] = self.connections
        return out
