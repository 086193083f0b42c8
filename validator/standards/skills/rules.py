"""The SKL rules: Agent Skills `SKILL.md` and the files of its skill folder (agentskills.io).

Front matter rules mirror the specification and its reference validator `skills-ref
validate` (agentskills/agentskills); a skill that breaks one is rejected by strict
validators, and a skill without a description is skipped by clients, so those are
errors. Client-specific and unknown front matter keys, which the reference validator
rejects but clients ignore, are warnings; the body-size guidance is info.
"""

from __future__ import annotations

from functools import partial

from validator.model import SpecRef, rule_factory
from validator.standards.skills.names import NAME

_SPEC = "https://agentskills.io/specification"
SPEC = SpecRef(_SPEC, "Agent Skills specification: SKILL.md format")
FRONTMATTER = SpecRef(f"{_SPEC}#frontmatter", "Agent Skills specification: Frontmatter")
NAME_FIELD = SpecRef(f"{_SPEC}#name-field", "Agent Skills specification: name field")
DESCRIPTION_FIELD = SpecRef(f"{_SPEC}#description-field", "Agent Skills specification: description field")
COMPATIBILITY_FIELD = SpecRef(f"{_SPEC}#compatibility-field", "Agent Skills specification: compatibility field")
METADATA_FIELD = SpecRef(f"{_SPEC}#metadata-field", "Agent Skills specification: metadata field")
ALLOWED_TOOLS_FIELD = SpecRef(f"{_SPEC}#allowed-tools-field", "Agent Skills specification: allowed-tools field")
DISCLOSURE = SpecRef(f"{_SPEC}#progressive-disclosure", "Agent Skills specification: Progressive disclosure")
OPTIONAL_DIRECTORIES = SpecRef(f"{_SPEC}#optional-directories", "Agent Skills specification: Optional directories")
CLAUDE_SUPPORTING = SpecRef("https://code.claude.com/docs/en/skills#add-supporting-files",
                            "Claude Code: skills, add supporting files")
FILE_REFERENCES = SpecRef(f"{_SPEC}#file-references", "Agent Skills specification: File references")
SKILLS_REF = SpecRef("https://github.com/agentskills/agentskills/blob/69ef37e9424c/skills-ref/src/skills_ref/validator.py",
                     "skills-ref validate (reference validator)")
CLIENTS = SpecRef("https://agentskills.io/client-implementation/adding-skills-support#lenient-validation",
                  "Agent Skills: adding skills support, lenient validation")
QUICK_VALIDATE = SpecRef("https://github.com/anthropics/skills/blob/9d2f1ae18723/skills/skill-creator/scripts/quick_validate.py",
                         "anthropics/skills skill-creator quick_validate.py")
ANTHROPIC_OVERVIEW = SpecRef("https://platform.claude.com/docs/en/agents-and-tools/agent-skills/overview#skill-structure",
                             "Anthropic: Agent Skills overview, skill structure (description cannot contain XML tags)")
SKILLS_CLI_INSTALL = SpecRef("https://github.com/vercel-labs/skills/blob/82dd76bda58b/src/installer.ts",
                             "vercel-labs/skills CLI: installs a skill into <agent skills folder>/<name>")
SKILLS_CLI_README = SpecRef("https://github.com/vercel-labs/skills/blob/82dd76bda58b/README.md#optional-fields",
                            "vercel-labs/skills CLI: skill discovery and metadata.internal")
CLAUDE_CODE = SpecRef("https://code.claude.com/docs/en/skills#frontmatter-reference", "Claude Code: skills frontmatter reference")

_GOOD = "---\nname: pdf-processing\ndescription: Extract text and tables from PDFs. Use when the user works with PDF files.\n---\n"


rule = partial(rule_factory(NAME), example_language="markdown")
"""The SKL rule constructor: examples are Markdown unless a rule says otherwise."""


