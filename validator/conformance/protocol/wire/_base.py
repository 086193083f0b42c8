"""Building blocks shared by every revision's wire models.

Owns the base model (open objects, strict JSON types, wire names as field names), the
JSON scalar types with JSON Schema semantics (`integer` accepts `1.0`, never `true`),
and the two kinds of unions the schemas use: unions with a discriminating key (content
blocks by `type`, server requests by `method`) and plain `anyOf` unions.

Conventions the revision modules follow:

- Field names are the wire names (camelCase); keys that are not Python identifiers
  (`_meta`, `$schema`, `io.modelcontextprotocol/...`) use an alias.
- An optional property is written `name: T = None`: the default is never validated,
  so an absent property passes while an explicit `null` is checked against `T` (the
  schemas never allow `null` where they do not say so).
- Every object is open (`extra="allow"`): no MCP schema revision sets
  `additionalProperties: false`, so unknown members are legal everywhere.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PlainValidator, Tag, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError

__all__ = [
    "JSON_TYPE_NAMES",
    "Int",
    "LoggingLevel",
    "Meta",
    "NullableInt",
    "NullableRequestId",
    "Number",
    "Object",
    "RequestId",
    "Role",
    "UnitNumber",
    "WireModel",
    "WithMeta",
    "any_of",
    "derive",
    "int_const",
    "json_type",
    "keyed_union",
    "min_int",
    "removed",
]


class WireModel(BaseModel):
    """An MCP object: open, strictly typed, named as on the wire, built on first use."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        defer_build=True,
        hide_input_in_errors=True,
    )


