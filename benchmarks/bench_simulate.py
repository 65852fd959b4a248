"""Cut-off simulation on generated graphs of 10 k, 100 k and 1 M edges.

Prints, for each size, the time of ``simulate(graph, None, "country:US")`` (index
built from the graph + traversal + capability roll-up), then the traversal alone
three ways on the same graph: our integer index (pure Python BFS), networkx
(``nx.descendants`` on the reversed view) and rustworkx (``rx.descendants`` on a
PyDiGraph, not counting the conversion, which is shown apart). Ratios are against
the previous size: linear growth is a ratio of about 10. ``simulate`` is the best wall
time of three runs, ``cpu`` the best CPU time of three more (steadier on a loaded machine).

    .venv/bin/python benchmarks/bench_simulate.py [--sizes 10000,100000,1000000]
"""

from __future__ import annotations

import argparse
import gc
import random
import time

import networkx as nx

from emprise.analyses.simulation import PropagationIndex, simulate
from emprise.graph import DependencyGraph
from emprise.model import Asset, AssetKind, Capability, Country, Edge, EdgeKind, Product, Ref, NodeType, Vendor


def build(edges: int, seed: int = 7) -> DependencyGraph:
    """A graph of about ``edges`` edges shaped like an inventory: vendors in 20 countries,
    groups, products (some hosted on cloud products), assets with dependencies, capabilities."""
    rng = random.Random(seed)
    graph = DependencyGraph()
    add_node = graph._add_node
    countries = [Ref(NodeType.COUNTRY, code) for code in
                 ("US", "FR", "DE", "CN", "GB", "IE", "NL", "IT", "ES", "JP", "IN", "CA", "CH", "BE",
                  "SE", "PL", "AT", "FI", "DK", "PT")]
    for c in countries:
        add_node(Country(c.key), [], origin="store")
    # Budget: per asset about 1 instance_of + 1.2 depends_on + 1 uses + its share of the
    # vendor/product edges; solve for the number of assets.
    assets_n = max(10, int(edges / 4.2))
    vendors_n = max(5, assets_n // 20)
    products_n = max(5, assets_n // 5)
    caps_n = max(3, assets_n // 50)
    count = 0

    def edge(src, dst, kind):
        nonlocal count
        graph._add_edge(Edge(kind, src, dst), [], origin="store")
        count += 1

    vendors = []
    for i in range(vendors_n):
        v = Ref(NodeType.VENDOR, f"v{i}")
        add_node(Vendor(v.key, v.key), [], origin="store")
        edge(v, countries[rng.randrange(len(countries))] if i % 3 else countries[0], EdgeKind.HEADQUARTERED_IN)
        if i > 10 and rng.random() < 0.2:
            edge(v, vendors[rng.randrange(len(vendors))], EdgeKind.OWNED_BY)
        vendors.append(v)
    clouds = []
    products = []
    for i in range(products_n):
        p = Ref(NodeType.PRODUCT, f"p{i}")
        add_node(Product(p.key, p.key, licence="MIT" if i % 10 == 0 else None), [], origin="store")
        edge(p, vendors[rng.randrange(len(vendors))], EdgeKind.MADE_BY)
        if i < 20:
            clouds.append(p)
        elif rng.random() < 0.3:
            edge(p, clouds[rng.randrange(len(clouds))], EdgeKind.HOSTED_ON)
        products.append(p)
    assets = []
    caps = []
    for i in range(caps_n):
        c = Ref(NodeType.CAPABILITY, f"c{i}")
        add_node(Capability(c.key, c.key, criticality=1 + i % 4), [], origin="store")
        caps.append(c)
    for i in range(assets_n):
        a = Ref(NodeType.ASSET, f"a{i}")
        add_node(Asset(a.key, a.key, kind=AssetKind.SAAS), [], origin="store")
        edge(a, products[rng.randrange(len(products))], EdgeKind.INSTANCE_OF)
        edge(caps[rng.randrange(len(caps))], a, EdgeKind.USES)
        if assets:
            for _ in range(rng.choice((0, 1, 1, 2, 2))):
                edge(a, assets[rng.randrange(len(assets))], EdgeKind.DEPENDS_ON)
        assets.append(a)
    return graph


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def cpu_timed(fn, repeat: int = 3) -> float:
    """Best CPU time of this process (less sensitive than wall time to other load on a
    shared machine, though not to its contention for caches and memory)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    import rustworkx as rx

    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        graph = build(size)
        edges = graph.g.number_of_edges()
        seed = Ref(NodeType.COUNTRY, "US")
        t_sim, result = timed(lambda: simulate(graph, None, "country:US", single_points=False))
        c_sim = cpu_timed(lambda: simulate(graph, None, "country:US", single_points=False))
        t_index, index = timed(lambda: PropagationIndex(graph, None))
        t_ours, reached = timed(lambda: index.reach([index.ids[seed]]))
        reverse = graph.g.reverse(copy=False)
        t_nx, nx_reached = timed(lambda: nx.descendants(reverse, seed))
        t_conv, pyg = timed(lambda: _to_rustworkx(index), repeat=1)
        t_rx, rx_reached = timed(lambda: rx.descendants(pyg, index.ids[seed]))
        rows.append((size, edges, t_sim, c_sim, t_index, t_ours, t_nx, t_conv, t_rx, len(result.stopped),
                     len(reached), len(nx_reached), len(rx_reached)))
        del graph, index, reverse, pyg
    print(f"{'target':>9} {'edges':>9} {'simulate':>9} {'ratio':>6} {'cpu':>8} {'ratio':>6} | {'index':>7} {'BFS ours':>9} "
          f"{'networkx':>9} {'rx conv':>8} {'rustworkx':>9} | stopped reached(ours/nx*/rx)")
    previous = previous_cpu = None
    for row in rows:
        size, edges, t_sim, c_sim, t_index, t_ours, t_nx, t_conv, t_rx, stopped, r1, r2, r3 = row
        ratio = f"{t_sim / previous:5.1f}x" if previous else "     -"
        cpu_ratio = f"{c_sim / previous_cpu:5.1f}x" if previous_cpu else "     -"
        print(f"{size:>9} {edges:>9} {t_sim:8.3f}s {ratio} {c_sim:7.3f}s {cpu_ratio} | {t_index:6.3f}s {t_ours:8.4f}s {t_nx:8.4f}s "
              f"{t_conv:7.3f}s {t_rx:8.4f}s | {stopped} {r1}/{r2}/{r3}")
        previous, previous_cpu = t_sim, c_sim
    print("* networkx follows every edge kind (uses, governs…), so it reaches more nodes than the "
          "propagation rules allow; it is shown for its traversal speed only.")


def _to_rustworkx(index: PropagationIndex):
    import rustworkx as rx

    pyg = rx.PyDiGraph(multigraph=False)
    pyg.add_nodes_from(range(len(index.refs)))
    import numpy as np

    targets = np.repeat(np.arange(len(index.refs)), np.diff(index._indptr))
    pyg.add_edges_from_no_data(list(zip(targets.tolist(), index._indices.tolist())))
    return pyg


if __name__ == "__main__":
    main()
