"""BIND 9 ``query.log`` (the ``queries`` category).

    25-Jan-2026 10:00:00.123 queries: info: client @0x7f8a2c0a1b20 10.0.0.5#53211 (chatgpt.com): query: chatgpt.com IN A +E(0)K (10.0.0.53)

Older versions omit ``@0x…``; a syslog prefix before ``client`` is allowed (the
date is then unknown unless it is BIND's own). Other lines are skipped.
"""

from __future__ import annotations

import re

from emprise.logs.interface import EMPTY_LINE, SKIPPED, LogFormat, events, matching_share, reason_of
from emprise.logs.stamps import epoch_of, month_number

_QUERY = re.compile(r"client (?:@\S+ )?[0-9a-fA-F.:]+#\d+ (?:\([^)]*\))?: (?:view \S+: )?query: \S+ IN ")


class BindQueryLog(LogFormat):
    name = "bind"
    description = "BIND 9 query log"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        return matching_share(first_lines, _QUERY.search, 90)

    def parse(self, lines, first_lines):
        line = lines.line
        stamp = line.re_extract(r"^(\d{2}-[A-Za-z]{3}-\d{4} \d{2}:\d{2}:\d{2})", 1).nullif("")
        parts = lines.mutate(
            stamp=stamp,
            client=line.re_extract(r"client (?:@\S+ )?([0-9a-fA-F.:]+)#\d+", 1).nullif(""),
            host=line.re_extract(r"query: (\S+) IN ", 1).nullif("").lower().rstrip(),
        )
        stamp = parts.stamp  # 25-Jan-2026 10:00:00; an impossible date is None (see ``stamps``)
        parts = parts.mutate(ts=epoch_of(stamp.substr(7, 4), month_number(stamp.substr(3, 3)),
                                         stamp.substr(0, 2), stamp.substr(12, 8)))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (~parts.line.contains("query: "), SKIPPED + "not a query line"),
            (parts.host.isnull(), "truncated query line"),
            (parts.ts.isnull(), "bad timestamp"),
        )
        return events(parts, ts=parts.ts, host=parts.host.rstrip(), client=parts.client, reason=reason)
