"""``emprise catalog``: search, show, count, resolve and validate the catalog.

Mounted by the main CLI as ``emprise catalog``; usable on its own (tests invoke
``catalog_app`` directly). Errors are printed as one line and exit with status 1.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from emprise.errors import EmpriseError
from emprise.i18n import messages, set_language, t

MESSAGES = messages({
    "catalog.help": {"en": "Search and check the catalog: products, vendors, owners, countries, laws.",
                     "fr": "Chercher et vérifier le catalogue : produits, éditeurs, propriétaires, pays, lois."},
    "catalog.search.help": {"en": "Find products and vendors whose name, id or alias contains TEXT.",
                            "fr": "Trouver les produits et éditeurs dont le nom, l'identifiant ou un alias contient TEXTE."},
    "catalog.show.help": {"en": "Show one product, vendor, country or law with the source of each fact.",
                          "fr": "Afficher un produit, un éditeur, un pays ou une loi avec la source de chaque information."},
    "catalog.stats.help": {"en": "Count entries and sourced facts.", "fr": "Compter les entrées et les informations sourcées."},
    "catalog.resolve.help": {"en": "Say which product, vendor, ultimate parent and country a host, purl, CPE or VAT/SIREN number belongs to.",
                             "fr": "Dire à quel produit, éditeur, maison mère ultime et pays appartient un hôte, un purl, un CPE ou un numéro de TVA/SIREN."},
    "catalog.validate.help": {"en": "Check the catalog (and an organisation overlay): exit 1 listing FILE:LINE: reason.",
                              "fr": "Vérifier le catalogue (et une surcouche d'organisation) : code 1 et liste FICHIER:LIGNE: raison."},
    "catalog.opt.format": {"en": "Output format: table or json.", "fr": "Format de sortie : table ou json."},
    "catalog.opt.overlay": {"en": "Organisation overlay file (YAML).", "fr": "Fichier de surcouche de l'organisation (YAML)."},
    "catalog.opt.lang": {"en": "Language: en or fr.", "fr": "Langue : en ou fr."},
    "catalog.kind": {"en": "Kind", "fr": "Type"},
    "catalog.kind.product": {"en": "product", "fr": "produit"},
    "catalog.kind.vendor": {"en": "vendor", "fr": "éditeur"},
    "catalog.kind.country": {"en": "country", "fr": "pays"},
    "catalog.kind.law": {"en": "law", "fr": "loi"},
    "catalog.id": {"en": "Id", "fr": "Identifiant"},
    "catalog.name": {"en": "Name", "fr": "Nom"},
    "catalog.category": {"en": "Category", "fr": "Catégorie"},
    "catalog.vendor": {"en": "Vendor", "fr": "Éditeur"},
    "catalog.ultimate_parent": {"en": "Ultimate parent", "fr": "Maison mère ultime"},
    "catalog.country": {"en": "Country", "fr": "Pays"},
    "catalog.input": {"en": "Input", "fr": "Entrée"},
    "catalog.product": {"en": "Product", "fr": "Produit"},
    "catalog.fact": {"en": "Fact", "fr": "Information"},
    "catalog.value": {"en": "Value", "fr": "Valeur"},
    "catalog.source": {"en": "Source", "fr": "Source"},
    "catalog.as_of": {"en": "As of", "fr": "Au"},
    "catalog.where": {"en": "Catalog file", "fr": "Fichier du catalogue"},
    "catalog.check": {"en": "Checked?", "fr": "Vérifiée ?"},
    "catalog.checked": {"en": "checked as of {as_of}", "fr": "vérifiée au {as_of}"},
    "catalog.checked_undated": {"en": "checked (page undated)", "fr": "vérifiée (page non datée)"},
    "catalog.checked_on": {"en": "{status} against {url}", "fr": "{status} sur {url}"},
    "catalog.drafted": {"en": "drafted, not yet checked", "fr": "rédigée, pas encore vérifiée"},
    "catalog.items_checked": {"en": "items checked: {items}", "fr": "éléments vérifiés : {items}"},
    "catalog.overlay_fact": {"en": "stated by the organisation's overlay", "fr": "indiquée par la surcouche de l'organisation"},
    "catalog.checked_legend": {
        "en": "Checked: someone opened the cited page and it supported the fact. Drafted: stated from the "
              "maintainers' knowledge or a data set; its source has not been opened to confirm it yet.",
        "fr": "Vérifiée : quelqu'un a ouvert la page citée et elle confirmait l'information. Rédigée : écrite d'après "
              "les connaissances des mainteneurs ou un jeu de données ; sa source n'a pas encore été ouverte pour la confirmer."},
    "catalog.unknown": {"en": "unknown", "fr": "inconnu"},
    "catalog.no_match": {"en": "nothing in the catalog matches {text!r}", "fr": "rien dans le catalogue ne correspond à {text!r}"},
    "catalog.not_found": {"en": "no product, vendor, country or law has the id {id!r}",
                          "fr": "aucun produit, éditeur, pays ou loi n'a l'identifiant {id!r}"},
    "catalog.did_you_mean": {"en": "did you mean: {ids}?", "fr": "vouliez-vous dire : {ids} ?"},
    "catalog.chain": {"en": "Ownership chain", "fr": "Chaîne de contrôle"},
    "catalog.laws": {"en": "Laws with extraterritorial reach", "fr": "Lois à portée extraterritoriale"},
    "catalog.products_of": {"en": "Products", "fr": "Produits"},
    "catalog.alternatives": {"en": "Alternatives", "fr": "Alternatives"},
    "catalog.acquisitions": {"en": "Acquisitions", "fr": "Acquisitions"},
    "catalog.acquired": {"en": "acquired by {acquirer} in {year}", "fr": "rachetée par {acquirer} en {year}"},
    "catalog.domains": {"en": "Domain rules", "fr": "Règles de domaine"},
    "catalog.stats.title": {"en": "Catalog", "fr": "Catalogue"},
    "catalog.stats.products": {"en": "Products", "fr": "Produits"},
    "catalog.stats.ai_services": {"en": "Generative-AI services", "fr": "Services d'IA générative"},
    "catalog.stats.vendors": {"en": "Vendors", "fr": "Éditeurs"},
    "catalog.stats.vendors_with_country": {"en": "Vendors with a country", "fr": "Éditeurs avec un pays"},
    "catalog.stats.vendors_with_country_and_parent": {"en": "Vendors with a country and a known ultimate parent",
                                                      "fr": "Éditeurs avec un pays et une maison mère ultime connue"},
    "catalog.stats.countries": {"en": "Countries", "fr": "Pays"},
    "catalog.stats.laws": {"en": "Laws", "fr": "Lois"},
    "catalog.stats.categories": {"en": "Categories", "fr": "Catégories"},
    "catalog.stats.domain_rules": {"en": "Domain rules", "fr": "Règles de domaine"},
    "catalog.stats.facts": {"en": "Facts", "fr": "Informations"},
    "catalog.stats.facts_sourced": {"en": "Facts with a source and a date", "fr": "Informations sourcées et datées"},
    "catalog.stats.facts_checked": {"en": "Facts checked against their source", "fr": "Informations vérifiées à leur source"},
    "catalog.stats.facts_drafted": {"en": "Facts drafted, not yet checked", "fr": "Informations rédigées, pas encore vérifiées"},
    "catalog.stats.by_kind": {"en": "Checked facts by kind of entry", "fr": "Informations vérifiées par type d'entrée"},
    "catalog.stats.checked": {"en": "Checked", "fr": "Vérifiées"},
    "catalog.stats.kind.vendors": {"en": "vendors", "fr": "éditeurs"},
    "catalog.stats.kind.products": {"en": "products", "fr": "produits"},
    "catalog.stats.kind.countries": {"en": "countries", "fr": "pays"},
    "catalog.stats.kind.laws": {"en": "laws", "fr": "lois"},
    "catalog.stats.by_category": {"en": "Products by category", "fr": "Produits par catégorie"},
    "catalog.stats.by_country": {"en": "Vendors by country (top 15)", "fr": "Éditeurs par pays (15 premiers)"},
    "catalog.count": {"en": "Count", "fr": "Nombre"},
    "catalog.valid": {"en": "catalog valid: {products} products, {vendors} vendors, {facts} sourced facts",
                      "fr": "catalogue valide : {products} produits, {vendors} éditeurs, {facts} informations sourcées"},
    "catalog.valid_overlay": {"en": "overlay valid: {path}", "fr": "surcouche valide : {path}"},
    "catalog.invalid": {"en": "{count} problem(s) found", "fr": "{count} problème(s) trouvé(s)"},
    "catalog.error": {"en": "error", "fr": "erreur"},
})

FORMATS = ("table", "json")

catalog_app = typer.Typer(
    name="catalog",
    help="Search and check the catalog / Chercher et vérifier le catalogue.",
    no_args_is_help=True,
    add_completion=False,
)


@catalog_app.callback()
def _options(
    lang: Annotated[Optional[str], typer.Option("--lang", help="en | fr")] = None,
) -> None:
    """Search and check the catalog: products, vendors, owners, countries, laws."""
    if lang is not None:
        set_language(lang)


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"{t('catalog.error')}: {message}", err=True)
    return typer.Exit(1)


def _load(overlay: Path | None = None):
    from emprise.catalog import load_catalog

    return load_catalog(overlay=overlay)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} (expected one of: {', '.join(FORMATS)})", param_hint="--format")


FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | json")]
OverlayOption = Annotated[Optional[Path], typer.Option("--overlay", help="overlay.yaml", exists=False)]


@catalog_app.command("search", help="Find products and vendors whose name, id or alias contains TEXT.")
def search_command(
    text: Annotated[str, typer.Argument(help="TEXT")],
    fmt: FormatOption = "table",
    limit: Annotated[int, typer.Option("--limit", help="maximum results")] = 30,
    overlay: OverlayOption = None,
) -> None:
    _check_format(fmt)
    try:
        catalog = _load(overlay)
    except EmpriseError as exc:
        raise _fail(str(exc)) from exc
    from emprise.catalog import ProductEntry

    found = catalog.search(text, limit=limit)
    rows = []
    for entry in found:
        if isinstance(entry, ProductEntry):
            vendor = entry.vendor
            top = _known_top(catalog, vendor)
            rows.append({"kind": "product", "id": entry.id, "name": entry.name, "category": entry.category,
                         "vendor": vendor, "ultimate_parent": top,
                         "country": catalog.vendor(vendor).country if vendor else None})
        else:
            rows.append({"kind": "vendor", "id": entry.id, "name": entry.name, "category": None,
                         "vendor": entry.id, "ultimate_parent": _known_top(catalog, entry.id), "country": entry.country})
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo(t("catalog.no_match", text=text))
        raise typer.Exit(0)
    table = Table()
    for key in ("catalog.kind", "catalog.id", "catalog.name", "catalog.category", "catalog.ultimate_parent", "catalog.country"):
        table.add_column(t(key), overflow="fold")
    for row in rows:
        table.add_row(t(f"catalog.kind.{row['kind']}"), row["id"], row["name"], row["category"] or "",
                      row["ultimate_parent"] or t("catalog.unknown"), row["country"] or t("catalog.unknown"))
    _console().print(table)


def _known_top(catalog, vendor_id: str | None) -> str | None:
    """The ultimate parent's id when the chain is known to its top, else None."""
    if vendor_id is None:
        return None
    top = catalog.ultimate_parent(vendor_id)
    return top.id if top.controlled is False else None


