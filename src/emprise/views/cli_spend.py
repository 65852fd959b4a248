"""``emprise spend PATH… [--format table|json|csv|xlsx] [--import]``: IT spend from e-invoices and FECs.

Reads Factur-X PDFs, UBL and CII XML, FEC files, folders and zip archives of
them; prints spend per vendor, ultimate parent, country and zone, concentration,
monthly trend and categories; with ``--import``, records vendors, assets and
contracts in the store. Rejected documents go to stderr as ``FILE[:LINE]: reason``.
Exit status: 0 all read, 3 some documents rejected, 1 error (store, rates file).
"""

from __future__ import annotations

import csv
import enum
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from emprise.i18n import messages, t

MESSAGES = messages({
    "spend.help": {"en": "IT spend from e-invoices (Factur-X, UBL, CII) and FEC files: per vendor, ultimate "
                         "parent, country; concentration; monthly trend. --import records it in the store.",
                   "fr": "Dépenses IT depuis les factures électroniques (Factur-X, UBL, CII) et les FEC : par "
                         "fournisseur, maison mère ultime, pays ; concentration ; tendance mensuelle. --import "
                         "les enregistre dans le référentiel."},
    "spend.opt.paths": {"en": "Invoices, FEC files, folders or zip archives.",
                        "fr": "Factures, FEC, dossiers ou archives zip."},
    "spend.opt.format": {"en": "table, json, csv or xlsx.", "fr": "table, json, csv ou xlsx."},
    "spend.opt.import": {"en": "Record vendors, assets and contracts in the store.",
                         "fr": "Enregistrer fournisseurs, actifs et contrats dans le référentiel."},
    "spend.opt.rates": {"en": "Exchange rates file to convert currencies (JSON or CSV).",
                        "fr": "Fichier de taux de change pour convertir les devises (JSON ou CSV)."},
    "spend.opt.out": {"en": "File to write (xlsx: required; others: default stdout).",
                      "fr": "Fichier à écrire (xlsx : obligatoire ; autres : sortie standard par défaut)."},
    "spend.opt.jobs": {"en": "Processes reading the invoices (default: all cores).",
                       "fr": "Processus lisant les factures (par défaut : tous les cœurs)."},
    "spend.out_required": {"en": "--format xlsx needs --out FILE.xlsx", "fr": "--format xlsx exige --out FICHIER.xlsx"},
    "spend.vendors": {"en": "Spend per vendor", "fr": "Dépenses par fournisseur"},
    "spend.parents": {"en": "Spend per ultimate parent", "fr": "Dépenses par maison mère ultime"},
    "spend.zones": {"en": "Spend per jurisdiction", "fr": "Dépenses par juridiction"},
    "spend.countries": {"en": "Spend per country", "fr": "Dépenses par pays"},
    "spend.categories": {"en": "Spend per category", "fr": "Dépenses par catégorie"},
    "spend.monthly": {"en": "Monthly trend", "fr": "Tendance mensuelle"},
    "spend.unmatched": {"en": "Suppliers not in the catalog (to curate)",
                        "fr": "Fournisseurs absents du catalogue (à qualifier)"},
    "spend.col.name": {"en": "Name", "fr": "Nom"},
    "spend.col.parent": {"en": "Ultimate parent", "fr": "Maison mère ultime"},
    "spend.col.country": {"en": "Country", "fr": "Pays"},
    "spend.col.zone": {"en": "Zone", "fr": "Zone"},
    "spend.col.documents": {"en": "Documents", "fr": "Pièces"},
    "spend.col.amount": {"en": "Net amount", "fr": "Montant HT"},
    "spend.col.share": {"en": "Share", "fr": "Part"},
    "spend.col.ids": {"en": "VAT / SIREN", "fr": "TVA / SIREN"},
    "spend.summary": {"en": "{invoices} documents read, {rejected} rejected · total {total} · concentration "
                            "(HHI) vendors {hhi_vendors}, ultimate parents {hhi_parents}",
                      "fr": "{invoices} pièces lues, {rejected} rejetées · total {total} · concentration "
                            "(IHH) fournisseurs {hhi_vendors}, maisons mères {hhi_parents}"},
    "spend.imported": {"en": "{file}: {status} ({records} invoices, {rejected} rejected)",
                       "fr": "{file} : {status} ({records} factures, {rejected} rejetées)"},
    "spend.none": {"en": "no invoice found", "fr": "aucune facture trouvée"},
    "spend.unknown": {"en": "unknown", "fr": "inconnu"},
})


class SpendFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def register(app: typer.Typer) -> None:
    """Mount ``emprise spend`` on the main command."""
    from emprise.views.cli import handles_errors

    app.command("spend", help=MESSAGES["spend.help"]["en"] + "\n\n" + MESSAGES["spend.help"]["fr"])(
        handles_errors(spend_command))


