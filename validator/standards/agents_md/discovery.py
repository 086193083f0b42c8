"""The discovery model: for a repository and a working directory, what each agent loads.

For every agent the model answers: which instruction files are read, in which order,
how many bytes each contributes to the agent's budget (where it has one), what is cut
and where, and which files are present but not read (shadowed, conditional, loaded
only on demand). `agentconform context` prints these plans and the AGM rules use the
same functions, so the report and the lint cannot disagree.

Each model names the agent version and sources it follows (`Plan.follows`); facts the
research marks as unverified are modelled as documented and flagged in `Plan.notes`.
Pure apart from reading the repository through `Repo` (and, only when asked, the
user's own files through `GlobalFS`).

Here: Codex, Copilot, Cursor, Zed, goose, the secondary agents and `plans`/`AGENTS`,
the table of them all. Claude Code and Gemini CLI, whose files import others, are in
`memory.py`; the `Plan`/`Load` shape and the shared helpers in `plan.py`.
"""

from __future__ import annotations

from validator.records import field, record
from validator.repo import paths as RP
from validator.repo.files import Repo
from validator.standards.agents_md import names as N
from validator.standards.agents_md.globalfs import GlobalFS
from validator.standards.agents_md.memory import plan_claude, plan_gemini
from validator.standards.agents_md.plan import (
    CODEX_DEFAULT_MAX_BYTES,
    CONDITIONAL,
    DROPPED,
    EMPTY,
    LOADED,
    ON_DEMAND,
    OUTSIDE,
    SHADOWED,
    TRUNCATED,
    UNREADABLE,
    Load,
    Plan,
    agents_on_chain,
    below,
    chain,
    count_lines,
    file_load,
    line_at_byte,
    matching,
    simple_front_matter,
)

# -- Codex --------------------------------------------------------------------------------

@record
class CodexSettings:
    max_bytes: int = CODEX_DEFAULT_MAX_BYTES
    max_bytes_source: str = "default"
    fallbacks: tuple[str, ...] = ()
    fallbacks_source: str = "default"
    root_markers: tuple[str, ...] | None = None
    problems: list[str] = field(default_factory=list)


