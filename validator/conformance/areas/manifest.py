"""Static against live (`conformance --manifest FILE`): what a file declares about the server,
held against what the running server does, in both directions.

One scenario per kind of file (`manifest-mcpb`, `manifest-server-json`,
`manifest-server-card`), built only when `--manifest` names such a file (so they are not in
the registry of `areas/__init__.py`, and no other run reports them). Each runs once, after
negotiation, on the newest handshake revision the server speaks: it walks `tools/list` and
`prompts/list` (when declared) on that revision's session, reads `serverInfo`, and compares
- tools and prompts by name (MCPB only: the other formats list none): declared but not
  served, and served but not declared unless `tools_generated`/`prompts_generated` says the
  server makes more at run time;
- the server's name (loosely: a registry name's last segment, an npm scope, case and
  punctuation aside) and its version (exactly, a leading `v` aside);
- the transport this run used against the transports the file declares, and, when the run's
  URL is one of the file's remotes, against that remote's declared type.
Nothing in MCP binds these files to the server's answers, and the MCPB lists are, by
MANIFEST.md's own words, descriptions for apps and directories ("Implementing apps may
choose to validate prompts at run-time against the declaration"), so every mismatch is a
warning (derived): it misleads whoever reads the file, it breaks no protocol exchange.
https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md#tools-and-prompts
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.conformance.areas.manifest_files import MCPB, SERVER_CARD, SERVER_JSON, Declared, read
from validator.conformance.observe.listing import GATHER, walk
from validator.conformance.observe.quote import q
from validator.conformance.protocol.revisions import HANDSHAKE_REVISIONS, revisions
from validator.conformance.suite.checks import Check, Scenario

MANIFEST_MD = "https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md"
SERVER_JSON_DOC = ("https://github.com/modelcontextprotocol/registry/blob/main/docs/reference/server-json/"
                   "generic-server-json.md")
CARD_DOC = "https://github.com/modelcontextprotocol/experimental-ext-server-card"
SCENARIO = {MCPB: "manifest-mcpb", SERVER_JSON: "manifest-server-json", SERVER_CARD: "manifest-server-card"}
SOURCES = {MCPB: MANIFEST_MD, SERVER_JSON: SERVER_JSON_DOC, SERVER_CARD: CARD_DOC}
ALL = revisions("all")
MAX_NAMED = 8


def _check(kind: str, topic: str, requirement: str, spec: str, title: str) -> Check:
    scenario = SCENARIO[kind]
    return Check(f"{scenario}-{topic}", scenario, requirement, "derived", ALL, spec, title)


def checks_for(kind: str) -> tuple[Check, ...]:
    """The checks of KIND's scenario (data: id, requirement, level, source, title)."""
    source = SOURCES[kind]
    out = []
    if kind == MCPB:
        for what in ("tools", "prompts"):
            out += [
                _check(kind, f"{what}-served", "DECL-001", f"{MANIFEST_MD}#tools-and-prompts",
                       f"every {what[:-1]} the manifest lists is listed by the server ({what}/list)"),
                _check(kind, f"{what}-declared", "DECL-001", f"{MANIFEST_MD}#dynamic-generation",
                       f"every {what[:-1]} the server lists is in the manifest, unless {what}_generated is true"),
            ]
    out += [
        _check(kind, "name", "DECL-002", source, "the declared name names the server serverInfo.name names"),
        _check(kind, "version", "DECL-002", source, "the declared version is serverInfo.version"),
        _check(kind, "transport", "DECL-003", source, "the run's transport is one the file declares (for a declared "
                                                      "remote URL: that remote's type)"),
    ]
    return tuple(out)


def scenarios(paths: list[str]) -> list[Scenario]:
    """The scenarios for the files of --manifest (one per kind present); `ManifestError` for a bad file."""
    by_kind: dict[str, list[Declared]] = {}
    for path in paths:
        declared = read(path)
        by_kind.setdefault(declared.kind, []).append(declared)
    return [Scenario(SCENARIO[kind], f"what {', '.join(d.path for d in files)} declares, against the running server",
                     checks_for(kind), _runner(kind, files), phase="negotiation")
            for kind, files in by_kind.items()]


