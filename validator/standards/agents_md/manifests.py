"""What the repository itself defines: scripts, targets, recipes, tasks, sessions, packages.

Static reads only (JSON, TOML, INI, YAML, a Makefile/justfile scan, Python `ast` for
noxfile.py): nothing from the repository is ever executed. Every reader says whether
its answer is complete; when a file builds names dynamically (Make variables in
target names, `eval`, nox sessions registered in a loop), the checks treat a missing
name as unknown rather than absent. Results are cached on the run's `Repo`.
"""

from __future__ import annotations

import json
import posixpath
import re

from validator.engine.files import glob_match
from validator.standards.agents_md import names as N
from validator.standards.agents_md.record import factory, lazy, record


def _cached(repo, key, build):
    if key not in repo.cache:
        repo.cache[key] = build()
    return repo.cache[key]


def nearest(repo, folder: str, candidates: tuple[str, ...]) -> str | None:
    """The nearest file named one of CANDIDATES from FOLDER up to the root (repository-relative)."""
    for here in reversed(N.ancestors(folder)):
        for name in candidates:
            rel = N.join(here, name)
            if repo.is_file(rel):
                return rel
    return None


def normalize_folder(folder: str, cd: str | None) -> str | None:
    """FOLDER moved by a `cd` argument; None when it leaves the repository or is not literal."""
    if not cd:
        return folder
    if any(ch in cd for ch in "$`~*{<") or cd.startswith("/"):
        return None
    moved = posixpath.normpath(posixpath.join(folder, cd))
    if moved == "..":
        return None
    if moved.startswith("../"):
        return None
    return "" if moved == "." else moved


# -- JavaScript ---------------------------------------------------------------------------------

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
    return _cached(repo, ("package.json", rel), build)


def scripts_of(repo, rel: str) -> dict:
    data = package_json(repo, rel) or {}
    scripts = data.get("scripts")
    return scripts if isinstance(scripts, dict) else {}


def all_package_jsons(repo) -> list[str]:
    return _cached(repo, "all-package-json", lambda: sorted(repo.index.by_name("package.json")))


def workspace_members(repo, root_pkg: str) -> list[str]:
    """package.json paths of the workspaces declared by ROOT_PKG (npm/yarn/bun `workspaces`, pnpm-workspace.yaml)."""
    def build():
        folder = N.directory(root_pkg)
        patterns: list[str] = []
        data = package_json(repo, root_pkg) or {}
        ws = data.get("workspaces")
        if isinstance(ws, dict):
            ws = ws.get("packages")
        if isinstance(ws, list):
            patterns.extend(p for p in ws if isinstance(p, str))
        pnpm = repo.read_text(N.join(folder, "pnpm-workspace.yaml"))
        if pnpm:
            patterns.extend(re.findall(r"^\s*-\s*['\"]?([^'\"#\n]+?)['\"]?\s*$", pnpm, re.MULTILINE))
        if not patterns:
            return []
        members = []
        for rel in all_package_jsons(repo):
            member = N.directory(rel)
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
    return _cached(repo, ("workspaces", root_pkg), build)


LOCKFILES = {
    "package-lock.json": "npm", "npm-shrinkwrap.json": "npm", "pnpm-lock.yaml": "pnpm", "yarn.lock": "yarn",
    "bun.lockb": "bun", "bun.lock": "bun",
}


def js_package_manager(repo, folder: str) -> tuple[str | None, str]:
    """The package manager the project at FOLDER settles on (lockfile or `packageManager`), with the evidence."""
    found: dict[str, str] = {}
    for here in reversed(N.ancestors(folder)):
        for name, manager in LOCKFILES.items():
            rel = N.join(here, name)
            if repo.is_file(rel):
                found.setdefault(manager, rel)
        data = package_json(repo, N.join(here, "package.json"))
        if data and isinstance(data.get("packageManager"), str):
            manager = data["packageManager"].split("@", 1)[0].strip()
            if manager in ("npm", "pnpm", "yarn", "bun"):
                found.setdefault(manager, N.join(here, "package.json") + " packageManager")
        if found:
            break
    if len(found) == 1:
        manager, evidence = next(iter(found.items()))
        return manager, evidence
    return None, ""


