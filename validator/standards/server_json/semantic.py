"""The MCP registry's rules beyond the JSON Schema, plus publish-time checks and advice.

`registry_rules` mirrors `ValidateServerJSON` of modelcontextprotocol/registry v1.7.0
(internal/validators/validators.go and utils.go at 7722031739ad), quirks included. The
registry decodes into typed Go structs before these rules run, so a field of the wrong
JSON type is read as empty here too (the schema check reports the type itself).

`publish_time` covers what only `mcp-publisher publish` meets (registry types, base URLs,
per-type package fields, MCPB and OCI hosting, `_meta` size, namespace ownership);
`advice` is our own. Both are warnings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from validator.model import Rule
from validator.secrets import secret_name
from validator.standards.server_json import goparse
from validator.standards.server_json import rules as R
from validator.standards.server_json.versions import Shape


@dataclass(frozen=True, slots=True)
class Problem:
    rule: Rule
    pointer: tuple
    message: str
    at_key: bool = False


# -- field access with Go's decoding semantics ------------------------------------------

def _s(obj, key: str) -> str:
    """A string field as Go decodes it: absent or mistyped reads as ''."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, str) else ""


def _list(obj, key: str) -> list:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, list) else []


def _dict(obj, key: str) -> dict:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


class _Keys:
    """Field names in the spelling of the declared schema version (2025-07-09 is snake_case)."""

    def __init__(self, shape: Shape) -> None:
        self.camel = shape.camel

    def __getattr__(self, snake: str) -> str:
        if not self.camel:
            return snake
        head, *rest = snake.split("_")
        return head + "".join(part.capitalize() for part in rest)


# -- names and versions (validators.go) -----------------------------------------------

_NAMESPACE = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9]")
_NAME_PART = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]")
_V = r"v?\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?"
# Go's \s is [\t\n\f\r ]; Python's is wider, so spell it out.
_WS = r"[\t\n\f\r ]"
_COMPARATOR = re.compile(rf"^{_WS}*(?:\^|~|>=|<=|>|<|=){_WS}*{_V}{_WS}*$")
_HYPHEN = re.compile(rf"^{_WS}*{_V}{_WS}-{_WS}*{_V}{_WS}*$")
_OR = re.compile(rf"^{_WS}*(?:{_V}{_WS}*)(?:\|\|{_WS}*{_V}{_WS}*)+$")
_DOTTED = re.compile(rf"^{_WS}*(?:v?\d+|x|X|\*)(?:\.(?:\d+|x|X|\*)){{1,2}}(?:-[0-9A-Za-z.-]+)?{_WS}*$")


def name_problem(name: str) -> str | None:
    """Why the registry rejects NAME (`parseServerName`), or None."""
    if name == "":
        return "server name is required"
    if "/" not in name:
        return "server name must be '<reverse-dns-namespace>/<name>', e.g. 'io.github.acme/weather'"
    if name.count("/") > 1:
        return "server name cannot contain more than one '/'"
    namespace, server = name.split("/", 1)
    if not namespace or not server:
        return "server name needs a non-empty namespace and name around the '/'"
    if not _NAMESPACE.fullmatch(namespace):
        return (f"namespace {namespace!r} must start and end with a letter or digit and contain only "
                "letters, digits, dots and hyphens")
    if not _NAME_PART.fullmatch(server):
        return (f"name {server!r} must start and end with a letter or digit and contain only "
                "letters, digits, dots, underscores and hyphens")
    return None


def looks_like_range(version: str) -> bool:
    """`looksLikeVersionRange`, including its substring quirk for x/X/* in dotted versions."""
    trimmed = version.strip()
    if not trimmed:
        return False
    if _COMPARATOR.match(trimmed) or _HYPHEN.match(trimmed) or _OR.match(trimmed):
        return True
    if _DOTTED.match(trimmed):
        return "x" in trimmed or "X" in trimmed or "*" in trimmed
    return False


