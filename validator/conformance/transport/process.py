"""The process harness: launch a server command, bound every wait, kill it all at the end.

Owns: starting the command in its own session (so it leads a new process group and
every descendant it spawns can be signalled at once), capturing its stderr into a
bounded buffer for the report, the run's time budget, and the termination sequence
(close stdin, SIGTERM to the group, then SIGKILL to the group). Every process it
starts is tracked so that `kill_all()` leaves nothing behind, whatever happened.

Escapes: a descendant that calls `setsid()` leaves the group, so one killpg no longer
reaches it. On Linux the harness makes itself a child subreaper
(`prctl(PR_SET_CHILD_SUBREAPER)`), so such a process is found either by its ancestry
(while its parent lives) or, once orphaned, as a child adopted by us; `sweep()` walks
/proc for both and SIGKILLs them, and reaps the adopted ones. (A cgroup would be
tighter but needs a delegated hierarchy that CI runners rarely give; elsewhere than
Linux only the group is signalled.)

The shutdown order follows the spec's stdio shutdown advice for clients: close stdin,
wait, SIGTERM, wait, SIGKILL.
https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#shutdown
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass, field

STDERR_LIMIT = 64 * 1024
"""Bytes of server stderr kept for the report (head and tail halves)."""

TERM_GRACE = 2.0
"""Seconds between SIGTERM and SIGKILL."""


class Budget:
    """The whole run's deadline; every wait is `min(asked, remaining)`."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.start = time.monotonic()
        self.deadline = None if seconds is None else self.start + seconds

    def remaining(self) -> float:
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - time.monotonic())

    def bound(self, seconds: float) -> float:
        return max(0.0, min(seconds, self.remaining()))

    @property
    def exhausted(self) -> bool:
        return self.remaining() <= 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self.start


class BoundedBuffer:
    """Keeps the first and last `limit/2` bytes of a stream and counts what it dropped."""

    def __init__(self, limit: int = STDERR_LIMIT):
        self.half = limit // 2
        self.head = bytearray()
        self.tail = bytearray()
        self.dropped = 0

    def feed(self, data: bytes) -> None:
        room = self.half - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > self.half:
                cut = len(self.tail) - self.half
                self.dropped += cut
                del self.tail[:cut]

    def text(self) -> str:
        head = self.head.decode("utf-8", "replace")
        if not self.dropped:
            return head + self.tail.decode("utf-8", "replace")
        return f"{head}\n[... {self.dropped} bytes dropped ...]\n{self.tail.decode('utf-8', 'replace')}"


@dataclass
class ServerProcess:
    """A launched server: its pipes, its stderr buffer and how it ended."""

    command: list[str]
    process: asyncio.subprocess.Process
    stderr: BoundedBuffer = field(default_factory=BoundedBuffer)
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None
    killed_with: str | None = None
    _stderr_task: asyncio.Task | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def describe_exit(self) -> str:
        code = self.process.returncode
        if code is None:
            return "still running"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with code {code}"

    def stderr_tail(self, lines: int = 20) -> str:
        return "\n".join(self.stderr.text().rstrip().splitlines()[-lines:])


_LIVE: dict[int, ServerProcess] = {}
"""Every process group this harness started and has not yet reaped."""

_GROUPS: set[int] = set()
"""Leaders (== pgid == sid) of every session this harness started and has not seen empty."""

_LAUNCHED: set[int] = set()
"""Pids this harness started itself (not adopted orphans)."""

_FOREIGN: set[int] = set()
"""Our own children that existed before a launch (another part of the program started them)."""

_SUBREAPER: list[bool] = []
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Linux: orphaned descendants of our servers reparent to us instead of to init."""
    if _SUBREAPER:
        return _SUBREAPER[0]
    ok = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            ok = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
        except (OSError, AttributeError):
            ok = False
    _SUBREAPER.append(ok)
    return ok


def begin_run() -> None:
    """At the start of a run: become a subreaper and note the children that are not ours to
    kill (a program that embeds the suite may have its own)."""
    if become_subreaper():
        _FOREIGN.update(_our_children() - _LAUNCHED)


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, pgrp, session) for every process we can see (Linux /proc)."""
    table: dict[int, tuple[int, int, int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return table
    for name in names:
        fields = _stat(name)
        if fields is None or fields[0] == "Z":
            continue  # a zombie holds nothing; an adopted one is reaped by _reap_adopted
        table[int(name)] = fields[1:]
    return table


def _stat(name: str) -> tuple[str, int, int, int] | None:
    """(state, ppid, pgrp, session) of /proc/NAME, or None."""
    if not name.isdigit():
        return None
    try:
        with open(f"/proc/{name}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2:].split()
    if len(fields) < 4:
        return None
    return fields[0].decode("ascii", "replace"), int(fields[1]), int(fields[2]), int(fields[3])


def _our_children() -> set[int]:
    me = os.getpid()
    return {pid for pid, (ppid, _g, _s) in _proc_table().items() if ppid == me}


def descendants() -> set[int]:
    """Every live process of our servers: in a group/session we started, descended from
    one, or an orphan of theirs adopted by us (subreaper), with all their descendants."""
    table = _proc_table()
    me = os.getpid()
    found = {pid for pid, (ppid, pgrp, sid) in table.items()
             if pgrp in _GROUPS or sid in _GROUPS or pid in _GROUPS
             or (ppid == me and _SUBREAPER[:1] == [True] and pid not in _LAUNCHED and pid not in _FOREIGN)}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _g, _s) in table.items():
        children.setdefault(ppid, []).append(pid)
    todo = list(found)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    found.discard(me)
    return found


def _reap_adopted() -> None:
    me = os.getpid()
    for name in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not name.isdigit() or int(name) in _LAUNCHED:
            continue  # asyncio's child watcher reaps what we launched
        fields = _stat(name)
        if fields is not None and fields[0] == "Z" and fields[1] == me and int(name) not in _FOREIGN:
            try:
                os.waitpid(int(name), os.WNOHANG)
            except ChildProcessError:
                pass


def sweep(rounds: int = 20) -> int:
    """SIGKILL every process `descendants()` finds, until none is left (or ROUNDS pass);
    returns how many were signalled. Synchronous: safe from a signal handler."""
    killed = 0
    for _ in range(rounds):
        pids = descendants()
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGSTOP)  # no more forking while we count
            except (ProcessLookupError, PermissionError):
                pass
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except (ProcessLookupError, PermissionError):
                pass
        _reap_adopted()
        time.sleep(0.01)
    _reap_adopted()
    for pgid in list(_GROUPS):
        if not group_alive(pgid) and pgid not in _LIVE:
            _GROUPS.discard(pgid)
    return killed


async def launch(command: list[str], *, env: dict[str, str] | None = None, cwd: str | None = None) -> ServerProcess:
    """Start COMMAND with piped stdio in a new session (its own process group).

    Raises OSError (e.g. FileNotFoundError) when the command cannot be started.
    """
    become_subreaper()  # before the child exists, so its orphans come to us
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=full_env,
        cwd=cwd,
        start_new_session=True,  # own process group: one killpg reaches every descendant
        limit=1024 * 1024,
    )
    server = ServerProcess(command=list(command), process=process)
    _LIVE[process.pid] = server
    _GROUPS.add(process.pid)
    _LAUNCHED.add(process.pid)
    server._stderr_task = asyncio.get_running_loop().create_task(_drain_stderr(server))
    return server


