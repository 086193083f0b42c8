"""The SKILL.md body (SKL013-SKL015): its size, the files it references, secrets in it.

Positions are offsets into the whole file (`Span`s of the document's text index).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from posixpath import dirname, join, normpath

import validator.standards.skills.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.parsing.text import Region, enclosed_on_line, lines_above
from validator.records import lazy
from validator.repo.prose import (
    ADVICE_CUES,
    EXAMPLE_CUES,
    conditional,
    example_cell,
    in_other_package,
    labelled_example,
    lead_in,
    placeholder_name,
    placeholder_target,
    rewritten_path,
    sentence,
)
from validator.secrets import find_secrets
from validator.standards.skills.checks.front_matter import fill_in_name, skeleton_folder
from validator.standards.skills.code_blocks import cd_elsewhere, created_folders, fence_info, fenced_blocks
from validator.standards.skills.generated import generated_by_build
from validator.standards.skills.shown_paths import VERDICT_LABEL, VERDICT_PREFIX, WRITE_TARGET, style_contrast

MAX_LINES, MAX_TOKENS = 500, 5000

_LINK = lazy(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BUNDLED = lazy(r"(?<![\w./@~$-])((?:scripts|references|assets)/[\w.@-]+(?:/[\w.@-]+)*)")
_RUNNER = lazy(r"(?:^|[\s`$;&|(])(?:python3?|uv run|bash|sh|zsh|node|deno run|bun|npx tsx|tsx|ruby|perl|pwsh|source)"
                     r"\s+(?:-\S+\s+)*$")


@emits(R.SKL013, R.SKL014, R.SKL015)
def body(doc, ctx) -> Iterator[Problem]:
    text: str = doc.meta["text"]
    body_start: int = doc.meta["block"].end
    relpath = doc.relpath
    body = text[body_start:]
    lines = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    tokens = len(body) // 4
    if total_lines > MAX_LINES or tokens > MAX_TOKENS:
        what = f"{total_lines} lines" if total_lines > MAX_LINES else f"about {tokens:,} tokens ({lines} lines)"
        at = doc.text_index().position(body_start)  # where the body starts (no width)
        yield Problem(R.SKL013, f"SKILL.md is {what}; keep it under {MAX_LINES} lines and ~{MAX_TOKENS:,} tokens, "
                      "move detail to references/", Region(*at, *at))
    if not fill_in_name(doc.data.value if isinstance(doc.data.value, dict) else {}, relpath):
        yield from _references(text, body_start, relpath, ctx)  # a scaffold's links name its copies' files
    for hit in find_secrets(text):
        yield Problem(R.SKL015, f"this looks like a {hit.kind}; skills are loaded verbatim and shared, remove it",
                      Span(hit.start, hit.end))


_ABSENT_BEFORE = lazy(r"(?i)\b(?:no|a\s+future|future|planned|upcoming|pending)\s*(?:`[^`\n]+`\s*,\s*)*[`'\"(\[]*$")
_ABSENT_AFTER = lazy(r"(?i)^[`'\")\]]*\s*(?:does\s*n[o']t\s+exist|(?:is|are)\s+(?:not\s+(?:yet\s+)?(?:written|there|present|"
                     r"available)|planned|missing)|exists?\s+yet|(?:will|would)\s+be\s+(?:added|written|created))")


def _said_absent(text: str, start: int, end: int) -> bool:
    """The sentence says the file is not there yet: "no `references/elevation.md` exists yet", "flagged for a future
    `references/macos.md`", "`references/x.md` is planned" (audit 19: fusengine/agents)."""
    return bool(_ABSENT_BEFORE.search(text[max(0, start - 120):start]) or _ABSENT_AFTER.match(text, end))


