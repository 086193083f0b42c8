"""Rule documentation rendered from rule data: docs pages, `explain`, SARIF help.

Sections follow ruff's order: what it does, why it matters, example, use instead,
fix safety, references. `python -m validator.ruledocs` writes `docs/rules/`, and with
`--check` fails when the committed pages differ from what the data says.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validator.model import Rule

_LEVEL_TEXT = {"MUST": "MUST (a normative requirement)", "SHOULD": "SHOULD (a recommendation)",
               "BEST_PRACTICE": "best practice (advice, no normative keyword)"}
_FIX_TEXT = {"none": "No automatic fix.", "safe": "A safe fix is available (`--fix`): it does not change meaning.",
             "unsafe": "An unsafe fix is available (`--fix --unsafe-fixes`): review it, it may change meaning."}


def rule_markdown(rule: Rule, *, heading: bool = True, source_link: str | None = "../../", implementation: bool = True) -> str:
    """The rule's page; SOURCE_LINK is the path from the page to the repository root (None: a plain path);
    IMPLEMENTATION names the emitter (which imports every check module)."""
    out: list[str] = []
    if heading:
        out.append(f"# {rule.code} `{rule.alias}`\n")
    out.append(f"**Standard:** {rule.standard} · **Default severity:** {rule.severity} · "
               f"**Level:** {_LEVEL_TEXT[rule.level]}" + ("" if rule.default_enabled else " · **Off by default** (opt in with `extend-select`)") + "\n")
    if rule.severities:
        others = " or ".join(rule.severities)
        out.append(f"**Severity varies:** {rule.severity} by default, {others} where it applies. {rule.severity_note}\n")
    from validator.emitters import emitter_of

    emitter = emitter_of(rule.code) if implementation else None
    if emitter is not None:
        where = f"[`{emitter.source_path}`]({source_link}{emitter.source_path})" if source_link is not None else f"`{emitter.source_path}`"
        out.append(f"**Implemented in:** {where}, `{emitter.name}`\n")
    out.append("## What it does\n")
    out.append(rule.summary + "\n")
    out.append("## Why is this bad?\n")
    out.append(rule.rationale + "\n")
    out.append("## Example\n")
    out.append(f"```{rule.example_language}\n{rule.bad.rstrip()}\n```\n")
    out.append("Use instead:\n")
    out.append(f"```{rule.example_language}\n{rule.good.rstrip()}\n```\n")
    if rule.notes or rule.supersedes or rule.fold:
        out.append("## Notes\n")
        if rule.notes:
            out.append(rule.notes + "\n")
        if rule.supersedes:
            named = ", ".join(f"[{code}]({code}.md)" for code in rule.supersedes)
            out.append(f"Where this rule and {named} report the same position, only this rule's finding is shown.\n")
        if rule.fold:
            out.append(_fold_text(rule) + "\n")
    out.append("## Fix safety\n")
    out.append(_FIX_TEXT[rule.fix] + "\n")
    out.append("## References\n")
    out.extend(f"- [{ref.title}]({ref.url})" for ref in rule.spec)
    return "\n".join(out).rstrip() + "\n"


def _fold_text(rule: Rule) -> str:
    """The Notes line of a rule whose repeats fold (`validator.lint.fold`)."""
    files = "more than one file" if rule.fold_after == 1 else f"more than {rule.fold_after} files"
    kind = ("findings whose messages differ only in quoted values (one author decision, such as a naming convention)"
            if rule.fold == "template" else "findings with the same message")
    return (f"Repeats fold: when {kind} occur in {files} of a repository, or identical findings occur at the same "
            "position of copies of one file, only the first is reported, naming the others (`--no-fold` lists each; "
            "see [output formats](../output-formats.md#folded-repeats)).")


def index_markdown(rules: list[Rule]) -> str:
    lines = ["# Rules\n", "Generated from the rule data by `python -m validator.ruledocs`; do not edit by hand.\n"]
    standard = None
    for rule in sorted(rules, key=lambda r: (r.standard != "general", r.standard, r.code)):
        if rule.standard != standard:
            standard = rule.standard
            lines.append(f"\n## {standard}\n")
            lines.append("| Code | Alias | Severity | Level | Fix | Summary |")
            lines.append("| --- | --- | --- | --- | --- | --- |")
        fix = "" if rule.fix == "none" else rule.fix
        off = " (off by default)" if not rule.default_enabled else ""
        summary = rule.summary.replace("|", r"\|")
        lines.append(f"| [{rule.code}]({rule.code}.md) | `{rule.alias}` | {rule.severity}{off} | {rule.level} | {fix} | {summary} |")
    return "\n".join(lines) + "\n"


def expected_pages() -> dict[str, str]:
    from validator.registry import all_rules

    rules = list(all_rules().values())
    pages = {f"{rule.code}.md": rule_markdown(rule) for rule in rules}
    pages["README.md"] = index_markdown(rules)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validator.ruledocs", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/rules is stale")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "rules"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    pages = expected_pages()
    stale = []
    for name, text in pages.items():
        path = out / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                out.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    extra = sorted(p.name for p in out.glob("*.md") if p.name not in pages) if out.exists() else []
    if args.check:
        if stale or extra:
            print(f"docs/rules is stale: {', '.join(stale + extra)}; run python -m validator.ruledocs", file=sys.stderr)
            return 1
        return 0
    for name in extra:
        (out / name).unlink()
    print(f"wrote {len(stale)} page(s), removed {len(extra)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
