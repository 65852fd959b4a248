"""YAML inventories: ``{capabilities: [...], assets: [...]}`` or a bare list of assets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from emprise.errors import SourceError
from emprise.model import Capability, Locator, Record, Rejection
from emprise.sources._inventory import (
    FieldError,
    RowConverter,
    _text,
    canonical_column,
    make_key,
    parse_int,
)
from emprise.sources.interface import Sample, Source

_TOP_KEYS = re.compile(
    r"^(assets|actifs|applications|capabilities|capacites|fonctions)\s*:", re.MULTILINE
)
_LIST_OF_ASSETS = re.compile(r"^-\s+(name|nom)\s*:", re.MULTILINE)


class YamlInventorySource(Source):
    name = "inventory-yaml"
    description = "YAML inventory (capabilities and assets)"
    max_bytes = 64 << 20

    @classmethod
    def detect(cls, sample: Sample) -> int:
        text = sample.text()
        if _TOP_KEYS.search(text) or _LIST_OF_ASSETS.search(text):
            return 75 if sample.suffix in {".yaml", ".yml"} else 50
        return 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SourceError(
                display_name, f"YAML must be UTF-8 ({exc.reason} at byte {exc.start})"
            ) from exc
        except OSError as exc:
            raise SourceError(display_name, exc.strerror or str(exc)) from exc
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise SourceError(display_name, f"invalid YAML: {_yaml_reason(exc)}") from exc
        if root is None:
            raise SourceError(display_name, "the file is empty")
        sections = _sections(root, display_name)
        for item in sections.get("capabilities", ()):
            yield _capability(item, display_name)
        converter = RowConverter()
        for item in sections.get("assets", ()):
            locator = Locator(display_name, line=item.start_mark.line + 1)
            values = _scalar_mapping(item, locator)
            if isinstance(values, Rejection):
                yield values
                continue
            row = {}
            for key, value in values.items():
                column = canonical_column(key)
                if column is None:
                    continue
                if column == "depends_on" and isinstance(value, list):
                    value = "|".join(str(v) for v in value)
                row[column] = value
            yield converter.convert(row, locator)


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"line {mark.line + 1}: {problem}" if mark else problem


def _sections(root: yaml.Node, display_name: str) -> dict[str, list[yaml.Node]]:
    if isinstance(root, yaml.SequenceNode):
        return {"assets": list(root.value)}
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(display_name, "expected a mapping with 'assets:' or a list of assets")
    sections: dict[str, list[yaml.Node]] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value).lower()
        section = {
            "assets": "assets",
            "actifs": "assets",
            "applications": "assets",
            "capabilities": "capabilities",
            "capacites": "capabilities",
            "fonctions": "capabilities",
        }.get(key)
        if section is None:
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            raise SourceError(
                f"{display_name}:{value_node.start_mark.line + 1}", f"'{key}' must be a list"
            )
        sections.setdefault(section, []).extend(value_node.value)
    if not sections:
        raise SourceError(display_name, "no 'assets:' or 'capabilities:' list found")
    return sections


def _scalar_mapping(node: yaml.Node, locator: Locator) -> dict | Rejection:
    """The item as a dict of plain values; nested structures (other than lists of names) are refused."""
    if not isinstance(node, yaml.MappingNode):
        return Rejection(locator, "expected a mapping of column: value")
    result = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            return Rejection(locator, "keys must be plain text")
        if isinstance(value_node, yaml.ScalarNode):
            result[key_node.value] = yaml.SafeLoader(b"").construct_object(value_node, deep=True)
        elif (
            isinstance(value_node, yaml.SequenceNode)
            and all(isinstance(v, yaml.ScalarNode) for v in value_node.value)
            and len(value_node.value) <= 10_000
        ):
            result[key_node.value] = [v.value for v in value_node.value]
        else:
            return Rejection(
                locator, f"{key_node.value}: expected a single value or a list of names"
            )
    return result


def _capability(node: yaml.Node, display_name: str) -> Record | Rejection:
    locator = Locator(display_name, line=node.start_mark.line + 1)
    values = _scalar_mapping(node, locator)
    if isinstance(values, Rejection):
        return values
    folded = {canonical_column(k) or k.lower(): v for k, v in values.items()}
    try:
        name = _text(folded.get("name"))
        if name is None:
            raise FieldError("name: empty (every capability needs a name)")
        capability = Capability(
            key=make_key(name, "name"),
            name=name,
            criticality=parse_int(folded.get("criticality"), "criticality", low=1, high=4),
            description=_text(folded.get("description")),
        )
    except FieldError as exc:
        return Rejection(locator, str(exc))
    return Record(locator=locator, nodes=(capability,))
