"""Shadow AI and Shadow IT discovery: aggregate first, classify second, join back.

    raw lines ──parse (per format)──► events ──group by (file number, reason, host, person, day)──► agg
    distinct hosts of agg ──narrowed in the engine by the catalog's rule keys (see ``classify``)
        ──catalog.product_for_host (Python, on the few candidates)──► classes
    agg ⋈ classes ──group by product | vendor | host──► rows (+ top unknown hosts, + department view)

Everything up to ``agg`` and every step after the classification is one Ibis
expression, so the same query runs on DuckDB and on Spark. Only the hosts a
catalog rule could claim (tens, not hundreds of thousands) cross into Python.
The person behind a line is the authenticated user, else the client address; it
never leaves the engine except as a pseudonym (see ``privacy``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path

from emprise.logs.classify import classify
from emprise.logs.engines import open_engine
from emprise.logs.inputs import LogFile, csv_row_numbers, expand, line_numbers, lines_at, log_file
from emprise.logs.interface import SKIPPED, LogError
from emprise.logs.privacy import DEFAULT_MIN_GROUP, Pseudonymiser
from emprise.logs.registry import detect_format, format_class
from emprise.logs.resolve_ips import conn_summary, resolve_connections
from emprise.logs.stamps import iso_seconds

GROUPINGS = ("product", "vendor", "host")
SAMPLES_PER_REASON = 3
TOP_USERS = 3
_DAY = 86400
#: 9999-12-31T23:59:59Z: a later time cannot be written as a date (nor a day number kept).
_LAST_SECOND = 253402300799
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """One service (or vendor, or host) seen in the logs, with who and how much.

    ``top_users`` holds pseudonyms and byte counts, or None when the row has fewer
    people than the privacy threshold (a tiny group would be re-identifiable).
    """

    key: str
    host: str | None
    product_id: str | None
    product: str | None
    vendor_id: str | None
    vendor: str | None
    country: str | None
    category: str | None
    ai: bool
    sanction: str | None
    trains_on_inputs: bool | None
    users: int
    requests: int
    bytes: int | None
    bytes_out: int | None
    bytes_in: int | None
    first_seen: str | None
    last_seen: str | None
    hosts: int
    per_day: tuple[tuple[str, int, int], ...] = ()  # (ISO date, requests, users)
    top_users: tuple[tuple[str, int], ...] | None = None

    def as_json(self, by: str) -> dict:
        """The row as the JSON contract names it (``host`` only when grouping by host)."""
        row = {
            "product": self.product, "product_id": self.product_id, "vendor": self.vendor,
            "vendor_id": self.vendor_id, "country": self.country, "category": self.category,
            "ai": self.ai, "sanctioned": self.sanction, "trains_on_inputs": self.trains_on_inputs,
            "users": self.users, "requests": self.requests, "bytes": self.bytes,
            "bytes_out": self.bytes_out, "bytes_in": self.bytes_in,
            "first_seen": self.first_seen, "last_seen": self.last_seen, "hosts": self.hosts,
            "per_day": [{"day": d, "requests": r, "users": u} for d, r, u in self.per_day],
            "top_users": None if self.top_users is None
            else [{"user": u, "bytes": b} for u, b in self.top_users],
        }
        if by == "host" or (self.product_id is None and self.vendor_id is None):
            row = {"host": self.host, **row}
        return row


@dataclass(frozen=True, slots=True)
class MalformedReason:
    reason: str
    count: int
    samples: tuple[str, ...]  # "FILE:LINE: start of the line"


@dataclass(frozen=True, slots=True)
class FileSummary:
    name: str
    format: str
    lines: int
    events: int
    malformed: int
    skipped: int


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One service used in one group (department), with at least ``min_group`` people."""

    group: str
    group_people: int  # people of the group seen using any known service
    key: str
    product: str | None
    vendor: str | None
    country: str | None
    category: str | None
    ai: bool
    users: int
    requests: int
    bytes: int | None

    def as_json(self) -> dict:
        return {"group": self.group, "group_people": self.group_people, "product": self.product,
                "vendor": self.vendor, "country": self.country, "category": self.category, "ai": self.ai,
                "users": self.users, "requests": self.requests, "bytes": self.bytes}


