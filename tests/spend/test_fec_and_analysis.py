"""FEC reading, supplier matching, categories, concentration; and a fuzz test of the readers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprise.model import Rejection
from emprise.spend.analysis import Row, hhi
from emprise.spend.categories import categorise
from emprise.spend.fec import parse_amount, read_fec
from emprise.spend.readers import read_bytes
from emprise.spend.terms import Classification, Invoice, Line

FEC = Path(__file__).parents[1] / "fixtures" / "einvoices" / "it" / "fec" / "213700008FEC20261231.txt"


def test_fec_purchases_credit_notes_and_payments():
    items = list(read_fec(FEC.read_bytes(), "fec.txt"))
    assert not [i for i in items if isinstance(i, Rejection)]
    by_number = {i.number: i for i in items}
    assert len(items) == 10  # 8 e-invoiced purchases + Zoom + Dell; the payment is not spend
    assert by_number["E0600A1B2C"].seller_name == "MICROSOFT IRELAND OPERATIONS LTD"
    assert by_number["E0600A1B2C"].net_spend == Decimal("8987.00")
    assert by_number["AV-FR58412345"].is_credit_note and by_number["AV-FR58412345"].net_spend == Decimal("-25.00")
    assert by_number["DELL-FR-55120"].total_with_vat == Decimal("25680.00")
    assert by_number["DELL-FR-55120"].lines[0].account == "2183"
    assert by_number["E0600A1B2C"].locator == "fec.txt:5"


def test_fec_pipe_separated_cp1252_with_bad_line():
    header = "|".join(["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
                       "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
                       "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"])
    rows = [
        "AC|Achats|1|20260105|6156|Maintenance|||F1|20260105|Maintenance baie|1 234,50|0,00|||||",
        "AC|Achats|1|20260105|401000|Fournisseurs|401X|Société Éditeur|F1|20260105|Facture F1|0,00|1 234,50|||||",
        "AC|Achats|2|20260106|6156|Maintenance|||F2|20260106|x|abc|0,00|||||",
        "AC|Achats|2|20260106|401000|Fournisseurs|401X|Société Éditeur|F2|20260106|x|0,00|1,00|||||",
        "AC|Achats|3|x|y|z|too|many|columns|a|b|c|d|e|f|g|h|i|j|k",
    ]
    data = ("\r\n".join([header, *rows]) + "\r\n").encode("cp1252")
    items = list(read_fec(data, "fec.txt"))
    invoices = [i for i in items if isinstance(i, Invoice)]
    rejections = [str(i) for i in items if isinstance(i, Rejection)]
    assert len(invoices) == 1 and invoices[0].seller_name == "Société Éditeur"
    assert invoices[0].net_spend == Decimal("1234.50")
    assert categorise(invoices[0].lines[0])[0] == "maintenance"
    assert any(r.startswith("fec.txt:6: ") and "columns" in r for r in rejections)
    assert any(r.startswith("fec.txt:4: entry AC/2") and "'abc' is not an amount" in r for r in rejections)


def test_parse_amount():
    assert parse_amount("1 234,56") == Decimal("1234.56")
    assert parse_amount("1.234,56") == Decimal("1234.56")
    assert parse_amount("-12.5") == Decimal("-12.5")
    assert parse_amount("") == Decimal(0)
    with pytest.raises(ValueError):
        parse_amount("douze")


@pytest.mark.parametrize("name, description, expected", [
    ("Microsoft 365 E3", "Abonnement mensuel par utilisateur", "saas"),
    ("Public Cloud - instance b3-16 (GRA11)", "Consommation horaire", "cloud"),
    ("Licence perpétuelle Oracle Database EE", None, "licence"),
    ("Support and maintenance renewal", None, "maintenance"),
    ("Lien fibre dédié 1 Gb/s", None, "telecom"),
    ("20 portables Latitude 5550", None, "hardware"),
    ("Prestation de conseil, 5 jours", None, "services"),
    ("Croissants", None, None),
])
def test_categories_from_text(name, description, expected):
    assert categorise(Line(name=name, description=description))[0] == expected


def test_category_from_bt158_wins():
    line = Line(name="Item", classifications=(Classification("48000000", "STI"),))
    assert categorise(line) == ("licence", "BT-158 STI 48000000")


def test_hhi():
    rows = [Row("a", "A", {"EUR": Decimal(50)}, 1), Row("b", "B", {"EUR": Decimal(50)}, 1)]
    assert hhi(rows, "EUR") == 5000
    assert hhi([Row("a", "A", {"EUR": Decimal(10)}, 1)], "EUR") == 10000
    assert hhi([], "EUR") is None


def test_matching_methods():
    from emprise.catalog import load_catalog
    from emprise.spend.suppliers import SellerIds, VendorMatcher

    matcher = VendorMatcher(load_catalog())
    assert matcher.match(SellerIds(vat="FR22424761419"), "Anything").method == "vat"
    assert matcher.match(SellerIds(siren="433115904"), None).vendor_id == "scaleway"
    by_name = matcher.match(SellerIds(), "OVH S.A.S.")
    assert (by_name.vendor_id, by_name.method) == ("ovhcloud", "name")
    subsidiary = matcher.match(SellerIds(), "Microsoft Ireland Operations Ltd")
    assert subsidiary.vendor_id == "microsoft-ireland-operations"
    assert load_catalog().ultimate_parent(subsidiary.vendor_id).id == "microsoft"
    assert matcher.match(SellerIds(), "Boulangerie Dupont et Fils").vendor_id is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: ("<?xml version='1.0'?><rsm:CrossIndustryInvoice xmlns:rsm="
                                         "'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100'>"
                                         + t).encode()),
    st.text(max_size=300).map(lambda t: ("JournalCode\tEcritureNum\tCompteNum\tEcritureDate\tCompteLib\t"
                                         "CompAuxLib\tPieceRef\tEcritureLib\tDebit\tCredit\n" + t).encode()),
    st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
))
def test_fuzz_only_invoices_or_rejections(data):
    for item in read_bytes(data, "fuzz.bin"):
        assert isinstance(item, (Invoice, Rejection))
        if isinstance(item, Rejection):
            assert item.locator.file == "fuzz.bin" and item.reason
