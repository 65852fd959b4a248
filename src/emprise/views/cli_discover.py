"""``emprise discover``: Shadow AI and Shadow IT found in proxy, DNS and Zeek logs.

Light at import time: Ibis, DuckDB and Spark load inside the command.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from emprise.i18n import language, messages, t
from emprise.views.log_texts import log_text

MESSAGES = messages({
    "discover.help": {"en": "Find the AI and SaaS services used, from proxy, DNS and Zeek logs (users pseudonymised).",
                      "fr": "Trouver les services d'IA et SaaS utilisés, d'après les journaux proxy, DNS et Zeek (utilisateurs pseudonymisés)."},
    "discover.service": {"en": "Service", "fr": "Service"},
    "discover.vendor": {"en": "Vendor", "fr": "Éditeur"},
    "discover.country": {"en": "Country", "fr": "Pays"},
    "discover.category": {"en": "Category", "fr": "Catégorie"},
    "discover.sanctioned": {"en": "Status", "fr": "Statut"},
    "discover.users": {"en": "Users", "fr": "Utilisateurs"},
    "discover.requests": {"en": "Requests", "fr": "Requêtes"},
    "discover.bytes": {"en": "Bytes", "fr": "Octets"},
    "discover.bytes_out": {"en": "Sent", "fr": "Envoyés"},
    "discover.bytes_in": {"en": "Received", "fr": "Reçus"},
    "discover.trend": {"en": "Requests per day", "fr": "Requêtes par jour"},
    "discover.stance.sanctioned": {"en": "sanctioned", "fr": "autorisé"},
    "discover.stance.tolerated": {"en": "tolerated", "fr": "toléré"},
    "discover.stance.forbidden": {"en": "forbidden", "fr": "interdit"},
    "discover.first_seen": {"en": "First seen", "fr": "Première vue"},
    "discover.last_seen": {"en": "Last seen", "fr": "Dernière vue"},
    "discover.host": {"en": "Host", "fr": "Hôte"},
    "discover.ai": {"en": "AI", "fr": "IA"},
    "discover.title": {"en": "Services found in the logs (AI first)", "fr": "Services trouvés dans les journaux (IA d'abord)"},
    "discover.unknown_title": {"en": "Frequent hosts the catalog does not know (to curate)",
                               "fr": "Hôtes fréquents inconnus du catalogue (à qualifier)"},
    "discover.summary": {"en": "{files} file(s), {lines} lines: {events} read, {skipped} skipped, {malformed} malformed · "
                               "{engine} · {seconds:.1f} s",
                         "fr": "{files} fichier(s), {lines} lignes : {events} lues, {skipped} ignorées, {malformed} mal formées · "
                               "{engine} · {seconds:.1f} s"},
    "discover.conn_resolution": {"en": "conn.log: {connections} connection(s), {resolved} named from dns.log/ssl.log/http.log, "
                                       "{unresolved} unresolved ({addresses} address(es))",
                                 "fr": "conn.log : {connections} connexion(s), {resolved} nommée(s) par dns.log/ssl.log/http.log, "
                                       "{unresolved} non résolue(s) ({addresses} adresse(s))"},
    "discover.conn_unresolved_top": {"en": "  most frequent unresolved: {top}", "fr": "  non résolues les plus fréquentes : {top}"},
    "discover.malformed": {"en": "malformed: {reason}: {count}", "fr": "mal formées : {reason} : {count}"},
    "discover.pseudonymised": {"en": "Users are pseudonymised (key: {key}); groups under {min} people show no individual.",
                               "fr": "Utilisateurs pseudonymisés (clé : {key}) ; les groupes de moins de {min} personnes ne montrent personne."},
    "discover.revealed": {"en": "WARNING: real identities revealed (--reveal); this run is recorded in {log}.",
                          "fr": "ATTENTION : identités réelles affichées (--reveal) ; cette exécution est consignée dans {log}."},
    "discover.imported": {"en": "Imported {count} undeclared asset(s) into the store ({status}).",
                          "fr": "{count} actif(s) non déclaré(s) importé(s) dans le référentiel ({status})."},
    "discover.none": {"en": "No known service found.", "fr": "Aucun service connu trouvé."},
    "discover.opt.engine": {"en": "duckdb (default) or spark.", "fr": "duckdb (par défaut) ou spark."},
    "discover.opt.master": {"en": "Spark master URL (default local[*]).", "fr": "URL du maître Spark (local[*] par défaut)."},
    "discover.opt.by": {"en": "Group rows by product, vendor or host.", "fr": "Regrouper par produit, éditeur ou hôte."},
    "discover.opt.format": {"en": "table, json or csv.", "fr": "table, json ou csv."},
    "discover.opt.since": {"en": "Only lines from this date (YYYY-MM-DD, UTC).", "fr": "Seulement les lignes depuis cette date (AAAA-MM-JJ, UTC)."},
    "discover.opt.import": {"en": "Record the services found in the store as undeclared assets.",
                            "fr": "Enregistrer les services trouvés dans le référentiel comme actifs non déclarés."},
    "discover.opt.reveal": {"en": "Show real user names and addresses (recorded).", "fr": "Afficher les vrais noms et adresses (consigné)."},
    "discover.opt.overlay": {"en": "Organisation catalog overlay (sanctioned status).", "fr": "Surcouche du catalogue de l'organisation (statut autorisé)."},
    "discover.opt.min_group": {"en": "Smallest group shown with individuals (default 5, EMPRISE_MIN_GROUP).",
                               "fr": "Plus petit groupe montré avec des individus (5 par défaut, EMPRISE_MIN_GROUP)."},
    "discover.opt.log_format": {"en": "Force the log format (default: detected).", "fr": "Forcer le format du journal (par défaut : détecté)."},
    "discover.opt.mapping": {"en": "Column mapping for CSV exports (YAML).", "fr": "Correspondance des colonnes pour les exports CSV (YAML)."},
    "discover.opt.top_unknown": {"en": "How many unknown frequent hosts to list.", "fr": "Nombre d'hôtes fréquents inconnus à lister."},
    "discover.opt.groups": {"en": "CSV mapping users (or addresses) to departments: adds a view per department, "
                                  "hiding any group under the --min-group threshold.",
                            "fr": "CSV associant utilisateurs (ou adresses) et services : ajoute une vue par service, "
                                  "en masquant tout groupe sous le seuil --min-group."},
    "discover.groups_title": {"en": "Services per department (groups of at least {min} people)",
                              "fr": "Services par département (groupes d'au moins {min} personnes)"},
    "discover.group": {"en": "Department", "fr": "Département"},
    "discover.group_people": {"en": "People in group", "fr": "Personnes du groupe"},
    "discover.groups_hidden": {"en": "{count} department/service cell(s) hidden: fewer than {min} people.",
                               "fr": "{count} case(s) département/service masquée(s) : moins de {min} personnes."},
    "discover.bad_groups": {"en": "cannot read the group mapping: {reason}", "fr": "mapping des groupes illisible : {reason}"},
    "discover.bad_since": {"en": "--since expects a date YYYY-MM-DD, not {value!r}",
                           "fr": "--since attend une date AAAA-MM-JJ, pas {value!r}"},
})


class Engine(str, enum.Enum):
    duckdb = "duckdb"
    spark = "spark"


class By(str, enum.Enum):
    product = "product"
    vendor = "vendor"
    host = "host"


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


CSV_COLUMNS = ("host", "product", "vendor", "country", "category", "ai", "sanctioned", "trains_on_inputs",
               "users", "requests", "bytes", "bytes_out", "bytes_in", "first_seen", "last_seen")


def register(app: typer.Typer) -> None:
    """Add ``discover`` to the main command."""
    from emprise.views.cli import handles_errors

    app.command("discover", help=MESSAGES["discover.help"]["en"] + "\n\n" + MESSAGES["discover.help"]["fr"])(
        handles_errors(discover_command))


def discover_command(
    logs: Annotated[list[str], typer.Argument(help="Log files, directories or globs (plain, gzip, zstd).")],
    engine: Annotated[Engine, typer.Option("--engine", help=MESSAGES["discover.opt.engine"]["en"])] = Engine.duckdb,
    master: Annotated[Optional[str], typer.Option("--master", help=MESSAGES["discover.opt.master"]["en"])] = None,
    by: Annotated[By, typer.Option("--by", help=MESSAGES["discover.opt.by"]["en"])] = By.product,
    format: Annotated[OutputFormat, typer.Option("--format", help=MESSAGES["discover.opt.format"]["en"])] = OutputFormat.table,
    since: Annotated[Optional[str], typer.Option("--since", help=MESSAGES["discover.opt.since"]["en"])] = None,
    import_: Annotated[bool, typer.Option("--import", help=MESSAGES["discover.opt.import"]["en"])] = False,
    reveal: Annotated[bool, typer.Option("--reveal", help=MESSAGES["discover.opt.reveal"]["en"])] = False,
    overlay: Annotated[Optional[Path], typer.Option("--overlay", help=MESSAGES["discover.opt.overlay"]["en"])] = None,
    min_group: Annotated[Optional[int], typer.Option("--min-group", min=1, help=MESSAGES["discover.opt.min_group"]["en"])] = None,
    log_format: Annotated[Optional[str], typer.Option("--log-format", help=MESSAGES["discover.opt.log_format"]["en"])] = None,
    mapping: Annotated[Optional[Path], typer.Option("--mapping", help=MESSAGES["discover.opt.mapping"]["en"])] = None,
    top_unknown: Annotated[int, typer.Option("--top-unknown", help=MESSAGES["discover.opt.top_unknown"]["en"])] = 25,
    groups: Annotated[Optional[Path], typer.Option("--groups", help=MESSAGES["discover.opt.groups"]["en"])] = None,
) -> None:
    """Find the AI and SaaS services used, from proxy, DNS and Zeek logs."""
    from emprise.catalog import load_catalog
    from emprise.errors import EmpriseError
    from emprise.logs.discover import discover
    from emprise.logs.privacy import Pseudonymiser, key_path, load_or_create_key, min_group_size, record_run
    from emprise.views.cli import ExitCode, State, err_console

    since_date = None
    if since is not None:
        try:
            since_date = date.fromisoformat(since)
        except ValueError:
            err_console.print(f"emprise: {t('discover.bad_since', value=since)}", markup=False)
            raise typer.Exit(ExitCode.USAGE) from None
    csv_mapping = _read_mapping(mapping) if mapping is not None else None
    group_mapping = read_groups(groups) if groups is not None else None
    key_file = key_path(State.db)
    pseudonymiser = Pseudonymiser(load_or_create_key(key_file), reveal=reveal)
    group = min_group_size(min_group)
    catalog = load_catalog(overlay=overlay or State.overlay)  # global --overlay / EMPRISE_CATALOG_OVERLAY too
    result = discover(logs, catalog=catalog, pseudonymiser=pseudonymiser, engine=engine.value, master=master,
                      by=by.value, since=since_date, min_group=group, top_unknown=top_unknown,
                      log_format=log_format, lang=language(), csv_mapping=csv_mapping, groups=group_mapping,
                      product_rows=import_)
    run_log = record_run(key_file, command="discover", inputs=list(logs), revealed=reveal, engine=engine.value)
    _print_summary(result, err_console)
    if reveal:
        err_console.print(t("discover.revealed", log=run_log), markup=False)
    else:
        err_console.print(t("discover.pseudonymised", key=key_file, min=group), markup=False)
    if format is OutputFormat.json:
        rows = [row.as_json(result.by) for row in (*result.rows, *result.unknown_hosts)]
        rows += [row.as_json() for row in result.groups]  # each with its "group"
        # Every element is a service row (the contract); how conn.log addresses were
        # named goes to the run summary on stderr with the rest of the summary.
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif format is OutputFormat.csv:
        _write_csv(result)
    else:
        _print_tables(result, catalog)
        if group_mapping is not None:
            _print_groups(result)
    if group_mapping is not None and result.groups_hidden:
        err_console.print(t("discover.groups_hidden", count=result.groups_hidden, min=group), markup=False)
    if import_:  # always per product (``product_rows``), whatever --by showed
        from emprise.logs.findings import import_findings
        from emprise.store import Store

        try:
            outcome = import_findings(Store.open(State.db), result, inputs=list(logs))
        except EmpriseError:
            raise
        err_console.print(t("discover.imported", count=outcome.assets, status=outcome.status), markup=False)
    if any(m.count for m in result.malformed):
        raise typer.Exit(ExitCode.REJECTED)


def _read_mapping(path: Path) -> dict:
    import yaml

    from emprise.logs.interface import LogError

    try:
        value = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LogError(str(path), f"cannot read the column mapping: {exc}") from exc
    if not isinstance(value, dict):
        raise LogError(str(path), "a column mapping is a YAML mapping of field: column")
    return {str(k): str(v) for k, v in value.items()}


GROUP_USER_COLUMNS = ("user", "username", "user_name", "login", "identity", "uid", "email", "mail", "client", "ip")
GROUP_COLUMNS = ("department", "group", "dept", "team", "service", "departement", "département", "direction", "unit")


def read_groups(path: Path) -> dict[str, str]:
    """``{user or address: group}`` from a CSV with a header; raises LogError naming the file and line.

    The user column is the first named like a login (``user``, ``login``, ``email``…),
    else the first column; the group column the first named like a department, else
    the second. Blank cells are skipped.
    """
    from emprise.logs.interface import LogError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError(str(path), t("discover.bad_groups", reason=exc)) from exc
    sample = text[:4096]
    delimiter = max((",", ";", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if len(header) < 2:
        raise LogError(str(path), t("discover.bad_groups", reason="expected a header with a user and a group column"))
    user_at = next((header.index(c) for c in GROUP_USER_COLUMNS if c in header), 0)
    group_at = next((header.index(c) for c in GROUP_COLUMNS if c in header), 1 if user_at != 1 else 0)
    mapping = {}
    for line, row in enumerate(reader, start=2):
        if len(row) <= max(user_at, group_at):
            if any(cell.strip() for cell in row):
                raise LogError(f"{path}:{line}", t("discover.bad_groups", reason="missing column"))
            continue
        user, group_name = row[user_at].strip(), row[group_at].strip()
        if user and group_name:
            mapping[user] = group_name
    return mapping


def _print_groups(result) -> None:
    from rich.table import Table

    from emprise.views.cli import console

    table = Table(title=t("discover.groups_title", min=result.min_group))
    for column in ("discover.group", "discover.group_people", "discover.ai", "discover.service",
                   "discover.vendor", "discover.users", "discover.requests", "discover.bytes"):
        table.add_column(t(column), justify="right" if column in (
            "discover.group_people", "discover.users", "discover.requests", "discover.bytes") else "left")
    for row in result.groups:
        table.add_row(row.group, str(row.group_people), "●" if row.ai else "", row.product or row.vendor or row.key,
                      row.vendor or t("unknown"), str(row.users), str(row.requests), _size(row.bytes))
    console.print(table)


def _print_summary(result, console) -> None:
    lines = sum(f.lines for f in result.files)
    console.print(t("discover.summary", files=len(result.files), lines=lines,
                    events=sum(f.events for f in result.files), skipped=sum(f.skipped for f in result.files),
                    malformed=sum(f.malformed for f in result.files), engine=result.engine,
                    seconds=result.seconds), markup=False)
    conn = result.extra.get("conn_resolution")
    if conn:
        console.print(t("discover.conn_resolution", connections=conn["connections"], resolved=conn["resolved"],
                        unresolved=conn["unresolved"], addresses=conn["unresolved_addresses"]), markup=False)
        if conn["top_unresolved"]:
            top = ", ".join(f"{item['address']} ({item['connections']})" for item in conn["top_unresolved"][:5])
            console.print(t("discover.conn_unresolved_top", top=top), markup=False, soft_wrap=True)
    for item in result.malformed:
        console.print(t("discover.malformed", reason=log_text(item.reason, language()), count=item.count),
                      markup=False)
        for sample in item.samples:
            console.print(f"  {sample}", markup=False, soft_wrap=True)


def _size(value: int | None) -> str:
    if value is None:
        return t("unknown")
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if value < 1000 or unit == "TB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return str(value)


def _print_tables(result, catalog) -> None:
    from rich.table import Table

    from emprise.views.cli import console

    def category(category_id: str | None) -> str:
        entry = catalog.category(category_id) if category_id else None
        return entry.display_name(language()) if entry else (category_id or t("unknown"))

    def stance(value: str | None) -> str:
        return t(f"discover.stance.{value}") if value in ("sanctioned", "tolerated", "forbidden") else (value or t("unknown"))

    if not result.rows:
        console.print(t("discover.none"))
    else:
        table = Table(title=t("discover.title"))
        by_vendor = result.by == "vendor"  # one row per vendor: no service, category or stance of its own
        sent = any(row.bytes_out is not None for row in result.rows)
        received = any(row.bytes_in is not None for row in result.rows)
        days = sorted({day for row in result.rows for day, _, _ in row.per_day})
        columns = ["discover.ai", *(() if by_vendor else ("discover.host" if result.by == "host" else "discover.service",)),
                   "discover.vendor", "discover.country",
                   *(() if by_vendor else ("discover.category", "discover.sanctioned")),
                   "discover.users", "discover.requests", "discover.bytes",
                   *(("discover.bytes_out",) if sent else ()), *(("discover.bytes_in",) if received else ()),
                   "discover.first_seen", "discover.last_seen", *(("discover.trend",) if len(days) > 1 else ())]
        for column in columns:
            table.add_column(t(column), justify="right" if column in (
                "discover.users", "discover.requests", "discover.bytes", "discover.bytes_out",
                "discover.bytes_in") else "left")
        for row in result.rows:
            name = row.host if result.by == "host" else (row.product or row.vendor or row.key)
            cells = ["●" if row.ai else "", *(() if by_vendor else (name,)), row.vendor or t("unknown"),
                     row.country or t("unknown"),
                     *(() if by_vendor else (category(row.category), stance(row.sanction))),
                     str(row.users), str(row.requests), _size(row.bytes),
                     *((_size(row.bytes_out),) if sent else ()), *((_size(row.bytes_in),) if received else ()),
                     (row.first_seen or "")[:10], (row.last_seen or "")[:10],
                     *((trend(row.per_day, days),) if len(days) > 1 else ())]
            table.add_row(*cells)
        console.print(table)
    if result.unknown_hosts:
        table = Table(title=t("discover.unknown_title"))
        for column in ("discover.host", "discover.users", "discover.requests", "discover.bytes"):
            table.add_column(t(column), justify="left" if column == "discover.host" else "right")
        for row in result.unknown_hosts:
            table.add_row(row.host, str(row.users), str(row.requests), _size(row.bytes))
        console.print(table)


SPARKS = "▁▂▃▄▅▆▇█"


def trend(per_day, days: list[str]) -> str:
    """Requests per day as a sparkline over the run's ``days`` (a space: no request that day)."""
    counts = {day: requests for day, requests, _ in per_day}
    peak = max(counts.values(), default=0)
    if peak <= 0:
        return ""
    return "".join(SPARKS[min(len(SPARKS) - 1, (counts[day] * len(SPARKS) - 1) // peak)] if counts.get(day) else " "
                   for day in days)


def _write_csv(result) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in (*result.rows, *result.unknown_hosts):
        data = row.as_json(result.by)
        writer.writerow(["" if data.get(c) is None else data.get(c) for c in CSV_COLUMNS])
    sys.stdout.write(out.getvalue())
