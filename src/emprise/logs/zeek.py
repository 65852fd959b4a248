"""Zeek ``dns.log``, ``ssl.log``, ``http.log`` and ``conn.log``: TSV with a ``#fields`` header, or JSON lines.

Which log it is comes from ``#path`` (TSV) or from the fields present (JSON):

- dns: the host is ``query``; no byte counts.
- ssl: the host is ``server_name`` (SNI); no byte counts.
- http: the host is ``host``; ``request_body_len`` is sent, ``response_body_len`` received; ``username``.
- conn: no name at all: the host is the server address ``id.resp_h``; ``orig_bytes`` sent,
  ``resp_bytes`` received. Names come from the run's dns/ssl/http logs: ``resolve_ips``.

The person is the client address ``id.orig_h`` (only http.log may name a user).
"""

from __future__ import annotations

import json

from emprise.logs.interface import EMPTY_LINE, SKIPPED, LogError, LogFormat, dash_is_null, events, reason_of

# kind -> (host field, user field, sent field, received field)
_KINDS = {
    "dns": ("query", None, None, None),
    "ssl": ("server_name", None, None, None),
    "http": ("host", "username", "request_body_len", "response_body_len"),
    "conn": ("id.resp_h", None, "orig_bytes", "resp_bytes"),
}


def _kind_of_fields(fields: list[str] | set[str], path: str | None = None) -> str | None:
    if path in _KINDS:
        return path
    names = set(fields)
    if "query" in names and "qtype_name" in names:
        return "dns"
    if "server_name" in names and ("cipher" in names or "version" in names):
        return "ssl"
    if "host" in names and "method" in names:
        return "http"
    if "orig_bytes" in names and "resp_bytes" in names:
        return "conn"
    return None


def _header(first_lines: list[str]) -> tuple[list[str], str | None]:
    fields, path = [], None
    for line in first_lines:
        if line.startswith("#fields"):
            fields = line.rstrip("\r").split("\t")[1:]
        elif line.startswith("#path"):
            path = line.rstrip("\r").split("\t")[-1].strip()
    return fields, path


class ZeekTsv(LogFormat):
    name = "zeek-tsv"
    description = "Zeek dns/ssl/http/conn log, TSV with #fields header"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        fields, path = _header(first_lines)
        if not fields or not any(line.startswith("#separator") for line in first_lines[:3]):
            return 0
        return 95 if _kind_of_fields(fields, path) else 30

    def parse(self, lines, first_lines):
        import ibis

        fields, path = _header(first_lines)
        kind = _kind_of_fields(fields, path)
        if kind is None:
            raise LogError("zeek", f"a Zeek log Emprise does not read (#path {path or 'unknown'}); "
                           f"it reads {', '.join(_KINDS)}")
        host_field, user_field, sent_field, received_field = _KINDS[kind]
        index = {name: position for position, name in enumerate(fields)}

        split = lines.mutate(cells=lines.line.split("\t"))
        cells = split.cells

        def cell(name):
            return dash_is_null(cells[index[name]]) if name is not None and name in index else None

        sent, received = cell(sent_field), cell(received_field)
        parts = split.mutate(
            count=cells.length(),
            ts=cells[index["ts"]].try_cast("float64"),
            host=cell(host_field).lower() if cell(host_field) is not None else ibis.null("string"),
            user=cell(user_field) if cell(user_field) is not None else ibis.null("string"),
            client=cell("id.orig_h") if "id.orig_h" in index else ibis.null("string"),
            sent=sent.try_cast("int64") if sent is not None else ibis.null("int64"),
            received=received.try_cast("int64") if received is not None else ibis.null("int64"),
        )
        total = ibis.cases((parts.sent.notnull() | parts.received.notnull(),
                            parts.sent.fill_null(0) + parts.received.fill_null(0)), else_=ibis.null("int64"))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (parts.line.startswith("#"), SKIPPED + "Zeek header"),
            (parts["count"] < len(fields), f"truncated line (fewer than {len(fields)} fields)"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.host.isnull(), SKIPPED + f"no {host_field}"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=parts.user, client=parts.client,
                      bytes=total, bytes_out=parts.sent, bytes_in=parts.received, reason=reason)


def _json_keys(first_lines: list[str]) -> set[str]:
    for line in first_lines:
        line = line.strip()
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict):
                return set(value)
    return set()


class ZeekJson(LogFormat):
    name = "zeek-json"
    description = "Zeek dns/ssl/http/conn log as JSON lines"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        keys = _json_keys(first_lines)
        if "uid" not in keys or "id.orig_h" not in keys:
            return 0
        return 95 if _kind_of_fields(keys) else 30

    def parse(self, lines, first_lines):
        import ibis

        kind = _kind_of_fields(_json_keys(first_lines))
        if kind is None:
            raise LogError("zeek", f"a Zeek JSON log Emprise does not read; it reads {', '.join(_KINDS)}")
        host_field, user_field, sent_field, received_field = _KINDS[kind]
        line = lines.line

        def text(name):  # "name":"value"
            return line.re_extract('"' + name.replace(".", r"\.") + r'":"([^"]*)"', 1).nullif("")

        def number(name):  # "name":123
            return line.re_extract('"' + name.replace(".", r"\.") + r'":(-?[0-9.eE+]+)', 1).nullif("")

        stamp = line.re_extract(r'"ts":"?([^",}]*)', 1)
        parts = lines.mutate(
            epoch=stamp.try_cast("float64"), iso=stamp.try_cast("timestamp"),
            host=text(host_field).lower(),
            user=text(user_field) if user_field else ibis.null("string"),
            client=text("id.orig_h"),
            sent=number(sent_field).try_cast("int64") if sent_field else ibis.null("int64"),
            received=number(received_field).try_cast("int64") if received_field else ibis.null("int64"),
        )
        parts = parts.mutate(ts=ibis.coalesce(parts.epoch, parts.iso.epoch_seconds().cast("float64")))
        total = ibis.cases((parts.sent.notnull() | parts.received.notnull(),
                            parts.sent.fill_null(0) + parts.received.fill_null(0)), else_=ibis.null("int64"))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (~parts.line.startswith("{"), "not a JSON object"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.host.isnull(), SKIPPED + f"no {host_field}"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=parts.user, client=parts.client,
                      bytes=total, bytes_out=parts.sent, bytes_in=parts.received, reason=reason)
