"""Checked and drafted facts: the check logs (``data/checks/*.csv``) travel with the catalog."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.catalog import CatalogValidationError, compile_catalog, validate_tree
from emprise.i18n import set_language
from emprise.views import cli_catalog
from emprise.views.cli_catalog import catalog_app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"
BASE = FIXTURES / "base"
CHECKS = FIXTURES / "checks"


def _tree(tmp_path: Path, *logs: Path) -> Path:
    """The base fixture catalog with ``logs`` as its check logs."""
    root = tmp_path / "catalog"
    shutil.copytree(BASE, root)
    (root / "checks").mkdir()
    for log in logs:
        shutil.copy(log, root / "checks" / log.name)
    return root


@pytest.fixture
def checked(tmp_path):
    return compile_catalog(_tree(tmp_path, CHECKS / "good" / "vendors.csv", CHECKS / "good" / "products.csv"))


def test_a_checked_fact_carries_its_check(checked):
    ref = checked.vendor("acme").source_of("country")
    assert ref.checked and ref.status == "checked"
    assert ref.source == "https://example.org/acme"  # the fact's own source is unchanged
    assert ref.check.as_dict() == {"url": "https://example.org/acme-legal-notice", "as_of": "2026-01-15",
                                   "status": "confirmed"}
    assert (ref.check.file, ref.check.line) == ("checks/vendors.csv", 2)
    # The row after a two-line note is found at its own line.
    parent = checked.vendor("acme").source_of("parent")
    assert parent.check.as_of is None and parent.check.line == 4
    assert checked.vendor("acme-holding").source_of("parent").check.status == "added"
    assert checked.product("acme-chat").source_of("category").checked


def test_drafted_and_unverified_facts_stay_drafted(checked):
    for ref in (checked.vendor("acme").source_of("legal_name"),
                checked.vendor("acme-holding").source_of("country"),  # logged unverified
                checked.product("acme-chat").source_of("vendor")):
        assert not ref.checked and ref.status == "drafted" and ref.check is None
        assert "drafted, not yet checked" in str(ref)
    assert "checked as of 2026-01-15" in str(checked.vendor("acme").source_of("country"))


def test_without_logs_every_fact_is_drafted():
    stats = compile_catalog(BASE).stats()
    assert stats["facts_checked"] == 0 and stats["facts_drafted"] == stats["facts"]


def test_stats_count_checked_facts_by_kind(checked):
    stats = checked.stats()
    assert stats["facts_checked"] == 4
    assert stats["facts_drafted"] == stats["facts"] - 4
    assert stats["facts_checked_by_kind"]["vendors"]["checked"] == 3
    assert stats["facts_checked_by_kind"]["products"]["checked"] == 1
    assert stats["facts_checked_by_kind"]["countries"] == {"facts": stats["facts_checked_by_kind"]["countries"]["facts"],
                                                           "checked": 0}
    assert stats["facts_checked_by_fact"] == {"country": 1, "parent": 2, "category": 1}
    assert sum(k["facts"] for k in stats["facts_checked_by_kind"].values()) == stats["facts"]


@pytest.fixture
def run(checked, monkeypatch):
    monkeypatch.setattr(cli_catalog, "_load", lambda overlay=None: checked)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(catalog_app, [*args], env={"COLUMNS": "250"})

    yield invoke
    set_language("en")


def test_show_says_checked_or_drafted_for_each_fact(run):
    result = run("--lang", "en", "show", "vendor:acme")
    assert result.exit_code == 0, result.output
    lines = {line.split("│")[1].strip(): line for line in result.output.splitlines() if line.count("│") > 3}
    assert "checked as of 2026-01-15 against https://example.org/acme-legal-notice" in lines["country"]
    assert "checked (page undated)" in lines["parent"]
    assert "drafted, not yet checked" in lines["legal_name"]
    french = run("--lang", "fr", "show", "vendor:acme")
    assert "vérifiée au 2026-01-15" in french.output and "rédigée, pas encore vérifiée" in french.output


def test_show_json_gives_status_and_check(run):
    document = json.loads(run("show", "vendor:acme", "--format", "json").stdout)
    facts = {fact["fact"]: fact for fact in document["facts"]}
    assert facts["country"]["status"] == "checked"
    assert facts["country"]["checked"] == {"url": "https://example.org/acme-legal-notice", "as_of": "2026-01-15",
                                           "status": "confirmed"}
    assert facts["legal_name"]["status"] == "drafted" and facts["legal_name"]["checked"] is None


def test_stats_and_resolve_json(run):
    stats = json.loads(run("stats", "--format", "json").stdout)
    for key in ("products", "ai_services", "vendors", "vendors_with_country_and_parent", "facts", "facts_sourced"):
        assert isinstance(stats[key], int)
    assert stats["facts_checked"] == 4
    table = run("--lang", "en", "stats")
    assert "Facts checked against their source" in table.output
    [row] = json.loads(run("resolve", "--format", "json", "api.acme-chat.example").stdout)
    assert row["ultimate_parent"] == "acme-holding"
    assert row["country_checked"] is True and row["ultimate_parent_checked"] is True
    assert row["ultimate_parent_country_checked"] is False


# (file, line, part of the reason); one fixture file per broken row.
BROKEN = [
    ("unknown_vendor.csv", 4, "unknown vendor 'no-such-vendor'"),
    ("unknown_fact.csv", 2, "unknown vendor fact 'contry'"),
    ("value_mismatch.csv", 3, "legal_name is 'Acme SAS' in the catalog, the log says 'Acme SA'"),
    ("unknown_product.csv", 2, "unknown product 'no-such-product'"),
    ("bad_status.csv", 2, "status 'checked' is not one of"),
    ("no_url.csv", 2, "needs the url of the page"),
    ("unknown_acquisition.csv", 2, "has no acquisition by 'acme-holding' in 2019"),
    ("country_mismatch.csv", 3, "country 'US': eu is 'false' in the catalog, the log says 'true'"),
    ("unknown_country.csv", 2, "unknown country 'XX'"),
    ("unknown_law_fact.csv", 2, "unknown law fact 'reach'"),
    ("malformed_country_fact.csv", 2, "expected country:<code>:<field>"),
]


@pytest.mark.parametrize(("case", "line", "reason"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_broken_log_row_fails_with_file_and_line(tmp_path, case, line, reason):
    root = _tree(tmp_path, CHECKS / "broken" / case)
    issues = [str(issue) for issue in validate_tree(root)]
    assert any(text.startswith(f"checks/{case}:{line}: ") and reason in text for text in issues), issues
    with pytest.raises(CatalogValidationError, match=f"checks/{case}:{line}"):
        compile_catalog(root)


def test_every_broken_log_has_a_case():
    assert sorted(p.name for p in (CHECKS / "broken").glob("*.csv")) == sorted(c[0] for c in BROKEN)


def test_validate_command_names_the_log_line(tmp_path, monkeypatch):
    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(tmp_path / "cache"))
    root = _tree(tmp_path, CHECKS / "broken" / "value_mismatch.csv")
    result = CliRunner().invoke(catalog_app, ["validate", "--data-dir", str(root)])
    assert result.exit_code == 1
    assert f"{root / 'checks' / 'value_mismatch.csv'}:3: vendor 'acme': legal_name is 'Acme SAS'" in result.output


def test_an_earlier_row_of_a_fact_is_history(tmp_path):
    """Only a fact's last checked row is compared with the catalog."""
    log = tmp_path / "vendors.csv"
    log.write_text("vendor_id,fact,old_value,new_value,status,url,as_of,note\n"
                   "acme,legal_name,,Acme SA,corrected,https://example.org/old,2020-01-01,\n"
                   "acme,legal_name,Acme SA,Acme SAS,corrected,https://example.org/new,2026-03-01,\n", encoding="utf-8")
    catalog = compile_catalog(_tree(tmp_path, log))
    assert catalog.vendor("acme").source_of("legal_name").check.url == "https://example.org/new"
    assert catalog.vendor("acme").source_of("legal_name").check.as_of == date(2026, 3, 1)


