"""Argument synthesis, regex generation and schema helpers of the tools area (no server needed)."""

from __future__ import annotations

import re

import pytest

from validator.conformance.observe import regexgen, synth
from validator.conformance.observe import schema as schemas


def _synth(schema, revision="2025-11-25"):
    dialect = schemas.dialect_of(schema, revision)
    validator = schemas.validator(schema, dialect)
    return synth.synthesize(schema, validator), validator


RICH = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "minLength": 3, "maxLength": 5, "pattern": "^[a-z]+$"},
        "count": {"type": "integer", "minimum": 10, "maximum": 20, "multipleOf": 7},
        "tags": {"type": "array", "items": {"type": "string", "enum": ["x", "y", "z"]}, "minItems": 2, "uniqueItems": True},
        "where": {"anyOf": [{"type": "string", "pattern": "^[A-Z][a-z]+$"},
                            {"type": "object", "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90}},
                             "required": ["lat"]}]},
        "when": {"type": "string", "format": "date"},
        "ref": {"$ref": "#/$defs/item"},
        "mode": {"const": "fast"},
        "level": {"type": "string", "enum": ["low", "high"], "default": "high"},
        "optional": {"type": "string"},
    },
    "required": ["query", "count", "tags", "where", "when", "ref", "mode", "level"],
    "$defs": {"item": {"type": "object", "properties": {"id": {"type": "string", "pattern": "^i[0-9]{2}$"}},
                       "required": ["id"], "additionalProperties": False}},
}


def test_rich_schema_gets_valid_arguments_and_leaves_optional_out():
    made, validator = _synth(RICH)
    assert made.arguments is not None, made.problem
    assert validator.is_valid(made.arguments)
    assert made.arguments["level"] == "high"  # the default is preferred
    assert made.arguments["count"] == 14 and made.arguments["mode"] == "fast"
    assert "optional" not in made.arguments


@pytest.mark.parametrize("schema", [
    {"type": "object", "properties": {"v": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]}}, "required": ["v"]},
    {"type": "object", "allOf": [{"properties": {"a": {"type": "string"}}, "required": ["a"]},
                                 {"properties": {"b": {"type": "boolean"}}, "required": ["b"]}]},
    {"type": "object", "properties": {"x": {"not": {"type": "string"}}}, "required": ["x"]},
    {"type": "object", "properties": {"t": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "minItems": 2}},
     "required": ["t"]},
    {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
     "properties": {"t": {"type": "array", "items": [{"type": "integer"}, {"type": "boolean"}], "minItems": 2}}, "required": ["t"]},
    {"type": "object", "properties": {"e": {"type": "string", "format": "email"}, "u": {"type": "string", "format": "uuid"},
                                      "ip": {"type": "string", "format": "ipv4"}}, "required": ["e", "u", "ip"]},
    {"type": "object", "properties": {"n": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}}, "required": ["n"]},
    {"type": "object", "minProperties": 2, "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}},
    {"type": "object", "properties": {"c": {"type": "array", "contains": {"const": 7}, "items": {"type": "integer"}}},
     "required": ["c"]},
    {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["a"],
     "dependentRequired": {"a": ["b"]}},
])
def test_composition_and_keywords(schema):
    made, validator = _synth(schema)
    assert made.arguments is not None, made.problem
    assert validator.is_valid(made.arguments)


def test_durations_get_their_smallest_value():
    schema = {"type": "object", "properties": {"duration": {"type": "number", "default": 10},
                                               "delayMs": {"type": "integer", "minimum": 5}, "steps": {"type": "number", "default": 5}}}
    made, _ = _synth(schema)
    assert made.arguments == {"duration": 0, "delayMs": 5}


