"""SIREN, SIRET and EU VAT numbers: checked with python-stdnum, reduced to a lookup key."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s.\-/]+")


def compact(text: str) -> str:
    """Upper case with spaces, dots, dashes and slashes removed."""
    return _SPACES.sub("", text).upper()


def invalid_tax_id_reason(kind: str, value: str) -> str | None:
    """Why ``value`` is not a valid ``siren`` or ``vat`` number, or None when it is."""
    if kind == "siren":
        from stdnum.fr import siren

        if not siren.is_valid(value):
            return f"siren: {value!r} is not a valid SIREN (9 digits, Luhn checksum)"
        return None
    from stdnum.eu import vat

    if not vat.is_valid(value):
        return f"vat: {value!r} is not a valid EU VAT number"
    return None


def tax_id_keys(text: str) -> tuple[str | None, str | None]:
    """``(siren, vat)`` keys for a SIREN, SIRET or EU VAT number; None for what it is not.

    A French VAT number carries the SIREN (``FRkk`` + SIREN), so both come back.
    Invalid checksums give ``(None, None)``: a typo must not match another company.
    """
    value = compact(text)
    if value.isdigit():
        from stdnum.fr import siren, siret

        if len(value) == 14 and siret.is_valid(value):
            return value[:9], None
        if len(value) == 9 and siren.is_valid(value):
            return value, None
        return None, None
    from stdnum.eu import vat

    if len(value) > 2 and value[:2].isalpha() and vat.is_valid(value):
        number = vat.compact(value)
        if number.startswith("FR") and number[-9:].isdigit():
            return number[-9:], number
        return None, number
    return None, None
