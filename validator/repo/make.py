"""Make, just, Task and deno: the targets, recipes and tasks their files define (read statically, with includes)."""

from __future__ import annotations

import posixpath
import re

from validator.engine.files import glob_match
from validator.records import field, lazy, record
from validator.repo import paths as RP

# -- Make ---------------------------------------------------------------------------------------

MAKEFILES = ("GNUmakefile", "makefile", "Makefile")


@record
class MakeInfo:
    path: str
    targets: set[str] = field(default_factory=set)
    patterns: list[re.Pattern] = field(default_factory=list)
    dynamic: bool = False
    """Some target names come from variables, eval, or includes that cannot be read."""
    words: set[str] = field(default_factory=set)
    """Every word in the files (to treat names that may be built dynamically as unknown)."""
    catch_all: bool = False


_MAKE_TARGET = lazy(r"^([^\s:=#][^:=#]*?)\s*(::?)(?![=:])(.*)$")


def makefile(repo, rel: str) -> MakeInfo:
    return repo.memo(("make", rel), lambda: _read_make(repo, rel, MakeInfo(rel), set()))


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
    folder = RP.directory(info.path)
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
    rel = posixpath.normpath(RP.join(folder, pattern))
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
    recipes: set[str] = field(default_factory=set)
    modules: set[str] = field(default_factory=set)
    fallback: bool = False
    complete: bool = True


_JUST_RECIPE = lazy(r"^@?([A-Za-z_][A-Za-z0-9_-]*)(?:\s+[^:]*?)?\s*:(?![=:])")
_JUST_QUOTED = lazy(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_JUST_KEYWORDS = {"set", "export", "alias", "import", "mod", "if", "else", "unexport"}


def justfile(repo, rel: str) -> JustInfo:
    return repo.memo(("just", rel), lambda: _read_just(repo, rel, JustInfo(rel), set()))


def _read_just(repo, rel: str, info: JustInfo, seen: set[str]) -> JustInfo:
    text = _first_visit(repo, rel, seen)
    if not isinstance(text, str):
        info.complete = info.complete and text is not None
        return info
    folder = RP.directory(rel)
    for line in text.splitlines():
        if not line or line[0] in " \t#[":
            continue
        m = re.match(r"^import(\?)?\s+['\"]([^'\"]+)['\"]", line)
        if m:
            target = posixpath.normpath(RP.join(folder, m.group(2)))
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
        # our YAML reader: safe constructors and a node budget, so an alias bomb is "unknown", not minutes
        from validator.parsing.document import ParseError
        from validator.parsing.yaml import parse_yaml

        try:
            data = parse_yaml(text).value
        except (ParseError, ValueError, RecursionError):  # an unreadable Taskfile is "unknown", not a crash
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
    return repo.memo(("task", rel), build)


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
    return repo.memo(("deno", rel), build)
