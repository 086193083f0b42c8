"""The programmatic entry point: `Options` in, `Report` out (the CLI and pytest plugin use it).

Owns turning options into a finished run: the event loop, the expected-failures
baseline, and the last-resort kill of every process group should the loop itself
be interrupted.
"""

from __future__ import annotations

import asyncio
import atexit
from dataclasses import dataclass, field

from validator.conformance.protocol.revisions import SPEC_VERSIONS

DEFAULT_TIMEOUT = 10.0
DEFAULT_BUDGET = 300.0
CALL_TOOLS = ("none", "readonly", "all")
OAUTH_FLOWS = ("client-credentials", "authorization-code")


@dataclass
class Options:
    command: list[str] | None = None
    url: str | None = None
    transport: str = "auto"
    spec_version: str = "auto"
    timeout: float = DEFAULT_TIMEOUT
    """Seconds to wait for any one answer."""
    budget: float | None = DEFAULT_BUDGET
    """Seconds for the whole run."""
    headers: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None
    call_tools: str = "readonly"
    """Which tools scenarios may call: none, readonly (annotated readOnlyHint), all."""
    scenarios: list[str] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)
    expected_failures: str | None = None
    max_message_bytes: int | None = None
    """A message larger than this is reported and dropped unread (default 16 MiB)."""
    manifests: list[str] = field(default_factory=list)
    """MCPB manifest.json, registry server.json or server card files to hold the server against."""
    oauth_client_id: str | None = None
    oauth_client_secret: str | None = None
    """With a client id: a protected server's token is obtained with the client-credentials grant."""
    oauth_scope: str | None = None
    oauth_flow: str | None = None
    """client-credentials (the default with a client id and secret) or authorization-code (PKCE, a loopback
    redirect listener, DCR or a client ID metadata document when no client id is given)."""
    oauth_client_metadata_url: str | None = None
    """authorization-code: an https URL of a client ID metadata document, used as client_id where supported."""
    oauth_redirect_uri: str | None = None
    """authorization-code: the loopback redirect URI to listen on (default http://127.0.0.1:<free port>/callback)."""
    low_scope_token: str | None = None
    """A valid token lacking a scope the server requires (`--low-scope-token`): the insufficient-scope check."""
    secret_headers: list[str] = field(default_factory=list)
    """Names of `headers` whose values are secrets besides Authorization, Proxy-Authorization and
    Cookie (`--secret-header`): left out of unauthenticated probes, redacted from every report."""

    def validate(self) -> None:
        if bool(self.command) == bool(self.url):
            raise ValueError("give either a server command (after --) or --url, not both")
        if self.spec_version not in SPEC_VERSIONS:
            raise ValueError(f"--spec-version must be one of {', '.join(SPEC_VERSIONS)}")
        if self.call_tools not in CALL_TOOLS:
            raise ValueError(f"--call-tools must be one of {', '.join(CALL_TOOLS)}")
        if self.command and self.transport not in ("auto", "stdio"):
            raise ValueError(f"a command is tested over stdio, not {self.transport}")
        if self.url and self.transport == "stdio":
            raise ValueError("a URL is tested over streamable-http or sse, not stdio")
        if self.max_message_bytes is not None and self.max_message_bytes < 1024:
            raise ValueError("--max-message-size must be at least 1 KiB")
        if self.oauth_flow is not None and self.oauth_flow not in OAUTH_FLOWS:
            raise ValueError(f"--oauth-flow must be one of {', '.join(OAUTH_FLOWS)}")
        if self.oauth_flow == "authorization-code":
            if self.oauth_client_secret and not self.oauth_client_id:
                raise ValueError("--oauth-client-secret needs --oauth-client-id")
            if self.oauth_client_metadata_url and not self.oauth_client_metadata_url.startswith("https://"):
                raise ValueError("--oauth-client-metadata-url must be an https URL (Client ID Metadata Documents)")
            if self.oauth_redirect_uri:
                from urllib.parse import urlsplit

                parts = urlsplit(self.oauth_redirect_uri)
                try:
                    _port = parts.port  # raises on a port that is not a number in range
                except ValueError:
                    raise ValueError("--oauth-redirect-uri has an invalid port") from None
                if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
                    raise ValueError("--oauth-redirect-uri must be an http loopback URI (127.0.0.1, localhost or [::1]): "
                                     "the run listens there itself")
        elif bool(self.oauth_client_id) != bool(self.oauth_client_secret):
            raise ValueError("--oauth-client-id and --oauth-client-secret go together (or give --oauth-flow "
                             "authorization-code)")
        elif self.oauth_client_metadata_url or self.oauth_redirect_uri:
            raise ValueError("--oauth-client-metadata-url and --oauth-redirect-uri need --oauth-flow authorization-code")
        if self.timeout <= 0 or (self.budget is not None and self.budget <= 0):
            raise ValueError("--timeout and --budget must be positive")
        if self.manifests:
            from validator.conformance.areas.manifest_files import read

            for path in self.manifests:
                read(path)  # a missing, unreadable or unknown file is a usage error (ManifestError)


