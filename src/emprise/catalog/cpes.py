"""CPE names (NIST's Common Platform Enumeration) reduced to a ``(vendor, product)`` key.

Two bindings are read:

- the CPE 2.3 formatted string, ``cpe:2.3:a:microsoft:exchange_server:2019:*:*:*:*:*:*:*``
  (fields split on unescaped ``:``, ``\\`` quotes the next character);
- the CPE 2.2 URI, ``cpe:/a:microsoft:exchange_server:2019`` (percent-encoded).

Only the vendor and product fields matter for the catalog: versions, updates and
editions name releases of the same product. Both come back lower-cased and
unquoted (``node\\.js`` -> ``node.js``), the form the data files use in
``cpe_vendors:`` and ``cpe:``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# What a vendor or product field may hold once unquoted (NISTIR 7695 allows any
# printable character but the wildcards; NVD uses letters, digits and ._-~!+ etc.).
_NAME_RE = re.compile(r"^[a-z0-9._\-~!+#$%&'()@\[\]^`{|}/=,;<>\":]+$")
_PARTS = frozenset({"a", "o", "h", "*", "-", ""})


def check_cpe_name(text: str, *, vendor: bool = False) -> str | None:
    """A reason when ``text`` is not a CPE vendor or product name as the data files
    write them (lower case, unquoted, no wildcard; a vendor name has no ``:``), else None."""
    if not _NAME_RE.match(text) or text in {"*", "-"} or (vendor and ":" in text):
        return f"{text!r} is not a CPE {'vendor' if vendor else 'product'} name (lower case, unquoted, no wildcard, e.g. exchange_server)"
    return None


def _split_formatted(body: str) -> list[str]:
    """Fields of a 2.3 formatted string body, split on unescaped ``:`` and unquoted."""
    fields: list[str] = []
    current: list[str] = []
    escaped = False
    for char in body:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def cpe_key(text: str) -> tuple[str, str] | None:
    """``(vendor, product)`` of a CPE 2.3 formatted string or 2.2 URI, normalised.

    Returns None when ``text`` is not a CPE name, or when its vendor or product is
    a wildcard (``*``, ``-``, empty): such a name says nothing about one product.
    """
    text = text.strip()
    lowered = text.lower()
    if lowered.startswith("cpe:2.3:"):
        fields = _split_formatted(text[len("cpe:2.3:"):])
        if len(fields) < 3:
            return None
    elif lowered.startswith("cpe:/"):
        fields = [unquote(field) for field in text[len("cpe:/"):].split(":")]
        if len(fields) < 3:
            return None
    else:
        return None
    part, vendor, product = (field.strip().lower() for field in fields[:3])
    if part not in _PARTS:
        return None
    if vendor in {"", "*", "-"} or product in {"", "*", "-"}:
        return None
    if check_cpe_name(vendor, vendor=True) or check_cpe_name(product):
        return None
    return vendor, product


def is_cpe(text: str) -> bool:
    """Whether ``text`` starts like a CPE name (``cpe:2.3:`` or ``cpe:/``)."""
    lowered = text.strip().lower()
    return lowered.startswith("cpe:2.3:") or lowered.startswith("cpe:/")
