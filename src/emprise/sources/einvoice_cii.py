"""UN/CEFACT Cross Industry Invoice D16B / D22B (EN 16931, Factur-X / ZUGFeRD XML), read by
spend discovery (docs/spend.md)."""

from __future__ import annotations

from typing import ClassVar

from emprise.sources._einvoice import CII_NAMESPACE, SpendSource, xml_head
from emprise.sources.interface import Sample
from emprise.safexml import MAX_XML_BYTES


class CiiInvoiceSource(SpendSource):
    name: ClassVar[str] = "cii-invoice"
    description: ClassVar[str] = "UN/CEFACT CII e-invoice (EN 16931, Factur-X XML)"
    max_bytes: ClassVar[int] = MAX_XML_BYTES
    syntaxes = frozenset({"cii"})

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the XML head declares the CrossIndustryInvoice namespace, else 0."""
        head = xml_head(sample)
        return 95 if head and CII_NAMESPACE in head else 0
