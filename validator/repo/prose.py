"""How prose talks about paths: sentences about examples, made-up names, paths into one person's home.

Several standards judge the paths their Markdown names (AGENTS.md's backticked paths,
a SKILL.md's bundled files) and the paths that only exist on the author's machine. They
share these predicates so that "this is an example" and "this is a placeholder" mean the
same everywhere:

    sentence(text, start, end)   the sentence or list item around a span
    HEDGES                       words that make a path hypothetical (examples, new, generated,
                                 external, missing files): for prose about a repository
    lead_in(text, start)         the line that introduces the list around START
    ADVICE_CUES                  "move ... to", "the analysis shows": layout advice, files to create
    EXAMPLE_CUES                 the narrower set that marks an illustration ("Example:", "e.g.",
                                 "such as", "would be", "create a ..."): for prose that describes
                                 its own files, where "generate" or "template" are ordinary words
    labelled_example(text, at)   an example label ("Example:", "e.g.") right before AT on its line
    untracked(text, s, e, sent)  the sentence or table row says git does not hold the path ("gitignored")
    conditional(text, s, e)      the sentence or its list's lead-in makes the path conditional ("when present",
                                 "if it exists", "(optional)", "(coming)", "If a reference exists, load it:")
    placeholder_name(path)       `scripts/script_name.py`, `src/foo/bar.ts`, `docs/adr/YYYY-MM-DD-slug.md`: a made-up name
    example_cell(text, start)    START is in a table column headed "Example", "Format", "Pattern" ...
    in_other_package(text, s, e) the sentence or table cell puts the path in another named package
    home_paths(text)             `/Users/alice/...`, `C:\\Users\\bob\\...` with a real-looking user
    on_remote_host(text, start)  the path at START is on another machine (`ssh host '/home/...'`, `host:/home/...`)
    rewritten_path(text, end)    the path ending at END is shown turning into another form (`X -> Y`)

Pure text; no I/O, no rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from validator.records import lazy

HEDGES = lazy(
    r"\b(?:e\.g|for example|for instance|such as|like|example|create[sd]?|creating|new|generate[sd]?|"
    r"will be|would|rename[sd]?|move[sd]?|deleted?|removed?|old|deprecated|previously|formerly|"
    r"instead of|no longer|placeholder|template|pattern|convention|named?|"
    r"should (?:be|live|go)|put|place|outputs?|produces?|builds? to|compiles? to|writes? to|sav(?:e|es|ed|ing)(?: (?:the|a|an|your|it|them|this|that|results?|reviews?|reports?|output))? (?:to|in|into)|"
    r"migrat\w*|downloads?|cache|temporary|your|their|external|upstream|hypothetical|suppose|imagine|"
    r"no|without|absent|missing|lacks?|isn't|doesn't|does not|don't|do not|not yet|nonexistent|pending|planned|tbd|wip|"
    r"not (?:present|found|there)|"
    r"(?:that|another|other|the\s+\w+|their|a\s+\w+)\s+repo(?:sitory)?|"
    r"writes?|written|emits?|bundl\w*|build[- ]time|at build|at runtime|generat\w*|hook|"
    # files the agent is told to keep up itself: "log decisions to", "append to", "document in"
    r"log(?:s|ged)? (?:\w+ )?(?:to|in)|append(?:s|ed)? (?:\w+ )?to|document(?:ed)? (?:\w+ )?in|record(?:ed)? (?:\w+ )?in|"
    # what a tool or run writes as it goes: "Exports to `.beads/issues.jsonl`", "Results are tracked in `history.json`"
    r"exports? (?:\w+ )?to|tracked in|"
    # what a checker matches: "`check_portability.py` flags `.agents/`, `.claude/lib/` ... in prose" (audit 23)
    r"flag(?:s|ged)|"
    # what a command of the tool writes into the user's project: "`mailbox init` seeds `.claude/MAILBOX.md`" (audit 24)
    r"seeds|seeded|scaffolds|scaffolded|"
    # where new code is to go: "Extract complex logic into custom hooks in `src/hooks/`", "Abstract database
    # operations into a service layer (`src/services/`)" (audit 20: a boilerplate's rules, before the folders exist)
    r"(?:extract|abstract)\w* (?:[\w-]+ ){0,4}into)\b"
    # the same in Chinese and Japanese, where words have no boundaries: "do not" (不要创建 `docs/x/`), "for example"
    r"|不要|不得|请勿|切勿|禁止|不应|例如|比如|譬如|示例|[（(]如\s|例えば|例：|しない",
    re.IGNORECASE)

UNTRACKED = lazy(r"\bgit[- ]?ignored\b|\bignored by git\b|\b(?:in|to) \.gitignore\b|\bnot (?:checked in|committed|version[- ]controlled)\b",
                 re.IGNORECASE)
"""What git never holds, so a clone lacks it: "`.env.local` is gitignored", a table row saying so
(`| local | `.claude/plugins.local/` | Dev/testing | No (gitignored) |`, audit 22). Read on the path's sentence
or its table row."""


_EXAMPLE_LEAD = lazy(r"(?:\bexample(?!s)|\be\.g\.?|\bfor (?:example|instance)|\bsuch as|例如|比如|例えば)[*_]*\s*[:,]?[*_]*\s*"
                     r"(?:!?\[[^\]\n]*\]\(<?|`)?$",
                     re.IGNORECASE)


def labelled_example(text: str, start: int, target: str = "") -> bool:
    """What precedes START on its line ends in an example label (singular: "Template examples: [assets/](assets/)" points
    at where examples are): "- Example: [prisma.mdc](mdc:.cursor/rules/x.mdc)"
    (START at the link's destination or label), "e.g. `npm test`": an illustration of a syntax, not a reference to follow (audit 23: Cursor's cursor_rules.mdc)."""
    if re.search(r"(?i)exampl|sampl", target.rsplit("/", 1)[-1]):
        return False  # "Examples: [examples.md](examples.md)": the label names the file of examples, a reference
    line_start = text.rfind("\n", 0, start) + 1
    return _EXAMPLE_LEAD.search(text, line_start, start) is not None


def untracked(text: str, start: int, end: int, sentence: str) -> bool:
    """The sentence of TEXT[START:END], or its table row, says git does not hold it (UNTRACKED)."""
    if UNTRACKED.search(sentence):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    row = text[line_start:len(text) if line_end == -1 else line_end]
    return row.lstrip().startswith("|") and bool(UNTRACKED.search(re.sub(r"`[^`\n]*`", " ", row)))


EXAMPLE_CUES = lazy(
    r"(?:\be\.g\.|\bfor (?:example|instance)\b|\bsuch as\b|\bexamples?\b\W{0,4}:|"
    r"\bexamples? (?:include|are|would be)\b|\bwould (?:be|live|go|contain|hold)\b|\bcould (?:be|include)\b|"
    r"\b(?:create|add) (?:a|an|one|new|your)\b|\bhypothetical\b|\bsuppose\b|\bimagine\b|\bplaceholder\b"
    r"|例如|比如|譬如|示例|[（(]如\s|例えば|例：)",
    re.IGNORECASE)

ADVICE_CUES = lazy(
    r"\bmove (?:[\w-]+ ){0,4}(?:to|into|there)\b|\bsplit (?:[\w-]+ ){0,4}into\b|\bthe analysis shows\b",
    re.IGNORECASE)
"""Advice on how to lay out files ("Move detailed content to references/:", "the analysis shows:"): what
follows names files to create. For paths only; a secret after "move this to env:" is still a secret."""

_LIST_ITEM = lazy(r"^\s*(?:[-*+]|\d+[.)])\s")


def lead_in(text: str, start: int) -> str:
    """The paragraph line that introduces the list holding START ("Move detailed content there:"), or ''
    when START is not in a list item. A list item often carries no cue of its own: the lead-in says
    whether its paths exist or are to be created."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", line_start)
    if not _LIST_ITEM.match(text[line_start:len(text) if line_end == -1 else line_end]):
        return ""
    at = line_start
    while at > 0:
        previous_start = text.rfind("\n", 0, at - 1) + 1
        line = text[previous_start:at - 1]
        if not line.strip():
            return ""
        if not _LIST_ITEM.match(line) and not line.startswith((" ", "\t")):
            return line
        at = previous_start
    return ""


