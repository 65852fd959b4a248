"""Lookups on the shipped catalog: hosts, purls, tax ids, names, ownership."""

from __future__ import annotations

import pytest

from emprise.catalog import SourceRef
from emprise.errors import CatalogError, NotFoundError
from emprise.catalog.hosts import normalise_host, registrable_domain
from emprise.catalog.names import normalise_name

# host, product, ultimate parent, country of the ultimate parent
HOSTS = [
    ("outlook.office365.com", "microsoft-exchange-online", "microsoft", "US"),
    ("teams.microsoft.com", "microsoft-teams", "microsoft", "US"),
    ("acme.sharepoint.com", "microsoft-sharepoint-online", "microsoft", "US"),
    ("login.microsoftonline.com", "microsoft-entra-id", "microsoft", "US"),
    ("www.office.com", "microsoft-365", "microsoft", "US"),
    ("portal.azure.com", "microsoft-azure", "microsoft", "US"),
    ("myapp.azurewebsites.net", "microsoft-azure", "microsoft", "US"),
    ("copilot.microsoft.com", "microsoft-copilot", "microsoft", "US"),
    ("github.com", "github", "microsoft", "US"),
    ("www.linkedin.com", "linkedin", "microsoft", "US"),
    ("chatgpt.com", "chatgpt", "openai-foundation", "US"),
    ("cdn.oaistatic.com", "chatgpt", "openai-foundation", "US"),
    ("api.openai.com", "openai-api", "openai-foundation", "US"),
    ("claude.ai", "claude", "anthropic", "US"),
    ("api.anthropic.com", "anthropic-api", "anthropic", "US"),
    ("chat.mistral.ai", "mistral-le-chat", "mistral-ai", "FR"),
    ("api.mistral.ai", "mistral-api", "mistral-ai", "FR"),
    ("www.deepl.com", "deepl-translator", "deepl", "DE"),
    ("api.deepl.com", "deepl-translator", "deepl", "DE"),
    ("gemini.google.com", "google-gemini", "alphabet", "US"),
    ("mail.google.com", "google-workspace", "alphabet", "US"),
    ("docs.google.com", "google-workspace", "alphabet", "US"),
    ("meet.google.com", "google-meet", "alphabet", "US"),
    ("storage.googleapis.com", "google-cloud", "alphabet", "US"),
    ("www.google-analytics.com", "google-analytics", "alphabet", "US"),
    ("www.perplexity.ai", "perplexity", "perplexity-ai", "US"),
    ("chat.deepseek.com", "deepseek-chat", "high-flyer", "CN"),
    ("slack.com", "slack", "salesforce", "US"),
    ("files.slack.com", "slack", "salesforce", "US"),
    ("zoom.us", "zoom", "zoom", "US"),
    ("us02web.zoom.us", "zoom", "zoom", "US"),
    ("acme.my.salesforce.com", "salesforce-sales-cloud", "salesforce", "US"),
    ("s3.eu-west-3.amazonaws.com", "aws", "amazon", "US"),
    ("d111111abcdef8.cloudfront.net", "amazon-cloudfront", "amazon", "US"),
    ("www.ovhcloud.com", "ovhcloud", "ovh-groupe", "FR"),
    ("eu.api.ovh.com", "ovhcloud-sms", "ovh-groupe", "FR"),
    ("console.scaleway.com", "scaleway", "iliad-holding", "FR"),
    ("www.doctolib.fr", "doctolib", "doctolib", "FR"),
    ("app.franceconnect.gouv.fr", "franceconnect", "etat-francais", "FR"),
    ("www.notion.so", "notion", "notion-labs", "US"),
    ("huggingface.co", "hugging-face-hub", "hugging-face", "US"),
    ("www.kimi.com", "kimi", None, "CN"),
    ("chat.qwen.ai", "qwen", "alibaba", "CN"),
    ("grok.com", "grok", "spacex", "US"),  # SpaceX acquired xAI in February 2026 (verification.csv)
    ("poe.com", "poe", "quora", "US"),
    ("cursor.com", "cursor", "anysphere", "US"),
    ("wetransfer.com", "wetransfer", "bending-spoons", "IT"),
    ("app.swile.fr", "swile", None, "FR"),  # seen in French traffic; owner of Swile SAS not in the catalog
    ("my.osc-fr1.scalingo.com", "scalingo", None, "FR"),
    ("scalingo.com", "scalingo", None, "FR"),
    ("www.bimpli.com", "bimpli", None, "FR"),
]


