"""The ``emprise`` command. It parses options, calls analyses, and prints their results.

Errors: every ``EmpriseError`` is caught once, here, and printed as one line;
exit statuses are a contract (see ``ExitCode``).
"""

from __future__ import annotations

import enum
import functools
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from emprise import __version__
from emprise.errors import EmpriseError, NotFoundError
from emprise.i18n import messages, set_language, t


class ExitCode(enum.IntEnum):
    OK = 0
    ERROR = 1  # a file could not be read at all, or the store/catalog failed
    USAGE = 2  # bad options (Click's own status)
    REJECTED = 3  # some records were rejected; the others landed


MESSAGES = messages({
    "cli.help": {"en": "Emprise: map and loosen the hold technology suppliers have on your organisation.",
                 "fr": "Emprise : cartographier et desserrer l'emprise des fournisseurs technologiques."},
    "cli.error": {"en": "error", "fr": "erreur"},
    "import.title": {"en": "Import summary", "fr": "Bilan de l'import"},
    "import.file": {"en": "File", "fr": "Fichier"},
    "import.status": {"en": "Status", "fr": "Statut"},
    "import.format": {"en": "Format", "fr": "Format"},
    "import.records": {"en": "Records", "fr": "Enregistrements"},
    "import.assets": {"en": "Assets", "fr": "Actifs"},
    "import.vendors": {"en": "Vendors", "fr": "Éditeurs"},
    "import.countries": {"en": "Countries", "fr": "Pays"},
    "import.rejected": {"en": "Rejected", "fr": "Rejetés"},
    "import.total": {"en": "Store now holds: {assets} assets · {vendors} vendors · {countries} countries "
                           "of ultimate parents · {rejected} rejected records",
                     "fr": "Le référentiel contient : {assets} actifs · {vendors} éditeurs · {countries} pays "
                           "de sociétés mères · {rejected} enregistrements rejetés"},
    "import.status.imported": {"en": "imported", "fr": "importé"},
    "import.status.unchanged": {"en": "unchanged (already imported)", "fr": "inchangé (déjà importé)"},
    "import.status.failed": {"en": "failed", "fr": "échec"},
    "import.progress": {"en": "Importing {name}", "fr": "Import de {name}"},
    "import.more_rejections": {"en": "… {count} more rejected records (all are kept in the store)",
                               "fr": "… {count} autres enregistrements rejetés (tous conservés dans le référentiel)"},
    "import.no_files": {"en": "no file to import in {path}", "fr": "aucun fichier à importer dans {path}"},
    "ls.name": {"en": "Name", "fr": "Nom"},
    "ls.kind": {"en": "Kind", "fr": "Nature"},
    "ls.vendor": {"en": "Vendor", "fr": "Éditeur"},
    "ls.parent": {"en": "Ultimate parent", "fr": "Maison mère ultime"},
    "ls.country": {"en": "Country", "fr": "Pays"},
    "ls.capability": {"en": "Capability", "fr": "Fonction"},
    "ls.assets": {"en": "Assets", "fr": "Actifs"},
    "ls.eu": {"en": "EU", "fr": "UE"},
    "ls.code": {"en": "Code", "fr": "Code"},
    "ls.empty": {"en": "The store is empty: run `emprise import FILE` or `emprise demo`.",
                 "fr": "Le référentiel est vide : lancez `emprise import FICHIER` ou `emprise demo`."},
    "unknown": {"en": "unknown", "fr": "inconnu"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
    "show.not_found": {"en": "nothing named {name!r} in the store", "fr": "rien ne s'appelle {name!r} dans le référentiel"},
    "show.did_you_mean": {"en": "did you mean: {names}?", "fr": "vouliez-vous dire : {names} ?"},
    "show.ambiguous": {"en": "{name!r} matches several nodes: {refs}; give one of these ids",
                       "fr": "{name!r} désigne plusieurs nœuds : {refs} ; donnez l'un de ces identifiants"},
    "show.attributes": {"en": "Attributes", "fr": "Attributs"},
    "show.relations": {"en": "Relations", "fr": "Relations"},
    "show.sources": {"en": "Sources", "fr": "Sources"},
    "show.from_catalog": {"en": "catalog", "fr": "catalogue"},
    "report.written": {"en": "Report written: {path}", "fr": "Rapport écrit : {path}"},
    "export.written": {"en": "Graph written: {path}", "fr": "Graphe écrit : {path}"},
    "settings.name": {"en": "Variable", "fr": "Variable"},
    "settings.value": {"en": "Current value", "fr": "Valeur actuelle"},
    "settings.default": {"en": "Default", "fr": "Par défaut"},
    "settings.help": {"en": "Meaning", "fr": "Signification"},
    "demo.building": {"en": "Building the demo workspace ({org}) in {db}",
                      "fr": "Construction de l'espace de démonstration ({org}) dans {db}"},
    "demo.open": {"en": "Open it in a browser: {url}", "fr": "Ouvrez-le dans un navigateur : {url}"},
    "demo.discovery": {"en": "Proxy log: {lines} lines read, {services} services recorded as undeclared assets ({status}); "
                             "{ai} generative-AI services in use, {unsanctioned} of them not sanctioned.",
                       "fr": "Log du proxy : {lines} lignes lues, {services} services enregistrés comme actifs non déclarés "
                             "({status}) ; {ai} services d'IA générative utilisés, dont {unsanctioned} non autorisés."},
})

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

app = typer.Typer(help=MESSAGES["cli.help"]["en"] + "\n\n" + MESSAGES["cli.help"]["fr"],
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None)


class State:
    db: Optional[str] = None
    overlay: Optional[Path] = None


def _version(value: bool) -> None:
    if value:
        print(f"emprise {__version__}")
        raise typer.Exit()


class Lang(str, enum.Enum):
    en = "en"
    fr = "fr"


DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="EMPRISE_DB", help="Store: a SQLite file path or a SQLAlchemy URL "
    "(postgresql+psycopg://…). Default ./emprise.db")]
