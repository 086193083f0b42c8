"""`[tool.agentconform.conformance]`: the project's defaults for `conformance` and the pytest plugin.

The table is read from the configuration file `check` would use (the nearest
`agentconform.toml` or `pyproject.toml` with the table, from the working directory up to
the repository root) and validated like every other key: an unknown key or a wrong type
is a usage error that names it. The command line wins over the table, the table over the
built-in defaults.

```toml
[tool.agentconform.conformance]
command = ["python", "-m", "my_server"]   # or url = "http://127.0.0.1:8000/mcp"
timeout = 20
expected-failures = ".github/mcp-expected-failures.yml"
headers = {"X-Api-Key" = "${API_KEY}"}    # ${VAR} is read from the environment
fail-on = "warn"
manifest = ["manifest.json", "server.json"]   # held against the running server (--manifest)
```
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

_LISTS = {"command", "scenario", "skip", "manifest"}
_STRINGS = {"url", "transport", "spec-version", "call-tools", "expected-failures", "format", "fail-on"}
_NUMBERS = {"timeout", "budget"}
_CHOICES = {"transport": ("auto", "stdio", "streamable-http", "sse"), "call-tools": ("none", "readonly", "all"),
            "fail-on": ("fail", "warn")}
KEYS = _LISTS | _STRINGS | _NUMBERS | {"headers"}
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class DefaultsError(ValueError):
    """The table holds an unknown key or a value of the wrong type."""


def load(cwd: Path | None = None) -> dict[str, Any]:
    """The validated table of the configuration found from CWD (empty when there is none)."""
    from validator.engine.config import find_config, load_config
    from validator.engine.files import find_root
    from validator.registry import standard_names

    cwd = (cwd or Path.cwd()).resolve()
    path = find_config(cwd, find_root(cwd))
    if path is None:
        return {}
    return validate(load_config(path, standard_names()).conformance, where=f"{path.name}: conformance")


def validate(table: dict[str, Any], *, where: str = "conformance") -> dict[str, Any]:
    """TABLE with its keys checked and `${VAR}` in header values read from the environment."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        label = f"{where}.{key}"
        if key not in KEYS:
            raise DefaultsError(f"unknown key {key!r} in {where} (known: {', '.join(sorted(KEYS))})")
        if key in _LISTS:
            if isinstance(value, str) and key != "command":
                value = [value]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise DefaultsError(f"{label} must be a list of strings")
        elif key in _STRINGS:
            if not isinstance(value, str):
                raise DefaultsError(f"{label} must be a string")
            if key in _CHOICES and value not in _CHOICES[key]:
                raise DefaultsError(f"{label} must be one of {', '.join(_CHOICES[key])}")
        elif key in _NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise DefaultsError(f"{label} must be a positive number of seconds")
            value = float(value)
        else:  # headers
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise DefaultsError(f"{label} must be a table of header = value strings")
            value = {name: _VARIABLE.sub(lambda m: os.environ.get(m.group(1), ""), text) for name, text in value.items()}
        out[key] = value
    return out
