"""The Shadow AI section steers people to *sanctioned* alternatives (audit of the Shadow AI issue)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from emprise.catalog import load_catalog
from emprise.views.report_shadow_ai import DiscoveredService, services_context

SEEN = datetime(2026, 1, 25, tzinfo=timezone.utc)


def _service(product_key: str, users: int) -> DiscoveredService:
    return DiscoveredService(product_key, True, users, users, 1000 * users, None, SEEN, SEEN, 1)


@pytest.fixture(scope="module")
def overlay_catalog(tmp_path_factory):
    path = tmp_path_factory.mktemp("overlay") / "org.yaml"
    path.write_text("source: audit overlay\nas_of: 2026-01-01\nsanctions:\n"
                    "  microsoft-copilot: sanctioned\n  mistral-le-chat: forbidden\n", encoding="utf-8")
    return load_catalog(overlay=path)


def _rows(catalog, *keys):
    context = services_context([_service(k, 10 - i) for i, k in enumerate(keys)], catalog, lang="en")
    return {r["name"]: r for r in context["rows"]}, context


def test_sanctioned_services_come_first_and_forbidden_ones_never(overlay_catalog):
    rows, _ = _rows(overlay_catalog, "chatgpt")
    steer = rows["ChatGPT"]["alternatives"]
    assert steer[0] == "Microsoft Copilot (sanctioned)"
    assert not any("Le Chat" in name for name in steer)  # forbidden by the organisation


def test_nobody_is_steered_away_from_a_sanctioned_service(overlay_catalog):
    rows, _ = _rows(overlay_catalog, "microsoft-copilot")
    assert rows["Microsoft Copilot"]["alternatives"] == []
    assert rows["Microsoft Copilot"]["stance"] == "sanctioned"


def test_alternatives_of_an_ai_service_are_ai_services():
    catalog = load_catalog()
    rows, _ = _rows(catalog, "chatgpt")
    for name in rows["ChatGPT"]["alternatives"]:
        product = next(p for p in catalog.products.values() if p.display_name("en") == name)
        assert catalog.is_ai_service(product), name


def test_eu_fallback_only_for_services_controlled_outside_the_eu():
    catalog = load_catalog()
    rows, context = _rows(catalog, "mistral-le-chat")
    assert rows["Le Chat (Mistral AI)"]["alternatives"] == []  # already an EU service
    assert context["any_from_eu"] is False


def test_french_volumes_are_in_octets():
    context = services_context([_service("chatgpt", 3000)], load_catalog(), lang="fr")
    assert context["rows"][0]["volume"] == "3,0 Mo"
    assert context["figures"][-1][0] == "3,0 Mo"
