"""The report's sovereignty sections: both languages, empty states, escaping, no network;
the radar SVG; and the XLSX workbook read back."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from emprise.analyses.inventory import overview
from emprise.graph.load import eu_members, load_graph
from emprise.observations.importer import import_file
from emprise.store import Store
from emprise.views.report import render_report
from emprise.views.report_export import report_format, write_report_file
from emprise.views.report_sovereignty import analyse, sovereignty_context
from emprise.views.svgradar import Series, radar_svg

WHEN = datetime(2026, 11, 29, 14, 5, tzinfo=timezone.utc)
TODAY = WHEN.date()
SECTIONS = ("summary", "sovereignty", "risks", "renewals", "cutoffs", "plan")

INVENTORY = """\
nom;type;éditeur;fonction;criticité;hébergement;coût annuel;devise;fin contrat;reconduction tacite;préavis;dépend de
Exchange Online;saas;Microsoft;Messagerie;4;;48 600,00;EUR;2027-03-31;oui;90;
Berger-Levrault e.magnus;saas;Berger-Levrault;Finances;4;OVHcloud;12000;EUR;2027-06-30;oui;3 mois;
PostgreSQL;open_source_component;;Finances;4;sur site;;;;;;
<script>alert(1)</script>;saas;<b>Evil</b>;Finances;3;;;;;;;Exchange Online
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, catalog):
    """A small inventory through the real import, graph and analyses."""
    folder = tmp_path_factory.mktemp("sov")
    store = Store.open(folder / "t.db")
    path = folder / "inv.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    result = import_file(store, path, source_format="inventory-csv", display_name="inv.csv")
    assert result.status == "imported", result.error
    yield store, load_graph(store, catalog)
    store.close()


def _render(graph, catalog, lang: str) -> str:
    context = sovereignty_context(graph, catalog, lang=lang, today=TODAY)
    return render_report(overview(graph, eu_members(catalog)), lang=lang, title="CA3R", generated_at=WHEN,
                         store_label="t.db", sections={"sovereignty": context})


@pytest.mark.parametrize("lang, words", [
    ("en", ["Executive summary", "If US companies cut us off", "Renewal calendar", "Migration plan", "SEAL-0"]),
    ("fr", ["Synthèse pour la direction", "Si les sociétés américaines nous coupent",
            "Calendrier des renouvellements", "Plan de migration", "SEAL-0"]),
])
def test_sections_render_in_both_languages(workspace, catalog, lang, words):
    _, graph = workspace
    html = _render(graph, catalog, lang)
    tree = lxml.html.fromstring(html)
    for section in SECTIONS:
        assert tree.get_element_by_id(section) is not None, section
    text = tree.text_content()
    for word in words:
        assert word in text, word
    assert len(tree.xpath("//ol[@class='summary-points']/li")) >= 5
    # Exchange Online's notice deadline (31 March 2027 − 90 days) is in the calendar.
    assert ("31 December 2026" if lang == "en" else "31 décembre 2026") in text
    assert len(tree.xpath("//figure[@class='radar']/svg")) == 2


def test_names_are_escaped_and_nothing_is_loaded(workspace, catalog):
    _, graph = workspace
    html = _render(graph, catalog, "en")
    assert "<script>alert(1)</script>" not in html and "<b>Evil</b>" not in html
    tree = lxml.html.fromstring(html)
    assert not tree.xpath("//script|//img|//link|//iframe|//object")
    for element in tree.iter():
        for attribute in ("src", "href"):
            value = element.get(attribute)
            assert value is None or value.startswith(("#", "https://", "http://")), value


def test_empty_store_shows_empty_states(tmp_path, catalog):
    store = Store.open(tmp_path / "empty.db")
    graph = load_graph(store, catalog)
    html = _render(graph, catalog, "fr")
    tree = lxml.html.fromstring(html)
    for section in SECTIONS:
        assert tree.get_element_by_id(section) is not None
    assert "Aucun actif pour l'instant" in tree.text_content()
    assert not tree.xpath("//figure[@class='radar']")
    store.close()


def test_radar_marks_unknown_axes_and_escapes_labels():
    svg = radar_svg(["A\nfirst", "<b>", "C"], [Series("all & some", (4.0, 2.0, None), "#000")], title="t",
                    description="d", unknown="unknown")
    assert "&lt;b&gt;" in svg and "all &amp; some" in svg
    assert "C (unknown)" in svg
    tree = lxml.html.fromstring(svg)
    assert tree.tag == "svg"


def test_report_format_from_option_or_suffix():
    assert report_format(None, None) == ("html", Path("emprise-report.html"))
    assert report_format(Path("x.PDF"), None) == ("pdf", Path("x.PDF"))
    assert report_format(None, "xlsx") == ("xlsx", Path("emprise-report.xlsx"))
    assert report_format(Path("x.html"), "pdf") == ("pdf", Path("x.html"))


def test_xlsx_export_reads_back(workspace, catalog, tmp_path):
    import openpyxl

    store, graph = workspace
    out = write_report_file(store, catalog, tmp_path / "r.xlsx", title=None, lang="en", format="xlsx",
                            today=TODAY, generated_at=WHEN)
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["assets", "capabilities", "renewals", "simulation"]
    rows = list(book["assets"].iter_rows(values_only=True))
    header = rows[0]
    assert {"name", "score", "seal", "vendor", "ultimate_parent", "country"} <= set(header)
    by_name = {row[header.index("name")]: dict(zip(header, row)) for row in rows[1:]}
    assert by_name["Exchange Online"]["ultimate_parent"] == "Microsoft"
    assert by_name["Exchange Online"]["country"] == "US" and by_name["Exchange Online"]["seal"] == "SEAL-0"
    assert by_name["<script>alert(1)</script>"]["vendor"] == "<b>Evil</b>"  # text, as written
    renewals = list(book["renewals"].iter_rows(values_only=True))
    assert [r[1] for r in renewals[1:]] == ["Exchange Online", "Berger-Levrault e.magnus"]
    assert renewals[1][2].date() == date(2026, 12, 31)  # the notice deadline
    simulation = list(book["simulation"].iter_rows(values_only=True))
    assert simulation[0][:2] == ("cut", "ultimate_parent") and len(simulation) >= 2
    capabilities = {r[1]: r for r in book["capabilities"].iter_rows(values_only=True)}
    assert {"Messagerie", "Finances"} <= set(capabilities)


def test_analyse_cuts_the_biggest_parents(workspace, catalog):
    _, graph = workspace
    section = analyse(graph, catalog, today=TODAY)
    assert 1 <= len(section.cutoffs) <= 3
    assert section.us_cut is not None and any(s.name == "Exchange Online" for s in section.us_cut.stopped)
    assert [r.name for r in section.renewals] == ["Exchange Online", "Berger-Levrault e.magnus"]


@pytest.mark.slow
def test_pdf_renderer_fetches_no_url(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from emprise.views import report_export

    asked = []

    def recording(url, *args, **kwargs):
        asked.append(url)
        return report_export.refuse_urls(url, *args, **kwargs)

    monkeypatch.setattr(report_export, "refuse_urls", recording)
    html = ('<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head><body><h1>Titre</h1>'
            '<img src="file:///etc/hostname"><p style="background: url(https://example.invalid/a.png)">x</p>'
            '</body></html>')
    out = report_export.write_pdf(html, tmp_path / "t.pdf")
    assert len(pdfium.PdfDocument(str(out))) == 1
    assert {"http://127.0.0.1:9/x.css", "file:///etc/hostname"} <= set(asked)
