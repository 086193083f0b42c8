"""The pydantic schema every rule must satisfy (rules are data, validated as data).

`validator.model.Rule` is a frozen record so that `check` starts without pydantic;
this module is its contract. The test suite validates every registered rule through
`validate_rule`, and `agentconform rules --format json` follows `RuleData`'s shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from validator.model import ALIAS_RE, CODE_RE


class SpecRefData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl
    title: str = Field(min_length=3)


class RuleData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=CODE_RE.pattern)
    alias: str = Field(pattern=ALIAS_RE.pattern, max_length=60)
    standard: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    severity: Literal["error", "warning", "info"]
    level: Literal["MUST", "SHOULD", "BEST_PRACTICE"]
    summary: str = Field(min_length=10, max_length=200)
    rationale: str = Field(min_length=40, max_length=1000)
    bad: str = Field(min_length=1)
    good: str = Field(min_length=1)
    spec: tuple[SpecRefData, ...] = Field(min_length=1)
    fix: Literal["none", "safe", "unsafe"]
    example_language: str
    notes: str
    default_enabled: bool
    fold: Literal["", "message", "template"] = ""
    fold_after: int = Field(default=5, ge=1)

    @field_validator("summary")
    @classmethod
    def _one_sentence(cls, value: str) -> str:
        if not value.endswith("."):
            raise ValueError("a summary is one sentence ending with a period")
        return value


def validate_rule(rule) -> RuleData:
    """Validate one `validator.model.Rule`; raise `pydantic.ValidationError` when it breaks the contract."""
    data = RuleData(
        code=rule.code, alias=rule.alias, standard=rule.standard, severity=rule.severity, level=rule.level,
        summary=rule.summary, rationale=rule.rationale, bad=rule.bad, good=rule.good,
        spec=tuple(SpecRefData(url=ref.url, title=ref.title) for ref in rule.spec),
        fix=rule.fix, example_language=rule.example_language, notes=rule.notes,
        default_enabled=rule.default_enabled, fold=rule.fold, fold_after=rule.fold_after,
    )
    if data.bad.strip() == data.good.strip():
        raise ValueError(f"{rule.code}: the bad and good examples are identical")
    return data