def test_an_overlay_fact_replaces_the_check(tmp_path, checked):
    from emprise.catalog.loader import apply_overlay

    overlay = tmp_path / "org.yaml"
    overlay.write_text('as_of: 2026-01-01\nvendors:\n  - {id: acme, name: Acme, country: FR}\n', encoding="utf-8")
    merged = apply_overlay(checked, overlay)
    assert not merged.vendor("acme").source_of("country").checked  # the overlay's own statement
    assert merged.vendor("acme").source_of("parent").check is not None  # untouched facts keep theirs


def test_a_check_log_edit_invalidates_the_cache(tmp_path, monkeypatch):
    from emprise.catalog.loader import _data_fingerprint

    root = _tree(tmp_path, CHECKS / "good" / "vendors.csv")
    before = _data_fingerprint(root)
    with (root / "checks" / "vendors.csv").open("a", encoding="utf-8") as handle:
        handle.write("acme,legal_name,Acme SAS,Acme SAS,confirmed,https://example.org/x,2026-04-01,\n")
    assert _data_fingerprint(root) != before


def test_cited_catalog_facts_say_checked_or_drafted(checked):
    """What the score's --why, ``emprise ls``/``show`` and the report print of a catalog fact."""
    from emprise.analyses.listing import cite
    from emprise.analyses.sovereignty import _catalog_source
    from emprise.graph.build import _catalog_provenance
    from emprise.views.report import _check_detail

    acme = checked.vendor("acme")
    [country] = _catalog_provenance(acme, "country")
    [legal_name] = _catalog_provenance(acme, "legal_name")
    assert cite(country).endswith("(as of 2025-01-01) [checked as of 2026-01-15]")
    assert cite(legal_name).endswith("[drafted, not yet checked]")
    assert _catalog_source(acme, "legal_name")[0].endswith("vendors/acme.yaml:12; drafted, not yet checked)")
    assert "checked as of 2026-01-15" in _catalog_source(acme, "country")[0]
    assert _check_detail(legal_name, "fr") == "rédigée, pas encore vérifiée à sa source"
    assert _check_detail(country, "en") == "checked against its source as of 15 January 2026"