def _version(pointer: tuple, version: str) -> Iterator[Problem]:
    if version == "latest":
        yield Problem(R.SRV011, pointer, "version 'latest' is reserved; give the exact version, e.g. '1.0.0'")
    elif looks_like_range(version):
        yield Problem(R.SRV012, pointer, f"version {version!r} looks like a range; give one exact version")


# -- URLs (utils.go) --------------------------------------------------------------------

_GITHUB = re.compile(r"^https?://(www\.)?github\.com/[\w.-]+/[\w.-]+/?$", re.ASCII)
_GITLAB = re.compile(r"^https?://(www\.)?gitlab\.com/[\w.-]+/[\w.-]+/?$", re.ASCII)
_TEMPLATE = re.compile(r"\{([^}]+)\}")
_PORT_TEMPLATE = re.compile(r":(\{[^}]+\})(/|$)")
_SUBFOLDER_CHARS = re.compile(r"^[a-zA-Z0-9\-_./]+$")
_KNOWN_PLACEHOLDERS = {"{host}": "example.com", "{port}": "8080", "{path}": "api", "{protocol}": "http", "{scheme}": "http"}


def template_variables(url: str) -> list[str]:
    return _TEMPLATE.findall(url)


def _replace_templates(url: str) -> str:
    for placeholder, replacement in _KNOWN_PLACEHOLDERS.items():
        url = url.replace(placeholder, replacement)
    url = _PORT_TEMPLATE.sub(r":8080\2", url)
    return _TEMPLATE.sub("placeholder", url)


def _parsed(url: str) -> goparse.GoURL | None:
    try:
        return goparse.parse(_replace_templates(url))
    except goparse.URLError:
        return None


def is_valid_url(url: str) -> bool:
    parsed = _parsed(url)
    return parsed is not None and parsed.scheme in ("http", "https") and parsed.host != ""


def is_valid_remote_url(url: str) -> bool:
    if not is_valid_url(url):
        return False
    parsed = _parsed(url)
    host = parsed.hostname
    if host in ("localhost", "127.0.0.1") or host.endswith(".localhost"):
        return False
    return parsed.scheme == "https"


def is_valid_templated_url(url: str, available: set[str]) -> bool:
    if not is_valid_url(url):
        return False
    return all(var in available for var in template_variables(url))


def is_valid_subfolder(path: str) -> bool:
    if path == "":
        return True
    if path.startswith("/") or path.endswith("/") or not _SUBFOLDER_CHARS.match(path):
        return False
    return all(segment not in ("", ".", "..") for segment in path.split("/"))


def _absolute_https(pointer: tuple, url: str, what: str, rule: Rule) -> Iterator[Problem]:
    try:
        parsed = goparse.parse(url)
    except goparse.URLError as err:
        yield Problem(rule, pointer, f"{what} {url!r} is not a valid URL: {err}")
        return
    if not parsed.is_abs:
        yield Problem(rule, pointer, f"{what} {url!r} must be an absolute URL (include the scheme)")
    if parsed.scheme != "https":
        yield Problem(rule, pointer, f"{what} {url!r} must use https" + (f", not {parsed.scheme}" if parsed.scheme else ""))


# -- ValidateServerJSON ------------------------------------------------------------------

