"""The tasks area's judge of one Task object (validator/conformance/areas/tasks.py), on values
the reference server never sends."""

from __future__ import annotations

from validator.conformance.areas.tasks import task_problems

GOOD = {"taskId": "t1", "status": "working", "createdAt": "2025-11-25T10:30:00Z",
        "lastUpdatedAt": "2025-11-25T10:40:00.123+02:00", "ttl": 60000, "pollInterval": 5000}


def test_a_valid_task_and_an_unlimited_ttl_pass():
    assert task_problems(GOOD, "t", need_ttl=True) == ([], [])
    assert task_problems({**GOOD, "ttl": None}, "t", need_ttl=True) == ([], [])
    without_poll = {k: v for k, v in GOOD.items() if k != "pollInterval"}
    assert task_problems(without_poll, "t", need_ttl=True) == ([], [])


def test_ttl_is_required_in_tasks_get_only():
    without = {k: v for k, v in GOOD.items() if k != "ttl"}
    failures, warnings = task_problems(without, "t", need_ttl=True)
    assert len(failures) == 1 and "ttl" in failures[0] and not warnings
    failures, warnings = task_problems(without, "t", need_ttl=False)
    assert not failures and len(warnings) == 1 and "ttl" in warnings[0]


def test_wrong_types_fail():
    for bad in ({"ttl": "60000"}, {"ttl": True}, {"ttl": -1}, {"pollInterval": "1s"}, {"status": "done"},
                {"taskId": ""}, {"taskId": 7}, {"createdAt": 1700000000}):
        failures, _ = task_problems({**GOOD, **bad}, "t", need_ttl=True)
        assert len(failures) == 1, (bad, failures)
    assert task_problems(["not", "a", "task"], "t", need_ttl=True)[0]


def test_an_unparseable_timestamp_string_is_only_a_warning():
    failures, warnings = task_problems({**GOOD, "createdAt": "Tuesday morning"}, "t", need_ttl=True)
    assert not failures and "createdAt" in warnings[0]
