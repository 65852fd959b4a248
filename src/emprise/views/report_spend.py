"""The report's spend section: what the organisation pays to whom, from the invoices it imported.

Data: the ``spend_documents`` rows that ``emprise spend --import`` and ``emprise
import`` write for every e-invoice, credit note and FEC purchase (amount net of
VAT, currency, dates, the vendor the record landed, the seller's identifiers).
Who controls each vendor and which law applies is the catalog's answer now, not
at import time, so curating the catalog improves past spend too.

Shown: spend per jurisdiction of the ultimate parent (FR / EU / non-EU — the
first quantitative criterion of the resilience index), per ultimate parent (a
group's subsidiaries add up: Microsoft Ireland Operations counts for Microsoft),
concentration (Herfindahl–Hirschman index), the monthly trend (inline SVG), the
top suppliers and the suppliers the catalog does not know, to curate.

Counted once: an invoice imported from several files (a PDF and the zip that
holds it), and a FEC purchase whose e-invoice was imported (same piece number
and amount) — the rules of ``emprise spend``. Amounts are never converted: the
figures are in the currency that carries most spend, and the others are named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from emprise.i18n import messages, t

__all__ = ["SpendDocument", "SpendSummary", "read_documents", "summarise", "spend_context", "monthly_svg"]

MESSAGES = messages({
    "rspend.section": {"en": "IT spend", "fr": "Dépenses informatiques"},
    "rspend.explain": {
        "en": "From the e-invoices and accounting entries (FEC) imported: amounts net of VAT, credit "
              "notes deducted. The jurisdiction is that of the supplier's ultimate parent.",
        "fr": "D'après les factures électroniques et écritures comptables (FEC) importées : montants "
              "hors taxes, avoirs déduits. La juridiction est celle de la société mère ultime du "
              "fournisseur.",
    },
    "rspend.empty": {
        "en": "No invoice imported yet: run emprise spend FOLDER --import (or emprise import on "
              "Factur-X, UBL, CII or FEC files).",
        "fr": "Aucune facture importée : lancez emprise spend DOSSIER --import (ou emprise import sur "
              "des fichiers Factur-X, UBL, CII ou FEC).",
    },
    "rspend.figure.total": {"en": "spent ({period})", "fr": "dépensés ({period})"},
    "rspend.figure.documents": {"en": "invoices and credit notes", "fr": "factures et avoirs"},
    "rspend.figure.vendors": {"en": "suppliers", "fr": "fournisseurs"},
    "rspend.figure.parents": {"en": "ultimate parents", "fr": "sociétés mères ultimes"},
    "rspend.figure.non_eu": {"en": "paid to non-EU groups", "fr": "payés à des groupes hors UE"},
    "rspend.period": {"en": "{first} to {last}", "fr": "de {first} à {last}"},
    "rspend.zones": {"en": "Spend per jurisdiction", "fr": "Dépenses par juridiction"},
    "rspend.zone": {"en": "Ultimate parent in", "fr": "Société mère en"},
    "rspend.amount": {"en": "Net amount", "fr": "Montant HT"},
    "rspend.share": {"en": "Share", "fr": "Part"},
    "rspend.documents": {"en": "Documents", "fr": "Pièces"},
    "rspend.parents": {"en": "Spend per ultimate parent", "fr": "Dépenses par société mère ultime"},
    "rspend.parent": {"en": "Ultimate parent", "fr": "Société mère ultime"},
    "rspend.country": {"en": "Country", "fr": "Pays"},
    "rspend.invoiced_by": {"en": "Invoiced by", "fr": "Facturé par"},
    "rspend.concentration": {"en": "Concentration", "fr": "Concentration"},
    "rspend.hhi.explain": {
        "en": "Herfindahl–Hirschman index: the sum of the squared shares of spend, from 0 (spread) "
              "to 10,000 (a single supplier). Levels of the European Commission's merger guidelines: "
              "below 1,000 low, 1,000 to 2,000 moderate, above 2,000 high.",
        "fr": "Indice de Herfindahl-Hirschman : somme des carrés des parts de dépense, de 0 "
              "(dispersée) à 10 000 (un seul fournisseur). Seuils des lignes directrices de la "
              "Commission européenne : moins de 1 000 faible, de 1 000 à 2 000 modérée, au-delà "
              "de 2 000 forte.",
    },
    "rspend.hhi.vendors": {"en": "between suppliers", "fr": "entre fournisseurs"},
    "rspend.hhi.parents": {"en": "between ultimate parents", "fr": "entre sociétés mères ultimes"},
    "rspend.hhi.low": {"en": "low", "fr": "faible"},
    "rspend.hhi.moderate": {"en": "moderate", "fr": "modérée"},
    "rspend.hhi.high": {"en": "high", "fr": "forte"},
    "rspend.monthly": {"en": "Monthly trend", "fr": "Tendance mensuelle"},
    "rspend.monthly.explain": {
        "en": "Net spend per month of issue, in {currency}.",
        "fr": "Dépense nette par mois d'émission, en {currency}.",
    },
    "rspend.monthly.none": {"en": "No invoice carries an issue date.",
                            "fr": "Aucune facture ne porte de date d'émission."},
    "rspend.suppliers": {"en": "Top suppliers", "fr": "Principaux fournisseurs"},
    "rspend.supplier": {"en": "Supplier", "fr": "Fournisseur"},
    "rspend.unmatched": {"en": "Suppliers to curate", "fr": "Fournisseurs à qualifier"},
    "rspend.unmatched.explain": {
        "en": "The catalog does not know these suppliers: their ultimate parent and jurisdiction stay "
              "unknown until an overlay names them (by VAT number or SIREN).",
        "fr": "Le catalogue ne connaît pas ces fournisseurs : leur société mère et leur juridiction "
              "restent inconnues tant qu'une surcouche ne les décrit pas (par numéro de TVA ou SIREN).",
    },
    "rspend.unmatched.none": {"en": "Every supplier is in the catalog.",
                              "fr": "Tous les fournisseurs sont au catalogue."},
    "rspend.ids": {"en": "VAT / SIREN", "fr": "TVA / SIREN"},
    "rspend.seen_in": {"en": "Seen in", "fr": "Vu dans"},
    "rspend.note.currencies": {
        "en": "Figures are in {currency}; {count} documents in {others} are not counted in them "
              "(amounts are never converted).",
        "fr": "Les montants sont en {currency} ; {count} pièces en {others} n'y sont pas comptées "
              "(aucune conversion n'est faite).",
    },
    "rspend.note.duplicates": {
        "en": "{count} documents imported twice (the same invoice in two files, or a FEC entry whose "
              "e-invoice was imported) are counted once.",
        "fr": "{count} pièces importées deux fois (la même facture dans deux fichiers, ou une écriture "
              "du FEC dont la facture électronique a été importée) ne sont comptées qu'une fois.",
    },
    "rspend.note.no_amount": {
        "en": "{count} documents without a net total (BT-109 / BT-106) are not counted.",
        "fr": "{count} pièces sans total hors taxes (BT-109 / BT-106) ne sont pas comptées.",
    },
    "rspend.other_parents": {"en": "{count} others", "fr": "{count} autres"},
})

MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
TOP = 10  # rows in the parents and suppliers tables
HHI_LEVELS = ((Decimal(1000), "low"), (Decimal(2000), "moderate"))  # EC horizontal merger guidelines, §19-21


@dataclass(frozen=True, slots=True)
class SpendDocument:
    """One ``spend_documents`` row with the file it was imported from."""

    locator: str
    syntax: str
    number: str | None
    issue_date: date | None
    currency: str | None
    net_amount: Decimal | None
    vendor_key: str
    seller_name: str | None
    seller_vat: str | None
    seller_siren: str | None
    seller_country: str | None
    match_method: str
    import_id: int


def read_documents(store) -> list[SpendDocument]:
    """Every spend document in the store, in import order. Raises StoreError."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from emprise.errors import StoreError
    from emprise.store import describe_location
    from emprise.store.schema import spend_documents as table

    columns = [getattr(table.c, name) for name in SpendDocument.__slots__]
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(select(*columns).order_by(table.c.id)).all()
    except SQLAlchemyError as exc:
        raise StoreError(f"{describe_location(store.url)}: cannot read the spend documents: {exc}") from exc
    return [SpendDocument(*row) for row in rows]


