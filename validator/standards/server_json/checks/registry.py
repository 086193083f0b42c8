"""The registry's own rules beyond the JSON Schema (`ValidateServerJSON`), errors: SRV010-SRV026."""

from __future__ import annotations

from collections.abc import Iterator

from validator.emitters import emits
from validator.model import Problem, Rule
from validator.standards.server_json import goparse
from validator.standards.server_json import rules as R
from validator.standards.server_json.golike import (
    _GITHUB,
    _GITLAB,
    Keys,
    go_dict,
    go_list,
    go_str,
    is_valid_remote_url,
    is_valid_subfolder,
    is_valid_templated_url,
    is_valid_url,
    looks_like_range,
    name_problem,
    template_variables,
)
from validator.standards.server_json.versions import SHAPES


def _version(pointer: tuple, version: str) -> Iterator[Problem]:
    if version == "latest":
        yield Problem(R.SRV011, "version 'latest' is reserved; give the exact version, e.g. '1.0.0'", pointer)
    elif looks_like_range(version):
        yield Problem(R.SRV012, f"version {version!r} looks like a range; give one exact version", pointer)



def _absolute_https(pointer: tuple, url: str, what: str, rule: Rule) -> Iterator[Problem]:
    try:
        parsed = goparse.parse(url)
    except goparse.URLError as err:
        yield Problem(rule, f"{what} {url!r} is not a valid URL: {err}", pointer)
        return
    if not parsed.is_abs:
        yield Problem(rule, f"{what} {url!r} must be an absolute URL (include the scheme)", pointer)
    if parsed.scheme != "https":
        yield Problem(rule, f"{what} {url!r} must use https" + (f", not {parsed.scheme}" if parsed.scheme else ""), pointer)



# -- ValidateServerJSON ------------------------------------------------------------------

@emits(R.SRV010, R.SRV011, R.SRV012, R.SRV013, R.SRV014, R.SRV015, R.SRV016, R.SRV017, R.SRV018, R.SRV019, R.SRV020, R.SRV021, R.SRV022, R.SRV023, R.SRV024, R.SRV025, R.SRV026)
def registry_rules(doc, ctx) -> Iterator[Problem]:
    value, shape = doc.data.value, SHAPES[doc.meta["schema_version"]]
    k = Keys(shape)
    problem = name_problem(go_str(value, "name"))
    if problem:
        yield Problem(R.SRV010, problem, ("name",))
    yield from _version(("version",), go_str(value, "version"))

    repository = go_dict(value, "repository")
    url, source = go_str(repository, "url"), go_str(repository, "source")
    if url or source:
        pattern = {"github": _GITHUB, "gitlab": _GITLAB}.get(source)
        if pattern is None or not pattern.match(url):
            why = (f"source {source!r} is not supported (use github or gitlab)" if pattern is None
                   else f"{url!r} is not a {source} repository URL like https://{source}.com/<owner>/<repo>")
            yield Problem(R.SRV013, f"invalid repository URL: {why}", ("repository", "url"))
        subfolder = go_str(repository, "subfolder")
        if subfolder and not is_valid_subfolder(subfolder):
            yield Problem(R.SRV014, f"subfolder {subfolder!r} must be a clean relative path (no leading/trailing '/', '.' or '..')",
                          ("repository", "subfolder"))

    website = go_str(value, k.website_url)
    if website:
        yield from _absolute_https((k.website_url,), website, "websiteUrl", R.SRV015)
    title = go_str(value, "title")
    if title and title.strip() == "":
        yield Problem(R.SRV016, "title is only whitespace", ("title",))
    for i, icon in enumerate(go_list(value, "icons")):
        yield from _absolute_https(("icons", i, "src"), go_str(icon, "src"), "icon src", R.SRV017)

    for i, package in enumerate(go_list(value, "packages")):
        yield from _package(("packages", i), package, k)
    for i, remote in enumerate(go_list(value, "remotes")):
        yield from _remote(("remotes", i), remote)


