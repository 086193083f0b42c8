"""The AGM rules of Copilot custom agents (`.github/agents/*.agent.md`, and plain `.md` there): their front matter
and the length of their prompt.

Kept apart from `rules.py` (at the module size limit); the face adds these to the standard's `RULES`. Every other
AGM rule that reads an instruction file's text (links, paths, commands, secrets, hidden characters, headings) applies
to an agent's body as it does to a `.instructions.md` file.

Two clients read these files, and not the same keys (docs/standards/agents-md.md has the table): GitHub (the cloud
agent on github.com, the Copilot CLI and the other IDEs) reads `name`, `description` (required), `target`, `tools`,
`model`, `disable-model-invocation`, `user-invocable`, `infer` (retired), `mcp-servers` and `metadata`; VS Code reads
`description`, `name`, `argument-hint`, `tools`, `agents`, `model` (a string or a list), `user-invocable`,
`disable-model-invocation`, `infer` (deprecated), `target`, `mcp-servers`, `handoffs` and `hooks`, and its header is
optional. `target: vscode` keeps the agent out of GitHub's environment, so GitHub's requirements do not apply to it.
"""

from __future__ import annotations

import functools

from validator.model import Rule, SpecRef, rule_factory

GITHUB_AGENTS = SpecRef("https://docs.github.com/en/copilot/reference/custom-agents-configuration",
                        "GitHub Docs: Custom agents configuration, YAML frontmatter properties (description required; the "
                        "prompt can be a maximum of 30,000 characters)")
GITHUB_CREATE = SpecRef("https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-custom-agents",
                        "GitHub Docs: Creating custom agents, Configuring an agent profile")
VSCODE_AGENTS = SpecRef("https://code.visualstudio.com/docs/copilot/customization/custom-agents",
                        "VS Code: Custom agents, Custom agent file structure (header fields; any .md in .github/agents)")
CLI_UNKNOWN = SpecRef("https://github.com/github/copilot-cli/issues/1377",
                      "github/copilot-cli#1377: the CLI warns \"unknown field ignored\" for keys it does not read")
CLI_MALFORMED = SpecRef("https://github.com/github/copilot-cli/issues/3070",
                        "github/copilot-cli#3070: \"custom agent markdown frontmatter is malformed: model: Expected string, "
                        "received array\", and the agent does not load")

rule = functools.partial(rule_factory("agents-md"), example_language="markdown")

AGM081 = rule(
    "AGM081", "copilot-agent-front-matter-invalid", "error", "MUST",
    "A Copilot custom agent's front matter is never closed, is not valid YAML, or is not a mapping of keys to values.",
    "GitHub reads an agent's `description` (required), `tools` and the rest from its YAML front matter. Front matter "
    "that does not parse gives GitHub no description: the Copilot CLI reports the front matter as malformed and does "
    "not load the agent. Close the block with `---` and fix the YAML (quote "
    "values that hold `: ` or start with `*`, `@` or a backtick).",
    "---\ndescription: Reviews PRs: style and tests\ntools: ['read'\n---", "---\ndescription: \"Reviews PRs: style and tests\"\n"
    "tools: ['read']\n---", (GITHUB_AGENTS, GITHUB_CREATE, CLI_MALFORMED),
    notes="A file that does not open with `---` has no front matter: that is AGM082's (no description). None of "
          "AGM081-AGM085 judges an agent in a template or fixture tree (`templates/`, `fixtures/`, `{{...}}` folders): "
          "its header is filled in where it is used.",
    severities=("warning",),
    severity_note="A warning when the block has a `target: vscode` line: only VS Code reads that agent, and VS Code's "
                  "own YAML reader is more lenient than a strict parser (an unquoted `: ` in a value), so it may still "
                  "read the keys.")
AGM082 = rule(
    "AGM082", "copilot-agent-missing-description", "error", "MUST",
    "A Copilot custom agent has no `description`, which GitHub requires.",
    "GitHub's agent profile table marks `description` as the one required property; an agent without it is not "
    "offered in GitHub's agent picker or the Copilot CLI. VS Code's header is optional (it shows the description as "
    "the chat placeholder), so an agent with `target: vscode` is not reported. Add one line saying what the agent "
    "does and when to pick it.",
    "---\nname: reviewer\ntools: ['read', 'search']\n---", "---\nname: reviewer\ndescription: Reviews pull requests for "
    "missing tests\ntools: ['read', 'search']\n---", (GITHUB_AGENTS, GITHUB_CREATE, VSCODE_AGENTS),
    notes="An empty or blank `description` counts as missing; a `description` that is not text is AGM084's.",
    severities=("warning",),
    severity_note="A warning for a plain `.md` file without any front matter: usually a document kept beside the agents "
                  "(notes, an index, a misplaced copilot-instructions.md), which VS Code still lists as an agent; move it "
                  "out of `.github/agents/` or make it an agent.")
