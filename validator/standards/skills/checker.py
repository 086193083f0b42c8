"""Parsing and checking one Agent Skills `SKILL.md`: front matter, fields, body.

Which files are skills (precision first): a `SKILL.md` (or lowercase `skill.md`, which
`skills-ref` also accepts) in a skill folder of a skills directory (`.claude/skills/<name>/`,
`.agents/skills/<name>/`, `skills/<name>/`, `.well-known/agent-skills/<name>/` ...) is a
skill whatever it holds. Elsewhere (a repository-root `SKILL.md`, `template/SKILL.md`) the
file must open with front matter that declares `name` or `description`; other Markdown
that happens to carry the name is left alone.

The front matter is parsed as the file's own prefix, so every position is a file position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from validator.engine.integrity import SourceView, load_structured
from validator.model import Finding
from validator.parsing.text import Region, TextIndex
from validator.standards.base import CheckContext, Document
from validator.standards.skills import rules as R

NAME = "agent-skill"
SKILL_CONTAINERS = frozenset({"skills", ".skills", "agent-skills"})
_FENCE = re.compile(r"^---[ \t]*$")
_KEY_LINE = re.compile(r"^(?:name|description)\s*:", re.MULTILINE)


@dataclass(slots=True)
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


def parse(source, ctx: CheckContext) -> Document | None:
    skill_dir = in_skills_dir(source.relpath)
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
        why = ("does not start with a YAML front matter block ('---')" if block is None
               else "opens a front matter block with '---' but never closes it")
        region = TextIndex(text).line_region(1)
        finding = Finding.at(R.SKL001, source.relpath, region, f"SKILL.md {why}; clients skip the skill")
        return Document(source, NAME, None, [finding], is_markdown=True)
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
        finding = Finding.at(R.SKL001, source.relpath, TextIndex(text).line_region(1), f"the front matter is {what}")
        return Document(source, NAME, None, [*problems, finding], is_markdown=True)
    if not skill_dir and "name" not in value and "description" not in value:
        return None
    return Document(source, NAME, data, problems, meta={"block": block, "text": text}, is_markdown=True)


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


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from validator.standards.skills.semantic import body_problems, front_matter_problems

    data = doc.data
    for problem in front_matter_problems(data, doc.relpath):
        yield ctx.finding(problem.rule, doc, data.locate(problem.pointer, key=problem.at_key), problem.message)
    text: str = doc.meta["text"]
    index = TextIndex(text)
    for rule, start, end, message in body_problems(text, doc.meta["block"].end, doc.relpath, ctx):
        region = index.region(start, end) if end is not None else Region(*index.position(start), *index.position(start))
        yield ctx.finding(rule, doc, region, message)
