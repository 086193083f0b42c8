"""A2A Agent Card generations and versions, and how a card says which one it is.

Facts from the `specification/json/a2a.json` files at the tags v0.2.0 ... v0.3.0 of
a2aproject/A2A and, for 1.0, from `specification/a2a.proto` (field behaviours) at
v1.0.0/v1.0.1. Light: the check path imports this on every run.

Generation detection (research notes, manifest-formats §5): `supportedInterfaces`
means a 1.x card, a `protocolVersion` names its version, anything else is 0.2-era.
"""

from __future__ import annotations

from validator.records import lazy, record

V1 = "1.0"
LATEST_0X = "0.3.0"
NO_VERSION = "0.2.4"
"""Cards without `protocolVersion` are judged as 0.2.4: the newest shape before 0.2.5 made
`protocolVersion` required (it already knows `preferredTransport` and `additionalInterfaces`)."""


@record(frozen=True)
class Shape:
    """One published 0.x AgentCard schema, as switches on one model family."""

    version: str
    extended_card: bool
    """`supportsAuthenticatedExtendedCard` (0.2.1 on)."""
    icon_and_extensions: bool
    """`iconUrl` and `capabilities.extensions[]` (0.2.2 on)."""
    interfaces: bool
    """`preferredTransport` and `additionalInterfaces[]` (0.2.4 on)."""
    protocol_version: bool
    """`protocolVersion` exists and is required (0.2.5 on)."""
    v03: bool
    """`signatures[]`, `skills[].security`, the mutualTLS scheme, `oauth2MetadataUrl` (0.3.0)."""


def _shape(version: str, level: int) -> Shape:
    return Shape(version, extended_card=level >= 1, icon_and_extensions=level >= 2, interfaces=level >= 3,
                 protocol_version=level >= 4, v03=level >= 5)


SHAPES: dict[str, Shape] = {
    "0.2.0": _shape("0.2.0", 0),
    "0.2.1": _shape("0.2.1", 1),
    "0.2.2": _shape("0.2.2", 2),
    "0.2.3": _shape("0.2.3", 2),
    "0.2.4": _shape("0.2.4", 3),
    "0.2.5": _shape("0.2.5", 4),
    "0.2.6": _shape("0.2.6", 4),
    "0.3.0": _shape("0.3.0", 5),
}
VERSIONS = (*SHAPES, V1)
"""Every version with an exported schema (`schemas/a2a-agent-card/<version>.schema.json`)."""

_SEMVER = lazy(r"^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$")

CORE_BINDINGS = ("JSONRPC", "GRPC", "HTTP+JSON")
"""The transports/protocol bindings the specification defines (0.2.4 on, and 1.x)."""


@record(frozen=True)
class Generation:
    schema: str
    """The version whose schema the card is validated against."""
    declared: str | None
    """`protocolVersion` as written (a string), if any."""
    v1: bool
    known: bool = True
    """False when `protocolVersion` names no published version."""
    dual: str | None = None
    """For a 1.x card that also carries a 0.x `url` + `protocolVersion` for older clients:
    that 0.x version, which the card is validated against as well."""
    assumed: str = ""
    """For a card without a version marker: which version was assumed and why (for messages)."""
    undecided: str | None = None
    """For a card without any version marker or evidence (no `protocolVersion`, `supportedInterfaces`,
    `url`, nor an A2A SDK in its project): the other candidate version (1.0) besides `schema`; only
    what both candidates require is an error."""


def schema_for(declared: str) -> tuple[str, bool]:
    """The schema version for a declared `protocolVersion`, and whether it names a known version.

    Patch numbers do not change the protocol (A2A 1.0 §3.6: they "MUST not be considered"
    in negotiation), so any 0.2.x reads as the last 0.2 schema (the 0.2.5 specification's
    own sample says 0.2.9), 0.3.x as 0.3.0 and 1.0.x as 1.0. 0.1 is obsolete and reads as
    0.2.0; a later minor or major is not known yet.
    """
    text = declared.strip()
    if text in SHAPES:
        return text, True
    match = _SEMVER.match(text)
    if not match:
        return LATEST_0X, False
    major, minor = int(match.group(1)), int(match.group(2))
    if major >= 1:
        return V1, (major, minor) == (1, 0)
    if minor == 3:
        return LATEST_0X, True
    if minor == 2:
        return "0.2.6", True
    if minor < 2:
        return "0.2.0", False
    return LATEST_0X, False


def detect(card: dict, sdk: tuple[tuple[int, int], str] | None = None) -> Generation:
    """The card's generation. SDK is the A2A SDK version its project depends on and the manifest that
    says so (`evidence.sdk_version`): it decides for a card that carries no version marker."""
    declared = card.get("protocolVersion")
    declared = declared if isinstance(declared, str) else None
    if "supportedInterfaces" in card:
        dual = None
        if declared is not None and "url" in card:
            version, _ = schema_for(declared)
            dual = version if version != V1 else None
        return Generation(V1, declared, True, dual=dual)
    if declared is None:
        # A non-string protocolVersion is a type error the newest 0.x schema reports.
        if "protocolVersion" in card:
            return Generation(LATEST_0X, None, False)
        return _unmarked(card, sdk)
    version, known = schema_for(declared)
    return Generation(version, declared, version == V1, known=known)


def is_0x_at_least(version: str, minor: int, patch: int = 0) -> bool:
    match = _SEMVER.match(version)
    if not match:
        return False
    return int(match.group(1)) == 0 and (int(match.group(2)), int(match.group(3) or 0)) >= (minor, patch)


def _unmarked(card: dict, sdk: tuple[tuple[int, int], str] | None) -> Generation:
    """A card with no `protocolVersion` and no `supportedInterfaces`: the project's A2A SDK decides;
    a top-level `url` (gone in 1.x) makes it 0.2-era; otherwise it could be 0.2-era or a 1.x card whose
    interfaces the serving code adds (kagent's samples, loaded by a2a-sdk 1.x): undecided."""
    if sdk is not None:
        (major, minor), manifest = sdk
        # A 0.x SDK fills a missing protocolVersion in (a2a-sdk 0.3's model defaults it): the
        # unversioned 0.x shape, which requires `url` but not `protocolVersion`, is the fair one.
        version = V1 if major >= 1 else NO_VERSION
        label = "1.0" if version == V1 else f"0.{minor}"
        return Generation(version, None, version == V1,
                          assumed=f"A2A {label} assumed from the A2A SDK {major}.{minor} in {manifest}")
    if "url" in card:
        return Generation(NO_VERSION, None, False,
                          assumed=f"A2A {NO_VERSION} assumed: the card has a url but no protocolVersion")
    return Generation(NO_VERSION, None, False, undecided=V1,
                      assumed="the card declares no version, so both were tried")
