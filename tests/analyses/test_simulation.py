"""Cut-off simulation on a hand-checked graph (tests/analyses/cutoff_graphs.py).

The graph: BigCo (US) makes Test Cloud and owns SubCo (FR), which makes Tool B; FrCo (FR)
makes SaaS A (hosted on Test Cloud) and App C; OSS Publisher (US) publishes Lib (MIT).
Assets: A (SaaS A), B (Tool B), C (App C, depends on A), D (Lib), E (App C, depends on D),
F (App C). Capabilities: K1 (criticality 4) uses A and C; K2 (2) uses B and F; K3 (3)
uses D and E.

Cutting the US, by hand: BigCo and OSS Publisher fall; SubCo (owned by BigCo) falls; Test
Cloud (BigCo) and Tool B (SubCo) stop; A runs on Test Cloud: stops; C depends on A: stops;
B is Tool B: stops. Lib is open source: D keeps running without updates; E depends on D:
runs. So A, B, C stop; D is degraded; K1 is lost, K2 and K3 degraded; impact =
(4·2/2 + 2·1/2 + 3·0/2) / (4+2+3) = 5/9; BigCo alone stops K1: a single point of failure.
"""

from __future__ import annotations

import pytest
from cutoff_graphs import cutoff_graph

from emprise.analyses.simulation import CutError, parse_cut, simulate


@pytest.fixture(scope="module")
def graph():
    return cutoff_graph()


def _keys(refs) -> set[str]:
    return {getattr(r, "asset", r).key for r in refs}


def test_country_cut_gives_exactly_the_hand_checked_set(graph, catalog):
    result = simulate(graph, catalog, "country:US")
    assert _keys(result.stopped) == {"a", "b", "c"}
    assert _keys(result.degraded) == {"d"}
    assert [c.capability.key for c in result.lost] == ["k1"]
    assert {c.capability.key for c in result.capabilities if c.status == "degraded"} == {"k2", "k3"}
    assert result.impact == pytest.approx(5 / 9, abs=1e-4)
    assert [(s.capability.key, s.company.key, s.country) for s in result.single_points_of_failure] == [
        ("k1", "bigco", "US")]
    stopped_c = next(s for s in result.stopped if s.asset.key == "c")
    assert stopped_c.via == ("United States", "BigCo", "Test Cloud", "SaaS A", "A", "C")


@pytest.mark.parametrize("cut, stopped", [
    ("provider:test-cloud", {"a", "c"}),
    ("product:test-tool-b", {"b"}),
    ("vendor:bigco", {"a", "c"}),  # the vendor alone: SubCo is another company
    ("parent:bigco", {"a", "b", "c"}),  # the whole group
    ("vendor:osspub", set()),  # open source keeps running
    ("country:fr", {"a", "b", "c", "e", "f"}),
])
def test_each_kind_of_cut(graph, catalog, cut, stopped):
    assert _keys(simulate(graph, catalog, cut).stopped) == stopped


def test_json_shape(graph, catalog):
    data = simulate(graph, catalog, "country:US").to_json()
    assert data["cut"] == "country:US"
    assert [c["name"] for c in data["capabilities_lost"]] == ["K1"]
    assert {a["asset"] for a in data["stopped_assets"]} == {"asset:a", "asset:b", "asset:c"}


@pytest.mark.parametrize("text", ["nothing", "planet:earth", "country:", "vendor:does-not-exist"])
def test_bad_cuts_raise_our_error(graph, catalog, text):
    with pytest.raises(CutError):
        simulate(graph, catalog, text)


def test_parse_cut_normalises_country_codes():
    assert str(parse_cut("country:us")) == "country:US"
