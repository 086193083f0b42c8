"""Parameters (GOOSE005-GOOSE009) and the template variables that use them (GOOSE003, GOOSE004).

Mirrors `validate_recipe.rs`: optional/file parameter defaults, duplicate keys, template
variables against parameters (templates this recipe extends included). Reads the recipe
defensively: a value of the wrong type is the schema rule's finding, not a crash here.
"""

from __future__ import annotations

from collections.abc import Iterator
from posixpath import dirname, join, normpath

import validator.standards.goose_recipe.rules as R
from validator.emitters import emits
from validator.model import Problem, Span
from validator.standards.goose_recipe.reader import rebased, recipe_at
from validator.standards.goose_recipe.template import TemplateScan, scan
from validator.standards.goose_recipe.values import items, parameter_keys, scalar


@emits(R.GOOSE005, R.GOOSE006, R.GOOSE007, R.GOOSE008, R.GOOSE009)
def parameters(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_parameters(recipe), base)


@emits(R.GOOSE003, R.GOOSE004)
def template_variables(doc, ctx) -> Iterator[Problem]:
    recipe, base = recipe_at(doc)
    yield from rebased(_template(recipe, doc.meta["text"], doc.relpath, ctx), base)


def _parameters(recipe: dict) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, param in items(recipe, "parameters"):
        base = ("parameters", i)
        key = scalar(param.get("key"))
        if key is not None:
            if key in seen:
                yield Problem(R.GOOSE009, f"parameter {key!r} is already defined at parameters[{seen[key]}]", base + ("key",))
            seen.setdefault(key, i)
        label = repr(key) if key is not None else f"parameters[{i}]"
        has_default = param.get("default") is not None
        requirement, input_type = param.get("requirement"), param.get("input_type")
        if requirement == "optional" and not has_default and input_type != "file":
            yield Problem(R.GOOSE005, f"optional parameter {label} needs a default", base + ("default",))
        if input_type == "file" and has_default:
            yield Problem(R.GOOSE006, f"file parameter {label} must not have a default "
                                                           "(goose refuses to import files by default)", base + ("default",))
        elif requirement == "required" and has_default:
            yield Problem(R.GOOSE007, f"required parameter {label} has a default that is never "
                                                           "used; make it optional", base + ("default",))
        if input_type == "select":
            options = param.get("options")
            if options is None or options == []:
                yield Problem(R.GOOSE008, f"select parameter {label} has no options", base + ("options",))


def _template(recipe: dict, text: str, relpath: str, ctx) -> Iterator[Problem]:
    found = scan(text)
    used, words = set(found.variables), set(found.words)
    if found.dynamic_parent:
        return
    for parent in found.parents:
        parent_scan = _scan_parent(parent, relpath, ctx)
        if parent_scan is None:
            return  # goose would see variables we cannot: judge nothing
        used |= set(parent_scan.variables)
        words |= parent_scan.words
    keys = parameter_keys(recipe)
    for name, offset in found.variables.items():
        if name not in keys:
            yield Problem(R.GOOSE003, f"template variable {name!r} has no parameter; add it to parameters",
                          Span(offset, offset + 2))
    for key, i in keys.items():
        if key not in used and key not in words:
            yield Problem(R.GOOSE004, f"parameter {key!r} is not used by any template", ("parameters", i, "key"))


def _scan_parent(name: str, relpath: str, ctx) -> TemplateScan | None:
    target = normpath(join(dirname(relpath), name))
    if target.startswith(".."):
        return None
    content = ctx.index.read_text(target)
    return scan(content) if content is not None else None
