"""How the AGM command checks judge one command, tool by tool: npm/pnpm/yarn/bun scripts and turbo tasks (AGM060),
Make targets (AGM061), just/Task/deno recipes (AGM062), install commands against the lockfile (AGM064), `uv run`
and the like (AGM066), tox environments (AGM067), nox sessions (AGM068) and Cargo packages (AGM069).

Each function takes the command, the folder it runs in, the instruction file and the run's `Repo`, and yields
problems; `checks/commands.py` dispatches to them. What the build files define comes from `validator.repo`.
Errors are reserved for names the repository certainly lacks; anything that could exist after a build, an
install or a dynamic definition is skipped.
"""

from __future__ import annotations

import posixpath
import re

from validator.model import Problem, Span
from validator.repo import make as MK
from validator.repo import paths as RP
from validator.repo.cargo import cargo_aliases, cargo_packages
from validator.repo.commands import PLACEHOLDER, Command
from validator.repo.javascript import (
    defining_packages,
    js_args,
    js_bin,
    js_package_manager,
    js_script,
    match_members,
    scripts_of,
    workspace_members,
    workspace_root,
)
from validator.repo.make import JUSTFILES, MAKEFILES, TASKFILES, deno_tasks, make_defines
from validator.repo.paths import nearest, normalize_folder
from validator.repo.python import python_command_known, python_project
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.command_scope import (
    consumer_install,
    governs_packages,
    mentions_location,
    placed_elsewhere,
    runtime_install,
    scoped_there,
)
from validator.standards.agents_md.checks.common import owner_folder
from validator.standards.agents_md.scope import scope_folder

MAKE_STOPWORDS = frozenset({
    "sure", "the", "a", "an", "to", "it", "that", "this", "certain", "changes", "use", "your", "you", "any", "all", "of",
    "and", "or", "in", "on", "for", "with", "new", "up", "sense", "them", "these", "those", "some", "no", "not", "is",
    "are", "be", "as", "at", "by", "from", "if", "into", "its", "more", "most", "one", "our", "so", "such", "than",
    "then", "there", "they", "we", "what", "when", "which", "will", "edits", "tests", "small", "minimal", "focused",
})


def at(cmd: Command, i: int) -> Span:
    return Span(*cmd.region_of(i))


def hint(name: str, options) -> str:
    import difflib  # only when a similarity or a suggestion is needed
    close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.7)
    return f"; did you mean {close[0]}?" if close else ""


def js_run(cmd: Command, folder: str, data, repo):
    parsed = js_script(cmd)
    if parsed is None:
        return
    script, index, (scope, target), flags = parsed
    pm = cmd.argv[0].rsplit("/", 1)[-1]
    if PLACEHOLDER.search(script) or script.startswith("-") or "--if-present" in flags:
        return
    if pm == "bun" and ("/" in script or re.search(r"\.(?:[cm]?[jt]sx?)$", script)):
        return  # `bun run file.ts` runs a file (the script-file rule looks at it)
    for key in ("--prefix", "-C", "--dir", "--cwd"):
        value = flags.get(key)
        if isinstance(value, str):
            moved = normalize_folder(folder, value)
            if moved is None or not repo.is_dir(moved) and moved != "":
                return
            folder = moved
    base = nearest(repo, folder, ("package.json",))
    if base is None:
        return
    if scope == "root":
        root_pkg = workspace_root(repo, base) or base
        candidates = [root_pkg]
    elif scope in ("workspace", "all"):
        root_pkg = workspace_root(repo, base) or base
        members = workspace_members(repo, root_pkg)
        if scope == "all":
            candidates = members + [root_pkg]
        else:
            candidates = match_members(repo, members, str(target), folder)
            if candidates is None:
                return
    else:
        candidates = [RP.join(f, "package.json") for f in RP.ancestors(RP.directory(base)) if repo.is_file(RP.join(f, "package.json"))]
    if any(script in scripts_of(repo, rel) for rel in candidates):
        return
    if script == "start" and any(repo.is_file(RP.join(RP.directory(rel), "server.js")) for rel in candidates):
        return  # npm start falls back to `node server.js`
    if pm in ("yarn", "bun") and js_bin(repo, script):
        return  # yarn run / bun run also run package binaries
    if script == "env" and pm in ("npm", "yarn", "pnpm"):
        return
    defined = defining_packages(repo, script)
    where = candidates[0] if len(candidates) == 1 else ", ".join(candidates[:3])
    options = set().union(*(scripts_of(repo, rel).keys() for rel in candidates)) if candidates else set()
    region = at(cmd, index)
    if defined:
        if mentions_location(repo, data, cmd, defined) or scoped_there(repo, data, cmd, defined) \
                or placed_elsewhere(data, cmd) or governs_packages(repo, data.folder, defined):
            return
        yield Problem(R.AGM060, f"script {script!r} is not in {where}; only {', '.join(defined[:3])} defines it "
                      "(cd there or use the workspace flag)", region, severity="warning")
        return
    yield Problem(R.AGM060, f"no package.json in the repository defines the script {script!r} ({pm} runs it against {where})"
                  f"{hint(script, options)}", region)


