"""The HTML report: one self-contained file for a CIO, a CISO, a DPO or purchasing.

It renders an ``Overview`` (emprise.analyses.inventory) and decides nothing: the
figures, the scopes and the ultimate parents are the analysis's. What lives here is
presentation — numbers and dates in the reader's language, the numbering of the
sources each fact cites, the order of the sections.

The file loads nothing: CSS and the SVG map are inline, there is no script, and a
Content-Security-Policy forbids any request, so opening it never calls a network.
Jinja2 escapes every value (names come from users' files and are untrusted).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from emprise import __version__
from emprise.errors import EmpriseError
from emprise.analyses.inventory import SCOPES, AssetRow, Fact, Overview
from emprise.i18n import LANGUAGES, messages, t
from emprise.model import Provenance
from emprise.views.svgmap import (
    MAX_PARENTS,
    SCOPE_COLOURS,
    criticality_label,
    dependency_map_svg,
    plural,
    scope_label,
)

__all__ = ["format_date", "format_datetime", "format_integer", "format_money",
           "format_percent", "render_report", "write_report"]

MESSAGES = messages({
    "report.default_title": {"en": "Technology dependencies", "fr": "Dépendances technologiques"},
    "report.subtitle": {
        "en": "Who controls what we depend on, and which law applies",
        "fr": "Qui contrôle ce dont nous dépendons, et quel droit s'applique",
    },
    "report.generated": {"en": "Generated on {when}", "fr": "Généré le {when}"},
    "report.store": {"en": "Store: {store}", "fr": "Base : {store}"},
    "report.contents": {"en": "Contents", "fr": "Sommaire"},
    "report.section.figures": {"en": "Key figures", "fr": "Chiffres clés"},
    "report.section.parents": {"en": "Top ultimate parents",
                               "fr": "Principales sociétés mères ultimes"},
    "report.section.map": {"en": "Dependency map", "fr": "Carte des dépendances"},
    "report.section.capabilities": {"en": "Assets by business capability",
                                    "fr": "Actifs par capacité métier"},
    "report.section.sources": {"en": "Sources", "fr": "Sources"},
    "report.figure.assets": {"en": "assets", "fr": "actifs"},
    "report.figure.capabilities": {"en": "business capabilities", "fr": "capacités métier"},
    "report.figure.vendors": {"en": "vendors", "fr": "fournisseurs"},
    "report.figure.parents": {"en": "ultimate parents", "fr": "sociétés mères ultimes"},
    "report.figure.countries": {"en": "countries of ultimate parents",
                                "fr": "pays des sociétés mères"},
    "report.unknown_facts": {
        "en": "{count} facts unknown (vendor, ultimate parent or country): the catalog or the "
              "inventory can fill them in.",
        "fr": "{count} informations inconnues (fournisseur, société mère ou pays) : le catalogue "
              "ou l'inventaire peuvent les compléter.",
    },
    "report.by_scope": {
        "en": "Where the ultimate parents are",
        "fr": "Où sont les sociétés mères ultimes",
    },
    "report.by_scope.explain": {
        "en": "The law that applies to a supplier is that of the company that ultimately "
              "controls it: an EU subsidiary of a non-EU group counts as non-EU.",
        "fr": "Le droit qui s'applique à un fournisseur est celui de la société qui le contrôle "
              "en dernier ressort : la filiale européenne d'un groupe non européen compte hors UE.",
    },
    "report.scope": {"en": "Ultimate parent in", "fr": "Société mère en"},
    "report.share_assets": {"en": "Share of assets", "fr": "Part des actifs"},
    "report.share_spend": {"en": "Share of annual spend", "fr": "Part de la dépense annuelle"},
    "report.total": {"en": "Total", "fr": "Total"},
    "report.no_spend": {
        "en": "No annual cost is known yet: add an annual_cost column to the inventory.",
        "fr": "Aucun coût annuel n'est connu : ajoutez une colonne « coût annuel » à l'inventaire.",
    },
    "report.cost_unknown.one": {
        "en": "Annual cost unknown for {count} asset of {total}.",
        "fr": "Coût annuel inconnu pour {count} actif sur {total}.",
    },
    "report.cost_unknown.many": {
        "en": "Annual cost unknown for {count} assets of {total}.",
        "fr": "Coût annuel inconnu pour {count} actifs sur {total}.",
    },
    "report.other_currencies.one": {
        "en": "{count} cost in another currency than {currency} is not included.",
        "fr": "{count} coût dans une autre devise que {currency} n'est pas inclus.",
    },
    "report.other_currencies.many": {
        "en": "{count} costs in other currencies than {currency} are not included.",
        "fr": "{count} coûts dans d'autres devises que {currency} ne sont pas inclus.",
    },
    "report.no_assets": {
        "en": "The store holds no asset yet: import an inventory first (emprise import).",
        "fr": "La base ne contient encore aucun actif : importez d'abord un inventaire "
              "(emprise import).",
    },
    "report.parent": {"en": "Ultimate parent", "fr": "Société mère ultime"},
    "report.parent_country": {"en": "Country", "fr": "Pays"},
    "report.asset_count": {"en": "Assets", "fr": "Actifs"},
    "report.rank": {"en": "#", "fr": "N°"},
    "report.parents.none": {"en": "No ultimate parent is known yet.",
                            "fr": "Aucune société mère ultime n'est encore connue."},
    "report.map.explain": {
        "en": "Band thickness is the number of assets. The {count} ultimate parents with most "
              "assets have their own box, the others share one; each asset is listed in the "
              "tables below.",
        "fr": "L'épaisseur des flux est le nombre d'actifs. Les {count} sociétés mères qui "
              "comptent le plus d'actifs ont leur propre case, les autres sont regroupées ; "
              "chaque actif figure dans les tableaux ci-dessous.",
    },
    "report.criticality": {"en": "Criticality {level}", "fr": "Criticité {level}"},
    "report.no_capability": {"en": "Assets with no declared business capability",
                             "fr": "Actifs sans capacité métier déclarée"},
    "report.no_capability.explain": {
        "en": "Add a capability column to the inventory to say what these assets are for.",
        "fr": "Ajoutez une colonne « fonction » à l'inventaire pour dire à quoi servent "
              "ces actifs.",
    },
    "report.empty_capability": {"en": "No asset is attached to this capability.",
                                "fr": "Aucun actif n'est rattaché à cette capacité."},
    "report.column.asset": {"en": "Asset", "fr": "Actif"},
    "report.column.kind": {"en": "Kind", "fr": "Type"},
    "report.column.product": {"en": "Product", "fr": "Produit"},
    "report.column.vendor": {"en": "Vendor", "fr": "Fournisseur"},
    "report.column.parent": {"en": "Ultimate parent", "fr": "Société mère ultime"},
    "report.column.country": {"en": "Country", "fr": "Pays"},
    "report.column.hosting": {"en": "Hosting", "fr": "Hébergement"},
    "report.column.cost": {"en": "Annual cost", "fr": "Coût annuel"},
    "report.unknown": {"en": "unknown", "fr": "inconnu"},
    "report.undeclared": {"en": "discovered, not declared", "fr": "découvert, non déclaré"},
    "report.via": {"en": "via {chain}", "fr": "via {chain}"},
    "report.data_location": {"en": "data: {where}", "fr": "données : {where}"},
    "report.personal_data.yes": {"en": "personal data", "fr": "données personnelles"},
    "report.personal_data.no": {"en": "no personal data", "fr": "pas de données personnelles"},
    "report.users": {"en": "{count} users", "fr": "{count} utilisateurs"},
    "report.kind.saas": {"en": "SaaS", "fr": "SaaS"},
    "report.kind.cloud_service": {"en": "Cloud service", "fr": "Service cloud"},
    "report.kind.on_prem_software": {"en": "On-premises software", "fr": "Logiciel sur site"},
    "report.kind.open_source_component": {"en": "Open-source component",
                                          "fr": "Composant libre"},
    "report.kind.ai_service": {"en": "AI service", "fr": "Service d'IA"},
    "report.kind.hardware": {"en": "Hardware and telecom", "fr": "Matériel et télécoms"},
    "report.sources.explain": {
        "en": "Each superscript number in the tables refers to the record or catalog entry "
              "below that states the fact.",
        "fr": "Chaque numéro en exposant dans les tableaux renvoie ci-dessous à la ligne "
              "importée ou à l'entrée du catalogue qui établit l'information.",
    },
    "report.sources.files": {"en": "Imported files", "fr": "Fichiers importés"},
    "report.sources.file": {"en": "File", "fr": "Fichier"},
    "report.sources.import": {"en": "Import", "fr": "Import"},
    "report.sources.imported_on": {"en": "Imported on", "fr": "Importé le"},
    "report.sources.records": {"en": "Records cited", "fr": "Lignes citées"},
    "report.sources.catalog": {"en": "Catalog sources cited: {count}",
                               "fr": "Sources du catalogue citées : {count}"},
    "report.sources.none": {"en": "No source cited.", "fr": "Aucune source citée."},
    "report.sources.cited": {"en": "Cited facts", "fr": "Informations citées"},
    "report.source.import": {"en": "import #{id}, {when}", "fr": "import n° {id}, {when}"},
    "report.source.catalog": {"en": "catalog:", "fr": "catalogue :"},
    "report.source.ref": {"en": "Source {number}", "fr": "Source {number}"},
    "report.source.as_of": {"en": "as of {when}", "fr": "au {when}"},
    "report.source.checked": {"en": "checked against its source as of {when}",
                              "fr": "vérifiée à sa source au {when}"},
    "report.source.checked_undated": {"en": "checked against its source", "fr": "vérifiée à sa source"},
    "report.source.drafted": {"en": "drafted, not yet checked against its source",
                              "fr": "rédigée, pas encore vérifiée à sa source"},
    "report.source.no_url": {"en": "no public source given",
                             "fr": "pas de source publique indiquée"},
    "report.footer": {
        "en": "Produced by Emprise {version} (EUPL-1.2). This file loads nothing from any network.",
        "fr": "Produit par Emprise {version} (EUPL-1.2). Ce fichier ne charge rien depuis "
              "un réseau.",
    },
})

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
_NBSP = "\u00a0"
_NARROW_NBSP = "\u202f"  # French thousands separator
# Symbols only where they are unambiguous for the reader; other currencies keep their code.
_CURRENCY_SYMBOLS = {
    "en": {"EUR": "€", "GBP": "£", "USD": "US$"},
    "fr": {"EUR": "€", "GBP": "£", "USD": "$\u00a0US"},
}


# -- formatting (no babel: a few rules for two languages) ----------------------


def format_integer(value: int, lang: str) -> str:
    """``12,345`` in English, ``12 345`` (narrow no-break space) in French."""
    text = f"{value:,}"
    return text.replace(",", _NARROW_NBSP) if lang == "fr" else text


def format_money(amount: Decimal, currency: str | None, lang: str) -> str:
    """``€48,600.00`` in English, ``48 600,00 €`` in French; the ISO code when no symbol fits.

    A ``None`` currency gives the bare number (the currency is then unknown).
    """
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, cents = f"{abs(rounded):.2f}".split(".")
    grouped = format_integer(int(whole), lang)
    symbol = _CURRENCY_SYMBOLS[lang].get(currency, currency) if currency else None
    if lang == "fr":
        number = f"{sign}{grouped},{cents}"
        return f"{number}{_NBSP}{symbol}" if symbol else number
    number = f"{grouped}.{cents}"
    if symbol is None:
        return f"{sign}{number}"
    if symbol == currency:  # an ISO code reads "CHF 1,200.00"
        return f"{sign}{symbol}{_NBSP}{number}"
    return f"{sign}{symbol}{number}"


def format_percent(part: Decimal | int, total: Decimal | int, lang: str) -> str:
    """``part`` as a whole percentage of ``total`` (``< 1 %`` rather than a misleading 0)."""
    if not total:
        return "–"
    share = Decimal(part) * 100 / Decimal(total)
    space = _NARROW_NBSP if lang == "fr" else ""
    if 0 < share < 1:
        return f"<{_NBSP}1{space}%"
    return f"{share.quantize(Decimal(1), rounding=ROUND_HALF_UP)}{space}%"


def format_date(day: date, lang: str) -> str:
    """``1 October 2026`` / ``1er octobre 2026``."""
    month = _MONTHS[lang][day.month - 1]
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {month} {day.year}"


def format_datetime(moment: datetime, lang: str) -> str:
    """``29 November 2026, 14:05 UTC`` / ``29 novembre 2026 à 14:05 UTC``."""
    zone = moment.tzname()
    clock = moment.strftime("%H:%M") + (f" {zone}" if zone else "")
    joint = " à " if lang == "fr" else ", "
    return f"{format_date(moment.date(), lang)}{joint}{clock}"


def _format_observed(text: str, lang: str) -> str | None:
    """An ISO date or date-time from a provenance record, as a date; None when absent."""
    if not text:
        return None
    try:
        return format_date(datetime.fromisoformat(text).date(), lang)
    except ValueError:  # not ISO: show it as it was written rather than hide it
        return text


# -- the values the template shows ---------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A value in a table (``None``: shown as unknown) and the numbers of its sources."""

    text: str | None
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class SourceEntry:
    number: int
    catalog: bool
    locator: str
    detail: str | None  # import number and date, or "as of" date
    url: str | None  # only http(s) URLs become links
    url_text: str | None  # a source that is not a web address, shown as text