def registry_rules(value: dict, shape: Shape) -> Iterator[Problem]:
    k = _Keys(shape)
    problem = name_problem(_s(value, "name"))
    if problem:
        yield Problem(R.SRV010, ("name",), problem)
    yield from _version(("version",), _s(value, "version"))

    repository = _dict(value, "repository")
    url, source = _s(repository, "url"), _s(repository, "source")
    if url or source:
        pattern = {"github": _GITHUB, "gitlab": _GITLAB}.get(source)
        if pattern is None or not pattern.match(url):
            why = (f"source {source!r} is not supported (use github or gitlab)" if pattern is None
                   else f"{url!r} is not a {source} repository URL like https://{source}.com/<owner>/<repo>")
            yield Problem(R.SRV013, ("repository", "url"), f"invalid repository URL: {why}")
        subfolder = _s(repository, "subfolder")
        if subfolder and not is_valid_subfolder(subfolder):
            yield Problem(R.SRV014, ("repository", "subfolder"),
                          f"subfolder {subfolder!r} must be a clean relative path (no leading/trailing '/', '.' or '..')")

    website = _s(value, k.website_url)
    if website:
        yield from _absolute_https((k.website_url,), website, "websiteUrl", R.SRV015)
    title = _s(value, "title")
    if title and title.strip() == "":
        yield Problem(R.SRV016, ("title",), "title is only whitespace")
    for i, icon in enumerate(_list(value, "icons")):
        yield from _absolute_https(("icons", i, "src"), _s(icon, "src"), "icon src", R.SRV017)

    for i, package in enumerate(_list(value, "packages")):
        yield from _package(("packages", i), package, k)
    for i, remote in enumerate(_list(value, "remotes")):
        yield from _remote(("remotes", i), remote)


def _package(base: tuple, package, k: _Keys) -> Iterator[Problem]:
    if not isinstance(package, dict):
        return
    identifier = _s(package, "identifier")
    if " " in identifier:
        yield Problem(R.SRV018, base + ("identifier",), f"package identifier {identifier!r} contains a space")
    yield from _version(base + ("version",), _s(package, "version"))
    for field in (k.runtime_arguments, k.package_arguments):
        for i, argument in enumerate(_list(package, field)):
            yield from _argument(base + (field, i), argument, k)
    # A missing or mistyped transport never reaches the registry's semantic stage in a useful
    # form (Go fails to decode it, or decodes an empty type); the schema check reports it.
    if isinstance(package.get("transport"), dict):
        available = _package_variables(package, k)
        yield from _package_transport(base + ("transport",), package["transport"], available)


def _package_variables(package: dict, k: _Keys) -> set[str]:
    """`collectAvailableVariables`: env names, and argument names and value hints."""
    names = {_s(env, "name") for env in _list(package, k.environment_variables)}
    for field in (k.runtime_arguments, k.package_arguments):
        for argument in _list(package, field):
            names.update(filter(None, (_s(argument, "name"), _s(argument, k.value_hint))))
    names.discard("")
    return names


def _argument(pointer: tuple, argument, k: _Keys) -> Iterator[Problem]:
    if not isinstance(argument, dict) or _s(argument, "type") != "named":
        return
    name = _s(argument, "name")
    if name == "":
        yield Problem(R.SRV019, pointer + ("name",), "named argument has no name; give the flag, e.g. '--port'")
        return
    if any(ch in name for ch in "<> $"):
        yield Problem(R.SRV020, pointer + ("name",),
                      f"named argument name {name!r} contains '<', '>', a space or '$'; put values and hints in value/valueHint")
    for field in ("value", "default"):
        text = _s(argument, field)
        if text and text.startswith(name):
            yield Problem(R.SRV021, pointer + (field,),
                          f"{field} {text!r} starts with the argument name {name!r}; the client adds the name itself")


def _package_transport(pointer: tuple, transport: dict, available: set[str]) -> Iterator[Problem]:
    kind, url = _s(transport, "type"), _s(transport, "url")
    if kind == "stdio":
        if url:
            yield Problem(R.SRV022, pointer + ("url",), f"a stdio transport has no URL; remove {url!r}")
    elif kind in ("streamable-http", "sse"):
        if not url:
            yield Problem(R.SRV023, pointer + ("url",), f"a {kind} transport needs a url")
        elif not is_valid_templated_url(url, available):
            yield Problem(R.SRV024, pointer + ("url",), _templated_message(url, available, "package"))
    else:
        yield Problem(R.SRV025, pointer + ("type",), f"unsupported transport type {kind!r} (stdio, streamable-http or sse)")


def _templated_message(url: str, available: set[str], context: str) -> str:
    if not is_valid_url(url):
        return f"{url!r} is not an http(s) URL with a host"
    missing = [var for var in template_variables(url) if var not in available]
    declared = ", ".join(sorted(available)) or "none"
    where = ("an environment variable, argument name or valueHint of this package" if context == "package"
             else "a key of this remote's variables")
    return f"{{{missing[0]}}} in {url!r} is not {where} (declared: {declared})"


