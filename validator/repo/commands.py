"""Shell commands an instruction file tells the agent to run, with their source positions.

Commands come from fenced blocks marked as shell (or unmarked blocks whose lines look
like commands), and from code spans that start with a program. Prose is only read for
the explicit `npm|pnpm|yarn|bun run <script>` form: "make sure" is no command.
Each line is split on `&&`, `||`, `;` and `|`; a `cd DIR` earlier on the line, or a line of
nothing but `cd DIR` earlier in the same code block, moves the later commands; prompts (`$ `), environment assignments, `sudo`, comments and
line continuations are handled. Nothing is executed and PATH is never consulted.
"""

from __future__ import annotations

import re

from validator.parsing.text import outside_quotes
from validator.records import lazy, record

SHELL_LANGUAGES = frozenset({
    "sh", "bash", "shell", "zsh", "console", "shell-session", "shellsession", "terminal", "fish", "ksh", "cmd",
    "powershell", "ps", "ps1", "pwsh", "bat", "batch", "command", "commands", "cli", "sh-session",
})
PLAIN_LANGUAGES = frozenset({"", "text", "txt", "plain", "plaintext", "none"})
PREFIXES = frozenset({"sudo", "time", "nohup", "exec", "command", "nice", "caffeinate", "stdbuf", "xvfb-run", "dotenv"})
_TOKEN = r"""(?:<[^<>\s]+>|<\w[\w .-]{0,40}\w>|[^\s'"`|&;<>()]+|'[^']*'|"(?:[^"\\]|\\.)*")+"""
"""A word, quoted text, or a placeholder in angle brackets, also of several words (`cargo test -p <formatter crate>`:
one slot, not a package `formatter`)."""
_OPERATOR = r"&&|\|\||;|\||&(?!>)|\(|\)"
_REDIRECT = r"(?P<dup>\d*[<>]&(?:\d+|-))|(?P<redirect>(?:\d|&)?>>?\|?)"
"""`2>&1` duplicates a descriptor; `> out.txt`, `2>> log`, `&> all.log` write the word after them, which is no argument."""
_PIECE = lazy(rf"(?P<op>{_OPERATOR})|{_REDIRECT}|(?P<token>{_TOKEN})|[\s\S]")
"""An operator, else a redirection, else a token, else one character skipped: one scan of the line instead of a
Python loop trying each."""
_PROMPT = lazy(r"^(\s*(?:\$|%|❯|PS>|PS [^>]*>)\s+)")
_ASSIGN = lazy(r"^[A-Za-z_][A-Za-z0-9_]*=")
_ONE_WORD = lazy(r"[^\s'\"`|&;<>()#]+")
"""A code span the tokenizer reads as one plain word: no space, quote, operator or comment."""
_NOT_A_PROGRAM = PREFIXES | {"env", "cd"}


@record
class Command:
    argv: list[str]
    spans: list[tuple[int, int]]
    """Source offsets of each token."""
    cd: str | None
    """The folder a preceding `cd` on the same line or block moved to (joined as written), if any."""
    source: str
    """`fence`, `span` or `prose`."""
    line_text: str
    start: int
    foreign: bool = False
    """Follows a scaffolding or clone command in the same block: it runs in another project."""
    writes: tuple[str, ...] = ()
    """Files its output is redirected to (`> out.sh`, `>> log`), as written."""

    def region_of(self, i: int) -> tuple[int, int]:
        return self.spans[min(i, len(self.spans) - 1)]


MAX_COMMANDS = 5000
"""Commands read from one file: no real instruction file comes near; a hostile one with 150,000
(11 s, 0.5 GB) is judged on its first commands only."""


def commands(view) -> list[Command]:
    """Every command in VIEW (a `MarkdownView`), at most MAX_COMMANDS."""
    return _commands(view)[:MAX_COMMANDS]