@catalog_app.command("show", help="Show one product, vendor, country or law with the source of each fact.")
def show_command(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="an id; vendor:ID, product:ID, country:CODE or law:ID when ids clash")],
    fmt: FormatOption = "table",
    overlay: OverlayOption = None,
) -> None:
    _check_format(fmt)
    try:
        catalog = _load(overlay)
    except EmpriseError as exc:
        raise _fail(str(exc)) from exc
    entry, kind = _lookup(catalog, entry_id)
    if entry is None:
        suggestions = [e.id for e in catalog.search(entry_id, limit=5)]
        message = t("catalog.not_found", id=entry_id)
        if suggestions:
            message += "; " + t("catalog.did_you_mean", ids=", ".join(suggestions))
        raise _fail(message)
    facts = _facts(entry, overlay=catalog.overlay)
    if fmt == "json":
        document = {"kind": kind, "id": entry.id, "facts": facts}
        document.update(_extras(catalog, entry, kind))
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return
    console = _console()
    console.print(f"[bold]{getattr(entry, 'name', None) or entry.name_en}[/bold] ({t('catalog.kind.' + kind)} {entry.id})")
    table = Table()
    for key in ("catalog.fact", "catalog.value", "catalog.source", "catalog.as_of", "catalog.check", "catalog.where"):
        table.add_column(t(key), overflow="fold")
    for fact in facts:
        table.add_row(fact["fact"], _text(fact["value"]), fact["source"], fact["as_of"], _check_text(fact), fact["where"])
    console.print(table)
    console.print(t("catalog.checked_legend"))
    extras = _extras(catalog, entry, kind)
    if extras.get("ownership_chain"):
        console.print(f"[bold]{t('catalog.chain')}[/bold]: " + " → ".join(
            f"{link['name']} ({link['country'] or t('catalog.unknown')})" for link in extras["ownership_chain"]))
    if extras.get("acquisitions"):
        for item in extras["acquisitions"]:
            console.print(f"[bold]{t('catalog.acquisitions')}[/bold]: "
                          + t("catalog.acquired", acquirer=item["acquirer"], year=item["year"]) + f" — {item['source']}"
                          + f" ({_check_text(item)})")
    if extras.get("laws"):
        console.print(f"[bold]{t('catalog.laws')}[/bold]: " + ", ".join(extras["laws"]))
    if extras.get("products"):
        console.print(f"[bold]{t('catalog.products_of')}[/bold]: " + ", ".join(extras["products"]))
    if extras.get("alternatives"):
        console.print(f"[bold]{t('catalog.alternatives')}[/bold]: " + ", ".join(
            f"{a['product']} ({a['fit']})" for a in extras["alternatives"]))


