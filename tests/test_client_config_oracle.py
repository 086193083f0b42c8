"""Differential tests of the client-config schemas and rules against the reference schemas (the oracle).

Where a client has a schema in ../shared/spec/client-config (Claude Code's derived one,
Gemini CLI's official settings schema, Codex's official excerpt, Qwen Code's SchemaStore
one), two things must agree with it on the real corpus and on systematic mutations:

1. the verdict of our exported schema (run by our own validator, and by jsonschema as a
   cross-check that the export means the same under both);
2. the verdict of the linter itself: the reference says invalid exactly when one of the
   rules that mirror the schema (below, per client) reports a finding.

Corpus files are materialised at their real relative paths (from SOURCES.tsv), so
detection by path is what decides which client a file belongs to.
"""

from __future__ import annotations

import copy
import csv
import json
import tomllib
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from validator.engine.files import FileIndex, SourceFile
from validator.engine.schemacheck import Validator
from validator.lint.emit import run_checks
from validator.standards.base import CheckContext
from validator.standards.client_config import CHECKS, parse
from validator.standards.client_config.models import json_schema

from .conftest import shared_path
from .test_server_json_oracle import _mutations

# Rules whose findings mean "the reference schema rejects this file", per client. Checks the
# reference schema cannot express (neither command nor url, Codex's transport conflicts,
# typo-only field checks) are deliberately outside these sets.
MIRRORS = {
    "claude-code": {"CFG001", "CFG002", "CFG003", "CFG005", "CFG006", "CFG010"},
    "gemini": {"CFG005", "CFG008", "CFG010"},
    "codex": {"CFG008", "CFG010"},
}

# Intentional differences from the reference schemas: (client, mutation label substring) -> why.
INTENTIONAL = {
    ("claude-code", "streamable-http"): "Claude Code 2.1.27x accepts type 'streamable-http' as an alias of 'http'",
}


def _spec(name: str) -> dict:
    return json.loads(shared_path("spec", "client-config", name).read_text(encoding="utf-8"))


@cache
def oracle(client: str):
    if client == "claude-code":
        return Draft7Validator(_spec("derived__claude-code-dot-mcp-json.schema.json"))
    if client == "codex":
        return Draft7Validator(_spec("codex__config.schema.mcp_servers-excerpt.json"))
    if client == "gemini":
        full = _spec("gemini-cli__settings.schema.json")
        # only the MCP part of settings.json is this standard's business
        return Draft202012Validator({"type": "object", "$defs": full["$defs"],
                                     "properties": {key: full["properties"][key] for key in ("mcpServers", "mcp")}})
    if client == "qwen":
        full = _spec("schemastore__qwen-code-settings.json")
        return Draft7Validator({"type": "object", "properties": {"mcpServers": full["properties"]["mcpServers"]}})
    raise KeyError(client)


@cache
def ours(client: str) -> Validator:
    return Validator(json_schema(client))


@cache
def ours_by_jsonschema(client: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(client))


def schema_verdicts(client: str, value) -> tuple[bool, bool]:
    mine = ours(client).is_valid(value)
    assert ours_by_jsonschema(client).is_valid(value) == mine, (client, value)
    return oracle(client).is_valid(value), mine


def corpus() -> list[tuple[str, str, bytes]]:
    """(client, real relative path, bytes) for every corpus client config."""
    from validator.standards.client_config.clients import client_for

    root = shared_path("corpus")
    rows = csv.DictReader((root / "SOURCES.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t")
    out = []
    for row in rows:
        if row["format"] == "client-config":
            client = client_for(row["path"])
            out.append((client.key if client else "", row["path"], (root / row["file"]).read_bytes()))
    return out


def _value(path: str, raw: bytes):
    text = raw.decode("utf-8")
    if path.endswith(".toml"):
        return tomllib.loads(text)
    from validator.parsing.json import parse_json

    return parse_json(text, jsonc=True).value


def lint_value(tmp: Path, client_path: str, value) -> set[str] | None:
    """Codes the client-config checks report for VALUE written at CLIENT_PATH (None: not taken as ours)."""
    if client_path.endswith(".toml"):
        raw = _toml(value)
        if raw is None:
            return None
    else:
        raw = json.dumps(value, indent=2).encode()
    ctx = CheckContext(root=tmp, index=FileIndex(tmp))
    doc = parse(SourceFile(tmp / client_path, client_path, raw=raw), ctx)
    if doc is None:
        return None
    codes = {f.rule.code for f in doc.problems}
    if doc.data is not None:
        codes |= {f.rule.code for f in run_checks(doc, ctx, CHECKS)}
    return codes


def _toml(value) -> bytes | None:
    """A small TOML writer for mutated Codex configs (None where TOML cannot express the value)."""
    lines: list[str] = []

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, list):
            items = [scalar(i) for i in v]
            return None if None in items else "[" + ", ".join(items) + "]"
        if isinstance(v, dict):
            items = [f"{json.dumps(k)} = {scalar(i)}" for k, i in v.items()]
            return None if any(i.endswith(" = None") for i in items) else "{" + ", ".join(items) + "}"
        return None

    def table(path, node):
        simple = {k: v for k, v in node.items() if not isinstance(v, dict)}
        nested = {k: v for k, v in node.items() if isinstance(v, dict)}
        lines.append("[" + ".".join(json.dumps(p) for p in path) + "]")
        for k, v in simple.items():
            text = scalar(v)
            if text is None:
                raise ValueError
            lines.append(f"{json.dumps(k)} = {text}")
        for k, v in nested.items():
            table(path + (k,), v)

    try:
        for key, node in value.items():
            if not isinstance(node, dict):
                text = scalar(node)
                if text is None:
                    return None
                lines.insert(0, f"{json.dumps(key)} = {text}")
            else:
                table((key,), node)
    except ValueError:
        return None
    return ("\n".join(lines) + "\n").encode()


