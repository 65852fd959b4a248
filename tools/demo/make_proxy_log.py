#!/usr/bin/env python3
"""Write the demo's proxy log: a week of CA3R's web proxy (Squid native), fictional.

    python3 tools/demo/make_proxy_log.py   # writes src/emprise/demo/data/proxy-access.log.gz

Deterministic (fixed seed, fixed gzip timestamp): running it again gives the same
bytes. The agents are numbered logins (``agent0001``…), not people. What it holds, so
that the demo report has something to say: the Microsoft 365 the inventory declares,
SaaS the inventory does not list, and generative-AI services — Mistral's Le Chat (the
organisation's sanctioned assistant in ``org-overlay.yaml``), ChatGPT (forbidden there,
used anyway, with a few large pastes), Claude, DeepL, Gemini, DeepSeek, Perplexity —
among long-tail sites and a few lines a proxy really writes that are not requests.
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "src" / "emprise" / "demo" / "data" / "proxy-access.log.gz"
START = 1794812400.0  # Monday 2026-11-16 08:00 Paris (07:00 UTC)
AGENTS = [f"agent{n:04d}" for n in range(1, 401)]

#: host -> (share of requests, share of agents who use it at all, upload-heavy)
SERVICES = {
    "outlook.office365.com": (0.16, 0.95, False),
    "teams.microsoft.com": (0.12, 0.90, False),
    "login.microsoftonline.com": (0.06, 0.95, False),
    "www.service-public.fr": (0.03, 0.60, False),
    "chat.mistral.ai": (0.035, 0.22, True),
    "chatgpt.com": (0.045, 0.30, True),
    "chat.openai.com": (0.01, 0.12, True),
    "claude.ai": (0.012, 0.07, True),
    "www.deepl.com": (0.03, 0.35, True),
    "gemini.google.com": (0.008, 0.06, False),
    "chat.deepseek.com": (0.003, 0.02, True),
    "www.perplexity.ai": (0.004, 0.04, False),
    "www.canva.com": (0.02, 0.15, True),
    "wetransfer.com": (0.012, 0.18, True),
    "www.dropbox.com": (0.008, 0.05, True),
    "docs.google.com": (0.01, 0.08, False),
    "www.doctolib.fr": (0.005, 0.10, False),
    "zoom.us": (0.006, 0.08, False),
    "www.notion.so": (0.004, 0.03, False),
}
LONG_TAIL = [f"www.{name}.{tld}" for name, tld in (
    ("lemonde", "fr"), ("meteofrance", "com"), ("legifrance.gouv", "fr"), ("marchespublics", "fr"),
    ("ouest-france", "fr"), ("leboncoin", "fr"), ("sncf-connect", "com"), ("wikipedia", "org"),
    ("collectivites-locales.gouv", "fr"), ("lagazettedescommunes", "com"), ("amazon", "fr"),
    ("youtube", "com"), ("linkedin", "com"), ("boamp", "fr"), ("data.gouv", "fr"))]


def main() -> None:
    rng = random.Random(20261116)
    users_of = {host: rng.sample(AGENTS, max(1, round(len(AGENTS) * reach)))
                for host, (_, reach, _) in SERVICES.items()}
    hosts = list(SERVICES) + LONG_TAIL
    weights = [share for share, _, _ in SERVICES.values()]
    weights += [(1 - sum(weights)) / len(LONG_TAIL)] * len(LONG_TAIL)
    lines = []
    moment = START
    for day in range(5):  # Monday to Friday
        moment = START + day * 86400
        for _ in range(2400):
            moment += rng.expovariate(1 / 15.0)  # about ten working hours a day
            host = rng.choices(hosts, weights)[0]
            agent = rng.choice(users_of.get(host, AGENTS))
            size = int(rng.expovariate(1 / 6000)) + 300
            if SERVICES.get(host, (0, 0, False))[2] and rng.random() < 0.04:
                size += rng.randrange(400_000, 6_000_000)  # a document pasted or uploaded
            client = f"10.31.{AGENTS.index(agent) // 200}.{AGENTS.index(agent) % 200 + 20}"
            elapsed = rng.randrange(20, 4000)
            if host in LONG_TAIL and rng.random() < 0.3:
                request = f"GET http://{host}/{rng.randrange(10_000)}.html"
                status, kind = rng.choice(("TCP_MISS/200", "TCP_MISS/304", "TCP_REFRESH_MODIFIED/200")), "text/html"
            else:
                request, status, kind = f"CONNECT {host}:443", "TCP_TUNNEL/200", "-"
            lines.append(f"{moment:.3f} {elapsed:6d} {client} {status} {size} {request} {agent} "
                         f"HIER_DIRECT/{host} {kind}")
        # What a real proxy log also holds: a cache-manager line, a cut line at a restart.
        lines.append(f"{moment + 1:.3f}      0 127.0.0.1 TCP_MISS/200 1834 GET cache_object://localhost/info - "
                     "HIER_NONE/- text/plain")
        lines.append(f"{moment + 2:.3f}   1203 10.31.0.20 TCP_TUNNEL/200")
    data = ("\n".join(lines) + "\n").encode("ascii")
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0, compresslevel=9) as out:
        out.write(data)
    print(f"{OUT}: {len(lines)} lines, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
