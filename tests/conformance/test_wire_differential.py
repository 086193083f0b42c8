"""Our wire models against the official JSON Schemas, message by message.

The oracle is `../shared/spec/mcp-schema/<revision>/schema.json` (read at test time, never
copied into the project), validated with `jsonschema` and no format checker (formats are
annotations there as in our models). For every hand-written valid instance
(`test_wire_instances.py`) and for thousands of mutations of them (each property dropped,
each value replaced by a value of every JSON type and by an unknown string, an unknown
property added to every object, then random compositions of those by hypothesis) our
verdict (no issue = valid) must equal the oracle's, except for the differences listed in
`SPEC_CORRECTIONS`, where we follow the spec text: each is a patch to the official
schema that makes it agree with us, is exercised by some mutation, and says why.

How a message is judged by the oracle: a result response satisfies the envelope
(`JSONRPCResponse`, `JSONRPCResultResponse` from 2025-11-25) and its `result` one of the
result types of the request's method; a server request or notification satisfies the
envelope and its own type; an error response its error type.

Skips cleanly when `../shared` (or `$AGENTCONFORM_SHARED`) is absent.
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.conformance.protocol.wire import validate_server_message

try:  # tests/conformance is not a package: pytest puts this folder on sys.path
    from test_wire_instances import INSTANCES, MODERN, REVS, Instance, at_least
except ImportError:  # it became one
    from .test_wire_instances import INSTANCES, MODERN, REVS, Instance, at_least  # type: ignore[no-redef]

SHARED = Path(os.environ.get("AGENTCONFORM_SHARED") or Path(__file__).resolve().parents[3] / "shared")
SCHEMAS = SHARED / "spec" / "mcp-schema"

pytestmark = pytest.mark.skipif(not SCHEMAS.is_dir(), reason=f"the official schemas are not at {SCHEMAS}")


# --- the oracle, and the spec's corrections to it ------------------------------------------------------


def _ids_may_be_null(defs: dict, rev: str) -> None:
    for schema in defs.values():
        properties = schema.get("properties", {})
        if "error" in properties and "id" in properties:
            properties["id"] = {"anyOf": [properties["id"], {"type": "null"}]}


def _result_xor_error(defs: dict, rev: str) -> None:
    for schema in defs.values():
        properties = schema.get("properties", {})
        if "jsonrpc" in properties and ("result" in properties or "error" in properties):
            schema["not"] = {"required": ["result", "error"]}


def _notifications_without_id(defs: dict, rev: str) -> None:
    defs["JSONRPCNotification"]["not"] = {"required": ["id"]}


def _batches_not_empty(defs: dict, rev: str) -> None:
    for schema in [defs["JSONRPCBatchRequest"], defs["JSONRPCBatchResponse"], *defs["JSONRPCMessage"]["anyOf"]]:
        if schema.get("type") == "array":
            schema["minItems"] = 1


def _completion_values_max_100(defs: dict, rev: str) -> None:
    defs["CompleteResult"]["properties"]["completion"]["properties"]["values"]["maxItems"] = 100


def _json_value_any(defs: dict, rev: str) -> None:
    for member in defs["JSONValue"]["anyOf"]:
        if isinstance(member.get("type"), list):
            member["type"] = ["string", "number", "boolean", "null"]


def _input_required(defs: dict, rev: str) -> None:
    defs["InputRequiredResult"]["anyOf"] = [{"required": ["inputRequests"]}, {"required": ["requestState"]}]


SPEC_CORRECTIONS: dict[str, tuple[str, tuple[str, ...], Callable[[dict, str], None]]] = {
    "error-id-null": (
        'JSON-RPC 2.0 answers a request whose id it could not read with "id": null; the schemas reject null (BASE-007)',
        REVS,
        _ids_may_be_null,
    ),
    "result-xor-error": (
        "JSON-RPC 2.0 and MCP's base protocol: a response sets exactly one of result and error; the open schemas allow both",
        REVS,
        _result_xor_error,
    ),
    "notification-without-id": (
        "MCP base protocol: notifications MUST NOT include an id (BASE-005); the open envelope schema ignores one",
        REVS,
        _notifications_without_id,
    ),
    "batch-not-empty": (
        "JSON-RPC 2.0: a server MUST NOT return an empty array; the 2025-03-26 batch arrays allow []",
        ("2025-03-26",),
        _batches_not_empty,
    ),
    "completion-values-max-100": (
        "schema.ts says completion values 'Must not exceed 100 items'; only the 2026-07-28 schema.json encodes it",
        REVS[:4],
        _completion_values_max_100,
    ),
    "json-value-any": (
        "schema.ts's JSONValue includes null and any number; the generated 2026-07-28 JSONValue allows neither",
        (MODERN,),
        _json_value_any,
    ),
    "input-required-result": (
        "2026-07-28: an InputRequiredResult MUST carry inputRequests or requestState, and resultType "
        "'input_required' (only) selects it; the schema's anyOf accepts {resultType: 'complete'} as one",
        (MODERN,),
        _input_required,
    ),
}


class Oracle:
    def __init__(self, rev: str, corrections: frozenset[str] = frozenset()) -> None:
        self.rev = rev
        self.corrections = corrections
        self.root = json.loads((SCHEMAS / rev / "schema.json").read_text(encoding="utf-8"))
        self.defs_key = "$defs" if "$defs" in self.root else "definitions"
        self.defs: dict[str, Any] = self.root[self.defs_key]
        for name in corrections:
            SPEC_CORRECTIONS[name][2](self.defs, rev)
        self.defs = self._inlined()
        self.cls = jsonschema.validators.validator_for(self.root)
        self.cache: dict[Any, Any] = {}
        self.legacy_envelopes = not at_least(rev, "2025-11-25")

    def _inlined(self) -> dict[str, Any]:
        """The definitions with every `$ref` replaced by its target (2.5x faster to validate).

        Exact: a `$ref` in these schemas never has a sibling keyword but `description`. The
        recursive JSON value types of 2026-07-28 stay references.
        """
        prefix = f"#/{self.defs_key}/"
        recursive = {"JSONValue", "JSONObject", "JSONArray"}
        done: dict[str, Any] = {}

        def resolve(node: Any) -> Any:
            if isinstance(node, list):
                return [resolve(item) for item in node]
            if not isinstance(node, dict):
                return node
            target = node.get("$ref", "")
            if target.startswith(prefix) and target[len(prefix) :] not in recursive:
                assert set(node) <= {"$ref", "description"}, node
                return build(target[len(prefix) :])
            return {key: resolve(value) for key, value in node.items()}

        def build(name: str) -> Any:
            if name not in done:
                done[name] = resolve(self.defs[name])
            return done[name]

        return {name: build(name) for name in self.defs}

    def typed_errors(self) -> dict[int, str]:
        """Error response types the schema ties to one code (`error.code` const)."""
        found = {}
        for name, schema in self.defs.items():
            for part in schema.get("properties", {}).get("error", {}).get("allOf", []):
                code = part.get("properties", {}).get("code", {}).get("const")
                if code is not None:
                    found[code] = name
        return found

    def ref(self, name: str) -> dict:
        assert name in self.defs, f"{name} is not defined in the {self.rev} schema"
        return {"$ref": f"#/{self.defs_key}/{name}"}

    def _validator(self, key: tuple, parts: list[dict]) -> Any:
        found = self.cache.get(key)
        if found is None:
            schema = {"$schema": self.root["$schema"], self.defs_key: self.defs, "allOf": parts}
            found = self.cache[key] = self.cls(schema)
        return found

    def _result(self, names: tuple[str, ...]) -> dict:
        if "input-required-result" in self.corrections and "InputRequiredResult" in names:
            (complete,) = (name for name in names if name != "InputRequiredResult")
            says_input_required = {"properties": {"resultType": {"const": "input_required"}}, "required": ["resultType"]}
            return {"if": says_input_required, "then": self.ref("InputRequiredResult"), "else": self.ref(complete)}
        return {"anyOf": [self.ref(name) for name in names]}

    def valid(self, instance: Instance, message: Any) -> bool:
        if instance.kind == "batch":
            whole = self._validator(("message",), [self.ref("JSONRPCMessage")])
            return (
                whole.is_valid(message)
                and isinstance(message, list)
                and len(message) <= len(instance.elements)
                and all(self.valid(element, item) for element, item in zip(instance.elements, message))
            )
        key = (instance.kind, instance.oracle)
        if instance.kind == "result":
            envelope = "JSONRPCResponse" if self.legacy_envelopes else "JSONRPCResultResponse"
            parts = [self.ref(envelope), {"properties": {"result": self._result(instance.oracle)}}]
        elif instance.kind == "error":
            generic = "JSONRPCError" if self.legacy_envelopes else "JSONRPCErrorResponse"
            parts = [self.ref(generic)]
            for code, name in self.typed_errors().items():
                has_code = {
                    "properties": {"error": {"properties": {"code": {"const": code}}, "required": ["code"]}},
                    "required": ["error"],
                }
                parts.append({"if": has_code, "then": self.ref(name)})
        elif instance.kind == "request":
            parts = [self.ref("JSONRPCRequest"), self.ref(instance.oracle[0])]
        else:
            parts = [self.ref("JSONRPCNotification"), self.ref(instance.oracle[0])]
        return self._validator(key, parts).is_valid(message)


ORACLES: dict[tuple[str, frozenset[str]], Oracle] = {}


def oracle(rev: str, corrections: frozenset[str] = frozenset()) -> Oracle:
    key = (rev, corrections)
    if key not in ORACLES:
        ORACLES[key] = Oracle(rev, corrections)
    return ORACLES[key]


def ours(rev: str, instance: Instance, message: Any) -> bool:
    return not validate_server_message(rev, message, request_method=instance.request_method)


_LAST_EXPLANATION: list[str] = []


def explain(rev: str, instance: Instance, message: Any, mine: bool) -> str | None:
    """The spec correction under which the official schema agrees with our verdict."""
    # The correction that explained the last difference is tried first (they come in runs).
    for name in sorted(SPEC_CORRECTIONS, key=lambda name: name not in _LAST_EXPLANATION):
        _reason, revisions, _patch = SPEC_CORRECTIONS[name]
        if rev in revisions and oracle(rev, frozenset({name})).valid(instance, message) == mine:
            _LAST_EXPLANATION[:] = [name]
            return name
    return None


# --- mutations ------------------------------------------------------------------------------------------

Path_ = tuple[Any, ...]
REPLACEMENTS: tuple[Any, ...] = (None, True, 0, 1.5, "bogus-value", [], {}, {"x-extra": 1})
"""A value of every JSON type (an unknown string for enums and consts, an object with an
unknown member for typed maps); numbers also get -1 and their float twin (`1.0`)."""


def walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


def replaced(message: Any, path: Path_, new: Any) -> Any:
    if not path:
        return copy.deepcopy(new)
    result = copy.deepcopy(message)
    node = result
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = copy.deepcopy(new)
    return result


def dropped(message: Any, path: Path_) -> Any:
    result = copy.deepcopy(message)
    node = result
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return result


def same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def mutations(message: Any) -> Iterator[tuple[str, Any]]:
    """Systematic mutations: drop every member, retype every value, extend every object."""
    for path, node in walk(message):
        where = "/" + "/".join(map(str, path))
        if isinstance(node, dict):
            for key in node:
                yield f"drop {where}/{key}", dropped(message, (*path, key))
            yield f"add {where}/x-extra", replaced(message, (*path, "x-extra"), {"any": None})
        for new in REPLACEMENTS:
            if not same(node, new):
                yield f"{where} = {json.dumps(new)}", replaced(message, path, new)
        if isinstance(node, float) or (isinstance(node, int) and not isinstance(node, bool)):
            yield f"{where} = {node}.0 as float", replaced(message, path, float(node))
            yield f"{where} = -1", replaced(message, path, -1)
    if isinstance(message, dict):
        if "result" in message:
            yield "add /error", {**message, "error": {"code": 1, "message": "both"}}
        if "method" in message and "id" not in message:
            yield "add /id", {**message, "id": 9}
    for path, node in walk(message):
        if isinstance(node, list) and node and all(isinstance(item, str) for item in node):
            yield f"/{'/'.join(map(str, path))} with 101 items", replaced(message, path, [node[0]] * 101)
    if isinstance(message, list):
        yield "empty batch", []


def compare(rev: str, instance: Instance, label: str, message: Any, tally: Counter, problems: list[str]) -> None:
    mine = ours(rev, instance, message)
    theirs = oracle(rev).valid(instance, message)
    if mine == theirs:
        tally["agree-invalid" if not mine else "agree-valid"] += 1
        return
    reason = explain(rev, instance, message, mine)
    if reason is not None:
        tally[f"spec-correction:{reason}"] += 1
        return
    verdicts = f"ours={'valid' if mine else 'invalid'} official={'valid' if theirs else 'invalid'}"
    problems.append(f"{instance.name} {label}: {verdicts} {json.dumps(message)[:300]}")


TALLIES: dict[str, Counter] = {}


# --- tests -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rev", REVS)
def test_instances_cover_every_server_message_type(rev: str) -> None:
    """Every member of the official server unions, and every error type, has an instance."""
    official = oracle(rev)
    defs = official.root[official.defs_key]
    wanted = set()
    for union in ("ServerResult", "ServerNotification", "ServerRequest"):
        if union in defs:
            wanted |= {member["$ref"].rsplit("/", 1)[1] for member in defs[union]["anyOf"]}
    wanted |= {name for name, schema in defs.items() if name.endswith("Error") and "error" in schema.get("properties", {})}
    wanted |= {"JSONRPCError" if "JSONRPCError" in defs else "JSONRPCErrorResponse"}
    covered = {name for instance in INSTANCES[rev] for name in instance.oracle}
    assert wanted - covered == set()


def _members(schema: dict, defs: dict) -> tuple[set[str], set[str]]:
    """(properties, required) of an official definition, through `$ref` and `allOf`."""
    if "$ref" in schema:
        return _members(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    properties, required = set(schema.get("properties", {})), set(schema.get("required", []))
    for part in schema.get("allOf", []):
        more, more_required = _members(part, defs)
        properties |= more
        required |= more_required
    return properties, required


@pytest.mark.parametrize("rev", REVS)
def test_definitions_have_the_official_members(rev: str) -> None:
    """Each type we export under an official name has the same members, required alike.

    Catches an optional member we forgot, which no mutation of our own instances would
    reach. The one difference: up to 2025-06-18 a request or notification type of the
    schema lacks the envelope's `jsonrpc` (and `id`); our messages carry both.
    """
    official = oracle(rev)
    defs = official.root[official.defs_key]
    ours_exported = json.loads(
        (Path(__file__).resolve().parents[2] / "schemas" / "mcp" / f"{rev}.schema.json").read_text(encoding="utf-8")
    )
    differences = {}
    for name, schema in ours_exported["$defs"].items():
        if name not in defs:
            continue
        theirs, theirs_required = _members(defs[name], defs)
        mine, mine_required = set(schema.get("properties", {})), set(schema.get("required", []))
        if official.legacy_envelopes and name.endswith(("Request", "Notification")) and not name.startswith("JSONRPC"):
            theirs |= {"jsonrpc", "id"} & mine
            theirs_required |= {"jsonrpc", "id"} & mine_required
        if (mine, mine_required) != (theirs, theirs_required):
            differences[name] = (sorted(mine ^ theirs), sorted(mine_required ^ theirs_required))
    assert differences == {}
    assert len([name for name in ours_exported["$defs"] if name in defs]) >= 40


@pytest.mark.parametrize("rev", REVS)
def test_valid_instances_agree(rev: str) -> None:
    for instance in INSTANCES[rev]:
        assert oracle(rev).valid(instance, instance.message), f"{instance.name} is not valid for the official {rev} schema"
        issues = validate_server_message(rev, instance.message, request_method=instance.request_method)
        assert issues == [], f"{instance.name}: {[str(issue) for issue in issues]}"


@pytest.mark.parametrize("rev", REVS)
def test_systematic_mutations_agree(rev: str) -> None:
    tally: Counter = Counter()
    problems: list[str] = []
    for instance in INSTANCES[rev]:
        for label, message in mutations(instance.message):
            compare(rev, instance, label, message, tally, problems)
    TALLIES[rev] = tally
    print(f"\n{rev}: {sum(tally.values())} mutations, {dict(sorted(tally.items()))}")
    assert problems == [], "\n".join(problems[:40])
    assert tally["agree-invalid"] > 1000 and tally["agree-valid"] > 100


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-2, 2, allow_nan=False)
    | st.sampled_from(["", "text", "2.0", "object", "bogus-value"]),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from(["type", "name", "x-extra", "_meta"]), inner, max_size=2)
    ),
    max_leaves=4,
)
ENVELOPE_KEYS = {"jsonrpc", "id", "method", "result", "error"}


@st.composite
def mutated(draw: Any, rev: str) -> tuple[Instance, list[str], Any]:
    instance = draw(st.sampled_from(INSTANCES[rev]))
    message = instance.copy()
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        nodes = list(walk(message))
        path, node = draw(st.sampled_from(nodes))
        operation = draw(st.sampled_from(["replace", "drop", "add"]))
        if operation == "drop" and path:
            message = dropped(message, path)
        elif operation == "add" and isinstance(node, dict):
            keys = sorted({key for p, _ in nodes for key in p if isinstance(key, str)} | {"x-extra"})
            if not path:  # a new envelope member changes what kind of message it is
                keys = [key for key in keys if key not in ENVELOPE_KEYS]
            key = draw(st.sampled_from(keys))
            message = replaced(message, (*path, key), draw(JSON_VALUES))
        else:
            message = replaced(message, path, draw(JSON_VALUES))
        steps.append(f"{operation} /{'/'.join(map(str, path))}")
    return instance, steps, message


def _random_mutations(rev: str) -> None:
    tally: Counter = Counter()
    problems: list[str] = []

    @settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
    @given(mutated(rev))
    def run(case: tuple[Instance, list[str], Any]) -> None:
        instance, steps, message = case
        compare(rev, instance, "; ".join(steps), message, tally, problems)

    run()
    print(f"\n{rev} (hypothesis): {sum(tally.values())} mutations, {dict(sorted(tally.items()))}")
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("rev", REVS)
def test_random_mutations_agree(rev: str) -> None:
    _random_mutations(rev)


@pytest.mark.parametrize("name", sorted(SPEC_CORRECTIONS))
def test_every_spec_correction_is_exercised(name: str) -> None:
    """Each listed difference shows among the systematic mutations, and we side with the spec."""
    _reason, revisions, _patch = SPEC_CORRECTIONS[name]
    for rev in revisions:
        corrected = oracle(rev, frozenset({name}))
        for instance in sorted(INSTANCES[rev], key=lambda instance: len(json.dumps(instance.message))):
            candidates = [instance.message, *(message for _label, message in mutations(instance.message))]
            for message in candidates:
                mine = ours(rev, instance, message)
                if mine != oracle(rev).valid(instance, message) and corrected.valid(instance, message) == mine:
                    return
    pytest.fail(f"no mutation exercises the spec correction {name!r}")
