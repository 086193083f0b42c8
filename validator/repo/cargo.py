"""Cargo: the packages of a workspace and its dependencies, and the `[alias]`es of `.cargo/config.toml`."""

from __future__ import annotations

import re

from validator.repo import paths as RP


def cargo_packages(repo) -> set[str] | None:
    def build():
        tomls = repo.index.by_name("Cargo.toml")
        if not tomls:
            return None
        names: set[str] = set()
        for rel in tomls:
            data = repo.toml(rel) or {}
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
    return repo.memo("cargo-packages", build)


def cargo_aliases(repo, folder: str) -> set[str]:
    out = set()
    for here in RP.ancestors(folder):
        for name in (".cargo/config.toml", ".cargo/config"):
            data = repo.toml(RP.join(here, name))
            if data and isinstance(data.get("alias"), dict):
                out.update(data["alias"])
    return out
