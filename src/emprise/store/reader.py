"""Reading the whole store back as domain values, with provenance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from emprise.model import NODE_CLASSES, Edge, EdgeKind, Node, NodeType, Provenance, Ref
from emprise.store import schema


@dataclass(frozen=True)
class StoreSnapshot:
    """Nodes by reference, edges, and the provenance of each (keyed by subject string)."""

    nodes: dict[Ref, Node]
    edges: list[Edge]
    provenance: dict[str, list[Provenance]] = field(default_factory=dict)

    def provenance_of(self, subject: Ref | Edge) -> list[Provenance]:
        """What said so: the observations behind a node or an edge."""
        from emprise.store.writer import edge_subject

        key = edge_subject(subject) if isinstance(subject, Edge) else str(subject)
        return self.provenance.get(key, [])


def _node(type_: NodeType, row) -> Node:
    cls = NODE_CLASSES[type_]
    values = dict(row)
    if type_ is NodeType.ASSET and values.get("kind") is not None:
        from emprise.model import AssetKind

        values["kind"] = AssetKind(values["kind"])
    if type_ is NodeType.ASSET:
        values["declared"] = bool(values["declared"])
    return cls(**values)


def read_snapshot(connection: Connection) -> StoreSnapshot:
    nodes: dict[Ref, Node] = {}
    for type_name, table in schema.NODE_TABLES.items():
        type_ = NodeType(type_name)
        for row in connection.execute(select(table).order_by(table.c.key)).mappings():
            node = _node(type_, row)
            nodes[Ref(type_, node.key)] = node
    edges = [
        Edge(EdgeKind(row.kind), Ref(NodeType(row.src_type), row.src_key),
             Ref(NodeType(row.dst_type), row.dst_key))
        for row in connection.execute(select(schema.edges).order_by(schema.edges.c.id))
    ]
    provenance: dict[str, list[Provenance]] = defaultdict(list)
    obs, imp = schema.observations, schema.imports
    query = (
        select(obs.c.subject, obs.c.locator, obs.c.record_hash, obs.c.import_id,
               imp.c.file_name, imp.c.finished_at)
        .join(imp, imp.c.id == obs.c.import_id)
        .order_by(obs.c.id)
    )
    for row in connection.execute(query):
        provenance[row.subject].append(
            Provenance(import_id=row.import_id, file=row.file_name, locator=row.locator,
                       content_hash=row.record_hash, observed_at=row.finished_at.isoformat())
        )
    return StoreSnapshot(nodes=nodes, edges=edges, provenance=dict(provenance))