@dataclass(frozen=True)
class ImportedFile:
    file: str
    import_id: int | None
    imported_on: str | None
    records: int


class _Citations:
    """Numbers sources in the order the report first cites them."""

    def __init__(self, lang: str):
        self.lang = lang
        self.numbers: dict[tuple, int] = {}
        self.entries: list[SourceEntry] = []
        self.records: dict[tuple, set[str]] = {}
        self.files: dict[tuple, str | None] = {}

    def cite(self, provenance: tuple[Provenance, ...]) -> tuple[int, ...]:
        return tuple(sorted({self._number(p) for p in provenance}))

    def _number(self, source: Provenance) -> int:
        url = source.extra.get("url")  # optional: only catalog facts with a source carry one
        key = (source.source, source.import_id, source.file, source.locator, url,
               source.observed_at if source.source == "catalog" else None)
        if key in self.numbers:
            return self.numbers[key]
        number = len(self.entries) + 1
        self.numbers[key] = number
        catalog = source.source == "catalog"
        when = _format_observed(source.observed_at, self.lang)
        if catalog:
            detail = t("report.source.as_of", lang=self.lang, when=when) if when else None
            check = _check_detail(source, self.lang)
            if check:
                detail = f"{detail}; {check}" if detail else check
        else:
            detail = t("report.source.import", lang=self.lang, id=source.import_id,
                       when=when or t("report.unknown", lang=self.lang))
            file_key = (source.file, source.import_id)
            self.files[file_key] = when
            self.records.setdefault(file_key, set()).add(source.locator)
        # Only web addresses become links: a "javascript:" source must stay inert text.
        web = isinstance(url, str) and url.lower().startswith(("https://", "http://"))
        link = url if web else None
        text = str(url) if url is not None and link is None else None
        self.entries.append(SourceEntry(number, catalog, source.locator, detail, link, text))
        return number

    def imported_files(self) -> list[ImportedFile]:
        return [ImportedFile(file, import_id, self.files[file, import_id],
                             len(self.records[file, import_id]))
                for file, import_id in sorted(self.files, key=lambda k: (k[0], k[1] or 0))]


