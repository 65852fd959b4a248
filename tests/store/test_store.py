"""The store on SQLite and PostgreSQL: schema, transactions, idempotence, merging."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect

from emprise.errors import StoreError
from emprise.model import (
    Asset,
    AssetKind,
    Contract,
    Edge,
    EdgeKind,
    Locator,
    NodeType,
    Record,
    Ref,
    Rejection,
    Vendor,
)
from emprise.store import Store, resolve_location


def _write(store: Store, records, rejections=(), content_hash="h1"):
    with store.begin_import(content_hash=content_hash, file_name="f.csv", source_format="test",
                            tool_version="0") as writer:
        for record in records:
            writer.add(record)
        for rejection in rejections:
            writer.reject(rejection)
    return writer


def test_location_accepts_a_path_or_a_url(tmp_path, monkeypatch):
    assert resolve_location(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_location("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("EMPRISE_DB", str(tmp_path / "env.db"))
    assert resolve_location(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("EMPRISE_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_location(None) == f"sqlite:///{tmp_path / 'emprise.db'}"


def test_migrations_build_the_declared_schema(store):
    """The Alembic revision and schema.py must describe the same tables and columns."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from emprise.store.schema import metadata

    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), metadata)
        tables = set(inspect(connection).get_table_names())
    assert {"assets", "vendors", "edges", "observations", "imports", "alembic_version"} <= tables
    assert diff == []


def test_opening_twice_is_idempotent(store_url):
    Store.open(store_url).close()
    again = Store.open(store_url)
    assert again.counts()["assets"] == 0
    again.close()


def test_a_bad_url_is_a_store_error():
    with pytest.raises(StoreError, match="not a usable database URL"):
        Store.open("nosuchdialect://x/y")


def test_records_land_with_provenance_and_merge(store):
    asset = Asset(key="mail", name="Mail", kind=AssetKind.SAAS, users=10)
    vendor = Vendor(key="acme", name="Acme")
    edge = Edge(EdgeKind.MADE_BY, Ref(NodeType.ASSET, "mail"), Ref(NodeType.VENDOR, "acme"))
    writer = _write(store, [Record(Locator("f.csv", line=2), (asset, vendor), (edge,))],
                    [Rejection(Locator("f.csv", line=3), "name: empty")])
    assert (writer.records_ok, writer.records_rejected) == (1, 1)

    # A second import knows the users no more (None) but adds a version: merge, keep users.
    later = Asset(key="mail", name="Mail", version="2.1")
    _write(store, [Record(Locator("g.yaml", line=7), (later,), (edge,))], content_hash="h2")

    snapshot = store.snapshot()
    merged = snapshot.nodes[Ref(NodeType.ASSET, "mail")]
    assert (merged.users, merged.version, merged.kind) == (10, "2.1", AssetKind.SAAS)
    assert snapshot.edges == [edge]
    assert [p.locator for p in snapshot.provenance_of(edge)] == ["f.csv:2", "g.yaml:7"]
    assert [p.locator for p in snapshot.provenance_of(Ref(NodeType.ASSET, "mail"))] == ["f.csv:2", "g.yaml:7"]
    counts = store.counts()
    assert (counts["assets"], counts["vendors"], counts["edges"], counts["imports"], counts["rejections"]) == (1, 1, 1, 2, 1)


def test_declared_stays_true_once_declared(store):
    _write(store, [Record(Locator("a", line=1), (Asset(key="x", name="X", declared=True),))], content_hash="a")
    _write(store, [Record(Locator("b", line=1), (Asset(key="x", name="X", declared=False),))], content_hash="b")
    assert store.snapshot().nodes[Ref(NodeType.ASSET, "x")].declared is True


def test_contract_values_round_trip(store):
    from datetime import date

    contract = Contract(key="c", annual_cost=Decimal("48600.50"), currency="EUR", start=date(2025, 1, 1),
                        end=date(2027, 3, 31), auto_renewal=True, notice_days=90)
    _write(store, [Record(Locator("f", line=1), (contract,))])
    assert store.snapshot().nodes[Ref(NodeType.CONTRACT, "c")] == contract


def test_a_failure_inside_an_import_rolls_everything_back(store):
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.begin_import(content_hash="h", file_name="f", source_format="t", tool_version="0") as writer:
            for i in range(5000):  # more than one batch: some rows were already flushed
                writer.add(Record(Locator("f", line=i), (Asset(key=f"a{i}", name=f"A{i}"),)))
            raise Boom()
    assert store.counts()["assets"] == 0
    assert store.counts()["imports"] == 0
    assert store.find_import("h") is None


def test_the_same_content_hash_cannot_land_twice(store):
    _write(store, [], content_hash="same")
    with pytest.raises(StoreError):
        _write(store, [], content_hash="same")
    assert len(store.imports()) == 1
