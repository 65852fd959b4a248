"""The report as PDF (WeasyPrint, offline) and as an XLSX workbook (openpyxl).

The PDF is the HTML report itself, printed by WeasyPrint with a URL fetcher that
refuses every URL: the report is self-contained, so nothing is lost, and a name in a
user's file can never make the renderer reach a network or read a local file.

The workbook is for those who live in Excel: one sheet per table (assets with their
scores, capabilities, renewals, the cut-off of the biggest ultimate parents), plain
values and no formula, so a cell that starts with ``=`` stays text.

WeasyPrint is imported inside ``write_pdf``: the CLI's ``--help`` does not pay for it.
"""

from __future__ import annotations

from pathlib import Path

from emprise.errors import EmpriseError

__all__ = ["FORMATS", "ReportExportError", "refuse_urls", "report_format", "write_pdf", "write_report_file",
           "write_xlsx"]


class ReportExportError(EmpriseError):
    """The PDF or XLSX report could not be produced or written."""


def refuse_urls(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher that fetches nothing: the report loads no resource."""
    raise ValueError(f"the report loads nothing from outside (refused: {url[:80]})")


def write_pdf(html: str, out: Path) -> Path:
    """Print ``html`` (a self-contained report) to the PDF ``out``; returns ``out``.

    Raises ReportExportError when WeasyPrint or its system libraries (Pango) are missing,
    or when the file cannot be written.
    """
    import logging

    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or its fonts are not installed
        raise ReportExportError(f"PDF export needs WeasyPrint and the Pango library: {exc}") from exc
    # A refused URL is logged by WeasyPrint as a warning; the report has none, so keep it quiet.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    out = Path(out)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_refusing_fetcher(weasyprint), base_url=None)
        document.write_pdf(out, presentational_hints=True)
    except OSError as exc:
        raise ReportExportError(f"{out}: cannot write the PDF report: {exc.strerror or exc}") from exc
    return out


def _refusing_fetcher(weasyprint):
    """A URL fetcher for this WeasyPrint: a ``URLFetcher`` subclass (WeasyPrint ≥ 66)
    whose ``fetch`` refuses, or the plain function older versions call."""
    base = getattr(getattr(weasyprint, "urls", None), "URLFetcher", None)
    if not isinstance(base, type):
        return refuse_urls

    class RefusingFetcher(base):
        def fetch(self, url, headers=None):
            return refuse_urls(url)

    return RefusingFetcher()


def _text(value) -> object:
    """A cell value: numbers stay numbers, None stays empty, text never becomes a formula."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_xlsx(graph, catalog, section, out: Path, *, lang: str) -> Path:
    """The workbook of the report: sheets assets, capabilities, renewals, simulation.

    ``section`` is ``report_sovereignty.analyse(...)``. Raises ReportExportError when the
    file cannot be written.
    """
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from emprise.analyses.sovereignty import OBJECTIVES
    from emprise.i18n import t
    from emprise.model import EdgeKind, NodeType

    def cost(value: Decimal | None):
        return float(value) if value is not None else None

    workbook = Workbook()
    sheets = []

    def sheet(name: str, header: list[str]):
        ws = workbook.active if not sheets else workbook.create_sheet()
        ws.title = name
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        sheets.append(ws)
        return ws

    ws = sheet("assets", ["asset", "name", "kind", "capabilities", "criticality", "vendor", "ultimate_parent",
                          "country", "score", "seal", "coverage", *OBJECTIVES, "annual_cost", "currency",
                          "users", "data_location"])
    for a in section.assessments:
        value = graph.value(a.asset)
        vendor = graph.vendor_of(a.asset)
        parent = section.parents[a.asset]
        country = graph.country_of(parent) if parent is not None else None
        contract = graph.contract_of(a.asset)
        ws.append([_text(str(a.asset)), _text(a.name), value.kind.value if value.kind else None,
                   _text(", ".join(graph.name(c) for c in graph.capabilities_of(a.asset))) or None,
                   section.criticality[a.asset], _text(graph.name(vendor)) if vendor else None,
                   _text(graph.name(parent)) if parent else None, country.key if country else None,
                   a.score, a.seal_label, a.coverage, *(a.sov[o] for o in OBJECTIVES),
                   cost(contract.annual_cost) if contract else None, contract.currency if contract else None,
                   value.users, value.data_location])
    ws = sheet("capabilities", ["capability", "name", "criticality", "assets", "min_seal", "mean_score",
                                "ultimate_parents", "hhi"])
    by_asset = {a.asset: a for a in section.assessments}
    for capability in graph.nodes(NodeType.CAPABILITY):
        assets = [a for a in graph.targets(capability, EdgeKind.USES) if a in by_asset]
        parents = sorted({graph.name(section.parents[a]) for a in assets if section.parents[a] is not None})
        name = graph.name(capability)
        ws.append([_text(str(capability)), _text(name), graph.value(capability).criticality, len(assets),
                   f"SEAL-{min(by_asset[a].seal for a in assets)}" if assets else None,
                   round(sum(by_asset[a].score for a in assets) / len(assets), 1) if assets else None,
                   _text(", ".join(parents)) or None, section.resilience.hhi_by_capability.get(name)])
    ws = sheet("renewals", ["asset", "name", "notice_deadline", "end", "notice_days", "annual_cost", "currency",
                            "seal", "score", "alternatives"])
    for r in section.renewals:
        ws.append([_text(str(r.asset)), _text(r.name), r.notice_deadline, r.end, r.notice_days, cost(r.annual_cost),
                   r.currency, r.seal, r.score, _text(", ".join(r.alternatives)) or None])
    ws = sheet("simulation", ["cut", "ultimate_parent", "country", "assets_stopped", "assets_degraded",
                              "capabilities_lost", "capabilities_degraded", "impact", "single_points_of_failure",
                              "stopped_assets"])
    for parent, result in section.cutoffs:
        country = graph.country_of(parent)
        ws.append([str(result.cut), _text(graph.name(parent)), country.key if country else None, len(result.stopped),
                   len(result.degraded), _text(", ".join(c.name for c in result.lost)) or None,
                   _text(", ".join(c.name for c in result.capabilities if c.status == "degraded")) or None,
                   result.impact,
                   _text(", ".join(sorted({s.capability_name for s in result.single_points_of_failure}))) or None,
                   _text(", ".join(s.name for s in result.stopped)) or None])
    for ws in sheets:  # readable column widths, capped
        for index, column in enumerate(ws.iter_cols(values_only=True), start=1):
            width = max((len(str(v)) for v in column if v is not None), default=8)
            ws.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    workbook.properties.title = t("report.default_title", lang=lang)
    workbook.properties.creator = "Emprise"
    out = Path(out)
    try:
        workbook.save(out)
    except OSError as exc:
        raise ReportExportError(f"{out}: cannot write the workbook: {exc.strerror or exc}") from exc
    return out


# -- the report in one of its formats ------------------------------------------------------

FORMATS = ("html", "pdf", "xlsx")


def report_format(out: Path | None, format: str | None) -> tuple[str, Path]:
    """(format, file): ``--format`` wins, else the file's suffix (.pdf, .xlsx), else HTML;
    the default file is ``emprise-report.<format>``."""
    if format is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        format = suffix if suffix in ("pdf", "xlsx") else "html"
    if format not in FORMATS:
        raise ReportExportError(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
    return format, out if out is not None else Path(f"emprise-report.{format}")


def write_report_file(store, catalog, out: Path, *, title: str | None, lang: str, format: str = "html",
                      today=None, generated_at=None) -> Path:
    """Build the report of ``store`` (inventory overview + sovereignty sections) and write
    it to ``out`` as HTML, PDF or XLSX; returns ``out``.

    Raises ReportExportError (or another EmpriseError) naming the file on failure.
    """
    from datetime import datetime, timezone

    from emprise.analyses.inventory import overview
    from emprise.graph.load import eu_members, load_graph
    from emprise.store import describe_location
    from emprise.views.report import render_report
    from emprise.views.report_sovereignty import analyse, sovereignty_context
    from emprise.views.report_spend import spend_context
    from emprise.views.report_shadow_ai import shadow_ai_context

    generated_at = generated_at or datetime.now(timezone.utc)
    today = today or generated_at.date()
    graph = load_graph(store, catalog)
    section = analyse(graph, catalog, today=today)
    out = Path(out)
    if format == "xlsx":
        return write_xlsx(graph, catalog, section, out, lang=lang)
    sections = {"sovereignty": sovereignty_context(graph, catalog, lang=lang, today=today, section=section)}
    sections["spend"] = spend_context(store, catalog, lang=lang)
    sections["shadow_ai"] = shadow_ai_context(store, catalog, lang=lang)
    html = render_report(overview(graph, eu_members(catalog)), lang=lang, title=title, generated_at=generated_at,
                         store_label=describe_location(store.url), sections=sections)
    if format == "pdf":
        return write_pdf(html, out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise ReportExportError(f"{out}: cannot write the report: {exc.strerror or exc}") from exc
    return out
