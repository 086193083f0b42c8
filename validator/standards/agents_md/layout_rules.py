"""Checks about where instruction files are and what each agent makes of them.

Discovery (override shadowing, Zed's first match, legacy names, files an agent never
reads), budgets (Codex's shared `project_doc_max_bytes`) and drift between the files
different agents read (copies of AGENTS.md, CLAUDE.md that never reaches AGENTS.md).
All of it goes through the discovery model in `discovery.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.model import Finding
from validator.parsing.text import Region
from validator.standards.agents_md import discovery as D
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R

START = Region(1, 1, 1, 1)


def _first_line(data) -> Region:
    if not data.text:
        return START
    return data.view.index.line_region(1)


# -- symlinks -------------------------------------------------------------------------------

def symlink_checks(data, repo, ctx, doc) -> Iterator[Finding]:
    st = data.stat
    if st.is_symlink:
        target = st.link_target or "?"
        if st.dangling:
            yield ctx.finding(R.AGM042, doc, START, f"{data.name} is a symlink to {target}, which does not exist")
        elif not st.inside:
            yield ctx.finding(R.AGM042, doc, START,
                              f"{data.name} is a symlink to {target}, outside the repository: other machines do not have it")
        elif not st.is_file:
            yield ctx.finding(R.AGM042, doc, START, f"{data.name} is a symlink to {target}, which is not a file")
        return
    stub = _stub_target(data, repo)
    if stub is not None:
        hint = " or write @" + stub if data.kind in (N.CLAUDE, N.GEMINI) else ""
        yield ctx.finding(R.AGM048, doc, _first_line(data),
                          f"{data.name} holds only the path {stub!r}: a symlink checked out as a text file; "
                          f"recreate the link{hint}")


def _stub_target(data, repo) -> str | None:
    body = data.text.strip()
    if not body or "\n" in body or len(body) > 200 or " " in body or body.startswith("@"):
        return None
    if not re.fullmatch(r"[\w./-]+\.(?:md|mdc|txt)|\.[\w.-]+rules|\.goosehints", body):
        return None
    target = D.resolve_import(data.relpath, body)
    if target is None or not repo.is_file(target) or target == data.relpath:
        return None
    return body


# -- the checks -----------------------------------------------------------------------------

def check(data, repo, ctx, doc) -> Iterator[Finding]:
    yield from _names(data, repo, ctx, doc)
    yield from _codex(data, repo, ctx, doc)
    yield from _windsurf(data, repo, ctx, doc)
    yield from _nested_without_root(data, repo, ctx, doc)
    yield from _zed(data, repo, ctx, doc)
    yield from _legacy(data, repo, ctx, doc)
    yield from _never_read(data, repo, ctx, doc)
    yield from _gemini(data, repo, ctx, doc)
    yield from _claude(data, repo, ctx, doc)
    yield from _copies(data, repo, ctx, doc)


def _siblings(repo, folder: str) -> list[str]:
    key = ("siblings", folder)
    found = repo.cache.get(key)
    if found is None:
        table = repo.cache.get("by-folder")
        if table is None:
            table = {}
            for rel in repo.listed_files():
                table.setdefault(N.directory(rel), []).append(rel.rsplit("/", 1)[-1])
            repo.cache["by-folder"] = table
        found = repo.cache[key] = table.get(folder, [])
    return found


def _names(data, repo, ctx, doc):
    if data.kind == N.VARIANT:
        canonical = N.CANONICAL[data.name.lower()]
        if not repo.lexists(N.join(data.folder, canonical)):
            yield ctx.finding(R.AGM002, doc, _first_line(data),
                              f"agents look for {canonical} by exact name; {data.name} is missed on case-sensitive systems "
                              f"(Linux, CI); rename it to {canonical}")
        return


# -- budgets --------------------------------------------------------------------------------

def codex_plan(repo, folder: str):
    key = ("codex-plan", folder)
    plan = repo.cache.get(key)
    if plan is None:
        plan = repo.cache[key] = D.plan_codex(repo, folder)
    return plan


def _codex(data, repo, ctx, doc):
    folder = data.folder
    settings = D.codex_settings(repo, folder)
    candidates = D.codex_candidates(settings)
    if data.name not in candidates or settings.max_bytes == 0:
        return
    winner, shadowed = D.codex_winner(repo, folder, candidates)
    if winner != data.relpath:
        if data.name in settings.fallbacks and winner is not None and data.name not in N.CODEX_NAMES:
            yield ctx.finding(R.AGM036, doc, _first_line(data),
                              f"{data.name} is a Codex fallback name ({settings.fallbacks_source}) but "
                              f"{winner.rsplit('/', 1)[-1]} wins this folder: Codex never reads {data.name} here")
        return
    if not data.text.strip():
        nonempty = [rel for rel in shadowed if (repo.read_text(rel) or "").strip()]
        if nonempty:
            yield ctx.finding(R.AGM037, doc, START,
                              f"this empty {data.name} wins the folder for Codex, so {nonempty[0]} is never read; "
                              "delete it or write instructions in it")
        return
    plan = codex_plan(repo, folder)
    load = next((entry for entry in plan.loads if entry.path == data.relpath), None)
    if load is None:
        return
    budget = plan.budget or 0
    source = "default" if plan.budget_source == "default" else plan.budget_source
    raw_size = load.size
    if load.status == D.TRUNCATED and raw_size > budget:
        yield ctx.finding(R.AGM020, doc, _cut_region(data, load),
                          f"{data.name} is {raw_size:,} bytes, {raw_size - budget:,} over Codex's {budget:,}-byte "
                          f"project_doc_max_bytes ({source}): Codex drops everything from line {load.cut_line} on")
        return
    before = [entry for entry in plan.loads if entry.status in (D.LOADED, D.TRUNCATED) and entry.path != data.relpath]
    if any(entry.size > budget for entry in before):
        return  # an ancestor is over the budget on its own: AGM020 reports that file, not every file below it
    if any(part.startswith(".") for part in folder.split("/")):
        return  # nobody starts Codex inside .github/ or .cursor/
    above = " + ".join(f"{entry.path} ({entry.used:,} B)" for entry in before) or "nothing"
    where = folder or "the root"
    if load.status == D.TRUNCATED:
        over = sum(entry.used for entry in before) + raw_size - budget
        yield ctx.finding(R.AGM021, doc, _cut_region(data, load),
                          f"working in {where}, Codex's chain {above} + {data.relpath} ({raw_size:,} B) is {over:,} bytes over "
                          f"the {budget:,}-byte budget ({source}): this file is cut from line {load.cut_line} on")
    elif load.status == D.DROPPED:
        yield ctx.finding(R.AGM021, doc, _first_line(data),
                          f"working in {where}, Codex never reads {data.name}: {above} already use the whole "
                          f"{budget:,}-byte budget ({source})")
    elif load.status == D.LOADED and folder == "" and budget and load.used > 0.8 * budget:
        nested = [rel for rel in repo.listed_files() if rel.rsplit("/", 1)[-1] in candidates and "/" in rel]
        if nested:
            yield ctx.finding(R.AGM022, doc, _first_line(data),
                              f"{data.name} uses {load.used:,} of Codex's {budget:,} bytes ({100 * load.used / budget:.0f}%), "
                              f"leaving {budget - load.used:,} for {len(nested)} nested file(s)")


def _cut_region(data, load) -> Region:
    """The line where Codex's byte cut falls (counted in the raw bytes, as Codex cuts)."""
    line = load.cut_line or 1
    return data.view.index.line_region(min(line, data.view.index.line_count))