def _lookup(catalog, entry_id: str):
    """The entry with this id; ``vendor:github`` picks the vendor when a product shares its id."""
    kinds = {"product": catalog.product, "vendor": catalog.vendor, "law": catalog.law, "country": catalog.country}
    prefix, sep, rest = entry_id.partition(":")
    if sep and prefix in kinds:
        entry = kinds[prefix](rest)
        return (entry, prefix) if entry is not None else (None, None)
    for kind in ("product", "vendor", "law"):
        entry = kinds[kind](entry_id)
        if entry is not None:
            return entry, kind
    if re.fullmatch(r"[A-Za-z]{2}", entry_id):
        entry = catalog.country(entry_id)
        if entry is not None:
            return entry, "country"
    return None, None


def _facts(entry, overlay: str | None = None) -> list[dict]:
    rows = []
    for fact, ref in sorted(entry.facts().items(), key=lambda item: (item[1].line, item[0])):
        rows.append({"fact": fact, "value": _value_of(entry, fact), "source": ref.source,
                     "as_of": ref.as_of.isoformat(), "where": f"{ref.file}:{ref.line}", **_status(ref, overlay)})
    return rows


def _status(ref, overlay: str | None = None) -> dict:
    """``status`` (checked, drafted, or overlay: the organisation's own statement),
    ``checked`` ({url, as_of, status} of the check, else null), and the items of a
    list checked one by one when there are some."""
    status = "overlay" if overlay is not None and ref.file == overlay else ref.status
    document = {"status": status, "checked": ref.check.as_dict() if ref.check is not None else None}
    if ref.item_checks:
        document["items_checked"] = [check.as_dict() for check in ref.item_checks]
    return document


