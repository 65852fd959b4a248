"""``watch``: following files (growth, rotation, truncation), alerts, bounded memory, the webhook, latency."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error

import pytest

from emprise.logs.watch import LRU, BatchParser, Follower, Watcher, WatchSettings, Webhook, watch
from emprise.logs.registry import format_class


def squid(host: str, user: str, size: int = 801, when: float | None = None) -> str:
    stamp = time.time() if when is None else when
    return (f"{stamp:.3f}    127 10.0.0.9 TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} "
            f"HIER_DIRECT/{host} -\n")


def append(path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()


# --- following ------------------------------------------------------------------------


def test_follower_reads_only_new_complete_lines(tmp_path):
    log = tmp_path / "access.log"
    log.write_text("old line\n")
    follower = Follower(log)
    assert follower.read_lines() == []
    append(log, "one\ntwo\nhalf")
    assert follower.read_lines() == ["one", "two"]
    append(log, " done\r\n")
    assert follower.read_lines() == ["half done"]
    follower.close()


def test_follower_follows_rotation_and_truncation(tmp_path):
    log = tmp_path / "access.log"
    log.write_text("")
    follower = Follower(log)
    append(log, "before rotation\nunterminated")
    log.rename(tmp_path / "access.log.1")
    assert follower.read_lines() == ["before rotation"]  # old file still open, not yet replaced
    log.write_text("after rotation\n")
    assert follower.read_lines() == ["unterminated", "after rotation"]
    log.write_text("")  # copytruncate, seen by the next poll (as ``tail -F``, a truncation
    assert follower.read_lines() == []  # followed by more bytes than before within one poll is missed)
    append(log, "after truncation\n")
    assert follower.read_lines() == ["after truncation"]
    follower.close()


def test_follower_waits_for_a_file_that_does_not_exist_yet(tmp_path):
    log = tmp_path / "later.log"
    follower = Follower(log)
    assert follower.read_lines() == []
    log.write_text("first\n")
    assert follower.read_lines() == ["first"]


# --- alerts -----------------------------------------------------------------------------


def _events(lines):
    return BatchParser(format_class("squid")()).parse(lines)


def test_first_use_alert_once_per_person_and_service(catalog, pseudonymiser):
    watcher = Watcher(catalog, pseudonymiser, WatchSettings(upload_threshold=1_000_000))
    lines = [squid("chatgpt.com", "alice"), squid("chatgpt.com", "alice"), squid("chatgpt.com", "bob"),
             squid("slack.com", "alice"), squid("claude.ai", "alice", size=2_000_000), "garbage"]
    alerts = watcher.alerts(_events([line.rstrip("\n") for line in lines]), "access.log")
    kinds = [(a["alert"], a["product_id"], a["user"]) for a in alerts]
    alice, bob = pseudonymiser("alice"), pseudonymiser("bob")
    assert kinds == [("first_use", "chatgpt", alice), ("first_use", "chatgpt", bob),
                     ("first_use", "claude", alice), ("upload", "claude", alice)]
    upload = alerts[-1]
    assert (upload["bytes"], upload["bytes_field"], upload["threshold"]) == (2_000_000, "bytes", 1_000_000)
    assert all("alice" not in json.dumps(a) and "bob" not in json.dumps(a) for a in alerts)


def test_memory_is_bounded(catalog, pseudonymiser):
    watcher = Watcher(catalog, pseudonymiser, WatchSettings(max_tracked=50))
    lines = [squid("chatgpt.com", f"user{i}").rstrip("\n") for i in range(500)]
    alerts = watcher.alerts(_events(lines), "access.log")
    assert len(alerts) == 500
    assert len(watcher.seen) == 50


def test_lru_evicts_the_least_recently_used():
    lru = LRU(2)
    lru.put("a")
    lru.put("b")
    lru.get("a")
    lru.put("c")
    assert ("a" in lru, "b" in lru, "c" in lru) == (True, False, True)


def test_webhook_failures_are_reported_never_raised():
    problems: queue.Queue = queue.Queue()
    sent = []

    def failing(request, timeout):
        sent.append((request.full_url, json.loads(request.data), timeout))
        raise urllib.error.URLError("connection refused")

    hook = Webhook("http://alerts.invalid/hook", report=problems.put, timeout=1.5, opener=failing)
    hook.send({"alert": "first_use"})
    hook.close()
    assert sent == [("http://alerts.invalid/hook", {"alert": "first_use"}, 1.5)]
    assert "connection refused" in problems.get(timeout=2)


def test_watch_in_process_with_a_stop_event(tmp_path, catalog, pseudonymiser):
    log = tmp_path / "access.log"
    log.write_text(squid("slack.com", "carol"))
    alerts, stop, ready = [], threading.Event(), threading.Event()
    thread = threading.Thread(target=watch, args=([log],), kwargs=dict(
        catalog=catalog, pseudonymiser=pseudonymiser, settings=WatchSettings(poll_seconds=0.05),
        emit=alerts.append, report=print, stop=stop, ready=ready.set))
    thread.start()
    try:
        assert ready.wait(30)
        append(log, squid("chat.mistral.ai", "carol"))
        deadline = time.monotonic() + 5
        while not alerts and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        stop.set()
        thread.join(10)
    assert [(a["alert"], a["product_id"], a["host"]) for a in alerts] == [
        ("first_use", "mistral-le-chat", "chat.mistral.ai")]


# --- the command, as a process: latency and rotation ------------------------------------------------


class Watching:
    """``emprise watch`` running in a subprocess, with its stdout read line by line."""

    def __init__(self, tmp_path, log, *extra: str) -> None:
        env = dict(os.environ, EMPRISE_PSEUDONYM_KEY_FILE=str(tmp_path / "key"))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "emprise", "--db", str(tmp_path / "e.db"), "watch", str(log), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: queue.Queue = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self._pump, args=(self.process.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._watch_stderr, daemon=True).start()

    @staticmethod
    def _pump(stream, target) -> None:
        for line in stream:
            target.put((time.monotonic(), line))

    def _watch_stderr(self) -> None:
        for line in self.process.stderr:
            if line.startswith("watching"):
                self.ready.set()

    def next_alert(self, timeout: float = 10.0) -> tuple[float, dict]:
        at, line = self.lines.get(timeout=timeout)
        return at, json.loads(line)

    def stop(self) -> int:
        self.process.terminate()
        return self.process.wait(20)


@pytest.fixture
def lang_en(monkeypatch):
    monkeypatch.setenv("EMPRISE_LANG", "en")
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_alert_latency_is_under_two_seconds(tmp_path, lang_en):
    log = tmp_path / "access.log"
    log.write_text(squid("slack.com", "dave"))
    running = Watching(tmp_path, log, "--upload-threshold", "1000000")
    try:
        assert running.ready.wait(60), "watch did not start"
        latencies = []
        for host, size in (("chatgpt.com", 800), ("claude.ai", 5_000_000)):
            written = time.monotonic()
            append(log, squid(host, "dave", size=size))
            at, alert = running.next_alert()
            latencies.append(at - written)
            assert alert["host"] == host and alert["alert"] == "first_use"
        at, alert = running.next_alert()
        assert alert["alert"] == "upload"
        assert max(latencies) < 2.0, latencies
    finally:
        assert running.stop() in (0, -15)


def test_alerts_continue_after_rotation(tmp_path, lang_en):
    log = tmp_path / "access.log"
    log.write_text(squid("slack.com", "erin"))
    running = Watching(tmp_path, log)
    try:
        assert running.ready.wait(60), "watch did not start"
        append(log, squid("chatgpt.com", "erin"))
        assert running.next_alert()[1]["host"] == "chatgpt.com"
        log.rename(tmp_path / "access.log.1")
        log.write_text("")
        written = time.monotonic()
        append(log, squid("claude.ai", "erin"))
        at, alert = running.next_alert()
        assert alert["host"] == "claude.ai"
        assert at - written < 2.0
    finally:
        running.stop()