def codex_settings(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> CodexSettings:
    """`project_doc_max_bytes` / `project_doc_fallback_filenames` in force for CWD.

    Project layers are `.codex/config.toml` files from the project root down to CWD,
    the closest winning (developers.openai.com/codex/config-basic, "Configuration
    precedence"); the user's `~/.codex/config.toml` ranks below them and is read only
    with GLOB. Codex loads project layers only for trusted projects; a repository's
    own config is assumed trusted here (that is what its authors run).
    """
    key = ("codex-settings", cwd, glob is not None)
    cached = repo.cache.get(key)
    if cached is not None:
        return cached
    settings = CodexSettings()
    layers: list[tuple[str, dict]] = []
    if glob is not None:
        raw = glob.read(glob.codex_home() / "config.toml")
        if raw is not None:
            layers.append(("~/.codex/config.toml", _toml(raw.decode("utf-8", "replace"), "~/.codex/config.toml", settings)))
    for folder in chain(cwd):
        rel = RP.join(folder, ".codex/config.toml")
        if repo.is_file(rel):
            text = repo.read_text(rel)
            layers.append((rel, _toml(text or "", rel, settings)))
    for source, data in layers:
        value = data.get("project_doc_max_bytes")
        if value is not None:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                settings.max_bytes, settings.max_bytes_source = value, source
            else:
                settings.problems.append(f"{source}: project_doc_max_bytes must be a non-negative integer, not {value!r}")
        value = data.get("project_doc_fallback_filenames")
        if value is not None:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                settings.fallbacks, settings.fallbacks_source = tuple(value), source
            else:
                settings.problems.append(f"{source}: project_doc_fallback_filenames must be a list of file names")
        value = data.get("project_root_markers")
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            settings.root_markers = tuple(value)
    repo.cache[key] = settings
    return settings


def _toml(text: str, source: str, settings: CodexSettings) -> dict:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        settings.problems.append(f"{source} is not valid TOML ({err}); Codex would refuse to start, defaults assumed here")
        return {}
    return data if isinstance(data, dict) else {}


def codex_candidates(settings: CodexSettings) -> list[str]:
    """Per-directory names in Codex's order (`candidate_filenames` in project_doc.rs)."""
    out = list(N.CODEX_NAMES)
    for name in settings.fallbacks:
        if name and name not in out:
            out.append(name)
    return out


def codex_project_root(repo: Repo, cwd: str, settings: CodexSettings) -> str:
    """The folder Codex's chain starts at: the repository root unless markers say otherwise."""
    if not settings.root_markers:
        return ""
    for folder in reversed(chain(cwd)):
        if any(repo.lexists(RP.join(folder, marker)) for marker in settings.root_markers):
            return folder
    return ""


def codex_winner(repo: Repo, folder: str, candidates: list[str]) -> tuple[str | None, list[str]]:
    """The file Codex picks in FOLDER (first existing name) and the existing names it shadows."""
    winner = None
    shadowed = []
    for name in candidates:
        rel = RP.join(folder, name)
        st = repo.stat(rel)
        # existence decides, not content: regular files and symlinks (project_doc.rs)
        if st.exists and (st.is_file or st.is_symlink):
            if winner is None:
                winner = rel
            else:
                shadowed.append(rel)
    return winner, shadowed


def plan_codex(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    settings = codex_settings(repo, cwd, glob)
    plan = Plan("codex", "OpenAI Codex",
                "openai/codex codex-rs/core/src/project_doc.rs @0bd53e4; developers.openai.com/codex/guides/agents-md",
                cwd, budget=settings.max_bytes, budget_source=settings.max_bytes_source)
    plan.notes.extend(settings.problems)
    if glob is not None:
        home = glob.codex_home()
        for name in ("AGENTS.override.md", "AGENTS.md"):
            raw = glob.read(home / name)
            if raw is not None and raw.decode("utf-8", "replace").strip():
                plan.loads.append(Load(f"~/.codex/{name}", "global (outside the budget)", LOADED, len(raw), 0,
                                       count_lines(raw.decode("utf-8", "replace"))))
                break
    if settings.max_bytes == 0:
        plan.notes.append("project_doc_max_bytes = 0 disables project docs")
        return plan
    candidates = codex_candidates(settings)
    top = codex_project_root(repo, cwd, settings)
    remaining = settings.max_bytes
    for folder in chain(cwd):
        if top and not (folder == top or folder.startswith(top + "/")):
            continue
        winner, shadowed = codex_winner(repo, folder, candidates)
        if winner is None:
            continue
        role = {"AGENTS.override.md": "override", "AGENTS.md": "project doc"}.get(winner.rsplit("/", 1)[-1], "fallback name")
        st = repo.stat(winner)
        if remaining == 0:
            load = Load(winner, role, DROPPED, size=st.size, note="budget already used up by the files above")
        elif not st.inside:
            load = Load(winner, role, OUTSIDE, note=f"symlink to {st.link_target} outside the repository; not read here")
        elif st.dangling or not st.is_file:
            load = Load(winner, role, UNREADABLE, note="dangling symlink: Codex skips it")
        else:
            raw = repo.read_bytes(winner) or b""
            take = min(len(raw), remaining)
            piece = raw[:take].decode("utf-8", "replace")
            load = Load(winner, role, LOADED, size=len(raw), used=take, lines=count_lines(raw.decode("utf-8", "replace")))
            if not piece.strip():
                load.status, load.used = EMPTY, 0
                load.note = "empty: contributes nothing, yet wins its directory"
            else:
                remaining -= take
                if take < len(raw):
                    load.status = TRUNCATED
                    load.cut_line = line_at_byte(raw, take)
                    load.note = f"{len(raw) - take:,} bytes from line {load.cut_line} on are cut"
        plan.loads.append(load)
        for rel in shadowed:
            plan.loads.append(Load(rel, "shadowed", SHADOWED, size=repo.stat(rel).size,
                                   note=f"{winner.rsplit('/', 1)[-1]} wins this directory"))
    deeper = below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] in candidates, ("named", tuple(candidates)))
    if deeper:
        plan.notes.append(f"{len(deeper)} instruction file(s) below this directory apply only when Codex starts in their folders")
    return plan




# -- GitHub Copilot -------------------------------------------------------------------------

