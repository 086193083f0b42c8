"""YAML with positions, through PyYAML's composer (safe loading only).

The composer marks every node with its start and end; values come from the safe
constructor, so no tag can run code. Anchors and aliases are walked with a node
budget, so an alias bomb is reported instead of expanded.
"""

from __future__ import annotations

from validator.parsing.document import Duplicate, ParseError, StructuredDocument
from validator.parsing.text import TextIndex

MAX_NODES = 200_000
MAX_DEPTH = 256


def parse_yaml(text: str, *, had_bom: bool = False) -> StructuredDocument:
    """Parse one YAML document; raise `ParseError` (offset in characters) when invalid."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    loader = loader_class(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            raise ParseError(_yaml_message(err), _mark_offset(text, mark)) from None
        except yaml.YAMLError as err:
            raise ParseError(str(err).splitlines()[0], 0) from None
        index = TextIndex(text)
        if node is None:
            return StructuredDocument(None, index, "yaml", had_bom=had_bom, spans={(): (0, 0)}, key_spans={}, duplicates=[])
        walker = _Walker(loader, text)
        try:
            value = walker.walk(node, (), 0)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            raise ParseError(_yaml_message(err), _mark_offset(text, mark)) from None
        except RecursionError:
            raise ParseError("YAML nesting too deep", 0, kind="depth") from None
        return StructuredDocument(value, index, "yaml", had_bom=had_bom, spans=walker.spans,
                                  key_spans=walker.key_spans, duplicates=walker.duplicates)
    finally:
        loader.dispose()


def _yaml_message(err) -> str:
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    context = getattr(err, "context", None)
    return f"{problem} ({context})" if context else str(problem)


def _mark_offset(text: str, mark) -> int:
    if mark is None:
        return 0
    # The C loader's marks carry no character index; rebuild it from line and column.
    index = TextIndex(text)
    return index.line_offset(mark.line + 1) + mark.column


class _Walker:
    """Builds the Python value and the span maps from a composed node graph."""

    def __init__(self, loader, text: str) -> None:
        self.loader = loader
        self.text = text
        self.index = TextIndex(text)
        self.spans: dict = {}
        self.key_spans: dict = {}
        self.duplicates: list = []
        self.budget = MAX_NODES

    def offset(self, mark) -> int:
        return self.index.line_offset(mark.line + 1) + mark.column

    def walk(self, node, pointer: tuple, depth: int):
        import yaml

        self.budget -= 1
        if self.budget < 0:
            raise ParseError(f"document expands to more than {MAX_NODES} nodes (alias bomb?)", self.offset(node.start_mark), kind="depth")
        if depth > MAX_DEPTH:
            raise ParseError(f"nesting deeper than {MAX_DEPTH} levels", self.offset(node.start_mark), kind="depth")
        self.spans[pointer] = (self.offset(node.start_mark), self.offset(node.end_mark))
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    raise ParseError("unhashable mapping key", self.offset(key_node.start_mark)) from None
                child = pointer + (key,)
                key_span = (self.offset(key_node.start_mark), self.offset(key_node.end_mark))
                if key in result:
                    first = self.key_spans.get(child, key_span)[0]
                    self.duplicates.append(Duplicate(child, key_span[0], key_span[1], first))
                self.key_spans[child] = key_span
                result[key] = self.walk(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, pointer + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)
