"""Checks that need nothing but the file itself: integrity, structure, content safety.

Every check reads the Markdown view, so code blocks, code spans, HTML comments and
front matter are told apart exactly as CommonMark does; a rule about prose never
looks into code, and a rule about commands never reads prose.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterator

from validator.model import Edit, Finding, Fix
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md.record import lazy

PLAIN_TEXT_KINDS = frozenset({N.CURSORRULES, N.WINDSURFRULES, N.CLINERULES, N.ZED_RULES, N.GOOSEHINTS})
"""Formats that are plain text by convention: Markdown structure rules do not apply."""
NO_FIELDS_KINDS = frozenset({N.AGENTS, N.OVERRIDE, N.AGENT_LEGACY, N.CLAUDE, N.CLAUDE_LOCAL, N.GEMINI, N.COPILOT,
                             N.VARIANT, *PLAIN_TEXT_KINDS})
FRONT_MATTER_KINDS = frozenset({N.COPILOT_SCOPED, N.CLAUDE_RULE})


def check(data, ctx, doc) -> Iterator[Finding]:
    text = data.text
    view = data.view
    yield from _empty(data, ctx, doc)
    if not text.strip():
        return
    yield from _line_endings(data, ctx, doc)
    yield from _fences(data, ctx, doc)
    yield from _front_matter(data, ctx, doc)
    yield from _structure(data, ctx, doc)
    yield from _anchors_here(data, ctx, doc)
    yield from _trailing_whitespace(data, ctx, doc)
    yield from _length(data, ctx, doc)
    yield from _unicode(data, ctx, doc)
    yield from _comments(data, ctx, doc)
    yield from _injection(data, ctx, doc)
    yield from _payloads(data, ctx, doc)
    yield from _secrets(data, ctx, doc)
    yield from _home_paths(data, ctx, doc)
    yield from _placeholders(data, ctx, doc)
    yield from _dangerous(data, ctx, doc)
    yield from _contradictions(data, ctx, doc)
    del view


def _region(data, start: int, end: int | None = None):
    return data.view.index.region(start, end)


# -- A. integrity -------------------------------------------------------------------------------

def _empty(data, ctx, doc):
    if data.text.strip():
        return
    what = "empty" if not data.text else "only whitespace"
    yield ctx.finding(R.AGM001, doc, _region(data, 0, len(data.text)),
                      f"{data.name} is {what}: agents load nothing from it; write instructions or delete it")


def _line_endings(data, ctx, doc):
    if not ctx.wants(R.AGM004):
        return
    text = data.text
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = {"\r\n": crlf, "\n": lf, "\r": cr}
    used = {k: v for k, v in kinds.items() if v}
    if len(used) < 2:
        return
    major = max(used, key=lambda k: (used[k], k == "\n"))
    edits = []
    first = None
    for m in re.finditer(r"\r\n|\r|\n", text):
        if m.group() != major:
            edits.append(Edit(m.start(), m.end(), major))
            if first is None:
                first = m.start()
    names = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
    line = data.view.index.position(first)[0]
    counts = ", ".join(f"{used[k]} {names[k]}" for k in used)
    yield ctx.finding(R.AGM004, doc, data.view.index.line_region(line),
                      f"line endings are mixed ({counts}); the fix converts them all to {names[major]}",
                      fix=Fix(f"convert line endings to {names[major]}", tuple(edits), "safe"))


def _line_fences_balanced(text: str) -> bool:
    """Fence lines pair up when read line by line, ignoring HTML blocks and containers.

    CommonMark can leave a fence open because an HTML block (`<example>` right above a
    fence) swallowed its opener; the author's fences still pair up line by line, and a
    model reading the raw text sees them paired. Only a fence open both ways is reported.
    """
    opener = None
    for line in text.splitlines():
        m = re.match(r"^[ \t>]*(`{3,}|~{3,})(.*)$", line)
        if not m:
            continue
        run, rest = m.group(1), m.group(2)
        if opener is None:
            if run[0] == "`" and "`" in rest:
                continue  # not a fence: backticks in a backtick fence's info string
            opener = run
        elif run[0] == opener[0] and len(run) >= len(opener) and not rest.strip():
            opener = None
    return opener is None


def _fences(data, ctx, doc):
    text = data.text
    balanced = None
    for fence in data.view.fences:
        if fence.closed or fence.end < len(text):
            continue
        if balanced is None:
            balanced = _line_fences_balanced(text)
        if balanced:
            continue
        newline = "" if text.endswith(("\n", "\r")) else "\n"
        fix = Fix(f"append a closing {fence.marker} at the end of the file",
                  (Edit(len(text), len(text), f"{newline}{fence.marker}\n"),), "unsafe")
        start = fence.start
        yield ctx.finding(R.AGM005, doc, _region(data, start, start + len(fence.marker) + len(fence.info)),
                          f"the {fence.marker} fence opened on line {fence.line} is never closed: everything after it "
                          "is a code block", fix=fix)


def _front_matter(data, ctx, doc):
    text = data.text
    from validator.standards.agents_md.markdown import front_matter

    fm = data.view.front_matter or front_matter(text)
    if fm is None:
        if data.kind == N.COPILOT_SCOPED and not text.lstrip("\ufeff").startswith("---"):
            yield ctx.finding(R.AGM019, doc, _region(data, 0, len(data.view.index.line_text(1))),
                              "no front matter with applyTo: Copilot applies this file only when it is attached by hand")
        return
    first = _region(data, 0, len(data.view.index.line_text(1)))
    if data.kind in NO_FIELDS_KINDS:
        if fm.closed:
            yield ctx.finding(R.AGM006, doc, first,
                              f"{data.name} has no front matter fields: agents receive these lines as literal text")
        return
    if data.kind not in FRONT_MATTER_KINDS:
        return
    if not fm.closed:
        yield ctx.finding(R.AGM018, doc, first, "front matter is never closed with '---': its keys are not read")
        return
    body = fm.body(text)
    try:
        from validator.parsing.document import ParseError
        from validator.parsing.yaml import parse_yaml

        parsed = parse_yaml(body)
        value = parsed.value
    except ParseError as err:
        from validator.parsing.text import TextIndex

        line, col = TextIndex(body).position(err.offset)
        at = data.view.index.line_offset(line + 1) + col - 1
        yield ctx.finding(R.AGM018, doc, _region(data, at), f"front matter is not valid YAML: {err.message}")
        return
    except Exception as err:  # noqa: BLE001 - a YAML library error is still a finding, never a crash
        yield ctx.finding(R.AGM018, doc, first, f"front matter is not valid YAML: {err}")
        return
    if value is not None and not isinstance(value, dict):
        yield ctx.finding(R.AGM018, doc, first, "front matter is not a mapping of keys to values")
        return
    if data.kind == N.COPILOT_SCOPED:
        apply_to = (value or {}).get("applyTo")
        if apply_to is None or (isinstance(apply_to, str) and not apply_to.strip()):
            yield ctx.finding(R.AGM019, doc, first,
                              "no applyTo in the front matter: Copilot applies this file only when it is attached by hand")


# -- B. structure -------------------------------------------------------------------------------

def _structure(data, ctx, doc):
    if data.kind in PLAIN_TEXT_KINDS:
        return
    view = data.view
    headings = view.headings
    lines = view.index.line_count
    if not headings:
        if lines > 30:
            yield ctx.finding(R.AGM010, doc, view.index.line_region(1),
                              f"{lines} lines without a heading: add sections (build, test, style) so agents can find them")
        return
    first = headings[0]
    if first.level != 1:
        yield ctx.finding(R.AGM013, doc, _heading_region(data, first),
                          f"the first heading is level {first.level}; start with a top-level '# ' heading")
    previous = None
    for heading in headings:
        if previous is not None and heading.level > previous.level + 1:
            yield ctx.finding(R.AGM011, doc, _heading_region(data, heading),
                              f"heading level {heading.level} follows level {previous.level}; use level {previous.level + 1}")
        previous = heading
    tops = [h for h in headings if h.level == 1]
    for heading in tops[1:]:
        yield ctx.finding(R.AGM015, doc, _heading_region(data, heading),
                          f"another top-level heading ({heading.text!r}, first is {tops[0].text!r} on line {tops[0].line})")
    parents: list = []
    seen: dict[tuple, object] = {}
    for heading in headings:
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        parent = parents[-1].line if parents else 0
        key = (parent, heading.level, " ".join(heading.text.casefold().split()))
        if key[2] and key in seen:
            yield ctx.finding(R.AGM016, doc, _heading_region(data, heading),
                              f"heading {heading.text!r} repeats the sibling on line {seen[key].line}")
        else:
            seen[key] = heading
        parents.append(heading)


def _heading_region(data, heading):
    line_text = data.view.index.line_text(heading.line)
    return data.view.index.line_region(heading.line) if line_text.strip() else _region(data, heading.start)


def github_slug(text: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation and symbols dropped, spaces to hyphens."""
    out = []
    for ch in text.lower():
        cat = unicodedata.category(ch)
        if ch in "-_" or ch == " " or cat[0] in "LN" or cat in ("Mn", "Mc", "Pc"):
            out.append("-" if ch == " " else ch)
    return "".join(out)


