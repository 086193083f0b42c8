"""Schema validation of a manifest against our export of its version, as problems.

Each error becomes one problem at the offending value (at the key for an unknown key,
at the parent object for a missing one), with the rule that says what kind of problem
it is: a key of another manifest version (MCPB005), a client key in `compatibility`
that MANIFEST.md allows (MCPB006), a `uv` server without `mcp_config` (MCPB007), any
other unknown key (MCPB004), or a type, required, enum or format failure (MCPB003).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache

from validator.engine.schemacheck import Validator, best_match, describe_type, describe_value
from validator.model import Problem
from validator.parsing.document import dotted
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.urls import can_parse, is_email
from validator.standards.mcpb.versions import LEGACY, PLATFORMS, ROOT_KEYS_SINCE, SERVER_TYPES_SINCE, since_text

FORMATS = {"uri": can_parse, "email": is_email}
_PLATFORM_HINTS = {"macos": "darwin", "mac": "darwin", "osx": "darwin", "macosx": "darwin", "apple": "darwin",
                   "windows": "win32", "win": "win32", "win64": "win32", "windows_nt": "win32", "ubuntu": "linux"}


_BUILD_PLACEHOLDER = re.compile(r"__[A-Z][A-Z0-9_]*__|\$\{[A-Za-z_][\w.]*\}|\{\{\s*[\w.]+\s*\}\}|@[A-Z][A-Z0-9_]*@|%[A-Z][A-Z0-9_]*%")
"""A whole value that is a build template's slot (`__PLATFORM__`, `${VERSION}`, `{{ os }}`, `@ARCH@`); release
workflows substitute it (sed, envsubst, a templating step) before the bundle is packed."""


@cache
def validator(name: str) -> Validator:
    from validator.engine.schemas import load_schema

    return Validator(load_schema(f"mcpb-manifest/{name}.schema.json"), formats=FORMATS)


def schema_problems(value: dict, name: str, declared_by: str) -> Iterator[Problem]:
    """Problems of VALUE under schema NAME; DECLARED_BY is the key that chose it (for messages)."""
    seen = set()
    errors = sorted(validator(name).iter_errors(value), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    for error in errors:
        if error.validator in ("enum", "const", "pattern", "format") and isinstance(error.instance, str) \
                and _BUILD_PLACEHOLDER.fullmatch(error.instance.strip()):
            continue  # `"platforms": ["__PLATFORM__"]`: a release script fills it in before `mcpb pack`
        for problem in _explain(error, value, name, declared_by):
            key = (problem.where, problem.message)
            if key not in seen:
                seen.add(key)
                yield problem


def _explain(error, root: dict, name: str, declared_by: str) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = dotted(path)
    kind = error.validator
    label = f"{declared_by} {name}" if name != LEGACY else "the legacy DXT 0.2.6 schema"
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        return [_unknown_key(path, key, error.instance[key], known, root, name, label)
                for key in error.instance if key not in known]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        server = root.get("server") if isinstance(root, dict) else None
        if path == ("server",) and missing == "mcp_config" and isinstance(server, dict) and server.get("type") == "uv":
            return [Problem(R.MCPB007, "server.type 'uv' without mcp_config: MANIFEST.md says it is optional, "
                                       f"but the {name} schema requires it and mcpb validate rejects the manifest", path)]
        owner = where if path else "the manifest"
        return [Problem(R.MCPB003, f"{owner} is missing required property '{missing}'", path)]
    if kind in ("enum", "const"):
        return [_enum(path, error, name, label)]
    if kind == "type":
        return [Problem(R.MCPB003, f"{where} must be {describe_type(error.validator_value)}, not {describe_value(error.instance)}", path)]
    if kind == "format":
        what = {"uri": "an absolute URL (with a scheme such as https://)", "email": "a valid e-mail address"}
        return [Problem(R.MCPB003, f"{where} {error.instance!r} is not {what.get(error.validator_value, error.validator_value)}", path)]
    if kind == "pattern":
        return [Problem(R.MCPB003, _pattern_message(path, where, error.instance), path)]
    if kind == "minLength":
        return [Problem(R.MCPB003, f"{where} must not be empty", path)]
    if kind in ("anyOf", "oneOf") and path and path[-1] == "default":
        return [Problem(R.MCPB003, f"{where} must be a string, number, boolean or array of strings, "
                                   f"not {describe_value(error.instance)}", path)]
    if kind in ("anyOf", "oneOf"):
        best = best_match(error.context)
        if best is not None:
            return _explain(best, root, name, declared_by)
    return [Problem(R.MCPB003, f"{where}: {error.message}", path)]


def _unknown_key(path: tuple, key: str, child, known: dict, root: dict, name: str, label: str) -> Problem:
    pointer = path + (key,)
    where = dotted(pointer)
    if path == () and key in ROOT_KEYS_SINCE and name != LEGACY:
        return Problem(R.MCPB005, f"{key} is not valid for {label} ({since_text(ROOT_KEYS_SINCE[key])})", pointer, True)
    if path == () and key == "manifest_version" and name == LEGACY:
        return Problem(R.MCPB004, "manifest_version is not a field of the legacy DXT 0.2.6 schema", pointer, True)
    if path == ("compatibility",) and key not in ("python", "node") and isinstance(child, str):
        return Problem(R.MCPB006, f"{where} is a client version constraint MANIFEST.md allows, but the {name} schema "
                                  "closes compatibility to claude_desktop, platforms and runtimes, so mcpb validate rejects it",
                       pointer, True)
    if path == ("compatibility",) and key in ("python", "node"):
        return Problem(R.MCPB004, f"{where} is not allowed here; runtime versions go under compatibility.runtimes.{key}", pointer, True)
    hint = _did_you_mean(key, known)
    return Problem(R.MCPB004, f"{where} is not allowed here (unknown property"
                                       + (f"; did you mean {hint!r}?)" if hint else ")"), pointer, True)


def _did_you_mean(key: str, known: dict) -> str | None:
    normal = key.replace("_", "").replace("-", "").lower()
    for candidate in known:
        if candidate.replace("_", "").lower() == normal:
            return candidate
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    return close[0] if close else None


def _enum(path: tuple, error, name: str, label: str) -> Problem:
    where = dotted(path)
    value = error.instance
    if path == ("server", "type") and isinstance(value, str) and value in SERVER_TYPES_SINCE and name != LEGACY:
        return Problem(R.MCPB005, f"server.type {value!r} is not valid for {label} "
                                  f"({since_text(SERVER_TYPES_SINCE[value])})", path)
    if path in (("manifest_version",), ("dxt_version",)):
        other = "dxt_version" if path[0] == "manifest_version" else "manifest_version"
        return Problem(R.MCPB003, f"{path[0]} {value!r} contradicts {other} {name!r}; declare one version "
                                  "(manifest_version) only", path)
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    shown = ", ".join(repr(v) for v in allowed)
    message = f"{where} is {value!r}; expected {'one of ' if len(allowed) > 1 else ''}{shown}"
    if len(path) >= 2 and path[-2] == "platforms" and isinstance(value, str):
        hint = _PLATFORM_HINTS.get(value.lower()) or (value.lower() if value.lower() in PLATFORMS else None)
        if hint:
            message += f" (use {hint!r}: the names are Node's process.platform values)"
    return Problem(R.MCPB003, message, path)


def _pattern_message(path: tuple, where: str, value) -> str:
    if path[-1:] == ("size",):
        return f"{where} {value!r} must be WIDTHxHEIGHT in pixels, e.g. '512x512'"
    if path[-1:] == ("resources",):
        return f"{where} {value!r} must contain the ${{locale}} placeholder"
    if path[-1:] == ("default_locale",):
        return f"{where} {value!r} is not a BCP 47 locale such as 'en-US'"
    if path[-1:] == ("email",):
        return f"{where} {value!r} is not a valid e-mail address"
    return f"{where} {value!r} does not match the required pattern"