# -- schemas ---------------------------------------------------------------------------------
def test_claude_code_corpus_verdicts_agree() -> None:
    files = [(p, _value(p, raw)) for client, p, raw in corpus() if client == "claude-code"]
    assert len(files) >= 30
    disagree = [p for p, value in files if len(set(schema_verdicts("claude-code", value))) > 1]
    invalid = sum(not oracle("claude-code").is_valid(v) for _, v in files)
    print(f".mcp.json corpus: {len(files) - len(disagree)}/{len(files)} agree ({invalid} invalid)")
    assert disagree == []
    assert invalid >= 2  # the research notes' two remote entries without "type"


def _seeds(client: str) -> list:
    seeds = [value for key, p, raw in corpus() if key == client for value in [_value(p, raw)]]
    if client == "codex":
        seeds.append({"mcp_servers": {
            "docs": {"command": "npx", "args": ["-y", "docs-mcp@1.2.0"], "env": {"A": "b"}, "env_vars": ["HOME", {"name": "T", "source": "keyring"}],
                     "startup_timeout_sec": 10.5, "tool_timeout_sec": 60, "enabled": True, "enabled_tools": ["read"],
                     "tools": {"read": {"approval_mode": "auto"}}, "default_tools_approval_mode": "prompt"},
            "remote": {"url": "https://mcp.acme.io/mcp", "bearer_token_env_var": "TOKEN", "http_headers": {"X": "y"},
                       "env_http_headers": {"Authorization": "AUTH"}, "oauth": {"client_id": "abc"}, "scopes": ["read"],
                       "startup_timeout_ms": 5000}}})
    if client == "qwen":
        for key, p, raw in corpus():
            if key == "gemini":
                seeds.append({"mcpServers": _value(p, raw).get("mcpServers", {})})
        seeds.append({"mcpServers": {"x": {"command": "x", "args": ["a"], "env": {"A": "b"}, "cwd": ".", "timeout": 5000,
                                           "trust": False, "description": "d", "includeTools": ["t"], "excludeTools": []},
                                     "y": {"httpUrl": "https://y.io/mcp", "headers": {"A": "b"}}}})
    if client == "gemini":
        seeds.append({"mcpServers": {"x": {"url": "https://x.io/mcp", "type": "http", "headers": {"A": "b"},
                                           "oauth": {"enabled": True}, "authProviderType": "google_credentials",
                                           "extension": {"name": "e", "version": 1, "ok": True}}},
                      "mcp": {"allowed": ["x"], "excluded": [], "serverCommand": "s"}})
    return seeds


@pytest.mark.parametrize("client", ["claude-code", "gemini", "codex", "qwen"])
def test_schema_mutation_verdicts_agree(client: str) -> None:
    compared = 0
    mismatches = []
    for seed in _seeds(client):
        assert len(set(schema_verdicts(client, seed))) == 1, (client, seed)
        for label, mutated in _mutations(seed):
            compared += 1
            expected, mine = schema_verdicts(client, mutated)
            if expected != mine and not any(c == client and part in label for c, part in INTENTIONAL):
                mismatches.append((label, expected, mine))
    print(f"{client}: {compared} mutations, {compared - len(mismatches)} agree")
    assert compared > 150
    assert mismatches == [], mismatches[:10]


def test_intentional_difference_streamable_http() -> None:
    value = {"mcpServers": {"x": {"type": "streamable-http", "url": "https://x.io/mcp"}}}
    assert not oracle("claude-code").is_valid(value) and ours("claude-code").is_valid(value)


# -- the linter against the schemas ---------------------------------------------------------------
@pytest.mark.parametrize("client", sorted(MIRRORS))
def test_linter_verdicts_agree_with_the_reference(client: str, tmp_path: Path) -> None:
    path = next(p for key, p, _ in corpus() if key == client)
    compared = invalid = 0
    mismatches = []
    for seed in _seeds(client):
        candidates = [("seed", seed), *_mutations(seed)]
        for label, value in candidates:
            codes = lint_value(tmp_path, path, value)
            if codes is None:
                continue
            compared += 1
            expected_invalid = not oracle(client).is_valid(value)
            invalid += expected_invalid
            reported = bool(codes & MIRRORS[client])
            if expected_invalid != reported and not any(c == client and part in label for c, part in INTENTIONAL):
                mismatches.append((label, expected_invalid, sorted(codes)))
    print(f"{client}: linter agrees with the reference on {compared - len(mismatches)}/{compared} files "
          f"({invalid} invalid)")
    assert compared > 100 and 20 < invalid < compared - 20
    assert mismatches == [], mismatches[:10]


def test_corpus_mutations_keep_reference_verdict_for_unrelated_edits(tmp_path: Path) -> None:
    """Adding a documentation key anywhere in a valid .mcp.json changes neither verdict."""
    for key, path, raw in corpus():
        if key != "claude-code":
            continue
        value = _value(path, raw)
        if not oracle("claude-code").is_valid(value):
            continue
        extended = copy.deepcopy(value)
        extended["_comment"] = "added"
        assert oracle("claude-code").is_valid(extended)
        assert not (lint_value(tmp_path, path, extended) or set()) & MIRRORS["claude-code"], path
