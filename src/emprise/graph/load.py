"""The usual way in: the store's snapshot completed by the catalog."""

from __future__ import annotations

from emprise.graph.build import DependencyGraph, build_graph


def load_graph(store, catalog) -> DependencyGraph:
    """The dependency graph of everything in ``store``, completed with ``catalog``."""
    return build_graph(store.snapshot(), catalog)


def eu_members(catalog) -> frozenset[str]:
    """ISO codes of the EU member states, as the catalog states them."""
    return frozenset(code for code, entry in catalog.countries.items() if entry.eu)
