"""Spend per vendor, ultimate parent, country and jurisdiction zone, from read invoices.

A pure function of the invoices, the catalog and (optionally) exchange rates:
``analyse(invoices, catalog, rates=None) -> Spend``. Amounts are net of VAT
(BT-109, else BT-106), credit notes negative. Without a rates file, amounts stay
in their currency and every figure is kept per currency (nothing is converted
behind the user's back); shares and concentration are computed in the currency
that carries most spend. With rates, everything is converted to their base
currency.

Country is the jurisdiction that counts for sovereignty: the ultimate parent's
country when the catalog knows it, else the seller's own (BT-40 / VAT prefix).
Zones: FR, EU (other member states), non-EU, unknown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from emprise.errors import EmpriseError
from emprise.spend.categories import categorise
from emprise.spend.suppliers import SellerIds, VendorMatch, VendorMatcher, seller_ids
from emprise.spend.terms import Invoice

ZONES = ("FR", "EU", "non-EU", "unknown")
_CENT = Decimal("0.01")


class RatesError(EmpriseError):
    """The exchange-rates file given by the user cannot be used."""


@dataclass(frozen=True)
class Rates:
    """``1 unit of currency = rate x base``; loaded from the user's file only."""

    base: str
    rates: dict[str, Decimal]

    def convert(self, amount: Decimal, currency: str | None) -> Decimal | None:
        if currency == self.base:
            return amount
        rate = self.rates.get(currency or "")
        return None if rate is None else (amount * rate).quantize(_CENT)


def load_rates(path: Path) -> Rates:
    """Read ``{"base": "EUR", "rates": {"USD": "0.92", …}}`` (JSON) or ``CUR,rate`` lines with a
    ``base,EUR`` line (CSV); raises RatesError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RatesError(f"{path}: {exc.strerror or exc}") from exc
    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text)
            base = str(data["base"]).upper()
            rates = {str(k).upper(): Decimal(str(v)) for k, v in data["rates"].items()}
        else:
            base, rates = None, {}
            for number, raw in enumerate(text.splitlines(), start=1):
                cells = [c.strip() for c in raw.replace(";", ",").split(",")]
                if not raw.strip() or raw.lstrip().startswith("#") or cells[0].lower() == "currency":
                    continue
                if len(cells) != 2:
                    raise RatesError(f"{path}:{number}: expected 'CURRENCY,rate'")
                if cells[0].lower() == "base":
                    base = cells[1].upper()
                else:
                    rates[cells[0].upper()] = Decimal(cells[1].replace(",", "."))
            if base is None:
                raise RatesError(f"{path}: no 'base,CUR' line saying which currency the rates convert to")
    except RatesError:
        raise
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise RatesError(f"{path}: not a rates file ({exc!r})") from exc
    return Rates(base, rates)


@dataclass(frozen=True)
class InvoiceView:
    """One invoice with who it pays: matched vendor, ultimate parent, jurisdiction, categories."""

    invoice: Invoice
    ids: SellerIds
    match: VendorMatch
    vendor_name: str
    ultimate_parent: str | None
    ultimate_parent_name: str | None
    country: str | None
    zone: str
    line_categories: tuple[tuple[str | None, str], ...]
    group: str  # grouping key: the vendor id, else "supplier:<vat|siren|name>"
    reconciles: bool | None  # sum of line nets == BT-106 (None: no lines)


@dataclass(frozen=True)
class Row:
    """One group's spend: per currency, the number of documents, and the share of the main total."""

    key: str
    name: str
    amounts: dict[str, Decimal]
    documents: int
    share: Decimal | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Spend:
    invoices: list[InvoiceView]
    currency: str | None  # the currency shares and concentration are computed in
    converted: bool
    totals: dict[str, Decimal]  # per currency (or the base currency when converted)
    vendors: list[Row]
    parents: list[Row]
    countries: list[Row]
    zones: list[Row]
    categories: list[Row]
    monthly: list[Row]
    hhi_vendors: Decimal | None
    hhi_parents: Decimal | None
    unmatched: list[Row]
    notes: list[str]


