"""Sovereignty scores on the hand-made graph: factors, unknowns, SEAL rule, settings."""

from __future__ import annotations

import pytest
from cutoff_graphs import cutoff_graph

from emprise.analyses.sovereignty import (OBJECTIVES, ScoringConfig, ScoringError, assess,
                                          DEFAULT_SETTINGS)
from emprise.catalog import load_catalog
from emprise.model import NodeType, Ref


@pytest.fixture(scope="module")
def graph():
    return cutoff_graph()


def _factor(assessment, name):
    return next(f for f in assessment.factors if f.name == name)


def test_a_french_saas_on_a_us_cloud_inherits_the_us_exposure(graph, catalog):
    result = assess(graph, catalog, Ref(NodeType.ASSET, "a"))
    assert _factor(result, "legal.vendor_jurisdiction").score == 4
    hosting = _factor(result, "supply.hosting")
    assert hosting.score == 0
    assert "Test Cloud" in hosting.value and "US" in hosting.value
    assert "fixture.yaml:" in hosting.source  # the hosted_on edge's import record
    assert "us-cloud-act" in hosting.reason("en")
    assert _factor(result, "data.operator").score == 0  # BigCo runs the storage
    assert set(result.sov) == set(OBJECTIVES)
    assert result.seal == 0  # the weakest objective caps the level


def test_unknown_facts_stay_unknown(graph, catalog):
    result = assess(graph, catalog, Ref(NodeType.ASSET, "orphan"))
    assert all(not f.known and f.score is None and f.source == "unknown" for f in result.factors)
    assert all(score is None for score in result.sov.values())
    assert result.score == 0 and result.seal == 0 and result.coverage == 0
    assert "inconnu" in result.factors[0].reason("fr")


def test_every_known_factor_cites_a_source(graph, catalog):
    for asset in graph.nodes(NodeType.ASSET):
        for factor in assess(graph, catalog, asset).factors:
            assert factor.known == bool(factor.sources), factor


def test_secnumcloud_checklist_says_false_only_when_known(graph, catalog):
    checklist = {c.item: c for c in assess(graph, catalog, Ref(NodeType.ASSET, "b")).secnumcloud}
    assert checklist["eu_registered_office"].status == "true"  # SubCo is French
    assert checklist["non_eu_holders"].status == "false"  # controlled by BigCo (US)
    assert checklist["qualification"].status == "unknown"  # never guessed
    assert "BigCo" in checklist["non_eu_holders"].reason("en")


def test_weights_come_from_the_settings_file(graph, catalog, tmp_path):
    text = DEFAULT_SETTINGS.read_text(encoding="utf-8")
    only_legal = text.replace("  SOV-1: 15", "  SOV-1: 0").replace("  SOV-3: 10", "  SOV-3: 0") \
        .replace("  SOV-4: 15", "  SOV-4: 0").replace("  SOV-5: 20", "  SOV-5: 0") \
        .replace("  SOV-6: 15", "  SOV-6: 0").replace("  SOV-7: 10", "  SOV-7: 0").replace("  SOV-8: 5", "  SOV-8: 0")
    path = tmp_path / "legal.yaml"
    path.write_text(only_legal, encoding="utf-8")
    result = assess(graph, catalog, Ref(NodeType.ASSET, "a"), ScoringConfig.load(path))
    assert result.score == 100.0  # FrCo is French: SOV-2 = 4, the only weight


@pytest.mark.parametrize("change, message", [
    (("  SOV-2: 10", "  SOV-2: -1"), "weights.SOV-2"),
    (("rule: weakest", "rule: loudest"), "seal.rule"),
    (("  listed: 2\n", "  listed: 9\n"), "ownership.listed"),
    (("weights:", "wheights:"), "keys missing"),
])
def test_bad_settings_are_refused_with_the_key(tmp_path, change, message):
    path = tmp_path / "bad.yaml"
    path.write_text(DEFAULT_SETTINGS.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(ScoringError, match=message):
        ScoringConfig.load(path)


def test_a_proprietary_product_is_known_to_be_outside_the_sill(catalog):
    from cutoff_graphs import GraphBuilder

    from emprise.model import Asset, AssetKind, EdgeKind, Product

    product = next(p for p in catalog.products.values() if p.open_source is False and p.sill is None)
    b = GraphBuilder()
    asset = b.node(Asset("tool", "Tool", kind=AssetKind.SAAS))
    b.edge(EdgeKind.INSTANCE_OF, asset, b.node(Product(product.id, product.name)))
    sill = _factor(assess(b.graph, catalog, asset), "operational.sill")
    assert sill.known and sill.value == "not_listed"
    assert "proprietary" in sill.reason("en") and "propriétaire" in sill.reason("fr")
    assert str(product.source_of("open_source").source) in sill.source


def _located_asset(product_id=None, data_location=None):
    from cutoff_graphs import GraphBuilder

    from emprise.model import Asset, AssetKind, EdgeKind, Product

    b = GraphBuilder()
    asset = b.node(Asset("app", "App", kind=AssetKind.SAAS, data_location=data_location))
    if product_id is not None:
        b.edge(EdgeKind.INSTANCE_OF, asset, b.node(Product(product_id, product_id)))
    return b.graph, asset


def test_the_eu_region_scores_as_an_eu_country(catalog):
    # "your data stays in the EU", no country named: an EU location, like France.
    graph, asset = _located_asset(data_location="EU")
    region = _factor(assess(graph, catalog, asset), "data.location")
    graph, asset = _located_asset(data_location="FR")
    assert region.known and region.score == _factor(assess(graph, catalog, asset), "data.location").score == 4
    assert "the EU (region, no country named)" in region.reason("en")
    assert "l'UE (région, aucun pays nommé)" in region.reason("fr")


def test_a_catalog_product_with_an_eu_option_scores_its_locations(tmp_path):
    overlay = tmp_path / "org.yaml"
    overlay.write_text(
        'source: "https://contract.example/dpa"\nas_of: 2026-01-01\nproducts:\n'
        "  - {id: us-or-eu, name: US or EU, data_locations: [US, EU]}\n"
        "  - {id: eu-only, name: EU only, data_locations: [EU]}\n"
        "  - {id: eea-only, name: EEA only, data_locations: [EEA]}\n", encoding="utf-8")
    catalog = load_catalog(overlay=overlay)
    scores = {}
    for product_id in ("us-or-eu", "eu-only", "eea-only"):
        graph, asset = _located_asset(product_id)
        factor = _factor(assess(graph, catalog, asset), "data.location")
        scores[product_id] = factor.score
        assert factor.sources and "org.yaml" in factor.source
    # several locations: the worst counts (the US is partially adequate); the EEA may be Norway
    assert scores == {"us-or-eu": 2, "eu-only": 4, "eea-only": 2}
    graph, asset = _located_asset("us-or-eu")
    factor = _factor(assess(graph, catalog, asset), "data.location")
    assert factor.value == "US, EU"
    assert "US, the EU (region, no country named)" in factor.reason("en")


def test_an_inventory_names_a_region_in_either_language(catalog):
    from emprise.observations.resolve import CatalogResolver

    resolver = CatalogResolver(catalog)
    assert [resolver.data_location_code(text) for text in
            ("Union européenne", "EU", "ue", "European Economic Area", "EEE", "France", "Europe")] == \
        ["EU", "EU", "EU", "EEA", "EEA", "FR", "Europe"]  # "Europe" alone is not the EU: kept, unknown