@dataclass(frozen=True)
class SpendSummary:
    """The figures of the section, in ``currency`` (None: no amount at all)."""

    currency: str | None
    total: Decimal
    documents: int
    first: date | None
    last: date | None
    zones: dict[str, Decimal]  # FR / EU / non-EU / unknown, every zone present
    parents: list  # analysis.Row, extra: country, zone, vendors (names)
    vendors: list  # analysis.Row, extra: parent (name), country, zone
    monthly: list[tuple[str, Decimal]]  # ("2026-01", amount), every month from first to last
    hhi_vendors: Decimal | None
    hhi_parents: Decimal | None
    unmatched: list  # analysis.Row, extra: vat, siren, country, seen_in
    other_currencies: dict[str, int]  # currency -> documents not counted
    duplicates: int
    without_amount: int


def _deduplicate(documents: list[SpendDocument]) -> tuple[list[SpendDocument], int]:
    electronic = {(d.number, d.net_amount) for d in documents if d.syntax != "fec" and d.number}
    seen: set[tuple] = set()
    kept = []
    for document in documents:
        if document.syntax == "fec" and (document.number, document.net_amount) in electronic:
            continue
        if document.number:
            key = (document.syntax == "fec", document.vendor_key, document.number, document.issue_date,
                   document.currency, document.net_amount)
            if key in seen:
                continue
            seen.add(key)
        kept.append(document)
    return kept, len(documents) - len(kept)


