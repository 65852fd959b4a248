#!/usr/bin/env python3
"""Soak ``emprise watch``: a log that grows and rotates for a long time, memory sampled.

    .venv/bin/python benchmarks/soak_watch.py [MINUTES] [--rate LINES_PER_S] [--rotate LINES]

Writes Squid lines (many people, AI and other services, some large uploads) to
``benchmarks/out/soak/access.log`` at a steady rate, renames it every ``--rotate``
lines as logrotate does, and runs ``emprise watch`` on it. Every 30 s it prints the
watcher's resident memory (RSS, from /proc), the lines written and the alerts
received; at the end, the RSS growth between the first and the last quarter of the
run. "Memory stays flat over hours" (issue 5) means that growth stays near zero
however long it runs: run it for hours to check it (not a test: too long).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "soak"
HOSTS = ["chatgpt.com", "claude.ai", "chat.mistral.ai", "www.deepl.com", "gemini.google.com",
         "chat.deepseek.com", "outlook.office365.com", "teams.microsoft.com", "www.canva.com"]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def writer(log: Path, rate: int, rotate: int, stop: threading.Event, written: list[int]) -> None:
    rng = random.Random(7)
    since_rotation = 0
    handle = log.open("a", encoding="ascii")
    while not stop.is_set():
        started = time.monotonic()
        lines = []
        for _ in range(max(1, rate // 10)):
            host = rng.choice(HOSTS) if rng.random() < 0.6 else f"www.site{rng.randrange(50_000)}.fr"
            person = f"person{rng.randrange(20_000):05d}"  # many people: the (person, service) memory is bounded
            size = rng.randrange(300, 20_000) + (15_000_000 if rng.random() < 0.0005 else 0)
            lines.append(f"{time.time():.3f}    120 10.0.{rng.randrange(256)}.{rng.randrange(1, 255)} "
                         f"TCP_TUNNEL/200 {size} CONNECT {host}:443 {person} HIER_DIRECT/{host} -\n")
        handle.write("".join(lines))
        handle.flush()
        written[0] += len(lines)
        since_rotation += len(lines)
        if since_rotation >= rotate:  # logrotate: rename, then a new file under the same name
            handle.close()
            log.rename(log.with_suffix(".log.1"))
            handle = log.open("a", encoding="ascii")
            since_rotation = 0
        time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
    handle.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("minutes", nargs="?", type=float, default=10.0)
    parser.add_argument("--rate", type=int, default=2000, help="lines written per second")
    parser.add_argument("--rotate", type=int, default=200_000, help="lines between two rotations")
    parser.add_argument("--max-tracked", type=int, default=20_000)
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "access.log"
    for old in OUT.glob("access.log*"):
        old.unlink()
    log.write_text("", encoding="ascii")
    watcher = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "emprise"), "--db", str(OUT / "soak.db"), "watch", str(log),
         "--log-format", "squid", "--max-tracked", str(args.max_tracked)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    alerts = [0]

    def count_alerts() -> None:
        for _ in watcher.stdout:
            alerts[0] += 1

    threading.Thread(target=count_alerts, daemon=True).start()
    time.sleep(5)  # imports and catalog load
    stop, written = threading.Event(), [0]
    thread = threading.Thread(target=writer, args=(log, args.rate, args.rotate, stop, written), daemon=True)
    thread.start()
    samples: list[tuple[float, int]] = []
    started = time.monotonic()
    try:
        while time.monotonic() - started < args.minutes * 60:
            time.sleep(30)
            if watcher.poll() is not None:
                print(f"watch exited with {watcher.returncode}")
                return 1
            samples.append((time.monotonic() - started, rss_kib(watcher.pid)))
            print(f"{samples[-1][0] / 60:6.1f} min  RSS {samples[-1][1] / 1024:7.1f} MiB  "
                  f"lines {written[0]:>11,}  alerts {alerts[0]:>9,}", flush=True)
    finally:
        stop.set()
        thread.join()
        watcher.terminate()
        watcher.wait(timeout=10)
    quarter = max(1, len(samples) // 4)
    first = sum(rss for _, rss in samples[:quarter]) / quarter / 1024
    last = sum(rss for _, rss in samples[-quarter:]) / quarter / 1024
    print(f"RSS first quarter {first:.1f} MiB, last quarter {last:.1f} MiB: growth {last - first:+.1f} MiB "
          f"over {samples[-1][0] / 60:.1f} min, {written[0]:,} lines, {alerts[0]:,} alerts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