@dataclass(frozen=True)
class Discovery:
    """What a discovery run found. ``rows`` are AI services first, then by category."""

    by: str
    engine: str
    rows: tuple[ServiceRow, ...]
    unknown_hosts: tuple[ServiceRow, ...]
    malformed: tuple[MalformedReason, ...]
    files: tuple[FileSummary, ...]
    revealed: bool
    min_group: int
    since: str | None
    seconds: float
    extra: dict = field(default_factory=dict)
    #: Per (group, service) rows when a user -> group mapping was given; groups of
    #: fewer than ``min_group`` people are left out and counted in ``groups_hidden``.
    groups: tuple[GroupRow, ...] = ()
    groups_hidden: int = 0
    #: The same services per product, when ``rows`` are grouped otherwise and the caller
    #: asked (``--import`` records products: people seen on two hosts of one service
    #: count once, which per-host rows cannot tell).
    product_rows: tuple[ServiceRow, ...] = ()


def discover(inputs: Iterable[str | Path], *, catalog, pseudonymiser: Pseudonymiser, engine: str = "duckdb",
             master: str | None = None, by: str = "product", since: date | None = None,
             min_group: int = DEFAULT_MIN_GROUP, top_unknown: int = 25, log_format: str | None = None,
             threads: int | None = None, lang: str = "en", csv_mapping: dict | None = None,
             groups: dict[str, str] | None = None, product_rows: bool = False,
             display_names: dict[Path, str] | None = None) -> Discovery:
    """Run a discovery over log files, directories and globs; returns a ``Discovery``.

    Raises LogError when an input cannot be read at all (missing, unknown format,
    engine failure); malformed lines are counted, never raised.
    """
    if by not in GROUPINGS:
        raise LogError(by, f"unknown grouping (valid: {', '.join(GROUPINGS)})")
    started = time.perf_counter()
    files = [log_file(path, (display_names or {}).get(path)) for path in expand(inputs)]
    if not files:
        raise LogError(", ".join(map(str, inputs)), "no log file to read")
    # An empty file (logrotate leaves them) has nothing to detect: it is listed with
    # 0 lines, and only a run whose every input is empty is an error.
    empty = [log for log in files if not log.first_lines and not log_format]
    files = [log for log in files if log not in empty]
    if not files:
        raise LogError(", ".join(log.display_name for log in empty), "the file is empty")
    formats = {log.display_name: _format_of(log, log_format, csv_mapping) for log in files}
    runner = open_engine(engine, master=master, threads=threads)
    try:
        found = _run(runner, files, formats, catalog=catalog, pseudonymiser=pseudonymiser, by=by,
                     since=since, min_group=min_group, top_unknown=top_unknown, lang=lang,
                     started=started, csv_mapping=csv_mapping, groups=groups,
                     product_rows=product_rows and by != "product")
        if not empty:
            return found
        return replace(found, files=found.files + tuple(
            FileSummary(name=log.display_name, format="empty", lines=0, events=0, malformed=0, skipped=0)
            for log in empty))
    except LogError:
        raise
    except Exception as exc:  # engine errors (DuckDB, Py4J, Ibis) become ours, naming the inputs
        names = ", ".join(log.display_name for log in files)
        raise LogError(names, f"the {engine} engine failed: {type(exc).__name__}: {exc}") from exc
    finally:
        runner.close()


def _format_of(log: LogFile, log_format: str | None, csv_mapping: dict | None):
    """The format class of ``log``: the one asked for, else detected; a CSV mapping the
    user wrote reads a file no preset recognises."""
    if log_format:
        return format_class(log_format)
    try:
        return detect_format(log.first_lines, log.display_name)
    except LogError:
        if csv_mapping and any(line.strip() for line in log.first_lines):
            return format_class("csv")
        raise


