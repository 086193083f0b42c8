"""Pydantic model of a goose recipe, the source of truth for `schemas/goose-recipe/recipe.schema.json`.

Written from goose's own types (block/goose, now aaif-goose/goose): `Recipe`, `Settings`,
`Response`, `SubRecipe`, `RecipeParameter` (crates/goose/src/recipe/mod.rs), the recipe
extension variants (recipe_extension_adapter.rs) and `RetryConfig`/`SuccessCheck`
(crates/goose/src/agents/types.rs), with serde's semantics:

- objects are open (serde ignores unknown fields; no `deny_unknown_fields`);
- string fields also take numbers and booleans (goose's `RecipeValueDeserializer` turns
  scalars into strings: `default: 10` is "10"); optional ones take `null`;
- integers are unsigned (`u32`/`u64`/`usize`); `max_retries` and the retry timeouts must
  also be greater than 0 (`RetryConfig::validate`);
- `SuccessCheck.type` is `shell` (or `Shell`), extensions are tagged by `type`.

No official JSON Schema exists; tests hold this one against goose's documented examples
and the corpus. Heavy (pydantic): imported only by the exporter and the tests.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, WithJsonSchema

from validator.modelkit import open_model as _model
from validator.modelkit import published
from validator.modelkit import required as _req

Scalar = Annotated[Any, WithJsonSchema({"type": ["string", "number", "boolean"]})]
"""A goose `String`: strings, and numbers or booleans it converts."""
OptScalar = Annotated[Any, WithJsonSchema({"type": ["string", "number", "boolean", "null"]})]
"""A goose `Option<String>`."""
Unsigned = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(ge=1)]

EXTENSION_TYPES = ("stdio", "builtin", "platform", "streamable_http", "frontend", "inline_python", "sse")
INPUT_TYPES = ("string", "number", "boolean", "date", "file", "select")
REQUIREMENTS = ("required", "optional", "user_prompt")


def _opt(annotation: Any, description: str, **constraints: Any) -> tuple:
    return (annotation | None if annotation is not OptScalar else annotation,
            Field(default=None, description=description, **constraints))


def _extension(kind: str, doc: str, fields: dict) -> type[BaseModel]:
    common = {
        "type": _req(Literal[kind], "Extension type."),
        "name": _req(Scalar, "Unique name of the extension."),
        "description": _opt(OptScalar, "What the extension does."),
        "available_tools": _opt(list[Scalar], "Tools of the extension to enable (all when omitted)."),
    }
    return _model(f"{''.join(part.title() for part in kind.split('_'))}Extension", doc, {**common, **fields})


@lru_cache(maxsize=1)
def recipe_model() -> type[BaseModel]:
    strings = list[Scalar]
    string_map = dict[str, Scalar]
    timeout = _opt(Unsigned, "Timeout in seconds.")
    bundled = _opt(bool, "Whether the extension is bundled with goose.")
    extensions = [
        _extension("stdio", "A local MCP server started as a command (standard input/output).", {
            "cmd": _req(Scalar, "The command to run."),
            "args": _req(strings, "Its arguments (required, may be empty)."),
            "envs": _opt(string_map, "Environment variables to set."),
            "env_keys": _opt(strings, "Names of environment variables or stored secrets the extension needs."),
            "timeout": timeout, "cwd": _opt(OptScalar, "Working directory."), "bundled": bundled}),
        _extension("builtin", "An extension built into goose.", {
            "display_name": _opt(OptScalar, "Display name."), "timeout": timeout, "bundled": bundled}),
        _extension("platform", "An extension running inside the agent process.", {
            "display_name": _opt(OptScalar, "Display name."), "bundled": bundled}),
        _extension("streamable_http", "A remote MCP server over Streamable HTTP.", {
            "uri": _req(Scalar, "The endpoint URL."),
            "envs": _opt(string_map, "Environment variables."),
            "env_keys": _opt(strings, "Names of environment variables or stored secrets the extension needs."),
            "headers": _opt(string_map, "HTTP headers to send."),
            "timeout": timeout, "bundled": bundled}),
        _extension("frontend", "Tools provided by the client application.", {
            "tools": _req(list[dict[str, Any]], "The tools (MCP tool definitions)."),
            "instructions": _opt(OptScalar, "Instructions for the tools."), "bundled": bundled}),
        _extension("inline_python", "Python code run with uvx.", {
            "code": _req(Scalar, "The Python code."),
            "dependencies": _opt(strings, "Packages to install."), "timeout": timeout}),
        _extension("sse", "A remote MCP server over SSE (removed from recent goose releases).", {
            "uri": _req(Scalar, "The endpoint URL."),
            "envs": _opt(string_map, "Environment variables."),
            "env_keys": _opt(strings, "Names of environment variables the extension needs."),
            "timeout": timeout, "bundled": bundled}),
    ]
    Parameter = _model("RecipeParameter", "A value the user provides when the recipe runs.", {
        "key": _req(Scalar, "The template variable name."),
        "input_type": _req(Literal[INPUT_TYPES], "How the value is entered."),
        "requirement": _req(Literal[REQUIREMENTS], "Whether the value must be given, has a default, or is asked for."),
        "description": _req(Scalar, "What the value is for."),
        "default": _opt(OptScalar, "Default value (optional parameters need one; file parameters may not have one)."),
        "options": _opt(strings, "The choices of a select parameter."),
    })
    Check = _model("SuccessCheck", "A check that decides whether an attempt succeeded.", {
        "type": _req(Literal["shell", "Shell"], "Check type (only shell)."),
        "command": _req(Scalar, "A shell command that exits 0 on success."),
    })
    Retry = _model("RetryConfig", "Retry the recipe until its checks pass.", {
        "max_retries": _req(Positive, "Maximum number of retries (greater than 0)."),
        "checks": _req(list[Check], "Success checks."),
        "on_failure": _opt(OptScalar, "A shell command run after a failed attempt."),
        "timeout_seconds": _opt(Positive, "Timeout of each check (default 300)."),
        "on_failure_timeout_seconds": _opt(Positive, "Timeout of on_failure (default 600)."),
    })
    Settings = _model("Settings", "Model and provider settings of the recipe.", {
        "goose_provider": _opt(OptScalar, "The provider, e.g. anthropic."),
        "goose_model": _opt(OptScalar, "The model name."),
        "temperature": _opt(float, "Sampling temperature."),
        "max_turns": _opt(Unsigned, "Maximum turns of the recipe and its subagents."),
    })
    Response = _model("Response", "Structured output of the recipe.", {
        "json_schema": _opt(Any, "A JSON Schema the final output must validate against."),
    })
    SubRecipe = _model("SubRecipe", "A recipe this recipe can delegate to.", {
        "name": _req(Scalar, "Name the main recipe calls it by."),
        "path": _req(Scalar, "Path of the sub-recipe file, relative to this recipe."),
        "values": _opt(dict[str, Any], "Parameter values passed to the sub-recipe."),
        "sequential_when_repeated": _opt(bool, "Run repeated instances one after another."),
        "description": _opt(OptScalar, "What the sub-recipe does."),
    })
    Author = _model("Author", "Who wrote the recipe.", {
        "contact": _opt(OptScalar, "Contact information."),
        "metadata": _opt(OptScalar, "Anything else about the author."),
    })
    return _model("Recipe", "A goose recipe.", {
        "version": _opt(OptScalar, "Recipe format version (default 1.0.0)."),
        "title": _req(Scalar, "A short title."),
        "description": _req(Scalar, "What the recipe does."),
        "instructions": _opt(OptScalar, "Instructions for the model (templated)."),
        "prompt": _opt(OptScalar, "The first prompt of the session (templated; needed to run headless)."),
        "extensions": _opt(list[Union[tuple(extensions)]],
                           "Extensions the recipe needs."),
        "context": _opt(strings, "Additional context (legacy)."),
        "settings": _opt(Settings, "Model and provider settings."),
        "activities": _opt(strings, "Prompts shown as clickable bubbles in goose Desktop."),
        "author": _opt(Author, "Who wrote the recipe."),
        "parameters": _opt(list[Parameter], "Values the user provides."),
        "response": _opt(Response, "Structured output."),
        "sub_recipes": _opt(list[SubRecipe], "Recipes this one can delegate to."),
        "retry": _opt(Retry, "Retry until success checks pass."),
    })


def json_schema() -> dict:
    return published(recipe_model(), "goose-recipe/recipe.schema.json", "goose recipe (agentconform export)",
                     "Exported from agentconform's pydantic model of goose's Recipe types. Do not edit.")
