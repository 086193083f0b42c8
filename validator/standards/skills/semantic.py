"""SKILL.md field rules (SKL002-SKL012) and body rules (SKL013-SKL015).

Scalars are read the way `skills-ref` (strictyaml) reads them: `name: 2048` is the
string "2048", so a number is never reported as "not a string" where the reference
validator would accept it; the source text of the scalar is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from posixpath import dirname, join, normpath

from validator.secrets import find_secrets
from validator.standards.base import Problem
from validator.standards.skills import rules as R

SPEC_FIELDS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")
CLIENT_FIELDS = {
    "argument-hint": "Claude Code (and GitHub Copilot)",
    "when_to_use": "Claude Code",
    "disable-model-invocation": "Claude Code",
    "user-invocable": "Claude Code",
    "model": "Claude Code",
    "effort": "Claude Code",
    "context": "Claude Code",
    "agent": "Claude Code",
    "hooks": "Claude Code",
    "paths": "Claude Code",
    "shell": "Claude Code",
}
MAX_NAME, MAX_DESCRIPTION, MAX_COMPATIBILITY = 64, 1024, 500
MAX_LINES, MAX_TOKENS = 500, 5000


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


def front_matter_problems(data, relpath: str) -> Iterator[Problem]:
    fm: dict = data.value
    yield from _name(data, fm, relpath)
    yield from _description(data, fm)
    if "compatibility" in fm:
        text = _text(data, "compatibility", fm["compatibility"])
        if text is None:
            yield Problem(R.SKL007, ("compatibility",), "compatibility must be a string (at most 500 characters)")
        elif not text.strip():
            yield Problem(R.SKL007, ("compatibility",), "compatibility is empty; give 1-500 characters or remove it")
        elif len(text) > MAX_COMPATIBILITY:
            yield Problem(R.SKL007, ("compatibility",), f"compatibility is {len(text)} characters; at most {MAX_COMPATIBILITY}")
    yield from _metadata(fm)
    yield from _allowed_tools(fm)
    for key in fm:
        if key in SPEC_FIELDS:
            continue
        if key in CLIENT_FIELDS:
            yield Problem(R.SKL010, (key,), f"{key!r} is a {CLIENT_FIELDS[key]} extension, not an Agent Skills field; "
                                            "other clients ignore it and skills-ref rejects it", at_key=True)
        else:
            hint = " (put it under metadata)" if isinstance(fm[key], (str, int, float)) else ""
            yield Problem(R.SKL011, (key,), f"{str(key)!r} is not an Agent Skills field{hint}; skills-ref rejects it",
                          at_key=True)


def _required_text(data, fm: dict, key: str, rule, type_rule, consequence: str = "") -> tuple[str | None, Problem | None]:
    """A required field's text, or the problem that it is missing, not a string, or blank."""
    if key not in fm:
        return None, Problem(rule, (), f"the front matter has no {key!r}{consequence}")
    text = _text(data, key, fm[key])
    if text is None:
        return None, Problem(type_rule, (key,), f"{key} must be a string")
    if not text.strip():
        return None, Problem(rule, (key,), f"{key} is empty{consequence}")
    return text, None


def _name(data, fm: dict, relpath: str) -> Iterator[Problem]:
    raw, problem = _required_text(data, fm, "name", R.SKL002, R.SKL003)
    if problem:
        yield problem
        return
    name = unicodedata.normalize("NFKC", raw.strip())
    why = name_problem(name)
    if why:
        yield Problem(R.SKL003, ("name",), f"name {name!r} {why}")
    parts = relpath.split("/")
    if len(parts) >= 2:
        folder = unicodedata.normalize("NFKC", parts[-2])
        if folder != name:
            yield Problem(R.SKL004, ("name",), f"name {name!r} does not match the skill's folder {parts[-2]!r}")


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


def _description(data, fm: dict) -> Iterator[Problem]:
    text, problem = _required_text(data, fm, "description", R.SKL005, R.SKL005, "; clients skip a skill without one")
    if problem:
        yield problem
        return
    if len(text) > MAX_DESCRIPTION:
        yield Problem(R.SKL006, ("description",), f"description is {len(text)} characters; at most {MAX_DESCRIPTION}")
    if "<" in text or ">" in text:
        yield Problem(R.SKL012, ("description",), "description contains '<' or '>'; it is embedded in XML-like prompt tags")


