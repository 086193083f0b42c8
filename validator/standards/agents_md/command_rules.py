"""Commands the file tells agents to run, checked against what the repository defines.

`npm|pnpm|yarn|bun run X` against package.json scripts (workspaces, filters, `cd`,
`--prefix`), `make X` against Makefile targets, `just`/`task`/`deno task`, `uv run` /
`poetry run` / `pdm run` / `hatch run`, `tox -e`, `nox -s`, `cargo -p` and `cargo
xtask`, repository scripts, and install commands against the lockfile. Errors are
reserved for names the repository certainly lacks; anything that could exist after a
build, an install or a dynamic definition is skipped. PATH is never consulted.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from validator.model import Finding
from validator.standards.agents_md import manifests as M
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.commands import IF_PRESENT, PLACEHOLDER, Command, commands
from validator.standards.agents_md.record import lazy

JS = ("npm", "pnpm", "yarn", "bun")
KNOWN_JS_BINS = frozenset({
    "tsc", "eslint", "jest", "vitest", "prettier", "next", "vite", "turbo", "tsx", "ts-node", "webpack", "rollup", "esbuild",
    "playwright", "biome", "oxlint", "nx", "lerna", "changeset", "tailwindcss", "astro", "nuxt", "nuxi", "svelte-kit",
    "svelte-check", "remix", "expo", "react-scripts", "storybook", "cypress", "mocha", "ava", "c8", "nyc", "knip",
    "syncpack", "prisma", "drizzle-kit", "wrangler", "vercel", "netlify", "node", "tsup", "unbuild", "vue-tsc", "ng",
    "electron", "electron-builder", "husky", "lint-staged", "commitlint", "concurrently", "rimraf", "cross-env", "serve",
    "http-server", "nodemon", "pm2", "typedoc", "api-extractor", "sb", "shx", "tap", "uvu", "oxfmt", "dprint",
})
MAKE_STOPWORDS = frozenset({
    "sure", "the", "a", "an", "to", "it", "that", "this", "certain", "changes", "use", "your", "you", "any", "all", "of",
    "and", "or", "in", "on", "for", "with", "new", "up", "sense", "them", "these", "those", "some", "no", "not", "is",
    "are", "be", "as", "at", "by", "from", "if", "into", "its", "more", "most", "one", "our", "so", "such", "than",
    "then", "there", "they", "we", "what", "when", "which", "will", "edits", "tests", "small", "minimal", "focused",
})


def check(data, repo, ctx, doc) -> Iterator[Finding]:
    seen: set[tuple] = set()
    found = commands(data.view)
    for cmd in found:
        if IF_PRESENT.search(cmd.line_text) or not cmd.argv or cmd.foreign:
            continue
        folder = _folder(repo, data.folder, cmd.cd)
        if folder is None:
            continue
        for finding in _dispatch(cmd, folder, data, repo, ctx, doc):
            key = (finding.rule.code, finding.line, finding.column)
            if key not in seen:
                seen.add(key)
                yield finding
    yield from _conflicting_managers(data, repo, ctx, doc, found)


def _folder(repo, folder: str, cd: str | None) -> str | None:
    if not cd:
        return folder
    for base in (folder, ""):
        moved = M.normalize_folder(base, cd)
        if moved is not None and (moved == "" or repo.is_dir(moved)):
            return moved
    return None


def _dispatch(cmd: Command, folder: str, data, repo, ctx, doc):
    prog = cmd.argv[0]
    name = prog.rsplit("/", 1)[-1]
    if name in JS:
        yield from _js(cmd, folder, data, repo, ctx, doc)
        yield from _js_install(cmd, folder, data, repo, ctx, doc)
    elif name in ("npx", "bunx") and len(cmd.argv) > 1 and cmd.argv[1] == "turbo":
        yield from _turbo(cmd, 2, folder, data, repo, ctx, doc)
    elif name == "turbo":
        yield from _turbo(cmd, 1, folder, data, repo, ctx, doc)
    elif name == "make" and cmd.source != "prose":
        yield from _make(cmd, folder, data, repo, ctx, doc)
    elif name == "just":
        yield from _just(cmd, folder, data, repo, ctx, doc)
    elif name == "task":
        yield from _task(cmd, folder, data, repo, ctx, doc)
    elif name == "deno" and len(cmd.argv) > 2 and cmd.argv[1] == "task":
        yield from _deno(cmd, folder, data, repo, ctx, doc)
    elif name in ("uv", "poetry", "pdm", "hatch", "rye", "pipenv"):
        yield from _python(cmd, folder, data, repo, ctx, doc)
        yield from _python_install(cmd, folder, data, repo, ctx, doc)
    elif name == "tox":
        yield from _tox(cmd, folder, data, repo, ctx, doc)
    elif name == "nox":
        yield from _nox(cmd, folder, data, repo, ctx, doc)
    elif name == "cargo":
        yield from _cargo(cmd, folder, data, repo, ctx, doc)
    yield from _script_file(cmd, folder, data, repo, ctx, doc)


def _at(data, cmd: Command, i: int):
    start, end = cmd.region_of(i)
    return data.view.index.region(start, end)


def _hint(name: str, options) -> str:
    import difflib  # only when a similarity or a suggestion is needed
    close = difflib.get_close_matches(name, sorted(options), n=1, cutoff=0.7)
    return f"; did you mean {close[0]}?" if close else ""


# -- JavaScript ------------------------------------------------------------------------------------

_JS_VALUE_FLAGS = {"--prefix", "-C", "--dir", "--filter", "-F", "--workspace", "--cwd", "--loglevel", "--reporter",
                   "--registry", "--userconfig", "--config", "--tag", "--scope"}


def _js_args(argv: list[str]):
    """(positionals with their argv index, flags dict) for npm/pnpm/yarn/bun, up to `--`."""
    positionals = []
    flags: dict[str, str | bool] = {}
    i = 1
    pm = argv[0].rsplit("/", 1)[-1]
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            break
        if tok.startswith("-") and len(tok) > 1:
            key, eq, value = tok.partition("=")
            takes_value = key in _JS_VALUE_FLAGS or (key == "-w" and pm == "npm")
            if eq:
                flags[key] = value
            elif takes_value and i + 1 < len(argv):
                flags[key] = argv[i + 1]
                i += 1
            else:
                flags[key] = True
        else:
            positionals.append((tok, i))
        i += 1
    return positionals, flags


def _js_script(cmd: Command):
    """(script name, its argv index, scope) for a script-running command, or None."""
    pm = cmd.argv[0].rsplit("/", 1)[-1]
    positionals, flags = _js_args(cmd.argv)
    if not positionals:
        return None
    sub, sub_i = positionals[0]
    if pm == "yarn" and sub in ("workspace",) and len(positionals) >= 3:
        inner = positionals[2:]
        if inner and inner[0][0] == "run":
            inner = inner[1:]
        if not inner:
            return None
        return inner[0][0], inner[0][1], ("workspace", positionals[1][0]), flags
    if pm == "yarn" and sub == "workspaces":
        return None
    if sub in ("run", "run-script", "rum", "urn"):
        if len(positionals) < 2:
            return None
        script, index = positionals[1]
    elif sub in ("test", "t", "tst") and pm != "bun":
        script, index = "test", sub_i
    elif sub == "start" and pm in ("npm", "pnpm", "yarn"):
        script, index = "start", sub_i
    else:
        return None
    if pm == "npm" and ("-ws" in flags or "--workspaces" in flags):
        return script, index, ("all", None), flags
    if pm == "npm" and ("--workspace" in flags or "-w" in flags):
        return script, index, ("workspace", flags.get("--workspace") or flags.get("-w")), flags
    if pm in ("pnpm", "bun") and ("--filter" in flags or "-F" in flags):
        return script, index, ("workspace", flags.get("--filter") or flags.get("-F")), flags
    if pm == "pnpm" and ("-r" in flags or "--recursive" in flags):
        return script, index, ("all", None), flags
    if pm == "pnpm" and ("-w" in flags or "--workspace-root" in flags):
        return script, index, ("root", None), flags
    return script, index, ("here", None), flags


def _js(cmd: Command, folder: str, data, repo, ctx, doc):
    parsed = _js_script(cmd)
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
            moved = M.normalize_folder(folder, value)
            if moved is None or not repo.is_dir(moved) and moved != "":
                return
            folder = moved
    base = M.nearest(repo, folder, ("package.json",))
    if base is None:
        return
    if scope == "root":
        root_pkg = _workspace_root(repo, base) or base
        candidates = [root_pkg]
    elif scope in ("workspace", "all"):
        root_pkg = _workspace_root(repo, base) or base
        members = M.workspace_members(repo, root_pkg)
        if scope == "all":
            candidates = members + [root_pkg]
        else:
            candidates = _match_members(repo, members, str(target), folder)
            if candidates is None:
                return
    else:
        candidates = [N.join(f, "package.json") for f in N.ancestors(N.directory(base)) if repo.is_file(N.join(f, "package.json"))]
    if any(script in M.scripts_of(repo, rel) for rel in candidates):
        return
    if script == "start" and any(repo.is_file(N.join(N.directory(rel), "server.js")) for rel in candidates):
        return  # npm start falls back to `node server.js`
    if pm in ("yarn", "bun") and _js_bin(repo, script):
        return  # yarn run / bun run also run package binaries
    if script == "env" and pm in ("npm", "yarn", "pnpm"):
        return
    defined = [rel for rel in M.all_package_jsons(repo) if script in M.scripts_of(repo, rel)]
    where = candidates[0] if len(candidates) == 1 else ", ".join(candidates[:3])
    options = set().union(*(M.scripts_of(repo, rel).keys() for rel in candidates)) if candidates else set()
    region = _at(data, cmd, index)
    if defined:
        if _mentions_location(repo, data, cmd, defined):
            return
        yield ctx.finding(R.AGM060, doc, region,
                          f"script {script!r} is not in {where}; only {', '.join(defined[:3])} defines it "
                          "(cd there or use the workspace flag)", severity="warning")
        return
    yield ctx.finding(R.AGM060, doc, region,
                      f"no package.json in the repository defines the script {script!r} ({pm} runs it against {where})"
                      f"{_hint(script, options)}")


def _workspace_root(repo, base: str) -> str | None:
    for here in N.ancestors(N.directory(base)):
        rel = N.join(here, "package.json")
        if repo.is_file(rel) and (M.workspace_members(repo, rel) or repo.is_file(N.join(here, "pnpm-workspace.yaml"))):
            return rel
    return None


def _match_members(repo, members: list[str], target: str, folder: str) -> list[str] | None:
    """Members a `--filter`/`--workspace` value selects; None when the selector is beyond a static reading."""
    value = target.strip("'\"")
    if not value or any(ch in value for ch in "[]!{}") or value.startswith("...") or value.endswith("...") or "^" in value:
        return None
    chosen = []
    for rel in members:
        data = M.package_json(repo, rel) or {}
        name = data.get("name") if isinstance(data.get("name"), str) else ""
        path = N.directory(rel)
        if value.startswith("./") or "/" in value and not value.startswith("@"):
            wanted = posixpath.normpath(N.join(folder, value.lstrip("./"))) if value.startswith("./") else value.rstrip("/")
            if path == wanted or (("*" in wanted) and M.glob_match(path, wanted)):
                chosen.append(rel)
        elif name == value or ("*" in value and re.fullmatch(re.escape(value).replace(r"\*", ".*"), name or "")):
            chosen.append(rel)
        elif path.rsplit("/", 1)[-1] == value and not name:
            chosen.append(rel)
    return chosen or None


def _js_bin(repo, name: str) -> bool:
    if name in KNOWN_JS_BINS:
        return True
    for rel in M.all_package_jsons(repo):
        data = M.package_json(repo, rel) or {}
        for key in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            deps = data.get(key)
            if isinstance(deps, dict) and any(dep == name or dep.rsplit("/", 1)[-1] == name for dep in deps):
                return True
        if isinstance(data.get("bin"), dict) and name in data["bin"]:
            return True
    return False


def _mentions_location(repo, data, cmd: Command, defined: list[str]) -> bool:
    """The surrounding section names the package that defines the script (so the reader knows where to run it)."""
    start, end = data.view.section_bounds(cmd.start)
    section = data.text[start:end]
    for rel in defined:
        folder = N.directory(rel)
        names = {folder, folder.rsplit("/", 1)[-1]} if folder else set()
        package = M.package_json(repo, rel) or {}
        if isinstance(package.get("name"), str):
            names.add(package["name"])
        for name in names:
            if name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", section):
                return True
    return False


def _turbo(cmd: Command, first: int, folder: str, data, repo, ctx, doc):
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
        yield ctx.finding(R.AGM060, doc, _at(data, cmd, index),
                          f"turbo has no task {task!r} in turbo.json{_hint(task, known)}")


def _js_install(cmd: Command, folder: str, data, repo, ctx, doc):
    pm = cmd.argv[0].rsplit("/", 1)[-1]
    positionals, flags = _js_args(cmd.argv)
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
    if M.nearest(repo, folder, ("package.json",)) is None:
        return
    manager, evidence = M.js_package_manager(repo, folder)
    if manager is None or manager == pm:
        return
    yield ctx.finding(R.AGM064, doc, _at(data, cmd, 0),
                      f"'{' '.join(cmd.argv[:3])}' uses {pm}, but the project uses {manager} ({evidence}); "
                      f"use {manager} {'install' if sub in ('install', 'i', 'ci', '') else sub}")


# -- Make, just, Task, deno ---------------------------------------------------------------------------

def _make(cmd: Command, folder: str, data, repo, ctx, doc):
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
            directory = M.normalize_folder(directory, argv[i + 1])
            i += 2
            continue
        if tok.startswith("--directory="):
            directory = M.normalize_folder(directory, tok.split("=", 1)[1])
        elif tok.startswith("-C") and len(tok) > 2:
            directory = M.normalize_folder(directory, tok[2:])
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
        rel = posixpath.normpath(N.join(directory, makefile))
        if not repo.is_file(rel):
            return
    elif "-C" in argv or any(a.startswith(("-C", "--directory")) for a in argv[1:]):
        rel = next((N.join(directory, name) for name in M.MAKEFILES if repo.is_file(N.join(directory, name))), None)
    else:
        rel = M.nearest(repo, directory, M.MAKEFILES)
    if rel is None:
        return
    info = M.makefile(repo, rel)
    make_dir = N.directory(rel)
    for target, index in targets:
        if PLACEHOLDER.search(target):
            continue
        verdict = M.make_defines(info, target)
        if verdict is not False:
            continue
        if repo.lexists(N.join(make_dir, target)) or _implicit_source(repo, make_dir, target):
            continue
        elsewhere = [other for other in _all_makefiles(repo) if other != rel
                     and M.make_defines(M.makefile(repo, other), target) is not False]
        if elsewhere:
            if _mentions_location(repo, data, cmd, elsewhere):
                continue  # the section names the folder to run it in
            yield ctx.finding(R.AGM061, doc, _at(data, cmd, index),
                              f"no target {target!r} in {rel}; only {', '.join(elsewhere[:3])} has it (make -C "
                              f"{N.directory(elsewhere[0]) or '.'} {target})", severity="warning")
            continue
        yield ctx.finding(R.AGM061, doc, _at(data, cmd, index),
                          f"no target {target!r} in {rel} or its includes{_hint(target, info.targets)}")


def _all_makefiles(repo) -> list[str]:
    return sorted(rel for name in M.MAKEFILES for rel in repo.index.by_name(name))


def _implicit_source(repo, folder: str, target: str) -> bool:
    """make's built-in rules build TARGET from TARGET.c, TARGET.cc ... when such a file exists."""
    table = repo.cache.get("by-folder") or {}
    if not table:
        for rel in repo.listed_files():
            table.setdefault(N.directory(rel), []).append(rel.rsplit("/", 1)[-1])
        repo.cache["by-folder"] = table
    return any(name.startswith(target + ".") for name in table.get(folder, ()))