def _check_text(fact: dict) -> str:
    """What ``show`` prints of a fact's check, in the current language."""
    if fact["status"] == "overlay":
        return t("catalog.overlay_fact")
    check = fact["checked"]
    if check is None:
        text = t("catalog.drafted")
        if fact.get("items_checked"):
            text += "; " + t("catalog.items_checked", items=", ".join(
                f"{c['item']} ({c['as_of'] or '?'})" for c in fact["items_checked"]))
        return text
    text = t("catalog.checked", as_of=check["as_of"]) if check["as_of"] else t("catalog.checked_undated")
    if check["url"] != fact.get("source"):
        text = t("catalog.checked_on", status=text, url=check["url"])
    return text


def _value_of(entry, fact: str):
    if fact == "parent":
        return entry.parent if entry.controlled else "none"
    if "." in fact:
        head, tail = fact.split(".", 1)
        return getattr(getattr(entry, head), tail)
    value = getattr(entry, fact)
    if fact == "domains":
        return [str(rule) for rule in value]
    if fact == "alternatives":
        return [f"{a.product} ({a.fit.value})" for a in value]
    return value


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(getattr(value, "value", value))


def _extras(catalog, entry, kind: str) -> dict:
    extras: dict = {}
    vendor_id = entry.id if kind == "vendor" else getattr(entry, "vendor", None) if kind == "product" else None
    if vendor_id is not None:
        chain = catalog.ownership_chain(vendor_id)
        extras["ownership_chain"] = [{"id": v.id, "name": v.name, "country": v.country} for v in chain]
        extras["ultimate_parent_known"] = chain[-1].controlled is False
        top_country = catalog.country(chain[-1].country) if chain[-1].country else None
        extras["laws"] = list(top_country.laws) if top_country else []
    if kind == "vendor":
        extras["acquisitions"] = [{"acquirer": a.acquirer, "year": a.year, "source": a.ref.source, **_status(a.ref)}
                                  for a in entry.acquisitions]
        extras["products"] = [p.id for p in catalog.products_of(entry.id)]
    if kind == "product":
        extras["alternatives"] = [{"product": a.product, "fit": a.fit.value, "source": a.ref.source, **_status(a.ref)}
                                  for a in entry.alternatives]
        extras["ai_service"] = catalog.is_ai_service(entry)
        extras["sanction"] = entry.sanction.value if entry.sanction else None
    return extras


