"""Check logs: which catalog facts someone checked against a public page.

Most facts were drafted from the maintainers' knowledge, citing a page nobody
opened. When someone opens the page and it supports the fact, they log it in
``data/checks/*.csv`` (``vendors.csv``: vendor facts; ``products.csv``: product
facts), one row a fact::

    vendor_id,fact,old_value,new_value,status,url,as_of,note
    vade,parent,hornetsecurity,hornetsecurity,confirmed,https://…,2026-06-24,…
    openai,product:chatgpt:ai.trains_on_inputs,true,true,confirmed,https://…,2026-11-29,…

``fact`` is a vendor field (``country``, ``parent``, ``ownership``, ``legal_name``,
``siren``, ``vat``, ``cpe_vendors`` …), ``acquisition`` (``new_value`` =
``acquirer@year``), or ``product:<id>:<field>`` (``ai.retention``,
``environment.pue`` for nested facts), ``product:<id>:<field>:<item>`` for one item of a list. ``status`` is
``confirmed``, ``corrected``, ``added`` (the page checked the fact) or
``unverified`` (looked for, not found: the fact stays *drafted*).

Country and law facts (``countries.yaml``, ``laws.yaml``) are logged the same way,
in ``checks/countries.csv``, as ``country:<code>:<field>`` (``country:FR:eu``,
``country:JP:gdpr_adequacy``) and ``law:<id>:<field>``
(``law:us-cloud-act:extraterritorial``); their ``vendor_id`` column stays empty.

The compiler attaches each checked row to its fact's SourceRef (``ref.check``), and
refuses a checked row naming a vendor, product or field the catalog does not have,
or whose ``new_value`` is no longer what the catalog says (only the last row of a
fact is compared: earlier ones are its history). Problems name the CSV file and line.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from emprise.catalog.compiler import (
    AI_FACTS,
    COUNTRY_FACTS,
    ENVIRONMENT_FACTS,
    LAW_FACTS,
    PRODUCT_FACTS,
    VENDOR_FACTS,
    Issue,
)
from emprise.catalog.entries import CountryEntry, FactCheck, LawEntry, ProductEntry, SourceRef, VendorEntry

CHECKS_DIR = "checks"
COLUMNS = ("vendor_id", "fact", "old_value", "new_value", "status", "url", "as_of", "note")
CHECKED_STATUSES = frozenset({"confirmed", "corrected", "added"})
STATUSES = CHECKED_STATUSES | {"unverified"}
VENDOR_FACT_NAMES = (frozenset(VENDOR_FACTS) | {"parent"}
                     | {f"environment.{name}" for name in ENVIRONMENT_FACTS})
PRODUCT_FACT_NAMES = (frozenset(PRODUCT_FACTS) | {f"ai.{name}" for name in AI_FACTS}
                      | {f"environment.{name}" for name in ENVIRONMENT_FACTS})
_LIST_FIELDS = frozenset({"aliases", "purls", "hosting", "data_locations", "certifications", "cpe"})
# Reference facts: ``country:<code>:<field>`` and ``law:<id>:<field>``.
REFERENCE_FACT_NAMES = {"country": frozenset(COUNTRY_FACTS), "law": frozenset(LAW_FACTS)}


@dataclass(frozen=True, slots=True)
class LogRow:
    """One row of a check log, with the file and line it was read from."""

    file: str
    line: int
    vendor_id: str
    fact: str
    new_value: str
    status: str
    url: str
    as_of: date | None

    @property
    def checked(self) -> bool:
        return self.status in CHECKED_STATUSES

    def target(self) -> tuple[str, ...]:
        """``("vendor", id, field)``, ``("acquisition", id, "acquirer@year")`` or
        ``("product", id, field[, item])``, ``("country", code, field)``, ``("law", id, field)``."""
        if self.fact.startswith(("product:", "country:", "law:")):
            kind, *rest = self.fact.split(":")
            return (kind, *rest)
        if self.fact == "acquisition":
            return ("acquisition", self.vendor_id, self.new_value)
        return ("vendor", self.vendor_id, self.fact)

    def to_check(self) -> FactCheck:
        target = self.target()
        item = target[3] if target[0] == "product" and len(target) > 3 else ""
        return FactCheck(self.url, self.as_of, self.status, self.file, self.line, item)


def log_files(root: Path) -> list[Path]:
    """The check logs of a catalog data directory (sorted; none is fine)."""
    return sorted((root / CHECKS_DIR).glob("*.csv"))


def read_logs(root: Path) -> tuple[list[LogRow], list[Issue]]:
    """Every row of ``root/checks/*.csv``, and the problems of form met on the way."""
    rows: list[LogRow] = []
    issues: list[Issue] = []
    for path in log_files(root):
        display = path.relative_to(root).as_posix()
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    continue
                missing = [c for c in COLUMNS if c not in header]
                if missing:
                    issues.append(Issue(display, 1, f"check log: missing column(s) {', '.join(missing)}"))
                    continue
                index = {name: header.index(name) for name in COLUMNS}
                start = reader.line_num + 1
                for values in reader:
                    line, start = start, reader.line_num + 1
                    if not any(v.strip() for v in values):
                        continue
                    values += [""] * (len(header) - len(values))
                    row = {name: values[i].strip() for name, i in index.items()}
                    parsed = _row(display, line, row, issues)
                    if parsed is not None:
                        rows.append(parsed)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            issues.append(Issue(display, 0, f"check log cannot be read: {exc}"))
    return rows, issues


def _row(file: str, line: int, row: dict[str, str], issues: list[Issue]) -> LogRow | None:
    def bad(reason: str) -> None:
        issues.append(Issue(file, line, f"check log: {reason}"))

    status = row["status"]
    if status not in STATUSES:
        bad(f"status {status!r} is not one of: {', '.join(sorted(STATUSES))}")
        return None
    as_of = None
    if row["as_of"]:
        try:
            as_of = date.fromisoformat(row["as_of"])
        except ValueError:
            bad(f"as_of {row['as_of']!r} is not a date (YYYY-MM-DD)")
            return None
    if status in CHECKED_STATUSES and not row["url"].startswith(("http://", "https://")):
        bad(f"a {status} fact needs the url of the page that says it, got {row['url']!r}")
        return None
    if not row["fact"]:
        bad("no fact named")
        return None
    if row["fact"].startswith("product:") and row["fact"].count(":") not in (2, 3):
        bad(f"fact {row['fact']!r}: expected product:<id>:<field> or product:<id>:<field>:<item>")
        return None
    kind, colon, _ = row["fact"].partition(":")
    if colon and kind in REFERENCE_FACT_NAMES and row["fact"].count(":") != 2:
        bad(f"fact {row['fact']!r}: expected {kind}:<{'code' if kind == 'country' else 'id'}>:<field>")
        return None
    return LogRow(file, line, row["vendor_id"], row["fact"], row["new_value"], status, row["url"], as_of)


# --- matching the catalog -------------------------------------------------------------


def _text(value: object) -> str:
    """A fact's value as the logs write it: ``true``, ``a,b``, empty when unknown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(_text(v) for v in value)
    return str(getattr(value, "value", value))


def vendor_value(vendor: VendorEntry, fact: str) -> str:
    if fact == "parent":
        return {True: vendor.parent or "", False: "none", None: ""}[vendor.controlled]
    if fact.startswith("environment."):
        return _text(getattr(vendor.environment, fact[12:]) if vendor.environment is not None else None)
    return _text(getattr(vendor, fact))


def product_value(product: ProductEntry, fact: str) -> object:
    if fact.startswith("ai."):
        return getattr(product.ai, fact[3:]) if product.ai is not None else None
    if fact.startswith("environment."):
        return getattr(product.environment, fact[12:]) if product.environment is not None else None
    return getattr(product, fact)


def apply_checks(
    rows: list[LogRow], vendors: dict[str, VendorEntry], products: dict[str, ProductEntry]
) -> tuple[dict[str, VendorEntry], dict[str, ProductEntry], list[Issue]]:
    """Attach checked rows to their facts; returns new tables and the problems found.

    Unverified rows change nothing (their facts stay drafted) and are not compared:
    they may name candidates the catalog does not hold.
    """
    issues: list[Issue] = []
    last: dict[tuple[str, ...], LogRow] = {}
    for row in rows:
        if row.checked:
            last[row.target()] = row
    checks: dict[tuple[str, str], dict[str, FactCheck]] = {}  # (kind, id) -> fact -> check
    items: dict[tuple[str, str], dict[str, list[FactCheck]]] = {}
    acquisitions: dict[str, dict[tuple[str, int], FactCheck]] = {}
    for row in rows:
        if not row.checked:
            continue
        current = last[row.target()] is row

        def bad(reason: str, row: LogRow = row) -> None:
            issues.append(Issue(row.file, row.line, reason))

        kind, entry_id, *rest = row.target()
        if kind in REFERENCE_FACT_NAMES:
            continue  # apply_reference_checks
        if kind == "acquisition":
            vendor = vendors.get(entry_id)
            acquirer, _, year = row.new_value.partition("@")
            if vendor is None:
                bad(f"unknown vendor {entry_id!r}")
            elif not year.isdigit():
                bad(f"acquisition {row.new_value!r}: expected acquirer@year")
            elif not any(a.acquirer == acquirer and a.year == int(year) for a in vendor.acquisitions):
                bad(f"vendor {entry_id!r} has no acquisition by {acquirer!r} in {year} in the catalog")
            else:
                acquisitions.setdefault(entry_id, {})[(acquirer, int(year))] = row.to_check()
            continue
        if kind == "vendor":
            vendor = vendors.get(entry_id)
            fact = rest[0]
            if vendor is None:
                bad(f"unknown vendor {entry_id!r}")
            elif fact not in VENDOR_FACT_NAMES:
                bad(f"unknown vendor fact {fact!r} (expected acquisition or one of: {', '.join(sorted(VENDOR_FACT_NAMES))})")
            elif current and vendor_value(vendor, fact) != row.new_value:
                bad(f"vendor {entry_id!r}: {fact} is {vendor_value(vendor, fact)!r} in the catalog, "
                    f"the log says {row.new_value!r}")
            elif current and fact in vendor.sources:
                checks.setdefault(("vendor", entry_id), {})[fact] = row.to_check()
            continue
        product = products.get(entry_id)
        fact = rest[0]
        if product is None:
            bad(f"unknown product {entry_id!r}")
        elif fact not in PRODUCT_FACT_NAMES:
            bad(f"unknown product fact {fact!r} (expected one of: {', '.join(sorted(PRODUCT_FACT_NAMES))})")
        elif len(rest) > 1:
            item = rest[1]
            if fact not in _LIST_FIELDS:
                bad(f"product {entry_id!r}: {fact} is not a list, it has no item {item!r}")
            elif item not in product_value(product, fact):
                bad(f"product {entry_id!r}: {item!r} is not in its {fact} in the catalog")
            elif fact in product.sources:
                items.setdefault(("product", entry_id), {}).setdefault(fact, []).append(row.to_check())
        elif current and _text(product_value(product, fact)) != row.new_value:
            bad(f"product {entry_id!r}: {fact} is {_text(product_value(product, fact))!r} in the catalog, "
                f"the log says {row.new_value!r}")
        elif current and fact in product.sources:
            checks.setdefault(("product", entry_id), {})[fact] = row.to_check()
    vendors = dict(vendors)
    products = dict(products)
    for table, kind in ((vendors, "vendor"), (products, "product")):
        for entry_id in {key[1] for key in (*checks, *items) if key[0] == kind}:
            entry = table[entry_id]
            sources = dict(entry.sources)
            for fact, check in checks.get((kind, entry_id), {}).items():
                sources[fact] = dataclasses.replace(sources[fact], check=check)
            for fact, found in items.get((kind, entry_id), {}).items():
                sources[fact] = dataclasses.replace(sources[fact], item_checks=tuple(found))
            table[entry_id] = dataclasses.replace(entry, sources=sources)
    for vendor_id, found in acquisitions.items():
        vendor = vendors[vendor_id]
        updated = tuple(
            dataclasses.replace(a, ref=dataclasses.replace(a.ref, check=found[(a.acquirer, a.year)]))
            if (a.acquirer, a.year) in found else a
            for a in vendor.acquisitions
        )
        vendors[vendor_id] = dataclasses.replace(vendor, acquisitions=updated)
    return vendors, products, issues


def apply_reference_checks(
    rows: list[LogRow], countries: dict[str, CountryEntry], laws: dict[str, LawEntry]
) -> tuple[dict[str, CountryEntry], dict[str, LawEntry], list[Issue]]:
    """Attach checked ``country:…`` and ``law:…`` rows to their facts, as apply_checks
    does for vendors and products; returns new tables and the problems found."""
    issues: list[Issue] = []
    tables: dict[str, dict] = {"country": dict(countries), "law": dict(laws)}
    last: dict[tuple[str, ...], LogRow] = {}
    for row in rows:
        if row.checked and row.target()[0] in REFERENCE_FACT_NAMES:
            last[row.target()] = row
    found: dict[tuple[str, str], dict[str, FactCheck]] = {}
    for target, row in last.items():  # only a fact's last checked row is compared
        kind, entry_id, fact = target
        entry = tables[kind].get(entry_id)
        if entry is None:
            issues.append(Issue(row.file, row.line, f"unknown {kind} {entry_id!r}"))
        elif fact not in REFERENCE_FACT_NAMES[kind]:
            issues.append(Issue(row.file, row.line, f"unknown {kind} fact {fact!r} (expected one of: "
                                f"{', '.join(sorted(REFERENCE_FACT_NAMES[kind]))})"))
        elif _text(getattr(entry, fact)) != row.new_value:
            issues.append(Issue(row.file, row.line, f"{kind} {entry_id!r}: {fact} is {_text(getattr(entry, fact))!r} "
                                f"in the catalog, the log says {row.new_value!r}"))
        elif fact in entry.sources:
            found.setdefault((kind, entry_id), {})[fact] = row.to_check()
    for earlier in rows:  # history rows must still name a known entry and field
        target = earlier.target()
        if earlier.checked and target[0] in REFERENCE_FACT_NAMES and last[target] is not earlier:
            kind, entry_id, fact = target
            if entry_id not in tables[kind]:
                issues.append(Issue(earlier.file, earlier.line, f"unknown {kind} {entry_id!r}"))
            elif fact not in REFERENCE_FACT_NAMES[kind]:
                issues.append(Issue(earlier.file, earlier.line, f"unknown {kind} fact {fact!r}"))
    for (kind, entry_id), checks in found.items():
        entry = tables[kind][entry_id]
        sources = dict(entry.sources)
        for fact, check in checks.items():
            sources[fact] = dataclasses.replace(sources[fact], check=check)
        tables[kind][entry_id] = dataclasses.replace(entry, sources=sources)
    issues.sort(key=lambda issue: (issue.file, issue.line))
    return tables["country"], tables["law"], issues


def is_checked(ref: SourceRef | None) -> bool:
    """Whether a fact's SourceRef carries a check (None: no fact, not checked)."""
    return ref is not None and ref.check is not None
