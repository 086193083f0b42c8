"""The conformance suite's layering, read from the source with `ast` (nothing is imported).

Layers, lowest first: transport < protocol < suite < observe < areas < render < top
(`validator.conformance` itself, `cli`, `api`, `traceability`). The rule: a module may
import modules of its own layer and of any lower layer, never of a higher one; so
`observe` may use `protocol` (sessions, replies) and `suite` (checks, the context), and
`areas` may use everything below it, but `suite` never reaches up to `observe` or `areas`
(the runner is handed its scenarios). One exception, stated here: `protocol.revisions`
is a leaf (it imports nothing from the suite) and every layer may import it, the
transports included (the Streamable HTTP channel sends the version header from a
revision on). Imports inside functions and under `if TYPE_CHECKING:` count like
module-level ones; relative imports are resolved, and a name imported from a package
counts as an import of the submodule its `__init__` re-exports it from. Also: no import
cycle among the modules, no module over 600 lines, and every module opens with a docstring.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "validator.conformance"
BASE = ROOT / "validator" / "conformance"
LAYERS = ("transport", "protocol", "suite", "observe", "areas", "render")
TOP = len(LAYERS)
LEAVES = {f"{PACKAGE}.protocol.revisions"}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(BASE.rglob("*.py")):
        parts = list(path.relative_to(BASE.parent.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _base(name: str, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (relative levels resolved against NAME)."""
    if not node.level:
        return node.module or ""
    package = name if _is_package(name) else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _reexports(package: str) -> dict[str, str]:
    """Names a package's `__init__` imports from its own submodules: name -> submodule."""
    out = {}
    for node in ast.walk(ast.parse(MODULES[package].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            source = _base(package, node)
            if source in MODULES and source != package:
                for alias in node.names:
                    out[alias.asname or alias.name] = source
    return out


def _imports(name: str) -> set[str]:
    """Every conformance module NAME imports, wherever in the file the import is."""
    found: set[str] = set()
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _base(name, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in MODULES:
                    found.add(sub)
                    continue
                found.add(base)
                if _is_package(base):
                    origin = _reexports(base).get(alias.name)
                    if origin:
                        found.add(origin)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name) for name in MODULES}


def layer(name: str) -> int:
    rest = name[len(PACKAGE) + 1:].split(".")[0] if name != PACKAGE else ""
    return LAYERS.index(rest) if rest in LAYERS else TOP


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_the_suite():
    # guards the parser itself: the known edges are found, including function-level,
    # relative and re-exported ones
    assert len(MODULES) > 50
    assert f"{PACKAGE}.transport.base" in GRAPH[f"{PACKAGE}.transport.stdio"]
    assert f"{PACKAGE}.suite.runner" in GRAPH[f"{PACKAGE}.api"]  # imported inside run()
    assert f"{PACKAGE}.protocol.revisions" in GRAPH[f"{PACKAGE}.transport.streamable_http"]  # the one allowed leaf
    assert f"{PACKAGE}.protocol.wire.issues" in GRAPH[f"{PACKAGE}.protocol.wire.validate"]  # relative
    assert f"{PACKAGE}.protocol.wire" in GRAPH[f"{PACKAGE}.protocol.wire_adapter"]  # a package, inside load()
    assert _reexports(f"{PACKAGE}.protocol.wire")["WireIssue"] == f"{PACKAGE}.protocol.wire.issues"
    assert f"{PACKAGE}.observe.listing" in GRAPH[f"{PACKAGE}.areas.lifecycle"]  # imported inside a function


def test_no_import_cycle():
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_revisions_is_a_leaf():
    for name in LEAVES:
        assert not GRAPH[name], f"{name} imports {sorted(GRAPH[name])}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_layer_imports_a_higher_one(name):
    upward = sorted(m for m in GRAPH[name] if layer(m) > layer(name) and m not in LEAVES)
    assert not upward, f"{name} (layer {layer(name)}) imports higher layers: {upward}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_small_modules_that_say_what_they_own(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_LINES, f"{MODULES[name]} has {text.count(chr(10))} lines"
    assert ast.get_docstring(ast.parse(text)), f"{MODULES[name]} has no docstring"


def test_the_transport_factory_sits_above_its_channels():
    channels = [f"{PACKAGE}.transport.{c}" for c in ("stdio", "streamable_http", "legacy_sse")]
    factory = f"{PACKAGE}.transport.factory"
    assert set(channels) <= GRAPH[factory]
    for channel in channels:
        assert factory not in GRAPH[channel]
