"""File integrity (the GEN rules) and the shared loader for structured files.

Whatever the standard, a file that is not UTF-8, not well-formed, too large or too
deep gets a finding with a position instead of a traceback, and the standard's own
checks are skipped for it. Suppression bookkeeping (stale baseline entries, unused
or unknown inline directives) reports under GEN rules as well.
"""

from __future__ import annotations

from validator.emitters import emits
from validator.model import Fix, Problem, Rule, SpecRef
from validator.parsing.document import ParseError, StructuredDocument, nesting_exceeds
from validator.parsing.text import DecodedText, Region, TextIndex

RFC8259 = "https://www.rfc-editor.org/rfc/rfc8259"
TOML_SPEC = "https://toml.io/en/v1.0.0"
YAML_SPEC = "https://yaml.org/spec/1.2.2/"
DOCS = "https://github.com/agentconform/agentconform/blob/main/docs"

GEN001 = Rule(
    code="GEN001", alias="invalid-syntax", standard="general", severity="error", level="MUST",
    summary="The file is not well-formed JSON, JSONC, TOML or YAML.",
    rationale=(
        "Every consumer parses the file before anything else; a syntax error means the "
        "whole file is ignored or rejected (the MCP registry answers 400, Claude Code and "
        "Cursor drop every server of a broken config). The finding points at the first "
        "character the parser could not accept."
    ),
    bad='{"name": "io.github.acme/weather",}', good='{"name": "io.github.acme/weather"}',
    spec=(SpecRef(f"{RFC8259}#section-2", "RFC 8259 §2 JSON grammar"),
          SpecRef(TOML_SPEC, "TOML v1.0.0"), SpecRef(YAML_SPEC, "YAML 1.2.2")),
)
GEN002 = Rule(
    code="GEN002", alias="invalid-encoding", standard="general", severity="error", level="MUST",
    summary="The file is not UTF-8 text (UTF-16, invalid bytes or binary data).",
    rationale=(
        "JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1); agents read "
        "instruction files as UTF-8 and decode anything else lossily. The finding points "
        "at the first undecodable byte."
    ),
    bad="(bytes) ff fe 7b 00 22 00", good='{"name": "io.github.acme/weather"}',
    spec=(SpecRef(f"{RFC8259}#section-8.1", "RFC 8259 §8.1 Character Encoding"),),
    example_language="text",
)
GEN003 = Rule(
    code="GEN003", alias="byte-order-mark", standard="general", severity="error", level="MUST",
    summary="The file starts with a UTF-8 byte order mark.",
    rationale=(
        "RFC 8259 §8.1: implementations MUST NOT add a byte order mark to JSON text. "
        "Go's `encoding/json` (the MCP registry) and Node's `JSON.parse` (Claude Code, "
        "mcpb) reject a JSON file that starts with one. In YAML files and in Markdown that opens with front "
        "matter it stands before the `---`, where a front matter reader that does not strip it finds none "
        "(skills-ref refuses such a SKILL.md); in other Markdown agents read it as one invisible character."
    ),
    bad="(bytes) ef bb bf 7b ...", good="(bytes) 7b ...",
    spec=(SpecRef(f"{RFC8259}#section-8.1", "RFC 8259 §8.1 Character Encoding"),),
    fix="safe", example_language="text",
    severities=("warning", "info"),
    severity_note="An error in JSON files, which JSON parsers refuse with a byte order mark; a warning in YAML and "
                  "TOML files and in Markdown that opens with front matter; an info in other Markdown, where it is "
                  "harmless to most readers (audit 16: 62 instruction files of one repository).",
    fold="message",
)
GEN004 = Rule(
    code="GEN004", alias="duplicate-key", standard="general", severity="warning", level="SHOULD",
    summary="An object has the same key twice; only the last one counts.",
    rationale=(
        "RFC 8259 §4: names within an object SHOULD be unique. Every common parser keeps "
        "the last value silently, so the first one is dead text that readers still trust."
    ),
    bad='{"version": "1.0.0", "version": "1.1.0"}', good='{"version": "1.1.0"}',
    spec=(SpecRef(f"{RFC8259}#section-4", "RFC 8259 §4 Objects"),),
)
GEN005 = Rule(
    code="GEN005", alias="file-too-large", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="The file is larger than the size limit and was not checked.",
    rationale=(
        "Manifests and instruction files are kilobytes long; a multi-megabyte file under "
        "one of their names is almost certainly generated or misplaced. It is reported "
        "instead of parsed so a run stays fast and bounded (`max-file-size`)."
    ),
    bad="server.json (10 MB)", good="server.json (2 KB)",
    spec=(SpecRef(f"{DOCS}/configuration.md", "agentconform configuration: max-file-size"),),
    example_language="text",
)
GEN006 = Rule(
    code="GEN006", alias="nesting-too-deep", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="The file nests objects or arrays deeper than any consumer should accept.",
    rationale=(
        "Parsers bound nesting (Go's `encoding/json` stops at 10,000 levels, many "
        "validators far earlier); no real manifest nests beyond a few dozen levels. The "
        "file is reported and not checked further."
    ),
    bad="[[[[[[ ... 20,000 levels ... ]]]]]]", good='{"packages": [{"transport": {"type": "stdio"}}]}',
    spec=(SpecRef(f"{RFC8259}#section-9", "RFC 8259 §9 Parsers (limits on nesting)"),),
    example_language="text",
)
GEN007 = Rule(
    code="GEN007", alias="file-not-read", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="A file a standard owns by name was not read: a symlink out of the repository or to nothing, not a regular file, or unreadable.",
    rationale=(
        "`check` reads only regular files inside the repository it lints. A symlink that leads "
        "elsewhere could carry a file of the machine (a token, a key) into the output, CI logs "
        "and code-scanning alerts; a named pipe or a device could hang the run or never end. "
        "Such a file is reported here instead of being read, and nothing of its content is shown. "
        "A file that cannot be read at all (permission denied, an I/O error) is a file nobody "
        "checked: passing the run would say it is fine."
    ),
    bad="server.json -> /home/ci/.config/secrets.json", good="server.json (a regular file in the repository)",
    spec=(SpecRef(f"{DOCS}/security.md", "agentconform security: what check reads"),),
    example_language="text",
    severities=("error",),
    severity_note="An error when the file cannot be read at all (permission denied, an I/O error), so nobody "
                  "checked it; a warning when it was left unread on purpose (a symlink out of the repository or to "
                  "nothing, a FIFO, a device, a socket, a folder).",
    notes="Dangling symlinks of one layout (`.gemini/skills/*/SKILL.md` pointing at skills that moved) are one finding "
          "at the first, with the count and names of the others: one stale mirror folder is one fix. A file named on "
          "the command line is always reported on its own. A dangling symlink's relative target is shown.",
)
GEN010 = Rule(
    code="GEN010", alias="stale-baseline-entry", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="A baseline entry no longer matches any finding.",
    rationale=(
        "A baseline records known findings so that only new ones fail a build. When the "
        "problem is fixed, its entry should go, or a later regression of the same rule in "
        "the same file would be silently accepted. Rewrite it with `--write-baseline`."
    ),
    bad='{"findings": {"server.json": {"SRV012": 2}}}  (only one SRV012 left)',
    good='{"findings": {"server.json": {"SRV012": 1}}}',
    spec=(SpecRef(f"{DOCS}/suppressions.md#baseline", "agentconform suppressions: baseline"),),
    fix="none",
)
GEN011 = Rule(
    code="GEN011", alias="unused-suppression", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="An inline `agentconform-disable` directive suppresses nothing.",
    rationale=(
        "Like ruff's RUF100: a directive that no longer matches a finding hides the next "
        "real problem at that place, and is noise for readers."
    ),
    bad="<!-- agentconform-disable-next-line AGM055 -->\nSee `docs/present.md`.",
    good="See `docs/present.md`.",
    spec=(SpecRef(f"{DOCS}/suppressions.md#inline-directives", "agentconform suppressions: inline directives"),),
    example_language="markdown",
)
GEN012 = Rule(
    code="GEN012", alias="invalid-suppression", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="An inline directive names no known rule or is malformed.",
    rationale=(
        "A misspelt code in a directive suppresses nothing while looking like it does "
        "(sqlfluff reports malformed `noqa` the same way)."
    ),
    bad="<!-- agentconform-disable-next-line AGM9999 -->", good="<!-- agentconform-disable-next-line AGM055 -->",
    spec=(SpecRef(f"{DOCS}/suppressions.md#inline-directives", "agentconform suppressions: inline directives"),),
    example_language="markdown",
)

