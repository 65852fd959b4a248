"""A corpus of broken logs runs to the end, with per-reason counts and FILE:LINE samples."""

from __future__ import annotations

from emprise.logs.discover import discover

GOOD = ("1764000000.001    127 10.0.0.9 TCP_TUNNEL/200 801 CONNECT chatgpt.com:443 alice "
        "HIER_DIRECT/chatgpt.com -")


def test_malformed_corpus_runs_to_the_end(tmp_path, catalog, pseudonymiser):
    path = tmp_path / "broken.log"
    lines = [
        GOOD.encode(),                                           # 1 good
        GOOD[:40].encode(),                                      # 2 truncated
        GOOD.replace("1764000000.001", "yesterday").encode(),    # 3 bad timestamp
        GOOD.encode() + b"\r",                                   # 4 CRLF: still good
        bytes(b for b in range(256) if b not in b"\r\n"),              # 5 binary garbage (not UTF-8)
        "10.0.0.5 - bob [25/Jan/2026:10:00:00 +0100] \"GET http://x.org/ HTTP/1.1\" 200 1".encode(),  # 6 other format
        GOOD.replace("alice", "zoé").encode("latin-1"),          # 7 wrong encoding
        b"x" * 1_000_000,                                        # 8 a 1 MB line
        GOOD.replace(" 801 ", " many ").encode(),                # 9 bad size
        b"",                                                     # 10 blank: skipped
        GOOD.encode(),                                           # 11 good
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, log_format="squid", by="host")
    assert [(row.host, row.requests) for row in result.rows] == [("chatgpt.com", 3)]
    counts = {m.reason: m.count for m in result.malformed}
    assert counts == {
        "truncated line (fewer than 10 fields)": 2,  # line 2 and the 1 MB line
        "bad timestamp": 2,  # line 3, and line 6 (another format with 10 fields)
        "not UTF-8 (wrong encoding or binary content)": 2,
        "bad size field": 1,
    }
    samples = {m.reason: m.samples for m in result.malformed}
    assert f"{path}:3" in samples["bad timestamp"]
    assert {s.split(":")[1] for s in samples["not UTF-8 (wrong encoding or binary content)"]} == {"5", "7"}
    assert samples["bad size field"] == (f"{path}:9",)
    [summary] = result.files
    assert (summary.events, summary.malformed) == (3, 7)
    # Squid is read split into fields, and the engines' readers drop blank lines
    # (DuckDB may add an empty row for a refused line when the file mixes LF and
    # CRLF); blank rows are never counted as events or defects.
    assert summary.skipped in (0, 1, 2)


def test_mixed_formats_in_one_directory(tmp_path, catalog, pseudonymiser):
    from pathlib import Path

    FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"

    for name in ("squid_native.log", "bind_query.log", "zeek_http.json"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    result = discover([tmp_path], catalog=catalog, pseudonymiser=pseudonymiser, by="product")
    assert sorted(f.format for f in result.files) == ["bind", "squid", "zeek-json"]
    requests = {row.product_id: row.requests for row in result.rows}
    assert requests["chatgpt"] == 2  # one Squid line, one BIND query


def test_a_time_no_calendar_holds_is_a_malformed_line_not_a_failed_run(tmp_path, catalog, pseudonymiser):
    lines = [GOOD,
             GOOD.replace("1764000000.001", "99999999999999999999.500"),  # past year 9999
             GOOD.replace("1764000000.001", "1e999"),  # not matched by Squid's layout: bad timestamp or out of range
             GOOD]
    path = tmp_path / "times.log"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, log_format="squid", by="host")
    assert [(row.host, row.requests) for row in result.rows] == [("chatgpt.com", 2)]
    assert sum(m.count for m in result.malformed) == 2
    assert "timestamp out of range" in {m.reason for m in result.malformed}
    zeek = tmp_path / "http.json"
    good = ('{"ts":1764000000.5,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5,"id.resp_h":"1.2.3.4",'
            '"id.resp_p":443,"method":"POST","host":"claude.ai","uri":"/","request_body_len":10,'
            '"response_body_len":20}')
    zeek.write_text(good + "\n" + good.replace("1764000000.5", "1e999") + "\n", encoding="utf-8")
    result = discover([zeek], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    assert [(row.host, row.requests) for row in result.rows] == [("claude.ai", 1)]
    [(reason, count)] = [(m.reason, m.count) for m in result.malformed]
    assert count == 1 and reason in {"bad timestamp", "timestamp out of range"}


def test_a_malformed_csv_row_is_located_even_with_quotes_and_missing_cells(tmp_path, catalog, pseudonymiser):
    from pathlib import Path

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "logs" / "zscaler.csv"
    path = tmp_path / "export.csv"
    path.write_bytes(fixture.read_bytes().rstrip(b"\n") + b'\n"not, a time",carol,10.0.0.7,"https://claude.ai/x"\n')
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, by="host")
    [bad] = result.malformed
    assert bad.reason == "bad timestamp"
    lines = len(fixture.read_bytes().rstrip(b"\n").split(b"\n"))
    assert bad.samples == (f"{path}:{lines + 1}",)