def sentence_stop(text: str, start: int) -> int:
    """The last '. ' before START that ends a sentence (not 'e.g. ', 'i.e. ', 'etc. ', 'vs. ')."""
    at = text.rfind(". ", 0, start)
    while at != -1 and re.search(r"(?:\be\.g|\bi\.e|\betc|\bvs|\bcf)$", text[max(0, at - 4):at], re.IGNORECASE):
        at = text.rfind(". ", 0, at)
    return at


def sentence(text: str, start: int, end: int) -> str:
    """The sentence, list item or table cell of TEXT around START..END."""
    left = max(sentence_stop(text, start), text.rfind("\n\n", 0, start), text.rfind("\n-", 0, start),
               text.rfind("\n*", 0, start), text.rfind("\n|", 0, start), -1)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end), text.find("\n-", end),
                                    text.find("\n*", end), text.find("|", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right]


PLACEHOLDER_WORDS = frozenset({
    "here", "foo", "bar", "baz", "qux", "xxx", "yyy", "example", "sample", "your", "my", "placeholder", "whatever",
    "something", "todo", "new", "name", "thing", "stuff", "mything", "mymodule", "filename", "dirname",
})


_SLOT_WORDS = frozenset({"NAME", "SCRIPT", "SKILL", "FILE", "FILENAME", "SLUG", "FEATURE", "COMPONENT", "MODULE",
                         "SERVICE", "PACKAGE", "PROJECT", "TOPIC", "TICKET", "ISSUE", "ID"})