def _format(cls, csv_mapping):
    """An instance of the format class ``cls`` (a CSV format takes the user's mapping)."""
    return cls(mapping=csv_mapping) if cls.reads == "csv" else cls()


def _table_of(runner, log: LogFile, cls, csv_mapping):
    """The parsed events of one file (Ibis), read the way its format asks for."""
    fmt = _format(cls, csv_mapping)
    first_lines = list(log.first_lines)
    try:
        if fmt.reads == "csv":
            table = runner.csv(log, **fmt.csv_layout(first_lines, log.display_name))
        else:
            table = runner.lines(log)
        return fmt.parse(table, first_lines)
    except LogError as exc:  # a format names itself ("csv: no host column"): name the file too
        if exc.path == log.display_name:
            raise
        raise LogError(log.display_name, f"{exc.path}: {exc.reason}") from exc


def _run(runner, files: list[LogFile], formats, *, catalog, pseudonymiser, by, since, min_group,
         top_unknown, lang, started, csv_mapping, groups=None, product_rows=False) -> Discovery:
    import ibis

    from emprise.logs.classify import candidate_hosts, rule_keys

    # Files are numbered, not named, in the aggregate: a small integer is all the
    # per-file summary needs, and a name repeated on every row would widen the key.
    parts = [_table_of(runner, log, formats[log.display_name], csv_mapping).mutate(
        part=ibis.literal(index, "int32")) for index, log in enumerate(files)]
    # Zeek conn.log names only addresses: named from the run's dns/ssl logs (no-op without conn.log).
    parts, conn_resolution = resolve_connections(files, formats, parts, runner.materialize)
    events = parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)
    stages: dict[str, float] = {}
    mark = time.perf_counter()
    directional = any(not always_null(part, column) for part in parts for column in ("bytes_out", "bytes_in"))
    agg = runner.materialize(aggregate(events, since, directional=directional))
    stages["parse_aggregate"] = time.perf_counter() - mark

    mark = time.perf_counter()
    file_rows = _rows(agg.group_by(["part", "reason"]).aggregate(
        lines=agg.requests.sum(), first_sample=agg.sample_first.min(), last_sample=agg.sample_last.max()))
    for row in file_rows:
        row["file"] = files[row.pop("part")].display_name
    good = agg.filter(agg.reason.isnull() & agg.host.notnull())
    # One row per distinct host, computed once: the count, the candidates for the
    # catalog and the ranking of unknown hosts all read it instead of ``agg``.
    hosts = runner.materialize(good.group_by("host").aggregate(host_requests=good.requests.sum()))
    distinct_hosts = hosts.count().to_pyarrow().as_py()
    candidates = [row["host"] for row in _rows(
        candidate_hosts(hosts.select("host"), rule_keys(catalog.hosts), runner.small_table))]
    stages["summaries_hosts"] = time.perf_counter() - mark
    mark = time.perf_counter()
    classes = classify(candidates, catalog)
    stages["classify"] = time.perf_counter() - mark
    mark = time.perf_counter()
    classes_table = runner.small_table({"c_host": [h for h, _, _ in classes], "c_product": [p for _, p, _ in classes],
                                        "c_vendor": [v for _, _, v in classes]})
    names = ("host", "identity", "day", "requests", "bytes", "bytes_out", "bytes_in", "first", "last")
    # The known part is small (catalog hosts only): computed once, then grouped three ways.
    known = runner.materialize(good.inner_join(classes_table, good.host == classes_table.c_host).select(
        *(good[n] for n in names), product_id=classes_table.c_product, vendor_id=classes_table.c_vendor))
    key = {"product": "product_id", "vendor": "vendor_id", "host": "host"}[by]
    rows = _grouped(known, key)
    # A vendor row is AI when one of its AI services was seen, not because it sells one.
    seen: dict[str, set[str]] = {}
    if by == "vendor":
        for row in _rows(known.select("vendor_id", "product_id").distinct()):
            seen.setdefault(row["vendor_id"], set()).add(row["product_id"])
    per_day = _per_day(known, key)
    top = _top_users(known, key)
    group_rows, groups_hidden = (), 0
    if groups:
        group_rows, groups_hidden = _group_view(runner, known, key, groups, catalog, min_group, lang, by, seen)
    # Unknown hosts: rank them by a plain sum first, then describe only the top ones.
    unknown_rows = []
    if top_unknown > 0:
        unknown = hosts.anti_join(classes_table, hosts.host == classes_table.c_host)
        ranked = unknown.order_by([unknown.host_requests.desc(), unknown.host]).limit(top_unknown)
        unknown_top = good.semi_join(ranked, good.host == ranked.host).select(
            *(good[n] for n in names), product_id=ibis.null("string"), vendor_id=ibis.null("string"))
        unknown_rows = _grouped(unknown_top, "host", limit=top_unknown)

    def build(row: dict, grouping: str) -> ServiceRow:
        return _service_row(row, grouping, catalog, per_day.get(row["key"], ()), top.get(row["key"], ()),
                            pseudonymiser, min_group, lang, seen.get(row["key"], ()))

    service_rows = sorted((build(r, by) for r in rows),
                          key=lambda r: (not r.ai, r.category or "~", -r.users, -r.requests, r.key))
    unknown_built = tuple(build(r, "unknown") for r in unknown_rows)
    by_product = tuple(_service_row(r, "product", catalog, (), (), pseudonymiser, min_group, lang)
                       for r in _grouped(known, "product_id")) if product_rows else ()
    stages["join_group"] = time.perf_counter() - mark
    mark = time.perf_counter()
    malformed, summaries = _summaries(file_rows, files, formats, runner, pseudonymiser.reveal, csv_mapping)
    stages["file_summaries"] = time.perf_counter() - mark
    return Discovery(by=by, engine=runner.name, rows=tuple(service_rows), unknown_hosts=unknown_built,
                     malformed=malformed, files=summaries, revealed=pseudonymiser.reveal,
                     min_group=min_group, since=since.isoformat() if since else None,
                     seconds=time.perf_counter() - started,
                     groups=group_rows, groups_hidden=groups_hidden, product_rows=by_product,
                     extra={"distinct_hosts": distinct_hosts, "candidate_hosts": len(candidates),
                            "classified_hosts": len(classes),
                            "stages": {k: round(v, 3) for k, v in stages.items()},
                            **({"conn_resolution": conn_summary(agg, conn_resolution)} if conn_resolution else {})})


