"""SOV-8 (environmental): the catalog's sourced `environment` facts, the product's own or
its hosts' (followed through hosted_on); unknown when nothing is disclosed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cutoff_graphs import GraphBuilder, cutoff_graph

from emprise.analyses.sovereignty import DEFAULT_SETTINGS, ScoringConfig, ScoringError, assess
from emprise.catalog import CatalogValidationError, compile_catalog, load_catalog, validate_tree
from emprise.model import Asset, AssetKind, Country, EdgeKind, NodeType, Product, Ref, Vendor

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"
SOURCE = "https://example.org/test-cloud/environment-report"

# An organisation overlay giving the fixture graph's cloud (``test-cloud``) a disclosure,
# and a second cloud that only publishes a carbon report.
OVERLAY = f"""\
as_of: 2026-01-15
vendors:
  - id: bigco
    name: BigCo
    environment: {{renewable_share: {{value: 0.4, source: "https://example.org/bigco/csr"}}}}
products:
  - id: test-cloud
    name: Test Cloud
    environment:
      source: "{SOURCE}"
      pue: 1.3
      renewable_share: 0.95
      carbon_report: true
  - id: report-only-cloud
    name: Report-only Cloud
    environment:
      carbon_report: {{value: true, source: "https://example.org/report-only/ghg", as_of: 2025-06-01}}
  - id: hot-cloud
    name: Hot Cloud
    environment: {{pue: {{value: 1.7, source: "https://example.org/hot/pue"}}}}
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    path = tmp_path_factory.mktemp("env") / "org.yaml"
    path.write_text(OVERLAY, encoding="utf-8")
    return load_catalog(overlay=path)


def _sov8(result) -> dict:
    return {f.name: f for f in result.factors if f.objective == "SOV-8"}


def _cloud_graph(*products: str):
    """One cloud-service asset per product, and a SaaS hosted on all of them."""
    b = GraphBuilder()
    us = b.node(Country("US", "United States"))
    vendor = b.node(Vendor("bigco", "BigCo"))
    b.edge(EdgeKind.HEADQUARTERED_IN, vendor, us)
    refs = []
    for key in products:
        product = b.node(Product(key, key))
        b.edge(EdgeKind.MADE_BY, product, vendor)
        asset = b.node(Asset(f"vm-{key}", f"VM {key}", kind=AssetKind.CLOUD_SERVICE))
        b.edge(EdgeKind.INSTANCE_OF, asset, product)
        refs.append(asset)
    saas = b.node(Asset("saas", "SaaS", kind=AssetKind.SAAS))
    for ref in refs:
        b.edge(EdgeKind.HOSTED_ON, saas, ref)
    return b.graph


def test_a_product_with_a_sourced_pue_is_scored_with_its_source(catalog):
    result = assess(_cloud_graph("test-cloud"), catalog, Ref(NodeType.ASSET, "vm-test-cloud"))
    factors = _sov8(result)
    assert factors["environment.pue"].score == 3  # 1.3: at most 1.4
    assert factors["environment.renewable_share"].score == 3  # 0.95: at least 0.9
    assert "environment.carbon_report" not in factors  # figures known: the report alone does not count
    assert result.sov["SOV-8"] == 3
    assert SOURCE in factors["environment.pue"].source and "org.yaml:" in factors["environment.pue"].source
    assert "itself" in factors["environment.pue"].reason("en")
    assert "1.3" in factors["environment.pue"].reason("fr") and "PUE" in factors["environment.pue"].reason("fr")


def test_an_asset_hosted_on_it_inherits_it_saying_via_which_host(catalog):
    # cutoff_graph: the SaaS product of asset "a" is hosted on test-cloud.
    result = assess(cutoff_graph(), catalog, Ref(NodeType.ASSET, "a"))
    pue = _sov8(result)["environment.pue"]
    assert pue.score == 3 and "Test Cloud" in pue.value
    assert "hosting (Test Cloud), via hosted_on" in pue.reason("en")
    assert "hébergement (Test Cloud)" in pue.reason("fr")
    assert "fixture.yaml:" in pue.source  # the hosted_on edge's import record
    assert SOURCE in pue.source  # and the catalog fact used


def test_the_worst_disclosed_figure_counts_among_several_hosts(catalog):
    result = assess(_cloud_graph("test-cloud", "report-only-cloud", "hot-cloud"), catalog,
                    Ref(NodeType.ASSET, "saas"))
    factors = _sov8(result)
    assert factors["environment.pue"].score == 1  # Hot Cloud's 1.7 is above every bound
    assert set(factors["environment.pue"].value.split("; ")) == {"1.3 (Test Cloud)", "1.7 (Hot Cloud)"}
    assert "https://example.org/hot/pue" in factors["environment.pue"].source
    assert factors["environment.renewable_share"].score == 3  # only Test Cloud discloses one


def test_a_carbon_report_alone_scores_one(catalog):
    result = assess(_cloud_graph("report-only-cloud"), catalog, Ref(NodeType.ASSET, "saas"))
    factor = _sov8(result)["environment.carbon_report"]
    assert factor.score == 1 and result.sov["SOV-8"] == 1
    assert "https://example.org/report-only/ghg" in factor.source


def test_unknown_when_nothing_is_disclosed(catalog):
    graph = cutoff_graph()
    on_premises = _sov8(assess(graph, catalog, Ref(NodeType.ASSET, "b")))  # self-run, no host
    assert on_premises["environment.disclosure"].score is None
    assert "organisation's own infrastructure" in on_premises["environment.disclosure"].reason("en")
    orphan = assess(graph, catalog, Ref(NodeType.ASSET, "orphan"))
    assert orphan.sov["SOV-8"] is None and not _sov8(orphan)["environment.disclosure"].known