def _slot_segment(segment: str) -> bool:
    """An ALL-CAPS slot word standing for a name: the whole segment (`NAME/`) or among lower-case words
    (`test_SCRIPT.py`); not a file named in capitals (`FILE_FORMAT.md`, `PROJECT_STATUS.md`) (audit 23)."""
    words = [w for w in re.split(r"[-_.]", segment) if w]
    if not any(w in _SLOT_WORDS for w in words):
        return False
    return len(words) == 1 or not all(w.isupper() or w.isdigit() or w.lower() in ("md", "py", "ts", "js", "sh") for w in words)


def placeholder_name(path: str) -> bool:
    """`tests/ci/test_action_EventNameHere.py`, `src/foo/bar.ts`, `scripts/script_name.py`: a made-up name."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", last.rsplit(".", 1)[0] if "." in last else last)
    return any(word.lower() in PLACEHOLDER_WORDS for word in words) or any(
        part.lower() in ("foo", "bar", "baz", "example", "your", "my")
        or part.lower().startswith(("my-", "my_", "your-", "your_", "example-", "sample-"))  # `plugins/my-plugin/`
        for part in path.split("/")[:-1]) or bool(
        _DATE_PLACEHOLDER.search(path)) or any(_slot_segment(part) for part in path.rstrip("/").split("/"))


_PRESENT = r"(?:present|exists?|available|provided|found|included)"
_CLAUSE = r"(?:[^\n;:!?`.]|\.(?!\s|$))"
"""A character of the same clause: not a clause or sentence end, not a code span's start (`--config a.toml` is one)."""
_NOTES = r"optional|if\s+(?:any|present|available)|coming(?:\s+soon)?|planned|todo|tbd|wip|not\s+yet\s+\w+"
"""A parenthesised note that makes a path optional or planned: "(optional)", "(if present)", "(coming)"."""
_CONDITIONAL_AFTER = lazy(
    rf"^{_CLAUSE}{{0,40}}`?{_CLAUSE}{{0,30}}?(?:\b(?:if|when|where|whenever)\s+(?:it\s+|one\s+|they\s+|the\s+(?:file|script|folder)\s+)?"
    rf"(?:is\s+|are\s+|does\s+)?{_PRESENT}\b|\((?:{_NOTES})\))", re.IGNORECASE)
