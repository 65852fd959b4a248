"""Which catalog product each distinct host of a discovery belongs to: the engine narrows, the catalog decides.

A day of proxy logs holds hundreds of thousands of distinct hosts, nearly all of
them long-tail sites no rule names. Moving them all into Python to ask the
catalog one by one is what used to dominate a discovery. Instead the catalog's
``full:`` and suffix rules (and the literal domains regexp rules end with)
become a small key table that the engine joins against, so only hosts that
*could* match leave the engine; the catalog's own ``HostIndex.lookup`` then
gives the exact answer, with its precedence (full, longest suffix, regexp,
keyword), for those few.

A host can match a rule ``v`` only if ``v`` is one of its label suffixes, so
the host's last labels equal ``v``'s: a rule of one or two labels is keyed by
itself, a longer one by its last three labels, and a host is a candidate when
its last one, two or three labels are such a key. This needs no public-suffix
list (``bbc.co.uk`` is keyed ``bbc.co.uk``, so British hosts are not all
candidates) and loads nothing: the exact answer is the catalog's. Regexp rules
with no literal domain and keyword rules are substring tests on the host (their
required literal); a regexp with no usable literal makes every host a candidate
(correct, slower).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: A host the engine cannot vouch for as plain (upper case, a port, a trailing dot…)
#: goes to the catalog, whose ``normalise_host`` knows how to read it.
_PLAIN_HOST = "^[a-z0-9_-]+(\\.[a-z0-9_-]+)*$"


@dataclass(frozen=True, slots=True)
class RuleKeys:
    """What the engine needs to keep every host a rule might claim, and few others."""

    by_labels: dict[int, frozenset[str]]  # 1, 2, 3 -> keys of that many labels
    literals: tuple[str, ...]  # a host containing one of these is a candidate
    every_host: bool  # some regexp has no literal: every host is a candidate


_CACHE: list = []  # [(HostIndex, RuleKeys)]: one catalog per process in practice


def rule_keys(index) -> RuleKeys:
    """The keys of a ``HostIndex``'s rules (computed once per index)."""
    if _CACHE and _CACHE[0][0] is index:
        return _CACHE[0][1]
    by_labels: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
    for value in (*index.full, *index.suffix, *index.regexp_by_suffix):
        labels = value.split(".")
        by_labels[min(len(labels), 3)].add(".".join(labels[-3:]))
    literals: list[str] = list(index.keyword_products)
    every_host = False
    for literal, _, _ in index.regexp_other:
        if literal is None:
            every_host = True
        else:
            literals.append(literal)
    keys = RuleKeys({n: frozenset(v) for n, v in by_labels.items()}, tuple(sorted(set(literals))), every_host)
    _CACHE[:] = [(index, keys)]
    return keys


def candidate_hosts(hosts, keys: RuleKeys, small_table):
    """The rows of ``hosts`` (an Ibis table with a string column ``host``) a rule might claim.

    Everything runs in the engine: label suffixes of each host, semi-joins with
    the key tables (made by ``small_table``, the engine's ``Engine.small_table``),
    substring tests for the literals.
    """
    import ibis

    if keys.every_host:
        return hosts
    # The last one, two and three labels, read on the reversed host with ``find`` (no
    # split: Spark's takes a regular expression). One stage per step, computed once.
    step = hosts.mutate(_reversed=hosts.host.reverse())
    step = step.mutate(_dot1=step._reversed.find("."))
    step = step.mutate(_rest1=ibis.cases((step._dot1 >= 0, step._reversed.substr(step._dot1 + 1)), else_=""))
    step = step.mutate(_dot2=step._rest1.find("."))
    step = step.mutate(_rest2=ibis.cases((step._dot2 >= 0, step._rest1.substr(step._dot2 + 1)), else_=""))
    step = step.mutate(_dot3=step._rest2.find("."))

    def last(dot, offset):
        """The host's end up to the dot at ``offset + dot`` of the reversed host, or the whole host."""
        return ibis.cases((dot >= 0, step._reversed.substr(0, offset + dot).reverse()), else_=step.host)

    step = step.mutate(_last1=last(step._dot1, 0))
    step = step.mutate(_last2=ibis.cases((step._dot1 >= 0, last(step._dot2, step._dot1 + 1)), else_=step.host))
    step = step.mutate(_last3=ibis.cases(((step._dot1 >= 0) & (step._dot2 >= 0),
                                          last(step._dot3, step._dot1 + step._dot2 + 2)), else_=step.host))
    host = step.host
    keep = ~host.re_search(_PLAIN_HOST)
    for size, values in keys.by_labels.items():
        if values:
            table = small_table({"key": sorted(values)})
            keep |= step[f"_last{size}"].isin(table.key)
    for literal in keys.literals:
        keep |= host.contains(literal)
    return step.filter(keep).select(*hosts.columns)


def classify(hosts: Iterable[str], catalog) -> list[tuple[str, str, str | None]]:
    """``(host, product id, vendor id)`` for each host the catalog knows; the others are left out."""
    found = []
    lookup = catalog.product_for_host
    for host in hosts:
        try:
            product = lookup(host)
        except (ValueError, UnicodeError):  # a host no rule can read is simply unknown
            continue
        if product is not None:
            found.append((host, product.id, product.vendor))
    return found