def _package(base: tuple, package, k: Keys) -> Iterator[Problem]:
    if not isinstance(package, dict):
        return
    identifier = go_str(package, "identifier")
    if " " in identifier:
        yield Problem(R.SRV018, f"package identifier {identifier!r} contains a space", base + ("identifier",))
    yield from _version(base + ("version",), go_str(package, "version"))
    for field in (k.runtime_arguments, k.package_arguments):
        for i, argument in enumerate(go_list(package, field)):
            yield from _argument(base + (field, i), argument, k)
    # A missing or mistyped transport never reaches the registry's semantic stage in a useful
    # form (Go fails to decode it, or decodes an empty type); the schema check reports it.
    if isinstance(package.get("transport"), dict):
        available = _package_variables(package, k)
        yield from _package_transport(base + ("transport",), package["transport"], available)


def _package_variables(package: dict, k: Keys) -> set[str]:
    """`collectAvailableVariables`: env names, and argument names and value hints."""
    names = {go_str(env, "name") for env in go_list(package, k.environment_variables)}
    for field in (k.runtime_arguments, k.package_arguments):
        for argument in go_list(package, field):
            names.update(filter(None, (go_str(argument, "name"), go_str(argument, k.value_hint))))
    names.discard("")
    return names


def _argument(pointer: tuple, argument, k: Keys) -> Iterator[Problem]:
    if not isinstance(argument, dict) or go_str(argument, "type") != "named":
        return
    name = go_str(argument, "name")
    if name == "":
        yield Problem(R.SRV019, "named argument has no name; give the flag, e.g. '--port'", pointer + ("name",))
        return
    if any(ch in name for ch in "<> $"):
        yield Problem(R.SRV020, f"named argument name {name!r} contains '<', '>', a space or '$'; put values and hints in value/valueHint",
                      pointer + ("name",))
    for field in ("value", "default"):
        text = go_str(argument, field)
        if text and text.startswith(name):
            yield Problem(R.SRV021, f"{field} {text!r} starts with the argument name {name!r}; the client adds the name itself",
                          pointer + (field,))


def _package_transport(pointer: tuple, transport: dict, available: set[str]) -> Iterator[Problem]:
    kind, url = go_str(transport, "type"), go_str(transport, "url")
    if kind == "stdio":
        if url:
            yield Problem(R.SRV022, f"a stdio transport has no URL; remove {url!r}", pointer + ("url",))
    elif kind in ("streamable-http", "sse"):
        if not url:
            yield Problem(R.SRV023, f"a {kind} transport needs a url", pointer + ("url",))
        elif not is_valid_templated_url(url, available):
            yield Problem(R.SRV024, _templated_message(url, available, "package"), pointer + ("url",))
    else:
        yield Problem(R.SRV025, f"unsupported transport type {kind!r} (stdio, streamable-http or sse)", pointer + ("type",))


def _templated_message(url: str, available: set[str], context: str) -> str:
    if not is_valid_url(url):
        return f"{url!r} is not an http(s) URL with a host"
    missing = [var for var in template_variables(url) if var not in available]
    declared = ", ".join(sorted(available)) or "none"
    where = ("an environment variable, argument name or valueHint of this package" if context == "package"
             else "a key of this remote's variables")
    return f"{{{missing[0]}}} in {url!r} is not {where} (declared: {declared})"


def _remote(pointer: tuple, remote) -> Iterator[Problem]:
    if not isinstance(remote, dict):
        return
    kind, url = go_str(remote, "type"), go_str(remote, "url")
    if kind not in ("streamable-http", "sse"):
        yield Problem(R.SRV025, f"unsupported transport type {kind!r} for a remote (streamable-http or sse)",
                      pointer + ("type",))
        return
    if not url:
        yield Problem(R.SRV023, f"a {kind} remote needs a url", pointer + ("url",))
    elif not is_valid_remote_url(url):
        yield Problem(R.SRV026, f"remote URL {url!r} must be https and not localhost",
                      pointer + ("url",))
    available = {name for name in go_dict(remote, "variables") if name}
    # The registry runs the templated check even on an empty URL (so both issues can fire).
    if not is_valid_templated_url(url, available):
        yield Problem(R.SRV024, _templated_message(url, available, "remote"), pointer + ("url",))


