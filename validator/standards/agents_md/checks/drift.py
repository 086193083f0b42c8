"""Drift between the files different agents read: AGM040/AGM041 (CLAUDE.md that never reaches AGENTS.md), AGM049
(a parent CLAUDE.md hiding a nested AGENTS.md), AGM044 (a drifted copy) and AGM046 (an identical copy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Span
from validator.records import lazy
from validator.repo import paths as RP
from validator.standards.agents_md import names as N
from validator.standards.agents_md import plan as P
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.checks.common import first_line, in_context, normal_lines, owner_folder
from validator.standards.agents_md.imports import claude_imports
from validator.standards.agents_md.memory import (
    claude_names,
    expand_claude_imports,
    expand_gemini_imports,
    gemini_settings,
    resolve_import,
)
from validator.standards.agents_md.reader import repo_for


@emits(R.AGM040, R.AGM041, R.AGM049)
def claude_reaches_agents(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind == N.AGENTS and data.folder:
        here = any(repo.lexists(rel) for rel in claude_names(data.folder)[:2])
        above = [f for f in RP.ancestors(data.folder)[:-1] if repo.lexists(RP.join(f, "CLAUDE.md"))]
        if not here and above:
            yield Problem(R.AGM049, f"{RP.join(above[-1], 'CLAUDE.md')} may hide this AGENTS.md from Claude Code (unverified); "
                          f"add {RP.join(data.folder, 'CLAUDE.md')} with @AGENTS.md", first_line(data))
        return
    if data.kind != N.CLAUDE:
        return
    agents = RP.join(owner_folder(data), "AGENTS.md")
    if not repo.is_file(agents):
        return
    if _imports(repo, data.relpath, agents) or _similarity(repo, data.relpath, agents) >= 0.5:
        return
    if _sibling_reaches(repo, data, agents) or _same_delegate(repo, data, agents):
        return
    mention = re.search(r"AGENTS\.md", data.text)
    if mention is None:
        agents_text = repo.read_text(agents) or ""
        if _sends_claude_here(agents_text) or _OTHER_AGENT_TITLE.search(agents_text[:2000]):
            return  # AGENTS.md sends Claude Code users here, or is titled for another agent: kept apart on purpose
        yield Problem(R.AGM040, f"Claude Code reads this {data.name} and not {agents}: add a line '@{_relative(data.relpath, agents)}' "
                      "so Claude follows the same instructions as the other agents", first_line(data))
        return
    pointer = re.search(r"\b(?:read|see|follow|refer\s+to|check|consult|review|look\s+at|defined\s+in|documented\s+in|"
                        r"described\s+in|found\s+in|lives?\s+in|(?:are|is)\s+in|instructions\s+in|guidelines\s+in)\b"
                        r"[^.\n]{0,60}?AGENTS\.md", data.text, re.IGNORECASE)
    if pointer is not None:
        at = pointer.end() - len("AGENTS.md")
        yield Problem(R.AGM041, f"this asks Claude to read AGENTS.md; '@{_relative(data.relpath, agents)}' on a line of its own "
                      "loads it into context at start-up", Span(at, pointer.end()))


def _sibling_reaches(repo, data, agents: str) -> bool:
    """Another CLAUDE.md Claude Code loads for the same folder (`./CLAUDE.md` beside `./.claude/CLAUDE.md`) is
    AGENTS.md (a symlink) or imports it: AGENTS.md is read already
    (https://code.claude.com/docs/en/memory: both project locations are loaded)."""
    for other in claude_names(owner_folder(data))[:2]:
        if other == data.relpath or not repo.lexists(other):
            continue
        if repo.realpath(other) == repo.realpath(agents) or _imports(repo, other, agents):
            return True
    return False


_LINK_TARGET = lazy(r"\]\((?:\./)?([^)\s#]+)[^)]*\)|^[ \t]*@(?:\./)?(\S+)[ \t]*$", re.MULTILINE)


def _same_delegate(repo, data, agents: str) -> bool:
    """AGENTS.md only forwards to files CLAUDE.md links or imports too ("the conventions live in
    `.github/copilot-instructions.md`" in both; "Follow [CONTRIBUTING.md](CONTRIBUTING.md)" beside
    "Follow @CONTRIBUTING.md ..."): both agents end at the same source. Targets are compared as repository paths."""
    agents_text = repo.read_text(agents) or ""
    lines = [line for line in agents_text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    theirs = _targets(agents_text, agents)
    if not theirs or len(lines) > 12:
        return False  # AGENTS.md says more than where to look
    return theirs <= _targets(data.text, data.relpath) | _claude_references(repo, data)


def _targets(text: str, relpath: str) -> set[str]:
    """Where TEXT's links and own-line `@path` lines point, from RELPATH's folder (URLs as written)."""
    out = set()
    for a, b in _LINK_TARGET.findall(text):
        target = a or b
        if "://" in target or target.startswith("mailto:"):
            out.add(target)
        elif target.startswith("/"):
            out.add(target.lstrip("/"))  # GitHub resolves a leading `/` from the repository root
        else:
            resolved = resolve_import(relpath, target)
            out.add(target if resolved is None else resolved)
    return out


_TRAILING = ".,;:!?)"


def _claude_references(repo, data) -> set[str]:
    """The files CLAUDE.md's `@path` imports name anywhere in its text (mid-sentence too: "Follow @CONTRIBUTING.md
    for code style"), found as Claude Code finds them (outside code, after whitespace: not an e-mail address;
    https://code.claude.com/docs/en/memory, "Import additional files"). A mention that names no file (`@types/node`,
    `@org/pkg`, `@octocat`) does not count; nor does sentence punctuation after the name."""
    out = set()
    for ref in claude_imports(data.view):
        if ref.external:
            continue
        written = resolve_import(data.relpath, ref.path)
        bare = resolve_import(data.relpath, ref.path.rstrip(_TRAILING))
        target = next((t for t in (written, bare) if t and repo.is_file(t)), written if ref.intended else None)
        if target:
            out.add(target)
    return out


_POINTS_TO = lazy(r"\b(?:see|read|use|refer|follow|instead|consult|check)\b", re.IGNORECASE)


_OTHER_AGENT_TITLE = lazy(r"(?im)^(?:#[ \t]+[^\n]*\b(?:for|with)|[^\n#]*\binstructions\s+for)\s+(?:OpenAI\s+)?"
                          r"(?:Codex|Gemini(?:\s+CLI)?|Copilot|Cursor|Jules|Amp)\b")
"""AGENTS.md's title or opening line addresses another agent ("# Devkit For Codex", "Project instructions for OpenAI
Codex CLI." (audit 20: gopher-ai)): written for it, with CLAUDE.md as Claude's
counterpart (audit 16: 5uck1ess/devkit maps Claude's tools to Codex's there); importing it would feed Claude the
other agent's instructions."""


def _sends_claude_here(agents_text: str) -> bool:
    """AGENTS.md says Claude (Code) users should read CLAUDE.md ("If you're using Claude Code specifically,
    see CLAUDE.md instead"): the two files are parallel by design, and importing one into the other
    would load both."""
    for line in agents_text.splitlines():
        if "CLAUDE.md" not in line:
            continue
        if re.search(r"\bClaude\b", line.replace("CLAUDE.md", "")) and _POINTS_TO.search(line):
            return True
        # reverse delegation: AGENTS.md only forwards every agent to CLAUDE.md ("Please read `./CLAUDE.md` for
        # context", `@CLAUDE.md`, a link), so CLAUDE.md is the source and importing AGENTS.md back would loop
        if _DELEGATES.search(line):
            return True
    # the same sentence wrapped over lines ("Guidance for AI coding agents ... lives in<newline>[CLAUDE.md](CLAUDE.md)")
    flat = re.sub(r"[ \t]*\n[ \t]*(?=\S)", " ", agents_text)
    return _DELEGATES.search(flat) is not None or _COUNTERPART.search(flat) is not None


_COUNTERPART = lazy(r"(?i)\b(?:companion|counterpart|mirror|twin)\s+(?:to|of)\s+[`\[]?(?:\./)?CLAUDE\.md"
                    r"|\b(?:mirrors|kept\s+in\s+sync\s+with)\s+[`\[]?(?:\./)?CLAUDE\.md")
"""AGENTS.md says it is CLAUDE.md's parallel ("the vendor-neutral companion to `CLAUDE.md`; where both exist, they say
the same thing", audit 22: orchestkit): two files kept alike on purpose, which AGM044 watches for drift."""


_DELEGATES = lazy(r"(?:^\s*@(?:\./)?CLAUDE\.md\s*$|\b(?:read|see|follow|refer\s+to|consult|lives?\s+in|(?:is|are)\s+(?:kept\s+)?in)"
                  r"\b[^.\n]{0,40}?(?:\[|\]\(|`)?(?:\./)?CLAUDE\.md)", re.IGNORECASE | re.MULTILINE)


def _relative(importer: str, target: str) -> str:
    import posixpath

    return posixpath.relpath(target, RP.directory(importer) or ".")


def _imports(repo, importer: str, target: str) -> bool:
    plan = P.Plan("claude", "", "", "")
    expand_claude_imports(repo, importer, plan, depth=1)
    return any(load.path == target for load in plan.loads)


def _similarity(repo, a: str, b: str) -> float:
    key = ("similarity", a, b)
    found = repo.cache.get(key)
    if found is None:
        left, right = normal_lines(repo.read_text(a) or ""), normal_lines(repo.read_text(b) or "")
        if not left or not right:
            found = 0.0
        else:
            import difflib  # only when a similarity or a suggestion is needed
            found = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
        repo.cache[key] = found
    return found


COPY_KINDS = frozenset({N.CLAUDE, N.GEMINI, N.COPILOT, N.AGENT_LEGACY, N.CURSORRULES, N.WINDSURFRULES, N.CLINERULES,
                        N.ZED_RULES, N.GOOSEHINTS})


@emits(R.AGM044, R.AGM046)
def copies(doc, ctx) -> Iterator[Problem]:
    data = in_context(doc)
    if data is None:
        return
    repo = repo_for(ctx)
    if data.kind not in COPY_KINDS:
        return
    agents = RP.join(owner_folder(data), "AGENTS.md")
    if not repo.is_file(agents) or repo.realpath(agents) == repo.realpath(data.relpath):
        return
    if data.kind in (N.CLAUDE, N.GEMINI) and _imports_any(repo, data, agents):
        return
    mine = normal_lines(data.text)
    theirs = normal_lines(repo.read_text(agents) or "")
    if len(mine) < 5 or len(theirs) < 5:
        return
    link = f"ln -sf {_relative(data.relpath, agents)} {data.name}"
    if mine == theirs:
        extra = ""
        if data.kind == N.GEMINI and "AGENTS.md" in gemini_settings(repo, "").names:
            extra = "; Gemini CLI, configured for both names, loads the text twice"
        yield Problem(R.AGM046, f"{data.relpath} is an identical copy of {agents}: replace it with a symlink ({link}){extra}",
                      first_line(data))
        return
    ratio = _similarity(repo, data.relpath, agents)
    if ratio < 0.6:
        return
    if _same_marked_block(data.text, repo.read_text(agents) or ""):
        return  # a shared section kept identical on purpose between markers; the rest differs by design
    line = _first_difference(data.text, repo.read_text(agents) or "")
    how = f"a symlink ({link})"
    if data.kind in (N.CLAUDE, N.GEMINI):
        how += f" or '@{_relative(data.relpath, agents)}' plus only the {data.name}-specific lines"
    region = data.view.index.line_region(line) if line else first_line(data)
    yield Problem(R.AGM044, f"{data.relpath} is a drifted copy of {agents} ({ratio:.0%} alike, first difference on line {line}); "
                  f"use {how}", region)


_MARKED_BLOCK = lazy(r"<!--[^>]*?\b(?:BEGIN|START)\b[^>]*-->(.*?)<!--[^>]*?\b(?:END|STOP)\b[^>]*-->", re.DOTALL | re.IGNORECASE)


def _same_marked_block(mine: str, theirs: str) -> bool:
    """Both files hold the same block between BEGIN/END comment markers ("<!-- BEGIN SHARED CONTRACT - keep
    byte-identical -->"): the copy is managed, not drifting."""
    a, b = _MARKED_BLOCK.search(mine), _MARKED_BLOCK.search(theirs)
    return a is not None and b is not None and len(normal_lines(a.group(1))) >= 5 and \
        normal_lines(a.group(1)) == normal_lines(b.group(1))


def _imports_any(repo, data, agents: str) -> bool:
    if data.kind == N.CLAUDE:
        return _imports(repo, data.relpath, agents)
    plan = P.Plan("gemini", "", "", "")
    expand_gemini_imports(repo, data.relpath, plan, depth=1)
    return any(load.path == agents for load in plan.loads)


def _first_difference(mine: str, theirs: str) -> int:
    a = mine.replace("\r\n", "\n").split("\n")
    b = theirs.replace("\r\n", "\n").split("\n")
    import difflib  # only when a similarity or a suggestion is needed
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, _i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal":
            # skip differences that are only blank lines
            for i in range(i1, max(i1 + 1, _i2)):
                if i < len(a) and a[i].strip():
                    return i + 1
            if i1 < len(a):
                return i1 + 1
    return 1
