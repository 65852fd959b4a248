"""Exact counts on the generated Squid log, on DuckDB and (slow) on Spark: same query, same answer."""

from __future__ import annotations

import json

import pytest

from emprise.logs.discover import discover


def _by_host(result) -> dict:
    return {row.host: {"lines": row.requests, "users": row.users, "bytes": row.bytes}
            for row in (*result.rows, *result.unknown_hosts)}


def _check_truth(result, truth_path) -> None:
    truth = json.loads(truth_path.read_text())["hosts"]
    got = _by_host(result)
    assert {host: got.get(host) for host in truth} == truth


def test_duckdb_matches_the_truth_file(generated_squid, catalog, pseudonymiser):
    log, truth = generated_squid
    result = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    _check_truth(result, truth)
    assert result.malformed == ()


def _comparable(result) -> list:
    return sorted((row.key, row.product_id, row.users, row.requests, row.bytes, row.first_seen,
                   row.last_seen, row.per_day, row.top_users) for row in (*result.rows, *result.unknown_hosts))


@pytest.mark.slow
def test_spark_gives_the_same_answer_as_duckdb(generated_squid, catalog, pseudonymiser):
    pytest.importorskip("pyspark")
    log, truth = generated_squid
    for by in ("host", "product"):
        duck = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by=by, engine="duckdb")
        spark = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by=by, engine="spark",
                         master="local[2]")
        assert _comparable(spark) == _comparable(duck)
        assert [f.events for f in spark.files] == [f.events for f in duck.files]
        if by == "host":
            _check_truth(spark, truth)