SKL001 = rule(
    "SKL001", "skill-front-matter-invalid", "error", "MUST",
    "SKILL.md does not start with a closed YAML front matter block holding a mapping.",
    "A skill is found by its front matter: the file must start with `---`, hold a YAML mapping and close with "
    "`---`. Without it clients cannot read the skill's name and description and skip the skill; "
    "`skills-ref validate` rejects it.",
    "# PDF processing\n\nExtract text from PDFs.", _GOOD + "\n# PDF processing\n", (FRONTMATTER, SKILLS_REF, CLAUDE_CODE),
    severities=("warning",),
    severity_note="A warning for a SKILL.md with no front matter at all that only Claude Code loads (`.claude/skills/`, "
                  "or a Claude Code plugin that ships no other client's manifest): Claude Code documents every field "
                  "as optional and uses the folder name and the first paragraph.",
    notes="Not reported for a tombstone: a SKILL.md without front matter that opens by saying the skill moved "
          "(\"# Moved\", \"This skill has been promoted to ...\") and names another SKILL.md that exists in the "
          "repository. Clients skipping it is what its author wants; one whose new home is missing is still reported.",
    fold="message")
SKL002 = rule(
    "SKL002", "missing-name", "error", "MUST",
    "The front matter has no `name` (or an empty one).",
    "`name` is required: it identifies the skill, is listed to the model at start-up and is what users invoke.",
    "---\ndescription: Extract text and tables from PDFs.\n---\n", _GOOD, (NAME_FIELD, SKILLS_REF, CLAUDE_CODE),
    severities=("warning",),
    severity_note="A warning for a skill only Claude Code loads (`.claude/skills/`, or a Claude Code plugin that ships "
                  "no other client's manifest): Claude Code documents `name` as optional and uses the folder name.",
    fold="template")
SKL003 = rule(
    "SKL003", "invalid-name", "error", "MUST",
    "`name` is not 1-64 lowercase letters, digits and single hyphens.",
    "The specification allows lowercase alphanumerics and `-`, no leading, trailing or consecutive hyphens, at "
    "most 64 characters (after NFKC normalisation, as `skills-ref` checks). Other names are rejected by "
    "validators and may not be invocable as `/name`.",
    "---\nname: PDF_Processing\ndescription: Extract text and tables from PDFs.\n---\n", _GOOD,
    (NAME_FIELD, SKILLS_REF, QUICK_VALIDATE),
    notes="Like `skills-ref`, Unicode lowercase letters are accepted; anthropics' `quick_validate.py` is ASCII-only. "
          "An invalid name that also differs from its folder is one fault: this finding supersedes SKL004 at the "
          "same position (a valid name chosen to fix it will be compared with the folder on the next run). A plugin "
          "namespace written into the name (`gsd:add-phase`) stays an error: Claude Code documents `name` with the same "
          "characters and adds the namespace itself (`/plugin-name:hello`, plugins docs), so the message gives the bare name. "
          "Not judged (nor SKL004): a skeleton's fill-in name (`[TODO: ...]`, `<skill-name>`) under a template folder, "
          "or a placeholder name (`capability-name`, `my-skill`) in a skill folder that is itself the scaffold "
          "(`_template/`, `skeleton/`).",
    supersedes=("SKL004",),
    fold="template")
