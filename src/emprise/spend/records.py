"""Land spend in the store: vendors, assets and contracts, with the invoice as provenance.

Each invoice becomes one ``Record`` (located at its file, or its FEC line):

- the vendor (the catalog's id when the seller matched, else a slug of its name,
  with the seller's country as observed — never added to a catalog vendor, whose
  country the catalog knows better than one subsidiary's invoice);
- one asset per (vendor, product or spend category), not declared (discovered):
  the catalog product when a line names one ("Microsoft 365 E3"), else
  "<vendor> – <category>";
- its contract (``<asset>.contract``, as inventories key them) with the period from
  BT-73/74, else the lines' BT-134/135, the currency, the invoice number as
  reference, and an annual cost only when the period is a year (never extrapolated);
- and, beside the graph, its ``spend_documents`` row: amount, currency, dates,
  the vendor key and the seller's identifiers, which the report's spend section
  aggregates (``emprise.views.report_spend``).

Imports go through the store's own transactional, idempotent path: one input file
is one transaction, keyed by its content hash, so importing it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from emprise.model import (
    Asset,
    AssetKind,
    Contract,
    Country,
    Edge,
    EdgeKind,
    Locator,
    NodeType,
    Product,
    Record,
    Ref,
    Rejection,
    Vendor,
    ref,
    slugify,
)
from emprise.spend.analysis import InvoiceView

CATEGORY_KIND = {
    "saas": AssetKind.SAAS, "cloud": AssetKind.CLOUD_SERVICE, "licence": AssetKind.ON_PREM_SOFTWARE,
    "hardware": AssetKind.HARDWARE, "telecom": AssetKind.HARDWARE,
}
CATEGORY_LABEL = {
    "saas": "SaaS subscription", "cloud": "cloud consumption", "licence": "licence",
    "maintenance": "maintenance", "telecom": "telecom", "hardware": "hardware", "services": "services",
    None: "unclassified spend",
}
SOURCE_FORMAT = "spend"


def record_for(view: InvoiceView, catalog) -> Record:
    """The nodes and edges one invoice states."""
    invoice = view.invoice
    nodes: list = []
    edges: list[Edge] = []
    vendor = Vendor(vendor_key(view), view.vendor_name)
    nodes.append(vendor)
    if view.match.vendor_id is None:
        if view.ids.country:
            country = Country(view.ids.country)
            nodes.append(country)
            edges.append(Edge(EdgeKind.HEADQUARTERED_IN, ref(vendor), ref(country)))
    groups: dict[str, dict] = {}
    lines = invoice.lines or ()
    categories = view.line_categories or ()
    items = list(zip(lines, categories)) or [(None, (None, "none"))]
    for line, (category, _) in items:
        product = None
        if line is not None and line.name and view.match.vendor_id is not None:
            product = catalog.find_product(line.name, view.match.vendor_id)
        if product is not None:
            key, name, kind = product.id, product.name, CATEGORY_KIND.get(category)
        else:
            key = f"{vendor.key}.{category or 'spend'}"
            name, kind = f"{vendor.name} – {CATEGORY_LABEL[category]}", CATEGORY_KIND.get(category)
        group = groups.setdefault(key, {"name": name, "kind": kind, "product": product, "lines": []})
        if line is not None:
            group["lines"].append(line)
    for key, group in groups.items():
        asset = Asset(key=key, name=group["name"], kind=group["kind"], declared=False)
        nodes.append(asset)
        if group["product"] is not None:
            product = group["product"]
            nodes.append(Product(product.id, product.name, category=product.category))
            product_ref = Ref(NodeType.PRODUCT, product.id)
            edges.append(Edge(EdgeKind.INSTANCE_OF, ref(asset), product_ref))
            edges.append(Edge(EdgeKind.MADE_BY, product_ref, ref(vendor)))
        else:
            edges.append(Edge(EdgeKind.MADE_BY, ref(asset), ref(vendor)))
        contract = _contract(f"{key}.contract", view, group["lines"], len(groups) == 1)
        nodes.append(contract)
        edges.append(Edge(EdgeKind.GOVERNS, ref(contract), ref(asset)))
    return Record(Locator(invoice.file, invoice.line_number), tuple(nodes), tuple(edges))


def vendor_key(view: InvoiceView) -> str:
    """The key of the vendor node an invoice lands: the catalog id, else a slug of the seller's name."""
    return view.match.vendor_id if view.match.vendor_id is not None else slugify(view.vendor_name)