def anchors(view) -> set[str]:
    """Every anchor a rendered file offers: heading slugs (with -1, -2 for repeats) and explicit ids."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for heading in view.headings:
        slug = github_slug(heading.text)
        n = counts.get(slug, 0)
        counts[slug] = n + 1
        found.add(slug if n == 0 else f"{slug}-{n}")
    for m in re.finditer(r"<[A-Za-z][^>]*?\s(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", view.text):
        found.add(m.group(1).lower())
    return {a.lower() for a in found}


def _anchors_here(data, ctx, doc):
    view = data.view
    have = None
    for link in view.links:
        if not link.dest.startswith("#") or len(link.dest) < 2:
            continue
        fragment = _unquote(link.dest[1:]).lower()
        if re.fullmatch(r"l\d+(-l\d+)?", fragment):
            continue
        if have is None:
            have = anchors(view)
        if fragment in have or fragment.removeprefix("user-content-") in have:
            continue
        hint = _close_anchor(fragment, have)
        yield ctx.finding(R.AGM012, doc, _region(data, link.start, link.end),
                          f"no heading in this file has the anchor #{fragment}{hint}")


def _close_anchor(fragment: str, have: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(fragment, sorted(have), n=1, cutoff=0.75)
    return f"; did you mean #{close[0]}?" if close else ""


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def _trailing_whitespace(data, ctx, doc):
    if not ctx.wants(R.AGM017):
        return
    view = data.view
    text = data.text
    index = view.index
    for m in re.finditer(r"[ \t]+(?=\r\n|\r|\n|\Z)", text):
        start, end = m.span()
        if start == end or view.fence_at(start) is not None or view.in_front_matter(start):
            continue
        line = index.position(start)[0]
        if index.line_text(line).strip() == "":
            continue  # whitespace-only lines are blank lines, not trailing text
        if m.group() == "  " and line < index.line_count and index.line_text(line + 1).strip():
            continue  # a Markdown hard line break
        yield ctx.finding(R.AGM017, doc, _region(data, start, end), f"{end - start} trailing whitespace character(s)",
                          fix=Fix("remove trailing whitespace", (Edit(start, end, ""),), "safe"))


def _length(data, ctx, doc):
    lines = data.view.index.line_count
    if data.kind == N.CLAUDE and lines > 200:
        yield ctx.finding(R.AGM024, doc, data.view.index.line_region(201),
                          f"CLAUDE.md has {lines} lines; Claude Code's docs advise under 200 per file (move detail into imported files)")
    elif data.kind in (N.COPILOT, N.COPILOT_SCOPED) and lines > 1000:
        yield ctx.finding(R.AGM024, doc, data.view.index.line_region(1001),
                          f"{lines} lines of Copilot instructions; keep them under about 1,000 lines")


# -- H. content safety --------------------------------------------------------------------------------

_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES", "\u2063": "INVISIBLE SEPARATOR", "\u2064": "INVISIBLE PLUS", "\ufeff": "BYTE ORDER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\u115f": "HANGUL CHOSEONG FILLER", "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER", "\uffa0": "HALFWIDTH HANGUL FILLER", "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
}
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_SUSPECT = re.compile("[" + "".join(sorted(_INVISIBLE)) + "\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def _joiner_is_legit(text: str, i: int) -> bool:
    """ZWJ/ZWNJ between non-ASCII letters or inside emoji sequences are part of the writing system."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    def scripty(ch: str) -> bool:
        return bool(ch) and ord(ch) > 0x7F and (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc", "So", "Sk")
                                                or 0x1F000 <= ord(ch) <= 0x1FFFF or ord(ch) in (0xFE0F, 0x20E3))
    return scripty(before) or scripty(after)


