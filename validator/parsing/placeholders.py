"""Template placeholders that a build or deployment fills in before a file is served.

Agent Cards and Server Cards are often committed as templates (`"url": "{BASE_URL}/a2a"`,
`"https://${HOST}/mcp"`, `"REPLACE_WITH_YOUR_URL"`, `"<your-url>"`) that a server or
a deploy step renders before the card is published. Such a value is not a broken URL; the
checks that judge URLs ask `placeholder(text)` first and leave the value alone (or name
the placeholder) instead of reporting a malformed URL.
"""

from __future__ import annotations

from validator.records import lazy

_PLACEHOLDER = lazy(
    r"\$\{[^{}]*\}"                           # ${HOST}, ${env:X}
    r"|\{\{[^{}]*\}\}"                        # {{ base_url }} (Jinja, Handlebars, Go templates)
    r"|\{[A-Z][A-Z0-9_]*\}"                   # {BASE_URL} (str.format / sed-style, upper case)
    r"|<[A-Za-z][\w .-]*>"                    # <your-url>, <HOST>
    r"|%[A-Z][A-Z0-9_]*%"                     # %HOST% (Windows / envsubst-like)
    r"|\b(?:REPLACE_WITH|REPLACE_ME|CHANGE_ME|YOUR)_[A-Z0-9_]*"  # REPLACE_WITH_HOST, YOUR_DOMAIN
    r"|\bREPLACE_ME\b|\bCHANGEME\b"
)


def placeholder(text: str) -> str | None:
    """The first template placeholder in TEXT, or None."""
    if not isinstance(text, str):
        return None
    match = _PLACEHOLDER.search(text)
    return match.group() if match else None
