"""The engines a discovery runs on: DuckDB (embedded default) and Spark (local or a cluster).

Each engine gives the pipeline an Ibis connection and one thing that differs
between engines: how a file becomes a table of raw lines (``lines``) or of CSV
columns (``csv``).
Everything after that is one Ibis expression for both.

Spark is imported only when asked for; a missing ``pyspark`` says which extra to install.
"""

from __future__ import annotations

import abc
import itertools
import shutil
import tempfile
import warnings
from pathlib import Path

from emprise.logs.inputs import LogFile, open_binary
from emprise.logs.interface import LogError

ENGINES = ("duckdb", "spark")
#: Longest line DuckDB keeps (bytes); longer ones are rejected and counted.
MAX_LINE_BYTES = 8 << 20


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Engine(abc.ABC):
    """An Ibis connection plus the engine's own file readers."""

    name: str

    def __init__(self) -> None:
        self._names = itertools.count()
        self.con = self._connect()

    @abc.abstractmethod
    def _connect(self):
        """The Ibis backend connection."""

    @abc.abstractmethod
    def lines(self, log: LogFile):
        """An Ibis table with one string column ``line`` per line of ``log``."""

    @abc.abstractmethod
    def csv(self, log: LogFile, *, delimiter: str, header: bool, columns: list[str]):
        """An Ibis table of the CSV file's columns (all strings), named ``columns``."""

    def materialize(self, expr):
        """``expr`` computed once and kept by the engine, as a table to query again."""
        return expr.cache()

    def small_table(self, columns: dict[str, list[str | None]]):
        """A small table of string columns (catalog keys, classified hosts) the engine can join."""
        import ibis
        import pyarrow as pa

        return ibis.memtable(pa.table({name: pa.array(values, pa.string()) for name, values in columns.items()}))

    def read_rejects(self) -> list[tuple[str, int, str]]:
        """Lines the reader itself refused, as ``(file, 1-based byte position, reason)``."""
        return []

    def close(self) -> None:
        """Release the engine (temporary files, sessions)."""

    def _name(self, prefix: str) -> str:
        return f"emprise_{prefix}_{next(self._names)}"


