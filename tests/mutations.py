"""Systematic mutations of a JSON value, for differential tests against official schemas."""

from __future__ import annotations

import copy
from collections.abc import Iterator

REPLACEMENTS = (17, None, "x", [], {}, True, "latest", "", "not a uri")


def mutations(value, replacements=REPLACEMENTS) -> Iterator[tuple[str, object]]:
    """Drop each key, retype each value, add an unknown key to each object."""
    def walk(node, path):
        if isinstance(node, dict):
            yield path, node
            for key, child in node.items():
                yield from walk(child, path + (key,))
        elif isinstance(node, list):
            yield path, node
            for i, child in enumerate(node):
                yield from walk(child, path + (i,))
        else:
            yield path, node

    def get(root, path):
        for part in path:
            root = root[part]
        return root

    for path, node in list(walk(value, ())):
        if not path:
            continue
        parent_path, last = path[:-1], path[-1]
        dropped = copy.deepcopy(value)
        parent = get(dropped, parent_path)
        if isinstance(parent, dict):
            del parent[last]
            yield f"drop {path}", dropped
        for replacement in replacements:
            changed = copy.deepcopy(value)
            get(changed, parent_path)[last] = replacement
            yield f"set {path}={replacement!r}", changed
        if isinstance(node, dict):
            extended = copy.deepcopy(value)
            get(extended, path)["unknownExtra"] = 1
            yield f"extend {path}", extended