def test_a_checked_country_or_law_fact_shows_its_check(tmp_path):
    catalog = compile_catalog(_tree(tmp_path, CHECKS / "good" / "countries.csv"))
    france = catalog.country("FR").source_of("eu")
    assert france.checked and france.source == "https://example.org/iso-3166"
    assert france.check.as_dict() == {"url": "https://example.org/eu-countries", "as_of": "2026-02-01",
                                      "status": "confirmed"}
    assert (france.check.file, france.check.line) == ("checks/countries.csv", 2)
    assert "checked as of 2026-02-01" in str(france)
    assert catalog.country("NO").source_of("eea").check.as_of is None
    assert not catalog.country("NO").source_of("eu").checked  # logged unverified
    assert catalog.country("US").source_of("gdpr_adequacy").check.status == "confirmed"
    assert catalog.law("us-cloud-act").source_of("extraterritorial").checked
    assert not catalog.law("us-cloud-act").source_of("name").checked
    stats = catalog.stats()
    assert stats["facts_checked_by_kind"]["countries"]["checked"] == 3
    assert stats["facts_checked_by_kind"]["laws"]["checked"] == 1
    assert stats["facts_checked_by_fact"] == {"country:eu": 1, "country:eea": 1, "country:gdpr_adequacy": 1,
                                              "law:extraterritorial": 1}


def test_shipped_country_and_law_checks_are_counted():
    from emprise.catalog import load_catalog

    catalog = load_catalog()
    by_kind = catalog.stats()["facts_checked_by_kind"]
    assert by_kind["countries"]["checked"] > 0 and by_kind["laws"]["checked"] > 0
    assert catalog.country("FR").source_of("eu").checked
    brazil = catalog.country("BR").source_of("gdpr_adequacy")  # adequacy decision of 26 January 2026
    assert catalog.country("BR").gdpr_adequacy == "adequate" and brazil.check.status == "corrected"
    assert catalog.law("us-cloud-act").source_of("extraterritorial").check.file == "checks/countries.csv"
