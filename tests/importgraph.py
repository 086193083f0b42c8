"""The import graph of the `validator` package, read from the source with `ast`.

Every import counts, at module level or inside a function: a lazy import still ties
two modules together. `from package import name` counts as importing the submodule
NAME when there is one, else the package itself.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "validator"


@cache
def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _base(name: str, node: ast.ImportFrom, known: dict[str, Path]) -> str:
    """The absolute module an ImportFrom names (relative levels resolved against NAME)."""
    if not node.level:
        return node.module or ""
    package = name if known[name].name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


@cache
def reexports(package: str) -> dict[str, str]:
    """Names a package's `__init__` imports from its own submodules: name -> submodule."""
    known = modules()
    out = {}
    for node in ast.walk(ast.parse(known[package].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            source = _base(package, node, known)
            if source in known and source != package:
                for alias in node.names:
                    out[alias.asname or alias.name] = source
    return out


@cache
def graph() -> dict[str, frozenset[str]]:
    """Module -> the package modules it imports (a name a package re-exports counts as its submodule too)."""
    known = modules()
    edges: dict[str, frozenset[str]] = {}
    for name, path in known.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(filter(None, (_resolve(alias.name, known) for alias in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = _base(name, node, known)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in known:
                        targets.add(sub)
                        continue
                    resolved = _resolve(base, known)
                    if resolved:
                        targets.add(resolved)
                        if known[resolved].name == "__init__.py" and resolved == base:
                            origin = reexports(resolved).get(alias.name)
                            if origin:
                                targets.add(origin)
        targets.discard(name)
        edges[name] = frozenset(targets)
    return edges


def cycles(only: str = "validator") -> list[list[str]]:
    """Strongly connected components of more than one module among modules under ONLY."""
    edges = {m: {t for t in ts if t == only or t.startswith(only + ".")}
             for m, ts in graph().items() if m == only or m.startswith(only + ".")}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        # iterative Tarjan: (node, iterator over its successors)
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(edges[succ]))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found
