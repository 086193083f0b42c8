"""The JSON Schemas `check` validates against: where they are and how they are loaded.

The files are exported from the standards' own pydantic models by
`python -m validator.schemas_export` and shipped in the wheel as `validator/_schemas`;
`clean_model_schema` is the one post-processing both the export and the models use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SOURCE_DIR = Path(__file__).resolve().parent.parent.parent / "schemas"


def schema_dir() -> Path:
    """Where the exported schemas are: inside the installed package, or the source tree."""
    packaged = Path(__file__).resolve().parent.parent / "_schemas"
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
