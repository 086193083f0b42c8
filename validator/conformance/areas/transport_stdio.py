"""stdio transport (STDIO-*, LIFE-007): stdout hygiene, framing, encoding, shutdown.

Everything here reads what the stdio channel recorded for this revision's
connections (every line, including ones before the first request), except the
shutdown check, which closes the shared session's stdin and times the exit.
https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
"""

from __future__ import annotations

from validator.conformance.protocol.revisions import MODERN_REVISIONS, revisions
from validator.conformance.suite.checks import S25, Check, Scenario

L = revisions("L")
LM = revisions("all")
"""The handshake revisions and 2026-07-28, whose stdio page keeps the stdout rules."""
STDIO = f"{S25}/basic/transports#stdio"
STDIO26 = f"https://modelcontextprotocol.io/specification/{MODERN_REVISIONS[0]}/basic/transports/stdio"
SC_OUT, SC_EXIT = "stdio-transport", "stdio-shutdown"

ONLY_MCP = Check("stdio-stdout-only-mcp", SC_OUT, "STDIO-001", "MUST", LM, STDIO,
                 "nothing but MCP messages on stdout (no banners, logs, blank noise)", transports=("stdio",), spec_modern=STDIO26)
FRAMING = Check("stdio-newline-framing", SC_OUT, "STDIO-002", "MUST", LM, STDIO,
                "one message per line: no embedded newlines, nothing cut off", transports=("stdio",),
                spec_modern=STDIO26)
UTF8 = Check("stdio-utf8", SC_OUT, "STDIO-003", "MUST", LM, "https://modelcontextprotocol.io/specification/2025-03-26/basic/transports",
             "messages on stdout are UTF-8", transports=("stdio",), spec_modern=STDIO26)
STARTUP = Check("stdio-startup", SC_OUT, "STDIO-006", "derived", LM, STDIO,
                "the server answers its first request promptly and stays up", transports=("stdio",), spec_modern=STDIO26)
CLEAN_EXIT = Check("stdio-clean-exit", SC_EXIT, "LIFE-007", "derived", L, f"{S25}/basic/lifecycle#shutdown",
                   "the server exits after its stdin is closed, without SIGTERM", transports=("stdio",))

EXIT_WAIT = 5.0
SLOW_START = 10.0


def _sessions(ctx):
    return [s for s in ctx.state.sessions if s.negotiated_version == ctx.revision and s.channel.transport == "stdio"]


async def run_stdout(ctx) -> None:
    noise, framing, encoding, bom = [], [], [], []
    blank = 0
    for session in _sessions(ctx):
        blank += session.channel.blank_lines
        for frame in session.channel.frames:
            for warning in frame.warnings:
                if "UTF-8" in warning:
                    encoding.append(f"{warning}: {frame.preview(60)}")
                elif "byte-order" in warning:
                    bom.append(frame.preview(60))
                elif "several lines" in warning:
                    framing.append(f"pretty-printed message: {frame.preview(60)}")
            if frame.error is None:
                message = frame.message
                items = message if isinstance(message, list) else [message]
                if not all(isinstance(i, dict) and i.get("jsonrpc") == "2.0" for i in items):
                    noise.append(f"JSON that is not a JSON-RPC message: {frame.preview(80)}")
            elif frame.error.startswith("truncated") or "cut off" in frame.error:
                framing.append(f"{frame.error}: {frame.preview(60)}")
            elif "exceeds" in frame.error:
                framing.append(frame.error)
            elif frame.error != "eof":
                noise.append(f"{frame.error}: {frame.preview(80)}")
    if blank:
        noise.append(f"{blank} blank line(s)")
    details = {"noise": noise[:20], "framing": framing[:20]} if noise or framing else None
    ctx.verdict(ONLY_MCP, not noise, "every line on stdout is an MCP message",
                f"{len(noise)} line(s) on stdout are not MCP messages, e.g. {noise[0] if noise else ''}", details=details)
    ctx.verdict(FRAMING, not framing, "newline-delimited, one message per line", "; ".join(framing[:3]), details=details)
    # UTF-8 is explicit from 2025-03-26; 2024-11-05 states no encoding (a warning there)
    level = "SHOULD" if ctx.revision == "2024-11-05" else "MUST"
    ctx.verdict(UTF8, not encoding and not bom, "valid UTF-8 throughout",
                "; ".join((encoding + [f"byte-order mark before {b}" for b in bom])[:3]), level=level)
    # the first request: initialize, or in 2026-07-28 (no handshake) server/discover
    init = ctx.session.initialize_reply or getattr(ctx.session, "discover_reply", None)
    if init is None:
        ctx.report(STARTUP, "fail", f"{'server/discover' if ctx.revision in MODERN_REVISIONS else 'initialize'} "
                                    "was never answered")
    elif ctx.session.gone_reason and not ctx.session.closing:
        # a process that ends while its client still talks to it certainly breaks the client: a failure, reported
        # once here; the checks whose requests came after it are not evaluated (suite/runner.py)
        ctx.report(STARTUP, "fail", f"the server went away during the run: {ctx.session.gone_reason}")
    else:
        ctx.verdict(STARTUP, init.elapsed < SLOW_START, f"first answer after {init.elapsed:.2f}s",
                    f"{init.method} took {init.elapsed:.1f}s (over {SLOW_START:.0f}s)")


async def run_exit(ctx) -> None:
    channel = ctx.session.channel
    if ctx.session.gone_reason or channel.server is None or channel.server.returncode is not None:
        ctx.skipped(CLEAN_EXIT, f"the server had already gone ({ctx.session.gone_reason or 'exited'})")
        return
    ctx.session.closing = True
    took = await channel.close_stdin_and_wait(EXIT_WAIT)
    if took is None:
        ctx.violated(CLEAN_EXIT, f"still running {EXIT_WAIT:.0f}s after stdin was closed (the harness then sends SIGTERM)")
    else:
        ctx.passed(CLEAN_EXIT, f"exited {took:.2f}s after stdin closed ({channel.server.describe_exit()})")


SCENARIOS = [
    Scenario(SC_OUT, "stdout carries only newline-delimited UTF-8 MCP messages", (ONLY_MCP, FRAMING, UTF8, STARTUP),
             run_stdout, phase="collect", transports=("stdio",), revisions=LM),
    Scenario(SC_EXIT, "The server exits when stdin closes", (CLEAN_EXIT,), run_exit, phase="shutdown", transports=("stdio",)),
]
