"""Dates of log lines, read without failing: an impossible date is None, never an error.

DuckDB's ``strptime`` (what Ibis's ``as_timestamp`` compiles to) raises on a
string it cannot read, such as ``30-Feb-2026`` or ``13/25/2026``: one bad line
would stop a whole discovery. Formats instead build an ISO 8601 string from the
parts of their date and ``try_cast`` it, which gives None on DuckDB and Spark alike.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def month_number(name: "ir.StringValue") -> "ir.StringValue":
    """``"01"`` to ``"12"`` for an English month abbreviation (any case), else None."""
    import ibis

    lowered = name.lower()
    return ibis.cases(*((lowered == month, f"{number:02d}") for number, month in enumerate(MONTHS, 1)),
                      else_=ibis.null("string"))


def epoch_of(year, month, day, clock) -> "ir.FloatingValue":
    """Seconds since the epoch (UTC) of string parts: ``2026``, ``01``, ``5``, ``10:00:00``.

    None when any part is None or the date or time does not exist.
    """
    iso = year.concat("-", month.lpad(2, "0"), "-", day.lpad(2, "0"), " ", clock)
    return iso.try_cast("timestamp").epoch_seconds().cast("float64")


def epoch_with_format(text: "ir.StringValue", strftime_format: str) -> "ir.FloatingValue":
    """Seconds since the epoch of ``text`` read with a user's strftime format; None when
    ``text`` does not fit it.

    The format is the user's (a CSV mapping's ``ts_format``), so the date cannot be cut
    into parts here. DuckDB reads it with ``try_strptime`` (Ibis's ``as_timestamp``
    compiles to ``strptime``, which raises); Spark's ``to_timestamp`` already gives
    None when ANSI mode is off, as the Spark engine sets it.
    """
    import ibis

    if text._find_backend(use_default=True).name == "duckdb":
        def try_strptime(value, pattern):  # DuckDB's own function: Ibis only names it
            ...

        arguments = ("string", "string")
        udf = ibis.udf.scalar.builtin(try_strptime, name="try_strptime", signature=(arguments, "timestamp"))
        stamp = udf(text, ibis.literal(strftime_format))
    else:
        stamp = text.as_timestamp(strftime_format)
    return stamp.epoch_seconds().cast("float64")


def iso_seconds(seconds: float | None) -> str | None:
    """A time in seconds since the epoch as ISO 8601 (UTC, to the second); None when there
    is none or none a calendar holds (``1e999``: ``watch`` sees lines before any check)."""
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None
