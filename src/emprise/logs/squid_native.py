"""Squid's native ``access.log`` (``logformat squid``), HTTPS CONNECT tunnels and plain HTTP.

    1764000000.008   2418 10.3.112.115 TCP_TUNNEL/200 3495 CONNECT teams.microsoft.com:443 alice HIER_DIRECT/teams.microsoft.com -
    time.ms        elapsed client      result/status size method URL                    user  hierarchy/peer          type

The user field is ``-`` when the proxy does not authenticate. Fields are split
on single spaces by the engine's own reader and read from the end of the line:
Squid pads ``elapsed`` with spaces, which only adds empty fields near the start.
"""

from __future__ import annotations

import re

from emprise.logs.interface import (
    EMPTY_LINE,
    LogFormat,
    dash_is_null,
    events,
    matching_share,
    reason_of,
    with_host_of_url,
)

_LINE = re.compile(r"^\d{9,11}\.\d{3} +\d+ \S+ [A-Z_]+/\d{3} \d+ [A-Z_]+ \S+ \S+ \S+ \S+\r?$")


#: Fields the engine splits a line into: 10 plus Squid's padding of ``elapsed`` (up to
#: 5 empty fields), plus one that only flags a line that is too long. Every column
#: costs reading time, so there is no more room than that.
FIELD_COUNT = 16


class SquidNative(LogFormat):
    name = "squid"
    description = "Squid native access.log (logformat squid)"
    reads = "fields"
    delimiter = " "
    field_count = FIELD_COUNT

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        return matching_share(first_lines, _LINE.match, 95)

    def parse(self, fields, first_lines):
        import ibis

        columns = [fields[f"f{i}"] for i in range(1, FIELD_COUNT + 1)]
        # How many fields the line has: a short line is NULL-padded at the end, so the
        # non-NULL columns are counted (a sum is cheaper for the engine than a CASE).
        count = sum((column.notnull().cast("int32") for column in columns[1:]), columns[0].notnull().cast("int32"))
        table = fields.mutate(count=count)

        def from_end(offset: int):
            """The field ``offset`` places before the last one (Spark reads no negative index)."""
            return table["count"].cases(
                *((i, table[f"f{i - offset}"]) for i in range(offset + 1, FIELD_COUNT + 1)),
                else_=ibis.null("string"))

        parts = table.mutate(
            # The line as read: joined back only for the malformed lines sampled.
            line=ibis.literal(" ").join([table[f"f{i}"] for i in range(1, FIELD_COUNT + 1)]),
            ts=table.f1.try_cast("float64"), status=from_end(6), size=from_end(5).try_cast("int64"),
            url=from_end(3), user=from_end(2), client=from_end(7))
        parts = with_host_of_url(parts, "url")
        reason = reason_of(
            ((parts["count"] == 1) & (parts.f1 == ""), EMPTY_LINE),
            (parts["count"] < 10, "truncated line (fewer than 10 fields)"),
            (parts["count"] == FIELD_COUNT, f"too many fields (more than {FIELD_COUNT - 1})"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.size.isnull(), "bad size field"),
            (~parts.status.contains("/"), "bad result/status field"),
            (parts.host.isnull(), "no host in the URL"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=dash_is_null(parts.user),
                      client=dash_is_null(parts.client), bytes=parts.size, reason=reason)
