"""Squid's native ``access.log`` (``logformat squid``), HTTPS CONNECT tunnels and plain HTTP.

    1764000000.008   2418 10.3.112.115 TCP_TUNNEL/200 3495 CONNECT teams.microsoft.com:443 alice HIER_DIRECT/teams.microsoft.com -
    time.ms        elapsed client      result/status size method URL                    user  hierarchy/peer          type

The user field is ``-`` when the proxy does not authenticate. Fields are split
on single spaces and read from the end of the line: Squid pads ``elapsed`` with
spaces, which only adds empty fields near the start.
"""

from __future__ import annotations

import re

from emprise.logs.interface import EMPTY_LINE, LogFormat, dash_is_null, events, reason_of, with_host_of_url

_LINE = re.compile(r"^\d{9,11}\.\d{3} +\d+ \S+ [A-Z_]+/\d{3} \d+ [A-Z_]+ \S+ \S+ \S+ \S+\r?$")


class SquidNative(LogFormat):
    name = "squid"
    description = "Squid native access.log (logformat squid)"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        lines = [line for line in first_lines if line.strip()]
        if not lines:
            return 0
        matched = sum(1 for line in lines if _LINE.match(line))
        return 95 * matched // len(lines)

    def parse(self, lines, first_lines):
        # Staged so that each step is computed once (the SQL keeps one subquery per stage).
        split = lines.mutate(fields=lines.line.split(" "))
        split = split.mutate(count=split.fields.length())
        fields, last = split.fields, split["count"] - 1
        # Counted from the end with explicit positions: Spark reads no negative index.
        parts = split.mutate(ts=fields[0].try_cast("float64"), status=fields[last - 6],
                             size=fields[last - 5].try_cast("int64"), url=fields[last - 3],
                             user=fields[last - 2], client=fields[last - 7])
        parts = with_host_of_url(parts, "url")
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (parts["count"] < 10, "truncated line (fewer than 10 fields)"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.size.isnull(), "bad size field"),
            (~parts.status.contains("/"), "bad result/status field"),
            (parts.host.isnull(), "no host in the URL"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=dash_is_null(parts.user),
                      client=dash_is_null(parts.client), bytes=parts.size, reason=reason)