def spend_command(
    paths: Annotated[list[Path], typer.Argument(help=MESSAGES["spend.opt.paths"]["en"])],
    format: Annotated[SpendFormat, typer.Option("--format", "-f", help=MESSAGES["spend.opt.format"]["en"])]
    = SpendFormat.table,
    do_import: Annotated[bool, typer.Option("--import", help=MESSAGES["spend.opt.import"]["en"])] = False,
    rates: Annotated[Optional[Path], typer.Option("--rates", help=MESSAGES["spend.opt.rates"]["en"])] = None,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help=MESSAGES["spend.opt.out"]["en"])] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help=MESSAGES["spend.opt.jobs"]["en"])]
    = None,
) -> None:
    from emprise.spend.analysis import analyse, load_rates
    from emprise.spend.readers import read_paths
    from emprise.views.cli import ExitCode, _catalog, _store, err_console

    if format is SpendFormat.xlsx and out is None:
        err_console.print(f"emprise: {t('spend.out_required')}", markup=False)
        raise typer.Exit(ExitCode.USAGE)
    exchange = load_rates(rates) if rates is not None else None
    catalog = _catalog()
    outcome = read_paths(paths, jobs=jobs, catalog=catalog)
    for rejection in outcome.rejections:
        err_console.print(str(rejection), markup=False, soft_wrap=True)
    spend = analyse(outcome.invoices, catalog, exchange, views=outcome.views)
    for note in spend.notes:
        err_console.print(note, markup=False, soft_wrap=True)
    failed = False
    if do_import:
        from emprise.spend.records import group_by_input, import_views

        store = _store()
        for path, (views, rejected) in sorted(group_by_input(spend.invoices, outcome.rejections,
                                                             outcome.inputs).items()):
            result = import_views(store, catalog, Path(path), views, rejected)
            if result.error:
                failed = True
                err_console.print(f"emprise: {result.error}", markup=False)
            else:
                err_console.print(t("spend.imported", file=result.file, status=result.status,
                                    records=result.records, rejected=result.rejected), markup=False)
    if format is SpendFormat.json:
        _write(out, json.dumps(spend_json(spend, outcome.rejections), ensure_ascii=False, indent=1) + "\n")
    elif format is SpendFormat.csv:
        _write(out, spend_csv(spend))
    elif format is SpendFormat.xlsx:
        write_xlsx(spend, outcome.rejections, out)
    else:
        print_tables(spend, len(outcome.rejections))
    if failed:
        raise typer.Exit(ExitCode.ERROR)
    raise typer.Exit(ExitCode.REJECTED if outcome.rejections else ExitCode.OK)


def _write(out: Optional[Path], text: str) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


# -- shapes shared by json, csv, xlsx -------------------------------------------------
def _amounts(amounts) -> dict[str, str]:
    from emprise.spend.analysis import money

    return {currency: money(value) for currency, value in amounts.items()}


def invoice_json(view) -> dict:
    """One invoice: file, its terms under BT ids, lines (with category), vendor, parent, country."""
    from emprise.spend.analysis import money
    from emprise.spend.terms import terms_json

    out = {"file": view.invoice.file}
    if view.invoice.line_number is not None:
        out["line"] = view.invoice.line_number
    out["syntax"] = view.invoice.syntax
    out.update(terms_json(view.invoice))
    for line_out, (category, basis) in zip(out["lines"], view.line_categories):
        line_out["category"] = category
        line_out["category_basis"] = basis
    net = view.invoice.net_spend
    out.update({
        "credit_note": view.invoice.is_credit_note,
        "net_spend": None if net is None else money(net),
        "seller": {"vat": view.ids.vat, "siren": view.ids.siren, "siret": view.ids.siret,
                   "country": view.ids.country},
        "vendor": view.match.vendor_id,
        "vendor_name": view.vendor_name,
        "match": {"method": view.match.method, "confidence": view.match.confidence},
        "ultimate_parent": view.ultimate_parent,
        "country": view.country,
        "zone": view.zone,
        "lines_reconcile": view.reconciles,
    })
    return out


def _row_json(row, key_name: str = "key") -> dict:
    out = {key_name: row.key, "name": row.name, "documents": row.documents, "amounts": _amounts(row.amounts),
           "share": None if row.share is None else str(row.share)}
    out.update(row.extra)
    return out


def spend_json(spend, rejections) -> dict:
    """The whole result as JSON-ready data (amounts as strings, ISO dates)."""
    return {
        "invoices": [invoice_json(view) for view in spend.invoices],
        "vendors": [dict(_row_json(row), vendor=row.extra.get("vendor")) for row in spend.vendors],
        "ultimate_parents": [_row_json(row) for row in spend.parents],
        "countries": [_row_json(row) for row in spend.countries],
        "zones": [_row_json(row) for row in spend.zones],
        "categories": [_row_json(row) for row in spend.categories],
        "monthly": [_row_json(row, "month") for row in spend.monthly],
        "currency": spend.currency,
        "converted": spend.converted,
        "totals": _amounts(spend.totals),
        "hhi": {"vendors": _int(spend.hhi_vendors), "ultimate_parents": _int(spend.hhi_parents)},
        "unmatched_suppliers": [_row_json(row) for row in spend.unmatched],
        "rejections": [{"file": r.locator.file, "line": r.locator.line, "reason": r.reason} for r in rejections],
        "notes": spend.notes,
    }