async def _drain_stderr(server: ServerProcess) -> None:
    stream = server.process.stderr
    if stream is None:
        return
    try:
        while True:
            chunk = await stream.read(65536)
            if not chunk:
                return
            server.stderr.feed(chunk)
    except (asyncio.CancelledError, OSError, ValueError):
        return


def _signal_group(pid: int, sig: int) -> bool:
    try:
        os.killpg(pid, sig)  # pgid == pid: the child leads its own session
        return True
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, sig)
            return True
        except (ProcessLookupError, PermissionError):
            return False


def group_alive(pgid: int) -> bool:
    """True while any process of group PGID still exists (zombies aside)."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


async def close_stdin(server: ServerProcess) -> None:
    stdin = server.process.stdin
    if stdin is None or stdin.is_closing():
        return
    try:
        stdin.close()
        await asyncio.wait_for(stdin.wait_closed(), 1.0)
    except (TimeoutError, OSError, ConnectionError):
        pass


async def wait_exit(server: ServerProcess, seconds: float) -> bool:
    """Wait up to SECONDS for the process to exit; True if it did."""
    if server.process.returncode is not None:
        return True
    try:
        await asyncio.wait_for(server.process.wait(), max(0.0, seconds))
    except TimeoutError:
        return False
    server.ended = server.ended or time.monotonic()
    return True


async def terminate(server: ServerProcess, *, stdin_grace: float = 0.5, term_grace: float = TERM_GRACE) -> None:
    """Close stdin, then SIGTERM the group, then SIGKILL the group; reap the child.

    The group is signalled even when the leader has already exited: a leader that
    exits on stdin EOF can leave children (an npx wrapper's node, a shell's jobs).
    """
    pid = server.pid
    done = False
    try:
        await close_stdin(server)
        if not await wait_exit(server, stdin_grace):
            server.killed_with = "SIGTERM"
            _signal_group(pid, signal.SIGTERM)
            if not await wait_exit(server, term_grace):
                server.killed_with = "SIGKILL"
                _signal_group(pid, signal.SIGKILL)
                await wait_exit(server, 5.0)
        # descendants may outlive the leader in the same group: end them too
        if group_alive(pid):
            _signal_group(pid, signal.SIGTERM)
            deadline = time.monotonic() + term_grace
            while group_alive(pid) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            if group_alive(pid):
                _signal_group(pid, signal.SIGKILL)
        done = True
    finally:
        if server._stderr_task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(server._stderr_task), 0.5)
            except (TimeoutError, asyncio.CancelledError):
                server._stderr_task.cancel()
        # a cancelled termination (a signal, a budget) keeps its group in the live set so
        # that kill_all_now() still reaches it
        if done or (server.process.returncode is not None and not group_alive(pid)):
            _LIVE.pop(pid, None)
        server.ended = server.ended or time.monotonic()


async def kill_all() -> None:
    """Terminate every process group still tracked (the run's last word)."""
    servers = list(_LIVE.values())
    if servers:
        await asyncio.gather(*(terminate(s, stdin_grace=0.2) for s in servers), return_exceptions=True)
    sweep()  # escaped descendants (setsid) and orphans adopted by us


def kill_all_now() -> None:
    """Synchronous last resort (interpreter exit, an interrupted loop): SIGKILL every group."""
    for pid in list(_LIVE):
        _signal_group(pid, signal.SIGKILL)
        _LIVE.pop(pid, None)
    sweep()


def exit_on_signals(command: str, kill) -> None:
    """On SIGINT, SIGTERM or SIGHUP: call KILL (SIGKILL every process group the run started),
    say so on stderr and exit 128+n (the shell's convention). asyncio's own clean-up would
    await graceful shutdowns, and SIGTERM and SIGHUP would skip clean-up altogether."""
    def on_signal(signum, _frame) -> None:
        kill()
        try:
            os.write(2, f"agentconform {command}: interrupted by {signal.Signals(signum).name}\n".encode())
        finally:
            os._exit(128 + signum)

    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, on_signal)
