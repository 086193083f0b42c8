"""Our own advice on server.json (duplicates, secrets, variables, old spellings): SRV040-SRV049."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.secrets import secret_name
from validator.standards.server_json import rules as R
from validator.standards.server_json.golike import (
    OFFICIAL_META_KEY,
    Keys,
    go_dict,
    go_list,
    go_str,
    template_variables,
)
from validator.standards.server_json.versions import SHAPES

# -- advice -----------------------------------------------------------------------------

_SNAKE_KEYS = ("registry_type", "registry_base_url", "file_sha256", "runtime_hint", "runtime_arguments",
               "package_arguments", "environment_variables", "is_required", "is_secret", "value_hint",
               "is_repeated", "website_url")


@emits(R.SRV040, R.SRV041, R.SRV042, R.SRV043, R.SRV044, R.SRV045, R.SRV046, R.SRV047, R.SRV048, R.SRV049)
def advice(doc, ctx) -> Iterator[Problem]:
    value, shape = doc.data.value, SHAPES[doc.meta["schema_version"]]
    k = Keys(shape)
    packages = go_list(value, "packages")
    seen: dict[tuple, int] = {}
    for i, package in enumerate(packages):
        if not isinstance(package, dict):
            continue
        key = (go_str(package, k.registry_type), go_str(package, "identifier"), go_str(go_dict(package, "transport"), "type"))
        if all(key) and key in seen:
            yield Problem(R.SRV040, f"duplicates packages[{seen[key]}] ({key[0]} {key[1]}, {key[2]})", ("packages", i))
        seen.setdefault(key, i)
        yield from _package_advice(("packages", i), package, k, go_str(value, "version"))
    urls: dict[str, int] = {}
    for i, remote in enumerate(go_list(value, "remotes")):
        url = go_str(remote, "url")
        if url and url in urls:
            yield Problem(R.SRV041, f"same URL as remotes[{urls[url]}]", ("remotes", i, "url"))
        urls.setdefault(url, i)
        variables = go_dict(remote, "variables")
        yield from _inputs(("remotes", i, "headers"), go_list(remote, "headers"), k, "header", variables)
        used = set(template_variables(url))
        for name in variables:
            if name not in used:
                yield Problem(R.SRV047, f"variable {name!r} is not used in the URL {url!r}", ("remotes", i, "variables", name), at_key=True)
    if shape.camel:
        yield from _snake_keys(value)
    if not shape.server_status and "status" in value:
        yield Problem(R.SRV046, "status is managed by the registry since schema 2025-09-29; remove it", ("status",), at_key=True)
    if not shape.meta_official and OFFICIAL_META_KEY in go_dict(value, "_meta"):
        yield Problem(R.SRV046, "official registry metadata appears only in API responses since schema 2025-09-29; remove it",
                      ("_meta", OFFICIAL_META_KEY), at_key=True)


def _package_advice(base: tuple, package: dict, k: Keys, server_version: str) -> Iterator[Problem]:
    if package.get(k.runtime_arguments) and not go_str(package, k.runtime_hint):
        yield Problem(R.SRV044, "runtimeArguments without runtimeHint: say which runtime (docker, npx, uvx, dnx) they are for",
                      base + (k.runtime_arguments,), at_key=True)
    yield from _inputs(base + (k.environment_variables,), go_list(package, k.environment_variables), k, "environment variable")
    transport = go_dict(package, "transport")
    yield from _inputs(base + ("transport", "headers"), go_list(transport, "headers"), k, "header")
    for field in (k.runtime_arguments, k.package_arguments):
        arguments = go_list(package, field)
        # A flag may legitimately appear several times with different values (docker -e A -e B);
        # only an identical repetition is a mistake.
        named: dict[tuple, int] = {}
        for i, argument in enumerate(arguments):
            if not isinstance(argument, dict):
                continue
            yield from _value_variables(base + (field, i), argument)
            name = go_str(argument, "name")
            if go_str(argument, "type") == "named" and name:
                key = (name, go_str(argument, "value"), go_str(argument, "default"))
                if key in named:
                    yield Problem(R.SRV042, f"argument {name!r} repeats {field}[{named[key]}] with the same value",
                                  base + (field, i, "name"))
                named.setdefault(key, i)
    version = go_str(package, "version")
    if version and server_version and version != server_version:
        yield Problem(R.SRV049, f"package version {version} differs from server version {server_version}", base + ("version",))


def _inputs(base: tuple, inputs: list, k: Keys, what: str, outer: dict | None = None) -> Iterator[Problem]:
    """SRV042, SRV043 and SRV048 over one list of inputs; OUTER is the remote's `variables`, where some files
    declare what a header's `{VAR}` means."""
    names: dict[str, int] = {}
    for i, item in enumerate(inputs):
        if not isinstance(item, dict):
            continue
        name = go_str(item, "name")
        key = name.lower() if what == "header" else name
        if name and key in names:
            yield Problem(R.SRV042, f"{what} {name!r} is already declared at index {names[key]}", base + (i, "name"))
        names.setdefault(key, i)
        fixed = go_str(item, "value")
        user_supplied = not fixed or "{" in fixed
        if name and secret_name(name) and item.get(k.is_secret) is not True and user_supplied and not _names_a_file(item, name) \
                and not _secret_variables(fixed, item, outer or {}, k):
            yield Problem(R.SRV043, f"{what} {name!r} looks like a secret; set isSecret: true", base + (i, "name"))
        yield from _value_variables(base + (i,), item)


