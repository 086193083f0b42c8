"""user_config options that cannot work as written (MCPB030-MCPB033).

A default of the wrong type, a range no value fits, type-specific keys on another type,
`required` next to a default. Secret-looking options and credentials in defaults are
`secrets.py`'s.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import get_dict

_TYPE_OPTIONS = {"min": ("number",), "max": ("number",), "multiple": ("directory", "file"), "sensitive": ("string",)}
_MISSING = object()


@emits(R.MCPB030, R.MCPB031, R.MCPB032, R.MCPB033)
def user_config(doc, ctx) -> Iterator[Problem]:
    for key, option in get_dict(doc.data.value, "user_config").items():
        if isinstance(option, dict):
            yield from _option(("user_config", key), option)


def _option(base: tuple, option: dict) -> Iterator[Problem]:
    kind = option.get("type")
    default = option.get("default", _MISSING)
    if kind in ("string", "number", "boolean", "directory", "file"):
        if default is not _MISSING:
            yield from _default_type(base, kind, option, default)
        for name, kinds in _TYPE_OPTIONS.items():
            if name in option and kind not in kinds and (name in ("min", "max") or option[name] is True):
                yield Problem(R.MCPB032, f"{name} applies only to {' or '.join(kinds)} options, "
                                         f"not to type {kind!r}; it has no effect here", base + (name,), True)
    yield from _range(base, kind, option, default)
    if option.get("required") is True and default is not _MISSING:
        if default in ("", []):
            yield Problem(R.MCPB033, "an empty default never satisfies required: true; remove it", base + ("default",))
        else:
            yield Problem(R.MCPB033, "required: true has no effect: the default always supplies a value", base + ("required",))


def _default_type(base: tuple, kind: str, option: dict, default) -> Iterator[Problem]:
    pointer = base + ("default",)
    if isinstance(default, list):
        if kind not in ("directory", "file"):
            yield Problem(R.MCPB030, f"a {kind} option cannot hold several values; give a single default", pointer)
        elif option.get("multiple") is not True:
            yield Problem(R.MCPB030, "an array default needs \"multiple\": true on this option", pointer)
        return
    is_number = isinstance(default, (int, float)) and not isinstance(default, bool)
    fits = isinstance(default, bool) if kind == "boolean" else is_number if kind == "number" else isinstance(default, str)
    if not fits:
        better = _suggest(kind, default)
        yield Problem(R.MCPB030, f"default {_json(default)} does not fit type {kind!r}" + (f"; use {better}" if better else ""), pointer)


def _suggest(kind: str, default) -> str | None:
    if kind == "number" and isinstance(default, str):
        try:
            number = float(default)
        except ValueError:
            return None
        return str(int(number)) if number.is_integer() else str(number)
    if kind == "boolean" and isinstance(default, str) and default.lower() in ("true", "false"):
        return default.lower()
    if kind in ("string", "directory", "file") and not isinstance(default, (dict, list)):
        return f'"{_json(default)}"'
    return None


def _json(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _range(base: tuple, kind, option: dict, default) -> Iterator[Problem]:
    def number(name):
        found = option.get(name)
        return found if isinstance(found, (int, float)) and not isinstance(found, bool) else None

    low, high = number("min"), number("max")
    if low is not None and high is not None and low > high:
        yield Problem(R.MCPB031, f"min {_json(low)} is greater than max {_json(high)}; no value can be accepted", base + ("min",))
        return
    if kind != "number" or not isinstance(default, (int, float)) or isinstance(default, bool):
        return
    if low is not None and default < low:
        yield Problem(R.MCPB031, f"default {_json(default)} is below min {_json(low)}", base + ("default",))
    elif high is not None and default > high:
        yield Problem(R.MCPB031, f"default {_json(default)} is above max {_json(high)}", base + ("default",))