def summarise(documents: list[SpendDocument], catalog) -> SpendSummary:
    """The section's figures: a pure function of the documents and the catalog."""
    from emprise.spend.analysis import ZONES, Totals, hhi, zone_of

    counted, duplicates = _deduplicate(documents)
    with_amount = [d for d in counted if d.net_amount is not None]
    by_currency: dict[str, Decimal] = defaultdict(Decimal)
    documents_per_currency: dict[str, int] = defaultdict(int)
    for document in with_amount:
        by_currency[document.currency or "?"] += document.net_amount
        documents_per_currency[document.currency or "?"] += 1
    currency = max(by_currency, key=lambda c: (by_currency[c], c)) if by_currency else None
    vendors, parents, unmatched = Totals(), Totals(), Totals()
    zones: dict[str, Decimal] = {zone: Decimal(0) for zone in ZONES}
    months: dict[str, Decimal] = defaultdict(Decimal)
    subsidiaries: dict[str, set[str]] = defaultdict(set)
    dates = []
    for document in with_amount:
        if (document.currency or "?") != currency:
            continue
        amount = document.net_amount
        entry = catalog.vendor(document.vendor_key)
        if entry is not None:
            top = catalog.ultimate_parent(entry.id)
            name, parent_key, parent_name = entry.name, top.id, top.name
            country = top.country or entry.country or document.seller_country
        else:
            name = document.seller_name or document.vendor_key
            parent_key, parent_name, country = f"supplier:{document.vendor_key}", name, document.seller_country
            unmatched.add(document.vendor_key, name, currency, amount,
                          {"vat": document.seller_vat, "siren": document.seller_siren,
                           "country": document.seller_country, "seen_in": document.locator})
        zone = zone_of(catalog, country)
        vendors.add(document.vendor_key, name, currency, amount,
                    {"parent": parent_name if entry is not None else None, "country": country, "zone": zone})
        parents.add(parent_key, parent_name, currency, amount, {"country": country, "zone": zone})
        subsidiaries[parent_key].add(name)
        zones[zone] += amount
        if document.issue_date is not None:
            months[document.issue_date.strftime("%Y-%m")] += amount
            dates.append(document.issue_date)
    parent_rows = parents.rows(currency)
    for row in parent_rows:
        row.extra["vendors"] = sorted(subsidiaries[row.key] - {row.name}, key=str.lower)
    vendor_rows = vendors.rows(currency)
    return SpendSummary(
        currency=currency, total=by_currency.get(currency, Decimal(0)) if currency else Decimal(0),
        documents=documents_per_currency.get(currency, 0) if currency else 0,
        first=min(dates, default=None), last=max(dates, default=None), zones=zones,
        parents=parent_rows, vendors=vendor_rows, monthly=_every_month(months),
        hhi_vendors=hhi(vendor_rows, currency), hhi_parents=hhi(parent_rows, currency),
        unmatched=unmatched.rows(currency),
        other_currencies={c: n for c, n in sorted(documents_per_currency.items()) if c != currency},
        duplicates=duplicates, without_amount=len(counted) - len(with_amount),
    )


