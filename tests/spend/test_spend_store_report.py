"""Spend in the store (``spend_documents``), through ``spend --import`` and the generic ``emprise import``,
and the report's spend section built from it. Store tests run on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from emprise.catalog import load_catalog
from emprise.observations.importer import import_file
from emprise.observations.resolve import CatalogResolver
from emprise.spend.analysis import analyse
from emprise.spend.terms import Invoice
from emprise.views.cli import app
from emprise.views.report_spend import SpendDocument, read_documents, spend_context, summarise

FIXTURES = Path(__file__).parents[1] / "fixtures" / "einvoices"
IT = FIXTURES / "it"
FEC = IT / "fec" / "213700008FEC20261231.txt"


def _spend_import(store_url: str, *paths: Path):
    return CliRunner().invoke(app, ["--db", store_url, "--lang", "en", "spend", *map(str, paths), "--import"])


def _import(store, *paths: Path):
    resolver = CatalogResolver(load_catalog())
    files = [p for path in paths for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
    return [import_file(store, file, resolver=resolver) for file in files]


def test_spend_import_writes_one_document_per_invoice(store, store_url):
    result = _spend_import(store_url, IT / "ubl")
    assert result.exit_code == 0, result.output
    documents = read_documents(store)
    assert len(documents) == 8
    by_number = {d.number: d for d in documents}
    microsoft = by_number["E0600A1B2C"]
    assert microsoft.net_amount == Decimal("8987.00") and microsoft.currency == "EUR"
    assert microsoft.issue_date == date(2026, 1, 31) and microsoft.vendor_key == "microsoft-ireland-operations"
    assert microsoft.seller_vat == "IE8256796U" and microsoft.syntax == "ubl-invoice"
    assert by_number["AV-FR58412345"].net_amount == Decimal("-25.00")  # credit note
    assert microsoft.locator.endswith("microsoft-365-2026-01.xml")
    # Importing again changes nothing: same content hash, no second row.
    again = _spend_import(store_url, IT / "ubl")
    assert again.exit_code == 0 and "unchanged" in again.output
    assert len(read_documents(store)) == 8


def test_generic_import_detects_einvoices_and_lands_what_spend_import_lands(store, store_url, tmp_path):
    from emprise.store import Store

    results = _import(store, IT / "ubl", IT / "cii" / "scaleway-2026-01.xml",
                      IT / "facturx" / "orange-2026-01.pdf", FEC)
    assert [r.status for r in results] == ["imported"] * 11, [r.error for r in results]
    assert {r.source_format for r in results} == {"ubl-invoice", "cii-invoice", "facturx-pdf", "fec"}
    assert all(r.records_rejected == 0 for r in results)
    # The same files through `spend --import` into a second store give the same graph and rows.
    other = Store.open(str(tmp_path / "other.db"))
    try:
        paths = [*sorted((IT / "ubl").iterdir()), IT / "cii" / "scaleway-2026-01.xml",
                 IT / "facturx" / "orange-2026-01.pdf", FEC]
        assert _spend_import(str(tmp_path / "other.db"), *paths).exit_code == 0
        ours, theirs = store.snapshot(), other.snapshot()
        assert set(ours.nodes) == set(theirs.nodes) and set(ours.edges) == set(theirs.edges)

        def rows(s):
            return sorted((d.syntax, d.number, d.net_amount, d.vendor_key) for d in read_documents(s))

        assert rows(store) == rows(other)
        # A file imported one way is unchanged the other way (same content hash).
        assert _import(other, IT / "ubl" / "orange-2026-01.xml")[0].status == "unchanged"
    finally:
        other.close()
    assert _import(store, FEC)[0].status == "unchanged"
    assert len(read_documents(store)) == 8 + 1 + 1 + 10


def test_forced_format_that_the_content_contradicts_is_rejected(store):
    result = import_file(store, IT / "cii" / "orange-2026-01.xml", source_format="ubl-invoice")
    assert result.status == "imported" and result.records_ok == 0 and result.records_rejected == 1
    assert read_documents(store) == []


def test_report_section_from_the_store(store, store_url):
    assert _spend_import(store_url, IT / "ubl", FEC).exit_code == 0
    catalog = load_catalog()
    summary = summarise(read_documents(store), catalog)
    # Same totals as `emprise spend` on the same inputs (FEC pieces with an e-invoice count once).
    from emprise.spend.readers import read_paths

    outcome = read_paths([IT / "ubl", FEC], jobs=1)
    spend = analyse(outcome.invoices, catalog)
    assert summary.total == spend.totals["EUR"]
    assert summary.duplicates == sum("already counted from its e-invoice" in note for note in spend.notes) > 0
    parents = {row.key: row for row in summary.parents}
    assert parents["microsoft"].extra["vendors"] == ["Microsoft Ireland Operations"]
    assert summary.zones["non-EU"] > summary.zones["FR"] > 0
    assert summary.hhi_parents is not None and 0 < summary.hhi_parents <= 10_000
    assert [month for month, _ in summary.monthly] == ["2026-01", "2026-02"]
    assert [row.name for row in summary.unmatched] == ["Numérik Intégration SAS"]
    context = spend_context(store, catalog, lang="fr")
    assert context["has_data"] and context["monthly_svg"].startswith("<svg")
    assert "Microsoft" in {p["name"] for p in context["parents"]}


def test_report_renders_the_section_and_its_empty_state(store, store_url, tmp_path):
    from emprise.views.report_export import write_report_file

    catalog = load_catalog()
    when = datetime(2026, 11, 29, tzinfo=timezone.utc)
    empty = write_report_file(store, catalog, tmp_path / "empty.html", title="T", lang="en", generated_at=when)
    html = empty.read_text(encoding="utf-8")
    assert 'id="spend"' in html and "No invoice imported yet" in html
    assert _spend_import(store_url, IT / "cii").exit_code == 0
    full = write_report_file(store, catalog, tmp_path / "full.html", title="T", lang="fr", generated_at=when)
    html = full.read_text(encoding="utf-8")
    assert "Dépenses informatiques" in html and "Fournisseurs à qualifier" in html
    assert "Microsoft Ireland Operations" in html and "<svg" in html and "http://" not in html.split(
        'id="spend"')[1].split("</section>")[0].replace("http://www.w3.org/2000/svg", "")


def _document(number: str, vendor_key: str, amount: str, *, syntax: str = "cii", day=date(2026, 1, 5),
              currency: str = "EUR", seller_country: str | None = None) -> SpendDocument:
    return SpendDocument(locator=f"{number}.xml", syntax=syntax, number=number, issue_date=day, currency=currency,
                         net_amount=Decimal(amount), vendor_key=vendor_key, seller_name=vendor_key, seller_vat=None,
                         seller_siren=None, seller_country=seller_country, match_method="vat", import_id=1)


def test_summary_rules():
    catalog = load_catalog()
    documents = [
        _document("A1", "microsoft-ireland-operations", "100"),
        _document("A1", "microsoft-ireland-operations", "100"),  # same invoice, second file
        _document("A1", "microsoft-ireland-operations", "100", syntax="fec"),  # its FEC entry
        _document("B1", "microsoft", "300", day=date(2026, 3, 2)),
        _document("C1", "ovhcloud", "600"),
        _document("D1", "acme-unknown", "50", seller_country="DE"),
        _document("E1", "ovhcloud", "999", currency="USD"),
    ]
    summary = summarise(documents, catalog)
    assert summary.currency == "EUR" and summary.total == Decimal("1050") and summary.duplicates == 2
    assert summary.other_currencies == {"USD": 1}
    assert {row.key: row.amounts["EUR"] for row in summary.parents}["microsoft"] == Decimal("400")
    assert summary.zones == {"FR": Decimal("600"), "EU": Decimal("50"), "non-EU": Decimal("400"),
                             "unknown": Decimal("0")}
    assert summary.monthly == [("2026-01", Decimal("750")), ("2026-02", Decimal("0")), ("2026-03", Decimal("300"))]
    assert [row.key for row in summary.unmatched] == ["acme-unknown"]
    # HHI on parents: OVH 600, Microsoft 400, acme 50 of 1050.
    expected = sum((Decimal(a) * 100 / Decimal(1050)) ** 2 for a in (600, 400, 50))
    assert summary.hhi_parents == expected.quantize(Decimal(1))
    assert summarise([], catalog).currency is None


def test_subsidiary_matched_by_vat_counts_for_its_group(tmp_path):
    """VAT first (whatever the name says); the subsidiary is the vendor, the group the ultimate parent."""
    overlay = tmp_path / "org.yaml"
    overlay.write_text('source: "test"\nas_of: 2026-11-01\nvendors:\n'
                       '  - {id: globex-billing-ireland, name: "Globex Billing Ireland", country: IE, '
                       'parent: microsoft, vat: "IE1234567T"}\n', encoding="utf-8")
    catalog = load_catalog(overlay=overlay)
    invoices = [
        # The name would match another vendor: the VAT number decides.
        Invoice(file="a.xml", syntax="cii", number="1", seller_name="OVHcloud", seller_vat="IE1234567T",
                currency="EUR", total_without_vat=Decimal("100")),
        Invoice(file="b.xml", syntax="cii", number="2", seller_name="Microsoft Corporation", currency="EUR",
                total_without_vat=Decimal("300")),
    ]
    spend = analyse(invoices, catalog)
    first = spend.invoices[0]
    assert (first.match.vendor_id, first.match.method, first.match.confidence) == ("globex-billing-ireland", "vat", 1.0)
    assert first.ultimate_parent == "microsoft" and first.country == "US" and first.zone == "non-EU"
    assert [(row.key, row.amounts["EUR"]) for row in spend.parents] == [("microsoft", Decimal("400"))]
    assert {row.key for row in spend.vendors} == {"globex-billing-ireland", "microsoft"}


def test_cli_import_of_a_pdf_without_invoice_is_a_rejection(store_url, tmp_path):
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    result = CliRunner().invoke(app, ["--db", store_url, "--lang", "en", "import", str(broken),
                                      str(IT / "cii" / "orange-2026-01.xml")])
    assert result.exit_code == 3, result.output
    assert "scan.pdf" in result.output and "cii-invoice" in result.output


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([b"", b"%PDF-1.7\n", b"<?xml version='1.0'?>\n<",
                                                   b"\xff\xfe<\x00", b"JournalCode\tEcritureNum\tCompteNum\n"]))
def test_detection_never_raises(data, prefix):
    from emprise.sources import REGISTRY, source_class
    from emprise.sources.interface import Sample

    sample = Sample(Path("x"), prefix + data)
    for name in ("facturx-pdf", "ubl-invoice", "cii-invoice", "fec"):
        assert name in REGISTRY
        assert 0 <= source_class(name).detect(sample) <= 100
