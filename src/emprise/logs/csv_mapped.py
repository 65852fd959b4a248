"""CSV / TSV exports of commercial proxies and firewalls, through a column mapping.

A mapping names, for each field Emprise needs, the column that holds it::

    {"host": "hostname", "url": "url", "user": "login", "client": "cip",
     "ts": "time", "bytes": "respsize", "bytes_out": "reqsize", "bytes_in": "respsize"}

Only ``host`` or ``url`` is required. Presets cover common exports (their column
names, matched case-insensitively on the header); ``--mapping FILE.yaml`` gives
one for anything else (keys as above, plus ``delimiter`` and ``ts_format``, a
strftime format; without it the time is read as epoch seconds or ISO 8601).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping

from emprise.logs.interface import LogError, LogFormat, events, reason_of, with_host_of_url
from emprise.logs.stamps import epoch_with_format

FIELDS = ("ts", "host", "url", "user", "client", "bytes", "bytes_out", "bytes_in")

#: preset name -> field -> column names that may hold it (first present wins). The
#: presets are tried in this order; the vendor ones first, each guarded by the columns
#: that only its export has (``SIGNATURES``), so that none takes another's file.
PRESETS: dict[str, dict[str, tuple[str, ...]]] = {
    # Fortinet FortiGate logs exported as CSV (FortiAnalyzer log export) under their FortiOS
    # log field names (https://docs.fortinet.com/document/...):
    # fortigate/7.6.1/fortios-log-message-reference/13318 (webfilter: srcip, user, url,
    # sentbyte, rcvdbyte), fortigate/7.2.4/fortios-log-message-reference/949981 (traffic:
    # eventtime, srcip, dstip), fortiproxy/7.2.4/log-message-reference/99 (hostname).
    # ``eventtime`` is epoch seconds (FortiOS 6.0) or nanoseconds (later): both are read.
    "fortinet": {"ts": ("eventtime",), "host": ("hostname",), "url": ("url",), "user": ("user",),
                 "client": ("srcip",), "bytes_out": ("sentbyte",), "bytes_in": ("rcvdbyte",)},
    # Cisco Secure Access (ex-Umbrella) DNS logs, CSV with a header row (v8/v9):
    # https://docs.sse.cisco.com/sse-user-guide/docs/dns-log-formats
    # (Umbrella's own S3 logs have no header row: docs.umbrella.com/.../dns-log-formats.)
    "cisco-secure-access-dns": {"ts": ("timestamp",), "host": ("domain",),
                                "user": ("most granular identity",), "client": ("internal ip",)},
    # Zscaler NSS web feed exported as CSV with its field names
    # (https://help.zscaler.com/zia/nss-feed-output-format-web-logs: time, epochtime, login).
    "zscaler-nss": {"ts": ("epochtime", "time", "datetime"), "url": ("url",),
                    "host": ("hostname", "host"),
                    "user": ("login", "user"), "client": ("cip", "clientip"),
                    "bytes_out": ("reqsize", "requestsize"), "bytes_in": ("respsize", "responsesize")},
    # Palo Alto Networks URL-filtering / traffic log exported from the web interface; names as in
    # https://docs.paloaltonetworks.com/pan-os/10-2/pan-os-admin/monitoring/
    # use-syslog-for-monitoring/syslog-field-descriptions/data-filtering-log-fields
    "paloalto": {"ts": ("receive time", "generate time", "generated time"),
                 "url": ("url/filename", "url"),
                 "user": ("source user",), "client": ("source address",),
                 "bytes_out": ("bytes sent",), "bytes_in": ("bytes received",), "bytes": ("bytes",)},
    # Other exports using plain column names (Umbrella-like or FortiGate-like files without the
    # columns that the presets above require fall here).
    "generic": {"ts": ("timestamp", "time", "date", "datetime", "_time"),
                "host": ("host", "hostname", "domain", "dest_host", "destination", "dsthost", "sni",
                         "server_name", "query", "fqdn"),
                "url": ("url", "uri", "request_url"),
                "user": ("user", "username", "user_name", "login", "identity", "identities", "srcuser"),
                "client": ("client", "client_ip", "src", "src_ip", "source_ip", "srcip", "ip",
                           "internal ip", "internal_ip"),
                "bytes": ("bytes", "total_bytes", "size"),
                "bytes_out": ("bytes_out", "sent_bytes", "sentbyte", "bytes_sent", "request_size",
                              "request size", "upload_bytes"),
                "bytes_in": ("bytes_in", "received_bytes", "rcvdbyte", "bytes_received",
                             "response_size", "response size", "download_bytes")},
}

#: preset name -> columns its header must all have (beside the fields it maps).
SIGNATURES: dict[str, tuple[str, ...]] = {
    "fortinet": ("eventtime", "srcip"),
    "cisco-secure-access-dns": ("most granular identity", "query type"),
}


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
    return max(counts, key=counts.get)


def _header_cells(first_lines: list[str], delimiter: str) -> list[str]:
    if not first_lines:
        return []
    return [cell.strip() for cell in next(csv.reader([first_lines[0].lstrip("\ufeff")], delimiter=delimiter))]


def resolve_mapping(header: list[str], mapping: Mapping[str, str] | None) -> tuple[str, dict[str, str]]:
    """``(preset name or "mapping", field -> header column)`` for this header; raises LogError."""
    lowered = {cell.lower(): cell for cell in header}
    if mapping is not None:
        chosen = {}
        for field_name, column in mapping.items():
            if field_name not in FIELDS:
                continue
            if str(column).lower() not in lowered:
                raise LogError("mapping", f"column {column!r} (for {field_name}) is not in the header "
                               f"({', '.join(header)})")
            chosen[field_name] = lowered[str(column).lower()]
        return "mapping", chosen
    for name, preset in PRESETS.items():
        if not all(column in lowered for column in SIGNATURES.get(name, ())):
            continue
        chosen = {}
        for field_name, candidates in preset.items():
            for candidate in candidates:
                if candidate in lowered:
                    chosen[field_name] = lowered[candidate]
                    break
        if ("host" in chosen or "url" in chosen) and len(chosen) >= 2:
            return name, chosen
    return "none", {}


class MappedCsv(LogFormat):
    name = "csv"
    description = "CSV/TSV export with a column mapping (presets: " + ", ".join(PRESETS) + ")"
    reads = "csv"

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = dict(mapping) if mapping is not None else None

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        if not first_lines or first_lines[0].startswith("#"):
            return 0
        header = _header_cells(first_lines, _sniff_delimiter(first_lines[0]))
        preset, chosen = resolve_mapping(header, None)
        return 60 if chosen else 0

    def csv_layout(self, first_lines: list[str], display_name: str) -> dict:
        """How the engine's CSV reader must read the file: delimiter, header, column names."""
        delimiter = (self.mapping or {}).get("delimiter") or _sniff_delimiter(first_lines[0] if first_lines else ",")
        header = _header_cells(first_lines, delimiter)
        if not header:
            raise LogError(display_name, "no CSV header line")
        return {"delimiter": delimiter, "header": True, "columns": [f"c{i}" for i in range(len(header))]}

    def parse(self, lines, first_lines):
        import ibis

        delimiter = (self.mapping or {}).get("delimiter") or _sniff_delimiter(first_lines[0])
        header = _header_cells(first_lines, delimiter)
        _, chosen = resolve_mapping(header, self.mapping)
        if "host" not in chosen and "url" not in chosen:
            raise LogError("csv", "no host or URL column: give --mapping (columns: " + ", ".join(header) + ")")
        position = {cell: f"c{i}" for i, cell in enumerate(header)}

        def column(field_name):
            if field_name not in chosen:
                return None
            value = lines[position[chosen[field_name]]].strip()
            return value.nullif("").nullif("-")

        line = ibis.literal(delimiter).join([lines[c].fill_null("") for c in lines.columns])
        table = lines.mutate(line=line)
        table = table.mutate(url=column("url") if "url" in chosen else ibis.null("string"))
        table = with_host_of_url(table, "url", out="url_host")
        # DNS exports write the name fully qualified ("chatgpt.com."): the dot is dropped.
        host = None
        if "host" in chosen:
            host = column("host").lower().re_replace(r"\.+$", "").nullif("")
        stamp = column("ts")
        ts_format = (self.mapping or {}).get("ts_format")
        if stamp is None:
            ts = ibis.null("float64")
        elif ts_format:
            ts = epoch_with_format(stamp, ts_format)  # a value that does not fit is None, not an error
        else:
            number = stamp.try_cast("float64")  # seconds, or milli/micro/nanoseconds (FortiOS)
            number = ibis.cases((number >= 1e17, number / 1e9), (number >= 1e14, number / 1e6),
                                (number >= 1e11, number / 1e3), else_=number)
            ts = ibis.coalesce(number, stamp.try_cast("timestamp").epoch_seconds().cast("float64"))
        table = table.mutate(
            host=ibis.coalesce(host, table.url_host) if host is not None else table.url_host,
            ts=ts,
            user=column("user") if "user" in chosen else ibis.null("string"),
            client=column("client") if "client" in chosen else ibis.null("string"),
            size=column("bytes").try_cast("int64") if "bytes" in chosen else ibis.null("int64"),
            sent=column("bytes_out").try_cast("int64") if "bytes_out" in chosen else ibis.null("int64"),
            received=column("bytes_in").try_cast("int64") if "bytes_in" in chosen else ibis.null("int64"),
        )
        total = ibis.coalesce(table.size, ibis.cases(
            (table.sent.notnull() | table.received.notnull(),
             table.sent.fill_null(0) + table.received.fill_null(0)), else_=ibis.null("int64")))
        reason = reason_of(
            (table.host.isnull(), "no host"),
            (table.ts.isnull(), "bad timestamp"),
        )
        return events(table, ts=table.ts, host=table.host, user=table.user, client=table.client,
                      bytes=total, bytes_out=table.sent, bytes_in=table.received, reason=reason)
