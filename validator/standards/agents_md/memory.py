"""The discovery model of the agents whose files import other files: Claude Code and Gemini CLI.

Both read a hierarchy of their own files (CLAUDE.md, GEMINI.md or the names `context.fileName` sets), what both
call memory, and follow `@path` imports in them (see `imports.py` for how each finds an import). Used by
`discovery.plans` and by the AGM checks of imports and drift.
"""

from __future__ import annotations

import json
import re

from validator.records import field, record
from validator.repo import paths as RP
from validator.repo.files import Repo
from validator.standards.agents_md import names as N
from validator.standards.agents_md.globalfs import GlobalFS
from validator.standards.agents_md.plan import (
    CONDITIONAL,
    LOADED,
    MISSING,
    ON_DEMAND,
    OUTSIDE,
    REFUSED,
    REPEATED,
    SHADOWED,
    TOO_DEEP,
    UNREADABLE,
    Load,
    Plan,
    below,
    chain,
    count_lines,
    file_load,
    matching,
    simple_front_matter,
)

# -- Claude Code --------------------------------------------------------------------------

CLAUDE_FOLLOWS = ("Claude Code 2.1.277+ (code.claude.com/docs/en/memory; changelog 2.1.277: AGENTS.md read when "
                  "no CLAUDE.md)")


def claude_names(folder: str) -> list[str]:
    return [RP.join(folder, "CLAUDE.md"), RP.join(folder, ".claude/CLAUDE.md"), RP.join(folder, "CLAUDE.local.md")]


