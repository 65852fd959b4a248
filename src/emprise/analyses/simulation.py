"""Cut-off simulation: what stops if a vendor, a group, a country, a product or a hosting
provider cuts the organisation off — and what the catalog's alternatives would restore.

A cut fails one or more nodes; failure then flows backwards along the edges that
mean "needs":

    country  <-headquartered_in- vendor      (a country's companies)
    parent   <-owned_by-         vendor      (a group's subsidiaries)
    vendor   <-made_by-          product     (what it makes: services and proprietary software)
    product  <-instance_of-      asset
    provider <-hosted_on-        asset/product  (followed transitively)
    asset    <-depends_on-       asset

Open-source software keeps running when its publisher is cut (the code is in hand):
its ``made_by`` edge does not carry the failure; the asset is listed as *degraded*
(no more updates from that publisher) instead. Proprietary software run on premises
is counted as stopped: its licence and support go with the vendor.

The traversal runs on a compact integer index built once from the graph (one pass
over the edges into flat arrays, grouped with numpy), level by level on those arrays,
so a simulation is linear in the size of the graph; see benchmarks/bench_simulate.py
for the measured growth.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from emprise.errors import EmpriseError
from emprise.graph import DependencyGraph
from emprise.graph.build import EDGE_KIND_CODE, NODE_TYPE_CODE
from emprise.model import AssetKind, EdgeKind, NodeType, Ref

__all__ = ["CUT_KINDS", "CapabilityImpact", "Cut", "PropagationIndex", "Restoration",
           "SimulationResult", "SinglePointOfFailure", "StoppedAsset", "parse_cut", "simulate"]

CUT_KINDS = ("vendor", "parent", "country", "product", "provider")

# Edge kinds along which a failure travels (from the edge's target to its source).
_PROPAGATING = (EdgeKind.HEADQUARTERED_IN, EdgeKind.OWNED_BY, EdgeKind.MADE_BY, EdgeKind.INSTANCE_OF,
                EdgeKind.HOSTED_ON, EdgeKind.DEPENDS_ON)


# Nodes whose out-edges never carry a failure (uses, governs).
_SILENT = frozenset({NodeType.CAPABILITY, NodeType.CONTRACT})


class CutError(EmpriseError):
    """A ``--cut`` value that names no known kind or nothing in the graph."""


@dataclass(frozen=True)
class Cut:
    kind: str  # one of CUT_KINDS
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def parse_cut(text: str) -> Cut:
    """``country:US`` -> Cut("country", "US"); raises CutError listing the valid kinds."""
    kind, _, ident = text.partition(":")
    kind = kind.strip().lower()
    ident = ident.strip()
    if kind not in CUT_KINDS or not ident:
        raise CutError(f"--cut {text!r}: expected KIND:ID with KIND one of {', '.join(CUT_KINDS)}")
    return Cut(kind, ident.upper() if kind == "country" else ident)


class StoppedAsset:
    """An asset a cut stops (or degrades), and ``via``: the names from the cut node to
    the asset, the path the failure took.

    ``via`` may be given as a function: a cut of a large graph stops hundreds of
    thousands of assets and most callers read a few paths (the first lines of a
    list), so the simulation keeps the breadth-first parents and each path is
    walked back when read, then kept.
    """

    __slots__ = ("asset", "name", "_via")

    def __init__(self, asset: Ref, name: str, via: tuple[str, ...] | Callable[[], tuple[str, ...]]) -> None:
        self.asset, self.name, self._via = asset, name, via

    @property
    def via(self) -> tuple[str, ...]:
        if callable(self._via):
            self._via = self._via()
        return self._via

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoppedAsset):
            return NotImplemented
        return (self.asset, self.name, self.via) == (other.asset, other.name, other.via)

    def __hash__(self) -> int:
        return hash((self.asset, self.name))

    def __repr__(self) -> str:
        return f"StoppedAsset({self.asset!r}, {self.name!r}, {self.via!r})"


@dataclass(frozen=True)
class Restoration:
    """Catalog alternatives to a stopped asset's product that the cut does not reach."""

    asset: Ref
    name: str
    alternatives: tuple[tuple[str, str, str], ...]  # (product id, name, fit)


