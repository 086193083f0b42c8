"""The GOOSE rules: goose recipes (`*.yaml` / `*.json` with title, description, instructions/prompt).

What goose itself refuses is an error: a recipe that does not deserialize into goose's
`Recipe` types (the schema rule), and what `goose recipe validate` / recipe loading
reject (validate_recipe.rs): no instructions or prompt, template variables without a
parameter and parameters never used, optional parameters without a default, file
parameters with one, duplicate keys, an invalid `response.json_schema`. The recipe
reference's own "MUST" for select options is an error too. Documentation advice and
our own interoperability checks are warnings.
"""

from __future__ import annotations

from functools import partial

from validator.model import SpecRef, rule_factory
from validator.standards.goose_recipe.names import NAME

_GOOSE = "https://github.com/block/goose/blob/main"
VALIDATE = SpecRef(f"{_GOOSE}/crates/goose/src/recipe/validate_recipe.rs", "goose validate_recipe.rs (goose recipe validate)")
RECIPE_RS = SpecRef(f"{_GOOSE}/crates/goose/src/recipe/mod.rs", "goose recipe/mod.rs (Recipe types)")
ADAPTER = SpecRef(f"{_GOOSE}/crates/goose/src/recipe/recipe_extension_adapter.rs", "goose recipe_extension_adapter.rs (extension types)")
BUILD = SpecRef(f"{_GOOSE}/crates/goose/src/recipe/build_recipe/mod.rs", "goose build_recipe (resolve_sub_recipe_path)")
TEMPLATE_RS = SpecRef(f"{_GOOSE}/crates/goose/src/recipe/template_recipe.rs", "goose template_recipe.rs (template variables)")
_DOCS = "https://block.github.io/goose/docs/guides/recipes/recipe-reference"
REFERENCE = SpecRef(_DOCS, "goose Recipe Reference Guide")
FORMAT = SpecRef(f"{_DOCS}#recipe-file-format", "goose Recipe Reference: Recipe File Format")
PARAMETERS = SpecRef(f"{_DOCS}#parameters", "goose Recipe Reference: Parameters")
ACTIVITIES = SpecRef(f"{_DOCS}#activities", "goose Recipe Reference: Activities")
EXTENSIONS = SpecRef(f"{_DOCS}#extensions", "goose Recipe Reference: Extensions")
SUBRECIPES = SpecRef(f"{_DOCS}#subrecipes", "goose Recipe Reference: Subrecipes")
RESPONSE = SpecRef(f"{_DOCS}#response", "goose Recipe Reference: Response")
JSON_SCHEMA = SpecRef("https://json-schema.org/draft/2020-12/json-schema-core", "JSON Schema 2020-12 Core")
NPM_SPEC = SpecRef("https://docs.npmjs.com/cli/v10/commands/npx", "npm: npx (package specs)")
UVX = SpecRef("https://docs.astral.sh/uv/guides/tools/#requesting-specific-versions", "uv: requesting specific tool versions")

_HEAD = 'version: "1.0.0"\ntitle: Code review\ndescription: Review a change\n'


rule = partial(rule_factory(NAME), example_language="yaml")
"""The GOOSE rule constructor: examples are YAML unless a rule says otherwise."""


GOOSE001 = rule(
    "GOOSE001", "recipe-schema-violation", "error", "MUST",
    "The recipe does not deserialize into goose's recipe types.",
    "goose reads a recipe into typed structs: a missing `title` or `description`, a parameter without "
    "`key`/`input_type`/`requirement`/`description` or with an unknown `input_type`, an extension without "
    "the fields of its `type` (`cmd` and `args` for stdio, `uri` for streamable_http), a `retry` without "
    "`max_retries` and `checks`, or a value of the wrong type makes goose refuse to load the recipe.",
    _HEAD + "prompt: Review {{ pr }}\nparameters:\n  - key: pr\n    input_type: text\n    requirement: required\n"
    "    description: Pull request number",
    _HEAD + "prompt: Review {{ pr }}\nparameters:\n  - key: pr\n    input_type: number\n    requirement: required\n"
    "    description: Pull request number",
    (RECIPE_RS, ADAPTER, REFERENCE),
    notes="Like goose, numbers and booleans are accepted where a string is expected (`default: 10`).")
GOOSE002 = rule(
    "GOOSE002", "missing-instructions-and-prompt", "error", "MUST",
    "The recipe has neither non-blank `instructions` nor a non-blank `prompt`.",
    "goose requires at least one of them (`validate_prompt_or_instructions`) and refuses to load the recipe "
    "otherwise.", _HEAD + "extensions: []", _HEAD + "instructions: Review the diff for bugs and style.", (VALIDATE, REFERENCE))
GOOSE003 = rule(
    "GOOSE003", "undefined-template-variable", "error", "MUST",
    "A template variable has no parameter definition.",
    "goose collects the template's variables (minus the built-in `recipe_dir`) and rejects a recipe that uses "
    "one without defining it in `parameters` (\"Missing definitions for parameters\"). Variables inside "
    "`{% raw %}` blocks or `{{'{{literal}}'}}` escapes are text, not variables.",
    _HEAD + "prompt: Review {{ pr_number }}", _HEAD + "prompt: Review {{ pr_number }}\nparameters:\n  - key: pr_number\n"
    "    input_type: number\n    requirement: required\n    description: Pull request number",
    (VALIDATE, TEMPLATE_RS, PARAMETERS))
