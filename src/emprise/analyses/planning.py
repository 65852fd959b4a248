"""Migration plan: for a target such as "no dependency below SEAL-2 for criticality ≥ 3",
which assets must move, to which catalog alternative (ranked), in which order (waves
ordered by dependencies: what others need moves first), with an effort class and the
score gained by each wave.

An alternative is scored with the same scorer as the asset itself (``sovereignty.assess``)
on a *what-if* graph: the asset, unchanged except for its product, which becomes the
alternative as the catalog describes it (vendor, ownership, hosting, data locations);
what the asset depends on is carried over. Facts that come from the current product
(the inventory's data location, the SBOM licence) are dropped, since they no longer hold;
what the catalog does not say about the alternative stays unknown and scores nothing.

Pure function of the graph and the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from emprise.analyses.sovereignty import Assessment, ScoringConfig, assess, assess_all, hosting_chain
from emprise.errors import EmpriseError
from emprise.graph import DependencyGraph
from emprise.model import AssetKind, Edge, EdgeKind, NodeType, Product, Ref

__all__ = ["EFFORT_CLASSES", "MigrationPlan", "Move", "Option", "PlanError", "Wave", "effort_of",
           "migration_plan"]

EFFORT_CLASSES = ("S", "M", "L", "XL")
# Kinds the organisation runs itself: moving them keeps their own hosting.
_SELF_RUN = (AssetKind.ON_PREM_SOFTWARE, AssetKind.OPEN_SOURCE_COMPONENT, AssetKind.HARDWARE)
# Effort points of a kind: replacing a subscription is lighter than replacing what we run.
_KIND_POINTS = {AssetKind.SAAS: 1, AssetKind.AI_SERVICE: 1, AssetKind.OPEN_SOURCE_COMPONENT: 1,
                AssetKind.CLOUD_SERVICE: 2, AssetKind.ON_PREM_SOFTWARE: 2, AssetKind.HARDWARE: 3}
_UNKNOWN_KIND_POINTS = 2
_MAX_OPTIONS = 5


class PlanError(EmpriseError):
    """A migration target outside the SEAL (0–4) or criticality (1–4) scales."""


@dataclass(frozen=True)
class Option:
    """A catalog alternative for one asset, scored as if the asset ran on it."""

    product: str  # catalog product id
    name: str
    fit: str  # "full" or "partial" (catalog)
    parent: str | None  # its vendor's ultimate parent, None when the catalog does not say
    country: str | None
    score: float
    seal: int
    meets_target: bool


@dataclass(frozen=True)
class Move:
    """One asset below the target: its options (best first), effort, and what must move first."""

    asset: Ref
    name: str
    criticality: int
    score: float
    seal: int
    options: tuple[Option, ...]
    effort: str  # one of EFFORT_CLASSES
    effort_reasons: tuple[str, ...]  # e.g. "kind saas: +1", "users 400: +1"
    after: tuple[Ref, ...]  # other moves that must happen first (it needs them)
    wave: int

    @property
    def best(self) -> Option | None:
        return self.options[0] if self.options else None

    @property
    def gain(self) -> float | None:
        """Score points gained by moving to the best option (never negative); None without one."""
        if self.best is None:
            return None
        return round(max(0.0, self.best.score - self.score), 1)


@dataclass(frozen=True)
class Wave:
    number: int
    moves: tuple[Move, ...]
    score_gained: float  # sum of the moves' gains, in asset score points
    organisation_before: float  # criticality-weighted mean score of every asset, before the wave
    organisation_after: float


@dataclass(frozen=True)
class MigrationPlan:
    min_seal: int
    min_criticality: int
    waves: tuple[Wave, ...]
    organisation_score: float  # before any move
    unknown_criticality: int  # assets below the SEAL target whose criticality is unknown (not planned)

    @property
    def moves(self) -> tuple[Move, ...]:
        return tuple(m for w in self.waves for m in w.moves)

    def to_json(self) -> dict:
        """The JSON of ``emprise plan --format json``."""
        return {
            "target": {"min_seal": f"SEAL-{self.min_seal}", "min_criticality": self.min_criticality},
            "organisation_score": self.organisation_score,
            "organisation_score_after": self.waves[-1].organisation_after if self.waves else self.organisation_score,
            "unknown_criticality": self.unknown_criticality,
            "waves": [{
                "wave": w.number, "score_gained": w.score_gained,
                "organisation_score_before": w.organisation_before,
                "organisation_score_after": w.organisation_after,
                "moves": [{
                    "asset": str(m.asset), "name": m.name, "criticality": m.criticality, "score": m.score,
                    "seal": f"SEAL-{m.seal}", "effort": m.effort, "effort_reasons": list(m.effort_reasons),
                    "after": [str(a) for a in m.after], "gain": m.gain,
                    "alternatives": [{
                        "product": o.product, "name": o.name, "fit": o.fit, "ultimate_parent": o.parent,
                        "country": o.country, "score": o.score, "seal": f"SEAL-{o.seal}",
                        "meets_target": o.meets_target} for o in m.options],
                } for m in w.moves],
            } for w in self.waves],
        }


# -- criticality, effort, order ---------------------------------------------------------


def _criticality(graph: DependencyGraph, asset: Ref) -> int | None:
    """The highest known criticality of the capabilities the asset serves."""
    levels = [graph.value(c).criticality for c in graph.capabilities_of(asset)]
    known = [level for level in levels if level is not None]
    return max(known) if known else None


def effort_of(graph: DependencyGraph, asset: Ref) -> tuple[str, tuple[str, ...]]:
    """Effort class S/M/L/XL from the asset's kind, its users and its integrations, with reasons.

    Points: kind (SaaS, AI service, open-source component 1; cloud service, on-premises
    software 2; hardware 3; unknown 2), users (< 50: 0, < 500: 1, more: 2; unknown: 0),
    integrations = ``depends_on`` edges in and out (0–1: 0, 2–4: 1, 5+: 2). Class:
    ≤ 1 S, 2–3 M, 4–5 L, 6+ XL.
    """
    value = graph.value(asset)
    reasons = []
    if value.kind is None:
        points = _UNKNOWN_KIND_POINTS
        reasons.append(f"kind unknown: +{points}")
    else:
        points = _KIND_POINTS[value.kind]
        reasons.append(f"kind {value.kind.value}: +{points}")
    if value.users is None:
        reasons.append("users unknown: +0")
    else:
        extra = 0 if value.users < 50 else 1 if value.users < 500 else 2
        points += extra
        reasons.append(f"users {value.users}: +{extra}")
    links = len(graph.targets(asset, EdgeKind.DEPENDS_ON)) + len(graph.sources(asset, EdgeKind.DEPENDS_ON))
    extra = 0 if links <= 1 else 1 if links <= 4 else 2
    points += extra
    reasons.append(f"integrations {links}: +{extra}")
    klass = "S" if points <= 1 else "M" if points <= 3 else "L" if points <= 5 else "XL"
    return klass, tuple(reasons)


def _needs(graph: DependencyGraph) -> dict[Ref, set[Ref]]:
    """asset -> the assets it needs: its ``depends_on`` targets, and the organisation's assets
    that are instances of the providers it is hosted on (followed transitively)."""
    instances: dict[Ref, list[Ref]] = {}
    for asset in graph.nodes(NodeType.ASSET):
        product = graph.product_of(asset)
        if product is not None:
            instances.setdefault(product, []).append(asset)
    needs: dict[Ref, set[Ref]] = {}
    for asset in graph.nodes(NodeType.ASSET):
        found = set(graph.targets(asset, EdgeKind.DEPENDS_ON))
        for provider in hosting_chain(graph, asset):
            found.update(instances.get(provider, ()))
            if provider.type is NodeType.ASSET:
                found.add(provider)
        found.discard(asset)
        needs[asset] = found
    return needs


def _waves(needs: dict[Ref, set[Ref]], targets: set[Ref]) -> dict[Ref, tuple[int, tuple[Ref, ...]]]:
    """target -> (wave number from 1, the targets it needs, which move in earlier waves),
    following paths through any asset.

    Assets that need each other (a cycle) move in the same wave.
    """
    import networkx as nx

    digraph = nx.DiGraph()
    digraph.add_nodes_from(needs)
    digraph.add_edges_from((a, b) for a, bs in needs.items() for b in bs if b in needs)
    condensed = nx.condensation(digraph)
    members = condensed.graph["mapping"]  # asset -> component
    has_target = {c: any(a in targets for a in condensed.nodes[c]["members"]) for c in condensed}
    depth: dict[int, int] = {}  # component -> number of target components strictly below, longest path
    below: dict[int, set[Ref]] = {}  # component -> targets reachable below it
    for component in reversed(list(nx.topological_sort(condensed))):
        best = 0
        reach: set[Ref] = set()
        for succ in condensed.successors(component):
            best = max(best, depth[succ] + (1 if has_target[succ] else 0))
            reach |= below[succ]
            if has_target[succ]:
                reach |= {a for a in condensed.nodes[succ]["members"] if a in targets}
        depth[component], below[component] = best, reach
    return {target: (depth[members[target]] + 1, tuple(sorted(below[members[target]], key=lambda r: r.key)))
            for target in targets}


# -- what-if scoring ---------------------------------------------------------------------

_CARRIED = (EdgeKind.INSTANCE_OF, EdgeKind.MADE_BY, EdgeKind.OWNED_BY, EdgeKind.HEADQUARTERED_IN,
            EdgeKind.HOSTED_ON)


def _copy_closure(graph: DependencyGraph, start: Ref, nodes: dict, edges: list, provenance: dict) -> None:
    """Copy ``start`` and what defines its jurisdiction (product, companies, countries, hosts)."""
    from emprise.store.writer import edge_subject

    stack = [start]
    while stack:
        ref = stack.pop()
        if ref in nodes:
            continue
        nodes[ref] = graph.value(ref)
        provenance[str(ref)] = graph.node_provenance(ref)
        for kind in _CARRIED:
            for target in graph.targets(ref, kind):
                edge = Edge(kind, ref, target)
                edges.append(edge)
                provenance[edge_subject(edge)] = graph.edge_provenance(ref, target, kind)
                stack.append(target)


def _what_if(graph: DependencyGraph, catalog, asset: Ref, entry, config: ScoringConfig) -> Assessment:
    """The assessment of ``asset`` as if it were an instance of the catalog product ``entry``."""
    from emprise.graph import build_graph
    from emprise.store.reader import StoreSnapshot
    from emprise.store.writer import edge_subject

    value = graph.value(asset)
    nodes: dict = {}
    edges: list[Edge] = []
    provenance: dict = {}
    nodes[asset] = replace(value, data_location=None, licence=None)
    provenance[str(asset)] = graph.node_provenance(asset)
    product = Ref(NodeType.PRODUCT, entry.id)
    category = getattr(entry.category, "value", entry.category)
    nodes[product] = Product(key=entry.id, name=entry.name, category=str(category) if category else None)
    edges.append(Edge(EdgeKind.INSTANCE_OF, asset, product))
    if value.kind in _SELF_RUN:  # the organisation keeps running it where it runs now
        for host in graph.targets(asset, EdgeKind.HOSTED_ON):
            edge = Edge(EdgeKind.HOSTED_ON, asset, host)
            edges.append(edge)
            provenance[edge_subject(edge)] = graph.edge_provenance(asset, host, EdgeKind.HOSTED_ON)
            _copy_closure(graph, host, nodes, edges, provenance)
    for dependency in graph.targets(asset, EdgeKind.DEPENDS_ON):
        edge = Edge(EdgeKind.DEPENDS_ON, asset, dependency)
        edges.append(edge)
        provenance[edge_subject(edge)] = graph.edge_provenance(asset, dependency, EdgeKind.DEPENDS_ON)
        _copy_closure(graph, dependency, nodes, edges, provenance)
    what_if = build_graph(StoreSnapshot(nodes=nodes, edges=edges, provenance=provenance), catalog)
    return assess(what_if, catalog, asset, config)


def _options(graph: DependencyGraph, catalog, asset: Ref, min_seal: int,
             config: ScoringConfig) -> tuple[Option, ...]:
    product = graph.product_of(asset)
    entry = catalog.product(product.key) if product is not None else None
    if entry is None:
        return ()
    options = []
    for alternative in entry.alternatives:
        target = catalog.product(alternative.product)
        if target is None or target.id == entry.id:
            continue
        result = _what_if(graph, catalog, asset, target, config)
        parent = country = None
        if target.vendor is not None and catalog.vendor(target.vendor) is not None:
            top = catalog.ultimate_parent(target.vendor)
            parent, country = top.name, top.country
        options.append(Option(target.id, target.name, alternative.fit.value, parent, country, result.score,
                              result.seal, result.seal >= min_seal))
    options.sort(key=lambda o: (not o.meets_target, -o.seal, -o.score, o.fit != "full", o.name.lower()))
    return tuple(options[:_MAX_OPTIONS])


# -- the plan ------------------------------------------------------------------------------


def _organisation_score(scores: dict[Ref, float], weights: dict[Ref, int]) -> float:
    total = sum(weights.values())
    return round(sum(weights[a] * scores[a] for a in scores) / total, 1) if total else 0.0


def migration_plan(graph: DependencyGraph, catalog, *, min_seal: int = 2, min_criticality: int = 3,
                   assessments: list[Assessment] | None = None,
                   config: ScoringConfig | None = None) -> MigrationPlan:
    """The moves that reach "no asset below SEAL-``min_seal`` serving a capability of
    criticality ≥ ``min_criticality``", in waves (dependencies first), best options first.

    Raises PlanError for a target outside the scales.
    """
    if not 0 <= min_seal <= 4:
        raise PlanError(f"--min-seal {min_seal}: expected a SEAL level from 0 to 4")
    if not 1 <= min_criticality <= 4:
        raise PlanError(f"--min-criticality {min_criticality}: expected a criticality from 1 to 4")
    config = config or ScoringConfig.load()
    assessments = assessments if assessments is not None else assess_all(graph, catalog, config)
    by_asset = {a.asset: a for a in assessments}
    criticality = {a: _criticality(graph, a) for a in by_asset}
    below = [a for a in assessments if a.seal < min_seal]
    unknown = sum(1 for a in below if criticality[a.asset] is None)
    targets = {a.asset for a in below
               if criticality[a.asset] is not None and criticality[a.asset] >= min_criticality}
    order = _waves(_needs(graph), targets)
    moves = []
    for asset in targets:
        assessment = by_asset[asset]
        effort, reasons = effort_of(graph, asset)
        wave, after = order[asset]
        moves.append(Move(asset, assessment.name, criticality[asset], assessment.score, assessment.seal,
                          _options(graph, catalog, asset, min_seal, config), effort, reasons, after, wave))
    weights = {a: (criticality[a] or 1) for a in by_asset}
    scores = {a: by_asset[a].score for a in by_asset}
    start = _organisation_score(scores, weights)
    waves = []
    for number in sorted({m.wave for m in moves}):
        chosen = sorted((m for m in moves if m.wave == number),
                        key=lambda m: (-m.criticality, m.score, m.name.lower()))
        before = _organisation_score(scores, weights)
        for move in chosen:
            if move.gain:
                scores[move.asset] = move.score + move.gain
        waves.append(Wave(number, tuple(chosen), round(sum(m.gain or 0.0 for m in chosen), 1), before,
                          _organisation_score(scores, weights)))
    return MigrationPlan(min_seal, min_criticality, tuple(waves), start, unknown)
