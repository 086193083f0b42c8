"""Paths a SKILL.md shows rather than references: a form contrasted with another, the examples of a rule under a
verdict ("Valid:", "Bad:"), and a file the agent is told to write.

A skill that teaches path rules quotes paths that are no files of its own; these are the cues that say so,
used by SKL014 beside the instruction files' shared predicates (`validator.repo.prose`).
"""

from __future__ import annotations

from validator.records import lazy

_VERDICTS = (r"(?:valid|invalid|good|bad|correct|incorrect|right|wrong|disallowed|not\s+allowed|unacceptable|"
             r"don'?t|do\s+not|avoid)")
"""Verdict words that label a rule's examples; not a bare "Do:", whose list may name the skill's own scripts."""
VERDICT_LABEL = lazy(r"(?i)^[\s>#*_-]*(?:✅|❌|✔️?|✗|👍|👎)?[\s*_]*" + _VERDICTS
                      + r"(?:\s+(?:examples?|usage|patterns?|paths?|references?|forms?|style))?[\s*_:]*(?:(?:✅|❌)\s*)?$")
"""A list's lead-in that is only a verdict ("**Valid:**", "❌ Bad:", "Don't:"): its items illustrate a rule, they
name no file of the skill (a skill that teaches path rules: "- `./scripts/tool.py` → `.agents/skills/Y/...` ✅")."""
VERDICT_PREFIX = lazy(r"(?i)^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:✅|❌|✔️?|✗)?[\s*_]*" + _VERDICTS + r"\**:[\s*_]*`?$")
"""The same verdict opening the path's own line ("- Good: `scripts/x.py`")."""
_CONTRAST_AFTER = lazy(r"^`?\s*,?\s*(?:not|instead\s+of|rather\s+than|vs\.?|versus)\s+`([^`\n]+)`")
_CONTRAST_BEFORE = lazy(r"`([^`\n]+)`\s*,?\s*(?:not|instead\s+of|rather\s+than|vs\.?|versus)\s+`?$")


def style_contrast(line: str, span: tuple[int, int]) -> bool:
    """The path at SPAN is one side of a contrast of two ways to write the same path ("forward slashes
    (`reference/guide.md`, not `reference\\guide.md`)", "`./a.md` vs `a.md`"): a form shown, not a file."""
    other = _CONTRAST_AFTER.match(line[span[1]:]) or _CONTRAST_BEFORE.search(line[:span[0]])
    if other is None:
        return False

    def form(path: str) -> str:
        return path.replace("\\", "/").removeprefix("./").lower()

    here, there = line[span[0]:span[1]], other.group(1).strip()
    return here != there and form(here).rsplit("/", 1)[-1] == form(there).rsplit("/", 1)[-1]


WRITE_TARGET = lazy(
    r"(?i)\b(?:write|writes|writing|save|saves|saving|log|logs|logging|dump|dumps|store|stores|storing|record|records|"
    r"append|appends|export|exports|output|outputs|persist|persists|emit|emits)\b"
    r"(?:(?!\b(?:templates?|format|described|explained|shown|documented|specified|defined|listed|outlined|detailed|"
    r"schema|conventions?|rules|guide|following|according|per|using|from|see|based|read|reads|load|loads)\b)"
    r"[^.;:!?\n]){0,160}?\b(?:to|into|in|as)\s+(?:(?:an?|the|a\s+new|new|your)\s+)?(?:\*\*)?`?$")
"""Before a path, the clause that writes to it ("log the `total_tokens` ... into an `evals/timing.json` file", "save the
report to `reports/audit.md`"): an output the agent makes, which need not exist yet. Not after "the format in",
"using the template in", "read from": those name files to open."""