def plan_claude(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("claude", "Claude Code", CLAUDE_FOLLOWS, cwd)
    if glob is not None:
        raw = glob.read(glob.path(".claude", "CLAUDE.md"))
        if raw is not None:
            plan.loads.append(Load("~/.claude/CLAUDE.md", "user memory", LOADED, len(raw), len(raw),
                                   count_lines(raw.decode("utf-8", "replace"))))
        _claude_above_root(repo, glob, plan)
    folders = chain(cwd)
    have_claude = any(repo.lexists(rel) for folder in folders for rel in claude_names(folder))
    for folder in folders:
        for rel in claude_names(folder):
            if repo.lexists(rel):
                role = "local memory" if rel.endswith("CLAUDE.local.md") else "project memory"
                load = file_load(repo, rel, role)
                plan.loads.append(load)
                if load.status in (LOADED,):
                    expand_claude_imports(repo, rel, plan, depth=1)
        agents = RP.join(folder, "AGENTS.md")
        if repo.lexists(agents):
            if have_claude and any(load.path == agents and load.role == "import" for load in plan.loads):
                pass  # imported by a CLAUDE.md: listed where the import loads it
            elif have_claude:
                here = any(repo.lexists(rel) for rel in claude_names(folder))
                note = ("a CLAUDE.md in this folder takes its place (default 'Project instructions' setting)" if here else
                        "a CLAUDE.md in a folder above hides it (third-party reports; unverified)")
                plan.loads.append(Load(agents, "AGENTS.md", SHADOWED, size=repo.stat(agents).size, note=note))
            else:
                load = file_load(repo, agents, "AGENTS.md (no CLAUDE.md)")
                load.note = "read because no CLAUDE.md exists (2.1.277+); imports in it: expansion unverified"
                plan.loads.append(load)
    rules = matching(repo, ("kind", N.CLAUDE_RULE), lambda r: N.classify(r) == N.CLAUDE_RULE)
    for rel in rules:
        fm = simple_front_matter(repo.read_text(rel) or "")
        if "paths" in fm or _has_block_key(repo.read_text(rel) or "", "paths"):
            plan.loads.append(Load(rel, "rule", CONDITIONAL, size=repo.stat(rel).size, note="paths: loaded for matching files"))
        else:
            load = file_load(repo, rel, "rule")
            plan.loads.append(load)
    for rel in below(repo, cwd, lambda r: N.classify(r) == N.CLAUDE and not r.startswith(".claude/"), "claude-below"):
        plan.loads.append(Load(rel, "nested memory", ON_DEMAND, size=repo.stat(rel).size,
                               note="read when Claude reads files in that folder"))
    plan.notes.append("no size budget: CLAUDE.md files are loaded in full (guidance: under 200 lines each)")
    if have_claude and any(repo.lexists(RP.join(f, "AGENTS.md")) for f in folders):
        plan.notes.append("a CLAUDE.md anywhere on the path hides every AGENTS.md on it (third-party tests; unverified); "
                          "the 'Project instructions' setting claude-md-and-agents-md reads both")
    return plan


def _has_block_key(text: str, key: str) -> bool:
    m = re.match(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", text, re.DOTALL | re.MULTILINE)
    return bool(m and re.search(rf"^{re.escape(key)}\s*:", m.group(1), re.MULTILINE))


def _claude_above_root(repo: Repo, glob: GlobalFS, plan: Plan) -> None:
    root = repo.root.resolve()
    for folder in reversed(root.parents):
        if folder == folder.parent:
            continue  # Claude stops below `/`
        for name in ("CLAUDE.md", ".claude/CLAUDE.md", "CLAUDE.local.md"):
            raw = glob.read(folder / name)
            if raw is not None:
                plan.loads.append(Load(str(folder / name), "ancestor memory (outside the repository)", LOADED, len(raw),
                                       len(raw), count_lines(raw.decode("utf-8", "replace"))))


def resolve_import(importer: str, path: str) -> str | None:
    """Repository-relative target of an import PATH written in IMPORTER (None if it leaves the repo)."""
    import posixpath

    if path.startswith(("~", "/")) or re.match(r"[A-Za-z]:[\\/]", path):
        return None
    target = posixpath.normpath(posixpath.join(RP.directory(importer), path))
    if target.startswith("../") or target == "..":
        return None
    return "" if target == "." else target


def _load_import(repo: Repo, target: str, plan: Plan, depth: int, importer: str) -> bool:
    """Add TARGET as an import of IMPORTER; True when its text was read (so its own imports follow)."""
    load = file_load(repo, target, "import")
    load.depth, load.via = depth, importer
    plan.loads.append(load)
    return load.status == LOADED


_FOLDER_NOTE = "a folder: a mention of where to look, not a file to inline"


def expand_claude_imports(repo: Repo, importer: str, plan: Plan, depth: int, seen: tuple[str, ...] = ()) -> None:
    from validator.standards.agents_md.imports import MAX_DEPTH, claude_imports
    from validator.standards.agents_md.markdown import parse_markdown

    text = repo.read_text(importer)
    if not text or "@" not in text:
        return
    for ref in claude_imports(parse_markdown(text)):
        target = resolve_import(importer, ref.path)
        if target is None:
            if ref.external:
                plan.loads.append(Load("@" + ref.path, "import", OUTSIDE, depth=depth, via=importer,
                                       note="outside the repository: not read by this tool"))
            continue
        if target == importer:
            continue  # the file naming itself ("update @AGENTS.md"): Claude Code reads it once, nothing repeats
        if repo.is_dir(target.rstrip("/")):
            # `@./docs/ai/` points the agent at a folder, as the top-level file's own check accepts
            plan.loads.append(Load(target, "import", UNREADABLE, depth=depth, via=importer, note=_FOLDER_NOTE))
            continue
        if not repo.lexists(target):
            if ref.intended:
                plan.loads.append(Load(target, "import", MISSING, depth=depth, via=importer, note=f"@{ref.path} not found"))
            continue
        if depth > MAX_DEPTH:
            plan.loads.append(Load(target, "import", TOO_DEEP, size=repo.stat(target).size, depth=depth, via=importer,
                                   note=f"beyond the {MAX_DEPTH}-hop import limit: not loaded"))
            continue
        if target in seen or target == importer:
            plan.loads.append(Load(target, "import", REPEATED, depth=depth, via=importer, note="already on this import chain"))
            continue
        if _load_import(repo, target, plan, depth, importer):
            expand_claude_imports(repo, target, plan, depth + 1, (*seen, importer))


# -- Gemini CLI ---------------------------------------------------------------------------

@record
class GeminiSettings:
    names: tuple[str, ...] = ("GEMINI.md",)
    source: str = "default"
    problems: list[str] = field(default_factory=list)


def gemini_settings(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> GeminiSettings:
    """`context.fileName` (string or array; legacy top-level `contextFileName`) in force.

    Workspace settings live in `<cwd>/.gemini/settings.json` (JSON with comments) and
    override the user's `~/.gemini/settings.json`, read only with GLOB.
    """
    settings = GeminiSettings()
    layers = []
    if glob is not None:
        raw = glob.read(glob.path(".gemini", "settings.json"))
        if raw is not None:
            layers.append(("~/.gemini/settings.json", raw.decode("utf-8", "replace")))
    rel = RP.join(cwd.strip("/"), ".gemini/settings.json")
    if repo.is_file(rel):
        layers.append((rel, repo.read_text(rel) or ""))
    for source, text in layers:
        data = read_jsonc(text)
        if data is None:
            settings.problems.append(f"{source} is not valid JSON; Gemini CLI would report it")
            continue
        if not isinstance(data, dict):
            continue
        context = data.get("context")
        value = context.get("fileName") if isinstance(context, dict) else None
        if value is None:
            value = data.get("contextFileName")
        if isinstance(value, str) and value:
            settings.names, settings.source = (value,), source
        elif isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
            settings.names, settings.source = tuple(dict.fromkeys(value)), source
    return settings


def read_jsonc(text: str):
    """TEXT as JSON with comments (VS Code's and Gemini CLI's settings files), or None when no parser reads it."""
    try:
        from validator.parsing.json import parse_json

        return parse_json(text, jsonc=True).value
    except Exception:  # noqa: BLE001 - any parse failure means "no usable settings"
        try:
            return json.loads(text)
        except ValueError:
            return None


def plan_gemini(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    settings = gemini_settings(repo, cwd, glob)
    plan = Plan("gemini", "Gemini CLI",
                "google-gemini/gemini-cli @5411f113 (memoryDiscovery.ts, memoryImportProcessor.ts; docs/cli/gemini-md.md)",
                cwd)
    plan.notes.extend(settings.problems)
    plan.notes.append(f"context file names: {', '.join(settings.names)} ({settings.source})")
    seen_real: set[str] = set()
    if glob is not None:
        for name in settings.names:
            raw = glob.read(glob.path(".gemini", name))
            if raw is not None:
                plan.loads.append(Load(f"~/.gemini/{name}", "global", LOADED, len(raw), len(raw),
                                       count_lines(raw.decode("utf-8", "replace"))))
    for folder in chain(cwd):
        for name in settings.names:
            rel = RP.join(folder, name)
            if not repo.lexists(rel):
                continue
            real = repo.realpath(rel)
            if real in seen_real:
                plan.loads.append(Load(rel, "context file", SHADOWED, note="same file as one already loaded (de-duplicated)"))
                continue
            seen_real.add(real)
            load = file_load(repo, rel, "context file")
            plan.loads.append(load)
            if load.status == LOADED:
                expand_gemini_imports(repo, rel, plan, depth=1)
    names = set(settings.names)
    for rel in below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] in names, ("named", tuple(sorted(names)))):
        plan.loads.append(Load(rel, "context file", ON_DEMAND, size=repo.stat(rel).size,
                               note="loaded just in time when a tool touches that folder"))
    plan.notes.append("no size budget; every configured name found in a folder is loaded")
    return plan


def expand_gemini_imports(repo: Repo, importer: str, plan: Plan, depth: int, seen: tuple[str, ...] = ()) -> None:
    from validator.standards.agents_md.imports import MAX_DEPTH, gemini_imports, gemini_refuses

    text = repo.read_text(importer)
    if not text or "@" not in text:
        return
    for ref in gemini_imports(text):
        target = resolve_import(importer, ref.path)
        if gemini_refuses(ref.path) or target is None:
            plan.loads.append(Load("@" + ref.path, "import", REFUSED, depth=depth, via=importer,
                                   note="outside the project root or a URL: replaced by an 'Import failed' comment"))
            continue
        if depth > MAX_DEPTH:
            plan.loads.append(Load(target, "import", TOO_DEEP, depth=depth, via=importer,
                                   note=f"beyond maxDepth {MAX_DEPTH}: left as literal text"))
            continue
        if target == importer:
            continue  # the file naming itself: Gemini CLI skips a file it already processed, nothing repeats
        if repo.is_dir(target.rstrip("/")):
            plan.loads.append(Load(target, "import", UNREADABLE, depth=depth, via=importer, note=_FOLDER_NOTE))
            continue
        if not repo.is_file(target):
            plan.loads.append(Load(target, "import", MISSING, depth=depth, via=importer,
                                   note=f"@{ref.path} becomes an 'Import failed' comment"))
            continue
        if target in seen:
            plan.loads.append(Load(target, "import", REPEATED, depth=depth, via=importer, note="'File already processed'"))
            continue
        if _load_import(repo, target, plan, depth, importer):
            expand_gemini_imports(repo, target, plan, depth + 1, (*seen, target))



def loaded_within_depth(repo: Repo, root: str, agent: str) -> frozenset[str]:
    """Every file ROOT's `@` imports reach within the agent's 5-hop limit by some chain (breadth first). A file an
    over-long chain reaches is still loaded when a shorter one reaches it: Claude Code keeps one set of processed
    files, and Gemini CLI inlines the file where the shorter chain imports it."""
    from validator.standards.agents_md.imports import MAX_DEPTH, claude_imports, gemini_imports
    from validator.standards.agents_md.markdown import parse_markdown

    def build() -> frozenset[str]:
        reached = {root}
        frontier = [root]
        for _depth in range(MAX_DEPTH):
            following = []
            for importer in frontier:
                text = repo.read_text(importer)
                if not text or "@" not in text:
                    continue
                refs = claude_imports(parse_markdown(text)) if agent == "claude" else gemini_imports(text)
                for ref in refs:
                    target = resolve_import(importer, ref.path)
                    if target and target not in reached and repo.is_file(target):
                        reached.add(target)
                        following.append(target)
            frontier = following
        return frozenset(reached)

    return repo.memo(("imports-within-depth", agent, root), build)
