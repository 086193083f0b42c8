"""The MCPB manifest versions, how `mcpb validate` picks one, and what tells them apart.

Facts from modelcontextprotocol/mcpb at 27083dc (npm `@anthropic-ai/mcpb` 2.1.2):
`src/shared/constants.ts` (`MANIFEST_SCHEMAS` 0.1-0.4), `src/shared/manifestVersionResolve.ts`
(the selection) and `src/schemas/0.{1,2,3,4}.ts` (the strict zod schemas). The legacy
DXT CLI (`@anthropic-ai/dxt` 0.2.6) had one schema of its own with a free-form
`dxt_version`. Light: no pydantic, no jsonschema (the check path imports this).
"""

from __future__ import annotations

from validator.records import record

VERSIONS: tuple[str, ...] = ("0.1", "0.2", "0.3", "0.4")
"""What `mcpb validate` knows (`MANIFEST_SCHEMAS`), oldest first."""
LATEST = "0.4"
"""mcpb's `LATEST_MANIFEST_VERSION` (0.4 is marked experimental)."""
CURRENT = "0.3"
"""The version MANIFEST.md documents as current, suggested in messages."""
LEGACY = "dxt-0.2.6"
"""The schema of the legacy `dxt` CLI, applied only to a `dxt_version` mcpb does not know."""
SCHEMA_NAMES: tuple[str, ...] = (*VERSIONS, LEGACY)

PLATFORMS = ("darwin", "win32", "linux")
"""`compatibility.platforms` values: Node's `process.platform` names of the three desktop systems."""


@record(frozen=True)
class Shape:
    """One schema as switches on a single model family (see `models.py`)."""

    name: str
    privacy_policies: bool
    """`privacy_policies[]` exists (0.2 on)."""
    icons_localization_meta: bool
    """`icons[]`, `localization` and `_meta` exist (0.3 on)."""
    uv: bool
    """`server.type` may be `uv` (0.4)."""
    legacy: bool = False
    """The DXT 0.2.6 schema: `dxt_version` is a required free string, there is no
    `manifest_version`, `compatibility` is open and `author.email` also carries zod's pattern."""


SHAPES: dict[str, Shape] = {
    "0.1": Shape("0.1", privacy_policies=False, icons_localization_meta=False, uv=False),
    "0.2": Shape("0.2", privacy_policies=True, icons_localization_meta=False, uv=False),
    "0.3": Shape("0.3", privacy_policies=True, icons_localization_meta=True, uv=False),
    "0.4": Shape("0.4", privacy_policies=True, icons_localization_meta=True, uv=True),
    LEGACY: Shape(LEGACY, privacy_policies=False, icons_localization_meta=False, uv=False, legacy=True),
}

ROOT_KEYS_SINCE: dict[str, str] = {
    "privacy_policies": "0.2",
    "icons": "0.3",
    "localization": "0.3",
    "_meta": "0.3",
}
"""Root keys that only some versions accept, with the first version that does
(a test holds this table against the models)."""
SERVER_TYPES_SINCE: dict[str, str] = {"python": "0.1", "node": "0.1", "binary": "0.1", "uv": "0.4"}


def select_version(value) -> tuple[str | None, str | None]:
    """(version, the key it came from) as `getManifestVersionFromRawData` decides.

    `manifest_version` wins when it is a known version string; otherwise a known
    `dxt_version`; otherwise none (mcpb: "Unrecognized or unsupported manifest version").
    """
    if not isinstance(value, dict):
        return None, None
    for key in ("manifest_version", "dxt_version"):
        candidate = value.get(key)
        if isinstance(candidate, str) and candidate in VERSIONS:
            return candidate, key
    return None, None


def since_text(first: str) -> str:
    """'valid from 0.3' style text for a feature first accepted by FIRST."""
    later = [v for v in VERSIONS if v >= first]
    return f"valid in manifest_version {later[0]}" if len(later) == 1 else f"valid in manifest_version {', '.join(later)}"


def schema_name(value: dict) -> str | None:
    """The schema VALUE is validated against: its version as `select_version` picks it, else
    the legacy DXT schema for a lone `dxt_version` string mcpb does not know, else none."""
    version, _ = select_version(value)
    if version is not None:
        return version
    return LEGACY if "manifest_version" not in value and isinstance(value.get("dxt_version"), str) else None