SKL004 = rule(
    "SKL004", "name-directory-mismatch", "error", "MUST",
    "`name` differs from the name of the skill's directory.",
    "The name must match the parent directory name. Clients key skills by directory and by name; when they "
    "differ the skill is listed under one and loaded under the other (lenient clients warn, `skills-ref` "
    "rejects). A `SKILL.md` at the repository root is not checked: a checkout's folder name is arbitrary.",
    ".claude/skills/pdf/SKILL.md  with  name: pdf-processing",
    ".claude/skills/pdf-processing/SKILL.md  with  name: pdf-processing",
    (NAME_FIELD, SKILLS_REF, CLIENTS, SKILLS_CLI_INSTALL),
    example_language="text",
    notes="Skills whose folder and name differ only in '_' against '-' (`cwv_monitor/` holding `name: cwv-monitor`) are "
          "one habit: reported once per repository, at the first, naming the others; any other mismatch is reported "
          "in each skill. A `SKILL.md` nested inside another skill's folder is judged (here and by SKL003) only under a "
          "root that Codex scans recursively (`.agents/skills/`, `.codex/skills/`, a `.codex-plugin/` plugin); Claude "
          "Code, Copilot and VS Code load skills one level deep, so elsewhere it is a reference document.",
    severities=("warning",),
    severity_note="A warning for a `SKILL.md` in no folder clients load skills from in place (`<agent folder>/skills/<name>/`, "
                  "a plugin's `skills/`, a folder a plugin manifest lists, a folder at the repository root): a package's "
                  "asset (`packages/cli/assets/my-skill/`), `skills/SKILL.md`, `.agents/clawhub/`, an archive under `misc/`. "
                  "Such a folder is a source an installer copies, and the `skills` CLI names the copy after `name` "
                  "(vercel-labs/skills `src/installer.ts`); only `skills-ref validate` on the folder itself, or a copy "
                  "that keeps the folder name, meets the mismatch.",
    fold="template")
SKL005 = rule(
    "SKL005", "missing-description", "error", "MUST",
    "The front matter has no non-empty string `description`.",
    "The description is how the model decides to use the skill; clients skip a skill without one "
    "(\"a description is essential for disclosure\") and `skills-ref` rejects it.",
    "---\nname: pdf-processing\n---\n", _GOOD, (DESCRIPTION_FIELD, SKILLS_REF, CLIENTS, CLAUDE_CODE),
    severities=("warning",),
    severity_note="A warning when `description` is absent from a skill only Claude Code loads (`.claude/skills/`, or a "
                  "Claude Code plugin that ships no other client's manifest): Claude Code documents it as recommended "
                  "and uses the body's first paragraph instead.")
SKL006 = rule(
    "SKL006", "skill-description-too-long", "error", "MUST",
    "`description` is longer than 1,024 characters.",
    "The specification limits the description to 1-1024 characters: every skill's description is preloaded "
    "into the model's context, so clients and validators enforce the cap.",
    "---\nname: pdf-processing\ndescription: (1,500 characters of detail)\n---\n", _GOOD, (DESCRIPTION_FIELD, SKILLS_REF))
SKL007 = rule(
    "SKL007", "invalid-compatibility", "error", "MUST",
    "`compatibility` is not a string of 1-500 characters.",
    "The optional `compatibility` field states environment requirements in at most 500 characters; "
    "`skills-ref` rejects other types and longer values.",
    "---\nname: pdf-processing\ndescription: Extract text from PDFs.\ncompatibility:\n  - python\n---\n",
    "---\nname: pdf-processing\ndescription: Extract text from PDFs.\ncompatibility: Requires Python 3.12+ and poppler\n---\n",
    (COMPATIBILITY_FIELD, SKILLS_REF))
SKL008 = rule(
    "SKL008", "invalid-metadata", "warning", "SHOULD",
    "`metadata` is not a map from string keys to string values.",
    "The specification defines `metadata` as string to string. `skills-ref` turns other scalars into strings "
    "(`1.0` becomes `\"1.0\"` but `1.10` becomes `\"1.1\"`), and clients reading it as JSON see numbers or "
    "nested objects. Quote values.",
    "---\nname: pdf-processing\ndescription: Extract text from PDFs.\nmetadata:\n  version: 1.10\n---\n",
    "---\nname: pdf-processing\ndescription: Extract text from PDFs.\nmetadata:\n  version: \"1.10\"\n---\n",
    (METADATA_FIELD, SKILLS_CLI_README),
    severities=("info",),
    severity_note="Info for `metadata.internal: true` (or `false`): the `skills` CLI (vercel-labs/skills) documents this "
                  "boolean as its flag to hide a skill from discovery and tests `metadata.internal === true`, so quoting it "
                  "would switch the flag off; the message says to keep it unquoted. Info too for a nested `metadata.openclaw` "
                  "(aliases `clawdbot`, `clawdis`): OpenClaw documents it as a mapping of runtime requirements "
                  "(docs.openclaw.ai/clawhub/skill-format), so flattening it would switch its gating off.",
    notes="The same finding in several skills (`updated: 2026-03-01` unquoted in a catalogue's 80 skills) is one "
          "finding, at the first skill of the repository, naming the others: folded from the second skill on, since "
          "the metadata key is the decision.",
    fold="message", fold_after=1)
