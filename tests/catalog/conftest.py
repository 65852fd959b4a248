"""Fixtures for the catalog tests: the shipped catalog, compiled once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"


@pytest.fixture(scope="session")
def shipped():
    """The shipped catalog (through the per-process memo and the user cache)."""
    from emprise.catalog import load_catalog

    return load_catalog()
