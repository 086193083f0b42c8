"""Reading one A2A Agent Card: is this file a card (detection), where it is served, which generation it is.

Which files are cards (precision first):

- `.well-known/agent-card.json` at any depth (also `public/.well-known/...`) is A2A's
  registered well-known URI: any JSON object there is checked as a card.
- `.well-known/agent.json` is the 0.2-era location, but other protocols use the same
  name (AHP, Telex ...): only a file with A2A's shape is checked.
- `agent-card.json` / `agent_card.json` elsewhere, and any JSON file in an `agent_cards/`
  or `agent-cards/` folder (samples, templates): A2A's shape only.

"A2A's shape" is a `name` plus at least two fields only an Agent Card has together
(`skills` with ids, `defaultInputModes`, `protocolVersion`, `supportedInterfaces` ...).
"""

from __future__ import annotations

from validator.engine.integrity import best_effort_text, load_structured
from validator.standards.a2a.evidence import sdk_version
from validator.standards.a2a.versions import detect
from validator.standards.base import CheckContext, Document

NAME = "a2a-agent-card"
_CARD_ONLY_KEYS = ("defaultInputModes", "defaultOutputModes", "protocolVersion", "supportedInterfaces",
                   "preferredTransport", "additionalInterfaces", "securitySchemes", "supportsAuthenticatedExtendedCard")
_CAPABILITY_KEYS = ("streaming", "pushNotifications", "stateTransitionHistory", "extensions", "extendedAgentCard")


def location(relpath: str) -> str:
    """`well-known-card`, `well-known-legacy` or `elsewhere`."""
    parts = relpath.split("/")
    in_well_known = len(parts) >= 2 and parts[-2] == ".well-known"
    if in_well_known and parts[-1] == "agent-card.json":
        return "well-known-card"
    if in_well_known and parts[-1] == "agent.json":
        return "well-known-legacy"
    return "elsewhere"


def a2a_score(value) -> int:
    """How many Agent-Card-only traits VALUE shows (0 when it has no string `name`)."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return 0
    score = sum(key in value for key in _CARD_ONLY_KEYS)
    skills = value.get("skills")
    if isinstance(skills, list) and skills and all(isinstance(s, dict) and "id" in s for s in skills):
        score += 1
    capabilities = value.get("capabilities")
    if isinstance(capabilities, dict) and (not capabilities or any(k in capabilities for k in _CAPABILITY_KEYS)):
        score += 1
    return score


def parse(source, ctx: CheckContext) -> Document | None:
    where = location(source.relpath)
    data, problems = load_structured(source, "json")
    if data is None:
        if where == "well-known-card":
            return Document(source, NAME, None, problems, meta={"location": where})
        text = best_effort_text(source)
        if '"skills"' in text and ('"defaultInputModes"' in text or '"protocolVersion"' in text
                                   or '"supportedInterfaces"' in text):
            return Document(source, NAME, None, problems, meta={"location": where})
        return None
    if where != "well-known-card" and a2a_score(data.value) < 2:
        return None
    # at the well-known URI any JSON value is a card; one that is no object is the schema check's (A2A001)
    generation = None
    if isinstance(data.value, dict):
        unmarked = "protocolVersion" not in data.value and "supportedInterfaces" not in data.value
        generation = detect(data.value, sdk_version(ctx.index, source.relpath) if unmarked else None)
    return Document(source, NAME, data, problems, meta={"location": where, "generation": generation})
