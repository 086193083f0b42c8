"""docs/conformance/requirements.md is generated, complete and fresh."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from validator.conformance import traceability
from validator.conformance.areas import all_checks, load_scenarios
from validator.conformance.protocol.revisions import KNOWN_REVISIONS
from validator.conformance.suite.catalogue import CATALOGUE

SHARED = Path(__file__).resolve().parents[3] / "shared" / "docs" / "mcp-requirements.md"


def test_doc_is_fresh():
    assert traceability.main(["--check"]) == 0, "run: python -m validator.conformance.traceability"


def test_every_requirement_has_checks_or_a_reason():
    covered = traceability.coverage()
    ids = {rid for rid, *_ in CATALOGUE}
    missing = sorted(rid for rid in ids if rid not in covered and rid not in traceability.REASONS)
    assert not missing, f"requirements with neither a check nor a reason: {missing}"
    stale = sorted(rid for rid in traceability.REASONS if rid in covered)
    assert not stale, f"reasons for requirements a check now covers (remove them): {stale}"
    unknown = sorted({c.requirement for c in all_checks()} - ids)
    assert not unknown, f"checks naming requirements not in the catalogue: {unknown}"


def test_checks_are_well_formed():
    for scenario in load_scenarios():
        for check in scenario.checks:
            assert check.revisions and set(check.revisions) <= set(KNOWN_REVISIONS), check.id
            # an extension's normative text is its SEP (the tasks extension, SEP-2663), not a dated revision
            assert check.spec.startswith(("https://modelcontextprotocol.io/specification/",
                                          "https://modelcontextprotocol.io/seps/")) or "jsonrpc.org" in check.spec
    ids = [(c.scenario, c.id) for c in all_checks()]
    assert len(ids) == len(set(ids))


def test_catalogue_matches_the_research_notes():
    if not SHARED.exists():
        pytest.skip("../shared is absent (the catalogue source)")
    ids = re.findall(r"^\| ([A-Z0-9]+-\d{3}) \|", SHARED.read_text(encoding="utf-8"), flags=re.M)
    assert [rid for rid, *_ in CATALOGUE] == ids