"""After the path, in its clause: "`python3 scripts/count-debt.py` when present", "`docs/ADR.md` (optional)",
"`scripts/lint.sh`, if it exists,", "`references/rails.md` - Rails patterns (coming)"; not across another code span
("`a.sh` and `b.sh` if present")."""
_ITEM_LED = lazy(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\*\*|__)?`")
_PAREN_CONDITIONAL = lazy(rf"\((?:{_NOTES}|if\s+(?:it\s+)?exists)\)", re.IGNORECASE)
"""A list item led by the path, noted as optional or planned anywhere on its line."""
_CONDITIONAL_LEAD = lazy(rf"^\W*(?:if|when|where)\b[^.\n]{{0,80}}?\b(?:exists?|(?:is|are)\s+{_PRESENT})\b", re.IGNORECASE)
"""A list's lead-in that makes every item conditional: "If framework-specific reference exists, load it:"."""
_IF_BEFORE = lazy(r"\b(?:if|when|whether)\s+(?:(?:a|an|the)\s+)?[`'\"]?$", re.IGNORECASE)
_PRESENT_AFTER = lazy(r"^[`'\"]?\s*(?:file\s+|script\s+|folder\s+)?(?:exists|is\s+(?:present|available|provided|found))\b",
                      re.IGNORECASE)
_CHECK_BEFORE = lazy(r"\b(?:verify|check|confirm|ensure|make\s+sure)\b[^.;:\n`]{0,50}`?$", re.IGNORECASE)
_EXISTS_AFTER = lazy(r"^[`'\"]?[^.;\n]{0,40}?\b(?:exists?|is\s+present)\b", re.IGNORECASE)
"""An existence check on the path: "Check `src/lib.rs` exists", "verify the model file exists under `models/`"."""
_THERE_IS_BEFORE = lazy(r"\b(?:if|when|whether)\s+there\s+is\s+(?:a|an)\s+[`'\"]?$", re.IGNORECASE)


_ABSENT_NEXT = lazy(r"[`'\")\]]*(?:\([^)\n]*\))?[^.\n]{0,40}?[.:;]\s*(?:[A-Z][^.\n]{0,40}?[.;]\s*)?If\s+(?:that|this|the|it)\s+(?:file\s+|folder\s+)?"
                   r"(?:does\s*n[o']t|is\s*n[o']t|is\s+missing|is\s+absent)", re.IGNORECASE)
"""The sentence after the path says what to do when it is absent ("... `custom/SKILL.md`. If that file does not exist,
this instance has none"): the reference is conditional (audit 18)."""


def conditional(text: str, start: int, end: int) -> bool:
    """The sentence itself makes the path at START..END conditional: "`scripts/x.py` when present", "if it exists",
    "if available", "(optional)", "If `docs/adr.md` exists, read it", "if there is a `Makefile`". Such a path names a
    file that may be absent (often one of the user's project), so its absence is no broken reference."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end:min(len(text) if line_end == -1 else line_end, end + 120)]
    if _CONDITIONAL_AFTER.search(after) or _ABSENT_NEXT.match(text, end):
        return True
    before = text[max(line_start, start - 60):start]
    if _THERE_IS_BEFORE.search(before) or (_IF_BEFORE.search(before) and _PRESENT_AFTER.search(after)):
        return True
    check = _CHECK_BEFORE.search(before)
    if check and (re.search(r"(?i)\bexists?\b", check.group()) or _EXISTS_AFTER.search(after)):
        return True  # "Check `src/lib.rs` exists", "verify model file exists under `models/`": an existence check
    item = _ITEM_LED.match(text, line_start)
    if item is not None and item.end() >= start - 1 \
            and _PAREN_CONDITIONAL.search(text, end, len(text) if line_end == -1 else line_end):
        return True  # "- `.claude/skills/retro/`. Weekly retrospective skill (if present)": the item's own note
    intro = lead_in(text, start)
    return bool(intro) and _CONDITIONAL_LEAD.search(intro) is not None


_DATE_PLACEHOLDER = lazy(r"(?i)yyyy|(?<![a-z])mm-dd(?![a-z])|(?<![A-Za-z])NNNN?(?![A-Za-z])|(?<![a-z])x{4,}(?![a-z])"
                         r"|(?-i:(?<![A-Za-z])XXX(?![A-Za-z]))")
"""A date, number, id or name to fill in (`docs/adr/YYYY-MM-DD-slug.md`, `design/yyyymmdd-name/`, `ADR-NNN.md`,
`specs/SPEC-xxxxxxxx/`, `SPEC-XXX/spec.md`, `tests/skills/NAME/test_SCRIPT.py`): a naming pattern in any segment, not a file."""


_EXAMPLE_HEADER = lazy(r"(?i)^\s*(?:(?:examples?|format|pattern|syntax|template|sample)s?\b|"
                      r"(?:wrong|incorrect|bad|invalid|forbidden|avoid|don'?t|do\s+not|not|anti-?patterns?)\b)")
"""A column of examples, or of the wrong forms ("| Correct location | WRONG location |")."""


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row (`| a | b |` -> ['a', 'b']); `\\|` is no separator."""
    parts = re.split(r"(?<!\\)\|", row.strip())
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip():
        parts = parts[:-1]
    return parts


