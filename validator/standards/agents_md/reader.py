"""Reading one instruction file: the document every AGM check works on.

`parse` reads the file once (symlinks first: a link that leaves the repository is
never followed), reports encoding problems under the GEN rules (GEN002 for text that
is not UTF-8, GEN003 as a warning with a safe fix for a byte order mark) and builds
the Markdown view, whose line index locates the checks' `Span`s. The checks
(`checks/`) share one `Repo` per run (`repo_for`) so that manifests and plans are
computed once.
"""

from __future__ import annotations

from validator.engine.integrity import decoding_problems, too_large
from validator.records import record
from validator.repo import paths as RP
from validator.repo.files import Repo, Stat
from validator.standards.agents_md import names as N
from validator.standards.agents_md.markdown import MarkdownView, parse_markdown
from validator.standards.base import CheckContext, Document


def repo_for(ctx: CheckContext) -> Repo:
    """The run's shared `Repo` (one per file index, shared with the cross-file stage)."""
    return Repo.of(ctx.index)


@record
class InstructionFile:
    relpath: str
    kind: str
    text: str
    view: MarkdownView
    stat: Stat
    content_checked: bool = True
    """False for a symlink to another instruction file: its target is checked in its own right."""
    template: bool = False
    """In a template/fixture tree, or a Cursor rule of a rule pack: repository-context checks do not apply."""

    @property
    def folder(self) -> str:
        return RP.directory(self.relpath)

    @property
    def name(self) -> str:
        return self.relpath.rsplit("/", 1)[-1]


def parse(source, ctx: CheckContext) -> Document | None:
    rel = source.relpath
    kind = N.classify(rel)
    repo = repo_for(ctx)
    if kind is None:
        from validator.standards.agents_md.payload import context_files

        if rel not in context_files(repo):
            return None
        kind = N.EXTENSION_CONTEXT
    stat = repo.stat(rel)
    problems: list = []
    if stat.is_symlink and (stat.dangling or not stat.inside or not stat.is_file):
        # Never follow a link out of the repository; the link itself is the finding (AGM042).
        view = parse_markdown("")
        data = InstructionFile(rel, kind, "", view, stat, content_checked=False)
        return Document(source, "agents-md", data, problems, meta={"kind": kind}, is_markdown=True, index=view.index)
    if source.too_large:
        return Document(source, "agents-md", None, [too_large(source)], is_markdown=True)
    decoded = source.decoded
    front_matter = (decoded.text or "").lstrip("\ufeff").startswith("---")
    problems.extend(decoding_problems(
        decoded, "warning" if front_matter else "info",
        bom_message=("remove the UTF-8 byte order mark: a reader that does not strip it misses the front matter's "
                     "opening '---'" if front_matter else
                     "remove the UTF-8 byte order mark: agents read it as text (Codex counts it against the budget)"),
        encoding_hint="; agents decode instruction files as UTF-8 and get garbled text"))
    if decoded.text is None:
        return Document(source, "agents-md", None, problems, is_markdown=True)
    text = decoded.text
    linked_to_instructions = False
    if stat.is_symlink:
        target = repo.realpath(rel)
        target_kind = N.classify(target)
        # a Cursor rule's front matter is read only by Cursor: through AGENTS.md or CLAUDE.md it is text (AGM006),
        # so a link from another kind to a Cursor rule is checked as what it is read as
        linked_to_instructions = target_kind is not None and target != rel and \
            (target_kind != N.CURSOR_RULE or kind == N.CURSOR_RULE)
    view = parse_markdown(text, front_matter_allowed=True)
    template = N.in_template_tree(rel)
    if kind == N.CURSOR_RULE and not template:
        from validator.standards.agents_md.cursor_globs import catalogue

        template = catalogue(repo)  # a rule pack's rules describe the projects that install them
    data = InstructionFile(rel, kind, text, view, stat, content_checked=not linked_to_instructions, template=template)
    # inline directives inside code (fenced, indented, spans) are text: the engine asks the parser where code is
    meta = {"kind": kind, "code_ranges": view.code_ranges()}
    return Document(source, "agents-md", data, problems, meta=meta, is_markdown=True, index=view.index)
