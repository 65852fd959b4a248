"""Package URL (purl) rules: ``pkg:TYPE/NAMESPACE/NAME``, a trailing ``*`` for a prefix.

``pkg:maven/org.apache.*`` covers every Maven group under ``org.apache.``;
``pkg:npm/@angular/*`` every package of the ``@angular`` scope; ``pkg:pypi/django``
one package. The longest matching rule wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_RULE_RE = re.compile(r"^pkg:[a-z0-9.+-]+/[^\s*?#]*\*?$")
# Ecosystems whose names are case-insensitive and where - _ . are the same (PEP 503).
_PYPI_SEPARATORS = re.compile(r"[-_.]+")


def check_purl_rule(rule: str) -> str | None:
    """A reason when ``rule`` is not a purl rule, else None."""
    if not _RULE_RE.match(rule):
        return f"{rule!r} is not a purl rule (pkg:TYPE/NAMESPACE/NAME, optionally ending with *)"
    return None


def purl_key(text: str) -> str | None:
    """``TYPE/NAMESPACE/NAME`` of a purl, normalised, without version, qualifiers or subpath.

    Returns None when ``text`` is not a purl.
    """
    from packageurl import PackageURL

    try:
        purl = PackageURL.from_string(text.strip())
    except ValueError:
        return None
    return _normalise(purl.type, purl.namespace, purl.name)


def _normalise(type_: str, namespace: str | None, name: str) -> str:
    type_ = type_.lower()
    if type_ == "pypi":
        name = _PYPI_SEPARATORS.sub("-", name.lower())
    elif type_ in {"npm", "github", "golang", "composer", "gem", "cargo", "nuget"}:
        name = name.lower()
        namespace = namespace.lower() if namespace else namespace
    return f"{type_}/{namespace}/{name}" if namespace else f"{type_}/{name}"


def _rule_key(rule: str) -> tuple[str, bool]:
    """The rule's key (as ``purl_key`` writes it) and whether it is a prefix."""
    body = rule[len("pkg:") :]
    prefix = body.endswith("*")
    body = body.rstrip("*")
    type_, _, rest = body.partition("/")
    if prefix:
        return _normalise_prefix(type_, rest), True
    namespace, _, name = rest.rpartition("/")
    return _normalise(type_, namespace or None, name), False


def _normalise_prefix(type_: str, rest: str) -> str:
    type_ = type_.lower()
    if type_ in {"pypi", "npm", "github", "golang", "composer", "gem", "cargo", "nuget"}:
        rest = rest.lower()
    return f"{type_}/{rest}"


@dataclass(slots=True)
class PurlIndex:
    """Exact and prefix purl rules, each pointing at an owner id."""

    exact: dict[str, str] = field(default_factory=dict)
    prefixes: list[tuple[str, str]] = field(default_factory=list)  # longest first

    @classmethod
    def build(cls, rules: Iterable[tuple[str, str]]) -> "PurlIndex":
        """Index ``(rule, owner id)`` pairs; the first owner of a rule keeps it."""
        index = cls()
        prefixes: dict[str, str] = {}
        for rule, owner in rules:
            key, is_prefix = _rule_key(rule)
            target = prefixes if is_prefix else index.exact
            target.setdefault(key, owner)
        index.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[0]))
        return index

    def lookup(self, key: str) -> str | None:
        """The owner of the longest rule matching a ``purl_key``, or None."""
        owner = self.exact.get(key)
        if owner is not None:
            return owner
        for prefix, owner in self.prefixes:
            if key.startswith(prefix):
                return owner
        return None