SKL009 = rule(
    "SKL009", "invalid-allowed-tools", "warning", "SHOULD",
    "`allowed-tools` is not a space-separated string.",
    "The specification defines `allowed-tools` as one space-separated string (experimental). A YAML list or "
    "comma-separated names work in Claude Code but are read as one odd tool name, or not at all, by other "
    "clients. Commas inside a tool pattern such as `Bash(git log, diff)` are fine.",
    "---\nname: release\ndescription: Cut a release.\nallowed-tools: Read, Grep, Bash(git:*)\n---\n",
    "---\nname: release\ndescription: Cut a release.\nallowed-tools: Read Grep Bash(git:*)\n---\n", (ALLOWED_TOOLS_FIELD, CLAUDE_CODE),
    notes=("Not reported for a skill in `.claude/skills/`, Claude Code's project skills folder, which only Claude Code "
          "loads: it reads a list and a comma-separated string alike, and Anthropic writes the comma form itself "
          "(anthropics/claude-code `plugins/commit-commands/commands/commit.md`). The message suggests the "
          "space-separated form, split at commas and spaces outside parentheses, so `Bash(git diff *)` and "
          "`Bash(npm run test:*, npm run lint)` stay whole."
    + " " + "Also silent, for the comma form, inside a Claude Code plugin or marketplace that ships nothing for another client."),
    fold="template")
SKL010 = rule(
    "SKL010", "client-specific-field", "warning", "SHOULD",
    "The front matter uses a field of one client's extension, not of the Agent Skills format.",
    "Claude Code reads `when_to_use`, `arguments`, `model`, `context`, `agent`, `hooks`, `paths`, `effort` and `shell`; other "
    "clients ignore them and `skills-ref validate` rejects the skill. Fine for a skill that only Claude Code loads: "
    "disable this rule there. `argument-hint`, `disable-model-invocation` and `user-invocable` are an info: VS Code "
    "(GitHub Copilot) reads them too.",
    "---\nname: review\ndescription: Review a pull request.\nwhen_to_use: a pull request is open\n---\n",
    "---\nname: review\ndescription: Review a pull request. Takes the PR number as argument.\n---\n",
    (FRONTMATTER, SKILLS_REF, CLAUDE_CODE),
    severities=("info",),
    severity_note="Info for `argument-hint`, `disable-model-invocation` and `user-invocable`, which VS Code (GitHub Copilot) "
                  "reads in SKILL.md as well as Claude Code: only skills-ref rejects them.",
    notes=("Not reported for a skill in `.claude/skills/`, Claude Code's project skills folder: only Claude Code loads "
          "it, so its fields are what the skill is written for. Skills in cross-client folders (`.agents/skills/`, "
          "a plugin's or catalogue's `skills/`, which Codex and others also load) are still reported."
    + " " + "Also silent for a skill inside a Claude Code plugin or marketplace (an ancestor holds .claude-plugin/) that ships nothing for another client (.codex-plugin, .cursor-plugin, gemini-extension.json, .agents/skills)."
    + " " + "A field found in several skills of the repository is reported once, at the first, naming the others "
    "(folded from the second skill on: the field is the decision)."),
    fold="message", fold_after=1)