def document_row(view: InvoiceView) -> dict:
    """The ``spend_documents`` row of one invoice (without its import id)."""
    invoice = view.invoice
    return {
        "locator": invoice.locator, "syntax": invoice.syntax, "number": invoice.number,
        "issue_date": invoice.issue_date, "period_start": invoice.period_start,
        "period_end": invoice.period_end, "currency": invoice.currency, "net_amount": invoice.net_spend,
        "vendor_key": vendor_key(view),
        "seller_name": invoice.seller_name or invoice.seller_trading_name,
        "seller_vat": view.ids.vat, "seller_siren": view.ids.siren, "seller_country": view.ids.country,
        "match_method": view.match.method, "match_confidence": Decimal(str(view.match.confidence)),
    }


def add_documents(writer, views: list[InvoiceView]) -> None:
    """Write the invoices' amounts and dates (``spend_documents``) in ``writer``'s transaction."""
    if not views:
        return
    from sqlalchemy import insert

    from emprise.store.schema import spend_documents

    rows = [dict(document_row(view), import_id=writer.import_id) for view in views]
    for start in range(0, len(rows), 2000):
        writer.connection.execute(insert(spend_documents), rows[start:start + 2000])


def _contract(key: str, view: InvoiceView, lines, whole_invoice: bool) -> Contract:
    invoice = view.invoice
    start, end = invoice.period_start, invoice.period_end
    starts = [line.period_start for line in lines if line.period_start]
    ends = [line.period_end for line in lines if line.period_end]
    if starts and ends:
        start, end = min(starts), max(ends)
    amount = None
    if whole_invoice and invoice.net_spend is not None:
        amount = invoice.net_spend
    elif lines and all(line.net_amount is not None for line in lines):
        amount = invoice.sign * sum((line.net_amount for line in lines), Decimal(0))
    annual = None
    if amount is not None and start and end and 360 <= (end - start).days + 1 <= 371:
        annual = amount
    return Contract(key=key, annual_cost=annual, currency=invoice.currency, start=start, end=end,
                    reference=invoice.number)


@dataclass
class SpendImport:
    """What importing one input file did: ``status`` is imported, unchanged or failed."""

    file: str
    status: str
    records: int = 0
    rejected: int = 0
    error: str | None = None


def import_views(store, catalog, path: Path, views: list[InvoiceView],
                 rejections: list[Rejection]) -> SpendImport:
    """Land one input file's invoices (and its rejections) as one idempotent transaction.

    Raises StoreError when the store fails (the import is then rolled back).
    """
    from emprise import __version__
    from emprise.observations.importer import file_hash

    name = str(path)
    try:
        content_hash = file_hash(path)
    except OSError as exc:
        return SpendImport(name, "failed", error=f"{name}: {exc.strerror or exc}")
    if store.find_import(content_hash) is not None:
        return SpendImport(name, "unchanged")
    with store.begin_import(content_hash=content_hash, file_name=name, source_format=SOURCE_FORMAT,
                            tool_version=__version__) as writer:
        for view in views:
            writer.add(record_for(view, catalog))
        add_documents(writer, views)
        for rejection in rejections:
            writer.reject(rejection)
        return SpendImport(name, "imported", records=writer.records_ok, rejected=writer.records_rejected)


def group_by_input(views: list[InvoiceView], rejections: list[Rejection], inputs: dict[str, str]):
    """``{input file: (views, rejections)}`` using ``inputs`` (display name -> input file path)."""
    grouped: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for view in views:
        grouped[_input_of(view.invoice.file, inputs)][0].append(view)
    for rejection in rejections:
        grouped[_input_of(rejection.locator.file, inputs)][1].append(rejection)
    return grouped


def _input_of(name: str, inputs: dict[str, str]) -> str:
    if name in inputs:
        return inputs[name]
    return name.split("!", 1)[0]  # a refused archive member: its archive