def always_null(table, column: str) -> bool:
    """True when ``column`` of ``table`` is a null constant (a format whose log has no such field).

    Follows the column through the projections that built ``table`` (``events`` sets a
    missing field to a typed null). Anything it does not recognise answers False: the
    answer only lets ``aggregate`` skip work, never changes a result.
    """
    import ibis.expr.operations as ops

    node = table[column].op()
    for _ in range(64):
        if isinstance(node, ops.Literal):
            return node.value is None
        if isinstance(node, ops.Cast):
            node = node.arg
        elif isinstance(node, ops.Field) and isinstance(node.rel, ops.Project):
            node = node.rel.values[node.name]
        else:
            return False
    return False


def aggregate(events, since: date | None = None, *, directional: bool = True):
    """Reduce events to one row per (part, reason, host, person, day).

    ``part`` is the file's number. Good lines (``reason`` None) keep host, person
    and day; malformed lines keep only their part and reason, with two sample
    lines. One pass over the input. A time no calendar holds (negative, past year
    9999, infinite) makes its line malformed, not the run fail; lines before
    ``since`` are counted as skipped. ``directional`` False (no input logs bytes sent
    and received apart) leaves out their two sums: with millions of groups each
    aggregate costs (measured: 10 M Squid lines, 5.4 M groups, about 9 % of the run).
    """
    import ibis

    ts = events.ts
    checks = [(events.reason.notnull(), events.reason),
              (ts.notnull() & ~ts.between(0, _LAST_SECOND), "timestamp out of range")]
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=timezone.utc).timestamp()
        checks.append((ts < start, f"{SKIPPED}before --since {since.isoformat()}"))
    events = events.mutate(reason=ibis.cases(*checks, else_=ibis.null("string")))
    ok = events.reason.isnull()
    keyed = events.select(
        part=events.part,
        reason=events.reason,
        host=ibis.cases((ok, events.host), else_=ibis.null("string")),
        identity=ibis.cases((ok, ibis.coalesce(events.user, events.client)), else_=ibis.null("string")),
        day=ibis.cases((ok, (events.ts / _DAY).floor().cast("int64")), else_=ibis.null("int64")),
        ts=ibis.cases((ok, events.ts), else_=ibis.null("float64")),
        bytes=events.bytes, bytes_out=events.bytes_out, bytes_in=events.bytes_in,
        line_sample=ibis.cases((ok, ibis.null("string")), else_=events.line),
    )
    directions = ({"bytes_out": keyed.bytes_out.sum(), "bytes_in": keyed.bytes_in.sum()} if directional
                  else {})
    agg = keyed.group_by(["part", "reason", "host", "identity", "day"]).aggregate(
        requests=keyed.count(), bytes=keyed.bytes.sum(), **directions,
        first=keyed.ts.min(), last=keyed.ts.max(),
        sample_first=keyed.line_sample.min(), sample_last=keyed.line_sample.max(),
    )
    if not directional:
        agg = agg.mutate(bytes_out=ibis.null("int64"), bytes_in=ibis.null("int64"))
    return agg


