"""Read v2fly domain-list-community lists (offline copy in shared/data/domains-v2fly)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

V2FLY_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "domains-v2fly" / "data"
V2FLY_COMMIT = "c975ccef9c19f005a3bfa7a33255d1b406deea64"


def v2fly_source(name: str) -> str:
    return f"shared/data/domains-v2fly@{V2FLY_COMMIT[:8]}:data/{name}"


@dataclass
class V2List:
    name: str
    rules: list[tuple[str, frozenset[str], str | None]] = field(default_factory=list)  # rule, attrs, comment
    includes: list[str] = field(default_factory=list)


def read_all(directory: Path = V2FLY_DIR) -> dict[str, V2List]:
    lists = {}
    for path in sorted(directory.iterdir()):
        lists[path.name] = read_list(path)
    return lists


_ATTR = re.compile(r"@[\w!-]+")


def read_list(path: Path) -> V2List:
    result = V2List(path.name)
    comment = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            comment = None
            continue
        if line.startswith("#"):
            comment = line.lstrip("#").strip() or comment
            continue
        line = line.split("#", 1)[0].strip()
        attrs = frozenset(a[1:] for a in _ATTR.findall(line))
        rule = _ATTR.sub("", line).strip()
        if rule.startswith("include:"):
            result.includes.append(rule[len("include:"):].strip())
        elif rule:
            result.rules.append((rule, attrs, comment))
    return result


def closure(lists: dict[str, V2List], name: str, stop: set[str]) -> list[str]:
    """``name`` and the lists it includes, transitively, not entering ``stop``."""
    seen, order, todo = set(), [], [name]
    while todo:
        current = todo.pop(0)
        if current in seen or current not in lists:
            continue
        seen.add(current)
        order.append(current)
        todo.extend(i for i in lists[current].includes if i not in stop or i == name)
    return order
