"""validator.records: the light records and lazy patterns behave like dataclasses and re.compile."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from validator.records import _COMPILE_AFTER, FrozenRecordError, field, lazy, record, replace


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@record
class Box:
    width: int
    items: list = field(default_factory=list)


def test_construction_defaults_and_repr() -> None:
    assert Point(1) == Point(x=1, y=0)
    assert Point(1).tags is not Point(1).tags
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=[])"
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, bogus=2)
    with pytest.raises(TypeError):
        Point(1, 2, [], "n", "extra")


def test_generated_init_after_repeated_use_keeps_semantics() -> None:
    @record
    class Hot:
        a: int
        b: tuple = ()
        c: list = field(default_factory=list)

    generic = Hot.__init__
    made = [Hot(i) for i in range(_COMPILE_AFTER + 5)]
    assert Hot.__init__ is not generic
    assert made[-1] == Hot(_COMPILE_AFTER + 4, (), [])
    assert made[-1].c is not made[-2].c
    with pytest.raises(TypeError):
        Hot()
    with pytest.raises(TypeError):
        Hot(1, nope=1)


def test_frozen_records_hash_and_refuse_assignment() -> None:
    point = Point(1, 2, note="a")
    with pytest.raises(FrozenRecordError):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x  # type: ignore[misc]
    # `note` takes no part in equality or hashing (compare=False)
    assert point == Point(1, 2, note="b")
    assert hash(Point(1, 2, (), "a")) == hash(Point(1, 2, (), "b"))  # type: ignore[arg-type]


def test_mutable_records_are_unhashable_and_assignable() -> None:
    box = Box(3)
    box.width = 4
    assert box == Box(4)
    with pytest.raises(TypeError):
        hash(box)
    with pytest.raises(AttributeError):
        box.other = 1  # type: ignore[attr-defined]  # slots: no stray attributes


def test_replace_copy_and_pickle() -> None:
    point = Point(1, 2, ["t"])
    assert replace(point, y=5) == Point(1, 5, ["t"])
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(point)) == point
    assert pickle.loads(pickle.dumps(Box(2, [1]))) == Box(2, [1])


def test_lazy_pattern_compiles_once_and_matches_like_re() -> None:
    pattern = lazy(r"(?P<word>[a-z]+)", re.IGNORECASE)
    assert "_compiled" not in pattern.__dict__
    assert pattern.pattern == "(?P<word>[a-z]+)" and pattern.flags & re.IGNORECASE
    for method, args in (("match", ("Abc1",)), ("search", ("1 Abc",)), ("fullmatch", ("Abc",)),
                         ("findall", ("a b",)), ("sub", ("-", "a b")), ("split", ("a1b",)), ("subn", ("-", "a"))):
        assert repr(getattr(pattern, method)(*args)) == repr(getattr(re.compile(r"(?P<word>[a-z]+)", re.I), method)(*args))
    compiled = pattern.__dict__["_compiled"]
    assert pattern.match.__self__ is compiled  # the compiled pattern's own bound method: no indirection
    assert [m.group() for m in pattern.finditer("ab cd")] == ["ab", "cd"]
    assert pattern.groupindex == {"word": 1}
