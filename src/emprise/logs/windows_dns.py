"""Windows Server DNS debug log (``dns.log`` with packet logging on).

    1/25/2026 10:00:00 AM 0E4C PACKET  000000D2F1B8A1A0 UDP Rcv 10.0.0.5        8d2e   Q [0001   D   NOERROR] A      (7)chatgpt(3)com(0)

Only queries received from clients (``Rcv`` … ``Q``) count; the header and
other lines are skipped. Dates are read as US ``month/day/year`` with AM/PM,
the default of an English-language server.
"""

from __future__ import annotations

import re

from emprise.logs.interface import EMPTY_LINE, SKIPPED, LogFormat, events, reason_of
from emprise.logs.stamps import epoch_of

_PACKET = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)? +\S+ PACKET ")
_HEADER = re.compile(r"^(DNS Server log|Message logging key)")


class WindowsDnsDebug(LogFormat):
    name = "windows-dns"
    description = "Windows Server DNS debug log"

    @classmethod
    def detect(cls, first_lines: list[str]) -> int:
        if any(_HEADER.match(line) for line in first_lines[:5]):
            return 95
        packets = sum(1 for line in first_lines if _PACKET.match(line))
        return 85 if packets else 0

    def parse(self, lines, first_lines):
        import ibis

        line = lines.line
        query = line.re_extract(r" (?:UDP|TCP) Rcv ([0-9a-fA-F.:]+) +\S+ +Q \[[^\]]*\] +\S+ +(\(\d+\)\S*)", 2)
        parts = lines.mutate(
            stamp=line.re_extract(r"^(\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M)", 1).nullif(""),
            client=line.re_extract(r" (?:UDP|TCP) Rcv ([0-9a-fA-F.:]+) ", 1).nullif(""),
            # (7)chatgpt(3)com(0) -> chatgpt.com
            host=query.re_replace(r"\(\d+\)", ".").strip().lower().nullif(""),
        )
        # 1/25/2026 2:00:01 PM -> 2026-01-25 14:00:01; an impossible date is None (see ``stamps``).
        pieces = parts.stamp.split(" ")
        day, clock = pieces[0].split("/"), pieces[1]
        colon = clock.find(":")
        hour12 = clock.substr(0, colon).try_cast("int64")
        hour = ibis.cases((hour12.between(1, 12), hour12 % 12 + ibis.cases((pieces[2] == "PM", 12), else_=0)),
                          else_=ibis.null("int64"))
        parts = parts.mutate(
            host=parts.host.re_replace(r"^\.+|\.+$", "").nullif(""),
            ts=epoch_of(day[2], day[0], day[1], hour.cast("string").lpad(2, "0").concat(clock.substr(colon))))
        reason = reason_of(
            (parts.line.isnull() | (parts.line == ""), EMPTY_LINE),
            (~parts.line.contains(" PACKET ") | ~parts.line.contains(" Rcv ")
             | parts.line.contains(" R Q "), SKIPPED + "not a query received"),
            (parts.host.isnull(), "truncated query line"),
            (parts.ts.isnull(), "bad timestamp"),
        )
        return events(parts, ts=parts.ts, host=parts.host, client=parts.client, reason=reason)
