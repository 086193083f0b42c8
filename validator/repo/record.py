"""Light record classes and lazily compiled patterns, for a fast `agentconform check` start.

`@record` turns an annotated class into a `__slots__` class with a positional/keyword
`__init__`, `__repr__` and `__eq__`, like `@dataclass(slots=True)` but without generating
and compiling code per class (dataclasses cost about 0.3 ms each at import; this module's
users define about twenty). `lazy(pattern)` compiles a regular expression on first use,
so patterns a run never needs cost nothing.
"""

from __future__ import annotations

import re

_MISSING = object()


class factory:  # noqa: N801 - reads like dataclasses.field(default_factory=...)
    """A default made fresh for every instance: `items: list = factory(list)`."""

    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make


def record(cls):
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    body = {key: value for key, value in cls.__dict__.items()
            if key not in names and key not in ("__dict__", "__weakref__")}
    body["__slots__"] = names

    def __init__(self, *args, **kwargs):
        if len(args) > len(names):
            raise TypeError(f"{cls.__name__} takes at most {len(names)} arguments")
        for name, value in zip(names, args):
            object.__setattr__(self, name, value)
        for name in names[len(args):]:
            if name in kwargs:
                value = kwargs.pop(name)
            else:
                value = defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{cls.__name__} missing argument {name!r}")
                if isinstance(value, factory):
                    value = value.make()
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"{cls.__name__} got unexpected arguments {sorted(kwargs)}")

    def __repr__(self):
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{cls.__name__}({inner})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in names)

    body.setdefault("__init__", __init__)
    body.setdefault("__repr__", __repr__)
    body["__eq__"] = __eq__
    body["__hash__"] = None
    return type(cls.__name__, cls.__bases__, body)


class lazy:  # noqa: N801 - used like re.compile
    """A regular expression compiled on first use."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled = None

    def __getattr__(self, name: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        return getattr(compiled, name)
