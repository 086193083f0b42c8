"""RFC 6570 URI templates: syntax check, variables, expansion, and matching URIs.

Owns what the resources scenarios need of a `resourceTemplates[].uriTemplate`
(RES-004): whether it is a valid RFC 6570 template (levels 1-4; the reserved
operators `= , ! @ |` are errors, RFC 6570 §3.2.1), which variables it names, its
expansion with string values (§3.2, every operator, the prefix modifier), and a
regular expression that recognises URIs the template could have produced (so a
listed resource can supply real values for a template's variables).
https://datatracker.ietf.org/doc/html/rfc6570
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

OPERATORS = "+#./;?&"
RESERVED_OPERATORS = "=,!@|"
_VARNAME = re.compile(r"^(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*$")
_PREFIX = re.compile(r"^[1-9][0-9]{0,3}$")
# literals: any character but CTL, SP, DQUOTE, "'", "%" (unless pct-encoded), "<", ">", "\", "^", "`", "{", "|", "}"
_BAD_LITERAL = set(' "\'<>\\^`{|}')

# operator → (first, separator, named, if-empty, allowed beyond unreserved) per RFC 6570 Appendix A
_RULES = {
    "": ("", ",", False, "", False),
    "+": ("", ",", False, "", True),
    "#": ("#", ",", False, "", True),
    ".": (".", ".", False, "", False),
    "/": ("/", "/", False, "", False),
    ";": (";", ";", True, "", False),
    "?": ("?", "&", True, "=", False),
    "&": ("&", "&", True, "=", False),
}
_UNRESERVED = "-._~"
_RESERVED = ":/?#[]@!$&'()*+,;="


@dataclass(frozen=True)
class VarSpec:
    name: str
    prefix: int | None = None
    explode: bool = False


@dataclass(frozen=True)
class Expression:
    operator: str
    varspecs: tuple[VarSpec, ...]


def parse(template: str) -> tuple[list, list[str]]:
    """(parts, errors): parts are literal strings and `Expression`s."""
    parts: list = []
    errors: list[str] = []
    i, literal = 0, []
    while i < len(template):
        char = template[i]
        if char == "{":
            end = template.find("}", i + 1)
            if end < 0:
                errors.append(f"unclosed '{{' at offset {i}")
                break
            if literal:
                parts.append("".join(literal))
                literal = []
            expression, problem = _expression(template[i + 1:end])
            if problem:
                errors.append(f"{{{template[i + 1:end]}}}: {problem}")
            else:
                parts.append(expression)
            i = end + 1
            continue
        if char == "}":
            errors.append(f"unmatched '}}' at offset {i}")
        elif char == "%":
            if not re.match(r"%[0-9A-Fa-f]{2}", template[i:i + 3]):
                errors.append(f"'%' not followed by two hex digits at offset {i}")
        elif ord(char) < 0x20 or ord(char) == 0x7F or char in _BAD_LITERAL:
            errors.append(f"character {char!r} is not allowed in a literal (offset {i})")
        literal.append(char)
        i += 1
    if literal:
        parts.append("".join(literal))
    return parts, errors


def _expression(body: str) -> tuple[Expression | None, str | None]:
    if not body:
        return None, "empty expression"
    operator = ""
    if body[0] in OPERATORS:
        operator, body = body[0], body[1:]
    elif body[0] in RESERVED_OPERATORS:
        return None, f"operator {body[0]!r} is reserved for future extensions"
    specs = []
    for raw in body.split(","):
        explode = raw.endswith("*")
        name, _, prefix = (raw[:-1], "", "") if explode else raw.partition(":")
        if not _VARNAME.match(name or ""):
            return None, f"invalid variable name {name!r}"
        if prefix and not _PREFIX.match(prefix):
            return None, f"invalid prefix length {prefix!r} (1-9999)"
        if ":" in raw and not prefix:
            return None, f"empty prefix length in {raw!r}"
        specs.append(VarSpec(name, int(prefix) if prefix else None, explode))
    return Expression(operator, tuple(specs)), None


def variables(template: str) -> list[str]:
    """The variable names, in order of first appearance (empty for an invalid template)."""
    parts, errors = parse(template)
    if errors:
        return []
    seen: list[str] = []
    for part in parts:
        if isinstance(part, Expression):
            seen.extend(s.name for s in part.varspecs if s.name not in seen)
    return seen


def _encode(value: str, allow_reserved: bool) -> str:
    safe = _UNRESERVED + (_RESERVED if allow_reserved else "")
    if allow_reserved:  # keep existing pct-encoded triplets as they are (§3.2.3)
        pieces = re.split(r"(%[0-9A-Fa-f]{2})", value)
        return "".join(p if re.fullmatch(r"%[0-9A-Fa-f]{2}", p) else quote(p, safe=safe) for p in pieces)
    return quote(value, safe=safe)


def expand(template: str, values: dict[str, str]) -> str:
    """Expand TEMPLATE with string VALUES (undefined variables are skipped, §3.2.1)."""
    parts, errors = parse(template)
    if errors:
        raise ValueError("; ".join(errors))
    out = []
    for part in parts:
        if not isinstance(part, Expression):
            out.append(part)
            continue
        first, sep, named, if_empty, reserved = _RULES[part.operator]
        items = []
        for spec in part.varspecs:
            if spec.name not in values or values[spec.name] is None:
                continue
            value = str(values[spec.name])
            if spec.prefix is not None:
                value = value[:spec.prefix]
            encoded = _encode(value, reserved)
            if named:
                items.append(f"{spec.name}{'=' + encoded if value else if_empty}")
            else:
                items.append(encoded)
        if items:
            out.append(first + sep.join(items))
    return "".join(out)


def matcher(template: str) -> re.Pattern | None:
    """A regex whose named groups capture each simple (`{x}`, `{+x}`, `{/x}`...) variable of TEMPLATE.

    Only templates whose expressions each hold one variable are matched (enough to
    reuse a listed resource's URI as the values of a template such as `file:///{path}`).
    """
    parts, errors = parse(template)
    if errors:
        return None
    pattern, names = ["^"], set()
    for part in parts:
        if not isinstance(part, Expression):
            pattern.append(re.escape(part))
            continue
        if len(part.varspecs) != 1 or part.operator in (";", "?", "&"):
            return None
        name = part.varspecs[0].name
        group = re.sub(r"\W", "_", name)
        if group in names or not group.isidentifier():
            return None
        names.add(group)
        body = r"[^/?#]+" if part.operator in ("", ".", "/") and not part.varspecs[0].explode else r".+"
        first = _RULES[part.operator][0]
        pattern.append(f"{re.escape(first)}(?P<{group}>{body})")
    pattern.append("$")
    return re.compile("".join(pattern))


def match(template: str, uri: str) -> dict[str, str] | None:
    """Values of TEMPLATE's variables that expand to URI, or None."""
    regex = matcher(template)
    found = regex.match(uri) if regex else None
    if not found:
        return None
    names = {re.sub(r"\W", "_", n): n for n in variables(template)}
    from urllib.parse import unquote

    values = {names[g]: unquote(v) for g, v in found.groupdict().items()}
    return values if expand(template, values) == uri else None
