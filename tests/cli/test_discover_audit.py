"""``emprise discover`` through the CLI: defects found by the audit of the Shadow AI issue, fixed."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from emprise.views.cli import app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "logs"


def _overlay(path: Path) -> Path:
    path.write_text("source: audit overlay\nas_of: 2026-01-01\nsanctions:\n"
                    "  mistral-le-chat: sanctioned\n  chatgpt: forbidden\n  claude: tolerated\n", encoding="utf-8")
    return path


def _run(tmp_path, *args, env=None):
    return CliRunner().invoke(app, ["--db", str(tmp_path / "e.db"), *args], env=env, catch_exceptions=False)


def _two_days(path: Path) -> Path:
    """ChatGPT on two days (3 requests, then 1), Slack on the first."""
    lines = [f"{1764000000 + i}.000 10 10.0.0.{i} TCP_TUNNEL/200 900 CONNECT chatgpt.com:443 p{i} "
             "HIER_DIRECT/chatgpt.com -" for i in range(3)]
    lines.append("1764086400.000 10 10.0.0.9 TCP_TUNNEL/200 900 CONNECT chatgpt.com:443 p9 HIER_DIRECT/chatgpt.com -")
    lines.append("1764000100.000 10 10.0.0.8 TCP_TUNNEL/200 500 CONNECT slack.com:443 p8 HIER_DIRECT/slack.com -")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_global_overlay_and_its_environment_variable_reach_discover(tmp_path):
    overlay = _overlay(tmp_path / "org.yaml")
    log = str(FIXTURES / "squid_native.log")
    for result in (_run(tmp_path, "--overlay", str(overlay), "discover", log, "--format", "json"),
                   _run(tmp_path, "discover", log, "--format", "json", env={"EMPRISE_CATALOG_OVERLAY": str(overlay)})):
        assert result.exit_code == 0, result.output
        rows = {r["product_id"]: r for r in json.loads(result.stdout)}
        assert rows["chatgpt"]["sanctioned"] == "forbidden" and rows["claude"]["sanctioned"] == "tolerated"


def test_table_shows_stance_in_french(tmp_path):
    result = _run(tmp_path, "--lang", "fr", "--overlay", str(_overlay(tmp_path / "org.yaml")), "discover",
                  str(FIXTURES / "squid_native.log"))
    assert result.exit_code == 0, result.output
    assert "interdit" in result.stdout and "toléré" in result.stdout and "forbidden" not in result.stdout


def test_table_shows_bytes_sent_and_received_when_the_log_has_them(tmp_path):
    result = _run(tmp_path, "--lang", "en", "discover", str(FIXTURES / "zscaler.csv"))
    assert result.exit_code == 0, result.output
    assert "Sent" in result.stdout and "Received" in result.stdout
    assert "250.0 kB" in result.stdout  # ChatGPT: reqsize 250000
    squid = _run(tmp_path, "--lang", "en", "discover", str(FIXTURES / "squid_native.log"))
    assert "Sent" not in squid.stdout  # Squid's native log has only the size field


def test_table_shows_a_trend_per_day(tmp_path):
    result = _run(tmp_path, "--lang", "en", "discover", str(_two_days(tmp_path / "access.log")))
    assert result.exit_code == 0, result.output
    assert "Requests per day" in result.stdout
    chatgpt = next(line for line in result.stdout.splitlines() if "ChatGPT" in line)
    assert "█▃" in chatgpt  # 3 requests, then 1
    slack = next(line for line in result.stdout.splitlines() if "Slack" in line)
    assert "█ " in slack  # the second day without a request


def test_vendor_view_has_one_name_column(tmp_path):
    result = _run(tmp_path, "--lang", "en", "discover", str(FIXTURES / "squid_native.log"), "--by", "vendor")
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "Vendor" in line)
    assert "Service" not in header and "Category" not in header
    assert sum(1 for line in result.stdout.splitlines() if "OpenAI" in line) == 1


def test_min_group_below_one_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "e.db"), "discover", str(FIXTURES / "squid_native.log"),
                                      "--min-group", "0"])
    assert result.exit_code == 2


def _people_on_two_hosts(path: Path) -> Path:
    """Three people on chatgpt.com, the same three and a fourth on chat.openai.com (one product)."""
    lines = [f"{1764000000 + i}.000 10 10.0.0.{i} TCP_TUNNEL/200 900 CONNECT {host}:443 p{i} HIER_DIRECT/{host} -"
             for host, people in (("chatgpt.com", 3), ("chat.openai.com", 4)) for i in range(people)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_records_products_whatever_the_grouping(tmp_path):
    """--by host or vendor shows other rows, but the store gets the same products with their
    distinct people (4 on ChatGPT, not 3 + 4 from its two hosts)."""
    from emprise.store import Store

    log = str(_people_on_two_hosts(tmp_path / "two_hosts.log"))
    stored = {}
    for by in ("host", "vendor", "product"):
        folder = tmp_path / by
        folder.mkdir()
        result = _run(folder, "--lang", "en", "discover", log, "--by", by, "--import", "--min-group", "1")
        assert result.exit_code == 0, result.output
        assert "Imported 1 undeclared asset(s)" in result.output
        from emprise.model import Asset

        nodes = Store.open(str(folder / "e.db")).snapshot().nodes.values()
        stored[by] = sorted((node.key, node.users) for node in nodes if isinstance(node, Asset))
    assert stored["host"] == stored["vendor"] == stored["product"] == [("discovered-chatgpt", 4)]


def test_watch_refuses_a_directory_at_once(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "e.db"), "--lang", "en", "watch", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_watch_says_it_waits_for_a_missing_file(tmp_path):
    import subprocess
    import sys

    missing = tmp_path / "not-yet.log"
    process = subprocess.Popen([sys.executable, "-m", "emprise", "--db", str(tmp_path / "e.db"), "--lang", "en",
                                "watch", str(missing)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        for _ in range(5):  # "watching …", then the waiting notice
            line = process.stderr.readline()
            if "does not exist yet" in line:
                break
        assert str(missing) in line and "does not exist yet" in line
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_malformed_reasons_and_log_errors_are_in_french_with_lang_fr(tmp_path):
    log = tmp_path / "broken.log"
    good = ("1764000000.001    127 10.0.0.9 TCP_TUNNEL/200 801 CONNECT chatgpt.com:443 alice "
            "HIER_DIRECT/chatgpt.com -")
    log.write_text(good + "\n" + good[:40] + "\n", encoding="utf-8")
    french = _run(tmp_path, "--lang", "fr", "discover", str(log))
    assert french.exit_code == 3
    assert "ligne tronquée (moins de 10 champs)" in french.output
    english = _run(tmp_path, "--lang", "en", "discover", str(log))
    assert "truncated line (fewer than 10 fields)" in english.output
    missing = _run(tmp_path, "--lang", "fr", "discover", str(tmp_path / "absent.log"))
    assert missing.exit_code == 1 and "fichier ou dossier introuvable" in missing.output


def test_every_reason_the_formats_write_has_a_french_text():
    """A reason added to a format without its French text fails here, not in front of a user."""
    import re as regex

    from emprise.views.log_texts import log_text

    sources = "\n".join(path.read_text(encoding="utf-8")
                        for path in (Path(__file__).resolve().parents[2] / "src" / "emprise" / "logs").glob("*.py"))
    blocks = regex.findall(r"reason_of\((.*?)\n\s*\)\n", sources, flags=regex.DOTALL)
    reasons = set(regex.findall(r', f?"([a-z][^"]*)"\)', "\n".join(blocks)))  # (condition, "reason")
    reasons.add("timestamp out of range")  # discover.aggregate's own
    reasons = {r.replace("{FIELDS + MAX_PADDING}", "15").replace("{FIELDS}", "10").replace("{len(fields)}", "13")
               for r in reasons if not r.startswith("skipped")}
    reasons |= {"not UTF-8 (wrong encoding or binary content)", "line longer than 8388608 bytes",  # engine rejects
                "too many fields (more than 15)", "truncated line (fewer than 10 fields)"}  # Squid's, by name
    assert {"bad timestamp", "truncated line (fewer than 13 fields)", "timestamp out of range"} <= reasons
    untranslated = sorted(r for r in reasons if "{" not in r and log_text(r, "fr") == r)
    assert untranslated == []
