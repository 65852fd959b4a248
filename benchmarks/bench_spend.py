"""E-invoice extraction throughput: Emprise's compiled XPaths against factur-x's parse_ubl_cii_xml.

Not a test. Both sides start from the same bytes of every XML fixture (official
EN 16931 examples and the hand-made IT invoices: UBL and CII) and end with the
terms extracted; factur-x runs with ``check_xsd=False`` (its fastest setting).
Then the scaling: the same files copied N times into a folder, read by
``read_paths`` with 1 and with all cores (process pool).

    python benchmarks/bench_spend.py [--rounds 20] [--copies 3000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "tests" / "fixtures" / "einvoices"


def xml_files() -> list[Path]:
    official = [p for p in (FIXTURES / "official").rglob("*") if p.suffix.lower() == ".xml"]
    it = [p for folder in ("cii", "ubl") for p in (FIXTURES / "it" / folder).glob("*.xml")]
    return sorted(official + it)


def time_per_file(function, blobs: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for blob in blobs:
            function(blob)
        best = min(best, time.perf_counter() - start)
    return best / len(blobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--copies", type=int, default=3000, help="files in the scaling folder")
    args = parser.parse_args()

    import logging

    import facturx

    from emprise.spend.extract import extract_invoice
    from emprise.spend.readers import read_paths
    from emprise.spend.safexml import parse_xml

    logging.getLogger("factur-x").setLevel(logging.ERROR)
    files = xml_files()
    blobs = [path.read_bytes() for path in files]
    ours = time_per_file(lambda b: extract_invoice(parse_xml(b), "bench"), blobs, args.rounds)
    theirs = time_per_file(lambda b: facturx.parse_ubl_cii_xml(b, check_xsd=False), blobs, max(3, args.rounds // 4))
    print(f"{len(files)} XML invoices ({sum(map(len, blobs)) // 1024} KiB), best of {args.rounds} rounds")
    print(f"  factur-x parse_ubl_cii_xml : {theirs * 1e3:8.3f} ms / invoice  ({1 / theirs:8.0f} /s)")
    print(f"  emprise extract_invoice    : {ours * 1e3:8.3f} ms / invoice  ({1 / ours:8.0f} /s)")
    print(f"  ratio                      : {theirs / ours:8.1f} x faster")

    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        for index in range(args.copies):
            source = files[index % len(files)]
            shutil.copy(source, Path(folder) / f"{index:06d}{source.suffix}")
        timings = {}
        for jobs in sorted({1, cores}):
            start = time.perf_counter()
            outcome = read_paths([Path(folder)], jobs=jobs)
            timings[jobs] = time.perf_counter() - start
            assert len(outcome.invoices) == args.copies, outcome.rejections[:3]
            print(f"  read_paths {args.copies} files, {jobs} process(es): {timings[jobs]:6.2f} s "
                  f"({args.copies / timings[jobs]:7.0f} invoices/s)")
        if cores > 1:
            print(f"  scaling on {cores} cores       : {timings[1] / timings[cores]:8.2f} x")


if __name__ == "__main__":
    main()
