"""An invoice as spend discovery sees it: the EN 16931 terms it needs, as frozen values.

Attribute names say what a term means; ``HEADER_TERMS`` and ``LINE_TERMS`` map
them to their EN 16931 business-term ids ("BT-1"…), which are the names users
and the JSON output see. ``None`` means the document does not say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# UNTDID 1001 document types that credit the buyer: their amounts count negative.
CREDIT_NOTE_TYPES = frozenset({"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"})


@dataclass(frozen=True, slots=True)
class Classification:
    """BT-158 with its scheme (BT-158-1, UNTDID 7143: "STI", "CV"…) and scheme version."""

    code: str
    scheme: str | None = None
    version: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line (BG-25)."""

    line_id: str | None = None  # BT-126
    quantity: Decimal | None = None  # BT-129
    unit: str | None = None  # BT-130
    net_amount: Decimal | None = None  # BT-131
    period_start: date | None = None  # BT-134
    period_end: date | None = None  # BT-135
    name: str | None = None  # BT-153
    description: str | None = None  # BT-154
    classifications: tuple[Classification, ...] = ()  # BT-158
    #: Where the line was read: an XPath-like pointer or a FEC line number.
    pointer: str | None = None
    #: FEC only: the general-ledger account the amount was booked to (6xxx, 2xxx).
    account: str | None = None


@dataclass(frozen=True, slots=True)
class Invoice:
    """One invoice or credit note, from an e-invoice or a FEC entry."""

    file: str  # display name; "archive.zip!member.xml" for archive members
    syntax: str  # "cii", "ubl-invoice", "ubl-creditnote" or "fec"
    number: str | None = None  # BT-1
    issue_date: date | None = None  # BT-2
    type_code: str | None = None  # BT-3
    currency: str | None = None  # BT-5
    process: str | None = None  # BT-23 (French CTC: S1, B1, M1…)
    specification: str | None = None  # BT-24 (profile)
    seller_name: str | None = None  # BT-27
    seller_trading_name: str | None = None  # BT-28
    seller_ids: tuple[tuple[str | None, str], ...] = ()  # BT-29 (scheme, id)
    seller_legal_id: str | None = None  # BT-30
    seller_legal_id_scheme: str | None = None  # BT-30-1
    seller_vat: str | None = None  # BT-31
    seller_endpoint: str | None = None  # BT-34
    seller_country: str | None = None  # BT-40
    buyer_name: str | None = None  # BT-44
    buyer_legal_id: str | None = None  # BT-47
    buyer_vat: str | None = None  # BT-48
    period_start: date | None = None  # BT-73
    period_end: date | None = None  # BT-74
    line_total: Decimal | None = None  # BT-106
    total_without_vat: Decimal | None = None  # BT-109
    total_vat: Decimal | None = None  # BT-110, in the document currency
    total_with_vat: Decimal | None = None  # BT-112
    amount_due: Decimal | None = None  # BT-115
    lines: tuple[Line, ...] = ()
    #: FEC only: the line of the supplier-account (401…) entry.
    line_number: int | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_credit_note(self) -> bool:
        """Whether this document credits the buyer (its amounts net out against invoices)."""
        return self.syntax == "ubl-creditnote" or (self.type_code in CREDIT_NOTE_TYPES)

    @property
    def sign(self) -> int:
        return -1 if self.is_credit_note else 1

    @property
    def net_spend(self) -> Decimal | None:
        """What this document adds to spend, VAT excluded: BT-109 (else BT-106), negative for credit notes."""
        amount = self.total_without_vat if self.total_without_vat is not None else self.line_total
        return None if amount is None else self.sign * amount

    @property
    def locator(self) -> str:
        return f"{self.file}:{self.line_number}" if self.line_number is not None else self.file


# EN 16931 id -> attribute, in the order of the standard.
HEADER_TERMS: tuple[tuple[str, str], ...] = (
    ("BT-1", "number"), ("BT-2", "issue_date"), ("BT-3", "type_code"), ("BT-5", "currency"),
    ("BT-23", "process"), ("BT-24", "specification"), ("BT-27", "seller_name"),
    ("BT-28", "seller_trading_name"), ("BT-29", "seller_ids"), ("BT-30", "seller_legal_id"),
    ("BT-30-1", "seller_legal_id_scheme"), ("BT-31", "seller_vat"), ("BT-34", "seller_endpoint"),
    ("BT-40", "seller_country"), ("BT-44", "buyer_name"), ("BT-47", "buyer_legal_id"),
    ("BT-48", "buyer_vat"), ("BT-73", "period_start"), ("BT-74", "period_end"),
    ("BT-106", "line_total"), ("BT-109", "total_without_vat"), ("BT-110", "total_vat"),
    ("BT-112", "total_with_vat"), ("BT-115", "amount_due"),
)
LINE_TERMS: tuple[tuple[str, str], ...] = (
    ("BT-126", "line_id"), ("BT-129", "quantity"), ("BT-130", "unit"), ("BT-131", "net_amount"),
    ("BT-134", "period_start"), ("BT-135", "period_end"), ("BT-153", "name"),
    ("BT-154", "description"), ("BT-158", "classifications"),
)


def _json_value(value):
    if isinstance(value, (Decimal, date)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    if isinstance(value, tuple):
        if value and isinstance(value[0], Classification):
            return [{"code": c.code, "scheme": c.scheme, "version": c.version} for c in value]
        return [{"scheme": scheme, "id": ident} for scheme, ident in value]
    return value


def terms_json(invoice: Invoice) -> dict:
    """The invoice's terms keyed by BT id, amounts as strings and ISO dates; unknown terms left out."""
    out: dict = {}
    for bt, attribute in HEADER_TERMS:
        value = getattr(invoice, attribute)
        if value is not None and value != ():
            out[bt] = _json_value(value)
    out["lines"] = [line_json(line) for line in invoice.lines]
    return out


def line_json(line: Line) -> dict:
    out: dict = {}
    for bt, attribute in LINE_TERMS:
        value = getattr(line, attribute)
        if value is not None and value != ():
            out[bt] = _json_value(value)
    if line.account is not None:
        out["account"] = line.account
    return out
