"""Every rule has exactly one address: the function decorated `@emits(...)` with its code.

Also: every code an emitter declares is registered, the lint driver refuses a problem
whose rule its emitter does not declare or whose severity the rule's data does not
allow, and the generated docs name the implementing file and function.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from validator.emitters import all_emitters, emits
from validator.lint.emit import EmitterError, to_finding
from validator.model import Problem
from validator.parsing.text import Region
from validator.registry import all_rules
from validator.ruledocs import rule_markdown


def _by_code() -> dict[str, list]:
    table = defaultdict(list)
    for emitter in all_emitters():
        for code in emitter.codes:
            table[code].append(emitter)
    return table


def test_every_rule_has_exactly_one_emitter() -> None:
    table = _by_code()
    missing = [code for code in all_rules() if code not in table]
    several = {code: [e.address for e in emitters] for code, emitters in table.items() if len(emitters) > 1}
    assert not missing, f"rules without an @emits function: {missing}"
    assert not several, f"rules with more than one emitter: {several}"


def test_every_emitted_code_is_registered() -> None:
    rules = all_rules()
    unknown = {e.address: sorted(e.codes - rules.keys()) for e in all_emitters() if e.codes - rules.keys()}
    assert not unknown, unknown
    for emitter in all_emitters():
        for rule in emitter.rules:
            assert rules[rule.code] is rule, f"{emitter.address} declares a copy of {rule.code}"


def test_severity_variation_is_declared_with_its_reason() -> None:
    for rule in all_rules().values():
        assert rule.severity not in rule.severities, rule.code
        assert bool(rule.severities) == bool(rule.severity_note), f"{rule.code}: severities and severity_note go together"


class _Doc:
    relpath = "x.json"

    def locate(self, where, at_key=False):
        return where


def test_driver_refuses_undeclared_rule_and_severity() -> None:
    rules = all_rules()
    srv011, srv012, gen003 = rules["SRV011"], rules["SRV012"], rules["GEN003"]

    @emits(srv011)
    def emitter(doc, ctx):
        yield Problem(srv012, "not mine", Region(1, 1, 1, 2))

    with pytest.raises(EmitterError, match="does not declare"):
        to_finding(next(emitter(None, None)), _Doc(), emitter.emitter)
    with pytest.raises(EmitterError, match="allows only"):
        to_finding(Problem(srv011, "m", Region(1, 1, 1, 2), severity="info"), _Doc())
    finding = to_finding(Problem(gen003, "m", Region(1, 1, 1, 2), severity="warning"), _Doc())
    assert finding.severity == "warning" and (finding.line, finding.column) == (1, 1)


def test_rule_pages_name_their_implementation() -> None:
    page = rule_markdown(all_rules()["SRV012"])
    assert "**Implemented in:** [`validator/standards/server_json/checks/registry.py`]" in page
    assert "`registry_rules`" in page


def test_explain_needs_no_test_extra() -> None:
    """In a default install (no pytest), `explain` walks the emitters without importing the
    pytest plugin (it crashed with 'No module named pytest')."""
    import subprocess
    import sys

    probe = ("import sys; sys.modules['pytest'] = None\n"
             "from validator.cli import main\n"
             "raise SystemExit(main(['explain', 'SRV012']))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Implemented in" in done.stdout, done.stderr
