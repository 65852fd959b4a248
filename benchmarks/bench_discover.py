#!/usr/bin/env python3
"""Benchmark ``emprise discover`` on a generated Squid log, against two baselines.

    .venv/bin/python benchmarks/bench_discover.py [LINES] [--engine duckdb|spark] [--runs N] [--no-goaccess]

Generates LINES lines (default 1,000,000) with ``../shared/bench/gen_squid.py`` into
``benchmarks/out/``, then, on the same file, prints side by side:

- Emprise's full discovery (parse, aggregate, classify every distinct host with the
  catalog, pseudonymise, join back), in process, Python imports (Ibis, DuckDB) and
  catalog load apart; with ``--runs N``, the median of N runs (and of N bare counts);
- DuckDB's bare line count (``count(*)`` over one VARCHAR column), the floor;
- GoAccess 1.7 (``goaccess`` with Squid's native format spelled out), the outside reference; the script
  says so and goes on when ``goaccess`` is not installed.

With ``--floor``, it also times the least a DuckDB query can do for the same answer:
hand-written SQL that reads, splits, picks five fields, cuts the host out of the URL
and groups by (host, user, day) into a table, with no malformed-line accounting,
no classification and no pseudonymisation. That is the bound any Ibis-on-DuckDB
pipeline stays above; its ratio to the bare count is printed beside Emprise's.

Then it checks that the per-host lines, users and bytes equal the truth file exactly.
Targets (issue 5, 10 M lines): ≥ 40× faster than GoAccess, within 4× of the bare count.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_squid.py"
OUT = ROOT / "benchmarks" / "out"


def generate(lines: int) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    log, truth = OUT / f"squid-{lines}.log", OUT / f"squid-{lines}.truth.json"
    if not (log.exists() and truth.exists()):
        print(f"generating {lines:,} lines …", flush=True)
        subprocess.run([sys.executable, str(GENERATOR), str(lines), str(log), str(truth)], check=True)
    return log, truth


def cpu_seconds() -> float:
    """CPU time of this process, all threads: less sensitive than wall time to a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare_count(log: Path) -> tuple[float, int, float]:
    import duckdb

    con = duckdb.connect()
    start, cpu = time.perf_counter(), cpu_seconds()
    [(count,)] = con.sql(
        f"SELECT count(*) FROM read_csv('{log}', columns={{'line': 'VARCHAR'}}, header=false, "
        "delim='\\x01', quote='', escape='', auto_detect=false)").fetchall()
    return time.perf_counter() - start, count, cpu_seconds() - cpu


FLOOR_SQL = """
CREATE OR REPLACE TEMP TABLE floor_agg AS
WITH fields AS (
  SELECT f[1] AS ts, f[-6] AS size, f[-4] AS url, f[-3] AS usr
  FROM (SELECT string_split(line, ' ') AS f FROM read_csv('{log}', columns={{'line': 'VARCHAR'}},
        header=false, delim='\\x01', quote='', escape='', auto_detect=false))
), hosts AS (
  SELECT TRY_CAST(ts AS DOUBLE) AS ts, TRY_CAST(size AS BIGINT) AS size, usr,
         lower(split_part(split_part(split_part(
           CASE WHEN strpos(url, '://') > 0 THEN substr(url, strpos(url, '://') + 3) ELSE url END,
           '/', 1), '@', -1), ':', 1)) AS host
  FROM fields
)
SELECT host, usr, floor(ts / 86400)::BIGINT AS day_number, count(*) AS requests, sum(size) AS bytes,
       min(ts) AS first_seen, max(ts) AS last_seen
FROM hosts GROUP BY ALL
"""


