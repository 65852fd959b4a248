"""Small hand-made dependency graphs for the analyses' tests (no store, no import)."""

from __future__ import annotations

from emprise.graph import DependencyGraph
from emprise.model import (Asset, AssetKind, Capability, Country, Edge, EdgeKind, Product, Provenance, Ref,
                           Vendor, ref)


def _prov(line: int) -> list[Provenance]:
    return [Provenance(import_id=1, file="fixture.yaml", locator=f"fixture.yaml:{line}", content_hash="x",
                       observed_at="2026-01-01T00:00:00")]


class GraphBuilder:
    """Adds nodes and edges with a fake import provenance (one line per call)."""

    def __init__(self) -> None:
        self.graph = DependencyGraph()
        self.line = 0

    def node(self, value) -> Ref:
        self.line += 1
        return self.graph._add_node(value, _prov(self.line), origin="store")

    def edge(self, kind: EdgeKind, src: Ref, dst: Ref) -> None:
        self.line += 1
        self.graph._add_edge(Edge(kind, src, dst), _prov(self.line), origin="store")


def cutoff_graph() -> DependencyGraph:
    """The hand-checked graph of tests/analyses/test_simulation.py (see its docstring)."""
    b = GraphBuilder()
    us, fr = b.node(Country("US", "United States")), b.node(Country("FR", "France"))
    bigco, subco = b.node(Vendor("bigco", "BigCo")), b.node(Vendor("subco", "SubCo"))
    frco, osspub = b.node(Vendor("frco", "FrCo")), b.node(Vendor("osspub", "OSS Publisher"))
    for vendor, country in ((bigco, us), (subco, fr), (frco, fr), (osspub, us)):
        b.edge(EdgeKind.HEADQUARTERED_IN, vendor, country)
    b.edge(EdgeKind.OWNED_BY, subco, bigco)
    cloud = b.node(Product("test-cloud", "Test Cloud"))
    saas = b.node(Product("test-saas-a", "SaaS A"))
    tool = b.node(Product("test-tool-b", "Tool B"))
    lib = b.node(Product("test-lib", "Lib", licence="MIT"))
    app = b.node(Product("test-app-c", "App C"))
    for product, vendor in ((cloud, bigco), (saas, frco), (tool, subco), (lib, osspub), (app, frco)):
        b.edge(EdgeKind.MADE_BY, product, vendor)
    b.edge(EdgeKind.HOSTED_ON, saas, cloud)
    assets = {}
    for key, kind, product in (("a", AssetKind.SAAS, saas), ("b", AssetKind.ON_PREM_SOFTWARE, tool),
                               ("c", AssetKind.ON_PREM_SOFTWARE, app), ("d", AssetKind.OPEN_SOURCE_COMPONENT, lib),
                               ("e", AssetKind.ON_PREM_SOFTWARE, app), ("f", AssetKind.ON_PREM_SOFTWARE, app)):
        assets[key] = b.node(Asset(key, key.upper(), kind=kind, data_location="FR" if key == "a" else None))
        b.edge(EdgeKind.INSTANCE_OF, assets[key], product)
    b.edge(EdgeKind.DEPENDS_ON, assets["c"], assets["a"])
    b.edge(EdgeKind.DEPENDS_ON, assets["e"], assets["d"])
    for key, name, criticality, uses in (("k1", "K1", 4, "ac"), ("k2", "K2", 2, "bf"), ("k3", "K3", 3, "de")):
        capability = b.node(Capability(key, name, criticality))
        for asset in uses:
            b.edge(EdgeKind.USES, capability, assets[asset])
    b.node(Asset("orphan", "Orphan"))  # no vendor, no kind: everything unknown
    return b.graph
