"""Finding credentials in text and in configuration values, precision first.

Used by every standard that may hold secrets (client configs, instruction files,
manifests); it knows nothing about any of them. Two entry points:

- `find_secrets(text)`: high-confidence token formats anywhere in free text
  (GitHub, OpenAI, Anthropic, AWS, Slack, Google, Stripe live keys, GitLab, npm,
  Hugging Face, JWTs, private-key blocks, bearer tokens);
- `classify_value(value, name=...)`: one configuration value, also flagged when its
  key is named like a secret (`*_API_KEY`, `*_TOKEN`, `Authorization` ...) and the
  value looks random (entropy and character mix).

Placeholders are never secrets: variable references (`${env:X}`, `${input:x}`,
`${X}`, `$X`, `%X%`, `{{ x }}`), angle-bracket or bracketed hints (`<YOUR_KEY>`),
masked or elided text (`xxx`, `***`, `...`), documentation values (`your-api-key`,
`changeme`, AWS's published `...EXAMPLE` keys) and low-entropy strings. Research on
existing linters found every sampled "secret" hit to be a placeholder; this module
is tuned to stay quiet on those (see tests/test_secrets.py for both directions).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from validator.records import lazy, record

_FORMAT_SOURCES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # (kind, literals one of which every match contains, pattern)
    ("GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b"),
    ("GitHub fine-grained token", ("github_pat_",), r"\bgithub_pat_[A-Za-z0-9_]{50,255}\b"),
    ("Anthropic API key", ("sk-ant-",), r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{80,}"),
    ("OpenAI API key", ("sk-",), r"\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}"),
    ("OpenAI API key", ("T3BlbkFJ",), r"\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b"),
    ("OpenAI-style API key", ("sk-",), r"\bsk-[A-Za-z0-9]{40,}\b"),
    ("AWS access key id", ("AKIA", "ASIA", "ABIA", "ACCA"), r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"),
    ("Slack token", ("xox",), r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    ("Slack webhook", ("hooks.slack.com",), r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"),
    ("Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_\-]{35}\b"),
    ("Stripe live key", ("_live_",), r"\b(?:sk|rk)_live_[0-9a-zA-Z]{24,}\b"),
    ("GitLab token", ("glpat-",), r"\bglpat-[A-Za-z0-9_\-]{20,}\b"),
    ("npm token", ("npm_",), r"\bnpm_[A-Za-z0-9]{36}\b"),
    ("Hugging Face token", ("hf_",), r"\bhf_[A-Za-z0-9]{34,}\b"),
    ("JSON Web Token", ("eyJ",), r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
    ("private key", ("PRIVATE KEY",), r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
)
"""Each format runs only on text that holds one of its literals (a C-speed substring test),
and is compiled on first use: most files have none, and `check` must start fast."""


@cache
def _pattern(source: str) -> re.Pattern:
    return re.compile(source)


def _formats_for(text: str):
    for kind, literals, source in _FORMAT_SOURCES:
        if any(literal in text for literal in literals):
            yield kind, _pattern(source)


_SOURCES = {
    "bearer": r"\b[Bb]earer\s+([A-Za-z0-9\-._~+/]{20,}=*)",
    "secret_name": (
        r"(?i)(?:^|[_\-.])(?:token|secret|password|passwd|pwd|passphrase|api[_\-]?key|apikey|private[_\-]?key|"
        r"secret[_\-]?key|access[_\-]?key|client[_\-]?secret|credentials?|auth[_\-]?token|bearer|session[_\-]?key)$|"
        r"^(?:authorization|proxy-authorization|x-api-key|api-key|cookie)$"),
    "variable": r"\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{\{[^}]*\}\}|\$\{\{[^}]*\}\}",
    "hint": r"<[^<>]{1,80}>|\[[A-Za-z _\-]{3,40}\]",
    "placeholder_words": (
        r"(?i)(?:your|my)[_\-\s]?(?:[a-z]{2,12}[_\-\s]?)?(?:api|key|token|secret|pass|own)|example|sample|dummy|placeholder|changeme|change[_\-]me|"
        r"replace|insert|redacted|fake|mock|stub|xxxx|\*\*\*|\.\.\.|…|todo|tbd|<|>|secret_here|key_here|token_here|not[_\-]?set|"
        # a value saying no key is needed ("unused-bge-m3-is-authless" for a local endpoint, audit 24)
        r"unused|not[_\-]?(?:needed|required|used)|no[_\-]?key|authless|"
        r"^(?:none|null|undefined|test|password|secret|token|string|value|admin|root|demo|default)$"),
    "env_name": r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+",
}
"""Patterns compiled on first use (`_re`), so importing this module costs next to nothing."""


@cache
def _re(name: str) -> re.Pattern:
    return re.compile(_SOURCES[name])


_AWS_EXAMPLES = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
_PUBLIC_SAMPLES = (
    # jwt.io's debugger sample ({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}), quoted in
    # countless tests and docs; its signature part varies with the sample key, so the header+payload decide.
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
)
"""Credentials published as samples by their issuers: documentation, not secrets."""


@record(frozen=True)
class SecretHit:
    kind: str
    """What it looks like, e.g. 'GitHub token'."""
    start: int
    end: int
    """Offsets of the secret in the text or value that was scanned."""
    confidence: str
    """`high` for a known token format, `medium` for a random-looking value under a secret name."""


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def is_placeholder(value: str) -> bool:
    """VALUE is a reference, a hint or a documentation stand-in, not a credential."""
    text = value.strip().strip("\"'")
    if not text:
        return True
    if _re("variable").search(text) or _re("hint").search(text):
        return True
    if text in _AWS_EXAMPLES or text.endswith("EXAMPLE") or text.endswith("EXAMPLEKEY"):
        return True
    if any(text.removeprefix("Bearer ").startswith(sample) for sample in _PUBLIC_SAMPLES):
        return True
    if _re("placeholder_words").search(text):
        return True
    if _re("env_name").fullmatch(text):  # YOUR_PERSONAL_ACCESS_TOKEN, GITHUB_TOKEN: a variable's name, not its value
        return True
    if re.fullmatch(r"(?:gh[pousr]_[A-Za-z0-9]{1,35}|github_pat_[A-Za-z0-9_]{1,49})", text.removeprefix("Bearer ").strip()):
        return True  # a GitHub token's prefix on fewer characters than any GitHub token has (`ghp_abc123realtoken456`)
    body = re.sub(r"^(?:sk-|ghp_|xox.-|Bearer\s+)", "", text)
    if len(set(body.lower())) <= 3:  # xxxxxxxx, 00000000, abababab
        return True
    if re.fullmatch(r"(?i)[0-9a-z]?(?:0123456789|123456789|abcdefgh|qwerty)\w*", body):
        return True
    return False


_WORD_SLUG = lazy(r"(?:[a-z]{2,}[-_.]){2,}[a-z]{2,}")
"""Lower-case words joined by `-`, `_` or `.` (`sk-acme-dev-local-testing-key`): a name, not a random key."""


def _looks_random(value: str) -> bool:
    if _WORD_SLUG.fullmatch(value):
        return False
    if len(value) < 16 or len(value) > 512 or " " in value.strip():
        return False
    classes = sum(bool(re.search(pattern, value)) for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    if classes < 2:
        return False
    return entropy(value) >= 3.5


def find_secrets(text: str) -> list[SecretHit]:
    """Known credential formats in TEXT (offsets into TEXT), placeholders excluded."""
    hits: list[SecretHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _formats_for(text):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            if kind != "private key" and is_placeholder(match.group()):
                continue
            if kind == "private key" and _elided_key_block(text, end):
                continue
            hits.append(SecretHit(kind, start, end, "high"))
            taken.append((start, end))
    for match in (_re("bearer").finditer(text) if "earer" in text else ()):
        start, end = match.span(1)
        token = match.group(1)
        if any(a < end and start < b for a, b in taken) or is_placeholder(token) or not _looks_random(token):
            continue
        hits.append(SecretHit("bearer token", start, end, "high"))
        taken.append((start, end))
    return sorted(hits, key=lambda hit: hit.start)


def _elided_key_block(text: str, after: int) -> bool:
    """A PEM header followed by `...`, a placeholder or nothing is an example, not a key."""
    body = text[after:after + 200].strip()
    if not body or body.startswith(("...", "…", "<", "[", "-----END", "(")) or is_placeholder(body.split()[0]):
        return True
    # a test's stand-in body (`"-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----"`, audit 21): a key's
    # base64 runs to hundreds of characters before its END line
    end = body.find("-----END")
    return end != -1 and len(re.sub(r"\\[nr]|[^A-Za-z0-9+/=]", "", body[:end])) < 40


def classify_value(value: str, *, name: str | None = None) -> SecretHit | None:
    """The secret in one configuration VALUE (keyed NAME), or None."""
    if not isinstance(value, str) or is_placeholder(value):
        return None
    hits = find_secrets(value)
    if hits:
        return hits[0]
    if name and _re("secret_name").search(name):
        candidate = value.strip()
        for prefix in ("Bearer ", "bearer ", "Basic ", "token "):
            if candidate.startswith(prefix):
                candidate = candidate[len(prefix):]
        if _looks_random(candidate) and not is_placeholder(candidate):
            start = value.find(candidate)
            return SecretHit(f"value of {name}", start, start + len(candidate), "medium")
    return None


def secrets_in(value, pointer: tuple = (), *, skip: frozenset[str] = frozenset()):
    """(pointer, first hit) for every string of a parsed document (dicts and lists) that holds
    a known credential format. Members named in SKIP are not entered: the caller judges
    those values by their names with `classify_value`."""
    stack = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            stack.extend((where + (key,), child) for key, child in reversed(node.items()) if key not in skip)
        elif isinstance(node, list):
            stack.extend((where + (i,), child) for i, child in reversed(list(enumerate(node))))
        elif isinstance(node, str) and len(node) >= 16:
            hits = find_secrets(node)
            if hits:
                yield where, hits[0]


def secret_name(name: str) -> bool:
    """NAME (an env var, header or config key) is one that holds a secret: `*_API_KEY`, `Authorization` ..."""
    return _re("secret_name").search(name) is not None
