"""``emprise catalog`` commands, through Typer's runner on ``catalog_app``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.i18n import set_language
from emprise.views.cli_catalog import catalog_app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"


@pytest.fixture
def run(shipped):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(catalog_app, ["--lang", "en", *args], env={"COLUMNS": "200"})

    yield invoke
    set_language("en")


def test_stats_json_has_the_agreed_keys(run):
    result = run("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    for key in ("products", "ai_services", "vendors", "vendors_with_country_and_parent", "facts", "facts_sourced"):
        assert isinstance(stats[key], int)
    assert stats["products"] >= 1500 and stats["facts"] == stats["facts_sourced"]
    assert stats["products_by_category"]["generative-ai"] == stats["ai_services"]


def test_stats_table_in_french(run):
    result = run("--lang", "fr", "stats")
    assert result.exit_code == 0, result.output
    assert "Produits" in result.stdout and "Informations sourcées et datées" in result.stdout


def test_resolve_json_shape(run):
    inputs = ["chat.mistral.ai", "outlook.office365.com", "pkg:pypi/django@4.2.16", "FR22424761419",
              "unknown.invalid", "chat.deepseek.com"]
    result = run("resolve", "--format", "json", *inputs)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["input"] for row in rows] == inputs
    for row in rows:
        assert {"input", "product", "vendor", "ultimate_parent", "country"} <= set(row)
    mistral, outlook, django, ovh, unknown, deepseek = rows
    assert (mistral["product"], mistral["vendor"], mistral["ultimate_parent"], mistral["country"]) == \
        ("mistral-le-chat", "mistral-ai", "mistral-ai", "FR")
    assert mistral["ai_service"] is True
    assert (outlook["product"], outlook["ultimate_parent"], outlook["country"]) == ("microsoft-exchange-online", "microsoft", "US")
    assert "us-cloud-act" in outlook["laws"]
    assert (django["kind"], django["product"], django["vendor"]) == ("purl", "django", "django-software-foundation")
    assert (ovh["kind"], ovh["vendor"], ovh["ultimate_parent"], ovh["country"]) == ("tax_id", "ovhcloud", "ovh-groupe", "FR")
    assert all(unknown[key] is None for key in ("product", "vendor", "ultimate_parent", "country"))
    # DeepSeek is owned by High-Flyer, whose majority holder is its founder (a person): High-Flyer is the top.
    assert (deepseek["vendor"], deepseek["ultimate_parent"], deepseek["country"]) == ("deepseek", "high-flyer", "CN")


def test_resolve_table(run):
    result = run("resolve", "slack.com")
    assert result.exit_code == 0
    assert "salesforce" in result.stdout


def test_show_lists_each_fact_with_its_source(run):
    result = run("show", "vendor:github", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["kind"] == "vendor"
    facts = {fact["fact"]: fact for fact in document["facts"]}
    assert facts["parent"]["value"] == "microsoft"
    assert facts["country"]["source"].startswith("https://") and facts["country"]["where"].startswith("vendors/github.yaml:")
    assert [link["id"] for link in document["ownership_chain"]] == ["github", "microsoft"]
    assert document["acquisitions"][0]["acquirer"] == "microsoft"
    assert json.loads(run("show", "github", "--format", "json").stdout)["kind"] == "product"
    table = run("show", "slack")
    assert table.exit_code == 0
    assert "https://slack.com" in table.stdout and "Salesforce" in table.stdout


def test_show_country_and_law(run):
    country = run("show", "us", "--format", "json")
    assert json.loads(country.stdout)["kind"] == "country"
    law = run("show", "us-cloud-act")
    assert law.exit_code == 0 and "CLOUD Act" in law.stdout


def test_show_unknown_id_suggests(run):
    result = run("show", "slak")
    assert result.exit_code == 1
    assert "no product, vendor, country or law has the id 'slak'" in result.output


def test_search(run):
    result = run("search", "teams", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0]["id"] == "microsoft-teams" and rows[0]["ultimate_parent"] == "microsoft"
    assert "microsoft-teams" in run("search", "Teams").stdout
    assert "nothing in the catalog" in run("search", "zzzz-nothing").stdout


def test_bad_format_is_a_usage_error(run):
    result = run("stats", "--format", "xml")
    assert result.exit_code == 2


def test_overlay_option(run):
    result = run("resolve", "--format", "json", "--overlay", str(FIXTURES / "overlay.yaml"), "chatgpt.com", "intranet.example.fr")
    assert result.exit_code == 0, result.output
    chatgpt, intranet = json.loads(result.stdout)
    assert chatgpt["sanction"] == "forbidden"
    assert intranet["product"] == "intranet-rh"
    broken = run("stats", "--overlay", str(FIXTURES / "overlay_broken.yaml"))
    assert broken.exit_code == 1 and "overlay_broken.yaml:8" in broken.output


def test_validate_shipped(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "catalog valid" in result.stdout
