"""The discovery model: what each agent loads from a working directory, in order, within its budget."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from validator.engine.files import FileIndex
from validator.repo.files import Repo
from validator.standards.agents_md import discovery as D
from validator.standards.agents_md import memory as MEM
from validator.standards.agents_md import plan as P
from validator.standards.agents_md.globalfs import GlobalFS


def make(root: Path, files: dict) -> Repo:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, tuple):
            os.symlink(content[1], path)
        else:
            path.write_bytes(content.encode() if isinstance(content, str) else content)
    return Repo(FileIndex(root))


def loads(plan) -> list[tuple[str, str]]:
    return [(load.path, load.status) for load in plan.loads]


def test_codex_chain_root_first_one_file_per_folder(tmp_path: Path) -> None:
    repo = make(tmp_path, {"AGENTS.md": "root\n", "AGENTS.override.md": "override\n", "a/AGENTS.md": "a\n",
                           "a/b/CLAUDE.md": "claude\n"})
    plan = D.plan_codex(repo, "a/b")
    assert loads(plan) == [("AGENTS.override.md", P.LOADED), ("AGENTS.md", P.SHADOWED), ("a/AGENTS.md", P.LOADED)]
    assert plan.budget == 32768 and plan.used == len("override\n") + len("a\n")


def test_codex_existence_decides_and_empty_files_add_nothing(tmp_path: Path) -> None:
    repo = make(tmp_path, {"AGENTS.override.md": "", "AGENTS.md": "real instructions\n"})
    plan = D.plan_codex(repo, "")
    assert loads(plan) == [("AGENTS.override.md", P.EMPTY), ("AGENTS.md", P.SHADOWED)]
    assert plan.used == 0


def test_codex_budget_cuts_the_deepest_file_and_drops_the_rest(tmp_path: Path) -> None:
    line = "x" * 19 + "\n"
    repo = make(tmp_path, {".codex/config.toml": "project_doc_max_bytes = 100\n", "AGENTS.md": line * 3,
                           "a/AGENTS.md": line * 4, "a/b/AGENTS.md": "deep\n"})
    plan = D.plan_codex(repo, "a/b")
    assert loads(plan) == [("AGENTS.md", P.LOADED), ("a/AGENTS.md", P.TRUNCATED), ("a/b/AGENTS.md", P.DROPPED)]
    truncated = plan.loads[1]
    assert truncated.used == 40 and truncated.cut_line == 3 and plan.used == 100
    assert plan.budget_source == ".codex/config.toml"


def test_codex_config_layers_closest_wins_and_fallback_names(tmp_path: Path) -> None:
    repo = make(tmp_path, {".codex/config.toml": "project_doc_max_bytes = 100\nproject_doc_fallback_filenames = ['CLAUDE.md']\n",
                           "svc/.codex/config.toml": "project_doc_max_bytes = 5000\n", "svc/CLAUDE.md": "claude\n"})
    assert D.codex_settings(repo, "").max_bytes == 100
    settings = D.codex_settings(repo, "svc")
    assert settings.max_bytes == 5000 and settings.fallbacks == ("CLAUDE.md",)
    assert loads(D.plan_codex(repo, "svc")) == [("svc/CLAUDE.md", P.LOADED)]


def test_codex_zero_budget_disables_and_bad_config_is_reported(tmp_path: Path) -> None:
    repo = make(tmp_path, {".codex/config.toml": "project_doc_max_bytes = 0\n", "AGENTS.md": "x\n"})
    assert D.plan_codex(repo, "").loads == []
    broken = make(tmp_path / "b", {".codex/config.toml": "project_doc_max_bytes = [\n", "AGENTS.md": "x\n"})
    plan = D.plan_codex(broken, "")
    assert plan.budget == 32768 and any("not valid TOML" in note for note in plan.notes)


def test_claude_reads_agents_md_only_without_claude_md(tmp_path: Path) -> None:
    alone = make(tmp_path / "alone", {"AGENTS.md": "rules\n"})
    assert loads(MEM.plan_claude(alone, "")) == [("AGENTS.md", P.LOADED)]
    both = make(tmp_path / "both", {"AGENTS.md": "rules\n", "CLAUDE.md": "# Claude\n\n@AGENTS.md\n@docs/gone.md\n"})
    assert loads(MEM.plan_claude(both, "")) == [("CLAUDE.md", P.LOADED), ("AGENTS.md", P.LOADED), ("docs/gone.md", P.MISSING)]
    separate = make(tmp_path / "separate", {"AGENTS.md": "rules\n", "CLAUDE.md": "# Claude only\n"})
    assert loads(MEM.plan_claude(separate, "")) == [("CLAUDE.md", P.LOADED), ("AGENTS.md", P.SHADOWED)]


def test_claude_imports_stop_after_five_hops_and_skip_code(tmp_path: Path) -> None:
    files = {"CLAUDE.md": "@1.md\n\n`@not-imported.md`\n"}
    for n in range(1, 7):
        files[f"{n}.md"] = f"@{n + 1}.md\n" if n < 6 else "end\n"
    repo = make(tmp_path, files)
    plan = MEM.plan_claude(repo, "")
    depths = {load.path: (load.depth, load.status) for load in plan.loads}
    assert depths["5.md"] == (5, P.LOADED) and depths["6.md"] == (6, P.TOO_DEEP)
    assert "not-imported.md" not in depths


def test_gemini_file_names_from_settings_and_imports(tmp_path: Path) -> None:
    repo = make(tmp_path, {".gemini/settings.json": '// comment\n{"context": {"fileName": ["AGENTS.md", "GEMINI.md"]}}\n',
                           "AGENTS.md": "@docs/a.md\n", "GEMINI.md": ("link", "AGENTS.md"), "docs/a.md": "@../../out.md\n"})
    plan = MEM.plan_gemini(repo, "")
    assert loads(plan) == [("AGENTS.md", P.LOADED), ("docs/a.md", P.LOADED), ("@../../out.md", P.REFUSED),
                           ("GEMINI.md", P.SHADOWED)]
    legacy = make(tmp_path / "legacy", {".gemini/settings.json": '{"contextFileName": "AGENTS.md"}', "AGENTS.md": "x\n"})
    assert MEM.gemini_settings(legacy, "").names == ("AGENTS.md",)


def test_zed_reads_the_first_match_only(tmp_path: Path) -> None:
    repo = make(tmp_path, {".cursorrules": "old\n", "AGENTS.md": "new\n", "CLAUDE.md": "c\n"})
    assert loads(D.plan_zed(repo, "")) == [(".cursorrules", P.LOADED), ("AGENTS.md", P.SHADOWED), ("CLAUDE.md", P.SHADOWED)]


def test_goose_reads_hints_and_agents_md_root_to_cwd(tmp_path: Path) -> None:
    repo = make(tmp_path, {".goosehints": "h\n", "AGENTS.md": "a\n", "x/.goosehints": "hx\n"})
    assert loads(D.plan_goose(repo, "x")) == [(".goosehints", P.LOADED), ("AGENTS.md", P.LOADED), ("x/.goosehints", P.LOADED)]


def test_nothing_outside_the_repository_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret instructions\n")
    repo = make(tmp_path / "repo", {"AGENTS.md": ("link", str(outside))})
    plan = D.plan_codex(repo, "")
    assert loads(plan) == [("AGENTS.md", P.OUTSIDE)] and plan.used == 0
    assert repo.read_text("AGENTS.md") is None


@pytest.mark.parametrize("agent", sorted(D.AGENTS))
def test_every_plan_names_its_sources_and_serialises(agent: str, tmp_path: Path) -> None:
    repo = make(tmp_path, {"AGENTS.md": "# A\n", "pkg/AGENTS.md": "# P\n"})
    plan = D.AGENTS[agent](repo, "pkg", None)
    data = plan.to_dict()
    assert data["agent"] == agent and data["follows"] and isinstance(data["files"], list)


def test_global_files_only_with_include_global(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".codex").mkdir(parents=True)
    (home / ".codex" / "AGENTS.md").write_text("my global rules\n")
    repo = make(tmp_path / "repo", {"AGENTS.md": "project\n"})
    without = D.plan_codex(repo, "")
    with_global = D.plan_codex(repo, "", GlobalFS(home, env={}))
    assert [load.path for load in without.loads] == ["AGENTS.md"]
    assert [load.path for load in with_global.loads] == ["~/.codex/AGENTS.md", "AGENTS.md"]
    assert with_global.used == len("project\n")  # the global file is outside the project-doc budget


@pytest.mark.parametrize(("path", "agent"), [
    (".github/agents/reviewer.agent.md", True),
    (".github/agents/agentic-workflows.md", True),  # GitHub and VS Code read any .md there
    ("packages/web/.github/agents/planner.agent.md", True),
    (".github/agents/README.md", False),  # the folder's explanation, for people
    (".github/agents/release-manager/references/stage-1.md", False),  # an agent's reference documents
    (".github/workflows/autofix.agent.md", False),  # gh-aw workflows, not custom agents
    ("agents/reviewer.agent.md", False),  # an agent collection's payload (org agents live in .github-private)
])
def test_copilot_custom_agents_are_classified(path: str, agent: bool) -> None:
    from validator.standards.agents_md import names as N

    assert N.copilot_agent(path) is agent


def test_copilot_plan_lists_custom_agents_on_demand(tmp_path: Path) -> None:
    repo = make(tmp_path, {".github/agents/reviewer.agent.md": "---\ndescription: Reviews PRs\n---\nReview.\n",
                           ".github/agents/README.md": "# Agents\n"})
    plan = D.plan_copilot(repo, "")
    assert loads(plan) == [(".github/agents/reviewer.agent.md", P.ON_DEMAND)]


@pytest.mark.parametrize(("path", "prompt"), [
    (".github/prompts/review.prompt.md", True),
    ("packages/web/.github/prompts/plan.prompt.md", True),
    (".github/prompts/team/release-notes.prompt.md", True),  # a collection folder (chat.promptFilesLocations)
    (".github/prompts/README.md", False),  # the folder's explanation, for people
    (".github/prompts/snippet.md", False),  # only the .prompt.md suffix makes a prompt file
    ("prompts/review.prompt.md", False),  # a prompt collection's payload, not this workspace's prompts
    (".github/instructions/review.prompt.md", False),  # a prompt misplaced among the instructions: AGM's own kind
])
def test_copilot_prompt_files_are_classified(path: str, prompt: bool) -> None:
    from validator.standards.agents_md import names as N

    assert N.copilot_prompt(path) is prompt


def test_copilot_plan_lists_prompt_files_on_demand(tmp_path: Path) -> None:
    repo = make(tmp_path, {".github/prompts/review.prompt.md": "---\ndescription: Review\n---\nReview.\n",
                           ".github/prompts/README.md": "# Prompts\n"})
    plan = D.plan_copilot(repo, "")
    assert loads(plan) == [(".github/prompts/review.prompt.md", P.ON_DEMAND)]