@pytest.mark.parametrize(("host", "product_id", "top_id", "country"), HOSTS, ids=[h[0] for h in HOSTS])
def test_real_hosts_resolve_to_product_owner_and_country(shipped, host, product_id, top_id, country):
    product = shipped.product_for_host(host)
    assert product is not None and product.id == product_id
    top = shipped.ultimate_parent(product.vendor)
    if top_id is None:  # the chain stops at an owner the catalog does not know
        assert not shipped.ultimate_parent_known(product.vendor)
    else:
        assert shipped.ultimate_parent_known(product.vendor)
        assert top.id == top_id
    assert top.country == country


def test_host_lookup_accepts_urls_ports_and_case(shipped):
    assert shipped.product_for_host("HTTPS://Teams.Microsoft.com:443/v2/").id == "microsoft-teams"
    assert shipped.product_for_host("slack.com.").id == "slack"
    assert shipped.product_for_host("nothing.invalid") is None
    assert shipped.product_for_host("") is None


def test_longest_suffix_wins_over_the_shorter_one(shipped):
    assert shipped.product_for_host("teams.microsoft.com").id == "microsoft-teams"
    assert shipped.product_for_host("www.microsoft.com").id == "microsoft-web-services"


def test_host_helpers():
    assert normalise_host("https://user@Example.COM:8443/path?q") == "example.com"
    assert normalise_host("[2001:db8::1]:443") == "2001:db8::1"
    assert registrable_domain("a.b.example.co.uk") == "example.co.uk"
    assert registrable_domain("acme.github.io") == "acme.github.io"


def test_purls(shipped):
    assert shipped.vendor_for_purl("pkg:maven/org.apache.commons/commons-lang3@3.14.0").id == "apache-software-foundation"
    log4j = shipped.product_for_purl("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1")
    assert log4j.id == "apache-log4j"
    assert shipped.vendor_for_purl("pkg:npm/%40angular/core@17.0.0").id == "google"
    assert shipped.ultimate_parent("google").id == "alphabet"
    assert shipped.product_for_purl("pkg:pypi/Django@4.2.16").id == "django"
    assert shipped.vendor_for_purl("pkg:pypi/django").id == "django-software-foundation"
    assert shipped.product_for_purl("pkg:npm/left-pad@1.3.0") is None
    assert shipped.vendor_for_purl("not a purl") is None


def test_tax_ids(shipped):
    assert shipped.vendor_for_tax_id("424 761 419").id == "ovhcloud"
    assert shipped.vendor_for_tax_id("42476141900045").id == "ovhcloud"  # SIRET
    assert shipped.vendor_for_tax_id("FR 22 424 761 419").id == "ovhcloud"  # VAT carries the SIREN
    assert shipped.vendor_for_tax_id("FR89380129866").id == "orange"
    assert shipped.vendor_for_tax_id("424761418") is None  # checksum fails: no guess
    assert shipped.vendor_for_tax_id("DE143454214").id == "sap"
    assert shipped.vendor_for_tax_id("IE6388047V").id == "google-ireland"
    assert shipped.ultimate_parent("google-ireland").id == "alphabet"


@pytest.mark.parametrize(
    ("name", "vendor_id"),
    [("Microsoft Corporation", "microsoft"), ("Microsoft Corp.", "microsoft"), ("OVH SAS", "ovhcloud"),
     ("Amazon Web Services EMEA SARL", "aws-emea-sarl"), ("Google Ireland Limited", "google-ireland"), ("SAP SE", "sap"),
     ("Dassault Systemes", "dassault-systemes"), ("Mistral AI", "mistral-ai"), ("Nextcloud GmbH", "nextcloud"),
     ("Zoom Video Communications", "zoom"), ("Teclib", "teclib"), ("Ascensio System", "onlyoffice")],
)
def test_find_vendor(shipped, name, vendor_id):
    assert shipped.find_vendor(name).id == vendor_id


@pytest.mark.parametrize(
    ("name", "product_id"),
    [("Microsoft Azure", "microsoft-azure"), ("Azure", "microsoft-azure"), ("AWS", "aws"),
     ("Amazon Web Services", "aws"), ("OVHcloud", "ovhcloud"), ("OVH", "ovhcloud"),
     ("Microsoft Teams", "microsoft-teams"), ("Teams", "microsoft-teams"), ("Zoom Workplace Pro", "zoom"),
     ("DeepL Pro Advanced", "deepl-translator"), ("Le Chat Pro", "mistral-le-chat"),
     ("Google Workspace for Education Fundamentals", "google-workspace"), ("Démarches Simplifiées", "demarches-simplifiees")],
)
def test_find_product(shipped, name, product_id):
    assert shipped.find_product(name).id == product_id