def floor_query(log: Path) -> tuple[float, int]:
    """Seconds of the hand-written minimal DuckDB query (see the module docstring), and its rows."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET preserve_insertion_order = false")
    start = time.perf_counter()
    con.execute(FLOOR_SQL.format(log=str(log).replace("'", "''")))
    seconds = time.perf_counter() - start
    [(rows,)] = con.execute("SELECT count(*) FROM floor_agg").fetchall()
    return seconds, rows


def goaccess(log: Path) -> float | None:
    binary = shutil.which("goaccess")
    if binary is None:
        print("goaccess: NOT INSTALLED (apt-get install -y goaccess) — no GoAccess figure", flush=True)
        return None
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    report = OUT / "goaccess.json"
    start = time.perf_counter()
    # Squid native: "time.ms elapsed client code/status bytes method URL user hierarchy type".
    squid = "%x.%^ %~%L %h %^/%s %b %m %U %e %^"
    done = subprocess.run([binary, str(log), f"--log-format={squid}", "--date-format=%s", "--time-format=%s",
                           "--no-global-config", "-o", str(report)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(f"goaccess failed ({done.returncode}): {done.stderr.strip()[:300]}")
        return None
    print(f"goaccess: {version}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("lines", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb", choices=("duckdb", "spark"))
    parser.add_argument("--no-goaccess", action="store_true")
    parser.add_argument("--floor", action="store_true", help="also time the hand-written minimal DuckDB query")
    parser.add_argument("--runs", type=int, default=1, help="runs of Emprise and of the bare count (median)")
    args = parser.parse_args()

    log, truth_path = generate(args.lines)
    size = log.stat().st_size
    print(f"file: {log} ({args.lines:,} lines, {size / 1e6:,.0f} MB)")

    start = time.perf_counter()
    from emprise.catalog import load_catalog
    from emprise.logs.discover import discover
    from emprise.logs.privacy import Pseudonymiser

    import duckdb  # noqa: F401 - imports are not the discovery's time
    import ibis  # noqa: F401

    catalog = load_catalog()
    warm = time.perf_counter() - start
    pseudonymiser = Pseudonymiser(b"benchmark-key-benchmark-key-1234")
    times, counts, cpus, count_cpus, floors = [], [], [], [], []
    for _ in range(max(1, args.runs)):
        start, cpu = time.perf_counter(), cpu_seconds()
        result = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by="host", engine=args.engine)
        times.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
        count_seconds, count, count_cpu = bare_count(log)
        assert count == args.lines, (count, args.lines)
        counts.append(count_seconds)
        count_cpus.append(count_cpu)
        if args.floor:
            floor_seconds, floor_rows = floor_query(log)
            floors.append(floor_seconds)
    emprise, count_seconds = statistics.median(times), statistics.median(counts)
    emprise_cpu, count_cpu = statistics.median(cpus), statistics.median(count_cpus)
    if len(times) > 1:
        print(f"Emprise runs (s): {', '.join(f'{t:.2f}' for t in times)}; bare count runs (s): "
              f"{', '.join(f'{t:.2f}' for t in counts)}")
    go = None if args.no_goaccess else goaccess(log)

    truth = json.loads(truth_path.read_text())["hosts"]
    got = {row.host: {"lines": row.requests, "users": row.users, "bytes": row.bytes}
           for row in (*result.rows, *result.unknown_hosts)}
    wrong = {host: (expected, got.get(host)) for host, expected in truth.items() if got.get(host) != expected}

    print()
    print(f"{'':34} {'seconds':>9} {'lines/s':>14} {'vs Emprise':>11}")
    print(f"{'Emprise discover (' + args.engine + ')':34} {emprise:9.2f} {args.lines / emprise:14,.0f} {1:11.2f}")
    print(f"{'DuckDB bare count(*)':34} {count_seconds:9.2f} {args.lines / count_seconds:14,.0f} "
          f"{count_seconds / emprise:11.2f}")
    if floors:
        floor = statistics.median(floors)
        print(f"{'minimal hand-written DuckDB SQL':34} {floor:9.2f} {args.lines / floor:14,.0f} {floor / emprise:11.2f}")
    if go is not None:
        print(f"{'GoAccess 1.7':34} {go:9.2f} {args.lines / go:14,.0f} {go / emprise:11.2f}")
    print()
    print(f"imports + catalog load (not counted): {warm:.2f} s; distinct hosts classified: "
          f"{result.extra['distinct_hosts']:,} ({result.extra['classified_hosts']} known)")
    print(f"Emprise stages (s): {result.extra['stages']}")
    print(f"Emprise / bare count: {emprise / count_seconds:.2f}× (target ≤ 4×)")
    if floors:
        print(f"minimal DuckDB SQL / bare count: {statistics.median(floors) / count_seconds:.2f}× "
              f"({floor_rows:,} (host, user, day) groups)")
    print(f"CPU seconds (all threads, median): Emprise {emprise_cpu:.2f}, bare count {count_cpu:.2f} "
          f"→ {emprise_cpu / count_cpu:.2f}× (spark: the driver's only)")
    if go is not None:
        print(f"GoAccess / Emprise: {go / emprise:.1f}× (target ≥ 40×)")
    print(f"truth: {len(truth)} hosts checked, {len(wrong)} differ" + (f": {list(wrong.items())[:3]}" if wrong else
                                                                      " — exact"))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
