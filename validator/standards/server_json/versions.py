"""The published server.json schema versions and what tells them apart.

Facts from the schema changelog of the MCP registry (docs/reference/server-json/CHANGELOG
in modelcontextprotocol/registry) and the published files at
https://static.modelcontextprotocol.io/schemas/<version>/server.schema.json. Light:
no pydantic, no jsonschema (the check path imports this on every run).
"""

from __future__ import annotations

from validator.records import lazy, record

SCHEMA_URL = "https://static.modelcontextprotocol.io/schemas/{version}/server.schema.json"
CURRENT = "2025-12-11"
CURRENT_URL = SCHEMA_URL.format(version=CURRENT)

# The registry extracts the version with this unanchored pattern (scheme and host are not
# checked): internal/validators/schema.go extractVersionFromSchemaURL, registry v1.7.0.
VERSION_IN_URL = lazy(r"/schemas/([A-Za-z0-9_~.-]+)/server\.schema\.json")


@record(frozen=True)
class Shape:
    """What one published version's schema looks like, as switches on one model family."""

    version: str
    camel: bool
    """camelCase field names (2025-09-16 on); 2025-07-09 is snake_case."""
    server_status: bool
    """`status` (active/deprecated/deleted) is a declared server field (until 2025-09-16)."""
    meta_official: bool
    """`_meta["io.modelcontextprotocol.registry/official"]` is declared (until 2025-09-16)."""
    title_icons: bool
    """`title` and `icons[]` exist (2025-10-11 on)."""
    input_placeholder: bool
    """`Input.placeholder` exists (2025-10-11 on)."""
    package_closed: bool
    """`Package` has additionalProperties false (until 2025-09-29)."""
    package_version_required: bool
    """`Package.version` is required (until 2025-09-29)."""
    url_pattern: bool
    """Transport URLs must match `^https?://[^\\s]+$` (2025-12-11); before, streamable-http
    URLs were any string and SSE URLs `format: uri`."""
    remote_variables: bool
    """`remotes[]` items are `RemoteTransport` with a `variables` map (2025-12-11)."""

    @property
    def url(self) -> str:
        return SCHEMA_URL.format(version=self.version)


_OLD = dict(server_status=True, meta_official=True, title_icons=False, input_placeholder=False,
            package_closed=True, package_version_required=True, url_pattern=False, remote_variables=False)

SHAPES: dict[str, Shape] = {
    "2025-07-09": Shape("2025-07-09", camel=False, **_OLD),
    "2025-09-16": Shape("2025-09-16", camel=True, **_OLD),
    "2025-09-29": Shape("2025-09-29", camel=True, **{**_OLD, "server_status": False, "meta_official": False}),
    "2025-10-11": Shape("2025-10-11", camel=True, server_status=False, meta_official=False, title_icons=True,
                        input_placeholder=True, package_closed=False, package_version_required=False,
                        url_pattern=False, remote_variables=False),
    # 2025-10-17 only widened what MCPB packages may carry in prose; the schema is unchanged.
    "2025-10-17": Shape("2025-10-17", camel=True, server_status=False, meta_official=False, title_icons=True,
                        input_placeholder=True, package_closed=False, package_version_required=False,
                        url_pattern=False, remote_variables=False),
    CURRENT: Shape(CURRENT, camel=True, server_status=False, meta_official=False, title_icons=True,
                   input_placeholder=True, package_closed=False, package_version_required=False,
                   url_pattern=True, remote_variables=True),
}
VERSIONS = tuple(SHAPES)


def version_from_url(url: str) -> str | None:
    """The version identifier the registry would read from a `$schema` URL, or None."""
    match = VERSION_IN_URL.search(url)
    return match.group(1) if match else None


def foreign_schema(url: str) -> bool:
    """`$schema` names another registry's derivative of server.json: an absolute URL on a host other than
    modelcontextprotocol.io whose file is named `<prefix>-server.schema.json` (NimbleTools'
    `registry.nimbletools.ai/schemas/2025-12-11/nimbletools-server.schema.json`, which extends the official one).
    Such a file is published to that registry, not with mcp-publisher, so the official registry's schema-URL rules
    (SRV002, SRV003) do not apply. A mirror of the official file (`.../server.schema.json`) and any other URL
    (`https://example.com/my-server.json`) keep them."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False  # `https://[static...` (an unclosed IPv6 bracket): the schema URL rules report it
    if parts.scheme not in ("http", "https") or not host:
        return False
    official = host == "modelcontextprotocol.io" or host.endswith(".modelcontextprotocol.io")
    name = parts.path.rsplit("/", 1)[-1].lower()
    return not official and name.endswith(("-server.schema.json", "_server.schema.json", ".server.schema.json"))
