"""The catalog: products, vendors, ownership, jurisdictions, laws, domains, alternatives.

Data files live in ``catalog/data`` (YAML, one file per vendor with its
products); every fact carries a ``source`` and an ``as_of`` date. Use::

    from emprise.catalog import load_catalog
    cat = load_catalog()                      # shipped data, cached
    cat = load_catalog(overlay=Path("org.yaml"))
    cat.product_for_host("teams.microsoft.com")

See docs/catalog.md for the file format and the provenance rules.
"""

from __future__ import annotations

from emprise.catalog.catalog import Catalog
from emprise.catalog.compiler import CatalogValidationError, Issue
from emprise.catalog.entries import (
    AIFacts,
    Acquisition,
    Adequacy,
    Alternative,
    CategoryEntry,
    CountryEntry,
    DomainRule,
    Fit,
    LawEntry,
    Ownership,
    ProductEntry,
    RuleKind,
    Sanction,
    SourceRef,
    VendorEntry,
)
from emprise.catalog.loader import DATA_DIR, compile_catalog, load_catalog, validate_tree

__all__ = [
    "AIFacts",
    "Acquisition",
    "Adequacy",
    "Alternative",
    "Catalog",
    "CatalogValidationError",
    "CategoryEntry",
    "CountryEntry",
    "DATA_DIR",
    "DomainRule",
    "Fit",
    "Issue",
    "LawEntry",
    "Ownership",
    "ProductEntry",
    "RuleKind",
    "Sanction",
    "SourceRef",
    "VendorEntry",
    "compile_catalog",
    "load_catalog",
    "validate_tree",
]
