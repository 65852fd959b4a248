"""Load the catalog: compile the shipped YAML once, cache it, apply an overlay.

The shipped data is compiled into a pickle keyed by a hash of the data files'
names, sizes and modification times (and of ``COMPILER_VERSION``), kept in the
user cache directory (``EMPRISE_CACHE_DIR``, else ``$XDG_CACHE_HOME/emprise``,
else ``~/.cache/emprise``). When no cache can be written (read-only home, sandbox)
the catalog is compiled in memory: slower, never wrong. Within a process each
result is kept, so ``load_catalog()`` is cheap after the first call.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import threading
from pathlib import Path

from emprise.catalog.catalog import Catalog
from emprise.catalog.compiler import (
    CatalogValidationError,
    Issue,
    Parsed,
    parse_file,
    parse_tree,
    product_cpe_keys,
    slim_rules,
    validate,
)
from emprise.catalog.entries import AIFacts, EnvironmentFacts, ProductEntry
from emprise.catalog.hosts import HostIndex
from emprise.catalog.names import normalise_name
from emprise.catalog.purls import PurlIndex
from emprise.catalog.taxids import compact, tax_id_keys
from emprise.errors import CatalogError

DATA_DIR = Path(__file__).resolve().parent / "data"
# Bump when the compiled form or the rules that build it change.
COMPILER_VERSION = "8"  # 5: facts carry their check (data/checks/*.csv); 6, 7: environment facts; 8: country/law checks

_lock = threading.Lock()
_memo: dict[tuple, Catalog] = {}


def load_catalog(overlay: Path | str | None = None) -> Catalog:
    """The shipped catalog, plus an organisation ``overlay`` file when given.

    Cached per process (the overlay by path and modification time). Raises
    CatalogValidationError (a CatalogError) listing ``FILE:LINE: reason`` for each
    problem, CatalogError when a file cannot be read.
    """
    overlay_path = Path(overlay).resolve() if overlay is not None else None
    key: tuple = ("shipped",)
    if overlay_path is not None:
        try:
            key = ("overlay", str(overlay_path), overlay_path.stat().st_mtime_ns)
        except OSError as exc:
            raise CatalogError(f"{overlay}: cannot read: {exc.strerror}") from exc
    with _lock:
        if key in _memo:
            return _memo[key]
        shipped = _memo.get(("shipped",))
        if shipped is None:
            shipped = _load_shipped()
            _memo[("shipped",)] = shipped
        catalog = shipped if overlay_path is None else apply_overlay(shipped, overlay_path)
        _memo[key] = catalog
        return catalog


def compile_catalog(root: Path) -> Catalog:
    """Compile every YAML file under ``root`` with the check logs of ``root/checks``
    (no cache). Raises CatalogValidationError."""
    from emprise.catalog.checks import read_logs

    parsed = parse_tree(root)
    rows, issues = read_logs(root)
    parsed.issues.extend(issues)
    return build_catalog(parsed, checks=rows)


def validate_tree(root: Path) -> list[Issue]:
    """Every problem in the catalog files under ``root`` (empty when valid)."""
    try:
        compile_catalog(root)
    except CatalogValidationError as exc:
        return list(exc.issues)
    return []


def build_catalog(parsed: Parsed, overlay: str | None = None, checks: list | None = None) -> Catalog:
    """Index parsed entries after checking them together; ``checks`` (rows of the check
    logs) are matched to their facts. Raises CatalogValidationError."""
    issues = list(parsed.issues)
    tables = {}
    for name in ("vendors", "products", "countries", "laws", "categories"):
        table: dict = {}
        for entry in getattr(parsed, name):
            if entry.id in table:
                first = table[entry.id]
                issues.append(Issue(entry.file, entry.line, f"{name[:-1]} id {entry.id!r} already used at {first.file}:{first.line}"))
                continue
            table[entry.id] = entry
        tables[name] = table
    issues.extend(validate(**tables))
    if checks:
        from emprise.catalog.checks import apply_checks, apply_reference_checks

        tables["vendors"], tables["products"], check_issues = apply_checks(checks, tables["vendors"], tables["products"])
        issues.extend(check_issues)
        tables["countries"], tables["laws"], check_issues = apply_reference_checks(
            checks, tables["countries"], tables["laws"])
        issues.extend(check_issues)
    if issues:
        raise CatalogValidationError(issues)
    return index_catalog(**tables, overlay=overlay)


def index_catalog(vendors, products, countries, laws, categories, overlay=None) -> Catalog:  # noqa: ANN001
    """Build the lookup indexes over checked entries."""
    products = {
        key: dataclasses.replace(p, domains=slim_rules(p.domains, p.sources.get("domains"))) if p.domains else p
        for key, p in products.items()
    }
    vendor_names: dict[str, list[str]] = {}
    for vendor in vendors.values():
        for name in (vendor.id, vendor.name, vendor.legal_name, *vendor.aliases):
            if name and normalise_name(name):
                ids = vendor_names.setdefault(normalise_name(name), [])
                if vendor.id not in ids:
                    ids.append(vendor.id)
    product_names: dict[str, list[str]] = {}
    for product in products.values():
        # Own names first, then aliases: "Azure" the name beats "Azure" an alias.
        for rank, names in enumerate(((product.id, product.name, product.name_fr), product.aliases)):
            for name in names:
                if name and normalise_name(name):
                    ids = product_names.setdefault(normalise_name(name), [])
                    if product.id not in ids:
                        ids.append(product.id)
    sirens, vats = {}, {}
    for vendor in vendors.values():
        if vendor.siren:
            sirens.setdefault(compact(vendor.siren), vendor.id)
        if vendor.vat:
            siren, vat = tax_id_keys(vendor.vat)
            if vat:
                vats.setdefault(vat, vendor.id)
            if siren:
                sirens.setdefault(siren, vendor.id)
    cpe_vendors: dict[str, str] = {}
    for vendor in vendors.values():
        for name in vendor.cpe_vendors:
            cpe_vendors.setdefault(name, vendor.id)
    cpe_products: dict[tuple[str, str], str] = {}
    for product in products.values():
        for key in product_cpe_keys(product, vendors):
            cpe_products.setdefault(key, product.id)
    return Catalog(
        vendors=vendors,
        products=products,
        countries=countries,
        laws=laws,
        categories=categories,
        hosts=HostIndex.build(rule for p in products.values() for rule in p.domains),
        product_purls=PurlIndex.build((rule, p.id) for p in products.values() for rule in p.purls),
        vendor_purls=PurlIndex.build((rule, v.id) for v in vendors.values() for rule in v.purls),
        vendor_names={k: tuple(v) for k, v in vendor_names.items()},
        product_names={k: tuple(v) for k, v in product_names.items()},
        sirens=sirens,
        vats=vats,
        overlay=overlay,
        cpe_vendors=cpe_vendors,
        cpe_products=cpe_products,
    )


# --- overlay -----------------------------------------------------------------------

# Fact names (as in ``entry.sources``) that map to another field name.
_FACT_FIELDS = {"parent": ("parent", "controlled")}


def apply_overlay(shipped: Catalog, path: Path) -> Catalog:
    """The shipped catalog with an organisation's overlay applied; ``shipped`` is untouched.

    An overlay entry whose id exists replaces the facts it states (and only
    those); a new id adds an entry (an internal application, a local supplier).
    ``sanctions`` marks products sanctioned / tolerated / forbidden. Raises
    CatalogValidationError naming the overlay's lines.
    """
    parsed = parse_file(path, str(path), overlay=True)
    vendors = dict(shipped.vendors)
    products = dict(shipped.products)
    issues = list(parsed.issues)
    for vendor in parsed.vendors:
        vendors[vendor.id] = _merge(vendors[vendor.id], vendor) if vendor.id in vendors else vendor
    for product in parsed.products:
        if product.id in products:
            products[product.id] = _merge(products[product.id], product)
        else:
            products[product.id] = product
    for product_id, sanction, file, line in parsed.sanctions:
        if product_id not in products:
            issues.append(Issue(file, line, f"sanctions: unknown product {product_id!r}"))
            continue
        products[product_id] = dataclasses.replace(products[product_id], sanction=sanction)
    combined = Parsed(
        vendors=list(vendors.values()),
        products=list(products.values()),
        countries=list(shipped.countries.values()),
        laws=list(shipped.laws.values()),
        categories=list(shipped.categories.values()),
        issues=issues,
    )
    return build_catalog(combined, overlay=str(path))


def _merge(base, update):  # noqa: ANN001, ANN202
    """``base`` with the facts ``update`` states (and its sanction) replacing its own."""
    changes = {}
    for fact in update.sources:
        field = fact.split(".", 1)[0]
        for name in _FACT_FIELDS.get(field, (field,)):
            changes[name] = getattr(update, name)
    if isinstance(update, ProductEntry):
        if update.sanction is not None:
            changes["sanction"] = update.sanction
        if "ai" in changes and base.ai is not None and update.ai is not None:
            merged = {k: getattr(update.ai, k) if f"ai.{k}" in update.sources else getattr(base.ai, k) for k in ("trains_on_inputs", "retention", "enterprise_tier")}
            changes["ai"] = AIFacts(**merged)
    if "environment" in changes and base.environment is not None and update.environment is not None:
        merged = {k: getattr(update.environment, k) if f"environment.{k}" in update.sources
                  else getattr(base.environment, k) for k in ("pue", "renewable_share", "carbon_report")}
        changes["environment"] = EnvironmentFacts(**merged)
    sources = {**base.sources, **update.sources}
    return dataclasses.replace(base, **changes, sources=sources)


# --- cache -------------------------------------------------------------------------


def _data_fingerprint(root: Path) -> str:
    """A key for the data files' current state: names, sizes and modification times.

    Statting is ten times cheaper than reading 1,000+ files on every start; an edit
    that keeps both the size and the nanosecond mtime of a file is not a real risk.
    """
    digest = hashlib.sha256(f"{COMPILER_VERSION}|{sys.version_info[:2]}|{root.resolve()}".encode())
    from emprise.catalog.checks import log_files

    for path in sorted([*root.rglob("*.yaml"), *log_files(root)]):
        stat = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """Where compiled catalogs are kept (see the module docstring)."""
    explicit = os.environ.get("EMPRISE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "emprise"


def _load_shipped() -> Catalog:
    return load_compiled(DATA_DIR)


def load_compiled(root: Path) -> Catalog:
    """The catalog compiled from ``root``, from the cache when it matches the files.

    Raises CatalogValidationError when the files have problems.
    """
    try:
        fingerprint = _data_fingerprint(root)
    except OSError as exc:
        raise CatalogError(f"{root}: cannot read the catalog data: {exc}") from exc
    # One cache file per data directory; a new fingerprint replaces that directory's old file.
    root_key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]
    cached = cache_dir() / f"catalog-{root_key}-{fingerprint}.pickle"
    try:
        data = cached.read_bytes()
        # Unpickling allocates ~100k objects at once; the cyclic GC would walk them
        # again and again for nothing (no cycles are created).
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            catalog = pickle.loads(data)
        finally:
            if gc_was_enabled:
                gc.enable()
        if isinstance(catalog, Catalog):
            return catalog
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # absent, stale or from another version: recompile
    catalog = compile_catalog(root)
    _write_cache(cached, catalog)
    return catalog


def _write_cache(target: Path, catalog: Catalog) -> None:
    """Write atomically; a read-only or missing cache directory is not an error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".catalog-", delete=False) as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, target)
        root_key = target.name.split("-")[1]
        for old in target.parent.glob(f"catalog-{root_key}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        try:
            os.unlink(handle.name)  # type: ignore[possibly-undefined]
        except (OSError, UnboundLocalError, NameError):
            pass


def clear_memo() -> None:
    """Forget the catalogs kept in this process (tests use it)."""
    with _lock:
        _memo.clear()
