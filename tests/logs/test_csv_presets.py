"""CSV presets for vendor exports: each fixture is claimed by its own preset and read exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from emprise.logs.csv_mapped import _header_cells, _sniff_delimiter, resolve_mapping
from emprise.logs.discover import discover
from emprise.logs.inputs import log_file
from emprise.logs.registry import detect_format

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"

# fixture -> (preset, {host: (requests, users, bytes, bytes_out, bytes_in)},
#             (first_seen, last_seen))
EXPECTED = {
    "cisco_secure_access_dns.csv": (
        "cisco-secure-access-dns",
        {"chatgpt.com": (2, 1, None, None, None), "claude.ai": (1, 1, None, None, None),
         "chat.deepseek.com": (1, 1, None, None, None)},
        ("2026-01-25T10:00:00+00:00", "2026-01-25T10:03:00+00:00")),
    "fortinet.csv": (
        "fortinet",
        # eventtime in nanoseconds (FortiOS 6.2+) on two lines, in seconds on the third
        {"chatgpt.com": (2, 2, 297100, 250900, 46200), "www.deepl.com": (1, 1, 30700, 700, 30000)},
        ("2026-01-25T10:00:00+00:00", "2026-01-25T10:06:00+00:00")),
    "zscaler.csv": (
        "zscaler-nss",
        {"chatgpt.com": (1, 1, 251200, 250000, 1200), "www.deepl.com": (1, 1, 45900, 900, 45000)},
        ("2026-01-25T10:00:00+00:00", "2026-01-25T10:05:00+00:00")),
}


def _header(name):
    first_lines = log_file(FIXTURES / name).first_lines
    return _header_cells(first_lines, _sniff_delimiter(first_lines[0]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_detected_as_csv_by_its_preset(name):
    log = log_file(FIXTURES / name)
    assert detect_format(log.first_lines, name).name == "csv"
    assert resolve_mapping(_header(name), None)[0] == EXPECTED[name][0]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_parses_to_exact_counts(name, catalog, pseudonymiser):
    result = discover([FIXTURES / name], catalog=catalog, pseudonymiser=pseudonymiser, by="host",
                      min_group=1)
    rows = (*result.rows, *result.unknown_hosts)
    got = {row.host: (row.requests, row.users, row.bytes, row.bytes_out, row.bytes_in)
           for row in rows}
    assert got == EXPECTED[name][1]
    seen = (min(row.first_seen for row in rows), max(row.last_seen for row in rows))
    assert seen == EXPECTED[name][2]
    assert result.files[0].skipped == 0
    assert result.malformed == ()


@pytest.mark.parametrize(("header", "preset"), [
    # a plain export with a column the vendor presets also read stays generic
    (["timestamp", "domain", "user", "bytes"], "generic"),
    (["timestamp", "srcip", "hostname", "sentbyte", "rcvdbyte"], "generic"),
    # Umbrella's S3 DNS log columns named as in Secure Access, without its signature columns
    (["timestamp", "identities", "internal ip", "domain"], "generic"),
])
def test_vendor_presets_need_their_signature_columns(header, preset):
    assert resolve_mapping(header, None)[0] == preset


def test_fortinet_header_is_not_taken_by_the_zscaler_preset():
    name, chosen = resolve_mapping(_header("fortinet.csv"), None)
    assert name == "fortinet"
    assert chosen == {"ts": "eventtime", "host": "hostname", "url": "url", "user": "user",
                      "client": "srcip", "bytes_out": "sentbyte", "bytes_in": "rcvdbyte"}
