"""Renewals (notice deadlines, .ics), overtooling and resilience on a hand-made graph."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import icalendar
import pytest
from cutoff_graphs import GraphBuilder

from emprise.analyses.decisions import overtooling, renewals, resilience, to_ics
from emprise.analyses.sovereignty import assess_all
from emprise.model import Asset, AssetKind, Capability, Contract, Country, EdgeKind, Product, Vendor


@pytest.fixture(scope="module")
def graph():
    b = GraphBuilder()
    fr, us = b.node(Country("FR")), b.node(Country("US"))
    acme, bigco = b.node(Vendor("acme-fr", "Acme FR")), b.node(Vendor("bigco-us", "BigCo US"))
    b.edge(EdgeKind.HEADQUARTERED_IN, acme, fr)
    b.edge(EdgeKind.HEADQUARTERED_IN, bigco, us)
    mail_a = b.node(Product("t-mail-a", "Mail A", category="email"))
    mail_b = b.node(Product("t-mail-b", "Mail B", category="email"))
    b.edge(EdgeKind.MADE_BY, mail_a, acme)
    b.edge(EdgeKind.MADE_BY, mail_b, bigco)
    mail = b.node(Capability("mail", "Mail", 3))
    for key, product, cost, end, notice, auto in (
            ("m1", mail_a, "1000", date(2026, 12, 31), 90, True),
            ("m2", mail_b, "3000", date(2027, 3, 31), None, True),  # notice unknown
            ("m3", mail_b, None, date(2026, 12, 31), 30, False)):  # not auto-renewing
        asset = b.node(Asset(key, key.upper(), kind=AssetKind.SAAS, users=10, data_location="FR"))
        b.edge(EdgeKind.INSTANCE_OF, asset, product)
        b.edge(EdgeKind.USES, mail, asset)
        contract = b.node(Contract(f"{key}.contract", Decimal(cost) if cost else None, "EUR", None, end,
                                   auto, notice))
        b.edge(EdgeKind.GOVERNS, contract, asset)
    return b.graph


def test_notice_deadline_is_end_minus_notice(graph, catalog):
    items = renewals(graph, catalog, date(2026, 6, 1))
    assert [(r.asset.key, r.notice_deadline, r.decision_date) for r in items] == [
        ("m1", date(2026, 10, 2), date(2026, 10, 2)),
        ("m2", None, date(2027, 3, 31)),  # unknown notice: the end date, said as such
    ]
    assert renewals(graph, catalog, date(2026, 10, 3), horizon_days=60) == []


def test_ics_parses_and_carries_the_deadlines(graph, catalog):
    items = renewals(graph, catalog, date(2026, 6, 1))
    text = to_ics(items, organisation="CA3R, « test »; long " + "x" * 120)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 10, 2), date(2027, 3, 31)]
    assert "Notice deadline: M1" in str(events[0]["SUMMARY"])
    assert "notice period unknown" in str(events[1]["SUMMARY"])
    description = str(events[0]["DESCRIPTION"])  # escaped commas and new lines come back as written
    assert description.splitlines() == ["Contract end: 2026-12-31", "Notice: 90 days", "Annual cost: 1000 EUR"]


def test_overtooling_groups_same_category_with_cost(graph, catalog):
    [overlap] = overtooling(graph, catalog)
    assert overlap.category == "email" and set(overlap.names) == {"M1", "M2", "M3"}
    assert overlap.annual_cost == Decimal("4000") and overlap.cost_unknown == 1 and overlap.users == 30


def test_resilience_shares_and_concentration(graph, catalog):
    result = resilience(graph, catalog, assess_all(graph, catalog))
    assert result.spend["FR"] == pytest.approx(0.25) and result.spend["non-EU"] == pytest.approx(0.75)
    assert result.data["FR"] == 1.0
    # Acme holds 1 of 3 mail assets, BigCo 2: HHI = 33.3² + 66.7² ≈ 5555.6
    assert result.hhi_by_capability["Mail"] == pytest.approx(5555.6, abs=0.1)
    assert result.hhi_overall == pytest.approx(5555.6, abs=0.1)
    assert set(result.pillars) == {f"SOV-{n}" for n in range(1, 9)}


def test_resilience_counts_the_eu_region_as_eu(catalog):
    # A data location "EU" (region, no country named) is in the EU; "EEA" may be Norway: unknown.
    from emprise.analyses.inventory import scope_of

    b = GraphBuilder()
    for key, where in (("fr", "FR"), ("eu", "EU"), ("eea", "EEA"), ("us", "US")):
        b.node(Asset(key, key.upper(), kind=AssetKind.SAAS, data_location=where))
    result = resilience(b.graph, catalog, assess_all(b.graph, catalog))
    assert result.data == pytest.approx({"FR": 0.25, "EU": 0.25, "non-EU": 0.25, "unknown": 0.25})
    eu = frozenset(c for c, e in catalog.countries.items() if e.eu)
    assert [scope_of(c, eu) for c in ("EU", "EEA", "DE", "US")] == ["EU", "unknown", "EU", "non-EU"]