LangOption = Annotated[Optional[Lang], typer.Option("--lang", help="Language: en or fr (default: locale).")]
OverlayOption = Annotated[Optional[Path], typer.Option(
    "--overlay", envvar="EMPRISE_CATALOG_OVERLAY",
    help="The organisation's catalog overlay (internal apps, overrides, sanctioned/forbidden).")]


@app.callback()
def root(
    db: DbOption = None,
    lang: LangOption = None,
    overlay: OverlayOption = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    State.db = db
    State.overlay = overlay
    set_language(lang.value if lang else None)
    # Piped or captured output is read by scripts and people alike: don't squeeze it to 80 columns.
    for output in (console, err_console):
        if not output.is_terminal:
            output.width = 200


def handles_errors(command):
    """Turn our errors into one line on stderr and exit status 1; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except EmpriseError as exc:
            err_console.print(f"emprise: {t('cli.error')}: {_error_text(exc)}", markup=False, soft_wrap=True)
            raise typer.Exit(ExitCode.ERROR) from None

    return wrapper


def _error_text(exc: EmpriseError) -> str:
    """The error in the run's language where its words are known (the log engine's, so far)."""
    from emprise.logs.interface import LogError

    if isinstance(exc, LogError):
        from emprise.i18n import language
        from emprise.views.log_texts import log_error_text

        return log_error_text(exc, language())
    return str(exc)


def _store():
    from emprise.store import Store

    return Store.open(State.db)


def _catalog():
    from emprise.catalog import load_catalog

    return load_catalog(overlay=State.overlay)


def _overview(store, catalog):
    from emprise.analyses.inventory import overview
    from emprise.graph.load import eu_members, load_graph

    graph = load_graph(store, catalog)
    return graph, overview(graph, eu_members(catalog))


def _unknown(value) -> str:
    return t("unknown") if value is None else str(value)


# -- import ------------------------------------------------------------------------
def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to import: files as given, directories walked (sorted, hidden files skipped)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                err_console.print(f"emprise: {t('import.no_files', path=path)}", markup=False)
            files.extend(found)
        else:
            files.append(path)
    return files


def run_imports(store, files: list[Path], source_format: Optional[str], *,
                display_names: dict[Path, str] | None = None, max_rejections_shown: int = 1000):
    """Import each file, printing rejections to stderr as they come; returns the results."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from emprise.observations.importer import import_file
    from emprise.observations.resolve import CatalogResolver

    resolver = CatalogResolver(_catalog())
    results = []
    shown = 0
    hidden = 0

    def on_rejection(rejection) -> None:
        nonlocal shown, hidden
        if shown < max_rejections_shown:
            err_console.print(str(rejection), markup=False, soft_wrap=True)
            shown += 1
        else:
            hidden += 1

    interactive = err_console.is_terminal
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} rec."),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=not interactive) as progress:
        for path in files:
            name = (display_names or {}).get(path, str(path))
            task = progress.add_task(t("import.progress", name=name), total=None)
            result = import_file(store, path, source_format=source_format, resolver=resolver,
                                 display_name=name, on_rejection=on_rejection,
                                 on_record=lambda: progress.advance(task))
            progress.remove_task(task)
            if result.error:
                err_console.print(f"emprise: {t('cli.error')}: {result.error}", markup=False, soft_wrap=True)
            for note in result.notes:
                err_console.print(note, markup=False, soft_wrap=True)
            results.append(result)
    if hidden:
        err_console.print(t("import.more_rejections", count=hidden), markup=False)
    return results


