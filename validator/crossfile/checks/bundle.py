"""server.json against the MCPB bundle built beside it (XF006).

An MCPB manifest (`manifest_version`/`dxt_version` and a `server` object; web-app
manifests are not) is paired when it sits beside server.json, or when server.json
lists an `mcpb` package and the manifest is at the root. A server.json with `remotes`
and no packages (a hosted service) is never paired. Only versions are compared:
an MCPB `name` is a short slug, not the registry's reverse-DNS name.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.crossfile import rules as R
from validator.crossfile.checks.packages import comparable
from validator.crossfile.facts import Facts, ServerJson
from validator.emitters import emits
from validator.model import Problem
from validator.repo.files import Repo
from validator.repo.paths import directory, near


@emits(R.XF006)
def bundle_version(facts: Facts, ctx) -> Iterator[Problem]:
    """The version of each given server.json against its MCPB manifest's."""
    for server in facts.servers:
        yield from _bundle_version(server, facts.files)


def _bundle_version(server: ServerJson, files: Repo) -> Iterator[Problem]:
    if server.remotes and not server.packages:
        # A server.json with only `remotes` describes a hosted service, not anything installed from a bundle:
        # its version is the service's release, and a local bundle beside it may follow its own numbering.
        return
    mcpb = [package for package in server.packages if package.registry_type == "mcpb"]
    versioned = [package for package in mcpb if package.has_version]
    version, pointer = server.version_of(versioned[-1]) if versioned else (server.version, ("version",))
    for rel in near(server.relpath, "manifest.json"):
        manifest = files.structured(rel, "json")
        if manifest is None or not is_mcpb_manifest(manifest.value):
            continue
        if not (mcpb or directory(rel) == directory(server.relpath)):
            continue
        mine, theirs = comparable(version), comparable(manifest.value.get("version"))
        if mine and theirs and mine != theirs:
            label = "version" if pointer == ("version",) else f"packages[{pointer[1]}].version"
            yield Problem(R.XF006, f"{label} is '{version}' but the MCPB bundle {rel} is version "
                          f"'{manifest.value.get('version')}'", server.region(pointer), path=server.relpath)
        return


def is_mcpb_manifest(value) -> bool:
    """An MCPB (formerly DXT) manifest.json, read as plain JSON (not a web-app manifest)."""
    return isinstance(value, dict) and ("manifest_version" in value or "dxt_version" in value) and \
        isinstance(value.get("server"), dict)