def _references(text: str, body_start: int, relpath: str, ctx) -> Iterator[Problem]:
    """Missing files the body points at, one finding per cause: the same missing file, or
    the same missing folder, referenced N times is reported once, at its first reference."""
    if skeleton_folder(relpath, lambda rel: _exists(ctx, rel)):
        return  # a scaffold's links name the files each copy of it will have (checks/front_matter.py)
    skill_dir = dirname(relpath)
    real_dir = _symlinked_from(ctx, relpath)
    causes: dict[tuple, list] = {}
    project_root = _project_root(skill_dir)
    for start, shown, cause, message in _missing(text, body_start, skill_dir, ctx):
        path = normpath((_link_path(shown) or shown).removeprefix("./"))
        if conditional(text, start, start + len(shown)) or _said_absent(text, start, start + len(shown)):
            continue  # "`python3 scripts/count-debt.py` when present", "no `references/x.md` exists yet": may be absent
        if project_root is not None and _exists(ctx, join(project_root, path)):
            continue  # a project skill's agent works at the project root, where the path exists
        if _in_named_skill(ctx, text, start, shown, skill_dir, path) or _introduced_as_elsewhere(ctx, text, start, skill_dir):
            continue
        if generated_by_build(ctx, skill_dir, path):
            continue  # a build script writes it into the packaged skill (skills/generated.py)
        if project_root is not None and "/" in path and _exists(ctx, join(project_root, path.split("/", 1)[0])):
            # a project path the agent would open from the project root: that is where it is missing
            cause, message = ("project", path), f"{message}; not in the project either ({normpath(join(project_root, path))})"
        if real_dir is not None and cause[0] != "symlink" and _works_from(ctx, real_dir, shown):
            # SKILL.md is a symlink: clients resolve its links from the link's folder, where they break,
            # though they work beside the real file. One cause (the symlink), one finding.
            cause = ("symlink", real_dir)
        causes.setdefault(cause, []).append((start, shown, message))
    for cause, hits in causes.items():
        start, shown, message = hits[0]
        more = len(hits) - 1
        if cause[0] == "symlink":
            count = f"{len(hits)} relative reference{'s' if len(hits) > 1 else ''}"
            yield Problem(R.SKL014, f"{count} in this symlinked SKILL.md break from {skill_dir}/ (first: {shown!r}); they "
                          f"work from {cause[1]}/, where the file really lives: link the folder, or copy the file",
                          Span(start, start + len(shown)))
            continue
        if cause[0] == "project":
            yield Problem(R.SKL014, message + (f" (and {more} more reference{'s' if more > 1 else ''})" if more else ""),
                          Span(start, start + len(shown)))
            continue
        if cause[0] == "repo-folder":
            message += (f"; the repository has no folder {cause[1] + '/'!r}"
                        + (f" (and {more} more reference{'s' if more > 1 else ''} into it)" if more else ""))
            yield Problem(R.SKL014, message, Span(start, start + len(shown)))
            continue
        if more and cause[0] == "folder":
            message += f"; the skill has no folder {cause[1] + '/'!r} (and {more} more reference{'s' if more > 1 else ''} into it)"
        elif more:
            message += f" (and {more} more reference{'s' if more > 1 else ''})"
        elif cause[0] == "folder":
            message += f"; the skill has no folder {cause[1] + '/'!r}"
        yield Problem(R.SKL014, message + _did_you_mean(ctx, skill_dir, cause, normpath(shown.removeprefix("./"))),
                      Span(start, start + len(shown)))


_PROJECT_SKILL_FOLDERS = frozenset({".claude", ".agents", ".github", ".roo", ".cursor", ".codex", ".gemini", ".goose",
                                    ".opencode", ".kiro", ".windsurf", ".cline", ".kilocode", ".junie", ".qoder", ".trae"})
"""Agents' project folders whose `skills/` hold the project's own skills (vercel-labs/skills' list of
project skill folders); the agent runs them with the project root as its working directory."""


def _project_root(skill_dir: str) -> str | None:
    """The project root of a project skill (`<root>/.roo/skills/<name>`), or None for other skills."""
    parts = skill_dir.split("/")
    if len(parts) >= 3 and parts[-2] == "skills" and parts[-3] in _PROJECT_SKILL_FOLDERS:
        return "/".join(parts[:-3])
    return None


