"""Checks on the strings inside server entries: variables, home paths, plain-HTTP URLs, secrets.

Each function takes a string (and what it is) and returns what is wrong with it, with no
positions: the emitters in `checks/` map results back to the file. Also: every string leaf
of a document (`leaves`), and the known name closest to a misspelt one (`close`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator import secrets
from validator.records import lazy

# -- variables ----------------------------------------------------------------------------
_BRACED = lazy(r"\$\{([^{}]*)\}")
_BARE = lazy(r"(?<![$\\\w])\$([A-Z_][A-Z0-9_]+)\b")
_INPUT = lazy(r"\$\{input:([^}]*)\}")
VSCODE_PREDEFINED = frozenset({
    "workspaceFolder", "workspaceFolderBasename", "workspaceRoot", "userHome", "cwd", "pathSeparator", "/",
    "file", "fileWorkspaceFolder", "relativeFile", "relativeFileDirname", "fileBasename", "fileBasenameNoExtension",
    "fileExtname", "fileDirname", "fileDirnameBasename", "lineNumber", "selectedText", "execPath", "defaultBuildTask",
    "extensionInstallFolder", "rootPath",
})
GEMINI_EXTENSION_VARIABLES = frozenset({"extensionPath", "workspacePath", "/", "pathSeparator"})
"""Substituted in gemini-extension.json before Gemini CLI reads it (docs/extensions/reference.md#variables)."""
_VSCODE_PREFIXED = ("env:", "config:", "command:", "input:", "workspaceFolder:", "workspaceFolderBasename:")
_ENV_NAME = lazy(r"^[A-Za-z_][A-Za-z0-9_]*(?::-.*)?$")


def input_refs(text: str) -> list[str]:
    return _INPUT.findall(text)


def unexpanded(text: str, dialect: str, *, shell: bool = False) -> Iterator[tuple[str, str]]:
    """(reference, advice) for each variable reference DIALECT's client would pass on literally."""
    for match in _BRACED.finditer(text):
        ref, inner = match.group(), match.group(1)
        advice = _braced_advice(inner, dialect, shell)
        if advice:
            yield ref, advice
    if shell:
        return
    for match in _BARE.finditer(text):
        ref, name = match.group(), match.group(1)
        if dialect == "claude":
            yield ref, f"Claude Code expands only ${{{name}}}, not {ref}"
        elif dialect == "vscode":
            yield ref, f"VS Code does not expand {ref}; use ${{env:{name}}}"
        elif dialect == "none":
            yield ref, f"Codex does not expand {ref}; list {name} in env_vars to pass it through"


def _braced_advice(inner: str, dialect: str, shell: bool) -> str | None:
    ref = "${" + inner + "}"
    if dialect == "gemini-extension":
        if inner in GEMINI_EXTENSION_VARIABLES:
            return None
        dialect = "gemini"  # the rest of an extension's strings resolve like settings.json
    if dialect == "vscode":
        if inner in VSCODE_PREDEFINED or inner.startswith(_VSCODE_PREFIXED):
            return None
        if shell:
            return None
        name = inner.split(":-", 1)[0]
        if _ENV_NAME.match(inner):
            return f"VS Code does not expand {ref}; use ${{env:{name}}} or an ${{input:...}}"
        return f"VS Code does not know the variable {ref}"
    if dialect in ("claude", "gemini"):
        label = "Claude Code" if dialect == "claude" else "Gemini CLI"
        if inner.startswith("env:"):
            return f"{label} does not expand {ref}; write ${{{inner[4:]}}}"
        if inner.startswith("input:"):
            return f"{label} has no inputs; {ref} stays literal (use an environment variable)"
        if dialect == "claude" and ":-" in inner and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", inner.split(":-", 1)[0]):
            return None  # `${workspaceFolder:-.}`: Claude Code falls back to the default when the variable is unset
        if inner.split(":", 1)[0] in VSCODE_PREDEFINED:
            return f"{ref} is a VS Code variable; {label} reads it as an environment variable, which is not set"
        if _ENV_NAME.match(inner) or shell:
            return None
        return f"{label} does not expand {ref}"
    if dialect == "none":
        if shell:
            return None
        name = inner.split(":", 1)[-1].split(":-", 1)[0]
        return f"Codex does not expand {ref}; pass {name} with env_vars (or bearer_token_env_var)"
    return None


# -- home folders -------------------------------------------------------------------------
_HOME = lazy(r"(?<![\w.$/\\-])(/Users/|/home/|[A-Za-z]:[\\/]{1,2}(?i:users)[\\/]{1,2})([^/\\\s\"'<>:;,|*?]+)")
_NOT_PEOPLE = frozenset({
    "user", "username", "user_name", "user-name", "yourusername", "your-username", "your_username", "yourname",
    "your-name", "your_name", "you", "me", "myuser", "my-user", "name", "shared", "public", "default",
    "default user", "all users", "runner", "node", "vscode", "codespace", "codespaces", "app", "linuxbrew", "admin",
    "ubuntu-user", "example", "foo", "bar", "someone",
    "yourself", "yourhome", "home", "path", "to", "x", "xxx", "...", "…", "dev", "developer", "coder", "gitpod",
    "jovyan", "vagrant", "test", "testuser", "project", "projects", "workspace", "repo", "code", "src",
})


def home_path(text: str) -> str | None:
    """The first path into a person's home folder in TEXT (placeholder user names excluded)."""
    for match in _HOME.finditer(text):
        if _placeholder_user(match.group(2)):
            continue
        return match.group(0)
    return None


def _placeholder_user(user: str) -> bool:
    lowered = user.lower()
    if lowered in _NOT_PEOPLE or lowered.startswith(("your", "<", "{", "[", "$", "%")):
        return True
    if user.isupper() and len(user) > 1:  # USER, USERNAME, YOUR_NAME
        return True
    return secrets.is_placeholder(user)


# -- plain HTTP -------------------------------------------------------------------------------
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain", ".home", ".corp",
                   ".intranet")
