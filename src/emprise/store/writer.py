"""Writing one import: batched upserts inside the caller's transaction.

Merging rule when a node is seen again: a known value (not ``None``) replaces
the stored one, an unknown value never erases a known one; ``declared`` stays
true once any import declared the asset. Edges are a set: seeing one twice adds
an observation, not a second edge.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import enum
from collections.abc import Iterable

from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import Date, Numeric, insert, update
from sqlalchemy.engine import Connection

from emprise.model import Edge, Node, Record, Rejection
from emprise.store import schema

BATCH_SIZE = 2000


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _as_text(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def node_values(node: Node) -> dict:
    """The row for a node: enums as their values, everything else as is."""
    row = {}
    for name in _field_names(type(node)):
        value = getattr(node, name)
        row[name] = value.value if isinstance(value, enum.Enum) else value
    return row


def _record_hash(record: Record, rows: list[dict]) -> str:
    """A stable digest of what the record says (its node values and edges), not of its bytes."""
    parts = [repr(tuple(row.values())) for row in rows]  # field order is fixed by the dataclass
    parts.extend(str(edge) for edge in record.edges)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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
        self.connection = connection
        self._sqlite = connection.dialect.name == "sqlite"
        self._placeholder = "?" if self._sqlite else "%s"
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

    def add(self, record: Record) -> str:
        """Queue every node and edge of ``record`` with its observation; returns the record's hash."""
        locator = str(record.locator)
        rows = [node_values(node) for node in record.nodes]
        record_hash = _record_hash(record, rows)
        for node, row in zip(record.nodes, rows):
            table_rows = self._nodes.setdefault(node.TYPE.value, {})
            previous = table_rows.get(node.key)
            table_rows[node.key] = merge_rows(previous, row) if previous else row
            self._observe(f"{node.TYPE.value}:{node.key}", locator, record_hash)
        self.add_edges(record.locator, record.edges, record_hash)
        self.records_ok += 1
        if len(self._observations) >= BATCH_SIZE:
            self.flush()
        return record_hash

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
            self._executemany(schema.edges, list(self._edges.values()), conflict="DO NOTHING")
            self._edges.clear()
        for table, rows in ((schema.observations, self._observations),
                            (schema.rejections, self._rejections)):
            if rows:
                self._executemany(table, rows)
                rows.clear()

    def _upsert(self, table, rows: list[dict]) -> None:
        updates = []
        for column in table.columns:
            if column.primary_key:
                continue
            name = self._quote(column.name)
            if column.name == "declared":
                updates.append(f"{name} = (excluded.{name} OR {table.name}.{name})")
            else:
                updates.append(f"{name} = COALESCE(excluded.{name}, {table.name}.{name})")
        self._executemany(table, rows, conflict=f"(key) DO UPDATE SET {', '.join(updates)}")

    def _executemany(self, table, rows: list[dict], conflict: str | None = None) -> None:
        """One driver-level executemany: SQLAlchemy's per-row parameter processing costs
        more than the database work for the hundreds of thousands of rows an import has."""
        columns = [c.name for c in table.columns if c.name in rows[0]]
        if self._sqlite:
            # sqlite3 binds neither Decimal nor (without a deprecated adapter) dates: give it
            # the text SQLAlchemy would store; NUMERIC affinity turns amounts back into numbers.
            typed = {c.name for c in table.columns if isinstance(c.type, (Numeric, Date))}
            values = [tuple((_as_text(row[c]) if c in typed else row[c]) for c in columns) for row in rows]
        else:
            values = [tuple(row[c] for c in columns) for row in rows]
        if conflict is None and not self._sqlite:
            self._copy(table, columns, values)
            return
        placeholders = ", ".join([self._placeholder] * len(columns))
        sql = (f"INSERT INTO {table.name} ({', '.join(self._quote(c) for c in columns)}) "
               f"VALUES ({placeholders})")
        if conflict:
            sql += f" ON CONFLICT {conflict}"
        self.connection.exec_driver_sql(sql, values)

    def _copy(self, table, columns: list[str], values: list[tuple]) -> None:
        """PostgreSQL's COPY: an order of magnitude faster than INSERT for append-only rows."""
        cursor = self.connection.connection.driver_connection.cursor()
        statement = f"COPY {table.name} ({', '.join(self._quote(c) for c in columns)}) FROM STDIN"
        with cursor.copy(statement) as copy:
            for row in values:
                copy.write_row(row)

    def _quote(self, name: str) -> str:
        return self.connection.dialect.identifier_preparer.quote(name)

    def finish(self) -> None:
        """Flush and stamp the import with its counts."""
        self.flush()
        self.connection.execute(
            update(schema.imports).where(schema.imports.c.id == self.import_id).values(
                finished_at=utcnow(), records_ok=self.records_ok,
                records_rejected=self.records_rejected,
            )
        )
