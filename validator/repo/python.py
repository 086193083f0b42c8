"""Python projects: scripts and dependencies (pyproject, Poetry, PDM, Hatch, requirements), tox environments and nox sessions."""

from __future__ import annotations

import re

from validator.records import field, lazy, record
from validator.repo import paths as RP
from validator.repo.manifests import pep503

_REQ_NAME = lazy(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _req_names(values) -> set[str]:
    out = set()
    for value in values or ():
        if isinstance(value, str):
            m = _REQ_NAME.match(value)
            if m:
                out.add(pep503(m.group(1)))
    return out


@record
class PythonProject:
    scripts: set[str] = field(default_factory=set)
    deps: set[str] = field(default_factory=set)
    hatch_scripts: set[str] = field(default_factory=set)
    found: bool = False


def python_project(repo) -> PythonProject:
    """Scripts and dependency names declared anywhere in the repository (all pyproject files, requirements)."""
    def build():
        info = PythonProject()
        for rel in sorted(repo.index.by_name("pyproject.toml")):
            data = repo.toml(rel)
            if not data:
                continue
            info.found = True
            project = data.get("project") or {}
            tool = data.get("tool") or {}
            if isinstance(project, dict):
                if isinstance(project.get("name"), str):
                    info.deps.add(pep503(project["name"]))
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
                        info.deps.add(pep503(poetry["name"]))
                    for key in ("dependencies", "dev-dependencies"):
                        if isinstance(poetry.get(key), dict):
                            info.deps |= {pep503(k) for k in poetry[key]}
                    for group in (poetry.get("group") or {}).values() if isinstance(poetry.get("group"), dict) else ():
                        if isinstance(group, dict) and isinstance(group.get("dependencies"), dict):
                            info.deps |= {pep503(k) for k in group["dependencies"]}
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
    return repo.memo("python-project", build)


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
    name = pep503(command)
    if name in project.deps:
        return True
    for dep, commands in DEP_COMMANDS.items():
        if command in commands and pep503(dep) in project.deps:
            return True
    # a dependency's command is very often its name minus a suffix or prefix (pytest-x, x-cli, x-core ...), or one
    # word of it (`dg` from dagster-dg-cli, audit 20: honey-duck)
    for dep in project.deps:
        if f"-{name}-" in f"-{dep}-" or name.startswith(dep + "-"):
            return True
    return False


# -- tox / nox ----------------------------------------------------------------------------------

MAX_ENVS = 4096
"""Environments one tox expression or product may generate: real matrices stay far below; a brace
bomb (`{a,b}{a,b}...`) or a product of long axes would otherwise take minutes and gigabytes."""


class TooManyEnvs(ValueError):
    """A tox environment list expands beyond MAX_ENVS: the file is treated as unknown."""


def _expand(value: str) -> list[str]:
    """Brace expansion as tox does it: `py{38,39}-django{3,4}` (at most MAX_ENVS results)."""
    total = 1
    for group in re.findall(r"\{([^{}]*)\}", value):
        total *= max(1, group.count(",") + 1)
        if total > MAX_ENVS:
            raise TooManyEnvs(value[:80])
    return _expand_one(value)


def _expand_one(value: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", value)
    if not m:
        return [value]
    out = []
    for choice in m.group(1).split(","):
        out.extend(_expand_one(value[:m.start()] + choice.strip() + value[m.end():]))
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
    envs: set[str] = field(default_factory=set)
    factors: set[str] = field(default_factory=set)
    found: bool = False
    source: str = ""


def tox_config(repo, folder: str) -> ToxInfo:
    def build():
        try:
            return _build()
        except TooManyEnvs:
            return ToxInfo()  # unknown: commands naming its environments are not judged

    def _build():
        info = ToxInfo()
        for here in reversed(RP.ancestors(folder)):
            for name in ("tox.ini", "tox.toml", "setup.cfg", "pyproject.toml"):
                rel = RP.join(here, name)
                if not repo.is_file(rel):
                    continue
                if name in ("tox.ini", "setup.cfg"):
                    _tox_ini(repo.read_text(rel) or "", info, "tox:tox" if name == "setup.cfg" else "tox")
                elif name == "tox.toml":
                    _tox_toml(repo.toml(rel) or {}, info)
                else:
                    data = repo.toml(rel) or {}
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
    return repo.memo(("tox", folder), build)


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
                combos: list[list[str]] = [[]]
                for axis in item["product"]:
                    values = axis if isinstance(axis, list) else []
                    if len(combos) * max(1, len(values)) > MAX_ENVS:
                        raise TooManyEnvs("product")
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
    sessions: set[str] = field(default_factory=set)
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
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # 500k chained terms overflow the parser
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
    return repo.memo(("nox", rel), build)


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