def _unicode(data, ctx, doc):
    text = data.text
    invisible = []
    bidi = []
    tags = []
    if _SUSPECT.search(text) is None:  # one C-speed scan; the loop below only runs on suspects
        return
    for match in _SUSPECT.finditer(text):
        i = match.start()
        ch = text[i]
        code = ord(ch)
        if ch in _INVISIBLE:
            if ch in "\u200c\u200d" and _joiner_is_legit(text, i):
                continue
            invisible.append(i)
        elif ch in _BIDI:
            bidi.append(i)
        elif 0xE0000 <= code <= 0xE007F:
            tags.append(i)
    for i in invisible:
        name = _INVISIBLE[text[i]]
        yield ctx.finding(R.AGM007, doc, _region(data, i, i + 1), f"invisible character U+{ord(text[i]):04X} {name}",
                          fix=Fix(f"delete U+{ord(text[i]):04X}", (Edit(i, i + 1, ""),), "safe"))
    for i in bidi:
        yield ctx.finding(R.AGM073, doc, _region(data, i, i + 1),
                          f"bidirectional control U+{ord(text[i]):04X} {unicodedata.name(text[i], '')}: what is shown is not what the agent reads",
                          fix=Fix(f"delete U+{ord(text[i]):04X}", (Edit(i, i + 1, ""),), "unsafe"))
    for start, end in _tag_runs(text, tags):
        hidden = "".join(chr(ord(c) - 0xE0000) for c in text[start:end] if 0xE0020 <= ord(c) <= 0xE007E)
        shown = hidden if len(hidden) <= 60 else hidden[:57] + "..."
        yield ctx.finding(R.AGM074, doc, _region(data, start, end),
                          f"{end - start} Unicode tag character(s) hide the text {shown!r}",
                          fix=Fix("delete the tag characters", (Edit(start, end, ""),), "safe"))


