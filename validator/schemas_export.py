"""Write (or with `--check`, verify) `schemas/` from the standards' own models.

Each standard that owns schemas exposes `export_schemas() -> {relative path: schema}`.
The files are what `check` validates against at run time (shipped in the wheel as
`validator/_schemas`), so they must never drift from the models: a test runs `--check`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

SOURCE_DIR = Path(__file__).resolve().parent.parent / "schemas"


def schema_dir() -> Path:
    """Where the exported schemas are: inside the installed package, or the source tree."""
    packaged = Path(__file__).resolve().parent / "_schemas"
    return packaged if packaged.is_dir() else SOURCE_DIR


def load_schema(relative: str) -> dict:
    return json.loads((schema_dir() / relative).read_text(encoding="utf-8"))


def clean_model_schema(node: Any) -> Any:
    """A pydantic-generated schema without generated titles and `default: null`.

    Pydantic marks every optional field with `default: null` and titles every model
    and field; neither says anything about validity, both bloat the published files.
    """
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                continue
            if key == "default" and value is None:
                continue
            if key in ("properties", "$defs"):
                out[key] = {name: clean_model_schema(sub) for name, sub in value.items()}
            else:
                out[key] = clean_model_schema(value)
        return out
    if isinstance(node, list):
        return [clean_model_schema(item) for item in node]
    return node


def expected_files() -> dict[str, str]:
    from validator.standards import standards

    files: dict[str, str] = {}
    for module in standards():
        exporter = getattr(module, "export_schemas", None)
        if exporter is None:
            continue
        for relative, schema in exporter().items():
            files[relative] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validator.schemas_export", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if schemas/ differs from the models")
    parser.add_argument("--out", default=str(SOURCE_DIR))
    args = parser.parse_args(argv)
    out = Path(args.out)
    stale = []
    for relative, text in expected_files().items():
        path = out / relative
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(relative)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print(f"schemas/ is stale: {', '.join(stale)}; run python -m validator.schemas_export", file=sys.stderr)
            return 1
        return 0
    print(f"wrote {len(stale)} schema file(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