_JUST_SKIP = {"-l", "--list", "--summary", "--choose", "--evaluate", "--show", "-s", "--dump", "--fmt", "--init",
              "--edit", "-e", "--groups", "--variables", "--completions", "--help", "-h", "--version", "-V", "--changelog",
              "--man", "--request", "--json"}


def _just(cmd: Command, folder: str, data, repo, ctx, doc):
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
        rel = posixpath.normpath(N.join(directory, justfile))
        files = [rel] if repo.is_file(rel) else []
    else:
        files = []
        for here in reversed(N.ancestors(directory)):
            found = next((N.join(here, name) for name in M.JUSTFILES if repo.is_file(N.join(here, name))), None)
            if found:
                files.append(found)
    if not files:
        return
    name = recipe[0]
    recipes: set[str] = set()
    for rel in files:
        info = M.justfile(repo, rel)
        if not info.complete:
            return
        module = name.split("::", 1)[0]
        if name in info.recipes or module in info.modules:
            return
        recipes |= info.recipes
        if not info.fallback:
            break
    yield ctx.finding(R.AGM062, doc, _at(data, cmd, recipe[1]),
                      f"just has no recipe {name!r} in {files[0]}{_hint(name, recipes)}")


_TASK_VALUE = {"-t", "--taskfile", "-d", "--dir", "-o", "--output", "-C", "--concurrency", "-I", "--interval"}
_TASK_SKIP = {"-l", "--list", "-a", "--list-all", "-i", "--init", "--summary", "--help", "-h", "--version", "--completion",
              "--status", "-g", "--global", "--experiments"}


