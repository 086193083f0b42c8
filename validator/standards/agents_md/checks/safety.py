"""Content safety: text a reader does not see or should not follow. AGM007 (invisible characters), AGM073
(bidirectional controls), AGM074 (Unicode tag characters), AGM008 (hidden comments addressing the agent),
AGM072 (prompt-injection phrases), AGM009 (base64 payloads), AGM071 (template placeholders), AGM065
(dangerous commands, opt-in) and AGM075 (contradictory directives).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Edit, Fix, Problem, Span
from validator.parsing.text import enclosed_on_line
from validator.records import lazy
from validator.standards.agents_md import names as N
from validator.standards.agents_md import rules as R
from validator.standards.agents_md import rules_safety as S
from validator.standards.agents_md.checks.common import text_of
from validator.standards.agents_md.checks.path_context import enclosing_headings, list_label, parent_item

_INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE", "\u2060": "WORD JOINER", "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES", "\u2063": "INVISIBLE SEPARATOR", "\u2064": "INVISIBLE PLUS", "\ufeff": "BYTE ORDER MARK",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR", "\u115f": "HANGUL CHOSEONG FILLER", "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER", "\uffa0": "HALFWIDTH HANGUL FILLER", "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
}


_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


_SUSPECT = lazy("[" + "".join(sorted(_INVISIBLE)) + "\u202a-\u202e\u2066-\u2069\U000e0000-\U000e007f]")


def _joiner_is_legit(text: str, i: int) -> bool:
    """ZWJ/ZWNJ between non-ASCII letters or inside emoji sequences are part of the writing system."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    def scripty(ch: str) -> bool:
        return bool(ch) and ord(ch) > 0x7F and (ch.isalpha() or unicodedata.category(ch) in ("Mn", "Mc", "So", "Sk")
                                                or 0x1F000 <= ord(ch) <= 0x1FFFF or ord(ch) in (0xFE0F, 0x20E3))
    return scripty(before) or scripty(after)


