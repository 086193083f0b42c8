"""The SKILL.md front matter fields (SKL002-SKL012).

Scalars are read the way `skills-ref` (strictyaml) reads them: `name: 2048` is the
string "2048", so a number is never reported as "not a string" where the reference
validator would accept it; the source text of the scalar is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from posixpath import dirname

import validator.standards.skills.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.records import lazy
from validator.standards.skills.nesting import claude_code_only, in_claude_plugin, loaded_in_place, sub_document

SPEC_FIELDS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
SHARED_FIELDS = frozenset({"argument-hint", "disable-model-invocation", "user-invocable"})
"""Fields Claude Code and VS Code (GitHub Copilot) both read in SKILL.md, from every skills folder VS Code scans
(`.github/`, `.agents/`, `.claude/skills/`; VS Code's agent-customization skills reference): not one client's
extension, so only an info that skills-ref rejects them."""
CLIENT_FIELDS = {
    "argument-hint": "Claude Code and VS Code",
    "disable-model-invocation": "Claude Code and VS Code",
    "user-invocable": "Claude Code and VS Code",
    "when_to_use": "Claude Code",
    "arguments": "Claude Code",  # named positional arguments for the skill's `$name` placeholders (audit 20: ccplugin)
    "model": "Claude Code",
    "effort": "Claude Code",
    "context": "Claude Code",
    "agent": "Claude Code",
    "hooks": "Claude Code",
    "paths": "Claude Code",
    "shell": "Claude Code",
    # VS Code's deprecated spelling, still honoured (PromptHeader.userInvocable falls back to it; audit 24)
    "user-invokable": "VS Code (deprecated spelling of user-invocable)",
}
CLIENT_METADATA_FLAGS = {"internal": "the skills CLI (vercel-labs/skills) hides a skill from discovery only for the "
                                     "boolean `internal: true`"}
"""Metadata keys a client documents as booleans (https://github.com/vercel-labs/skills#optional-fields:
`metadata.internal: true` hides a skill unless INSTALL_INTERNAL_SKILLS=1)."""
CLIENT_METADATA_NAMESPACES = dict.fromkeys(("openclaw", "clawdbot", "clawdis"), "OpenClaw reads its runtime requirements "
                                           "(requires, install, os) from this nested mapping")
"""Metadata keys a client documents as nested mappings (https://docs.openclaw.ai/clawhub/skill-format, "Runtime
metadata (metadata.openclaw)", aliases clawdbot and clawdis): flattening them, as the rule otherwise advises,
would switch the client's gating off."""
MAX_NAME, MAX_DESCRIPTION, MAX_COMPATIBILITY = 64, 1024, 500


def _text(data, key: str, value) -> str | None:
    """A scalar as strictyaml reads it (its source text), or None for mappings and lists."""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return None
    span = data.spans.get((key,))
    if value is None or span is None:
        return "" if value is None else str(value)
    return data.text[span[0]:span[1]].strip().strip("'\"")


@emits(R.SKL002, R.SKL003, R.SKL004, R.SKL005, R.SKL006, R.SKL007, R.SKL008, R.SKL009, R.SKL010, R.SKL011, R.SKL012)
def front_matter(doc, ctx) -> Iterator[Problem]:
    data, relpath = doc.data, doc.relpath
    fm: dict = data.value
    yield from _name(data, fm, relpath, ctx)
    claude_only = "/" in relpath and (claude_code_only(relpath) or in_claude_plugin(relpath, ctx.index))
    yield from _description(data, fm, doc.meta.get("text"), claude_only)
    if "compatibility" in fm:
        text = _text(data, "compatibility", fm["compatibility"])
        if text is None:
            yield Problem(R.SKL007, "compatibility must be a string (at most 500 characters)", ("compatibility",))
        elif not text.strip():
            yield Problem(R.SKL007, "compatibility is empty; give 1-500 characters or remove it", ("compatibility",))
        elif len(text) > MAX_COMPATIBILITY:
            yield Problem(R.SKL007, f"compatibility is {len(text)} characters; at most {MAX_COMPATIBILITY}", ("compatibility",))
    yield from _metadata(fm)
    yield from _allowed_tools(fm, claude_only)
    if ".rulesync" in relpath.split("/")[:-1]:
        return  # rulesync's source (https://github.com/dyoshikawa/rulesync): it writes each client's skill from it, so
        # its other keys (`targets`, a per-client block, a catalogue's own fields) configure the generator (audit 23)
    for key in fm:
        if key in SPEC_FIELDS:
            continue
        if key in SHARED_FIELDS:
            if not claude_only:
                yield Problem(R.SKL010, f"{key!r} is read by Claude Code and VS Code (GitHub Copilot) but is not an Agent "
                              "Skills field; skills-ref rejects it", (key,), at_key=True, severity="info")
            continue
        if key in CLIENT_FIELDS:
            if claude_only:
                continue  # Claude Code's own skills folder: its fields are what this skill is written for
            # one field in many skills is one decision: the run folds the repeats (Rule.fold, validator.lint.fold)
            yield Problem(R.SKL010, f"{key!r} is a {CLIENT_FIELDS[key]} extension, not an Agent Skills field; "
                          "other clients ignore it and skills-ref rejects it", (key,), at_key=True)
        else:
            hint = " (put it under metadata)" if isinstance(fm[key], (str, int, float)) else ""
            yield Problem(R.SKL011, f"{str(key)!r} is not an Agent Skills field{hint}; skills-ref rejects it",
                          (key,), at_key=True)


def _first_of(have: list[str], relpath: str) -> list[str] | None:
    """The others of HAVE when RELPATH is its first; None when another comes first; [] when RELPATH is not in it."""
    if relpath not in have:
        return []  # not seen by the scan (too large, unreadable): report it where it is
    if have[0] != relpath:
        return None
    return have[1:]


def _front_matters(index) -> list[tuple[str, dict]]:
    """(path, front matter) of every skill of the repository, path order, parsed once per run."""
    from validator.repo.files import Repo

    return Repo.of(index).memo(("skills", "front-matters"), lambda: _parse_front_matters(index))


def _parse_front_matters(index) -> list[tuple[str, dict]]:
    from validator.engine.files import discovered_by_default
    from validator.parsing.document import ParseError
    from validator.parsing.yaml import parse_yaml
    from validator.standards.base import discover_by_patterns
    from validator.standards.skills.names import PATTERNS
    from validator.standards.skills.reader import FrontMatter, find_front_matter, in_skills_dir

    found: list[tuple[str, dict]] = []
    for rel in sorted(discover_by_patterns(index, PATTERNS)):
        if not discovered_by_default(rel):
            continue  # a fixture or backup copy is not checked, so it must not take the report from a live skill
        text = index.read_text(rel)
        block = find_front_matter(text) if text is not None else None
        if not isinstance(block, FrontMatter):
            continue
        try:
            value = parse_yaml(text[:block.yaml_end]).value
        except (ParseError, ValueError, RecursionError):
            continue
        if not isinstance(value, dict) or not (in_skills_dir(rel) or "name" in value or "description" in value):
            continue
        found.append((rel, value))
    return found


def _required_text(data, fm: dict, key: str, rule, type_rule, consequence: str = "") -> tuple[str | None, Problem | None]:
    """A required field's text, or the problem that it is missing, not a string, or blank."""
    if key not in fm:
        return None, Problem(rule, f"the front matter has no {key!r}{consequence}", ())
    text = _text(data, key, fm[key])
    if text is None:
        return None, Problem(type_rule, f"{key} must be a string", (key,))
    if not text.strip():
        return None, Problem(rule, f"{key} is empty{consequence}", (key,))
    return text, None


_SKELETON_DIRS = frozenset({"template", "templates", "skeleton", "skeletons", "scaffold", "scaffolds", "boilerplate",
                            "boilerplates", "starter", "starters", "cookiecutter"})
_FILL_IN = lazy(r"^\s*(?:<[^<>]+>|\{\{.*\}\}|(?:TODO|TBD|FIXME)\b.*|(?-i:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+))\s*$", re.I)
"""A fill-in value: `<skill-name>`, `{{name}}`, `TODO: ...`, or an ALL-CAPS slot (`SUITE_NAME`, audit 22)."""
_PLACEHOLDER_NAME = lazy(r"^(?:<[^<>]+>|\{\{.*\}\}|(?:TODO|TBD|FIXME)\b.*|(?:[a-z0-9]+-)?name|(?:[a-z0-9]+-)*(?:name|here)"
                         r"|(?:my|your|new|example|sample)(?:-[a-z0-9]+)+)$", re.I)
"""The name a scaffold carries for whoever copies it: a fill-in, `skill-name`, `capability-name`, `my-skill`."""


def skeleton_folder(relpath: str, is_file) -> bool:
    """The SKILL.md at RELPATH is a scaffold another skill ships: it sits in that skill's `assets/` or `templates/`
    folder (IS_FILE tells whether the other skill's SKILL.md is there: `skills/skill-manager/assets/skill-template/
    SKILL.md`, audit 19). Its links name the files each copy of it will have. A folder merely named `skill-template/`
    is as often the source a build copies into the shipped skill (audit 16: XRai), whose links must hold."""
    parts = relpath.split("/")[:-1]
    return any(part.lower() in ("assets", "templates") and i and is_file("/".join(parts[:i]) + "/SKILL.md")
               for i, part in enumerate(parts[:-1]))


def fill_in_name(fm: dict, relpath: str) -> bool:
    """A skeleton for new skills (`templates/skill-skeleton/skills/skill-name/SKILL.md`): a folder above the skill is
    named like a template tree (or ends in `-skeleton`, `-template`) and `name` is a fill-in, `[TODO: ...]` (YAML reads
    a one-item list), `<skill-name>` or `{{name}}`; or the skill folder itself is the scaffold (`_template/`,
    `skeleton/`) and `name` is a placeholder (`capability-name`, `my-skill`). Whoever copies it writes the name;
    no client loads the skeleton."""
    parts = relpath.split("/")
    folders = [part.lower() for part in parts[:-2]]
    value = fm.get("name")
    own = parts[-2].lower().lstrip("_") if len(parts) >= 2 else ""
    if own in _SKELETON_DIRS and isinstance(value, str) and _PLACEHOLDER_NAME.match(value.strip()):
        # the skill folder is itself the scaffold (`capabilities/_template/SKILL.md`, `name: capability-name`):
        # copied and renamed for each new skill, never loaded as it stands
        return True
    if not any(part in _SKELETON_DIRS or part.endswith(("-skeleton", "-template", "-scaffold")) for part in folders):
        return False
    if isinstance(value, list) and len(value) == 1:
        return True  # `name: [your-skill-name]`: the bracket convention for "fill this in"
    return isinstance(value, str) and _FILL_IN.match(value) is not None


def _name(data, fm: dict, relpath: str, ctx=None) -> Iterator[Problem]:
    if fill_in_name(fm, relpath):
        return
    raw, problem = _required_text(data, fm, "name", R.SKL002, R.SKL003)
    if problem:
        if problem.rule is R.SKL002 and ctx is not None and "/" in relpath and (
                claude_code_only(relpath) or in_claude_plugin(relpath, ctx.index)):
            # Claude Code, the only client this skill is shipped for, documents `name` as optional and uses the
            # folder name (https://code.claude.com/docs/en/skills#frontmatter-reference): portability, not breakage
            folder = relpath.split("/")[-2]
            problem = Problem(R.SKL002, f"{problem.message}; Claude Code uses the folder name ({folder!r}), but the "
                              f"Agent Skills specification requires it: add `name: {folder}` for other clients",
                              problem.where, severity="warning")
        yield problem
        return
    if ctx is not None and sub_document(relpath, ctx.index):
        return  # a reference document of its parent skill: no client loads it under its name
    name = unicodedata.normalize("NFKC", raw.strip())
    why = name_problem(name)
    if why:
        yield Problem(R.SKL003, f"name {name!r} {why}{_namespace_hint(name)}", ("name",))
    parts = relpath.split("/")
    if len(parts) >= 2:
        folder = unicodedata.normalize("NFKC", parts[-2])
        if folder != name:
            others = _others_with_separator_swap(ctx, relpath) if _separator_swap(folder, name) else []
            if others is None:
                return  # reported once, at the first skill of the repository with the same mismatch
            also = ""
            if others:
                also = (f"; so do {len(others)} other skill{'s' if len(others) > 1 else ''} whose folder writes '_' "
                        f"for the name's '-': {_skill_names(others)}")
            message = f"name {name!r} does not match the skill's folder {parts[-2]!r}{also}"
            if ctx is not None and not loaded_in_place(relpath, ctx.index):
                # no client loads this folder as it stands: an installer copies it, and the `skills` CLI names the
                # copy after `name` (validator/standards/skills/nesting.py); only skills-ref run on this folder,
                # or a plain copy that keeps the folder name, meets the mismatch
                yield Problem(R.SKL004, f"{message}; the folder is in no skills folder a client loads in place, so it "
                              "is likely copied by an installer that names the copy after 'name' (the skills CLI "
                              "does), but skills-ref validate, or a copy that keeps the folder name, sees the mismatch",
                              ("name",), severity="warning")
                return
            yield Problem(R.SKL004, message, ("name",))


def _separator_swap(folder: str, name) -> bool:
    """FOLDER and NAME differ only in '_' against '-' (`cwv_monitor` holding `name: cwv-monitor`): one habit."""
    return isinstance(name, str) and folder != name and folder.replace("_", "-") == name.replace("_", "-")


def _others_with_separator_swap(ctx, relpath: str) -> list[str] | None:
    """The other skills whose folder and name differ only in '_' against '-', when RELPATH is the first of them."""
    if ctx is None:
        return []
    from validator.repo.files import Repo

    def build() -> list[str]:
        return [rel for rel, value in _front_matters(ctx.index)
                if "/" in rel and _separator_swap(unicodedata.normalize("NFKC", rel.split("/")[-2]),
                                                  unicodedata.normalize("NFKC", str(value.get("name", "")).strip()))]

    return _first_of(Repo.of(ctx.index).memo(("skills", "separator-swaps"), build), relpath)


def _namespace_hint(name: str) -> str:
    """`gsd:add-backlog`: a plugin namespace written into the name. Claude Code adds it by itself (a plugin's skill
    `hello` is `/plugin-name:hello`, https://code.claude.com/docs/en/plugins#when-to-use-plugins-vs-standalone-configuration)
    and documents `name` as lowercase letters, digits and hyphens like the specification, so the prefix is not a
    Claude Code form to keep: the fix is the bare name."""
    prefix, colon, rest = name.rpartition(":")
    if not colon or not prefix or name_problem(rest) is not None:
        return ""
    return (f"; Claude Code namespaces a plugin's skills by itself (`/{prefix}:{rest}` when the plugin is named "
            f"{prefix!r}), so write `name: {rest}`")


def name_problem(name: str) -> str | None:
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters; at most {MAX_NAME}"
    if name != name.lower():
        return "must be lowercase"
    if name.startswith("-") or name.endswith("-"):
        return "must not start or end with a hyphen"
    if "--" in name:
        return "must not contain consecutive hyphens"
    bad = sorted({c for c in name if not (c.isalnum() or c == "-")})
    if bad:
        return f"may only contain letters, digits and hyphens, not {''.join(bad)!r}"
    return None


def _description(data, fm: dict, source: str | None = None, claude_only: bool = False) -> Iterator[Problem]:
    text, problem = _required_text(data, fm, "description", R.SKL005, R.SKL005, "; clients skip a skill without one")
    if problem:
        if claude_only and "description" not in fm:
            # Claude Code, the only client this skill is shipped for, documents `description` as recommended and
            # falls back to the body's first paragraph (https://code.claude.com/docs/en/skills#frontmatter-reference)
            problem = Problem(R.SKL005, "the front matter has no 'description'; Claude Code uses the first paragraph "
                              "of the body, but the Agent Skills specification requires it and other clients skip "
                              "the skill", problem.where, severity="warning")
        yield problem
        return
    if len(text) > MAX_DESCRIPTION:
        yield Problem(R.SKL006, f"description is {len(text)} characters; at most {MAX_DESCRIPTION}", ("description",))
    tag = _TAG.search(text)
    if tag:
        yield Problem(R.SKL012, f"description contains {tag.group(0)!r}, which reads as an XML tag; descriptions are "
                      "embedded in XML-like prompt tags", _tag_span(source, tag.group(0)) or ("description",))
    elif "<" in text or ">" in text:
        # a comparison ("> 20%", "LCP < 1s") or a quote marker cannot open or close a tag; only the
        # skill-creator's quick_validate.py (and package_skill.py, which runs it) refuses any angle bracket
        sign = "<" if "<" in text else ">"
        yield Problem(R.SKL012, f"description contains {sign!r} (not a tag); quick_validate.py and package_skill.py "
                      "refuse any angle bracket", ("description",), severity="info")


def _tag_span(source: str | None, tag: str) -> Span | None:
    """Where TAG is written in the front matter's description, so that a folded or literal description (`description: >`)
    is not reported at its block indicator; None when the parsed text does not appear as written (escapes)."""
    if not source:
        return None
    key = re.search(r"(?m)^description[ \t]*:", source)
    close = re.search(r"(?m)^(?:---|\.\.\.)[ \t]*$", source[4:]) if source.startswith("---") else None
    if key is None or close is None:
        return None
    at = source.find(tag, key.end(), close.start() + 4)
    return Span(at, at + len(tag)) if at >= 0 else None


_TAG = lazy(r"<[A-Za-z/!][^<>]*>")
"""`<name>`, `</example>`, `<path-to-source>`: what Anthropic's "cannot contain XML tags" is about."""


def _metadata(fm: dict) -> Iterator[Problem]:
    if "metadata" not in fm:
        return
    metadata = fm["metadata"]
    # A block value (a nested mapping or list) starts on the line below its key: point at the key,
    # the line that is wrong, not at the value's first line.
    if not isinstance(metadata, dict):
        yield Problem(R.SKL008, "metadata must be a mapping of string keys to string values", ("metadata",),
                      at_key=isinstance(metadata, list) or metadata is None)
        return
    for key, value in metadata.items():
        if not isinstance(key, str):
            yield Problem(R.SKL008, f"metadata key {key!r} is not a string; quote it", ("metadata", key), at_key=True)
        if isinstance(value, dict) and key in CLIENT_METADATA_NAMESPACES:
            yield Problem(R.SKL008, f"metadata.{key} is nested where the specification defines strings; keep it: "
                          f"{CLIENT_METADATA_NAMESPACES[key]}", ("metadata", key), at_key=True, severity="info")
        elif isinstance(value, (dict, list)):
            yield Problem(R.SKL008, f"metadata.{key} is nested; values must be strings", ("metadata", key), at_key=True)
        elif isinstance(value, bool) and key in CLIENT_METADATA_FLAGS:
            # the `skills` CLI hides a skill only for the boolean (`data.metadata?.internal === true`, vercel-labs/skills
            # src/skills.ts @82dd76b): quoting it, as the rule otherwise advises, would switch the flag off
            yield Problem(R.SKL008, f"metadata.{key} is a boolean where the specification defines strings; keep it "
                          f"unquoted: {CLIENT_METADATA_FLAGS[key]}", ("metadata", key), severity="info")
        elif not isinstance(value, str):
            yield Problem(R.SKL008, f"metadata.{key} is not a string; quote it", ("metadata", key))


def _skill_names(others: list[str]) -> str:
    """'a, b, c, ...': the first three skills of OTHERS by folder name."""
    return ", ".join(dirname(rel).rsplit("/", 1)[-1] or rel for rel in others[:3]) + (", ..." if len(others) > 3 else "")


def _allowed_tools(fm: dict, claude_only: bool = False) -> Iterator[Problem]:
    if "allowed-tools" not in fm:
        return
    value = fm["allowed-tools"]
    if claude_only and (isinstance(value, list) or isinstance(value, str)):
        # Claude Code reads a YAML list and a comma-separated string alike; Anthropic writes the comma
        # form itself (anthropics/claude-code plugins/commit-commands/commands/commit.md @18f40053:
        # `allowed-tools: Bash(git add:*), Bash(git status:*), Bash(git commit:*)`).
        return
    if isinstance(value, list):
        tools = [str(item) for item in value if isinstance(item, (str, int, float))]
        yield Problem(R.SKL009, "allowed-tools is a list; the specification defines one space-separated string "
                      f"(Claude Code accepts both): `allowed-tools: {' '.join(tools)}`", ("allowed-tools",))
    elif isinstance(value, str) and "," in _outside_parentheses(value):
        yield Problem(R.SKL009, "allowed-tools separates tools with commas; the specification uses spaces: "
                      f"`allowed-tools: {' '.join(split_tools(value))}`", ("allowed-tools",))
    elif not isinstance(value, str) and value is not None:
        yield Problem(R.SKL009, "allowed-tools must be a space-separated string", ("allowed-tools",))


def split_tools(text: str) -> list[str]:
    """The tools of an allowed-tools string, split at commas and spaces outside parentheses, so that
    `Bash(git diff *)` and `Bash(npm run test:*, npm run lint)` stay whole."""
    tools, current, depth = [], [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        if depth == 0 and (char == "," or char.isspace()):
            if current:
                tools.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        tools.append("".join(current))
    return tools


def _outside_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)