def _remote(pointer: tuple, remote) -> Iterator[Problem]:
    if not isinstance(remote, dict):
        return
    kind, url = _s(remote, "type"), _s(remote, "url")
    if kind not in ("streamable-http", "sse"):
        yield Problem(R.SRV025, pointer + ("type",),
                      f"unsupported transport type {kind!r} for a remote (streamable-http or sse)")
        return
    if not url:
        yield Problem(R.SRV023, pointer + ("url",), f"a {kind} remote needs a url")
    elif not is_valid_remote_url(url):
        yield Problem(R.SRV026, pointer + ("url",),
                      f"remote URL {url!r} must be https and not localhost")
    available = {name for name in _dict(remote, "variables") if name}
    # The registry runs the templated check even on an empty URL (so both issues can fire).
    if not is_valid_templated_url(url, available):
        yield Problem(R.SRV024, pointer + ("url",), _templated_message(url, available, "remote"))


# -- publish time (official registry) ----------------------------------------------------

REGISTRY_TYPES = ("npm", "pypi", "nuget", "oci", "mcpb")
BASE_URLS = {"npm": "https://registry.npmjs.org", "pypi": "https://pypi.org", "nuget": "https://api.nuget.org/v3/index.json"}
_OCI_HOSTS = {"docker.io", "registry-1.docker.io", "index.docker.io", "ghcr.io", "quay.io", "mcr.microsoft.com"}
_GITHUB_RELEASE = re.compile(r"^https://github\.com/[^/]+/[^/]+/releases/download/[^/]+/[^/]+$")
_GITLAB_RELEASE = re.compile(r"^https://gitlab\.com/.+/-/(releases/[^/]+/downloads/.+|package_files/\d+/download)$")
_REPO_OWNER = re.compile(r"^https?://(?:www\.)?github\.com/([\w.-]+)/", re.ASCII)
META_KEY = "io.modelcontextprotocol.registry/publisher-provided"
OFFICIAL_META_KEY = "io.modelcontextprotocol.registry/official"


def publish_time(value: dict, shape: Shape) -> Iterator[Problem]:
    k = _Keys(shape)
    meta = _dict(value, "_meta")
    if META_KEY in meta:
        size = len(json.dumps(meta[META_KEY], separators=(",", ":"), ensure_ascii=False).encode())
        if size > 4096:
            yield Problem(R.SRV030, ("_meta", META_KEY), f"publisher-provided metadata is {size} bytes; the registry accepts at most 4096")
    name = _s(value, "name")
    owner_match = _REPO_OWNER.match(_s(_dict(value, "repository"), "url"))
    if name.startswith("io.github.") and "/" in name and owner_match:
        owner = name.split("/", 1)[0][len("io.github."):]
        repo_owner = owner_match.group(1)
        if owner and "." not in owner and owner.lower() != repo_owner.lower():
            yield Problem(R.SRV031, ("name",),
                          f"namespace io.github.{owner} is not the owner of {owner_match.group(0)}...; "
                          f"publishing needs a GitHub login for {owner}")
    for i, package in enumerate(_list(value, "packages")):
        if isinstance(package, dict):
            yield from _publish_package(("packages", i), package, k)


