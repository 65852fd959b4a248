"""The report's Shadow AI section, from what ``discover --import`` recorded (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from emprise.i18n import set_language
from emprise.logs.discover import discover
from emprise.logs.findings import import_findings
from emprise.logs.privacy import Pseudonymiser
from emprise.views.report_export import write_report_file
from emprise.views.report_shadow_ai import read_services, shadow_ai_context

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"


def _squid_log(path: Path) -> Path:
    """Six people on ChatGPT (one uploading 3 MB), two on Claude, one on Slack."""
    lines = []
    for index in range(6):
        size = 3_000_000 if index == 0 else 900
        lines.append(f"1764000000.{index:03d}    127 10.0.0.{index} TCP_TUNNEL/200 {size} CONNECT chatgpt.com:443 "
                     f"person{index} HIER_DIRECT/chatgpt.com -")
    for index in range(2):
        lines.append(f"1764003600.{index:03d}    127 10.0.1.{index} TCP_TUNNEL/200 1000 CONNECT claude.ai:443 "
                     f"person{index} HIER_DIRECT/claude.ai -")
    lines.append("1764003700.000    127 10.0.2.1 TCP_TUNNEL/200 500 CONNECT slack.com:443 person9 HIER_DIRECT/slack.com -")
    path.write_text("\n".join(lines) + "\n")
    return path


def _imported(store, catalog, tmp_path):
    log = _squid_log(tmp_path / "access.log")
    result = discover([log], catalog=catalog, pseudonymiser=Pseudonymiser(b"k" * 32), min_group=1)
    outcome = import_findings(store, result, inputs=[str(log)])
    assert outcome.status == "imported"
    again = import_findings(store, result, inputs=[str(log)])
    assert again.status == "unchanged"  # idempotent: no second set of counts
    return result


def test_counts_are_stored_beside_the_assets(store, catalog, tmp_path):
    _imported(store, catalog, tmp_path)
    services = {s.product_key: s for s in read_services(store)}
    assert set(services) == {"chatgpt", "claude", "slack"}
    chatgpt = services["chatgpt"]
    assert (chatgpt.ai, chatgpt.users, chatgpt.requests, chatgpt.bytes, chatgpt.bytes_out) == (
        True, 6, 6, 3_000_000 + 5 * 900, None)
    assert chatgpt.first_seen.astimezone(timezone.utc) == datetime(2025, 11, 24, 16, 0, tzinfo=timezone.utc)


def test_section_lists_ai_services_with_training_and_alternatives(store, catalog, tmp_path):
    _imported(store, catalog, tmp_path)
    set_language("fr")  # the section follows its ``lang``, not the process's language
    try:
        context = shadow_ai_context(store, catalog, lang="en")
    finally:
        set_language(None)
    assert context["has_data"] is True
    rows = {r["name"]: r for r in context["rows"]}
    assert list(rows) == ["ChatGPT", "Claude"]  # AI only, most people first; Slack is not AI
    chatgpt = rows["ChatGPT"]
    assert (chatgpt["people"], chatgpt["requests"], chatgpt["volume"], chatgpt["estimated"]) == (
        "6", "6", "3.0 MB", True)
    expected_trains = catalog.product("chatgpt").ai.trains_on_inputs
    assert chatgpt["trains"] == {True: "yes", False: "no", None: "unknown"}[expected_trains]
    assert "Le Chat" in " ".join(chatgpt["alternatives"])
    assert chatgpt["stance"] == "not decided"


def test_report_renders_the_section_and_no_identity(store, catalog, tmp_path):
    _imported(store, catalog, tmp_path)
    out = write_report_file(store, catalog, tmp_path / "r.html", title=None, lang="fr")
    html = out.read_text(encoding="utf-8")
    assert 'id="shadow-ai"' in html
    assert "IA fantôme" in html and "ChatGPT" in html
    assert "person0" not in html and "10.0.0." not in html


def test_empty_store_shows_how_to_discover(store, catalog, tmp_path):
    assert shadow_ai_context(store, catalog, lang="en") == {"has_data": False, "rows": [], "figures": []}
    html = write_report_file(store, catalog, tmp_path / "r.html", title=None, lang="en").read_text(encoding="utf-8")
    assert "No log discovery imported yet" in html
