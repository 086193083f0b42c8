"""Skills (A2A011, A2A012) and the media types of input and output modes (A2A013)."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem
from validator.records import lazy
from validator.standards.a2a import rules as R
from validator.standards.a2a.card import card_check, get_list, items
from validator.standards.a2a.versions import Generation

_MEDIA_TYPE = lazy(r"^(?:\*/\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/(?:\*|[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*))"
                         r"\s*(?:;.*)?$")


@emits(R.A2A011, R.A2A012)
@card_check
def skills(card: dict, gen: Generation) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, skill in items(card, "skills"):
        skill_id = skill.get("id")
        if isinstance(skill_id, str):
            if skill_id in seen:
                yield Problem(R.A2A011, f"skill id {skill_id!r} is already used by skills[{seen[skill_id]}]", ("skills", i, "id"))
            seen.setdefault(skill_id, i)
        if not gen.v1 and skill.get("tags") == []:
            yield Problem(R.A2A012, f"skill {skill_id!r} has no tags; add keywords clients can match", ("skills", i, "tags"))


@emits(R.A2A013)
@card_check
def media_types(card: dict, gen: Generation) -> Iterator[Problem]:
    lists = [((key,), card.get(key)) for key in ("defaultInputModes", "defaultOutputModes")]
    for i, skill in items(card, "skills"):
        lists += [(("skills", i, key), skill.get(key)) for key in ("inputModes", "outputModes")]
    for pointer, modes in lists:
        for j, mode in enumerate(get_list(modes)):
            if isinstance(mode, str) and not _MEDIA_TYPE.match(mode.strip()):
                yield Problem(R.A2A013, f"{mode!r} is not a media type (e.g. 'text/plain', 'application/json')", pointer + (j,))
