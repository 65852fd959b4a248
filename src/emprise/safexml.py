"""Parse untrusted XML safely: e-invoices, CycloneDX BOMs, anything a user hands us.

None of the formats we read needs a DTD, so a document that declares one is refused before
parsing (that covers XXE and "billion laughs" entity expansion), and the parser
itself is configured so that even a declaration we failed to see could neither
read a file, reach the network nor expand entities: ``resolve_entities=False``,
``no_network=True``, ``load_dtd=False``, ``huge_tree=False`` (libxml2's own
limits on depth and text size stay on).
"""

from __future__ import annotations

import re

from lxml import etree

#: Largest XML document parsed by default (an invoice with thousands of lines is a few MB).
MAX_XML_BYTES = 32 * 1024 * 1024

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)
# A DTD can only come before the root element; UTF-16 documents are scanned
# decoded so the marker cannot hide between zero bytes.
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeXmlError(ValueError):
    """The document is not XML we accept; the message says why, for a person."""


def parse_xml(data: bytes, *, max_bytes: int = MAX_XML_BYTES,
              kind: str = "an e-invoice") -> etree._Element:
    """The root element of ``data``; raises UnsafeXmlError when it is unsafe, too big or not XML.

    ``kind`` names what the document should be, for the message (``"a CycloneDX BOM"``).
    """
    if len(data) > max_bytes:
        raise UnsafeXmlError(f"XML of {len(data)} bytes is over the {max_bytes}-byte limit")
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = data.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError as exc:
            raise UnsafeXmlError(f"not valid UTF-16 XML ({exc})") from exc
    if _DTD.search(head) or _DTD.search(data):
        raise UnsafeXmlError(_refusal(kind))
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeXmlError(f"not well-formed XML ({exc.msg}, line {exc.lineno})") from exc
    if root is None:
        raise UnsafeXmlError("empty XML document")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeXmlError(_refusal(kind))
    return root


def _refusal(kind: str) -> str:
    return (f"refused: the XML declares a DOCTYPE or entities (a DTD: XXE / entity-expansion "
            f"risk), which {kind} never needs")
