"""Differential tests of our A2A Agent Card schemas against the official ones (the oracle).

0.2.0 ... 0.3.0: for every corpus card and every version, and for systematic mutations,
our exported schema (run by our own validator, and by jsonschema as a cross-check) must
give the official `a2a.json` AgentCard definition's verdict. 1.0 has no official JSON
Schema: cases derived from `a2a.proto` field behaviours and §5.7 fix the verdicts.
"""

from __future__ import annotations

import copy
import json
from functools import cache

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from validator.engine.files import FileIndex, SourceFile
from validator.engine.schemacheck import Validator
from validator.lint.runner import LintOptions, run_lint
from validator.standards import a2a
from validator.standards.a2a.models import json_schema
from validator.standards.a2a.versions import SHAPES, V1
from validator.standards.base import CheckContext

from .conftest import shared_path
from .corpus import materialize
from .mutations import mutations

VERSIONS_0X = tuple(SHAPES)
# Intentional differences between our verdict and the official schema's: none.
INTENTIONAL: dict[str, str] = {}


@cache
def official(version: str) -> Draft7Validator:
    schema = json.loads(shared_path("spec", "a2a", f"a2a-v{version}.schema.json").read_text())
    key = "definitions" if "definitions" in schema else "$defs"
    return Draft7Validator({"$ref": f"#/{key}/AgentCard", key: schema[key]})


@cache
def ours(version: str) -> Validator:
    return Validator(json_schema(version))


@cache
def ours_by_jsonschema(version: str) -> Draft202012Validator:
    return Draft202012Validator(json_schema(version))


def verdicts(card, version: str) -> tuple[bool, bool]:
    mine = ours(version).is_valid(card)
    assert ours_by_jsonschema(version).is_valid(card) == mine, (version, card)
    return official(version).is_valid(card), mine


