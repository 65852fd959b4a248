"""The invoice XML embedded in a Factur-X / ZUGFeRD (or XRechnung-in-PDF) file.

``factur-x`` finds the attachment, whatever its name (``factur-x.xml``,
``zugferd-invoice.xml``, ``xrechnung.xml``…); we never trust the name: the bytes
are parsed again with our safe parser and the root element decides. When
``factur-x`` finds nothing, the attachments are listed to say why.
"""

from __future__ import annotations

import io
import logging

from lxml import etree

from emprise.spend.extract import ExtractionError, syntax_of
from emprise.safexml import UnsafeXmlError, parse_xml

#: Largest PDF read (a real invoice PDF is well under 10 MB).
MAX_PDF_BYTES = 64 * 1024 * 1024


class PdfInvoiceError(ValueError):
    """No invoice XML could be taken out of the PDF; the message says why."""


def is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def invoice_xml_from_pdf(data: bytes) -> tuple[str, etree._Element]:
    """``(attachment name, root element)`` of the invoice inside ``data``; raises PdfInvoiceError."""
    if len(data) > MAX_PDF_BYTES:
        raise PdfInvoiceError(f"PDF of {len(data)} bytes is over the {MAX_PDF_BYTES}-byte limit")
    if not is_pdf(data):
        raise PdfInvoiceError("not a PDF (no %PDF- header)")
    from facturx import get_xml_from_pdf

    # factur-x warns through logging for every skipped attachment: our reasons are better.
    logging.getLogger("factur-x").setLevel(logging.ERROR)
    try:
        name, xml = get_xml_from_pdf(data, check_xsd=False, filenames=["*.xml"])
    except Exception as exc:  # pypdf raises many types for broken files
        raise PdfInvoiceError(f"not a readable PDF ({_short(exc)})") from exc
    if xml:
        try:
            root = parse_xml(xml)
            syntax_of(root)
            return name, root
        except (UnsafeXmlError, ExtractionError) as exc:
            raise PdfInvoiceError(f"attachment {name!r}: {exc}") from exc
    return _fallback(data)


def _fallback(data: bytes) -> tuple[str, etree._Element]:
    """Look at every attachment ourselves: an XML factur-x skipped may be UBL, or unsafe."""
    from pypdf import PdfReader

    try:
        attachments = [(a.name, a.content) for a in PdfReader(io.BytesIO(data)).attachment_list]
    except Exception as exc:
        raise PdfInvoiceError(f"not a readable PDF ({_short(exc)})") from exc
    reasons = []
    for name, content in attachments:
        if not content or not content.lstrip()[:1] == b"<":
            continue
        try:
            root = parse_xml(content)
            syntax_of(root)
            return name, root
        except (UnsafeXmlError, ExtractionError) as exc:
            reasons.append(f"attachment {name!r}: {exc}")
    if reasons:
        raise PdfInvoiceError("; ".join(reasons))
    listed = ", ".join(repr(name) for name, _ in attachments) or "none"
    raise PdfInvoiceError(f"PDF without embedded invoice XML (attachments: {listed})")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__
