"""Read YAML keeping the line of every key and item, so errors can name them.

Mappings load as ``LineDict`` and sequences as ``LineList``: plain dict and list
subclasses that also remember the 1-based line of the node, of each key and of
each item. Only YAML 1.2 booleans (``true``/``false``) are booleans here: the
YAML 1.1 rule that reads Norway's code ``NO`` as ``False`` would corrupt the
country table.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from emprise.errors import CatalogError


class LineDict(dict):
    """A mapping read from YAML: ``line`` of the mapping, ``key_lines[key]`` of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence read from YAML: ``line`` of the sequence, ``item_lines[i]`` of each item."""

    line: int = 0
    item_lines: list[int]


_LOADER_CLASS = None


def _loader_class() -> type:
    """The PyYAML loader, built on first use (PyYAML is only needed to compile)."""
    global _LOADER_CLASS
    if _LOADER_CLASS is not None:
        return _LOADER_CLASS
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):  # noqa: ANN001
            self.flatten_mapping(node)
            result = LineDict()
            result.line = node.start_mark.line + 1
            result.key_lines = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in result:
                    raise CatalogError(
                        f"{self._emprise_file}:{key_node.start_mark.line + 1}: "
                        f"key {key!r} appears twice in the same mapping"
                    )
                result[key] = self.construct_object(value_node, deep=True)
                result.key_lines[key] = key_node.start_mark.line + 1
            return result

        def construct_sequence(self, node, deep=False):  # noqa: ANN001
            result = LineList(self.construct_object(child, deep=True) for child in node.value)
            result.line = node.start_mark.line + 1
            result.item_lines = [child.start_mark.line + 1 for child in node.value]
            return result

    # Keep YAML 1.2 booleans only (see the module docstring).
    resolvers = {}
    for first, entries in base.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag != "tag:yaml.org,2002:bool"]
        if kept:
            resolvers[first] = kept
    bool_rx = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", bool_rx))
    LineLoader.yaml_implicit_resolvers = resolvers
    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_sequence)
    LineLoader.add_constructor(
        "tag:yaml.org,2002:bool",
        lambda loader, node: loader.construct_scalar(node).lower() == "true",
    )
    _LOADER_CLASS = LineLoader
    return LineLoader


def load_yaml(path: Path, display_name: str) -> Any:
    """Parse one YAML file; ``display_name`` is how errors name it.

    Returns the document (LineDict / LineList / scalar, None when empty). Raises
    CatalogError naming the file and line for unreadable or malformed YAML.
    """
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{display_name}: cannot read: {exc}") from exc
    loader = _loader_class()(text)
    loader._emprise_file = display_name
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise CatalogError(f"{display_name}:{line}: invalid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise CatalogError(f"{display_name}: invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