def example_cell(text: str, start: int) -> bool:
    """START lies in a table column whose header says its cells are examples ("| Path Type | Example | ... |",
    "| Target | Format |"): a table of link styles or naming patterns, whose paths illustrate."""
    line_start = text.rfind("\n", 0, start) + 1
    row = text[line_start:start]
    if not row.lstrip().startswith("|"):
        return False
    column = len(re.findall(r"(?<!\\)\|", row)) - 1
    at, header = line_start, None
    while at > 0:
        previous_start = text.rfind("\n", 0, at - 1) + 1
        line = text[previous_start:at - 1]
        if not line.lstrip().startswith("|"):
            break
        if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line) and "-" in line:
            header_start = text.rfind("\n", 0, previous_start - 1) + 1
            header = text[header_start:previous_start - 1]
            break
        at = previous_start
    if header is None:
        return False
    cells = _cells(header)
    return 0 <= column < len(cells) and bool(_EXAMPLE_HEADER.match(cells[column]))


_OTHER_PACKAGE = lazy(
    r"(?i)\b(?:lives? in|in|from|ships? (?:with|in|to))\s+(?:the\s+)?[\w.@/-]+\s+(?:package|library|crate|gem)(?:'s)?\s+"
    r"(?:docs?|documentation)\b")
_POSSESSOR = lazy(r"(`[^`\n]+`|[\w@][\w@/.-]*)(?:\s+(?:skill|package|library|crate|gem|module|plugin|project|repo|"
                  r"repository))?['’]s\s+`?$")
"""Just before a path: whose it is ("`@scope/cli`'s `src/lib/`", "the `x` skill's `docs/`")."""
_DOWNSTREAM = lazy(r"(?i)\b(?:consumer|consuming|downstream|adopting|adopter|target|generated)\s+(?:repos?|repositories|projects?|apps?)\b")
"""In the sentence: the repositories that use this one ("Consumer repos get a `.github/x/manifest.lock`")."""
_OTHER_REPO = lazy(r"(?i)\b(?:in|from|inside|within)\s+(?:the\s+)?(?!(?:this|our|same|main|root|current|mono|your|its)\b)"
                   r"[`'\"]?[\w.@/-]+[`'\"]?\s+repo(?:sitory)?\b")
"""Earlier on the line: another repository named as where the line's paths are ("In website repo ...")."""
_THIS_TREE = frozenset({"this", "our", "the", "its", "repo", "repository", "project", "workspace", "monorepo", "skill",
                        "package", "root", "app", "server", "codebase"})
"""Possessors that name the tree the file describes ("the repository's `docs/`", "this project's `src/`")."""
_PACKAGE_CELL = lazy(r"(?i)^\s*[\w.@/-]+\s+(?:package|library|crate|gem)(?:\s+docs?)?\s*:")