def _int(value):
    return None if value is None else int(value)


CSV_COLUMNS = ("file", "line", "BT-1", "BT-2", "BT-3", "BT-5", "BT-27", "BT-31", "BT-40", "BT-73", "BT-74",
               "BT-109", "BT-110", "BT-112", "net_spend", "vendor", "vendor_name", "match", "confidence",
               "ultimate_parent", "country", "zone", "categories")


def _csv_rows(spend):
    for view in spend.invoices:
        data = invoice_json(view)
        categories = sorted({c or "unclassified" for c, _ in view.line_categories}) or ["unclassified"]
        yield [data.get("file"), data.get("line"), *(data.get(bt) for bt in CSV_COLUMNS[2:13]),
               data["net_spend"], data["vendor"], data["vendor_name"], data["match"]["method"],
               data["match"]["confidence"], data["ultimate_parent"], data["country"], data["zone"],
               " ".join(categories)]


def spend_csv(spend) -> str:
    """One row per invoice (UTF-8, comma-separated)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(spend):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def write_xlsx(spend, rejections, out: Path) -> None:
    """A workbook: invoices, lines, and one sheet per summary."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "invoices"
    sheet.append(CSV_COLUMNS)
    for row in _csv_rows(spend):
        sheet.append(row)
    lines = book.create_sheet("lines")
    lines.append(("file", "BT-126", "BT-153", "BT-154", "BT-129", "BT-130", "BT-131", "BT-134", "BT-135",
                  "category", "basis"))
    for view in spend.invoices:
        for line, (category, basis) in zip(view.invoice.lines, view.line_categories):
            lines.append((view.invoice.file, line.line_id, line.name, line.description,
                          None if line.quantity is None else str(line.quantity), line.unit,
                          None if line.net_amount is None else str(line.net_amount),
                          line.period_start, line.period_end, category, basis))
    for title, rows in (("vendors", spend.vendors), ("ultimate_parents", spend.parents),
                        ("countries", spend.countries), ("zones", spend.zones),
                        ("categories", spend.categories), ("monthly", spend.monthly),
                        ("unmatched", spend.unmatched)):
        sheet = book.create_sheet(title)
        currencies = sorted({c for row in rows for c in row.amounts})
        sheet.append(("key", "name", "documents", *currencies, "share"))
        for row in rows:
            sheet.append((row.key, row.name, row.documents, *(float(row.amounts.get(c, 0)) for c in currencies),
                          None if row.share is None else float(row.share)))
    sheet = book.create_sheet("rejections")
    sheet.append(("file", "line", "reason"))
    for rejection in rejections:
        sheet.append((rejection.locator.file, rejection.locator.line, rejection.reason))
    book.save(out)


# -- table ---------------------------------------------------------------------------
def _amount_text(amounts) -> str:
    from emprise.spend.analysis import money

    return "; ".join(f"{money(v)} {c}" for c, v in amounts.items()) or "—"


def _share(value) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def print_tables(spend, rejected: int) -> None:
    from rich.table import Table

    from emprise.views.cli import console

    unknown = t("spend.unknown")
    if not spend.invoices:
        console.print(t("spend.none"))
        return
    table = Table(title=t("spend.vendors"))
    for column in ("spend.col.name", "spend.col.parent", "spend.col.country", "spend.col.zone",
                   "spend.col.documents", "spend.col.amount", "spend.col.share"):
        table.add_column(t(column), justify="right" if column in (
            "spend.col.documents", "spend.col.amount", "spend.col.share") else "left")
    for row in spend.vendors:
        table.add_row(row.name, row.extra.get("ultimate_parent") or unknown, row.extra.get("country") or unknown,
                      row.extra.get("zone"), str(row.documents), _amount_text(row.amounts), _share(row.share))
    console.print(table)
    for title, rows in (("spend.parents", spend.parents), ("spend.zones", spend.zones),
                        ("spend.categories", spend.categories), ("spend.monthly", spend.monthly)):
        table = Table(title=t(title))
        for column in ("spend.col.name", "spend.col.documents", "spend.col.amount", "spend.col.share"):
            table.add_column(t(column), justify="left" if column == "spend.col.name" else "right")
        for row in rows:
            table.add_row(row.name, str(row.documents), _amount_text(row.amounts), _share(row.share))
        console.print(table)
    if spend.unmatched:
        table = Table(title=t("spend.unmatched"))
        for column in ("spend.col.name", "spend.col.ids", "spend.col.country", "spend.col.amount"):
            table.add_column(t(column))
        for row in spend.unmatched:
            ids = row.extra.get("vat") or row.extra.get("siren") or "—"
            table.add_row(row.name, ids, row.extra.get("country") or unknown, _amount_text(row.amounts))
        console.print(table)
    hhi = {k: unknown if v is None else str(int(v)) for k, v in
           (("hhi_vendors", spend.hhi_vendors), ("hhi_parents", spend.hhi_parents))}
    console.print(t("spend.summary", invoices=len(spend.invoices), rejected=rejected,
                    total=_amount_text(spend.totals), **hhi), markup=False)
