"""UBL 2.1 Invoice and CreditNote (EN 16931), read by spend discovery (docs/spend.md)."""

from __future__ import annotations

from typing import ClassVar

from emprise.sources._einvoice import UBL_NAMESPACES, SpendSource, xml_head
from emprise.sources.interface import Sample
from emprise.safexml import MAX_XML_BYTES


class UblInvoiceSource(SpendSource):
    name: ClassVar[str] = "ubl-invoice"
    description: ClassVar[str] = "UBL 2.1 e-invoice or credit note (EN 16931)"
    max_bytes: ClassVar[int] = MAX_XML_BYTES
    syntaxes = frozenset({"ubl-invoice", "ubl-creditnote"})

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the XML head declares the UBL Invoice-2 or CreditNote-2 namespace, else 0."""
        head = xml_head(sample)
        return 95 if head and any(namespace in head for namespace in UBL_NAMESPACES) else 0
