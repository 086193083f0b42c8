"""The AGM rules of Copilot prompt files (`.github/prompts/*.prompt.md`): their front matter and the agent they name.

Kept apart from `rules.py` (at the module size limit); the face adds these to the standard's `RULES`. Every other
AGM rule that reads an instruction file's text (links and `#file:` references, paths, commands, secrets, hidden
characters, headings) applies to a prompt's body as it does to a `.instructions.md` file.

VS Code reads prompt files (Visual Studio and the JetBrains IDEs read the same folder). Its header is optional and
holds `description`, `name`, `argument-hint`, `agent`, `model` and `tools`; the earlier `mode` still works as `agent`
but is deprecated. VS Code's own header validator (`promptValidator.ts` in microsoft/vscode) is the authority on what
is diagnosed: it flags other keys and values of the wrong type, yet still runs the prompt, so those findings are
warnings here; only a header that swallows the whole prompt is an error.
"""

from __future__ import annotations

import functools

from validator.model import Rule, SpecRef, rule_factory

VSCODE_PROMPTS = SpecRef("https://code.visualstudio.com/docs/copilot/customization/prompt-files",
                         "VS Code: Use prompt files, Prompt file format (the optional header: description, name, "
                         "argument-hint, agent, model, tools; Markdown links to workspace files, relative to the prompt)")
VSCODE_VALIDATOR = SpecRef("https://github.com/microsoft/vscode/blob/main/src/vs/workbench/contrib/chat/common/"
                           "promptSyntax/languageProviders/promptValidator.ts",
                           "VS Code's prompt header validation: the attributes supported in prompt files, 'mode' "
                           "deprecated (rename it to 'agent'), the value types, unknown agents, file references")
VSCODE_PARSER = SpecRef("https://github.com/microsoft/vscode/blob/main/src/vs/workbench/contrib/chat/common/"
                        "promptSyntax/promptFileParser.ts",
                        "VS Code's prompt file parser: the header runs from a first '---' line to the next '---' line, "
                        "or to the end of the file; the body after it is the prompt")
GITHUB_PROMPTS = SpecRef("https://docs.github.com/en/copilot/tutorials/customization-library/prompt-files",
                         "GitHub Docs: Prompt files (available in VS Code, Visual Studio and JetBrains IDEs)")

rule = functools.partial(rule_factory("agents-md"), example_language="markdown")

AGM086 = rule(
    "AGM086", "copilot-prompt-front-matter-invalid", "error", "MUST",
    "A Copilot prompt file's front matter is never closed, does not start on the first line, is not valid YAML, or is "
    "not a mapping of keys to values.",
    "VS Code reads the header from the first `---` line to the next one. Without a closing `---` the header runs to the "
    "end of the file: the whole prompt is read as front matter and nothing is sent to the model. A header that does "
    "not parse (a flow list `[` never closed) is flagged by VS Code, which then reads none or only some of its keys "
    "(the agent, tools and model the prompt asks for). A block below a leading HTML comment (a licence notice) is no "
    "header at all: VS Code opens the header only on the first line, so its keys reach the model as text. Close the "
    "block with `---`, start the file with it, and fix the YAML.",
    "---\ndescription: Review the change: style and tests\nagent: agent\n\nReview the staged change.",
    "---\ndescription: \"Review the change: style and tests\"\nagent: agent\n---\nReview the staged change.",
    (VSCODE_PARSER, VSCODE_PROMPTS, VSCODE_VALIDATOR),
    notes="A file that does not open with `---` has no header, which prompt files may omit. The header is read as "
          "VS Code reads it: an unquoted value runs to the end of its line, so `description: Review: style` or a value "
          "opening with a backtick or `@`, which a strict YAML parser refuses, is text and not reported. Prompt files "
          "in template and fixture trees (`templates/`, `fixtures/`, `{{...}}` folders) are not judged by "
          "AGM086-AGM089.",
    severities=("warning",),
    severity_note="A warning when the block is closed but does not parse, even as VS Code reads it, or is not a mapping (VS "
                  "Code marks the header and still runs the prompt, and its lenient reader may still take some keys), "
                  "and when it follows an HTML comment (the prompt runs, without its header's settings).")