AGM083 = rule(
    "AGM083", "copilot-agent-unknown-key", "warning", "BEST_PRACTICE",
    "A Copilot custom agent's front matter has a key neither GitHub nor VS Code reads, or the retired `infer`.",
    "GitHub and VS Code document the keys of an agent's front matter (the union: `name`, `description`, `target`, "
    "`tools`, `model`, `disable-model-invocation`, `user-invocable`, `mcp-servers`, `metadata`, `argument-hint`, "
    "`agents`, `handoffs`, `hooks`). Another key is dropped (the Copilot CLI says \"unknown field ignored\"): a "
    "misspelling (`desciption`, `allowed-tools`) leaves the agent configured differently from what its author wrote. "
    "`infer` is retired on GitHub and deprecated in VS Code: write `disable-model-invocation` and `user-invocable`. "
    "Annotations of your own belong under GitHub's `metadata`.",
    "---\ndescription: Plans features\nallowed-tools: [read]\n---", "---\ndescription: Plans features\ntools: [read]\n---",
    (GITHUB_AGENTS, VSCODE_AGENTS, CLI_UNKNOWN),
    notes="Keys are matched exactly (both clients read them case-sensitively). The message names the documented key "
          "a misspelt one stands for when one is close.")
AGM084 = rule(
    "AGM084", "copilot-agent-value-type", "warning", "SHOULD",
    "A Copilot custom agent's key has a value of the wrong kind (`target` other than `vscode`/`github-copilot`, a "
    "quoted boolean, `tools` that are not names, a `description` that is not text).",
    "GitHub and VS Code document each key's type: `name`, `description`, `argument-hint` text; `target` one of "
    "`vscode` and `github-copilot`; `tools` and `agents` a list of names (`tools` also a comma-separated string); "
    "`model` text (VS Code also takes a list); `disable-model-invocation`, `user-invocable`, `infer` booleans; "
    "`mcp-servers`, `metadata` and `hooks` mappings; `handoffs` a list of mappings with `label` and `agent`. The "
    "Copilot CLI refuses a value of another type (\"frontmatter is malformed\") and the other clients ignore it.",
    "---\ndescription: Plans features\nuser-invocable: \"false\"\ntarget: copilot\n---",
    "---\ndescription: Plans features\nuser-invocable: false\ntarget: github-copilot\n---",
    (GITHUB_AGENTS, VSCODE_AGENTS, CLI_MALFORMED),
    notes="`model` as a list of names is VS Code's documented fallback list: reported only when the agent is not "
          "`target: vscode`, since GitHub documents a string and the Copilot CLI refuses the list (copilot-cli#3070). "
          "A key left empty (`tools:`) is not reported. `mcp-servers` may be a mapping (GitHub) or a list (VS Code's "
          "wording).")
AGM085 = rule(
    "AGM085", "copilot-agent-prompt-too-long", "error", "MUST",
    "A Copilot custom agent's prompt (the Markdown below the front matter) is over GitHub's 30,000-character maximum.",
    "GitHub documents that an agent's prompt \"can be a maximum of 30,000 characters\"; GitHub.com refuses "
    "such an agent: its picker greys it out with `Invalid config: \"prompt\" exceeds max length of 30000` "
    "(Azure/azure-rest-api-specs#45843). Move reference material into files the agent reads on demand (link them from the "
    "prompt) or split the agent. Agents with `target: vscode` are not reported: VS Code documents no maximum.",
    "(a 34,000-character agent prompt)", "(a 12,000-character prompt linking docs/agents/reference.md)",
    (GITHUB_AGENTS, GITHUB_CREATE),
    notes="Characters are counted as code points of the body after the closing `---`.")

RULES: tuple[Rule, ...] = (AGM081, AGM082, AGM083, AGM084, AGM085)