def _every_month(months: dict[str, Decimal]) -> list[tuple[str, Decimal]]:
    """The months from the first to the last, those without spend at zero (a gap is a fact)."""
    if not months:
        return []
    year, month = map(int, min(months).split("-"))
    last = max(months)
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append((key, months.get(key, Decimal(0))))
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# -- presentation ----------------------------------------------------------------------


def _month_label(key: str, lang: str, *, long: bool = False) -> str:
    year, month = map(int, key.split("-"))
    if long:
        from emprise.views.report import format_date

        return format_date(date(year, month, 1), lang).split(" ", 1)[1]  # "1 March 2026" -> "March 2026"
    return f"{MONTHS_SHORT[lang][month - 1]} {str(year)[2:]}"


def monthly_svg(monthly: list[tuple[str, Decimal]], currency: str | None, lang: str) -> str:
    """A bar chart of net spend per month, as an SVG string (ElementTree escapes every text)."""
    import xml.etree.ElementTree as ET

    from emprise.views.report import format_money

    width, height, left, top, bottom = 760, 220, 8, 14, 34
    plot = height - top - bottom
    highest = max((amount for _, amount in monthly), default=Decimal(0))
    lowest = min((amount for _, amount in monthly), default=Decimal(0))
    span = (max(highest, Decimal(0)) - min(lowest, Decimal(0))) or Decimal(1)
    baseline = top + float(max(highest, Decimal(0)) / span) * plot
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
                             "role": "img", "class": "spend-trend",
                             "aria-label": t("rspend.monthly", lang=lang)})
    ET.SubElement(svg, "title").text = t("rspend.monthly", lang=lang)
    slot = (width - 2 * left) / max(len(monthly), 1)
    bar = max(2.0, slot * 0.7)
    every = max(1, round(len(monthly) / 12))  # at most ~12 labels
    for index, (key, amount) in enumerate(monthly):
        x = left + index * slot + (slot - bar) / 2
        size = float(abs(amount) / span) * plot
        y = baseline - size if amount >= 0 else baseline
        rect = ET.SubElement(svg, "rect", {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{bar:.1f}",
                                           "height": f"{max(size, 0.5):.1f}",
                                           "class": "bar-neg" if amount < 0 else "bar-pos"})
        ET.SubElement(rect, "title").text = (f"{_month_label(key, lang, long=True)}: "
                                             f"{format_money(amount, currency, lang)}")
        if index % every == 0:
            label = ET.SubElement(svg, "text", {"x": f"{x + bar / 2:.1f}", "y": str(height - 12),
                                                "text-anchor": "middle"})
            label.text = _month_label(key, lang)
    ET.SubElement(svg, "line", {"x1": str(left), "x2": str(width - left), "y1": f"{baseline:.1f}",
                                "y2": f"{baseline:.1f}", "class": "axis"})
    peak = ET.SubElement(svg, "text", {"x": str(width - left), "y": "11", "text-anchor": "end", "class": "peak"})
    peak.text = format_money(highest, currency, lang)
    return ET.tostring(svg, encoding="unicode")


def _hhi(value: Decimal | None, lang: str) -> dict | None:
    from emprise.views.report import format_integer

    if value is None:
        return None
    level = next((name for limit, name in HHI_LEVELS if value < limit), "high")
    return {"value": format_integer(int(value), lang), "level": level,
            "label": t(f"rspend.hhi.{level}", lang=lang)}


def _country_text(catalog, code: str | None, lang: str) -> str | None:
    if code is None:
        return None
    entry = catalog.country(code)
    name = None if entry is None else (entry.name_fr if lang == "fr" else entry.name_en)
    return f"{name} ({code})" if name else code


def spend_context(store, catalog, *, lang: str) -> dict:
    """The context of ``_spend.html.j2``: figures formatted for ``lang``; ``has_data`` False (and the
    template shows how to import invoices) when the store has none. Raises StoreError."""
    return summary_context(summarise(read_documents(store), catalog), catalog, lang=lang)


