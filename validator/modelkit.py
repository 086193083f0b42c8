"""Small helpers for writing the standards' pydantic models and publishing their schemas.

Heavy (pydantic): imported only by the standards' `models` modules, which the exporter
and the tests load, never by `check`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from validator.engine.schemas import clean_model_schema

OPEN = ConfigDict(extra="allow", populate_by_name=True, title=None)
"""Objects accept unknown members, as every schema modelled here does."""


def optional(annotation: Any, description: str, **constraints: Any) -> tuple:
    """An optional field: absent is fine, present must satisfy ANNOTATION and the constraints."""
    return (annotation, Field(default=None, description=description, **constraints))


def required(annotation: Any, description: str, **constraints: Any) -> tuple:
    return (annotation, Field(description=description, **constraints))


def open_model(name: str, doc: str, fields: dict, *, base: type[BaseModel] | None = None, **config: Any) -> type[BaseModel]:
    """A model with FIELDS (name -> (annotation, Field)) that accepts unknown members."""
    if base is not None:
        return create_model(name, __base__=base, __doc__=doc, **fields)
    return create_model(name, __config__=ConfigDict(**OPEN, **config), __doc__=doc, **fields)


def published(model: type[BaseModel], relative: str, title: str, comment: str) -> dict:
    """MODEL's JSON Schema (2020-12) as published under `schemas/RELATIVE`."""
    raw = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://github.com/agentconform/agentconform/schemas/{relative}",
        "title": title,
        "$comment": comment,
        **clean_model_schema(raw),
    }