def print_import_summary(results, store, catalog) -> None:
    table = Table(title=t("import.title"))
    for column in ("import.file", "import.status", "import.format", "import.records",
                   "import.assets", "import.vendors", "import.countries", "import.rejected"):
        table.add_column(t(column), justify="right" if column not in (
            "import.file", "import.status", "import.format") else "left")
    for result in results:
        imported = result.status == "imported"
        table.add_row(result.file, t(f"import.status.{result.status}"), result.source_format or "—",
                      str(result.records_ok), str(result.nodes.get("asset", 0)) if imported else "—",
                      str(result.nodes.get("vendor", 0)) if imported else "—",
                      str(len(parent_countries(result.vendor_keys, catalog))) if imported else "—",
                      str(result.records_rejected))
    console.print(table)
    counts = store.counts()
    console.print(t("import.total", assets=counts["assets"], vendors=counts["vendors"],
                    countries=len(parent_countries(store.keys("vendor"), catalog)),
                    rejected=counts["rejections"]))


def parent_countries(vendor_keys, catalog) -> set[str]:
    """Countries of the ultimate parents of these vendors, as far as the catalog knows.

    Cheap on purpose (no graph build): the summary must not cost more than the import.
    """
    countries = set()
    for key in vendor_keys:
        if catalog.vendor(key) is not None:
            top = catalog.ultimate_parent(key)
            if top.country:
                countries.add(top.country)
    return countries


def exit_code_for(results) -> ExitCode:
    if any(r.status == "failed" for r in results):
        return ExitCode.ERROR
    if any(r.status == "imported" and r.records_rejected for r in results):
        return ExitCode.REJECTED
    return ExitCode.OK


@app.command("import")
@handles_errors
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to import.")],
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Force the input format "
                      "(default: detected from the content).")] = None,
) -> None:
    """Import inventories, SBOMs, e-invoices and FECs.

    Exit 0: all landed; 3: some records rejected; 1: a file unreadable.
    """
    if format is not None:
        from emprise.sources import source_class

        source_class(format)  # fail early, listing the valid names
    store = _store()
    files = expand_paths(paths)
    results = run_imports(store, files, format)
    print_import_summary(results, store, _catalog())
    raise typer.Exit(exit_code_for(results))


# -- ls / show ---------------------------------------------------------------------
class What(str, enum.Enum):
    assets = "assets"
    vendors = "vendors"
    countries = "countries"
    capabilities = "capabilities"


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"