SKL011 = rule(
    "SKL011", "unknown-field", "warning", "SHOULD",
    "The front matter has a field that no specification or known client defines.",
    "Only `name`, `description`, `license`, `compatibility`, `metadata` and `allowed-tools` are Agent Skills "
    "fields; `skills-ref validate` and anthropics' `quick_validate.py` reject anything else, and clients "
    "ignore it. Put extra properties under `metadata` (for example `metadata.version`). A warning, not an "
    "error: the specification's text does not forbid other keys, only its validator does.",
    "---\nname: review\ndescription: Review a pull request.\nversion: 1.2.0\n---\n",
    "---\nname: review\ndescription: Review a pull request.\nmetadata:\n  version: \"1.2.0\"\n---\n",
    (FRONTMATTER, METADATA_FIELD, SKILLS_REF),
    notes="Not reported in rulesync's sources (`.rulesync/skills/`), whose other keys configure the generator that writes "
          "each client's skill. One finding per field and repository: a field in several skills is reported at the first (path order) "
          "naming the others (folded from the second skill on), so a catalogue with `version:` in 245 skills gets one "
          "warning. "
          "`version`, `author`, `tags` and the like stay warnings: the specification's `metadata` field is, in its "
          "own words, the map for \"additional properties not defined by the spec\" such as author and version, so "
          "top-level copies are exactly what it asks to move there; vendor-neutral or not, they are not fields.",
    fold="message", fold_after=1)
SKL012 = rule(
    "SKL012", "angle-brackets-in-description", "warning", "SHOULD",
    "`description` contains an XML-like tag (`<name>`), or (info) another `<` or `>`.",
    "Descriptions are embedded in the model's prompt, often inside XML-like tags (`<available_skills>`); "
    "Anthropic's skill documentation says a description \"cannot contain XML tags\", and the skill-creator's "
    "`quick_validate.py` (run by `package_skill.py`) rejects any angle bracket.",
    "---\nname: review\ndescription: Review <PR> diffs.\n---\n", "---\nname: review\ndescription: Review pull request diffs.\n---\n",
    (ANTHROPIC_OVERVIEW, QUICK_VALIDATE, CLIENTS),
    severities=("info",),
    severity_note="Info when no `<`...`>` forms a tag (`<` or `/` or `!` or a letter after `<`, closed by `>`): a comparison "
                  "(\"> 20%\", \"LCP < 1s\") or a leading quote marker cannot open or close a tag; only quick_validate.py "
                  "(`if '<' in description or '>' in description`) and package_skill.py refuse it.")
SKL013 = rule(
    "SKL013", "skill-body-too-long", "info", "BEST_PRACTICE",
    "SKILL.md is longer than 500 lines or about 5,000 tokens.",
    "The whole body is loaded when the skill activates; the specification recommends under 5,000 tokens and "
    "under 500 lines, with detail moved to `references/` files loaded on demand.",
    "SKILL.md  (1,200 lines)", "SKILL.md  (180 lines) + references/api.md", (DISCLOSURE,), example_language="text")
