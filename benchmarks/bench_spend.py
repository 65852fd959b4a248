"""E-invoice extraction throughput: Emprise's compiled XPaths against factur-x's parse_ubl_cii_xml.

Not a test. Both sides start from the same bytes of every XML fixture (official
EN 16931 examples and the hand-made IT invoices: UBL and CII) and end with the
terms extracted; factur-x runs with ``check_xsd=False`` (its fastest setting).
Then the scaling: the XML and Factur-X PDF fixtures copied N times into a folder,
read and matched to the catalog as ``emprise spend`` does (``read_paths(...,
catalog=)`` then ``analyse``), with 1 process and with all cores, ``--repeat``
times each, alternating, medians printed. The machine may be shared: the load
average is printed next to the figures, read them with it.

    python benchmarks/bench_spend.py [--rounds 20] [--copies 3000] [--repeat 3] [--profile]
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
    parser.add_argument("--repeat", type=int, default=3, help="runs of each pool size (medians shown)")
    parser.add_argument("--profile", action="store_true", help="time each stage in one process first")
    args = parser.parse_args()

    import logging

    import facturx

    from emprise.spend.extract import extract_invoice
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

    scaling(files, args)


def scaling(xml: list[Path], args) -> None:
    import statistics

    from emprise.catalog import load_catalog
    from emprise.spend.analysis import analyse
    from emprise.spend.readers import read_paths

    catalog = load_catalog()
    files = xml + sorted(FIXTURES.rglob("*.pdf"))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        for index in range(args.copies):
            source = files[index % len(files)]
            shutil.copy(source, Path(folder) / f"{index:06d}{source.suffix}")
        pdfs = sum(1 for index in range(args.copies) if files[index % len(files)].suffix == ".pdf")
        print(f"scaling: {args.copies} files ({pdfs} Factur-X PDF, {args.copies - pdfs} XML), read + matched; "
              f"{cores} cores, load average {os.getloadavg()[0]:.1f} before")
        if args.profile:
            profile(Path(folder), catalog)
        timings: dict[int, list[float]] = {1: [], cores: []}
        cpu: dict[int, list[tuple[float, float]]] = {1: [], cores: []}  # (parent, workers) CPU seconds
        control: dict[int, list[float]] = {1: [], cores: []}
        for _ in range(args.repeat):
            for jobs in sorted(control):
                control[jobs].append(_control(jobs))
            for jobs in sorted(timings):
                before = _cpu()
                start = time.perf_counter()
                outcome = read_paths([Path(folder)], jobs=jobs, catalog=catalog)
                analyse(outcome.invoices, catalog, views=outcome.views)
                timings[jobs].append(time.perf_counter() - start)
                after = _cpu()
                cpu[jobs].append((after[0] - before[0], after[1] - before[1]))
                assert len(outcome.invoices) == args.copies, outcome.rejections[:3]
        for jobs, runs in timings.items():
            median = statistics.median(runs)
            parent = statistics.median(c[0] for c in cpu[jobs])
            workers = statistics.median(c[1] for c in cpu[jobs])
            print(f"  {jobs} process(es): median {median:6.2f} s ({args.copies / median:6.0f} invoices/s); "
                  f"runs {', '.join(f'{r:.2f}' for r in runs)}; CPU parent {parent:.2f} s + workers {workers:.2f} s")
        if cores > 1:
            print(f"  scaling on {cores} cores: {statistics.median(timings[1]) / statistics.median(timings[cores]):.2f} x"
                  f" wall (load average {os.getloadavg()[0]:.1f} after)")
            # What the pool would give on idle cores: its CPU work spread over the cores, the
            # parent's counted as if it never overlapped the workers (a conservative bound).
            serial = statistics.median(sum(c) for c in cpu[1])
            parent = statistics.median(c[0] for c in cpu[cores])
            workers = statistics.median(c[1] for c in cpu[cores])
            print(f"  control (pure-Python loop, same pool sizes, same moments): "
                  f"{statistics.median(control[1]) / statistics.median(control[cores]):.2f} x — what this "
                  f"machine gave a perfectly parallel job")
            print(f"  CPU: pool {parent + workers:.2f} s vs one process {serial:.2f} s "
                  f"({(parent + workers) / serial - 1:+.0%}); on {cores} idle cores about "
                  f"{serial / (parent + workers / cores):.2f} x (from CPU time, not measured wall time)")


def _burn(count: int) -> int:
    total = 0
    for index in range(count):
        total += index * index
    return total


def _control(jobs: int) -> float:
    """Seconds for a perfectly parallel CPU-bound job on ``jobs`` processes: on a shared machine
    the other tenants decide how much the second core gives, and this shows how much it gave."""
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1_500_000] * 8))
    return time.perf_counter() - start


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def profile(folder: Path, catalog) -> None:
    """Where one process spends its time, stage by stage."""
    import pickle

    from emprise.spend import codec
    from emprise.spend.analysis import analyse
    from emprise.spend.extract import extract_invoice
    from emprise.spend.pdf import invoice_xml_from_pdf
    from emprise.spend.readers import plan, read_chunk
    from emprise.spend.safexml import parse_xml

    def timed(label: str, function):
        start = time.perf_counter()
        result = function()
        print(f"    {label:<44} {time.perf_counter() - start:6.2f} s")
        return result

    tasks, _ = timed("plan (walk, sniff heads)", lambda: plan([folder]))
    blobs = timed("read the files", lambda: [Path(task.path).read_bytes() for task in tasks])
    xml = [b for b in blobs if not b.startswith(b"%PDF")]
    pdf = [b for b in blobs if b.startswith(b"%PDF")]
    import facturx  # noqa: F401  (imported once, as forked workers inherit it)

    timed(f"PDF: find the XML ({len(pdf)} files)", lambda: [invoice_xml_from_pdf(b) for b in pdf])
    roots = timed(f"XML: parse ({len(xml)} files)", lambda: [parse_xml(b) for b in xml])
    timed("XML: extract the terms", lambda: [extract_invoice(r, "x") for r in roots])
    from emprise.spend import readers

    readers._init_worker(catalog)
    encoded = timed("worker: read + match a chunk, encode", lambda: read_chunk(tasks))
    readers._init_worker(None)
    payload = timed("transfer: pickle the results", lambda: pickle.dumps(encoded))
    decoded = timed("transfer: unpickle + decode (parent)", lambda: [codec.decode_item(e) for e in pickle.loads(payload)])
    invoices = [invoice for invoice, _ in decoded]
    views = [view for _, view in decoded]
    timed("analyse (parent, views given)", lambda: analyse(invoices, catalog, views=views))
    print(f"    results: {len(payload) // 1024} KiB pickled")


if __name__ == "__main__":
    main()
