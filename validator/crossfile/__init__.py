"""Consistency between files of different standards (the cross-file stage, rules XF).

Runs after every file has been parsed and checked on its own. It is the only place
that knows several standards: `facts.gather` turns the run's server.json and
client-config documents into typed facts, and the emitters in `CHECKS`
(`fn(facts, ctx) -> Iterable[Problem]`, each problem naming its file with `path=`)
compare them with each other and with the files no standard owns (package.json,
pyproject.toml, READMEs, Dockerfiles, MCPB manifests), read through the run's one
cached reader, `validator.repo.files.Repo` (shared with the AGENTS.md checks), and
compared with what `validator.repo` knows of manifests. Documents the run was not
given (a pre-commit run on a few files) come from the run itself, through the
`facts.Repository` it passes in; this stage never imports the registry.

    facts = gather(documents, ctx.index, repository)     # None: nothing to compare
    findings = run_checks(facts, ctx, CHECKS)            # validator.lint.emit
"""

from __future__ import annotations

from validator.crossfile.rules import RULES

CHECKS = tuple(f"validator.crossfile.checks.{topic}" for topic in ("packages", "bundle", "configs"))

__all__ = ["RULES", "CHECKS", "gather"]


def gather(documents, index, repository):
    """The facts of DOCUMENTS for the XF emitters (`validator.crossfile.facts.gather`, imported on first use)."""
    from validator.crossfile.facts import gather as build

    return build(documents, index, repository)