def _check_detail(source: Provenance, lang: str) -> str | None:
    """Whether a cited catalog fact was checked against its page (docs/catalog.md)."""
    status = source.extra.get("check")
    if status == "checked":
        when = _format_observed(source.extra.get("checked_as_of") or "", lang)
        return (t("report.source.checked", lang=lang, when=when) if when
                else t("report.source.checked_undated", lang=lang))
    return t("report.source.drafted", lang=lang) if status == "drafted" else None


def _fact(fact: Fact, citations: _Citations) -> Cell:
    return Cell(fact.value, citations.cite(fact.provenance))


def _country(row: AssetRow, citations: _Citations) -> Cell:
    code = row.country.value
    if code is None:
        return Cell(None)
    text = f"{row.country_name} ({code})" if row.country_name else code
    return Cell(text, citations.cite(row.country.provenance))


def _asset_notes(row: AssetRow, lang: str) -> list[str]:
    """What a DPO looks for under the asset's name, when the inventory says it."""
    asset = row.asset
    notes = []
    if asset.data_location is not None:
        notes.append(t("report.data_location", lang=lang, where=asset.data_location))
    if asset.personal_data is not None:
        notes.append(t(f"report.personal_data.{'yes' if asset.personal_data else 'no'}", lang=lang))
    if asset.users is not None:
        notes.append(t("report.users", lang=lang, count=format_integer(asset.users, lang)))
    return notes