def json_type(value: Any) -> str:
    """The JSON type name of a decoded JSON value (for messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


JSON_TYPE_NAMES = ("null", "boolean", "integer", "number", "string", "array", "object")


def _is_int(value: Any) -> bool:
    # JSON Schema: an integer is any number with a zero fractional part (1.0 counts),
    # and booleans are not numbers.
    return type(value) is int or (type(value) is float and value.is_integer())


def _int(value: Any) -> Any:
    if _is_int(value):
        return value
    raise PydanticCustomError("json_type", "expected integer, got {got}", {"expected": "integer", "got": json_type(value)})


def _number(value: Any) -> Any:
    if type(value) is int or type(value) is float:
        return value
    raise PydanticCustomError("json_type", "expected number, got {got}", {"expected": "number", "got": json_type(value)})


def _request_id(value: Any) -> Any:
    if type(value) is str or _is_int(value):
        return value
    raise PydanticCustomError(
        "json_type", "expected string or integer, got {got}", {"expected": "string or integer", "got": json_type(value)}
    )


def _nullable_int(value: Any) -> Any:
    if value is None or _is_int(value):
        return value
    raise PydanticCustomError(
        "json_type", "expected integer or null, got {got}", {"expected": "integer or null", "got": json_type(value)}
    )


Int = Annotated[int, PlainValidator(_int), WithJsonSchema({"type": "integer"})]
"""JSON Schema `integer`."""

Number = Annotated[float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
"""JSON Schema `number`."""

RequestId = Annotated[Union[str, int], PlainValidator(_request_id), WithJsonSchema({"type": ["string", "integer"]})]
"""`RequestId` / `ProgressToken`: a string or an integer, never null."""


def _nullable_request_id(value: Any) -> Any:
    if value is None:
        return value
    return _request_id(value)


NullableRequestId = Annotated[
    Union[str, int, None], PlainValidator(_nullable_request_id), WithJsonSchema({"type": ["string", "integer", "null"]})
]
"""The `id` of an error response: JSON-RPC 2.0 answers an unreadable request with `null`."""

NullableInt = Annotated[Union[int, None], PlainValidator(_nullable_int), WithJsonSchema({"type": ["integer", "null"]})]


def _bounded_number(low: float, high: float | None) -> Any:
    def check(value: Any) -> Any:
        _number(value)
        if value < low or (high is not None and value > high):
            bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
            raise PydanticCustomError("json_range", "must be {bounds}, got {value}", {"bounds": bounds, "value": value})
        return value

    schema: dict[str, Any] = {"type": "number", "minimum": low}
    if high is not None:
        schema["maximum"] = high
    return Annotated[float, PlainValidator(check), WithJsonSchema(schema)]


UnitNumber = _bounded_number(0, 1)
"""A number in [0, 1] (priorities)."""


def min_int(low: int) -> Any:
    """JSON Schema `{"type": "integer", "minimum": low}`."""

    def check(value: Any) -> Any:
        _int(value)
        if value < low:
            raise PydanticCustomError(
                "json_range", "must be {bounds}, got {value}", {"bounds": f"at least {low}", "value": value}
            )
        return value

    return Annotated[int, PlainValidator(check), WithJsonSchema({"type": "integer", "minimum": low})]


def int_const(expected: int) -> Any:
    """JSON Schema `{"type": "integer", "const": expected}` (error codes); `-32042.0` matches."""

    def check(value: Any) -> Any:
        if _is_int(value) and value == expected:
            return value
        raise PydanticCustomError("json_const", "expected {expected}, got {value!r}", {"expected": expected, "value": value})

    return Annotated[int, PlainValidator(check), WithJsonSchema({"type": "integer", "const": expected})]


Object = dict[str, Any]
"""A JSON object with any members (`{"type": "object", "additionalProperties": {}}`)."""

Meta = Object
"""A `_meta` object whose members the revision does not constrain."""

Role = Literal["assistant", "user"]
LoggingLevel = Literal["alert", "critical", "debug", "emergency", "error", "info", "notice", "warning"]


def derive(base: type[WireModel], /, _name: str | None = None, _doc: str | None = None, **fields: Any) -> Any:
    """`base` with some members holding a newer revision's types, as a class of the caller.

    A revision that changes `Tool` must re-declare every container of a `Tool`; this says
    so in one line: `ListToolsResult = derive(_previous.ListToolsResult, tools=list[Tool])`.
    A member keeps its alias, format and whether it is required. `_name` makes a new type
    from `base` instead (a code-specific error response).
    """
    definitions: dict[str, Any] = {}
    for name, annotation in fields.items():
        inherited = base.model_fields.get(name)
        if inherited is None and _name is None:
            raise TypeError(f"{base.__name__} has no member {name!r} to re-type; declare new members in a class")
        options = {"alias": inherited.alias, "json_schema_extra": inherited.json_schema_extra} if inherited else {}
        required = inherited is None or inherited.is_required()
        definitions[name] = (annotation, Field(**options) if required else Field(None, **options))
    module = sys._getframe(1).f_globals["__name__"]  # as pydantic's create_model does
    model = create_model(_name or base.__name__, __base__=base, __module__=module, **definitions)
    model.__doc__ = _doc if _doc is not None else base.__doc__
    return model


def removed(alias: str | None = None) -> Any:
    """Declare an inherited member that this revision no longer defines.

    The object stays open, so the member is merely unconstrained (annotate it `Any`);
    the export leaves it out.
    """
    return Field(None, alias=alias, json_schema_extra={"x-removed": True})


class WithMeta(WireModel):
    """Mixin: the optional `_meta` object."""

    meta: Meta = Field(None, alias="_meta")


# --- unions -----------------------------------------------------------------------

UNION_TAGS: set[str] = set()
"""Every union member tag; error locations pass through them and the pointer drops them."""

DISCRIMINATORS: dict[str, tuple[str, tuple[Any, ...]]] = {}
"""Discriminator function name -> (the key it reads, the values it accepts), for messages."""


def _literal_value(model: type[WireModel], key: str) -> Any:
    annotation = model.model_fields[key].annotation
    (value,) = get_args(annotation)
    return value


def keyed_union(key: str, *members: Any, name: str, default: Any = None, array: Any = None) -> Any:
    """A union whose members each require `key` to be a distinct constant.

    Equivalent to the schemas' `anyOf` (no two members can accept the same object),
    with one clear error instead of one per member. `default` is the member chosen when
    `key` is absent (elicitation's optional `mode`); `array` an extra member chosen for a
    JSON array (sampling content: a block or an array of blocks).
    """
    by_value: dict[Any, str] = {}
    choices: list[Any] = []
    for member in members:
        tag = member.__name__
        by_value[_literal_value(member, key)] = tag
        choices.append(Annotated[member, Tag(tag)])
    default_tag = default.__name__ if default is not None else None
    if array is not None:
        choices.append(Annotated[array, Tag(f"{name}[]")])
    values = tuple(by_value)

    def pick(value: Any) -> str | None:
        if isinstance(value, dict):
            if key not in value:
                return default_tag
            tag = value[key]
            if isinstance(tag, str):
                return by_value.get(tag, "?")
            return "?"
        if array is not None and isinstance(value, list):
            return f"{name}[]"
        return None

    pick.__name__ = f"{name}#{len(DISCRIMINATORS)}"
    UNION_TAGS.update([*by_value.values(), f"{name}[]"])
    DISCRIMINATORS[pick.__name__] = (key, values)
    return Annotated[Union[tuple(choices)], Discriminator(pick)]


def any_of(*members: Any, name: str) -> Any:
    """A plain `anyOf` of object models (valid when one member accepts the value).

    Errors name every member tried; `validate` keeps those of the closest member.
    """
    UNION_TAGS.update(member.__name__ for member in members)
    return Annotated[Union[tuple(members)], Field(union_mode="smart")]