def _publish_package(base: tuple, package: dict, k: _Keys) -> Iterator[Problem]:
    kind = _s(package, k.registry_type)
    if not kind:
        return
    if kind not in REGISTRY_TYPES:
        yield Problem(R.SRV032, base + (k.registry_type,),
                      f"registry type {kind!r} is not accepted by the official registry ({', '.join(REGISTRY_TYPES)})")
        return
    base_url = package.get(k.registry_base_url)
    if isinstance(base_url, str):
        if kind in BASE_URLS and base_url != BASE_URLS[kind]:
            yield Problem(R.SRV033, base + (k.registry_base_url,), f"{kind} packages must use {BASE_URLS[kind]} (or omit registryBaseUrl)")
        elif kind in ("oci", "mcpb"):
            yield Problem(R.SRV033, base + (k.registry_base_url,), f"{kind} packages must not set registryBaseUrl")
    has_version = bool(_s(package, "version"))
    has_sha = k.file_sha256 in package
    if kind in BASE_URLS:
        if not has_version:
            yield Problem(R.SRV034, base, f"{kind} packages need a version")
        if has_sha:
            yield Problem(R.SRV034, base + (k.file_sha256,), f"{kind} packages must not carry fileSha256", at_key=True)
    elif kind == "oci":
        if "version" in package:
            yield Problem(R.SRV034, base + ("version",), "OCI packages carry the version in the image reference, not in version", at_key=True)
        if has_sha:
            yield Problem(R.SRV034, base + (k.file_sha256,), "OCI packages must not carry fileSha256", at_key=True)
        yield from _oci_host(base + ("identifier",), _s(package, "identifier"))
    elif kind == "mcpb":
        if not has_sha:
            yield Problem(R.SRV034, base, "MCPB packages need fileSha256")
        identifier = _s(package, "identifier")
        if identifier and not ((_GITHUB_RELEASE.match(identifier) or _GITLAB_RELEASE.match(identifier))
                               and "mcp" in identifier.lower()):
            yield Problem(R.SRV035, base + ("identifier",),
                          f"{identifier!r} is not an https GitHub/GitLab release-asset URL containing 'mcp'")


def _oci_host(pointer: tuple, reference: str) -> Iterator[Problem]:
    if not reference:
        return
    first = reference.split("/", 1)[0]
    host = first if ("/" in reference and ("." in first or ":" in first or first == "localhost")) else "docker.io"
    host_name = host.split(":", 1)[0]
    if host_name in _OCI_HOSTS or host_name.endswith((".pkg.dev", ".azurecr.io")):
        return
    yield Problem(R.SRV036, pointer, f"OCI registry {host!r} is not accepted by the official registry "
                                     "(docker.io, ghcr.io, quay.io, mcr.microsoft.com, *.pkg.dev, *.azurecr.io)")


# -- advice -----------------------------------------------------------------------------

_SNAKE_KEYS = ("registry_type", "registry_base_url", "file_sha256", "runtime_hint", "runtime_arguments",
               "package_arguments", "environment_variables", "is_required", "is_secret", "value_hint",
               "is_repeated", "website_url")


def advice(value: dict, shape: Shape) -> Iterator[Problem]:
    k = _Keys(shape)
    packages = _list(value, "packages")
    seen: dict[tuple, int] = {}
    for i, package in enumerate(packages):
        if not isinstance(package, dict):
            continue
        key = (_s(package, k.registry_type), _s(package, "identifier"), _s(_dict(package, "transport"), "type"))
        if all(key) and key in seen:
            yield Problem(R.SRV040, ("packages", i), f"duplicates packages[{seen[key]}] ({key[0]} {key[1]}, {key[2]})")
        seen.setdefault(key, i)
        yield from _package_advice(("packages", i), package, k, _s(value, "version"))
    urls: dict[str, int] = {}
    for i, remote in enumerate(_list(value, "remotes")):
        url = _s(remote, "url")
        if url and url in urls:
            yield Problem(R.SRV041, ("remotes", i, "url"), f"same URL as remotes[{urls[url]}]")
        urls.setdefault(url, i)
        yield from _inputs(("remotes", i, "headers"), _list(remote, "headers"), k, "header")
        variables = _dict(remote, "variables")
        used = set(template_variables(url))
        for name in variables:
            if name not in used:
                yield Problem(R.SRV047, ("remotes", i, "variables", name), f"variable {name!r} is not used in the URL {url!r}", at_key=True)
    if shape.camel:
        yield from _snake_keys(value)
    if not shape.server_status and "status" in value:
        yield Problem(R.SRV046, ("status",), "status is managed by the registry since schema 2025-09-29; remove it", at_key=True)
    if not shape.meta_official and OFFICIAL_META_KEY in _dict(value, "_meta"):
        yield Problem(R.SRV046, ("_meta", OFFICIAL_META_KEY),
                      "official registry metadata appears only in API responses since schema 2025-09-29; remove it", at_key=True)


