"""JavaScript projects: package.json scripts and workspaces, lockfiles, and what npm, pnpm, yarn and bun do with their arguments."""

from __future__ import annotations

import json
import posixpath
import re

from validator.engine.files import glob_match
from validator.records import lazy
from validator.repo import paths as RP
from validator.repo.commands import Command


def package_json(repo, rel: str) -> dict | None:
    def build():
        text = repo.read_text(rel)
        if text is None:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None
    return repo.memo(("package.json", rel), build)


def scripts_of(repo, rel: str) -> dict:
    data = package_json(repo, rel) or {}
    scripts = data.get("scripts")
    return scripts if isinstance(scripts, dict) else {}


def all_package_jsons(repo) -> list[str]:
    return repo.memo("all-package-json", lambda: sorted(repo.index.by_name("package.json")))


def defining_packages(repo, script: str) -> list[str]:
    """The package.json files (in `all_package_jsons` order) whose scripts define SCRIPT; indexed once per run."""
    def build():
        table: dict[str, list[str]] = {}
        for rel in all_package_jsons(repo):
            for name in scripts_of(repo, rel):
                table.setdefault(name, []).append(rel)
        return table
    return list(repo.memo("scripts-defined-by", build).get(script, ()))


def workspace_members(repo, root_pkg: str) -> list[str]:
    """package.json paths of the workspaces declared by ROOT_PKG (npm/yarn/bun `workspaces`, pnpm-workspace.yaml)."""
    def build():
        folder = RP.directory(root_pkg)
        patterns: list[str] = []
        data = package_json(repo, root_pkg) or {}
        ws = data.get("workspaces")
        if isinstance(ws, dict):
            ws = ws.get("packages")
        if isinstance(ws, list):
            patterns.extend(p for p in ws if isinstance(p, str))
        pnpm = repo.read_text(RP.join(folder, "pnpm-workspace.yaml"))
        if pnpm:
            patterns.extend(re.findall(r"^\s*-\s*['\"]?([^'\"#\n]+?)['\"]?\s*$", pnpm, re.MULTILINE))
        if not patterns:
            return []
        members = []
        for rel in all_package_jsons(repo):
            member = RP.directory(rel)
            if rel == root_pkg:
                continue
            inner = member[len(folder) + 1:] if folder else member
            if folder and not member.startswith(folder + "/"):
                continue
            included = any(glob_match(inner, p.strip().rstrip("/")) for p in patterns if not p.startswith("!"))
            excluded = any(glob_match(inner, p[1:].strip().rstrip("/")) for p in patterns if p.startswith("!"))
            if included and not excluded:
                members.append(rel)
        return members
    return repo.memo(("workspaces", root_pkg), build)


LOCKFILES = {
    "package-lock.json": "npm", "npm-shrinkwrap.json": "npm", "pnpm-lock.yaml": "pnpm", "yarn.lock": "yarn",
    "bun.lockb": "bun", "bun.lock": "bun",
}


_RUNS = {manager: lazy(rf"(?:^|[;&|(]\s*){manager}\s+(?:run|test|build|install|x|exec|dlx)\b") for manager in ("bun", "pnpm", "yarn")}
"""A package.json script that invokes MANAGER as its command (`bun test`, `pnpm run build`, `cd x && yarn build`)."""


def js_package_manager(repo, folder: str) -> tuple[str | None, str]:
    """The package manager the project at FOLDER settles on (lockfile or `packageManager`), with the evidence."""
    found: dict[str, str] = {}
    for here in reversed(RP.ancestors(folder)):
        for name, manager in LOCKFILES.items():
            rel = RP.join(here, name)
            if repo.is_file(rel):
                found.setdefault(manager, rel)
        data = package_json(repo, RP.join(here, "package.json"))
        if data and isinstance(data.get("packageManager"), str):
            manager = data["packageManager"].split("@", 1)[0].strip()
            if manager in ("npm", "pnpm", "yarn", "bun"):
                found.setdefault(manager, RP.join(here, "package.json") + " packageManager")
        if found:
            # the project's own scripts run another manager (`"test": "bun test"` beside a package-lock.json kept for
            # npm users, audit 20: copilot-money-mcp): both are in use, so neither is the one to insist on
            scripts = data.get("scripts") if data else None
            if isinstance(scripts, dict):
                for manager in ("bun", "pnpm", "yarn"):
                    if manager not in found and any(isinstance(v, str) and _RUNS[manager].search(v) for v in scripts.values()):
                        found.setdefault(manager, RP.join(here, "package.json") + " scripts")
            break
    if len(found) == 1:
        manager, evidence = next(iter(found.items()))
        return manager, evidence
    return None, ""




# -- command lines ------------------------------------------------------------------------------

JS = ("npm", "pnpm", "yarn", "bun")