def _commands(view) -> list[Command]:
    text = view.text
    out: list[Command] = []
    for fence in view.fences:
        lang = fence.language
        if lang not in SHELL_LANGUAGES and lang not in PLAIN_LANGUAGES:
            continue
        body = text[fence.content_start:fence.content_end]
        lines = list(_logical_lines(body, fence.content_start))
        if lang in PLAIN_LANGUAGES and not _looks_like_shell(lines):
            continue
        foreign = False
        block_cd = None
        """A `cd` on a line of its own moves the lines after it (the block is one shell session)."""
        for line, offset in lines:
            if len(out) >= MAX_COMMANDS:
                return out
            if "checkout" in line and _OTHER_CHECKOUT_NOTE.match(line):
                foreign = True  # "# run from a meshtastic-mcp checkout": the block's commands run in that project
                continue
            found, block_cd = _parse_line_in(line, offset, "fence", block_cd)
            for cmd in found:
                cmd.foreign = foreign
                foreign = foreign or creates_project(cmd.argv)
                out.append(cmd)
    for span in view.code_spans:
        if len(out) >= MAX_COMMANDS:
            return out
        raw = text[span.content_start:span.content_end]
        if _ONE_WORD.fullmatch(raw) and not _ASSIGN.match(raw) and raw not in _NOT_A_PROGRAM:
            # most code spans are one plain word (`package.json`): what the tokenizer would make of it, without it
            found = [Command([raw], [(span.content_start, span.content_end)], None, "span", raw, span.content_start)]
        else:
            found = _parse_line(raw.replace("\r", " ").replace("\n", " "), span.content_start, "span")
        line = _line_of(text, span.start)
        for cmd in found:
            cmd.line_text = line  # "(if present)" and the like are written next to the span, not in it
        out.extend(found)
    for m in re.finditer(r"\b(npm|pnpm|yarn|bun)\s+(run|run-script)\s+([A-Za-z0-9][\w:.@/-]*)", text):
        if not view.is_prose(m.start()):
            continue
        spans = [(m.start(1), m.end(1)), (m.start(2), m.end(2)), (m.start(3), m.end(3))]
        out.append(Command([m.group(1), m.group(2), m.group(3)], spans, None, "prose", _line_of(text, m.start()), m.start()))
    return out


_SCAFFOLD_SUBCOMMANDS = {
    ("npm", "create"), ("npm", "init"), ("pnpm", "create"), ("yarn", "create"), ("bun", "create"), ("deno", "init"),
    ("cargo", "new"), ("uv", "init"), ("poetry", "new"), ("rails", "new"), ("git", "clone"), ("django-admin", "startproject"),
    ("copier", "copy"), ("pnpm", "dlx"), ("yarn", "dlx"), ("npm", "exec"),
}


def creates_project(argv: list[str]) -> bool:
    """ARGV makes or fetches another project (`npx create-x my-app`, `git clone`, `cargo new`): what follows runs there."""
    if len(argv) < 2:
        return False
    prog = argv[0].rsplit("/", 1)[-1]
    if (prog, argv[1]) in _SCAFFOLD_SUBCOMMANDS or prog in ("cookiecutter", "degit", "giget"):
        return True
    if prog in ("npx", "bunx", "pnpx"):
        tool = next((a for a in argv[1:] if not a.startswith("-")), "")
        name = tool.rsplit("@", 1)[0] if tool.count("@") > (1 if tool.startswith("@") else 0) else tool
        return ("create" in name or name.endswith("/cli") or name in ("degit", "giget", "tiged")) and \
            len([a for a in argv[1:] if not a.startswith("-")]) >= 2
    return False


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end != -1 else len(text)]


def _logical_lines(body: str, base: int):
    """Lines of a code block, continuation lines (`\\`) joined; yields (text, offset map start)."""
    pending = ""
    pending_start = None
    offset = base
    for raw in body.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        if pending_start is None:
            pending_start = offset
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending += line[:-1] + " "
            # keep offsets approximately right: only the first physical line is mapped exactly
        else:
            if pending:
                yield pending + line, pending_start
            else:
                yield line, offset
            pending = ""
            pending_start = None
        offset += len(raw)
    if pending:
        yield pending, pending_start


