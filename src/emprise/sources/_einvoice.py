"""What the e-invoice and FEC sources share: spend discovery's readers, one file at a time.

``emprise import`` lands an invoice exactly as ``emprise spend --import`` does —
the same reader (``emprise.spend.readers.read_document``), the same seller
matching, the same record (vendor, discovered asset, contract, with the invoice
as provenance) and the same ``spend_documents`` rows, written by ``write_extra``
in the import's transaction. Only the import's ``source_format`` differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from emprise.model import Locator, Record, Rejection
from emprise.sources.interface import Sample, Source

# Root elements, as they appear in the head of a document (namespace declared on the root).
UBL_NAMESPACES = (b"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
                  b"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")
CII_NAMESPACE = b"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"


def xml_head(sample: Sample) -> bytes:
    """The head of an XML sample as UTF-8 bytes (UTF-16 documents decoded), else b''."""
    head = sample.head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else b""


class SpendSource(Source):
    """Reads one e-invoice (or FEC) file with spend discovery's reader and matcher."""

    #: the invoice syntaxes this format holds ("cii", "ubl-invoice", "ubl-creditnote", "fec")
    syntaxes: ClassVar[frozenset[str]]

    def __init__(self) -> None:
        super().__init__()
        self._views: list = []

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield one record per invoice (a FEC: per purchase) and the rejections, in order."""
        from emprise.catalog import load_catalog
        from emprise.spend.analysis import view_invoice
        from emprise.spend.readers import Task, read_document
        from emprise.spend.records import record_for
        from emprise.spend.suppliers import VendorMatcher

        catalog = load_catalog()
        matcher = VendorMatcher(catalog)
        for item in read_document(Task(str(path), None, display_name)):
            if isinstance(item, Rejection):
                yield item
            elif item.syntax not in self.syntaxes:  # a forced --format that the content contradicts
                yield Rejection(Locator(display_name, item.line_number),
                                f"the content is {item.syntax.upper()}, not {self.name}")
            else:
                view = view_invoice(item, catalog, matcher)
                self._views.append(view)
                yield record_for(view, catalog)

    def write_extra(self, writer) -> None:
        """The ``spend_documents`` rows of the invoices read, as ``spend --import`` writes them."""
        from emprise.spend.records import add_documents

        add_documents(writer, self._views)