def _package_advice(base: tuple, package: dict, k: _Keys, server_version: str) -> Iterator[Problem]:
    if package.get(k.runtime_arguments) and not _s(package, k.runtime_hint):
        yield Problem(R.SRV044, base + (k.runtime_arguments,),
                      "runtimeArguments without runtimeHint: say which runtime (docker, npx, uvx, dnx) they are for", at_key=True)
    yield from _inputs(base + (k.environment_variables,), _list(package, k.environment_variables), k, "environment variable")
    transport = _dict(package, "transport")
    yield from _inputs(base + ("transport", "headers"), _list(transport, "headers"), k, "header")
    for field in (k.runtime_arguments, k.package_arguments):
        arguments = _list(package, field)
        # A flag may legitimately appear several times with different values (docker -e A -e B);
        # only an identical repetition is a mistake.
        named: dict[tuple, int] = {}
        for i, argument in enumerate(arguments):
            if not isinstance(argument, dict):
                continue
            yield from _value_variables(base + (field, i), argument)
            name = _s(argument, "name")
            if _s(argument, "type") == "named" and name:
                key = (name, _s(argument, "value"), _s(argument, "default"))
                if key in named:
                    yield Problem(R.SRV042, base + (field, i, "name"),
                                  f"argument {name!r} repeats {field}[{named[key]}] with the same value")
                named.setdefault(key, i)
    version = _s(package, "version")
    if version and server_version and version != server_version:
        yield Problem(R.SRV049, base + ("version",), f"package version {version} differs from server version {server_version}")


def _inputs(base: tuple, inputs: list, k: _Keys, what: str) -> Iterator[Problem]:
    names: dict[str, int] = {}
    for i, item in enumerate(inputs):
        if not isinstance(item, dict):
            continue
        name = _s(item, "name")
        key = name.lower() if what == "header" else name
        if name and key in names:
            yield Problem(R.SRV042, base + (i, "name"), f"{what} {name!r} is already declared at index {names[key]}")
        names.setdefault(key, i)
        fixed = _s(item, "value")
        user_supplied = not fixed or "{" in fixed
        if name and secret_name(name) and item.get(k.is_secret) is not True and user_supplied:
            yield Problem(R.SRV043, base + (i, "name"), f"{what} {name!r} looks like a secret; set isSecret: true")
        yield from _value_variables(base + (i,), item)


def _value_variables(pointer: tuple, item: dict) -> Iterator[Problem]:
    value = _s(item, "value")
    variables = _dict(item, "variables")
    used = set(template_variables(value))
    for name in sorted(used - set(variables)):
        yield Problem(R.SRV048, pointer + ("value",), f"{{{name}}} in value {value!r} is not declared in variables; it stays literal")
    for name in variables:
        if name not in used:
            yield Problem(R.SRV047, pointer + ("variables", name), f"variable {name!r} is not used in value {value!r}", at_key=True)


def _snake_keys(value: dict) -> Iterator[Problem]:
    """snake_case keys of the 2025-07-09 format in a camelCase document, wherever they appear."""
    stack: list[tuple[tuple, object]] = [((), value)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                if key in _SNAKE_KEYS and pointer[:1] != ("_meta",):
                    camel = key.split("_")[0] + "".join(p.capitalize() for p in key.split("_")[1:])
                    yield Problem(R.SRV045, pointer + (key,), f"{key!r} is the 2025-07-09 spelling; since 2025-09-16 it is {camel!r}", at_key=True)
                if key != "_meta":
                    stack.append((pointer + (key,), child))
        elif isinstance(node, list):
            stack.extend((pointer + (i,), child) for i, child in enumerate(node))
