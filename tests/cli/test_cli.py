"""End-to-end: the ``emprise`` command on real fixtures, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.views.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures"
INVENTORY = FIXTURES / "inventory"


@pytest.fixture
def run(store_url):
    runner = CliRunner()

    def invoke(*args: str, lang: str = "en"):
        return runner.invoke(app, ["--db", store_url, "--lang", lang, *args])

    return invoke


def test_import_then_reimport_changes_nothing(run):
    first = run("import", str(INVENTORY / "fr_cp1252_semicolon.csv"))
    assert first.exit_code == 0, first.output
    assert "imported" in first.stdout and "inventory-csv" in first.stdout
    before = json.loads(run("ls", "assets", "--format", "json").stdout)
    second = run("import", str(INVENTORY / "fr_cp1252_semicolon.csv"))
    assert second.exit_code == 0
    assert "unchanged" in second.stdout
    after = json.loads(run("ls", "assets", "--format", "json").stdout)
    assert before == after
    assert len(after) == 4
    assert {row["name"] for row in after} >= {"Messagerie Exchange Online", "Paie Civil Net RH"}
    assert set(after[0]) >= {"id", "name", "kind", "vendor", "ultimate_parent", "country", "capabilities"}


def test_rejections_go_to_stderr_and_exit_3(run):
    result = run("import", str(INVENTORY / "negative_cost.csv"))
    assert result.exit_code == 3
    assert f"{INVENTORY / 'negative_cost.csv'}:3: annual_cost: negative amount" in result.stderr
    assert "Traceback" not in result.output
    assert len(json.loads(run("ls", "--format", "json").stdout)) == 2


def test_unreadable_input_exits_1_with_one_clear_line(run, tmp_path):
    missing = run("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1
    assert "nope.csv: no such file" in missing.stderr
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 10)
    unknown = run("import", str(garbage))
    assert unknown.exit_code == 1
    assert "format not recognised" in unknown.stderr
    assert "Traceback" not in unknown.output


def test_a_bad_format_option_lists_the_valid_ones(run):
    result = run("import", "--format", "excel97", str(INVENTORY / "fr_utf8_bom.csv"))
    assert result.exit_code == 1
    assert "inventory-csv" in result.stderr


def test_directory_import_mixes_exit_codes(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INVENTORY / "en_utf8_comma.csv", folder)
    shutil.copy(INVENTORY / "duplicate.csv", folder)
    result = run("import", str(folder))
    assert result.exit_code == 3
    assert "duplicate.csv:3: duplicate asset" in result.stderr


def test_show_cites_the_line_that_said_it(run):
    run("import", str(INVENTORY / "fr_cp1252_semicolon.csv"))
    result = run("show", "messagerie exchange online")
    assert result.exit_code == 0, result.output
    assert "fr_cp1252_semicolon.csv:2" in result.stdout
    assert "hosted_on" in result.stdout and "depends_on" in result.stdout
    missing = run("show", "Messagerie Exchang")
    assert missing.exit_code == 1
    assert "did you mean" in missing.stderr


def test_french_messages(run):
    result = run("import", str(INVENTORY / "negative_cost.csv"), lang="fr")
    assert "Bilan de l'import" in result.stdout and "importé" in result.stdout
    assert "Rejetés" in result.stdout


def test_exports_carry_nodes_edges_and_provenance(run, tmp_path):
    run("import", str(INVENTORY / "fr_cp1252_semicolon.csv"))
    document = json.loads(run("export", "--format", "json").stdout)
    ids = {node["id"] for node in document["nodes"]}
    assert "asset:messagerie-exchange-online" in ids
    edge = next(e for e in document["edges"] if e["kind"] == "depends_on")
    assert edge["provenance"][0]["locator"].endswith("fr_cp1252_semicolon.csv:2")

    out = tmp_path / "graph.graphml"
    assert run("export", "--format", "graphml", "--out", str(out)).exit_code == 0
    root = ET.parse(out).getroot()
    namespace = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", namespace)) == len(document["nodes"])
    assert len(root.findall(".//g:edge", namespace)) == len(document["edges"])

    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert sum(r["element"] == "node" for r in rows) == len(document["nodes"])
    assert sum(r["element"] == "edge" for r in rows) == len(document["edges"])


def test_report_is_written(run, tmp_path):
    run("import", str(INVENTORY / "fr_cp1252_semicolon.csv"))
    out = tmp_path / "r.html"
    result = run("report", "--out", str(out), "--lang", "fr")
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Messagerie Exchange Online" in html
    assert 'src="http' not in html and "url(http" not in html


def test_thousand_rows_and_ten_broken_through_the_command(run, tmp_path, store_url):
    """The bar end to end: 1,000 assets land, the 10 lines are named on stderr, exit 3."""
    from builders import thousand_and_ten

    from emprise.store import Store

    path = tmp_path / "inventaire.csv"
    expected = thousand_and_ten(path)
    result = run("import", str(path))
    assert result.exit_code == 3
    named = [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]
    assert sorted(int(line.split(":")[1]) for line in named) == sorted(expected)
    store = Store.open(store_url)
    assert store.counts()["assets"] == 1000
    assert store.counts()["rejections"] == 10
    store.close()


def test_the_organisation_overlay_applies_to_every_command(run, tmp_path, monkeypatch):
    overlay = FIXTURES / "catalog" / "overlay.yaml"
    inventory = tmp_path / "inv.csv"
    inventory.write_text("nom;fonction\nIntranet RH;Ressources humaines\n", encoding="utf-8")
    assert run("import", str(inventory)).exit_code == 0
    plain = json.loads(run("ls", "--format", "json").stdout)[0]
    assert plain["vendor"] is None  # the shipped catalog does not know an internal application
    with_overlay = json.loads(run("--overlay", str(overlay), "ls", "--format", "json").stdout)[0]
    assert (with_overlay["vendor"], with_overlay["country"]) == ("DSI interne", "FR")
    monkeypatch.setenv("EMPRISE_CATALOG_OVERLAY", str(overlay))
    from_env = json.loads(run("ls", "--format", "json").stdout)[0]
    assert from_env["vendor"] == "DSI interne"