def summary_context(summary: SpendSummary, catalog, *, lang: str) -> dict:
    """The template context of a ``SpendSummary``."""
    from markupsafe import Markup

    from emprise.views.report import format_integer, format_money, format_percent
    from emprise.views.svgmap import SCOPE_COLOURS, scope_label

    currency = summary.currency
    positive_total = sum((max(v, Decimal(0)) for v in summary.zones.values()), Decimal(0))

    def money(amount: Decimal) -> str:
        return format_money(amount, currency, lang)

    def share(amount: Decimal) -> str:
        return format_percent(max(amount, Decimal(0)), positive_total, lang)

    def main(row) -> Decimal:
        return row.amounts.get(currency, Decimal(0))

    zones = [{"scope": zone, "label": scope_label(zone, lang), "colour": SCOPE_COLOURS[zone],
              "amount": money(amount), "share": share(amount),
              "width": f"{max(amount, Decimal(0)) * 100 / positive_total:.2f}" if positive_total else "0"}
             for zone, amount in summary.zones.items()]
    parents = [{"name": row.name, "country": _country_text(catalog, row.extra["country"], lang),
                "scope": row.extra["zone"], "scope_label": scope_label(row.extra["zone"], lang),
                "vendors": ", ".join(row.extra["vendors"]) or None, "documents": format_integer(row.documents, lang),
                "amount": money(main(row)), "share": share(main(row))} for row in summary.parents[:TOP]]
    suppliers = [{"name": row.name, "parent": row.extra["parent"],
                  "country": _country_text(catalog, row.extra["country"], lang),
                  "scope": row.extra["zone"], "scope_label": scope_label(row.extra["zone"], lang),
                  "documents": format_integer(row.documents, lang), "amount": money(main(row)),
                  "share": share(main(row))} for row in summary.vendors[:TOP]]
    unmatched = [{"name": row.name, "ids": row.extra["vat"] or row.extra["siren"],
                  "country": _country_text(catalog, row.extra["country"], lang),
                  "documents": format_integer(row.documents, lang), "amount": money(main(row)),
                  "seen_in": row.extra["seen_in"]} for row in summary.unmatched]
    notes = []
    if summary.other_currencies:
        notes.append(t("rspend.note.currencies", lang=lang, currency=currency,
                       count=format_integer(sum(summary.other_currencies.values()), lang),
                       others=", ".join(summary.other_currencies)))
    if summary.duplicates:
        notes.append(t("rspend.note.duplicates", lang=lang, count=format_integer(summary.duplicates, lang)))
    if summary.without_amount:
        notes.append(t("rspend.note.no_amount", lang=lang, count=format_integer(summary.without_amount, lang)))
    period = None
    if summary.first is not None:
        first, last = (_month_label(d.strftime("%Y-%m"), lang, long=True) for d in (summary.first, summary.last))
        period = first if first == last else t("rspend.period", lang=lang, first=first, last=last)
    figures = []
    if currency is not None:
        figures = [
            (money(summary.total), t("rspend.figure.total", lang=lang, period=period or "?")),
            (format_integer(summary.documents, lang), t("rspend.figure.documents", lang=lang)),
            (format_integer(len(summary.vendors), lang), t("rspend.figure.vendors", lang=lang)),
            (format_integer(len(summary.parents), lang), t("rspend.figure.parents", lang=lang)),
            (share(summary.zones["non-EU"]), t("rspend.figure.non_eu", lang=lang)),
        ]
    return {
        "has_data": currency is not None,
        "currency": currency,
        "figures": figures,
        "zones": zones,
        "total": money(summary.total) if currency else None,
        "parents": parents,
        "more_parents": t("rspend.other_parents", lang=lang, count=len(summary.parents) - TOP)
        if len(summary.parents) > TOP else None,
        "hhi_vendors": _hhi(summary.hhi_vendors, lang),
        "hhi_parents": _hhi(summary.hhi_parents, lang),
        "monthly_svg": Markup(monthly_svg(summary.monthly, currency, lang)) if summary.monthly else None,
        "suppliers": suppliers,
        "unmatched": unmatched,
        "notes": notes,
    }