def _in_named_skill(ctx, text: str, start: int, shown: str, skill_dir: str, path: str) -> bool:
    """The sentence around the reference, or the paragraph before it, names another skill that has PATH ("see the
    **manage-design-system** skill's `examples/metadata.json`"): a reference into that skill."""
    container = dirname(skill_dir)  # '' for a catalogue of skills at the repository root
    if path.startswith("../") or not skill_dir:
        return False
    # the sentence, and the paragraph up to it: "see `design-system`'s `references/triage.md`" in one item, then
    # "the label `references/triage.md` requires" in the next; "`translation-doc` and `translation-novel` adopt
    # M3 ... See `references/verification-gates.md` §M3 in the doc + novel skills"
    paragraph = max(text.rfind("\n\n", 0, start), start - 1500, 0)
    around = sentence(text, start, start + len(shown)) + "\n" + text[paragraph:start]
    for rel in ctx.index.by_name(path.rsplit("/", 1)[-1]):
        if not rel.endswith("/" + path):
            continue
        other = rel[:-len(path) - 1]
        if other != skill_dir and dirname(other) == container and re.search(
                r"(?<![\w-])" + re.escape(other.rsplit("/", 1)[-1]) + r"(?![\w-])", around):
            return True
    return False


_BLOCK_LINE = lazy(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)|^\s*$")
_HEADING_LINE = lazy(r"^\s*#{1,6}\s")
_IF_SKILL = lazy(r"(?i)\b(?:if|when|once)\s+(?:the\s+)?`?[\w-]+`?\s+skill\s+(?:exists|is\s+(?:installed|available|present))")
_OTHER_SKILL = lazy(r"`([a-z0-9][a-z0-9-]*)`\s+skill\b")
_OTHER_PLACE = lazy(r"\b(?:lives?|is|are|kept|hosted)\s+in\s+(?:the\s+)?`([\w.-]+)`(?:\s+(?:repo(?:sitory)?|project))?\s*:\s*$")


