"""The department view: exact counts per (group, service), groups under the threshold hidden."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from emprise.logs.discover import discover
from emprise.views.cli import app
from emprise.views.cli_discover import read_groups


def _department(user: str) -> str:
    number = int(user[4:])
    return "Finance" if number < 3000 else "Legal" if number < 4997 else "Tiny"  # Tiny: 3 people


def _mapping_file(tmp_path):
    path = tmp_path / "groups.csv"
    rows = ["email;Department"] + [f"user{n:05d};{_department(f'user{n:05d}')}" for n in range(5000)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _expected(log_path, host: str, department: str) -> tuple[int, int]:
    people, requests = set(), 0
    for line in log_path.read_text().splitlines():
        fields = line.split(" ")
        url, user = fields[-4], fields[-3]
        if url.split("://")[-1].split("/")[0].split(":")[0] == host and _department(user) == department:
            people.add(user)
            requests += 1
    return len(people), requests


def test_read_groups_finds_the_columns_by_name(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("Department,Login\nFinance,alice\n,nobody\nLegal,bob\n", encoding="utf-8")
    assert read_groups(path) == {"alice": "Finance", "bob": "Legal"}


def test_group_view_counts_and_hides_small_groups(generated_squid, catalog, pseudonymiser, tmp_path):
    log, _ = generated_squid
    groups = read_groups(_mapping_file(tmp_path))
    result = discover([log], catalog=catalog, pseudonymiser=pseudonymiser, by="host", groups=groups)
    cells = {(row.group, row.key): row for row in result.groups}
    assert {group for group, _ in cells} == {"Finance", "Legal"}
    assert all(row.users >= 5 for row in result.groups)
    assert result.groups_hidden >= 2  # at least Tiny's cells, and one more per service
    row = cells[("Finance", "chatgpt.com")]
    assert (row.users, row.requests) == _expected(log, "chatgpt.com", "Finance")
    assert row.ai is True
    # Where Tiny's 3 people used a service, Finance and Legal shown together would give
    # Tiny away (the service's total minus both): one of them is hidden too.
    services = {key for _, key in cells}
    used_by_tiny = [host for host in services if _expected(log, host, "Tiny")[0] > 0]
    assert used_by_tiny
    for host in used_by_tiny:
        assert not (("Finance", host) in cells and ("Legal", host) in cells), host


def test_one_hidden_cell_never_stands_alone():
    from emprise.logs.discover import _shown_cells

    sizes = {"A": 50, "B": 40, "C": 3, "D": 30}
    cells = [{"group": g, "key": k, "users": u} for g, k, u in (
        ("A", "chatgpt", 20), ("B", "chatgpt", 9), ("C", "chatgpt", 2),  # C hidden: B (fewest) too
        ("A", "slack", 30), ("B", "slack", 2), ("D", "slack", 1),  # two hidden already: nothing more
        ("A", "zoom", 12), ("D", "zoom", 8))]  # none hidden
    shown = {(c["group"], c["key"]) for c in _shown_cells(cells, sizes, 5)}
    assert shown == {("A", "chatgpt"), ("A", "slack"), ("A", "zoom"), ("D", "zoom")}
    # A single cell under the threshold with no other cell: hidden, nothing to add.
    assert _shown_cells([{"group": "C", "key": "x", "users": 2}], sizes, 5) == []


def test_cli_json_has_group_rows_and_no_identity(generated_squid, tmp_path, monkeypatch):
    monkeypatch.setenv("EMPRISE_PSEUDONYM_KEY_FILE", str(tmp_path / "key"))
    log, _ = generated_squid
    outcome = CliRunner().invoke(app, ["--db", str(tmp_path / "e.db"), "discover", str(log), "--format", "json",
                                       "--groups", str(_mapping_file(tmp_path))], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    rows = json.loads(outcome.stdout)
    grouped = [row for row in rows if "group" in row]
    assert grouped and {row["group"] for row in grouped} == {"Finance", "Legal"}
    assert "user0" not in outcome.stdout
