"""Our EN 16931 extraction gives the values factur-x gives, on every fixture; totals reconcile."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from spend_reference import differences

from emprise.spend.readers import read_bytes, read_paths
from emprise.spend.suppliers import normalise_vat, seller_ids, siren_or_siret

FIXTURES = Path(__file__).parents[1] / "fixtures" / "einvoices"
XML_FIXTURES = sorted(p for p in (FIXTURES / "official").rglob("*") if p.suffix.lower() == ".xml") + sorted(
    p for folder in ("cii", "ubl") for p in (FIXTURES / "it" / folder).glob("*.xml"))
PDF_FIXTURES = sorted(FIXTURES.rglob("*.pdf"))


def _reference(data: bytes) -> dict:
    import facturx

    return facturx.parse_ubl_cii_xml(data, check_xsd=False)


def _only_invoice(path: Path):
    items = read_bytes(path.read_bytes(), str(path))
    assert len(items) == 1
    assert not hasattr(items[0], "reason"), str(items[0])
    return items[0]


def test_fixture_set_is_complete():
    assert len(XML_FIXTURES) >= 18 + 16
    assert len(PDF_FIXTURES) == 9


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_xml_values_equal_factur_x(path):
    invoice = _only_invoice(path)
    assert differences(invoice, _reference(path.read_bytes())) == []


@pytest.mark.parametrize("path", PDF_FIXTURES, ids=lambda p: p.name)
def test_pdf_values_equal_factur_x(path):
    import facturx

    invoice = _only_invoice(path)
    _, xml = facturx.get_xml_from_pdf(path.read_bytes(), check_xsd=False, filenames=["*.xml"])
    assert xml
    assert differences(invoice, _reference(xml)) == []


@pytest.mark.parametrize("path", XML_FIXTURES + PDF_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lines_add_up_to_bt106(path):
    invoice = _only_invoice(path)
    if invoice.lines:
        assert sum(line.net_amount for line in invoice.lines) == invoice.line_total


def test_minimum_and_basic_wl_have_totals_but_no_lines():
    for name in ("factur-x-minimum.xml", "factur-x-basicwl.xml"):
        invoice = _only_invoice(FIXTURES / "official" / "akretion-factur-x" / name)
        assert invoice.lines == ()
        assert invoice.net_spend is not None and invoice.net_spend > 0


def test_attachment_name_is_not_trusted():
    # These two PDFs call their CII "zugferd-invoice.xml" and "xrechnung.xml".
    for name in ("scaleway-2026-01.pdf", "orange-2026-01.pdf"):
        invoice = _only_invoice(FIXTURES / "it" / "facturx" / name)
        assert invoice.syntax == "cii"
        assert invoice.lines


def test_credit_notes_net_out():
    for folder in ("cii", "ubl", "facturx"):
        outcome = read_paths([FIXTURES / "it" / folder], jobs=1)
        by_number = {inv.number: inv for inv in outcome.invoices}
        credit = by_number["AV-FR58412345"]
        assert credit.is_credit_note
        assert credit.net_spend == Decimal("-25.00")
        assert by_number["FR58412345"].net_spend + credit.net_spend == Decimal("288.37")
    ubl_credit = _only_invoice(FIXTURES / "official" / "en16931-ubl" / "ubl-tc434-creditnote1.xml")
    assert ubl_credit.syntax == "ubl-creditnote" and ubl_credit.net_spend < 0


def test_hand_made_invoice_terms():
    invoice = _only_invoice(FIXTURES / "it" / "ubl" / "microsoft-365-2026-01.xml")
    assert invoice.number == "E0600A1B2C"
    assert invoice.seller_name == "Microsoft Ireland Operations Ltd"
    assert invoice.seller_vat == "IE8256796U"
    assert invoice.process == "S1"
    assert str(invoice.period_start) == "2026-01-01" and str(invoice.period_end) == "2026-01-31"
    assert invoice.lines[0].name == "Microsoft 365 E3"
    assert invoice.lines[0].quantity == Decimal("250")
    assert invoice.total_with_vat == Decimal("8987.00")


def test_siret_under_siren_scheme_is_normalised():
    invoice = _only_invoice(FIXTURES / "it" / "cii" / "ovhcloud-2026-01.xml")
    assert invoice.seller_legal_id == "42476141900045" and invoice.seller_legal_id_scheme == "0002"
    ids = seller_ids(invoice)
    assert (ids.siren, ids.siret, ids.vat, ids.country) == ("424761419", "42476141900045", "FR22424761419", "FR")


def test_identifier_normalisation():
    assert siren_or_siret("424 761 419") == ("424761419", None)
    assert siren_or_siret("424761418") == (None, None)  # bad checksum
    assert normalise_vat("fr 22 424 761 419") == "FR22424761419"
    assert normalise_vat("FR00424761419") is None
    assert normalise_vat("EL094259216") == "EL094259216"


def test_greek_vat_prefix_means_greece():
    from emprise.spend.terms import Invoice

    ids = seller_ids(Invoice(file="x", syntax="cii", seller_vat="EL094259216"))
    assert ids.country == "GR"


@pytest.mark.parametrize("amount", ["1E+30", "1e400", "-2000000000000000"])
def test_amount_out_of_any_range_is_a_named_rejection(amount):
    # Decimal reads these, but no invoice holds them and rounding them would fail later.
    data = (FIXTURES / "it" / "ubl" / "scaleway-2026-01.xml").read_bytes()
    data = data.replace(b">602.93</cbc:PayableAmount>", b">" + amount.encode() + b"</cbc:PayableAmount>")
    [item] = read_bytes(data, "big.xml")
    assert "out of range" in item.reason