def in_other_package(text: str, start: int, end: int) -> bool:
    """The sentence around START..END puts its paths in another package's documentation ("Lives in the UIA
    package docs (ships to ...): ... (`references/uia-configure-target-guide.md`)"), or the table cell opens
    with one ("| UIA package: `docs/ui-automation-guide.md` |"): paths of that package, not of this tree."""
    said = sentence(text, start, end).replace("*", "")
    if _OTHER_PACKAGE.search(said) or _DOWNSTREAM.search(said):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if "repo" in text[line_start:start] and _OTHER_REPO.search(text, line_start, start):
        return True  # "In website repo run `npm run dev`. Or run `scripts/start-dev.ps1`": that repository's script
    owner = _POSSESSOR.search(text, max(0, start - 120), start)
    if owner and owner.group(1).strip("`").lower() not in _THIS_TREE:
        return True  # "extracted from `@mittwald/cli`'s `src/lib/`", "the `idea-to-spec` skill's `_internal/x.md`"
    row = text[line_start:start]
    if not row.lstrip().startswith("|"):
        return False
    cell = re.split(r"(?<!\\)\|", row)[-1]
    return bool(_PACKAGE_CELL.match(cell))


HOME = lazy(r"(?<![\w./~-])(?:/(?:Users|home)/([A-Za-z0-9][A-Za-z0-9._-]*)|[A-Za-z]:\\Users\\([A-Za-z0-9][A-Za-z0-9._ -]*?))(?=[/\\])")


GENERIC_USERS = frozenset({
    "user", "username", "users", "you", "your", "yourname", "your-name", "your_name", "yourusername", "your-username",
    "your_username", "me", "myuser", "myname", "name", "runner", "ubuntu", "node", "vscode", "codespace", "codespaces",
    "linuxbrew", "admin", "ec2-user", "root", "app", "dev", "developer", "foo", "bar", "example", "someone",
    "somebody", "default", "public", "shared", "guest",
    "gitpod", "coder", "jovyan", "vagrant", "docker", "pi", "user1", "user2", "test", "testuser", "x", "xxx", "me.",
    "someuser", "some-user", "otheruser", "other-user", "anotheruser", "newuser", "new-user", "exampleuser", "sampleuser",
    "demouser", "demo", "johndoe", "john.doe", "jdoe", "janedoe", "jane.doe", "joebloggs", "jsmith",
    "your.name", "firstname.lastname", "jenkins", "circleci", "travis", "buildkite", "nobody",
    # a folder standing for the project in sample data (`/Users/project/src/auth.py` in a hook payload, audit 23)
    "project", "projects", "workspace", "repo", "code", "src",
    # the home of Windows' built-in administrator account, the same on every Windows machine (like /root)
    "administrator",
    # the home of the code-execution sandbox of claude.ai and the Claude API, where skills run: the same on
    # every machine (https://docs.claude.com/en/docs/agents-and-tools/tool-use/code-execution-tool)
    "claude",
    # the service account a hosting platform creates on every server it provisions: Laravel Forge's `forge`
    # (https://forge.laravel.com/docs/servers/management), Ploi's `ploi`, CI runners' `prow`, Dependabot's image user
    "forge", "ploi", "prow", "dependabot", "www-data", "deploy", "git",
})


def home_paths(text: str) -> Iterator[re.Match]:
    """Paths into one named person's home folder; generic users (`user`, `runner`, `you`) and
    variables (`$USER`, `<name>`) are placeholders, not people."""
    if "/Users/" not in text and "/home/" not in text and "\\Users\\" not in text:
        return  # every match holds one of these (the search alone was a tenth of a second per thousand files)
    for m in HOME.finditer(text):
        user = m.group(1) or m.group(2) or ""
        if user.lower() in GENERIC_USERS or user.startswith(("$", "<", "{", "%")) or user.upper() == user and len(user) > 1 and "_" in user \
                or set(user.lower()) == {"x"}:  # `/Users/xxxx/`: a user to fill in
            continue
        yield m


_REMOTE_COMMAND = lazy(r"\b(?:ssh|mosh|autossh)(?:\s+-\w+(?:\s+[^\s-]\S*)?)*?\s+(?:[\w.-]+@)?\w[\w.-]*(?::\d+)?[`'\"]?\s+\S?.*$")
_REMOTE_SPEC = lazy(r"(?:^|[\s'\"(=])(?:[\w.-]+@)?[\w][\w.-]*:$")


