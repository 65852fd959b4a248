#!/usr/bin/env python3
"""Benchmark naming Zeek conn.log addresses from dns.log and ssl.log (``emprise.logs.resolve_ips``).

    .venv/bin/python benchmarks/bench_resolve_ips.py [CONNECTIONS] [--engine duckdb|spark] [--runs N]

Generates a Zeek run into ``benchmarks/out/zeek-N/`` (default 1,000,000 connections):
3,000 clients, 300 services of which 60 sit behind 10 shared CDN addresses, 70 % of
TLS connections with their ssl.log line (same uid), a DNS lookup before about one
connection in four (the others reuse the client's earlier answer, or none: cached
before the log began), 4 % of connections to addresses no log names. Then prints,
side by side (median of N runs, Python imports and catalog load apart):

- the discovery of conn.log alone (addresses only);
- the three logs read side by side without the join (each counted on its own, as
  before this step existed: the baseline);
- the three logs with conn.log's addresses named (``resolve_ips``);
- DuckDB's bare ``count(*)`` over the three files (the floor);

and the accuracy on a sample: the share of nameable connections named with the
service the generator meant (misses are CDN addresses named by their usual name),
and how many were left unresolved.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
T0 = 1769335200.0
HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t{path}\n#fields\t{fields}\n"


def generate(connections: int, folder: Path, seed: int = 5) -> dict:
    """Write conn.log, dns.log, ssl.log; returns {connection number: intended name or None} for a sample.

    Connection ``n`` starts at ``T0 + n / 20``: its time identifies it."""
    random.seed(seed)
    folder.mkdir(parents=True, exist_ok=True)
    services = [f"svc{n}.example.com" for n in range(240)] + [f"cdn{n}.example.net" for n in range(60)]
    address = {name: f"100.64.{n // 200}.{n % 200 + 1}" for n, name in enumerate(services[:240])}
    address.update({name: f"104.18.0.{n % 10 + 1}" for n, name in enumerate(services[240:])})  # 6 names per address
    weights = [1.0 / (rank + 1) for rank in range(len(services))]
    clients = [f"10.1.{n // 250}.{n % 250 + 1}" for n in range(3000)]
    intended: dict[int, str | None] = {}
    conn_fields = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes"
    dns_fields = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery\tqtype_name\tanswers"
    ssl_fields = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tcipher\tserver_name"
    with (folder / "conn.log").open("w") as conn, (folder / "dns.log").open("w") as dns, \
            (folder / "ssl.log").open("w") as ssl:
        conn.write(HEADER.format(path="conn", fields=conn_fields))
        dns.write(HEADER.format(path="dns", fields=dns_fields))
        ssl.write(HEADER.format(path="ssl", fields=ssl_fields))
        picks = random.choices(services, weights, k=connections)
        for n, name in enumerate(picks):
            ts = T0 + n * 0.05
            client = random.choice(clients)
            uid = f"C{n:x}"
            if random.random() < 0.04:
                name, target = None, f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"
            else:
                target = address[name]
                if random.random() < 0.25:
                    dns.write(f"{ts - 0.01:.6f}\tD{n:x}\t{client}\t53000\t10.0.0.53\t53\tudp\t{n % 65536}\t{name}\tA\t"
                              f"{name}.edge.example,{target}\n")
                if random.random() < 0.7:
                    ssl.write(f"{ts + 0.01:.6f}\t{uid}\t{client}\t40000\t{target}\t443\tTLSv13\tTLS_AES_128_GCM_SHA256\t{name}\n")
            up, down = random.randrange(200, 20000), random.randrange(500, 200000)
            conn.write(f"{ts:.6f}\t{uid}\t{client}\t40000\t{target}\t443\ttcp\tssl\t1.0\t{up}\t{down}\n")
            if n % 97 == 0:
                intended[n] = name
    return intended


def discovery(paths, engine: str, catalog, pseudonymiser, resolve: bool = True):
    """Seconds and result of a discovery; ``resolve=False`` runs it as before naming existed."""
    from emprise.logs import discover as module

    original = module.resolve_connections
    if not resolve:
        module.resolve_connections = lambda files, formats, parts, materialize=None: (parts, None)
    try:
        start = time.perf_counter()
        result = module.discover(paths, catalog=catalog, pseudonymiser=pseudonymiser, engine=engine, by="host",
                                 top_unknown=0, master="local[*]")
        return time.perf_counter() - start, result
    finally:
        module.resolve_connections = original


def bare_count(paths) -> float:
    import duckdb

    con = duckdb.connect()
    start = time.perf_counter()
    for path in paths:
        con.sql(f"SELECT count(*) FROM read_csv('{path}', columns={{'line': 'VARCHAR'}}, header=false, "
                "delim='\\x01', quote='', escape='', auto_detect=false)").fetchall()
    return time.perf_counter() - start


def accuracy(folder: Path, intended: dict) -> dict:
    """How the sampled connections were named, against the service the generator meant."""
    import ibis

    from emprise.logs.discover import _table_of
    from emprise.logs.engines import open_engine
    from emprise.logs.inputs import log_file
    from emprise.logs.registry import detect_format
    from emprise.logs.resolve_ips import resolve_connections

    files = [log_file(folder / name) for name in ("conn.log", "dns.log", "ssl.log")]
    formats = {log.display_name: detect_format(log.first_lines, log.display_name) for log in files}
    runner = open_engine("duckdb")
    try:
        parts = [_table_of(runner, log, formats[log.display_name], None).mutate(part=ibis.literal(i, "int32"))
                 for i, log in enumerate(files)]
        rewritten, _ = resolve_connections(files, formats, parts)
        named = ibis.union(*rewritten, distinct=False)
        named = named.filter((named.part == 0) & named.reason.isnull())
        named = named.mutate(number=((named.ts - T0) * 20).round().cast("int64").cast("string"))
        sample = runner.small_table({"s_number": [str(n) for n in intended]})
        rows = named.inner_join(sample, named.number == sample.s_number).select("number", "host")
        rows = [{"uid": int(row["number"]), "host": row["host"]} for row in rows.to_pyarrow().to_pylist()]
    finally:
        runner.close()
    nameable = [row for row in rows if intended[row["uid"]] is not None]
    return {"sampled": len(rows), "nameable": len(nameable),
            "named_as_meant": sum(1 for row in nameable if intended[row["uid"]] == row["host"]),
            "left_unresolved": sum(1 for row in nameable if row["host"][0].isdigit()),
            "truly_unnamed": len(rows) - len(nameable)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("connections", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = OUT / f"zeek-{args.connections}"
    print(f"generating {args.connections:,} connections into {folder} …", flush=True)
    intended = generate(args.connections, folder)
    sizes = {p.name: sum(1 for _ in p.open()) for p in sorted(folder.glob("*.log"))}
    print("lines: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))

    from emprise.catalog import load_catalog
    from emprise.logs.privacy import Pseudonymiser

    catalog, pseudonymiser = load_catalog(), Pseudonymiser(b"b" * 32)
    discovery([folder / "conn.log"], args.engine, catalog, pseudonymiser)  # warm-up
    alone, unnamed, named, floor = [], [], [], []
    for _ in range(args.runs):
        seconds, result_alone = discovery([folder / "conn.log"], args.engine, catalog, pseudonymiser)
        alone.append(seconds)
        unnamed.append(discovery([folder], args.engine, catalog, pseudonymiser, resolve=False)[0])
        seconds, result = discovery([folder], args.engine, catalog, pseudonymiser)
        named.append(seconds)
        floor.append(bare_count(sorted(folder.glob("*.log"))))
    a, u, n, f = (statistics.median(x) for x in (alone, unnamed, named, floor))
    summary = result.extra["conn_resolution"]
    print(f"engine {args.engine}, median of {args.runs}:")
    print(f"  conn.log alone (addresses only)   {a:7.2f} s   unresolved {result_alone.extra['conn_resolution']['unresolved']:,}")
    print(f"  conn + dns + ssl, not joined      {u:7.2f} s   (each log counted on its own, as before)")
    print(f"  conn + dns + ssl (names resolved) {n:7.2f} s   {n / u:.2f}× not joined, {n / f:.1f}× the bare count")
    print(f"  DuckDB bare count, three files    {f:7.2f} s")
    print(f"  connections {summary['connections']:,}: resolved {summary['resolved']:,} "
          f"({summary['resolved'] / summary['connections']:.1%}), unresolved {summary['unresolved']:,} "
          f"over {summary['unresolved_addresses']:,} addresses")
    check = accuracy(folder, intended)
    print(f"  accuracy on {check['sampled']:,} sampled connections: {check['named_as_meant']:,} of the "
          f"{check['nameable']:,} nameable named as meant ({check['named_as_meant'] / check['nameable']:.1%}), "
          f"{check['left_unresolved']:,} left unresolved; {check['truly_unnamed']:,} had no name anywhere")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