_COMMAND_START = lazy(
    r"^\s*(?:\$|>|%|PS>|❯)?\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:sudo\s+)?"
    r"(?:npm|npx|pnpm|yarn|bun|bunx|node|deno|make|just|task|uv|uvx|poetry|pdm|hatch|tox|nox|cargo|go|python3?|pip3?|"
    r"pytest|ruff|mypy|git|docker|cd|export|source|\.|\./|bash|sh|zsh|mise|rye|pixi|conda|mvn|gradle|\./gradlew|dotnet|"
    r"swift|rake|bundle|composer|php|flutter|dart|cmake|ctest|meson|ninja|bazel|gh|kubectl|helm|terraform|tofu)\b")


_OTHER_CHECKOUT_NOTE = lazy(r"(?i)\s*(?:#|//|::|rem\s)\s*(?:run\s+)?(?:from|in|inside)\s+(?:a|an|the|your)\s+[\w.@/-]+\s+"
                            r"(?:checkout|clone)\b")
"""A comment line in a block of commands that places them in another project's checkout (audit 22)."""


def _looks_like_shell(lines) -> bool:
    """An unmarked block is shell when most of its non-empty, non-comment lines start with a command."""
    real = [line for line, _ in lines if line.strip() and not line.lstrip().startswith("#")]
    if not real:
        return False
    hits = sum(1 for line in real if _COMMAND_START.match(line))
    return hits * 2 > len(real) or (len(real) <= 2 and hits == len(real))


def _parse_line(line: str, offset: int, source: str) -> list[Command]:
    return _parse_line_in(line, offset, source, None)[0]


def _moved(cd: str | None, to: str) -> str:
    """The folder after `cd TO` from CD (None: the file's own folder). `cd` alone, `cd -` and `cd ~...`
    leave the repository: a path that cannot exist, so the commands after it are not judged."""
    if to in ("-", "~") or to.startswith(("~", "$")):
        return "/nonexistent-agentconform-cd"
    if cd is None or to.startswith("/"):
        return to
    return f"{cd.rstrip('/')}/{to}"


def _parse_line_in(line: str, offset: int, source: str, cd: str | None) -> tuple[list[Command], str | None]:
    """The commands of LINE, run from CD (a folder a `cd` earlier in the block moved to), and the
    folder the block's later lines run from."""
    start_cd = cd
    # prompt markers and comments
    body = line
    cut = _comment_start(body)
    if cut is not None:
        body = body[:cut]
    m = _PROMPT.match(body)
    skip = m.end() if m else 0
    segments: list[list[tuple[str, int, int]]] = [[]]
    writes: list[list[str]] = [[]]
    redirected = False
    glued = False
    for piece in _PIECE.finditer(body, skip):
        kind = piece.lastgroup
        if kind == "op" and _alternation(body, piece, segments[-1]):
            glued = True  # `-t bug|feature|task`: the values an option takes, not a pipe into `task`
            continue
        if glued and kind == "token":
            text, start, _ = segments[-1][-1]
            segments[-1][-1] = (f"{text}|{piece.group()}", start, offset + piece.end())
            glued = False
            continue
        glued = False
        if kind == "op":
            segments.append([])
            writes.append([])
            redirected = False
        elif kind == "redirect":
            redirected = True
        elif kind == "token" and redirected:
            writes[-1].append(_unquote(piece.group()))
            redirected = False
        elif kind == "token":
            segments[-1].append((piece.group(), offset + piece.start(), offset + piece.end()))
    out = []
    for segment, written in zip(segments, writes):
        words = list(segment)
        while words and (_ASSIGN.match(words[0][0]) or words[0][0] in PREFIXES or words[0][0] == "env"):
            words.pop(0)
        if not words:
            continue
        argv = [_unquote(w[0]) for w in words]
        if argv[0] == "cd":
            cd = _moved(cd, argv[1] if len(argv) >= 2 else "~")
            continue
        out.append(Command(argv, [(w[1], w[2]) for w in words], cd, source, line, words[0][1], writes=tuple(written)))
    # Only a line that is nothing but `cd DIR` moves the rest of the block: `cd web && npm run
    # build` is written as a one-off more often than as a move of everything below it.
    return out, (cd if not out else start_cd)


