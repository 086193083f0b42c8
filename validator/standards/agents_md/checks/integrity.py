"""The file as a file: AGM001 (empty), AGM004 (mixed line endings), AGM005 (a fence never closed), front
matter (AGM006 where none is read, AGM018 broken, AGM019 Copilot's applyTo), AGM017 (trailing whitespace) and
AGM024 (longer than the agent's advice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Edit, Fix, Problem, Span
from validator.records import lazy
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import PLAIN_TEXT_KINDS, content_of, text_of

NO_FIELDS_KINDS = frozenset({N.AGENTS, N.OVERRIDE, N.AGENT_LEGACY, N.GEMINI, N.EXTENSION_CONTEXT, N.COPILOT, N.VARIANT, *PLAIN_TEXT_KINDS})
"""Formats without fields whose readers pass a front matter block on as text. CLAUDE.md and CLAUDE.local.md are not
among them: Claude Code parses and strips the front matter of every memory file before the model sees it (reading
only `paths`, for .claude/rules), as its maintainers confirmed when declining to pass it through
(https://github.com/anthropics/claude-code/issues/13003)."""
AGENT_FRONT_MATTER_KEYS = frozenset({
    "applyTo", "excludeAgent", "globs", "alwaysApply", "paths", "trigger", "name", "description", "tools",
    "allowed-tools", "model", "mode", "agent",
})
"""Keys of the agent formats whose front matter is read (Copilot, Cursor, Claude rules, skills, agents, prompts):
front matter with one of them in a file without fields is a misplaced rule, wherever the file is."""
_TOP_KEY = lazy(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


FRONT_MATTER_KINDS = frozenset({N.COPILOT_SCOPED, N.CLAUDE_RULE, N.CURSOR_RULE, N.CLINE_RULE})


@emits(R.AGM001)
def empty_file(doc, ctx) -> Iterator[Problem]:
    data = content_of(doc)
    if data is None:
        return
    if data.text.strip():
        return
    what = "empty" if not data.text else "only whitespace"
    yield Problem(R.AGM001, f"{data.name} is {what}: agents load nothing from it; write instructions or delete it",
                  Span(0, len(data.text)))


@emits(R.AGM004)
def line_endings(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = {"\r\n": crlf, "\n": lf, "\r": cr}
    used = {k: v for k, v in kinds.items() if v}
    if len(used) < 2:
        return
    major = max(used, key=lambda k: (used[k], k == "\n"))
    edits = []
    first = None
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.group() != major:
            edits.append(Edit(m.start(), m.end(), major))
            if first is None:
                first = m.start()
    names = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
    line = data.view.index.position(first)[0]
    counts = ", ".join(f"{used[k]} {names[k]}" for k in used)
    yield Problem(R.AGM004, f"line endings are mixed ({counts}); the fix converts them all to {names[major]}",
                  data.view.index.line_region(line), fix=Fix(f"convert line endings to {names[major]}", tuple(edits), "safe"))


def _line_fences_balanced(text: str) -> bool:
    """Fence lines pair up when read line by line, ignoring HTML blocks and containers.

    CommonMark can leave a fence open because an HTML block (`<example>` right above a
    fence) swallowed its opener; the author's fences still pair up line by line, and a
    model reading the raw text sees them paired. Only a fence open both ways is reported.
    """
    opener = None
    for line in text.splitlines():
        m = re.match(r"^[ \t>]*(`{3,}|~{3,})(.*)$", line)
        if not m:
            continue
        run, rest = m.group(1), m.group(2)
        if opener is None:
            if run[0] == "`" and "`" in rest:
                continue  # not a fence: backticks in a backtick fence's info string
            opener = run
        elif run[0] == opener[0] and len(run) >= len(opener) and not rest.strip():
            opener = None
    return opener is None


@emits(R.AGM005)
def unclosed_fence(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    balanced = None
    for fence in data.view.fences:
        if fence.closed or fence.end < len(text):
            continue
        if balanced is None:
            balanced = _line_fences_balanced(text)
        if balanced:
            continue
        start = fence.start
        where = Span(start, start + len(fence.marker) + len(fence.info))
        outer = _closed_early(data.view, fence, text)
        if outer is not None:
            # nothing follows the fence: it was written to close an earlier block, which a fence inside that block
            # (a nested example) already closed, so the lines between are Markdown and this fence opens an empty block
            closed_at = data.view.index.position(max(outer.end - 1, outer.start))[0]
            yield Problem(R.AGM005, f"the {fence.marker} on line {fence.line} opens a code block that nothing follows: it "
                          f"was meant to close the block opened on line {outer.line}, which the nested fence on line "
                          f"{closed_at} closed first; fence the outer block with a longer run ({outer.marker[0] * 4})",
                          where)
            continue
        newline = "" if text.endswith(("\n", "\r")) else "\n"
        fix = Fix(f"append a closing {fence.marker} at the end of the file",
                  (Edit(len(text), len(text), f"{newline}{fence.marker}\n"),), "unsafe")
        yield Problem(R.AGM005, f"the {fence.marker} fence opened on line {fence.line} is never closed: everything after it "
                      "is a code block", where, fix=fix)


def _closed_early(view, fence, text: str):
    """The earlier fence an unclosed last FENCE was written to close, or None: nothing but blank lines follows FENCE,
    it has no info string (a closing fence has none), and an earlier block with an info string was closed by a bare
    fence of the same character before it."""
    if fence.info.strip() or text[fence.content_start:].strip():
        return None
    earlier = [f for f in view.fences if f.closed and f.end <= fence.start and f.marker[0] == fence.marker[0]]
    if earlier and earlier[0].info.strip() and not text[:earlier[0].start].strip() \
            and len(earlier[0].marker) <= len(fence.marker):
        return earlier[0]  # a wrapper around the whole file (```chatagent on line 1, audit 24): the last line closes it
    for outer in reversed(earlier):
        if outer.info.strip() and len(outer.marker) <= len(fence.marker):
            return outer
    return None


_KEY_LINE = lazy(r"^[A-Za-z_][\w-]*\s*:(?:\s|$)")


def _missing_opener(text: str) -> str | None:
    """What is wrong when the file opens with YAML keys and a closing '---' but no opening one; None otherwise."""
    lines = text.lstrip("\ufeff").splitlines()[:30]
    keys = []
    for line in lines:
        if line.strip() == "---":
            break
        if not line.strip() or line.startswith((" ", "\t", "#")):
            continue
        m = _KEY_LINE.match(line)
        if m is None:
            return None
        keys.append(line.split(":", 1)[0].strip())
    else:
        return None
    if not keys:
        return None
    if "applyTo" in keys:
        return ("the front matter has no opening '---' line: Copilot reads the applyTo line as text and applies this "
                "file only when it is attached by hand; add '---' as the first line")
    return (f"the front matter has no opening '---' line and no applyTo ({', '.join(keys[:3])} read as text): add "
            "'---' as the first line and an applyTo glob")


@emits(R.AGM006, R.AGM018, R.AGM019)
def front_matter(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    from validator.standards.agents_md.markdown import front_matter

    fm = data.view.front_matter or front_matter(text)
    if fm is None and data.kind == N.CURSOR_RULE:
        from validator.standards.agents_md.cursor_rules import block

        fm = block(text)
    if data.kind == N.COPILOT_SCOPED and _wired_by_settings(ctx, data.relpath):
        return  # VS Code applies it by itself for a task (commit messages, reviews): no applyTo needed
    if fm is None:
        if data.kind == N.COPILOT_SCOPED and not text.lstrip("\ufeff").startswith("---"):
            yield Problem(R.AGM019, _missing_opener(text) or "no front matter with applyTo: Copilot applies this file only "
                          "when it is attached by hand", Span(0, len(data.view.index.line_text(1))))
        return
    first = Span(0, len(data.view.index.line_text(1)))
    if data.kind in NO_FIELDS_KINDS:
        if fm.closed and not _vault_properties(ctx, data.relpath, fm.body(text)):
            yield Problem(R.AGM006, f"{data.name} has no front matter fields: agents receive these lines as literal text",
                          first)
        return
    if data.kind not in FRONT_MATTER_KINDS:
        return
    if not fm.closed:
        yield Problem(R.AGM018, "front matter is never closed with '---': its keys are not read", first)
        return
    if data.kind == N.CURSOR_RULE:
        yield from _cursor_front_matter(data, fm)
        return
    body = fm.body(text)
    try:
        from validator.parsing.document import ParseError
        from validator.parsing.yaml import parse_yaml

        parsed = parse_yaml(body)
        value = parsed.value
    except ParseError as err:
        from validator.parsing.text import TextIndex

        line, col = TextIndex(body).position(err.offset)
        at = data.view.index.line_offset(line + 1) + col - 1
        yield Problem(R.AGM018, f"front matter is not valid YAML: {err.message}", Span(at))
        return
    except Exception as err:  # noqa: BLE001 - a YAML library error is still a finding, never a crash
        yield Problem(R.AGM018, f"front matter is not valid YAML: {err}", first)
        return
    if value is not None and not isinstance(value, dict):
        yield Problem(R.AGM018, "front matter is not a mapping of keys to values", first)
        return
    if data.kind == N.COPILOT_SCOPED:
        apply_to = (value or {}).get("applyTo")
        if apply_to is None or (isinstance(apply_to, str) and not apply_to.strip()):
            # `applies_to:`, `apply_to:`, `applyto:`: the key misspelt, which Copilot ignores like a missing one
            near = [key for key in (value or {}) if isinstance(key, str) and key != "applyTo"
                    and key.replace("_", "").replace("-", "").lower() in ("applyto", "appliesto")]
            said = f"{near[0]} is not applyTo, so there is no applyTo" if near else "no applyTo in the front matter"
            yield Problem(R.AGM019, f"{said}: Copilot applies this file only when it is attached by hand", first)


def _wired_by_settings(ctx, relpath: str) -> bool:
    """RELPATH is named as `{"file": ...}` in a `github.copilot.chat.<task>.instructions` setting of the workspace's
    `.vscode/settings.json` (commit messages, code review, pull request descriptions): VS Code applies it to that task
    by itself (https://code.visualstudio.com/docs/copilot/customization/custom-instructions, "Specify custom
    instructions in settings"; audit 23: microsoft/edge-ai's commit-message.instructions.md)."""
    from validator.standards.agents_md.reader import repo_for

    repo = repo_for(ctx)
    return relpath in repo.memo(("vscode-wired-instructions",), lambda: _settings_files(repo))


def _settings_files(repo) -> frozenset[str]:
    import posixpath

    from validator.standards.agents_md.memory import read_jsonc

    out: set[str] = set()
    for settings in repo.named("settings.json"):
        if not (settings == ".vscode/settings.json" or settings.endswith("/.vscode/settings.json")):
            continue
        value = read_jsonc(repo.read_text(settings) or "")
        if not isinstance(value, dict):
            continue  # settings VS Code cannot read wire nothing
        root = settings[: -len(".vscode/settings.json")]
        for key, entries in value.items():
            if not (isinstance(key, str) and key.startswith("github.copilot.chat.") and key.endswith(".instructions")):
                continue
            for entry in entries if isinstance(entries, list) else []:
                path = entry.get("file") if isinstance(entry, dict) else None
                if isinstance(path, str) and path.strip():
                    out.add(posixpath.normpath(root + path.strip().removeprefix("./")))
    return frozenset(out)


def _vault_properties(ctx, relpath: str, body: str) -> bool:
    """BODY is an Obsidian vault's note properties: the file lies in a vault (a folder at or above it holds
    `.obsidian/`, https://help.obsidian.md/Files+and+folders/How+Obsidian+stores+data) where every note's front
    matter is read by Obsidian as its properties (https://help.obsidian.md/properties: `aliases`, `tags` ...), and
    none of its keys belongs to an agent format. The lines still reach agents as text, but they are the vault's
    metadata, not a rule pasted into the wrong file."""
    keys = set(_TOP_KEY.findall(body))
    if keys & AGENT_FRONT_MATTER_KEYS:
        return False
    from validator.repo.paths import ancestors, directory, join
    from validator.standards.agents_md.reader import repo_for

    repo = repo_for(ctx)
    return any(repo.is_dir(join(folder, ".obsidian")) for folder in ancestors(directory(relpath)))


def _cursor_front_matter(data, fm) -> Iterator[Problem]:
    """AGM018 for a Cursor rule, read as Cursor's docs write it (not strict YAML: `globs: **/*.ts` is their
    example), and a second block below the first, which Cursor shows to the model as text."""
    from validator.standards.agents_md import cursor_rules as C

    parsed = C.read(data.text, fm.body_start, fm.body_end)
    for start, end, what in parsed.malformed[:1]:
        yield Problem(R.AGM018, f"front matter does not parse: {what}; Cursor may drop the line", Span(start, end))
    second = C.second_block(data.text, fm.end)
    if second is not None and not parsed.malformed:
        yield Problem(R.AGM018, "a second front matter block follows the first: Cursor reads only the first block and "
                      "sends this one to the model as text; merge them", Span(*second))


@emits(R.AGM017)
def trailing_whitespace(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    view = data.view
    text = data.text
    index = view.index
    for m in re.finditer(r"[ \t]+(?=\r\n|\r|\n|\Z)", text):
        start, end = m.span()
        if start == end or view.fence_at(start) is not None or view.in_front_matter(start):
            continue
        line = index.position(start)[0]
        if index.line_text(line).strip() == "":
            continue  # whitespace-only lines are blank lines, not trailing text
        if m.group() == "  " and line < index.line_count and index.line_text(line + 1).strip():
            continue  # a Markdown hard line break
        yield Problem(R.AGM017, f"{end - start} trailing whitespace character(s)",
                      Span(start, end), fix=Fix("remove trailing whitespace", (Edit(start, end, ""),), "safe"))


@emits(R.AGM024)
def length(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    lines = data.view.index.line_count
    if data.kind == N.CLAUDE and lines > 200:
        yield Problem(R.AGM024, f"CLAUDE.md has {lines} lines; Claude Code's docs advise under 200 per file (move detail into imported files)",
                      data.view.index.line_region(201))
    elif data.kind == N.CURSOR_RULE and lines > 500:
        # https://cursor.com/docs/rules, best practices: "Keep rules under 500 lines"
        yield Problem(R.AGM024, f"this Cursor rule has {lines} lines; Cursor's docs advise under 500 (split it into "
                      "composable rules)", data.view.index.line_region(501))
    elif data.kind in (N.COPILOT, N.COPILOT_SCOPED) and lines > 1000:
        yield Problem(R.AGM024, f"{lines} lines of Copilot instructions; keep them under about 1,000 lines",
                      data.view.index.line_region(1001))
