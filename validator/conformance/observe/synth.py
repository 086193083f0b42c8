"""Arguments for a tool call, built from its inputSchema and checked against it before use.

An `{}` that earns `isError` tests nothing, so `synthesize` builds a value that satisfies
the schema: required properties, types, `enum`/`const`, `default` and `examples` first,
formats, numeric bounds and `multipleOf`, string lengths and `pattern`s, nested objects
and arrays (`minItems`, `uniqueItems`, tuples, `contains`), `anyOf`/`oneOf` (first
satisfiable branch), `allOf` (merged), local `$ref`s. Every candidate is validated with
`jsonschema` under the schema's dialect; only a valid one is returned.

Optional properties are left out (the tool's own defaults apply), except numeric
properties whose name says they are a duration or delay (`duration`, `delayMs`,
`timeout`, ...): those get their smallest allowed value, so a read-only "long running
operation" demo does not hold the run for its default ten seconds.

`contradictions` lists the places where a schema provably admits no value (minimum above
maximum, an enum none of whose members fits the rest of its schema, a required property
whose schema is `false`, ...): a tool no client can call with valid arguments.
`violating` builds arguments that break the schema on purpose (tools-call-error).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from validator.conformance.observe import regexgen
from validator.conformance.observe.schema import resolve_pointer

FORMAT_SAMPLES = {
    "date-time": "2025-01-01T00:00:00Z", "date": "2025-01-01", "time": "12:00:00Z", "duration": "PT1S",
    "email": "user@example.com", "idn-email": "user@example.com", "hostname": "example.com",
    "idn-hostname": "example.com", "ipv4": "192.0.2.1", "ipv6": "2001:db8::1", "uri": "https://example.com/",
    "uri-reference": "https://example.com/", "iri": "https://example.com/", "iri-reference": "https://example.com/",
    "uri-template": "https://example.com/{id}", "uuid": "00000000-0000-4000-8000-000000000000",
    "json-pointer": "/a", "relative-json-pointer": "0", "regex": "^a$", "byte": "dGVzdA==",
}
NAME_HINTS = (  # (words in the property name, sample) for strings with no format or pattern
    ({"url", "uri", "link", "href", "endpoint"}, "https://example.com/"),
    ({"email", "mail"}, "user@example.com"),
    ({"date"}, "2025-01-01"),
)
PLACEHOLDERS = (  # format placeholders descriptions use, longest first
    ("YYYY-MM-DDTHH:MM:SS", "2025-01-01T12:00:00"), ("YYYY-MM-DD", "2025-01-01"), ("HH:MM:SS", "12:00:00"),
    ("HH:MM", "12:00"), ("MM/DD/YYYY", "01/01/2025"), ("DD/MM/YYYY", "01/01/2025"),
)
QUOTED = re.compile(r"""(?<![A-Za-z0-9])['"`‘“]([^'"`’”\n]{1,80})['"`’”](?![A-Za-z0-9])""")
EXAMPLE_CUE = re.compile(r"\b(e\.g\.|eg\.|for example|for instance|such as|example:|like)", re.I)
TIME_WORDS = {"duration", "delay", "sleep", "wait", "timeout", "interval", "latency", "seconds", "secs", "sec",
              "ms", "millis", "milliseconds", "pause", "ttl", "backoff"}
MAX_DEPTH = 12
MAX_CANDIDATES = 24


def words(name: str | None) -> set[str]:
    """`delayMs` → {delay, ms}; `max_wait_seconds` → {max, wait, seconds}."""
    if not name:
        return set()
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", str(name))
    return {w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w}


def time_like(name: str | None) -> bool:
    return bool(words(name) & TIME_WORDS)


def described(schema: dict) -> list[str]:
    """Sample strings a description offers: quoted examples (those after "e.g." first) and
    format placeholders such as HH:MM, the way a model reads a tool's documentation."""
    text = schema.get("description")
    if not isinstance(text, str) or not text:
        return []
    cue = EXAMPLE_CUE.search(text)
    after = [m.group(1) for m in QUOTED.finditer(text, cue.end())] if cue else []
    out = after + [m.group(1) for m in QUOTED.finditer(text) if m.group(1) not in after]
    upper = text.upper()
    out += [sample for placeholder, sample in PLACEHOLDERS if placeholder in upper and placeholder in text]
    return [o.strip() for o in out if o.strip()][:6]


@dataclass
class Synthesis:
    arguments: dict | None
    problem: str | None = None
    contradictions: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, root: Any, validator) -> None:
        self.root = root
        self.validator = validator
        self.steps = 0

    # ---- validity of a value against a subschema (refs resolve against the root) ----
    def fits(self, schema: Any, value: Any) -> bool:
        if schema is True or schema == {}:
            return True
        if schema is False:
            return False
        try:
            return self.validator.evolve(schema=schema).is_valid(value)
        except Exception:  # noqa: BLE001 - an unusable subschema is simply not satisfied
            return False

    def resolve(self, schema: Any, depth: int) -> Any:
        """Inline a local `$ref` (siblings win) and merge `allOf`, a few levels deep."""
        for _ in range(8):
            if not isinstance(schema, dict):
                return schema
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                ok, target = resolve_pointer(self.root, ref[1:])
                if not ok or not isinstance(target, (dict, bool)):
                    return False
                if target is False:
                    return False
                rest = {k: v for k, v in schema.items() if k != "$ref"}
                schema = {**(target if isinstance(target, dict) else {}), **rest}
                continue
            if isinstance(ref, str):
                return False  # external: not fetched (BASE-017)
            if isinstance(schema.get("allOf"), list):
                merged = {k: v for k, v in schema.items() if k != "allOf"}
                for part in schema["allOf"]:
                    part = self.resolve(part, depth + 1)
                    if part is False:
                        return False
                    if isinstance(part, dict):
                        merged = merge(merged, part)
                schema = merged
                continue
            return schema
        return schema

    # ---- candidates ----------------------------------------------------------------
    def candidates(self, schema: Any, name: str | None = None, depth: int = 0) -> list:
        self.steps += 1
        if depth > MAX_DEPTH or self.steps > 4000:
            return []
        schema = self.resolve(schema, depth)
        if schema is True:
            return ["test"]
        if not isinstance(schema, dict):
            return []
        out: list = []
        if "const" in schema:
            return [schema["const"]]
        if isinstance(schema.get("enum"), list):
            enum = list(schema["enum"])
            if "default" in schema and schema["default"] in enum:
                enum.remove(schema["default"])
                enum.insert(0, schema["default"])
            return enum[:MAX_CANDIDATES]
        if "default" in schema and not (time_like(name) and isinstance(schema["default"], (int, float))):
            out.append(schema["default"])
        if isinstance(schema.get("examples"), list):
            out.extend(schema["examples"][:3])
        if "example" in schema:  # OpenAPI style, common in tool schemas
            out.append(schema["example"])
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key)
            if isinstance(branches, list):
                base = {k: v for k, v in schema.items() if k not in (key, "default", "examples", "example")}
                for branch in branches:
                    branch = self.resolve(branch, depth + 1)
                    if branch is False:
                        continue
                    merged = merge(base, branch) if isinstance(branch, dict) else base
                    out.extend(self.candidates(merged, name, depth + 1)[:4])
                return _dedup(out)
        for kind in self.types(schema):
            if kind == "object":
                out.extend(self.object(schema, depth))
            elif kind == "array":
                out.extend(self.array(schema, name, depth))
            elif kind == "string":
                out.extend(self.string(schema, name))
            elif kind in ("integer", "number"):
                out.extend(self.number(schema, name, kind == "integer"))
            elif kind == "boolean":
                out.extend([False, True])
            elif kind == "null":
                out.append(None)
        return _dedup(out)[:MAX_CANDIDATES]

    @staticmethod
    def types(schema: dict) -> list[str]:
        declared = schema.get("type")
        if isinstance(declared, str):
            return [declared]
        if isinstance(declared, list):
            kinds = [t for t in declared if isinstance(t, str)]
            return [t for t in kinds if t != "null"] + (["null"] if "null" in kinds else [])
        if any(k in schema for k in ("properties", "required", "additionalProperties", "minProperties", "patternProperties")):
            return ["object"]
        if any(k in schema for k in ("items", "prefixItems", "minItems", "maxItems", "contains", "uniqueItems")):
            return ["array"]
        if any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")):
            return ["number"]
        if any(k in schema for k in ("minLength", "maxLength", "pattern", "format")):
            return ["string"]
        return ["string", "integer", "boolean", "object", "array", "null"]  # untyped: whatever fits

    def pick(self, schema: Any, name: str | None, depth: int):
        """The first candidate that fits SCHEMA, as (True, value), or (False, None)."""
        for value in self.candidates(schema, name, depth + 1):
            if self.fits(schema, value):
                return True, value
        return False, None

    def object(self, schema: dict, depth: int) -> list:
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        required = [r for r in schema.get("required") or [] if isinstance(r, str)] if isinstance(schema.get("required"), list) else []
        out: dict = {}
        for key in required:
            ok, value = self.pick(self.property_schema(schema, key), key, depth)
            if not ok:
                return []
            out[key] = value
        for key, sub in props.items():
            if key in out or not time_like(key):
                continue
            sub = self.resolve(sub, depth + 1)
            if isinstance(sub, dict) and set(self.types(sub)) & {"integer", "number"}:
                ok, value = self.pick(sub, key, depth)
                if ok:
                    out[key] = value
        self.dependencies(schema, out, depth)
        want = schema.get("minProperties") if isinstance(schema.get("minProperties"), int) else 0
        for key, sub in props.items():
            if len(out) >= want:
                break
            if key not in out:
                ok, value = self.pick(sub, key, depth)
                if ok:
                    out[key] = value
        self.dependencies(schema, out, depth)
        return [out]

    def property_schema(self, schema: dict, key: str) -> Any:
        props = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        if key in props:
            return props[key]
        for pattern, sub in (schema.get("patternProperties") or {}).items():
            try:
                if regexgen.safe_search(pattern, key):
                    return sub
            except re.error:
                continue
        extra = schema.get("additionalProperties", True)
        return extra if isinstance(extra, (dict, bool)) else True

    def dependencies(self, schema: dict, out: dict, depth: int) -> None:
        for keyword in ("dependentRequired", "dependencies"):
            deps = schema.get(keyword)
            if not isinstance(deps, dict):
                continue
            for key, needed in deps.items():
                if key in out and isinstance(needed, list):
                    for other in needed:
                        if isinstance(other, str) and other not in out:
                            ok, value = self.pick(self.property_schema(schema, other), other, depth)
                            if ok:
                                out[other] = value

    def array(self, schema: dict, name: str | None, depth: int) -> list:
        low = schema.get("minItems") if isinstance(schema.get("minItems"), int) else 0
        high = schema.get("maxItems") if isinstance(schema.get("maxItems"), int) else None
        prefix = schema.get("prefixItems") if isinstance(schema.get("prefixItems"), list) else None
        items = schema.get("items", True)
        rest = items
        if isinstance(items, list):  # draft-07 tuple form
            prefix, rest = items, schema.get("additionalItems", True)
        elif prefix is not None:
            rest = items
        values: list = []
        for sub in prefix or []:
            if len(values) >= max(low, 1) and len(values) >= low:
                break
            ok, value = self.pick(sub, name, depth)
            if not ok:
                break
            values.append(value)
        want = max(low, 1 if not prefix else len(values))
        if high is not None:
            want = min(want, high)
        pool = [v for v in self.candidates(rest, name, depth + 1) if self.fits(rest, v)] if rest is not False else []
        unique = schema.get("uniqueItems") is True
        index = 0
        while len(values) < want and pool:
            value = pool[index % len(pool)]
            if unique and value in values:
                value = _variant(value, index)
                if value in values or not self.fits(rest, value):
                    index += 1
                    if index > want + len(pool) + 8:
                        break
                    continue
            values.append(value)
            index += 1
        contains = schema.get("contains")
        if isinstance(contains, (dict, bool)) and contains is not True:
            ok, value = self.pick(contains, name, depth)
            if ok and not any(self.fits(contains, v) for v in values):
                values = (values + [value])[-max(1, high or len(values) + 1):]
        out = [values]
        if low == 0 and values:
            out.append([])
        return out

    def string(self, schema: dict, name: str | None) -> list:
        low = schema.get("minLength") if isinstance(schema.get("minLength"), int) else 0
        high = schema.get("maxLength") if isinstance(schema.get("maxLength"), int) else None
        out: list = []
        fmt = schema.get("format")
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            text = regexgen.matching(pattern, min_length=low, max_length=high)
            if text is not None:
                out.append(text)
        if isinstance(fmt, str) and fmt in FORMAT_SAMPLES:
            out.append(FORMAT_SAMPLES[fmt])
        out.extend(described(schema))
        if not out:
            hints = words(name)
            out.extend(sample for keys, sample in NAME_HINTS if hints & keys)
            out.append("test")
        fitted = []
        for text in out:
            if len(text) < low:
                text = text + "x" * (low - len(text))
            if high is not None and len(text) > high:
                text = text[:high]
            fitted.append(text)
        return fitted

    def number(self, schema: dict, name: str | None, integer: bool) -> list:
        lo, lo_open = _bound(schema, "minimum", "exclusiveMinimum")
        hi, hi_open = _bound(schema, "maximum", "exclusiveMaximum")
        step = schema.get("multipleOf")
        step = step if _number(step) and step > 0 else None
        inside_lo = None if lo is None else lo + ((1 if integer or hi is None or lo + 1 < hi else (hi - lo) / 2) if lo_open else 0)
        inside_hi = None if hi is None else hi - ((1 if integer or lo is None or hi - 1 > lo else (hi - lo) / 2) if hi_open else 0)
        # durations and delays: the smallest allowed value; anything else: 1, else a bound
        order = (inside_lo, 0, 1, inside_hi) if time_like(name) else (1, inside_lo, inside_hi, 0)
        out = []
        for value in order:
            if value is None:
                continue
            if step:
                value = math.ceil(value / step) * step
            if integer:
                value = math.ceil(value)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            out.append(value)
        if not integer:  # a non-integral value tells `oneOf: [integer, number]` branches apart
            out.append((inside_lo if inside_lo is not None else 1) + 0.5)
        return out


def _bound(schema: dict, inclusive: str, exclusive: str) -> tuple[float | None, bool]:
    value = schema.get(inclusive)
    ex = schema.get(exclusive)
    if isinstance(ex, bool):  # draft-04: a boolean modifier of minimum/maximum
        return (value if _number(value) else None), ex
    if _number(ex) and (not _number(value) or (ex >= value if inclusive == "minimum" else ex <= value)):
        return ex, True
    return (value if _number(value) else None), False


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _variant(value: Any, index: int) -> Any:
    if isinstance(value, str):
        return f"{value}{index + 1}"
    if _number(value):
        return value + index + 1
    if isinstance(value, dict):
        return {**value}
    return value


def _dedup(values: list) -> list:
    out, seen = [], []
    for value in values:
        if not any(value == s and type(value) is type(s) for s in seen):
            seen.append(value)
            out.append(value)
    return out


def merge(base: dict, other: dict) -> dict:
    """A shallow conjunction of two object schemas (enough to build a value for `allOf`)."""
    out = dict(base)
    for key, value in other.items():
        if key == "properties" and isinstance(value, dict):
            out["properties"] = {**(out.get("properties") or {}), **value}
        elif key == "required" and isinstance(value, list):
            out["required"] = list(dict.fromkeys([*(out.get("required") or []), *value]))
        elif key in ("minimum", "minLength", "minItems", "minProperties", "exclusiveMinimum") and _number(value) and _number(out.get(key)):
            out[key] = max(out[key], value)
        elif key in ("maximum", "maxLength", "maxItems", "maxProperties", "exclusiveMaximum") and _number(value) and _number(out.get(key)):
            out[key] = min(out[key], value)
        elif key == "type" and "type" in out and out["type"] != value:
            mine = {out["type"]} if isinstance(out["type"], str) else set(out["type"] or [])
            theirs = {value} if isinstance(value, str) else set(value or [])
            both = mine & theirs
            if "number" in mine | theirs and "integer" in mine | theirs:
                both |= {"integer"}
            out["type"] = sorted(both)
        else:
            out[key] = value
    return out


def synthesize(schema: Any, validator) -> Synthesis:
    """Arguments valid under SCHEMA (as VALIDATOR, built for it, says), or why there are none."""
    if schema is True or schema == {}:
        return Synthesis({})
    builder = _Builder(schema, validator)
    contradictions_ = contradictions(schema, validator)
    tried = 0
    best_error = None
    for value in builder.candidates(schema, None, 0) + [{}]:
        if not isinstance(value, dict):
            continue
        tried += 1
        try:
            ok = validator.is_valid(value)
        except Exception as err:  # noqa: BLE001 - an unusable schema (bad $ref, bad regex)
            return Synthesis(None, f"the schema cannot be evaluated: {type(err).__name__}: {err}"[:200], contradictions_)
        if ok:
            return Synthesis(value, None, contradictions_)
        if best_error is None:
            error = next(iter(validator.iter_errors(value)), None)
            if error is not None:
                where = "/" + "/".join(str(p) for p in error.absolute_path)
                best_error = f"{where}: {error.message}"[:200]
        if tried > MAX_CANDIDATES:
            break
    why = "; ".join(contradictions_[:2]) if contradictions_ else (best_error or "no candidate value")
    return Synthesis(None, f"no arguments satisfy the schema ({why})", contradictions_)


# ---- provable contradictions ----------------------------------------------------------------
def contradictions(schema: Any, validator) -> list[str]:
    """Places (JSON pointers) where SCHEMA admits no value at all, following the structural
    keywords (properties, items, additionalProperties) but not composition branches."""
    builder = _Builder(schema, validator)
    found: list[str] = []
    stack: list[tuple[str, Any, int]] = [("", schema, 0)]
    visited = 0
    while stack and len(found) < 10 and visited < 2000:  # recursive $refs must not explode
        visited += 1
        where, node, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        node = builder.resolve(node, depth)
        if not isinstance(node, dict):
            continue
        found.extend(f"{where or '/'}: {text}" for text in _local_contradictions(node, builder))
        props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
        for key, sub in props.items():
            if sub is False:
                if key in (node.get("required") or []):
                    found.append(f"{where}/properties/{key}: required, but its schema is false")
                continue
            stack.append((f"{where}/properties/{key}", sub, depth + 1))
        if isinstance(node.get("items"), dict):
            stack.append((f"{where}/items", node["items"], depth + 1))
        if isinstance(node.get("additionalProperties"), dict):
            stack.append((f"{where}/additionalProperties", node["additionalProperties"], depth + 1))
    return found


def _local_contradictions(node: dict, builder: _Builder) -> list[str]:
    out = []
    for low_key, high_key in (("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")):
        low, high = node.get(low_key), node.get(high_key)
        if _number(low) and _number(high) and low > high:
            out.append(f"{low_key} {low} > {high_key} {high}")
    lo, lo_open = _bound(node, "minimum", "exclusiveMinimum")
    hi, hi_open = _bound(node, "maximum", "exclusiveMaximum")
    if lo is not None and hi is not None and (lo > hi or (lo == hi and (lo_open or hi_open))):
        out.append(f"no number lies between {lo} and {hi}")
    if isinstance(node.get("type"), list) and not node["type"]:
        out.append("type is an empty list")
    rest = {k: v for k, v in node.items() if k not in ("enum", "const", "default", "examples")}
    if isinstance(node.get("enum"), list):
        if not node["enum"]:
            out.append("enum is empty")
        elif not any(builder.fits(rest, value) for value in node["enum"]):
            out.append(f"no enum member {node['enum'][:4]!r} fits the rest of the schema")
    if "const" in node and not builder.fits(rest, node["const"]):
        out.append(f"const {node['const']!r} does not fit the rest of the schema")
    required = node.get("required") if isinstance(node.get("required"), list) else []
    props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
    if node.get("additionalProperties") is False:
        patterns = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
        for key in required:
            if isinstance(key, str) and key not in props and not any(_search(p, key) for p in patterns):
                out.append(f"required property {key!r} is not allowed (additionalProperties: false)")
    return out


def _search(pattern: str, text: str) -> bool:
    try:
        return regexgen.safe_search(pattern, text) is not False
    except re.error:
        return False


# ---- arguments that break the schema -------------------------------------------------------------
WRONG_TYPE = {"string": 12345, "integer": "not-a-number", "number": "not-a-number", "boolean": "not-a-boolean",
              "object": "not-an-object", "array": "not-an-array"}


def violating(schema: Any, valid: dict, validator) -> tuple[dict, str] | None:
    """Arguments close to VALID that SCHEMA rejects, and what was broken; None if it accepts anything."""
    if not isinstance(schema, dict):
        return None
    builder = _Builder(schema, validator)
    resolved = builder.resolve(schema, 0)
    if not isinstance(resolved, dict):
        return None
    attempts: list[tuple[dict, str]] = []
    required = [r for r in resolved.get("required") or [] if isinstance(r, str) and r in valid]
    if required:
        attempts.append(({k: v for k, v in valid.items() if k != required[0]}, f"required property {required[0]!r} left out"))
    props = resolved.get("properties") if isinstance(resolved.get("properties"), dict) else {}
    for key, sub in props.items():
        sub = builder.resolve(sub, 1)
        if not isinstance(sub, dict):
            continue
        kind = sub.get("type") if isinstance(sub.get("type"), str) else None
        if kind in WRONG_TYPE:
            attempts.append(({**valid, key: WRONG_TYPE[kind]}, f"property {key!r} given a {type(WRONG_TYPE[kind]).__name__} instead of a {kind}"))
        elif isinstance(sub.get("enum"), list):
            attempts.append(({**valid, key: "agentconform-not-a-member"}, f"property {key!r} given a value outside its enum"))
    if resolved.get("additionalProperties") is False:
        attempts.append(({**valid, "agentconform_unexpected": 1}, "an undeclared property added (additionalProperties: false)"))
    for args, what in attempts:
        try:
            if not validator.is_valid(args):
                return args, what
        except Exception:  # noqa: BLE001
            continue
    return None
