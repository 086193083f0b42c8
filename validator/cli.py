"""The `agentconform` command line (argparse): one module per subcommand.

Each subcommand module is light to import and provides `HELP`, `add_arguments(parser)`
and `run(args) -> int`. Exit codes are those of `validator.exitcodes`; a usage,
config or internal error is one line on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from validator import exitcodes
from validator.outputs import safe_text
from validator.version import __version__

SUBCOMMANDS: dict[str, str] = {
    "check": "validator.commands.check",
    "rules": "validator.commands.rules",
    "explain": "validator.commands.explain",
    "context": "validator.commands.context",
    "conformance": "validator.conformance.cli",
    "client-conformance": "validator.commands.client_conformance",
    "fixture-server": "validator.commands.fixture_server",
}


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, measuring the terminal without `shutil`.

    argparse builds a formatter for every `add_argument` and its default one imports
    `shutil` (with bz2 and lzma, ~2.5 ms) to read the width; `os` does the same here.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        if width is None:
            try:
                columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
            except (AttributeError, ValueError, OSError):
                columns = 80
            width = columns - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # argparse's own exit(2) with usage: keep it to one line
        self.exit(exitcodes.ERROR, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ONLY (a subcommand name), just that subcommand's options.

    Building every subcommand's options costs ~15 ms, a tenth of `check`'s start-up
    budget; `--help` and usage errors still see them all.
    """
    parser = _Parser(prog="agentconform", description="Lint agent-interoperability files and test MCP servers for conformance.")
    parser.add_argument("--version", action="version", version=f"agentconform {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in SUBCOMMANDS.items():
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in SUBCOMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return exitcodes.ERROR
    from validator.engine.config import ConfigError

    try:
        return args._run(args)
    except ConfigError as err:
        print(f"agentconform: error: {safe_text(str(err))}", file=sys.stderr)
        return exitcodes.ERROR
    except KeyboardInterrupt:
        print("agentconform: interrupted", file=sys.stderr)
        return exitcodes.ERROR
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exitcodes.ERROR
    except Exception as err:  # noqa: BLE001 - the promise is: no traceback, exit 2
        if os.environ.get("AGENTCONFORM_DEBUG"):
            raise
        print(f"agentconform: internal error: {type(err).__name__}: {safe_text(str(err))} (set AGENTCONFORM_DEBUG=1 for a traceback)",
              file=sys.stderr)
        return exitcodes.ERROR


if __name__ == "__main__":
    raise SystemExit(main())
