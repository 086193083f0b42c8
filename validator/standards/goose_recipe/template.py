"""The minijinja side of a goose recipe: which variables it uses, and a parseable view.

goose renders the whole recipe file with minijinja before it parses YAML, and takes the
recipe's template variables from the template itself (`undeclared_variables(true)` over
the file and the templates it extends or includes), minus the built-in `recipe_dir`
(crates/goose/src/recipe/template_recipe.rs, validate_recipe.rs). Expressions that are
not valid minijinja (`{{ hf model org }}`) are kept as literal text by goose; so they are
here. No template is ever executed: this module only scans text.

`blank_tags` gives a text with the same lines in which `{% ... %}` and `{# ... #}` are
replaced by spaces (newlines kept), so a file whose tags sit where YAML cannot take them
still parses at its own lines and columns; a line that holds nothing but tags and
whitespace becomes an empty line, as goose's rendering leaves it (no deeper-indented
"blank" line that YAML refuses as the first line of a `prompt: |` block scalar), and
tags that open a line with text after them move to its end, so the text keeps the
line's indentation (only that line's columns shift). Only
offsets after such a line move, so callers locate offsets of the original text with the
original text. `blank_expressions` replaces `{{ ... }}` by a same-length word when an
unquoted expression is what breaks the YAML; that keeps a line's indentation, so it needs
no such care.
"""

from __future__ import annotations

import re

from validator.records import field, lazy, record

BUILT_IN = "recipe_dir"
_RAW = lazy(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_COMMENT = lazy(r"\{#.*?#\}", re.DOTALL)
_STATEMENT = lazy(r"\{%-?(.*?)-?%\}", re.DOTALL)
_EXPRESSION = lazy(r"\{\{(.*?)\}\}")
_SIMPLE = lazy(r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*$")
_TOKEN = lazy(r"""\s*(?:(?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(?P<number>\d+(?:\.\d+)?)|"""
                    r"""(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>\*\*|//|==|!=|<=|>=|[-+*/%~|.,:()\[\]{}<>=!]))""")
KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None",
                      "loop", "self", "super", "caller", "varargs", "kwargs"})
_OPERAND_END = ("name", "number", "string")


@record
class TemplateScan:
    variables: dict[str, int] = field(default_factory=dict)
    """Variable name (dotted for attribute chains, as minijinja reports them) -> offset of first use."""
    words: set[str] = field(default_factory=set)
    """Every identifier inside any tag or expression (a parameter named here may be in use)."""
    parents: list[str] = field(default_factory=list)
    """Templates named by `{% extends %}` / `{% include %}` (string literals only)."""
    dynamic_parent: bool = False
    """An extends/include whose target is not a string literal."""


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


_TAG_MARK = "\ue000"
"""Stands for a tag's characters while lines are judged (a private-use character)."""


def blank_tags(text: str) -> str:
    """TEXT with statement and comment tags (and raw blocks' markers) blanked: the same
    lines, the same columns, except that a line of nothing but tags is emptied."""
    mark = _TAG_MARK if _TAG_MARK not in text else "\x00"

    def masked(match: re.Match) -> str:
        return re.sub(r"[^\n]", mark, match.group())

    def keep_raw_body(match: re.Match) -> str:
        body = match.group()
        opening = re.match(r"\{%-?\s*raw\s*-?%\}", body).group()
        closing = re.search(r"\{%-?\s*endraw\s*-?%\}$", body).group()
        inner = body[len(opening):len(body) - len(closing)]
        return mark * len(opening) + inner + mark * len(closing)

    text = _RAW.sub(keep_raw_body, text)
    text = _STATEMENT.sub(masked, _COMMENT.sub(masked, text))
    if mark not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if mark not in line:
            continue
        if line.replace(mark, "").strip(" \t\r") == "":
            # goose renders the tag to nothing: an empty line, never a deeper-indented one
            lines[i] = "\r" if line.endswith("\r") else ""
            continue
        body = line.lstrip(" \t")
        indent = line[:len(line) - len(body)]
        lead = len(body) - len(body.lstrip(mark))
        if lead:
            # `  {% if x %}Read the plan`: rendered, the text keeps the line's own indentation, so a
            # block scalar's indentation is not taken from the tag; the tag's width moves to the end
            body = body[lead:] + " " * lead if not body.endswith("\r") else body[lead:-1] + " " * lead + "\r"
        lines[i] = (indent + body).replace(mark, " ")
    return "\n".join(lines)


def blank_expressions(text: str) -> str:
    """TEXT with every `{{ ... }}` replaced by a same-length word, for YAML's sake."""
    return _EXPRESSION.sub(lambda m: "x" * len(m.group()), text)