class DuckDBEngine(Engine):
    """DuckDB in memory: reads plain, gzip and zstd text with its own parallel CSV reader."""

    name = "duckdb"

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads
        self._rejects: list[tuple[str, str]] = []  # (display name, rejects table)
        super().__init__()

    def _connect(self):
        import ibis

        con = ibis.duckdb.connect()
        # Every result Emprise reads is ordered or keyed explicitly: DuckDB need not keep
        # the input's order through the aggregate it materializes (millions of rows).
        con.raw_sql("SET preserve_insertion_order = false")
        if self._threads:
            con.raw_sql(f"SET threads = {int(self._threads)}")
        return con

    def lines(self, log: LogFile):
        view = self._name("lines")
        # One VARCHAR column: a delimiter that text logs do not contain, no quoting.
        # Lines that are not UTF-8 (or too long) are set aside in the rejects table.
        self.con.raw_sql(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT line FROM read_csv("
            f"{_sql_string(str(log.path))}, columns={{'line': 'VARCHAR'}}, header=false, "
            "delim='\\x01', quote='', escape='', auto_detect=false, strict_mode=false, "
            f"compression={_sql_string(log.compression)}, max_line_size={MAX_LINE_BYTES}, "
            f"{_new_line(log)}ignore_errors=true, {self._rejects_options(log)})")
        return self.con.table(view)

    def _rejects_options(self, log: LogFile) -> str:
        """``read_csv`` options that keep the lines it refuses, to count and locate them."""
        rejects = self._name("rejects")
        self._rejects.append((log.display_name, rejects))
        return (f"store_rejects=true, rejects_table={_sql_string(rejects)}, "
                f"rejects_scan={_sql_string(self._name('scan'))}")

    def materialize(self, expr):
        return self.con.create_table(self._name("agg"), expr, temp=True)

    def csv(self, log: LogFile, *, delimiter: str, header: bool, columns: list[str]):
        view = self._name("csv")
        names = ", ".join(f"{_sql_string(c)}: 'VARCHAR'" for c in columns)
        self.con.raw_sql(
            f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM read_csv("
            f"{_sql_string(str(log.path))}, columns={{{names}}}, header={str(header).lower()}, "
            f"delim={_sql_string(delimiter)}, quote='\"', auto_detect=false, strict_mode=false, "
            f"compression={_sql_string(log.compression)}, null_padding=true, ignore_errors=true, "
            f"max_line_size={MAX_LINE_BYTES}, {_new_line(log)}{self._rejects_options(log)})")
        return self.con.table(view)

    def read_rejects(self) -> list[tuple[str, int, str]]:
        found = []
        for display_name, table in self._rejects:
            try:
                rows = self.con.raw_sql(
                    f"SELECT DISTINCT byte_position, error_type FROM {table} ORDER BY 1").fetchall()
            except Exception:  # noqa: BLE001 - no table: the reader refused nothing
                continue
            # DuckDB's own line counter miscounts after a CRLF line; its byte position
            # (1-based, in the decompressed text) is exact: the caller turns it into a line.
            for position, error_type in rows:
                found.append((display_name, int(position), _reject_reason(error_type)))
        return found


def _new_line(log: LogFile) -> str:
    """The ``new_line`` option: DuckDB guesses the line end from the first lines, and a
    file that starts with "\n" and later has "\r\n" then gets one empty line too many
    per "\r\n". Saying "\r\n" reads "\n" and "\r\n" alike as one end; only a file with
    bare "\r" ends (seen in its head) is left to DuckDB's guess."""
    return "" if log.bare_cr else "new_line='\\r\\n', "


def _reject_reason(error_type: str) -> str:
    if "ENCODING" in error_type:
        return "not UTF-8 (wrong encoding or binary content)"
    if "MAXIMUM LINE SIZE" in error_type or "LINE SIZE" in error_type:
        return f"line longer than {MAX_LINE_BYTES} bytes"
    return f"unreadable line ({error_type.lower()})"


class SparkEngine(Engine):
    """PySpark through Ibis: ``local[*]`` by default, or any master URL."""

    name = "spark"

    def __init__(self, master: str | None = None) -> None:
        self.master = master or "local[*]"
        self._staging: Path | None = None
        super().__init__()

    def _connect(self):
        try:
            import ibis
            from pyspark.sql import SparkSession
        except ImportError as exc:
            raise LogError("spark", "the Spark engine needs pyspark: pip install 'emprise[spark]'") from exc
        # pyspark's pandas conversions warn about pandas' own deprecations: noise for a user.
        warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\..*")
        try:
            session = (SparkSession.builder.master(self.master).appName("emprise-discover")
                       .config("spark.ui.enabled", "false")
                       .config("spark.ui.showConsoleProgress", "false")  # no progress bars on stderr
                       .config("spark.sql.session.timeZone", "UTC")
                       # Spark 4 turns ANSI on: a missing field of a short line (cells[5] of a
                       # Zeek header) would fail the query where DuckDB gives NULL.
                       .config("spark.sql.ansi.enabled", "false")
                       .config("spark.sql.shuffle.partitions", "8")
                       .getOrCreate())
        except Exception as exc:  # Java missing, master unreachable: Py4J and Spark errors
            raise LogError("spark", f"cannot start Spark at {self.master}: {exc}") from exc
        session.sparkContext.setLogLevel("ERROR")
        self.session = session
        return ibis.pyspark.connect(session)

    def _readable_path(self, log: LogFile) -> str:
        """A path Spark can read: it only decompresses gzip named ``*.gz``, and never zstd here."""
        if log.compression == "none" or (log.compression == "gzip" and log.path.suffix == ".gz"):
            return str(log.path)
        if self._staging is None:
            self._staging = Path(tempfile.mkdtemp(prefix="emprise-spark-"))
        target = self._staging / f"{next(self._names)}.log"
        with open_binary(log.path, log.compression) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 22)
        return str(target)

    def lines(self, log: LogFile):
        view = self._name("lines")
        frame = self.session.read.text(self._readable_path(log)).withColumnRenamed("value", "line")
        frame.createOrReplaceTempView(view)
        return self.con.table(view)

    def csv(self, log: LogFile, *, delimiter: str, header: bool, columns: list[str]):
        view = self._name("csv")
        frame = (self.session.read.option("header", str(header).lower()).option("sep", delimiter)
                 .option("mode", "PERMISSIVE").csv(self._readable_path(log)))
        frame = frame.toDF(*columns[: len(frame.columns)])
        frame.createOrReplaceTempView(view)
        return self.con.table(view)

    def small_table(self, columns: dict[str, list[str | None]]):
        # Ibis registers a memtable with Spark only when a query runs, not when one is
        # cached: a temporary view made from plain rows (no pandas) is visible to both.
        from pyspark.sql.types import StringType, StructField, StructType

        view = self._name("small")
        schema = StructType([StructField(name, StringType()) for name in columns])
        rows = list(zip(*columns.values()))
        self.session.createDataFrame(rows, schema).createOrReplaceTempView(view)
        return self.con.table(view)

    def close(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)


def open_engine(name: str, *, master: str | None = None, threads: int | None = None) -> Engine:
    """The engine called ``name``; raises LogError listing the valid names."""
    if name == "duckdb":
        return DuckDBEngine(threads=threads)
    if name == "spark":
        return SparkEngine(master=master)
    raise LogError(name, f"unknown engine (valid engines: {', '.join(ENGINES)})")
