"""The AGM rules over the shared corpus of real instruction files: no crash, and no noise where it was judged.

The corpus (../shared/corpus/{agents-md,claude-md,other-instructions}) holds single files
without their repositories. Files of one repository are placed together at their real
paths in a temporary folder; a file whose whole content is `SYMLINK -> target` stands for
a symlink and is recreated as one. Rules that need the rest of the repository (links,
paths, commands) cannot be judged here; rules that judge a file by its own text can,
and every finding of those was reviewed by hand (docs/benchmarks.md, "agents-md").
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from pathlib import Path

import pytest

from validator.lint.runner import LintOptions, run_lint

from .conftest import shared_path

pytestmark = pytest.mark.corpus

DIRS = ("agents-md", "claude-md", "other-instructions")
SELF_CONTAINED_QUIET = ("AGM005", "AGM007", "AGM008", "AGM009", "AGM050", "AGM058", "AGM059", "AGM070", "AGM071",
                        "AGM072", "AGM073", "AGM074", "AGM075")
"""Rules judged on a file's own text that reviewed as silent on this corpus (a false positive would show here)."""


def corpus_repos(corpus: Path) -> dict[str, list[tuple[str, Path]]]:
    """repo -> [(path in the repository, corpus file)], from each folder's SOURCES.tsv (bench/ uses it too)."""
    repos: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for name in DIRS:
        folder = corpus / name
        with (folder / "SOURCES.tsv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                repos[row["repo"]].append((row["path"], folder / row["corpus_file"]))
    return repos


def materialize(root: Path, files: list[tuple[str, Path]]) -> list[str]:
    """Write one repository's corpus files under ROOT; `SYMLINK -> x` becomes a symlink. Returns the links."""
    links = []
    for rel, source in files:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = source.read_bytes()
        text = raw.decode("utf-8", "replace").strip()
        if text.startswith("SYMLINK -> ") and "\n" not in text:
            if target.exists() or target.is_symlink():
                target.unlink()
            os.symlink(text[len("SYMLINK -> "):], target)
            links.append(rel)
        elif not target.exists():
            target.write_bytes(raw)
    return links


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory):
    results = []
    for repo, entries in sorted(corpus_repos(shared_path("corpus")).items()):
        root = tmp_path_factory.mktemp("corpus")
        links = materialize(root, entries)
        result = run_lint(LintOptions(root=root, cwd=root, no_config=True, select=("AGM", "GEN")))
        results.append((repo, root, links, result))
    return results


def test_whole_corpus_is_checked_without_internal_errors(corpus_results) -> None:
    checked = sum(result.files_checked for *_, result in corpus_results)
    assert checked >= 250, checked  # 263 files at the time of writing
    for repo, _root, _links, result in corpus_results:
        assert result.errors == [], (repo, result.errors)
        for finding in result.findings:
            assert finding.line >= 1 and finding.column >= 1, (repo, finding)


def test_symlink_markers_become_links_and_are_not_checked_twice(corpus_results) -> None:
    seen = 0
    for repo, root, links, result in corpus_results:
        for rel in links:
            seen += 1
            assert (root / rel).is_symlink()
            codes = {f.rule.code for f in result.findings if f.path == rel}
            # a link is reported only when broken; its target's text is checked under the target's own name
            assert codes <= {"AGM042"}, (repo, rel, codes)
    assert seen >= 20  # 26 CLAUDE.md and one copilot-instructions.md are symlinks in the corpus


def test_self_contained_rules_are_quiet_on_reviewed_files(corpus_results) -> None:
    noisy = [(repo, f.path, f.line, f.rule.code, f.message)
             for repo, _root, _links, result in corpus_results for f in result.findings
             if f.rule.code in SELF_CONTAINED_QUIET]
    assert noisy == []


def test_codex_budget_findings_match_the_corpus_sizes(corpus_results) -> None:
    """Files over 32 KiB in the corpus (research: 5 of 169) are those Codex truncates on their own.

    Template trees (crewAI's CLI templates) are payload for other repositories and are not judged.
    """
    from validator.standards.agents_md.names import in_template_tree

    over = {(repo, f.path) for repo, _root, _links, result in corpus_results for f in result.findings if f.rule.code == "AGM020"}
    big = set()
    for repo, root, _links, _result in corpus_results:
        for path in root.rglob("AGENTS.md"):
            rel = path.relative_to(root).as_posix()
            if not path.is_symlink() and path.stat().st_size > 32 * 1024 and not in_template_tree(rel):
                big.add((repo, rel))
    assert over == big and len(big) >= 4
