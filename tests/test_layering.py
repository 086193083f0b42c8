"""The house rules of the package's structure, read from the source.

- No import circle among the package's modules, imports inside functions included.
- Layers read top-down: a module imports only modules of its own layer or lower
  (the table below), so the lint orchestrator sits above the standards it drives.
- A standard never imports another standard, and a standard's internals never import
  its own face (the package `__init__`), which stays a light, lazy entry point.
- No module is longer than 600 lines, and each opens with a docstring saying what it owns.
"""

from __future__ import annotations

import ast

import pytest

from .importgraph import PACKAGE_DIR, cycles, graph, modules

LAYERS: tuple[tuple[str, ...], ...] = (
    # 0: vocabulary and pure helpers
    ("validator.version", "validator.exitcodes", "validator.records", "validator.model", "validator.parsing", "validator.secrets",
     "validator.emitters", "validator.ruledata", "validator.generated", "validator.outputs"),
    # 1: what every standard may use: files, integrity, schemas, configuration, suppression tables,
    #    and the repository knowledge (manifests, scripts, targets) shared by agents_md and crossfile
    ("validator.engine", "validator.repo", "validator.modelkit"),
    # 2: the standards
    ("validator.standards",),
    # 3: consistency between standards
    ("validator.crossfile",),
    # 4: the registry of standards and rules
    ("validator.registry",),
    # 5: the lint run, and the conformance suite (which may read the standards, never the lint run)
    ("validator.lint", "validator.conformance"),
    # 6: faces: reporters, generators, subcommands, the CLI, the pytest plugin, the package root
    ("validator.reporters", "validator.ruledocs", "validator.schemas_export", "validator.precommit",
     "validator.commands", "validator.cli", "validator.pytest_plugin", "validator.__main__", "validator"),
)
MAX_LINES = 600


def layer_of(module: str) -> int:
    best, depth = None, -1
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > depth:
                best, depth = level, len(prefix)
    assert best is not None, f"{module} is in no layer of tests/test_layering.py"
    return best


def _standard(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 3 and parts[:2] == ["validator", "standards"] and parts[2] != "base":
        return parts[2]
    return None


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_layers_read_top_down() -> None:
    upward = []
    for module, targets in graph().items():
        mine = layer_of(module)
        upward += [f"{module} (layer {mine}) imports {t} (layer {layer_of(t)})" for t in sorted(targets) if layer_of(t) > mine]
    assert not upward, "\n".join(upward)


def test_conformance_and_lint_run_are_apart() -> None:
    crossing = [f"{m} -> {t}" for m, ts in graph().items() for t in ts
                if (m.startswith("validator.conformance") and t.startswith("validator.lint"))
                or (m.startswith("validator.lint") and t.startswith("validator.conformance"))]
    assert not crossing, crossing


def test_standards_know_nothing_of_each_other_nor_of_their_own_face() -> None:
    wrong = []
    for module, targets in graph().items():
        mine = _standard(module)
        if mine is None:
            continue
        face = f"validator.standards.{mine}"
        for target in targets:
            theirs = _standard(target)
            if theirs is not None and theirs != mine:
                wrong.append(f"{module} imports another standard: {target}")
            if target == face and module != face:
                wrong.append(f"{module} imports its own face {face}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(modules()))
def test_small_modules_that_say_what_they_own(module: str) -> None:
    path = modules()[module]
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE_DIR.parent)} has {lines} lines (at most {MAX_LINES})"
    assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(PACKAGE_DIR.parent)} does not say what it owns"