def _windsurf(data, repo, ctx, doc):
    if data.kind != N.AGENTS or len(data.text) <= 12_000:
        return
    if not (repo.is_dir(".windsurf") or repo.is_dir(".devin")):
        return
    yield ctx.finding(R.AGM023, doc, _first_line(data),
                      f"{len(data.text):,} characters; Windsurf/Devin limit rule files to 12,000 (for AGENTS.md inferred, unverified)")


# -- discovery ------------------------------------------------------------------------------

def _nested_agents(repo) -> list[str]:
    found = repo.cache.get("nested-agents")
    if found is None:
        found = sorted((rel for rel in repo.listed_files()
                        if rel.endswith("/AGENTS.md") and N.classify(rel) == N.AGENTS and not N.in_template_tree(rel)
                        and not any(part.lower() in N.EXAMPLE_DIRS for part in rel.split("/")[:-1])),
                       key=lambda r: (r.count("/"), r))
        repo.cache["nested-agents"] = found
    return found


def _nested_without_root(data, repo, ctx, doc):
    if data.kind != N.AGENTS or not data.folder or repo.lexists("AGENTS.md"):
        return
    nested = _nested_agents(repo)
    if not nested or nested[0] != data.relpath:
        return
    more = f" and {len(nested) - 1} more" if len(nested) > 1 else ""
    yield ctx.finding(R.AGM030, doc, _first_line(data),
                      f"{data.relpath}{more} but no AGENTS.md at the repository root: agents started at the root "
                      "(and Zed, Jules, Aider) see none of them")