def _task(cmd: Command, folder: str, data, repo, ctx, doc):
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
    rel = posixpath.normpath(N.join(folder, taskfile)) if taskfile else M.nearest(repo, folder, M.TASKFILES)
    if rel is None or not repo.is_file(rel):
        return
    tasks, namespaces, complete = M.taskfile(repo, rel)
    if not complete or not tasks and not namespaces:
        return
    for name, index in names:
        if PLACEHOLDER.search(name) or name in tasks or name.split(":", 1)[0] in namespaces:
            continue
        yield ctx.finding(R.AGM062, doc, _at(data, cmd, index), f"Task has no task {name!r} in {rel}{_hint(name, tasks)}")


def _deno(cmd: Command, folder: str, data, repo, ctx, doc):
    name = cmd.argv[2]
    if name.startswith("-") or PLACEHOLDER.search(name):
        return
    rel = M.nearest(repo, folder, ("deno.json", "deno.jsonc"))
    if rel is None:
        return
    tasks = M.deno_tasks(repo, rel)
    if tasks is None:
        return
    pkg = N.join(N.directory(rel), "package.json")
    known = tasks | set(M.scripts_of(repo, pkg))
    if name in known:
        return
    yield ctx.finding(R.AGM062, doc, _at(data, cmd, 2), f"deno has no task {name!r} in {rel}{_hint(name, known)}")


