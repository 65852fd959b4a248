"""The vendor check log (facts checked against public pages) agrees with the catalog.

The log is ``src/emprise/catalog/data/checks/vendors.csv`` (formerly ``tools/catalog/verification.csv``)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "src" / "emprise" / "catalog" / "data" / "checks" / "vendors.csv"
if not LOG.exists():  # before the logs moved into the package data
    LOG = ROOT / "tools" / "catalog" / "verification.csv"
VENDOR_FIELDS = {"country", "parent", "ownership", "legal_name", "siren", "vat"}


def _rows() -> list[dict[str, str]]:
    with LOG.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _last_checked(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The last checked row of each vendor fact: earlier rows are its history (docs/catalog.md)."""
    last: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        if row["status"] != "unverified" and row["fact"] in VENDOR_FIELDS:
            last[row["vendor_id"], row["fact"]] = row
    return list(last.values())


def test_log_is_well_formed():
    rows = _rows()
    assert rows, "empty verification log"
    for row in rows:
        assert row["status"] in {"confirmed", "corrected", "added", "unverified"}, row
        if row["status"] != "unverified":
            assert row["url"].startswith(("http://", "https://")), row
        if row["as_of"]:
            date.fromisoformat(row["as_of"])


@pytest.mark.parametrize(
    "row",
    _last_checked(_rows()),
    ids=lambda r: f"{r['vendor_id']}.{r['fact']}",
)
def test_checked_vendor_fact_is_in_the_catalog_with_its_page(shipped, row):
    vendor = shipped.vendor(row["vendor_id"])
    assert vendor is not None, row
    fact, new = row["fact"], row["new_value"]
    if fact == "parent" and not new:
        assert vendor.parent is None and vendor.controlled is None
        return
    if fact == "parent" and new == "none":
        # A sourced statement that no company controls it: its own ultimate parent.
        assert vendor.parent is None and vendor.controlled is False
        assert vendor.source_of(fact).source == row["url"]
        return
    value = vendor.parent if fact == "parent" else getattr(vendor, fact)
    assert str(getattr(value, "value", value)) == new
    assert vendor.source_of(fact).source == row["url"]


@pytest.mark.parametrize(
    "row",
    [r for r in _rows() if r["status"] != "unverified" and r["fact"] == "acquisition"],
    ids=lambda r: f"{r['vendor_id']}.{r['new_value']}",
)
def test_checked_acquisition_is_in_the_catalog(shipped, row):
    acquirer, _, year = row["new_value"].partition("@")
    found = [a for a in shipped.vendor(row["vendor_id"]).acquisitions if a.acquirer == acquirer]
    assert found and found[0].year == int(year) and found[0].ref.source == row["url"]


def test_corrected_ownership_chains(shipped):
    assert [v.id for v in shipped.ownership_chain("vade")] == ["vade", "hornetsecurity", "proofpoint", "thoma-bravo"]
    assert shipped.ultimate_parent("alfresco").id == "thoma-bravo"
    assert shipped.ultimate_parent_known("alfresco")
    # Searchlight no longer owns Mitel after its 2025 restructuring: unknown, not guessed.
    assert shipped.vendor("mitel").parent is None and not shipped.ultimate_parent_known("mitel")
    assert shipped.vendor_for_tax_id("LU 2637 5245").id == "amazon-europe-core"
    assert shipped.vendor("aws-emea-sarl").parent == "amazon"