"""Names that resolve only inside a machine or a private network (RFC 6761/6762/8375 and common practice)."""


def insecure_url(text: str) -> str | None:
    """The host when TEXT is an `http://` URL to a public host, else None."""
    if not isinstance(text, str) or not text.lower().startswith("http://"):
        return None
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(text.strip()).hostname
    except ValueError:
        return None
    if not host or any(c in host for c in "${}%<>"):
        return None
    host = host.lower().rstrip(".")
    if host in ("localhost", "host.docker.internal", "gateway.docker.internal", "0.0.0.0") or \
            host.endswith(_LOCAL_SUFFIXES) or ("." not in host and ":" not in host):
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.is_loopback or address.is_private or address.is_link_local or address.is_unspecified or \
            address in ipaddress.ip_network("100.64.0.0/10"):
        return None
    return host


# -- secrets ------------------------------------------------------------------------------------
_FLAG_VALUE = lazy(r"^(--?[A-Za-z][\w-]*)=(.+)$", re.DOTALL)
_ASSIGN = lazy(r"^([A-Za-z_][A-Za-z0-9_]*)=(.+)$", re.DOTALL)


def secret_in_arg(arg: str, previous: str | None) -> tuple[secrets.SecretHit, int] | None:
    """The credential in one command-line argument (with its offset), named by its flag when there is one."""
    match = _FLAG_VALUE.match(arg) or _ASSIGN.match(arg)
    if match:
        name, value = match.group(1).lstrip("-"), match.group(2)
        hit = secrets.classify_value(value, name=name)
        return (hit, match.start(2)) if hit else None
    name = previous.lstrip("-") if previous and previous.startswith("-") and len(previous) > 2 else None
    hit = secrets.classify_value(arg, name=name)
    return (hit, 0) if hit else None


def secret_in_url(url: str) -> secrets.SecretHit | None:
    """A credential in a URL's query string or user info."""
    hit = secrets.classify_value(url)
    if hit:
        return hit
    from urllib.parse import parse_qsl, urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.password and not secrets.is_placeholder(parts.password):
        hit = secrets.classify_value(parts.password, name="password")
        if hit:
            return hit
    for key, value in parse_qsl(parts.query):
        hit = secrets.classify_value(value, name=key)
        if hit:
            return hit
    return None


# -- walking and suggesting ------------------------------------------------------------

def leaves(node, pointer: tuple):
    """(pointer, nearest key, text) for every string leaf under NODE."""
    stack = [(node, pointer, None)]
    while stack:
        item, where, key = stack.pop()
        if isinstance(item, str):
            yield where, key, item
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.append((v, where + (k,), k))
        elif isinstance(item, list):
            for i, v in enumerate(item):
                stack.append((v, where + (i,), key))


def close(word: str, choices: list[str]) -> str | None:
    def squash(text: str) -> str:
        return text.lower().replace("-", "").replace("_", "").replace(".", "")

    lowered = {squash(c): c for c in choices}
    if squash(word) in lowered:  # `apiKey` for `api-key`, `Args` for `args`
        return lowered[squash(word)]
    if len(word) < 3:
        return None
    import difflib  # 15 ms to import: only when a name needs a suggestion

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.8)
    return match[0] if match else None