def _alternation(body: str, piece, words: list) -> bool:
    """The `|` of PIECE joins an option's alternative values (`-t bug|feature|task`, `--format json|yaml`): no space on
    either side, and the word before it is an option's value. A pipe is written `a | b`, or follows a command's own
    words (`ps aux|grep node`)."""
    at, end = piece.start(), piece.end()
    return (piece.group() == "|" and 0 < at and end < len(body) and not body[at - 1].isspace()
            and not body[end].isspace() and len(words) >= 2 and words[-2][0].startswith("-"))


def _comment_start(line: str) -> int | None:
    if "#" not in line:
        return None
    for i, ch in outside_quotes(line):
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return None


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "'\"":
        return token[1:-1]
    return token


IF_PRESENT = lazy(r"if\s+(?:present|exists?|available|defined|configured|any|applicable|needed|there\s+is\s+one)|"
                        r"when\s+(?:present|available)|\(optional\)|--if-present|if\s+the\s+\w+\s+(?:script|target|task)\s+exists",
                        re.IGNORECASE)
METAVARIABLE_WORDS = (
    "NAME", "NAMES", "PATH", "FILE", "FILES", "FILENAME", "DIR", "DIRECTORY", "FOLDER", "CRATE", "PACKAGE", "PKG", "MODULE",
    "TEST", "TESTS", "VERSION", "ID", "ARG", "ARGS", "VALUE", "TARGET", "SCRIPT", "TASK", "RECIPE", "CMD", "COMMAND", "ENV",
    "PROJECT", "APP", "SERVICE", "COMPONENT", "FEATURE", "WORKSPACE", "PATTERN", "BRANCH", "EXAMPLE", "BIN", "BINARY",
)
"""Words a man page or usage line writes in capitals for what the reader fills in (`cargo test -p CRATE`)."""
PLACEHOLDER = lazy(
    r"[<>{}\[\]$*%|]|\.\.\.|…"
    # A whole argument in ALL_CAPS with an underscore (`cargo test -p CRATE_NAME`, `make TARGET_NAME`): a metavariable,
    # as usage lines write them; package, script and target names are lower case or mixed in practice.
    r"|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"
    # A whole argument or path segment in capitals built on a metavariable word (`-p PACKAGE`, `tox -e ENV`,
    # `crates/CRATE-NAME/`); a segment, not a file name: `docs/TEST_PLAN.md` or `.github/ISSUE_TEMPLATE/` stay paths.
    rf"|(?:^|(?<=/))(?:[A-Z0-9]+[_-])*(?:{'|'.join(METAVARIABLE_WORDS)})(?:[_-][A-Z0-9]+)*(?=/|$)"
    # The same in lower case with its kind of value spelled out (`cargo test --package package_name`, `-p crate_name`,
    # `make target_name`) or owned by the reader (`your_crate`, `my-package`): no project names its package so.
    rf"|^(?:(?:{'|'.join(w.lower() for w in METAVARIABLE_WORDS)})[_-](?:name|id|path|dir)|(?:your|my)[_-][a-z0-9_-]+)$"
    # the word for "any recipe" itself (`just package=PACKAGE_NAME command`, `make target`, `npm run script`)
    r"|^(?:command|cmd|recipe|target|script)s?$")
"""What the reader fills in: `<name>`, `{pkg}`, `[target]`, `$VAR`, `...`, and ALL-CAPS metavariables (`CRATE_NAME`,
`PACKAGE`). Each caller searches one argument or path, so a match anywhere in it makes it an example, not a name."""


