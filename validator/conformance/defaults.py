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
headers = {"X-Trace" = "ci"}              # ${VAR} is read from the environment
secret-headers = {"X-Api-Key" = "${API_KEY}"}   # --secret-header: redacted, left out of unauthenticated probes
fail-on = "warn"
manifest = ["manifest.json", "server.json"]   # held against the running server (--manifest)
oauth-flow = "client-credentials"          # or "authorization-code" (see docs/conformance/authorization.md)
oauth-client-id = "ci-client"
oauth-client-secret-env = "CI_OAUTH_SECRET"   # the NAME of the variable holding the secret, never the secret
low-scope-token-env = "CI_LOW_SCOPE_TOKEN"
```

Secrets are never written in the file: a credential header (`Authorization`,
`Proxy-Authorization`, `Cookie`, every `secret-headers` entry) must take its value from
`${VAR}`, and the client secret and the low-scope token come from the environment variable
the `-env` keys name (default `AGENTCONFORM_OAUTH_CLIENT_SECRET`, `AGENTCONFORM_LOW_SCOPE_TOKEN`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

_LISTS = {"command", "scenario", "skip", "manifest"}
_STRINGS = {"url", "transport", "spec-version", "call-tools", "expected-failures", "format", "fail-on",
            "oauth-flow", "oauth-client-id", "oauth-scope", "oauth-client-metadata-url", "oauth-redirect-uri"}
_ENV_NAMES = {"oauth-client-secret-env": "AGENTCONFORM_OAUTH_CLIENT_SECRET", "low-scope-token-env": "AGENTCONFORM_LOW_SCOPE_TOKEN"}
"""Keys naming the environment variable that holds a secret, and the variable used without them."""
_NUMBERS = {"timeout", "budget"}
_CHOICES = {"transport": ("auto", "stdio", "streamable-http", "sse"), "call-tools": ("none", "readonly", "all"),
            "fail-on": ("fail", "warn"), "oauth-flow": ("client-credentials", "authorization-code")}
_HEADER_TABLES = {"headers", "secret-headers"}
KEYS = _LISTS | _STRINGS | _NUMBERS | _HEADER_TABLES | set(_ENV_NAMES)
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CREDENTIALS = {"authorization", "proxy-authorization", "cookie"}


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
        elif key in _ENV_NAMES:
            if not isinstance(value, str) or not _NAME.fullmatch(value):
                raise DefaultsError(f"{label} must be the name of an environment variable (the secret itself is "
                                    "never written in a config file)")
        elif key in _NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise DefaultsError(f"{label} must be a positive number of seconds")
            value = float(value)
        else:  # headers, secret-headers
            if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise DefaultsError(f"{label} must be a table of header = value strings")
            for name, text in value.items():
                if (key == "secret-headers" or name.lower() in _CREDENTIALS) and not _VARIABLE.search(text):
                    raise DefaultsError(f"{label}.{name} is a credential written in the file: take it from the "
                                        "environment with ${VAR} (value not shown)")
            value = {name: _VARIABLE.sub(lambda m: os.environ.get(m.group(1), ""), text) for name, text in value.items()}
        out[key] = value
    return out


def auth_options(table: dict[str, Any], given: dict[str, Any], environ=os.environ) -> dict[str, Any]:
    """The authorization keyword arguments of `Options`: GIVEN (command-line values, None when absent,
    keyed by the Options field) over TABLE; the client secret and the low-scope token from the
    environment (the variable the table's `-env` key names, else the default one)."""
    out = {field: given.get(field) if given.get(field) is not None else table.get(key)
           for field, key in (("oauth_flow", "oauth-flow"), ("oauth_client_id", "oauth-client-id"),
                              ("oauth_scope", "oauth-scope"), ("oauth_client_metadata_url", "oauth-client-metadata-url"),
                              ("oauth_redirect_uri", "oauth-redirect-uri"))}
    for field, key in (("oauth_client_secret", "oauth-client-secret-env"), ("low_scope_token", "low-scope-token-env")):
        name = table.get(key, _ENV_NAMES[key])
        value = given.get(field) or environ.get(name) or None
        if field == "oauth_client_secret" and not out["oauth_client_id"]:
            value = given.get(field)  # a secret without a client is Options.validate's usage error
        elif value is None and key in table:
            raise DefaultsError(f"conformance.{key} names {name}, which is not set in the environment")
        out[field] = value
    return out