def _tag_runs(text: str, positions: list[int]):
    """Runs of tag characters, leaving out emoji tag sequences (a flag: U+1F3F4 + tags + U+E007F)."""
    runs = []
    for i in positions:
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    for start, end in runs:
        if start > 0 and text[start - 1] == "\U0001F3F4" and text[end - 1] == "\U000E007F":
            continue
        yield start, end


_INJECTION = lazy(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|system)"
    r"\s+(?:instructions?|prompts?|rules|directions|guidelines|messages)"
    r"|\bdo\s+not\s+(?:tell|inform|notify|alert|show)\s+the\s+user"
    r"|\bdo\s+not\s+(?:mention|reveal)\s+(?:this|these|it|that)?\s*to\s+the\s+user"
    r"|\bwithout\s+(?:telling|informing|notifying|alerting)\s+the\s+user"
    r"|\b(?:hide|conceal)\s+(?:this|these|it|that)\s+from\s+the\s+user"
    r"|\byou\s+are\s+now\s+(?:in\s+)?(?:DAN|developer\s+mode|jailbroken|unrestricted|an?\s+unrestricted)\b"
    r"|\bnew\s+system\s+prompt\b"
    r"|\bexfiltrat\w*",
    re.IGNORECASE)
_AI_ADDRESS = lazy(
    r"^\s*(?:note\s+(?:to|for)\s+)?(?:the\s+)?(?:ai|llms?|agents?|assistants?|claude|codex|gemini|copilot|cursor|chatgpt|"
    r"language\s+models?|ai\s+agents?|coding\s+agents?)\s*(?::|,|\s[\u2014-]\s)\s*\S+(?:\s+\S+){2,}"
    r"|\b(?:if|when)\s+you\s+are\s+an?\s+(?:ai|llm|agent|assistant|language\s+model|coding\s+agent)\b",
    re.IGNORECASE | re.MULTILINE)