def _zed(data, repo, ctx, doc):
    if data.relpath not in N.ZED_ORDER or not repo.is_file("AGENTS.md"):
        return
    pick, _ = D.zed_pick(repo)
    if pick != data.relpath or pick == "AGENTS.md":
        return
    if repo.realpath(pick) == repo.realpath("AGENTS.md") or _same_text(repo, pick, "AGENTS.md"):
        return
    yield ctx.finding(R.AGM034, doc, _first_line(data),
                      f"Zed reads only the first of its rules files at the root: {pick}, so AGENTS.md is never read by Zed")


def _legacy(data, repo, ctx, doc):
    if data.kind == N.OVERRIDE:
        sibling = N.join(data.folder, "AGENTS.md")
        if repo.lexists(sibling):
            message = ("Codex reads this AGENTS.override.md instead of AGENTS.md here, while Claude, Copilot, Cursor and "
                       "the others read AGENTS.md: the two drift apart")
        else:
            message = "only Codex reads AGENTS.override.md; other agents find no instructions in this folder"
        yield ctx.finding(R.AGM031, doc, _first_line(data), message)
    elif data.kind == N.AGENT_LEGACY:
        if not repo.lexists(N.join(data.folder, "AGENTS.md")):
            yield ctx.finding(R.AGM035, doc, _first_line(data),
                              "AGENT.md is the old name: Codex, Cursor, Copilot and goose look for AGENTS.md; "
                              "rename it and keep a symlink (mv AGENT.md AGENTS.md && ln -s AGENTS.md AGENT.md)")
    elif data.kind == N.CURSORRULES and not data.folder:
        yield ctx.finding(R.AGM045, doc, _first_line(data),
                          ".cursorrules is deprecated in Cursor; move it into AGENTS.md or .cursor/rules/*.mdc")


def _never_read(data, repo, ctx, doc):
    if data.kind == N.COPILOT_MISNAMED:
        stem = data.name[:-3]
        yield ctx.finding(R.AGM038, doc, _first_line(data),
                          f"Copilot reads only *.instructions.md in .github/instructions; rename it to {stem}.instructions.md")
    elif data.kind == N.GEMINI:
        settings = D.gemini_settings(repo, "")
        if settings.source != "default" and "GEMINI.md" not in settings.names:
            yield ctx.finding(R.AGM038, doc, _first_line(data),
                              f"Gemini CLI does not read GEMINI.md: {settings.source} sets context.fileName to "
                              f"{', '.join(settings.names)}")


def _gemini(data, repo, ctx, doc):
    if data.relpath != "AGENTS.md" or not repo.is_file(".gemini/settings.json"):
        return
    settings = D.gemini_settings(repo, "")
    if "AGENTS.md" in settings.names or any(repo.lexists(name) for name in settings.names):
        return
    yield ctx.finding(R.AGM039, doc, _first_line(data),
                      f".gemini/settings.json configures Gemini CLI, which reads {', '.join(settings.names)} (absent) and not "
                      "AGENTS.md; add AGENTS.md to context.fileName")


# -- drift ----------------------------------------------------------------------------------

def owner_folder(data) -> str:
    """The folder whose AGENTS.md this file sits beside (`.claude/` and `.github/` belong to their parent)."""
    folder = data.folder
    if data.kind == N.CLAUDE and folder.rsplit("/", 1)[-1] == ".claude":
        return N.directory(folder)
    if data.kind == N.COPILOT:
        return N.directory(folder)
    return folder


def _claude(data, repo, ctx, doc):
    if data.kind == N.AGENTS and data.folder:
        here = any(repo.lexists(rel) for rel in D.claude_names(data.folder)[:2])
        above = [f for f in N.ancestors(data.folder)[:-1] if repo.lexists(N.join(f, "CLAUDE.md"))]
        if not here and above:
            yield ctx.finding(R.AGM049, doc, _first_line(data),
                              f"{N.join(above[-1], 'CLAUDE.md')} may hide this AGENTS.md from Claude Code (unverified); "
                              f"add {N.join(data.folder, 'CLAUDE.md')} with @AGENTS.md")
        return
    if data.kind != N.CLAUDE:
        return
    agents = N.join(owner_folder(data), "AGENTS.md")
    if not repo.is_file(agents):
        return
    if _imports(repo, data.relpath, agents) or _similarity(repo, data.relpath, agents) >= 0.5:
        return
    mention = re.search(r"AGENTS\.md", data.text)
    if mention is None:
        yield ctx.finding(R.AGM040, doc, _first_line(data),
                          f"Claude Code reads this {data.name} and not {agents}: add a line '@{_relative(data.relpath, agents)}' "
                          "so Claude follows the same instructions as the other agents")
        return
    pointer = re.search(r"\b(?:read|see|follow|refer\s+to|check|consult|review|look\s+at|defined\s+in|documented\s+in|"
                        r"described\s+in|found\s+in|lives?\s+in|(?:are|is)\s+in|instructions\s+in|guidelines\s+in)\b"
                        r"[^.\n]{0,60}?AGENTS\.md", data.text, re.IGNORECASE)
    if pointer is not None:
        at = pointer.end() - len("AGENTS.md")
        yield ctx.finding(R.AGM041, doc, data.view.index.region(at, pointer.end()),
                          f"this asks Claude to read AGENTS.md; '@{_relative(data.relpath, agents)}' on a line of its own "
                          "loads it into context at start-up")


