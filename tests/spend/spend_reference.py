"""Compare our extraction with ``facturx.parse_ubl_cii_xml`` (the reference implementation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from emprise.spend.terms import HEADER_TERMS, LINE_TERMS, Invoice

# Our attribute -> the key in factur-x's party dicts (BG-4 seller, BG-7 buyer).
_PARTY = {
    "seller_name": ("BG-4", "name"), "seller_trading_name": ("BG-4", "biz_name"),
    "seller_ids": ("BG-4", "identifiers"), "seller_legal_id": ("BG-4", "legal_identifier"),
    "seller_legal_id_scheme": ("BG-4", "legal_identifier_schemeid"),
    "seller_vat": ("BG-4", "vat_identifier"), "seller_endpoint": ("BG-4", "einvoicing_addr"),
    "seller_country": ("BG-4", "country_code"), "buyer_name": ("BG-7", "name"),
    "buyer_legal_id": ("BG-7", "legal_identifier"), "buyer_vat": ("BG-7", "vat_identifier"),
}


def _theirs_header(reference: dict, bt: str, attribute: str):
    if attribute in _PARTY:
        group, key = _PARTY[attribute]
        return (reference.get(group) or {}).get(key)
    return reference.get(bt)


def _same(mine, theirs) -> bool:
    if isinstance(theirs, list) and not isinstance(mine, tuple):
        theirs = theirs[0]  # several matches: we keep the first
    if mine is None or mine == ():
        return theirs in (None, {}, [])
    if isinstance(mine, Decimal):
        return theirs is not None and Decimal(theirs) == mine
    if isinstance(mine, date):
        return theirs == mine
    if isinstance(mine, tuple) and mine and isinstance(mine[0], tuple):  # BT-29
        return dict(mine) == theirs
    if isinstance(mine, tuple):  # BT-158: factur-x keeps only codes with a listID
        expected = {}
        for c in mine:
            if c.scheme:
                expected.setdefault(c.scheme, {})[c.version] = c.code
        return expected == (theirs or {})
    return mine == theirs


def differences(invoice: Invoice, reference: dict) -> list[str]:
    """Every term where our value and factur-x's differ, as readable strings (empty: identical)."""
    found = []
    for bt, attribute in HEADER_TERMS:
        mine = getattr(invoice, attribute)
        theirs = _theirs_header(reference, bt, attribute)
        if not _same(mine, theirs):
            found.append(f"{bt} ({attribute}): ours {mine!r} != factur-x {theirs!r}")
    their_lines = reference.get("BG-25") or []
    if len(their_lines) != len(invoice.lines):
        found.append(f"BG-25: {len(invoice.lines)} lines != factur-x {len(their_lines)}")
    for index, (line, theirs) in enumerate(zip(invoice.lines, their_lines), start=1):
        for bt, attribute in LINE_TERMS:
            mine = getattr(line, attribute)
            if not _same(mine, theirs.get(bt)):
                found.append(f"line {index} {bt} ({attribute}): ours {mine!r} != factur-x {theirs.get(bt)!r}")
    return found
