"""The seam every log format plugs into, and the shape every format parses to.

A log format is not a ``Source`` of the inventory: a proxy log holds millions of
lines that only mean something once aggregated, so a format does not yield
records. It builds an Ibis expression instead: from a table of raw lines
(``file``, ``line``) to a table of *events* with the columns of ``EVENT_SCHEMA``.
The same expression then runs on DuckDB or on Spark.

To add a format: write one module with a ``LogFormat`` subclass, then add one
line to ``REGISTRY`` in ``emprise/logs/registry.py``.
"""

from __future__ import annotations

import abc
from typing import TYPE_CHECKING, ClassVar

from emprise.errors import EmpriseError

if TYPE_CHECKING:  # Ibis is imported only when a discovery runs
    import ibis.expr.types as ir

#: Columns of a parsed event table. ``reason`` is None for a good line and names
#: the defect of a malformed one (its other columns are then meaningless).
EVENT_SCHEMA: dict[str, str] = {
    "file": "string",  # display name of the log file
    "line": "string",  # the raw line (only malformed ones are ever sampled)
    "ts": "float64",  # seconds since the Unix epoch, UTC
    "host": "string",  # the server name asked for: URL host, SNI, DNS query
    "user": "string",  # the authenticated user, None when the log has none
    "client": "string",  # the client address
    "bytes": "int64",  # the log's own size field (total for the request)
    "bytes_out": "int64",  # sent by the client (upload), None when the log does not say
    "bytes_in": "int64",  # received by the client, None when the log does not say
    "reason": "string",
}

#: Lines a format reads but that are not events (comments, headers, DNS replies).
#: Their ``reason`` starts with this prefix; they are counted apart from defects.
SKIPPED = "skipped: "
#: A blank line is not a defect: it is skipped.
EMPTY_LINE = SKIPPED + "empty line"


class LogError(EmpriseError):
    """A log input as a whole cannot be read (missing, unknown format, engine failure)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def matching_share(first_lines: list[str], matches, confidence: int) -> int:
    """``confidence`` scaled by the share of non-blank ``first_lines`` for which
    ``matches(line)`` is true (a compiled pattern's ``match`` or ``search``); 0 when blank."""
    lines = [line for line in first_lines if line.strip()]
    if not lines:
        return 0
    return confidence * sum(1 for line in lines if matches(line)) // len(lines)


class LogFormat(abc.ABC):
    """One log format. Subclasses set ``name`` and ``description`` and implement both methods."""

    name: ClassVar[str]
    description: ClassVar[str]
    #: "lines": the engine hands ``parse`` one string column ``line`` per line.
    #: "csv": the engine's CSV reader hands ``parse`` the file's columns (see csv_mapped).
    reads: ClassVar[str] = "lines"

    @classmethod
    @abc.abstractmethod
    def detect(cls, first_lines: list[str]) -> int:
        """How sure this format is that it reads a file starting with ``first_lines``: 0 to 100."""

    @abc.abstractmethod
    def parse(self, lines: "ir.Table", first_lines: list[str]) -> "ir.Table":
        """Events (``EVENT_SCHEMA`` columns but ``file``) from a table with a ``line`` column.

        ``first_lines`` is the head of the same file, for formats whose layout is
        declared there (Zeek's ``#fields``, a CSV header). Must not raise for a bad
        line: a bad line gets a ``reason``. Raises LogError when the head itself
        makes the file unreadable.
        """


def events(lines: "ir.Table", *, ts, host, user=None, client=None, bytes=None, bytes_out=None,
           bytes_in=None, reason) -> "ir.Table":
    """The event table every format returns: typed columns in ``EVENT_SCHEMA`` order.

    Unknown values are typed nulls, never ``""`` or ``0``.
    """
    import ibis

    def typed(value, dtype):
        return ibis.null(dtype) if value is None else value.cast(dtype)

    return lines.select(
        line=lines.line,
        ts=typed(ts, "float64"),
        host=typed(host, "string"),
        user=typed(user, "string"),
        client=typed(client, "string"),
        bytes=typed(bytes, "int64"),
        bytes_out=typed(bytes_out, "int64"),
        bytes_in=typed(bytes_in, "int64"),
        reason=typed(reason, "string"),
    )


def dash_is_null(value: "ir.StringValue") -> "ir.StringValue":
    """``-`` (and Zeek's ``(empty)`` and the empty string) mean "not logged": None."""
    return value.nullif("-").nullif("").nullif("(empty)")


def with_host_of_url(table: "ir.Table", url: str, out: str = "host") -> "ir.Table":
    """``table`` plus ``out``: the lower-case host of its ``url`` column; None if none.

    Reads ``http://user@host:port/path``, ``host:443`` (CONNECT), ``[v6]:443`` and
    ``host``. Only ``find`` and ``substr`` (memchr and a slice in the engine): this
    runs on every line, where splitting into lists costs several times more. Each
    stage is a ``mutate`` so that it is computed once.
    """
    import ibis

    def after(text, at, skip):
        return ibis.cases((at >= 0, text.substr(at + skip)), else_=text)

    def before(text, at):
        return ibis.cases((at >= 0, text.substr(0, at)), else_=text)

    link = table[url]
    step = table.mutate(_rest=after(link, link.find("://"), 3))
    step = step.mutate(_auth=before(step._rest, step._rest.find("/")))
    step = step.mutate(_auth=after(step._auth, step._auth.find("@"), 1))
    auth = step._auth
    bracket = auth.find("]")
    host = ibis.cases((auth.startswith("["), ibis.cases((bracket >= 0, auth.substr(1, bracket - 1)),
                                                         else_=auth.substr(1))),
                      else_=before(auth, auth.find(":")))
    step = step.mutate(**{out: host.lower().nullif("")})
    return step.drop("_rest", "_auth")


def reason_of(*checks) -> "ir.StringValue":
    """The first failing check's reason, None when every check passes.

    ``checks`` are ``(bad_condition, reason)`` pairs, cheapest and commonest first.
    """
    import ibis

    return ibis.cases(*checks, else_=ibis.null("string"))
