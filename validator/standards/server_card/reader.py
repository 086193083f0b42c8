"""Reading one MCP Server Card: is this JSON file a card (detection).

Which files are cards: any `server-card.json` that is a JSON object with a `$schema`,
`name` or `remotes`, and any other JSON file whose `$schema` names a Server Card schema
(`…/server-card.schema.json`). Other JSON files are sniffed in their first bytes and
left alone; registry `server.json` files belong to the server-json standard.
"""

from __future__ import annotations

from validator.engine.integrity import load_structured
from validator.records import lazy
from validator.standards.base import CheckContext, Document

NAME = "mcp-server-card"
CARD_NAME = "server-card.json"
SNIFF_BYTES = 4096
_CARD_SCHEMA = lazy(r"/server-card\.schema\.json\s*$")


def _sniff(source) -> bool:
    try:
        with source.path.open("rb") as handle:
            return b"server-card.schema.json" in handle.read(SNIFF_BYTES)
    except OSError:
        return False


def is_card(value, named: bool) -> bool:
    if not isinstance(value, dict):
        return False
    schema = value.get("$schema")
    if isinstance(schema, str) and _CARD_SCHEMA.search(schema):
        return True
    return named and any(key in value for key in ("$schema", "name", "remotes"))


def parse(source, ctx: CheckContext) -> Document | None:
    named = source.name == CARD_NAME
    if not named and not _sniff(source):
        return None
    data, problems = load_structured(source, "json")
    if data is None:
        return Document(source, NAME, None, problems) if named else None
    if not is_card(data.value, named):
        return None
    return Document(source, NAME, data, problems)
