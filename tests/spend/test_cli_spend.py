"""``emprise spend``: output contracts, exit codes, and --import into SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.model import NodeType, Ref
from emprise.views.cli import app

FIXTURES = Path(__file__).parents[1] / "fixtures" / "einvoices"
IT = FIXTURES / "it"


def _run(*args: str, db: str | None = None):
    runner = CliRunner()
    prefix = ["--db", db] if db else []
    return runner.invoke(app, [*prefix, "--lang", "en", "spend", *args])


def test_json_contract():
    result = _run(str(IT / "ubl"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    invoice = next(i for i in data["invoices"] if i["BT-1"] == "E0600A1B2C")
    assert invoice["file"].endswith("microsoft-365-2026-01.xml")
    assert invoice["BT-2"] == "2026-01-31" and invoice["BT-5"] == "EUR"
    assert invoice["BT-112"] == "8987.00" and invoice["BT-109"] == "8987.00"
    assert invoice["BT-27"] == "Microsoft Ireland Operations Ltd" and invoice["BT-31"] == "IE8256796U"
    assert invoice["lines"][0]["BT-153"] == "Microsoft 365 E3"
    assert invoice["lines"][0]["BT-131"] == "8425.00" and invoice["lines"][0]["category"] == "saas"
    # The invoicing entity is the Irish subsidiary; control (and the law that reaches it) is the group's.
    assert invoice["vendor"] == "microsoft-ireland-operations" and invoice["ultimate_parent"] == "microsoft"
    assert invoice["country"] == "US" and invoice["zone"] == "non-EU"
    ovh = next(i for i in data["invoices"] if i["BT-1"] == "FR58412345")
    assert ovh["vendor"] == "ovhcloud" and ovh["match"] == {"method": "vat", "confidence": 1.0}
    assert {line["category"] for line in ovh["lines"]} == {"cloud"}
    vendors = {v["vendor"]: v for v in data["vendors"]}
    assert vendors["ovhcloud"]["amounts"] == {"EUR": "288.37"}  # 313.37 invoice - 25.00 credit note
    assert vendors["microsoft-ireland-operations"]["documents"] == 2
    assert [u["name"] for u in data["unmatched_suppliers"]] == ["Numérik Intégration SAS"]
    assert 0 < data["hhi"]["vendors"] <= 10000
    assert [m["month"] for m in data["monthly"]] == ["2026-01", "2026-02"]


def test_same_totals_from_the_three_formats():
    totals = set()
    for folder in ("cii", "ubl", "facturx"):
        data = json.loads(_run(str(IT / folder), "--format", "json").stdout)
        totals.add(json.dumps(data["totals"]))
    assert totals == {json.dumps({"EUR": "124823.31"})}


def test_fec_alone_and_with_its_einvoices():
    fec = json.loads(_run(str(IT / "fec"), "--format", "json").stdout)
    assert fec["totals"] == {"EUR": "148413.31"}
    both = json.loads(_run(str(IT / "cii"), str(IT / "fec"), "--format", "json").stdout)
    assert both["totals"] == {"EUR": "148413.31"}  # a purchase seen twice counts once
    assert any("already counted from its e-invoice" in note for note in both["notes"])


def test_csv_and_table_and_rejection_exit_code(tmp_path):
    result = _run(str(IT / "cii"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 and {"BT-1", "vendor", "ultimate_parent", "country"} <= set(rows[0])
    (tmp_path / "bad.xml").write_text("<not-an-invoice/>")
    result = _run(str(IT / "cii" / "orange-2026-01.xml"), str(tmp_path / "bad.xml"))
    assert result.exit_code == 3
    assert "bad.xml: root element 'not-an-invoice'" in result.output
    assert "Spend per vendor" in result.output


def test_xlsx(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "spend.xlsx"
    result = _run(str(IT / "ubl"), "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert {"invoices", "lines", "vendors", "ultimate_parents", "zones", "monthly"} <= set(book.sheetnames)
    assert book["invoices"].max_row == 9


def test_rates_convert(tmp_path):
    rates = tmp_path / "rates.csv"
    rates.write_text("base,USD\nEUR,1.10\n")
    data = json.loads(_run(str(IT / "ubl" / "orange-2026-01.xml"), "--format", "json", "--rates", str(rates)).stdout)
    assert data["totals"] == {"USD": "3355.00"} and data["converted"] is True


def test_import_is_transactional_and_idempotent(store_url, tmp_path):
    from emprise.store import Store

    result = _run(str(IT / "ubl"), str(IT / "fec"), "--import", "--format", "json", db=store_url)
    assert result.exit_code == 0, result.output
    store = Store.open(store_url)
    try:
        counts = store.counts()
        assert counts["assets"] > 5 and counts["vendors"] >= 8 and counts["contracts"] > 5
        keys = set(store.keys("asset"))
        assert "ovhcloud.cloud" in keys
        assert set(store.keys("vendor")) >= {"microsoft-ireland-operations", "ovhcloud", "scaleway",
                                             "salesforce", "orange"}
        snapshot = store.snapshot()
        contract = snapshot.nodes[Ref(NodeType.CONTRACT, "salesforce-sales-cloud.contract")]
        assert str(contract.start) == "2026-02-01" and str(contract.end) == "2027-01-31"
        assert contract.annual_cost == Decimal("79200.00")  # a one-year period: its cost is annual
        provenance = snapshot.provenance_of(Ref(NodeType.CONTRACT, "salesforce-sales-cloud.contract"))
        assert any(p.file.endswith("salesforce-2026.xml") for p in provenance)
        assert not snapshot.nodes[Ref(NodeType.ASSET, "ovhcloud.cloud")].declared
        imports_before = len(store.imports())
    finally:
        store.close()
    again = _run(str(IT / "ubl"), str(IT / "fec"), "--import", db=store_url)
    assert again.exit_code == 0
    assert "unchanged" in again.output
    store = Store.open(store_url)
    try:
        assert len(store.imports()) == imports_before
        assert store.counts() == counts
    finally:
        store.close()
