"""EN 16931 terms out of a UBL 2.1 or UN/CEFACT CII document, with compiled XPaths.

The paths follow the EN 16931 syntax bindings (EN 16931-3-2 for UBL, 3-3 for CII,
the same ones the ``factur-x`` library uses), compiled once at import: reading an
invoice is one parse plus a few dozen XPath evaluations, an order of magnitude
faster than evaluating the whole mapping (a test checks we read the same values
as ``facturx.parse_ubl_cii_xml``; ``benchmarks/bench_spend.py`` measures speed).

A value that is present but malformed (a date that is not one, an amount that is
not a number) raises ``ExtractionError`` naming the term, the element and its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from emprise.model import MAX_AMOUNT
from emprise.spend.terms import Classification, Invoice, Line

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CII_ROOT = f"{{{NS['rsm']}}}CrossIndustryInvoice"
UBL_INVOICE_ROOT = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
UBL_CREDIT_NOTE_ROOT = "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote"
SYNTAX_OF_ROOT = {CII_ROOT: "cii", UBL_INVOICE_ROOT: "ubl-invoice", UBL_CREDIT_NOTE_ROOT: "ubl-creditnote"}

# Roots we recognise but do not read, and why.
_REFUSED_ROOTS = {
    "{urn:ferd:CrossIndustryDocument:invoice:1p0}CrossIndustryDocument":
        "ZUGFeRD 1.0 (CrossIndustryDocument) is not supported; ZUGFeRD 2 / Factur-X are",
    "{urn:un:unece:uncefact:data:standard:SCRDMCCBDACIOMessageStructure:100}SCRDMCCBDACIOMessageStructure":
        "an Order-X order, not an invoice",
}


class ExtractionError(ValueError):
    """A document could not be read as an invoice; the message names the term or element."""


@dataclass(frozen=True, slots=True)
class _Term:
    attribute: str
    bt: str
    kind: str  # text | date | amount | number | ids | classes | attr
    cii: str | tuple[str, ...] | None
    ubl: str | tuple[str, ...] | None
    ubl_credit_note: str | None = None


_CII_SELLER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty/"
_CII_BUYER = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty/"
_CII_SETTLEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
_CII_SUMS = _CII_SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
_UBL_SELLER = "cac:AccountingSupplierParty/cac:Party/"
_UBL_BUYER = "cac:AccountingCustomerParty/cac:Party/"

# Paths are relative to the root element, so one UBL path serves Invoice and CreditNote.
HEADER: tuple[_Term, ...] = (
    _Term("number", "BT-1", "text", "rsm:ExchangedDocument/ram:ID", "cbc:ID"),
    _Term("issue_date", "BT-2", "date", "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString",
          "cbc:IssueDate"),
    _Term("type_code", "BT-3", "text", "rsm:ExchangedDocument/ram:TypeCode", "cbc:InvoiceTypeCode",
          "cbc:CreditNoteTypeCode"),
    _Term("currency", "BT-5", "text", _CII_SETTLEMENT + "ram:InvoiceCurrencyCode", "cbc:DocumentCurrencyCode"),
    _Term("process", "BT-23", "text",
          "rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID",
          "cbc:ProfileID"),
    _Term("specification", "BT-24", "text",
          "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
          "cbc:CustomizationID"),
    _Term("seller_name", "BT-27", "text", _CII_SELLER + "ram:Name",
          _UBL_SELLER + "cac:PartyLegalEntity/cbc:RegistrationName"),
    _Term("seller_trading_name", "BT-28", "text",
          _CII_SELLER + "ram:SpecifiedLegalOrganization/ram:TradingBusinessName",
          _UBL_SELLER + "cac:PartyName/cbc:Name"),
    _Term("seller_ids", "BT-29", "ids", (_CII_SELLER + "ram:GlobalID", _CII_SELLER + "ram:ID"),
          _UBL_SELLER + "cac:PartyIdentification/cbc:ID"),
    _Term("seller_legal_id", "BT-30", "text", _CII_SELLER + "ram:SpecifiedLegalOrganization/ram:ID",
          _UBL_SELLER + "cac:PartyLegalEntity/cbc:CompanyID"),
    _Term("seller_legal_id_scheme", "BT-30-1", "attr",
          _CII_SELLER + "ram:SpecifiedLegalOrganization/ram:ID/@schemeID",
          _UBL_SELLER + "cac:PartyLegalEntity/cbc:CompanyID/@schemeID"),
    _Term("seller_vat", "BT-31", "text", _CII_SELLER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
          _UBL_SELLER + "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"),
    _Term("seller_endpoint", "BT-34", "text", _CII_SELLER + "ram:URIUniversalCommunication/ram:URIID",
          _UBL_SELLER + "cbc:EndpointID"),
    _Term("seller_country", "BT-40", "text", _CII_SELLER + "ram:PostalTradeAddress/ram:CountryID",
          _UBL_SELLER + "cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
    _Term("buyer_name", "BT-44", "text", _CII_BUYER + "ram:Name",
          _UBL_BUYER + "cac:PartyLegalEntity/cbc:RegistrationName"),
    _Term("buyer_legal_id", "BT-47", "text", _CII_BUYER + "ram:SpecifiedLegalOrganization/ram:ID",
          _UBL_BUYER + "cac:PartyLegalEntity/cbc:CompanyID"),
    _Term("buyer_vat", "BT-48", "text", _CII_BUYER + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']",
          _UBL_BUYER + "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"),
    _Term("period_start", "BT-73", "date",
          _CII_SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString",
          "cac:InvoicePeriod/cbc:StartDate"),
    _Term("period_end", "BT-74", "date",
          _CII_SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString",
          "cac:InvoicePeriod/cbc:EndDate"),
    _Term("line_total", "BT-106", "amount", _CII_SUMS + "ram:LineTotalAmount",
          "cac:LegalMonetaryTotal/cbc:LineExtensionAmount"),
    _Term("total_without_vat", "BT-109", "amount", _CII_SUMS + "ram:TaxBasisTotalAmount",
          "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"),
    # BT-110 may appear twice (the second in the VAT accounting currency, BT-111):
    # keep the one in the document currency.
    _Term("total_vat", "BT-110", "amount", _CII_SUMS + "ram:TaxTotalAmount[@currencyID=$currency]",
          "cac:TaxTotal/cbc:TaxAmount[@currencyID=$currency]"),
    _Term("total_with_vat", "BT-112", "amount", _CII_SUMS + "ram:GrandTotalAmount",
          "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"),
    _Term("amount_due", "BT-115", "amount", _CII_SUMS + "ram:DuePayableAmount",
          "cac:LegalMonetaryTotal/cbc:PayableAmount"),
)

LINES = {
    "cii": "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem",
    "ubl-invoice": "cac:InvoiceLine",
    "ubl-creditnote": "cac:CreditNoteLine",
}
_CII_LINE_SETTLEMENT = "ram:SpecifiedLineTradeSettlement/"
LINE: tuple[_Term, ...] = (
    _Term("line_id", "BT-126", "text", "ram:AssociatedDocumentLineDocument/ram:LineID", "cbc:ID"),
    _Term("quantity", "BT-129", "number", "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity",
          "cbc:InvoicedQuantity", "cbc:CreditedQuantity"),
    _Term("unit", "BT-130", "attr", "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode",
          "cbc:InvoicedQuantity/@unitCode", "cbc:CreditedQuantity/@unitCode"),
    _Term("net_amount", "BT-131", "amount",
          _CII_LINE_SETTLEMENT + "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
          "cbc:LineExtensionAmount"),
    _Term("period_start", "BT-134", "date",
          _CII_LINE_SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString",
          "cac:InvoicePeriod/cbc:StartDate"),
    _Term("period_end", "BT-135", "date",
          _CII_LINE_SETTLEMENT + "ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString",
          "cac:InvoicePeriod/cbc:EndDate"),
    _Term("name", "BT-153", "text", "ram:SpecifiedTradeProduct/ram:Name", "cac:Item/cbc:Name"),
    _Term("description", "BT-154", "text", "ram:SpecifiedTradeProduct/ram:Description",
          "cac:Item/cbc:Description"),
    _Term("classifications", "BT-158", "classes",
          "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode",
          "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode"),
)


def _compile(terms: tuple[_Term, ...], syntax: str) -> tuple[tuple[_Term, tuple[etree.XPath, ...]], ...]:
    compiled = []
    for term in terms:
        if syntax == "cii":
            paths = term.cii
        elif syntax == "ubl-creditnote" and term.ubl_credit_note:
            paths = term.ubl_credit_note
        else:
            paths = term.ubl
        if isinstance(paths, str):
            paths = (paths,)
        compiled.append((term, tuple(etree.XPath(p, namespaces=NS) for p in paths or ())))
    return tuple(compiled)


_SYNTAXES = ("cii", "ubl-invoice", "ubl-creditnote")
_HEADER = {syntax: _compile(HEADER, syntax) for syntax in _SYNTAXES}
_LINE = {syntax: _compile(LINE, syntax) for syntax in _SYNTAXES}
_LINES = {syntax: etree.XPath(path, namespaces=NS) for syntax, path in LINES.items()}
_CURRENCY = {syntax: next(paths for term, paths in _HEADER[syntax] if term.attribute == "currency")
             for syntax in _SYNTAXES}


def syntax_of(root: etree._Element) -> str:
    """``"cii"``, ``"ubl-invoice"`` or ``"ubl-creditnote"``; raises ExtractionError for anything else."""
    tag = root.tag
    if tag in SYNTAX_OF_ROOT:
        return SYNTAX_OF_ROOT[tag]
    if tag in _REFUSED_ROOTS:
        raise ExtractionError(_REFUSED_ROOTS[tag])
    raise ExtractionError(f"root element {etree.QName(tag).localname!r} "
                          f"({etree.QName(tag).namespace or 'no namespace'}) is not a UBL 2.1 "
                          "Invoice/CreditNote nor a UN/CEFACT CII CrossIndustryInvoice")


def extract_invoice(root: etree._Element, file: str) -> Invoice:
    """The invoice terms of ``root``; raises ExtractionError naming the term and element at fault."""
    syntax = syntax_of(root)
    values: dict = {}
    currency = _first_text(root, _CURRENCY[syntax])  # BT-5 first: BT-110 depends on it
    for term, paths in _HEADER[syntax]:
        values[term.attribute] = _value(root, term, paths, syntax, currency)
    lines = []
    for index, element in enumerate(_LINES[syntax](root), start=1):
        line_values = {term.attribute: _value(element, term, paths, syntax, currency)
                       for term, paths in _LINE[syntax]}
        lines.append(Line(pointer=f"{etree.QName(element).localname}[{index}]", **line_values))
    return Invoice(file=file, syntax=syntax, lines=tuple(lines), **values)


def _first_text(node, paths) -> str | None:
    for path in paths:
        for element in path(node):
            text = element.text
            if text is not None:
                text = text.strip()
                if text:
                    return text
    return None


def _value(node, term: _Term, paths, syntax: str, currency: str | None):
    kind = term.kind
    if kind == "attr":
        for path in paths:
            for value in path(node):
                if value:
                    return str(value)
        return None
    if kind == "ids":
        found = []
        for path in paths:
            for element in path(node):
                text = (element.text or "").strip()
                if text:
                    found.append((element.get("schemeID"), text))
        return tuple(found)
    if kind == "classes":
        found = []
        for element in paths[0](node):
            text = (element.text or "").strip()
            if text:
                found.append(Classification(text, element.get("listID"), element.get("listVersionID")))
        return tuple(found)
    if term.attribute == "total_vat":
        if currency is None:
            return None
        elements = [e for e in paths[0](node, currency=currency)]
    else:
        elements = [e for path in paths for e in path(node)]
    for element in elements:
        text = element.text
        if text is None or not text.strip():
            continue
        text = text.strip()
        if kind == "text":
            return text
        if kind == "date":
            return _date(text, syntax, term, element)
        return _decimal(text, term, element)
    return None


def _where(term: _Term, element) -> str:
    return f"{term.bt} ({etree.QName(element).localname}, line {element.sourceline})"


def _date(text: str, syntax: str, term: _Term, element) -> date:
    # Fixed layouts: slicing is several times faster than strptime, and as strict.
    try:
        if syntax == "cii" and len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if syntax != "cii" and len(text) == 10 and text[4] == text[7] == "-":
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        raise ValueError(text)
    except ValueError:
        expected = "YYYYMMDD, format 102" if syntax == "cii" else "YYYY-MM-DD"
        raise ExtractionError(f"{_where(term, element)}: {text[:40]!r} is not a date ({expected})") from None


def _decimal(text: str, term: _Term, element) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ExtractionError(f"{_where(term, element)}: {text[:40]!r} is not a number") from None
    if not value.is_finite():
        raise ExtractionError(f"{_where(term, element)}: {text[:40]!r} is not a finite number")
    if abs(value) >= MAX_AMOUNT:
        raise ExtractionError(f"{_where(term, element)}: {text[:40]!r} is out of range")
    return value