@catalog_app.command("stats", help="Count entries and sourced facts.")
def stats_command(fmt: FormatOption = "table", overlay: OverlayOption = None) -> None:
    _check_format(fmt)
    try:
        stats = _load(overlay).stats()
    except EmpriseError as exc:
        raise _fail(str(exc)) from exc
    if fmt == "json":
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    console = _console()
    table = Table(title=t("catalog.stats.title"))
    table.add_column(t("catalog.fact"))
    table.add_column(t("catalog.count"), justify="right")
    for key in ("products", "ai_services", "vendors", "vendors_with_country", "vendors_with_country_and_parent",
                "countries", "laws", "categories", "domain_rules", "facts", "facts_sourced", "facts_checked",
                "facts_drafted"):
        table.add_row(t(f"catalog.stats.{key}"), f"{stats[key]:,}")
    console.print(table)
    kinds = Table(title=t("catalog.stats.by_kind"))
    for key in ("catalog.kind", "catalog.stats.facts", "catalog.stats.checked"):
        kinds.add_column(t(key), justify="left" if key == "catalog.kind" else "right")
    for kind, counts in stats["facts_checked_by_kind"].items():
        kinds.add_row(t(f"catalog.stats.kind.{kind}"), f"{counts['facts']:,}", f"{counts['checked']:,}")
    console.print(kinds)
    for title, key, limit in (("catalog.stats.by_category", "products_by_category", None),
                              ("catalog.stats.by_country", "vendors_by_country", 15)):
        sub = Table(title=t(title))
        sub.add_column(t("catalog.name"))
        sub.add_column(t("catalog.count"), justify="right")
        for name, count in list(stats[key].items())[:limit]:
            sub.add_row(name, str(count))
        console.print(sub)


