"""The AGM rules of Cursor project rules (`.cursor/rules/**/*.mdc`): what their front matter says to Cursor.

Kept apart from `rules.py` (at the module size limit); the face adds these to the standard's `RULES`.
Every other AGM rule that reads an instruction file's content (links, paths, secrets, commands, hidden
characters) applies to Cursor rules as well; a broken front matter is AGM018's, shared with Copilot
and Claude rule files.

Cursor's rules page is the source: "Each rule is an .mdc file", its front matter has `description`,
`globs` and `alwaysApply`, and these pick how the rule is applied (always, to matching files, when the
agent finds it relevant, or only when @-mentioned). Cursor's front matter is not strict YAML: its own
examples write `globs: src/**/*.ts, docs/**/*.md` unquoted, which a YAML parser refuses (`*` starts an
alias), so these rules read it line by line as Cursor's examples write it (`cursor_rules.py`), and
nothing here is an error: what Cursor does with an off-shape value is not documented.
"""

from __future__ import annotations

import functools

from validator.model import Rule, SpecRef, rule_factory

CURSOR_RULES = SpecRef("https://cursor.com/docs/rules",
                       "Cursor docs: Rules, Project rules (rule file structure: description, globs, alwaysApply; rule types)")

rule = functools.partial(rule_factory("agents-md"), example_language="markdown")

AGM076 = rule(
    "AGM076", "cursor-unknown-key", "warning", "BEST_PRACTICE",
    "A Cursor rule's front matter has a key Cursor does not read where it meant one it does (`alwaysapply`, `glob`, "
    "Copilot's `applyTo`, Claude's `paths`, Windsurf's `trigger`).",
    "Cursor reads `description`, `globs` and `alwaysApply` from a rule's front matter and ignores other keys. A "
    "misspelt key or another client's scoping key is silently dropped, so the rule is applied differently from what "
    "its author wrote (often only when @-mentioned). Rename the key to Cursor's.",
    "---\napplyTo: \"**/*.py\"\n---", "---\nglobs: **/*.py\n---", (CURSOR_RULES,),
    notes="Other keys (`name`, `version`, `tags` ...) are metadata some teams keep and are not reported: Cursor "
          "ignores them and nothing was meant by them for Cursor.")
AGM077 = rule(
    "AGM077", "cursor-value-type", "warning", "SHOULD",
    "A Cursor rule's `alwaysApply` is not `true` or `false`, its `description` not text, or its `globs` not patterns.",
    "Cursor documents `alwaysApply` as a boolean, `description` as text and `globs` as file patterns. A quoted "
    "`\"true\"`, a `yes` or a mapping is not what its rules page shows, and whether Cursor reads it as meant is "
    "not documented: tools that convert rules read the string `\"true\"` as not always applied. Write the value "
    "as Cursor's examples do.",
    "---\nalwaysApply: \"true\"\n---", "---\nalwaysApply: true\n---", (CURSOR_RULES,))
AGM078 = rule(
    "AGM078", "cursor-globs-shape", "info", "BEST_PRACTICE",
    "A Cursor rule writes `globs` as a quoted string or a YAML list, where Cursor's docs show bare comma-separated patterns.",
    "Cursor's rules page writes `globs` unquoted, several patterns separated by commas. Reports differ on the "
    "other shapes: some rule packs use YAML lists and say they work, one team found quotes kept as part of the "
    "pattern in Cursor's rule editor. Until Cursor documents them, the documented shape is the safe one. "
    "Opt in with `extend-select = [\"AGM078\"]`.",
    "---\nglobs: [\"src/**/*.ts\", \"src/**/*.tsx\"]\n---", "---\nglobs: src/**/*.ts, src/**/*.tsx\n---", (CURSOR_RULES,),
    default_enabled=False)
AGM079 = rule(
    "AGM079", "cursor-rule-manual-only", "info", "BEST_PRACTICE",
    "A Cursor rule has no description, no globs and no `alwaysApply: true`, so it applies only when @-mentioned.",
    "Cursor picks how a rule applies from its front matter: always, to files matching `globs`, or when the agent "
    "judges its `description` relevant; with none of them the rule is \"Apply Manually\" and reaches the model "
    "only when someone types `@rule-name`. Often the empty template of Cursor's \"New rule\" command was left "
    "unfilled. Information: manual rules are a legitimate choice.",
    "---\ndescription:\nglobs:\nalwaysApply: false\n---\n# API conventions",
    "---\ndescription: Conventions for the REST handlers in src/api\nglobs: src/api/**\nalwaysApply: false\n---",
    (CURSOR_RULES,),
    notes="A file without front matter is manual too and reported the same way. A second front-matter block below "
          "an empty first one is AGM018's: Cursor reads only the first.")
AGM080 = rule(
    "AGM080", "cursor-globs-match-nothing", "warning", "BEST_PRACTICE",
    "None of a Cursor rule's `globs` patterns matches a file of the repository, so Cursor never attaches it on its own.",
    "A rule with globs is attached when files matching them are in the agent's context. Patterns that match no "
    "file (a moved folder, another project's layout, a missing comma between patterns) leave the rule unused "
    "unless its description makes the agent fetch it. Patterns are tried from the repository root and from the "
    "folder the rule's `.cursor/` belongs to; a pattern without `/` matches a file name at any depth.",
    "---\nglobs: src/components/**/*.tsx\n---   (the components live in app/components/)",
    "---\nglobs: app/components/**/*.tsx\n---", (CURSOR_RULES,),
    notes="Not judged: rules in template or fixture trees, negated patterns, placeholders, patterns into gitignored "
          "or generated folders (`dist/**`) or folders kept empty in git (`.gitkeep`), and the rules of a rule pack "
          "(4 or more rules, half of those with globs, match nothing in a mostly Markdown repository: they describe the "
          "projects that install them), and a pattern that names only a known language's file type (`**/*.tsx`, `*.{ts,tsx}`) "
          "in a repository without such a file: a language's rule kept for when it has one, not a moved folder. "
          "A file type no tool uses (`*.jira`) is judged.")

RULES: tuple[Rule, ...] = (AGM076, AGM077, AGM078, AGM079, AGM080)