def on_remote_host(text: str, start: int) -> bool:
    """The path at START is on another machine: an argument after `ssh [options] host` on the same line
    (`ssh deploy@web '/home/deploy/app/run.sh'`), the path of a `host:/home/...` spec (scp, rsync), or one the
    line calls remote ("Remote root (default: /home/tca/sites)")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if _REMOTE_SPEC.search(before) or _REMOTE_COMMAND.search(before) or _REMOTE_WORD.search(before):
        return True
    # the command the line belongs to, over `\` continuations: `docker run ... bash -c \` then `"cd /home/app/x"`
    while line_start >= 2 and text[line_start - 2] == "\\" and len(before) < 2000:
        line_start = text.rfind("\n", 0, line_start - 1) + 1
        before = text[line_start:start]
    return bool(_IN_CONTAINER.search(before))


_IN_CONTAINER = lazy(r"\b(?:docker|podman|nerdctl)(?:[ \t]+compose)?[ \t]+(?:[\w-]+[ \t]+)?(?:run|exec)\b"
                     r"|\bdocker-compose[ \t]+(?:run|exec)\b|\bkubectl[ \t]+exec\b")
"""Earlier in the command: it runs in a container (`docker run IMAGE bash -c "cd /home/dependabot/x"`,
`kubectl exec pod -- ls /home/app`): the image's user, not the author's machine (audit 19: dependabot-core)."""


def remote_homes(text: str) -> set[str]:
    """Home folders TEXT shows on another machine somewhere (`id="tcv:/home/codes/liuqe.py"`, `ssh hpc ls /home/codes`):
    the same home elsewhere in the text (`path="/home/codes/liuqe.py"` on the next line) is that machine's too; and
    the home of a user TEXT logs in as on another machine (`ssh deploy@10.0.0.5` in step 1, `cd /home/deploy/app`
    in step 2: the commands after an interactive ssh run there)."""
    logins = {m.group(1) for m in _REMOTE_LOGIN.finditer(text)} if "@" in text else set()
    return {m.group() for m in home_paths(text)
            if on_remote_host(text, m.start()) or (m.group(1) or m.group(2)) in logins}


_REMOTE_LOGIN = lazy(r"\b(?:ssh|mosh|autossh|scp|sftp|rsync)\b[^\n]*?(?<![\w.-])([A-Za-z_][\w.-]*)@\w[\w.-]*")
"""The user of `ssh [options] USER@host`, `scp file USER@host:path`, `rsync -a dir USER@host:`."""


_REMOTE_WORD = lazy(r"(?i)(?<!git )\bremote\s+(?:root|host|path|dir(?:ectory)?|folder|server|machine|home)\b"
                    r"|\b(?:path|dir(?:ectory)?|folder|root|home|lives?|located|deployed|installed)\s+on\s+(?:the\s+)?"
                    r"(?:vm|server|remote(?:\s+(?:host|machine))?|host|instance|droplet|box)\b")
"""Earlier on the line: "Remote root (default: /home/tca/sites)", "remote path: /home/deploy/app", "code path on
VM: /home/deploy/app"."""


_REWRITE = lazy(r"^[^\s`'\"]*[`'\"]?\s*(?:-{1,2}>|→|⟶|⇒|=>|\bbecomes\b)\s")


def rewritten_path(text: str, end: int) -> bool:
    """The path ending at END is the left side of a rewrite shown on its line (`/Users/alice/app  -->
    -Users-alice-app`, "replace `C:\\Users\\john.doe\\x\\` -> `~/x/`", "/Users/me/foo becomes -Users-me-foo"):
    an illustration of a transformation, which no one opens."""
    line_end = text.find("\n", end)
    return bool(_REWRITE.match(text[end:len(text) if line_end == -1 else line_end]))


_REWRITTEN_FROM = lazy(r"(?:-{1,2}>|→|⟶|⇒|=>)\s*[`'\"]?$")