def plan_copilot(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("copilot", "GitHub Copilot (CLI, coding agent, VS Code)",
                "docs.github.com Copilot CLI 'Adding custom instructions'; code.visualstudio.com custom-instructions "
                "reference (2026-11)", cwd)
    rel = ".github/copilot-instructions.md"
    if repo.lexists(rel):
        plan.loads.append(file_load(repo, rel, "repository instructions"))
    for path in matching(repo, ("kind", N.COPILOT_SCOPED), lambda r: N.classify(r) == N.COPILOT_SCOPED):
        fm = simple_front_matter(repo.read_text(path) or "")
        apply_to = fm.get("applyTo", "")
        if apply_to.strip() in ("**", "**/*", "*"):
            plan.loads.append(file_load(repo, path, f"path instructions (applyTo: {apply_to})"))
        else:
            note = f"applyTo: {apply_to}" if apply_to else "no applyTo: attached only by hand"
            plan.loads.append(Load(path, "path instructions", CONDITIONAL, size=repo.stat(path).size, note=note))
    for path in matching(repo, ("kind", N.COPILOT_AGENT), N.copilot_agent):
        # a custom agent's prompt is used only while that agent is selected (or invoked as a subagent)
        plan.loads.append(Load(path, "custom agent", ON_DEMAND, size=repo.stat(path).size,
                               note="used when this agent is picked in the agents dropdown"))
    for path in matching(repo, ("kind", N.COPILOT_PROMPT), N.copilot_prompt):
        # a prompt file is sent only when it is run (`/name` in chat, Chat: Run Prompt, #prompt: in Visual Studio)
        plan.loads.append(Load(path, "prompt file", ON_DEMAND, size=repo.stat(path).size,
                               note="sent when it is run as a slash command"))
    agents_on_chain(repo, cwd, plan, "agent instructions")
    for name in ("CLAUDE.md", ".claude/CLAUDE.md", "GEMINI.md"):
        if repo.lexists(name):
            plan.loads.append(file_load(repo, name, "agent instructions (root)"))
    for path in below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] == "AGENTS.md", ("named", ("AGENTS.md",))):
        plan.loads.append(Load(path, "agent instructions", ON_DEMAND, size=repo.stat(path).size,
                               note="read for files it is working on below that folder"))
    plan.notes.append("no documented size budget (code review reads about the first 4,000 characters: unverified)")
    return plan


# -- Cursor -------------------------------------------------------------------------------

def plan_cursor(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("cursor", "Cursor", "cursor.com/docs/rules (2026-11)", cwd)
    agents_on_chain(repo, cwd, plan, "AGENTS.md")
    for path in matching(repo, "cursor-rules", lambda r: N.classify(r) == N.CURSOR_RULE):
        fm = simple_front_matter(repo.read_text(path) or "")
        if fm.get("alwaysApply", "").lower() == "true":
            plan.loads.append(file_load(repo, path, "project rule (alwaysApply)"))
        elif fm.get("globs"):
            plan.loads.append(Load(path, "project rule", CONDITIONAL, size=repo.stat(path).size, note=f"globs: {fm['globs']}"))
        else:
            plan.loads.append(Load(path, "project rule", CONDITIONAL, size=repo.stat(path).size,
                                   note="applied when the agent decides it is relevant"))
    if repo.lexists(".cursorrules"):
        load = file_load(repo, ".cursorrules", "legacy .cursorrules")
        load.note = "deprecated; still read"
        plan.loads.append(load)
    for path in below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] == "AGENTS.md", ("named", ("AGENTS.md",))):
        plan.loads.append(Load(path, "AGENTS.md", ON_DEMAND, size=repo.stat(path).size, note="applies to files in that folder"))
    return plan


# -- Zed ----------------------------------------------------------------------------------

def zed_pick(repo: Repo) -> tuple[str | None, list[str]]:
    """Zed's one rules file at the worktree root, and the other candidates it hides."""
    present = [name for name in N.ZED_ORDER if repo.is_file(name)]
    return (present[0] if present else None), present[1:]


