"""The clean reference server passes every check, over every transport and revision."""

from __future__ import annotations

import pytest

from validator.conformance.areas import all_checks

from . import refserver

_REPORTS: dict = {}


def _reference_skips(transport: str) -> set[str]:
    """Checks an area's cases module says the clean server cannot reach on TRANSPORT, by design
    (`REFERENCE_SKIPS` in tests/conformance/cases_<area>.py); each must still pass somewhere."""
    import importlib
    import pkgutil
    from pathlib import Path

    found: set[str] = set()
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("cases_"):
            module = importlib.import_module(f"{__package__}.{info.name}")
            found |= set(getattr(module, "REFERENCE_SKIPS", {}).get(transport, ()))
    return found


def _report(transport: str):
    if transport not in _REPORTS:
        if transport == "stdio":
            _REPORTS[transport] = refserver.run(command=refserver.command(), spec_version="auto")
        elif transport == "protected":  # the reference server behind OAuth; its token from the authorization-code
            # flow, so the authorization checks all pass (test_conformance_auth.py runs the --header token)
            _REPORTS[transport] = refserver.run_protected(spec_version="auto", token=False, oauth_flow="authorization-code",
                                                          low_scope_token=refserver.protected_token("LOW_SCOPE_TOKEN"))
        else:
            with refserver.http_server() as base:
                url = base + ("/mcp" if transport == "streamable-http" else "/sse")
                _REPORTS[transport] = refserver.run(url=url, spec_version="auto")
    return _REPORTS[transport]


@pytest.mark.parametrize("transport", ["stdio", "streamable-http", "sse"])
def test_reference_is_clean(transport):
    report = _report(transport)
    assert report.fatal is None
    assert report.target["transport"] == transport
    assert report.era == "legacy"
    assert report.protocol_versions == ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    bad = [(r.check.scenario, r.check.id, r.protocol_version, r.status, r.message) for r in report.checks
           if r.status in ("fail", "warn")]
    assert not bad
    skipped = {r.check.id for r in report.checks if r.status == "skip"}
    assert skipped <= {"wire-schema-valid"} | _reference_skips(transport), skipped
    assert not report.harness_errors
    assert report.exit_code() == 0


def test_every_check_passes_somewhere():
    from .test_conformance_modern import clean  # the 2026-07-28 checks pass on the modern reference server

    passed = {r.check.id for t in ("stdio", "streamable-http", "sse", "protected") for r in _report(t).checks
              if r.status == "pass"}
    passed |= {r.check.id for t in ("stdio", "streamable-http") for r in clean(t).checks if r.status == "pass"}
    missing = sorted({c.id for c in all_checks()} - passed - {"wire-schema-valid"})
    assert not missing, f"checks never passing on the clean reference: {missing}"


def test_check_counts_are_distinct_ids():
    ids = {c.id for c in all_checks()}
    assert len(ids) >= 45
