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
from emprise.logs.stamps import epoch_of, month_number

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
        # Only well-formed stamps are read, by their fixed positions; an impossible
        # date (35/Jan) is None (see ``stamps``). The offset is subtracted to get UTC.
        stamp = parts.stamp
        well_formed = stamp.re_search(_STAMP)
        offset = (stamp.substr(22, 2).try_cast("int64") * 3600 + stamp.substr(24, 2).try_cast("int64") * 60)
        local = epoch_of(stamp.substr(7, 4), month_number(stamp.substr(3, 3)), stamp.substr(0, 2),
                         stamp.substr(12, 8))
        parts = parts.mutate(
            ts=ibis.cases((well_formed, ibis.cases((stamp.substr(21, 1) == "-", local + offset),
                                                   else_=local - offset)), else_=ibis.null("float64")),
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
