"""Reading one server.json: is it an MCP server manifest, and which schema version does it declare.

A file named `server.json` is only checked when it is an MCP server manifest: its
`$schema` points at the MCP registry's schemas, or it has a `name` with a `/` and
`packages` or `remotes`. Other tools use the same file name (json-server, CommandBox,
Dolittle) and those files are left alone.
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.records import lazy
from validator.standards.base import TEMPLATE_VALUES, CheckContext, Document
from validator.standards.server_json.versions import CURRENT, SHAPES, version_from_url

_MCP_MARKERS = ("modelcontextprotocol", "registryType", "registry_type")


def is_mcp_server_json(value) -> bool:
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str) and "modelcontextprotocol" in schema and "server-card" not in schema:
        return True
    name = value.get("name")
    return isinstance(name, str) and "/" in name and ("packages" in value or "remotes" in value)


def schema_version(value: dict) -> str:
    """The version to validate against: the declared one, or the newest when unknown or absent."""
    schema = value.get("$schema")
    version = version_from_url(schema) if isinstance(schema, str) and schema else None
    return version if version in SHAPES else CURRENT


_FILL_IN = lazy(r"<[A-Za-z][\w .-]*>|\{\{[^{}]*\}\}|\b(?:REPLACE_WITH|REPLACE_ME|CHANGE_ME|YOUR)_[A-Z0-9_]*|\bCHANGEME\b"
               r"|(?<![A-Za-z0-9])__[A-Z][A-Z0-9_]*[A-Z0-9]__(?![A-Za-z0-9])")
"""A value an unfilled template asks its user to write (`<your package ID here>`, `{{name}}`,
`REPLACE_WITH_ID`), as `dotnet new mcpserver` leaves `.mcp/server.json`, or a release script substitutes
(`io.github.__OWNER__/x`, `"fileSha256": "__SHA256__"`, a `sed` in the release workflow; audit 24). Not `${VAR}` nor
`{VAR}`: server.json's own URL and argument variables use those."""


_IDENTITY = (("name",), ("description",), ("repository", "url"), ("websiteUrl",))


def template_values(value) -> frozenset[tuple]:
    """Pointers of the fill-in placeholders of an unfilled template: empty unless the server's identity
    (`name`, `description`, `repository.url`, `websiteUrl`, a package `identifier`) is a placeholder, so
    that a real file whose argument is written `--port <port>` is still judged."""
    if not isinstance(value, dict):
        return frozenset()
    found = _fill_ins(value)
    packages = value.get("packages")
    identity = set(_IDENTITY) | {("packages", i, "identifier") for i in range(len(packages) if isinstance(packages, list) else 0)}
    return found if found & identity else frozenset()


def _fill_ins(value, pointer: tuple = ()) -> frozenset[tuple]:
    """Pointers of the string values in VALUE that hold a fill-in placeholder."""
    found: set[tuple] = set()
    if isinstance(value, str):
        if _FILL_IN.search(value):
            found.add(pointer)
    elif isinstance(value, dict):
        for key, item in value.items():
            found |= _fill_ins(item, pointer + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found |= _fill_ins(item, pointer + (i,))
    return frozenset(found)


def parse(source, ctx: CheckContext) -> Document | None:
    data, problems = load_structured(source, "json")
    if data is None:
        # Unreadable: report it only when the bytes look like an MCP manifest.
        if not any(marker in best_effort_text(source) for marker in _MCP_MARKERS):
            return None
        return Document(source, "server-json", None, problems)
    if not is_mcp_server_json(data.value):
        return None
    return Document(source, "server-json", data, problems, meta={"schema_version": schema_version(data.value),
                                                                  TEMPLATE_VALUES: template_values(data.value)})