def scan(text: str) -> TemplateScan:
    result = TemplateScan()
    declared: set[str] = set()
    live = _mask(_mask(text, _RAW), _COMMENT)
    for match in _STATEMENT.finditer(live):
        _statement(match.group(1), match.start(1), result, declared)
    for match in _EXPRESSION.finditer(live):
        content = match.group(1)
        tokens = _tokens(content)
        result.words.update(value for kind, value, _ in tokens or () if kind == "name")
        if _SIMPLE.match(content):
            result.variables.setdefault(content.strip(), match.start())
            continue
        if tokens is None or not _parseable(tokens):
            continue  # goose keeps an unparseable expression as literal text
        for name in _roots(tokens):
            result.variables.setdefault(name, match.start())
    for name in list(result.variables):
        if name.split(".", 1)[0] in declared or name == BUILT_IN:
            del result.variables[name]
    return result


def _statement(body: str, offset: int, result: TemplateScan, declared: set[str]) -> None:
    tokens = _tokens(body)
    if not tokens:
        return
    result.words.update(value for kind, value, _ in tokens if kind == "name")
    keyword = tokens[0][1]
    rest = tokens[1:]
    if keyword in ("extends", "include", "import", "from"):
        if rest and rest[0][0] == "string":
            result.parents.append(rest[0][1][1:-1])
        else:
            result.dynamic_parent = True
        if keyword in ("import", "from"):
            declared.update(value for kind, value, _ in rest if kind == "name")
        return
    if keyword == "for":
        names = []
        for i, (kind, value, _) in enumerate(rest):
            if kind == "name" and value == "in":
                rest = rest[i + 1:]
                break
            if kind == "name":
                names.append(value)
        declared.update(names)
    elif keyword == "set":
        if "=" in [value for kind, value, _ in rest if kind == "op"]:
            split = [value for _, value, _ in rest].index("=")
            declared.update(value for kind, value, _ in rest[:split] if kind == "name")
            rest = rest[split + 1:]
        else:
            declared.update(value for kind, value, _ in rest if kind == "name")
            return
    elif keyword in ("macro", "call"):
        declared.update(value for kind, value, _ in rest if kind == "name")
        return
    elif keyword == "with":
        names = [value for kind, value, _ in rest if kind == "name"]
        declared.update(names)
    elif keyword not in ("if", "elif", "filter", "autoescape"):
        return
    if not _parseable(rest):
        return
    for name in _roots(rest):
        result.variables.setdefault(name, offset)


def _tokens(text: str) -> list[tuple[str, str, int]] | None:
    """Tokens of a minijinja expression; None when a character no expression may hold appears."""
    tokens = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            return None
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind)))
        position = match.end()
    return tokens


_WORD_OPERATORS = frozenset({"and", "or", "not", "in", "is", "if", "else"})


def _parseable(tokens: list[tuple[str, str, int]]) -> bool:
    """A cheap stand-in for minijinja's parser: no two operands in a row, balanced brackets."""
    if not tokens:
        return False
    depth = 0
    ends_operand = False
    for kind, value, _ in tokens:
        operand = kind in _OPERAND_END and value not in _WORD_OPERATORS
        if operand and ends_operand:
            return False
        if kind == "op" and value in "([{":
            depth += 1
        elif kind == "op" and value in ")]}":
            depth -= 1
            if depth < 0:
                return False
        ends_operand = operand or (kind == "op" and value in ")]}")
    return depth == 0


def _roots(tokens: list[tuple[str, str, int]]) -> list[str]:
    """Variables an expression reads: names not after `.`, `|` or `is`, not keywords, not calls
    or keyword arguments, with attribute chains dotted as minijinja reports them."""
    names = []
    i = 0
    while i < len(tokens):
        kind, value, _ = tokens[i]
        before = tokens[i - 1][1] if i > 0 else None
        after = tokens[i + 1][1] if i + 1 < len(tokens) else None
        if (kind != "name" or value in KEYWORDS or before in (".", "|", "is") or (before == "not" and i > 1 and tokens[i - 2][1] == "is")
                or after == "(" or after == "="):
            i += 1
            continue
        dotted = value
        j = i + 1
        while j + 1 < len(tokens) and tokens[j][1] == "." and tokens[j + 1][0] == "name":
            if j + 2 < len(tokens) and tokens[j + 2][1] == "(":
                break  # a method call: minijinja reports the chain up to the object
            dotted += "." + tokens[j + 1][1]
            j += 2
        names.append(dotted)
        i = j
    return names
