"""Parsing and checking one server.json: detection, schema version, schema, registry rules.

A file named `server.json` is only checked when it is an MCP server manifest: its
`$schema` points at the MCP registry's schemas, or it has a `name` with a `/` and
`packages` or `remotes`. Other tools use the same file name (json-server, CommandBox,
Dolittle) and those files are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.engine.integrity import best_effort_text, load_structured
from validator.model import Finding
from validator.standards.base import CheckContext, Document
from validator.standards.server_json import rules as R
from validator.standards.server_json.versions import CURRENT, CURRENT_URL, SHAPES, version_from_url

_MCP_MARKERS = ("modelcontextprotocol", "registryType", "registry_type")


def is_mcp_server_json(value) -> bool:
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str) and "modelcontextprotocol" in schema and "server-card" not in schema:
        return True
    name = value.get("name")
    return isinstance(name, str) and "/" in name and ("packages" in value or "remotes" in value)


def parse(source, ctx: CheckContext) -> Document | None:
    data, problems = load_structured(source, "json")
    if data is None:
        # Unreadable: report it only when the bytes look like an MCP manifest.
        if not any(marker in best_effort_text(source) for marker in _MCP_MARKERS):
            return None
        return Document(source, "server-json", None, problems)
    if not is_mcp_server_json(data.value):
        return None
    return Document(source, "server-json", data, problems)


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    data = doc.data
    value = data.value
    version, findings = _schema_version(doc)
    yield from findings
    yield from _schema(doc, version)
    from validator.standards.server_json.semantic import advice, publish_time, registry_rules

    shape = SHAPES[version]
    for problem in (*registry_rules(value, shape), *publish_time(value, shape), *advice(value, shape)):
        region = data.locate(problem.pointer, key=problem.at_key)
        yield ctx.finding(problem.rule, doc, region, problem.message)


def _schema_version(doc: Document) -> tuple[str, list[Finding]]:
    """The version to validate against (the newest when unknown) and the SRV001-3 findings."""
    data = doc.data
    schema = data.value.get("$schema")
    where = data.locate(("$schema",))
    findings = []
    if not isinstance(schema, str) or schema == "":
        if "$schema" not in data.value:
            region = data.locate(())
            findings.append(Finding.at(R.SRV001, doc.relpath, _first_line(data, region),
                                       f'no "$schema"; add "$schema": "{CURRENT_URL}"'))
        else:
            findings.append(Finding.at(R.SRV001, doc.relpath, where, "$schema is empty; the registry requires the schema URL"))
        return CURRENT, findings
    version = version_from_url(schema)
    if schema != CURRENT_URL:
        known = f"schema version {version}" if version else "this $schema"
        findings.append(Finding.at(R.SRV003, doc.relpath, where,
                                   f"{known} is not the current {CURRENT_URL}; consider migrating"))
    if version is None:
        findings.append(Finding.at(R.SRV002, doc.relpath, where,
                                   f"cannot read a schema version from {schema!r}; validating against {CURRENT}"))
        return CURRENT, findings
    if version not in SHAPES:
        findings.append(Finding.at(R.SRV002, doc.relpath, where,
                                   f"schema version {version} was never published; validating against {CURRENT}"))
        return CURRENT, findings
    return version, findings


def _first_line(data, region):
    """For a file-level finding: the opening line of the top-level object only."""
    from validator.parsing.text import Region

    text = data.index.line_text(region.line)
    return Region(region.line, region.column, region.line, max(region.column + 1, len(text) + 1))


def _schema(doc: Document, version: str) -> Iterator[Finding]:
    from validator.standards.server_json.schema import schema_errors

    data = doc.data
    seen = set()
    for pointer, message, at_key, keyword in schema_errors(data.value, version):
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        rule = R.SRV004
        if pointer == ("description",) and keyword == "maxLength":
            rule = R.SRV005
            message = f"description is {len(data.value['description'])} characters; the registry's publish endpoint accepts at most 100"
        yield Finding.at(rule, doc.relpath, data.locate(pointer, key=at_key), message)
