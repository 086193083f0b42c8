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
counts as an import of the submodule its `__init__` re-exports it from (tests/importgraph.py).
No cycle, module size and docstrings are held package-wide by tests/test_layering.py.
"""

from __future__ import annotations

import pytest

from ..importgraph import graph, modules, reexports

PACKAGE = "validator.conformance"
LAYERS = ("transport", "protocol", "suite", "observe", "areas", "render")
TOP = len(LAYERS)
LEAVES = {f"{PACKAGE}.protocol.revisions"}


MODULES = {name: path for name, path in modules().items() if name == PACKAGE or name.startswith(PACKAGE + ".")}
GRAPH = {name: {t for t in targets if t in MODULES} for name, targets in graph().items() if name in MODULES}


def layer(name: str) -> int:
    rest = name[len(PACKAGE) + 1:].split(".")[0] if name != PACKAGE else ""
    return LAYERS.index(rest) if rest in LAYERS else TOP


def test_the_graph_sees_the_suite():
    # guards the parser itself: the known edges are found, including function-level,
    # relative and re-exported ones
    assert len(MODULES) > 50
    assert f"{PACKAGE}.transport.base" in GRAPH[f"{PACKAGE}.transport.stdio"]
    assert f"{PACKAGE}.suite.runner" in GRAPH[f"{PACKAGE}.api"]  # imported inside run()
    assert f"{PACKAGE}.protocol.revisions" in GRAPH[f"{PACKAGE}.transport.streamable_http"]  # the one allowed leaf
    assert f"{PACKAGE}.protocol.wire.issues" in GRAPH[f"{PACKAGE}.protocol.wire.validate"]  # relative
    assert f"{PACKAGE}.protocol.wire" in GRAPH[f"{PACKAGE}.protocol.wire_adapter"]  # a package, inside load()
    assert reexports(f"{PACKAGE}.protocol.wire")["WireIssue"] == f"{PACKAGE}.protocol.wire.issues"
    assert f"{PACKAGE}.observe.listing" in GRAPH[f"{PACKAGE}.areas.lifecycle"]  # imported inside a function


def test_revisions_is_a_leaf():
    for name in LEAVES:
        assert not GRAPH[name], f"{name} imports {sorted(GRAPH[name])}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_layer_imports_a_higher_one(name):
    upward = sorted(m for m in GRAPH[name] if layer(m) > layer(name) and m not in LEAVES)
    assert not upward, f"{name} (layer {layer(name)}) imports higher layers: {upward}"


def test_the_transport_factory_sits_above_its_channels():
    channels = [f"{PACKAGE}.transport.{c}" for c in ("stdio", "streamable_http", "legacy_sse")]
    factory = f"{PACKAGE}.transport.factory"
    assert set(channels) <= GRAPH[factory]
    for channel in channels:
        assert factory not in GRAPH[channel]
