"""The dependency graph: the store's observed facts, completed by the catalog.

``build_graph(snapshot, catalog)`` returns a ``DependencyGraph``: nodes are
``Ref`` values, edges carry their kind and the provenance that justifies them
(an import record, or a catalog file line with its public source). Observed
facts win over catalog facts: the catalog only fills what the organisation's own
files do not say.
"""

from emprise.graph.build import DependencyGraph, build_graph

__all__ = ["DependencyGraph", "build_graph"]
