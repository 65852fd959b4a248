"""Naming the server addresses of Zeek ``conn.log`` from the ``ssl.log`` and ``dns.log`` of the same run.

A ``conn.log`` line names no service, only the server address (``id.resp_h``),
but it carries the bytes each way (``orig_bytes`` is what the person sent: the
pasted text, the uploaded file). ``ssl.log`` and ``dns.log`` name the service
but carry no bytes. When a discovery run reads them together, this pre-step
rewrites the connections' ``host`` before ``discover.aggregate``, in the engine
(one Ibis expression, DuckDB or Spark; nothing leaves the engine):

1. **same connection**: the ``server_name`` (SNI) of the ``ssl.log`` line with
   the connection's ``uid`` (Zeek gives a connection one uid in every log);
2. **that person's lookup**: else the name whose answer gave this server address
   to this client (``id.orig_h``) most recently at or before the connection
   (``dns.log`` answers, A and AAAA, and the SNI of the client's other TLS
   connections to the address);
3. **the address's usual name**: else the name seen most often for the address
   in the run, whoever asked (ties: the first in alphabetical order). This is
   the weak rule: an address shared by many names (a CDN such as Cloudflare)
   gets the commonest one. Rule 2 exists for that reason.
4. Otherwise the host stays the address: the connection is *unresolved*, listed
   with the unknown hosts, and counted in the run summary (``conn_summary``).

Counting, so that one connection is counted once:

- a connection is one request, with ``conn.log``'s bytes (``bytes_out`` sent,
  ``bytes_in`` received);
- an ``ssl.log`` line whose uid is in a ``conn.log`` of the run is the same
  connection: it is skipped (``skipped: same connection as conn.log``);
  an ``ssl.log`` line without one still counts, without bytes;
- a ``dns.log`` lookup whose client connected, in the run, to an address it was
  answered is skipped (``skipped: lookup of a conn.log connection``); a lookup
  with no connection seen (blocked, prefetched, another sensor) still counts;
- a ``conn.log`` line whose uid is in an ``http.log`` of the run is skipped
  (``skipped: same connection as http.log``): http.log names the host and counts
  each request with its own body sizes.

People never double: the person is the client address in all four logs.
With no ``conn.log`` in the run nothing here runs (no extra scan).
"""

from __future__ import annotations

from emprise.logs.interface import SKIPPED, dash_is_null

ZEEK_FORMATS = ("zeek-tsv", "zeek-json")
SAME_AS_CONN = SKIPPED + "same connection as conn.log"
LOOKUP_OF_CONN = SKIPPED + "lookup of a conn.log connection"
SAME_AS_HTTP = SKIPPED + "same connection as http.log"
TOP_UNRESOLVED = 10
_IPV4 = r"^[0-9]{1,3}(\.[0-9]{1,3}){3}$"
_IPV6 = r"^[0-9a-f]*:[0-9a-f:.]*$"


def zeek_kind(format_name: str, first_lines) -> str | None:
    """``"conn"``, ``"dns"``, ``"ssl"`` or ``"http"`` for a Zeek log, else None."""
    if format_name not in ZEEK_FORMATS:
        return None
    from emprise.logs.zeek import _header, _json_keys, _kind_of_fields

    lines = list(first_lines)
    if format_name == "zeek-tsv":
        fields, path = _header(lines)
        return _kind_of_fields(fields, path)
    return _kind_of_fields(_json_keys(lines))


