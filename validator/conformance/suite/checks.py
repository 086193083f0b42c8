"""The check vocabulary: what a check is (data), what a result is, and how they rank.

Owns `Check` (id, scenario, requirement, level, revisions, spec URL), `Result`
(status pass|fail|warn|skip with message and details), the level → status policy
(a broken MUST fails; a broken SHOULD or derived rule warns; a correct server never
fails), and the collapse of duplicate ids (most severe wins, as the
official suite does so a real failure is never masked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, MODERN_REVISIONS

LEVELS = ("MUST", "SHOULD", "derived")
STATUSES = ("pass", "fail", "warn", "skip")
RANK = {"skip": 0, "pass": 1, "warn": 2, "fail": 3}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCENARIO_RE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
"""Scenario names may hold an underscore: the official client scenario `tools_call` has one."""
REQ_RE = re.compile(r"^[A-Z0-9]+-\d{3}$")

S25 = "https://modelcontextprotocol.io/specification/2025-11-25"
S24 = "https://modelcontextprotocol.io/specification/2024-11-05"


_MESSAGES_24 = ("messages", "requests", "responses", "notifications")
_MODERN_PAGES = ("/basic", "/server/tools", "/server/resources", "/server/prompts", "/server/utilities/completion",
                 "/server/utilities/pagination", "/server/utilities/logging")
"""2025-11-25 pages that 2026-07-28 keeps at the same path (docs/specification/2026-07-28)."""
"""Sections of `basic` that 2024-11-05 has on `basic/messages` (mcp-requirements.md, URL prefixes)."""


@dataclass(frozen=True)
class Check:
    """One verifiable requirement, described by data (see docs/conformance/adding-checks.md)."""

    id: str
    scenario: str
    requirement: str
    level: str
    revisions: tuple[str, ...]
    spec: str
    title: str
    transports: tuple[str, ...] = ()
    """Transports it applies to; empty means every transport."""
    spec_modern: str = ""
    """The URL of the same requirement under 2026-07-28, where a page moved (the transports page became
    basic/transports/streamable-http); empty when the check does not apply there or `spec` serves."""

    def __post_init__(self) -> None:
        if not ID_RE.match(self.id) or not SCENARIO_RE.match(self.scenario):
            raise ValueError(f"check and scenario ids are kebab-case: {self.scenario}:{self.id}")
        if self.level not in LEVELS:
            raise ValueError(f"{self.id}: level must be one of {LEVELS}")
        if not REQ_RE.match(self.requirement):
            raise ValueError(f"{self.id}: requirement id {self.requirement!r} is not like BASE-001")
        if not self.spec.startswith("https://"):
            raise ValueError(f"{self.id}: spec must be an https URL")

    def spec_for(self, revision: str | None) -> str:
        """The spec URL of REVISION: a result judged under 2024-11-05 links the 2024-11-05 page.

        Check URLs are written against 2025-11-25 (`S25`); those are moved to the revision
        judged (the same paths exist in every handshake revision, except that 2024-11-05 keeps
        the message types on `basic/messages`). A URL naming another revision on purpose (the
        2025-03-26 batching section, the 2026-07-28 error-code table) is left as it is. Under
        2026-07-28 a check that applies to both eras names its page there (`spec_modern`)."""
        if revision in MODERN_REVISIONS and self.spec_modern:
            return self.spec_modern
        if revision in MODERN_REVISIONS and self.spec.startswith(S25 + "/") \
                and self.spec[len(S25):].split("#")[0] in _MODERN_PAGES:
            return f"https://modelcontextprotocol.io/specification/{revision}{self.spec[len(S25):]}"
        if not revision or revision == "2025-11-25" or revision not in HANDSHAKE_REVISIONS or not self.spec.startswith(S25 + "/"):
            return self.spec
        path = self.spec[len(S25):]
        if revision == "2024-11-05" and path.startswith("/basic#") and path[len("/basic#"):] in _MESSAGES_24:
            path = "/basic/messages#" + path[len("/basic#"):]
        return f"https://modelcontextprotocol.io/specification/{revision}{path}"

    def applies(self, revision: str | None, transport: str) -> bool:
        if self.transports and transport not in self.transports:
            return False
        return revision is None or revision in self.revisions

    def status_for_violation(self, level: str | None = None) -> str:
        return "fail" if (level or self.level) == "MUST" else "warn"


@dataclass
class Result:
    check: Check
    status: str
    message: str
    protocol_version: str | None = None
    details: Any = None
    baseline: str | None = None
    """`expected` (a listed failure) or `stale` (listed, now passing), set by baselines."""
    judged_level: str | None = None
    """The level this result was judged at when it differs from the check's (a keyword that differs
    by revision, a derived problem under a MUST check): label and verdict always agree."""

    @property
    def level(self) -> str:
        return self.judged_level or self.check.level

    @property
    def spec(self) -> str:
        """The spec URL of the revision this result was judged under."""
        return self.check.spec_for(self.protocol_version)

    def to_dict(self) -> dict:
        out = {
            "id": self.check.id,
            "scenario": self.check.scenario,
            "requirement": self.check.requirement,
            "level": self.level,
            "protocol_version": self.protocol_version,
            "status": self.status,
            "message": self.message,
            "spec": self.spec,
            "title": self.check.title,
        }
        if self.details is not None:
            out["details"] = self.details
        if self.baseline:
            out["baseline"] = self.baseline
        return out


def collapse(results: list[Result]) -> list[Result]:
    """One result per (scenario, id, protocol version): the most severe, first seen on ties.

    Details of the dropped duplicates are kept when they add failures, so the report
    still names every offending tool or message.
    """
    best: dict[tuple, Result] = {}
    order: list[tuple] = []
    for result in results:
        key = (result.check.scenario, result.check.id, result.protocol_version)
        kept = best.get(key)
        if kept is None:
            best[key] = result
            order.append(key)
        elif RANK[result.status] > RANK[kept.status]:
            best[key] = result
    return [best[k] for k in order]


@dataclass
class Scenario:
    """A named group of checks and the coroutine that evaluates them.

    `phase` says where it runs in a revision's conversation:
    - `main`: concurrently with the other main scenarios on the shared session;
    - `probe`: after `main`, one at a time, still on the shared session (raw probes
      that a fragile server might not survive);
    - `isolated`: concurrently, on connections of its own (`ctx.open_session()`);
    - `shutdown`: last, one at a time; may end the shared session (stdin close, DELETE);
    - `collect`: after the conversation, reads what was recorded (wire validation);
    - `authorization`: on a URL the gate found protected (`suite/authgate.py`), once per judged
      revision with no session (raw HTTP), before the other phases; all share one memo.

    `runs_last`: within its phase, after the others (wire validation reads every frame the
    other collectors' traffic produced). `prelaunch`: a helper command the runner starts at
    the very beginning of the run, before transport detection and negotiation, so its
    start-up overlaps them; the scenario takes the process from `ctx.state.prelaunched[name]`.
    """

    name: str
    description: str
    checks: tuple[Check, ...]
    run: Any
    phase: str = "main"
    transports: tuple[str, ...] = ()
    revisions: tuple[str, ...] = HANDSHAKE_REVISIONS
    needs_capability: str | None = None
    runs_last: bool = False
    prelaunch: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for check in self.checks:
            if check.scenario != self.name and self.phase != "collect-all":
                raise ValueError(f"check {check.id} names scenario {check.scenario!r} but is listed in {self.name!r}")

    def applies(self, revision: str, transport: str) -> bool:
        if self.transports and transport not in self.transports:
            return False
        return revision in self.revisions