GEN013 = Rule(
    code="GEN013", alias="unused-per-file-ignore", standard="general", severity="warning", level="BEST_PRACTICE",
    summary="A `per-file-ignores` entry suppressed nothing in a run over the whole repository.",
    rationale=(
        "An ignore that no longer matches a finding (the file was fixed, renamed or removed, "
        "or the glob never matched) hides the next real finding there without anyone deciding "
        "it should. Reported only when the run covered the whole repository and the rules the "
        "entry names were selected, so a pre-commit run on a few files never calls an entry unused."
    ),
    bad='[tool.agentconform.per-file-ignores]\n"servers/old/server.json" = ["SRV031"]   # the file is gone',
    good="(the entry removed)",
    spec=(SpecRef(f"{DOCS}/suppressions.md#per-file-ignores", "agentconform suppressions: per-file ignores"),),
    example_language="toml",
)

RULES = (GEN001, GEN002, GEN003, GEN004, GEN005, GEN006, GEN007, GEN010, GEN013)
INLINE_RULES = (GEN011, GEN012)
"""Registered only when some standard reads inline directives (`INLINE_DIRECTIVES = True`)."""

REMOVE_BOM = Fix("remove the byte order mark", (), "safe", drop_bom=True)

MAX_DUPLICATES_LISTED = 19
"""Past this many duplicate keys in one file, one finding counts the rest: twenty findings in all, the cap every rule
keeps in a repository (`validator.lint.fold.CAP`)."""

