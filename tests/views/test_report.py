"""The HTML report: content in both languages, provenance, escaping, and no network at all."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest

from emprise.analyses.inventory import (
    SCOPES,
    UNKNOWN,
    AssetRow,
    CapabilityView,
    Fact,
    Overview,
    overview,
)
from emprise.errors import EmpriseError
from emprise.graph import build_graph
from emprise.i18n import t
from emprise.model import Asset, AssetKind, NodeType, Provenance, Ref
from emprise.observations.importer import import_file
from emprise.store import Store
from emprise.views.report import (
    format_date,
    format_datetime,
    format_integer,
    format_money,
    format_percent,
    render_report,
    write_report,
)

EU = frozenset({"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"})
WHEN = datetime(2026, 11, 29, 14, 5, tzinfo=timezone.utc)
NBSP, NNBSP = "\u00a0", "\u202f"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

INVENTORY = """\
nom;type;éditeur;fonction;criticité;hébergement;coût annuel;devise
Microsoft Exchange Online;saas;Microsoft;Messagerie;3;Microsoft Azure;48 600,00;EUR
Berger-Levrault e.magnus;saas;Berger-Levrault;Finances;4;OVHcloud;12000;EUR
ChatGPT;ai_service;OpenAI;;;;;
PostgreSQL;open_source_component;;Finances;4;sur site;;
Outil maison;saas;<script>alert(1)</script>;Finances;4;;;
"""


def render(data: Overview, lang: str = "en", **kwargs) -> str:
    return render_report(data, lang=lang, title=kwargs.pop("title", "CA3R"), generated_at=WHEN,
                         store_label=kwargs.pop("store_label", "sqlite:///emprise.db"), **kwargs)


@pytest.fixture
def imported(tmp_path: Path) -> Overview:
    """The overview of a small CSV inventory, through the real import, graph and analysis."""
    store = Store.open(tmp_path / "t.db")
    path = tmp_path / "inv.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    result = import_file(store, path, source_format="inventory-csv", display_name="inv.csv")
    assert result.status == "imported", result.error
    data = overview(build_graph(store.snapshot(), catalog=None), eu_members=EU)
    store.close()
    return data


# -- a hand-built overview with catalog facts and every jurisdiction class ------------

FILE = "inventaire-applications.csv"
SEC = "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0000789019"


def imported_at(line: int) -> tuple[Provenance, ...]:
    return (Provenance(import_id=1, file=FILE, locator=f"{FILE}:{line}", content_hash="h",
                       observed_at="2026-11-02T09:30:00+00:00"),)


def from_catalog(path: str, line: int, url: str | None, as_of: str = "2026-10-01"):
    return (Provenance(import_id=None, file=path, locator=f"{path}:{line}", content_hash="",
                       observed_at=as_of, source="catalog",
                       extra={"url": url} if url is not None else {}),)


def asset_row(line: int, name: str, kind: AssetKind | None, *, vendor: str | None,
              parent: Fact = UNKNOWN, country: Fact = UNKNOWN, country_name: str | None = None,
              scope: str = "unknown", hosting: tuple[Fact, ...] = (), cost: str | None = None,
              currency: str | None = "EUR", product: Fact | None = None,
              chain: tuple[str, ...] = (), **asset_fields) -> AssetRow:
    here = imported_at(line)
    return AssetRow(
        ref=Ref(NodeType.ASSET, name.lower().replace(" ", "-")),
        asset=Asset(key=name.lower(), name=name, kind=kind, **asset_fields),
        product=product if product is not None else Fact(name, here),
        vendor=Fact(vendor, here) if vendor else UNKNOWN,
        ultimate_parent=parent, country=country, country_name=country_name, scope=scope,
        hosting=hosting, annual_cost=Decimal(cost) if cost is not None else None,
        currency=currency if cost is not None else None, provenance=here,
        ownership_chain=chain,
    )


MICROSOFT = Fact("Microsoft Corporation", from_catalog("vendors/microsoft.yaml", 4, SEC))
US_MICROSOFT = Fact("US", from_catalog("vendors/microsoft.yaml", 6, SEC))
AZURE = Fact("Microsoft Azure", imported_at(2))


def sample_rows() -> dict[str, AssetRow]:
    rows = [
        asset_row(2, "Microsoft Entra ID", AssetKind.CLOUD_SERVICE,
                  vendor="Microsoft Ireland Operations Ltd", parent=MICROSOFT,
                  country=US_MICROSOFT, country_name="United States", scope="non-EU",
                  hosting=(AZURE,), cost="31200",
                  chain=("Microsoft Ireland Operations Ltd", "Microsoft Corporation"), users=420),
        asset_row(3, "FranceConnect", AssetKind.SAAS, vendor="DINUM",
                  parent=Fact("DINUM", imported_at(3)),
                  country=Fact("FR", from_catalog("vendors/dinum.yaml", 3,
                                                  "https://www.numerique.gouv.fr/")),
                  country_name="France", scope="FR",
                  hosting=(Fact("3DS Outscale", imported_at(3)),),
                  data_location="FR", personal_data=True),
        asset_row(4, "Berger-Levrault e.magnus", AssetKind.SAAS, vendor="Berger-Levrault",
                  parent=Fact("Berger-Levrault", imported_at(4)),
                  country=Fact("FR", from_catalog("vendors/berger-levrault.yaml", 2,
                                                  "https://www.berger-levrault.com/")),
                  country_name="France", scope="FR",
                  hosting=(Fact("OVHcloud", imported_at(4)),), cost="48600"),
        asset_row(5, "SAP Concur", AssetKind.SAAS, vendor="SAP France",
                  parent=Fact("SAP SE", from_catalog("vendors/sap.yaml", 5,
                                                     "https://www.sap.com/investors/")),
                  country=Fact("DE", from_catalog("vendors/sap.yaml", 7,
                                                  "https://www.sap.com/investors/")),
                  country_name="Germany", scope="EU", cost="20000",
                  chain=("SAP France", "SAP SE")),
        asset_row(6, "Microsoft Exchange Online", AssetKind.SAAS,
                  vendor="Microsoft Ireland Operations Ltd", parent=MICROSOFT,
                  country=US_MICROSOFT, country_name="United States", scope="non-EU",
                  hosting=(AZURE,), cost="52000",
                  chain=("Microsoft Ireland Operations Ltd", "Microsoft Corporation")),
        asset_row(7, "Zoom Workplace", AssetKind.SAAS, vendor="Zoom Video Communications",
                  parent=Fact("Zoom Video Communications", imported_at(7)),
                  country=Fact("US", from_catalog("vendors/zoom.yaml", 3, None, as_of="")),
                  country_name="United States", scope="non-EU", cost="9000", currency="USD"),
        asset_row(8, "PostgreSQL", AssetKind.OPEN_SOURCE_COMPONENT, vendor=None, version="16.4"),
        asset_row(9, "ChatGPT", AssetKind.AI_SERVICE, vendor="OpenAI",
                  parent=Fact("OpenAI", imported_at(9)), declared=False),
        asset_row(10, "Outil RH maison", None, vendor=None, product=UNKNOWN),
    ]
    return {row.asset.name: row for row in rows}


def build_overview(groups: list[tuple[str | None, int | None, list[AssetRow]]],
                   counts: dict[str, int] | None = None) -> Overview:
    """An Overview as the analysis would return it for these capability groups."""
    views = [CapabilityView(Ref(NodeType.CAPABILITY, name.lower()) if name else None, name,
                            criticality, tuple(rows)) for name, criticality, rows in groups]
    assets = {row.ref: row for view in views for row in view.assets}
    rows = sorted(assets.values(), key=lambda r: r.asset.name.lower())
    by_scope = Counter(row.scope for row in rows)
    spend = Counter()
    for row in rows:
        if row.annual_cost is not None and row.currency == "EUR":
            spend[row.scope] += row.annual_cost
    parents = Counter(row.ultimate_parent.value for row in rows if row.ultimate_parent.known)
    return Overview(
        capabilities=tuple(views), assets=tuple(rows),
        counts=counts or {"asset": len(rows), "capability": len([g for g in groups if g[0]]),
                          "vendor": 9, "product": len(rows), "country": 3, "contract": 6},
        assets_by_scope={scope: by_scope[scope] for scope in SCOPES},
        spend_by_scope={scope: Decimal(spend[scope]) for scope in SCOPES},
        spend_currency="EUR" if spend else None,
        top_parents=tuple(parents.most_common(10)),
        unknown_facts=sum(1 for row in rows for fact in (row.vendor, row.ultimate_parent,
                                                         row.country) if not fact.known),
    )


def sample_overview() -> Overview:
    rows = sample_rows()
    return build_overview([
        ("Identité et authentification", 4, [rows["FranceConnect"], rows["Microsoft Entra ID"]]),
        ("Finances et comptabilité", 4, [rows["Berger-Levrault e.magnus"], rows["PostgreSQL"],
                                         rows["SAP Concur"]]),
        ("Messagerie et agenda", 3, [rows["Microsoft Exchange Online"]]),
        ("Collaboration", 2, [rows["Zoom Workplace"]]),
        ("Archivage", None, []),
        (None, None, [rows["ChatGPT"], rows["Outil RH maison"]]),
    ])


# -- helpers on the rendered document -------------------------------------------------


def document(html: str):
    return lxml.html.document_fromstring(html)


def text_of(element) -> str:
    # Collapses ASCII white space only: the no-break spaces of French numbers must stay.
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def asset_cells(html: str, asset: str) -> list[str]:
    """The cells' texts of the first table row whose first cell names ``asset``."""
    for row in document(html).xpath("//table[contains(@class, 'assets')]/tbody/tr"):
        cells = row.xpath("./td")
        if text_of(cells[0]).startswith(asset):
            return [text_of(cell) for cell in cells]
    raise AssertionError(f"no row for {asset!r}")


