"""Property tests on the log formats: whatever lines follow a valid head, a discovery
runs to the end and accounts for every line.

Each file starts with a fixture of its format (so the head is valid and the format
is the one given), then mixes fixture lines, fixture lines mutated (fields dropped
or duplicated, bytes inserted or changed, cut short, very long tokens, bytes that
are not UTF-8, NUL bytes, empty lines) and random garbage, with one line ending
per file (LF, CRLF or CR) and a final line with or without its ending.

Properties, on DuckDB:

- no exception comes out (not even ``LogError``: the head is valid, so nothing is
  wrong with the file as a whole);
- each file's ``lines`` is ``events + malformed + skipped`` and is the number of
  lines written (``bytes.splitlines``: LF, CRLF and CR all end a line);
- the per-reason malformed counts add up to the files' malformed totals;
- no user name of the file comes out, and the people shown are pseudonyms;
  malformed samples are ``FILE:LINE`` only.

Mixed line endings in one file and the CSV reader's refused rows are checked by
the regression tests at the end (both were defects this fuzzing found).
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from emprise.logs.discover import discover
from emprise.logs.privacy import Pseudonymiser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"
# Hypothesis runs many examples within one pytest test, which a function-scoped tmp_path
# does not fit: one scratch directory for the module, removed at exit.
SCRATCH = Path(tempfile.mkdtemp(prefix="emprise-logs-fuzz-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
FUZZ = settings(
    # EMPRISE_FUZZ_EXAMPLES=500 for a deeper run than the suite's.
    max_examples=int(os.environ.get("EMPRISE_FUZZ_EXAMPLES", "20")),
    deadline=None,
    database=None,
    # Each example is a DuckDB run (~0.1 s): shrinking a failure could take minutes,
    # and the failing file is kept in the assertion message instead.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
PSEUDONYMISER = Pseudonymiser(b"k" * 32)
#: The user names written in the fixtures: none may come out of a pseudonymised run.
USERS = ("alice.martin", "bob.durand")

# format -> (fixture files, how a line splits into fields, header lines of the fixture)
FORMATS: dict[str, tuple[tuple[str, ...], bytes, int]] = {
    "squid": (("squid_native.log",), b" ", 0),
    "squid-common": (("squid_common.log",), b" ", 0),
    "zeek-tsv": (("zeek_dns.log", "zeek_ssl.log", "zeek_conn.log", "zeek_run/dns.log"), b"\t", 0),
    "zeek-json": (("zeek_http.json", "zeek_run_json/dns.json", "zeek_run_json/ssl.json",
                   "zeek_run_json/conn.json"), b",", 0),
    "bind": (("bind_query.log",), b" ", 0),
    "dnsmasq": (("dnsmasq.log",), b" ", 0),
    "windows-dns": (("windows_dns.log",), b" ", 0),
    "csv": (("zscaler.csv",), b",", 1),
}


def fixture_lines(name: str) -> list[bytes]:
    return (FIXTURES / name).read_bytes().splitlines()


def body_lines(name: str) -> list[bytes]:
    """The fixture's lines that are not headers (Zeek ``#`` lines, the CSV header)."""
    lines = fixture_lines(name)
    if name.endswith(".csv"):
        return lines[1:]
    return [line for line in lines if line.strip() and not line.startswith(b"#")] or lines


# --- lines ----------------------------------------------------------------------------------

#: Bytes that end a line are the file's business (one ending per file), not a mutation's.
ENDINGS = b"\r\n"
NOT_UTF8 = [b"\xff", b"\xfe\xfe", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80abc"]


def no_endings(data: bytes) -> bytes:
    return bytes(b for b in data if b not in ENDINGS)


random_bytes = st.binary(min_size=1, max_size=12).map(no_endings).filter(bool)
random_text = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x85\u2028\u2029"),
                      min_size=1, max_size=20).map(lambda s: s.encode("utf-8"))


def mutate(line: bytes, sep: bytes, data: st.DataObject, utf8_only: bool) -> bytes:
    """``line`` with one to three random defects."""
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="defects")):
        fields = line.split(sep)
        kind = data.draw(st.sampled_from(["drop", "duplicate", "insert", "replace", "digit", "truncate",
                                          "long", "not-utf8", "nul", "swap"]), label="defect")
        if utf8_only and kind == "not-utf8":
            kind = "nul"
        at = data.draw(st.integers(min_value=0, max_value=max(len(fields) - 1, 0)))
        position = data.draw(st.integers(min_value=0, max_value=len(line)))
        if kind == "drop" and len(fields) > 1:
            del fields[at]
            line = sep.join(fields)
        elif kind == "duplicate":
            fields.insert(at, fields[at])
            line = sep.join(fields)
        elif kind == "swap" and len(fields) > 1:
            other = data.draw(st.integers(min_value=0, max_value=len(fields) - 1))
            fields[at], fields[other] = fields[other], fields[at]
            line = sep.join(fields)
        elif kind in ("insert", "replace"):
            chunk = data.draw(random_text if utf8_only else random_bytes | random_text)
            line = line[:position] + chunk + line[position + (len(chunk) if kind == "replace" else 0):]
        elif kind == "digit":  # a date or number still well-formed, but out of range
            digits = [i for i, b in enumerate(line) if 0x30 <= b <= 0x39]
            if digits:
                i = data.draw(st.sampled_from(digits))
                line = line[:i] + data.draw(st.sampled_from(b"0123456789")).to_bytes(1, "big") + line[i + 1:]
        elif kind == "truncate":
            line = line[:position]
        elif kind == "long":
            token = data.draw(st.sampled_from([b"x", b"a.", b"\t", b" ", b"9"])) * data.draw(
                st.integers(min_value=1_000, max_value=20_000))
            line = line[:position] + token + line[position:]
        elif kind == "not-utf8":
            line = line[:position] + data.draw(st.sampled_from(NOT_UTF8)) + line[position:]
        elif kind == "nul":
            line = line[:position] + b"\x00" + line[position:]
    return line


