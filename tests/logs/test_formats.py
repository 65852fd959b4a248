"""Each log format: detection from the first lines, and exact parsed aggregates on a tiny fixture."""

from __future__ import annotations

import gzip
import shutil

from pathlib import Path

import pytest

from emprise.logs.discover import discover
from emprise.logs.inputs import log_file
from emprise.logs.interface import LogError
from emprise.logs.registry import detect_format

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"

# fixture -> (format, {host: (requests, users, bytes)}, skipped lines)
EXPECTED = {
    "squid_native.log": ("squid", {"chatgpt.com": (1, 1, 801), "claude.ai": (1, 1, 2003495),
                                   "slack.com": (1, 1, 500), "www.example-unknown.org": (1, 1, 1863)}, 0),
    "squid_common.log": ("squid-common", {"claude.ai": (1, 1, 3456), "zoom.us": (1, 1, 120)}, 0),
    "bind_query.log": ("bind", {"chatgpt.com": (1, 1, None), "chat.mistral.ai": (1, 1, None)}, 1),
    "dnsmasq.log": ("dnsmasq", {"chatgpt.com": (1, 1, None), "gemini.google.com": (1, 1, None)}, 2),
    "windows_dns.log": ("windows-dns", {"chatgpt.com": (1, 1, None), "chat.deepseek.com": (1, 1, None)}, 4),
    "zeek_dns.log": ("zeek-tsv", {"chatgpt.com": (1, 1, None), "claude.ai": (1, 1, None)}, 10),
    "zeek_ssl.log": ("zeek-tsv", {"chatgpt.com": (1, 1, None)}, 4),
    "zeek_conn.log": ("zeek-tsv", {"104.18.32.47": (1, 1, 304000)}, 4),
    "zeek_http.json": ("zeek-json", {"api.openai.com": (1, 1, 52000), "huggingface.co": (1, 1, 1000)}, 0),
    "zscaler.csv": ("csv", {"chatgpt.com": (1, 1, 251200), "www.deepl.com": (1, 1, 45900)}, 0),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_detects_format(name):
    log = log_file(FIXTURES / name)
    assert detect_format(log.first_lines, name).name == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parses_to_exact_counts(name, catalog, pseudonymiser):
    result = discover([FIXTURES / name], catalog=catalog, pseudonymiser=pseudonymiser, by="host",
                      min_group=1)
    got = {row.host: (row.requests, row.users, row.bytes) for row in (*result.rows, *result.unknown_hosts)}
    assert got == EXPECTED[name][1]
    assert result.files[0].skipped == EXPECTED[name][2]
    assert result.malformed == () or name == "zeek_dns.log"


def test_zeek_truncated_line_is_counted_with_its_line_number(catalog, pseudonymiser):
    result = discover([FIXTURES / "zeek_dns.log"], catalog=catalog, pseudonymiser=pseudonymiser)
    [bad] = result.malformed
    assert bad.reason == "truncated line (fewer than 13 fields)"
    assert bad.count == 1
    assert bad.samples[0] == f"{FIXTURES / 'zeek_dns.log'}:12"


def test_squid_bytes_out_is_unknown_not_zero(catalog, pseudonymiser):
    result = discover([FIXTURES / "squid_native.log"], catalog=catalog, pseudonymiser=pseudonymiser)
    assert all(row.bytes_out is None for row in result.rows)


@pytest.mark.parametrize("compression", ["gzip", "zstd"])
def test_compressed_files_are_detected_by_content(tmp_path, compression, catalog, pseudonymiser):
    source = FIXTURES / "squid_native.log"
    target = tmp_path / "access-log-no-extension"
    if compression == "gzip":
        with source.open("rb") as src, gzip.open(target, "wb") as out:
            shutil.copyfileobj(src, out)
    else:
        import zstandard

        target.write_bytes(zstandard.ZstdCompressor().compress(source.read_bytes()))
    assert log_file(target).compression == compression
    result = discover([target], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    assert {row.host: row.requests for row in result.rows} == {"chatgpt.com": 1, "claude.ai": 1, "slack.com": 1}


def test_directories_and_globs(tmp_path, catalog, pseudonymiser):
    for index in range(3):
        shutil.copy(FIXTURES / "squid_native.log", tmp_path / f"access.{index}.log")
    by_dir = discover([tmp_path], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    by_glob = discover([str(tmp_path / "access.*.log")], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    assert len(by_dir.files) == len(by_glob.files) == 3
    assert {r.host: r.requests for r in by_dir.rows} == {r.host: r.requests for r in by_glob.rows} == {
        "chatgpt.com": 3, "claude.ai": 3, "slack.com": 3}


def test_unknown_format_and_missing_file_are_our_errors(tmp_path, catalog, pseudonymiser):
    odd = tmp_path / "odd.txt"
    odd.write_text("hello world\nnothing to see\n")
    with pytest.raises(LogError, match="not recognised"):
        discover([odd], catalog=catalog, pseudonymiser=pseudonymiser)
    with pytest.raises(LogError, match="no such file"):
        discover([tmp_path / "absent.log"], catalog=catalog, pseudonymiser=pseudonymiser)
    with pytest.raises(LogError, match="no file matches"):
        discover([str(tmp_path / "*.gz")], catalog=catalog, pseudonymiser=pseudonymiser)


def test_since_drops_older_lines(catalog, pseudonymiser):
    from datetime import date

    result = discover([FIXTURES / "squid_native.log"], catalog=catalog, pseudonymiser=pseudonymiser,
                      by="host", since=date(2025, 11, 25))
    assert [row.host for row in result.rows] == ["slack.com"]
    # The older lines are read and counted as skipped, not lost from the accounting.
    [summary] = result.files
    assert (summary.lines, summary.events, summary.skipped, summary.malformed) == (4, 1, 3, 0)


@pytest.mark.parametrize("name, directional", [("squid_native.log", False), ("bind_query.log", False),
                                               ("zeek_conn.log", True), ("zeek_http.json", True),
                                               ("zscaler.csv", True)])
def test_formats_without_sent_and_received_bytes_are_seen_as_such(name, directional):
    """``aggregate`` skips the two sums only for logs that cannot fill them."""
    from emprise.logs.discover import _table_of, always_null
    from emprise.logs.engines import DuckDBEngine
    from emprise.logs.registry import format_class

    log = log_file(FIXTURES / name)
    engine = DuckDBEngine()
    try:
        table = _table_of(engine, log, format_class(EXPECTED[name][0]), None)
        assert (not always_null(table, "bytes_out")) is directional
        assert always_null(table, "reason") is False
    finally:
        engine.close()


def test_a_run_mixing_squid_and_conn_log_keeps_the_sent_bytes(catalog, pseudonymiser):
    result = discover([FIXTURES / "squid_native.log", FIXTURES / "zeek_conn.log"], catalog=catalog,
                      pseudonymiser=pseudonymiser, by="host", min_group=1)
    sent = {row.host: row.bytes_out for row in (*result.rows, *result.unknown_hosts)}
    assert sent["chatgpt.com"] is None
    assert sent["104.18.32.47"] is not None and sent["104.18.32.47"] > 0


def test_an_empty_file_in_a_directory_is_listed_not_fatal(tmp_path, catalog, pseudonymiser):
    shutil.copy(FIXTURES / "squid_native.log", tmp_path / "access.log")
    (tmp_path / "access.log.1").write_bytes(b"")  # what logrotate leaves
    result = discover([tmp_path], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    assert {row.host for row in result.rows} >= {"chatgpt.com", "claude.ai"}
    files = {f.name.rsplit("/", 1)[-1]: (f.format, f.lines) for f in result.files}
    assert files["access.log.1"] == ("empty", 0) and files["access.log"] == ("squid", 4)
    with pytest.raises(LogError, match="the file is empty"):
        discover([tmp_path / "access.log.1"], catalog=catalog, pseudonymiser=pseudonymiser)


def test_a_user_mapping_reads_a_csv_no_preset_recognises(tmp_path, catalog, pseudonymiser):
    log = tmp_path / "custom.csv"
    log.write_text("when,who,where,sent\n1764000000,alice,chatgpt.com,1200\n1764000060,bob,claude.ai,80\n",
                   encoding="utf-8")
    mapping = {"ts": "when", "user": "who", "host": "where", "bytes_out": "sent"}
    with pytest.raises(LogError, match="not recognised"):
        discover([log], catalog=catalog, pseudonymiser=pseudonymiser)
    result = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by="host", min_group=1,
                      csv_mapping=mapping)
    assert {row.host: row.bytes_out for row in result.rows} == {"chatgpt.com": 1200, "claude.ai": 80}


def test_a_format_error_names_the_file(tmp_path, catalog, pseudonymiser):
    log = tmp_path / "export.csv"
    log.write_text("time,user,bytes\n1764000000,alice,10\n", encoding="utf-8")
    with pytest.raises(LogError) as raised:
        discover([log], catalog=catalog, pseudonymiser=pseudonymiser, log_format="csv")
    assert str(log) in str(raised.value) and "no host or URL column" in str(raised.value)