def _introduced_as_elsewhere(ctx, text: str, start: int, skill_dir: str) -> bool:
    """START's line makes it another skill's ("If schema skill exists: reads `resources/x.md`"), or the list or
    table holding START is introduced (the paragraph lines above it, up to a heading) as another skill's ("If `attio-workspace-schema` skill exists:" then "- read `resources/deals-attributes.md`") or another
    repository's files ("The working production deployment lives in `rangebar-patterns`:" then a table of its
    files): those paths are not this skill's."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if _IF_SKILL.search(text[line_start:start]):
        return True  # "[If schema skill exists: reads `resources/deals-attributes.md`]"
    if not _BLOCK_LINE.match(text[line_start:len(text) if line_end == -1 else line_end]):
        return False
    own = skill_dir.rsplit("/", 1)[-1]
    at, paragraphs = line_start, 0
    while at > 0 and paragraphs < 2:
        previous = text.rfind("\n", 0, at - 1) + 1
        line = text[previous:at - 1]
        at = previous
        if _HEADING_LINE.match(line):
            return False
        if _BLOCK_LINE.match(line):
            continue
        paragraphs += 1
        if any(name != own for name in _OTHER_SKILL.findall(line)):
            return True
        place = _OTHER_PLACE.search(line)
        if place and not _exists(ctx, join(skill_dir, place.group(1))) and not _exists(ctx, place.group(1)):
            return True
    return False


def _missing(text: str, body_start: int, skill_dir: str, ctx) -> Iterator[tuple[int, str, tuple, str]]:
    """(offset, text as written, cause, message) of every reference to a missing file."""
    offset = body_start
    foreign = moved = False
    lines = text[body_start:].splitlines(keepends=True)
    blocks = fenced_blocks(lines)
    for number, line in enumerate(lines):
        block, fence = blocks[number]
        in_fence = block is not None
        if fence:
            if block == number:
                foreign = _foreign_block(lines, number, blocks, skill_dir, ctx)
            offset += len(line)
            continue
        if not in_fence and line.startswith("#"):
            moved = False  # a new section: the shell a `cd` moved belongs to the steps above
        if in_fence and foreign:
            offset += len(line)
            continue
        if _TREE_LINE.match(line):
            # a leaf of a directory tree (`│   ├── references/map.md`) lies below the folders drawn above
            # it, not in the skill folder: a layout diagram, not a reference to resolve from here
            offset += len(line)
            continue
        links: list[tuple[int, int]] = []
        spans = [] if in_fence else _code_spans(line)
        if not in_fence:
            for match in _LINK.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue  # `[text](URL)` in a code span is an example, not a link
                links.append(match.span())  # its text is display text, never judged as a path
                target = match.group(1)
                path = _link_path(target)
                if not path or normpath(join(skill_dir, path)).startswith("..") or \
                        placeholder_target(target, line[match.start():match.start(1)]) or \
                        labelled_example(line, match.start(), target) or enclosed_on_line(line, match.start(), match.start(), '"“', '"”'):
                    continue  # a template slot (`[{id}](url)`, `(path/to/file.md)`), an example, a quoted sample sentence
                if not _exists(ctx, join(skill_dir, path)) and not _project_dot_folder(ctx, text, skill_dir, path):
                    yield (offset + match.start(1), target, _cause(ctx, skill_dir, path),
                           f"link target {target!r} does not exist")
        seen: list[tuple[int, int]] = []
        shown_links = [(a, b) for a, b in spans if _LINK.search(line, a, b)]
        for match in _BUNDLED.finditer(line):
            if any(a <= match.start() < b for a, b in links + shown_links):
                continue  # a link's target is judged as a link; one in a code span (`[text](references/x.md)`) shows syntax
            path = match.group(1).rstrip(".")
            seen.append(match.span(1))
            if any(mark in path for mark in "*<>{}$"):
                continue
            if moved or (in_fence and cd_elsewhere(line[:match.start()], skill_dir)):
                continue  # `cd Documentation/web && node scripts/screenshot.mjs`: run from that folder, not the skill's;
                # a shell keeps its folder, so later blocks and commands of the same section run from there too
            if in_fence and re.match(r":\d+\b", line[match.end(1):]):
                continue  # `scripts/helper.py:42` in a code block: a location in sample output, not a reference
            runs = bool(_RUNNER.search(line[:match.start()]) or line[:match.start()].endswith("./"))
            folder = path.split("/", 1)[0]
            if not _exists(ctx, join(skill_dir, folder)):
                if not runs or folder in created_folders(text) or _PROJECT_TYPE.search(text, 0, body_start):
                    continue  # the skill has no such folder; one its setup creates in the user's project is theirs,
                    # and a skill that declares itself a project's (`type: project`) runs the project's scripts
            if "." not in path.rsplit("/", 1)[-1] and not runs:
                continue  # a folder mentioned in prose
            if _illustration(text, offset, line, match.span(1), path, in_fence):
                continue
            if not _found_upwards(ctx, skill_dir, path):
                yield (offset + match.start(1), path, _cause(ctx, skill_dir, path),
                       f"{path!r} does not exist in the skill folder")
        for a, b in spans:
            # `templates/report.md`: a backticked file in a folder of the skill (agentskills.io: "any
            # additional files or directories"), judged like scripts/, references/ and assets/
            path = line[a:b].strip("`").strip()
            if (any(a <= s < b for s, _ in seen) or any(x <= a < y for x, y in links)
                    or not _SKILL_FILE.match(path) or any(mark in path for mark in "*<>{}$")):
                continue
            folder = path.removeprefix("./").split("/", 1)[0]
            if folder in ("..", ".") or not _exists(ctx, join(skill_dir, folder)) or not _exists_dir(ctx, join(skill_dir, folder)):
                continue
            at = a + line[a:b].index(path)
            if _illustration(text, offset, line, (at, at + len(path)), path, in_fence):
                continue
            if not _found_upwards(ctx, skill_dir, path.removeprefix("./")):
                yield (offset + at, path, _cause(ctx, skill_dir, path.removeprefix("./")),
                       f"{path!r} does not exist in the skill folder")
        if in_fence and not moved:
            moved = _cd_line(line, skill_dir)  # a `cd` of its own: the section's later commands run from there too
        offset += len(line)


_PROJECT_TYPE = lazy(r"(?m)^type:[ \t]*[\"']?project[\"']?[ \t]*$")
"""`type: project` in the front matter (a field outside the specification some catalogues use): the skill belongs
to one project and its commands (`node scripts/generate-secrets.js`) run at that project's root."""

