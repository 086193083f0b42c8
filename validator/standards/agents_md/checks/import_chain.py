"""Where one top-level `@` import of CLAUDE.md or GEMINI.md leads (AGM051 deeper down, AGM052, AGM057).

A file an over-long chain reaches is reported as never loaded only when no chain of at most five hops from the
top-level file reaches it (`memory.loaded_within_depth`): Claude Code keeps one set of processed files and Gemini
CLI inlines a file where the shorter chain imports it (audit 23: a web of cross-imports, each file also imported
directly by the top-level file).
"""

from __future__ import annotations

from validator.model import Problem, Span
from validator.standards.agents_md import plan as P
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.imports import MAX_DEPTH, ImportRef
from validator.standards.agents_md.memory import expand_claude_imports, expand_gemini_imports, loaded_within_depth


def import_chain(data, repo, ref: ImportRef, target: str, agent: str):
    """Follow one top-level import: report a missing file deeper down, a cycle, or depth beyond 5."""
    if target == data.relpath:
        return  # the file naming itself: both CLIs skip a file they already read, nothing loads twice
    plan = P.Plan(agent, "", "", "")
    expand = expand_claude_imports if agent == "claude" else expand_gemini_imports
    plan.loads.append(P.Load(target, "import", P.LOADED, depth=1, via=data.relpath))
    expand(repo, target, plan, depth=2, seen=(data.relpath,) if agent == "claude" else (data.relpath, target))
    region = Span(ref.start, ref.end)
    label = "Claude Code" if agent == "claude" else "Gemini CLI"
    reported = set()
    missing = sum(1 for load in plan.loads[1:] if load.status == P.MISSING)
    for load in plan.loads[1:]:
        if load.status == P.MISSING and "missing" not in reported:
            reported.add("missing")
            more = f" (and {missing - 1} more missing import{'s' if missing > 2 else ''} down this chain)" if missing > 1 else ""
            yield Problem(R.AGM051, f"@{ref.path} leads to {load.via}, whose import {load.path} does not exist: {label} skips "
                          f"it{more}", region)
        elif load.status == P.TOO_DEEP and "deep" not in reported \
                and load.path not in loaded_within_depth(repo, data.relpath, agent):
            reported.add("deep")
            yield Problem(R.AGM052, f"@{ref.path} starts an import chain deeper than {MAX_DEPTH} hops: {load.path} (imported by "
                          f"{load.via}) is never loaded by {label}", region)
        elif load.status == P.REPEATED and "cycle" not in reported:
            reported.add("cycle")
            yield Problem(R.AGM057, f"@{ref.path} leads back to {load.path} (imported again by {load.via}): the imports form a cycle",
                          region)
