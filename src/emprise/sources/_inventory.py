"""What CSV, XLSX and YAML inventories share: column names and row -> record.

The three formats differ only in how they produce a row (a mapping of column
to raw value) and where it is (line, row, record index). Everything about the
meaning of columns lives here, documented in docs/inventory-format.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from emprise.model import (
    Asset,
    AssetKind,
    Capability,
    Contract,
    Edge,
    EdgeKind,
    MAX_AMOUNT,
    Locator,
    NodeType,
    Product,
    Record,
    Ref,
    Rejection,
    Vendor,
    ref,
    slugify,
)

# canonical column -> accepted headers (compared after fold_header()).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "code", "asset id", "key"),
    "name": (
        "name",
        "nom",
        "application",
        "logiciel",
        "service",
        "actif",
        "asset",
        "nom de l application",
    ),
    "kind": ("kind", "type", "nature", "categorie d actif", "asset kind", "type d actif"),
    "vendor": (
        "vendor",
        "editeur",
        "fournisseur",
        "constructeur",
        "supplier",
        "publisher",
        "manufacturer",
    ),
    "product": ("product", "produit"),
    "capability": (
        "capability",
        "fonction",
        "capacite",
        "metier",
        "domaine fonctionnel",
        "processus",
        "business capability",
        "fonction metier",
    ),
    "criticality": ("criticality", "criticite"),
    "description": ("description", "commentaire", "comment", "notes"),
    "version": ("version",),
    "users": ("users", "utilisateurs", "nb utilisateurs", "nombre d utilisateurs", "user count"),
    "hosted_on": (
        "hosted on",
        "hosting",
        "hebergement",
        "hebergeur",
        "heberge sur",
        "cloud",
        "provider",
    ),
    "data_location": (
        "data location",
        "localisation des donnees",
        "pays des donnees",
        "data country",
    ),
    "personal_data": ("personal data", "donnees personnelles", "donnees a caractere personnel"),
    "depends_on": ("depends on", "depend de", "dependances", "dependencies"),
    "annual_cost": (
        "annual cost",
        "cout annuel",
        "montant annuel",
        "budget annuel",
        "cost per year",
    ),
    "currency": ("currency", "devise", "monnaie"),
    "contract_start": (
        "contract start",
        "debut contrat",
        "date de debut",
        "start date",
        "debut du contrat",
    ),
    "contract_end": (
        "contract end",
        "fin contrat",
        "echeance",
        "date de fin",
        "end date",
        "fin du contrat",
    ),
    "auto_renewal": (
        "auto renewal",
        "reconduction tacite",
        "renouvellement automatique",
        "tacit renewal",
    ),
    "notice": (
        "notice",
        "notice days",
        "notice period",
        "preavis",
        "preavis jours",
        "delai de preavis",
    ),
    "purl": ("purl", "package url"),
    "licence": ("licence", "license"),
}
_HEADER_INDEX = {
    alias: canonical for canonical, aliases in COLUMN_ALIASES.items() for alias in aliases
}

# Hosting words that mean "on our own premises": no hosted_on edge.
ON_PREMISES = {
    "sur site",
    "on premises",
    "on premise",
    "on prem",
    "interne",
    "local",
    "site",
    "datacenter interne",
    "salle serveur",
    "self hosted",
    "auto heberge",
}

MAX_KEY = 500


def fold_header(text: str) -> str:
    """Lower case, no accents, punctuation and underscores to single spaces, no unit in brackets."""
    text = re.sub(r"\(.*?\)", " ", str(text))
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def canonical_column(header: str) -> str | None:
    """The canonical column a header means, or None when we do not know it."""
    folded = fold_header(header)
    if folded in _HEADER_INDEX:
        return _HEADER_INDEX[folded]
    # "Préavis (jours)" folds to "preavis"; "Coût annuel (€ HT)" to "cout annuel".
    return None


class FieldError(ValueError):
    """One value of a row is invalid; the message names the column."""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


_INT64_MAX = 2**63 - 1


def parse_int(value, column: str, *, low: int | None = None, high: int | None = None) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{column}: expected a whole number, got {value!r}")
    try:
        if isinstance(value, (int, float, Decimal)):
            number = Decimal(str(value))
        else:
            number = Decimal(re.sub(r"[\s\u00a0\u202f]", "", str(value)))
        if not number.is_finite() or number != number.to_integral_value():
            raise InvalidOperation  # "inf", "NaN" and fractions are not whole numbers
        result = int(number)
    except (InvalidOperation, ValueError, OverflowError):
        raise FieldError(f"{column}: expected a whole number, got {value!r}") from None
    if abs(result) > _INT64_MAX:  # the stores keep 64-bit integers
        raise FieldError(f"{column}: {value!r} is too large for a whole number")
    if low is not None and result < low or high is not None and result > high:
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise FieldError(f"{column}: {result} is out of range (must be {bounds})")
    return result


_MONEY_NOISE = re.compile(r"[\s\u00a0\u202f€$£]|eur|ht|ttc", re.IGNORECASE)


def parse_money(value, column: str) -> Decimal | None:
    """An amount ≥ 0 from ``12345.67``, ``12 345,67 €``, ``12,345.67`` or a spreadsheet number."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(f"{column}: expected an amount, got {value!r}")
    if isinstance(value, (int, float, Decimal)):
        amount = Decimal(str(value))
    else:
        text = _MONEY_NOISE.sub("", str(value))
        if "," in text and "." in text:
            # The last separator is the decimal one: "1.234,56" or "1,234.56".
            decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal_sep == "," else ","
            text = text.replace(thousands, "").replace(decimal_sep, ".")
        elif text.count(",") > 1:
            text = text.replace(",", "")  # 1,234,567
        elif text.count(".") > 1:
            text = text.replace(".", "")  # 1.234.567
        else:
            text = text.replace(",", ".")  # French decimal comma
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise FieldError(f"{column}: not an amount: {value!r}") from None
    if not amount.is_finite():
        raise FieldError(f"{column}: not an amount: {value!r}")
    if amount < 0:
        raise FieldError(f"{column}: negative amount {value!r}")
    if amount >= MAX_AMOUNT:
        raise FieldError(f"{column}: amount too large: {value!r}")
    return amount.quantize(Decimal("0.01"))


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value, column: str) -> date | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError(f"{column}: not a date: {value!r} (use 2025-01-31 or 31/01/2025)")


