"""Instruction files the repository ships to other places rather than reads itself: what makes a nested AGENTS.md
payload, not instructions for working on this repository (AGM030).

Two signals, both read as text and never executed:

- an extension manifest names the file as its context file. Gemini CLI loads an extension's `contextFileName`
  (a name or a list, relative to the extension's folder) into every session that has the extension installed
  (https://geminicli.com/docs/extensions/reference, "gemini-extension.json"); Qwen Code's `qwen-extension.json` has
  the same field (QwenLM/qwen-code docs, "Extensions"). `agents/AGENTS.md` named there is the extension's context.
- a script of the repository copies the file elsewhere (`cp "$SCRIPT_DIR/config/AGENTS.md" "$INSTALL_DIR/AGENTS.md"`):
  an install script's template for the user's own directory.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex

from validator.records import lazy
from validator.repo import paths as RP

EXTENSION_MANIFESTS = ("gemini-extension.json", "qwen-extension.json")
"""Manifests whose `contextFileName` names the context file an installed extension brings into every session."""

SCRIPT_SUFFIXES = (".sh", ".bash", ".zsh", ".ps1")
_COPY_VERBS = frozenset({"cp", "install", "rsync", "ln", "Copy-Item", "copy"})
_SPLIT = lazy(r"&&|\|\||;|\|")


def shipped(repo, relpath: str) -> str | None:
    """Why RELPATH is shipped payload (the manifest or the script that ships it), or None."""
    manifest = context_files(repo).get(relpath)
    if manifest is not None:
        return f"{manifest} names it as the extension's contextFileName"
    script = _copying_script(repo, relpath)
    return None if script is None else f"{script} copies it elsewhere"


def extension_context_files(index) -> list[str]:
    """The files of the repository an extension manifest names as its context file (any name)."""
    from validator.repo.files import Repo

    repo = Repo.of(index)
    out = []
    for rel in context_files(repo):
        stat = repo.stat(rel)
        if stat.exists and stat.is_file and stat.inside:
            out.append(rel)
    return out


def context_files(repo) -> dict[str, str]:
    """Repository path of every context file an extension manifest names -> that manifest."""
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        for name in EXTENSION_MANIFESTS:
            for manifest in repo.named(name):
                try:
                    data = json.loads(repo.read_text(manifest) or "")
                except ValueError:
                    continue
                value = data.get("contextFileName") if isinstance(data, dict) else None
                names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
                if value is None and name == "gemini-extension.json" and isinstance(data, dict):
                    # "If this property is not used but a GEMINI.md file is present in your extension directory,
                    # then that file will be loaded" (https://geminicli.com/docs/extensions/reference/)
                    names = ["GEMINI.md"]
                for entry in names:
                    if not isinstance(entry, str) or not entry or entry.startswith(("/", "~", "$")):
                        continue
                    target = posixpath.normpath(RP.join(RP.directory(manifest), entry))
                    if not target.startswith("../"):
                        out.setdefault(target, manifest)
        return out
    return repo.memo(("extension-context-files",), build)


def _copying_script(repo, relpath: str) -> str | None:
    """The first script of the repository with a copy command (`cp`, `install`, `rsync`, `ln`, `Copy-Item`) whose
    source is RELPATH (written from the root, the script's folder or a variable holding one: `$SCRIPT_DIR/x`)."""
    for script in _scripts(repo):
        text = repo.read_text(script) or ""
        if relpath not in text:
            continue  # the cheap test first: most scripts never name it
        for line in text.splitlines():
            if relpath in line and any(_copies(part, relpath) for part in _SPLIT.split(line)):
                return script
    return None


def _scripts(repo) -> list[str]:
    return repo.memo(("shell-scripts",), lambda: [rel for rel in repo.listed_files() if rel.endswith(SCRIPT_SUFFIXES)])


def _copies(command: str, relpath: str) -> bool:
    """COMMAND (one simple command) copies RELPATH: a copy verb, then RELPATH as an argument with another after it."""
    try:
        words = shlex.split(command, comments=True, posix=True)
    except ValueError:
        return False  # an unbalanced quote: not a command line to read
    verb = next((i for i, word in enumerate(words) if word in _COPY_VERBS), None)
    if verb is None:
        return False
    args = [w for w in words[verb + 1:] if not w.startswith("-")]
    return any(_names(arg, relpath) for arg in args[:-1]) and len(args) >= 2


def _names(arg: str, relpath: str) -> bool:
    clean = re.sub(r"^\.?/", "", arg.replace("\\", "/"))
    return clean == relpath or clean.endswith("/" + relpath)