@app.command("ls")
@handles_errors
def ls_command(
    what: Annotated[What, typer.Argument(help="What to list.")] = What.assets,
    format: Annotated[ListFormat, typer.Option("--format", help="table or json")] = ListFormat.table,
) -> None:
    """List assets, vendors, countries or capabilities, with who ultimately controls them."""
    from emprise.analyses.listing import list_rows

    store = _store()
    catalog = _catalog()
    graph, view = _overview(store, catalog)
    rows = list_rows(what.value, graph, view, catalog)
    if format is ListFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        console.print(t("ls.empty"))
        return
    labels = {"name": "ls.name", "kind": "ls.kind", "vendor": "ls.vendor", "ultimate_parent": "ls.parent",
              "country": "ls.country", "capabilities": "ls.capability", "assets": "ls.assets",
              "eu": "ls.eu", "code": "ls.code"}
    columns = [c for c in rows[0] if c in labels]
    table = Table()
    for column in columns:
        table.add_column(t(labels[column]), justify="right" if column == "assets" else "left")
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in columns))
    console.print(table)


def _cell(value) -> str:
    if value is None:
        return t("unknown")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


@app.command("show")
@handles_errors
def show_command(name: Annotated[str, typer.Argument(help="A name or id (asset:key, vendor:key…).")]) -> None:
    """Show one asset, product, vendor, capability or country: its facts, relations and sources."""
    from emprise.analyses.listing import describe, find_nodes

    store = _store()
    catalog = _catalog()
    graph, _ = _overview(store, catalog)
    matches, suggestions = find_nodes(graph, name)
    if not matches:
        hint = f"; {t('show.did_you_mean', names=', '.join(suggestions))}" if suggestions else ""
        raise NotFoundError(t("show.not_found", name=name) + hint)
    if len(matches) > 1:
        raise NotFoundError(t("show.ambiguous", name=name, refs=", ".join(str(m) for m in matches)))
    info = describe(graph, matches[0])
    console.print(f"[bold]{_escape(info['name'])}[/bold]  ({info['id']})")
    console.print(f"[bold]{t('show.attributes')}[/bold]")
    for key, value in info["attributes"].items():
        console.print(f"  {key}: {_escape(_cell(value))}")
    console.print(f"[bold]{t('show.relations')}[/bold]")
    for relation in info["relations"]:
        arrow = "→" if relation["direction"] == "out" else "←"
        cites = "; ".join(relation["sources"]) or t("unknown")
        console.print(f"  {relation['kind']} {arrow} {_escape(relation['name'])} ({relation['id']})"
                      f"  [dim]{_escape(cites)}[/dim]")
    console.print(f"[bold]{t('show.sources')}[/bold]")
    for source in info["sources"] or [t("unknown")]:
        console.print(f"  {_escape(source)}")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(str(text))


@app.command("settings")
def settings_command() -> None:
    """List the EMPRISE_* environment settings, their defaults and current values."""
    from emprise.i18n import language
    from emprise.settings import SETTINGS

    table = Table()
    for column in ("settings.name", "settings.value", "settings.default", "settings.help"):
        table.add_column(t(column))
    for setting in SETTINGS:
        value = setting.current()
        shown = "—" if value is None else ("(set)" if setting.secret else value)
        table.add_row(setting.env, shown, setting.default,
                      setting.help_fr if language() == "fr" else setting.help_en)
    console.print(table)


# -- export / report / demo ----------------------------------------------------------
class ExportFormat(str, enum.Enum):
    json = "json"
    graphml = "graphml"
    csv = "csv"


@app.command("export")
@handles_errors
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json, graphml or csv")] = ExportFormat.json,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the whole graph (nodes, edges, provenance)."""
    from emprise.graph.export import EXPORTERS
    from emprise.graph.load import load_graph

    graph = load_graph(_store(), _catalog())
    text = EXPORTERS[format.value](graph)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        err_console.print(t("export.written", path=out), markup=False)


class ReportFormat(str, enum.Enum):
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


