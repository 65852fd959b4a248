"""Writing one import: batched upserts inside the caller's transaction.

Merging rule when a node is seen again: a known value (not ``None``) replaces
the stored one, an unknown value never erases a known one; ``declared`` stays
true once any import declared the asset. Edges are a set: seeing one twice adds
an observation, not a second edge.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable

from sqlalchemy import func, insert, or_, update
from sqlalchemy.engine import Connection

from emprise.model import Edge, Node, Record, Rejection
from emprise.store import schema

BATCH_SIZE = 2000


def _dialect_insert(connection: Connection):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif connection.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - only the two supported stores reach here
        raise NotImplementedError(f"unsupported database: {connection.dialect.name}")
    return dialect_insert


def node_values(node: Node) -> dict:
    """The row for a node: enums as their values, everything else as is."""
    row = {}
    for field in dataclasses.fields(node):
        value = getattr(node, field.name)
        row[field.name] = value.value if isinstance(value, enum.Enum) else value
    return row


def edge_subject(edge: Edge) -> str:
    return f"{edge.kind.value}|{edge.src}|{edge.dst}"


def merge_rows(old: dict, new: dict) -> dict:
    """``new`` over ``old``, keeping old values where new ones are unknown (None)."""
    merged = dict(old)
    for name, value in new.items():
        if name == "declared":
            merged[name] = bool(old.get(name)) or bool(value)
        elif value is not None:
            merged[name] = value
    return merged


class ImportWriter:
    """Accumulates records and rejections of one import and writes them in batches."""

    def __init__(self, connection: Connection, *, content_hash: str, file_name: str,
                 source_format: str, tool_version: str):
        from emprise.store import utcnow

        self.connection = connection
        self._insert = _dialect_insert(connection)
        self.records_ok = 0
        self.records_rejected = 0
        self._nodes: dict[str, dict[str, dict]] = {}
        self._edges: dict[tuple, dict] = {}
        self._observations: list[dict] = []
        self._rejections: list[dict] = []
        now = utcnow()
        self.import_id = connection.execute(
            insert(schema.imports).values(
                content_hash=content_hash, file_name=file_name, source_format=source_format,
                started_at=now, finished_at=now, records_ok=0, records_rejected=0,
                tool_version=tool_version,
            ).returning(schema.imports.c.id)
        ).scalar_one()

    def add(self, record: Record, record_hash: str) -> None:
        """Queue every node and edge of ``record`` with its observation."""
        locator = str(record.locator)
        for node in record.nodes:
            table_rows = self._nodes.setdefault(node.TYPE.value, {})
            row = node_values(node)
            previous = table_rows.get(node.key)
            table_rows[node.key] = merge_rows(previous, row) if previous else row
            self._observe(f"{node.TYPE.value}:{node.key}", locator, record_hash)
        self.add_edges(record.locator, record.edges, record_hash)
        self.records_ok += 1
        if len(self._observations) >= BATCH_SIZE:
            self.flush()

    def add_edges(self, locator, edges: Iterable[Edge], record_hash: str) -> None:
        """Queue edges that belong to an already counted record (checked late references)."""
        for edge in edges:
            key = (edge.kind.value, edge.src.type.value, edge.src.key,
                   edge.dst.type.value, edge.dst.key)
            self._edges[key] = dict(zip(("kind", "src_type", "src_key", "dst_type", "dst_key"), key))
            self._observe(edge_subject(edge), str(locator), record_hash)

    def reject(self, rejection: Rejection) -> None:
        self._rejections.append({"import_id": self.import_id, "locator": str(rejection.locator),
                                 "reason": rejection.reason})
        self.records_rejected += 1
        if len(self._rejections) >= BATCH_SIZE:
            self.flush()

    def _observe(self, subject: str, locator: str, record_hash: str) -> None:
        self._observations.append({"import_id": self.import_id, "subject": subject,
                                   "locator": locator, "record_hash": record_hash})

    def flush(self) -> None:
        """Write what is queued (still inside the transaction)."""
        for type_name, rows in self._nodes.items():
            if rows:
                self._upsert(schema.NODE_TABLES[type_name], list(rows.values()))
        self._nodes.clear()
        if self._edges:
            stmt = self._insert(schema.edges).on_conflict_do_nothing()
            self.connection.execute(stmt, list(self._edges.values()))
            self._edges.clear()
        self._write(schema.observations, self._observations)
        self._write(schema.rejections, self._rejections)

    def _write(self, table, rows: list[dict]) -> None:
        if rows:
            self.connection.execute(insert(table), rows)
            rows.clear()

    def _upsert(self, table, rows: Iterable[dict]) -> None:
        stmt = self._insert(table)
        updates = {}
        for column in table.columns:
            if column.primary_key:
                continue
            if column.name == "declared":
                updates[column.name] = or_(stmt.excluded[column.name], table.c[column.name])
            else:
                updates[column.name] = func.coalesce(stmt.excluded[column.name], table.c[column.name])
        stmt = stmt.on_conflict_do_update(index_elements=[table.c.key], set_=updates)
        self.connection.execute(stmt, list(rows))

    def finish(self) -> None:
        """Flush and stamp the import with its counts."""
        from emprise.store import utcnow

        self.flush()
        self.connection.execute(
            update(schema.imports).where(schema.imports.c.id == self.import_id).values(
                finished_at=utcnow(), records_ok=self.records_ok,
                records_rejected=self.records_rejected,
            )
        )
