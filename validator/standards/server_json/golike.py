"""The MCP registry's field access and value predicates, with Go's semantics.

Mirrors modelcontextprotocol/registry v1.7.0 (internal/validators/validators.go and
utils.go at 7722031739ad), quirks included. The registry decodes into typed Go structs
before its rules run, so a field of the wrong JSON type reads as empty here too (the
schema check reports the type itself). The checks in `checks/` build on these.
"""

from __future__ import annotations

import re

from validator.records import lazy
from validator.standards.server_json import goparse
from validator.standards.server_json.versions import Shape

# -- field access with Go's decoding semantics ------------------------------------------

def go_str(obj, key: str) -> str:
    """A string field as Go decodes it: absent or mistyped reads as ''."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, str) else ""


def go_list(obj, key: str) -> list:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, list) else []


def go_dict(obj, key: str) -> dict:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


class Keys:
    """Field names in the spelling of the declared schema version (2025-07-09 is snake_case)."""

    def __init__(self, shape: Shape) -> None:
        self.camel = shape.camel

    def __getattr__(self, snake: str) -> str:
        if not self.camel:
            return snake
        head, *rest = snake.split("_")
        return head + "".join(part.capitalize() for part in rest)


# -- names and versions (validators.go) -----------------------------------------------

_NAMESPACE = lazy(r"[a-zA-Z0-9][a-zA-Z0-9.-]*[a-zA-Z0-9]")
_NAME_PART = lazy(r"[a-zA-Z0-9][a-zA-Z0-9._-]*[a-zA-Z0-9]")
_V = r"v?\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?"
# Go's \s is [\t\n\f\r ]; Python's is wider, so spell it out.
_WS = r"[\t\n\f\r ]"
_COMPARATOR = lazy(rf"^{_WS}*(?:\^|~|>=|<=|>|<|=){_WS}*{_V}{_WS}*$")
_HYPHEN = lazy(rf"^{_WS}*{_V}{_WS}-{_WS}*{_V}{_WS}*$")
_OR = lazy(rf"^{_WS}*(?:{_V}{_WS}*)(?:\|\|{_WS}*{_V}{_WS}*)+$")
_DOTTED = lazy(rf"^{_WS}*(?:v?\d+|x|X|\*)(?:\.(?:\d+|x|X|\*)){{1,2}}(?:-[0-9A-Za-z.-]+)?{_WS}*$")


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



# -- URLs (utils.go) --------------------------------------------------------------------

_GITHUB = lazy(r"^https?://(www\.)?github\.com/[\w.-]+/[\w.-]+/?$", re.ASCII)
_GITLAB = lazy(r"^https?://(www\.)?gitlab\.com/[\w.-]+/[\w.-]+/?$", re.ASCII)
_TEMPLATE = lazy(r"\{([^}]+)\}")
_PORT_TEMPLATE = lazy(r":(\{[^}]+\})(/|$)")
_SUBFOLDER_CHARS = lazy(r"^[a-zA-Z0-9\-_./]+$")
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




META_KEY = "io.modelcontextprotocol.registry/publisher-provided"
OFFICIAL_META_KEY = "io.modelcontextprotocol.registry/official"
