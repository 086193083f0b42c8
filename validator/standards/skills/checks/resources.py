"""What must not leave the author's machine, in SKILL.md and the files of its skill folder:
SKL016 (credentials in bundled files) and SKL017 (paths into one person's home folder).

A skill folder ships whole (agentskills.io "Optional directories": scripts/, references/,
assets/, and any other file), so its scripts, templates and references are read here, with
bounds: text files only, at most MAX_FILE_BYTES each and MAX_FILES per skill, through the
repository's safe reader (`FileIndex.read_text`: regular files inside the root); symbolic
links are skipped, never followed. SKILL.md's own secrets are SKL015's (`body.py`); a nested
skill's folder is that skill's; instruction files (AGENTS.md ...) have their own rules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from posixpath import dirname

import validator.standards.skills.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.parsing.text import TextIndex
from validator.records import lazy
from validator.repo import prose

MAX_FILE_BYTES, MAX_FILES = 256 * 1024, 500
_INSTRUCTION_FILES = frozenset({"SKILL.md", "skill.md", "AGENTS.md", "AGENTS.override.md", "CLAUDE.md", "CLAUDE.local.md",
                                "GEMINI.md"})
_BINARY = frozenset({
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "icns", "tif", "tiff", "psd", "svgz", "pdf", "zip", "gz", "tgz",
    "bz2", "xz", "7z", "rar", "jar", "war", "whl", "egg", "tar", "ttf", "otf", "woff", "woff2", "eot", "mp3", "mp4",
    "wav", "ogg", "flac", "mov", "avi", "webm", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "odt", "ods", "odp", "key",
    "pages", "numbers", "so", "dylib", "dll", "exe", "bin", "o", "a", "class", "pyc", "pyo", "wasm", "db", "sqlite",
    "parquet", "npy", "npz", "pkl", "pickle", "h5", "onnx", "pt", "safetensors",
})


@emits(R.SKL016, R.SKL017)
def resources(doc, ctx) -> Iterator[Problem]:
    text: str = doc.meta["text"]
    # SKL017 is reported once per home folder and skill, at its first occurrence (SKILL.md first,
    # then the files in path order): one author's paths repeated in transcripts are one cause
    homes: dict[str, list] = {}
    # a home the skill shows being rewritten (`/Users/alice/app --> -Users-alice-app`) is its sample user:
    # the same home in its sample JSON or transcripts is the sample again, not the author's machine
    samples: set[str] = set()
    # a home on the machine the skill logs in to (`ssh deploy@vm`, then `cd /home/deploy/app`) is that machine's
    remote = prose.remote_homes(text)
    for m in prose.home_paths(text):
        if prose.rewritten_path(text, m.end()):
            samples.add(m.group())
        if _authors_home(text, m, remote):
            homes.setdefault(m.group(), []).append((None, Span(m.start(), m.end())))
    skill_dir = dirname(doc.relpath)
    if skill_dir:  # a repository-root SKILL.md: its folder is the whole repository, not a skill's
        for rel in _skill_files(ctx, skill_dir):
            content = ctx.index.read_text(rel, limit=MAX_FILE_BYTES)
            if not content or "\x00" in content:
                continue
            index = TextIndex(content)
            if ctx.wants(R.SKL016):
                yield from _secrets(content, index, rel)
            if _RECORDED_DATA.search(rel):
                continue  # a test fixture or a stored run result: recorded data, which nothing opens as a path
            remote_here = remote | prose.remote_homes(content)
            for m in prose.home_paths(content):
                if prose.rewritten_path(content, m.end()):
                    samples.add(m.group())
                if _authors_home(content, m, remote_here):
                    homes.setdefault(m.group(), []).append((rel, index.region(m.start(), m.end())))
    for home, hits in homes.items():
        if home in samples:
            # a sample user in the skill's prose and data; a script that uses the home still runs with it
            hits = [hit for hit in hits if hit[0] is not None and _SCRIPT.search(hit[0])]
            if not hits:
                continue
        path, where = hits[0]
        more = len(hits) - 1
        also = f" (and {more} more use{'s' if more > 1 else ''} in this skill)" if more else ""
        yield Problem(R.SKL017, f"{home} exists only on the author's machine; use a path relative to the skill "
                      f"folder or ~{also}", where, path=path)


SAMPLE_USERS = frozenset({
    "someuser", "some-user", "otheruser", "other-user", "anotheruser", "newuser", "new-user", "exampleuser",
    "sampleuser", "demouser", "demo", "johndoe", "john.doe", "jdoe", "janedoe", "jane.doe", "joebloggs", "jsmith",
    # the cast of protocol and security examples (Alice sends Bob ..., Mallory attacks): a skill's sample prompts,
    # JSON and transcripts use them as made-up users (`"user":"alice"`, `/Users/alice/repo/src/auth.ts`)
    "alice", "bob", "carol", "charlie", "dave", "eve", "mallory", "trudy",
})
"""Placeholder user names of documentation samples that `prose.GENERIC_USERS` lacks (`/home/someuser/app` in
gunicorn's sample systemd unit); kept here until the shared list has them. The Alice-and-Bob cast stays out of the
shared list: AGENTS.md and client configs are one project's files, where `/Users/alice` is likelier a real person."""

_ACCOUNT = (r"(?im)(?:\b(?:User|Group|Owner)\s*=\s*|--copy-as[= ]|--user[= ]|--chown[= ]|\bsudo\s+(?:-\S+\s+)*-u\s*"
            r"|\brunuser\s+(?:-\S+\s+)*-u\s*|\bsu\s+(?:-l?\s+)?|\bchown\s+(?:-\S+\s+)*|\b(?:useradd|adduser)\s+(?:-\S+\s+)*"
            r"|^\s*USER\s+|\b(?:as|the)\s+user\s+[\"'`]?)")


def _sample_account(text: str, m) -> bool:
    """The home's user is a placeholder (SAMPLE_USERS), or an account the sample itself sets up or acts as within a
    few lines (`User=someuser` in a systemd unit, `rsync --copy-as=joe ... /home/joe/`, `sudo -u deploy`,
    `useradd app`, as user "joe"): the home of that account on the machine the sample configures, not a folder
    on the author's machine."""
    user = m.group(1) or m.group(2) or ""
    if user.lower() in SAMPLE_USERS:
        return True
    lines_before = text.rfind("\n", 0, m.start())
    for _ in range(12):
        if lines_before <= 0:
            lines_before = 0
            break
        lines_before = text.rfind("\n", 0, lines_before)
    after = m.end()
    for _ in range(4):
        found = text.find("\n", after + 1)
        if found == -1:
            after = len(text)
            break
        after = found
    window = text[max(lines_before, 0):after]
    if re.search(_ACCOUNT + re.escape(user) + r"(?![\w.-])", window) is not None:
        return True
    # an image's user the document sets anywhere (`USER astro` in its Dockerfile sample, then `/home/astro/.local/bin`
    # in the config that runs in that image; audit 21: astronomer/agents)
    return re.search(rf"(?m)^\s*USER\s+{re.escape(user)}\s*$", text) is not None


_SCRIPT = lazy(r"\.(?:sh|bash|zsh|py|js|mjs|cjs|ts|rb|pl|ps1|go|rs)$|(?:^|/)scripts/[^/.]+$")
"""A file the skill runs (a script, `scripts/graph-easy` without an extension), not one it shows."""


_COUNTER_EXAMPLE = lazy(r"(?i)(?:#|//|<!--|\*|\b)\s*(?:bad|wrong|don'?t|do not|avoid|never|incorrect|anti-?pattern)\b|❌|✗")


_NOT_THE_AUTHORS = lazy(
    r"^\s*(?:COPY|ADD|WORKDIR|ENV|VOLUME|USER|ARG)\b|\b(?:useradd|adduser)\b|--chown\b"
    r"|(?i:\b(?:adapted|copied|derived|ported|taken|forked|originally|prepared|compiled|distilled)\s+from\b"
    r"|\bbased\s+on\b|\bsources?(?:\s+(?:inputs?|files?|materials?|notes))?\s*:)")
"""A line where a home path is no path on the author's machine: a Dockerfile instruction (`COPY --from=builder
/root/.local /home/agent/.local`: the image's user) or a provenance note ("Adapted from: /home/jeremy/...",
"Source inputs: local EPUBs under `C:\\Users\\peter\\Documents\\`"), which nothing opens."""

_RECORDED_DATA = lazy(r"(?i)(?:^|/)(?:fixtures?|__fixtures__|tests?|__tests__|reports?|results?|snapshots?|__snapshots__)/"
                      r"(?:[^/]+/)*[^/]+\.(?:json|jsonl|ndjson)$"
                      r"|(?:^|/)[^/]*(?:fixture|result|report|snapshot|transcript)[^/]*\.(?:json|jsonl|ndjson)$")
"""A data file a test reads or a run wrote (`scripts/fixture_report_merged.json`, `reports/<run>/result.json`):
it records the machine the sample ran on; no agent or script opens its paths on the user's machine."""

_STACK_FRAME = lazy(r"^\s*(?:\d+[.)]\s+)?#\d+\s+0x[0-9a-fA-F]+\s")
"""A frame of a recorded stack trace (AddressSanitizer, gdb: `#0 0x40d4d2 in operator delete[](void*)
/home/kcc/llvm/...`): where the trace was recorded, not a path to open."""

_SOURCE_LOCATION = lazy(r"[^\s:`'\"]+:\d+:\d+\b")
"""A path with a line and a column (`/Users/prismo/app/index.ts:21:36`): a location an error message or trace
recorded, not a path to open."""

_EXAMPLE_INVOCATION = lazy(r"^\s*(?:[-*+]|\d+[.)])\s+`?/[A-Za-z][\w:.-]*\s+[\"'“][^\"'”\n]*$")
"""A list item showing a slash command with a quoted argument, up to the path (`- /wiki:ingest "import the doc at
/Users/...`): a sample of what a user types, not a path the skill opens."""

_RECORDED_SECTION = lazy(r"(?i)\b(?:audit trail|provenance|references consulted|user messages|transcripts?"
                         r"|session log)\b")
"""The heading above says what follows is recorded material ("## Parallel research agent audit trail", "### All
User Messages"): where the notes came from or what someone said, quoted, not paths to open."""
_HEADING = lazy(r"(?m)^#{1,6}[ \t]+(.*)$")


def _authors_home(text: str, m: re.Match, remote: set[str]) -> bool:
    """The home path M of TEXT is on the author's machine: not a remote host's (REMOTE), a counter-example, a sample
    account's, an illustration after "e.g." or the container side of a Docker mount."""
    at = m.start()
    return not (m.group() in remote or _counter_example(text, at) or _sample_account(text, m) or _illustrated(text, at)
                or _in_container(text, at))


def _in_container(text: str, start: int) -> bool:
    """The home path is the container side of a Docker mount (`-v $HOME/.x:/home/app/.x`, `--mount ...,target=/home/app`):
    the image's user, not the author's machine (audit 17: vectorize-io/hindsight)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return bool(re.search(r"(?:^|\s)(?:-v|--volume)[= ]\S*:$|(?:target|dst|destination)=$", before))


def _illustrated(text: str, start: int) -> bool:
    """The home path follows "e.g." or "for example" in its own sentence (`use the absolute path to the repo root, e.g.
    `file:/Users/alice/app`; "for example, if the failed test indicates<newline>`/home/prow/go/src/...`"): an
    illustration of a form, the reader's own path goes there (audits 17 and 18)."""
    lead = text[max(0, start - 120):start]
    stops = list(re.finditer(r"[.!?](?:\s|$)(?<!\be\.g\.\s)|\n[ \t]*\n", lead))
    if stops:
        lead = lead[stops[-1].end():]
    return bool(re.search(r"\be\.g\.?|\bfor (?:example|instance)\b|\bsuch as\b", lead, re.IGNORECASE))


def _counter_example(text: str, at: int) -> bool:
    """The path at AT is no path on the author's machine to fix: its line shows what not to do (`# BAD`, `❌`,
    "don't"), or the block of lines it belongs to opens with such a marker (`# ❌ BREAKS on other machines`
    then two commands with home paths); the path is on another machine (`ssh host '/home/tca/sites'`); or the
    line shows it being rewritten (`/Users/alice/app  -->  -Users-alice-app`, "`C:\\Users\\john.doe\\x\\` ->
    `~/x/`"), an illustration of a transformation. A skill that teaches portable paths quotes such paths on
    purpose."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    if _COUNTER_EXAMPLE.search(line) or _NOT_THE_AUTHORS.search(text[start:at]) or _STACK_FRAME.match(line) \
            or _SOURCE_LOCATION.match(text, at):
        return True
    if _EXAMPLE_INVOCATION.match(text[start:at]) or _RECORDED_SECTION.search(_heading_above(text, start)):
        return True
    if prose.on_remote_host(text, at) or prose.rewritten_path(text, _path_end(text, at)) or prose.rewritten_into(text, at):
        return True
    return _under_marker(text, start) or _transcript_output(text, start)


def _heading_above(text: str, start: int) -> str:
    """The text of the nearest Markdown heading above START ('' when there is none)."""
    headings = list(_HEADING.finditer(text, 0, start))
    return headings[-1].group(1) if headings else ""


_FENCE_LINE = lazy(r"(?m)^[ \t]*(?:```|~~~)")
_PROMPT = lazy(r"(?m)^[ \t]*(?:\d+[.)][ \t]+)?(?:[$%]|[\w.-]+@[\w.-]+:[^\s$#]*[$#])[ \t]")


def _transcript_output(text: str, start: int) -> bool:
    """The line at START is output in a recorded terminal session: a fenced block with a `$ ` prompt line before
    it (`$ hugo --verbose` then `INFO: syncing from /Users/quoha/Sites/zafta/static/`; a numbered copy such as
    `1. owner@ubuntu:~/src$ make` then `3. make[1]: Entering directory '/home/owner/src'`). Output says where the
    sample was recorded; nothing opens it. A prompt line itself (`$ cd /Users/alice/app`) is still judged."""
    if _PROMPT.match(text, start):
        return False
    fences = list(_FENCE_LINE.finditer(text, 0, start))
    if len(fences) % 2 == 0:
        return False  # not inside a fenced block
    opened = fences[-1]
    info_end = text.find("\n", opened.end())
    if info_end < 0 or info_end >= start:
        return False
    if _OUTPUT_INFO.search(text, opened.end(), info_end) or _OUTPUT_LABEL.match(_previous_line(text, opened.start())):
        return True  # ```` ```code no-copy ```` under `<cmdResult>` or "Output:": a block of recorded output
    if text.startswith("> ", start) and start > info_end + 1:
        return True  # `git init` then `> Initialized empty Git repository in /Users/...`: output under its command
    return _PROMPT.search(text, opened.end(), start) is not None


_OUTPUT_INFO = lazy(r"(?i)\b(?:no-copy|output|log|result)\b")
"""A fence info string for a block of output (Prisma's docs write ```` ```code no-copy ```` for `prisma -v`'s)."""
_OUTPUT_LABEL = lazy(r"(?i)^\s*(?:<cmdResult>|<output>|(?:\*\*)?(?:sample\s+|example\s+)?(?:output|result|prints?|"
                     r"returns?)(?:\*\*)?\s*:?(?:\*\*)?\s*)$")
"""The line above a fence says it holds what a command printed ("Output:", `<cmdResult>`)."""


def _path_end(text: str, at: int) -> int:
    """Where the home folder matched at AT ends (the user's name), for `prose.rewritten_path`."""
    match = prose.HOME.match(text, at)
    return match.end() if match else at


_BLOCK_HEADER = lazy(r"^\s*(?:#|//|<!--|\*\s|(?:```|~~~))|^\s*$")
"""A line that closes the block a marker governs: a comment that is no BAD marker (`# GOOD`, `# ✅ Portable`),
a fence, or a blank line."""


def _under_marker(text: str, line_start: int) -> bool:
    """The nearest non-blank line above is a BAD marker, or the lines directly above (no blank line, no other
    comment between) lead up to one: `# BAD` then `FILE="/Users/..."`, or `# ❌ BREAKS` then two commands."""
    previous = _previous_line(text, line_start)
    if _MARKER_LINE.match(previous):
        return True
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if _MARKER_LINE.match(line):
            return True
        if _BLOCK_HEADER.match(line):
            return False
        end = start - 1
    return False


_MARKER_LINE = lazy(r"(?i)^\s*(?:#+|//|<!--|\*|-)?\s*(?:❌|✗)?\s*(?:bad|wrong|don'?t|avoid|incorrect|anti-?pattern)"
                          r"\b[^\n]{0,40}$|^\s*(?:#|//)?\s*(?:❌|✗)")


def _previous_line(text: str, line_start: int) -> str:
    """The nearest non-blank line above the line starting at LINE_START ('' at the top)."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            return line
        end = start - 1
    return ""


_SAMPLE_CUE = lazy(r"(?i)\b(?:for test(?:ing|s)?|test (?:token|key|secret|fixture|data)|sample|fake|dummy|mock)\b")
_TEST_FILE = lazy(r"(?:^|/)(?:tests?|__tests__|spec)/|(?:^|/)test_[^/]*$|_test\.[^/]+$|\.(?:test|spec)\.[^/]+$")


def _secrets(content: str, index: TextIndex, rel: str) -> Iterator[Problem]:
    from validator.secrets import find_secrets

    for hit in find_secrets(content):
        line_start = content.rfind("\n", 0, hit.start) + 1
        if prose.EXAMPLE_CUES.search(content[line_start:hit.start]):
            continue  # "Example: AIzaSyA1B2C3..." in a reference that documents key formats
        if _SAMPLE_CUE.search(content[line_start:hit.start]) or _SAMPLE_CUE.search(_previous_line(content, line_start)):
            continue  # "# JWT token for testing" above the token: a fixture, said so
        if hit.kind == "JSON Web Token" and _TEST_FILE.search(rel):
            continue  # a JWT in a unit test is the scanner's test input (jwt.io's sample), not a credential
        yield Problem(R.SKL016, f"this looks like a {hit.kind}; everything in a skill folder ships with the skill, "
                      "remove it and read it from the environment", index.region(hit.start, hit.end), path=rel)


def _skill_files(ctx, skill_dir: str) -> list[str]:
    """The listed regular text files of SKILL_DIR, not those of nested skills, at most MAX_FILES."""
    from validator.repo.files import Repo

    ordered: list[str] = Repo.of(ctx.index).memo(("skills", "sorted-files"), lambda: sorted(ctx.index.entries))
    prefix = skill_dir + "/"
    start = bisect.bisect_left(ordered, prefix)
    inside = []
    for rel in ordered[start:]:
        if not rel.startswith(prefix):
            break
        inside.append(rel)
    nested = {dirname(rel) + "/" for rel in inside if rel.rsplit("/", 1)[-1] in ("SKILL.md", "skill.md")
              and dirname(rel) != skill_dir}
    entries = ctx.index.entries
    out = []
    for rel in inside:
        name = rel.rsplit("/", 1)[-1]
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if (name in _INSTRUCTION_FILES or ext in _BINARY or entries[rel].is_symlink
                or any(rel.startswith(folder) for folder in nested)):
            continue
        out.append(rel)
        if len(out) >= MAX_FILES:
            break
    return out
