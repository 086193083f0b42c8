"""Credentials written in plain text anywhere in the file (CFG016).

A known token format is an error; a random-looking value under a secret-like name is a
warning (`validator.secrets` says how confident it is).
"""

from __future__ import annotations

from collections.abc import Iterator

import validator.standards.client_config.rules as R
import validator.standards.client_config.values as V
from validator import secrets as S
from validator.emitters import emits
from validator.model import Problem
from validator.parsing.document import dotted
from validator.standards.client_config.reader import servers

_VARIABLE_HINT = {"vscode": "${input:...} or ${env:NAME}", "claude": "${NAME}", "gemini": "$NAME or ${NAME}",
                  "gemini-extension": "$NAME, ${NAME} or ${extensionPath}",
                  "none": "env_vars or bearer_token_env_var"}


@emits(R.CFG016)
def secrets(doc, ctx) -> Iterator[Problem]:
    client, found_servers = servers(doc)
    data = doc.data
    arg_lists = {entry.pointer + (client.args_key,) for entry in found_servers.entries}
    arg_lists |= {entry.pointer + (client.command_key,) for entry in found_servers.entries}
    url_keys = set(client.url_keys) | {"url", "serverUrl", "httpUrl", "uri"}
    hint = _VARIABLE_HINT.get(client.variables or "", "an environment variable")
    for pointer, key, text in V.leaves(data.value, ()):
        found = None
        offset = 0
        parent = pointer[:-1]
        if pointer and isinstance(pointer[-1], int) and parent in arg_lists:
            items = data.get(parent)
            previous = items[pointer[-1] - 1] if pointer[-1] > 0 and isinstance(items[pointer[-1] - 1], str) else None
            result = V.secret_in_arg(text, previous)
            if result:
                found, offset = result
        elif key in url_keys or text.startswith(("http://", "https://")):
            found = V.secret_in_url(text)
        else:
            found = S.classify_value(text, name=key if isinstance(key, str) else None)
        if found is None:
            continue
        yield Problem(R.CFG016, f"{found.kind} in plain text at {dotted(pointer)}; anyone who can read the repository "
                      f"can use it (revoke it and reference it with {hint})", pointer,
                      severity="error" if found.confidence == "high" else "warning")
