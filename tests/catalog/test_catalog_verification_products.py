"""The product check log (product facts checked against public pages) agrees with the catalog.

The log is ``src/emprise/catalog/data/checks/products.csv`` (formerly
``tools/catalog/verification-products.csv``).

A row's ``fact`` is ``product:<product-id>:<field>`` (``ai.trains_on_inputs``, ``data_locations``,
``hosting``, ``certifications``, ``open_source``, ``licence`` …) or, for one certification of a
list whose fact cites another page, ``product:<product-id>:certifications:<id>``.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "src" / "emprise" / "catalog" / "data" / "checks" / "products.csv"
if not LOG.exists():  # before the logs moved into the package data
    LOG = ROOT / "tools" / "catalog" / "verification-products.csv"
STATUSES = {"confirmed", "corrected", "added", "unverified"}


def _rows() -> list[dict[str, str]]:
    with LOG.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _checked() -> list[dict[str, str]]:
    """The last checked row of each fact: earlier rows are its history (docs/catalog.md)."""
    last: dict[str, dict[str, str]] = {}
    for row in _rows():
        if row["status"] != "unverified":
            last[row["fact"]] = row
    return list(last.values())


def _value(product, field: str):
    if field.startswith("ai."):
        return getattr(product.ai, field[3:]) if product.ai is not None else None
    if field.startswith("environment."):
        return getattr(product.environment, field[12:]) if product.environment is not None else None
    return getattr(product, field)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(value)
    return "" if value is None else str(value)


def test_log_is_well_formed():
    rows = _rows()
    assert rows, "empty product verification log"
    for row in rows:
        assert row["status"] in STATUSES, row
        assert row["fact"].startswith("product:") and row["fact"].count(":") in (2, 3), row
        if row["status"] != "unverified":
            assert row["url"].startswith(("http://", "https://")), row
        if row["as_of"]:
            date.fromisoformat(row["as_of"])


@pytest.mark.parametrize("row", _checked(), ids=lambda r: r["fact"])
def test_checked_product_fact_is_in_the_catalog_with_its_page(shipped, row):
    _, product_id, field, *sub = row["fact"].split(":")
    product = shipped.product(product_id)
    assert product is not None, row
    if sub:  # one certification of a list: present, its page logged here
        assert field == "certifications" and sub[0] in product.certifications, row
        return
    assert _text(_value(product, field)) == row["new_value"], row
    assert product.source_of(field).source == row["url"], row


def test_ai_services_people_paste_into_have_a_training_fact(shipped):
    for product_id in ("chatgpt", "claude", "google-gemini", "microsoft-copilot", "github-copilot",
                       "deepl-translator", "perplexity", "deepseek-chat", "grok", "mistral-le-chat"):
        assert shipped.product(product_id).ai.trains_on_inputs is True, product_id
    for product_id in ("openai-api", "anthropic-api", "mistral-api", "microsoft-365-copilot"):
        assert shipped.product(product_id).ai.trains_on_inputs is False, product_id
