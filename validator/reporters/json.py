"""The JSON contract (a committed surface: fields may be added, never removed)."""

from __future__ import annotations

import json

from validator.outputs import encodable
from validator.version import __version__


def document(result) -> dict:
    return {
        "tool": {"name": "agentconform", "version": __version__},
        "files_checked": result.files_checked,
        "files": [{"path": encodable(path), "standards": standards} for path, standards in result.files.items()],
        "findings": [_encodable(finding.to_dict()) for finding in result.findings],
        "summary": result.counts(),
        "suppressed": result.suppressed,
        "folded": getattr(result, "folded", 0),
    }


def _encodable(data: dict) -> dict:
    """A file name that is not UTF-8 (or a message quoting one) escaped, so the document encodes."""
    for key in ("path", "message"):
        data[key] = encodable(data[key])
    for place in data.get("also", ()):
        place["path"] = encodable(place["path"])
    return data


def render(result, *, color: bool = False) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
