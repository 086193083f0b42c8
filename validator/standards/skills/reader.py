"""Reading one Agent Skills `SKILL.md`: is it a skill, and its front matter (SKL001 at parse time).

Which files are skills (precision first): a `SKILL.md` (or lowercase `skill.md`, which
`skills-ref` also accepts) in a skill folder of a skills directory (`.claude/skills/<name>/`,
`.agents/skills/<name>/`, `skills/<name>/`, `.well-known/agent-skills/<name>/` ...) is a
skill whatever it holds. Elsewhere (a repository-root `SKILL.md`, `template/SKILL.md`) the
file must be named `SKILL.md` exactly, as the specification and the clients name it, and
open with front matter that declares `name` or `description`: a lowercase `skill.md`
outside a skills directory is an application's own prompt file (an app that loads
`assets/*/skill.md` with its own loader), and other Markdown that happens to carry the
name is left alone.

The front matter is parsed as the file's own prefix, so every position is a file position.
A file that opens no closed front matter block holding a mapping is reported here (SKL001):
`parse` is that rule's address; the other rules are in `checks/`.
"""

from __future__ import annotations

import re
from posixpath import join, normpath

import validator.standards.skills.rules as R
from validator.emitters import emits
from validator.engine.integrity import SourceView, load_structured
from validator.model import Problem
from validator.parsing.text import Region, TextIndex
from validator.records import lazy, record, replace
from validator.standards.base import CheckContext, Document
from validator.standards.skills.names import CANONICAL, NAME
from validator.standards.skills.nesting import claude_code_only, in_claude_plugin

SKILL_CONTAINERS = frozenset({"skills", ".skills", "agent-skills"})
_FENCE = lazy(r"^---[ \t]*$")
_KEY_LINE = lazy(r"^(?:name|description)\s*:", re.MULTILINE)


@record
class FrontMatter:
    end: int
    """Offset just past the closing `---` line (where the body starts)."""
    yaml_end: int
    """Offset of the closing `---` (the YAML text is `text[:yaml_end]`, opening fence included)."""


def in_skills_dir(relpath: str) -> bool:
    """REL is `<skills dir>/<skill-name>/SKILL.md`."""
    parts = relpath.split("/")
    return len(parts) >= 3 and parts[-3] in SKILL_CONTAINERS


