"""Squid's ``common`` and ``combined`` log formats (Apache-style).

    10.0.0.5 - alice [25/Jan/2026:10:00:00 +0100] "CONNECT claude.ai:443 HTTP/1.1" 200 3456
    … the same … "-" "Mozilla/5.0 (X11)" TCP_TUNNEL:HIER_DIRECT        (combined)

No upload byte count exists in these formats: ``bytes`` is the reply size.
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

_STAMP = r"^\d{2}/[A-Za-z]{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}$"
_LINE = re.compile(r'^\S+ \S+ \S+ \[\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "[A-Z_]+ \S+ [^"]*" \d{3} (\d+|-)')


class SquidCommon(LogFormat):
    name = "squid-common"
    description = "Squid common / combined log format"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        return matching_share(first_lines, _LINE.match, 90)

    def parse(self, lines, first_lines):
        import ibis

        split = lines.mutate(fields=lines.line.split(" "))
        fields = split.fields
        parts = split.mutate(count=fields.length(), client=fields[0], user=fields[2],
                             stamp=fields[3].substr(1).concat(" ", fields[4].substr(0, 5)),
                             quote=fields[5], url=fields[6], size_text=fields[9])
        parts = with_host_of_url(parts, "url")
        # strptime fails on a bad string: only well-formed stamps reach it.
        well_formed = parts.stamp.re_search(_STAMP)
        parts = parts.mutate(
            ts=ibis.cases((well_formed, parts.stamp.as_timestamp("%d/%b/%Y:%H:%M:%S %z").epoch_seconds()),
                          else_=ibis.null("float64")),
            size=parts.size_text.try_cast("int64"))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (parts["count"] < 10, "truncated line (fewer than 10 fields)"),
            (~parts.quote.startswith('"'), "not a common/combined log line"),
            (parts.ts.isnull(), "bad timestamp"),
            (parts.size.isnull() & (parts.size_text != "-"), "bad size field"),
            (parts.host.isnull(), "no host in the URL"),
        )
        return events(parts, ts=parts.ts, host=parts.host, user=dash_is_null(parts.user),
                      client=dash_is_null(parts.client), bytes=parts.size, reason=reason)