def turbo(cmd: Command, first: int, folder: str, data, repo):
    argv = cmd.argv[first:]
    if not argv:
        return
    i = 0
    if argv[0] == "run":
        i = 1
    tasks = []
    while i < len(argv) and not argv[i].startswith("-"):
        tasks.append((argv[i], first + i))
        i += 1
    if not tasks:
        return
    configs = repo.index.by_name("turbo.json") + repo.index.by_name("turbo.jsonc")
    if not configs:
        return
    known: set[str] = set()
    for rel in configs:
        text = repo.read_text(rel)
        try:
            from validator.parsing.json import parse_json

            parsed = parse_json(text or "", jsonc=True).value
        except Exception:  # noqa: BLE001
            return
        if not isinstance(parsed, dict):
            return
        for key in ("tasks", "pipeline"):
            if isinstance(parsed.get(key), dict):
                known.update(name.split("#", 1)[-1] for name in parsed[key])
    for task, index in tasks:
        if PLACEHOLDER.search(task) or task.split("#", 1)[-1] in known:
            continue
        yield Problem(R.AGM060, f"turbo has no task {task!r} in turbo.json{hint(task, known)}", at(cmd, index))


def js_install(cmd: Command, folder: str, data, repo):
    pm = cmd.argv[0].rsplit("/", 1)[-1]
    positionals, flags = js_args(cmd.argv)
    if any(f in flags for f in ("-g", "--global", "--location")):
        return
    sub = positionals[0][0] if positionals else ""
    installs = {"npm": ("install", "i", "ci", "add", "in", "isntall"), "pnpm": ("install", "i", "add"),
                "yarn": ("install", "add", ""), "bun": ("install", "i", "add")}[pm]
    if sub not in installs or (pm != "yarn" and sub == ""):
        return
    if pm == "yarn" and sub == "" and len(cmd.argv) > 1 and not cmd.argv[1].startswith("-"):
        return
    if isinstance(flags.get("--prefix"), str) or isinstance(flags.get("-C"), str) or isinstance(flags.get("--cwd"), str):
        return
    if nearest(repo, folder, ("package.json",)) is None:
        return
    manager, evidence = js_package_manager(repo, folder)
    if manager is None or manager == pm or consumer_install(data, cmd, [p for p, _ in positionals[1:]]) \
            or runtime_install(data, cmd) or (not cmd.cd and placed_elsewhere(data, cmd)):
        return
    scope = None if cmd.cd else scope_folder(repo, data)
    if scope is not None and js_package_manager(repo, scope)[0] == pm:
        return  # a rule path-scoped to a package locked with PM (its own package-lock.json outside the pnpm workspace)
    yield Problem(R.AGM064, f"'{' '.join(cmd.argv[:3])}' uses {pm}, but the project uses {manager} ({evidence}); "
                  f"use {manager} {'install' if sub in ('install', 'i', 'ci', '') else sub}", at(cmd, 0))