@dataclass
class Served:
    revision: str
    info: dict
    tools: list[str] | None
    prompts: list[str] | None
    why: dict


def _runner(kind: str, files: list[Declared]):
    async def run(ctx) -> None:
        live = [r for r in ctx.negotiation.sessions if r in HANDSHAKE_REVISIONS]
        if not live:
            for check in ctx.scenario.checks:
                ctx.skipped(check, "no handshake revision was negotiated to compare with")
            return
        ctx.revision = max(live)  # the results carry the revision whose answers were compared
        served = await _observe(ctx, ctx.negotiation.sessions[ctx.revision])
        by_id = {c.id.removeprefix(SCENARIO[kind] + "-"): c for c in ctx.scenario.checks}
        if kind == MCPB:
            for what in ("tools", "prompts"):
                _lists(ctx, by_id, what, files, served)
        _name(ctx, by_id["name"], files, served)
        _version(ctx, by_id["version"], files, served)
        _transport(ctx, by_id["transport"], files)

    return run


async def _observe(ctx, session) -> Served:
    info = session.server_info if isinstance(session.server_info, dict) else {}
    capabilities = session.server_capabilities or {}
    found, why = {}, {}
    for what in ("tools", "prompts"):
        if not isinstance(capabilities.get(what), dict):
            found[what], why[what] = None, f"the server does not declare the {what} capability"
            continue

        async def fetch(cursor, method=f"{what}/list"):
            return await session.request(method, {} if cursor is None else {"cursor": cursor},
                                         timeout=ctx.timeout, scenario=ctx.scenario.name)

        listing = await walk(fetch, f"{what}/list", GATHER)
        if listing.failure is not None:  # no answer at all: nothing to compare, not a mismatch
            found[what], why[what] = None, f"unanswered: {what}/list was not answered ({listing.failure})"
        elif listing.error is not None:
            found[what], why[what] = None, f"{what}/list answered an error ({str(listing.error)[:120]})"
        else:
            found[what] = list(listing.by_name())
    return Served(ctx.revision, info, found["tools"], found["prompts"], why)


def _listing(names) -> str:
    names = list(names)
    return ", ".join(q(n) for n in names[:MAX_NAMED]) + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")


def _lists(ctx, by_id: dict, what: str, files: list[Declared], served: Served) -> None:
    served_check, declared_check = by_id[f"{what}-served"], by_id[f"{what}-declared"]
    declared = [(f, getattr(f, what)) for f in files if getattr(f, what) is not None]
    if not declared:
        for check in (served_check, declared_check):
            ctx.skipped(check, f"the manifest lists no {what}")
        return
    live = getattr(served, what)
    if live is None and served.why[what].startswith("unanswered: "):
        for check in (served_check, declared_check):
            ctx.skipped(check, served.why[what].removeprefix("unanswered: "))
        return
    if live is None:
        missing = [f"{f.path}: {len(names)} {what} listed" for f, names in declared if names]
        if missing:
            ctx.violated(served_check, f"the manifest lists {what} but {served.why[what]}", details={"declared": missing})
        else:
            ctx.passed(served_check, f"the manifest lists no {what}, and {served.why[what]}")
        ctx.skipped(declared_check, served.why[what])
        return
    absent = {f.path: [n for n in names if n not in live] for f, names in declared}
    absent = {path: names for path, names in absent.items() if names}
    ctx.verdict(served_check, not absent, f"all {sum(len(n) for _f, n in declared)} declared {what} are served",
                "; ".join(f"{path} declares {_listing(names)}, which {what}/list does not list" for path, names in absent.items()),
                details={"declared_not_served": absent} if absent else None)
    open_ended = [f.path for f, _n in declared if getattr(f, f"{what}_generated")]
    extra = {f.path: [n for n in live if n not in names] for f, names in declared if not getattr(f, f"{what}_generated")}
    extra = {path: names for path, names in extra.items() if names}
    note = f" ({', '.join(open_ended)}: {what}_generated)" if open_ended else ""
    ctx.verdict(declared_check, not extra, f"all {len(live)} served {what} are declared{note}",
                "; ".join(f"{what}/list lists {_listing(names)}, which {path} does not declare (set {what}_generated "
                          f"if the server makes them at run time)" for path, names in extra.items()),
                details={"served_not_declared": extra} if extra else None)


