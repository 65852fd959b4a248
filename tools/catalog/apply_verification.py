"""Apply the log of vendor facts checked against public pages to the vendor files.

The logs ship with the catalog: ``src/emprise/catalog/data/checks/vendors.csv`` (this
script's input; ``tools/catalog/verification.csv`` is a link to it) and
``checks/products.csv`` (formerly ``verification-products.csv``). The compiler marks each
logged fact *checked* and refuses a row the catalog no longer agrees with
(docs/catalog.md, "Checked and drafted facts").

Offline; run from the repository root after adding rows to the log:

    python tools/catalog/apply_verification.py          # edits src/emprise/catalog/data/vendors/
    python tools/catalog/apply_verification.py --stats  # only counts the log

Each row is ``vendor_id, fact, old_value, new_value, status, url, as_of, note``:

- ``confirmed`` / ``corrected``: the fact is written with its own source (``url``)
  and date (``as_of``; the retrieval date when the page shows none), e.g.
  ``country: {value: FR, source: "https://…", as_of: 2024-08-01}``. An empty
  ``new_value`` for ``parent`` keeps the vendor's parent unknown (the page says who
  no longer controls it, not who does): the stale value is removed.
- ``unverified``: the fact is kept as drafted, its line marked ``# unverified: …``.

Facts: ``country``, ``parent``, ``ownership``, ``legal_name``, ``siren``, ``vat``
(vendor fields) and ``acquisition`` (``new_value`` = ``acquirer@year``). Rows
naming other facts (``cpe``, ``product:<id>:<field>``) are log-only: those edits
are made by hand. Editing a file removes its draft marker (draft.py then leaves
it alone). Idempotent: applying the log twice gives the same files.

Product facts have their own log, ``verification-products.csv`` (same columns; status
``confirmed``, ``corrected``, ``added`` or ``unverified``; ``fact`` is
``product:<product-id>:<field>`` such as ``product:chatgpt:ai.trains_on_inputs``, or
``product:<id>:certifications:<cert>`` for one certificate whose page differs from the
list's source). This script does not read it: those facts (``ai.*``, ``data_locations``,
``hosting``, ``certifications``, ``open_source``, ``licence``) were edited by hand in the
vendor files as ``{value: …, source: "<url>", as_of: …}``, each with the page logged, and
``tests/catalog/test_catalog_verification_products.py`` checks that the catalog still says
what the log says.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import yamledit  # noqa: E402

CHECKS = HERE.parents[1] / "src" / "emprise" / "catalog" / "data" / "checks"
# The log's old place is kept working until the move is done (then it is a link).
LOG = CHECKS / "vendors.csv" if (CHECKS / "vendors.csv").exists() else HERE / "verification.csv"
PRODUCT_LOG = CHECKS / "products.csv" if (CHECKS / "products.csv").exists() else HERE / "verification-products.csv"
VENDOR_FIELDS = {"country", "parent", "ownership", "legal_name", "siren", "vat"}
RETRIEVED = "2026-11-29"  # when the pages were read through the search index


def rows(path: Path = LOG) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def apply(row: dict[str, str]) -> str | None:
    """Edit the vendor file for one row; returns what was done, or None (log-only)."""
    vendor, fact, status = row["vendor_id"], row["fact"], row["status"]
    new, url, as_of = row["new_value"], row["url"], row["as_of"] or RETRIEVED
    if status == "unverified":
        if fact in VENDOR_FIELDS:
            try:
                yamledit.mark_vendor_fact(vendor, fact)
            except yamledit.EditError:
                return None  # a candidate for an entity the catalog does not hold
            return "marked"
        return None
    if fact == "acquisition":
        acquirer, _, year = new.partition("@")
        yamledit.add_acquisition(vendor, acquirer, int(year), url, as_of)
        return "acquisition"
    if fact in VENDOR_FIELDS:
        if fact == "parent" and not new:
            yamledit.remove_vendor_fact(vendor, "parent")
            return "parent unknown"
        yamledit.set_vendor_fact(vendor, fact, new, url, as_of)
        return "set"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stats", action="store_true", help="only count the log")
    args = parser.parse_args(argv)
    log = rows()
    counts = Counter(row["status"] for row in log)
    print(f"{len(log)} facts: " + ", ".join(f"{counts[s]} {s}" for s in ("confirmed", "corrected", "unverified")))
    print(f"{len({r['vendor_id'] for r in log})} vendors, {len({r['url'] for r in log if r['url']})} distinct pages")
    if args.stats:
        return 0
    done = Counter()
    for row in log:
        try:
            result = apply(row)
        except yamledit.EditError as exc:
            print(f"{row['vendor_id']} {row['fact']}: {exc}", file=sys.stderr)
            return 1
        done[result or "log only"] += 1
    print(", ".join(f"{n} {what}" for what, n in sorted(done.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
