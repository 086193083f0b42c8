"""`agentconform check [PATH...]`: lint a repository, a folder, or exactly the files given."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from validator import exitcodes
from validator.outputs import color_wanted, report_target, write_report
from validator.reporters import LINT_FORMATS

HELP = "lint agent instruction files, MCP manifests and configs in a repository"


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class _Extend(argparse.Action):
    """Comma-separated and repeatable: `--select SRV,AGM --select GEN001`."""

    def __call__(self, parser, namespace, values, option_string=None):
        current = list(getattr(namespace, self.dest) or [])
        current.extend(_codes(values))
        setattr(namespace, self.dest, current)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders (default: the repository holding the working directory)")
    parser.add_argument("--format", default="auto", choices=["auto", *LINT_FORMATS],
                        help="output format (auto: github inside GitHub Actions, else text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--select", action=_Extend, metavar="CODES", help="run only these rules (codes, prefixes, aliases, standards, ALL)")
    parser.add_argument("--extend-select", action=_Extend, default=[], metavar="CODES", help="add rules to the selection")
    parser.add_argument("--ignore", action=_Extend, default=[], metavar="CODES", help="skip these rules")
    parser.add_argument("--fail-on", choices=["error", "warning", "info"], default=None,
                        help="lowest severity that makes the exit code 1 (default: error)")
    parser.add_argument("--baseline", metavar="FILE", help="accept the findings recorded in FILE")
    parser.add_argument("--report", action="append", default=[], metavar="FORMAT:PATH", type=_report,
                        help="also write a report in FORMAT to PATH (repeatable; the console keeps --format), "
                             f"e.g. --report sarif:agentconform.sarif; formats: {', '.join(LINT_FORMATS)}")
    parser.add_argument("--prune-baseline", action="store_true",
                        help="rewrite the baseline without what no longer occurs (counts lowered, never raised)")
    parser.add_argument("--write-baseline", metavar="FILE", help="record every current finding in FILE and exit 0")
    parser.add_argument("--fold", action=argparse.BooleanOptionalAction, default=True,
                        help="fold a convention repeated in more than 5 files (or in copies of one file) into its "
                             "first finding, naming the others (default); --no-fold reports every finding")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: include fixes that may change meaning")
    parser.add_argument("--diff", action="store_true", help="show the fixes as a diff, write nothing (exit 1 if any)")
    parser.add_argument("--no-config", action="store_true", help="ignore configuration files")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file")
    parser.add_argument("--standard", metavar="NAME",
                        help="check the named files as this standard whatever their names (e.g. server-json for "
                             "weather-server.json); see 'agentconform rules' for the names")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="with '-' as the path: read the file from stdin and report it as PATH (for editors)")
    parser.add_argument("--show-files", action="store_true",
                        help="list every file checked, with its standards and finding count, before the report")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")
    parser.add_argument("--max-file-size", type=_positive, metavar="BYTES",
                        help="read at most this many bytes per file (default 4 MiB; a config file may set up to 64 MiB)")
    parser.add_argument("-j", "--jobs", type=_positive, metavar="N", default=None,
                        help="check files in N processes (default: the number of CPUs; runs of a few hundred "
                             "files or fewer use one); the output is the same whatever N")
    parser.add_argument("--changed-since", metavar="REV",
                        help="lint only what the changes since git revision REV (committed, staged, unstaged, "
                             "untracked) can affect: the changed files, the files whose checks read other files "
                             "when anything else changed, and the cross-file stage; see docs/ci.md")
    parser.add_argument("--cache", action=argparse.BooleanOptionalAction, default=False,
                        help="reuse the findings of files nothing they depend on changed since the last run "
                             "(off by default; any edit re-checks every file whose checks read other files; "
                             "see docs/configuration.md)")
    parser.add_argument("--cache-dir", metavar="DIR",
                        help="keep the result cache here (default: $XDG_CACHE_HOME/agentconform or "
                             "~/.cache/agentconform)")
    parser.add_argument("--max-files", type=_positive, metavar="N",
                        help="stop with exit 2 when the repository lists more files than this (default 200,000)")


def run(args: argparse.Namespace) -> int:
    from validator.engine.config import ConfigError
    from validator.lint.runner import LintOptions, run_lint
    from validator.records import replace
    from validator.reporters import render_lint, resolve_format

    if args.config and args.no_config:
        raise ConfigError("--config and --no-config exclude each other")
    if args.baseline and args.write_baseline:
        raise ConfigError("--baseline and --write-baseline exclude each other")
    if args.prune_baseline and args.write_baseline:
        raise ConfigError("--prune-baseline and --write-baseline exclude each other")
    stdin = None
    paths = tuple(args.paths)
    if "-" in paths:
        if paths != ("-",):
            raise ConfigError("'-' (stdin) cannot be combined with other paths")
        stdin, paths = _read_stdin(args.max_file_size), ()
    options = LintOptions(
        paths=paths,
        standard=args.standard,
        stdin=stdin,
        stdin_filename=args.stdin_filename,
        config_path=Path(args.config).resolve() if args.config else None,
        no_config=args.no_config,
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        baseline=Path(args.baseline).resolve() if args.baseline else None,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        max_file_size=args.max_file_size,
        prune_baseline=args.prune_baseline,
        max_files=args.max_files,
        jobs=args.jobs,
        changed_since=args.changed_since,
        cache=args.cache,
        cache_dir=Path(args.cache_dir).resolve() if args.cache_dir else None,
        fold=args.fold and not args.write_baseline,  # a baseline records every finding, so it matches whatever folds
    )
    if options.config_path is not None and not options.config_path.is_file():
        raise ConfigError(f"config file not found: {args.config}")
    result = run_lint(options)

    if args.write_baseline:
        if result.repositories > 1:
            raise ConfigError("--write-baseline works on one repository at a time; name paths of one repository")
        from validator.engine.suppress import baseline_json
        from validator.version import __version__

        Path(args.write_baseline).write_text(baseline_json(result.findings, __version__), encoding="utf-8")
        print(f"agentconform: wrote {len(result.findings)} finding(s) to {args.write_baseline}", file=sys.stderr)
        return exitcodes.OK

    if args.diff:
        from validator.engine.fixes import unified_diff

        diff = unified_diff(result)
        sys.stdout.write(diff)
        n = len(result.fixed)
        print(f"agentconform: {n} file(s) would be fixed", file=sys.stderr)
        return _internal(result) or (exitcodes.FINDINGS if n and not args.exit_zero else exitcodes.OK)
    if args.fix and result.fixed:
        from validator.engine.fixes import write_fixes

        changed = write_fixes(result)
        print(f"agentconform: fixed {changed} file(s)", file=sys.stderr)
        result = run_lint(replace(options, fix=False))

    fail_on = args.fail_on or result.config.fail_on or "error"
    result.fail_on = fail_on  # the JUnit report fails exactly what the exit code fails
    fmt = resolve_format(args.format)
    color = fmt == "text" and color_wanted(args.color, sys.stdout, to_file=args.output is not None)
    text = render_lint(result, fmt, color=color)
    if args.show_files:  # beside a machine-readable report on stdout, the list goes to stderr
        from validator.reporters.text import render_files

        stream = sys.stdout if fmt == "text" and not args.output else sys.stderr
        stream.write(render_files(result) + ("\n" if result.files and stream is sys.stdout else ""))
    if args.output:
        write_report(args.output, text)
    else:
        sys.stdout.write(text)
    for report_format, report_path in args.report:
        write_report(report_path, text if report_format == fmt and not color else render_lint(result, report_format))
    from validator.outputs import safe_text

    for error in result.errors:
        where = f" in {safe_text(error.path)}" if error.path else ""
        print(f"agentconform: internal error{where} ({error.standard}): {safe_text(error.message)}", file=sys.stderr)
    internal = _internal(result)
    if internal:
        return internal
    if args.exit_zero or not result.failing(fail_on):
        return exitcodes.OK
    return exitcodes.FINDINGS


def _read_stdin(limit: int | None) -> bytes:
    """Stdin, bounded like any file check reads (GEN005 past the limit, as for a file)."""
    from validator.engine.files import DEFAULT_MAX_BYTES

    cap = (limit or DEFAULT_MAX_BYTES) + 1
    return sys.stdin.buffer.read(cap)


def _report(text: str) -> tuple[str, str]:
    """`FORMAT:PATH` of --report, as argparse wants its errors."""
    try:
        return report_target(text, LINT_FORMATS)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _internal(result) -> int:
    return exitcodes.ERROR if result.errors else 0

