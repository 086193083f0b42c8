"""Size budgets: Codex's shared `project_doc_max_bytes` (AGM020 a file over it, AGM021 a chain over it, AGM022
the root file leaving little for nested ones, AGM036 a fallback name another file wins, AGM037 an empty winner)
and Windsurf's 12,000-character limit (AGM023).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.parsing.text import Region
from validator.standards.agents_md import discovery as D
from validator.standards.agents_md import names as N
from validator.standards.agents_md import plan as P
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import START, beside_skill, first_line, in_context
from validator.standards.agents_md.reader import repo_for


def codex_plan(repo, folder: str):
    key = ("codex-plan", folder)
    plan = repo.cache.get(key)
    if plan is None:
        plan = repo.cache[key] = D.plan_codex(repo, folder)
    return plan


@emits(R.AGM020, R.AGM021, R.AGM022, R.AGM036, R.AGM037)
def codex_budget(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    folder = data.folder
    if beside_skill(repo, data):
        return  # read with the file-read tool when the skill fires, not into Codex's budget; nobody starts Codex there
    if any(part.startswith(".") for part in folder.split("/") if part):
        # A hidden folder (`.claude/AGENTS.md`, `.github/...`) is another tool's territory: Codex walks from the
        # project root down to the working directory, and nobody works inside a dot-folder.
        return
    settings = D.codex_settings(repo, folder)
    candidates = D.codex_candidates(settings)
    if data.name not in candidates or settings.max_bytes == 0:
        return
    winner, shadowed = D.codex_winner(repo, folder, candidates)
    if winner != data.relpath:
        if data.name in settings.fallbacks and winner is not None and data.name not in N.CODEX_NAMES:
            yield Problem(R.AGM036, f"{data.name} is a Codex fallback name ({settings.fallbacks_source}) but "
                          f"{winner.rsplit('/', 1)[-1]} wins this folder: Codex never reads {data.name} here",
                          first_line(data))
        return
    if not data.text.strip():
        nonempty = [rel for rel in shadowed if (repo.read_text(rel) or "").strip()]
        if nonempty:
            yield Problem(R.AGM037, f"this empty {data.name} wins the folder for Codex, so {nonempty[0]} is never read; "
                          "delete it or write instructions in it", START)
        return
    plan = codex_plan(repo, folder)
    load = next((entry for entry in plan.loads if entry.path == data.relpath), None)
    if load is None:
        return
    budget = plan.budget or 0
    source = "default" if plan.budget_source == "default" else plan.budget_source
    raw_size = load.size
    if load.status == P.TRUNCATED and raw_size > budget:
        yield Problem(R.AGM020, f"{data.name} is {raw_size:,} bytes, {raw_size - budget:,} over Codex's {budget:,}-byte "
                      f"project_doc_max_bytes ({source}): Codex drops everything from line {load.cut_line} on",
                      _cut_region(data, load))
        return
    before = [entry for entry in plan.loads if entry.status in (P.LOADED, P.TRUNCATED) and entry.path != data.relpath]
    if any(entry.size > budget for entry in before):
        return  # an ancestor is over the budget on its own: AGM020 reports that file, not every file below it
    if any(part.startswith(".") for part in folder.split("/")):
        return  # nobody starts Codex inside .github/ or .cursor/
    above = _chain_text(repo, before)
    where = folder or "the root"
    if load.status == P.TRUNCATED:
        over = sum(entry.used for entry in before) + raw_size - budget
        yield Problem(R.AGM021, f"working in {where}, Codex's chain {above} + {data.relpath} ({raw_size:,} B) is {over:,} bytes over "
                      f"the {budget:,}-byte budget ({source}): this file is cut from line {load.cut_line} on",
                      _cut_region(data, load))
    elif load.status == P.DROPPED:
        yield Problem(R.AGM021, f"working in {where}, Codex never reads {data.name}: {above} already use the whole "
                      f"{budget:,}-byte budget ({source})", first_line(data))
    elif load.status == P.LOADED and folder == "" and budget and load.used > 0.8 * budget:
        nested = [rel for rel in repo.listed_files() if rel.rsplit("/", 1)[-1] in candidates and "/" in rel]
        if nested:
            yield Problem(R.AGM022, f"{data.name} uses {load.used:,} of Codex's {budget:,} bytes ({100 * load.used / budget:.0f}%), "
                          f"leaving {budget - load.used:,} for {len(nested)} nested file(s)", first_line(data))


def _chain_text(repo, loads) -> str:
    """The files above, each named once: a symlink back to a file already on the chain is not a second file, but
    Codex reads it again (project_doc.rs @0bd53e4 collects every name it finds per folder and never de-duplicates
    by target), so its bytes are added to the first file's and the cause is said."""
    firsts: dict[str, list] = {}
    order = []
    for entry in loads:
        real = repo.realpath(entry.path)
        if real in firsts:
            firsts[real].append(entry)
        else:
            firsts[real] = [entry]
            order.append(real)
    parts = []
    for real in order:
        group = firsts[real]
        head = group[0]
        if len(group) == 1:
            parts.append(f"{head.path} ({head.used:,} B)")
            continue
        links = ", ".join(entry.path for entry in group[1:])
        total = sum(entry.used for entry in group)
        times = "twice" if len(group) == 2 else f"{len(group)} times"
        parts.append(f"{head.path} ({total:,} B: Codex reads it {times}, again through the symlink {links})")
    return " + ".join(parts) or "nothing"


def _cut_region(data, load) -> Region:
    """The line where Codex's byte cut falls (counted in the raw bytes, as Codex cuts)."""
    line = load.cut_line or 1
    return data.view.index.line_region(min(line, data.view.index.line_count))


@emits(R.AGM023)
def windsurf_limit(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind != N.AGENTS or len(data.text) <= 12_000:
        return
    if not (repo.is_dir(".windsurf") or repo.is_dir(".devin")):
        return
    yield Problem(R.AGM023, f"{len(data.text):,} characters; Windsurf/Devin limit rule files to 12,000 (for AGENTS.md inferred, unverified)",
                  first_line(data))