_TREE_LINE = lazy(r"^[\s│┃|]*(?:├|└|┣|┗|\|--|`--|\+--)")
"""A line of a drawn directory tree (`tree` output, box-drawing or ASCII connectors)."""

_SKILL_FILE = lazy(r"^(?:\./)?[\w@.-]+(?:/[\w@.+-]+)*/[\w@+-][\w@.+-]*\.[A-Za-z0-9]{1,8}$")
"""A relative path of at least one folder and a file with an extension (not `owner/repo`, not a route)."""


def _illustration(text: str, offset: int, line: str, span: tuple[int, int], path: str, in_fence: bool) -> bool:
    """PATH is made up (`scripts/script_name.py`) or given as an example ("Example: `scripts/x.py` for
    ...", "e.g.", "such as", "a `references/schema.md` file ... would be helpful"): the predicates the
    instruction-file rules use (`validator.repo.prose`), with the narrow cues, since a skill's prose
    describes its own files ("generate", "template" are ordinary words there)."""
    if placeholder_name(path) or rewritten_path(line, span[1]):
        return True  # made up, or the old side of a rename shown on its line (`references/a.md` → `references/b.md`)
    if in_fence:
        # a command in a code block is run as written, but the target of a copy is the user's file
        # (`cp "$(skill-path)/scripts/publish.sh" scripts/publish_myproject.sh`)
        return bool(_COPY_TARGET.search(line[:span[0]]))
    if _TO_CREATE.search(line[:span[0]]) or WRITE_TARGET.search(line[:span[0]]) or _CREATED_BY.search(line[:span[0]]):
        return True  # "Create template: `templates/newai.md`", "log ... into an `evals/timing.json` file": the agent writes it
    if _CJK_EXAMPLE.search(line[:span[0]]):
        return True  # "，如 `python scripts/train.py`" (如 = e.g.): an example of the command the skill writes
    if style_contrast(line, span) or VERDICT_PREFIX.match(line[:span[0]]):
        return True  # "(`reference/guide.md`, not `reference\guide.md`)", "Valid: `./scripts/tool.py`": a form shown
    start, end = offset + span[0], offset + span[1]
    if in_other_package(text, start, end):
        return True  # "the `idea-to-spec` skill's `_internal/x.md`": another skill's or package's file
    if example_cell(text, start) or _link_forms_list(text, start):
        return True  # "| Relative | `./references/guide.md` | Yes |" under an "Example" header: a link style
    around = text[:start] + " " * (end - start) + text[end:]
    # a list item ("- Extended examples -> `references/examples.md`") takes its cue from the line that
    # introduces the list ("Create a `references/` directory and move supporting material there:")
    intro = lead_in(text, start)
    if VERDICT_LABEL.match(intro):
        return True  # "**Valid:**" then "- `./scripts/tool.py` → `.agents/skills/Y/scripts/tool.py` ✅": a rule's examples
    here = sentence(around, start, end)
    if _EXTRACT_TO.search(text[max(0, start - 200):start]):
        return True  # "extract the 'Description Optimization' section to `references/x.md`": a file to create
    lead = intro or _list_lead(text, start)
    if _OTHER_PROJECT.search(here) or _OTHER_PROJECT.search(lead) or _SAMPLE_LEAD.search(lead):
        return True  # "For every candidate `Makefile` ... `scripts/dev.sh`", "Sample grouping for a typical repo:"
    return bool(EXAMPLE_CUES.search(here) or EXAMPLE_CUES.search(intro) or ADVICE_CUES.search(intro))


_CREATED_BY = lazy(r"(?i)\(\s*(?:creates?|generates?|adds?|writes?|produces?|scaffolds?)\b[^()`]*(?:`[^`]*`[^()`]*)*`?$")
"""Inside a parenthesis that says what a command makes ("`--run-type python` (creates `scripts/run.py`)", "(adds
`Dockerfile` + `scripts/run.py`)"): the path is the output of the command, not a file the skill ships."""

_CJK_EXAMPLE = lazy(r"[，,、；;：:]\s*如\s*(?:`[^`\n]*)?$")
"""如 ("such as, e.g.") after a clause break, just before the path: the Chinese example marker
("若脚本文件存在 → 正常生成实际命令，如 `python scripts/train.py`")."""