def _custom_csv(tmp_path):
    path = tmp_path / "custom.csv"
    path.write_text("when,who,where\n25/01/2026 10:00:00,alice,chatgpt.com\n30/02/2026 10:00:00,bob,claude.ai\n"
                    "rubbish,carol,claude.ai\n", encoding="utf-8")
    return path, {"ts": "when", "user": "who", "host": "where", "ts_format": "%d/%m/%Y %H:%M:%S"}


def test_a_value_that_does_not_fit_the_mapping_time_format_is_one_bad_line(tmp_path, catalog, pseudonymiser):
    """DuckDB's strptime raises on 30/02 or 'rubbish': one such row used to fail the run."""
    path, mapping = _custom_csv(tmp_path)
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, by="host", min_group=1,
                      csv_mapping=mapping)
    assert [(row.host, row.requests, row.first_seen) for row in result.rows] == [
        ("chatgpt.com", 1, "2026-01-25T10:00:00+00:00")]
    assert [(m.reason, m.count, m.samples) for m in result.malformed] == [
        ("bad timestamp", 2, (f"{path}:3", f"{path}:4"))]


def test_the_mapping_time_format_reads_alike_on_spark(tmp_path, catalog, pseudonymiser):
    import pytest

    pytest.importorskip("pyspark")
    path, mapping = _custom_csv(tmp_path)
    runs = [discover([path], catalog=catalog, pseudonymiser=pseudonymiser, by="host", min_group=1,
                     csv_mapping=mapping, engine=engine, master="local[1]" if engine == "spark" else None)
            for engine in ("duckdb", "spark")]
    duck, spark = ([(row.host, row.requests, row.first_seen) for row in run.rows] for run in runs)
    assert spark == duck == [("chatgpt.com", 1, "2026-01-25T10:00:00+00:00")]
    assert [m.count for m in runs[1].malformed] == [2]


def test_samples_are_located_in_a_file_with_bare_cr_line_ends(tmp_path, catalog, pseudonymiser):
    """Old-Mac line ends: the engine splits on "\\r", so must the FILE:LINE of the samples."""
    path = tmp_path / "cr.log"
    path.write_bytes(b"\r".join([GOOD.encode(), GOOD.encode(), GOOD[:40].encode(), GOOD.encode(), b"\xff"]) + b"\r")
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, log_format="squid", by="host")
    assert (result.files[0].lines, result.files[0].events) == (5, 3)
    assert {m.reason: m.samples for m in result.malformed} == {
        "truncated line (fewer than 10 fields)": (f"{path}:3",),
        "not UTF-8 (wrong encoding or binary content)": (f"{path}:5",)}


def test_bare_cr_blocks_keep_a_cr_that_may_start_a_crlf():
    from emprise.logs.inputs import _bare_cr_as_lf

    assert _bare_cr_as_lf(b"a\rb\r\nc\r", final=False) == b"a\nb\r\nc\r"
    assert _bare_cr_as_lf(b"a\rb\r\nc\r", final=True) == b"a\nb\r\nc\n"
