"""The store: the organisation's inventory, on SQLite (embedded default) or PostgreSQL.

``Store.open(location)`` takes a file path or a SQLAlchemy URL, migrates the
schema to the newest revision and returns a store. Writing happens only through
``Store.begin_import``: one import is one database transaction, so it lands
whole or not at all — a crash or ``kill -9`` in the middle leaves the store as it
was before the import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from emprise.errors import StoreError
from emprise.store import schema
from emprise.store.reader import StoreSnapshot, read_snapshot
from emprise.store.writer import ImportWriter

DEFAULT_DB = "emprise.db"
ENV_DB = "EMPRISE_DB"


def resolve_location(location: str | os.PathLike | None) -> str:
    """The SQLAlchemy URL for ``--db`` / ``EMPRISE_DB`` / the default ``./emprise.db``."""
    raw = os.fspath(location) if location is not None else os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def describe_location(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


@dataclass(frozen=True)
class ImportInfo:
    id: int
    content_hash: str
    file_name: str
    source_format: str
    started_at: datetime
    finished_at: datetime
    records_ok: int
    records_rejected: int


class Store:
    """A connection to one store. Cheap to create; reuse it for a command's duration."""

    def __init__(self, engine, url: str):
        self.engine = engine
        self.url = url

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, location: str | os.PathLike | None = None, *, migrate: bool = True) -> "Store":
        """Open (creating if needed) and migrate the store; raises StoreError."""
        url = resolve_location(location)
        try:
            if url.startswith("sqlite"):
                engine = create_engine(url, connect_args={"timeout": 30})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise StoreError(f"{describe_location(url)}: not a usable database URL ({exc})") from exc
        except ImportError as exc:
            raise StoreError(
                f"{describe_location(url)}: the database driver is missing ({exc.name}); "
                "install the 'postgres' extra: pip install 'emprise[postgres]'"
            ) from exc
        store = cls(engine, url)
        if migrate:
            try:
                store.migrate()
            except SQLAlchemyError as exc:
                raise StoreError(f"{describe_location(url)}: cannot open the store: {_short(exc)}") from exc
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent)."""
        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------
    @contextmanager
    def begin_import(self, *, content_hash: str, file_name: str, source_format: str,
                     tool_version: str) -> Iterator["ImportWriter"]:
        """A writer for one import, inside one transaction committed on clean exit.

        Any exception rolls the whole import back and is re-raised (library errors
        as StoreError).
        """
        try:
            with self.engine.begin() as connection:
                writer = ImportWriter(connection, content_hash=content_hash, file_name=file_name,
                                      source_format=source_format, tool_version=tool_version)
                yield writer
                writer.finish()
        except SQLAlchemyError as exc:
            raise StoreError(f"{describe_location(self.url)}: import failed and was rolled back: "
                             f"{_short(exc)}") from exc

    # -- reading ---------------------------------------------------------------
    def find_import(self, content_hash: str) -> ImportInfo | None:
        """The import that already brought this exact content, if any."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(schema.imports).where(schema.imports.c.content_hash == content_hash)
            ).mappings().first()
        return _import_info(row) if row else None

    def imports(self) -> list[ImportInfo]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(schema.imports).order_by(schema.imports.c.id)).mappings().all()
        return [_import_info(row) for row in rows]

    def snapshot(self) -> "StoreSnapshot":
        """Everything in the store, read in one transaction (consistent view)."""
        with self.engine.connect() as connection:
            return read_snapshot(connection)

    def keys(self, node_type: str) -> list[str]:
        """Keys of every node of one type (``"asset"``, ``"vendor"``…), sorted."""
        table = schema.NODE_TABLES[node_type]
        with self.engine.connect() as connection:
            return list(connection.execute(select(table.c.key).order_by(table.c.key)).scalars())

    def counts(self) -> dict[str, int]:
        """Row counts per node type and of edges, observations, imports, rejections."""
        tables = {**{f"{name}s" if not name.endswith("y") else f"{name[:-1]}ies": table
                     for name, table in schema.NODE_TABLES.items()},
                  "edges": schema.edges, "observations": schema.observations,
                  "imports": schema.imports, "rejections": schema.rejections}
        with self.engine.connect() as connection:
            return {label: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for label, table in tables.items()}


def _import_info(row) -> ImportInfo:
    return ImportInfo(**{f.name: row[f.name] for f in fields(ImportInfo)})


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers (a report) run while an import writes; foreign keys are off
    # by default in SQLite and we rely on them for cascades.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0] if text else type(exc).__name__


__all__ = ["Store", "StoreSnapshot", "ImportWriter", "ImportInfo", "resolve_location",
           "describe_location", "DEFAULT_DB", "ENV_DB"]