_EXTRACT_TO = lazy(r"(?i)\b(?:extract|move|split)\w*\b(?:(?!\n[ \t]*\n)[^.])*?\b(?:to|into)\s*`?$")
"""Refactoring advice whose target is the path ("extract ... section (~700 words) to `references/x.md`")."""

_OTHER_PROJECT = lazy(r"(?i)\b(?:every|each|any|all)\s+candidate\b|\btypical\s+(?:\w+\s+)?(?:repo|repository|project|"
                      r"codebase|app|monorepo)\b|\b(?:consumer|downstream)\s+(?:repos?|repositories|projects?)\s+(?:gets?|receives?|have|has)\b")
"""The sentence or lead-in is about files of the project the skill works on: files to look for ("For every
candidate `Makefile`, ..., `scripts/dev.sh`"), a typical repository's layout, a consumer repository's files."""

_SAMPLE_LEAD = lazy(r"(?i)\b(?:sample|example)\s+\w+(?:\s+\w+)?\s*(?:for|of)\b|^\W*sample\b|\bproduc(?:e|es|ing)\b[^:\n]*:\s*$"
                   r"|^\W*(?:outputs?|deliverables?)\W*$"
                   r"|\b(?:store|save|write)\b[^:\n]*\bas\W*:\s*$")
"""A lead-in that presents the list as a sample ("Sample grouping for a typical repo:") or as what the skill
produces ("Depending on the request, produce one or more of:", "## Outputs", "Store the plan ... as:"): files
to create, not to read."""


def _list_lead(text: str, start: int) -> str:
    """The paragraph line just above the list holding START, across one blank line ("Sample grouping for a typical
    repo:", a blank line, then the list), or the heading right above it; '' when START is not in a list."""
    line_start = text.rfind("\n", 0, start) + 1
    if not re.match(r"[ \t]*(?:[-*+]|\d+[.)])\s", text[line_start:start]):
        return ""
    blanks = 0
    indent = len(text[line_start:start]) - len(text[line_start:start].lstrip())
    for line in lines_above(text, line_start):
        if not line.strip():
            blanks += 1
            if blanks > 1:
                return ""
            continue
        if re.match(r"[ \t]*(?:[-*+]|\d+[.)])\s", line) or (line.startswith((" ", "\t")) and not blanks):
            if blanks:
                return ""  # another list above a blank line: not this list's lead-in
            if len(line) - len(line.lstrip()) < indent and line.rstrip().endswith(":"):
                return line.strip()  # the parent item introduces a nested list ("2. Store the plan ... as:")
            continue
        return line.lstrip("#").strip()
    return ""


def _project_dot_folder(ctx, text: str, skill_dir: str, path: str) -> bool:
    """PATH starts with a dot-folder the skill lacks and names elsewhere as a folder (`.dbt-wiki/` in "Answer from
    .dbt-wiki/", then a note to output: "see [full lineage](.dbt-wiki/lineage.md)"): the skill's working folder
    in the user's project, which a link in text the agent writes points into; no skill ships it."""
    first = normpath(path).split("/", 1)[0]
    if not first.startswith(".") or first in (".", "..") or "/" not in normpath(path) or _exists(ctx, join(skill_dir, first)):
        return False
    return len(re.findall(r"(?<![\w./-])" + re.escape(first) + r"/", text)) >= 2


_TO_CREATE = lazy(r"(?i)(?:^|[-*+]\s|\d[.)]\s|[.;:]\s)\s*(?:\*\*)?create(?:\s+(?:a|an|the|new|your|[\w-]+)){0,3}\s*:?(?:\*\*)?\s*`?$")
"""Before a path, opening its clause: "Create template: ", "create the file ": the path is a file the reader makes."""

_ITEM_TARGET = lazy(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+`([^`\n]+)`", re.MULTILINE)


def _link_forms_list(text: str, start: int) -> bool:
    """START is the code span that opens an item of a list whose items open with link targets of different kinds,
    a URL and an `#anchor` among them ("- `./references/guide.md` - Relative same directory", "- `https://example.com`
    - External URL", "- `#section` - Anchor link"): a catalogue of link syntaxes, not references."""
    line_start = text.rfind("\n", 0, start) + 1
    first = _ITEM_TARGET.match(text, line_start)
    if first is None or first.start(1) != start:
        return False
    block_start = text.rfind("\n\n", 0, line_start)
    block_end = text.find("\n\n", start)
    block = text[0 if block_start == -1 else block_start:len(text) if block_end == -1 else block_end]
    items = _ITEM_TARGET.findall(block)
    return any(i.startswith(("http://", "https://")) for i in items) and any(i.startswith("#") for i in items)


