"""Our run-time JSON Schema validator agrees with `jsonschema` (the oracle) keyword by keyword."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from validator.engine.schemacheck import SchemaError, Validator

SCHEMAS = [
    {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": ["string", "null"]}}, "required": ["a"]},
    {"type": "object", "additionalProperties": False, "properties": {"x": {}}, "patternProperties": {"^y": {"type": "boolean"}}},
    {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "exclusiveMaximum": 10}},
    {"type": "array", "items": {"enum": [1, "a", None, True]}, "minItems": 1, "maxItems": 3, "uniqueItems": True},
    {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
    {"anyOf": [{"type": "string"}, {"type": "object", "required": ["k"]}]},
    {"oneOf": [{"type": "integer"}, {"type": "number", "multipleOf": 0.5}]},
    {"allOf": [{"type": "object"}, {"not": {"required": ["forbidden"]}}], "minProperties": 1, "maxProperties": 3},
    {"$defs": {"pos": {"type": "integer", "minimum": 1}}, "type": "array", "items": {"$ref": "#/$defs/pos"}},
    {"const": {"a": [1, 2]}},
    {"type": "object", "propertyNames": {"maxLength": 2}, "dependentRequired": {"a": ["b"]}},
    {"if": {"properties": {"t": {"const": "x"}}, "required": ["t"]}, "then": {"required": ["x"]}, "else": {"required": ["y"]}},
    {"type": "object", "properties": {"v": {"type": "string", "not": {"const": "latest"}}},
     "anyOf": [{"required": ["v"]}, {"required": ["w"]}]},
    True,
    False,
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-3, max_value=12) | st.sampled_from([0.5, 1.0, 2.25, -1.5])
    | st.sampled_from(["", "a", "ab", "abc", "abcde", "AB", "latest", "x", "y1", "k"]),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["a", "b", "k", "t", "x", "y", "y2", "v", "w", "forbidden", "long-name"]), children, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize("schema", SCHEMAS, ids=[str(i) for i in range(len(SCHEMAS))])
@settings(max_examples=250, deadline=None)
@given(value=json_values)
def test_verdicts_match_jsonschema(schema, value) -> None:
    assert Validator(schema).is_valid(value) == Draft202012Validator(schema).is_valid(value)


def test_unknown_keywords_and_remote_refs_are_refused() -> None:
    with pytest.raises(SchemaError):
        Validator({"type": "object", "unevaluatedProperties": False})
    with pytest.raises(SchemaError):
        Validator({"$ref": "https://example.com/schema.json"})


def test_errors_carry_paths_and_anyof_context() -> None:
    schema = {"type": "object", "properties": {"t": {"anyOf": [
        {"type": "object", "properties": {"type": {"const": "a"}, "n": {"type": "integer"}}},
        {"type": "object", "properties": {"type": {"const": "b"}}}]}}}
    errors = list(Validator(schema).iter_errors({"t": {"type": "a", "n": "x"}}))
    assert [e.validator for e in errors] == ["anyOf"]
    assert list(errors[0].absolute_path) == ["t"]
    assert sorted(tuple(e.relative_path) for e in errors[0].context) == [("n",), ("type",)]


def test_formats_are_pluggable() -> None:
    validator = Validator({"format": "uri"}, formats={"uri": lambda v: not isinstance(v, str) or ":" in v})
    assert validator.is_valid("https://x") and not validator.is_valid("nope") and validator.is_valid(3)