def corpus_cards() -> list[tuple[str, object]]:
    return [(path.name, json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(shared_path("corpus", "a2a-agent-card").glob("*.json"))]


def test_corpus_verdicts_agree_for_every_version() -> None:
    cards = corpus_cards()
    assert len(cards) >= 30
    compared, disagree = 0, []
    for version in VERSIONS_0X:
        for name, card in cards:
            compared += 1
            expected, mine = verdicts(card, version)
            if expected != mine and name not in INTENTIONAL:
                disagree.append((version, name, expected, mine))
    valid_030 = sum(official("0.3.0").is_valid(card) for _, card in cards)
    print(f"a2a corpus: {compared - len(disagree)}/{compared} verdicts agree over {len(VERSIONS_0X)} versions "
          f"({valid_030}/{len(cards)} cards valid under 0.3.0)")
    assert disagree == []


def test_mutation_verdicts_agree() -> None:
    compared = agreed = 0
    mismatches = []
    bases = [card for _, card in corpus_cards() if isinstance(card, dict)]
    for version in VERSIONS_0X:
        for card in bases[VERSIONS_0X.index(version) % 12:: 12]:
            for label, mutated in mutations(card, (17, None, "x", [], {}, True, "text/plain")):
                compared += 1
                expected, mine = verdicts(mutated, version)
                if expected == mine:
                    agreed += 1
                else:
                    mismatches.append((version, label, expected, mine))
    print(f"a2a mutations: {agreed}/{compared} verdicts agree")
    assert compared > 5000
    assert mismatches == [], mismatches[:10]


BASE_03 = {
    "protocolVersion": "0.3.0", "name": "A", "description": "d", "url": "https://a.example/a2a", "version": "1",
    "capabilities": {}, "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
    "skills": [{"id": "s", "name": "S", "description": "d", "tags": ["t"]}],
}
PROBES_0X = [
    {**BASE_03, "iconUrl": 5},
    {**BASE_03, "supportsAuthenticatedExtendedCard": "yes"},
    {**BASE_03, "capabilities": {"extensions": [{"required": True}]}},
    {**BASE_03, "additionalInterfaces": [{"url": "https://a.example"}]},
    {**BASE_03, "preferredTransport": 3},
    {**BASE_03, "signatures": [{"protected": "e30"}]},
    {**BASE_03, "securitySchemes": {"m": {"type": "mutualTLS"}}},
    {**BASE_03, "securitySchemes": {"o": {"type": "oauth2", "flows": {}, "oauth2MetadataUrl": 1}}},
    {**BASE_03, "securitySchemes": {"k": {"type": "apiKey", "in": "body", "name": "k"}}},
    {**BASE_03, "securitySchemes": {"h": {"type": "http"}}},
    {**BASE_03, "skills": [{**BASE_03["skills"][0], "security": "none"}]},
    {**BASE_03, "security": [{"h": "read"}]},
    {**BASE_03, "provider": {"organization": "o"}},
    {k: v for k, v in BASE_03.items() if k != "protocolVersion"},
    {k: v for k, v in BASE_03.items() if k != "defaultInputModes"},
    {**BASE_03, "authentication": {"schemes": ["bearer"]}},
]


@pytest.mark.parametrize("version", VERSIONS_0X)
def test_each_version_differs_where_the_published_ones_do(version: str) -> None:
    for probe in PROBES_0X:
        expected, mine = verdicts(probe, version)
        assert expected == mine, (version, probe)


BASE_V1 = {
    "name": "A", "description": "d", "version": "1",
    "supportedInterfaces": [{"url": "https://a.example/a2a", "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}],
    "capabilities": {}, "defaultInputModes": ["text/plain"], "defaultOutputModes": ["text/plain"],
    "skills": [{"id": "s", "name": "S", "description": "d", "tags": ["t"]}],
}


def _with(path: tuple, value):
    card = copy.deepcopy(BASE_V1)
    node = card
    for part in path[:-1]:
        node = node[part]
    if value is _DROP:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return card


_DROP = object()
BEARER = {"httpAuthSecurityScheme": {"scheme": "Bearer"}}
# (case, card, valid?) — each verdict follows from a field behaviour in a2a.proto v1.0 or a rule of §5.7.
V1_CASES = [
    ("minimal card", BASE_V1, True),
    *[(f"REQUIRED {key} missing", _with((key,), _DROP), False)
      for key in ("name", "description", "version", "supportedInterfaces", "capabilities", "defaultInputModes",
                  "defaultOutputModes", "skills")],
    ("required repeated field empty (§5.7)", _with(("skills",), []), False),
    ("required repeated field empty (§5.7)", _with(("defaultInputModes",), []), False),
    ("required repeated field empty (§5.7)", _with(("skills", 0, "tags"), []), False),
    ("required repeated field empty (§5.7)", _with(("supportedInterfaces",), []), False),
    *[(f"AgentInterface.{key} REQUIRED", _with(("supportedInterfaces", 0, key), _DROP), False)
      for key in ("url", "protocolBinding", "protocolVersion")],
    ("AgentInterface.tenant optional", _with(("supportedInterfaces", 0, "tenant"), "t1"), True),
    *[(f"AgentSkill.{key} REQUIRED", _with(("skills", 0, key), _DROP), False) for key in ("id", "name", "description", "tags")],
    ("optional field null reads as unset (ProtoJSON)", _with(("iconUrl",), None), True),
    ("optional field null reads as unset (ProtoJSON)", _with(("provider",), None), True),
    ("REQUIRED field null is unset", _with(("version",), None), False),
    ("AgentProvider url and organization REQUIRED", _with(("provider",), {"organization": "o"}), False),
    ("AgentProvider complete", _with(("provider",), {"organization": "o", "url": "https://o.example"}), True),
    ("unknown fields are ignored (§5.7)", _with(("x-vendor",), {"a": 1}), True),
    ("capabilities.extendedAgentCard is a bool", _with(("capabilities",), {"extendedAgentCard": "yes"}), False),
    ("capabilities booleans", _with(("capabilities",), {"streaming": True, "pushNotifications": False,
                                                        "extendedAgentCard": True}), True),
    ("SecurityScheme oneof: one member", _with(("securitySchemes",), {"b": BEARER}), True),
    ("SecurityScheme oneof: no member", _with(("securitySchemes",), {"b": {}}), False),
    ("SecurityScheme oneof: two members", _with(("securitySchemes",), {"b": {**BEARER, "mtlsSecurityScheme": {}}}), False),
    ("0.3 form is no member of the oneof", _with(("securitySchemes",), {"b": {"type": "http", "scheme": "bearer"}}), False),
    ("HTTPAuthSecurityScheme.scheme REQUIRED", _with(("securitySchemes",), {"b": {"httpAuthSecurityScheme": {}}}), False),
    ("APIKeySecurityScheme location+name REQUIRED",
     _with(("securitySchemes",), {"k": {"apiKeySecurityScheme": {"name": "X-Key"}}}), False),
    ("APIKeySecurityScheme complete",
     _with(("securitySchemes",), {"k": {"apiKeySecurityScheme": {"name": "X-Key", "location": "header"}}}), True),
    ("OpenIdConnect url REQUIRED", _with(("securitySchemes",), {"o": {"openIdConnectSecurityScheme": {}}}), False),
    ("mTLS has no required field", _with(("securitySchemes",), {"m": {"mtlsSecurityScheme": {}}}), True),
    ("OAuthFlows oneof: two flows", _with(("securitySchemes",), {"o": {"oauth2SecurityScheme": {"flows": {
        "clientCredentials": {"tokenUrl": "https://t", "scopes": {}},
        "deviceCode": {"deviceAuthorizationUrl": "https://d", "tokenUrl": "https://t", "scopes": {}}}}}}), False),
    ("ClientCredentials tokenUrl+scopes REQUIRED", _with(("securitySchemes",), {"o": {"oauth2SecurityScheme": {
        "flows": {"clientCredentials": {"tokenUrl": "https://t"}}}}}), False),
    ("AuthorizationCode complete", _with(("securitySchemes",), {"o": {"oauth2SecurityScheme": {"flows": {
        "authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": {"r": "read"},
                              "pkceRequired": True}}}}}), True),
    ("implicit flow has no REQUIRED field (deprecated)", _with(("securitySchemes",), {"o": {"oauth2SecurityScheme": {
        "flows": {"implicit": {}}}}}), True),
    ("OAuth2SecurityScheme.flows REQUIRED", _with(("securitySchemes",), {"o": {"oauth2SecurityScheme": {}}}), False),
    ("SecurityRequirement map of StringList",
     _with(("securityRequirements",), [{"schemes": {"b": {"list": ["read"]}}}]), True),
    ("StringList.list holds strings", _with(("securityRequirements",), [{"schemes": {"b": {"list": [1]}}}]), False),
    ("AgentCardSignature protected+signature REQUIRED", _with(("signatures",), [{"protected": "e30"}]), False),
    ("AgentCardSignature complete", _with(("signatures",), [{"protected": "e30", "signature": "c2ln",
                                                             "header": {"kid": "k"}}]), True),
    ("AgentExtension fields all optional", _with(("capabilities",), {"extensions": [{}]}), True),
    ("AgentExtension.params is a Struct", _with(("capabilities",), {"extensions": [{"params": []}]}), False),
    ("repeated string holds strings", _with(("skills", 0, "examples"), [1]), False),
]


@pytest.mark.parametrize(("case", "card", "valid"), V1_CASES, ids=[f"{i}-{c[0]}" for i, c in enumerate(V1_CASES)])
def test_v1_schema_follows_the_proto(case: str, card: dict, valid: bool) -> None:
    assert ours(V1).is_valid(card) == valid, case
    assert ours_by_jsonschema(V1).is_valid(card) == valid, case


def test_whole_corpus_lints_at_real_paths_without_internal_errors(tmp_path) -> None:
    written = materialize("a2a-agent-card", tmp_path)
    result = run_lint(LintOptions(root=tmp_path, cwd=tmp_path, no_config=True, select=("ALL",)))
    assert result.errors == []
    # Two `.well-known/agent.json` files belong to other protocols (AHP, Telex) and are left alone.
    ctx = CheckContext(root=tmp_path, index=FileIndex(tmp_path))
    left_alone = [row["path"] for path, row in written
                  if a2a.parse(SourceFile(path, path.relative_to(tmp_path).as_posix()), ctx) is None]
    assert sorted(left_alone) == [".well-known/agent.json", ".well-known/agent.json"]
    assert result.files_checked == len(written) - 2
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
