"""Credentials: an option that should be `sensitive` (MCPB034) and secrets shipped in the manifest (MCPB035).

MCPB035 covers user_config defaults and the `mcp_config` args and env values every user
of the bundle receives (`validator.secrets` decides what looks like a credential).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator import secrets
from validator.emitters import emits
from validator.model import Problem
from validator.standards.mcpb import rules as R
from validator.standards.mcpb.manifest import config_strings, get_dict, within


@emits(R.MCPB034, R.MCPB035)
def credentials(doc, ctx) -> Iterator[Problem]:
    value = doc.data.value
    for key, option in get_dict(value, "user_config").items():
        if isinstance(option, dict):
            yield from _option_secrets(("user_config", key), key, option)
    yield from _config_secrets(doc.data, get_dict(value, "server"))


def _option_secrets(base: tuple, key: str, option: dict) -> Iterator[Problem]:
    kind = option.get("type")
    default = option.get("default")
    if kind == "string" and option.get("sensitive") is not True:
        title = option.get("title") if isinstance(option.get("title"), str) else ""
        label = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
        if secrets.secret_name(key) or (label and secrets.secret_name(label)):
            yield Problem(R.MCPB034, f"user_config option {key!r} looks like a secret; set \"sensitive\": true "
                                     "so the host masks it and stores it securely", base, True)
    texts = [default] if isinstance(default, str) else [d for d in default if isinstance(d, str)] if isinstance(default, list) else []
    for text in texts:
        hit = secrets.classify_value(text, name=key)
        if hit is not None:
            yield Problem(R.MCPB035, f"the default of {key!r} holds a credential ({_kind(hit)}); "
                                     "ship no default and let the user enter it", base + ("default",))
            break


def _config_secrets(data, server: dict) -> Iterator[Problem]:
    previous = None
    for pointer, text in config_strings(server):
        if pointer[-1] == "command":
            continue
        offset = 0
        if pointer[-2] == "env":
            name = pointer[-1]
        else:
            # `--api-key=VALUE`, or `--api-key VALUE` as two items: the flag names the value
            flag, sep, rest = text.partition("=")
            if sep and flag.startswith("-"):
                name, offset, text_value = flag.lstrip("-"), len(flag) + 1, rest
            else:
                name, text_value = (previous.lstrip("-") if previous and previous.startswith("-") else None), text
            previous = text
            hit = secrets.classify_value(text_value, name=name) if name else next(iter(secrets.find_secrets(text)), None)
            if hit is not None:
                yield Problem(R.MCPB035, f"an argument holds a credential ({_kind(hit)}) that ships to every user; "
                                         "collect it with a sensitive user_config option",
                              within(data, pointer, text[offset + hit.start:offset + hit.end]))
            continue
        hit = secrets.classify_value(text, name=name)
        if hit is not None:
            what = f"env {name}"
            yield Problem(R.MCPB035, f"{what} holds a credential ({_kind(hit)}) that ships to every user; "
                                     "collect it with a sensitive user_config option", within(data, pointer, text[hit.start:hit.end]))


def _kind(hit) -> str:
    """What the secret looks like: a known token format, or a random value under a secret's name."""
    return "a random-looking value under a secret's name" if hit.confidence != "high" else f"looks like a {hit.kind}"
