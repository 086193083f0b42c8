"""Version strings: compatibility ranges (MCPB050) and the bundle's own version (MCPB051)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import get_dict, get_str
from validator.standards.mcpb.semver import is_pep440_specifier, is_range, is_version

_PLACEHOLDER_VERSION = lazy(r"[<{]|\$\{|__[A-Za-z_]+__|@[A-Za-z_]+@|%[A-Za-z_]+%")


@emits(R.MCPB050)
def compatibility(doc, ctx) -> Iterator[Problem]:
    yield from _compatibility(get_dict(doc.data.value, "compatibility"))


@emits(R.MCPB051)
def bundle_version(doc, ctx) -> Iterator[Problem]:
    yield from _version(doc.data.value)


def _compatibility(compatibility: dict) -> Iterator[Problem]:
    for key, constraint in compatibility.items():
        if key in ("platforms", "runtimes") or not isinstance(constraint, str):
            continue
        if not is_range(constraint):
            yield Problem(R.MCPB050, f"compatibility.{key} {constraint!r} is not a semver range (e.g. '>=1.0.0')",
                          ("compatibility", key))
    for runtime, constraint in get_dict(compatibility, "runtimes").items():
        if not isinstance(constraint, str) or runtime not in ("node", "python"):
            continue
        valid = is_range(constraint) or (runtime == "python" and is_pep440_specifier(constraint))
        if not valid:
            accepted = "a semver range or PEP 440 specifier (e.g. '>=3.10')" if runtime == "python" else "a semver range (e.g. '>=18.0.0')"
            yield Problem(R.MCPB050, f"compatibility.runtimes.{runtime} {constraint!r} is not {accepted}",
                          ("compatibility", "runtimes", runtime))


def _version(value: dict) -> Iterator[Problem]:
    version = get_str(value, "version")
    if version is None or _PLACEHOLDER_VERSION.search(version):
        return
    if not is_version(version):
        yield Problem(R.MCPB051, f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. '1.0.0')", ("version",))