@dataclass(frozen=True)
class CapabilityImpact:
    capability: Ref
    name: str
    criticality: int | None
    status: str  # "lost" (every asset stops) or "degraded" (some stop, or lose updates)
    stopped: tuple[Ref, ...]
    degraded: tuple[Ref, ...]
    total: int
    restorable: bool  # every stopped asset has an alternative the cut does not reach


@dataclass(frozen=True)
class SinglePointOfFailure:
    """A capability whose every asset stops when this one company (outside the EU) is cut."""

    capability: Ref
    capability_name: str
    company: Ref
    company_name: str
    country: str | None


@dataclass(frozen=True)
class SimulationResult:
    cut: Cut
    seeds: tuple[Ref, ...]  # what the cut fails directly
    stopped: tuple[StoppedAsset, ...]
    degraded: tuple[StoppedAsset, ...]  # open source that keeps running without updates
    capabilities: tuple[CapabilityImpact, ...]
    impact: float  # criticality-weighted share of capability assets stopped, 0–1
    unweighted_capabilities: int  # affected capabilities of unknown criticality (not in `impact`)
    restorations: tuple[Restoration, ...]
    single_points_of_failure: tuple[SinglePointOfFailure, ...]

    @property
    def lost(self) -> tuple[CapabilityImpact, ...]:
        return tuple(c for c in self.capabilities if c.status == "lost")

    def to_json(self) -> dict:
        """The JSON of ``emprise simulate --format json``."""
        return {
            "cut": str(self.cut),
            "seeds": [str(s) for s in self.seeds],
            "stopped_assets": [{"asset": str(s.asset), "name": s.name, "via": list(s.via)} for s in self.stopped],
            "degraded_assets": [{"asset": str(s.asset), "name": s.name, "via": list(s.via)}
                                for s in self.degraded],
            "capabilities_lost": [_capability_json(c) for c in self.capabilities if c.status == "lost"],
            "capabilities_degraded": [_capability_json(c) for c in self.capabilities if c.status == "degraded"],
            "impact": self.impact,
            "unweighted_capabilities": self.unweighted_capabilities,
            "single_points_of_failure": [
                {"capability": str(s.capability), "capability_name": s.capability_name,
                 "company": str(s.company), "company_name": s.company_name, "country": s.country}
                for s in self.single_points_of_failure],
            "alternatives": [
                {"asset": str(r.asset), "name": r.name,
                 "alternatives": [{"product": p, "name": n, "fit": f} for p, n, f in r.alternatives]}
                for r in self.restorations],
        }


def _capability_json(c: CapabilityImpact) -> dict:
    return {"capability": str(c.capability), "name": c.name, "criticality": c.criticality,
            "stopped": [str(r) for r in c.stopped], "degraded": [str(r) for r in c.degraded],
            "total_assets": c.total, "restorable": c.restorable}


# -- the index ------------------------------------------------------------------------


