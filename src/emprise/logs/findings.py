"""Record what a discovery found in the store, as undeclared assets.

Each service row becomes an ``Asset(declared=False)`` (kind AI_SERVICE for a
generative-AI service, SAAS otherwise) that is an instance of the catalog
product, made by its vendor; the locator points at the log file. One discovery
is one import (one transaction). Its identity is a hash of the findings, so
importing the same logs twice changes nothing. No identity (user, address) is
ever written: only counts. The volumes (requests, bytes, first and last seen) go
to the ``discovered_services`` table beside the graph, for the report.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from emprise import __version__
from emprise.model import Asset, AssetKind, Edge, EdgeKind, Locator, Product, Record, Vendor, ref

SOURCE_FORMAT = "log-discovery"


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    status: str  # "imported" or "unchanged"
    import_id: int
    assets: int


def finding_records(result, inputs: list[str]) -> list[Record]:
    """One record per discovered product (rows without a catalog product are not imported)."""
    records = []
    origin = ", ".join(f.name for f in result.files) or ", ".join(inputs)
    for row in _per_product(result):
        if row.product_id is None:
            continue
        product = Product(key=row.product_id, name=row.product or row.product_id, category=row.category)
        asset = Asset(
            key=f"discovered-{row.product_id}",
            name=row.product or row.product_id,
            kind=AssetKind.AI_SERVICE if row.ai else AssetKind.SAAS,
            users=row.users,
            declared=False,
            description=(f"Seen in network logs: {row.requests} requests by {row.users} people, "
                         f"{row.first_seen} – {row.last_seen}"),
        )
        nodes: tuple = (asset, product)
        edges = [Edge(EdgeKind.INSTANCE_OF, ref(asset), ref(product))]
        if row.vendor_id is not None:
            vendor = Vendor(key=row.vendor_id, name=row.vendor or row.vendor_id)
            nodes += (vendor,)
            edges.append(Edge(EdgeKind.MADE_BY, ref(product), ref(vendor)))
        locator = Locator(file=origin, pointer=f"/discover/{row.host or row.product_id}")
        records.append(Record(locator=locator, nodes=nodes, edges=tuple(edges)))
    return records


def findings_hash(records: list[Record]) -> str:
    """The identity of this set of findings: same logs, same findings, same hash."""
    canonical = sorted(
        json.dumps([str(r.locator), [repr(n) for n in r.nodes], [str(e) for e in r.edges]], sort_keys=True)
        for r in records)
    # The store keeps 64 characters (a SHA-256 in hex): the "discover" prefix is hashed
    # in, so a discovery can never collide with a file's own content hash.
    return hashlib.sha256("\n".join(["discover", *canonical]).encode()).hexdigest()


def import_findings(store, result, *, inputs: list[str]) -> ImportOutcome:
    """Land the findings in ``store`` in one transaction; raises StoreError."""
    records = finding_records(result, inputs)
    content_hash = findings_hash(records)
    previous = store.find_import(content_hash)
    if previous is not None:
        return ImportOutcome("unchanged", previous.id, previous.records_ok)
    name = ", ".join(f.name for f in result.files)
    with store.begin_import(content_hash=content_hash, file_name=name, source_format=SOURCE_FORMAT,
                            tool_version=__version__) as writer:
        for record in records:
            writer.add(record)
        _add_counts(writer, result)
        import_id = writer.import_id
    return ImportOutcome("imported", import_id, len(records))


def service_rows(result) -> list[dict]:
    """The ``discovered_services`` rows of a discovery (without import id): counts, never identities."""
    from datetime import datetime

    def moment(text: str | None):
        return datetime.fromisoformat(text) if text is not None else None

    return [{"asset_key": f"discovered-{row.product_id}", "product_key": row.product_id, "ai": row.ai,
             "users": row.users, "requests": row.requests, "bytes": row.bytes, "bytes_out": row.bytes_out,
             "bytes_in": row.bytes_in, "first_seen": moment(row.first_seen), "last_seen": moment(row.last_seen)}
            for row in _per_product(result) if row.product_id is not None]


def _per_product(result):
    """The discovery's services one row per product, whatever ``--by`` showed."""
    if result.by == "product":
        return result.rows
    if not result.product_rows and result.rows:
        raise ValueError("a discovery grouped by host or vendor must be run with product_rows=True to be imported")
    return result.product_rows


def _add_counts(writer, result) -> None:
    """Write the volumes the assets cannot carry, in ``writer``'s transaction."""
    from sqlalchemy import insert

    from emprise.store.schema import discovered_services

    rows = [dict(row, import_id=writer.import_id) for row in service_rows(result)]
    if rows:
        writer.connection.execute(insert(discovered_services), rows)
