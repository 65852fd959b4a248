"""Organisation overlays: add internal apps, override facts, sanction products; shipped data untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from emprise.catalog import CatalogValidationError, Sanction, load_catalog

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"
OVERLAY = FIXTURES / "overlay.yaml"


def test_overlay_adds_overrides_and_sanctions(shipped):
    catalog = load_catalog(overlay=OVERLAY)
    assert catalog.overlay == str(OVERLAY.resolve())
    intranet = catalog.product_for_host("intranet.example.fr")
    assert intranet.id == "intranet-rh" and intranet.internal
    assert intranet.hosting == ("ovhcloud",)
    assert catalog.ultimate_parent(intranet.vendor).id == "acme-internal"
    zoom = catalog.product("zoom")
    assert zoom.data_locations == ("DE",)
    assert zoom.source_of("data_locations").source == "https://contract.example/zoom-dpa"
    assert zoom.source_of("data_locations").file == str(OVERLAY.resolve())
    assert zoom.name == shipped.product("zoom").name  # facts the overlay does not state stay
    assert zoom.source_of("name") == shipped.product("zoom").source_of("name")
    assert zoom.sanction is Sanction.TOLERATED
    assert catalog.product("chatgpt").sanction is Sanction.FORBIDDEN
    assert catalog.product("microsoft-365").sanction is Sanction.SANCTIONED
    # The shipped catalog never changes.
    assert shipped.product("zoom").sanction is None
    assert shipped.product("zoom").data_locations != ("DE",)
    assert shipped.product_for_host("intranet.example.fr") is None
    assert load_catalog() is shipped


def test_overlay_source_defaults_to_the_file(tmp_path):
    overlay = tmp_path / "org.yaml"
    overlay.write_text("as_of: 2025-11-01\nproducts:\n  - id: paie-maison\n    name: Paie maison\n")
    catalog = load_catalog(overlay=overlay)
    assert catalog.product("paie-maison").source_of("name").source == "overlay:org.yaml"


def test_overlay_is_reloaded_when_it_changes(tmp_path):
    import os

    overlay = tmp_path / "org.yaml"
    overlay.write_text("as_of: 2025-11-01\nsanctions:\n  slack: forbidden\n")
    assert load_catalog(overlay=overlay).product("slack").sanction is Sanction.FORBIDDEN
    overlay.write_text("as_of: 2025-11-01\nsanctions:\n  slack: sanctioned\n")
    stat = overlay.stat()
    os.utime(overlay, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_catalog(overlay=overlay).product("slack").sanction is Sanction.SANCTIONED


def test_broken_overlay_names_its_lines():
    overlay = FIXTURES / "overlay_broken.yaml"
    with pytest.raises(CatalogValidationError) as raised:
        load_catalog(overlay=overlay)
    text = str(raised.value)
    assert f"{overlay.resolve()}:6: domain rule slack.com is claimed by 'slack'" in text
    assert f"{overlay.resolve()}:8: sanctions: unknown product 'no-such-product'" in text


def test_overlay_needs_a_date(tmp_path):
    overlay = tmp_path / "undated.yaml"
    overlay.write_text("products:\n  - id: x\n    name: X\n")
    with pytest.raises(CatalogValidationError, match=r"undated.yaml:3: fact 'name' has no as_of date"):
        load_catalog(overlay=overlay)


def test_sanction_only_in_overlays(tmp_path):
    from emprise.catalog import validate_tree

    (tmp_path / "x.yaml").write_text(
        "source: https://e.example\nas_of: 2025-01-01\nproducts:\n  - id: x\n    name: X\n    sanction: forbidden\n")
    issues = validate_tree(tmp_path)
    assert any(i.line == 6 and "unknown field 'sanction'" in i.reason for i in issues)