class PropagationIndex:
    """The reversed "needs" adjacency of a graph (compressed sparse rows) over its node ids.

    Built with numpy from the graph's flat edge arrays (``DependencyGraph.edge_arrays``):
    which edges carry a failure is decided on whole arrays, and only the few nodes
    whose openness matters (publishers' ``made_by`` edges) are looked at in Python.
    Walking networkx's dicts here used to dominate a simulation and grow faster than
    the graph. The traversal runs level by level on the arrays.
    """

    def __init__(self, graph: DependencyGraph, catalog=None) -> None:
        import numpy as np

        self.graph = graph
        self.ids: dict[Ref, int] = graph.ids
        self.refs: list[Ref] = list(graph.ids)
        self.names: list[str] = graph.names
        self._nodes = graph.g._node  # networkx's own dict: its views cost a call per access
        sources, targets, kinds, types = graph.edge_arrays()
        self.edge_sources, self.edge_targets, self.edge_kinds, self.types = sources, targets, kinds, types
        carries = np.isin(kinds, [EDGE_KIND_CODE[k] for k in _PROPAGATING])
        # Capabilities and contracts: their edges carry no failure.
        carries &= ~np.isin(types[sources], [NODE_TYPE_CODE[t] for t in _SILENT])
        # An open-source product (or component) keeps running when its publisher falls:
        # its made_by edge does not carry, it is remembered to mark it degraded.
        made_by = carries & (kinds == EDGE_KIND_CODE[EdgeKind.MADE_BY])
        open_nodes = self._open_source_nodes(catalog, np.unique(sources[made_by]).tolist())
        opened = made_by & np.isin(sources, np.fromiter(open_nodes, dtype=np.int64, count=len(open_nodes)))
        self.open_source_of: dict[int, int] = dict(zip(sources[opened].tolist(), targets[opened].tolist()))
        carries &= ~opened
        needing, needed = sources[carries], targets[carries]
        # Grouped by target, each group in ascending node id (``reach`` keeps the lowest
        # id a failure could come from), one entry per pair whatever the edge kinds.
        order = np.lexsort((needing, needed))
        needing, needed = needing[order], needed[order]
        if needed.size:
            distinct = np.ones(needed.size, dtype=bool)
            distinct[1:] = (needed[1:] != needed[:-1]) | (needing[1:] != needing[:-1])
            needing, needed = needing[distinct], needed[distinct]
        count = len(self.refs)
        self._indices = needing  # the nodes that need each target, grouped by target
        self._indptr = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(needed, minlength=count), out=self._indptr[1:])

    def value(self, node: int):
        return self._nodes[self.refs[node]]["value"]

    def name(self, node: int) -> str:
        return self.names[node]

    def dependants(self, node: int) -> list[int]:
        """The nodes that fail when ``node`` fails (one step)."""
        return self._indices[self._indptr[node]:self._indptr[node + 1]].tolist()

    def _open_source_nodes(self, catalog, candidates: list[int]) -> set[int]:
        """Which ``candidates`` are open source (catalog, SBOM licence, inventory kind)."""
        found: set[int] = set()
        for node in candidates:
            ref, value = self.refs[node], self.value(node)
            if ref.type is NodeType.PRODUCT:
                entry = catalog.product(ref.key) if catalog is not None else None
                if (entry is not None and entry.open_source) or (
                        entry is None and getattr(value, "licence", None)):
                    found.add(node)
            elif ref.type is NodeType.ASSET:
                if value.kind is AssetKind.OPEN_SOURCE_COMPONENT or (
                        value.licence and not value.licence.startswith("LicenseRef-")):
                    found.add(node)
        return found

    def reach(self, seeds: list[int], *, not_from: tuple[int, set[int]] | None = None) -> dict[int, int]:
        """Every node the seeds' failure reaches, with the node it came from (seeds: -1),
        in breadth-first order (a node after the one it came from).

        ``not_from`` = (node, excluded): the failure does not travel from ``node`` to
        the ``excluded`` nodes (a vendor cut alone does not stop its subsidiaries).
        Of several nodes a failure could come from, the one with the lowest id is kept.
        """
        import numpy as np

        indptr, indices = self._indptr, self._indices
        parent = np.full(len(self.refs), -2, dtype=np.int64)  # -2: not reached
        frontier = np.unique(np.asarray(seeds, dtype=np.int64))
        parent[frontier] = -1
        levels = [frontier]
        blocked = (not_from[0], np.fromiter(not_from[1], dtype=np.int64)) if not_from else None
        while frontier.size:
            starts = indptr[frontier]
            counts = indptr[frontier + 1] - starts
            total = int(counts.sum())
            if not total:
                break
            # Every (frontier node, dependant) pair, flattened without a Python loop.
            before = np.cumsum(counts) - counts
            owners = np.repeat(frontier, counts)
            following = indices[np.repeat(starts - before, counts) + np.arange(total)]
            fresh = parent[following] == -2
            if blocked is not None:
                fresh &= ~((owners == blocked[0]) & np.isin(following, blocked[1]))
            following, owners = following[fresh], owners[fresh]
            frontier, first = np.unique(following, return_index=True)
            parent[frontier] = owners[first]
            levels.append(frontier)
        reached = np.concatenate(levels)
        return dict(zip(reached.tolist(), parent[reached].tolist()))


