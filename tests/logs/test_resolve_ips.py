"""Zeek conn.log addresses named from the run's dns.log / ssl.log / http.log: exact counts, no double counting.

The fixture run (tests/fixtures/logs/zeek_run, described line by line in SOURCES.md)
exercises each naming rule; zeek_run_json holds the same lines as Zeek JSON plus one
plain-HTTP connection counted by http.log.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.logs.discover import discover
from emprise.logs.inputs import log_file
from emprise.logs.registry import detect_format
from emprise.logs.resolve_ips import LOOKUP_OF_CONN, SAME_AS_CONN, resolve_connections, zeek_kind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"

RUN = FIXTURES / "zeek_run"
RUN_JSON = FIXTURES / "zeek_run_json"

# host -> (requests, users, bytes, bytes_out, bytes_in)
EXPECTED = {
    # CxC1 (by uid), CxC2 (10.0.0.5's lookup), CxC9 and CxC4 (the address's usual name)
    "chatgpt.com": (4, 3, 412600, 306500, 106100),
    # CxC5 (A), CxC10 (AAAA), and the TLS connection CxS9 seen only in ssl.log (no bytes)
    "claude.ai": (3, 2, 2090000, 2010000, 80000),
    "shop.example.org": (1, 1, 21500, 1500, 20000),  # CxC3: same Cloudflare address, 10.0.0.7's lookup
    "gemini.google.com": (1, 1, None, None, None),  # a lookup with no connection
    "198.51.100.7": (2, 2, 1000, 400, 600),  # unresolved
    "203.0.113.9": (1, 1, 0, 0, 0),  # unresolved
}
SUMMARY = {"connections": 10, "resolved": 7, "unresolved": 3, "unresolved_addresses": 2,
           "top_unresolved": [{"address": "198.51.100.7", "connections": 2},
                              {"address": "203.0.113.9", "connections": 1}]}


def _by_host(result) -> dict:
    return {row.host: (row.requests, row.users, row.bytes, row.bytes_out, row.bytes_in)
            for row in (*result.rows, *result.unknown_hosts)}


def _run(inputs, catalog, pseudonymiser, **options):
    return discover(inputs, catalog=catalog, pseudonymiser=pseudonymiser, by="host", min_group=1, **options)


def test_conn_addresses_are_named_by_each_rule(catalog, pseudonymiser):
    result = _run([RUN], catalog, pseudonymiser)
    assert _by_host(result) == EXPECTED
    summary = result.extra["conn_resolution"]
    assert {k: summary[k] for k in SUMMARY} == SUMMARY
    assert summary["name_sources"] == ["dns", "ssl"]


def test_the_same_run_as_zeek_json_with_http(catalog, pseudonymiser):
    result = _run([RUN_JSON], catalog, pseudonymiser)
    # CxH1 is in conn.log and in http.log: http.log counts it, request by request, with its body sizes.
    assert _by_host(result) == {**EXPECTED, "api.openai.com": (2, 1, 52500, 50000, 2500)}
    summary = result.extra["conn_resolution"]
    assert {k: summary[k] for k in SUMMARY} == SUMMARY
    assert summary["counted_in_http"] == 1


def test_each_line_is_counted_once_and_accounted_for(catalog, pseudonymiser):
    result = _run([RUN], catalog, pseudonymiser)
    files = {f.name.rsplit("/", 1)[-1]: f for f in result.files}
    # 10 connections; the one ssl.log line with a conn.log uid and the four lookups that led
    # to a connection are skipped; the header lines are skipped as before.
    assert {name: (f.events, f.malformed) for name, f in files.items()} == {
        "conn.log": (10, 0), "dns.log": (1, 0), "ssl.log": (1, 0)}
    alone = {name: _run([RUN / name], catalog, pseudonymiser).files[0] for name in files}
    for name, summary in files.items():
        assert summary.lines == alone[name].lines == summary.events + summary.skipped
    assert files["dns.log"].skipped - alone["dns.log"].skipped == 4
    assert files["ssl.log"].skipped - alone["ssl.log"].skipped == 1
    assert sum(row.requests for row in (*result.rows, *result.unknown_hosts)) == 12


def test_skipped_lines_name_their_reason():
    import ibis

    from emprise.logs.discover import _table_of
    from emprise.logs.engines import open_engine

    files = [log_file(RUN / name) for name in ("conn.log", "dns.log", "ssl.log")]
    formats = {log.display_name: detect_format(log.first_lines, log.display_name) for log in files}
    runner = open_engine("duckdb")
    try:
        parts = [_table_of(runner, log, formats[log.display_name], None).mutate(part=ibis.literal(i, "int32"))
                 for i, log in enumerate(files)]
        rewritten, resolution = resolve_connections(files, formats, parts)
        assert resolution.conn_parts == (0,)
        reasons = ibis.union(*rewritten, distinct=False).reason.value_counts().to_pyarrow().to_pylist()
    finally:
        runner.close()
    counts = {row["reason"]: row["reason_count"] for row in reasons}
    assert counts[SAME_AS_CONN] == 1
    assert counts[LOOKUP_OF_CONN] == 4


def test_conn_alone_keeps_addresses_and_says_so(catalog, pseudonymiser):
    result = _run([FIXTURES / "zeek_conn.log"], catalog, pseudonymiser)
    assert _by_host(result) == {"104.18.32.47": (1, 1, 304000, 300000, 4000)}
    summary = result.extra["conn_resolution"]
    assert (summary["connections"], summary["resolved"], summary["unresolved"]) == (1, 0, 1)
    assert summary["name_sources"] == []


def test_sni_of_another_connection_names_the_address(catalog, pseudonymiser):
    # The older fixtures: uids differ (Cd1 / Cb1), and the TLS line comes after the
    # connection, so the address's usual name in the run applies.
    result = _run([FIXTURES / "zeek_conn.log", FIXTURES / "zeek_ssl.log"], catalog, pseudonymiser)
    assert _by_host(result) == {"chatgpt.com": (2, 1, 304000, 300000, 4000)}
    assert result.extra["conn_resolution"]["resolved"] == 1


def test_runs_without_conn_log_are_untouched(catalog, pseudonymiser):
    files = [log_file(FIXTURES / name) for name in ("squid_native.log", "zeek_dns.log", "zeek_ssl.log")]
    formats = {log.display_name: detect_format(log.first_lines, log.display_name) for log in files}
    parts = [object(), object(), object()]  # never looked at: no conn.log, nothing to build
    assert resolve_connections(files, formats, parts) == (parts, None)
    result = _run([FIXTURES / "squid_native.log"], catalog, pseudonymiser)
    assert "conn_resolution" not in result.extra


def test_zeek_kind():
    kinds = {name: zeek_kind(detect_format(log_file(path).first_lines, name).name, log_file(path).first_lines)
             for name, path in (("conn", RUN / "conn.log"), ("dns", RUN / "dns.log"),
                                ("ssl", RUN_JSON / "ssl.json"), ("http", RUN_JSON / "http.json"),
                                ("squid", FIXTURES / "squid_native.log"))}
    assert kinds == {"conn": "conn", "dns": "dns", "ssl": "ssl", "http": "http", "squid": None}


def test_since_applies_to_named_connections(catalog, pseudonymiser):
    result = _run([RUN], catalog, pseudonymiser, since=date(2026, 1, 26))
    assert _by_host(result) == {}
    assert result.extra["conn_resolution"]["connections"] == 0


def test_two_conn_files_share_the_name_sources(tmp_path, catalog, pseudonymiser):
    for name in ("conn.log", "dns.log", "ssl.log"):
        shutil.copy(RUN / name, tmp_path / name)
    shutil.copy(RUN / "conn.log", tmp_path / "conn.2.log")
    result = _run([tmp_path], catalog, pseudonymiser)
    assert _by_host(result)["shop.example.org"] == (2, 1, 43000, 3000, 40000)
    assert result.extra["conn_resolution"]["connections"] == 20
    assert result.extra["conn_resolution"]["resolved"] == 14


def test_cli_summary_and_json(tmp_path, monkeypatch):
    from emprise.views.cli import app

    monkeypatch.setenv("EMPRISE_PSEUDONYM_KEY_FILE", str(tmp_path / "key"))
    outcome = CliRunner().invoke(app, ["--db", str(tmp_path / "e.db"), "discover", str(RUN), "--format", "json",
                                       "--by", "host", "--min-group", "1"], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    rows = json.loads(outcome.stdout)
    # Every element is a service row: the summary is on stderr.
    assert all({"product", "vendor", "country", "category", "users", "requests", "bytes"} <= row.keys()
               for row in rows)
    assert {row["host"] for row in rows} >= {"chatgpt.com", "198.51.100.7"}
    assert "conn.log: 10 connection(s), 7 named" in outcome.stderr
    assert "198.51.100.7 (2)" in outcome.stderr


def _comparable(result) -> list:
    return sorted((row.key, row.product_id, row.users, row.requests, row.bytes, row.bytes_out, row.bytes_in,
                   row.first_seen, row.last_seen, row.per_day) for row in (*result.rows, *result.unknown_hosts))


@pytest.mark.slow
def test_spark_names_connections_like_duckdb(catalog, pseudonymiser):
    pytest.importorskip("pyspark")
    for run in (RUN, RUN_JSON):
        duck = _run([run], catalog, pseudonymiser, engine="duckdb")
        spark = _run([run], catalog, pseudonymiser, engine="spark", master="local[2]")
        assert _comparable(spark) == _comparable(duck)
        assert [(f.events, f.skipped) for f in spark.files] == [(f.events, f.skipped) for f in duck.files]
        assert spark.extra["conn_resolution"] == duck.extra["conn_resolution"]
