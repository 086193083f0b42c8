"""Folding repeated findings: one author decision repeated in many files becomes one finding.

A rule whose data says `fold` (`validator.model.Rule.fold`) judges a convention, so a
catalogue that writes a product prefix into every skill's name would otherwise get one
finding per skill, and users switch such a rule off. Here, after inline suppressions,
per-file ignores and the baseline have each judged the original findings (so a baseline
keeps matching whatever the count), the findings of one *kind* fold into the first of
them (sort order) when

- the kind occurs in more than `FOLD_AFTER` files (the rule's `fold_after`), or more than `FOLD_MANY` times in
  all: up to that many, each finding is cheap to read and fix where it is; past it, the repetition is a habit of
  the repository and one finding with the list of places says all there is to say; or
- identical findings (same message, line and column) occur in several files: copies
  of one file, where every finding repeats the first copy's verbatim.

Past that, no rule keeps more than `CAP` warnings (or infos) in a repository (issue 15: a user reads twenty dead
links one by one, not seventy-nine): the last one kept carries the rest as related locations, however different
their messages. Errors are never capped: each breaks a client or a publish, and a tool or a reviewer reading the
report file by file must see each where it is (a repository of 2,000 bundle manifests has 2,000 verdicts).

The kind is the rule and its message, with quoted values blanked for `fold="template"`
(`name 'zs-a' does not match the skill's folder 'a'` across skills is one convention)
and verbatim for `fold="message"` (a field name is the decision: `'x' is not a field`
and `'y' is not a field` stay apart). The kept finding names the others in its message
and carries their positions in `Finding.also` (JSON `also`, SARIF `relatedLocations`).
Findings of different severities are never one kind, so the exit code is the same folded or not.
"""

from __future__ import annotations

import re

from validator.model import Finding
from validator.records import replace

FOLD_AFTER = 5
"""A kind folds when it occurs in more than this many files (`Rule.fold_after`, this by default; 1 for the
rules whose quoted value is itself the decision, such as a front matter field name)."""
FOLD_MANY = 10
"""A kind also folds when it occurs more than this many times in all, in however few files: 120 dotted tool names in
one manifest are one naming decision (audit 16)."""
CAP = 20
"""Findings of one rule and severity a repository keeps after folding; the last kept one lists the others."""
NAMED = 3
"""Other files named in the kept finding's message; the rest are counted."""

_QUOTED = re.compile(r"(?<!\w)('[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`)(?!\w)")
"""A quoted value: a quote that opens or closes inside a word is an apostrophe ("the skill's folder")."""


def kind_of(finding: Finding) -> tuple[str, str, str]:
    """The rule, severity and message that make findings one kind (see the module's docstring). The severity
    counts because a nested configuration may raise it for some files: an error never folds into a warning."""
    message = finding.message
    if finding.rule.fold == "template":
        message = _QUOTED.sub("'…'", message)
    return finding.rule.code, finding.severity, message


def fold(findings: list[Finding]) -> tuple[list[Finding], int]:
    """FINDINGS (sorted) with repeats folded, and how many findings were folded away."""
    groups: dict[tuple, list[int]] = {}
    for position, finding in enumerate(findings):
        if finding.rule.fold:
            groups.setdefault(kind_of(finding), []).append(position)
    folded_into: dict[int, list[int]] = {}
    for positions in groups.values():
        if len({findings[i].path for i in positions}) > findings[positions[0]].rule.fold_after \
                or len(positions) > FOLD_MANY:
            folded_into[positions[0]] = positions[1:]
            continue
        copies: dict[tuple, list[int]] = {}
        for i in positions:
            copies.setdefault((findings[i].message, findings[i].line, findings[i].column), []).append(i)
        for same in copies.values():
            if len({findings[i].path for i in same}) > 1:
                folded_into[same[0]] = same[1:]
    dropped = {i for others in folded_into.values() for i in others}
    out = []
    for position, finding in enumerate(findings):
        if position in dropped:
            continue
        others = [findings[i] for i in folded_into.get(position, ())]
        out.append(_folded(finding, others) if others else finding)
    capped, beyond = _capped(out)
    return capped, len(dropped) + beyond


def _capped(findings: list[Finding]) -> tuple[list[Finding], int]:
    """FINDINGS with each rule's warnings and infos kept to CAP, and how many went into the last kept one."""
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        if finding.severity != "error":
            counts[_rule_and_severity(finding)] = counts.get(_rule_and_severity(finding), 0) + 1
    if all(n <= CAP for n in counts.values()):
        return findings, 0
    seen: dict[tuple[str, str], int] = {}
    rest: dict[tuple[str, str], list[Finding]] = {}
    last: dict[tuple[str, str], int] = {}
    out: list[Finding] = []
    for finding in findings:
        key = _rule_and_severity(finding)
        if counts.get(key, 0) <= CAP:
            out.append(finding)
            continue
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > CAP:
            rest.setdefault(key, []).append(finding)
            continue
        if seen[key] == CAP:
            last[key] = len(out)
        out.append(finding)
    for key, others in rest.items():
        keeper = out[last[key]]
        places = [(f.path, f.line, f.column) for f in others] + [place for f in others for place in f.also]
        paths = list(dict.fromkeys(f.path for f in others))
        named = ", ".join(paths[:NAMED]) + (f" and {len(paths) - NAMED} more" if len(paths) > NAMED else "")
        note = (f"; {len(others)} more {keeper.rule.code} ({keeper.rule.alias}) finding{'s' if len(others) != 1 else ''} past the first "
                f"{CAP} in this repository, in {named}")
        out[last[key]] = replace(keeper, message=keeper.message + note, also=keeper.also + tuple(places))
    return out, sum(len(others) for others in rest.values())


def _rule_and_severity(finding: Finding) -> tuple[str, str]:
    return finding.rule.code, finding.severity


def _folded(first: Finding, others: list[Finding]) -> Finding:
    """FIRST naming OTHERS: '; the same in N other files: a, b, c and K more'."""
    paths = list(dict.fromkeys(other.path for other in others if other.path != first.path))
    named = ", ".join(paths[:NAMED]) + (f" and {len(paths) - NAMED} more" if len(paths) > NAMED else "")
    where = f"in {len(paths)} other file{'s' if len(paths) != 1 else ''}: {named}" if paths else ""
    if len(others) > len(paths):  # several in one file: say how many places in all
        where = (where + " " if where else "") + f"({len(others)} more place{'s' if len(others) != 1 else ''})"
    return replace(first, message=f"{first.message}; the same {where}",
                   also=tuple((other.path, other.line, other.column) for other in others))