def _relative(importer: str, target: str) -> str:
    import posixpath

    return posixpath.relpath(target, N.directory(importer) or ".")


def _imports(repo, importer: str, target: str) -> bool:
    plan = D.Plan("claude", "", "", "")
    D.expand_claude_imports(repo, importer, plan, depth=1)
    return any(load.path == target for load in plan.loads)


def _normal_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _similarity(repo, a: str, b: str) -> float:
    key = ("similarity", a, b)
    found = repo.cache.get(key)
    if found is None:
        left, right = _normal_lines(repo.read_text(a) or ""), _normal_lines(repo.read_text(b) or "")
        if not left or not right:
            found = 0.0
        else:
            import difflib  # only when a similarity or a suggestion is needed
            found = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
        repo.cache[key] = found
    return found


def _same_text(repo, a: str, b: str) -> bool:
    return _normal_lines(repo.read_text(a) or "") == _normal_lines(repo.read_text(b) or "")


COPY_KINDS = frozenset({N.CLAUDE, N.GEMINI, N.COPILOT, N.AGENT_LEGACY, N.CURSORRULES, N.WINDSURFRULES, N.CLINERULES,
                        N.ZED_RULES, N.GOOSEHINTS})


def _copies(data, repo, ctx, doc):
    if data.kind not in COPY_KINDS:
        return
    agents = N.join(owner_folder(data), "AGENTS.md")
    if not repo.is_file(agents) or repo.realpath(agents) == repo.realpath(data.relpath):
        return
    if data.kind in (N.CLAUDE, N.GEMINI) and _imports_any(repo, data, agents):
        return
    mine = _normal_lines(data.text)
    theirs = _normal_lines(repo.read_text(agents) or "")
    if len(mine) < 5 or len(theirs) < 5:
        return
    link = f"ln -sf {_relative(data.relpath, agents)} {data.name}"
    if mine == theirs:
        extra = ""
        if data.kind == N.GEMINI and "AGENTS.md" in D.gemini_settings(repo, "").names:
            extra = "; Gemini CLI, configured for both names, loads the text twice"
        yield ctx.finding(R.AGM046, doc, _first_line(data),
                          f"{data.relpath} is an identical copy of {agents}: replace it with a symlink ({link}){extra}")
        return
    ratio = _similarity(repo, data.relpath, agents)
    if ratio < 0.6:
        return
    line = _first_difference(data.text, repo.read_text(agents) or "")
    how = f"a symlink ({link})"
    if data.kind in (N.CLAUDE, N.GEMINI):
        how += f" or '@{_relative(data.relpath, agents)}' plus only the {data.name}-specific lines"
    region = data.view.index.line_region(line) if line else _first_line(data)
    yield ctx.finding(R.AGM044, doc, region,
                      f"{data.relpath} is a drifted copy of {agents} ({ratio:.0%} alike, first difference on line {line}); "
                      f"use {how}")


def _imports_any(repo, data, agents: str) -> bool:
    if data.kind == N.CLAUDE:
        return _imports(repo, data.relpath, agents)
    plan = D.Plan("gemini", "", "", "")
    D.expand_gemini_imports(repo, data.relpath, plan, depth=1)
    return any(load.path == agents for load in plan.loads)


def _first_difference(mine: str, theirs: str) -> int:
    a = mine.replace("\r\n", "\n").split("\n")
    b = theirs.replace("\r\n", "\n").split("\n")
    import difflib  # only when a similarity or a suggestion is needed
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, _i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            # skip differences that are only blank lines
            for i in range(i1, max(i1 + 1, _i2)):
                if i < len(a) and a[i].strip():
                    return i + 1
            if i1 < len(a):
                return i1 + 1
    return 1