KNOWN_JS_BINS = frozenset({
    "tsc", "eslint", "jest", "vitest", "prettier", "next", "vite", "turbo", "tsx", "ts-node", "webpack", "rollup", "esbuild",
    "playwright", "biome", "oxlint", "nx", "lerna", "changeset", "tailwindcss", "astro", "nuxt", "nuxi", "svelte-kit",
    "svelte-check", "remix", "expo", "react-scripts", "storybook", "cypress", "mocha", "ava", "c8", "nyc", "knip",
    "syncpack", "prisma", "drizzle-kit", "wrangler", "vercel", "netlify", "node", "tsup", "unbuild", "vue-tsc", "ng",
    "electron", "electron-builder", "husky", "lint-staged", "commitlint", "concurrently", "rimraf", "cross-env", "serve",
    "http-server", "nodemon", "pm2", "typedoc", "api-extractor", "sb", "shx", "tap", "uvu", "oxfmt", "dprint",
})


_JS_VALUE_FLAGS = {"--prefix", "-C", "--dir", "--filter", "-F", "--workspace", "--cwd", "--loglevel", "--reporter",
                   "--registry", "--userconfig", "--config", "--tag", "--scope"}


def js_args(argv: list[str]):
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


def js_script(cmd: Command):
    """(script name, its argv index, scope) for a script-running command, or None."""
    pm = cmd.argv[0].rsplit("/", 1)[-1]
    positionals, flags = js_args(cmd.argv)
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


def workspace_root(repo, base: str) -> str | None:
    for here in RP.ancestors(RP.directory(base)):
        rel = RP.join(here, "package.json")
        if repo.is_file(rel) and (workspace_members(repo, rel) or repo.is_file(RP.join(here, "pnpm-workspace.yaml"))):
            return rel
    return None


def match_members(repo, members: list[str], target: str, folder: str) -> list[str] | None:
    """Members a `--filter`/`--workspace` value selects; None when the selector is beyond a static reading."""
    value = target.strip("'\"")
    if not value or any(ch in value for ch in "[]!{}") or value.startswith("...") or value.endswith("...") or "^" in value:
        return None
    if not (value.startswith("./") or "/" in value and not value.startswith("@")) and "*" not in value:
        # a plain name: looked up in an index of the members (by package name, else folder name)
        return list(_members_by_name(repo, members).get(value, ())) or None
    chosen = []
    for rel in members:
        data = package_json(repo, rel) or {}
        name = data.get("name") if isinstance(data.get("name"), str) else ""
        path = RP.directory(rel)
        if value.startswith("./") or "/" in value and not value.startswith("@"):
            wanted = posixpath.normpath(RP.join(folder, value.lstrip("./"))) if value.startswith("./") else value.rstrip("/")
            if path == wanted or (("*" in wanted) and glob_match(path, wanted)):
                chosen.append(rel)
        elif name == value or ("*" in value and re.fullmatch(re.escape(value).replace(r"\*", ".*"), name or "")):
            chosen.append(rel)
        elif path.rsplit("/", 1)[-1] == value and not name:
            chosen.append(rel)
    return chosen or None


def _members_by_name(repo, members: list[str]) -> dict[str, list[str]]:
    """MEMBERS by the name `--filter NAME` selects them with: the package name, or the folder name of a nameless one."""
    def build():
        table: dict[str, list[str]] = {}
        for rel in members:
            data = package_json(repo, rel) or {}
            name = data.get("name") if isinstance(data.get("name"), str) else ""
            table.setdefault(name or RP.directory(rel).rsplit("/", 1)[-1], []).append(rel)
        return table
    return repo.memo(("members-by-name", tuple(members)), build)


def js_bin(repo, name: str) -> bool:
    return name in KNOWN_JS_BINS or name in _declared_bins(repo)


def _declared_bins(repo) -> set[str]:
    """Names every package.json of the run makes runnable: dependencies (full and last part) and `bin` keys; built once."""
    def build():
        names: set[str] = set()
        for rel in all_package_jsons(repo):
            data = package_json(repo, rel) or {}
            for key in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
                deps = data.get(key)
                if isinstance(deps, dict):
                    for dep in deps:
                        names.add(dep)
                        last = dep.rsplit("/", 1)[-1]
                        names.add(last)
                        # a CLI package's command is often its scope's or its own first word (`tauri` of
                        # `@tauri-apps/cli`, audit 21: terraphim; `vsce` of `@vscode/vsce`, `wrangler` of `wrangler`)
                        if dep.startswith("@") and "/" in dep and last in ("cli", "core"):
                            scope = dep[1:].split("/", 1)[0]
                            names.update((scope, scope.split("-", 1)[0]))
                        if last.endswith("-cli"):
                            names.add(last[:-4])
            if isinstance(data.get("bin"), dict):
                names.update(data["bin"])
        return names
    return repo.memo("js-declared-bins", build)


def js_managers(found: list[Command]) -> dict[str, Command]:
    """Package managers a file uses to install or run project scripts (first command of each)."""
    out: dict[str, Command] = {}
    for cmd in found:
        pm = cmd.argv[0].rsplit("/", 1)[-1]
        if pm not in JS or len(cmd.argv) < 2:
            continue
        positionals, flags = js_args(cmd.argv)
        if any(f in flags for f in ("-g", "--global")):
            continue
        sub = positionals[0][0] if positionals else ""
        if sub in ("install", "i", "ci", "add", "run", "test", "run-script") or (pm == "yarn" and sub == ""):
            out.setdefault(pm, cmd)
    return out