_META = lazy(
    r"inject|attack|malicious|untrusted|adversar|jailbreak|phishing|suspicious|\be\.g\.|for example|such as|"
    r"beware|watch (?:out|for)|never (?:obey|follow|comply)|do not (?:obey|follow|comply)|don't (?:obey|follow)|refuse|"
    r"treat .* as data|flag (?:it|them)|report (?:it|them)",
    re.IGNORECASE)


def _comments(data, ctx, doc):
    text = data.text
    for start, end in data.view.comments:
        body = text[start + 4:end - 3 if text.endswith("-->", start, end) else end]
        m = _INJECTION.search(body) or _AI_ADDRESS.search(body)
        if not m:
            continue
        snippet = " ".join(body.split())
        snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        yield ctx.finding(R.AGM008, doc, _region(data, start, end),
                          f"hidden HTML comment addresses the agent: {snippet!r}")


def _injection(data, ctx, doc):
    text = data.text
    view = data.view
    for m in _INJECTION.finditer(text):
        start = m.start()
        if not view.is_prose(start):
            continue
        line = view.index.line_text(view.index.position(start)[0])
        if _META.search(line) or _quoted(line, m.group()):
            continue
        yield ctx.finding(R.AGM072, doc, _region(data, start, m.end()),
                          f"{m.group()!r} is a prompt-injection pattern; state the rule without overriding instructions")