def secret_values(options: Options) -> list[str]:
    """The header values no output may show: credential headers' values, and for `Bearer X` X alone too."""
    from validator.conformance.suite.authgate import credential_names

    names = credential_names(options.headers, {n.lower() for n in options.secret_headers})
    out = []
    for name, value in options.headers.items():
        if name.lower() in names and value.strip():
            out.append(value.strip())
            _scheme, _, rest = value.strip().partition(" ")
            if rest.strip():
                out.append(rest.strip())
    out += [v for v in (options.oauth_client_secret, options.low_scope_token) if v]
    return sorted(set(out), key=len, reverse=True)


def _token_provider(options: Options):
    """The flow that obtains a protected server's token (the runner calls it when none was given): the
    authorization-code flow when asked for, else the client-credentials flow when a client id is given.
    The provider's `flow` names it in notes; `observation` (authorization code) holds what the
    `auth-authorization-code` checks judge."""
    if options.oauth_flow == "authorization-code":
        from validator.conformance.observe.authcode import CodeFlowSettings, Observation, authorization_code_token

        settings = CodeFlowSettings(options.oauth_client_id, options.oauth_client_secret,
                                    options.oauth_client_metadata_url, options.oauth_scope, options.oauth_redirect_uri)
        seen = Observation()

        async def provide_code(url: str, challenge: str | None, *, timeout: float, budget) -> str:
            return await authorization_code_token(url, challenge, settings, seen, timeout=timeout, budget=budget)

        provide_code.flow, provide_code.observation = "the authorization-code flow", seen  # type: ignore[attr-defined]
        return provide_code
    if not options.oauth_client_id or not options.oauth_client_secret:
        return None
    from validator.conformance.observe.authflow import ClientCredentials, client_credentials_token

    credentials = ClientCredentials(options.oauth_client_id, options.oauth_client_secret, options.oauth_scope)

    minted: dict = {}

    async def provide(url: str, challenge: str | None, *, timeout: float, budget) -> str:
        return await client_credentials_token(url, challenge, credentials, timeout=timeout, budget=budget,
                                              minted=None if options.low_scope_token else minted)

    provide.flow, provide.minted = "the client-credentials grant", minted  # type: ignore[attr-defined]
    return provide


def run(options: Options | None = None, **kwargs):
    """Run the suite and return its `Report` (baseline applied when given)."""
    from validator.conformance.areas import load_scenarios
    from validator.conformance.suite import baseline
    from validator.conformance.suite.runner import execute
    from validator.conformance.transport import process as harness

    options = options or Options(**kwargs)
    options.validate()
    entries = baseline.load(options.expected_failures) if options.expected_failures else None
    atexit.register(harness.kill_all_now)
    try:
        report = asyncio.run(execute(options, load_scenarios() + _manifest_scenarios(options),
                                     token_provider=_token_provider(options)))
    finally:
        harness.kill_all_now()
    report.secrets = sorted(set(report.secrets) | set(secret_values(options)), key=len, reverse=True)
    if entries is not None and not report.fatal:
        report.baseline = baseline.apply(report.checks, entries)
    return report


def _manifest_scenarios(options: Options) -> list:
    """The static-against-live scenarios of --manifest (none without it)."""
    if not options.manifests:
        return []
    from validator.conformance.areas import manifest

    return manifest.scenarios(options.manifests)
