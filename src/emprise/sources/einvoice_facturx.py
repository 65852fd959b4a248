"""Factur-X / ZUGFeRD 2 / XRechnung PDF: the invoice XML embedded in a PDF/A-3, read by spend
discovery (docs/spend.md). The XML's root decides, never the attachment's name."""

from __future__ import annotations

from typing import ClassVar

from emprise.sources._einvoice import SpendSource
from emprise.sources.interface import Sample
from emprise.spend.pdf import MAX_PDF_BYTES, is_pdf


class FacturXSource(SpendSource):
    name: ClassVar[str] = "facturx-pdf"
    description: ClassVar[str] = "Factur-X / ZUGFeRD PDF e-invoice (CII or UBL embedded)"
    max_bytes: ClassVar[int] = MAX_PDF_BYTES
    syntaxes = frozenset({"cii", "ubl-invoice", "ubl-creditnote"})

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """90 for a PDF that shows an embedded file in its head, 60 for any other PDF (no other
        source reads PDFs: one without invoice XML is rejected saying so), else 0."""
        if not is_pdf(sample.head):
            return 0
        return 90 if b"/EmbeddedFile" in sample.head or b"/AF" in sample.head else 60