def _rows(expr) -> list[dict]:
    return expr.to_pyarrow().to_pylist()


def _grouped(table, key: str, limit: int | None = None) -> list[dict]:
    expr = table.group_by(table[key].name("key")).aggregate(
        users=table.identity.nunique(), requests=table.requests.sum(), bytes=table.bytes.sum(),
        bytes_out=table.bytes_out.sum(), bytes_in=table.bytes_in.sum(),
        first=table["first"].min(), last=table["last"].max(), hosts=table.host.nunique(),
        any_host=table.host.min(), product_id=table.product_id.min(), vendor_id=table.vendor_id.min(),
    )
    if limit is not None:
        expr = expr.order_by([expr.requests.desc(), expr.key]).limit(limit)
    return _rows(expr)


def _per_day(table, key: str) -> dict[str, tuple]:
    expr = table.group_by([table[key].name("key"), table.day]).aggregate(
        requests=table.requests.sum(), users=table.identity.nunique())
    out: dict[str, list] = {}
    for row in sorted(_rows(expr), key=lambda r: (r["key"], r["day"])):
        day = date.fromordinal(_EPOCH_ORDINAL + row["day"]).isoformat()
        out.setdefault(row["key"], []).append((day, row["requests"], row["users"]))
    return {k: tuple(v) for k, v in out.items()}


def _top_users(table, key: str) -> dict[str, tuple]:
    import ibis

    volume = ibis.coalesce(table.bytes_out, table.bytes)
    per_person = table.filter(table.identity.notnull()).group_by(
        [table[key].name("key"), table.identity]).aggregate(volume=volume.sum())
    ranked = per_person.mutate(rank=ibis.row_number().over(
        group_by=per_person.key, order_by=[per_person.volume.desc(), per_person.identity]))
    out: dict[str, list] = {}
    for row in _rows(ranked.filter(ranked.rank < TOP_USERS)):
        out.setdefault(row["key"], []).append((row["identity"], row["volume"] or 0))
    return {k: tuple(sorted(v, key=lambda item: (-item[1], item[0]))) for k, v in out.items()}


