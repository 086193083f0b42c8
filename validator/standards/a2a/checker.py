"""Parsing and checking one A2A Agent Card: detection, generation, schema, semantic rules.

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

from collections.abc import Iterator

from validator.engine.integrity import best_effort_text, load_structured
from validator.model import Finding
from validator.standards.a2a import rules as R
from validator.standards.a2a.versions import Generation, detect
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
    if where == "well-known-card" and not isinstance(data.value, dict):
        problems.append(Finding.at(R.A2A001, source.relpath, data.locate(()),
                                   "an Agent Card must be a JSON object"))
        return Document(source, NAME, None, problems, meta={"location": where})
    return Document(source, NAME, data, problems, meta={"location": where})


def check(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from validator.standards.a2a.semantic import semantic_problems

    data = doc.data
    card = data.value
    generation = detect(card)
    doc.meta["generation"] = generation
    for pointer, message, at_key in _schema_problems(card, generation):
        yield Finding.at(R.A2A001, doc.relpath, data.locate(pointer, key=at_key), message)
    where = doc.meta["location"]
    for problem in semantic_problems(card, generation, where, _sibling_exists(doc.relpath, where, ctx)):
        yield ctx.finding(problem.rule, doc, data.locate(problem.pointer, key=problem.at_key), problem.message)


def _schema_problems(card: dict, generation: Generation) -> list[tuple[tuple, str, bool]]:
    """Schema errors of the card's generation; a dual card (1.x plus a 0.x `url` and
    `protocolVersion` for older clients) is held to both, except that its security
    schemes may take either generation's form (the two forms exclude each other)."""
    from validator.engine.schemareport import exported_schema_errors

    if not generation.dual:
        return [(p, m, k) for p, m, k, _ in exported_schema_errors(f"{NAME}/{generation.schema}.schema.json", card)]
    results = {version: exported_schema_errors(f"{NAME}/{version}.schema.json", card)
               for version in (generation.schema, generation.dual)}
    out, seen = [], set()
    for version, errors in results.items():
        other = results[generation.dual if version == generation.schema else generation.schema]
        other_schemes_fine = not any(p[:1] == ("securitySchemes",) for p, *_ in other)
        for pointer, message, at_key, _ in errors:
            if pointer[:1] == ("securitySchemes",) and other_schemes_fine:
                continue
            if (pointer, message) not in seen:
                seen.add((pointer, message))
                out.append((pointer, f"{message} (A2A {version})", at_key))
    return out


def _sibling_exists(relpath: str, where: str, ctx: CheckContext) -> bool:
    """The card is served under both well-known names (so every client generation finds one)."""
    other = {"well-known-card": "agent.json", "well-known-legacy": "agent-card.json"}.get(where)
    return other is not None and ctx.index.exists(relpath.rsplit("/", 1)[0] + "/" + other if "/" in relpath else other)
