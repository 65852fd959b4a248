"""Host lookup throughput: the catalog's rule index against a plain dict of the same hosts.

Not a test. Generates N distinct hosts (default 1,500,000): half under domains the
catalog knows (random sub-domains of its suffix rules, so the suffix walk does
real work), half under random unknown domains (the worst case: every suffix
misses, then the regexp and keyword rules run). The baseline is the cheapest
possible lookup: a dict already holding every one of those exact hosts.

    python benchmarks/bench_host_lookup.py [--hosts 1500000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import string
import time


def generate(catalog, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    suffixes = sorted(catalog.hosts.suffix)
    tlds = ["com", "fr", "net", "org", "io", "de", "co.uk", "gouv.fr"]
    letters = string.ascii_lowercase + string.digits
    hosts: set[str] = set()
    while len(hosts) < count:
        label = "".join(rng.choices(letters, k=rng.randint(4, 12)))
        if rng.random() < 0.5:
            depth = rng.randint(0, 2)
            prefix = ".".join("".join(rng.choices(letters, k=rng.randint(2, 8))) for _ in range(depth))
            host = f"{label}.{prefix + '.' if prefix else ''}{rng.choice(suffixes)}"
        else:
            host = f"{label}.{''.join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10)))}.{rng.choice(tlds)}"
        hosts.add(host)
    hosts_list = list(hosts)
    rng.shuffle(hosts_list)
    return hosts_list


def timed(label: str, fn, hosts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    found = 0
    for host in hosts:
        if fn(host) is not None:
            found += 1
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:7.2f} s  {len(hosts) / elapsed / 1e6:6.2f} M hosts/s  ({found:,} matched)")
    return elapsed, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=1_500_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from emprise.catalog import load_catalog

    start = time.perf_counter()
    catalog = load_catalog()
    print(f"catalog loaded in {time.perf_counter() - start:.2f} s: {catalog.hosts.rule_count():,} rules")
    start = time.perf_counter()
    hosts = generate(catalog, args.hosts, args.seed)
    print(f"{len(hosts):,} distinct hosts generated in {time.perf_counter() - start:.1f} s")

    # Baseline: a dict that already knows the answer for every exact host.
    truth = {host: catalog.hosts.lookup(host) for host in hosts}
    baseline, _ = timed("plain dict.get (exact hosts, precomputed)", truth.get, hosts)
    index, found = timed("catalog HostIndex.lookup (normalised host)", catalog.hosts.lookup, hosts)
    full, _ = timed("catalog.product_for_host (with normalising)", catalog.product_for_host, hosts)
    print(f"ratio index / dict:            {index / baseline:5.1f}x")
    print(f"ratio product_for_host / dict: {full / baseline:5.1f}x")
    print(f"matched {found / len(hosts):.1%} of hosts")


if __name__ == "__main__":
    main()
