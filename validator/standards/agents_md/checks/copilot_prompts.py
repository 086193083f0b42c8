"""Copilot prompt files (`.github/prompts/*.prompt.md`): AGM086 (a header that never closes or does not parse),
AGM087 (a key VS Code does not read in prompt files, or the deprecated `mode`), AGM088 (a value of the wrong kind)
and AGM089 (an `agent` that names no agent), plus the `#file:` references VS Code resolves in the body of every
Copilot customization file (`file_references`, judged by AGM054 with the Markdown links).

The keys, their types and what is diagnosed follow VS Code's prompt file documentation
(https://code.visualstudio.com/docs/copilot/customization/prompt-files) and its header validator
(microsoft/vscode `promptValidator.ts`); the rules' module (`rules_copilot_prompts.py`) says why each finding is a
warning or an error. The prompt's body is checked by the other AGM rules like any instruction file's text. Prompt
files in template and fixture trees are not judged: their headers belong to the projects that instantiate them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules_copilot_prompts as R
from validator.standards.agents_md.checks.common import first_line, text_of
from validator.standards.agents_md.checks.copilot_agents import INSTRUCTIONS_KEYS, blank, header_block, kind_of, value_span

PROMPT_KEYS = ("description", "name", "argument-hint", "agent", "model", "tools")
"""VS Code's prompt file header (prompt-files, "Prompt file format"); `mode` is read too, as the deprecated `agent`."""
BUILTIN_AGENTS = frozenset({"agent", "ask", "edit", "plan"})
"""VS Code's built-in agents a prompt may name (`edit` from the earlier docs, `plan` from the current ones)."""
NO_TOOLS_AGENTS = frozenset({"ask", "edit"})
"""Agents with which VS Code ignores a prompt's `tools` ("only supported when using agents")."""

_FOREIGN = {
    "applyTo": "an .instructions.md file's key",
    "excludeAgent": "an .instructions.md file's key",
    "target": "a custom agent's key (.agent.md)",
    "handoffs": "a custom agent's key (.agent.md)",
    "infer": "a custom agent's key (.agent.md)",
    "mcp-servers": "a custom agent's key (.agent.md)",
    "agents": "a custom agent's key (.agent.md); a prompt names the one agent it runs with in agent",
    "user-invocable": "a custom agent's key (.agent.md)",
    "disable-model-invocation": "a custom agent's key (.agent.md)",
    "allowed-tools": "a Claude Code command's or a skill's key; VS Code reads tools",
    "globs": "a Cursor rule's key",
    "alwaysApply": "a Cursor rule's key",
}
"""Keys of the neighbouring formats: named as such rather than as a misspelling of a prompt key."""
_TEXT_KEYS = ("description", "name", "argument-hint", "agent", "model")


