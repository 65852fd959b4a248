"""Input formats. Each module reads one format; ``REGISTRY`` is the only place that lists them.

Modules are imported lazily, on first use, so ``emprise --help`` never pays for
the SBOM or spreadsheet libraries.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from emprise.errors import SourceError, UnknownFormatError
from emprise.sources.interface import Sample, Source

# name -> "module:Class". The order breaks detection ties: earlier wins.
REGISTRY: dict[str, str] = {
    "cyclonedx-json": "emprise.sources.cyclonedx:CycloneDxJsonSource",
    "cyclonedx-xml": "emprise.sources.cyclonedx:CycloneDxXmlSource",
    "spdx-json": "emprise.sources.spdx:SpdxJsonSource",
    "spdx-tag-value": "emprise.sources.spdx:SpdxTagValueSource",
    "spdx3-jsonld": "emprise.sources.spdx3:Spdx3JsonLdSource",
    "inventory-yaml": "emprise.sources.inventory_yaml:YamlInventorySource",
    "inventory-xlsx": "emprise.sources.inventory_xlsx:XlsxInventorySource",
    "inventory-csv": "emprise.sources.inventory_csv:CsvInventorySource",
    "facturx-pdf": "emprise.sources.einvoice_facturx:FacturXSource",
    "ubl-invoice": "emprise.sources.einvoice_ubl:UblInvoiceSource",
    "cii-invoice": "emprise.sources.einvoice_cii:CiiInvoiceSource",
    "fec": "emprise.sources.fec:FecSource",
}


@cache
def source_class(name: str) -> type[Source]:
    """The class registered under ``name``; raises SourceError listing the valid names."""
    try:
        target = REGISTRY[name]
    except KeyError:
        valid = ", ".join(REGISTRY)
        raise SourceError(name, f"unknown format (valid formats: {valid})") from None
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def detect(path: Path) -> type[Source]:
    """The source that reads ``path``, chosen by content; raises UnknownFormatError."""
    try:
        sample = Sample.of(path)
    except OSError as exc:
        raise SourceError(str(path), exc.strerror or str(exc)) from exc
    if not sample.head.strip():
        raise UnknownFormatError(str(path), "the file is empty")
    best: tuple[int, type[Source]] | None = None
    for name in REGISTRY:
        cls = source_class(name)
        score = cls.detect(sample)
        if score > 0 and (best is None or score > best[0]):
            best = (score, cls)
    if best is None:
        valid = ", ".join(REGISTRY)
        raise UnknownFormatError(
            str(path), f"format not recognised from its content; give --format (one of: {valid})"
        )
    return best[1]
