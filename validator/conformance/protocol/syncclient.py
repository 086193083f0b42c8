"""A synchronous client for one fresh connection (the pytest plugin's `mcp_client`).

Owns an event loop on a background thread, so a plain test function can write
`mcp_client.request("tools/list")` and get the raw JSON-RPC answer (a dict) back.
The connection is initialized with the requested revision (the latest handshake
revision for `auto`) and closed, with its process group, by `close()`.
"""

from __future__ import annotations

import asyncio
import threading

from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS
from validator.conformance.protocol.session import Session
from validator.conformance.transport import process as harness
from validator.conformance.transport.base import Target
from validator.conformance.transport.factory import detect_http_transport, open_channel


class SyncClient:
    def __init__(self, options, version: str | None = None) -> None:
        self.options = options
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="mcp-client", daemon=True)
        self._thread.start()
        self.session: Session | None = None
        wanted = version or (options.spec_version if options.spec_version in HANDSHAKE_REVISIONS else HANDSHAKE_REVISIONS[-1])
        self.session = self._call(self._open(wanted))

    def _call(self, coro, timeout: float | None = None):
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        return future.result(timeout or (self.options.timeout * 3 + 5))

    async def _open(self, version: str) -> Session:
        o = self.options
        budget = harness.Budget(o.budget)
        target = Target(command=o.command, url=o.url, transport=o.transport, headers=dict(o.headers), env=dict(o.env or {}), cwd=o.cwd)
        if target.url and target.transport == "auto":
            target.transport, _ = await detect_http_transport(target, timeout=o.timeout, budget=budget)
        channel = await open_channel(target, timeout=o.timeout, budget=budget)
        session = Session(channel, timeout=o.timeout, budget=budget)
        await session.initialize(version)
        return session

    def request(self, method: str, params: dict | None = None, *, timeout: float | None = None) -> dict:
        """Send a request; return the raw JSON-RPC response object (raises RequestFailed)."""
        reply = self._call(self.session.request(method, params, timeout=timeout, scenario="custom"))
        return reply.message

    def notify(self, method: str, params: dict | None = None) -> None:
        self._call(self.session.notify(method, params, scenario="custom"))

    @property
    def capabilities(self) -> dict:
        return self.session.server_capabilities

    @property
    def server_info(self) -> dict:
        return self.session.server_info

    @property
    def protocol_version(self) -> str | None:
        return self.session.negotiated_version

    def close(self) -> None:
        try:
            if self.session is not None:
                self.session.closing = True
                self._call(self.session.channel.close(), timeout=15)
            self._call(harness.kill_all(), timeout=15)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
