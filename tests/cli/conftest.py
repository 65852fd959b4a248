"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from emprise.catalog import load_catalog
from emprise.demo import demo_files
from emprise.observations.importer import import_file
from emprise.observations.resolve import CatalogResolver
from emprise.store import Store
from emprise.views.cli import app


@pytest.fixture
def demo(store_url):
    """The demo organisation imported into the store (SQLite and PostgreSQL), and a
    function that runs an ``emprise`` command on it in English."""
    store = Store.open(store_url)
    resolver = CatalogResolver(load_catalog())
    for path, name in demo_files():
        result = import_file(store, path, resolver=resolver, display_name=name)
        assert result.status == "imported", result.error
    store.close()
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["--db", store_url, "--lang", "en", *args])