def _row(row: AssetRow, citations: _Citations, lang: str) -> dict:
    chain = row.ownership_chain
    return {
        "asset": Cell(row.asset.name, citations.cite(row.provenance)),
        "declared": row.asset.declared,
        "version": row.asset.version,
        "notes": _asset_notes(row, lang),
        "kind": Cell(t(f"report.kind.{row.asset.kind.value}", lang=lang)
                     if row.asset.kind is not None else None),
        "product": _fact(row.product, citations),
        "vendor": _fact(row.vendor, citations),
        "parent": _fact(row.ultimate_parent, citations),
        "chain": " → ".join(chain) if len(chain) > 1 else None,
        "country": _country(row, citations),
        "scope": row.scope,
        "scope_label": scope_label(row.scope, lang),
        "hosting": [_fact(fact, citations) for fact in row.hosting],
        "cost": Cell(format_money(row.annual_cost, row.currency, lang)
                     if row.annual_cost is not None else None),
    }


def _scope_table(overview: Overview, lang: str) -> list[dict]:
    assets_total = sum(overview.assets_by_scope.values())
    spend_total = sum(overview.spend_by_scope.values(), Decimal(0))
    rows = []
    for scope in SCOPES:
        assets = overview.assets_by_scope[scope]
        spend = overview.spend_by_scope[scope]
        rows.append({
            "scope": scope,
            "label": scope_label(scope, lang),
            "colour": SCOPE_COLOURS[scope],
            "assets": format_integer(assets, lang),
            "assets_share": format_percent(assets, assets_total, lang),
            "assets_width": _width(assets, assets_total),
            "spend": format_money(spend, overview.spend_currency, lang),
            "spend_share": format_percent(spend, spend_total, lang),
            "spend_width": _width(spend, spend_total),
        })
    return rows