def _group_view(runner, known, key: str, groups: dict[str, str], catalog, min_group: int, lang: str, by: str,
                seen: dict[str, set[str]]):
    """Services per group (k-anonymity: a group, or a group's use of a service, under
    ``min_group`` people is not shown). The raw identities are joined in the engine
    with the mapping and never come out; returns (rows, number of hidden cells)."""
    names = runner.small_table({"g_identity": list(groups), "g_group": list(groups.values())})
    joined = known.inner_join(names, known.identity == names.g_identity)
    sizes = {row["group"]: row["people"] for row in _rows(
        joined.group_by(joined.g_group.name("group")).aggregate(people=joined.identity.nunique()))}
    cells = _rows(joined.group_by([joined.g_group.name("group"), joined[key].name("key")]).aggregate(
        users=joined.identity.nunique(), requests=joined.requests.sum(), bytes=joined.bytes.sum(),
        product_id=joined.product_id.min(), vendor_id=joined.vendor_id.min()))
    shown = _shown_cells(cells, sizes, min_group)
    rows, hidden = [], len(cells) - len(shown)
    for cell in shown:
        product = catalog.product(cell["product_id"]) if by != "vendor" and cell["product_id"] else None
        vendor = catalog.vendor(cell["vendor_id"]) if cell["vendor_id"] else None
        ai = catalog.is_ai_service(product) if product is not None else (
            by == "vendor" and _any_ai(catalog, seen.get(cell["key"], ())))
        rows.append(GroupRow(group=cell["group"], group_people=sizes[cell["group"]], key=cell["key"],
                             product=product.display_name(lang) if product else None,
                             vendor=vendor.name if vendor else None, country=vendor.country if vendor else None,
                             category=product.category if product else None, ai=ai, users=cell["users"],
                             requests=cell["requests"], bytes=cell["bytes"]))
    rows.sort(key=lambda r: (r.group, not r.ai, -r.users, r.key))
    return tuple(rows), hidden


def _shown_cells(cells: list[dict], sizes: dict[str, int], min_group: int) -> list[dict]:
    """The (group, service) cells that may be shown, with secondary suppression.

    A cell under ``min_group`` people (or of a group under it) is hidden. When a
    service has exactly one hidden cell, its people could be read by subtracting the
    visible cells from the service's total, so the visible cell with the fewest
    people is hidden too: two unknowns cannot be told apart by one subtraction.
    """
    hidden = {id(cell) for cell in cells if sizes[cell["group"]] < min_group or cell["users"] < min_group}
    by_service: dict[str, list[dict]] = {}
    for cell in cells:
        by_service.setdefault(cell["key"], []).append(cell)
    for service_cells in by_service.values():
        visible = [cell for cell in service_cells if id(cell) not in hidden]
        if len(service_cells) - len(visible) == 1 and visible:
            hidden.add(id(min(visible, key=lambda cell: (cell["users"], cell["group"]))))
    return [cell for cell in cells if id(cell) not in hidden]


def _any_ai(catalog, product_ids) -> bool:
    return any((entry := catalog.product(p)) is not None and catalog.is_ai_service(entry)
               for p in product_ids if p)


def _service_row(row: dict, grouping: str, catalog, per_day, top, pseudonymiser, min_group,
                 lang, seen_products=()) -> ServiceRow:
    product = catalog.product(row["product_id"]) if row["product_id"] and grouping != "vendor" else None
    vendor_id = row["vendor_id"]
    vendor = catalog.vendor(vendor_id) if vendor_id else None
    ai = False
    if grouping == "vendor":
        ai = _any_ai(catalog, seen_products)
    elif product is not None:
        ai = catalog.is_ai_service(product)
    users = row["users"]
    top_users = None
    if users >= min_group:
        top_users = tuple((pseudonymiser(identity), volume) for identity, volume in top)
    return ServiceRow(
        key=row["key"],
        host=row["key"] if grouping in ("host", "unknown") else (row["any_host"] if row["hosts"] == 1 else None),
        product_id=product.id if product else None,
        product=product.display_name(lang) if product else None,
        vendor_id=vendor.id if vendor else None,
        vendor=vendor.name if vendor else None,
        country=vendor.country if vendor else None,
        category=product.category if product else None,
        ai=ai,
        sanction=product.sanction.value if product is not None and product.sanction is not None else None,
        trains_on_inputs=product.ai.trains_on_inputs if product is not None and product.ai else None,
        users=users, requests=row["requests"], bytes=row["bytes"], bytes_out=row["bytes_out"],
        bytes_in=row["bytes_in"], first_seen=iso_seconds(row["first"]), last_seen=iso_seconds(row["last"]),
        hosts=row["hosts"], per_day=per_day, top_users=top_users,
    )