def _simple(name: str) -> str:
    """A name with what legitimately differs between a file and serverInfo taken off."""
    name = name.strip().lower()
    name = name.rsplit("/", 1)[-1]  # registry namespace (io.github.acme/weather), npm scope (@acme/weather)
    return re.sub(r"[^a-z0-9]+", "", name)


def _same_server(declared: str, live: str) -> bool:
    a, b = _simple(declared), _simple(live)
    if not a or not b:
        return False
    if a == b or a in b or b in a:  # weather / weather-mcp-server / mcp-server-weather
        return True
    strip = re.compile(r"^(mcp)?(server)?|(mcp)?(server)?$")
    return strip.sub("", a) == strip.sub("", b) != ""


def _same_version(declared: str, live: str) -> bool:
    return declared.strip().lstrip("vV") == live.strip().lstrip("vV")


def _identity(ctx, check: Check, field: str, files: list[Declared], served: Served):
    """(the files declaring FIELD, serverInfo's FIELD), or None once the check is skipped."""
    live = served.info.get(field)
    declaring = [f for f in files if getattr(f, field)]
    if not declaring:
        ctx.skipped(check, f"the file declares no {field}")
    elif not isinstance(live, str) or not live:
        ctx.skipped(check, f"the server's serverInfo has no {field}")
    else:
        return declaring, live
    return None


def _name(ctx, check: Check, files: list[Declared], served: Served) -> None:
    found = _identity(ctx, check, "name", files, served)
    if found is None:
        return
    named, live = found
    wrong = [f"{f.path} declares {q(f.name)}" for f in named if not _same_server(f.name, live)]
    ctx.verdict(check, not wrong, f"{', '.join(q(f.name) for f in named)} and serverInfo.name {q(live)} name the same server",
                f"{'; '.join(wrong)}, but the server calls itself {q(live)} (serverInfo.name): another server, or a stale file?")


def _version(ctx, check: Check, files: list[Declared], served: Served) -> None:
    found = _identity(ctx, check, "version", files, served)
    if found is None:
        return
    versioned, live = found
    wrong = [f"{f.path} declares {f.version}" for f in versioned if not _same_version(f.version, live)]
    ctx.verdict(check, not wrong, f"version {live} as declared",
                f"{'; '.join(wrong)}, but the server reports version {live} (serverInfo.version): the file describes "
                "another release")


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _transport(ctx, check: Check, files: list[Declared]) -> None:
    used = ctx.transport
    url = ctx.options.url
    declaring = [f for f in files if f.transports]
    if not declaring:
        ctx.skipped(check, "the file declares no transport")
        return
    problems = []
    for f in declaring:
        same_url = [kind for kind, remote in f.remotes if url and remote and "{" not in remote
                    and _normal_url(remote) == _normal_url(url)]
        if same_url and used not in same_url:
            problems.append(f"{f.path} declares {url} as {' and '.join(same_url)}, but it answered this run over {used}"
                            + ("" if ctx.options.transport != "auto" else f" (try --transport {same_url[0]})"))
        elif used not in f.transports:
            problems.append(f"{f.path} declares {', '.join(f.transports)}, and this run used {used}: it did not test the "
                            "server as the file describes it")
    ctx.verdict(check, not problems, f"{used}, as declared", "; ".join(problems))