_COPY_TARGET = lazy(r"\b(?:cp|mv|install|ln|rsync)(?:\s+-\S+)*\s+(?:\"[^\"]*\"|'[^']*'|\S+)\s+[\"']?$")
"""Before a path: `cp SOURCE ` (and mv, install, ln, rsync): the path is where the copy goes."""

_CONFIG_FENCES = frozenset({"yaml", "yml", "json", "jsonc", "toml", "ini", "dockerfile", "makefile", "make", "hcl",
                            "terraform", "tf", "xml", "properties", "env", "dotenv", "sql", "psql", "mysql"})
"""Code blocks in these languages are files of the user's project (a CI workflow, a Dockerfile, a config, a query):
their paths resolve from where that file lives, not from the skill folder (a SQL comment's "Source: scripts/x.py")."""

_MARKDOWN_FENCES = frozenset({"markdown", "md", "mdx"})
"""A Markdown block that opens like a document (a heading, front matter, a table, a bold label such as
`**MANDATORY**:`) is a sample of another file,
such as the SKILL.md a skill teaches to write; one that opens like a reply ("Available templates: assets/...")
speaks for this skill and is judged."""

_PROJECT_FOLDER = lazy(r"(?<![\w./@~$-])(?:\./)?(src|tests?|lib|app|apps|packages|k8s|charts|helm|deploy|"
                             r"deployments|pkg|cmd|internal|\.github)/")
"""Folders of a project (not of a skill): a code block that runs commands on them is a cheat sheet for the
user's project (`python -m pytest tests/`, `kubectl apply -f k8s/`), so its `scripts/x.py` is the project's."""


def _foreign_block(lines: list[str], opening: int, blocks: list[tuple[int | None, bool]], skill_dir: str, ctx) -> bool:
    """The fenced block opened at LINES[OPENING] is a file or the commands of the user's project, not the
    skill's: a config language, a CI workflow (`jobs:`/`steps:`), or commands on project folders that
    the skill does not have."""
    info = fence_info(lines[opening])
    if info in _CONFIG_FENCES:
        return True
    block = []
    for line, (owner, _) in zip(lines[opening + 1:], blocks[opening + 1:]):
        if owner != opening:
            break
        block.append(line)
    content = "".join(block)  # the closing fence included: harmless to the tests below
    if info in _MARKDOWN_FENCES and re.match(r"\s*(?:#{1,6}\s|---\s*$|\||\*\*[^*\n]+\*\*:?)", content):
        return True
    if re.search(r"^\s*(?:jobs|steps):\s*$", content, re.MULTILINE):
        return True
    return any(not _exists(ctx, join(skill_dir, m.group(1))) for m in _PROJECT_FOLDER.finditer(content))


def _symlinked_from(ctx, relpath: str) -> str | None:
    """The folder of the file SKILL.md is a symlink to, inside the repository; None when it is no symlink."""
    from validator.repo.files import Repo

    real = Repo.of(ctx.index).realpath(relpath)
    if real == relpath or real.startswith(("/", "..")):
        return None
    return dirname(real)


def _works_from(ctx, folder: str, shown: str) -> bool:
    path = _link_path(shown) or shown
    return _exists(ctx, join(folder, path)) or (not path.startswith("../") and _found_upwards(ctx, folder, path))


def _cause(ctx, skill_dir: str, path: str) -> tuple:
    """What is missing: the first folder, when the skill has no such folder, else the file."""
    clean = normpath(path)
    folder = clean.split("/", 1)[0]
    if folder == ".." and "/" in clean:
        # a link out of the skill (`../../tools/integrations/ga4.md`): the first folder on the way that is
        # missing is the cause, so eight links into a `tools/` the repository lacks are one finding
        resolved = normpath(join(skill_dir, clean))
        parts = resolved.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            ancestor = "/".join(parts[:depth])
            if not _exists(ctx, ancestor):
                return ("repo-folder", ancestor)
        return ("file", clean)
    if "/" in clean and not _exists(ctx, join(skill_dir, folder)):
        return ("folder", folder)
    return ("file", clean)