_CLONE_VALUE_OPTIONS = frozenset({"-b", "--branch", "--depth", "-o", "--origin", "-c", "--config", "--reference", "-u",
                                  "--upload-pack", "-j", "--jobs", "--template", "--separate-git-dir", "--shallow-since",
                                  "--shallow-exclude", "--filter", "--bundle-uri", "--server-option"})
"""`git clone` options that take the next word as their value (https://git-scm.com/docs/git-clone)."""


def _url_file(url: str) -> str | None:
    """The file name a download saves URL under (`https://dot.net/v1/dotnet-install.sh` -> `dotnet-install.sh`)."""
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    name = path.rstrip("/").rsplit("/", 1)[-1] if "/" in path else ""
    return name or None


def _positional(argv: list[str], value_options: frozenset[str] = frozenset()) -> list[str]:
    out, skip = [], False
    for word in argv[1:]:
        if skip:
            skip = False
        elif word in value_options:
            skip = True
        elif not word.startswith("-") or word == "-":
            out.append(word)
    return out


def created_paths(cmd: Command) -> tuple[list[str], list[str]]:
    """The files and the folders CMD makes, as written relative to where it runs: a download (`wget URL`, `wget -O F`,
    `curl -O URL`, `curl -o F`), a clone (`git clone URL [DIR]`), `touch`, `tee`, `cp`/`mv`/`ln`/`install` targets and
    output redirections (`cat > x.sh`). Later commands may run what these make; nothing here is executed."""
    argv = list(cmd.argv)
    files = list(cmd.writes)
    folders: list[str] = []
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    urls = [a for a in argv[1:] if "://" in a]
    if prog == "wget":
        named = _option_value(argv, ("-O", "--output-document"))
        prefix = _option_value(argv, ("-P", "--directory-prefix"))
        if named and named != "-":
            files.append(named)
        elif not named:
            files += [f"{prefix}/{n}" if prefix else n for n in map(_url_file, urls) if n]
    elif prog == "curl":
        named = _option_value(argv, ("-o", "--output"))
        folder = _option_value(argv, ("--output-dir",))
        if named and named != "-":
            files.append(f"{folder}/{named}" if folder else named)
        remote = any(a in ("-O", "--remote-name", "--remote-name-all") or (re.fullmatch(r"-[A-Za-z]+", a) and "O" in a)
                     for a in argv[1:])
        if remote:
            files += [f"{folder}/{n}" if folder else n for n in map(_url_file, urls) if n]
    elif prog == "git" and len(argv) > 2 and argv[1] == "clone":
        words = _positional(argv[1:], _CLONE_VALUE_OPTIONS)
        if len(words) >= 2:
            folders.append(words[1])
        elif words and (name := _url_file(words[0].replace(":", "/"))):
            folders.append(name.removesuffix(".git"))
    elif prog in ("touch", "tee"):
        files += _positional(argv)
    elif prog in ("cp", "mv", "ln", "install"):
        words = _positional(argv, frozenset({"-t", "--target-directory", "-m", "--mode", "-o", "--owner", "-g", "--group"}))
        if len(words) >= 2:
            target = words[-1]
            files.append(target)
            files += [f"{target.rstrip('/')}/{w.rstrip('/').rsplit('/', 1)[-1]}" for w in words[:-1]]
            folders.append(target)
    return files, folders


def _option_value(argv: list[str], names: tuple[str, ...]) -> str | None:
    """The value of the first of NAMES in ARGV (`-o F`, `-oF`, `--output F`, `--output=F`, `-sSLo F`)."""
    for i, word in enumerate(argv[1:], 1):
        for name in names:
            short = re.fullmatch(rf"-[A-Za-z]*?{name[1]}(.*)", word) if len(name) == 2 else None
            if word == name or (short and not short.group(1)):
                return argv[i + 1] if i + 1 < len(argv) else None
            if short:
                return short.group(1)  # `-qO-`, `-ofile`
            if name.startswith("--") and word.startswith(name + "="):
                return word[len(name) + 1:]
    return None