def _secret_variables(value: str, item: dict, outer: dict, k: Keys) -> bool:
    """VALUE is built from `{variables}` that are each declared `isSecret: true` (in the input's own `variables`, or
    the remote's): the secret is marked where the user enters it (SRV048's own fix, `"Bearer {api_key}"` with
    `"variables": {"api_key": {"isSecret": true}}`)."""
    slots = template_variables(value) if value else []
    if not slots:
        return False
    own = go_dict(item, "variables")
    return all(isinstance(d := own.get(slot, outer.get(slot)), dict) and d.get(k.is_secret) is True for slot in slots)


_FILE_NAME = lazy(r"(?i)(?:^|_)(?:PATH|FILE|FILENAME|DIR|DIRECTORY)$")
_FILE_DESCRIPTION = lazy(r"(?i)\b(?:path|location)\s+(?:to|of)\b|\bfile\s*path\b|\bfilename\b")


def _names_a_file(item: dict, name: str) -> bool:
    """The input holds where a secret lies, not the secret (`GOOGLE_APPLICATION_CREDENTIALS`: "Path to the service
    account key file"; `format: filepath`; `*_KEY_FILE`): masking its value protects nothing."""
    return item.get("format") == "filepath" or bool(_FILE_NAME.search(name)) or bool(
        _FILE_DESCRIPTION.search(go_str(item, "description") or ""))


def _value_variables(pointer: tuple, item: dict) -> Iterator[Problem]:
    value = go_str(item, "value")
    variables = go_dict(item, "variables")
    used = set(template_variables(value))
    for name in sorted(used - set(variables)):
        yield Problem(R.SRV048, f"{{{name}}} in value {value!r} is not declared in variables; it stays literal", pointer + ("value",))
    for name in variables:
        if name not in used:
            yield Problem(R.SRV047, f"variable {name!r} is not used in value {value!r}", pointer + ("variables", name), at_key=True)


def _snake_keys(value: dict) -> Iterator[Problem]:
    """snake_case keys of the 2025-07-09 format in a camelCase document, wherever they appear."""
    stack: list[tuple[tuple, object]] = [((), value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                if key in _SNAKE_KEYS and pointer[:1] != ("_meta",):
                    camel = key.split("_")[0] + "".join(p.capitalize() for p in key.split("_")[1:])
                    yield Problem(R.SRV045, f"{key!r} is the 2025-07-09 spelling; since 2025-09-16 it is {camel!r}", pointer + (key,), at_key=True)
                if key != "_meta":
                    stack.append((pointer + (key,), child))
        elif isinstance(node, list):
            stack.extend((pointer + (i,), child) for i, child in enumerate(node))

