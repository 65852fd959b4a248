"""Host name -> product, with v2fly rule semantics, fast enough for millions of hosts.

Precedence, most specific first: a ``full:`` rule naming the host; then the
longest matching suffix rule (``example.com`` covers ``example.com`` and every
host under it); then any ``regexp:``; then the longest ``keyword:``. A rule two
products claim goes to the higher ``precedence`` (validation rejects a tie).

The public suffix list (tldextract's bundled snapshot, never fetched) is used
to refuse accidental rules on a public suffix (``co.uk``, ``github.io``) and to
give the registrable domain of a host no rule knows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from emprise.catalog.entries import DomainRule, RuleKind


@functools.cache
def _extractor():
    """tldextract on its bundled public-suffix snapshot: no network, no cache dir."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def is_public_suffix(domain: str) -> bool:
    """Whether ``domain`` is itself a public suffix (ICANN or private section)."""
    parts = _extractor()(domain)
    return not parts.domain and bool(parts.suffix)


def registrable_domain(host: str) -> str | None:
    """The registrable domain of ``host`` (``a.b.example.co.uk`` -> ``example.co.uk``), None for none."""
    parts = _extractor()(normalise_host(host))
    return parts.top_domain_under_public_suffix or None


_PLAIN_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


def normalise_host(text: str) -> str:
    """A host as rules see it: lower case, no port, no trailing dot, no URL around it."""
    if _PLAIN_HOST.fullmatch(text):
        return text  # the common case in logs, checked in one C call
    host = text.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    if host.startswith("["):  # [IPv6]:port
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


@dataclass(slots=True)
class HostIndex:
    """Compiled domain rules; build with ``HostIndex.build(rules)``.

    A ``regexp:`` rule that ends with a literal domain (``…\\.akamaized\\.net$``)
    is filed under that domain and ranks like a suffix rule one label longer: it
    beats ``akamaized.net`` itself but loses to a longer suffix rule. Other
    regexps run, behind a literal pre-filter, only when no suffix matched.
    """

    full: dict[str, str] = field(default_factory=dict)
    suffix: dict[str, str] = field(default_factory=dict)
    regexp_by_suffix: dict[str, tuple[tuple[re.Pattern, str], ...]] = field(default_factory=dict)
    regexp_other: tuple[tuple[str | None, re.Pattern, str], ...] = ()  # (required literal, pattern, product)
    keyword: re.Pattern | None = None
    keyword_products: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, rules: Iterable[DomainRule]) -> "HostIndex":
        """Index rules, keeping for each the claim with the highest precedence."""
        best: dict[tuple[RuleKind, str], DomainRule] = {}
        for rule in rules:
            key = (rule.kind, rule.value)
            if key not in best or rule.precedence > best[key].precedence:
                best[key] = rule
        index = cls()
        by_suffix: dict[str, list[tuple[re.Pattern, str]]] = {}
        others = []
        keywords: dict[str, str] = {}
        for (kind, value), rule in sorted(best.items()):
            if kind is RuleKind.FULL:
                index.full[value] = rule.product
            elif kind is RuleKind.SUFFIX:
                index.suffix[value] = rule.product
            elif kind is RuleKind.REGEXP:
                pattern = re.compile(value)
                literal_suffix = _literal_suffix(value)
                if literal_suffix is not None:
                    by_suffix.setdefault(literal_suffix, []).append((pattern, rule.product))
                else:
                    others.append((_required_literal(value), pattern, rule.product))
            else:
                keywords[value] = rule.product
        index.regexp_by_suffix = {k: tuple(v) for k, v in by_suffix.items()}
        index.regexp_other = tuple(others)
        if keywords:
            ordered = sorted(keywords, key=lambda k: (-len(k), k))
            index.keyword_products = keywords
            index.keyword = re.compile("|".join(re.escape(k) for k in ordered))
        return index

    def lookup(self, host: str) -> str | None:
        """The product id for an already normalised ``host``, or None."""
        product = self.full.get(host)
        if product is not None:
            return product
        suffix, by_suffix = self.suffix, self.regexp_by_suffix
        name = host
        while True:
            if by_suffix and name in by_suffix:
                for pattern, product in by_suffix[name]:
                    if pattern.search(host):
                        return product
            product = suffix.get(name)
            if product is not None:
                return product
            dot = name.find(".")
            if dot < 0:
                break
            name = name[dot + 1 :]
        for literal, pattern, product in self.regexp_other:
            if (literal is None or literal in host) and pattern.search(host):
                return product
        if self.keyword is not None:
            found = [m.group(0) for m in self.keyword.finditer(host)]
            if found:
                return self.keyword_products[max(found, key=len)]
        return None

    def rule_count(self) -> int:
        regexps = sum(len(v) for v in self.regexp_by_suffix.values()) + len(self.regexp_other)
        return len(self.full) + len(self.suffix) + regexps + len(self.keyword_products)


# ``\.label\.label$`` at the very end of a pattern, after something that is not an
# alternation: the host must then end with that literal domain.
_TRAILING_DOMAIN = re.compile(r"((?:\\\.[a-z0-9-]+)+)\$$")


def _literal_suffix(pattern: str) -> str | None:
    """The literal domain a regexp rule's matches must end with, or None."""
    if _has_top_level_alternation(pattern):
        return None
    match = _TRAILING_DOMAIN.search(pattern)
    if match is None:
        return None
    return match.group(1).replace("\\.", ".").lstrip(".")


def _required_literal(pattern: str) -> str | None:
    """A literal (3+ characters) every match must contain, to skip the regexp cheaply; or None."""
    if _has_top_level_alternation(pattern):
        return None
    best, run, depth, i = "", "", 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            if depth == 0 and escaped in ".-/":
                run += escaped
            else:
                best, run = max(best, run, key=len), ""
            i += 2
            continue
        if char in "([":
            best, run = max(best, run, key=len), ""
            depth += 1 if char == "(" else 0
            if char == "[":
                i = pattern.find("]", i + 1) + 1 or len(pattern)
                continue
        elif char == ")":
            depth -= 1
        elif char in "?*{|":
            run = run[:-1]  # the character before an optional quantifier may be absent
            best, run = max(best, run, key=len), ""
        elif char in ".^$+":
            best, run = max(best, run, key=len), ""
        elif depth == 0:
            run += char
        i += 1
    best = max(best, run, key=len)
    return best if len(best) >= 3 else None


def _has_top_level_alternation(pattern: str) -> bool:
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.find("]", i + 1) + 1 or len(pattern)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        i += 1
    return False