GOOSE004 = rule(
    "GOOSE004", "unused-parameter", "error", "MUST",
    "A parameter is defined but no template uses it.",
    "goose rejects \"Unnecessary parameter definitions\": every parameter key must appear as a template "
    "variable of the recipe (including templates it extends or includes).",
    _HEAD + "prompt: Review the diff\nparameters:\n  - key: focus\n    input_type: string\n    requirement: optional\n"
    "    default: style\n    description: What to focus on",
    _HEAD + "prompt: Review the diff, focusing on {{ focus }}\nparameters:\n  - key: focus\n    input_type: string\n"
    "    requirement: optional\n    default: style\n    description: What to focus on", (VALIDATE, PARAMETERS))
GOOSE005 = rule(
    "GOOSE005", "optional-parameter-without-default", "error", "MUST",
    "An `optional` parameter has no `default`.",
    "goose refuses to load the recipe: \"Optional parameters missing default values\". An optional parameter "
    "that is not given would leave its template variable unset.",
    _HEAD + "prompt: Focus on {{ focus }}\nparameters:\n  - key: focus\n    input_type: string\n    requirement: optional\n"
    "    description: What to focus on",
    _HEAD + "prompt: Focus on {{ focus }}\nparameters:\n  - key: focus\n    input_type: string\n    requirement: optional\n"
    "    default: style\n    description: What to focus on", (VALIDATE, PARAMETERS))
GOOSE006 = rule(
    "GOOSE006", "file-parameter-with-default", "error", "MUST",
    "A `file` parameter has a `default`.",
    "goose forbids defaults for file parameters \"to avoid importing sensitive user files\" and refuses to "
    "load the recipe.",
    _HEAD + "prompt: Review {{ diff }}\nparameters:\n  - key: diff\n    input_type: file\n    requirement: optional\n"
    "    default: ~/.ssh/id_rsa\n    description: The diff to review",
    _HEAD + "prompt: Review {{ diff }}\nparameters:\n  - key: diff\n    input_type: file\n    requirement: required\n"
    "    description: The diff to review", (VALIDATE, PARAMETERS))
GOOSE007 = rule(
    "GOOSE007", "required-parameter-with-default", "warning", "SHOULD",
    "A `required` parameter has a `default`.",
    "The recipe reference says required parameters cannot have default values; goose does not enforce it, but "
    "the default is never used (the user must give a value), which is confusing. Make it `optional`.",
    _HEAD + "prompt: Review {{ branch }}\nparameters:\n  - key: branch\n    input_type: string\n    requirement: required\n"
    "    default: main\n    description: Branch to review",
    _HEAD + "prompt: Review {{ branch }}\nparameters:\n  - key: branch\n    input_type: string\n    requirement: optional\n"
    "    default: main\n    description: Branch to review", (PARAMETERS,))
GOOSE008 = rule(
    "GOOSE008", "select-without-options", "error", "MUST",
    "A `select` parameter has no `options`.",
    "The recipe reference: select parameters MUST have an `options` field with the available choices; goose "
    "Desktop shows an empty dropdown the user cannot answer.",
    _HEAD + "prompt: Write {{ format }}\nparameters:\n  - key: format\n    input_type: select\n    requirement: required\n"
    "    description: Output format",
    _HEAD + "prompt: Write {{ format }}\nparameters:\n  - key: format\n    input_type: select\n    requirement: required\n"
    "    description: Output format\n    options: [json, markdown]", (PARAMETERS,))
GOOSE009 = rule(
    "GOOSE009", "duplicate-parameter-key", "error", "MUST",
    "Two parameters have the same `key`.",
    "goose rejects the recipe (\"Duplicate parameter definition\"): one template variable cannot take two "
    "definitions.",
    _HEAD + "prompt: '{{ pr }}'\nparameters:\n  - {key: pr, input_type: number, requirement: required, description: PR}\n"
    "  - {key: pr, input_type: string, requirement: required, description: PR URL}",
    _HEAD + "prompt: '{{ pr }}'\nparameters:\n  - {key: pr, input_type: number, requirement: required, description: PR}",
    (VALIDATE,))
GOOSE010 = rule(
    "GOOSE010", "invalid-response-schema", "error", "MUST",
    "`response.json_schema` is not a valid JSON Schema.",
    "goose compiles `response.json_schema` when it loads the recipe (`jsonschema::validator_for`) and refuses "
    "a schema that does not compile: an unknown `type`, `required` that is not a list of names, `properties` "
    "that is not an object of schemas, a negative `minLength`, a `pattern` that is not a regular expression.",
    _HEAD + "prompt: Summarise\nresponse:\n  json_schema:\n    type: obj\n    required: summary",
    _HEAD + "prompt: Summarise\nresponse:\n  json_schema:\n    type: object\n    required: [summary]", (VALIDATE, RESPONSE, JSON_SCHEMA))
