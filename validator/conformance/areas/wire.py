"""`wire-schema-valid`: every message the server sent, held against its revision's schema.

As in the official suite, the check is reported under each scenario whose traffic
carried the messages (`<scenario>:wire-schema-valid`), so its baselines carry over.
The models themselves live in `validator.conformance.protocol.wire` (exact per revision: the
SDK's types are lenient and cover two revisions); `wire_adapter` is the seam.
https://modelcontextprotocol.io/specification/2025-11-25/basic#messages
"""

from __future__ import annotations

from dataclasses import replace

from validator.conformance.protocol import wire_adapter
from validator.conformance.protocol.revisions import revisions
from validator.conformance.suite.checks import S25, Check, Result, Scenario

WIRE = Check("wire-schema-valid", "wire", "BASE-003", "MUST", revisions("all"), f"{S25}/basic#messages",
             "every message the server sent is valid under its revision's schema")
MAX_LISTED = 20


async def run_wire(ctx) -> None:
    ctx.reported.add(WIRE.id)  # reported per scenario below, never under "wire" itself
    validate, why_not = wire_adapter.load()
    groups: dict[str, list] = {}
    for session in (s for s in ctx.state.sessions if s.negotiated_version == ctx.revision):
        for frame in session.channel.frames:
            if frame.error is None and frame.message is not None and frame.validate:
                groups.setdefault(frame.scenario or "server-initialize", []).append(frame)
    if validate is None:
        ctx.skipped(WIRE, why_not)
        return
    for scenario, frames in sorted(groups.items()):
        check = replace(WIRE, scenario=scenario)
        problems, count = [], 0
        for frame in frames:
            items = frame.message if isinstance(frame.message, list) else [frame.message]
            for item in items:
                count += 1
                method = frame.answers if isinstance(item, dict) and "method" not in item else None
                issues = validate(ctx.revision, item, request_method=method)
                for issue in issues or ():
                    if len(problems) < MAX_LISTED:
                        problems.append({"message": frame.preview(120), "answers": method,
                                         "issue": wire_adapter.describe(issue)})
        if problems:
            text = f"{len(problems)} schema violation(s) in {count} message(s); first: {problems[0]['issue']}"
            ctx.state.results.append(Result(check, "fail", text, ctx.revision, problems))
        else:
            ctx.state.results.append(Result(check, "pass", f"{count} message(s) valid under the {ctx.revision} schema", ctx.revision))


SCENARIOS = [
    Scenario("wire", "Every received message against the revision's exact wire models", (WIRE,), run_wire,
             phase="collect", revisions=revisions("all"), runs_last=True),
]