# -- simulating ------------------------------------------------------------------------


def _seeds(index: PropagationIndex, catalog, cut: Cut) -> list[Ref]:
    graph = index.graph
    if cut.kind == "country":
        ref = Ref(NodeType.COUNTRY, cut.id)
        found = [ref] if ref in graph else []
    elif cut.kind in ("vendor", "parent"):
        ref = Ref(NodeType.VENDOR, cut.id)
        if ref not in graph and catalog is not None:
            entry = catalog.find_vendor(cut.id)
            ref = Ref(NodeType.VENDOR, entry.id) if entry is not None else ref
        found = [ref] if ref in graph else []
    elif cut.kind == "product":
        ref = Ref(NodeType.PRODUCT, cut.id)
        found = [ref] if ref in graph else []
    else:  # provider: a hosting product, or every hosting product of a vendor
        ref = Ref(NodeType.PRODUCT, cut.id)
        if ref in graph:
            found = [ref]
        else:
            vendor = Ref(NodeType.VENDOR, cut.id)
            found = [p for p in graph.sources(vendor, EdgeKind.MADE_BY)
                     if graph.sources(p, EdgeKind.HOSTED_ON)] if vendor in graph else []
    if not found:
        raise CutError(f"--cut {cut}: nothing in the inventory or its completion from the catalog "
                       f"is {cut.kind} {cut.id!r}")
    return found


def simulate(graph: DependencyGraph, catalog, cut: Cut | str, *, index: PropagationIndex | None = None,
             single_points: bool = True) -> SimulationResult:
    """What stops when ``cut`` happens. Raises CutError when the cut names nothing in the graph.

    ``index`` lets callers that run many cuts build the index once; ``single_points``
    (on by default) also looks for capabilities that one non-EU company alone can stop.
    """
    if isinstance(cut, str):
        cut = parse_cut(cut)
    with _gc_paused():
        return _simulate(graph, catalog, cut, index or PropagationIndex(graph, catalog), single_points)


