"""Export our wire models as JSON Schemas: `schemas/mcp/<revision>.schema.json`.

    python -m validator.conformance.protocol.wire.export          # write the files
    python -m validator.conformance.protocol.wire.export --check  # exit 1 when one is stale

The files are generated from our pydantic models (never from the official schemas): the
messages a server sends in that revision, each under its MCP type name in `$defs`; the
top-level `anyOf` names the message kinds, and `x-results` maps each client request method
to the result type(s) that answer it. Pydantic's noise (`title` on every property,
`default: null` on optional members) is left out, and so are members a revision removed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic.json_schema import models_json_schema

from . import REVISIONS
from .validate import Revision

ROOT = Path(__file__).resolve().parents[4] / "schemas" / "mcp"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def revision_schema(revision: str) -> dict[str, Any]:
    """The JSON Schema of everything a server may send in `revision`."""
    spec = Revision(revision)
    envelopes = [spec.envelopes[kind] for kind in ("request", "notification", "result", "error")]
    results = {model for models in spec.results.values() for model in models} | {spec.generic_result}
    models = [*envelopes, *spec.requests.values(), *spec.notifications.values(), *spec.errors.values()]
    models += sorted(results - set(models), key=lambda model: model.__name__)
    refs, schema = models_json_schema([(model, "validation") for model in models], ref_template="#/$defs/{model}")
    defs = {name: _clean(value) for name, value in sorted(schema["$defs"].items())}

    def ref(model: Any) -> dict[str, str]:
        return refs[(model, "validation")]

    messages = [ref(model) for model in (*spec.requests.values(), *spec.notifications.values(), *spec.errors.values())]
    messages += [ref(spec.envelopes[kind]) for kind in ("request", "notification", "result", "error")]
    document: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"https://github.com/agentconform/agentconform/schemas/mcp/{revision}.schema.json",
        "title": f"MCP {revision}: the messages a server sends",
        "description": (
            "Exported by agentconform from its own wire models (validator/conformance/protocol/wire); "
            f"see {spec.module.SPEC} for the specification."
        ),
        "anyOf": messages,
        "x-results": {method: [ref(model) for model in models] for method, models in sorted(spec.results.items())},
        "$defs": defs,
    }
    if spec.batching:
        document["anyOf"].append({"type": "array", "minItems": 1, "items": {"anyOf": list(messages)}})
    return document


def _clean(node: Any) -> Any:
    """Drop pydantic's generated titles and null defaults, and removed members."""
    if isinstance(node, list):
        return [_clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    cleaned: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            cleaned[key] = {
                name: _clean(prop) for name, prop in value.items() if not (isinstance(prop, dict) and prop.get("x-removed"))
            }
            continue
        cleaned[key] = _clean(value)
    return cleaned


def render(revision: str) -> str:
    return json.dumps(revision_schema(revision), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validator.conformance.protocol.wire.export", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="report stale files instead of writing them")
    parser.add_argument("--output", type=Path, default=ROOT, help=f"directory (default: {ROOT})")
    args = parser.parse_args(argv)
    stale = []
    for revision in REVISIONS:
        path = args.output / f"{revision}.schema.json"
        text = render(revision)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if args.check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    for path in stale:
        print(f"stale: {path} (run python -m validator.conformance.protocol.wire.export)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