def rewritten_into(text: str, start: int) -> bool:
    """The path at START is the right side of a rewrite shown on its line (`-Users-luoxin-x-y` → `/Users/luoxin/x/y`):
    what a slug decodes to, an illustration (audit 20: ccplugin)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _REWRITTEN_FROM.search(text, max(line_start, start - 12), start) is not None


_PLACEHOLDER_TARGETS = frozenset({
    "link", "url", "uri", "href", "path", "target", "file", "filename", "page", "doc", "docs-link", "anchor", "section",
    "heading", "todo", "tbd", "tba", "fixme", "xxx", "placeholder", "link-here", "url-here", "your-link", "your-url",
    "insert-link", "link-to-file", "path-to-file", "...", "…", "-", "_",
})
_TEMPLATE_SLOT = lazy(r"\{[A-Za-z_][\w.]*\}")
_PLACEHOLDER_SHAPE = lazy(r"(?i)^(?:\./)?(?:path/to/|your[-_]|my[-_]|link[-_]to[-_]|todo\b|tbd\b|fixme\b)")


def placeholder_target(target: str, text: str = "") -> bool:
    """A link target that is a slot in template text, not a reference: `[InterfaceName](link)` in a sample
    sentence, `(url)`, `(TODO)`, `(path/to/file.md)`; or any target of a link whose TEXT holds a `{field}` slot
    (`[{id}](url)`, `[#{prNumber}](prUrl)`: a row of an output template the agent fills in)."""
    if _TEMPLATE_SLOT.search(text):
        return True
    value = target.strip().strip("<>").removeprefix("./").rstrip("/").lower()
    return value in _PLACEHOLDER_TARGETS or bool(_PLACEHOLDER_SHAPE.match(value))


_CREATED = lazy(r"(?i)\b(?:create|make)\s+(?:the\s+|a\s+|an\s+)?(?:(?:output|target|destination)\s+)?`\.?/?([^`\s]+)`\s*(?:directory|folder|dir)\b"
                r"|`\.?/?([^`\s]+)`\s*(?:directory|folder)?\s*if\s+(?:it\s+)?(?:does\s*n[o']t|is\s*n[o']t)\s+(?:yet\s+)?(?:exist|present)"
                r"|\bmkdir\s+(?:-p\s+)?\.?/?([\w.][\w./-]*)")
"""Where a document tells the agent to make a folder ("Create the `docs/reviews/` directory if it doesn't exist",
`mkdir -p out/`): that folder is an output, named before it exists (audit 18: sgds-web-component)."""


@functools.lru_cache(maxsize=16)
def created_folders(text: str) -> frozenset[str]:
    """The folders TEXT tells its reader to create, without `./` and a trailing slash."""
    return frozenset(next(g for g in m.groups() if g).rstrip("/") for m in _CREATED.finditer(text))


_WRONG_BEFORE = lazy(r"(?i)(?:^|[(,;:]\s*|\s)(?:not|never|rather\s+than|instead\s+of|avoid(?:ing)?|"
                     r"(?:never|don'?t|do\s+not|avoid)\s+(?:hard[- ]?cod(?:e|ing)|us(?:e|ing)|writ(?:e|ing)|commit(?:ting)?))"
                     r"\s+[`'\"]?$")


_REPORTED_LINE = lazy(r"[ \t>#*-]*(?:\*\*|__)?(?:symptoms?|error(?:\s+message)?|observed|actual|異常|症状|エラー|誤り|"
                      r"間違い|悪い例|错误|報錯|报错|现象|❌)(?:\*\*|__)?\s*[:：]", re.IGNORECASE)
"""A line labelled as what went wrong ("**Symptom**: ... `(/Users/x/go/src/flag)`", "# 異常: /Users/x/go"): its path
is the bad value a diagnosis shows, not one to use (audit 24: a GOROOT misconfiguration, in Japanese)."""


def named_as_wrong(text: str, start: int) -> bool:
    """The path at START is the form the sentence rejects ("generic paths (`./references/`, not `/Users/specific/path`)",
    "never `/home/me/x`") or the bad value a diagnosis shows ("# 異常: /Users/x/go"): a counter-example, not a path of
    the author's machine (audit 20: jasonkneen/agent-skills)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _WRONG_BEFORE.search(text, max(line_start, start - 40), start) is not None \
        or _REPORTED_LINE.match(text, line_start) is not None