def _metadata(fm: dict) -> Iterator[Problem]:
    if "metadata" not in fm:
        return
    metadata = fm["metadata"]
    if not isinstance(metadata, dict):
        yield Problem(R.SKL008, ("metadata",), "metadata must be a mapping of string keys to string values")
        return
    for key, value in metadata.items():
        if not isinstance(key, str):
            yield Problem(R.SKL008, ("metadata", key), f"metadata key {key!r} is not a string; quote it", at_key=True)
        if isinstance(value, (dict, list)):
            yield Problem(R.SKL008, ("metadata", key), f"metadata.{key} is nested; values must be strings")
        elif not isinstance(value, str):
            yield Problem(R.SKL008, ("metadata", key), f"metadata.{key} is not a string; quote it")


def _allowed_tools(fm: dict) -> Iterator[Problem]:
    if "allowed-tools" not in fm:
        return
    value = fm["allowed-tools"]
    if isinstance(value, list):
        yield Problem(R.SKL009, ("allowed-tools",), "allowed-tools is a list; the specification defines one "
                                                    "space-separated string (Claude Code accepts both)")
    elif isinstance(value, str) and "," in _outside_parentheses(value):
        yield Problem(R.SKL009, ("allowed-tools",), "allowed-tools separates tools with commas; the specification "
                                                    "uses spaces")
    elif not isinstance(value, str) and value is not None:
        yield Problem(R.SKL009, ("allowed-tools",), "allowed-tools must be a space-separated string")


def _outside_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


# -- body -------------------------------------------------------------------------------------

_FENCE_LINE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BUNDLED = re.compile(r"(?<![\w./@~$-])((?:scripts|references|assets)/[\w.@-]+(?:/[\w.@-]+)*)")
_RUNNER = re.compile(r"(?:^|[\s`$;&|(])(?:python3?|uv run|bash|sh|zsh|node|deno run|bun|npx tsx|tsx|ruby|perl|pwsh|source)"
                     r"\s+(?:-\S+\s+)*$")


def body_problems(text: str, body_start: int, relpath: str, ctx) -> Iterator[tuple]:
    """(rule, start offset, end offset or None, message) for the Markdown body."""
    body = text[body_start:]
    lines = body.count("\n") + (0 if body.endswith("\n") or not body else 1)
    total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    tokens = len(body) // 4
    if total_lines > MAX_LINES or tokens > MAX_TOKENS:
        what = f"{total_lines} lines" if total_lines > MAX_LINES else f"about {tokens:,} tokens ({lines} lines)"
        yield (R.SKL013, body_start, None, f"SKILL.md is {what}; keep it under {MAX_LINES} lines and ~{MAX_TOKENS:,} "
                                           "tokens, move detail to references/")
    yield from _references(text, body_start, relpath, ctx)
    for hit in find_secrets(text):
        yield (R.SKL015, hit.start, hit.end, f"this looks like a {hit.kind}; skills are loaded verbatim and shared, remove it")


def _references(text: str, body_start: int, relpath: str, ctx) -> Iterator[tuple]:
    skill_dir = dirname(relpath)
    reported: set[str] = set()
    offset = body_start
    in_fence = False
    for line in text[body_start:].splitlines(keepends=True):
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
            offset += len(line)
            continue
        if not in_fence:
            spans = _code_spans(line)
            for match in _LINK.finditer(line):
                if any(a <= match.start() < b for a, b in spans):
                    continue  # `[text](URL)` in a code span is an example, not a link
                target = match.group(1)
                path = _link_path(target)
                if not path or normpath(join(skill_dir, path)).startswith(".."):
                    continue
                if not _exists(ctx, join(skill_dir, path)) and path not in reported:
                    reported.add(path)
                    start = offset + match.start(1)
                    yield (R.SKL014, start, start + len(target), f"link target {target!r} does not exist")
        for match in _BUNDLED.finditer(line):
            path = match.group(1).rstrip(".")
            if path in reported or any(mark in path for mark in "*<>{}$"):
                continue
            runs = bool(_RUNNER.search(line[:match.start()]) or line[:match.start()].endswith("./"))
            folder = path.split("/", 1)[0]
            if not (runs or _exists(ctx, join(skill_dir, folder))):
                continue
            if "." not in path.rsplit("/", 1)[-1] and not runs:
                continue  # a folder mentioned in prose
            if not _found_upwards(ctx, skill_dir, path):
                reported.add(path)
                start = offset + match.start(1)
                yield (R.SKL014, start, start + len(path), f"{path!r} does not exist in the skill folder")
        offset += len(line)


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


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


def _found_upwards(ctx, folder: str, path: str) -> bool:
    """PATH exists relative to FOLDER or any of its parents up to the repository root."""
    while True:
        if _exists(ctx, join(folder, path)):
            return True
        if not folder:
            return False
        folder = dirname(folder)
