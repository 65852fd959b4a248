"""Building the dependency graph (networkx) from a store snapshot and the catalog."""

from __future__ import annotations

from array import array
from collections.abc import Iterator

import networkx as nx

from emprise.model import (
    Asset,
    Capability,
    Contract,
    Country,
    Edge,
    EdgeKind,
    Node,
    NodeType,
    Product,
    Provenance,
    Ref,
    Vendor,
)
from emprise.store.reader import StoreSnapshot


def _catalog_provenance(entry, fact: str) -> list[Provenance]:
    """Provenance of a catalog fact: the data file line and the public source it cites."""
    try:
        source = entry.source_of(fact)
    except Exception:  # an entry with no source for this fact: say where it is, no more
        return [Provenance(import_id=None, file=entry.file, locator=f"{entry.file}:{entry.line}",
                           content_hash="", observed_at="", source="catalog")]
    # ``check``: "checked" (a page was opened and supported the fact) or "drafted"; see docs/catalog.md.
    extra = {"url": source.source, "check": source.status}
    if source.check is not None and source.check.as_of is not None:
        extra["checked_as_of"] = source.check.as_of.isoformat()
    return [Provenance(import_id=None, file=source.file, locator=f"{source.file}:{source.line}",
                       content_hash="", observed_at=source.as_of.isoformat(), source="catalog",
                       extra=extra)]


#: Integer codes of node types and edge kinds in ``DependencyGraph.edge_arrays``.
NODE_TYPE_CODE: dict[NodeType, int] = {kind: code for code, kind in enumerate(NodeType)}
EDGE_KIND_CODE: dict[EdgeKind, int] = {kind: code for code, kind in enumerate(EdgeKind)}