def _with_fields(table, format_name: str, first_lines, names: dict[str, str], answers: bool = False):
    """``table`` (a part's events, with its raw ``line``) plus string columns read from the line.

    ``names`` maps a new column to a Zeek field; ``answers`` adds ``_answers``, the
    DNS answers as a list of strings.
    """
    import ibis

    from emprise.logs.zeek import _header

    line = table.line
    if format_name == "zeek-tsv":
        fields, _ = _header(list(first_lines))
        index = {name: position for position, name in enumerate(fields)}
        separator = next((entry.rstrip("\r").split("\t")[-1] for entry in first_lines
                          if entry.startswith("#set_separator")), ",")
        step = table.mutate(_cells=line.split("\t"))

        def cell(name):
            return dash_is_null(step._cells[index[name]]) if name in index else ibis.null("string")

        columns = {new: cell(field) for new, field in names.items()}
        if answers:
            columns["_answers"] = cell("answers").split(separator) if "answers" in index else ibis.null("array<string>")
        return step.mutate(**columns).drop("_cells")

    def text(name):  # "name":"value"
        return line.re_extract('"' + name.replace(".", r"\.") + r'":"([^"]*)"', 1).nullif("")

    columns = {new: text(field) for new, field in names.items()}
    if answers:  # "answers":["a.example","192.0.2.1"]
        listed = line.re_extract(r'"answers":\[([^\]]*)\]', 1).nullif("")
        columns["_answers"] = listed.replace('"', "").split(",")
    return table.mutate(**columns)


def _is_address(text):
    return text.re_search(_IPV4) | text.re_search(_IPV6)


def _union(tables):
    import ibis

    return tables[0] if len(tables) == 1 else ibis.union(*tables, distinct=False)


class ConnResolution:
    """Which parts of a run are ``conn.log`` files, and whether any name source was read."""

    def __init__(self, conn_parts: tuple[int, ...], sources: tuple[str, ...]):
        self.conn_parts = conn_parts
        self.sources = sources  # the kinds of the name sources in the run ("dns", "ssl", "http")