CHECK_DEPTH_LIMIT = 64
"""Values nested deeper are not handed to the standards' checks (jsonschema recurses)."""


@emits(GEN001, GEN004, GEN006)
def load_structured(source, fmt: str, *, bom_severity: str | None = None) -> tuple[StructuredDocument | None, list[Problem]]:
    """Decode and parse SOURCE as FMT (`json`, `jsonc`, `yaml`, `toml`).

    Returns the document (None when it cannot be checked) and the integrity problems.
    A UTF-8 BOM is reported and then skipped so the rest of the file is still checked.
    """
    if source.too_large:
        return None, [too_large(source)]
    problems = decoding_problems(source.decoded, bom_severity or ("error" if fmt == "json" else "warning"))
    decoded = source.decoded
    text = decoded.text
    if text is None:
        return None, problems
    try:
        if fmt in ("json", "jsonc"):
            from validator.parsing.json import parse_json

            doc = parse_json(text, jsonc=fmt == "jsonc", had_bom=decoded.had_bom)
        elif fmt == "yaml":
            from validator.parsing.yaml import parse_yaml

            doc = parse_yaml(text, had_bom=decoded.had_bom)
        elif fmt == "toml":
            from validator.parsing.toml import parse_toml

            doc = parse_toml(text, had_bom=decoded.had_bom)
        else:
            raise ValueError(f"unknown format {fmt!r}")
    except ParseError as err:
        region = TextIndex(text).region(err.offset)
        rule = GEN006 if err.kind == "depth" else GEN001
        label = {"json": "JSON", "jsonc": "JSON with comments", "yaml": "YAML", "toml": "TOML"}[fmt]
        problems.append(Problem(rule, f"invalid {label}: {err.message}", region))
        return None, problems
    for dup in doc.duplicates[:MAX_DUPLICATES_LISTED]:
        first_line = doc.index.position(dup.first_start)[0]
        problems.append(Problem(GEN004, f"duplicate key {dup.pointer[-1]!r} (first defined on line {first_line}); the last value wins",
                                doc.index.region(dup.key_start, dup.key_end)))
    if len(doc.duplicates) > MAX_DUPLICATES_LISTED:
        dup = doc.duplicates[MAX_DUPLICATES_LISTED]
        problems.append(Problem(GEN004, f"{len(doc.duplicates) - MAX_DUPLICATES_LISTED} more duplicate keys from here on "
                                        f"(the first {MAX_DUPLICATES_LISTED} are listed); the last value of each wins",
                                doc.index.region(dup.key_start, dup.key_end)))
    if nesting_exceeds(doc.value, CHECK_DEPTH_LIMIT):
        problems.append(Problem(GEN006, f"values nest deeper than {CHECK_DEPTH_LIMIT} levels; not checked further", Region.file_start()))
        return None, problems
    return doc, problems