def _quoted(line: str, phrase: str) -> bool:
    at = line.lower().find(phrase.lower())
    if at < 0:
        return False
    before, after = line[:at], line[at + len(phrase):]
    for q_open, q_close in (('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("`", "`"), ("*", "*")):
        if q_open in before and q_close in after:
            return True
    return False


_B64 = lazy(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{80,}={0,2}(?![A-Za-z0-9+/=_-])")


def _payloads(data, ctx, doc):
    text = data.text
    for m in _B64.finditer(text):
        start = m.start()
        if text[max(0, start - 7):start].lower().endswith("base64,"):
            continue  # a data: URI (an image)
        token = m.group()
        try:
            raw = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\n\t" for ch in decoded)
        letters = sum(ch.isalpha() for ch in decoded)
        if printable < 0.95 * len(decoded) or letters < 0.6 * len(decoded) or decoded.count(" ") < 3:
            continue
        shown = decoded if len(decoded) <= 60 else decoded[:57] + "..."
        yield ctx.finding(R.AGM009, doc, _region(data, start, m.end()),
                          f"base64 text decodes to {shown!r}; write instructions in plain text")


def _secrets(data, ctx, doc):
    from validator.secrets import find_secrets

    for hit in find_secrets(data.text):
        yield ctx.finding(R.AGM070, doc, _region(data, hit.start, hit.end),
                          f"{hit.kind} in an instruction file sent to model providers; revoke it and use an environment variable")


_HOME = lazy(r"(?<![\w./~-])(?:/(?:Users|home)/([A-Za-z0-9][A-Za-z0-9._-]*)|[A-Za-z]:\\Users\\([A-Za-z0-9][A-Za-z0-9._ -]*?))(?=[/\\])")
GENERIC_USERS = frozenset({
    "user", "username", "users", "you", "your", "yourname", "your-name", "your_name", "yourusername", "your-username",
    "your_username", "me", "myuser", "myname", "name", "runner", "ubuntu", "node", "vscode", "codespace", "codespaces",
    "linuxbrew", "admin", "ec2-user", "root", "app", "dev", "developer", "foo", "bar", "example", "someone",
    "somebody", "default", "public", "shared", "guest",
    "gitpod", "coder", "jovyan", "vagrant", "docker", "pi", "user1", "user2", "test", "testuser", "x", "xxx", "me.",
    "your.name", "firstname.lastname", "jenkins", "circleci", "travis", "buildkite", "nobody",
})


def _home_paths(data, ctx, doc):
    text = data.text
    view = data.view
    for m in _HOME.finditer(text):
        user = m.group(1) or m.group(2) or ""
        if user.lower() in GENERIC_USERS or user.startswith(("$", "<", "{", "%")) or user.upper() == user and len(user) > 1 and "_" in user:
            continue
        if view.in_comment(m.start()):
            continue
        yield ctx.finding(R.AGM056, doc, _region(data, m.start(), m.end()),
                          f"{m.group()} exists only on one machine; use a repository-relative path or ~")


_PLACEHOLDER = lazy(
    r"(?<!\$)\{\{\s*[A-Za-z_][\w.\- ]{0,40}\s*\}\}"
    r"|\[(?:INSERT|YOUR|ADD|FILL(?:\s+IN)?|REPLACE|DESCRIBE|ENTER|PROJECT[_ ]NAME|TODO:)[^\]\n]{0,60}\](?![(\[:])"
    r"|<(?:INSERT|YOUR|ENTER|REPLACE|PROJECT[_ ]NAME)[A-Z0-9 _-]{0,40}>",
)


def _placeholders(data, ctx, doc):
    text = data.text
    view = data.view
    for m in _PLACEHOLDER.finditer(text):
        if not view.is_prose(m.start()):
            continue
        if m.group().startswith("[") and not m.group()[1:3].isupper():
            continue
        yield ctx.finding(R.AGM071, doc, _region(data, m.start(), m.end()),
                          f"unfilled template placeholder {m.group()!r}")


_DANGER = (
    (lazy(r"\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b"), "pipes a download into a shell"),
    (lazy(r"\bgit\s+push\b[^\n]*?\s(?:--force(?!-with-lease)\b|-f\b)"), "force-pushes"),
    (lazy(r"--no-verify\b"), "skips git hooks"),
    (lazy(r"\brm\s+-[rRf]{2,}\s+(?:/|~)(?:\s|$)"), "deletes a root or home folder"),
)


def _dangerous(data, ctx, doc):
    if not ctx.wants(R.AGM065):
        return
    text = data.text
    view = data.view
    for pattern, what in _DANGER:
        for m in pattern.finditer(text):
            if not view.in_code(m.start()):
                continue
            yield ctx.finding(R.AGM065, doc, _region(data, m.start(), m.end()), f"this command {what}: {m.group()[:60]!r}")


_DIRECTIVE = lazy(r"\b(always|must(?!\s+not)|never|do\s+not|don't|must\s+not)\s+([a-z][a-z0-9 `'/._-]{3,80}?)\s*(?=[.;!\n]|$)",
                  re.IGNORECASE)
_CONDITION = lazy(r"\b(?:if|when|unless|except|only|until|before|after|while|otherwise|instead)\b", re.IGNORECASE)


def _contradictions(data, ctx, doc):
    text = data.text
    view = data.view
    seen: dict[str, tuple[bool, int]] = {}
    for m in _DIRECTIVE.finditer(text):
        if not view.is_prose(m.start()):
            continue
        phrase = " ".join(m.group(2).lower().split()).rstrip(" ,")
        if len(phrase.split()) < 2:
            continue
        line = view.index.line_text(view.index.position(m.start())[0])
        if _CONDITION.search(line):
            continue
        positive = m.group(1).lower() in ("always", "must")
        earlier = seen.get(phrase)
        if earlier is not None and earlier[0] != positive:
            first_line = view.index.position(earlier[1])[0]
            yield ctx.finding(R.AGM075, doc, _region(data, m.start(), m.end()),
                              f"{m.group()!r} contradicts line {first_line}; keep one of them")
            continue
        seen.setdefault(phrase, (positive, m.start()))