def test_find_product_within_a_vendor(shipped):
    assert shipped.find_product("Copilot", vendor_id="github").id == "github-copilot"
    assert shipped.find_product("Copilot", vendor_id="microsoft").id in {"microsoft-copilot", "github-copilot"}
    assert shipped.find_product("Teams", vendor_id="google") is None
    assert shipped.find_product("No such product at all") is None


def test_normalise_name():
    assert normalise_name("OVH S.A.S.") == "ovh"
    assert normalise_name("Société Générale SA") == "societe generale"
    assert normalise_name("Foo GmbH & Co. KG") == "foo"
    assert normalise_name("SAS") == "sas"


def test_ownership_chain_and_jurisdiction(shipped):
    chain = [v.id for v in shipped.ownership_chain("scaleway")]
    assert chain == ["scaleway", "iliad", "iliad-holding"]
    assert [v.id for v in shipped.ownership_chain("inetum")] == ["inetum", "bain-capital"]
    assert shipped.ultimate_parent("alcatel-lucent-enterprise").country == "CN"
    assert shipped.country("US").laws == ("us-cloud-act", "us-fisa-702", "us-eo-12333")
    assert shipped.country("FR").eu is True and shipped.country("CH").gdpr_adequacy.value == "adequate"
    with pytest.raises(NotFoundError):
        shipped.ownership_chain("no-such-vendor")


def test_every_fact_has_a_source_ref(shipped):
    ref = shipped.vendor("github").source_of("parent")
    assert isinstance(ref, SourceRef) and ref.file == "vendors/github.yaml" and ref.line > 0
    # Checked against a page dated when Microsoft closed the deal (tools/catalog/verification.csv).
    assert ref.as_of.year >= 2018 and ref.source.startswith("https://")
    assert shipped.product("chatgpt").source_of("ai.trains_on_inputs").source.startswith("https://")
    with pytest.raises(CatalogError, match="states no 'vat'"):
        shipped.vendor("github").source_of("vat")


def test_acquisitions_are_sourced(shipped):
    github = shipped.vendor("github")
    assert [(a.acquirer, a.year) for a in github.acquisitions] == [("microsoft", 2018)]
    assert github.acquisitions[0].ref.source.startswith("https://")


def test_shipped_counts_do_not_regress(shipped):
    stats = shipped.stats()
    assert stats["products"] >= 1500
    assert stats["countries"] == 249
    assert stats["facts"] == stats["facts_sourced"]
    assert stats["ai_services"] >= 150
    assert stats["vendors_with_country_and_parent"] >= 180


def test_every_country_is_present_with_eu_and_adequacy(shipped):
    eu = {c.code for c in shipped.countries.values() if c.eu}
    # The 27 member states, plus the outermost regions that have their own ISO code
    # (integral parts of the EU: EU law and the GDPR apply there).
    outermost = {"GF", "GP", "MQ", "RE", "YT", "MF"}
    assert outermost <= eu and len(eu - outermost) == 27 and "GB" not in eu
    eea_only = {c.code for c in shipped.countries.values() if c.eea and not c.eu}
    assert eea_only == {"IS", "LI", "NO"}
    assert all(c.gdpr_adequacy is not None for c in shipped.countries.values())


@pytest.mark.parametrize(
    ("host", "product_id", "vendor_id", "country"),
    [
        ("app.swile.fr", "swile", "swile", "FR"),
        ("scalingo.com", "scalingo", "scalingo", "FR"),
        ("www.bimpli.com", "bimpli", "swile", "FR"),
    ],
)
def test_french_saas_hosts_resolve_to_their_vendor(shipped, host, product_id, vendor_id, country):
    product = shipped.product_for_host(host)
    assert product is not None and product.id == product_id
    assert product.vendor == vendor_id
    assert shipped.vendor(vendor_id).country == country


def test_an_ai_service_is_steered_only_to_ai_services(catalog):
    """european-alternatives lists Proton's Lumo and Infomaniak's Euria against ChatGPT: they
    were once recorded as Proton Mail and Infomaniak's suite, and the report proposed a mailbox."""
    wrong = [(product.id, alternative.product) for product in catalog.products.values()
             if catalog.is_ai_service(product) for alternative in product.alternatives
             if (target := catalog.product(alternative.product)) is None or not catalog.is_ai_service(target)]
    assert wrong == []
    assert {"euria", "lumo", "mistral-le-chat"} <= {a.product for a in catalog.product("chatgpt").alternatives}