# -- Python ----------------------------------------------------------------------------------------

_UV_VALUE = {"--with", "--with-editable", "--with-requirements", "--extra", "--group", "--only-group", "--no-group",
             "--package", "--directory", "--project", "-p", "--python", "--env-file", "--index", "--default-index",
             "--index-url", "-i", "--extra-index-url", "--find-links", "-f", "--python-platform", "--config-file",
             "--cache-dir", "--color", "--link-mode", "--resolution", "--prerelease", "--exclude-newer",
             "--refresh-package", "--reinstall-package", "--upgrade-package", "-P", "--no-binary-package",
             "--no-build-package", "--config-setting", "-C", "--keyring-provider", "--allow-insecure-host",
             "--python-preference", "--no-extra", "--index-strategy", "--emit-index-annotation"}
_POETRY_VALUE = {"-C", "--directory", "-P", "--project"}


def _python(cmd: Command, folder: str, data, repo, ctx, doc):
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
    verdict = M.python_command_known(repo, command)
    if verdict is not False:
        return
    label = {"uv": "uv run", "poetry": "poetry run", "pdm": "pdm run", "hatch": "hatch run", "rye": "rye run",
             "pipenv": "pipenv run"}[tool]
    project = M.python_project(repo)
    yield ctx.finding(R.AGM066, doc, _at(data, cmd, i),
                      f"{label} {command}: {command!r} is neither a project script nor a declared dependency or "
                      f"well-known tool{_hint(command, project.scripts | project.deps)}")


