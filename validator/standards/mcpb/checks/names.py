"""Tool and prompt names (MCPB060, MCPB061, MCPB063) and the arguments a prompt's text uses (MCPB062)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import get_list, get_str, within

_CLIENT_NAME = lazy(r"[a-zA-Z0-9_-]{1,64}")
_ARGUMENT = lazy(r"\$\{arguments\.([^}]*)\}")


@emits(R.MCPB060, R.MCPB061, R.MCPB063)
def names(doc, ctx) -> Iterator[Problem]:
    yield from _names(doc.data.value, "tools")
    yield from _names(doc.data.value, "prompts")


@emits(R.MCPB062)
def prompt_arguments(doc, ctx) -> Iterator[Problem]:
    yield from _prompt_arguments(doc.data, doc.data.value)


def _names(value: dict, field: str) -> Iterator[Problem]:
    what = field[:-1]
    seen: dict[str, int] = {}
    for i, item in enumerate(get_list(value, field)):
        name = get_str(item, "name")
        if name is None:
            continue
        pointer = (field, i, "name")
        if not _CLIENT_NAME.fullmatch(name):
            why = ("is empty" if not name else f"is {len(name)} characters long" if len(name) > 64
                   else "contains " + ", ".join(repr(ch) for ch in sorted(set(re.sub(r"[a-zA-Z0-9_-]", "", name)))))
            if field == "tools":
                yield Problem(R.MCPB060, f"tool name {name!r} {why}; Claude Desktop and OpenAI accept only "
                                         "^[a-zA-Z0-9_-]{1,64}$", pointer)
            else:
                yield Problem(R.MCPB063, f"prompt name {name!r} {why}; the portable form is ^[a-zA-Z0-9_-]{{1,64}}$", pointer)
        if name in seen:
            yield Problem(R.MCPB061, f"{what} name {name!r} is already used by {field}[{seen[name]}]", pointer)
        seen.setdefault(name, i)


def _prompt_arguments(data, value: dict) -> Iterator[Problem]:
    for i, prompt in enumerate(get_list(value, "prompts")):
        text = get_str(prompt, "text")
        if not text:
            continue
        declared = {a for a in get_list(prompt, "arguments") if isinstance(a, str)}
        reported = set()
        for match in _ARGUMENT.finditer(text):
            name = match.group(1)
            if name not in declared and name not in reported:
                reported.add(name)
                yield Problem(R.MCPB062, f"{match.group(0)} is not declared in prompts[{i}].arguments, "
                                         "so no client asks for it", within(data, ("prompts", i, "text"), match.group(0)))
