"""Invoices, their views and rejections as plain tuples, for the trip back from pool workers.

Frozen slotted dataclasses pickle through ``__getstate__``/``__setstate__``, one
attribute at a time; a tuple of their field values (Decimals, dates and strings
as they are) pickles and unpickles several times faster, and the parent, which
unpickles every result alone, is what limits scaling. Field order is the
dataclasses' own, so adding a field needs no change here.
"""

from __future__ import annotations

from dataclasses import fields

from emprise.model import Locator, Rejection
from emprise.spend.suppliers import SellerIds, VendorMatch
from emprise.spend.terms import Classification, Invoice, Line

_INVOICE_FIELDS = tuple(f.name for f in fields(Invoice))
_LINE_FIELDS = tuple(f.name for f in fields(Line))
_LINES = _INVOICE_FIELDS.index("lines")
_CLASSES = _LINE_FIELDS.index("classifications")
_REJECTION = "r"
_INVOICE = "i"


def _encode_line(line: Line) -> tuple:
    values = [getattr(line, name) for name in _LINE_FIELDS]
    values[_CLASSES] = tuple((c.code, c.scheme, c.version) for c in line.classifications)
    return tuple(values)


def _decode_line(values: tuple) -> Line:
    values = list(values)
    values[_CLASSES] = tuple(Classification(*c) for c in values[_CLASSES])
    return Line(*values)


def encode_item(item) -> tuple:
    """A ``Rejection`` or an ``(Invoice, InvoiceView | None)`` pair as nested plain tuples."""
    if isinstance(item, Rejection):
        locator = item.locator
        return (_REJECTION, locator.file, locator.line, locator.pointer, item.reason)
    invoice, view = item
    values = [getattr(invoice, name) for name in _INVOICE_FIELDS]
    values[_LINES] = tuple(_encode_line(line) for line in invoice.lines)
    encoded_view = None
    if view is not None:
        ids, match = view.ids, view.match
        encoded_view = ((ids.vat, ids.siren, ids.siret, ids.country),
                        (match.vendor_id, match.method, match.confidence),
                        view.vendor_name, view.ultimate_parent, view.ultimate_parent_name,
                        view.country, view.zone, view.line_categories, view.group, view.reconciles)
    return (_INVOICE, tuple(values), encoded_view)


def decode_item(encoded: tuple):
    """The inverse of ``encode_item``: a ``Rejection`` or an ``(Invoice, InvoiceView | None)`` pair."""
    if encoded[0] == _REJECTION:
        _, file, line, pointer, reason = encoded
        return Rejection(Locator(file, line, pointer), reason)
    _, values, encoded_view = encoded
    values = list(values)
    values[_LINES] = tuple(_decode_line(line) for line in values[_LINES])
    invoice = Invoice(*values)
    if encoded_view is None:
        return invoice, None
    from emprise.spend.analysis import InvoiceView

    ids, match, *rest = encoded_view
    return invoice, InvoiceView(invoice, SellerIds(*ids), VendorMatch(*match), *rest)