# -- Make ---------------------------------------------------------------------------------------

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")


@record
class MakeInfo:
    path: str
    targets: set[str] = factory(set)
    patterns: list[re.Pattern] = factory(list)
    dynamic: bool = False
    """Some target names come from variables, eval, or includes that cannot be read."""
    words: set[str] = factory(set)
    """Every word in the files (to treat names that may be built dynamically as unknown)."""
    catch_all: bool = False


_MAKE_TARGET = lazy(r"^([^\s:=#][^:=#]*?)\s*(::?)(?![=:])(.*)$")


def makefile(repo, rel: str) -> MakeInfo:
    return _cached(repo, ("make", rel), lambda: _read_make(repo, rel, MakeInfo(rel), set()))


def _first_visit(repo, rel: str, seen: set[str]) -> str | None | bool:
    """REL's text the first time an include chain reaches it; False if already read, None if unreadable."""
    if rel in seen:
        return False
    seen.add(rel)
    return repo.read_text(rel)


def _read_make(repo, rel: str, info: MakeInfo, seen: set[str]) -> MakeInfo:
    text = _first_visit(repo, rel, seen)
    if not isinstance(text, str):
        info.dynamic = info.dynamic or text is None
        return info
    folder = N.directory(info.path)
    text = re.sub(r"\\\r?\n", " ", text)
    info.words.update(re.findall(r"[A-Za-z0-9_.%/-]+", text))
    in_define = False
    for line in text.splitlines():
        if in_define:
            if re.match(r"^\s*endef\b", line):
                in_define = False
            continue
        if line.startswith("\t"):
            continue
        stripped = line.split("#", 1)[0].rstrip() if "#" in line and "\\#" not in line else line.rstrip()
        if not stripped.strip():
            continue
        if re.match(r"^\s*(?:override\s+)?define\b", stripped):
            in_define = True
            info.dynamic = True
            continue
        inc = re.match(r"^\s*(-?include|sinclude)\s+(.+)$", stripped)
        if inc:
            optional = inc.group(1) != "include"
            for name in inc.group(2).split():
                if "$" in name:
                    if not (optional and re.search(r"\.d\b|dep", name)):
                        info.dynamic = True
                    continue
                matches = _glob_files(repo, folder, name)
                if not matches and not optional:
                    info.dynamic = True  # a generated include: its targets are unknown
                for match in matches:
                    _read_make(repo, match, info, seen)
            continue
        if re.match(r"^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif|export|unexport|vpath|override)\b", stripped):
            continue
        if "$(eval" in stripped or "${eval" in stripped:
            info.dynamic = True
        m = _MAKE_TARGET.match(stripped)
        if not m or re.match(r"^\s*[A-Za-z_][A-Za-z0-9_.]*\s*(?:\?|\+|!)?=", stripped):
            continue
        names, rest = m.group(1), m.group(3)
        if names.strip() == ".PHONY":
            info.targets.update(rest.split())
            continue
        if names.strip() == ".DEFAULT":
            info.catch_all = True
            continue
        for name in names.split():
            if "$" in name:
                info.dynamic = True
            elif "%" in name:
                if name == "%":
                    info.catch_all = True
                info.patterns.append(re.compile(re.escape(name).replace("%", ".+") + r"\Z"))
            else:
                info.targets.add(name)
    return info


def _glob_files(repo, folder: str, pattern: str) -> list[str]:
    rel = posixpath.normpath(N.join(folder, pattern))
    if not any(ch in pattern for ch in "*?["):
        return [rel] if repo.is_file(rel) else []
    return [f for f in repo.listed_files() if glob_match(f, rel)]


def make_defines(info: MakeInfo, target: str) -> bool | None:
    """True if TARGET is defined, False if certainly not, None when unknown."""
    if info.catch_all or target in info.targets or any(p.match(target) for p in info.patterns):
        return True
    if info.dynamic and target in info.words:
        return None
    return False


# -- just / Task / deno ---------------------------------------------------------------------------

JUSTFILES = ("justfile", "Justfile", ".justfile", "JUSTFILE")


@record
class JustInfo:
    path: str
    recipes: set[str] = factory(set)
    modules: set[str] = factory(set)
    fallback: bool = False
    complete: bool = True


