"""The compiled cache: written once, reused, and never required (read-only homes work)."""

from __future__ import annotations

from pathlib import Path

from emprise.catalog import loader

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"
BASE = FIXTURES / "base"


def test_cache_is_written_then_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(tmp_path / "cache"))
    first = loader.load_compiled(BASE)
    files = list((tmp_path / "cache").glob("catalog-*.pickle"))
    assert len(files) == 1
    second = loader.load_compiled(BASE)
    assert second is not first and second.stats() == first.stats()
    assert second.product_for_host("api.acme-chat.example").id == "acme-chat"
    assert second.vendor("acme").source_of("country").line == 13


def test_cache_follows_the_data(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "data"
    shutil.copytree(BASE, root)
    loader.load_compiled(root)
    acme = root / "vendors" / "acme.yaml"
    acme.write_text(acme.read_text().replace("name: Acme Chat", "name: Acme Chat 2"))
    assert loader.load_compiled(root).product("acme-chat").name == "Acme Chat 2"
    assert len(list((tmp_path / "cache").glob("catalog-*.pickle"))) == 1  # the stale one is gone


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(blocker / "cache"))
    catalog = loader.load_compiled(BASE)
    assert catalog.vendor("acme").country == "FR"


def test_corrupt_cache_is_recompiled(tmp_path, monkeypatch):
    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(tmp_path))
    loader.load_compiled(BASE)
    (cached,) = tmp_path.glob("catalog-*.pickle")
    cached.write_bytes(b"garbage")
    assert loader.load_compiled(BASE).vendor("acme").name == "Acme"