_TRUE = {"yes", "y", "oui", "o", "true", "vrai", "1", "x"}
_FALSE = {"no", "n", "non", "false", "faux", "0"}


def parse_bool(value, column: str) -> bool | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        return value
    folded = fold_header(str(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise FieldError(f"{column}: expected yes/no (oui/non), got {value!r}")


_NOTICE = re.compile(r"^(\d+)\s*([a-z]*)$")
_NOTICE_UNITS = {
    "": 1,
    "j": 1,
    "jour": 1,
    "jours": 1,
    "d": 1,
    "day": 1,
    "days": 1,
    "m": 30,
    "mois": 30,
    "month": 30,
    "months": 30,
    "sem": 7,
    "semaine": 7,
    "semaines": 7,
    "week": 7,
    "weeks": 7,
    "w": 7,
    "an": 365,
    "ans": 365,
    "annee": 365,
    "year": 365,
    "years": 365,
    "y": 365,
}


def parse_notice(value, column: str) -> int | None:
    """A notice period in days from ``90``, ``90 jours``, ``3 mois``, ``3 months``, ``1 an``."""
    if _blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_int(value, column, low=0)
    match = _NOTICE.match(fold_header(str(value)))
    if not match or match.group(2) not in _NOTICE_UNITS:
        raise FieldError(f"{column}: not a notice period: {value!r} (e.g. 90 jours, 3 mois)")
    return int(match.group(1)) * _NOTICE_UNITS[match.group(2)]


def parse_currency(value, column: str) -> str | None:
    text = _text(value)
    if text is None:
        return None
    text = {"€": "EUR", "$": "USD", "£": "GBP"}.get(text, text.upper())
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise FieldError(f"{column}: not an ISO 4217 currency code: {value!r}")
    return text


def split_names(value) -> list[str]:
    text = _text(value)
    if text is None:
        return []
    return [part.strip() for part in re.split(r"[|;,\n]", text) if part.strip()]


def make_key(text: str, column: str) -> str:
    try:
        key = slugify(text)
    except ValueError:
        raise FieldError(f"{column}: {text!r} has no letters or digits") from None
    if len(key) > MAX_KEY:
        raise FieldError(f"{column}: longer than {MAX_KEY} characters")
    return key


class RowConverter:
    """Turns rows of one file into records, remembering keys to reject duplicates."""

    def __init__(self, default_currency: str = "EUR"):
        self.default_currency = default_currency
        self._seen: dict[str, str] = {}  # asset key -> locator of first occurrence

    def convert(self, row: Mapping[str, object], locator: Locator) -> Record | Rejection:
        """A record for ``row`` (canonical column -> raw value), or a rejection saying why."""
        try:
            record = self._convert(row, locator)
        except FieldError as exc:
            return Rejection(locator, str(exc))
        return record

    def _convert(self, row: Mapping[str, object], locator: Locator) -> Record:
        name = _text(row.get("name"))
        if name is None:
            raise FieldError("name: empty (every asset needs a name)")
        key = make_key(_text(row.get("id")) or name, "id" if _text(row.get("id")) else "name")
        if key in self._seen:
            raise FieldError(f"duplicate asset {name!r} (first seen at {self._seen[key]})")

        kind_text = _text(row.get("kind"))
        try:
            kind = AssetKind.parse(kind_text) if kind_text else None
        except ValueError as exc:
            raise FieldError(f"kind: {exc}") from None

        asset = Asset(
            key=key,
            name=name,
            kind=kind,
            description=_text(row.get("description")),
            version=_text(row.get("version")),
            purl=_text(row.get("purl")),
            users=parse_int(row.get("users"), "users", low=0),
            data_location=_text(row.get("data_location")),
            personal_data=parse_bool(row.get("personal_data"), "personal_data"),
            declared=True,
            licence=_text(row.get("licence")),
        )
        nodes: list = [asset]
        edges: list[Edge] = []
        asset_ref = ref(asset)

        vendor_name = _text(row.get("vendor"))
        product_name = _text(row.get("product"))
        if vendor_name or product_name:
            product = Product(
                key=make_key(product_name or name, "product"), name=product_name or name
            )
            nodes.append(product)
            edges.append(Edge(EdgeKind.INSTANCE_OF, asset_ref, ref(product)))
            if vendor_name:
                vendor = Vendor(key=make_key(vendor_name, "vendor"), name=vendor_name)
                nodes.append(vendor)
                edges.append(Edge(EdgeKind.MADE_BY, ref(product), ref(vendor)))

        capability_name = _text(row.get("capability"))
        criticality = parse_int(row.get("criticality"), "criticality", low=1, high=4)
        if capability_name:
            capability = Capability(
                key=make_key(capability_name, "capability"),
                name=capability_name,
                criticality=criticality,
            )
            nodes.append(capability)
            edges.append(Edge(EdgeKind.USES, ref(capability), asset_ref))
        elif criticality is not None:
            raise FieldError("criticality: given without a capability it would apply to")

        hosting = _text(row.get("hosted_on"))
        if hosting and fold_header(hosting) not in ON_PREMISES:
            provider = Product(key=make_key(hosting, "hosted_on"), name=hosting)
            nodes.append(provider)
            edges.append(Edge(EdgeKind.HOSTED_ON, asset_ref, ref(provider)))

        for dependency in split_names(row.get("depends_on")):
            target = make_key(dependency, "depends_on")
            if target != key:
                edges.append(Edge(EdgeKind.DEPENDS_ON, asset_ref, Ref(NodeType.ASSET, target)))

        contract = self._contract(row, key)
        if contract is not None:
            nodes.append(contract)
            edges.append(Edge(EdgeKind.GOVERNS, ref(contract), asset_ref))

        self._seen[key] = str(locator)
        return Record(locator=locator, nodes=tuple(nodes), edges=tuple(edges))

    def _contract(self, row: Mapping[str, object], asset_key: str) -> Contract | None:
        cost = parse_money(row.get("annual_cost"), "annual_cost")
        currency = parse_currency(row.get("currency"), "currency")
        start = parse_date(row.get("contract_start"), "contract_start")
        end = parse_date(row.get("contract_end"), "contract_end")
        renewal = parse_bool(row.get("auto_renewal"), "auto_renewal")
        notice = parse_notice(row.get("notice"), "notice")
        if start and end and end < start:
            raise FieldError(
                f"contract_end: {end.isoformat()} is before contract_start {start.isoformat()}"
            )
        if all(v is None for v in (cost, currency, start, end, renewal, notice)):
            return None
        if cost is not None and currency is None:
            currency = self.default_currency
        return Contract(
            key=f"{asset_key}.contract",
            annual_cost=cost,
            currency=currency,
            start=start,
            end=end,
            auto_renewal=renewal,
            notice_days=notice,
        )


def map_headers(headers: list[object]) -> tuple[list[str | None], list[str]]:
    """Canonical column per header position, and the headers we do not know (to report)."""
    mapped: list[str | None] = []
    unknown: list[str] = []
    for header in headers:
        column = canonical_column(str(header)) if not _blank(header) else None
        if column is not None and column in mapped:
            column = None  # a second column meaning the same thing is ignored, not merged
            unknown.append(str(header))
        elif column is None and not _blank(header):
            unknown.append(str(header))
        mapped.append(column)
    return mapped, unknown


def looks_like_inventory_header(headers: list[str]) -> bool:
    """True when the headers name an asset column: that is what makes a file an inventory."""
    mapped, _ = map_headers(list(headers))
    return "name" in mapped and sum(1 for m in mapped if m) >= 2