def _simulate(graph: DependencyGraph, catalog, cut: Cut, index: PropagationIndex,
              single_points: bool) -> SimulationResult:
    import numpy as np

    seeds = _seeds(index, catalog, cut)
    if cut.kind == "vendor":
        # The vendor alone: stop what it makes, not its subsidiaries (they are other companies).
        reached = _reach_vendor_only(index, index.ids[seeds[0]])
    else:
        reached = index.reach([index.ids[s] for s in seeds])
    refs, names = index.refs, index.names
    reached_ids = np.fromiter(reached, dtype=np.int64, count=len(reached))
    stopped_ids = reached_ids[index.types[reached_ids] == NODE_TYPE_CODE[NodeType.ASSET]].tolist()
    stopped_ids = [stopped_ids[k] for k in _order_of([names[i].lower() for i in stopped_ids])]
    stopped = tuple(StoppedAsset(refs[i], names[i], partial(_path, index, reached, i)) for i in stopped_ids)
    # Open source whose publisher was reached keeps running, without updates.
    reached_mask = np.zeros(len(refs), dtype=bool)
    reached_mask[reached_ids] = True
    degraded_ids = {node: publisher for node, publisher in index.open_source_of.items()
                    if reached_mask[publisher] and not reached_mask[node]}
    lost_publisher: dict[int, int] = {}  # degraded asset -> the publisher it lost
    products = []
    for node, publisher in degraded_ids.items():
        if refs[node].type is NodeType.ASSET:
            lost_publisher[node] = publisher
        else:
            products.append(node)
    if products:  # an open-source product: its instances (not stopped otherwise) lose their updates
        instance_of = index.edge_kinds == EDGE_KIND_CODE[EdgeKind.INSTANCE_OF]
        assets, of = index.edge_sources[instance_of], index.edge_targets[instance_of]
        hit = np.isin(of, products) & ~reached_mask[assets]
        for asset, product in zip(assets[hit].tolist(), of[hit].tolist()):
            lost_publisher.setdefault(asset, degraded_ids[product])
    degraded_assets = list(lost_publisher)
    degraded = tuple(StoppedAsset(refs[i], names[i], partial(_degraded_path, index, reached, lost_publisher[i], i))
                     for i in (degraded_assets[k] for k in _order_of([names[i].lower() for i in degraded_assets])))
    restorations = _restorations(graph, catalog, cut, seeds, stopped)
    restorable_assets = {r.asset for r in restorations}
    capabilities = []
    weighted = total_weight = 0.0
    unweighted = 0
    # Capabilities and their assets from the graph's edge arrays: counts with numpy,
    # refs only for the assets hit.
    uses = index.edge_kinds == EDGE_KIND_CODE[EdgeKind.USES]
    users, used = index.edge_sources[uses], index.edge_targets[uses]
    stopped_mask = np.zeros(len(refs), dtype=bool)
    stopped_mask[stopped_ids] = True
    degraded_mask = np.zeros(len(refs), dtype=bool)
    degraded_mask[list(degraded_assets)] = True
    totals = np.bincount(users, minlength=len(refs))
    hit = _refs_by_owner(index, users[stopped_mask[used]], used[stopped_mask[used]])
    soft = _refs_by_owner(index, users[degraded_mask[used]], used[degraded_mask[used]])
    capability_nodes = np.flatnonzero(index.types == NODE_TYPE_CODE[NodeType.CAPABILITY]).tolist()
    for node in sorted(capability_nodes, key=lambda n: refs[n].key):
        capability = refs[node]
        total = int(totals[node])
        hits, softs = hit.get(node, ()), soft.get(node, ())
        value = graph.value(capability)
        if total and value.criticality is not None:
            total_weight += value.criticality
            weighted += value.criticality * len(hits) / total
        if not hits and not softs:
            continue
        if value.criticality is None:
            unweighted += 1
        status = "lost" if len(hits) == total else "degraded"
        capabilities.append(CapabilityImpact(
            capability, value.name, value.criticality, status, hits, softs, total,
            restorable=bool(hits) and all(a in restorable_assets for a in hits)))
    capabilities.sort(key=lambda c: (c.status != "lost", -(c.criticality or 0), c.name.lower()))
    spofs = _single_points(graph, catalog, index, cut, seeds, reached) if single_points else ()
    return SimulationResult(
        cut=cut, seeds=tuple(seeds), stopped=stopped, degraded=degraded, capabilities=tuple(capabilities),
        impact=round(weighted / total_weight, 4) if total_weight else 0.0,
        unweighted_capabilities=unweighted, restorations=restorations, single_points_of_failure=spofs)


def _order_of(texts: list[str]) -> list[int]:
    """The positions of ``texts`` in text order (stable). Python's sort: converting
    the strings for numpy's costs more than the sort itself."""
    return sorted(range(len(texts)), key=texts.__getitem__)


def _refs_by_owner(index: PropagationIndex, owners, members) -> dict[int, tuple[Ref, ...]]:
    """``{owner: refs of its members, in order}`` from two aligned arrays of node ids.

    Grouped with numpy, each group sorted apart (refs compare in C): groups are
    small, so this stays linear where one sort of every member by key did not.
    """
    import numpy as np

    if not owners.size:
        return {}
    order = np.argsort(owners, kind="stable")
    owners, members = owners[order], members[order].tolist()
    bounds = [0, *(np.flatnonzero(owners[1:] != owners[:-1]) + 1).tolist(), owners.size]
    refs = index.refs
    return {int(owners[start]): tuple(sorted(map(refs.__getitem__, members[start:end])))
            for start, end in zip(bounds, bounds[1:])}