def resolve_one(catalog, text: str) -> dict:
    """What the catalog says of one host, purl or tax number (nulls when unknown)."""
    from emprise.catalog.taxids import tax_id_keys

    from emprise.catalog.cpes import is_cpe

    product = vendor = None
    if text.startswith("pkg:"):
        kind = "purl"
        product = catalog.product_for_purl(text)
        vendor = catalog.vendor_for_purl(text)
    elif is_cpe(text):
        kind = "cpe"
        product = catalog.product_for_cpe(text)
        vendor = catalog.vendor_for_cpe(text)
    elif any(tax_id_keys(text)):
        # Only numbers whose checksum holds count as tax ids: "chat.mistral.ai" is a host.
        kind = "tax_id"
        vendor = catalog.vendor_for_tax_id(text)
    else:
        kind = "host"
        product = catalog.product_for_host(text)
    if product is not None and vendor is None and product.vendor is not None:
        vendor = catalog.vendor(product.vendor)
    top = None
    if vendor is not None:
        chain_top = catalog.ultimate_parent(vendor.id)
        top = chain_top if chain_top.controlled is False else None
    top_country = catalog.country(top.country) if top is not None and top.country else None
    # Whether those facts were checked against a page (null when the fact is unknown):
    # the ultimate parent is checked when every ``parent`` link up to it is.
    chain = catalog.ownership_chain(vendor.id) if top is not None else []
    return {
        "input": text,
        "kind": kind,
        "product": product.id if product else None,
        "product_name": product.name if product else None,
        "category": product.category if product else None,
        "ai_service": catalog.is_ai_service(product) if product else None,
        "vendor": vendor.id if vendor else None,
        "vendor_name": vendor.name if vendor else None,
        "ultimate_parent": top.id if top else None,
        "ultimate_parent_name": top.name if top else None,
        "country": vendor.country if vendor else None,
        "ultimate_parent_country": top.country if top else None,
        "laws": list(top_country.laws) if top_country else [],
        "sanction": product.sanction.value if product and product.sanction else None,
        "country_checked": _fact_checked(vendor, "country") if vendor and vendor.country else None,
        "ultimate_parent_checked": all(_fact_checked(v, "parent") for v in chain) if top else None,
        "ultimate_parent_country_checked": _fact_checked(top, "country") if top and top.country else None,
    }


def _fact_checked(entry, fact: str) -> bool:
    ref = entry.sources.get(fact)
    return ref is not None and ref.check is not None


@catalog_app.command("resolve", help="Say which product, vendor, ultimate parent and country a host, purl, CPE or VAT/SIREN number belongs to.")
def resolve_command(
    inputs: Annotated[list[str], typer.Argument(metavar="HOST|PURL|CPE|VAT...")],
    fmt: FormatOption = "table",
    overlay: OverlayOption = None,
) -> None:
    _check_format(fmt)
    try:
        catalog = _load(overlay)
    except EmpriseError as exc:
        raise _fail(str(exc)) from exc
    results = [resolve_one(catalog, text) for text in inputs]
    if fmt == "json":
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    unknown = t("catalog.unknown")
    table = Table()
    for key in ("catalog.input", "catalog.product", "catalog.vendor", "catalog.ultimate_parent", "catalog.country"):
        table.add_column(t(key), overflow="fold")
    for row in results:
        table.add_row(row["input"], row["product"] or unknown, row["vendor"] or unknown,
                      row["ultimate_parent"] or unknown, row["ultimate_parent_country"] or row["country"] or unknown)
    _console().print(table)


@catalog_app.command("validate", help="Check the catalog (and an organisation overlay): exit 1 listing FILE:LINE: reason.")
def validate_command(
    overlay: Annotated[Optional[Path], typer.Argument(metavar="[OVERLAY]")] = None,
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", hidden=True)] = None,
) -> None:
    from emprise.catalog import DATA_DIR, CatalogValidationError
    from emprise.catalog.loader import apply_overlay, load_compiled

    root = data_dir or DATA_DIR
    try:
        # The cache is keyed by the files' names, sizes and mtimes and only written by a
        # successful compile: a hit means these very files already passed every check.
        catalog = load_compiled(root)
        if overlay is not None:
            apply_overlay(catalog, overlay)
    except CatalogValidationError as exc:
        for issue in exc.issues:
            where = issue.file if Path(issue.file).is_absolute() or overlay is not None and issue.file == str(overlay) else _shown(root / issue.file)
            typer.echo(f"{where}:{issue.line}: {issue.reason}")
        typer.echo(t("catalog.invalid", count=len(exc.issues)), err=True)
        raise typer.Exit(1) from exc
    except EmpriseError as exc:
        typer.echo(str(exc))
        raise typer.Exit(1) from exc
    stats = catalog.stats()
    typer.echo(t("catalog.valid", products=stats["products"], vendors=stats["vendors"], facts=stats["facts_sourced"]))
    if overlay is not None:
        typer.echo(t("catalog.valid_overlay", path=overlay))


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when under it: clickable in terminals and editors."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def register(app: typer.Typer) -> None:
    """Mount ``emprise catalog …`` on the main command."""
    app.add_typer(catalog_app, name="catalog")