def _width(part, total) -> str:
    """A CSS width for a bar segment, in percent with two decimals."""
    return f"{Decimal(part) * 100 / Decimal(total):.2f}" if total and part else "0"


def _parent_rows(overview: Overview, lang: str) -> list[dict]:
    # The analysis ranks parents by name; their country is the one on their assets' rows.
    where = {}
    for row in overview.assets:
        if row.ultimate_parent.known and row.ultimate_parent.value not in where:
            where[row.ultimate_parent.value] = row
    total = len(overview.assets)
    rows = []
    for name, count in overview.top_parents:
        row = where[name]
        code = row.country.value
        rows.append({
            "name": name,
            "country": Cell(None if code is None else
                            f"{row.country_name} ({code})" if row.country_name else code),
            "scope": row.scope,
            "scope_label": scope_label(row.scope, lang),
            "assets": format_integer(count, lang),
            "share": format_percent(count, total, lang),
        })
    return rows


def _context(overview: Overview, *, lang: str, title: str | None, generated_at: datetime,
             store_label: str) -> dict:
    citations = _Citations(lang)
    capabilities = []
    for index, view in enumerate(overview.capabilities, start=1):
        capabilities.append({
            "anchor": f"capability-{index}",
            "name": view.name if view.ref is not None else None,
            "declared": view.ref is not None,
            "criticality": view.criticality,
            "criticality_label": criticality_label(view.criticality, lang),
            "count": plural(len(view.assets), "map.assets", lang),
            "rows": [_row(row, citations, lang) for row in view.assets],
        })
    rows = overview.assets
    costs_known = [row for row in rows if row.annual_cost is not None]
    other_currency = sum(1 for row in costs_known if row.currency != overview.spend_currency)
    known_parents = {row.ultimate_parent.value for row in rows if row.ultimate_parent.known}
    known_countries = {row.country.value for row in rows if row.country.known}
    figures = [
        (overview.counts["asset"], "report.figure.assets"),
        (overview.counts["capability"], "report.figure.capabilities"),
        (overview.counts["vendor"], "report.figure.vendors"),
        (len(known_parents), "report.figure.parents"),
        (len(known_countries), "report.figure.countries"),
    ]
    return {
        "lang": lang,
        "_": functools.partial(t, lang=lang),
        "title": title or t("report.default_title", lang=lang),
        "generated": format_datetime(generated_at, lang),
        "generated_iso": generated_at.isoformat(),
        "store_label": store_label,
        "version": __version__,
        "has_assets": bool(rows),
        "figures": [(format_integer(value, lang), t(key, lang=lang)) for value, key in figures],
        "unknown_facts": format_integer(overview.unknown_facts, lang),
        "has_unknown_facts": overview.unknown_facts > 0,
        "scopes": _scope_table(overview, lang),
        "assets_total": format_integer(sum(overview.assets_by_scope.values()), lang),
        "has_spend": overview.spend_currency is not None,
        "spend_total": format_money(sum(overview.spend_by_scope.values(), Decimal(0)),
                                    overview.spend_currency, lang),
        "spend_currency": overview.spend_currency,
        "cost_unknown": plural(len(rows) - len(costs_known), "report.cost_unknown", lang,
                               total=format_integer(len(rows), lang))
        if len(costs_known) < len(rows) else None,
        "other_currency": plural(other_currency, "report.other_currencies", lang,
                                 currency=overview.spend_currency)
        if other_currency else None,
        "parents": _parent_rows(overview, lang),
        "map_svg": dependency_map_svg(overview, lang=lang),
        "max_parents": MAX_PARENTS,
        "capabilities": capabilities,
        "sources": citations.entries,
        "imported_files": citations.imported_files(),
        "catalog_sources": sum(1 for entry in citations.entries if entry.catalog),
    }