def draw_file(fmt: str, data: st.DataObject, *, utf8_only: bool = False) -> tuple[bytes, bytes]:
    """``(file content, line ending)``: a fixture of ``fmt``, then random lines."""
    names, sep, _ = FORMATS[fmt]
    name = data.draw(st.sampled_from(names), label="fixture")
    head, pool = fixture_lines(name), body_lines(name)
    body = []
    for _ in range(data.draw(st.integers(min_value=0, max_value=25), label="lines")):
        kind = data.draw(st.sampled_from(["valid", "mutated", "mutated", "garbage", "empty"]))
        if kind == "valid":
            body.append(data.draw(st.sampled_from(pool)))
        elif kind == "mutated":
            line = mutate(data.draw(st.sampled_from(pool)), sep, data, utf8_only)
            if utf8_only:  # a byte inserted inside a character breaks it
                line = line.decode("utf-8", "replace").encode("utf-8")
            body.append(line)
        elif kind == "garbage":
            body.append(data.draw(random_text if utf8_only else random_bytes | random_text))
        else:
            body.append(data.draw(st.sampled_from([b"", b" ", b"\t", b"\x00"])))
    if fmt == "csv":  # a quote opens a field that may span lines: rows are then not lines
        body = [line.replace(b'"', b"'") for line in body]
    ending = data.draw(st.sampled_from([b"\n", b"\r\n", b"\r"]), label="ending")
    content = ending.join(head + body)
    if data.draw(st.booleans(), label="final ending"):
        content += ending
    return content, ending


def expected_lines(fmt: str, content: bytes) -> int:
    """The lines a summary must count: every line written (CSV: the rows under the header)."""
    lines = content.splitlines()
    if fmt == "csv":
        # DuckDB's CSV reader skips blank rows; the header is not a row.
        return sum(1 for line in lines[FORMATS[fmt][2]:] if line)
    return len(lines)


# --- the contract ---------------------------------------------------------------------------


def shown(content: bytes) -> list[bytes]:
    """The file's lines for a failure message, very long ones cut."""
    return [line if len(line) <= 300 else line[:300] + b"...(%d bytes)" % len(line)
            for line in content.splitlines(keepends=True)]


def check(fmt: str, content: bytes, catalog, pseudonymiser=PSEUDONYMISER):
    path = SCRATCH / f"{fmt}.log"
    path.write_bytes(content)
    # min_group 1: every row shows its top people, so that their pseudonyms are checked too.
    result = discover([path], catalog=catalog, pseudonymiser=pseudonymiser, log_format=fmt, by="host",
                      min_group=1)
    [summary] = result.files
    assert summary.format == fmt
    assert summary.lines == summary.events + summary.malformed + summary.skipped
    if summary.lines != expected_lines(fmt, content):
        kept = Path(tempfile.gettempdir()) / f"emprise-logs-fuzz-{fmt}.failed"
        kept.write_bytes(content)  # to replay: discover([kept], log_format=fmt)
        raise AssertionError(f"{summary} but {expected_lines(fmt, content)} lines written "
                             f"(file kept as {kept}): {shown(content)}")
    assert sum(m.count for m in result.malformed) == summary.malformed
    assert all(m.count > 0 and m.reason for m in result.malformed)
    rows = (*result.rows, *result.unknown_hosts)
    assert sum(row.requests for row in result.rows) <= summary.events
    if not pseudonymiser.reveal:
        for row in rows:
            for user, _ in row.top_users or ():
                assert re.fullmatch(r"u-[0-9a-f]{16}", user), user
        for reason in result.malformed:
            for sample in reason.samples:  # the place of a line, never its content
                assert re.fullmatch(re.escape(str(path)) + r":(\d+|\?)(: \(empty\))?", sample), sample
        # A line whose columns moved can put a user name where the host goes: that is
        # what the line says, and no parser can tell. Everywhere else, none may appear.
        shown_rows = [{k: v for k, v in row.as_json(result.by).items() if k != "host"} for row in rows]
        rendered = json.dumps(shown_rows
                              + [dataclasses.asdict(m) for m in result.malformed]
                              + [dataclasses.asdict(f) for f in result.files], ensure_ascii=False)
        for user in USERS:
            assert user not in rendered
    return result