class DependencyGraph:
    """Nodes (domain values) and typed edges with provenance; read-only once built."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        # Beside networkx, every node gets an integer id (insertion order, networkx's own
        # node order) and every edge a row of three flat integer arrays. Analyses that
        # traverse the whole graph (the cut-off simulation) read these with numpy
        # instead of walking networkx's dicts of dicts again: that walk dominated a
        # simulation and grew faster than the graph (cache misses, not arithmetic).
        self.ids: dict[Ref, int] = {}
        self.names: list[str] = []  # display name of each node, by id
        self._types = array("b")  # NODE_TYPE_CODE of each node
        self._edges = (array("q"), array("q"), array("b"))  # src id, dst id, EDGE_KIND_CODE

    # -- construction (build_graph, and tests or benchmarks that make graphs) ------
    def _id(self, ref: Ref) -> int:
        found = self.ids.get(ref)
        if found is None:
            found = self.ids[ref] = len(self.ids)
            self._types.append(NODE_TYPE_CODE[ref.type])
            self.names.append(ref.key)
        return found

    def _add_node(self, node: Node, provenance: list[Provenance], *, origin: str) -> Ref:
        ref = Ref(node.TYPE, node.key)
        if ref not in self.g:
            self.names[self._id(ref)] = getattr(node, "name", None) or node.key
            self.g.add_node(ref, value=node, provenance=list(provenance), origin=origin)
        return ref

    def _add_edge(self, edge: Edge, provenance: list[Provenance], *, origin: str) -> None:
        if not self.g.has_edge(edge.src, edge.dst, key=edge.kind):
            sources, targets, kinds = self._edges
            sources.append(self._id(edge.src))
            targets.append(self._id(edge.dst))
            kinds.append(EDGE_KIND_CODE[edge.kind])
            self.g.add_edge(edge.src, edge.dst, key=edge.kind, provenance=list(provenance),
                            origin=origin)

    def edge_arrays(self):
        """``(sources, targets, kinds, node_types)`` as numpy arrays: one row per edge,
        kinds as ``EDGE_KIND_CODE``; node types (by node id) as ``NODE_TYPE_CODE``.

        Copies (milliseconds): a view would forbid the arrays from growing again.
        """
        import numpy as np

        sources, targets, kinds = self._edges
        return (np.array(sources, dtype=np.int64), np.array(targets, dtype=np.int64),
                np.array(kinds, dtype=np.int8), np.array(self._types, dtype=np.int8))

    # -- reading ---------------------------------------------------------------
    def __contains__(self, ref: Ref) -> bool:
        return ref in self.g

    def value(self, ref: Ref) -> Node:
        return self.g.nodes[ref]["value"]

    def origin(self, ref: Ref) -> str:
        """``store`` for what the organisation's files said, ``catalog`` for what the catalog added."""
        return self.g.nodes[ref]["origin"]

    def node_provenance(self, ref: Ref) -> list[Provenance]:
        return self.g.nodes[ref]["provenance"]

    def nodes(self, type_: NodeType | None = None) -> list[Ref]:
        refs = [ref for ref in self.g.nodes if type_ is None or ref.type is type_]
        return sorted(refs, key=lambda r: (r.type.value, r.key))

    def edges(self) -> Iterator[tuple[Edge, list[Provenance], str]]:
        for src, dst, kind, data in self.g.edges(keys=True, data=True):
            yield Edge(kind, src, dst), data["provenance"], data["origin"]

    def edge_provenance(self, src: Ref, dst: Ref, kind: EdgeKind) -> list[Provenance]:
        data = self.g.get_edge_data(src, dst, key=kind)
        return data["provenance"] if data else []

    def targets(self, ref: Ref, kind: EdgeKind) -> list[Ref]:
        return sorted((dst for _, dst, k in self.g.out_edges(ref, keys=True) if k is kind),
                      key=lambda r: r.key)

    def sources(self, ref: Ref, kind: EdgeKind) -> list[Ref]:
        return sorted((src for src, _, k in self.g.in_edges(ref, keys=True) if k is kind),
                      key=lambda r: r.key)

    def name(self, ref: Ref) -> str:
        value = self.value(ref)
        return getattr(value, "name", None) or value.key

    # -- derived facts ---------------------------------------------------------
    def product_of(self, asset: Ref) -> Ref | None:
        products = self.targets(asset, EdgeKind.INSTANCE_OF)
        return products[0] if products else None

    def vendor_of(self, ref: Ref) -> Ref | None:
        """The vendor of an asset (through its product) or of a product."""
        if ref.type is NodeType.ASSET:
            direct = self.targets(ref, EdgeKind.MADE_BY)
            if direct:
                return direct[0]
            product = self.product_of(ref)
            return self.vendor_of(product) if product else None
        vendors = self.targets(ref, EdgeKind.MADE_BY)
        return vendors[0] if vendors else None

    def ownership_chain(self, vendor: Ref) -> list[Ref]:
        """``[vendor, parent, …, ultimate parent]``; stops on a cycle rather than looping."""
        chain = [vendor]
        while True:
            parents = self.targets(chain[-1], EdgeKind.OWNED_BY)
            if not parents or parents[0] in chain:
                return chain
            chain.append(parents[0])

    def ultimate_parent(self, vendor: Ref) -> Ref:
        return self.ownership_chain(vendor)[-1]

    def country_of(self, vendor: Ref) -> Ref | None:
        countries = self.targets(vendor, EdgeKind.HEADQUARTERED_IN)
        return countries[0] if countries else None

    def capabilities_of(self, asset: Ref) -> list[Ref]:
        return self.sources(asset, EdgeKind.USES)

    def hosting_of(self, ref: Ref) -> list[Ref]:
        """Providers an asset runs on: its own hosted_on, else its product's."""
        own = self.targets(ref, EdgeKind.HOSTED_ON)
        if own or ref.type is not NodeType.ASSET:
            return own
        product = self.product_of(ref)
        return self.targets(product, EdgeKind.HOSTED_ON) if product else []

    def contract_of(self, asset: Ref) -> Contract | None:
        contracts = self.sources(asset, EdgeKind.GOVERNS)
        return self.value(contracts[0]) if contracts else None


def build_graph(snapshot: StoreSnapshot, catalog=None) -> DependencyGraph:
    """The graph of ``snapshot``, completed with ``catalog`` facts when a catalog is given."""
    graph = DependencyGraph()
    for ref, node in snapshot.nodes.items():
        graph._add_node(node, snapshot.provenance_of(ref), origin="store")
    for edge in snapshot.edges:
        for end in (edge.src, edge.dst):
            if end not in graph:  # an edge to a node no import described: keep it visible
                graph._add_node(_placeholder(end), [], origin="store")
        graph._add_edge(edge, snapshot.provenance_of(edge), origin="store")
    if catalog is not None:
        _complete_from_catalog(graph, catalog)
    return graph