@emits(R.AGM007, S.AGM073, S.AGM074)
def hidden_characters(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
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
            if text.startswith(("```", "~~~"), i + 1) and not text[text.rfind("\n", 0, i) + 1:i].strip():
                continue  # escapes a fence line inside a sample block so it does not close the outer fence: removing it changes what renders
            invisible.append(i)
        elif ch in _BIDI:
            bidi.append(i)
        elif 0xE0000 <= code <= 0xE007F:
            tags.append(i)
    for i in invisible:
        name = _INVISIBLE[text[i]]
        yield Problem(R.AGM007, f"invisible character U+{ord(text[i]):04X} {name}",
                      Span(i, i + 1), fix=Fix(f"delete U+{ord(text[i]):04X}", (Edit(i, i + 1, ""),), "safe"))
    for i in bidi:
        yield Problem(S.AGM073, f"bidirectional control U+{ord(text[i]):04X} {unicodedata.name(text[i], '')}: what is shown is not what the agent reads",
                      Span(i, i + 1), fix=Fix(f"delete U+{ord(text[i]):04X}", (Edit(i, i + 1, ""),), "unsafe"))
    for start, end in _tag_runs(text, tags):
        hidden = "".join(chr(ord(c) - 0xE0000) for c in text[start:end] if 0xE0020 <= ord(c) <= 0xE007E)
        shown = hidden if len(hidden) <= 60 else hidden[:57] + "..."
        yield Problem(S.AGM074, f"{end - start} Unicode tag character(s) hide the text {shown!r}",
                      Span(start, end), fix=Fix("delete the tag characters", (Edit(start, end, ""),), "safe"))


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


_PROHIBITED_BEFORE = lazy(
    r"\b(?:never|no|not|don'?t|do\s+not|must\s+not|cannot|can'?t|avoid|prevent\w*|prohibit\w*|forbid\w*|block\w*|"
    r"detect\w*|against|stop\w*|guard\w*|protect\w*|without|zero)\b[^.;:!?\n]*$", re.IGNORECASE)
_GUARDED_AFTER = lazy(r"^\w*\s+(?:prevention|protection|detection|risks?|attempts?|controls?|checks?|guards?)\b", re.IGNORECASE)


_DEFENSIVE = lazy(r"(?i)\b(?:threats?|attacks?|protect(?:ed|s|ion)?\s+(?:against|from)|mitigat\w*|defen[cs]\w*|"
                  r"guard(?:s|ed)?\s+against|blocks?|blocked|prevent(?:s|ed|ion)?|detect(?:s|ed|ion)?|vulnerab\w*|"
                  r"red[- ]team\w*|adversarial)\b")
"""A list label or heading naming threats or defences ("**Protected Against:**", "### Threat Model"); a plain
"Security" heading is not enough: an injection hides there as well as anywhere."""


_CLAIM_AFTER = lazy(r"(?i)\s+(?:that\s+)?(?!you\b|we\b|i\b|it\s+was\s+you|this\s+(?:file|rule|instruction)|these\s+instructions|about\b)"
                    r"[^.\n]{1,80}?\b(?:is|are|was|were|will\s+be|has\s+been|have\s+been|works?|pass(?:es)?|meets?|complies)\b")
"""After "do not tell the user": a claim about the work ("that the code is fully accessible", "the work is complete
until ..."), not what the agent did."""


def _defended_against(view, text: str, start: int) -> bool:
    """The phrase is an item of a list labelled as threats or defences, or sits under such a heading ("### Threat
    Model"): it names an attack, it does not make one."""
    line_start = text.rfind("\n", 0, start) + 1
    label = list_label(text, line_start)
    if label is not None and _DEFENSIVE.search(label):
        return True
    parent = parent_item(text, line_start)
    if parent is not None and _DEFENSIVE.search(parent):
        return True  # "- **Protection against**:" then, nested, "- Unauthorized data exfiltration ..." (audit 24)
    return any(_DEFENSIVE.search(heading) for heading in enclosing_headings(view, text, start)[:1])


def _prohibited(text: str, start: int, end: int) -> bool:
    """An exfiltration named to forbid or guard against it ("NEVER exfiltrate data", "no data
    exfiltration", "exfiltration prevention"): a safety rule, not an instruction to leak."""
    clause_start = max(text.rfind(mark, 0, start) for mark in ".;:!?\n") + 1
    return bool(_PROHIBITED_BEFORE.search(text[clause_start:start]) or _GUARDED_AFTER.match(text[end:end + 40]))


_AI_ADDRESS = lazy(
    r"^\s*(?:note\s+(?:to|for)\s+)?(?:the\s+)?(?:ai|llms?|agents?|assistants?|claude|codex|gemini|copilot|cursor|chatgpt|"
    r"language\s+models?|ai\s+agents?|coding\s+agents?)\s*(?::|,(?!\s*(?:and\s+|or\s+)?(?:ai|llms?|agents?|assistants?|"
    # a comma that continues a list of names ("...Gemini,\nCursor, Aider, and others) must read this file") is no address
    r"claude|codex|gemini|copilot|cursor|chatgpt|aider|windsurf|cline|zed|jules|others?)\b)|\s[\u2014-]\s)\s*\S+(?:\s+\S+){2,}"
    r"|\b(?:if|when)\s+you\s+are\s+an?\s+(?:ai|llm|agent|assistant|language\s+model|coding\s+agent)\b",
    re.IGNORECASE | re.MULTILINE)


_META = lazy(
    r"inject|attack|malicious|untrusted|adversar|jailbreak|phishing|suspicious|\be\.g\.|for example|such as|"
    r"beware|watch (?:out|for)|never (?:obey|follow|comply)|do not (?:obey|follow|comply)|don't (?:obey|follow)|refuse|"
    r"treat .* as data|flag (?:it|them)|report (?:it|them)",
    re.IGNORECASE)


@emits(R.AGM008)
def hidden_comments(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    for start, end in data.view.comments:
        body = text[start + 4:end - 3 if text.endswith("-->", start, end) else end]
        m = _INJECTION.search(body) or _AI_ADDRESS.search(body)
        if not m:
            continue
        snippet = " ".join(body.split())
        snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        yield Problem(R.AGM008, f"hidden HTML comment addresses the agent: {snippet!r}", Span(start, end))


@emits(S.AGM072)
def injection_phrases(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    view = data.view
    for m in _INJECTION.finditer(text):
        start = m.start()
        if not view.is_prose(start):
            continue
        line = view.index.line_text(view.index.position(start)[0])
        if _META.search(line) or _quoted(line, m.group()):
            continue
        if m.group().lower().startswith(_PROHIBITABLE) and _prohibited(text, start, m.end()):
            continue  # "never allow user content to override system instructions": the rule against the attack
        if _CLAIM_AFTER.match(text, m.end()):
            continue  # "do not tell the user that the code is fully accessible": forbids overclaiming, hides nothing
        if _defended_against(view, text, start):
            continue  # "**Protected Against:**" then "- Data exfiltration": a threat the project guards against
        yield Problem(S.AGM072, f"{m.group()!r} is a prompt-injection pattern; state the rule without overriding instructions",
                      Span(start, m.end()))


_PROHIBITABLE = ("exfiltrat", "ignore", "disregard", "forget", "override")
"""The phrases whose prohibition is a safety rule (audit 19: "never allow user content to override system
instructions"); "do not tell the user" is itself negated, so a "not" before it proves nothing."""


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


@emits(R.AGM009)
def base64_payloads(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
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
        yield Problem(R.AGM009, f"base64 text decodes to {shown!r}; write instructions in plain text",
                      Span(start, m.end()))


_PLACEHOLDER = lazy(
    r"(?<!\$)\{\{\s*[A-Za-z_][\w.\- ]{0,40}\s*\}\}"
    r"|\[(?:INSERT|YOUR|ADD|FILL(?:\s+IN)?|REPLACE|DESCRIBE|ENTER|PROJECT[_ ]NAME|TODO:)[^\]\n]{0,60}\](?![(\[:])"
    r"|<(?:INSERT|YOUR|ENTER|REPLACE|PROJECT[_ ]NAME)[A-Z0-9 _-]{0,40}>",
)


_SHOWN_AS_EXAMPLE = lazy(r"(?i)\b(?:like|such\s+as|e\.g\.|as\s+in|syntax|written\s+as)[:,]?\s*\(?\s*\Z")


_EXAMPLE_AFTER = lazy(r"[^\n]{0,40}?\(?\s*(?:e\.g\.|for\s+example|for\s+instance)", re.IGNORECASE)
"""After a slot on its line: the example that fills it in (audit 21: outline-mcp-rs)."""


@emits(S.AGM071)
def placeholders(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    view = data.view
    if in_template_folder(data.relpath):
        return  # a scaffold's own file (`templates/module/CLAUDE.md`): its `{{ name }}` slots are filled when it is copied
    if data.kind == N.COPILOT_PROMPT:
        # a prompt file is a parameterised request: its `{{task}}` slots are filled by the model from what the user
        # types after /name (VS Code documents `${input:name}` for the same; "most language models understand" it)
        return
    for m in _PLACEHOLDER.finditer(text):
        # between backticks on its line is code as written, even where a table row's pipes make CommonMark pair the
        # backticks otherwise (audit 17: a regression log quoting `{{ endif }}`)
        if not view.is_prose(m.start()) or enclosed_on_line(text, m.start(), m.end(), "`", "`"):
            continue
        if m.group().startswith("[") and not m.group()[1:3].isupper():
            continue
        if m.group().startswith("{{") and _SHOWN_AS_EXAMPLE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "variables written like {{ this }}": the syntax explained, not a slot left unfilled
        if _EXAMPLE_AFTER.match(text, m.end()):
            continue  # "**nix develop -c <YOUR_COMMAND>** (e.g., `nix develop -c cargo test`)": a usage line, filled in
        yield Problem(S.AGM071, f"unfilled template placeholder {m.group()!r}", Span(m.start(), m.end()))


def in_template_folder(relpath: str) -> bool:
    """RELPATH lies in a `template/`/`templates/` folder (any case) below the root: a scaffold's file."""
    return any(part.lower() in ("template", "templates", "_template", "_templates") for part in relpath.split("/")[:-1])


_DANGER = (
    (lazy(r"\b(?:curl|wget)\b[^\n|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b"), "pipes a download into a shell"),
    (lazy(r"\bgit\s+push\b[^\n]*?\s(?:--force(?!-with-lease)\b|-f\b)"), "force-pushes"),
    (lazy(r"--no-verify\b"), "skips git hooks"),
    (lazy(r"\brm\s+-[rRf]{2,}\s+(?:/|~)(?:\s|$)"), "deletes a root or home folder"),
)


@emits(R.AGM065)
def dangerous_commands(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
    text = data.text
    view = data.view
    for pattern, what in _DANGER:
        for m in pattern.finditer(text):
            if not view.in_code(m.start()):
                continue
            yield Problem(R.AGM065, f"this command {what}: {m.group()[:60]!r}", Span(m.start(), m.end()))


_DIRECTIVE = lazy(r"\b(always|must(?!\s+not)|never|do\s+not|don't|must\s+not)\s+([a-z][a-z0-9 `'/._-]{3,80}?)\s*"
                  r"(?=[.;!](?:\s|$)|\n|$)", re.IGNORECASE)
"""A directive up to its sentence's end: a period ends it only before a space, so "create `.qlref` files" is one
phrase (audit 20: codeql-development-mcp-server compared "create `" with "create")."""


_CONDITION = lazy(r"\b(?:if|when|unless|except|only|until|before|after|while|otherwise|instead)\b", re.IGNORECASE)


@emits(S.AGM075)
def contradictions(doc, ctx) -> Iterator[Problem]:
    data = text_of(doc)
    if data is None:
        return
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
            yield Problem(S.AGM075, f"{m.group()!r} contradicts line {first_line}; keep one of them",
                          Span(m.start(), m.end()))
            continue
        seen.setdefault(phrase, (positive, m.start()))