@app.command("report")
@handles_errors
def report_command(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="File to write (default: "
                   "emprise-report.html, .pdf or .xlsx).")] = None,
    format: Annotated[Optional[ReportFormat], typer.Option("--format", "-f", help="html, pdf or xlsx "
                      "(default: from the --out suffix, else html).")] = None,
    lang: LangOption = None,
    title: Annotated[Optional[str], typer.Option("--title", help="Title of the report.")] = None,
) -> None:
    """Write a self-contained report: HTML, PDF or XLSX (no network, no CDN)."""
    from emprise.views.report_export import report_format

    if lang is not None:
        set_language(lang.value)
    kind, out = report_format(out, format.value if format else None)
    path = write_html_report(_store(), _catalog(), out, title, kind)
    console.print(t("report.written", path=path), markup=False)


def write_html_report(store, catalog, out: Path, title: Optional[str], format: str = "html") -> Path:
    from emprise.i18n import language
    from emprise.views.report_export import write_report_file

    return write_report_file(store, catalog, out, title=title, lang=language(), format=format)


@app.command("demo")
@handles_errors
def demo_command(
    lang: LangOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML report to write.")] = Path("emprise-report.html"),
) -> None:
    """Build the demo workspace (a fictional French agglomeration) here and write its report."""
    from emprise.demo import DEMO_ORGANISATION, demo_files
    from emprise.store import describe_location

    if lang is not None:
        set_language(lang.value)
    store = _store()
    console.print(t("demo.building", org=DEMO_ORGANISATION, db=describe_location(store.url)), markup=False)
    files = demo_files()
    results = run_imports(store, [path for path, _ in files], None,
                          display_names={path: name for path, name in files})
    catalog = _catalog() if State.overlay else load_demo_catalog()
    print_import_summary(results, store, catalog)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(ExitCode.ERROR)
    _demo_discovery(store, catalog)
    path = write_html_report(store, catalog, out, DEMO_ORGANISATION).resolve()
    console.print(t("report.written", path=path), markup=False)
    console.print(t("demo.open", url=path.as_uri()), markup=False)


def load_demo_catalog():
    """The catalog with the demo organisation's overlay (its stance on AI services)."""
    from emprise.catalog import load_catalog
    from emprise.demo import DEMO_OVERLAY

    return load_catalog(overlay=DEMO_OVERLAY)


def _demo_discovery(store, catalog) -> None:
    """Shadow AI on the demo's proxy log, recorded in the store like ``discover --import``
    (identities pseudonymised with the workspace's key, kept next to the store)."""
    from emprise.demo import DEMO_PROXY_LOG
    from emprise.i18n import language
    from emprise.logs.discover import discover
    from emprise.logs.findings import import_findings
    from emprise.logs.privacy import Pseudonymiser, key_path, load_or_create_key, min_group_size
    from emprise.views.report import format_integer

    pseudonymiser = Pseudonymiser(load_or_create_key(key_path(State.db)))
    result = discover([DEMO_PROXY_LOG], catalog=catalog, pseudonymiser=pseudonymiser, min_group=min_group_size(None),
                      lang=language(), display_names={DEMO_PROXY_LOG: f"demo/{DEMO_PROXY_LOG.name}"})
    outcome = import_findings(store, result, inputs=[f"demo/{DEMO_PROXY_LOG.name}"])
    ai_rows = [row for row in result.rows if row.ai]
    console.print(t("demo.discovery", lines=format_integer(sum(f.lines for f in result.files), language()),
                    services=outcome.assets,
                    ai=len(ai_rows), unsanctioned=sum(1 for row in ai_rows if row.sanction != "sanctioned"),
                    status=t(f"import.status.{outcome.status}")), markup=False)


# Commands that live in their own modules: each module has ``register(app)``. One line
# per module; modules must stay light to import (heavy work inside the commands).
COMMAND_MODULES: tuple[str, ...] = (
    "emprise.views.cli_catalog",
    "emprise.views.cli_discover",
    "emprise.views.cli_plan",
    "emprise.views.cli_sovereignty",
    "emprise.views.cli_spend",
    "emprise.views.cli_watch",
)


def _register_commands() -> None:
    import importlib

    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(app)


_register_commands()


def main() -> None:
    """Console entry point."""
    app()