def _did_you_mean(ctx, skill_dir: str, cause: tuple, first: str) -> str:
    """'; did you mean X?' for a near name in the skill folder (`reference/` for `references/`, a case
    difference), or where the same file is in a sibling skill."""
    kind, name = cause
    from validator.repo.files import Repo

    listing = Repo.of(ctx.index).memo(("skills", "children"), lambda: _children(ctx.index))
    if kind == "folder":
        here = [child for child in listing.get(skill_dir, ()) if _exists_dir(ctx, join(skill_dir, child))]
        near = _near(name, here)
        if near:
            return f", did you mean {near + '/'!r}?"
    else:
        folder, _, base = name.rpartition("/")
        near = _near(base, listing.get(normpath(join(skill_dir, folder)) if folder else skill_dir, ()))
        if near:
            return f"; did you mean {join(folder, near)!r}?"
    name, base = first, first.rsplit("/", 1)[-1]
    if name.startswith("../"):
        return ""
    container = dirname(skill_dir)
    siblings = sorted(rel for rel in ctx.index.by_name(base)
                      if rel.endswith("/" + name) and dirname(rel[:-len(name) - 1]) == container)
    if siblings:
        return f"; it exists in another skill: {siblings[0]}"
    return ""


def _near(name: str, choices) -> str | None:
    import difflib

    choices = [c for c in choices if c != name]
    same_case = [c for c in choices if c.lower() == name.lower()]
    if same_case:
        return same_case[0]
    close = difflib.get_close_matches(name, choices, n=2, cutoff=0.85)
    return close[0] if len(close) == 1 else None


def _children(index) -> dict[str, list[str]]:
    """Folder -> names of its listed files and folders."""
    table: dict[str, list[str]] = {}
    for rel in [*index.entries, *index.dirs]:
        if rel:
            table.setdefault(dirname(rel), []).append(rel.rsplit("/", 1)[-1])
    return table


def _exists_dir(ctx, rel: str) -> bool:
    """REL is a folder inside the repository (through the run's reader, which the result cache watches)."""
    from validator.repo.files import Repo

    return Repo.of(ctx.index).is_dir(normpath(rel))


_CODE_SPAN = lazy(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Offsets of the inline code spans of LINE (CommonMark: a backtick run closed by one as long)."""
    return [match.span() for match in _CODE_SPAN.finditer(line)]


def _link_path(target: str) -> str | None:
    """The repository-relative part of a Markdown link target worth checking, or None."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith(("#", "/", "~", "<")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path or any(mark in path for mark in "*{}$%"):
        return None
    return path


def _exists(ctx, rel: str) -> bool:
    rel = normpath(rel)
    return not rel.startswith("..") and ctx.index.exists(rel)


_CD_START = lazy(r"\s*(?:\$\s+)?(?:cd|pushd)\s")


def _cd_line(line: str, skill_dir: str) -> bool:
    """LINE is a command of its own that moves the shell elsewhere (`cd DOCS_PATH`, `cd ../web && npm ci`)."""
    return bool(_CD_START.match(line)) and cd_elsewhere(line, skill_dir)


def _found_upwards(ctx, folder: str, path: str) -> bool:
    """PATH exists relative to FOLDER or any of its parents up to the repository root, or git ignores it in the
    skill's folder (`output/` with a `.gitignore` of `*`: a file the skill writes at run time, audit 16)."""
    start = folder
    while True:
        if _exists(ctx, join(folder, path)):
            return True
        parent = dirname(folder)
        if not folder or parent == folder:  # the root, or "/" for a file outside it: dirname stops moving
            break
        folder = parent
    if start.startswith("/"):
        return False  # outside the repository: nothing to ask its ignore files
    from validator.repo.files import Repo

    return Repo.of(ctx.index).would_be_ignored(normpath(join(start, path)))