def _summaries(file_rows: list[dict], files: list[LogFile], formats, runner, reveal: bool, csv_mapping=None):
    """Per-file line counts and per-reason malformed counts with ``FILE:LINE`` samples."""
    by_file: dict[str, dict[str, int]] = {log.display_name: {"events": 0, "malformed": 0, "skipped": 0}
                                          for log in files}
    reasons: dict[str, dict] = {}
    for row in file_rows:
        counts = by_file[row["file"]]
        reason = row["reason"]
        if reason is None:
            counts["events"] += row["lines"]
            continue
        counts["skipped" if reason.startswith(SKIPPED) else "malformed"] += row["lines"]
        if reason.startswith(SKIPPED):
            continue
        entry = reasons.setdefault(reason, {"count": 0, "samples": []})
        entry["count"] += row["lines"]
        for sample in (row["first_sample"], row["last_sample"]):
            if len(entry["samples"]) < SAMPLES_PER_REASON and (row["file"], sample) not in entry["samples"]:
                entry["samples"].append((row["file"], sample))
    logs = {log.display_name: log for log in files}
    rejects = runner.read_rejects()
    positions: dict[str, list[int]] = {}
    for name, position, _ in rejects:
        positions.setdefault(name, []).append(position)
    reject_lines = {name: lines_at(logs[name], found) for name, found in positions.items()}
    for name, position, reason in rejects:
        by_file[name]["malformed"] += 1
        entry = reasons.setdefault(reason, {"count": 0, "samples": []})
        entry["count"] += 1
        entry.setdefault("located", [])
        if len(entry["located"]) < SAMPLES_PER_REASON:
            entry["located"].append(f"{name}:{reject_lines[name].get(position, '?')}")
    wanted: dict[str, set[str]] = {}
    for entry in reasons.values():
        for name, sample in entry["samples"]:
            if sample is not None:
                wanted.setdefault(name, set()).add(sample)
    numbers = {name: line_numbers(logs[name], samples) for name, samples in wanted.items()}
    for name, samples in wanted.items():
        missing = samples - set(numbers[name])
        if missing and formats[name].reads == "csv":  # a CSV row comes back without its quotes
            layout = _format(formats[name], csv_mapping).csv_layout(list(logs[name].first_lines), name)
            numbers[name].update(csv_row_numbers(logs[name], missing, delimiter=layout["delimiter"],
                                                 columns=len(layout["columns"])))
    malformed = []
    for reason, entry in sorted(reasons.items(), key=lambda item: -item[1]["count"]):
        samples = list(entry.get("located", []))
        for name, sample in entry["samples"]:
            if sample is None:
                samples.append(f"{name}:?: (empty)")
                continue
            where = numbers.get(name, {}).get(sample)
            located = f"{name}:{where if where is not None else '?'}"
            if not reveal:  # a raw line names a person: only its place is shown
                samples.append(located)
                continue
            excerpt = sample[:80].encode("unicode_escape").decode("ascii") + ("…" if len(sample) > 80 else "")
            samples.append(f"{located}: {excerpt}")
        malformed.append(MalformedReason(reason, entry["count"], tuple(samples[:SAMPLES_PER_REASON])))
    summaries = tuple(
        FileSummary(name=name, format=formats[name].name,
                    lines=counts["events"] + counts["malformed"] + counts["skipped"],
                    events=counts["events"], malformed=counts["malformed"], skipped=counts["skipped"])
        for name, counts in by_file.items())
    return tuple(malformed), summaries