SKL014 = rule(
    "SKL014", "missing-referenced-file", "warning", "SHOULD",
    "The body references a relative file that does not exist.",
    "Skills point the model at bundled files by relative path (`scripts/extract.py`, `references/api.md`); a "
    "missing file makes the model fail mid-task. Markdown links are resolved from SKILL.md's folder; bare "
    "`scripts/`, `references/` and `assets/` paths from the skill folder and its parents up to the repository "
    "root, and only where they are run as commands or the skill has that folder (prose examples are left alone).",
    "Run `python scripts/extract.py input.pdf`  (no scripts/extract.py)",
    "Run `python scripts/extract.py input.pdf`  (scripts/extract.py exists)", (FILE_REFERENCES,), example_language="text",
    notes="Judged: link targets (never a link's display text), bare or backticked `scripts/`, `references/`, `assets/` "
          "paths, and backticked files in any other folder the skill has (`templates/report.md`). Not judged: "
          "made-up names (`scripts/script_name.py`, `your_script`, `example`), template links (`[{id}](url)`, `(TODO)`), conditional or planned files (\"(coming)\", a list after \"If a reference exists, load it:\"), links in a "
          "quoted sample sentence (\"see the [guide](config.md)\" not \"click [here](config.md)\") or right after an example label, and paths in a sentence or list item "
          "that gives them as an illustration (\"Example:\", \"e.g.\", \"such as\", \"would be\", \"create a\") or as a file to "
          "create (\"Create template: `templates/new.md`\"), the "
          "predicates the instruction-file rules share (`validator/repo/prose.py`); a list item takes its cue from the "
          "line that introduces the list (\"Move detailed content to references/:\", \"the analysis shows:\"). In code "
          "blocks: made-up names, `path:line` locations in sample output, and whole blocks that belong to the user's "
          "project or to a sample document (a `yaml`/`json`/`toml`/`Dockerfile`/`sql` block, a `markdown` block that opens with a "
          "heading, front matter or a table, a CI workflow with "
          "`jobs:`/`steps:`, commands on project folders the skill lacks: `pytest tests/`, `kubectl apply -f k8s/`), and the "
          "target of a copy (`cp \"$(skill-path)/scripts/x.sh\" scripts/mine.sh`), the commands after a `cd` into another "
          "folder (`cd Documentation/web && node scripts/shot.mjs`; not `cd` into the skill's own folder or `$SKILL_DIR`), "
          "and a command on a folder the skill lacks but tells its setup to create in the user's project "
          "(\"Creating directory structure (`specs/`, `scripts/`)\", `mkdir -p scripts`). Code blocks end where CommonMark "
          "ends them, and a fence with a language inside a block opens a nested one (a ```` ```markdown ```` sample "
          "holding a ```` ```scss ```` snippet), so code in a sample is never read as a link. Nor a path shown as a form "
          "(\"`references/guide.md`, not `references\\guide.md`\"), the items of a list introduced by a bare verdict "
          "(\"**Valid:**\", \"Bad:\", \"Avoid:\"), or a file the sentence tells the agent to write (\"log ... into an "
          "`evals/timing.json` file\", \"save the report to `reports/x.md`\"), nor a part of the skill that a build script "
          "generates: one that names the skill (`skills/<name>`) and the missing folder (`best-practices`, not a common "
          "name such as `scripts`) together, as rnett/gradle-mcp's `build.gradle.kts` does. Nor cells of a table column headed "
          "Example/Format/Pattern (a table of link styles), nor the items of a list that catalogues link forms (its items open "
          "with a URL, an `#anchor` and paths: \"- `./references/guide.md` - Relative same directory\"). "
          "Also not judged: the leaves of a drawn directory tree (`│   ├── references/map.md` lies below the folders "
          "drawn above it), a path the same sentence assigns to another skill that has it (\"see the **manage-design-"
          "system** skill's `examples/metadata.json`\", \"`editframe-api` `references/files.md`\", also in a catalogue of skills at "
          "the repository root; a list or table the paragraph above introduces as another skill's or repository's: \"If "
          "`workspace-schema` skill exists:\", \"The production deployment lives in `rangebar-patterns`:\"), and, in a project skill (`.claude/skills/`, `.agents/skills/`, "
          "`.github/skills/`, `.roo/skills/` ...), a path that exists from the project root, where the agent works. "
          "Nor, as audit 11 found: paths of the project the skill works on (\"For every candidate `Makefile`, ..., "
          "`scripts/dev.sh`\", a list introduced by \"Sample grouping for a typical repo:\", \"consumer repos\", the "
          "Chinese example marker \"，如 `python scripts/train.py`\", commands of a skill whose front matter says "
          "`type: project`), links into a dot-folder the skill lacks and names elsewhere as its working folder in the "
          "user's project (`.repo-wiki/` in a note or blockquote the agent writes), files a command or the skill "
          "creates (\"(creates `scripts/run.py`)\", a list introduced by \"produce one or more of:\", \"## Outputs\" "
          "or \"Store ... as:\", \"extract ... to `references/x.md`\"), a ```` ```markdown ```` sample that opens with "
          "a bold label (`**MANDATORY**:`), a file a build script copies in by its distinctive name together with its "
          "folder (`references / \"main-control-agent.md\"`), and a file of a sibling skill named earlier in the "
          "same paragraph. Nor a path its own clause makes conditional (\"`python3 scripts/count-debt.py` when present\", "
          "\"if it exists\", \"if available\", \"(optional)\", \"If `references/x.md` exists\"): often a file of the user's "
          "project, which may be absent (`validator/repo/prose.py` `conditional`, shared with AGM055). "
          "One finding per cause: the same missing file, or several paths into the same missing folder, "
          "is reported once at the first reference with the count of the others (links out of the skill into a folder the "
          "repository lacks, `../../tools/...`, count as one cause; so do all links of a symlinked SKILL.md that work beside "
          "the real file but break from the symlink's folder, where clients resolve them), and a near name in the skill "
          "(`reference/` for `references/`, a case difference) or the same file in a sibling skill is suggested.")