_PY_LOCKS = {"uv.lock": "uv", "poetry.lock": "poetry", "pdm.lock": "pdm", "Pipfile.lock": "pipenv"}
_PY_INSTALLS = {"uv": ("sync", "add", "lock"), "poetry": ("install", "add", "lock", "update"),
                "pdm": ("install", "add", "lock", "sync", "update"), "pipenv": ("install", "sync", "lock", "update")}


def _python_install(cmd: Command, folder: str, data, repo, ctx, doc):
    tool = cmd.argv[0].rsplit("/", 1)[-1]
    if tool not in _PY_INSTALLS or len(cmd.argv) < 2 or cmd.argv[1] not in _PY_INSTALLS[tool]:
        return
    if any(a in ("-C", "--directory", "--project", "-P") or a.startswith(("--directory=", "--project=")) for a in cmd.argv):
        return
    found = {}
    for here in reversed(N.ancestors(folder)):
        for name, manager in _PY_LOCKS.items():
            if repo.is_file(N.join(here, name)):
                found.setdefault(manager, N.join(here, name))
        if found:
            break
    if len(found) != 1:
        return
    manager, evidence = next(iter(found.items()))
    if manager == tool:
        return
    yield ctx.finding(R.AGM064, doc, _at(data, cmd, 0),
                      f"'{tool} {cmd.argv[1]}' uses {tool}, but the project is locked with {manager} ({evidence}); use {manager}")