def zone_of(catalog, country: str | None) -> str:
    """``FR``, ``EU`` (another member state), ``non-EU`` or ``unknown`` for an ISO country code."""
    if not country:
        return "unknown"
    if country == "FR":
        return "FR"
    entry = catalog.country(country)
    if entry is None:
        return "unknown"
    return "EU" if entry.eu else "non-EU"


def view_invoice(invoice: Invoice, catalog, matcher: VendorMatcher) -> InvoiceView:
    """Match one invoice's seller to the catalog and categorise its lines."""
    ids = seller_ids(invoice)
    match = matcher.match(ids, invoice.seller_name or invoice.seller_trading_name)
    parent = parent_name = None
    country = ids.country
    if match.vendor_id is not None:
        vendor = catalog.vendor(match.vendor_id)
        vendor_name = vendor.name
        top = catalog.ultimate_parent(match.vendor_id)
        parent, parent_name = top.id, top.name
        country = top.country or vendor.country or country
        group = match.vendor_id
    else:
        vendor_name = invoice.seller_name or invoice.seller_trading_name or "?"
        group = "supplier:" + (ids.vat or ids.siren or _fold_name(vendor_name))
    reconciles = None
    if invoice.lines and invoice.line_total is not None and all(l.net_amount is not None for l in invoice.lines):
        reconciles = sum((l.net_amount for l in invoice.lines), Decimal(0)) == invoice.line_total
    return InvoiceView(
        invoice=invoice, ids=ids, match=match, vendor_name=vendor_name, ultimate_parent=parent,
        ultimate_parent_name=parent_name, country=country, zone=zone_of(catalog, country),
        line_categories=tuple(categorise(line) for line in invoice.lines), group=group,
        reconciles=reconciles,
    )


def _fold_name(name: str) -> str:
    from emprise.catalog.names import normalise_name

    return normalise_name(name) or name


class Totals:
    """Amounts per group and currency, documents per group: ``rows(currency)`` ranks them."""

    def __init__(self):
        self.amounts: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        self.documents: dict[str, int] = defaultdict(int)
        self.names: dict[str, str] = {}
        self.extra: dict[str, dict] = {}

    def add(self, key: str, name: str, currency: str, amount: Decimal, extra: dict | None = None,
            count: bool = True):
        self.amounts[key][currency] += amount
        if count:
            self.documents[key] += 1
        self.names.setdefault(key, name)
        if extra:
            self.extra.setdefault(key, extra)

    def rows(self, currency: str | None) -> list[Row]:
        total = sum((max(a.get(currency, Decimal(0)), Decimal(0)) for a in self.amounts.values()), Decimal(0))
        rows = []
        for key, amounts in self.amounts.items():
            main = amounts.get(currency, Decimal(0))
            share = (max(main, Decimal(0)) / total).quantize(Decimal("0.0001")) if total else None
            rows.append(Row(key, self.names[key], {c: v for c, v in sorted(amounts.items())},
                            self.documents[key], share, self.extra.get(key, {})))
        rows.sort(key=lambda r: (-(r.amounts.get(currency or "", Decimal(0))), r.name.lower()))
        return rows


def hhi(rows: list[Row], currency: str | None) -> Decimal | None:
    """Herfindahl–Hirschman index of ``rows`` in ``currency``: sum of squared % shares, 0–10,000."""
    amounts = [max(r.amounts.get(currency or "", Decimal(0)), Decimal(0)) for r in rows]
    total = sum(amounts, Decimal(0))
    if not total:
        return None
    return sum(((a * 100 / total) ** 2 for a in amounts), Decimal(0)).quantize(Decimal("1"), ROUND_HALF_EVEN)


