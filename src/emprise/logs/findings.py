"""Record what a discovery found in the store, as undeclared assets.

Each service row becomes an ``Asset(declared=False)`` (kind AI_SERVICE for a
generative-AI service, SAAS otherwise) that is an instance of the catalog
product, made by its vendor; the locator points at the log file. One discovery
is one import (one transaction). Its identity is a hash of the findings, so
importing the same logs twice changes nothing. No identity (user, address) is
ever written: only counts.
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
    for row in result.rows:
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
    return "discover:" + hashlib.sha256("\n".join(canonical).encode()).hexdigest()


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
        import_id = writer.import_id
    return ImportOutcome("imported", import_id, len(records))