def _tox(cmd: Command, folder: str, data, repo, ctx, doc):
    argv = cmd.argv
    envs = []
    for i, tok in enumerate(argv[1:], 1):
        if tok == "--":
            break
        if tok in ("-e", "--env") and i + 1 < len(argv):
            envs.append((argv[i + 1], i + 1))
        elif tok.startswith(("-e=", "--env=")):
            envs.append((tok.split("=", 1)[1], i))
        elif tok.startswith("-e") and len(tok) > 2 and not tok.startswith("--"):
            envs.append((tok[2:], i))
    if not envs:
        return
    info = M.tox_config(repo, folder)
    if not info.found:
        return
    for value, index in envs:
        for env in value.split(","):
            env = env.strip()
            if not env or PLACEHOLDER.search(env) or M.tox_has(info, env):
                continue
            yield ctx.finding(R.AGM067, doc, _at(data, cmd, index),
                              f"tox has no environment {env!r} in {info.source}{_hint(env, info.envs)}")


def _nox(cmd: Command, folder: str, data, repo, ctx, doc):
    argv = cmd.argv
    sessions = []
    noxfile = None
    i = 1
    while i < len(argv):
        tok = argv[i]
        if tok in ("-f", "--noxfile") and i + 1 < len(argv):
            noxfile = argv[i + 1]
            i += 2
            continue
        if tok in ("-s", "-e", "--session", "--sessions"):
            i += 1
            while i < len(argv) and not argv[i].startswith("-"):
                sessions.append((argv[i], i))
                i += 1
            continue
        if tok.startswith(("--session=", "--sessions=")):
            sessions.append((tok.split("=", 1)[1], i))
        i += 1
    if not sessions:
        return
    rel = posixpath.normpath(N.join(folder, noxfile)) if noxfile else M.nearest(repo, folder, ("noxfile.py",))
    if rel is None or not repo.is_file(rel):
        return
    info = M.nox_sessions(repo, rel)
    if not info.found or not info.complete:
        return
    for name, index in sessions:
        if PLACEHOLDER.search(name.split("(", 1)[0]) or M.nox_has(info, name):
            continue
        yield ctx.finding(R.AGM068, doc, _at(data, cmd, index),
                          f"nox has no session {name!r} in {rel}{_hint(name, info.sessions)}")


# -- Cargo -----------------------------------------------------------------------------------------

def _cargo(cmd: Command, folder: str, data, repo, ctx, doc):
    argv = cmd.argv
    if len(argv) < 2:
        return
    if argv[1] == "xtask":
        aliases = M.cargo_aliases(repo, folder)
        packages = M.cargo_packages(repo)
        if packages is not None and "xtask" not in aliases:
            yield ctx.finding(R.AGM069, doc, _at(data, cmd, 1),
                              "cargo xtask needs an [alias] xtask = \"run --package xtask --\" in .cargo/config.toml")
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
    packages = M.cargo_packages(repo)
    if not packages:
        return
    for spec, index in specs:
        name = re.split(r"[@:]", spec, maxsplit=1)[0]
        if PLACEHOLDER.search(name) or "*" in name or name in packages or name.replace("_", "-") in packages:
            continue
        yield ctx.finding(R.AGM069, doc, _at(data, cmd, index),
                          f"no package {name!r} in the Cargo workspace or its dependencies{_hint(name, packages)}")


# -- scripts ---------------------------------------------------------------------------------------

_INTERPRETERS = frozenset({"bash", "sh", "zsh", "python", "python3", "node", "ruby", "perl", "pwsh", "powershell", "tsx",
                           "ts-node", "source", "."})
