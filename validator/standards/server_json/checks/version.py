"""The declared schema version: present, published and current (SRV001-SRV003)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.parsing.text import Region
from validator.standards.server_json import rules as R
from validator.standards.server_json.versions import CURRENT, CURRENT_URL, SHAPES, foreign_schema, version_from_url


@emits(R.SRV001, R.SRV002, R.SRV003)
def schema_version(doc, ctx) -> Iterator[Problem]:
    data = doc.data
    schema = data.value.get("$schema")
    if not isinstance(schema, str) or schema == "":
        if "$schema" not in data.value:
            yield Problem(R.SRV001, f'no "$schema"; add "$schema": "{CURRENT_URL}"', _first_line(data))
        else:
            yield Problem(R.SRV001, "$schema is empty; the registry requires the schema URL", ("$schema",))
        return
    version = version_from_url(schema)
    if foreign_schema(schema):
        return  # another registry's schema extending server.json: validated against the newest official version
    if schema != CURRENT_URL:
        known = f"schema version {version}" if version else "this $schema"
        if _nuget_metadata(doc):
            yield Problem(R.SRV003, f"{known} is not the current {CURRENT_URL}; NuGet.org reads this file, but "
                          "mcp-publisher publish would refuse it if the server is also published to the MCP registry",
                          ("$schema",), severity="warning")
        else:
            fix = "migrate $schema and the fields that changed"
            if version in SHAPES:
                from validator.standards.server_json.checks.schema import errors_under

                if not errors_under(doc, CURRENT):
                    fix = f"the fields already follow {CURRENT}, so updating $schema is the whole fix"
            yield Problem(R.SRV003, f"{known} is not the current {CURRENT_URL}; mcp-publisher publish refuses it "
                          f"('deprecated schema detected'): {fix}", ("$schema",))
    if version is None:
        yield Problem(R.SRV002, f"cannot read a schema version from {schema!r}; validating against {CURRENT}", ("$schema",))
    elif version not in SHAPES:
        yield Problem(R.SRV002, f"schema version {version} was never published; validating against {CURRENT}", ("$schema",))


def _first_line(data) -> Region:
    """For a file-level finding: the opening line of the top-level object only."""
    region = data.locate(())
    text = data.index.line_text(region.line)
    return Region(region.line, region.column, region.line, max(region.column + 1, len(text) + 1))


def _nuget_metadata(doc) -> bool:
    """A `.mcp/server.json`: the MCP metadata `dotnet new mcpserver` writes and NuGet.org reads from the package
    (https://learn.microsoft.com/dotnet/ai/quickstarts/build-mcp-server); it reaches the MCP registry only if its
    author publishes it there too, so the registry's refusal is a risk, not a certain failure."""
    return doc.source.relpath == ".mcp/server.json" or doc.source.relpath.endswith("/.mcp/server.json")