def _degraded_path(index: PropagationIndex, reached: dict[int, int], publisher: int, node: int) -> tuple[str, ...]:
    return _path(index, reached, publisher) + (index.name(node),)


def _reach_vendor_only(index: PropagationIndex, vendor: int) -> dict[int, int]:
    """Reach from a vendor without following ``owned_by`` down to its subsidiaries."""
    owned = {index.ids[s] for s in index.graph.sources(index.refs[vendor], EdgeKind.OWNED_BY)}
    return index.reach([vendor], not_from=(vendor, owned))


def _path(index: PropagationIndex, reached: dict[int, int], node: int) -> tuple[str, ...]:
    names = []
    while node != -1 and node in reached:
        names.append(index.name(node))
        node = reached[node]
    return tuple(reversed(names))


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while building millions of small lists: its
    passes over an ever larger heap would make the build grow faster than the graph."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- alternatives -----------------------------------------------------------------------


def _catalog_hit(catalog, cut: Cut, seeds: list[Ref], product_id: str, depth: int = 0) -> bool:
    """Whether the cut would reach a catalog product (its vendor's group, country, hosting)."""
    entry = catalog.product(product_id)
    if entry is None or depth > 5:
        return True  # unknown: not offered as a way out
    if cut.kind in ("product", "provider") and any(s.key == product_id for s in seeds):
        return True
    if entry.vendor is not None and catalog.vendor(entry.vendor) is not None:
        chain = catalog.ownership_chain(entry.vendor)
        if cut.kind == "vendor" and chain[0].id == cut.id:
            return True
        if cut.kind == "parent" and any(v.id in {s.key for s in seeds} for v in chain):
            return True
        if cut.kind == "country" and any(v.country == cut.id for v in chain):
            return True
        if cut.kind == "provider" and chain[0].id == cut.id:
            return True
    elif cut.kind in ("vendor", "parent", "country"):
        return True  # vendor unknown: cannot say it escapes the cut
    return any(_catalog_hit(catalog, cut, seeds, host, depth + 1) for host in entry.hosting)


def _restorations(graph: DependencyGraph, catalog, cut: Cut, seeds: list[Ref],
                  stopped: tuple[StoppedAsset, ...]) -> tuple[Restoration, ...]:
    if catalog is None:
        return ()
    out = []
    for item in stopped:
        product = graph.product_of(item.asset)
        entry = catalog.product(product.key) if product is not None else None
        if entry is None:
            continue
        options = tuple((alt.product, catalog.product(alt.product).name, alt.fit.value)
                        for alt in entry.alternatives
                        if catalog.product(alt.product) is not None
                        and not _catalog_hit(catalog, cut, seeds, alt.product))
        if options:
            out.append(Restoration(item.asset, item.name, options))
    return tuple(out)


# -- single points of failure -------------------------------------------------------------


def _single_points(graph: DependencyGraph, catalog, index: PropagationIndex, cut: Cut, seeds: list[Ref],
                   reached: dict[int, int]) -> tuple[SinglePointOfFailure, ...]:
    """Capabilities that one non-EU company (an ultimate parent the cut reaches) stops alone."""
    eu = {code for code, entry in catalog.countries.items() if entry.eu} if catalog is not None else set()
    companies: set[Ref] = set()
    for node in reached:
        ref = index.refs[node]
        if ref.type is NodeType.VENDOR:
            companies.add(graph.ultimate_parent(ref))
    out = []
    for company in sorted(companies, key=lambda r: r.key):
        country = graph.country_of(company)
        if country is None or country.key in eu:
            continue
        alone = index.reach([index.ids[company]])
        hit = {index.refs[i] for i in alone if index.refs[i].type is NodeType.ASSET}
        for capability in graph.nodes(NodeType.CAPABILITY):
            assets = graph.targets(capability, EdgeKind.USES)
            if assets and all(a in hit for a in assets):
                out.append(SinglePointOfFailure(capability, graph.name(capability), company,
                                                graph.name(company), country.key))
    return tuple(sorted(out, key=lambda s: (s.capability_name.lower(), s.company_name.lower())))