AGM087 = rule(
    "AGM087", "copilot-prompt-unknown-key", "warning", "BEST_PRACTICE",
    "A Copilot prompt file's front matter has a key VS Code does not read in prompt files, or the deprecated `mode`.",
    "VS Code reads `description`, `name`, `argument-hint`, `agent`, `model` and `tools` in a prompt file's header and "
    "reports any other key as \"not supported in prompt files\": a misspelling (`desciption`, `allowed-tools`) or a key "
    "of another format (`applyTo` of an instructions file, `handoffs` of a custom agent) changes nothing. `mode` is the "
    "old name of `agent`: VS Code still reads it when `agent` is absent but marks it deprecated; rename it.",
    "---\nmode: agent\ndescription: Plan a feature\napplyTo: '**/*.ts'\n---", "---\nagent: agent\ndescription: Plan a "
    "feature\n---", (VSCODE_PROMPTS, VSCODE_VALIDATOR),
    notes="Keys are matched exactly (VS Code reads them case-sensitively). The message names the documented key a "
          "misspelt one stands for when one is close, and the format a foreign key belongs to.")
AGM088 = rule(
    "AGM088", "copilot-prompt-value-type", "warning", "SHOULD",
    "A Copilot prompt file's key has a value of the wrong kind (a `description` that is not text, `tools` that are not "
    "a list of names, an empty `agent`), or `tools` with an agent that takes none.",
    "VS Code documents `description`, `name`, `argument-hint`, `agent` and `model` as text and `tools` as a list of "
    "tool or tool set names. Its header validator flags a value of another kind or an empty one and its parser drops "
    "it: the prompt runs without the tools, model or agent it asks for. `tools` are ignored when the prompt runs with "
    "the `ask` or `edit` agent (\"only supported when using agents\").",
    "---\ndescription: Generate tests\ntools: codebase, runTests\nmodel: [GPT-4o]\n---",
    "---\ndescription: Generate tests\ntools: ['codebase', 'runTests']\nmodel: GPT-4o\n---",
    (VSCODE_PROMPTS, VSCODE_VALIDATOR),
    notes="A key left empty (`tools:`) is reported only for the text keys, which VS Code requires to be non-empty. "
          "`tools` as a mapping of names to booleans is read by VS Code's parser and not reported.")
AGM089 = rule(
    "AGM089", "copilot-prompt-unknown-agent", "warning", "BEST_PRACTICE",
    "A Copilot prompt file's `agent` names neither a built-in agent (`agent`, `ask`, `edit`, `plan`) nor a custom agent "
    "of the repository.",
    "The `agent` a prompt runs with is a built-in one or a custom agent, matched by its `name` (or its file name) among "
    "the agents VS Code knows. An agent renamed or removed from `.github/agents/` leaves the prompt pointing at nothing: "
    "VS Code reports \"Unknown agent\" and the prompt runs with whatever agent is selected, without the tools and "
    "instructions its author chose. Name an agent that exists, or commit the agent beside the prompt.",
    "---\nagent: Planner\n---\n(.github/agents/ holds planner.agent.md with name: Feature Planner)",
    "---\nagent: Feature Planner\n---", (VSCODE_PROMPTS, VSCODE_VALIDATOR),
    notes="Custom agents are looked up in every `.github/agents/` folder of the repository (by `name`, else the file "
          "name without `.agent.md` or `.md`) and in `.github/chatmodes/*.chatmode.md`. Agents from a user profile or an "
          "extension cannot be seen from the repository: a prompt committed for a team should name one its members have.")

RULES: tuple[Rule, ...] = (AGM086, AGM087, AGM088, AGM089)
