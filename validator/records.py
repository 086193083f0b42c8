"""Light record classes and lazily compiled patterns, for a fast `agentconform check` start.

`@record` turns an annotated class into a `__slots__` class with a positional/keyword
`__init__`, `__repr__` and `__eq__` (with `frozen=True`, also a field hash and no assignment
after construction; `field(...)` as in dataclasses), like `@dataclass(slots=True)`, but without generating
and compiling code per class: on CPython 3.11 a dataclass costs 0.3 to 0.9 ms at import,
and the check path defines about sixty record classes. `replace(obj, **changes)` is
`dataclasses.replace` for them. `lazy(pattern)` compiles a regular expression on first
use, so patterns a run never needs cost nothing (compiling is most of the import time of
the modules that hold many).

The conformance suite and the generators keep using dataclasses: their start-up does not
matter, and pydantic reads dataclasses there.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar, dataclass_transform

_MISSING = object()
_COMPILE_AFTER = 50
"""Constructions of a record class after which it gets a generated `__init__`."""
_T = TypeVar("_T")


class _Field:
    __slots__ = ("default", "default_factory", "compare", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:  # noqa: A002
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(*, default: Any = _MISSING, default_factory: Any = None, compare: bool = True,
          repr: bool = True) -> Any:  # noqa: A002 - the dataclasses keyword
    """A field's default (`default=` or a fresh `default_factory()` per instance) and
    whether it takes part in equality, hashing (`compare`) and `repr`, as `dataclasses.field`."""
    return _Field(default, default_factory, compare, repr)


class FrozenRecordError(AttributeError):
    """Assignment to a field of a frozen record (as `dataclasses.FrozenInstanceError`)."""


def _compiled_init(cls, names: tuple[str, ...], defaults: dict, makers: dict, frozen: bool, post_init: bool):
    """CLS's `__init__`, generated: one parameter per field in order, defaults as declared."""
    params, lines, seen_default = ["self"], [], False
    for name in names:
        if name in defaults:
            params.append(f"{name}=_defaults[{name!r}]")
            seen_default = True
        elif name in makers:
            params.append(f"{name}=_MISSING")
            lines.append(f"    if {name} is _MISSING: {name} = _makers[{name!r}]()")
            seen_default = True
        elif seen_default:  # a required field after a defaulted one: dataclasses refuse it too
            raise TypeError(f"{cls.__name__}: field {name!r} without a default follows a field with one")
        else:
            params.append(name)
    setter = "_set(self, {0!r}, {0})" if frozen else "self.{0} = {0}"
    lines += [f"    {setter.format(name)}" for name in names]
    if post_init:
        lines.append("    self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(lines) or "    pass") + "\n"
    namespace = {"_defaults": defaults, "_makers": makers, "_MISSING": _MISSING, "_set": object.__setattr__}
    exec(source, namespace)  # noqa: S102 - our own generated source, as dataclasses does
    init: Any = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _build(cls, frozen: bool):
    names = tuple(cls.__dict__.get("__annotations__", {}))
    specs = {name: cls.__dict__[name] for name in names if isinstance(cls.__dict__.get(name), _Field)}
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__ and name not in specs}
    makers = {}
    for name, spec in specs.items():
        if spec.default_factory is not None:
            makers[name] = spec.default_factory
        elif spec.default is not _MISSING:
            defaults[name] = spec.default
    compared = tuple(name for name in names if specs.get(name) is None or specs[name].compare)
    shown = tuple(name for name in names if specs.get(name) is None or specs[name].repr)
    body = {key: value for key, value in cls.__dict__.items()
            if key not in names and key not in ("__dict__", "__weakref__")}
    body["__slots__"] = names
    set_field = object.__setattr__

    calls = 0

    def __init__(self, *args, **kwargs):
        # A class built often gets its own generated __init__ (as dataclasses make at
        # definition) once it has been used a few times: classes a run builds rarely never
        # pay for compiling one, hot ones (spans, segments, entries) run at full speed.
        nonlocal calls
        calls += 1
        if calls == _COMPILE_AFTER:
            made.__init__ = _compiled_init(made, names, defaults, makers, frozen, "__post_init__" in body)
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes at most {len(names)} arguments")
        for name, value in zip(names, args):
            set_field(self, name, value)
        for name in names[len(args):]:
            if name in kwargs:
                value = kwargs.pop(name)
            elif name in defaults:
                value = defaults[name]
            elif name in makers:
                value = makers[name]()
            else:
                raise TypeError(f"{cls.__name__} missing argument {name!r}")
            set_field(self, name, value)
        if kwargs:
            raise TypeError(f"{cls.__name__} got unexpected arguments {sorted(kwargs)}")
        if "__post_init__" in body:
            self.__post_init__()

    def __repr__(self):
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{cls.__name__}({inner})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in compared)

    body.setdefault("__init__", __init__)
    body.setdefault("__repr__", __repr__)
    body["__eq__"] = __eq__
    body["__record_fields__"] = names
    if frozen:
        def __setattr__(self, name, value):
            raise FrozenRecordError(f"cannot assign to field {name!r} of a frozen {cls.__name__}")

        def __hash__(self):
            return hash(tuple(getattr(self, name) for name in compared))

        def __getstate__(self):  # copy and pickle cannot use __setattr__ on a frozen record
            return tuple(getattr(self, name) for name in names)

        def __setstate__(self, state):
            for name, value in zip(names, state):
                set_field(self, name, value)

        body["__setattr__"] = __setattr__
        body["__delattr__"] = lambda self, name: __setattr__(self, name, None)
        body["__hash__"] = __hash__
        body["__getstate__"] = __getstate__
        body["__setstate__"] = __setstate__
    else:
        body["__hash__"] = None
    made = type(cls.__name__, cls.__bases__, body)
    made.__qualname__ = cls.__qualname__
    return made


@dataclass_transform(field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = False) -> Any:
    """`@record` or `@record(frozen=True)` (see the module docstring)."""
    if cls is None:
        return lambda inner: _build(inner, frozen)
    return _build(cls, frozen)


def replace(obj: _T, /, **changes) -> _T:
    """A copy of the record OBJ with CHANGES applied (as `dataclasses.replace`)."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    values.update(changes)
    return type(obj)(**values)


class lazy:  # noqa: N801 - used like re.compile
    """A regular expression compiled on first use.

    The first use copies the compiled pattern's methods into the instance's `__dict__`,
    where they shadow the class's compiling methods: from then on `PATTERN.match` is the
    compiled pattern's own bound method, as fast as with `re.compile` (hot loops such as
    the JSON scanner's use these).
    """

    _METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def _compile(self) -> re.Pattern[str]:
        compiled = re.compile(*self._args)
        self.__dict__.update({name: getattr(compiled, name) for name in self._METHODS}, _compiled=compiled)
        return compiled

    def match(self, *args):
        return self._compile().match(*args)

    def search(self, *args):
        return self._compile().search(*args)

    def fullmatch(self, *args):
        return self._compile().fullmatch(*args)

    def finditer(self, *args):
        return self._compile().finditer(*args)

    def findall(self, *args):
        return self._compile().findall(*args)

    def sub(self, *args):
        return self._compile().sub(*args)

    def subn(self, *args):
        return self._compile().subn(*args)

    def split(self, *args):
        return self._compile().split(*args)

    def __getattr__(self, name: str):  # pattern, flags, groupindex ...
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled") or self._compile()
        return getattr(compiled, name)