def _placeholder(ref: Ref) -> Node:
    if ref.type is NodeType.COUNTRY:
        return Country(key=ref.key)
    cls = {NodeType.CAPABILITY: Capability, NodeType.ASSET: Asset, NodeType.PRODUCT: Product,
           NodeType.VENDOR: Vendor}.get(ref.type)
    return cls(key=ref.key, name=ref.key) if cls else Contract(key=ref.key)


def _complete_from_catalog(graph: DependencyGraph, catalog) -> None:
    """Add what the catalog knows and the store does not: products of assets, vendors of
    products, hosting, ownership up to the ultimate parent, and headquarters countries."""
    for asset in graph.nodes(NodeType.ASSET):
        if graph.product_of(asset) is None:
            entry = catalog.find_product(graph.name(asset))
            if entry is not None:
                product = _catalog_product(graph, catalog, entry)
                graph._add_edge(Edge(EdgeKind.INSTANCE_OF, asset, product),
                                _catalog_provenance(entry, "name"), origin="catalog")
    for product in graph.nodes(NodeType.PRODUCT):
        entry = catalog.product(product.key)
        if entry is not None:
            _complete_product(graph, catalog, product, entry)
    for vendor in graph.nodes(NodeType.VENDOR):
        _complete_vendor(graph, catalog, vendor)


def _catalog_product(graph: DependencyGraph, catalog, entry) -> Ref:
    ref = Ref(NodeType.PRODUCT, entry.id)
    if ref not in graph:
        graph._add_node(Product(key=entry.id, name=entry.name, category=_text(entry.category)),
                        _catalog_provenance(entry, "name"), origin="catalog")
        _complete_product(graph, catalog, ref, entry)
    return ref


def _complete_product(graph: DependencyGraph, catalog, product: Ref, entry) -> None:
    if not graph.targets(product, EdgeKind.MADE_BY) and entry.vendor:
        vendor_entry = catalog.vendor(entry.vendor)
        if vendor_entry is not None:
            vendor = _catalog_vendor(graph, catalog, vendor_entry)
            graph._add_edge(Edge(EdgeKind.MADE_BY, product, vendor),
                            _catalog_provenance(entry, "vendor"), origin="catalog")
    if not graph.targets(product, EdgeKind.HOSTED_ON):
        for hosting_id in entry.hosting or ():
            hosting_entry = catalog.product(hosting_id)
            if hosting_entry is not None and hosting_entry.id != entry.id:
                provider = _catalog_product(graph, catalog, hosting_entry)
                graph._add_edge(Edge(EdgeKind.HOSTED_ON, product, provider),
                                _catalog_provenance(entry, "hosting"), origin="catalog")


def _catalog_vendor(graph: DependencyGraph, catalog, entry) -> Ref:
    ref = Ref(NodeType.VENDOR, entry.id)
    if ref not in graph:
        graph._add_node(Vendor(key=entry.id, name=entry.name), _catalog_provenance(entry, "name"),
                        origin="catalog")
        _complete_vendor(graph, catalog, ref)
    return ref


def _complete_vendor(graph: DependencyGraph, catalog, vendor: Ref) -> None:
    entry = catalog.vendor(vendor.key)
    if entry is None:
        return
    if entry.country and not graph.targets(vendor, EdgeKind.HEADQUARTERED_IN):
        country_entry = catalog.country(entry.country)
        country = Ref(NodeType.COUNTRY, entry.country)
        if country not in graph:
            name = country_entry.name_en if country_entry is not None else None
            graph._add_node(Country(key=entry.country, name=name), [], origin="catalog")
        graph._add_edge(Edge(EdgeKind.HEADQUARTERED_IN, vendor, country),
                        _catalog_provenance(entry, "country"), origin="catalog")
    if entry.parent and not graph.targets(vendor, EdgeKind.OWNED_BY):
        parent_entry = catalog.vendor(entry.parent)
        if parent_entry is not None:
            parent = _catalog_vendor(graph, catalog, parent_entry)
            graph._add_edge(Edge(EdgeKind.OWNED_BY, vendor, parent),
                            _catalog_provenance(entry, "parent"), origin="catalog")


def _text(value) -> str | None:
    if value is None:
        return None
    return getattr(value, "value", None) or str(value)
