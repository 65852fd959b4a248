"""The engine-side narrowing of hosts keeps every host a catalog rule claims, and few others."""

from __future__ import annotations

import random

import pytest

from emprise.logs.classify import RuleKeys, candidate_hosts, classify, rule_keys
from emprise.logs.engines import open_engine

KEYS = RuleKeys({1: frozenset({"localhost"}), 2: frozenset({"google.com"}),
                 3: frozenset({"bbc.co.uk", "x.akamaized.net"})}, ("awsdns-",), False)
HOSTS = ["localhost", "mail.google.com", "google.com", "a.b.google.com", "www.bbc.co.uk", "bbc.co.uk",
         "other.co.uk", "ns-1.awsdns-22.com", "foo.x.akamaized.net", "UPPER.com", "trail.com.", "site1.fr",
         "com", "a.x.y.z.w"]
EXPECTED = ["UPPER.com", "a.b.google.com", "bbc.co.uk", "foo.x.akamaized.net", "google.com", "localhost",
            "mail.google.com", "ns-1.awsdns-22.com", "trail.com.", "www.bbc.co.uk"]


def _candidates(engine, hosts, keys):
    table = engine.small_table({"host": hosts})
    return sorted(row["host"] for row in candidate_hosts(table, keys, engine.small_table).to_pyarrow().to_pylist())


def test_candidates_on_duckdb():
    engine = open_engine("duckdb")
    assert _candidates(engine, HOSTS, KEYS) == EXPECTED


@pytest.mark.slow
def test_candidates_on_spark_are_the_same():
    pytest.importorskip("pyspark")
    engine = open_engine("spark", master="local[1]")
    try:
        assert _candidates(engine, HOSTS, KEYS) == EXPECTED
    finally:
        engine.close()


def test_rule_keys_by_label_count(catalog):
    keys = rule_keys(catalog.hosts)
    assert rule_keys(catalog.hosts) is keys  # computed once per catalog
    assert all(key.count(".") == size - 1 for size, values in keys.by_labels.items() for key in values)
    assert "chatgpt.com" in keys.by_labels[2]


def test_no_host_the_catalog_knows_is_left_out(catalog):
    """Hosts under real rules (and noise beside them): the narrowed set loses none the catalog classifies."""
    rng = random.Random(5)
    index = catalog.hosts
    values = sorted((*index.full, *index.suffix, *index.regexp_by_suffix))
    hosts = set()
    for value in rng.sample(values, 400):
        hosts.update({value, f"www.{value}", f"a.b.{value}", f"{value}.example.org", f"x{value}"})
    hosts.update(f"www.site{n}.{tld}" for n in range(300) for tld in ("com", "co.uk", "fr"))
    hosts = sorted(hosts)
    engine = open_engine("duckdb")
    kept = _candidates(engine, hosts, rule_keys(index))
    known = classify(hosts, catalog)
    assert len(known) > 400
    assert classify(kept, catalog) == known  # both lists are in sorted host order
    assert len(kept) < len(hosts) * 0.8
