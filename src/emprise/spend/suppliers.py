"""Who an invoice's seller is: checked identifiers, country, and the catalog vendor.

Identifiers are validated and normalised with python-stdnum: a SIREN (9 digits),
a SIRET (14 digits; old samples put one under scheme 0002, the SIREN scheme: it
is recognised by its length and checksum), an EU VAT number (``EL`` is Greece).
A number that fails its checksum is kept out: a typo must not match another
company.

Matching, strongest first: VAT number or SIREN in the catalog (confidence 1.0);
the normalised name (0.95); a close name by rapidfuzz (its ratio x 0.9); the
name without trailing words, for subsidiaries named after their group —
"Microsoft Ireland Operations Ltd" -> Microsoft (0.7). What matches nothing is
listed for curation, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from emprise.spend.terms import Invoice

SIREN_SCHEME = "0002"
SIRET_SCHEME = "0009"
_VAT_COUNTRY = {"EL": "GR", "XI": "GB"}  # VAT prefixes that are not ISO 3166 codes


@dataclass(frozen=True, slots=True)
class SellerIds:
    """The seller's checked identifiers and country; None where absent or invalid."""

    vat: str | None = None
    siren: str | None = None
    siret: str | None = None
    country: str | None = None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in ".-/")


# Thousands of invoices come from a few hundred sellers: check each identifier once.
@lru_cache(maxsize=8192)
def normalise_vat(text: str | None) -> str | None:
    """The compact EU VAT number when valid (``"fr 22 424 761 419"`` -> ``"FR22424761419"``), else None."""
    if not text:
        return None
    from stdnum.eu import vat

    try:
        return vat.validate(text)
    except Exception:  # stdnum raises ValidationError subclasses; any failure means "not valid"
        return None


@lru_cache(maxsize=8192)
def siren_or_siret(text: str | None) -> tuple[str | None, str | None]:
    """``(siren, siret)`` from a SIREN or SIRET whatever scheme it was filed under; checksums verified."""
    if not text:
        return None, None
    from stdnum.fr import siren, siret

    value = _digits(text)
    if len(value) == 14 and siret.is_valid(value):
        return value[:9], value
    if len(value) == 9 and siren.is_valid(value):
        return value, None
    return None, None


def seller_ids(invoice: Invoice) -> SellerIds:
    """The seller's VAT, SIREN, SIRET and country from BT-29/30/31/40."""
    vat = normalise_vat(invoice.seller_vat)
    siren = siret = None
    candidates = []
    if invoice.seller_legal_id and invoice.seller_legal_id_scheme in (None, SIREN_SCHEME, SIRET_SCHEME):
        candidates.append(invoice.seller_legal_id)
    candidates += [ident for scheme, ident in invoice.seller_ids if scheme in (SIREN_SCHEME, SIRET_SCHEME)]
    for candidate in candidates:
        found_siren, found_siret = siren_or_siret(candidate)
        siren = siren or found_siren
        siret = siret or found_siret
    if vat and vat.startswith("FR") and siren is None and vat[-9:].isdigit():
        siren = vat[-9:]
    country = (invoice.seller_country or "").strip().upper() or None
    if country is None and vat:
        country = _VAT_COUNTRY.get(vat[:2], vat[:2])
    if country in _VAT_COUNTRY:
        country = _VAT_COUNTRY[country]
    if country is None and invoice.syntax != "fec" and siren:
        country = "FR"
    return SellerIds(vat=vat, siren=siren, siret=siret, country=country)


@dataclass(frozen=True, slots=True)
class VendorMatch:
    """The catalog vendor an invoice's seller is, how we know, and how sure we are (0-1)."""

    vendor_id: str | None
    method: str  # vat | siren | name | fuzzy | name-prefix | none
    confidence: float


NO_MATCH = VendorMatch(None, "none", 0.0)


class VendorMatcher:
    """Matches sellers to catalog vendors; caches by (ids, name) so thousands of invoices cost little."""

    FUZZY_CUTOFF = 90

    def __init__(self, catalog):
        self.catalog = catalog
        self._cache: dict[tuple, VendorMatch] = {}

    @cached_property
    def _names(self) -> list[str]:
        return list(self.catalog.vendor_names)

    def match(self, ids: SellerIds, name: str | None) -> VendorMatch:
        key = (ids.vat, ids.siren, name)
        if key not in self._cache:
            self._cache[key] = self._match(ids, name)
        return self._cache[key]

    def _match(self, ids: SellerIds, name: str | None) -> VendorMatch:
        for value, method in ((ids.vat, "vat"), (ids.siret or ids.siren, "siren")):
            if value:
                entry = self.catalog.vendor_for_tax_id(value)
                if entry is not None:
                    return VendorMatch(entry.id, method, 1.0)
        if not name:
            return NO_MATCH
        entry = self.catalog.find_vendor(name)
        if entry is not None:
            return VendorMatch(entry.id, "name", 0.95)
        from rapidfuzz import fuzz, process

        from emprise.catalog.names import normalise_name

        folded = normalise_name(name)
        if not folded:
            return NO_MATCH
        best = process.extractOne(folded, self._names, scorer=fuzz.token_sort_ratio,
                                  score_cutoff=self.FUZZY_CUTOFF)
        if best is not None:
            vendor_id = self.catalog.vendor_names[best[0]][0]
            return VendorMatch(vendor_id, "fuzzy", round(best[1] / 100 * 0.9, 2))
        words = folded.split()
        for end in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:end])
            ids_found = self.catalog.vendor_names.get(prefix) if len(prefix) >= 4 else None
            if ids_found:
                return VendorMatch(ids_found[0], "name-prefix", 0.7)
        return NO_MATCH
