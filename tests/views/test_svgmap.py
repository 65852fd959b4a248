"""The dependency map: valid SVG, the expected boxes and bands, escaping, and aggregation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal

import pytest

from emprise.analyses.inventory import SCOPES, UNKNOWN, AssetRow, CapabilityView, Fact, Overview
from emprise.model import Asset, NodeType, Provenance, Ref
from emprise.views.svgmap import MAX_PARENTS, SCOPE_COLOURS, dependency_map_svg

SVG = "{http://www.w3.org/2000/svg}"
HERE = (Provenance(import_id=1, file="inv.csv", locator="inv.csv:2", content_hash="h",
                   observed_at="2026-11-02T09:30:00"),)
COUNTRIES = {"FR": ("France", "FR"), "DE": ("Germany", "EU"), "US": ("United States", "non-EU")}


def row(name: str, parent: str | None, country: str | None) -> AssetRow:
    country_name, scope = COUNTRIES[country] if country else (None, "unknown")
    return AssetRow(
        ref=Ref(NodeType.ASSET, name.lower()), asset=Asset(key=name.lower(), name=name),
        product=Fact(name, HERE), vendor=Fact(parent, HERE) if parent else UNKNOWN,
        ultimate_parent=Fact(parent, HERE) if parent else UNKNOWN,
        country=Fact(country, HERE) if country else UNKNOWN, country_name=country_name,
        scope=scope, hosting=(), annual_cost=None, currency=None, provenance=HERE,
    )


def overview(groups: list[tuple[str | None, int | None, list[AssetRow]]]) -> Overview:
    views = tuple(CapabilityView(Ref(NodeType.CAPABILITY, name.lower()) if name else None, name,
                                 criticality, tuple(rows)) for name, criticality, rows in groups)
    rows = list({r.ref: r for view in views for r in view.assets}.values())
    by_scope = Counter(r.scope for r in rows)
    return Overview(capabilities=views, assets=tuple(rows), counts={"asset": len(rows)},
                    assets_by_scope={s: by_scope[s] for s in SCOPES},
                    spend_by_scope={s: Decimal(0) for s in SCOPES}, spend_currency=None,
                    top_parents=())


@pytest.fixture
def small() -> Overview:
    exchange = row("Exchange Online", "Microsoft Corporation", "US")
    return overview([
        ("Messagerie", 3, [exchange]),
        ("Finances", 4, [row("e.magnus", "Berger-Levrault", "FR"),
                         row("Concur", "SAP SE", "DE"),
                         row("Excel", "Microsoft Corporation", "US"),
                         row("Power BI", "Microsoft Corporation", "US"),
                         row("PostgreSQL", None, None)]),
        (None, None, [row("ChatGPT", "OpenAI", None), exchange]),
    ])


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def labels(root: ET.Element) -> list[str]:
    return [text.text for text in root.iter(f"{SVG}text")]


def tooltips(root: ET.Element) -> list[str]:
    return [title.text for title in root.iter(f"{SVG}title")]


def test_valid_svg_with_a_box_per_capability_parent_and_country(small):
    root = parse(dependency_map_svg(small, lang="en"))
    assert root.get("viewBox").startswith("0 0 ")
    found = labels(root)
    for expected in ("Business capabilities", "Ultimate parents", "Countries (applicable law)",
                     "Messagerie", "Finances", "No declared capability",
                     "Microsoft Corporation", "Berger-Levrault", "SAP SE", "OpenAI",
                     "Ultimate parent unknown", "France (FR)", "Germany (DE)",
                     "United States (US)", "Country unknown"):
        assert expected in found, expected
    # The jurisdiction is written, not only coloured.
    assert "Outside the EU · 3 assets" in found
    assert "France · 1 asset" in found
    assert "3 assets · US" in found  # Microsoft's box
    assert "criticality 4 · 5 assets" in found


def test_french_labels_and_legend(small):
    found = labels(parse(dependency_map_svg(small, lang="fr")))
    for expected in ("Capacités métier", "Sociétés mères ultimes", "Sans capacité métier déclarée",
                     "Société mère inconnue", "Pays inconnu", "Hors UE · 3 actifs",
                     "criticité 4 · 5 actifs", "France", "Autre pays de l'UE", "Hors UE", "Inconnu",
                     "Épaisseur des flux : nombre d'actifs. Tirets : inconnu."):
        assert expected in found, expected


def test_columns_follow_the_data_flow(small):
    root = parse(dependency_map_svg(small, lang="en"))
    x = {text.text: float(text.get("x")) for text in root.iter(f"{SVG}text")}
    assert x["Finances"] < x["Microsoft Corporation"] < x["United States (US)"]
    y = {text.text: float(text.get("y")) for text in root.iter(f"{SVG}text")}
    # capabilities keep the analysis's order; countries go France, EU, non-EU, unknown
    assert y["Messagerie"] < y["Finances"] < y["No declared capability"]
    assert y["France (FR)"] < y["Germany (DE)"] < y["United States (US)"] < y["Country unknown"]


def band_thickness(root: ET.Element) -> dict[str, float]:
    thickness = {}
    for path in root.iter(f"{SVG}path"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        # M x1,y1 C mx,y1 mx,y2 x2,y2 L x2,y2+t ...
        thickness[path.find(f"{SVG}title").text] = numbers[9] - numbers[7]
    return thickness


def test_band_thickness_is_the_number_of_assets(small):
    root = parse(dependency_map_svg(small, lang="en"))
    bands = band_thickness(root)
    two = bands["Finances → Microsoft Corporation: 2 assets"]
    one = bands["Finances → SAP SE: 1 asset"]
    assert two == pytest.approx(2 * one, abs=0.11)
    # Exchange serves two capabilities but is one asset going to the United States.
    assert bands["Microsoft Corporation → United States (US): 3 assets"] == pytest.approx(
        3 * one, abs=0.11)
    colours = {path.find(f"{SVG}title").text: path.get("fill") for path in root.iter(f"{SVG}path")}
    assert colours["Finances → SAP SE: 1 asset"] == SCOPE_COLOURS["EU"]
    assert colours["OpenAI → Country unknown: 1 asset"] == SCOPE_COLOURS["unknown"]


def test_unknown_boxes_are_dashed(small):
    root = parse(dependency_map_svg(small, lang="en"))
    dashed = []
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        text = group.find(f"{SVG}text")
        if rect is not None and text is not None and rect.get("stroke-dasharray"):
            dashed.append(text.text)
    assert sorted(dashed) == ["Country unknown", "No declared capability",
                              "Ultimate parent unknown"]


def test_names_are_escaped():
    evil = '<script>alert("x")</script> & Co'
    data = overview([("<b>Finances</b>", 4, [row("Outil", evil, "US")])])
    svg = dependency_map_svg(data, lang="en")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert "<b>Finances</b>" in labels(root)
    assert any(label.startswith('<script>alert("x")') for label in labels(root))


def test_long_names_are_cut_but_kept_whole_in_the_tooltip():
    name = "Société Anonyme des Logiciels Extraordinairement Longs et Bien Nommés"
    root = parse(dependency_map_svg(overview([("Finances", 4, [row("A", name, "FR")])]),
                                    lang="fr"))
    cut = [label for label in labels(root) if label.startswith("Société Anonyme")]
    assert len(cut) == 1 and cut[0].endswith("…") and len(cut[0]) < len(name)
    assert any(tip.startswith(name) for tip in tooltips(root))


def test_output_is_deterministic(small):
    assert dependency_map_svg(small, lang="fr") == dependency_map_svg(small, lang="fr")


def test_a_large_inventory_is_aggregated_readably():
    countries = ["US", "FR", "DE", None]
    capabilities = []
    for c in range(15):
        rows = [row(f"asset-{c}-{i}", f"Parent {(c * 10 + i) % 40:02d}",
                    countries[(c * 10 + i) % 40 % 4]) for i in range(10)]
        capabilities.append((f"Capacité {c:02d}", 1 + c % 4, rows))
    root = parse(dependency_map_svg(overview(capabilities), lang="en"))
    found = labels(root)
    parents = [label for label in found if label.startswith("Parent ")]
    assert len(parents) == MAX_PARENTS
    assert f"{40 - MAX_PARENTS} other parents" in found
    assert float(root.get("height")) < 1200
    first_column = sum(int(t.rsplit(": ", 1)[1].split()[0]) for t in tooltips(root)
                       if t.startswith("Capacité") and "→" in t)
    assert first_column == 150  # every asset flows out of its capability


def test_an_empty_overview_gives_a_message():
    root = parse(dependency_map_svg(overview([]), lang="fr"))
    assert "Aucun actif à représenter pour l'instant." in labels(root)


def test_capabilities_without_assets_are_left_out(small):
    data = overview([("Archivage", 2, []), *[(v.name, v.criticality, list(v.assets))
                                             for v in small.capabilities]])
    assert "Archivage" not in labels(parse(dependency_map_svg(data, lang="en")))