@pytest.mark.parametrize("fmt", list(FORMATS))
@FUZZ
@given(data=st.data())
def test_any_lines_after_a_valid_head(fmt, data, catalog):
    content, _ = draw_file(fmt, data, utf8_only=fmt == "csv")
    check(fmt, content, catalog)


@pytest.mark.parametrize("fmt", ["squid", "bind"])
@settings(FUZZ, max_examples=10)
@given(data=st.data())
def test_revealed_run_counts_the_same(fmt, data, catalog):
    content, _ = draw_file(fmt, data)
    check(fmt, content, catalog, Pseudonymiser(b"k" * 32, reveal=True))


# --- regressions found by the fuzzer ---------------------------------------------------------


def fixture_plus(fmt: str, line: bytes, catalog):
    """The format's first fixture with ``line`` added at its end, checked and discovered."""
    content = (FIXTURES / FORMATS[fmt][0][0]).read_bytes().rstrip(b"\n") + b"\n" + line + b"\n"
    return check(fmt, content, catalog)


@pytest.mark.parametrize(("fmt", "line"), [
    ("squid-common",
     b'10.0.0.5 - alice.martin [35/Jan/2026:10:00:00 +0100] "CONNECT claude.ai:443 HTTP/1.1" 200 3'),
    ("bind", b"30-Feb-2026 10:00:01.456 client 10.0.0.6#40000 (x.ai): query: x.ai IN A + (10.0.0.53)"),
    ("dnsmasq", b"Jan 32 10:00:00 gw dnsmasq[1234]: query[A] chatgpt.com from 192.168.1.10"),
    ("windows-dns", b"13/25/2026 10:00:00 AM 0E4C PACKET  000000D2F1B8A1A0 UDP Rcv 10.0.0.5        8d2e   "
                    b"Q [0001   D   NOERROR] A      (7)chatgpt(3)com(0)"),
])
def test_a_date_out_of_range_is_one_bad_line(fmt, line, catalog):
    """A well-formed but impossible date used to stop the whole run (strptime raised)."""
    result = fixture_plus(fmt, line, catalog)
    assert {m.reason: m.count for m in result.malformed} == {"bad timestamp": 1}


@pytest.mark.parametrize(("fmt", "line"), [
    ("zeek-json", b'{"ts":1e400,"uid":"C","id.orig_h":"10.0.0.6","method":"GET","host":"x.com"}'),
    ("zeek-json",
     b'{"ts":"20206-01-25T10:00:01Z","uid":"C","id.orig_h":"10.0.0.6","method":"GET","host":"x.com"}'),
    ("zeek-tsv", b"inf\tC\t10.0.0.5\t1\t10.0.0.53\t53\tudp\t1\tx.com\t1\tC_INTERNET\t1\tA"),
    ("csv", b"20206-01-25 10:00:00,alice.martin,10.0.0.5,https://chatgpt.com/,1,2"),
    ("csv", b"1e999,alice.martin,10.0.0.5,https://chatgpt.com/,1,2"),
    ("squid", b"999999999999.001    127 10.0.0.9 TCP_TUNNEL/200 801 CONNECT chatgpt.com:443 alice.martin "
              b"HIER_DIRECT/chatgpt.com -"),
    ("squid", b"1e400    127 10.0.0.9 TCP_TUNNEL/200 801 CONNECT chatgpt.com:443 alice.martin "
              b"HIER_DIRECT/chatgpt.com -"),
])
def test_a_time_out_of_range_is_one_bad_line(fmt, line, catalog):
    """Infinity or the year 20206 used to stop the whole run (cast to a day, ISO date)."""
    result = fixture_plus(fmt, line, catalog)
    assert {m.reason: m.count for m in result.malformed}["timestamp out of range"] == 1


def test_mixed_line_endings(catalog):
    """DuckDB used to read "\r\n" after a first "\n" line as two line ends (one empty row too many)."""
    good = fixture_lines("squid_native.log")[0]
    result = check("squid", good + b"\n" + good + b"\r\n" + good + b"\n", catalog)
    assert (result.files[0].lines, result.files[0].events) == (3, 3)
    csv_lines = (FIXTURES / "zscaler.csv").read_bytes().splitlines()
    check("csv", csv_lines[0] + b"\n" + csv_lines[1] + b"\r\n" + csv_lines[2] + b"\n", catalog)


def test_csv_row_not_utf8_is_counted(catalog):
    """The CSV reader used to drop such rows without counting them."""
    result = check("csv", (FIXTURES / "zscaler.csv").read_bytes() + b"\xff,a,b\n", catalog)
    assert [(m.reason, m.count) for m in result.malformed] == [("not UTF-8 (wrong encoding or binary content)", 1)]
