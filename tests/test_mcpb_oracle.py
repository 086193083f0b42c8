"""Differential tests of our MCPB manifest schemas against the official ones (the oracle).

On every corpus manifest, and on systematic mutations of them, the verdict of our
exported schema (run by our own validator) must equal the verdict of the official
per-version schema from `../shared/spec/mcpb/` (run by jsonschema). Both sides use the
same `format` checkers (zod's `url()` and `email()` semantics), so what is compared is
the shape. The legacy DXT 0.2.6 schema is compared the same way.

Intentional differences are listed in INTENTIONAL with the reason, and proven by a test
of their own: there we follow zod (what `mcpb validate` runs) over the published JSON.
"""

from __future__ import annotations

import copy
import json
from functools import cache

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from validator.engine.schemacheck import Validator
from validator.standards.mcpb.models import json_schema
from validator.standards.mcpb.schema import FORMATS
from validator.standards.mcpb.urls import can_parse, is_email
from validator.standards.mcpb.versions import LEGACY, ROOT_KEYS_SINCE, SERVER_TYPES_SINCE, VERSIONS, select_version

from .conftest import shared_path

CHECKER = FormatChecker(formats=())
CHECKER.checks("uri")(can_parse)
CHECKER.checks("email")(is_email)

INTENTIONAL = {
    "localization.resources case": "zod's /\\$\\{locale\\}/i accepts ${LOCALE}; the published JSON Schema lost the "
                                   "i flag. mcpb validate runs zod, so we accept any case.",
    "the version refine": "zod refines 'dxt_version or manifest_version must be present'; the JSON Schema cannot say "
                          "it. Version selection already requires one, so no selected manifest can differ.",
}
OFFICIAL_FILES = {"0.1": "mcpb-manifest-v0.1.schema.json", "0.2": "mcpb-manifest-v0.2.schema.json",
                  "0.3": "mcpb-manifest-v0.3.schema.json", "0.4": "mcpb-manifest-v0.4.schema.json",
                  LEGACY: "dxt-manifest-0.2.6.schema.json"}


@cache
def official(name: str):
    schema = json.loads(shared_path("spec", "mcpb", OFFICIAL_FILES[name]).read_text())
    cls = Draft202012Validator if name == LEGACY else Draft7Validator
    return cls(schema, format_checker=CHECKER)


@cache
def ours(name: str) -> Validator:
    return Validator(json_schema(name), formats=FORMATS)


@cache
def ours_by_jsonschema(name: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(name), format_checker=CHECKER)


def corpus() -> list[tuple[str, dict]]:
    files = sorted(shared_path("corpus", "mcpb-manifest").glob("*.json"))
    return [(path.name, json.loads(path.read_text(encoding="utf-8"))) for path in files]


def verdicts(value, name: str) -> tuple[bool, bool]:
    mine = ours(name).is_valid(value)
    assert ours_by_jsonschema(name).is_valid(value) == mine, ("our validator and jsonschema disagree on our schema", value)
    return official(name).is_valid(value), mine


def test_corpus_verdicts_agree() -> None:
    files = corpus()
    assert len(files) >= 40
    compared = disagree = valid = 0
    for name, value in files:
        version, _ = select_version(value)
        assert version is not None, name
        expected, got = verdicts(value, version)
        compared += 1
        valid += expected
        disagree += expected != got
    print(f"mcpb corpus: {compared - disagree}/{compared} verdicts agree ({valid} valid, {compared - valid} invalid)")
    assert disagree == 0


def test_legacy_dxt_schema_agrees_on_dxt_manifests() -> None:
    files = [(name, value) for name, value in corpus() if "dxt_version" in value]
    assert len(files) >= 10
    for name, value in files:
        expected, got = verdicts(value, LEGACY)
        assert expected == got, name


