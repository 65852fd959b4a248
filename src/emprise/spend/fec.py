"""Purchases out of a FEC (*Fichier des Écritures Comptables*, article A47 A-1 of the LPF).

The FEC is the accounting export every French company must be able to produce:
18 regulatory columns, tab- or pipe-separated, dates as ``YYYYMMDD``, amounts with
a decimal comma. It is the universal spend source: suppliers without a French
establishment send no French e-invoice, but every purchase is booked.

A purchase is an entry (``JournalCode`` + ``EcritureNum``) that credits a
supplier account (401…, or 404… for fixed-asset suppliers) against expense (6…)
or fixed-asset (2…) accounts; an entry that debits the supplier is a credit note.
Payments (supplier against bank) have no expense line and are not spend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from emprise.model import MAX_AMOUNT, Locator, Rejection
from emprise.spend.terms import Invoice, Line

COLUMNS = (
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
    "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
    "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
)
# The regulation also allows "Montant" + "Sens" (D/C) instead of Debit and Credit.
_REQUIRED = {"journalcode", "ecriturenum", "ecrituredate", "comptenum", "comptelib", "compauxlib",
             "pieceref", "ecriturelib"}
SUPPLIER_ACCOUNTS = ("401", "404")
SPEND_ACCOUNTS = ("6", "2")
VAT_ACCOUNTS = ("445",)
MAX_FEC_BYTES = 512 * 1024 * 1024
_AMOUNT_JUNK = re.compile(r"[\s\u00a0\u202f']")


class FecError(ValueError):
    """The file as a whole is not a FEC we can read."""


def looks_like_fec(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].lower()
    return b"journalcode" in first and b"ecriturenum" in first and b"comptenum" in first


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # ISO-8859-15 / Windows-1252 exports


def parse_amount(text: str) -> Decimal:
    """``"1 234,56"`` -> ``Decimal("1234.56")``; raises ValueError."""
    cleaned = _AMOUNT_JUNK.sub("", text)
    if not cleaned:
        return Decimal(0)
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not an amount")
    if abs(value) >= MAX_AMOUNT:
        raise ValueError(f"{text!r} is out of range")
    return value



def _parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y%m%d", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (YYYYMMDD)")


def read_fec(data: bytes, file: str) -> Iterator[Invoice | Rejection]:
    """Every purchase of the FEC as an Invoice (syntax "fec"), bad lines as Rejections.

    Raises FecError when the header is not a FEC header.
    """
    if len(data) > MAX_FEC_BYTES:
        raise FecError(f"FEC of {len(data)} bytes is over the {MAX_FEC_BYTES}-byte limit")
    text = _decode(data)
    lines = text.splitlines()
    if not lines:
        raise FecError("empty file")
    header = lines[0]
    separator = "\t" if header.count("\t") >= header.count("|") else "|"
    names = [name.strip().lower() for name in header.split(separator)]
    missing = sorted(_REQUIRED - set(names))
    if missing:
        raise FecError(f"not a FEC header (missing columns: {', '.join(missing)})")
    if "debit" not in names and not {"montant", "sens"} <= set(names):
        raise FecError("not a FEC header (no Debit/Credit nor Montant/Sens columns)")
    index = {name: position for position, name in enumerate(names)}
    entries: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        cells = raw.split(separator)
        if len(cells) < len(names):
            # Trailing empty columns are sometimes dropped; a short line with content is not.
            cells += [""] * (len(names) - len(cells))
        elif len(cells) > len(names):
            yield Rejection(Locator(file, number), f"{len(cells)} columns where the header has {len(names)} "
                            f"(a {separator!r} inside a label?)")
            continue
        key = (cells[index["journalcode"]].strip(), cells[index["ecriturenum"]].strip())
        entries.setdefault(key, []).append((number, cells))
    for (journal, entry), rows in entries.items():
        try:
            invoice = _purchase(rows, index, file)
        except ValueError as exc:
            yield Rejection(Locator(file, rows[0][0]), f"entry {journal}/{entry}: {exc}")
            continue
        if invoice is not None:
            yield invoice


def _debit_minus_credit(cells: list[str], index: dict[str, int], number: int) -> Decimal:
    try:
        if "debit" in index:
            debit = parse_amount(cells[index["debit"]])
            credit = parse_amount(cells[index["credit"]]) if "credit" in index else Decimal(0)
            return debit - credit
        amount = parse_amount(cells[index["montant"]])
        sense = cells[index["sens"]].strip().upper()[:1]
        if sense not in ("D", "C", "+", "-"):
            raise ValueError(f"Sens {cells[index['sens']]!r} is neither D nor C")
        return amount if sense in ("D", "+") else -amount
    except ValueError as exc:
        raise ValueError(f"line {number}: {exc}") from None


def _purchase(rows, index: dict[str, int], file: str) -> Invoice | None:
    def cell(cells, name):
        position = index.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    supplier = [(n, c) for n, c in rows if cell(c, "comptenum").startswith(SUPPLIER_ACCOUNTS)]
    spend = [(n, c) for n, c in rows if cell(c, "comptenum").startswith(SPEND_ACCOUNTS)]
    if not supplier or not spend:
        return None  # a payment, an opening balance, a VAT settlement…
    amounts = [(n, c, _debit_minus_credit(c, index, n)) for n, c in spend]
    net = sum((amount for _, _, amount in amounts), Decimal(0))
    sign = 1 if net >= 0 else -1
    supplier_number, supplier_cells = supplier[0]
    gross = -sum((_debit_minus_credit(c, index, n) for n, c in supplier), Decimal(0))
    vat = sum((_debit_minus_credit(c, index, n) for n, c in rows
               if cell(c, "comptenum").startswith(VAT_ACCOUNTS)), Decimal(0))
    lines = tuple(
        Line(line_id=str(n), net_amount=sign * amount, name=cell(c, "ecriturelib") or cell(c, "comptelib") or None,
             description=cell(c, "comptelib") or None, pointer=f"line {n}", account=cell(c, "comptenum"))
        for n, c, amount in amounts
    )
    piece_date = _parse_date(cell(supplier_cells, "piecedate")) if "piecedate" in index else None
    issue_date = piece_date or _parse_date(cell(supplier_cells, "ecrituredate"))
    name = cell(supplier_cells, "compauxlib") or cell(supplier_cells, "comptelib") or None
    return Invoice(
        file=file, syntax="fec", number=cell(supplier_cells, "pieceref") or None, issue_date=issue_date,
        type_code="380" if sign > 0 else "381", currency="EUR", seller_name=name,
        seller_ids=((("FEC", cell(supplier_cells, "compauxnum")),) if cell(supplier_cells, "compauxnum") else ()),
        line_total=sign * net, total_without_vat=sign * net, total_vat=sign * vat, total_with_vat=sign * gross,
        lines=lines, line_number=supplier_number,
    )