def plan_zed(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("zed", "Zed", "zed.dev/docs/ai/rules (2026-11)", cwd)
    pick, hidden = zed_pick(repo)
    if pick is not None:
        plan.loads.append(file_load(repo, pick, "rules file (first match)"))
    for rel in hidden:
        plan.loads.append(Load(rel, "rules file", SHADOWED, size=repo.stat(rel).size, note=f"{pick} comes first in Zed's list"))
    plan.notes.append("exactly one file, at the top of the worktree; nested files are not read")
    if pick is not None and repo.stat(pick).size == 0:
        plan.notes.append("whether an empty first match still wins is unverified")
    return plan


# -- goose --------------------------------------------------------------------------------

def plan_goose(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("goose", "goose", "block/goose crates/goose/src/hints/load_hints.rs (default CONTEXT_FILE_NAMES "
                "[.goosehints, AGENTS.md])", cwd)
    names = (".goosehints", "AGENTS.md")
    if glob is not None:
        for name in names:
            raw = glob.read(glob.path(".config", "goose", name))
            if raw is not None:
                plan.loads.append(Load(f"~/.config/goose/{name}", "global hints", LOADED, len(raw), len(raw),
                                       count_lines(raw.decode("utf-8", "replace"))))
    for folder in chain(cwd):
        for name in names:
            rel = RP.join(folder, name)
            if repo.is_file(rel):
                plan.loads.append(file_load(repo, rel, "project hints"))
    plan.notes.append("needs the Developer extension; CONTEXT_FILE_NAMES changes the names; @file references are "
                      "expanded inside the git root")
    return plan


# -- others (secondary sources) ----------------------------------------------------------------

def plan_amp(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("amp", "Amp", "ampcode.com/manual#AGENTS.md (secondary: agnix AMP rules)", cwd)
    for folder in chain(cwd):
        for name in ("AGENTS.md", "AGENT.md", "CLAUDE.md"):
            rel = RP.join(folder, name)
            if repo.lexists(rel):
                plan.loads.append(file_load(repo, rel, "AGENTS.md" if name == "AGENTS.md" else f"fallback {name}"))
                break
    plan.notes.append("order and fallbacks from secondary sources (unverified)")
    return plan


def plan_opencode(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("opencode", "OpenCode", "anomalyco/opencode docs rules.mdx (OpenCode 2: CLAUDE.md no longer read)", cwd)
    for folder in reversed(chain(cwd)):
        rel = RP.join(folder, "AGENTS.md")
        if repo.lexists(rel):
            plan.loads.append(file_load(repo, rel, "AGENTS.md (nearest)"))
            break
    plan.notes.append("first AGENTS.md found walking up from the working directory (secondary source)")
    return plan


def plan_hermes(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("hermes", "Hermes Agent", "NousResearch/hermes-agent docs context-files.md (secondary)", cwd)
    order = (".hermes.md", "AGENTS.override.md", "AGENTS.md", "CLAUDE.md", ".cursorrules")
    folder = cwd.strip("/")
    present = [RP.join(folder, name) for name in order if repo.lexists(RP.join(folder, name))]
    if present:
        plan.loads.append(file_load(repo, present[0], "project context (first match)"))
        for rel in present[1:]:
            plan.loads.append(Load(rel, "project context", SHADOWED, note=f"{present[0]} comes first"))
    return plan


def plan_windsurf(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("windsurf", "Windsurf / Devin", "docs.windsurf.com memories & rules (secondary: agnix WS rules)", cwd)
    agents_on_chain(repo, cwd, plan, "AGENTS.md")
    for path in matching(repo, "windsurf-rules", lambda r: r.startswith(".windsurf/rules/")):
        plan.loads.append(file_load(repo, path, "workspace rule"))
    if repo.lexists(".windsurfrules"):
        plan.loads.append(file_load(repo, ".windsurfrules", "legacy .windsurfrules"))
    plan.notes.append("rule files are limited to 12,000 characters; the same limit for AGENTS.md is inferred (unverified)")
    return plan


AGENTS: dict[str, object] = {
    "codex": plan_codex,
    "claude": plan_claude,
    "gemini": plan_gemini,
    "copilot": plan_copilot,
    "cursor": plan_cursor,
    "zed": plan_zed,
    "goose": plan_goose,
    "amp": plan_amp,
    "opencode": plan_opencode,
    "hermes": plan_hermes,
    "windsurf": plan_windsurf,
}


def plans(repo: Repo, cwd: str, agents: list[str] | None = None, glob: GlobalFS | None = None) -> list[Plan]:
    """The plan of every agent (or of AGENTS) for CWD (repository-relative, '' for the root)."""
    chosen = agents or list(AGENTS)
    return [AGENTS[name](repo, cwd.strip("/"), glob) for name in chosen]
