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

from validator.engine.schemas import SOURCE_DIR


def expected_files() -> dict[str, str]:
    from validator.registry import standards

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
