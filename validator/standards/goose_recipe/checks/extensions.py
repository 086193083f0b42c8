"""Extensions: types goose no longer accepts (GOOSE011), unpinned packages of stdio runners (GOOSE012)."""

from __future__ import annotations

from collections.abc import Iterator
from posixpath import basename

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.goose_recipe.reader import rebased, recipe_at
from validator.standards.goose_recipe.values import items, scalar


@emits(R.GOOSE011, R.GOOSE012)
def extensions(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_extensions(recipe), base)


_RUNNERS = {"npx": "npm", "bunx": "npm", "pnpx": "npm", "uvx": "pypi"}
_NPM_FLAGS_WITH_VALUE = ("-p", "--package", "--registry", "--cache", "--userconfig", "-c", "--call")
_UVX_FLAGS_WITH_VALUE = ("--from", "--with", "--python", "-p", "--index", "--index-url", "--extra-index-url",
                         "--with-requirements", "--constraints", "-c", "--directory", "--cache-dir")


def _extensions(recipe: dict) -> Iterator[Problem]:
    for i, extension in items(recipe, "extensions"):
        base = ("extensions", i)
        if extension.get("type") == "sse":
            yield Problem(R.GOOSE011, "type 'sse' is not accepted by recent goose releases; use streamable_http",
                          base + ("type",))
        if extension.get("type") == "stdio":
            yield from _pinning(extension, base)


def _pinning(extension: dict, base: tuple) -> Iterator[Problem]:
    cmd = scalar(extension.get("cmd"))
    args = extension.get("args")
    if cmd is None or not isinstance(args, list):
        return
    ecosystem = _RUNNERS.get(basename(cmd.strip()))
    if ecosystem is None:
        return
    spec, index = _package_argument(args, ecosystem)
    if spec is None or not _registry_spec(spec):
        return
    if not _pinned(spec, ecosystem):
        yield Problem(R.GOOSE012, f"{basename(cmd)} runs {spec!r} without a pinned version; pin it "
                      + ("(package@1.2.3)" if ecosystem == "npm" else "(package==1.2.3)"),
                      base + ("args", index))


def _package_argument(args: list, ecosystem: str) -> tuple[str | None, int]:
    """The package spec the runner installs, and its index in ARGS."""
    with_value = _NPM_FLAGS_WITH_VALUE if ecosystem == "npm" else _UVX_FLAGS_WITH_VALUE
    package_flags = ("-p", "--package") if ecosystem == "npm" else ("--from",)
    i = 0
    while i < len(args):
        arg = scalar(args[i])
        if arg is None:
            return None, i
        if arg in package_flags and i + 1 < len(args):
            return scalar(args[i + 1]), i + 1
        for flag in package_flags:
            if arg.startswith(flag + "="):
                return arg[len(flag) + 1:], i
        if arg in with_value:
            i += 2
            continue
        if arg.startswith("-"):
            i += 1
            continue
        return arg, i
    return None, len(args)


def _registry_spec(spec: str) -> bool:
    """SPEC names a registry package (not a path, URL, git source or template)."""
    if any(mark in spec for mark in ("{{", "$", "\\", "://")) or spec.startswith((".", "/", "~", "git+", "file:")):
        return False
    return "/" not in spec or (spec.startswith("@") and spec.count("/") == 1)


_EXACT = lazy(r"^v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.+-]+)?$")


def _pinned(spec: str, ecosystem: str) -> bool:
    if ecosystem == "npm":
        name_and_version = spec[1:] if spec.startswith("@") else spec
        if "@" not in name_and_version:
            return False
        version = name_and_version.rsplit("@", 1)[1]
        return bool(_EXACT.match(version))
    if "==" in spec:
        return bool(_EXACT.match(spec.split("==", 1)[1].split(";")[0].strip()))
    if "@" in spec:
        return bool(_EXACT.match(spec.rsplit("@", 1)[1]))
    return False
