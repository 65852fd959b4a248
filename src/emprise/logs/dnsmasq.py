"""dnsmasq query log (``log-queries``), through syslog.

    Jan 25 10:00:00 dnsmasq[1234]: query[A] chatgpt.com from 10.0.0.5

Syslog dates carry no year: the current year (UTC) is assumed, the
one limitation of this format. ``reply``, ``forwarded`` and ``cached`` lines are skipped.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from emprise.logs.interface import EMPTY_LINE, SKIPPED, LogFormat, events, matching_share, reason_of
from emprise.logs.stamps import epoch_of, month_number

_QUERY = re.compile(r"dnsmasq\[\d+\]: (?:\d+ [0-9a-fA-F.:]+/\d+ )?query\[\w+\] \S+ from \S+")
_ANY = re.compile(r"dnsmasq\[\d+\]: ")


class Dnsmasq(LogFormat):
    name = "dnsmasq"
    description = "dnsmasq query log (log-queries)"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        if not any(_QUERY.search(line) for line in first_lines):
            return 0
        return matching_share(first_lines, _ANY.search, 90)

    def parse(self, lines, first_lines):
        import ibis

        year = str(datetime.now(timezone.utc).year)
        line = lines.line
        stamp = line.re_extract(r"^([A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})", 1).nullif("")
        parts = lines.mutate(
            stamp=stamp.re_replace(" +", " ").split(" "),  # [Jan, 5, 10:00:00]
            host=line.re_extract(r"query\[\w+\] (\S+) from ", 1).nullif("").lower(),
            client=line.re_extract(r"query\[\w+\] \S+ from (\S+)", 1).nullif(""),
        )
        # An impossible date (Feb 30) is None (see ``stamps``).
        parts = parts.mutate(ts=epoch_of(ibis.literal(year), month_number(parts.stamp[0]), parts.stamp[1],
                                         parts.stamp[2]))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (~parts.line.contains("query["), SKIPPED + "not a query line"),
            (parts.host.isnull() | parts.client.isnull(), "truncated query line"),
            (parts.ts.isnull(), "bad timestamp"),
        )
        return events(parts, ts=parts.ts, host=parts.host, client=parts.client, reason=reason)
