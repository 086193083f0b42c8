"""Copilot custom agents (`.github/agents/*.md`): AGM081 (front matter that does not parse), AGM082 (no
`description`), AGM083 (a key no client reads), AGM084 (a value of the wrong kind) and AGM085 (a prompt over
GitHub's 30,000 characters).

The keys and their types are those GitHub (https://docs.github.com/en/copilot/reference/custom-agents-configuration)
and VS Code (https://code.visualstudio.com/docs/copilot/customization/custom-agents, "Header") document; the rules'
module (`rules_copilot_agents.py`) says which client reads which. `target: vscode` keeps an agent out of GitHub's
environment, so GitHub's requirements (a description, the prompt's maximum) are not applied to it. The agent's body is
checked by the other AGM rules like any instruction file's text. Agents in template and fixture trees are not
judged: their headers belong to the projects that instantiate them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules_copilot_agents as R
from validator.standards.agents_md.checks.common import first_line, text_of

GITHUB_KEYS = ("name", "description", "target", "tools", "model", "disable-model-invocation", "user-invocable",
               "infer", "mcp-servers", "metadata")
"""Keys GitHub reads (github.com, the Copilot CLI, JetBrains, Eclipse, Xcode): custom-agents-configuration."""
VSCODE_KEYS = ("description", "name", "argument-hint", "tools", "agents", "model", "user-invocable",
               "disable-model-invocation", "infer", "target", "mcp-servers", "handoffs", "hooks")
"""Keys VS Code reads: custom-agents, "Header (optional)"."""
KNOWN_KEYS = frozenset(GITHUB_KEYS + VSCODE_KEYS)
TARGETS = ("vscode", "github-copilot")
PROMPT_MAX = 30_000
"""GitHub: "The prompt can be a maximum of 30,000 characters" (custom-agents-configuration)."""

_ALIASES = {
    "allowed-tools": "tools", "allowedtools": "tools", "tool": "tools", "mcpservers": "mcp-servers",
    "mcp-server": "mcp-servers", "argumenthint": "argument-hint", "desc": "description", "handoff": "handoffs",
    "subagents": "agents", "userinvocable": "user-invocable", "disablemodelinvocation": "disable-model-invocation",
}
"""Spellings of other formats or of the key in another case style, and the documented key they stand for."""

_FOREIGN = {
    "mode": "a prompt file's key (.prompt.md; chat modes are now custom agents)",
    "agent": "a prompt file's key (.prompt.md), not an agent's; an agent's subagents are listed in agents",
    "applyTo": "an .instructions.md file's key",
    "disallowedTools": "Claude Code's agent key (.claude/agents/)",
    "color": "Claude Code's agent key (.claude/agents/)",
}
"""Keys of the neighbouring formats (VS Code prompt files and instructions, Claude Code agents): named as such rather
than as a misspelling of an agent key."""
INSTRUCTIONS_KEYS = frozenset({"prompt", "instructions", "system", "system-prompt", "system_prompt", "systemPrompt"})
"""Keys that hold the agent's instructions in the front matter, where no client reads them: both take the prompt
from the Markdown body below it."""


@emits(R.AGM081, R.AGM082, R.AGM083, R.AGM084, R.AGM085)
def agent_profile(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None or data.kind != N.COPILOT_AGENT or data.template:
        # an agent in a template or fixture tree is payload: its header is filled in (`{{ description }}`) or
        # broken on purpose where it is used, not here
        return
    fm = header_block(data)
    if fm is None:
        if data.name.endswith(".agent.md"):
            yield Problem(R.AGM082, "no front matter, so no description: GitHub requires one to offer this agent; add "
                          "'---', 'description: ...' and '---' at the top", first_line(data))
        else:
            # VS Code "detects any .md files in the .github/agents folder" as agents, but a plain .md without any
            # header is usually a document kept there (notes, an index), not an agent that fails to load
            yield Problem(R.AGM082, f"{data.name} has no front matter: VS Code lists every .md in .github/agents/ as an "
                          "agent and GitHub skips it without a description; move a document out of the folder, or add "
                          "a description", first_line(data), severity="warning")
        yield from _prompt_length(data, 0, github=True)
        return
    if not fm.closed:
        yield Problem(R.AGM081, "the front matter is never closed with '---': GitHub reads none of its keys",
                      first_line(data))
        return
    parsed = _parse(data, fm)
    if isinstance(parsed, Problem):
        if _VSCODE_ONLY.search(fm.body(data.text)):
            # only VS Code reads this agent, and its YAML reader (not a strict one) may still take the keys
            parsed = Problem(parsed.rule, parsed.message.replace("GitHub cannot read the agent's description",
                                                                 "VS Code may not read its keys"),
                             parsed.where, severity="warning")
        yield parsed
        return
    value = parsed.value if parsed.value is not None else {}
    if not isinstance(value, dict):
        yield Problem(R.AGM081, "the front matter is not a mapping of keys to values", first_line(data))
        return
    github = value.get("target") != "vscode"
    if github and blank(value.get("description")):
        said = "description is empty" if "description" in value else "no description in the front matter"
        yield Problem(R.AGM082, f"{said}: GitHub requires one to offer this agent (or set target: vscode)",
                      first_line(data))
    yield from _keys(value, parsed, fm.body_start)
    yield from _types(value, parsed, fm.body_start, github)
    yield from _prompt_length(data, fm.end, github=github)


_VSCODE_ONLY = re.compile(r"^target[ \t]*:[ \t]*[\"']?vscode[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)
_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def header_block(data):
    """The agent's header block: the Markdown view's front matter, else any closed `---` block at the top.

    The view accepts only blocks whose lines look like simple YAML (a `---` thematic break above prose is Markdown
    elsewhere); an agent's header is read as YAML whatever its shape, as in a `tools: [` list spread over lines.
    """
    from validator.standards.agents_md.markdown import front_matter
    from validator.standards.agents_md.markdown_model import FrontMatter

    fm = data.view.front_matter or front_matter(data.text)
    if fm is not None:
        return fm
    opener = _OPEN.match(data.text)
    close = _CLOSE.search(data.text, opener.end()) if opener else None
    if opener is None or close is None:
        return None
    end = close.end()
    for newline in ("\r\n", "\n", "\r"):
        if data.text.startswith(newline, end):
            end += len(newline)
            break
    return FrontMatter(0, end, opener.end(), close.start(), closed=True)


def _parse(data, fm):
    """The front matter as a positioned document, or the AGM081 problem saying where it does not parse."""
    from validator.parsing.document import ParseError
    from validator.parsing.yaml import parse_yaml

    try:
        return parse_yaml(fm.body(data.text))
    except ParseError as err:
        return Problem(R.AGM081, f"the front matter is not valid YAML ({err.message}): GitHub cannot read the agent's "
                       "description", Span(fm.body_start + err.offset))
    except Exception as err:  # noqa: BLE001 - a YAML library error is still a finding, never a crash
        return Problem(R.AGM081, f"the front matter is not valid YAML ({err})", first_line(data))


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def value_span(parsed, offset: int, pointer: tuple, *, key: bool = False) -> Span:
    start, end = (parsed.key_spans.get(pointer) if key else None) or parsed.span(pointer) or (0, 0)
    return Span(offset + start, offset + end)


def _meant(key: str) -> str | None:
    """The documented key a misspelt KEY stands for, or None."""
    norm = key.strip().lower().replace("_", "-")
    if norm in KNOWN_KEYS:
        return norm
    squeezed = norm.replace("-", "")
    if squeezed in _ALIASES or norm in _ALIASES:
        return _ALIASES.get(squeezed) or _ALIASES[norm]
    close = difflib.get_close_matches(norm, sorted(KNOWN_KEYS), n=1, cutoff=0.8)
    return close[0] if close else None


def _keys(value: dict, parsed, offset: int) -> Iterator[Problem]:
    for key in value:
        where = value_span(parsed, offset, (key,), key=True)
        if key == "infer":
            yield Problem(R.AGM083, "infer is retired on GitHub and deprecated in VS Code; write "
                          "disable-model-invocation and user-invocable instead", where)
            continue
        if key in KNOWN_KEYS:
            continue
        if key == "user-invokable":
            # the earlier spelling (VS Code's promptFileParser.ts read it, microsoft/vscode-copilot-chat @2026-03);
            # both clients' docs now write user-invocable, and whether the old key is still read is undocumented
            yield Problem(R.AGM083, "user-invokable is the earlier spelling: GitHub's and VS Code's docs now write "
                          "user-invocable, and neither documents the old key; rename it", where)
            continue
        if key in INSTRUCTIONS_KEYS:
            yield Problem(R.AGM083, f"neither GitHub nor VS Code reads {key}: the agent's instructions are the Markdown "
                          "below the front matter, so this text never reaches the model; move it there", where)
            continue
        if key in _FOREIGN:
            yield Problem(R.AGM083, f"{key} is {_FOREIGN[key]}: neither GitHub nor VS Code reads it in an agent", where)
            continue
        meant = _meant(str(key))
        hint = f"; did you mean {meant}?" if meant else "; annotations belong under metadata"
        yield Problem(R.AGM083, f"neither GitHub nor VS Code reads the key {key!r} in an agent's front matter{hint}",
                      where)


_TEXT_KEYS = ("name", "description", "argument-hint")
_BOOL_KEYS = ("disable-model-invocation", "user-invocable", "infer")
_MAPPING_KEYS = ("mcp-servers", "hooks")


def _types(value: dict, parsed, offset: int, github: bool) -> Iterator[Problem]:
    def at(key, *more):
        return value_span(parsed, offset, (key, *more))

    for key in _TEXT_KEYS:
        item = value.get(key)
        if item is not None and not isinstance(item, str):
            yield Problem(R.AGM084, f"{key} should be text, not {kind_of(item)}", at(key))
    target = value.get("target")
    if target is not None and target not in TARGETS:
        yield Problem(R.AGM084, f"target is {target!r}; GitHub and VS Code know only 'vscode' and 'github-copilot' "
                      "(leave it out for both)", at("target"))
    for key in _BOOL_KEYS:
        item = value.get(key)
        if item is not None and not isinstance(item, bool):
            shown = f"the text {item!r}" if isinstance(item, str) else kind_of(item)
            yield Problem(R.AGM084, f"{key} should be true or false, not {shown}", at(key))
    for key in ("tools", "agents"):
        item = value.get(key)
        if item is None or isinstance(item, str):
            continue
        if not isinstance(item, list):
            yield Problem(R.AGM084, f"{key} should be a list of names, not {kind_of(item)}", at(key))
            continue
        for i, name in enumerate(item):
            if not isinstance(name, str):
                yield Problem(R.AGM084, f"{key} entry {i + 1} should be a name, not {kind_of(name)}", at(key, i))
    yield from _model(value.get("model"), at, github)
    for key in _MAPPING_KEYS:
        item = value.get(key)
        if item is not None and not isinstance(item, (dict, list) if key == "mcp-servers" else dict):
            yield Problem(R.AGM084, f"{key} should be a mapping, not {kind_of(item)}", at(key))
    metadata = value.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, dict):
            yield Problem(R.AGM084, f"metadata should be a mapping of names to text, not {kind_of(metadata)}", at("metadata"))
        else:
            for name, item in metadata.items():
                if not isinstance(item, str):
                    yield Problem(R.AGM084, f"metadata {name!r} should be text, not {kind_of(item)} (GitHub: name and "
                                  "value both strings)", at("metadata", name))
    handoffs = value.get("handoffs")
    if handoffs is not None:
        if not isinstance(handoffs, list):
            yield Problem(R.AGM084, f"handoffs should be a list of handoffs (label, agent, prompt), not {kind_of(handoffs)}",
                          at("handoffs"))
        else:
            for i, item in enumerate(handoffs):
                if not isinstance(item, dict):
                    yield Problem(R.AGM084, f"handoff {i + 1} should be a mapping with label and agent, not "
                                  f"{kind_of(item)}", at("handoffs", i))


def _model(model, at, github: bool) -> Iterator[Problem]:
    if model is None or isinstance(model, str):
        return
    if isinstance(model, list) and all(isinstance(m, str) for m in model):
        if github:
            # VS Code documents a prioritized list; GitHub's environment reads a string (copilot-cli#3070)
            yield Problem(R.AGM084, "model is a list: VS Code tries them in order, but GitHub reads only one model name "
                          "(the Copilot CLI refuses the agent); set target: vscode or give one name", at("model"))
        return
    yield Problem(R.AGM084, f"model should be a model name (or, for VS Code, a list of names), not {kind_of(model)}",
                  at("model"))


def kind_of(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return "an empty value" if value is None else type(value).__name__


def _prompt_length(data, body_start: int, *, github: bool) -> Iterator[Problem]:
    body = data.text[body_start:]
    if not github or len(body) <= PROMPT_MAX:
        return
    cut = body_start + PROMPT_MAX
    line = data.view.index.position(cut)[0]
    yield Problem(R.AGM085, f"the agent's prompt is {len(body):,} characters; GitHub takes at most {PROMPT_MAX:,} (the "
                  f"excess starts on line {line}): move reference material into linked files, or set target: vscode", data.view.index.line_region(line))