@emits(GEN005)
def too_large(source) -> Problem:
    """GEN005 for a file over the size limit (load_structured's and the Markdown readers')."""
    mib = source.size / (1024 * 1024)
    return Problem(GEN005, f"file is {mib:.1f} MiB, over the {source.max_bytes // (1024 * 1024)} MiB limit; not checked",
                   Region.file_start())


@emits(GEN007)
def refused(refusal, *, target: str = "", also: tuple[str, ...] = (), pattern: str = "") -> Problem:
    """A file that was not read (see `files.read_regular`): an error when it cannot be read at all.
    TARGET is a dangling symlink's relative target; ALSO the other dangling symlinks of the same
    layout (PATTERN, `.gemini/skills/*/SKILL.md`), reported in this one finding."""
    if refusal.kind == "unreadable":
        return Problem(GEN007, f"cannot read the file: {refusal.detail}", Region.file_start(), severity="error")
    message = f"not read: {refusal.detail}" + (f" ({target})" if target else "")
    if also:
        names = ", ".join(also[:3]) + (", ..." if len(also) > 3 else "")
        message += f"; so do {len(also)} more symlink{'s' if len(also) > 1 else ''} in {pattern}: {names}"
    return Problem(GEN007, message, Region.file_start())


@emits(GEN002, GEN003)
def decoding_problems(decoded: DecodedText, bom_severity: str, *,
                      bom_message: str = "remove the UTF-8 byte order mark at the start of the file",
                      encoding_hint: str = "") -> list[Problem]:
    """GEN002 for text that is not UTF-8 and GEN003 for a byte order mark (load_structured's and the Markdown readers')."""
    problems = []
    for problem in decoded.problems:
        if problem.kind == "bom":
            problems.append(Problem(GEN003, bom_message, Region(1, 1, 1, 2), fix=REMOVE_BOM, severity=bom_severity))
        else:
            problems.append(Problem(GEN002, problem.message + encoding_hint, Region(problem.line, problem.column, problem.line, problem.column + 1)))
    return problems


class SourceView:
    """SOURCE seen through a replacement TEXT with the same positions (a front matter
    prefix, a template with its tags blanked): `load_structured` then reports encoding,
    BOM, syntax and duplicate-key problems of the view at the file's own lines."""

    def __init__(self, source, text: str) -> None:
        self.relpath = source.relpath
        self.too_large = source.too_large
        self.size = source.size
        self.max_bytes = source.max_bytes
        original = source.decoded
        self.decoded = DecodedText(text, original.problems, original.had_bom)


def best_effort_text(source, limit: int = 65536) -> str:
    """Text of SOURCE for sniffing only (is this file ours?), whatever its encoding."""
    if not source.too_large and source.decoded.text is not None:
        return source.decoded.text[:limit]
    raw = source.head(limit)
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace")
    return raw.decode("latin-1")
