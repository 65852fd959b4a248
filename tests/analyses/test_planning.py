"""Migration plan on a hand-made graph: targets, waves ordered by dependencies, effort, options.

The graph: BigCo (US) makes Test Cloud, Test DB and Test App; FrCo (FR) makes Middleware.
Assets: HOST (Test Cloud, cloud service), DB (Test DB, on premises, 600 users), MID
(Middleware, needs DB), APP (Test App, hosted on Test Cloud, needs DB), FRONT (Test App,
needs MID), OFFICE (the catalog's Microsoft 365, SaaS). Capability VITAL (criticality 4)
uses HOST, DB, APP, FRONT and OFFICE; capability LOW (1) uses MID.

By hand, for "SEAL-2 at criticality ≥ 3": every BigCo asset is SEAL-0 (US law), so HOST,
DB, APP, FRONT and OFFICE are targets; MID is not (criticality 1). HOST, DB and OFFICE
need no other target: wave 1. APP needs HOST (its hosting) and DB: wave 2. FRONT needs
DB through MID, which does not move: wave 2. (MID itself is SEAL-2: French, but its
supply chain objective averages its French builder and hosting with the American DB.)
"""

from __future__ import annotations

import pytest
from cutoff_graphs import GraphBuilder

from emprise.analyses.planning import PlanError, effort_of, migration_plan
from emprise.model import Asset, AssetKind, Capability, Country, EdgeKind, NodeType, Product, Ref, Vendor


@pytest.fixture(scope="module")
def graph():
    b = GraphBuilder()
    us, fr = b.node(Country("US", "United States")), b.node(Country("FR", "France"))
    bigco, frco = b.node(Vendor("bigco", "BigCo")), b.node(Vendor("frco", "FrCo"))
    microsoft = b.node(Vendor("microsoft", "Microsoft"))
    for vendor, country in ((bigco, us), (frco, fr), (microsoft, us)):
        b.edge(EdgeKind.HEADQUARTERED_IN, vendor, country)
    cloud, db, app = (b.node(Product(k, n)) for k, n in (("t-cloud", "Test Cloud"), ("t-db", "Test DB"),
                                                         ("t-app", "Test App")))
    middleware = b.node(Product("t-mid", "Middleware"))
    office = b.node(Product("microsoft-365", "Microsoft 365"))
    for product, vendor in ((cloud, bigco), (db, bigco), (app, bigco), (middleware, frco), (office, microsoft)):
        b.edge(EdgeKind.MADE_BY, product, vendor)
    assets = {}
    for key, kind, product, users in (("host", AssetKind.CLOUD_SERVICE, cloud, None),
                                      ("db", AssetKind.ON_PREM_SOFTWARE, db, 600),
                                      ("mid", AssetKind.ON_PREM_SOFTWARE, middleware, None),
                                      ("app", AssetKind.SAAS, app, 20),
                                      ("front", AssetKind.SAAS, app, 100),
                                      ("office", AssetKind.SAAS, office, 400)):
        assets[key] = b.node(Asset(key, key.upper(), kind=kind, users=users))
        b.edge(EdgeKind.INSTANCE_OF, assets[key], product)
    b.edge(EdgeKind.HOSTED_ON, assets["app"], cloud)
    b.edge(EdgeKind.DEPENDS_ON, assets["app"], assets["db"])
    b.edge(EdgeKind.DEPENDS_ON, assets["mid"], assets["db"])
    b.edge(EdgeKind.DEPENDS_ON, assets["front"], assets["mid"])
    vital, low = b.node(Capability("vital", "VITAL", 4)), b.node(Capability("low", "LOW", 1))
    for key in ("host", "db", "app", "front", "office"):
        b.edge(EdgeKind.USES, vital, assets[key])
    b.edge(EdgeKind.USES, low, assets["mid"])
    return b.graph


def _ref(key: str) -> Ref:
    return Ref(NodeType.ASSET, key)


def test_waves_follow_dependencies(graph, catalog):
    plan = migration_plan(graph, catalog, min_seal=2, min_criticality=3)
    waves = {m.asset.key: m.wave for m in plan.moves}
    assert waves == {"host": 1, "db": 1, "office": 1, "app": 2, "front": 2}
    by_key = {m.asset.key: m for m in plan.moves}
    assert by_key["app"].after == (_ref("db"), _ref("host"))
    assert by_key["front"].after == (_ref("db"),)  # through MID, which does not move
    assert [w.number for w in plan.waves] == [1, 2]
    assert plan.unknown_criticality == 0


def test_a_lower_criticality_bar_brings_more_assets_in(graph, catalog):
    # MID (French, but it needs the American DB) is SEAL-2: a SEAL-3 target takes it in.
    assert "mid" not in {m.asset.key for m in migration_plan(graph, catalog, min_seal=3, min_criticality=3).moves}
    plan = migration_plan(graph, catalog, min_seal=3, min_criticality=1)
    assert "mid" in {m.asset.key for m in plan.moves}
    waves = {m.asset.key: m.wave for m in plan.moves}
    assert waves["db"] < waves["mid"] < waves["front"]  # now MID moves too, between them


def test_catalog_alternatives_are_ranked_and_scored(graph, catalog):
    plan = migration_plan(graph, catalog)
    office = next(m for m in plan.moves if m.asset.key == "office")
    assert office.options, "the catalog lists alternatives to Microsoft 365"
    keys = [(not o.meets_target, -o.seal, -o.score) for o in office.options]
    assert keys == sorted(keys)
    assert office.best.score > office.score and office.gain == pytest.approx(office.best.score - office.score,
                                                                             abs=0.05)
    # Products the catalog does not know have no alternative: listed, gain unknown.
    host = next(m for m in plan.moves if m.asset.key == "host")
    assert host.options == () and host.gain is None
    wave1 = plan.waves[0]
    assert wave1.score_gained == pytest.approx(sum(m.gain or 0 for m in wave1.moves), abs=0.05)
    assert wave1.organisation_after >= wave1.organisation_before == plan.organisation_score


def test_effort_classes_from_kind_users_and_integrations(graph):
    assert effort_of(graph, _ref("app"))[0] == "S"  # SaaS 1, 20 users 0, 1 integration 0
    klass, reasons = effort_of(graph, _ref("db"))  # on premises 2, 600 users 2, 2 integrations 1
    assert klass == "L" and reasons == ("kind on_prem_software: +2", "users 600: +2", "integrations 2: +1")
    assert effort_of(graph, _ref("mid"))[1][1] == "users unknown: +0"


def test_json_shape(graph, catalog):
    data = migration_plan(graph, catalog).to_json()
    assert data["target"] == {"min_seal": "SEAL-2", "min_criticality": 3}
    move = data["waves"][0]["moves"][0]
    assert set(move) >= {"asset", "name", "criticality", "score", "seal", "effort", "after", "gain", "alternatives"}


@pytest.mark.parametrize("seal, crit", [(5, 3), (-1, 3), (2, 0), (2, 5)])
def test_targets_outside_the_scales_are_refused(graph, catalog, seal, crit):
    with pytest.raises(PlanError):
        migration_plan(graph, catalog, min_seal=seal, min_criticality=crit)