@functools.cache
def _environment():
    # Imported here: the CLI's --help must not pay for Jinja2.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("emprise.views", "templates"),
        autoescape=True,  # every name comes from an untrusted file
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_report(overview: Overview, *, lang: str = "en", title: str | None = None,
                  generated_at: datetime, store_label: str, sections: dict | None = None) -> str:
    """The report on ``overview`` as one self-contained HTML document.

    ``title`` names the organisation or workspace (a default title otherwise);
    ``store_label`` says which store the figures come from; ``sections`` adds the
    contexts of optional sections (e.g. ``{"sovereignty": {...}}``), each shown by its
    own partial template when present. Raises ValueError for a language other than
    those of emprise.i18n.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    from markupsafe import Markup

    context = _context(overview, lang=lang, title=title, generated_at=generated_at,
                       store_label=store_label)
    # The map is built with ElementTree, which escaped every name already.
    context["map_svg"] = Markup(context["map_svg"])
    context.update(sections or {})
    return _environment().get_template("report.html.j2").render(context)


def write_report(overview: Overview, out: Path, *, lang: str = "en", title: str | None = None,
                 generated_at: datetime, store_label: str, sections: dict | None = None) -> Path:
    """Render the report and write it to ``out`` in UTF-8; returns ``out``.

    Raises EmpriseError (naming the file) when it cannot be written.
    """
    html = render_report(overview, lang=lang, title=title, generated_at=generated_at,
                         store_label=store_label, sections=sections)
    out = Path(out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise EmpriseError(f"{out}: cannot write the report: {exc.strerror or exc}") from exc
    return out