def find_front_matter(text: str) -> FrontMatter | None | bool:
    """The front matter block; None when the file does not open with `---`; False when unclosed."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None
    offset = len(lines[0])
    for line in lines[1:]:
        if _FENCE.match(line.rstrip("\r\n")):
            return FrontMatter(end=offset + len(line), yaml_end=offset)
        offset += len(line)
    return False


@emits(R.SKL001, R.SKL018)
def parse(source, ctx: CheckContext) -> Document | None:
    name = source.relpath.rsplit("/", 1)[-1]
    if name in CANONICAL:
        return _parse(source, ctx)
    if not in_skills_dir(source.relpath):
        text = source.decoded.text or ""
        block = find_front_matter(text)
        if not isinstance(block, FrontMatter) or not _KEY_LINE.search(text[:block.yaml_end]):
            return None  # `Skill.md` elsewhere without a skill's front matter is some other document
    doc = _parse(source, ctx, any_case=True)
    if doc is not None:
        doc.problems.insert(0, Problem(R.SKL018, f"the file is named {name!r}; clients look for 'SKILL.md', so on a "
                                       "case-sensitive file system (Linux, CI) this skill does not load: rename it",
                                       Region.file_start()))
    return doc


def _parse(source, ctx: CheckContext, any_case: bool = False) -> Document | None:
    skill_dir = in_skills_dir(source.relpath)
    if not skill_dir and not any_case and source.relpath.rsplit("/", 1)[-1] != "SKILL.md":
        return None  # https://agentskills.io/specification: "a SKILL.md file"; lowercase only where a skill must be
    text = source.decoded.text
    if text is None:
        if not skill_dir:
            return None
        _, problems = load_structured(source, "yaml", bom_severity="warning")
        return Document(source, NAME, None, problems, is_markdown=True)
    block = find_front_matter(text)
    if not isinstance(block, FrontMatter):
        if not skill_dir and not (block is False and _KEY_LINE.search(text[:4000])):
            return None
        if block is None and moved_to(text, source.relpath, ctx.index) is not None:
            return None  # a tombstone ("# Moved" + the new SKILL.md): clients skipping it is what its author wants
        why = ("does not start with a YAML front matter block ('---')" if block is None
               else "opens a front matter block with '---' but never closes it")
        region = TextIndex(text).line_region(1)
        if block is None and (claude_code_only(source.relpath) or in_claude_plugin(source.relpath, ctx.index)):
            # Claude Code, the only client this skill is shipped for, documents every front matter field as optional
            # (https://code.claude.com/docs/en/skills#frontmatter-reference): the folder name and first paragraph
            problem = Problem(R.SKL001, f"SKILL.md {why}; Claude Code uses the folder name and the first paragraph, "
                              "but the Agent Skills specification requires it and other clients skip the skill",
                              region, severity="warning")
        else:
            problem = Problem(R.SKL001, f"SKILL.md {why}; clients skip the skill", region)
        return Document(source, NAME, None, [problem], is_markdown=True)
    data, problems = load_structured(SourceView(source, text[:block.yaml_end]), "yaml", bom_severity="warning")
    if data is None:
        if not skill_dir and not _KEY_LINE.search(text[:block.yaml_end]):
            return None
        return Document(source, NAME, None, _with_colon_hint(problems, text), is_markdown=True)
    value = data.value
    if not isinstance(value, dict):
        if not skill_dir:
            return None
        what = "empty" if value is None else f"a YAML {type(value).__name__}, not a mapping"
        problem = Problem(R.SKL001, f"the front matter is {what}", TextIndex(text).line_region(1))
        return Document(source, NAME, None, [*problems, problem], is_markdown=True)
    if not skill_dir and "name" not in value and "description" not in value:
        return None
    return Document(source, NAME, data, problems, meta={"block": block, "text": text}, is_markdown=True,
                    index=TextIndex(text))


_MOVED = lazy(r"(?i)^\s*(?:#{1,6}\s*)?(?:\*\*)?(?:moved|relocated|deprecated|superseded|renamed)\b|"
              r"\b(?:has\s+(?:been\s+)?(?:moved|promoted|relocated|migrated|renamed)|now\s+lives?)\b")
_SKILL_PATH = lazy(r"(?<![\w./-])((?:\.{0,2}/)?[\w.@-]+(?:/[\w.@-]+)*/SKILL\.md)\b")


def moved_to(text: str, relpath: str, index) -> str | None:
    """The SKILL.md a tombstone points to: a file without front matter that opens by saying the skill moved ("# Moved",
    "This skill has been promoted to ...") and names another SKILL.md that exists in the repository (from the root or
    from this file's folder); None for anything else, which stays a skill without front matter (SKL001)."""
    head = text[:1500]
    first = next((line for line in head.splitlines() if line.strip()), "")
    if index is None or not (_MOVED.search(first) or _MOVED.search(" ".join(head.splitlines()[:6]))):
        return None
    folder = relpath.rsplit("/", 1)[0] if "/" in relpath else ""
    for match in _SKILL_PATH.finditer(head):
        target = match.group(1)
        for candidate in (target.removeprefix("./").lstrip("/"), normpath(join(folder, target))):
            if candidate and candidate != relpath and not candidate.startswith("..") and index.exists(candidate):
                return candidate
    return None


def _with_colon_hint(problems: list, text: str) -> list:
    """Unquoted `: ` inside a value is the most common front matter error (agentskills.io
    calls it out); say so in the syntax finding."""
    index = TextIndex(text)
    out = []
    for problem in problems:
        if problem.rule.code == "GEN001":
            line = index.line_text(problem.where.line)
            if re.match(r"^\s*[\w-]+:\s*[^'\"|>].*:\s", line):
                problem = replace(problem, message=problem.message + "; quote a value that contains ': '")
        out.append(problem)
    return out
