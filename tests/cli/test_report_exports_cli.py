"""``emprise plan``, ``emprise report --format xlsx|pdf`` and ``emprise demo`` on the demo
organisation (plan and XLSX on SQLite and PostgreSQL; the PDF, slow, once)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from emprise.views.cli import app

SECTIONS = ('id="summary"', 'id="sovereignty"', 'id="risks"', 'id="renewals"', 'id="cutoffs"', 'id="plan"')


@pytest.mark.slow
def test_plan_and_xlsx_on_the_demo(demo, tmp_path):
    import openpyxl

    result = demo("plan", "--format", "json")
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["target"] == {"min_seal": "SEAL-2", "min_criticality": 3}
    moves = [m for w in plan["waves"] for m in w["moves"]]
    assert moves and all(m["criticality"] >= 3 and m["seal"] in ("SEAL-0", "SEAL-1") for m in moves)
    assert [w["wave"] for w in plan["waves"]] == list(range(1, len(plan["waves"]) + 1))
    wave_of = {m["asset"]: w["wave"] for w in plan["waves"] for m in w["moves"]}
    for w in plan["waves"]:
        for m in w["moves"]:
            assert all(wave_of[a] < w["wave"] for a in m["after"]), m  # what it needs moves first
    assert {m["effort"] for m in moves} <= {"S", "M", "L", "XL"}
    table = demo("plan", "--min-seal", "3", "--min-criticality", "4")
    assert table.exit_code == 0 and "Wave 1" in table.stdout
    assert demo("plan", "--min-seal", "9").exit_code == 1

    out = tmp_path / "demo.xlsx"
    result = demo("report", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["assets", "capabilities", "renewals", "simulation"]
    assets = list(book["assets"].iter_rows(values_only=True))
    assert len(assets) > 150
    header = assets[0]
    assert all(row[header.index("seal")].startswith("SEAL-") for row in assets[1:])
    simulation = list(book["simulation"].iter_rows(values_only=True))
    assert len(simulation) == 4  # header + the three biggest ultimate parents


@pytest.mark.slow
def test_demo_command_report_sections_and_pdf(tmp_path):
    import pypdfium2 as pdfium

    runner = CliRunner()
    db, html = tmp_path / "demo.db", tmp_path / "demo.html"
    result = runner.invoke(app, ["--db", str(db), "--lang", "fr", "demo", "--out", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in text, section
    assert "Synthèse pour la direction" in text and "Radar SOV" in text

    pdf = tmp_path / "demo.pdf"
    result = runner.invoke(app, ["--db", str(db), "--lang", "en", "report", "--format", "pdf", "--out", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    document = pdfium.PdfDocument(str(pdf))
    non_blank = 0
    for index in range(min(len(document), 6)):
        image = document[index].render(scale=0.5).to_pil().convert("L")
        darkest, _ = image.getextrema()
        inked = sum(count for value, count in enumerate(image.histogram()) if value < 200)
        if darkest < 100 and inked > 500:
            non_blank += 1
    assert non_blank >= 2
