"""`agentconform context [DIR]`: which instruction files each agent loads when started in DIR.

Prints, per agent, the files read in order with their sizes and the bytes each takes
from the agent's budget, what is truncated or dropped and where, and the files that
are present but not read (shadowed, conditional, on demand). Always exits 0 for a
readable directory. Reads nothing outside the repository unless `--include-global`
(then the user's own files: `~/.codex/AGENTS.md`, `~/.claude/CLAUDE.md`, ...).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from validator import exitcodes

HELP = "show which instruction files each agent loads from a directory, in order, with budgets"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", default=".", metavar="DIR",
                        help="the working directory the agent starts in (default: the current one)")
    from validator.commands.check import _Extend  # comma-separated and repeatable, like --select

    parser.add_argument("--agent", action=_Extend, default=None, metavar="NAME",
                        help="only these agents (comma-separated, repeatable): codex, claude, gemini, copilot, "
                             "cursor, zed, goose, amp, opencode, hermes, windsurf")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--include-global", action="store_true",
                        help="also read the user's own instruction and config files outside the repository")


def run(args: argparse.Namespace) -> int:
    from validator.engine.config import ConfigError
    from validator.engine.files import FileIndex, find_root
    from validator.repo.files import Repo
    from validator.standards.agents_md.discovery import AGENTS, plans
    from validator.standards.agents_md.globalfs import GlobalFS

    target = Path(args.dir).resolve()
    if not target.is_dir():
        raise ConfigError(f"not a directory: {args.dir}")
    args.agent = [name.lower() for name in args.agent] if args.agent else None
    unknown = [name for name in (args.agent or []) if name not in AGENTS]
    if unknown:
        raise ConfigError(f"unknown agent {', '.join(unknown)}; choose from {', '.join(AGENTS)}")
    root = find_root(target)
    cwd = target.relative_to(root).as_posix()
    cwd = "" if cwd == "." else cwd
    repo = Repo(FileIndex(root))
    glob = GlobalFS() if args.include_global else None
    result = plans(repo, cwd, args.agent, glob)
    if args.format == "json":
        document = {"root": str(root), "cwd": cwd or ".", "include_global": bool(glob),
                    "agents": [plan.to_dict() for plan in result]}
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(root, cwd, result, bool(glob)))
    return exitcodes.OK


def render_text(root: Path, cwd: str, result, include_global: bool) -> str:
    from validator.standards.agents_md.plan import READ_STATUSES

    out = [f"Instruction files loaded by agents started in {cwd or '.'} (repository {root})"]
    if not include_global:
        out.append("Only files inside the repository are shown; --include-global adds your own (~/.codex, ~/.claude, ...).")
    for plan in result:
        out.append("")
        out.append(f"{plan.title}  [model: {plan.follows}]")
        if plan.budget is not None:
            out.append(f"  budget: {plan.budget:,} bytes (project_doc_max_bytes, {plan.budget_source})")
        read = [load for load in plan.loads if load.status in READ_STATUSES]
        other = [load for load in plan.loads if load.status not in READ_STATUSES]
        if not plan.loads:
            out.append("  (no instruction file)")
        width = max((len(_label(load)) for load in plan.loads), default=10)
        for n, load in enumerate(read, 1):
            used = f"{load.used:>9,}" if plan.budget is not None else ""
            detail = load.status + (f": {load.note}" if load.note else "")
            out.append(f"  {n:>2}. {_label(load):<{width}} {load.size:>9,} B {used}  {detail}".rstrip())
        for load in other:
            detail = load.status + (f": {load.note}" if load.note else "")
            out.append(f"   -  {_label(load):<{width}} {'':>11} {'':>9}  {detail}".rstrip())
        if plan.budget is not None and plan.budget:
            share = 100 * plan.used / plan.budget
            out.append(f"  total: {plan.used:,} of {plan.budget:,} bytes ({share:.0f}%)")
        for note in plan.notes:
            out.append(f"  note: {note}")
    return "\n".join(out) + "\n"


def _label(load) -> str:
    prefix = "  " * max(0, load.depth)
    return prefix + load.path