def _walk(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _walk(child, path + (key,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _walk(child, path + (i,))


def _get(root, path):
    for part in path:
        root = root[part]
    return root


_TARGETED = {
    "homepage": ["example.com", "https://ok.example", "http://", "mailto:x@y.z", "https://exa mple.com"],
    "email": ["not-an-email", "a@b.co", "a..b@example.com", "x@localhost"],
    "url": ["www.example.com", "https://example.com:99999", "git+https://github.com/a/b.git"],
    "type": ["uv", "binary", "python", "deno", "git"],
    "platforms": [["macos"], ["darwin", "win32"], ["linux", "Linux"]],
    "size": ["16", "16x16", "16X16", "x16"],
    "resources": ["loc/${locale}.json", "loc/locale.json", "${LOCALE}"],
    "default_locale": ["en-US", "e", "en_US", "zh-Hans"],
    "theme": ["", "dark"],
    "default": [1, True, ["a"], [1], {"a": 1}, None],
    "privacy_policies": [["https://acme.example/privacy"], ["acme.example/privacy"], "https://x"],
}


def mutations(value, every: int = 1):
    """Drop each key, retype each value, add an unknown key to each object, and targeted values.

    Yields (label, mutated copy) for every EVERY-th mutation (copies are made only for those).
    """
    def drop(parent_path, last):
        copied = copy.deepcopy(value)
        del _get(copied, parent_path)[last]
        return copied

    def replace(parent_path, last, replacement):
        copied = copy.deepcopy(value)
        _get(copied, parent_path)[last] = replacement
        return copied

    def extend(path):
        copied = copy.deepcopy(value)
        _get(copied, path)["unknownExtra"] = 1
        return copied

    def plans():
        for path, node in list(_walk(value)):
            if not path:
                continue
            parent_path, last = path[:-1], path[-1]
            if isinstance(_get(value, parent_path), dict):
                yield f"drop {path}", lambda p=parent_path, k=last: drop(p, k)
            targeted = _TARGETED.get(last, ()) if isinstance(last, str) else ()
            for replacement in (17, None, "x", [], {}, True, "", *targeted):
                yield f"set {path}={replacement!r}", lambda p=parent_path, k=last, r=replacement: replace(p, k, r)
            if isinstance(node, dict):
                yield f"extend {path}", lambda p=path: extend(p)
        for key, added in _ADDED.items():
            yield f"add {key}", lambda k=key, a=added: {**copy.deepcopy(value), k: copy.deepcopy(a)}

    for i, (label, make) in enumerate(plans()):
        if i % every == 0:
            yield label, make()


_ADDED = {"privacy_policies": ["https://acme.example/p"], "icons": [{"src": "i.png", "size": "16x16"}],
          "localization": {"resources": "r/${locale}.json", "default_locale": "en"},
          "_meta": {"com.example": {"a": 1}}, "compatibility": {"my_client": ">1.0.0"}}


def test_mutation_verdicts_agree() -> None:
    compared = agreed = 0
    mismatches = []
    for name, value in corpus()[::3]:
        for label, mutated in mutations(value):
            if "resources" in label and "LOCALE" in label:
                continue  # INTENTIONAL["localization.resources case"], tested below
            chosen, _ = select_version(mutated)
            if chosen is None:
                continue  # mcpb validate stops before any schema (MCPB001)
            compared += 1
            expected, got = verdicts(mutated, chosen)
            if expected == got:
                agreed += 1
            else:
                mismatches.append((name, label, expected, got))
    print(f"mcpb mutations: {agreed}/{compared} verdicts agree; intentional differences: {len(INTENTIONAL)}")
    assert compared > 10000
    assert mismatches == [], mismatches[:10]


def test_legacy_mutation_verdicts_agree() -> None:
    compared = 0
    for name, value in [item for item in corpus() if "dxt_version" in item[1]][::2]:
        for label, mutated in mutations(value):
            compared += 1
            expected, got = verdicts(mutated, LEGACY)
            assert expected == got, (name, label)
    assert compared > 1000


def test_intentional_locale_case_difference() -> None:
    """zod accepts `${LOCALE}` (case-insensitive regex); the published JSON Schema does not."""
    base = {"manifest_version": "0.3", "name": "n", "version": "1.0.0", "description": "d", "author": {"name": "a"},
            "server": {"type": "node", "entry_point": "i.js", "mcp_config": {"command": "node"}},
            "localization": {"resources": "res/${LOCALE}.json", "default_locale": "en-US"}}
    assert official("0.3").is_valid(base) is False
    assert ours("0.3").is_valid(base) is True
    base["localization"]["resources"] = "res/locale.json"
    assert official("0.3").is_valid(base) is False and ours("0.3").is_valid(base) is False


@pytest.mark.parametrize("name", [*VERSIONS, LEGACY])
def test_each_version_differs_where_the_published_ones_do(name: str) -> None:
    base = {"name": "n", "version": "1.0.0", "description": "d", "author": {"name": "a"},
            "server": {"type": "node", "entry_point": "i.js", "mcp_config": {"command": "node"}}}
    base = {**base, "dxt_version": "0.1"} if name == LEGACY else {**base, "manifest_version": name}
    probes = [
        {"privacy_policies": ["https://a.example/p"]},
        {"icons": [{"src": "i.png", "size": "16x16"}]},
        {"localization": {"resources": "r/${locale}.json", "default_locale": "en-US"}},
        {"_meta": {"com.example": {"x": 1}}},
        {"_meta": {"com.example": 1}},
        {"server": {"type": "uv", "entry_point": "s.py", "mcp_config": {"command": "uv"}}},
        {"server": {"type": "uv", "entry_point": "s.py"}},
        {"compatibility": {"my_client": ">1.0.0"}},
        {"compatibility": {"runtimes": {"deno": ">1"}}},
        {"manifest_version": name},
        {"dxt_version": "0.9"},
        {"author": {"name": "a", "email": "a@b"}},
        {"user_config": {"k": {"type": "string", "title": "t", "description": "d", "extra": 1}}},
        {"server": {"type": "node", "entry_point": "i.js", "mcp_config": {"command": "node",
                    "platform_overrides": {"anything": {"env": {"A": "b"}}}}}},
        {"server": {"type": "node", "entry_point": "i.js", "mcp_config": {"command": "node",
                    "platform_overrides": {"win32": {"cwd": "x"}}}}},
    ]
    for probe in probes:
        value = {**base, **probe}
        expected, got = verdicts(value, name)
        assert expected == got, (name, probe)


def test_version_tables_match_the_models() -> None:
    """ROOT_KEYS_SINCE and SERVER_TYPES_SINCE (light, used by check) say what the models say."""
    for version in VERSIONS:
        schema = json_schema(version)
        keys = set(schema["properties"])
        for key, first in ROOT_KEYS_SINCE.items():
            assert (key in keys) == (version >= first), (version, key)
        types = set(schema["$defs"]["Server"]["properties"]["type"]["enum"])
        for kind, first in SERVER_TYPES_SINCE.items():
            assert (kind in types) == (version >= first), (version, kind)


def test_version_selection_mirrors_mcpb() -> None:
    assert select_version({"manifest_version": "0.3"}) == ("0.3", "manifest_version")
    assert select_version({"manifest_version": "0.9", "dxt_version": "0.2"}) == ("0.2", "dxt_version")
    assert select_version({"manifest_version": 0.3}) == (None, None)
    assert select_version({"dxt_version": "0.2.6"}) == (None, None)
    assert select_version({"manifest_version": "0.1", "dxt_version": "0.4"}) == ("0.1", "manifest_version")
