"""How a client judge reports: the server suite's `Result`s, with the same level policy.

Owns `Verdicts`, the client side's counterpart of the server context's `ctx.passed` /
`ctx.violated` / `ctx.skipped`: a broken MUST fails, a broken SHOULD or derived rule warns
(a correct client never fails), a check judged at another level than its data says (a
keyword that differs by revision) carries that level. Messages name the transport, so the
stdio and HTTP results of one revision stay told apart after they collapse.
"""

from __future__ import annotations

from typing import Any

from validator.conformance.suite.checks import Check, Result


class Verdicts:
    def __init__(self, revision: str, transport: str) -> None:
        self.revision = revision
        self.transport = transport
        self.results: list[Result] = []

    def _add(self, check: Check, status: str, message: str, details: Any = None, level: str | None = None) -> None:
        judged = level if level and level != check.level else None
        self.results.append(Result(check, status, f"[{self.transport}] {message}", self.revision, details, judged_level=judged))

    def passed(self, check: Check, message: str, details: Any = None) -> None:
        self._add(check, "pass", message, details)

    def violated(self, check: Check, message: str, details: Any = None, *, level: str | None = None) -> None:
        self._add(check, check.status_for_violation(level), message, details, level)

    def warned(self, check: Check, message: str, details: Any = None) -> None:
        """A derived problem under a check of any level: a warning, labelled as derived."""
        self._add(check, "warn", message, details, "derived" if check.level == "MUST" else None)

    def skipped(self, check: Check, message: str) -> None:
        self._add(check, "skip", message)

    def verdict(self, check: Check, ok: bool, ok_message: str, bad_message: str, details: Any = None,
                *, level: str | None = None) -> None:
        if ok:
            self.passed(check, ok_message, details)
        else:
            self.violated(check, bad_message, details, level=level)

    def reported(self, check: Check) -> bool:
        return any(r.check is check for r in self.results)