def analyse(invoices: list[Invoice], catalog, rates: Rates | None = None, *,
            views: list[InvoiceView] | None = None) -> Spend:
    """Spend figures for ``invoices``; see the module docstring for the conventions.

    ``views`` (one per invoice, as ``read_paths(..., catalog=)`` returns them) saves
    matching the sellers again.
    """
    if views is None:
        matcher = VendorMatcher(catalog)
        views = [view_invoice(invoice, catalog, matcher) for invoice in invoices]
    notes: list[str] = []
    vendors, parents, countries, zones, categories, monthly, unmatched = (Totals() for _ in range(7))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    # The same purchase read from its e-invoice and from the FEC counts once (the e-invoice).
    electronic = {(v.invoice.number, v.invoice.net_spend) for v in views if v.invoice.syntax != "fec"}
    for view in views:
        invoice = view.invoice
        net = invoice.net_spend
        if net is None:
            notes.append(f"{invoice.locator}: no net total (BT-109/BT-106): not counted")
            continue
        if invoice.syntax == "fec" and (invoice.number, net) in electronic:
            notes.append(f"{invoice.locator}: piece {invoice.number} already counted from its e-invoice")
            continue
        currency = invoice.currency or "?"
        if rates is not None:
            converted = rates.convert(net, invoice.currency)
            if converted is None:
                notes.append(f"{invoice.locator}: no rate for {currency} in the rates file: not counted")
                continue
            net, currency = converted, rates.base
        if view.reconciles is False:
            notes.append(f"{invoice.locator}: the lines do not add up to BT-106 ({invoice.line_total})")
        totals[currency] += net
        vendors.add(view.group, view.vendor_name, currency, net,
                    {"vendor": view.match.vendor_id, "ultimate_parent": view.ultimate_parent,
                     "country": view.country, "zone": view.zone})
        parent_key = view.ultimate_parent or view.group
        parents.add(parent_key, view.ultimate_parent_name or view.vendor_name, currency, net,
                    {"country": view.country, "zone": view.zone})
        countries.add(view.country or "unknown", view.country or "unknown", currency, net)
        zones.add(view.zone, view.zone, currency, net)
        if invoice.issue_date is not None:
            month = invoice.issue_date.strftime("%Y-%m")
            monthly.add(month, month, currency, net)
        if view.match.vendor_id is None:
            unmatched.add(view.group, view.vendor_name, currency, net,
                          {"vat": view.ids.vat, "siren": view.ids.siren, "country": view.ids.country})
        _add_categories(categories, view, currency, net, rates)
    main = max(totals, key=lambda c: totals[c]) if totals else None
    if len(totals) > 1:
        notes.append(f"several currencies ({', '.join(sorted(totals))}) and no rates file: shares and "
                     f"concentration are computed in {main} only")
    vendor_rows = vendors.rows(main)
    parent_rows = parents.rows(main)
    monthly_rows = sorted(monthly.rows(main), key=lambda r: r.key)
    return Spend(
        invoices=views, currency=main, converted=rates is not None, totals=dict(totals),
        vendors=vendor_rows, parents=parent_rows, countries=countries.rows(main),
        zones=sorted(zones.rows(main), key=lambda r: ZONES.index(r.key)), categories=categories.rows(main),
        monthly=monthly_rows, hhi_vendors=hhi(vendor_rows, main), hhi_parents=hhi(parent_rows, main),
        unmatched=unmatched.rows(main), notes=notes,
    )


def _add_categories(categories: Totals, view: InvoiceView, currency: str, net: Decimal, rates) -> None:
    """Split the invoice's net over its lines' categories (no lines: all unclassified)."""
    invoice = view.invoice
    if not invoice.lines or any(line.net_amount is None for line in invoice.lines):
        categories.add("unclassified", "unclassified", currency, net)
        return
    lines_total = sum((line.net_amount for line in invoice.lines), Decimal(0))
    seen: set[str] = set()
    for line, (category, _) in zip(invoice.lines, view.line_categories):
        amount = invoice.sign * line.net_amount
        if rates is not None:
            amount = rates.convert(amount, invoice.currency)
        key = category or "unclassified"
        categories.add(key, key, currency, amount, count=key not in seen)
        seen.add(key)
    # Header allowances and charges (BT-109 != BT-106) are not in any line.
    rest = net - (rates.convert(invoice.sign * lines_total, invoice.currency) if rates else invoice.sign * lines_total)
    if rest:
        categories.add("unclassified", "unclassified", currency, rest, count=False)


def money(amount: Decimal) -> str:
    """An amount with two decimals (more when the document had more), as a string."""
    return str(amount.quantize(_CENT)) if -amount.as_tuple().exponent <= 2 else str(amount)