class _References(HTMLParser):
    """Every attribute of every tag, and the text of <style> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def assert_self_contained(html: str) -> list[str]:
    """Fails on anything a browser would fetch; returns the outbound <a href> links."""
    parser = _References()
    parser.feed(html)
    links = []
    for tag, attrs in parser.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "image", "use",
                           "base", "audio", "video", "source", "form"}, tag
        for name, value in attrs.items():
            value = (value or "").strip()
            if name in {"src", "href", "xlink:href", "action", "srcset", "data", "poster",
                        "background", "formaction"}:
                if tag == "a" and name == "href":
                    assert value.startswith(("#", "https://", "http://")), value
                    if not value.startswith("#"):
                        links.append(value)
                else:
                    pytest.fail(f"<{tag} {name}={value!r}> loads something")
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            assert "url(" not in value.lower(), value
    styles = "".join(parser.styles).lower()
    assert "@import" not in styles and "url(" not in styles and "@font-face" not in styles
    csp = [attrs for tag, attrs in parser.tags
           if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"] == CSP
    return links


# -- the real pipeline ------------------------------------------------------------------


@pytest.mark.parametrize("lang, headings", [
    ("en", ["Key figures", "Top ultimate parents", "Dependency map",
            "Assets by business capability", "Sources"]),
    ("fr", ["Chiffres clés", "Principales sociétés mères ultimes", "Carte des dépendances",
            "Actifs par capacité métier", "Sources"]),
])
def test_both_languages_render_their_headings(imported, lang, headings):
    html = render(imported, lang)
    root = document(html)
    assert root.get("lang") == lang
    assert [text_of(h) for h in root.xpath("//h2")] == headings
    assert text_of(root.xpath("//h1")[0]) == "CA3R"


def test_title_time_and_store_are_shown(imported):
    fr = render(imported, "fr", store_label="sqlite:////srv/dsi/emprise.db")
    assert "Généré le 29 novembre 2026 à 14:05 UTC" in fr
    assert "Base : sqlite:////srv/dsi/emprise.db" in fr
    en = render(imported, "en", title=None)
    assert text_of(document(en).xpath("//h1")[0]) == "Technology dependencies"
    assert "Generated on 29 November 2026, 14:05 UTC" in en


def test_french_and_english_say_unknown_never_blank(imported):
    for lang, word in (("en", "unknown"), ("fr", "inconnu")):
        cells = asset_cells(render(imported, lang), "PostgreSQL")
        # product, vendor, parent, country, hosting (on premises: no provider), cost
        assert cells[2:] == [word] * 6, cells
        assert all(cell.strip() for cell in cells)


def test_costs_are_formatted_per_language(imported):
    exchange = asset_cells(render(imported, "fr"), "Microsoft Exchange")
    assert exchange[-1] == f"48{NNBSP}600,00{NBSP}€"
    assert asset_cells(render(imported, "en"), "Microsoft Exchange")[-1] == "€48,600.00"
    fr = render(imported, "fr")
    assert f"60{NNBSP}600,00{NBSP}€" in fr  # the total of known spend
    assert "Coût annuel inconnu pour 3 actifs sur 5." in fr


def test_every_fact_links_to_the_record_it_came_from(imported):
    html = render(imported, "en")
    root = document(html)
    exchange = root.xpath("//tr[td[1][starts-with(normalize-space(.), 'Microsoft Exchange')]]")[0]
    numbers = {a.text for a in exchange.xpath(".//sup/a")}
    assert len(numbers) == 1  # one CSV line says the name, product, vendor and hosting
    source = root.get_element_by_id(f"src-{numbers.pop()}")
    assert text_of(source).startswith("inv.csv:2 — import #1")
    targets = {a.get("href")[1:] for a in root.xpath("//a[starts-with(@href, '#')]")}
    assert all(root.get_element_by_id(target) is not None for target in targets)
    files = root.xpath("//section[@id='sources']//table//tr[td]")
    assert [text_of(td) for td in files[0].xpath("./td")][:2] == ["inv.csv", "1"]


def test_headline_figures_and_scope_shares(imported):
    root = document(render(imported, "en"))
    figures = [text_of(li) for li in root.xpath("//ul[@class='figures']/li")]
    assert figures == ["5 assets", "2 business capabilities", "4 vendors", "4 ultimate parents",
                       "0 countries of ultimate parents"]
    unknown = root.xpath("//table[contains(@class, 'scopes')]/tbody/tr")[-1]
    assert [text_of(c) for c in unknown] == ["Unknown", "5", "100%", "€60,600.00", "100%"]


def test_untrusted_names_are_escaped(imported):
    for lang in ("en", "fr"):
        html = render(imported, lang, title="<img src=x onerror=alert(2)>")
        assert "<script" not in html.lower()
        assert "<img" not in html.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        cells = asset_cells(html, "Outil maison")
        assert cells[3].startswith("<script>alert(1)</script>")  # shown as text, not run
        assert_self_contained(html)


def test_the_report_loads_nothing(imported):
    for lang in ("en", "fr"):
        assert assert_self_contained(render(imported, lang)) == []


def test_rendering_is_deterministic(imported):
    assert render(imported, "fr") == render(imported, "fr")


def test_write_report_writes_utf8_and_returns_the_path(imported, tmp_path):
    out = tmp_path / "rapport.html"
    path = write_report(imported, out, lang="fr", title="CA3R", generated_at=WHEN,
                        store_label="t.db")
    assert path == out
    assert out.read_bytes().decode("utf-8") == render(imported, "fr", store_label="t.db")


def test_write_report_names_the_file_it_cannot_write(imported, tmp_path):
    out = tmp_path / "missing-dir" / "rapport.html"
    with pytest.raises(EmpriseError, match="missing-dir/rapport.html: cannot write the report"):
        write_report(imported, out, lang="en", title=None, generated_at=WHEN, store_label="t.db")


def test_an_empty_store_renders_a_useful_page(tmp_path):
    store = Store.open(tmp_path / "empty.db")
    data = overview(build_graph(store.snapshot()), eu_members=EU)
    store.close()
    for lang, message in (("en", "The store holds no asset yet"),
                          ("fr", "La base ne contient encore aucun actif")):
        html = render(data, lang)
        assert message in html
        assert_self_contained(html)
        assert len(document(html).xpath("//svg")) == 1


def test_an_unknown_language_is_refused(imported):
    with pytest.raises(ValueError, match="unknown language 'de'"):
        render(imported, "de")


# -- catalog provenance, jurisdictions, criticality (hand-built overview) ----------------


def test_catalog_facts_cite_their_public_source():
    en = render(sample_overview(), "en")
    root = document(en)
    entra = root.xpath("//tr[td[1][starts-with(normalize-space(.), 'Microsoft Entra ID')]]")[0]
    parent_ref = entra.xpath("./td[5]//sup/a")[0].get("href")[1:]
    source = root.get_element_by_id(parent_ref)
    assert text_of(source) == (f"catalog: vendors/microsoft.yaml:4 — {SEC} (as of 1 October 2026)")
    assert source.xpath(".//a")[0].get("href") == SEC
    fr = render(sample_overview(), "fr")
    assert f"catalogue : vendors/microsoft.yaml:4 — {SEC} (au 1er octobre 2026)" in text_of(
        document(fr))
    assert "vendors/zoom.yaml:3 — pas de source publique indiquée" in text_of(document(fr))
    assert "Sources du catalogue citées : 7" in text_of(document(fr))
    links = assert_self_contained(en)
    assert SEC in links and "https://www.numerique.gouv.fr/" in links


def test_asset_rows_show_kind_chain_country_and_hosting():
    fr = render(sample_overview(), "fr")
    cells = asset_cells(fr, "Microsoft Entra ID")
    assert cells[0].startswith("Microsoft Entra ID") and cells[0].endswith("420 utilisateurs")
    assert cells[1] == "Service cloud"
    assert cells[3].startswith("Microsoft Ireland Operations Ltd")
    assert "via Microsoft Ireland Operations Ltd → Microsoft Corporation" in cells[4]
    assert cells[5].startswith("United States (US)") and cells[5].endswith("Hors UE")
    assert cells[6].startswith("Microsoft Azure")
    assert cells[7] == f"31{NNBSP}200,00{NBSP}€"
    assert asset_cells(fr, "Zoom Workplace")[7] == f"9{NNBSP}000,00{NBSP}${NBSP}US"
    assert asset_cells(render(sample_overview(), "en"), "Zoom Workplace")[7] == "US$9,000.00"
    chatgpt = asset_cells(fr, "ChatGPT")
    assert "découvert, non déclaré" in chatgpt[0]
    assert "données : FR · données personnelles" in asset_cells(fr, "FranceConnect")[0]
    assert asset_cells(fr, "Outil RH maison")[1:3] == ["inconnu", "inconnu"]


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Identité et authentification Criticality 4 — vital 2 assets",
            "Finances et comptabilité Criticality 4 — vital 3 assets",
            "Messagerie et agenda Criticality 3 — high 1 asset",
            "Collaboration Criticality 2 — moderate 1 asset",
            "Archivage criticality unknown 0 assets",
            "Assets with no declared business capability 2 assets"]),
    ("fr", ["Identité et authentification Criticité 4 — vitale 2 actifs",
            "Finances et comptabilité Criticité 4 — vitale 3 actifs",
            "Messagerie et agenda Criticité 3 — élevée 1 actif",
            "Collaboration Criticité 2 — modérée 1 actif",
            "Archivage criticité inconnue 0 actif",
            "Actifs sans capacité métier déclarée 2 actifs"]),
])
def test_capabilities_most_critical_first_with_words(lang, expected):
    root = document(render(sample_overview(), lang))
    assert [text_of(h) for h in root.xpath("//section[@class='capability']/h3")] == expected


def test_jurisdiction_shares_of_assets_and_spend():
    root = document(render(sample_overview(), "fr"))
    rows = root.xpath("//table[contains(@class, 'scopes')]/tbody/tr")
    table = {text_of(r[0]): [text_of(c) for c in r[1:]] for r in rows}
    assert table == {
        "France": ["2", f"22{NNBSP}%", f"48{NNBSP}600,00{NBSP}€", f"32{NNBSP}%"],
        "Autre pays de l'UE": ["1", f"11{NNBSP}%", f"20{NNBSP}000,00{NBSP}€", f"13{NNBSP}%"],
        "Hors UE": ["3", f"33{NNBSP}%", f"83{NNBSP}200,00{NBSP}€", f"55{NNBSP}%"],
        "Inconnu": ["3", f"33{NNBSP}%", f"0,00{NBSP}€", f"0{NNBSP}%"],
    }
    bars = root.xpath("//div[@class='bar']")
    assert len(bars) == 2
    widths = [span.get("style") for span in bars[1].xpath("./span")]
    assert widths == ["width: 32.02%", "width: 13.18%", "width: 54.81%"]  # no empty segment
    assert "1 coût dans une autre devise que EUR n'est pas inclus." in text_of(root)


def test_top_parents_with_their_country():
    root = document(render(sample_overview(), "en"))
    first = root.xpath("//section[@id='parents']//tbody/tr")[0]
    assert [text_of(c) for c in first] == ["1", "Microsoft Corporation",
                                           "United States (US) Outside the EU", "2", "22%"]
    openai = [r for r in root.xpath("//section[@id='parents']//tbody/tr")
              if text_of(r[1]) == "OpenAI"][0]
    assert text_of(openai[2]) == "unknown"


def test_the_map_is_inline_and_translated():
    for lang, heading in (("en", "Ultimate parents"), ("fr", "Sociétés mères ultimes")):
        html = render(sample_overview(), lang)
        svg = document(html).xpath("//figure[@class='map']/svg")
        assert len(svg) == 1
        assert heading in text_of(svg[0])


def test_malicious_catalog_url_is_not_a_link():
    rows = sample_rows()
    evil = replace(rows["SAP Concur"], ultimate_parent=Fact(
        "SAP SE", from_catalog("vendors/sap.yaml", 5, "javascript:alert(3)")))
    html = render(build_overview([("Finances", 4, [evil])]), "en")
    assert 'href="javascript' not in html
    assert "javascript:alert(3)" in text_of(document(html))  # shown, as text
    assert_self_contained(html)


# -- formatting helpers ---------------------------------------------------------------------


@pytest.mark.parametrize("amount, currency, lang, expected", [
    ("48600", "EUR", "fr", f"48{NNBSP}600,00{NBSP}€"),
    ("48600", "EUR", "en", "€48,600.00"),
    ("1234567.891", "EUR", "fr", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
    ("0.005", "EUR", "en", "€0.01"),
    ("999", "GBP", "en", "£999.00"),
    ("1200", "CHF", "en", f"CHF{NBSP}1,200.00"),
    ("1200", "CHF", "fr", f"1{NNBSP}200,00{NBSP}CHF"),
    ("-50", "EUR", "en", "-€50.00"),
    ("-50", "EUR", "fr", f"-50,00{NBSP}€"),
    ("12", None, "fr", "12,00"),
])
def test_format_money(amount, currency, lang, expected):
    assert format_money(Decimal(amount), currency, lang) == expected


def test_format_numbers_percent_and_dates():
    assert format_integer(1234567, "en") == "1,234,567"
    assert format_integer(1234567, "fr") == f"1{NNBSP}234{NNBSP}567"
    assert format_percent(1, 3, "en") == "33%"
    assert format_percent(1, 3, "fr") == f"33{NNBSP}%"
    assert format_percent(1, 400, "en") == f"<{NBSP}1%"
    assert format_percent(0, 0, "en") == "–"
    assert format_date(datetime(2026, 10, 1).date(), "fr") == "1er octobre 2026"
    assert format_date(datetime(2026, 10, 1).date(), "en") == "1 October 2026"
    assert format_datetime(datetime(2026, 2, 3, 9, 7), "fr") == "3 février 2026 à 09:07"


def test_every_asset_kind_has_a_label_in_both_languages():
    for kind in AssetKind:
        assert t(f"report.kind.{kind.value}", lang="en")
        assert t(f"report.kind.{kind.value}", lang="fr")


def test_every_section_of_the_demo_report_is_in_the_contents(tmp_path, monkeypatch):
    """The table of contents links every section the report renders, and only those."""
    import re

    from typer.testing import CliRunner

    from emprise.views.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "demo.db"), "--lang", "fr", "demo"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "emprise-report.html").read_text(encoding="utf-8")
    contents = html[html.index('<nav class="contents"'):html.index("</nav>")]
    linked = re.findall(r'href="#([a-z-]+)"', contents)
    sections = re.findall(r'<section id="([a-z-]+)"', html)
    assert sorted(linked) == sorted(set(sections))


def test_the_demo_report_shows_shadow_ai_from_the_bundled_proxy_log(tmp_path, monkeypatch):
    """`emprise demo` runs a discovery on its week of proxy log, with the organisation's stance."""
    import gzip
    import re

    from typer.testing import CliRunner

    from emprise.demo import DEMO_PROXY_LOG
    from emprise.views.cli import app

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "demo.db"), "--lang", "en", "demo"])
    assert result.exit_code == 0, result.output
    assert "Proxy log: 12,010 lines read" in result.output
    html = (tmp_path / "emprise-report.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="shadow-ai"'):]
    section = section[:section.index("</section>")]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "ChatGPT" in text and "forbidden" in text and "sanctioned" in text and "DeepSeek" in text
    # The agents' logins and addresses never reach the report (pseudonymised, counted).
    logins = set(re.findall(r" (agent\d{4}) ", gzip.decompress(DEMO_PROXY_LOG.read_bytes()).decode()))
    assert len(logins) > 300
    assert not any(login in html for login in logins) and "10.31." not in html
    # Run twice: the discovery is recorded once (same findings, same import).
    again = CliRunner().invoke(app, ["--db", str(tmp_path / "demo.db"), "--lang", "fr", "demo"])
    assert again.exit_code == 0 and "inchangé" in again.output