def test_shipped_catalog_carries_sourced_disclosures():
    shipped = load_catalog()
    aws = shipped.product("aws")
    assert aws.environment is not None and aws.environment.pue is not None
    ref = aws.source_of("environment.pue")
    assert ref.source.startswith("http") and ref.checked  # logged in checks/products.csv


def test_thresholds_come_from_the_settings(tmp_path):
    config = ScoringConfig.load()
    assert [config.threshold_score("pue", x) for x in (1.1, 1.2, 1.3, 1.5, 1.9)] == [4, 4, 3, 2, 1]
    assert [config.threshold_score("renewable_share", x) for x in (1.0, 0.9, 0.6, 0.2)] == [4, 3, 2, 1]
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEFAULT_SETTINGS.read_text(encoding="utf-8").replace("  higher: 1", "  higher: 7"),
                   encoding="utf-8")
    with pytest.raises(ScoringError, match="pue.higher"):
        ScoringConfig.load(bad)


BROKEN = """\
as_of: 2026-01-15
source: "https://example.org/cloud"
products:
  - id: broken-cloud
    name: Broken Cloud
    environment:
      pue: 0.8
      renewable_share: 78
      carbon_report: "yes"
      water: 0.2
"""


def test_invalid_values_fail_validation_with_file_and_line(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "base", root)
    (root / "vendors" / "broken-cloud.yaml").write_text(BROKEN, encoding="utf-8")
    rendered = [str(issue) for issue in validate_tree(root)]
    expected = [("vendors/broken-cloud.yaml:7:", "a PUE is between 1.0 and 3.0"),
                ("vendors/broken-cloud.yaml:8:", "write 0.78 for 78 %"),
                ("vendors/broken-cloud.yaml:9:", "expected true or false"),
                ("vendors/broken-cloud.yaml:10:", "unknown field 'water'")]
    for where, reason in expected:
        assert any(text.startswith(where) and reason in text for text in rendered), (where, rendered)
    with pytest.raises(CatalogValidationError, match="broken-cloud.yaml:7"):
        compile_catalog(root)


def test_check_logs_accept_environment_facts_and_compare_them(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "base", root)
    (root / "vendors" / "good-cloud.yaml").write_text(
        BROKEN.replace("broken-cloud", "good-cloud").replace("Broken", "Good")
        .replace("pue: 0.8", "pue: 1.25").replace("renewable_share: 78", "renewable_share: 0.5")
        .replace('carbon_report: "yes"', "carbon_report: true").replace("      water: 0.2\n", ""),
        encoding="utf-8")
    (root / "checks").mkdir()
    header = "vendor_id,fact,old_value,new_value,status,url,as_of,note\n"
    log = root / "checks" / "products.csv"
    log.write_text(header + "x,product:good-cloud:environment.pue,,1.25,added,https://example.org/pue,,\n",
                   encoding="utf-8")
    assert compile_catalog(root).product("good-cloud").source_of("environment.pue").checked
    log.write_text(header + "x,product:good-cloud:environment.pue,,1.4,added,https://example.org/pue,,\n",
                   encoding="utf-8")
    with pytest.raises(CatalogValidationError, match=r"checks/products.csv:2: .*environment.pue is '1.25'"):
        compile_catalog(root)


def test_an_overlay_replaces_only_the_environment_facts_it_states(tmp_path):
    overlay = tmp_path / "org.yaml"
    overlay.write_text('as_of: 2026-02-01\nsource: "https://example.org/dpa"\nproducts:\n'
                       "  - id: aws\n    environment: {pue: 1.5}\n", encoding="utf-8")
    shipped, merged = load_catalog().product("aws"), load_catalog(overlay=overlay).product("aws")
    assert merged.environment.pue == 1.5
    assert merged.source_of("environment.pue").source == "https://example.org/dpa"
    assert merged.environment.renewable_share == shipped.environment.renewable_share
    assert merged.source_of("environment.renewable_share") == shipped.source_of("environment.renewable_share")


def test_a_service_naming_no_host_takes_its_vendors_company_wide_disclosure(catalog):
    # plain-cloud is in no catalog: its VM runs in BigCo's own data centres.
    result = assess(_cloud_graph("plain-cloud"), catalog, Ref(NodeType.ASSET, "vm-plain-cloud"))
    share = _sov8(result)["environment.renewable_share"]
    assert share.score == 1 and share.value == "40 % (BigCo)"  # below every bound, but disclosed
    assert "company-wide by its vendor BigCo" in share.reason("en")
    assert "https://example.org/bigco/csr" in share.source


def test_a_host_without_its_own_disclosure_falls_back_on_its_vendor(catalog):
    result = assess(_cloud_graph("plain-cloud"), catalog, Ref(NodeType.ASSET, "saas"))
    share = _sov8(result)["environment.renewable_share"]
    assert "hosting (BigCo), via hosted_on" in share.reason("en") and share.score == 1


def test_vendor_environment_facts_are_checked_by_the_vendor_log(tmp_path):
    root = tmp_path / "catalog"
    shutil.copytree(FIXTURES / "base", root)
    (root / "vendors" / "green.yaml").write_text(
        'as_of: 2026-01-15\nsource: "https://example.org/green"\nvendor:\n  id: green\n  name: Green\n'
        "  environment:\n    pue: 1.12\n", encoding="utf-8")
    (root / "checks").mkdir()
    (root / "checks" / "vendors.csv").write_text(
        "vendor_id,fact,old_value,new_value,status,url,as_of,note\n"
        "green,environment.pue,,1.12,added,https://example.org/green,,\n", encoding="utf-8")
    assert compile_catalog(root).vendor("green").source_of("environment.pue").checked