SKL015 = rule(
    "SKL015", "secret-in-skill", "warning", "SHOULD",
    "SKILL.md contains what looks like a live credential.",
    "Skills are shared and loaded verbatim into the model's context; a token in one is leaked to every user, "
    "log and transcript. Placeholders (`<YOUR_KEY>`, `${TOKEN}`, `sk-...`) are not reported.",
    "export GITHUB_TOKEN=ghp_<36 characters of a real token>", "export GITHUB_TOKEN=${GITHUB_TOKEN}",
    (SPEC,), example_language="bash")

SKL016 = rule(
    "SKL016", "secret-in-skill-file", "warning", "SHOULD",
    "A file bundled in a skill's folder (a script, reference, template or asset) contains what looks like a live "
    "credential.",
    "Everything in a skill folder ships with the skill: scripts and templates are copied to every user who "
    "installs it, and the model reads references into its context. A token in one is leaked to all of them. "
    "Placeholders (`<YOUR_KEY>`, `${TOKEN}`, `sk-...`, AWS's EXAMPLE keys) are not reported.",
    "# scripts/upload.py\nTOKEN = \"ghp_<36 characters of a real token>\"",
    "# scripts/upload.py\nTOKEN = os.environ[\"GITHUB_TOKEN\"]", (OPTIONAL_DIRECTORIES, CLAUDE_SUPPORTING),
    example_language="python",
    notes="Text files of the skill's folder only (not SKILL.md, which SKL015 covers, nor instruction files or the "
          "folders of nested skills), at most 256 KiB each and 500 files per skill, read through the repository's "
          "safe reader; symbolic links are never followed. The same detector as SKL015 and AGM070; a token on a "
          "line that introduces it as an example (\"Example: AIza...\" in a reference on key formats), or under a "
          "line that calls it a test or sample value (\"# JWT token for testing\"), is skipped, and so is a JSON Web "
          "Token in a test file (`tests/`, `test_*.py`, `*.test.ts`): a secret scanner's own test input. Other "
          "credentials in test files are still reported.")