GOOSE011 = rule(
    "GOOSE011", "removed-extension-type", "warning", "SHOULD",
    "An extension uses `type: sse`, which recent goose releases no longer accept in recipes.",
    "goose's recipe extension types are stdio, builtin, platform, streamable_http, frontend and inline_python; "
    "SSE was the transport of older releases (MCP deprecated it in 2025-03-26). A current goose fails to load "
    "the recipe; move the server to streamable_http.",
    _HEAD + "prompt: Go\nextensions:\n  - type: sse\n    name: docs\n    uri: https://mcp.example.com/sse",
    _HEAD + "prompt: Go\nextensions:\n  - type: streamable_http\n    name: docs\n    uri: https://mcp.example.com/mcp",
    (ADAPTER, EXTENSIONS))
GOOSE012 = rule(
    "GOOSE012", "unpinned-extension-package", "info", "BEST_PRACTICE",
    "An `npx`/`uvx` extension runs a package without a pinned version.",
    "goose runs the extension command on every session; without a version (or with `@latest`) each run may "
    "fetch a different release, so the recipe can break or change behaviour, and a compromised release runs "
    "with the user's permissions. Pin `package@1.2.3` (npx) or `package==1.2.3` / `package@1.2.3` (uvx).",
    _HEAD + "prompt: Go\nextensions:\n  - type: stdio\n    name: github\n    cmd: npx\n    args: [-y, '@modelcontextprotocol/server-github']",
    _HEAD + "prompt: Go\nextensions:\n  - type: stdio\n    name: github\n    cmd: npx\n"
    "    args: [-y, '@modelcontextprotocol/server-github@2025.4.8']", (EXTENSIONS, NPM_SPEC, UVX),
    notes="One policy for unpinned packages with CFG017: supply-chain advice (an info), not a defect; the recipe works, and vendors' own snippets are unpinned.")
GOOSE013 = rule(
    "GOOSE013", "secret-in-recipe", "warning", "SHOULD",
    "The recipe contains what looks like a live credential.",
    "Recipes are shared (deeplinks, repositories, the recipe library). Credentials belong in `env_keys`, which "
    "goose resolves from the environment or its secret store; a token written into `envs`, `headers` or the "
    "prompt is leaked with the recipe. Placeholders and `${VARIABLE}` references are not reported.",
    _HEAD + "prompt: Go\nextensions:\n  - type: stdio\n    name: github\n    cmd: github-mcp-server\n    args: []\n"
    "    envs:\n      GITHUB_TOKEN: ghp_<36 characters of a real token>",
    _HEAD + "prompt: Go\nextensions:\n  - type: stdio\n    name: github\n    cmd: github-mcp-server\n    args: []\n"
    "    env_keys: [GITHUB_TOKEN]", (EXTENSIONS,))
GOOSE014 = rule(
    "GOOSE014", "sub-recipe-not-found", "error", "MUST",
    "A sub-recipe `path` points at a file that does not exist.",
    "goose resolves a relative sub-recipe path against the folder of the recipe that names it and stops with "
    "\"Sub-recipe file does not exist\" when building the recipe (`resolve_sub_recipe_path`). Absolute and "
    "templated paths are not checked.",
    _HEAD + "prompt: Go\nsub_recipes:\n  - name: security_scan\n    path: ./subrecipes/security.yaml   # missing",
    _HEAD + "prompt: Go\nsub_recipes:\n  - name: security_scan\n    path: ./subrecipes/security.yaml   # present",
    (BUILD, SUBRECIPES))
GOOSE015 = rule(
    "GOOSE015", "yml-extension", "warning", "SHOULD",
    "The recipe file ends in `.yml`, which the goose CLI does not load.",
    "The recipe reference: `.yml` files aren't supported by goose CLI (only goose Desktop reads them); "
    "`goose run --recipe name` looks for `.yaml` and `.json`. Rename the file to `.yaml`.",
    ".goose/recipes/review.yml", ".goose/recipes/review.yaml", (FORMAT,), example_language="text",
    fold="message")
GOOSE016 = rule(
    "GOOSE016", "multiple-message-activities", "warning", "SHOULD",
    "More than one activity starts with `message:`.",
    "goose Desktop shows the first `message:` activity as an info box; further ones become clickable bubbles "
    "that display the literal `message:` text. Only include one.",
    _HEAD + "prompt: Go\nactivities:\n  - 'message: Welcome!'\n  - 'message: Pick an option'\n  - Review the diff",
    _HEAD + "prompt: Go\nactivities:\n  - 'message: Welcome! Pick an option.'\n  - Review the diff", (ACTIVITIES,))

RULES = (GOOSE001, GOOSE002, GOOSE003, GOOSE004, GOOSE005, GOOSE006, GOOSE007, GOOSE008, GOOSE009, GOOSE010,
         GOOSE011, GOOSE012, GOOSE013, GOOSE014, GOOSE015, GOOSE016)