@pytest.mark.parametrize("schema,fragment", [
    ({"type": "object", "properties": {"x": {"type": "integer", "minimum": 5, "maximum": 3}}, "required": ["x"]}, "between 5 and 3"),
    ({"type": "object", "properties": {"x": {"type": "string", "enum": [1, 2]}}, "required": ["x"]}, "no enum member"),
    ({"type": "object", "properties": {"x": {"type": "string", "minLength": 9, "maxLength": 2}}}, "minLength 9 > maxLength 2"),
    ({"type": "object", "properties": {"x": False}, "required": ["x"]}, "schema is false"),
    ({"type": "object", "required": ["a"], "additionalProperties": False}, "is not allowed"),
])
def test_contradictions_are_proven(schema, fragment):
    made, _ = _synth(schema)
    assert any(fragment in c for c in made.contradictions), made.contradictions
    # an optional property that admits nothing is a defect, but the tool stays callable without it
    assert (made.arguments is None) == bool(schema.get("required"))


def test_unsupported_is_not_a_contradiction():
    made, _ = _synth({"type": "object", "properties": {"p": {"$ref": "#"}}, "required": ["p"]})
    assert made.arguments is None and made.contradictions == []


def test_violating_arguments_are_invalid():
    made, validator = _synth(RICH)
    args, what = synth.violating(RICH, made.arguments, validator)
    assert not validator.is_valid(args) and "left out" in what
    loose = {"type": "object"}
    made, validator = _synth(loose)
    assert synth.violating(loose, made.arguments, validator) is None


@pytest.mark.parametrize("pattern,low,high", [
    (r"^[a-z]{2,4}-\d+(x|yz)?$", 0, None), (r"^\d{4}-\d{2}-\d{2}$", 0, None), (r"abc", 10, 12),
    (r"^(foo|bar)+$", 7, None), (r"^[^\s@]+@[^\s@]+\.[^\s@]+$", 0, None), (r"(\w)\1", 0, None),
    (r"^(a+)+$", 30, None), (r"^\+?[1-9]\d{1,14}$", 0, None),
])
def test_regex_generation(pattern, low, high):
    text = regexgen.matching(pattern, min_length=low, max_length=high)
    assert text is not None and re.search(pattern, text) and len(text) >= low
    assert high is None or len(text) <= high


def test_regex_generation_gives_up_cleanly():
    assert regexgen.matching("[[[") is None
    assert regexgen.matching(r"^[a-z]{1,3}$", min_length=5) is None


def test_dialects_per_revision():
    assert schemas.dialect_of({}, "2025-11-25").name == "2020-12"
    assert schemas.dialect_of({}, "2025-06-18").name == "draft-07"
    assert schemas.dialect_of({"$schema": "http://json-schema.org/draft-07/schema#"}, "2025-11-25").name == "draft-07"
    unknown = schemas.dialect_of({"$schema": "https://example.com/x"}, "2025-11-25")
    assert not unknown.known and unknown.declared


def test_meta_validation_and_refs():
    bad = {"type": "object", "properties": {"a": {"type": "strin"}}}
    assert schemas.meta_problems(bad, schemas.dialect_of(bad, "2025-11-25"))
    schema = {"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}, "b": {"$ref": "#/$defs/missing"},
                                               "c": {"$ref": "https://example.com/c.json"}, "d": {"$ref": "#anchor"}},
              "$defs": {"a": {"type": "string"}, "x": {"$anchor": "anchor"}}}
    external, dangling = schemas.ref_problems(schema)
    assert external == ["/properties/c: https://example.com/c.json"]
    assert dangling == ["/properties/b: #/$defs/missing"]


def test_subschemas_skip_data_keywords():
    schema = {"type": "object", "properties": {"a": {"enum": [{"type": "not-a-schema"}]}}, "default": {"properties": {}}}
    pointers = [p for p, _n, _v in schemas.subschemas(schema)]
    assert pointers == ["", "/properties/a"]


def test_descriptions_offer_samples_the_way_a_model_reads_them():
    schema = {"type": "object", "required": ["tz", "at"], "properties": {
        "tz": {"type": "string", "description": "IANA name (e.g., 'America/New_York'). Use 'Etc/UTC' if unsure."},
        "at": {"type": "string", "description": "Time in 24-hour format (HH:MM)"},
        "who": {"type": "string", "description": "the user's name, as the server's directory has it"}}}
    made, _ = _synth(schema)
    assert made.arguments == {"tz": "America/New_York", "at": "12:00"}
    assert synth.described(schema["properties"]["who"]) == []  # apostrophes are not quotes
