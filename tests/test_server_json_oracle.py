"""Differential tests of our server.json schemas against the official ones (the oracle).

On every corpus file with a known `$schema`, and on systematic mutations of them, the
verdict of our exported schema must equal the official schema's verdict. Both sides use
the same validator and the same `format: uri` checker, so what is compared is the shape.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from validator.engine.schemacheck import Validator
from validator.lint.runner import LintOptions, run_lint
from validator.standards.server_json.models import json_schema
from validator.standards.server_json.schema import is_uri
from validator.standards.server_json.versions import VERSIONS, version_from_url

from .conftest import shared_path
from .mutations import mutations as _mutations

CHECKER = FormatChecker(formats=())
CHECKER.checks("uri")(is_uri)

# Intentional differences between our verdict and the official schema's: none so far.
INTENTIONAL: dict[str, str] = {}


@cache
def official(version: str) -> Draft7Validator:
    schema = json.loads((shared_path("spec", "server-json", version, "server.schema.json")).read_text())
    return Draft7Validator(schema, format_checker=CHECKER)


@cache
def ours(version: str) -> Validator:
    """Our exported schema, run by our own run-time validator (jsonschema is only the oracle)."""
    return Validator(json_schema(version), formats={"uri": is_uri})


@cache
def ours_by_jsonschema(version: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(version), format_checker=CHECKER)


def corpus() -> list[tuple[str, dict, str]]:
    out = []
    for path in sorted(shared_path("corpus", "server-json").glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8"))
        schema = value.get("$schema") if isinstance(value, dict) else None
        version = version_from_url(schema) if isinstance(schema, str) else None
        if version in VERSIONS:
            out.append((path.name, value, version))
    return out


def verdicts(value, version: str) -> tuple[bool, bool]:
    expected = official(version).is_valid(value)
    # the exported schema means the same under jsonschema as under our validator
    assert ours_by_jsonschema(version).is_valid(value) == ours(version).is_valid(value), value
    return expected, ours(version).is_valid(value)


def test_corpus_verdicts_agree() -> None:
    files = corpus()
    assert len(files) >= 100
    disagree = [(name, version) for name, value, version in files
                if name not in INTENTIONAL and len(set(verdicts(value, version))) > 1]
    valid = sum(official(v).is_valid(value) for _, value, v in files)
    print(f"server.json corpus: {len(files) - len(disagree)}/{len(files)} verdicts agree ({valid} valid, {len(files) - valid} invalid)")
    assert disagree == []


def test_mutation_verdicts_agree() -> None:
    compared = agreed = 0
    mismatches = []
    for name, value, version in corpus()[::4]:
        for label, mutated in _mutations(value):
            compared += 1
            a, b = verdicts(mutated, version)
            if a == b:
                agreed += 1
            else:
                mismatches.append((name, version, label, a, b))
    print(f"server.json mutations: {agreed}/{compared} verdicts agree")
    assert compared > 2000
    assert mismatches == [], mismatches[:10]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_version_differs_where_the_published_ones_do(version: str) -> None:
    """Probes for each version's distinguishing features, judged by both schemas."""
    base = {"name": "io.github.a/b", "description": "d", "version": "1.0.0"}
    probes = [
        {**base, "title": 5},
        {**base, "status": "bogus"},
        {**base, "packages": [{"registryType": "npm", "identifier": "x", "transport": {"type": "stdio"}, "extra": 1}]},
        {**base, "packages": [{"registryType": "npm", "identifier": "x", "transport": {"type": "stdio"}}]},
        {**base, "packages": [{"registry_type": "npm", "identifier": "x", "version": "1", "transport": {"type": "stdio"}}]},
        {**base, "remotes": [{"type": "sse", "url": "not a url"}]},
        {**base, "remotes": [{"type": "streamable-http", "url": "ftp://x"}]},
        {**base, "remotes": [{"type": "streamable-http", "url": "https://x", "variables": {"a": {"format": "nope"}}}]},
        {**base, "icons": [{"src": "https://x/i.png", "sizes": ["big"]}]},
        {**base, "_meta": {"io.modelcontextprotocol.registry/official": 3}},
        {**base, "packages": [{"registryType": "npm", "identifier": "x", "version": "1", "transport": {"type": "stdio"},
                               "packageArguments": [{"type": "positional"}]}]},
    ]
    for probe in probes:
        a, b = verdicts(probe, version)
        assert a == b, (version, probe)


def test_whole_corpus_lints_without_internal_errors(tmp_path) -> None:
    source = shared_path("corpus", "server-json")
    for path in source.glob("*.json"):
        folder = tmp_path / path.stem
        folder.mkdir()
        (folder / "server.json").write_bytes(path.read_bytes())
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("ALL",)))
    assert result.errors == []
    assert result.files_checked == len(list(source.glob("*.json")))
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
