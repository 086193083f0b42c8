"""The shape of the discovery model's answer: a `Plan` of `Load`s, their statuses, and the helpers every agent's model uses.

A plan says, for one agent and one working directory, which instruction files are read, in which order, how
many bytes each contributes to the agent's budget, what is cut and where, and which files are present but not
read. `discovery.py` (Codex, Copilot, Cursor, Zed, goose, ...) and `memory.py` (Claude Code, Gemini CLI) build them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from validator.records import field, record
from validator.repo import paths as RP
from validator.repo.files import Repo

# statuses of a file in a plan
LOADED = "loaded"
TRUNCATED = "truncated"
DROPPED = "dropped"          # over budget: not read at all
EMPTY = "empty"              # read, contributes nothing
SHADOWED = "shadowed"        # present but another file wins its slot
CONDITIONAL = "conditional"  # loaded only for matching files / when requested
ON_DEMAND = "on-demand"      # loaded when the agent works on files below it
MISSING = "missing"          # referenced (import, config) but absent
OUTSIDE = "outside"          # resolves outside the repository: not read by this tool
TOO_DEEP = "too-deep"        # import beyond the agent's depth limit
REPEATED = "repeated"        # import already on the chain (cycle)
REFUSED = "refused"          # the agent refuses it (Gemini: outside the project root, URL)
UNREADABLE = "unreadable"    # dangling symlink, directory, not UTF-8

READ_STATUSES = (LOADED, TRUNCATED, EMPTY)
CODEX_DEFAULT_MAX_BYTES = 32 * 1024


@record
class Load:
    path: str
    role: str
    status: str
    size: int = 0
    used: int = 0
    lines: int = 0
    cut_line: int | None = None
    depth: int = 0
    via: str | None = None
    note: str = ""

    def to_dict(self) -> dict:
        data = {"path": self.path, "role": self.role, "status": self.status, "bytes": self.size, "used_bytes": self.used,
                "lines": self.lines}
        if self.cut_line is not None:
            data["cut_at_line"] = self.cut_line
        if self.depth:
            data["import_depth"] = self.depth
        if self.via:
            data["imported_by"] = self.via
        if self.note:
            data["note"] = self.note
        return data


@record
class Plan:
    agent: str
    title: str
    follows: str
    cwd: str
    loads: list[Load] = field(default_factory=list)
    budget: int | None = None
    budget_source: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def read(self) -> list[Load]:
        return [load for load in self.loads if load.status in (LOADED, TRUNCATED)]

    @property
    def used(self) -> int:
        return sum(load.used for load in self.loads if load.status in (LOADED, TRUNCATED))

    def to_dict(self) -> dict:
        data = {"agent": self.agent, "title": self.title, "follows": self.follows, "cwd": self.cwd or ".",
                "files": [load.to_dict() for load in self.loads], "used_bytes": self.used, "notes": self.notes}
        if self.budget is not None:
            data["budget_bytes"] = self.budget
            data["budget_source"] = self.budget_source
        return data


# -- shared helpers -------------------------------------------------------------------------

def chain(cwd: str) -> list[str]:
    """Folders from the repository root down to CWD."""
    return RP.ancestors(cwd.strip("/"))


def count_lines(text: str | None) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def line_at_byte(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def simple_front_matter(text: str) -> dict[str, str]:
    """Top-level scalar keys of a YAML front matter block (enough for applyTo/globs/alwaysApply)."""
    m = re.match(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", text, re.DOTALL | re.MULTILINE)
    if not m:
        return {}
    out = {}
    for line in m.group(1).splitlines():
        km = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if km:
            value = km.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            out[km.group(1)] = value
    return out


def below(repo: Repo, cwd: str, predicate, key) -> list[str]:
    """Listed files strictly below CWD that PREDICATE accepts, shallowest first.

    KEY names PREDICATE for the run: the accepted files are listed once per run (sorted),
    and each call takes the slice under CWD, so a plan per instruction file stays linear.
    """
    accepted = matching(repo, key, predicate)
    here = cwd.strip("/")
    prefix = here + "/" if here else ""
    found = []
    for i in range(bisect_left(accepted, prefix), len(accepted)):
        rel = accepted[i]
        if not rel.startswith(prefix):
            break
        if RP.directory(rel) != here:
            found.append(rel)
    return sorted(found, key=lambda r: (r.count("/"), r))


def matching(repo: Repo, key, predicate) -> list[str]:
    """Listed files PREDICATE accepts, sorted; computed once per run for KEY."""
    return repo.memo(("listed-matching", key), lambda: sorted(r for r in repo.listed_files() if predicate(r)))


def agents_on_chain(repo: Repo, cwd: str, plan: Plan, role: str) -> None:
    """Every AGENTS.md from the root down to CWD, in that order (Copilot, Cursor, Windsurf)."""
    for folder in chain(cwd):
        rel = RP.join(folder, "AGENTS.md")
        if repo.lexists(rel):
            plan.loads.append(file_load(repo, rel, role))


def file_load(repo: Repo, rel: str, role: str) -> Load:
    st = repo.stat(rel)
    if not st.inside:
        return Load(rel, role, OUTSIDE, note=f"symlink to {st.link_target} outside the repository; not read here")
    if st.dangling:
        return Load(rel, role, UNREADABLE, note=f"dangling symlink to {st.link_target}")
    if not st.is_file:
        return Load(rel, role, UNREADABLE, note="not a regular file")
    text = repo.read_text(rel)
    load = Load(rel, role, LOADED, size=st.size, used=st.size, lines=count_lines(text))
    if text is not None and not text.strip():
        load.status = EMPTY
        load.used = 0
    return load