_JUST_RECIPE = lazy(r"^@?([A-Za-z_][A-Za-z0-9_-]*)(?:\s+[^:]*?)?\s*:(?![=:])")
_JUST_QUOTED = lazy(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_JUST_KEYWORDS = {"set", "export", "alias", "import", "mod", "if", "else", "unexport"}


def justfile(repo, rel: str) -> JustInfo:
    return _cached(repo, ("just", rel), lambda: _read_just(repo, rel, JustInfo(rel), set()))


def _read_just(repo, rel: str, info: JustInfo, seen: set[str]) -> JustInfo:
    text = _first_visit(repo, rel, seen)
    if not isinstance(text, str):
        info.complete = info.complete and text is not None
        return info
    folder = N.directory(rel)
    for line in text.splitlines():
        if not line or line[0] in " \t#[":
            continue
        m = re.match(r"^import(\?)?\s+['\"]([^'\"]+)['\"]", line)
        if m:
            target = posixpath.normpath(N.join(folder, m.group(2)))
            if repo.is_file(target):
                _read_just(repo, target, info, seen)
            elif not m.group(1):
                info.complete = False
            continue
        m = re.match(r"^mod(\?)?\s+([A-Za-z_][\w-]*)", line)
        if m:
            info.modules.add(m.group(2))
            continue
        m = re.match(r"^alias\s+([A-Za-z_][\w-]*)\s*:=", line)
        if m:
            info.recipes.add(m.group(1))
            continue
        if re.match(r"^set\s+fallback\b(?!\s*:=\s*false)", line):
            info.fallback = True
            continue
        if re.match(r"^[A-Za-z_][\w-]*\s*:=", line):
            continue  # a variable
        m = _JUST_RECIPE.match(_JUST_QUOTED.sub("''", line))
        if m and m.group(1) not in _JUST_KEYWORDS:
            info.recipes.add(m.group(1))
    return info


TASKFILES = ("Taskfile.yml", "taskfile.yml", "Taskfile.yaml", "taskfile.yaml", "Taskfile.dist.yml", "taskfile.dist.yml",
             "Taskfile.dist.yaml", "taskfile.dist.yaml")


def taskfile(repo, rel: str) -> tuple[set[str], set[str], bool]:
    """(task names incl. aliases, include namespaces, complete)."""
    def build():
        text = repo.read_text(rel)
        if text is None:
            return set(), set(), False
        try:
            import yaml

            data = yaml.safe_load(text)
        except Exception:  # noqa: BLE001 - an unreadable Taskfile is "unknown", not a crash
            return set(), set(), False
        if not isinstance(data, dict):
            return set(), set(), False
        tasks = data.get("tasks") or {}
        names: set[str] = set()
        complete = True
        if isinstance(tasks, dict):
            for name, body in tasks.items():
                names.add(str(name))
                if "*" in str(name):
                    complete = False
                if isinstance(body, dict) and isinstance(body.get("aliases"), list):
                    names.update(str(a) for a in body["aliases"])
        includes = data.get("includes") or {}
        namespaces = set(includes) if isinstance(includes, dict) else set()
        for value in (includes.values() if isinstance(includes, dict) else ()):
            if isinstance(value, dict) and value.get("flatten"):
                complete = False
        return names, {str(n) for n in namespaces}, complete
    return _cached(repo, ("task", rel), build)


def deno_tasks(repo, rel: str) -> set[str] | None:
    def build():
        text = repo.read_text(rel)
        if text is None:
            return None
        try:
            from validator.parsing.json import parse_json

            data = parse_json(text, jsonc=True).value
        except Exception:  # noqa: BLE001
            return None
        tasks = data.get("tasks") if isinstance(data, dict) else None
        return set(tasks) if isinstance(tasks, dict) else set()
    return _cached(repo, ("deno", rel), build)


# -- Python --------------------------------------------------------------------------------------

def _toml(repo, rel: str) -> dict | None:
    def build():
        text = repo.read_text(rel)
        if text is None:
            return None
        import tomllib

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    return _cached(repo, ("toml", rel), build)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


_REQ_NAME = lazy(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _req_names(values) -> set[str]:
    out = set()
    for value in values or ():
        if isinstance(value, str):
            m = _REQ_NAME.match(value)
            if m:
                out.add(canonical(m.group(1)))
    return out


@record
class PythonProject:
    scripts: set[str] = factory(set)
    deps: set[str] = factory(set)
    hatch_scripts: set[str] = factory(set)
    found: bool = False


def python_project(repo) -> PythonProject:
    """Scripts and dependency names declared anywhere in the repository (all pyproject files, requirements)."""
    def build():
        info = PythonProject()
        for rel in sorted(repo.index.by_name("pyproject.toml")):
            data = _toml(repo, rel)
            if not data:
                continue
            info.found = True
            project = data.get("project") or {}
            tool = data.get("tool") or {}
            if isinstance(project, dict):
                if isinstance(project.get("name"), str):
                    info.deps.add(canonical(project["name"]))
                for key in ("scripts", "gui-scripts"):
                    if isinstance(project.get(key), dict):
                        info.scripts.update(project[key])
                info.deps |= _req_names(project.get("dependencies"))
                for group in (project.get("optional-dependencies") or {}).values() if isinstance(project.get("optional-dependencies"), dict) else ():
                    info.deps |= _req_names(group)
            groups = data.get("dependency-groups")
            if isinstance(groups, dict):
                for group in groups.values():
                    if isinstance(group, list):
                        info.deps |= _req_names(group)
            if isinstance(tool, dict):
                uv = tool.get("uv") or {}
                if isinstance(uv, dict):
                    info.deps |= _req_names(uv.get("dev-dependencies"))
                poetry = tool.get("poetry") or {}
                if isinstance(poetry, dict):
                    if isinstance(poetry.get("scripts"), dict):
                        info.scripts.update(poetry["scripts"])
                    if isinstance(poetry.get("name"), str):
                        info.deps.add(canonical(poetry["name"]))
                    for key in ("dependencies", "dev-dependencies"):
                        if isinstance(poetry.get(key), dict):
                            info.deps |= {canonical(k) for k in poetry[key]}
                    for group in (poetry.get("group") or {}).values() if isinstance(poetry.get("group"), dict) else ():
                        if isinstance(group, dict) and isinstance(group.get("dependencies"), dict):
                            info.deps |= {canonical(k) for k in group["dependencies"]}
                rye = tool.get("rye") or {}
                if isinstance(rye, dict):
                    if isinstance(rye.get("scripts"), dict):
                        info.scripts.update(rye["scripts"])
                    info.deps |= _req_names(rye.get("dev-dependencies"))
                pdm = tool.get("pdm") or {}
                if isinstance(pdm, dict):
                    if isinstance(pdm.get("scripts"), dict):
                        info.scripts.update(k for k in pdm["scripts"] if not k.startswith("_"))
                    dev = pdm.get("dev-dependencies")
                    if isinstance(dev, dict):
                        for group in dev.values():
                            info.deps |= _req_names(group)
                hatch = tool.get("hatch") or {}
                envs = hatch.get("envs") if isinstance(hatch, dict) else None
                if isinstance(envs, dict):
                    for env in envs.values():
                        if isinstance(env, dict):
                            if isinstance(env.get("scripts"), dict):
                                info.hatch_scripts.update(env["scripts"])
                            info.deps |= _req_names(env.get("dependencies"))
                            info.deps |= _req_names(env.get("extra-dependencies"))
        for rel in repo.listed_files():
            base = rel.rsplit("/", 1)[-1]
            if base.endswith(".txt") and ("requirements" in base or "/requirements/" in "/" + rel):
                text = repo.read_text(rel) or ""
                info.deps |= _req_names(line for line in text.splitlines() if not line.strip().startswith(("-", "#")))
        return info
    return _cached(repo, "python-project", build)


DEP_COMMANDS: dict[str, tuple[str, ...]] = {
    "pytest": ("pytest", "py.test"), "django": ("django-admin",), "sphinx": ("sphinx-build", "sphinx-apidoc", "sphinx-quickstart"),
    "sphinx-autobuild": ("sphinx-autobuild",), "jupyter": ("jupyter", "jupyter-lab", "jupyter-notebook"),
    "jupyterlab": ("jupyter", "jupyter-lab"), "notebook": ("jupyter", "jupyter-notebook"), "ipython": ("ipython", "ipython3"),
    "mypy": ("mypy", "dmypy", "stubgen", "stubtest"), "black": ("black", "blackd"), "coverage": ("coverage",),
    "pytest-cov": ("pytest",), "flake8": ("flake8",), "pylint": ("pylint", "pyreverse", "symilar"),
    "huggingface-hub": ("huggingface-cli", "hf"), "uvicorn": ("uvicorn",), "gunicorn": ("gunicorn",),
    "fastapi": ("fastapi",), "fastapi-cli": ("fastapi",), "flask": ("flask",), "celery": ("celery",),
    "alembic": ("alembic",), "pre-commit": ("pre-commit",), "mkdocs": ("mkdocs",), "datamodel-code-generator": ("datamodel-codegen",),
    "grpcio-tools": ("python",), "maturin": ("maturin",), "numpy": ("f2py",), "scrapy": ("scrapy",), "streamlit": ("streamlit",),
    "ruff": ("ruff",), "pyright": ("pyright", "pyright-langserver"), "basedpyright": ("basedpyright",), "isort": ("isort",),
    "nox": ("nox",), "tox": ("tox",), "twine": ("twine",), "build": ("pyproject-build",), "invoke": ("invoke", "inv"),
    "poethepoet": ("poe",), "taskipy": ("task",), "typer": ("typer",), "mcp": ("mcp",), "fastmcp": ("fastmcp",),
    "playwright": ("playwright",), "locust": ("locust",), "bandit": ("bandit",), "codespell": ("codespell",),
    "ty": ("ty",), "pip-tools": ("pip-compile", "pip-sync"), "hypothesis": ("hypothesis",), "pdoc": ("pdoc",),
    "mkdocs-material": ("mkdocs",), "towncrier": ("towncrier",), "commitizen": ("cz",), "bump-my-version": ("bump-my-version",),
    "pyinstaller": ("pyinstaller",), "cython": ("cython", "cythonize"), "sqlfluff": ("sqlfluff",), "dbt-core": ("dbt",),
    "langgraph-cli": ("langgraph",), "modal": ("modal",), "ansible": ("ansible", "ansible-playbook"),
    "ansible-core": ("ansible", "ansible-playbook"), "interrogate": ("interrogate",), "vulture": ("vulture",),
    "deptry": ("deptry",), "pyupgrade": ("pyupgrade",), "autoflake": ("autoflake",), "docformatter": ("docformatter",),
    "setuptools": ("python",), "wheel": ("wheel",), "django-extensions": ("django-admin",), "daphne": ("daphne",),
    "hypercorn": ("hypercorn",), "granian": ("granian",), "prefect": ("prefect",), "dagster": ("dagster", "dagit"),
    "kedro": ("kedro",), "mlflow": ("mlflow",), "wandb": ("wandb",), "tensorboard": ("tensorboard",), "torch": ("torchrun",),
    "sqlmodel": ("python",), "textual-dev": ("textual",), "textual": ("textual",), "rich-cli": ("rich",), "marimo": ("marimo",),
    "nbconvert": ("jupyter-nbconvert", "jupyter"), "nbqa": ("nbqa",), "pytest-xdist": ("pytest",), "prek": ("prek",),
}
WELL_KNOWN = frozenset({
    "python", "python3", "python2", "pip", "pip3", "bash", "sh", "zsh", "env", "make", "just", "git", "node", "npm", "npx",
    "pnpm", "yarn", "bun", "deno", "cargo", "go", "docker", "echo", "true", "which", "uv", "uvx", "poetry", "pdm", "hatch",
    "pytest", "ruff", "mypy", "black", "isort", "flake8", "pylint", "pyright", "basedpyright", "ty", "pre-commit", "prek",
    "tox", "nox", "coverage", "sphinx-build", "mkdocs", "jupyter", "ipython", "twine", "maturin", "alembic", "uvicorn",
    "gunicorn", "celery", "django-admin", "flask", "fastapi", "streamlit", "pdoc", "codespell", "bandit", "pip-compile",
    "playwright", "pyinstaller", "cz", "poe", "invoke", "pyproject-build", "hf", "huggingface-cli", "mcp", "fastmcp",
    "ansible", "ansible-playbook", "dbt", "modal", "prefect", "dagster", "marimo", "textual", "dmypy", "stubgen",
    "manage.py", "python-m",
})


def python_command_known(repo, command: str) -> bool | None:
    """True when COMMAND comes from the project (script, dependency, well-known tool); None if unknowable."""
    project = python_project(repo)
    if not project.found:
        return None
    if command in project.scripts or command in WELL_KNOWN or command in project.hatch_scripts:
        return True
    name = canonical(command)
    if name in project.deps:
        return True
    for dep, commands in DEP_COMMANDS.items():
        if command in commands and canonical(dep) in project.deps:
            return True
    # a dependency's command is very often its name minus a suffix or prefix (pytest-x, x-cli, x-core ...)
    for dep in project.deps:
        if dep.startswith(name + "-") or dep.endswith("-" + name) or name.startswith(dep + "-"):
            return True
    return False


# -- tox / nox ----------------------------------------------------------------------------------

def _expand(value: str) -> list[str]:
    """Brace expansion as tox does it: `py{38,39}-django{3,4}`."""
    m = re.search(r"\{([^{}]*)\}", value)
    if not m:
        return [value]
    out = []
    for choice in m.group(1).split(","):
        out.extend(_expand(value[:m.start()] + choice.strip() + value[m.end():]))
    return out


def _split_envs(value: str) -> list[str]:
    parts = []
    depth = 0
    current = ""
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if (ch in ",\n" and depth == 0):
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    out = []
    for part in parts:
        part = part.split("#", 1)[0].strip()
        if part:
            out.extend(e.strip() for e in _expand(part) if e.strip())
    return out


@record
class ToxInfo:
    envs: set[str] = factory(set)
    factors: set[str] = factory(set)
    found: bool = False
    source: str = ""


def tox_config(repo, folder: str) -> ToxInfo:
    def build():
        info = ToxInfo()
        for here in reversed(N.ancestors(folder)):
            for name in ("tox.ini", "tox.toml", "setup.cfg", "pyproject.toml"):
                rel = N.join(here, name)
                if not repo.is_file(rel):
                    continue
                if name in ("tox.ini", "setup.cfg"):
                    _tox_ini(repo.read_text(rel) or "", info, "tox:tox" if name == "setup.cfg" else "tox")
                elif name == "tox.toml":
                    _tox_toml(_toml(repo, rel) or {}, info)
                else:
                    data = _toml(repo, rel) or {}
                    tox = (data.get("tool") or {}).get("tox") if isinstance(data.get("tool"), dict) else None
                    if isinstance(tox, dict):
                        if isinstance(tox.get("legacy_tox_ini"), str):
                            _tox_ini(tox["legacy_tox_ini"], info, "tox")
                        else:
                            _tox_toml(tox, info)
                if info.found:
                    info.source = rel
                    return info
        return info
    return _cached(repo, ("tox", folder), build)


def _tox_ini(text: str, info: ToxInfo, main: str) -> None:
    import configparser

    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return
    if not parser.has_section(main) and not any(s.startswith("testenv") for s in parser.sections()):
        return
    info.found = True
    if parser.has_section(main):
        for key in ("envlist", "env_list"):
            if parser.has_option(main, key):
                info.envs.update(_split_envs(parser.get(main, key)))
    for section in parser.sections():
        if section.startswith("testenv:"):
            info.envs.update(_split_envs(section[len("testenv:"):]))
        if section.startswith("testenv"):
            body = "\n".join(f"{k} = {v}" for k, v in parser.items(section))
            for m in re.finditer(r"^\s*!?([\w{},.-]+(?:-[\w{},.-]+)*)\s*:\s", body, re.MULTILINE):
                for env in _expand(m.group(1)):
                    info.factors.update(f.lstrip("!") for f in env.split("-"))
    for env in list(info.envs):
        info.factors.update(env.split("-"))


def _tox_toml(data: dict, info: ToxInfo) -> None:
    env_list = data.get("env_list") or data.get("envlist")
    envs = data.get("env")
    if env_list is None and not isinstance(envs, dict):
        return
    info.found = True
    if isinstance(env_list, list):
        for item in env_list:
            if isinstance(item, str):
                info.envs.add(item)
            elif isinstance(item, dict) and isinstance(item.get("product"), list):
                # tox.toml generative product: [{product = [["py312","py313"],["django42"]]}]
                combos = [[]]
                for axis in item["product"]:
                    values = axis if isinstance(axis, list) else []
                    combos = [c + [str(v)] for c in combos for v in values]
                info.envs.update("-".join(c) for c in combos if c)
    if isinstance(envs, dict):
        info.envs.update(envs)
    for env in list(info.envs):
        info.factors.update(env.split("-"))


_PY_FACTOR = lazy(r"^(?:py|pypy|cpython|python|jython|graalpy)(?:\d+(?:\.\d+)?t?)?$")


def tox_has(info: ToxInfo, env: str) -> bool:
    if env in info.envs or env.upper() == "ALL" or _PY_FACTOR.match(env):
        return True
    return all(f in info.factors or _PY_FACTOR.match(f) for f in env.split("-"))


@record
class NoxInfo:
    sessions: set[str] = factory(set)
    complete: bool = True
    found: bool = False


def nox_sessions(repo, rel: str) -> NoxInfo:
    def build():
        import ast

        info = NoxInfo()
        text = repo.read_text(rel)
        if text is None:
            return info
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return info
        info.found = True
        decorated = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for deco in node.decorator_list:
                    call = deco if isinstance(deco, ast.Call) else None
                    target = call.func if call else deco
                    if _is_session(target):
                        decorated.add(id(call) if call else id(deco))
                        name = node.name
                        if call:
                            for kw in call.keywords:
                                if kw.arg == "name":
                                    if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                                        name = kw.value.value
                                    else:
                                        info.complete = False
                        info.sessions.add(name)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_session(node.func) and id(node) not in decorated:
                if node.args:  # nox.session(func, name=...) called at module level: registered dynamically
                    info.complete = False
        return info
    return _cached(repo, ("nox", rel), build)


def _is_session(node) -> bool:
    import ast

    if isinstance(node, ast.Attribute):
        return node.attr == "session" and isinstance(node.value, ast.Name) and node.value.id == "nox"
    return isinstance(node, ast.Name) and node.id == "session"


def nox_has(info: NoxInfo, session: str) -> bool:
    base = session.split("(", 1)[0].strip()
    variants = {base, base.replace("-", "_"), base.replace("_", "-")}
    for name in info.sessions:
        for v in variants:
            if v == name or v.startswith(name + "-") or v.startswith(name + "("):
                return True
    return False


# -- Cargo ---------------------------------------------------------------------------------------

def cargo_packages(repo) -> set[str] | None:
    def build():
        tomls = repo.index.by_name("Cargo.toml")
        if not tomls:
            return None
        names: set[str] = set()
        for rel in tomls:
            data = _toml(repo, rel) or {}
            package = data.get("package")
            if isinstance(package, dict) and isinstance(package.get("name"), str):
                names.add(package["name"])
            for key in ("dependencies", "dev-dependencies", "build-dependencies"):
                if isinstance(data.get(key), dict):
                    names.update(data[key])
            workspace = data.get("workspace")
            if isinstance(workspace, dict) and isinstance(workspace.get("dependencies"), dict):
                names.update(workspace["dependencies"])
            for target in (data.get("target") or {}).values() if isinstance(data.get("target"), dict) else ():
                if isinstance(target, dict):
                    for key in ("dependencies", "dev-dependencies"):
                        if isinstance(target.get(key), dict):
                            names.update(target[key])
        for rel in repo.index.by_name("Cargo.lock"):
            names.update(re.findall(r'^name = "([^"]+)"', repo.read_text(rel) or "", re.MULTILINE))
        return names
    return _cached(repo, "cargo-packages", build)


def cargo_aliases(repo, folder: str) -> set[str]:
    out = set()
    for here in N.ancestors(folder):
        for name in (".cargo/config.toml", ".cargo/config"):
            data = _toml(repo, N.join(here, name))
            if data and isinstance(data.get("alias"), dict):
                out.update(data["alias"])
    return out
