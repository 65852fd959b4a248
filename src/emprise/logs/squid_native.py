"""Squid's native ``access.log`` (``logformat squid``), HTTPS CONNECT tunnels and plain HTTP.

    1764000000.008   2418 10.3.112.115 TCP_TUNNEL/200 3495 CONNECT teams.microsoft.com:443 alice HIER_DIRECT/teams.microsoft.com -
    time.ms        elapsed client      result/status size method URL                    user  hierarchy/peer          type

The user field is ``-`` when the proxy does not authenticate. Each line is split
on single spaces and read from the end: Squid pads ``elapsed`` with spaces, which
only adds empty fields near the start. The split is one list per line, indexed by
position from its length (Spark has no negative index): measured on a million
lines, reading fields through the CSV reader and picking them with one CASE per
field cost four times as much.
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

#: A line has 10 fields, plus up to 5 empty ones where Squid pads ``elapsed``.
FIELDS, MAX_PADDING = 10, 5


class SquidNative(LogFormat):
    name = "squid"
    description = "Squid native access.log (logformat squid)"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        return matching_share(first_lines, _LINE.match, 95)

    def parse(self, lines, first_lines):
        split = lines.mutate(_fields=lines.line.split(" "))
        split = split.mutate(count=split._fields.length())
        fields, count = split._fields, split["count"]

        def from_end(offset: int):
            """The field ``offset`` places before the last one."""
            return fields[count - (offset + 1)]

        parts = split.mutate(ts=fields[0].try_cast("float64"), status=from_end(6),
                             size=from_end(5).try_cast("int64"), url=from_end(3), user=from_end(2),
                             client=from_end(7))
        parts = with_host_of_url(parts, "url")
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (parts["count"] < FIELDS, f"truncated line (fewer than {FIELDS} fields)"),
            (parts["count"] > FIELDS + MAX_PADDING, f"too many fields (more than {FIELDS + MAX_PADDING})"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.size.isnull(), "bad size field"),
            (~parts.status.contains("/"), "bad result/status field"),
            (parts.host.isnull(), "no host in the URL"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=dash_is_null(parts.user),
                      client=dash_is_null(parts.client), bytes=parts.size, reason=reason)