def resolve_connections(files, formats, parts, materialize=None):
    """``(parts, resolution)``: the run's parsed parts with ``conn.log`` hosts named.

    ``files`` are the run's ``LogFile``s, ``formats`` their format classes by display
    name, ``parts`` their event tables (each with its ``part`` number), in the same
    order; ``materialize`` is the engine's ``Engine.materialize`` (narrow tables read
    several times are computed once). Returns the parts unchanged and ``None`` when
    the run has no conn.log. The rewritten parts have the same columns and the same
    lines: a line counted elsewhere is *skipped*, with its reason, never dropped.
    """
    import ibis

    materialize = materialize or (lambda expr: expr)
    by_kind: dict[str, list[int]] = {}
    for index, log in enumerate(files):
        kind = zeek_kind(formats[log.display_name].name, log.first_lines)
        if kind is not None:
            by_kind.setdefault(kind, []).append(index)
    if "conn" not in by_kind:
        return parts, None
    resolution = ConnResolution(tuple(by_kind["conn"]), tuple(k for k in ("dns", "ssl", "http") if k in by_kind))
    if not resolution.sources:
        return parts, resolution
    columns = parts[0].columns

    def read(kind, names, answers=False):
        if kind not in by_kind:
            return None
        return _union([_with_fields(parts[i], formats[files[i].display_name].name, files[i].first_lines, names,
                                    answers=answers) for i in by_kind[kind]])

    conn = read("conn", {"_uid": "uid"})
    conn = conn.mutate(_ip=conn.host)
    ssl = read("ssl", {"_uid": "uid", "_ip": "id.resp_h"})
    dns = read("dns", {}, answers=True)
    http = read("http", {"_uid": "uid", "_ip": "id.resp_h"})
    # One narrow pass over the connections: who reached which address, under which uid.
    good_conn = conn.filter(conn.reason.isnull() & conn._ip.notnull())
    keys = materialize(good_conn.select(k_uid=good_conn._uid, k_client=good_conn.client, k_ip=good_conn._ip))
    rewritten: dict[str, object] = {}

    # Name sources: (client, server address, time, name).
    sources = []
    tls = None  # ssl.log's good lines, narrow, read once for rules 1 to 3
    if ssl is not None:
        good = ssl.filter(ssl.reason.isnull())
        tls = materialize(good.select(t_uid=good._uid, s_client=good.client, s_ip=good._ip.lower(), s_ts=good.ts,
                                      s_name=good.host))
        sources.append(tls.filter(tls.s_ip.notnull()).select("s_client", "s_ip", "s_ts", "s_name"))
    if http is not None:
        good = http.filter(http.reason.isnull() & http._ip.notnull())
        sources.append(good.select(s_client=good.client, s_ip=good._ip.lower(), s_ts=good.ts, s_name=good.host))
    if dns is not None:
        # A lookup is known by (file, client, time, name): no wider key is needed to flag it.
        good = dns.filter(dns.reason.isnull())
        exploded = good.select(e_part=good.part, e_client=good.client, e_ts=good.ts, e_name=good.host,
                               e_ip=good._answers).unnest("e_ip")
        exploded = exploded.mutate(e_ip=exploded.e_ip.strip().lower())
        exploded = materialize(exploded.filter(_is_address(exploded.e_ip)))
        sources.append(exploded.select(s_client=exploded.e_client, s_ip=exploded.e_ip, s_ts=exploded.e_ts,
                                       s_name=exploded.e_name))
        # Lookups whose client connected to an answered address: the connection counts them.
        pairs = keys.select(p_client=keys.k_client, p_ip=keys.k_ip).distinct()
        used = exploded.inner_join(pairs, (exploded.e_client == pairs.p_client) & (exploded.e_ip == pairs.p_ip))
        used = used.select(u_part=used.e_part, u_client=used.e_client, u_ts=used.e_ts, u_name=used.e_name).distinct()
        flagged = dns.left_join(used, (dns.part == used.u_part) & (dns.client == used.u_client)
                                & (dns.ts == used.u_ts) & (dns.host == used.u_name))
        rewritten["dns"] = flagged.mutate(reason=ibis.cases(
            (flagged.reason.isnull() & flagged.u_name.notnull(), LOOKUP_OF_CONN), else_=flagged.reason))
    by_uid = None
    if ssl is not None:
        uids = keys.filter(keys.k_uid.notnull()).select("k_uid").distinct()
        flagged = ssl.left_join(uids, ssl._uid == uids.k_uid)
        rewritten["ssl"] = flagged.mutate(reason=ibis.cases(
            (flagged.reason.isnull() & flagged.k_uid.notnull(), SAME_AS_CONN), else_=flagged.reason))
        good = tls.filter(tls.t_uid.notnull())
        by_uid = good.group_by(good.t_uid.name("n_uid")).aggregate(n_uid_name=good.s_name.min())
    sources = materialize(_union(sources)) if sources else None
    rewritten["conn"] = _named_connections(conn, by_uid, http, sources)

    out = [table for index, table in enumerate(parts)
           if not any(index in by_kind.get(kind, ()) for kind in rewritten)]
    out.extend(table.select(*columns) for table in rewritten.values())
    return out, resolution


#: Digits of a time in microseconds, zero-padded so that text order is time order.
_TIME_DIGITS = 20