def make(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    makefile = None
    directory = folder
    targets = []
    i = 1
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            break
        if tok in ("-C", "--directory") and i + 1 < len(argv):
            directory = normalize_folder(directory, argv[i + 1])
            i += 2
            continue
        if tok.startswith("--directory="):
            directory = normalize_folder(directory, tok.split("=", 1)[1])
        elif tok.startswith("-C") and len(tok) > 2:
            directory = normalize_folder(directory, tok[2:])
        elif tok in ("-f", "--file", "--makefile") and i + 1 < len(argv):
            makefile = argv[i + 1]
            i += 2
            continue
        elif tok.startswith(("--file=", "--makefile=")):
            makefile = tok.split("=", 1)[1]
        elif tok in ("-j", "-l", "-o", "-W", "-I", "--jobs", "--load-average") and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 2
            continue
        elif tok.startswith("-"):
            pass
        elif "=" in tok:
            pass
        else:
            targets.append((tok, i))
        i += 1
    if directory is None or not targets:
        return
    if any(t.lower() in MAKE_STOPWORDS or not re.fullmatch(r"[\w./%+-]+", t) for t, _ in targets):
        return  # prose ("make sure the tests pass") or something make would not take as a target
    if makefile is not None:
        if PLACEHOLDER.search(makefile):
            return
        rel = posixpath.normpath(RP.join(directory, makefile))
        if not repo.is_file(rel):
            return
    elif "-C" in argv or any(a.startswith(("-C", "--directory")) for a in argv[1:]):
        rel = next((RP.join(directory, name) for name in MAKEFILES if repo.is_file(RP.join(directory, name))), None)
    else:
        rel = nearest(repo, directory, MAKEFILES)
    if rel is None:
        return
    info = MK.makefile(repo, rel)
    make_dir = RP.directory(rel)
    # Claude Code loads a nested CLAUDE.md on demand, when it reads files in that folder, and Gemini CLI reads the
    # GEMINI.md files below its working directory; neither moves the shell, which stays in the folder the session
    # started in: this file's folder or any folder above it (code.claude.com/docs/en/memory; Gemini CLI
    # docs/cli/gemini-md.md; docs/context.md). Codex, by contrast, reads a nested AGENTS.md only when started in its
    # folder, so for AGENTS.md the file's own folder stays the one judged.
    own_folder = data.kind in LAUNCH_ANYWHERE_ABOVE and cmd.cd is None and makefile is None and directory == folder
    launch_folders = set(RP.ancestors(owner_folder(data))) if own_folder else set()
    for target, index in targets:
        if PLACEHOLDER.search(target):
            continue
        verdict = make_defines(info, target)
        if verdict is not False:
            continue
        if "/" in target and all(make_defines(info, part) for part in target.split("/")):
            continue  # `make format/lint/typecheck`: shorthand for three targets the Makefile defines
        if repo.lexists(RP.join(make_dir, target)) or _implicit_source(repo, make_dir, target):
            continue
        # a Makefile that only forwards every goal (Sphinx's `%: Makefile` catch-all) does not have the target
        elsewhere = [other for other in _makefiles_naming(repo, target) if other != rel]
        if own_folder and any(RP.directory(other) in launch_folders for other in elsewhere):
            continue  # a nested CLAUDE.md / GEMINI.md: the shell is where the session started, a folder above
        if elsewhere:
            if mentions_location(repo, data, cmd, elsewhere) or scoped_there(repo, data, cmd, elsewhere):
                continue  # the section names the folder to run it in, or the file's path scope lies there
            yield Problem(R.AGM061, f"no target {target!r} in {rel}; only {', '.join(elsewhere[:3])} has it (make -C "
                          f"{RP.directory(elsewhere[0]) or '.'} {target})", at(cmd, index), severity="warning")
            continue
        yield Problem(R.AGM061, f"no target {target!r} in {rel} or its includes{hint(target, info.targets)}",
                      at(cmd, index))


def _names_target(info, target: str) -> bool | None:
    """Whether INFO's Makefile defines TARGET by name or pattern (a catch-all alone does not count)."""
    if target in info.targets or any(p.pattern != r".+\Z" and p.match(target) for p in info.patterns):
        return True
    return make_defines(info, target) is None


LAUNCH_ANYWHERE_ABOVE = frozenset({N.CLAUDE, N.CLAUDE_LOCAL, N.GEMINI})
"""Kinds whose agent keeps the shell in the launch folder, which may be any folder from the file's up to the root."""


def _all_makefiles(repo) -> list[str]:
    return sorted(rel for name in MAKEFILES for rel in repo.index.by_name(name))


def _makefiles_naming(repo, target: str) -> list[str]:
    """The run's Makefiles that define TARGET, once per target (a monorepo's files repeat the same `make X`)."""
    return repo.memo(("makefiles-naming", target),
                     lambda: [rel for rel in _all_makefiles(repo) if _names_target(MK.makefile(repo, rel), target)])


def _implicit_source(repo, folder: str, target: str) -> bool:
    """make's built-in rules build TARGET from TARGET.c, TARGET.cc ... when such a file exists."""
    table = repo.cache.get("by-folder") or {}
    if not table:
        for rel in repo.listed_files():
            table.setdefault(RP.directory(rel), []).append(rel.rsplit("/", 1)[-1])
        repo.cache["by-folder"] = table
    return any(name.startswith(target + ".") for name in table.get(folder, ()))


_JUST_SKIP = {"-l", "--list", "--summary", "--choose", "--evaluate", "--show", "-s", "--dump", "--fmt", "--init",
              "--edit", "-e", "--groups", "--variables", "--completions", "--help", "-h", "--version", "-V", "--changelog",
              "--man", "--request", "--json",
              "-g", "--global-justfile"}
"""Flags after which just lists, prints or edits rather than runs, or (`-g`) runs the user's global justfile, which no
repository holds (audit 17: `just -g branch-audit`)."""


def just(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    justfile = None
    directory = folder
    i = 1
    recipe = None
    while i < len(argv):
        tok = argv[i]
        if tok in _JUST_SKIP:
            return
        if tok in ("-f", "--justfile") and i + 1 < len(argv):
            justfile = argv[i + 1]
            i += 2
            continue
        if tok in ("-d", "--working-directory") and i + 1 < len(argv):
            i += 2
            continue
        if tok == "--set" and i + 2 < len(argv):
            i += 3
            continue
        if tok.startswith("-") or "=" in tok:
            i += 1
            continue
        recipe = (tok, i)
        break
    if recipe is None or PLACEHOLDER.search(recipe[0]):
        return
    if justfile is not None:
        rel = posixpath.normpath(RP.join(directory, justfile))
        files = [rel] if repo.is_file(rel) else []
    else:
        files = []
        for here in reversed(RP.ancestors(directory)):
            found = next((RP.join(here, name) for name in JUSTFILES if repo.is_file(RP.join(here, name))), None)
            if found:
                files.append(found)
    if not files:
        return
    name = recipe[0]
    recipes: set[str] = set()
    for rel in files:
        info = MK.justfile(repo, rel)
        if not info.complete:
            return
        module = name.split("::", 1)[0]
        if name in info.recipes or module in info.modules:
            return
        recipes |= info.recipes
        if not info.fallback:
            break
    yield Problem(R.AGM062, f"just has no recipe {name!r} in {files[0]}{hint(name, recipes)}", at(cmd, recipe[1]))


_TASK_VALUE = {"-t", "--taskfile", "-d", "--dir", "-o", "--output", "-C", "--concurrency", "-I", "--interval"}


_TASK_SKIP = {"-l", "--list", "-a", "--list-all", "-i", "--init", "--summary", "--help", "-h", "--version", "--completion",
              "--status", "-g", "--global", "--experiments"}


def task(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    names = []
    taskfile = None
    i = 1
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            break
        if tok in _TASK_SKIP:
            return
        if tok in _TASK_VALUE and i + 1 < len(argv):
            if tok in ("-t", "--taskfile"):
                taskfile = argv[i + 1]
            if tok in ("-d", "--dir"):
                return
            i += 2
            continue
        if not tok.startswith("-") and "=" not in tok:
            names.append((tok, i))
        i += 1
    if not names:
        return
    rel = posixpath.normpath(RP.join(folder, taskfile)) if taskfile else nearest(repo, folder, TASKFILES)
    if rel is None or not repo.is_file(rel):
        return
    tasks, namespaces, complete = MK.taskfile(repo, rel)
    if not complete or not tasks and not namespaces:
        return
    for name, index in names:
        if PLACEHOLDER.search(name) or name in tasks or name.split(":", 1)[0] in namespaces:
            continue
        yield Problem(R.AGM062, f"Task has no task {name!r} in {rel}{hint(name, tasks)}", at(cmd, index))


def deno(cmd: Command, folder: str, data, repo):
    name = cmd.argv[2]
    if name.startswith("-") or PLACEHOLDER.search(name):
        return
    rel = nearest(repo, folder, ("deno.json", "deno.jsonc"))
    if rel is None:
        return
    tasks = deno_tasks(repo, rel)
    if tasks is None:
        return
    pkg = RP.join(RP.directory(rel), "package.json")
    known = tasks | set(scripts_of(repo, pkg))
    if name in known:
        return
    yield Problem(R.AGM062, f"deno has no task {name!r} in {rel}{hint(name, known)}", at(cmd, 2))


_UV_VALUE = {"--with", "--with-editable", "--with-requirements", "--extra", "--group", "--only-group", "--no-group",
             "--package", "--directory", "--project", "-p", "--python", "--env-file", "--index", "--default-index",
             "--index-url", "-i", "--extra-index-url", "--find-links", "-f", "--python-platform", "--config-file",
             "--cache-dir", "--color", "--link-mode", "--resolution", "--prerelease", "--exclude-newer",
             "--refresh-package", "--reinstall-package", "--upgrade-package", "-P", "--no-binary-package",
             "--no-build-package", "--config-setting", "-C", "--keyring-provider", "--allow-insecure-host",
             "--python-preference", "--no-extra", "--index-strategy", "--emit-index-annotation"}


_POETRY_VALUE = {"-C", "--directory", "-P", "--project"}


def python_run(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    tool = argv[0].rsplit("/", 1)[-1]
    if len(argv) < 3 or argv[1] != "run":
        return
    i = 2
    values = _UV_VALUE if tool == "uv" else _POETRY_VALUE | {"-p", "--project", "-e", "--env"}
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            i += 1
            break
        if tok.startswith("--with"):
            return  # the command may come from the extra requirement
        if tok in ("-m", "--module", "--script", "-s") and tool == "uv":
            return
        if tok in values:
            i += 2
            continue
        if tok.startswith("-"):
            i += 1
            continue
        break
    if i >= len(argv):
        return
    command = argv[i]
    if tool == "hatch" and ":" in command:
        command = command.split(":", 1)[1]
    if PLACEHOLDER.search(command) or "/" in command or "\\" in command or re.search(r"\.(?:py|sh|pyz|ipynb)$", command) \
            or "=" in command:
        return
    verdict = python_command_known(repo, command)
    if verdict is not False:
        return
    label = {"uv": "uv run", "poetry": "poetry run", "pdm": "pdm run", "hatch": "hatch run", "rye": "rye run",
             "pipenv": "pipenv run"}[tool]
    project = python_project(repo)
    yield Problem(R.AGM066, f"{label} {command}: {command!r} is neither a project script nor a declared dependency or "
                  f"well-known tool{hint(command, project.scripts | project.deps)}", at(cmd, i))


_PY_LOCKS = {"uv.lock": "uv", "poetry.lock": "poetry", "pdm.lock": "pdm", "Pipfile.lock": "pipenv"}


_PY_INSTALLS = {"uv": ("sync", "add", "lock"), "poetry": ("install", "add", "lock", "update"),
                "pdm": ("install", "add", "lock", "sync", "update"), "pipenv": ("install", "sync", "lock", "update")}


def python_install(cmd: Command, folder: str, data, repo):
    tool = cmd.argv[0].rsplit("/", 1)[-1]
    if tool not in _PY_INSTALLS or len(cmd.argv) < 2 or cmd.argv[1] not in _PY_INSTALLS[tool]:
        return
    if any(a in ("-C", "--directory", "--project", "-P") or a.startswith(("--directory=", "--project=")) for a in cmd.argv):
        return
    found = {}
    for here in reversed(RP.ancestors(folder)):
        for name, manager in _PY_LOCKS.items():
            if repo.is_file(RP.join(here, name)):
                found.setdefault(manager, RP.join(here, name))
        if found:
            break
    if len(found) != 1:
        return
    manager, evidence = next(iter(found.items()))
    if manager == tool or runtime_install(data, cmd):
        return
    yield Problem(R.AGM064, f"'{tool} {cmd.argv[1]}' uses {tool}, but the project is locked with {manager} ({evidence}); use {manager}",
                  at(cmd, 0))


def cargo(cmd: Command, folder: str, data, repo):
    argv = cmd.argv
    if len(argv) < 2:
        return
    if argv[1] == "xtask":
        aliases = cargo_aliases(repo, folder)
        packages = cargo_packages(repo)
        if packages is not None and "xtask" not in aliases:
            yield Problem(R.AGM069, "cargo xtask needs an [alias] xtask = \"run --package xtask --\" in .cargo/config.toml",
                          at(cmd, 1))
        return
    specs = []
    for i, tok in enumerate(argv[2:], 2):
        if tok == "--":
            break
        if tok in ("-p", "--package") and i + 1 < len(argv):
            specs.append((argv[i + 1], i + 1))
        elif tok.startswith("--package="):
            specs.append((tok.split("=", 1)[1], i))
        elif tok.startswith("-p") and len(tok) > 2 and not tok.startswith("--"):
            specs.append((tok[2:], i))
    if not specs:
        return
    packages = cargo_packages(repo)
    if not packages:
        return
    for spec, index in specs:
        name = re.split(r"[@:]", spec, maxsplit=1)[0]
        if PLACEHOLDER.search(name) or "*" in name or name in packages or name.replace("_", "-") in packages \
                or name in ("crate", "package", "pkg"):
            continue  # `cargo test -p crate test`: the word for any crate (audit 21: terraphim)
        yield Problem(R.AGM069, f"no package {name!r} in the Cargo workspace or its dependencies{hint(name, packages)}",
                      at(cmd, index))