@emits(R.AGM086, R.AGM087, R.AGM088, R.AGM089)
def prompt_header(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None or data.kind != N.COPILOT_PROMPT or data.template:
        return
    late = _LATE_HEADER.match(data.text)
    if late and _KEY_LINE.search(late.group(2)):
        # VS Code opens a header only on the file's first line (promptFileParser.ts): a block below a licence comment
        # is body text, so its keys are never read and the model receives them as prose
        keys = ", ".join(dict.fromkeys(_KEY_LINE.findall(late.group(2))))
        yield Problem(R.AGM086, f"the front matter starts after an HTML comment: VS Code reads a header only when '---' "
                      f"is the first line, so its keys ({keys}) are not read and reach the model as text; move the comment below "
                      "the closing '---'", Span(late.start(1), late.start(1) + 3), severity="warning")
        return
    if _OPEN.match(data.text) and not _CLOSE.search(data.text, _OPEN.match(data.text).end()):
        # VS Code's parser: a first '---' line opens the header and, with no '---' line after it, the header runs to
        # the end of the file, so the prompt has no body at all
        yield Problem(R.AGM086, "the front matter is never closed with '---': VS Code reads the whole file as the "
                      "header and sends no prompt; close it", first_line(data))
        return
    fm = header_block(data)
    if fm is None:
        return  # the header is optional
    from validator.parsing.document import ParseError
    from validator.parsing.yaml import parse_yaml

    read_as_text: dict = {}
    try:
        parsed = parse_yaml(fm.body(data.text))
    except ParseError as err:
        try:
            parsed, read_as_text = _as_vscode_parses(fm.body(data.text), err)
        except ParseError as still:
            yield Problem(R.AGM086, f"the front matter is not valid YAML ({still.message}): VS Code flags the header and "
                          "may not read its keys", Span(fm.body_start + still.offset), severity="warning")
            return
    except Exception as err:  # noqa: BLE001 - a YAML library error is still a finding, never a crash
        yield Problem(R.AGM086, f"the front matter is not valid YAML ({err})", first_line(data), severity="warning")
        return
    value = parsed.value if parsed.value is not None else {}
    if isinstance(value, dict):
        value.update(read_as_text)
    if not isinstance(value, dict):
        yield Problem(R.AGM086, "the front matter is not a mapping of keys to values: VS Code reads none of it",
                      first_line(data), severity="warning")
        return
    offset = fm.body_start
    value = {key: _as_vscode_reads(item, data.text, value_span(parsed, offset, (key,))) for key, item in value.items()}
    yield from _keys(value, parsed, offset)
    yield from _types(value, parsed, offset)
    yield from _agent(ctx, data, value, parsed, offset)


_PLAIN_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]+([^\s\[{\"'].*?)[ \t]*$", re.MULTILINE)


def _as_vscode_parses(body: str, error):
    """BODY read as VS Code's header reader reads it, where a strict YAML parser refuses it with ERROR.

    VS Code's reader (microsoft/vscode base/common/yaml.ts) takes an unquoted value to the end of its line (or a `#`),
    so `description: Review: style and tests` or a value opening with a backtick or `@` is plain text to it. Each such
    line that does not parse on its own is parsed as a same-length quoted stand-in (offsets kept); if the block then
    parses, it is what VS Code reads, with those values as text (returned apart); else the error that remains.
    """
    from validator.parsing.document import ParseError
    from validator.parsing.yaml import parse_yaml

    repaired = body
    as_text: dict = {}
    for line in _PLAIN_LINE.finditer(body):
        try:
            parse_yaml(line.group(0))
            continue
        except ParseError:
            pass
        start, end = line.span(2)
        raw = line.group(2).split(" #", 1)[0].rstrip()
        as_text[line.group(1)] = raw
        stand_in = "'" + "x" * (end - start - 2) + "'" if end - start >= 2 else "x"
        repaired = repaired[:start] + stand_in + repaired[end:]
    if not as_text:
        raise error
    return parse_yaml(repaired), as_text


def _as_vscode_reads(item, text: str, span: Span):
    """ITEM as VS Code's YAML reader takes it: YAML 1.1 scalars a strict parser turns into booleans or dates (`yes`,
    `on`, `No`, `2024-01-01`) are text to it; only `true` and `false` are booleans (microsoft/vscode base/common/yaml.ts)."""
    import datetime

    if isinstance(item, (bool, datetime.date)):
        raw = text[span.start:span.end if span.end is not None else span.start].strip()
        if raw.lower() not in ("true", "false") and raw:
            return raw.strip("'\"")
    return item


_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_LATE_HEADER = re.compile(r"\A\ufeff?\s*<!--.*?-->[ \t]*\r?\n(?:[ \t]*\r?\n)*(---[ \t]*\r?\n)(.*?)^---[ \t]*\r?$",
                          re.DOTALL | re.MULTILINE)
"""A header block below a leading HTML comment (a licence notice): the comment, blank lines, then `---` ... `---`."""
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)
_CLOSE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


def _meant(key: str) -> str | None:
    """The prompt key a misspelt KEY stands for, or None."""
    norm = key.strip().lower().replace("_", "-")
    if norm in PROMPT_KEYS:
        return norm
    if norm.replace("-", "") == "argumenthint":
        return "argument-hint"
    close = difflib.get_close_matches(norm, PROMPT_KEYS, n=1, cutoff=0.8)
    return close[0] if close else None


def _keys(value: dict, parsed, offset: int) -> Iterator[Problem]:
    for key in value:
        where = value_span(parsed, offset, (key,), key=True)
        if key in PROMPT_KEYS:
            continue
        if key == "mode":
            if "agent" in value:
                yield Problem(R.AGM087, "mode is deprecated and ignored beside agent: VS Code reads agent; remove mode",
                              where)
            else:
                yield Problem(R.AGM087, "mode is deprecated: rename it to agent (VS Code still reads it, marked "
                              "deprecated)", where)
            continue
        if key in INSTRUCTIONS_KEYS:
            yield Problem(R.AGM087, f"VS Code does not read {key} in a prompt file: the prompt is the Markdown below "
                          "the front matter, so this text never reaches the model; move it there", where)
            continue
        if key in _FOREIGN:
            yield Problem(R.AGM087, f"{key} is {_FOREIGN[key]}: VS Code does not read it in a prompt file", where)
            continue
        meant = _meant(str(key))
        hint = f"; did you mean {meant}?" if meant else f" (it reads {', '.join(PROMPT_KEYS)})"
        yield Problem(R.AGM087, f"VS Code does not read the key {key!r} in a prompt file{hint}", where)


def _types(value: dict, parsed, offset: int) -> Iterator[Problem]:
    def at(key, *more):
        return value_span(parsed, offset, (key, *more))

    for key in _TEXT_KEYS:
        if key not in value and not (key == "agent" and "mode" in value):
            continue
        shown = key if key in value else "mode"
        item = value[shown]
        if isinstance(item, str) and item.strip():
            continue
        if blank(item):
            yield Problem(R.AGM088, f"{shown} is empty: VS Code requires a non-empty value; fill it in or remove the key",
                          at(shown))
        else:
            yield Problem(R.AGM088, f"{shown} should be text, not {kind_of(item)}: VS Code ignores it", at(shown))
    tools = value.get("tools")
    if tools is not None and not isinstance(tools, dict):
        if not isinstance(tools, list):
            yield Problem(R.AGM088, f"tools should be a list of tool names (tools: ['search', 'edit']), not "
                          f"{kind_of(tools)}: VS Code ignores it", at("tools"))
        else:
            for i, name in enumerate(tools):
                if not isinstance(name, str):
                    yield Problem(R.AGM088, f"tools entry {i + 1} should be a tool name, not {kind_of(name)}",
                                  at("tools", i))
    agent = _agent_value(value)
    if tools and isinstance(agent, str) and agent.strip().lower() in NO_TOOLS_AGENTS:
        yield Problem(R.AGM088, f"tools are ignored with the {agent.strip()} agent: VS Code uses a prompt's tools only "
                      "in agent mode; set agent: agent or remove tools", at("tools"))


def _agent_value(value: dict):
    return value.get("agent") if "agent" in value else value.get("mode")


def _agent(ctx, data, value: dict, parsed, offset: int) -> Iterator[Problem]:
    agent = _agent_value(value)
    if not isinstance(agent, str) or not agent.strip() or agent.strip().lower() in BUILTIN_AGENTS:
        return
    from validator.standards.agents_md.reader import repo_for

    known = custom_agents(repo_for(ctx))
    if agent in known:
        return
    key = "agent" if "agent" in value else "mode"
    close = difflib.get_close_matches(agent, sorted(known), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else (
        " (no custom agents in .github/agents/)" if not known else "")
    shown = agent if len(agent) <= 80 else agent[:77] + "..."
    yield Problem(R.AGM089, f"{key} {shown!r} is neither a built-in agent (agent, ask, plan) nor a custom agent of this "
                  f"repository{hint}: VS Code reports an unknown agent", value_span(parsed, offset, (key,)))


def custom_agents(repo) -> frozenset[str]:
    """The names of the repository's custom agents, from every `.github/agents/` and `.github/chatmodes/` and every
    `*.agent.md` elsewhere: an agent's
    `name`, else its file name without `.agent.md`, `.chatmode.md` or `.md` (VS Code: the header's name, else
    `getCleanPromptName`); a prompt's `agent` is matched against these exactly."""
    def compute() -> frozenset[str]:
        from validator.standards.agents_md.plan import matching, simple_front_matter

        names: set[str] = set()
        # any `*.agent.md` of the repository too: VS Code reads agents from the folders `chat.agentFilesLocations`
        # names and Copilot plugins declare (`"agents": "agents/"` in plugin.json) (audit 24: copilot-orchestra)
        for path in dict.fromkeys(matching(repo, ("kind", N.COPILOT_AGENT), N.copilot_agent) + matching(
                repo, "copilot-chatmodes", lambda r: r.endswith(".chatmode.md") and "/.github/chatmodes/" in "/" + r)
                + matching(repo, "agent-files-anywhere", lambda r: r.endswith(".agent.md"))):
            declared = simple_front_matter((repo.read_text(path) or "").lstrip("\ufeff")).get("name", "").strip()
            if declared:
                names.add(declared)
                continue
            name = path.rsplit("/", 1)[-1]
            for suffix in (".agent.md", ".chatmode.md", ".md"):
                if name.endswith(suffix):
                    names.add(name[: -len(suffix)])
                    break
        return frozenset(names)

    return repo.memo(("copilot-custom-agents",), compute)


_FILE_REFERENCE = re.compile(r"#file:([^\s#]+)", re.IGNORECASE)
"""VS Code's body reference (promptFileParser.ts): `#file:` and a path up to the next space or `#`."""
_TRAILING = ".,;:!?)]}'\"`*_"
VSCODE_KINDS = frozenset({N.COPILOT_PROMPT, N.COPILOT_AGENT, N.COPILOT_SCOPED, N.COPILOT})
"""The files whose body VS Code parses for `#file:` references (every prompt type: prompts, agents, instructions)."""


def file_references(data) -> list:
    """The `#file:path` references of the prose of DATA's body as links (destination = the path), for AGM054.

    VS Code resolves them from the file's folder, like a relative Markdown link, and warns "File ... not found"
    (promptValidator.ts). A reference in code or an HTML comment is an example, not a reference; sentence
    punctuation after the path (`#file:README.md.`) is not part of the path the author meant.
    """
    from validator.standards.agents_md.markdown_model import Link

    if data.kind not in VSCODE_KINDS or "#file:" not in data.text.lower():
        return []
    view = data.view
    found = []
    for match in _FILE_REFERENCE.finditer(data.text):
        if not view.is_prose(match.start()):
            continue
        path = match.group(1).rstrip(_TRAILING)
        if not path or path.startswith(("http:", "https:")):
            continue
        start = match.start(1)
        found.append(Link(path, start, start + len(path)))
    return found