def _named_connections(conn, by_uid, http, sources):
    """The connections with ``host`` named by rules 1–3 (see the module docstring)."""
    import ibis

    # A good line's raw text is never sampled (only defects are): not carried through the sort below.
    step = conn.mutate(line=ibis.cases((conn.reason.isnull(), ibis.null("string")), else_=conn.line))
    if http is not None:  # conn lines http.log already counts, request by request
        http_uids = http.filter(http._uid.notnull()).select(h_uid=http._uid).distinct()
        step = step.left_join(http_uids, step._uid == http_uids.h_uid)
        step = step.mutate(reason=ibis.cases((step.reason.isnull() & step.h_uid.notnull(), SAME_AS_HTTP),
                                             else_=step.reason)).drop("h_uid")
    if by_uid is not None:  # rule 1: the same connection's SNI
        step = step.left_join(by_uid, step._uid == by_uid.n_uid).drop("n_uid")
    else:
        step = step.mutate(n_uid_name=ibis.null("string"))
    if sources is None:
        return step.mutate(host=ibis.coalesce(step.n_uid_name, step.host))

    # Rule 2: connections and name sources side by side per (client, address), in time
    # order (at equal times the source first). A source is tagged "time then name"
    # (time as fixed-width digits), so the running maximum of the tags is the latest
    # source's: a last-value-ignoring-nulls in O(n log n) that DuckDB and Spark both run.
    typed = step.schema()
    pad = {name: ibis.null(typed[name]) for name in typed.names}
    side = step.mutate(_src=ibis.literal(1, "int8"), _tag=ibis.null("string"))
    stamp = (sources.s_ts * 1_000_000).round().cast("int64").cast("string").lpad(_TIME_DIGITS, "0")
    named = sources.select(**{**pad, "client": sources.s_client, "_ip": sources.s_ip, "ts": sources.s_ts},
                           _src=ibis.literal(0, "int8"), _tag=stamp.concat(sources.s_name))
    both = ibis.union(side, named.select(*side.columns), distinct=False)
    window = ibis.window(group_by=[both.client, both._ip], order_by=[both.ts, both._src], rows=(None, 0))
    step = both.mutate(n_client_name=both._tag.max().over(window).substr(_TIME_DIGITS).nullif(""))
    step = step.filter(step._src == 1)

    # Rule 3: the address's most frequent name in the run.
    counts = sources.group_by([sources.s_ip, sources.s_name]).aggregate(s_count=sources.count())
    ranked = counts.mutate(s_rank=ibis.row_number().over(
        group_by=counts.s_ip, order_by=[counts.s_count.desc(), counts.s_name]))
    usual = ranked.filter(ranked.s_rank == 0).select(i_ip=ranked.s_ip, i_name=ranked.s_name)
    step = step.left_join(usual, step._ip == usual.i_ip)
    return step.mutate(host=ibis.cases(
        (step.reason.isnull(), ibis.coalesce(step.n_uid_name, step.n_client_name, step.i_name, step.host)),
        else_=step.host))


def conn_summary(agg, resolution: ConnResolution) -> dict:
    """The run summary's ``conn_resolution``: connections read, named, unresolved (+ top addresses).

    ``agg`` is the run's aggregate (``discover.aggregate``, computed): a connection
    still keyed by an address is unresolved. Cheap: it reads the aggregate only.
    """
    import ibis

    conn = agg.filter(agg.part.isin(list(resolution.conn_parts)) & agg.reason.isnull() & agg.host.notnull())
    conn = conn.mutate(_unresolved=_is_address(conn.host))
    [totals] = conn.aggregate(
        connections=conn.requests.sum(),
        unresolved=conn.requests.sum(where=conn._unresolved),
        unresolved_addresses=conn.host.nunique(where=conn._unresolved),
    ).to_pyarrow().to_pylist()
    skipped = agg.filter(agg.part.isin(list(resolution.conn_parts)) & (agg.reason == SAME_AS_HTTP))
    in_http = skipped.requests.sum().to_pyarrow().as_py() or 0
    unresolved = conn.filter(conn._unresolved)
    per_address = unresolved.group_by(unresolved.host).aggregate(connections=unresolved.requests.sum())
    top = per_address.order_by([ibis.desc("connections"), "host"]).limit(TOP_UNRESOLVED).to_pyarrow().to_pylist()
    connections = totals["connections"] or 0
    unresolved_count = totals["unresolved"] or 0
    return {
        "connections": connections,
        "resolved": connections - unresolved_count,
        "unresolved": unresolved_count,
        "unresolved_addresses": totals["unresolved_addresses"] or 0,
        "counted_in_http": in_http,
        "name_sources": list(resolution.sources),
        "top_unresolved": [{"address": row["host"], "connections": row["connections"]} for row in top],
    }