SKL017 = rule(
    "SKL017", "home-path-in-skill", "warning", "BEST_PRACTICE",
    "SKILL.md or a file of the skill names a path in one person's home folder (`/Users/kwame/...`, `/home/marta/...`).",
    "A skill runs on other machines: every user who installs it lacks that folder, so a command or script that "
    "uses it fails. Use a path relative to the skill folder, the "
    "project, or `~`. Generic names (`user`, `runner`, `you`, `claude`: the home of the claude.ai code-execution sandbox) are treated as placeholders.",
    "python /Users/kwame/skills/pdf/scripts/extract.py input.pdf", "python scripts/extract.py input.pdf",
    (FILE_REFERENCES, CLAUDE_SUPPORTING), example_language="text",
    notes="The same predicate as the instruction files' AGM056 (`validator/repo/prose.py`), over SKILL.md and the "
          "text files SKL016 reads. One finding per home folder and skill, at its first use (SKILL.md first, then "
          "the files in path order), with the count of the others: transcripts that repeat one author's path are "
          "one cause. A path on a line that shows what not to do (`# BAD`, `❌`, \"don't\"), or in the block of lines "
          "such a marker opens (up to a blank line, a fence or another comment such as `# GOOD`), is a "
          "counter-example. Not judged either: a path on another machine (after `ssh host` on its line, "
          "`host:/home/...`, or a line that calls it remote: \"Remote root (default: /home/tca/sites)\"; as AGM056), a "
          "home the skill shows being rewritten elsewhere (its sample user: the same `/Users/marta` in a sample JSON; "
          "a script of the skill that uses it is still reported), the left side of a rewrite shown on its line (`/Users/marta/app  -->  "
          "-Users-marta-app`, `C:\\Users\\john.doe\\x\\` -> `~/x/`: an illustration), a Dockerfile instruction (`COPY ... "
          "/home/agent/.local`, `WORKDIR`, `useradd`: the image's user), a provenance note (\"Adapted from: /home/...\", "
          "\"Source inputs: ...\", or under a heading such as \"audit trail\", \"Provenance\", \"User Messages\", "
          "\"Transcript\"), the output lines of a recorded session (a fenced block after a prompt line: `$ `, "
          "`user@host:dir$ `, also numbered as `1. user@host:dir$ make`), a stack-trace frame (`#0 0x40d4d2 in ... "
          "/home/kcc/...`), a quoted argument of an example slash-command invocation in a list (`- /wiki:ingest "
          "\"import /Users/...\"`), or a JSON data file a test reads or a run wrote (under `fixtures/`, `tests/`, "
          "`reports/`, `results/`, or named `*fixture*`, `*result*`, `*report*`), which nothing opens. "
          "Nor the home of an account the sample itself sets up or acts as within a few lines (`User=webapp` in a "
          "systemd unit, `rsync --copy-as=joe ... /home/joe/`, `sudo -u deploy`, `useradd app`): that account's home on "
          "the machine the sample configures; nor documentation's placeholder users (`someuser`, `johndoe`, `jdoe`, the Alice-and-Bob cast: `alice`, "
          "`bob`, `eve`, `mallory` ...; `Administrator`, Windows' built-in account).")

SKL018 = rule(
    "SKL018", "skill-file-name-case", "error", "MUST",
    "A skill's file in a skills folder is named `SKILL.md` in another letter case (`SKILL.MD`, `Skill.md`).",
    "The specification names the file `SKILL.md` (skills-ref also accepts `skill.md`), and clients look for that "
    "name: on a case-sensitive file system (Linux, CI, cloud agents) a `SKILL.MD` is no skill at all, while macOS and "
    "Windows load it, so the skill works on the author's machine only. Rename the file.",
    "skills/security/SKILL.MD", "skills/security/SKILL.md", (SPEC, SKILLS_REF), example_language="text",
    notes="Judged in a skill folder of a skills directory (`skills/<name>/`, `.claude/skills/<name>/` ...), and elsewhere "
          "(a catalogue's `security/SKILL.MD`) only when the file opens with front matter declaring `name` or "
          "`description`; the rest of the skill is checked as if it were named right.")

RULES = (SKL001, SKL002, SKL003, SKL004, SKL005, SKL006, SKL007, SKL008, SKL009, SKL010, SKL011, SKL012, SKL013,
         SKL014, SKL015, SKL016, SKL017, SKL018)
