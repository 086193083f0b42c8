"""How a stdio server is started by a package runner: `docker run` flags that break stdio (CFG018),
packages fetched at their latest release on every start (CFG017)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import validator.standards.client_config.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.standards.base import CheckContext
from validator.standards.client_config.entries import Entry
from validator.standards.client_config.launch import Launch, analyze
from validator.standards.client_config.reader import servers


@emits(R.CFG017, R.CFG018)
def runners(doc, ctx) -> Iterator[Problem]:
    _, found = servers(doc)
    for entry in found.entries:
        launch = analyze(entry.command, entry.argv) if isinstance(entry.value, dict) and entry.kind == "stdio" else None
        if launch is not None:
            yield from _launch(entry, launch, ctx, doc.relpath)


def _launch(entry: Entry, launch: Launch, ctx: CheckContext, relpath: str) -> Iterator[Problem]:
    args = entry.args

    def arg_ptr(index: int) -> tuple:
        return args[index][1] if 0 <= index < len(args) else entry.command_ptr

    if launch.tool == "docker" and launch.docker and launch.spec_index is not None:
        info = launch.docker
        if info["detach"] is not None:
            yield Problem(R.CFG018, f"server '{entry.name}': docker run -d detaches the container, so the client has "
                          "no stdin/stdout to speak MCP over", arg_ptr(info["detach"]))
        if info["tty"] is not None:
            yield Problem(R.CFG018, f"server '{entry.name}': docker run -t allocates a terminal; under an MCP client "
                          "it fails ('the input device is not a TTY') or mangles output", arg_ptr(info["tty"]))
        if info["interactive"] is None and not info["attach"]:
            yield Problem(R.CFG018, f"server '{entry.name}': docker run without -i closes the server's stdin; add -i",
                          arg_ptr(info["run_index"]))
    if launch.spec_index is None or launch.pinned or launch.source != "registry" or launch.local_runner:
        return
    if not launch.package or launch.tool not in ("npx", "uvx", "pipx", "docker"):
        return
    if launch.tool == "npx" and launch.package in _repo_dependencies(ctx, relpath):
        return
    spec = args[launch.spec_index][0] if launch.spec_index < len(args) else launch.package
    pin = {"npx": f"{launch.package}@<version>", "uvx": f"{launch.package}==<version>",
           "pipx": f"{launch.package}==<version>", "docker": f"{launch.package}:<version> or @sha256:<digest>"}
    what = "the latest release" if launch.version in (None, "latest") else f"whatever '{launch.version}' points to"
    yield Problem(R.CFG017, f"'{spec}' runs {what} at every start; pin it ({pin[launch.tool]})",
                  arg_ptr(launch.spec_index))


def _repo_dependencies(ctx: CheckContext, relpath: str) -> frozenset:
    """Package names the repository's package.json files (root, and above the config) depend on,
    once per run and folder (kept by the run's reader: a process-wide table keyed by the root
    answered a later run in the same process with the package.json files of an earlier one)."""
    from validator.repo.files import Repo

    folder = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    return Repo.of(ctx.index).memo(("client-config", "dependencies", folder), lambda: _dependencies_above(ctx, folder))


def _dependencies_above(ctx: CheckContext, folder: str) -> frozenset:
    names: set[str] = set()
    parts = folder.split("/") if folder else []
    for depth in range(len(parts), -1, -1):
        prefix = "/".join(parts[:depth])
        text = ctx.index.read_text(f"{prefix}/package.json" if prefix else "package.json", limit=2_000_000)
        if not text:
            continue
        try:
            manifest = json.loads(text)
        except ValueError:
            continue
        if not isinstance(manifest, dict):
            continue
        for section in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            deps = manifest.get(section)
            if isinstance(deps, dict):
                names.update(str(name) for name in deps)
    return frozenset(names)
