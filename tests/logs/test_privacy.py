"""Pseudonymisation: no raw identity in a default run's outputs; --reveal is explicit and recorded."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from emprise.logs.privacy import Pseudonymiser, key_path, load_or_create_key
from emprise.views.cli import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"
RAW_NAMES = ("alice.martin", "bob.durand", "10.0.0.9", "10.0.0.10", "10.0.0.5", "10.0.0.6")


def _write_many_users(path: Path) -> None:
    """Ten named people on one AI service, so the row passes the privacy threshold."""
    lines = [f"17640000{i:02d}.000 10 10.0.0.{i} TCP_TUNNEL/200 {1000 + i} CONNECT chatgpt.com:443 "
             f"employee.{i:02d} HIER_DIRECT/chatgpt.com -" for i in range(10)]
    path.write_text("\n".join(lines) + "\n")


def test_key_is_created_once_with_mode_0600(tmp_path):
    path = tmp_path / "store.db.pseudonym-key"
    first = load_or_create_key(path)
    assert load_or_create_key(path) == first and len(first) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_key_lives_next_to_a_sqlite_store_and_outside_any_report(tmp_path, monkeypatch):
    monkeypatch.delenv("EMPRISE_PSEUDONYM_KEY_FILE", raising=False)
    assert key_path(str(tmp_path / "emprise.db")) == tmp_path / "emprise.db.pseudonym-key"


def test_pseudonyms_are_keyed_and_stable():
    one, other = Pseudonymiser(b"a" * 32), Pseudonymiser(b"b" * 32)
    assert one("alice") == one("alice") != other("alice")
    assert one("alice").startswith("u-") and "alice" not in one("alice")
    assert Pseudonymiser(b"a" * 32, reveal=True)("alice") == "alice"


def _run(tmp_path, *args):
    runner = CliRunner()
    return runner.invoke(app, ["--db", str(tmp_path / "e.db"), "discover", *args], catch_exceptions=False)


def test_no_raw_identity_in_any_output_of_a_default_run(tmp_path):
    many = tmp_path / "many.log"
    _write_many_users(many)
    inputs = [str(many), str(FIXTURES / "squid_native.log"), str(FIXTURES / "zscaler.csv")]
    outputs = []
    for fmt in ("table", "json", "csv"):
        for by in ("product", "vendor", "host"):
            result = _run(tmp_path, *inputs, "--format", fmt, "--by", by, "--import")
            assert result.exit_code == 0, result.output
            outputs.append(result.output)
    rows = json.loads(_run(tmp_path, *inputs, "--format", "json").stdout)
    chatgpt = next(row for row in rows if row["product_id"] == "chatgpt")
    assert chatgpt["users"] == 11 and chatgpt["top_users"][0]["user"].startswith("u-")
    store_dump = b"".join(p.read_bytes() for p in tmp_path.glob("e.db*") if "key" not in p.name)
    everything = "\n".join(outputs) + store_dump.decode("latin-1")
    everything += (tmp_path / "emprise-discover-runs.jsonl").read_text()
    for name in (*RAW_NAMES, *(f"employee.{i:02d}" for i in range(10))):
        assert name not in everything, name


def test_reveal_shows_identities_and_is_recorded(tmp_path):
    many = tmp_path / "many.log"
    _write_many_users(many)
    result = _run(tmp_path, str(many), "--format", "json", "--reveal")
    assert result.exit_code == 0
    assert "employee.09" in result.stdout
    runs = [json.loads(line) for line in (tmp_path / "emprise-discover-runs.jsonl").read_text().splitlines()]
    assert runs[-1]["revealed"] is True


def test_small_groups_show_no_individual(tmp_path):
    result = _run(tmp_path, str(FIXTURES / "squid_native.log"), "--format", "json")
    rows = json.loads(result.stdout)
    assert rows and all(row["top_users"] is None for row in rows)