_SCRIPT_EXT = lazy(r"\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|mts|rb|pl|ps1)$")
_SHELL_EXT = lazy(r"\.(?:sh|bash|zsh|ps1|bat|cmd)$")
"""Files that run by themselves; a `.py` or `.ts` path alone is usually a reference, not a command."""


def _script_file(cmd: Command, folder: str, data, repo, ctx, doc):
    argv = cmd.argv
    prog = argv[0]
    candidates = []
    if cmd.source == "span" and len(argv) == 1 and not (prog.startswith("./") and _SHELL_EXT.search(prog)):
        return  # a lone path in backticks names a file or a module (`./internals.js`), not an invocation
    if (prog.startswith("./") and (cmd.source == "fence" or _SHELL_EXT.search(prog))) \
            or ("/" in prog and _SHELL_EXT.search(prog)):
        candidates.append((prog, 0))
    elif prog in _INTERPRETERS and len(argv) > 1:
        i = 1
        while i < len(argv) and argv[i].startswith("-"):
            if argv[i] in ("-m", "-c", "-e", "--eval", "-p"):
                return
            i += 1
        # `node server.ts`, `python app.py`: a bare file name is as often the reader's own project
        if i < len(argv) and _SCRIPT_EXT.search(argv[i]) and "/" in argv[i]:
            candidates.append((argv[i], i))
    for path, index in candidates:
        if PLACEHOLDER.search(path) or path.startswith(("/", "~", "$")) or "://" in path:
            continue
        clean = path[2:] if path.startswith("./") else path
        if not (_SCRIPT_EXT.search(clean) or (prog.startswith("./") and cmd.source == "fence")):
            continue
        bases = [folder] + ([""] if folder else [])
        anchored = []
        for base in bases:
            target = posixpath.normpath(N.join(base, clean))
            if target.startswith("../"):
                continue
            if repo.lexists(target):
                anchored = None
                break
            parent = N.directory(target)
            if parent == "" or repo.is_dir(parent):
                anchored.append(target)
        if not anchored:
            continue
        from validator.standards.agents_md.reference_rules import _suggest, _unknown_location

        if any(_unknown_location(repo, t) for t in anchored):
            continue
        if not _SCRIPT_EXT.search(clean) and N.directory(anchored[0]) == "":
            continue  # `./configure`, `./a.out`: produced by a build step
        yield ctx.finding(R.AGM063, doc, _at(data, cmd, index),
                          f"{path} does not exist ({anchored[0]}){_suggest(repo, anchored[0])}")


# -- AGM047 -------------------------------------------------------------------------------------------

def js_managers(found: list[Command]) -> dict[str, Command]:
    """Package managers a file uses to install or run project scripts (first command of each)."""
    out: dict[str, Command] = {}
    for cmd in found:
        pm = cmd.argv[0].rsplit("/", 1)[-1]
        if pm not in JS or len(cmd.argv) < 2:
            continue
        positionals, flags = _js_args(cmd.argv)
        if any(f in flags for f in ("-g", "--global")):
            continue
        sub = positionals[0][0] if positionals else ""
        if sub in ("install", "i", "ci", "add", "run", "test", "run-script") or (pm == "yarn" and sub == ""):
            out.setdefault(pm, cmd)
    return out


def _conflicting_managers(data, repo, ctx, doc, found: list[Command]):
    if data.kind == N.AGENTS:
        return
    from validator.standards.agents_md.layout_rules import owner_folder

    owner = owner_folder(data)
    agents = N.join(owner, "AGENTS.md")
    if not repo.is_file(agents) or agents == data.relpath:
        return
    if M.nearest(repo, owner, ("package.json",)) is None:
        return
    manager, _ = M.js_package_manager(repo, owner)
    if manager is not None:
        return  # the lockfile settles it (AGM064)
    mine = js_managers(found)
    from validator.standards.agents_md.markdown import parse_markdown

    text = repo.read_text(agents) or ""
    theirs = js_managers(commands(parse_markdown(text)))
    if len(mine) != 1 or len(theirs) != 1:
        return
    (pm, cmd), (other, _) = next(iter(mine.items())), next(iter(theirs.items()))
    if pm == other:
        return
    yield ctx.finding(R.AGM047, doc, _at(data, cmd, 0),
                      f"{data.relpath} uses {pm} while {agents} uses {other} for the same project; agents reading "
                      "different files will use different package managers")
