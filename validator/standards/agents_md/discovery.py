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
"""

from __future__ import annotations

import json
import re

from validator.standards.agents_md import names as N
from validator.standards.agents_md.record import factory, record
from validator.standards.agents_md.repo import GlobalFS, Repo

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
    loads: list[Load] = factory(list)
    budget: int | None = None
    budget_source: str = ""
    notes: list[str] = factory(list)

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
    return N.ancestors(cwd.strip("/"))


def _lines(text: str | None) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def _line_at_byte(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _simple_front_matter(text: str) -> dict[str, str]:
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


def _below(repo: Repo, cwd: str, predicate) -> list[str]:
    """Listed files strictly below CWD that PREDICATE accepts, shallowest first."""
    prefix = cwd.strip("/") + "/" if cwd.strip("/") else ""
    found = []
    for rel in repo.listed_files():
        if prefix and not rel.startswith(prefix):
            continue
        folder = N.directory(rel)
        if folder == cwd.strip("/"):
            continue
        if predicate(rel):
            found.append(rel)
    return sorted(found, key=lambda r: (r.count("/"), r))


def _agents_on_chain(repo: Repo, cwd: str, plan: Plan, role: str) -> None:
    """Every AGENTS.md from the root down to CWD, in that order (Copilot, Cursor, Windsurf)."""
    for folder in chain(cwd):
        rel = N.join(folder, "AGENTS.md")
        if repo.lexists(rel):
            plan.loads.append(_file_load(repo, rel, role))


def _file_load(repo: Repo, rel: str, role: str) -> Load:
    st = repo.stat(rel)
    if not st.inside:
        return Load(rel, role, OUTSIDE, note=f"symlink to {st.link_target} outside the repository; not read here")
    if st.dangling:
        return Load(rel, role, UNREADABLE, note=f"dangling symlink to {st.link_target}")
    if not st.is_file:
        return Load(rel, role, UNREADABLE, note="not a regular file")
    text = repo.read_text(rel)
    load = Load(rel, role, LOADED, size=st.size, used=st.size, lines=_lines(text))
    if text is not None and not text.strip():
        load.status = EMPTY
        load.used = 0
    return load


# -- Codex --------------------------------------------------------------------------------

@record
class CodexSettings:
    max_bytes: int = CODEX_DEFAULT_MAX_BYTES
    max_bytes_source: str = "default"
    fallbacks: tuple[str, ...] = ()
    fallbacks_source: str = "default"
    root_markers: tuple[str, ...] | None = None
    problems: list[str] = factory(list)


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
        rel = N.join(folder, ".codex/config.toml")
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
        if any(repo.lexists(N.join(folder, marker)) for marker in settings.root_markers):
            return folder
    return ""


def codex_winner(repo: Repo, folder: str, candidates: list[str]) -> tuple[str | None, list[str]]:
    """The file Codex picks in FOLDER (first existing name) and the existing names it shadows."""
    winner = None
    shadowed = []
    for name in candidates:
        rel = N.join(folder, name)
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
                                       _lines(raw.decode("utf-8", "replace"))))
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
            load = Load(winner, role, LOADED, size=len(raw), used=take, lines=_lines(raw.decode("utf-8", "replace")))
            if not piece.strip():
                load.status, load.used = EMPTY, 0
                load.note = "empty: contributes nothing, yet wins its directory"
            else:
                remaining -= take
                if take < len(raw):
                    load.status = TRUNCATED
                    load.cut_line = _line_at_byte(raw, take)
                    load.note = f"{len(raw) - take:,} bytes from line {load.cut_line} on are cut"
        plan.loads.append(load)
        for rel in shadowed:
            plan.loads.append(Load(rel, "shadowed", SHADOWED, size=repo.stat(rel).size,
                                   note=f"{winner.rsplit('/', 1)[-1]} wins this directory"))
    deeper = _below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] in candidates)
    if deeper:
        plan.notes.append(f"{len(deeper)} instruction file(s) below this directory apply only when Codex starts in their folders")
    return plan


# -- Claude Code --------------------------------------------------------------------------

CLAUDE_FOLLOWS = ("Claude Code 2.1.277+ (code.claude.com/docs/en/memory; changelog 2.1.277: AGENTS.md read when "
                  "no CLAUDE.md)")


def claude_names(folder: str) -> list[str]:
    return [N.join(folder, "CLAUDE.md"), N.join(folder, ".claude/CLAUDE.md"), N.join(folder, "CLAUDE.local.md")]


def plan_claude(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("claude", "Claude Code", CLAUDE_FOLLOWS, cwd)
    if glob is not None:
        raw = glob.read(glob.path(".claude", "CLAUDE.md"))
        if raw is not None:
            plan.loads.append(Load("~/.claude/CLAUDE.md", "user memory", LOADED, len(raw), len(raw),
                                   _lines(raw.decode("utf-8", "replace"))))
        _claude_above_root(repo, glob, plan)
    folders = chain(cwd)
    have_claude = any(repo.lexists(rel) for folder in folders for rel in claude_names(folder))
    for folder in folders:
        for rel in claude_names(folder):
            if repo.lexists(rel):
                role = "local memory" if rel.endswith("CLAUDE.local.md") else "project memory"
                load = _file_load(repo, rel, role)
                plan.loads.append(load)
                if load.status in (LOADED,):
                    expand_claude_imports(repo, rel, plan, depth=1)
        agents = N.join(folder, "AGENTS.md")
        if repo.lexists(agents):
            if have_claude and any(load.path == agents and load.role == "import" for load in plan.loads):
                pass  # imported by a CLAUDE.md: listed where the import loads it
            elif have_claude:
                here = any(repo.lexists(rel) for rel in claude_names(folder))
                note = ("a CLAUDE.md in this folder takes its place (default 'Project instructions' setting)" if here else
                        "a CLAUDE.md in a folder above hides it (third-party reports; unverified)")
                plan.loads.append(Load(agents, "AGENTS.md", SHADOWED, size=repo.stat(agents).size, note=note))
            else:
                load = _file_load(repo, agents, "AGENTS.md (no CLAUDE.md)")
                load.note = "read because no CLAUDE.md exists (2.1.277+); imports in it: expansion unverified"
                plan.loads.append(load)
    rules = sorted(r for r in repo.listed_files() if N.classify(r) == N.CLAUDE_RULE)
    for rel in rules:
        fm = _simple_front_matter(repo.read_text(rel) or "")
        if "paths" in fm or _has_block_key(repo.read_text(rel) or "", "paths"):
            plan.loads.append(Load(rel, "rule", CONDITIONAL, size=repo.stat(rel).size, note="paths: loaded for matching files"))
        else:
            load = _file_load(repo, rel, "rule")
            plan.loads.append(load)
    for rel in _below(repo, cwd, lambda r: N.classify(r) == N.CLAUDE and not r.startswith(".claude/")):
        plan.loads.append(Load(rel, "nested memory", ON_DEMAND, size=repo.stat(rel).size,
                               note="read when Claude reads files in that folder"))
    plan.notes.append("no size budget: CLAUDE.md files are loaded in full (guidance: under 200 lines each)")
    if have_claude and any(repo.lexists(N.join(f, "AGENTS.md")) for f in folders):
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
                                       len(raw), _lines(raw.decode("utf-8", "replace"))))


def resolve_import(importer: str, path: str) -> str | None:
    """Repository-relative target of an import PATH written in IMPORTER (None if it leaves the repo)."""
    import posixpath

    if path.startswith(("~", "/")) or re.match(r"[A-Za-z]:[\\/]", path):
        return None
    target = posixpath.normpath(posixpath.join(N.directory(importer), path))
    if target.startswith("../") or target == "..":
        return None
    return "" if target == "." else target


def _load_import(repo: Repo, target: str, plan: Plan, depth: int, importer: str) -> bool:
    """Add TARGET as an import of IMPORTER; True when its text was read (so its own imports follow)."""
    load = _file_load(repo, target, "import")
    load.depth, load.via = depth, importer
    plan.loads.append(load)
    return load.status == LOADED


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
        if not repo.lexists(target) or repo.is_dir(target):
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
    problems: list[str] = factory(list)


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
    rel = N.join(cwd.strip("/"), ".gemini/settings.json")
    if repo.is_file(rel):
        layers.append((rel, repo.read_text(rel) or ""))
    for source, text in layers:
        data = _jsonc(text)
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


def _jsonc(text: str):
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
                                       _lines(raw.decode("utf-8", "replace"))))
    for folder in chain(cwd):
        for name in settings.names:
            rel = N.join(folder, name)
            if not repo.lexists(rel):
                continue
            real = repo.realpath(rel)
            if real in seen_real:
                plan.loads.append(Load(rel, "context file", SHADOWED, note="same file as one already loaded (de-duplicated)"))
                continue
            seen_real.add(real)
            load = _file_load(repo, rel, "context file")
            plan.loads.append(load)
            if load.status == LOADED:
                expand_gemini_imports(repo, rel, plan, depth=1)
    names = set(settings.names)
    for rel in _below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] in names):
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
        if not repo.is_file(target):
            plan.loads.append(Load(target, "import", MISSING, depth=depth, via=importer,
                                   note=f"@{ref.path} becomes an 'Import failed' comment"))
            continue
        if target in seen:
            plan.loads.append(Load(target, "import", REPEATED, depth=depth, via=importer, note="'File already processed'"))
            continue
        if _load_import(repo, target, plan, depth, importer):
            expand_gemini_imports(repo, target, plan, depth + 1, (*seen, target))


# -- GitHub Copilot -------------------------------------------------------------------------

def plan_copilot(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("copilot", "GitHub Copilot (CLI, coding agent, VS Code)",
                "docs.github.com Copilot CLI 'Adding custom instructions'; code.visualstudio.com custom-instructions "
                "reference (2026-11)", cwd)
    rel = ".github/copilot-instructions.md"
    if repo.lexists(rel):
        plan.loads.append(_file_load(repo, rel, "repository instructions"))
    for path in sorted(r for r in repo.listed_files() if N.classify(r) == N.COPILOT_SCOPED):
        fm = _simple_front_matter(repo.read_text(path) or "")
        apply_to = fm.get("applyTo", "")
        if apply_to.strip() in ("**", "**/*", "*"):
            plan.loads.append(_file_load(repo, path, f"path instructions (applyTo: {apply_to})"))
        else:
            note = f"applyTo: {apply_to}" if apply_to else "no applyTo: attached only by hand"
            plan.loads.append(Load(path, "path instructions", CONDITIONAL, size=repo.stat(path).size, note=note))
    _agents_on_chain(repo, cwd, plan, "agent instructions")
    for name in ("CLAUDE.md", ".claude/CLAUDE.md", "GEMINI.md"):
        if repo.lexists(name):
            plan.loads.append(_file_load(repo, name, "agent instructions (root)"))
    for path in _below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] == "AGENTS.md"):
        plan.loads.append(Load(path, "agent instructions", ON_DEMAND, size=repo.stat(path).size,
                               note="read for files it is working on below that folder"))
    plan.notes.append("no documented size budget (code review reads about the first 4,000 characters: unverified)")
    return plan


# -- Cursor -------------------------------------------------------------------------------

def plan_cursor(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("cursor", "Cursor", "cursor.com/docs/rules (2026-11)", cwd)
    _agents_on_chain(repo, cwd, plan, "AGENTS.md")
    for path in sorted(r for r in repo.listed_files() if r.endswith(".mdc") and "/.cursor/rules/" in "/" + r):
        fm = _simple_front_matter(repo.read_text(path) or "")
        if fm.get("alwaysApply", "").lower() == "true":
            plan.loads.append(_file_load(repo, path, "project rule (alwaysApply)"))
        elif fm.get("globs"):
            plan.loads.append(Load(path, "project rule", CONDITIONAL, size=repo.stat(path).size, note=f"globs: {fm['globs']}"))
        else:
            plan.loads.append(Load(path, "project rule", CONDITIONAL, size=repo.stat(path).size,
                                   note="applied when the agent decides it is relevant"))
    if repo.lexists(".cursorrules"):
        load = _file_load(repo, ".cursorrules", "legacy .cursorrules")
        load.note = "deprecated; still read"
        plan.loads.append(load)
    for path in _below(repo, cwd, lambda r: r.rsplit("/", 1)[-1] == "AGENTS.md"):
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
        plan.loads.append(_file_load(repo, pick, "rules file (first match)"))
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
                                       _lines(raw.decode("utf-8", "replace"))))
    for folder in chain(cwd):
        for name in names:
            rel = N.join(folder, name)
            if repo.is_file(rel):
                plan.loads.append(_file_load(repo, rel, "project hints"))
    plan.notes.append("needs the Developer extension; CONTEXT_FILE_NAMES changes the names; @file references are "
                      "expanded inside the git root")
    return plan


# -- others (secondary sources) ----------------------------------------------------------------

def plan_amp(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("amp", "Amp", "ampcode.com/manual#AGENTS.md (secondary: agnix AMP rules)", cwd)
    for folder in chain(cwd):
        for name in ("AGENTS.md", "AGENT.md", "CLAUDE.md"):
            rel = N.join(folder, name)
            if repo.lexists(rel):
                plan.loads.append(_file_load(repo, rel, "AGENTS.md" if name == "AGENTS.md" else f"fallback {name}"))
                break
    plan.notes.append("order and fallbacks from secondary sources (unverified)")
    return plan


def plan_opencode(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("opencode", "OpenCode", "anomalyco/opencode docs rules.mdx (OpenCode 2: CLAUDE.md no longer read)", cwd)
    for folder in reversed(chain(cwd)):
        rel = N.join(folder, "AGENTS.md")
        if repo.lexists(rel):
            plan.loads.append(_file_load(repo, rel, "AGENTS.md (nearest)"))
            break
    plan.notes.append("first AGENTS.md found walking up from the working directory (secondary source)")
    return plan


def plan_hermes(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("hermes", "Hermes Agent", "NousResearch/hermes-agent docs context-files.md (secondary)", cwd)
    order = (".hermes.md", "AGENTS.override.md", "AGENTS.md", "CLAUDE.md", ".cursorrules")
    folder = cwd.strip("/")
    present = [N.join(folder, name) for name in order if repo.lexists(N.join(folder, name))]
    if present:
        plan.loads.append(_file_load(repo, present[0], "project context (first match)"))
        for rel in present[1:]:
            plan.loads.append(Load(rel, "project context", SHADOWED, note=f"{present[0]} comes first"))
    return plan


def plan_windsurf(repo: Repo, cwd: str, glob: GlobalFS | None = None) -> Plan:
    plan = Plan("windsurf", "Windsurf / Devin", "docs.windsurf.com memories & rules (secondary: agnix WS rules)", cwd)
    _agents_on_chain(repo, cwd, plan, "AGENTS.md")
    for path in sorted(r for r in repo.listed_files() if r.startswith(".windsurf/rules/")):
        plan.loads.append(_file_load(repo, path, "workspace rule"))
    if repo.lexists(".windsurfrules"):
        plan.loads.append(_file_load(repo, ".windsurfrules", "legacy .windsurfrules"))
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
