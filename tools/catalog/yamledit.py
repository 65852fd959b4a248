"""Line-level edits of the catalog's vendor files, keeping their layout and comments.

The vendor files are written by ``draft.py`` in one regular layout (a ``vendor:``
block indented by two spaces, products as ``  - id: …`` items indented by four);
these helpers change one fact in place, as ``{value: …, source: …, as_of: …}``,
so the diff shows exactly the fact that was checked. Offline; the package never
imports this module.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "emprise" / "catalog" / "data"
DRAFT_MARK = "# drafted by tools/catalog/draft.py"
UNVERIFIED = "# unverified: drafted from memory, not yet checked against its source"


class EditError(Exception):
    """The file does not have the layout these helpers expect."""


def vendor_file(vendor_id: str) -> Path:
    """The file whose top-level ``vendor:`` block has this id."""
    path = DATA / "vendors" / f"{vendor_id}.yaml"
    if path.exists():
        return path
    for candidate in sorted((DATA / "vendors").glob("*.yaml")):
        if re.search(rf"^vendor:\n(?:  .*\n)*?  id: {re.escape(vendor_id)}\n", candidate.read_text(encoding="utf-8"), re.M):
            return candidate
    raise EditError(f"no vendor file for {vendor_id!r}")


def scalar(value: object) -> str:
    """A YAML flow scalar or list for ``value`` (strings JSON-quoted, which YAML reads)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.+-]*", value) and not value.isdigit() \
            and value not in {"true", "false", "null", "yes", "no", "on", "off", "none"}:
        # Digit strings (SIREN numbers) stay quoted: YAML would read them as integers.
        return value
    if isinstance(value, str) and value == "none":
        return "none"
    return json.dumps(value, ensure_ascii=False)


def sourced(value: object, source: str, as_of: str) -> str:
    return f"{{value: {scalar(value)}, source: {json.dumps(source)}, as_of: {as_of}}}"


def _block(lines: list[str], start: int, indent: str) -> tuple[int, int]:
    """``(first, end)`` line indexes of the block whose lines start with ``indent``."""
    end = start + 1
    while end < len(lines) and (lines[end].startswith(indent) or not lines[end].strip()):
        end += 1
    return start + 1, end


def _vendor_block(lines: list[str]) -> tuple[int, int]:
    for index, line in enumerate(lines):
        if line.rstrip() == "vendor:":
            return _block(lines, index, "  ")
    raise EditError("no top-level vendor: block")


def _product_block(lines: list[str], product_id: str) -> tuple[int, int]:
    for index, line in enumerate(lines):
        if line.rstrip() == f"  - id: {product_id}":
            first, end = _block(lines, index, "    ")
            return index, end
    raise EditError(f"no product {product_id!r}")


def _set_in(lines: list[str], first: int, end: int, indent: str, key: str, text: str | None, after: tuple[str, ...]) -> None:
    """Replace ``indent + key:`` between ``first`` and ``end`` with ``text`` (None deletes
    it); insert it after the last of the ``after`` keys present, else at the end."""
    prefix = f"{indent}{key}:"
    for index in range(first, end):
        if lines[index].startswith(prefix + " ") or lines[index].rstrip() == prefix:
            # A block value (a list on the following lines) goes with it.
            stop = index + 1
            while stop < end and lines[stop].startswith(indent + "  "):
                stop += 1
            if text is None:
                del lines[index:stop]
            else:
                lines[index:stop] = [f"{prefix} {text}"]
            return
    if text is None:
        return
    position = end
    while position > first and not lines[position - 1].strip():
        position -= 1
    for anchor in after:
        for index in range(first, end):
            if lines[index].startswith(f"{indent}{anchor}:"):
                stop = index + 1
                while stop < end and lines[stop].startswith(indent + "  "):
                    stop += 1
                position = stop
    lines.insert(position, f"{prefix} {text}")


def _load(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _save(path: Path, lines: list[str]) -> None:
    if lines and lines[0].startswith(DRAFT_MARK):
        # Edited by hand from now on: draft.py must leave the file alone.
        del lines[0]
    path.write_text("\n".join(lines), encoding="utf-8")


VENDOR_ORDER = ("id", "name", "legal_name", "aliases", "country", "parent", "ownership", "siren", "vat", "website", "purls", "cpe_vendors")
PRODUCT_ORDER = ("id", "source", "as_of", "name", "name_fr", "aliases", "category", "website", "domains", "purls", "cpe", "hosting",
                 "data_locations", "certifications", "open_source", "licence", "sill")


def set_vendor_fact(vendor_id: str, key: str, value: object, source: str, as_of: str) -> Path:
    """State ``key: value`` on the vendor with its own source and date."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _vendor_block(lines)
    after = VENDOR_ORDER[: VENDOR_ORDER.index(key)] if key in VENDOR_ORDER else VENDOR_ORDER
    _set_in(lines, first, end, "  ", key, sourced(value, source, as_of), after)
    _save(path, lines)
    return path


def mark_vendor_fact(vendor_id: str, key: str, comment: str = UNVERIFIED) -> Path:
    """Append ``comment`` to the vendor's ``key:`` line (once)."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _vendor_block(lines)
    for index in range(first, end):
        if lines[index].startswith(f"  {key}:") and comment not in lines[index]:
            lines[index] = f"{lines[index]}  {comment}"
    _save(path, lines)
    return path


def set_product_fact(vendor_id: str, product_id: str, key: str, value: object, source: str, as_of: str) -> Path:
    """State ``key: value`` on a product of the vendor's file, with its own source and date."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _product_block(lines, product_id)
    after = PRODUCT_ORDER[: PRODUCT_ORDER.index(key)] if key in PRODUCT_ORDER else PRODUCT_ORDER
    _set_in(lines, first + 1, end, "    ", key, sourced(value, source, as_of), after)
    _save(path, lines)
    return path


def set_product_block(vendor_id: str, product_id: str, key: str, text: str) -> Path:
    """Write ``key:`` of a product as the given YAML text (a nested mapping, e.g. ``ai``)."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _product_block(lines, product_id)
    prefix = f"    {key}:"
    for index in range(first + 1, end):
        if lines[index].startswith(prefix):
            stop = index + 1
            while stop < end and lines[stop].startswith("      "):
                stop += 1
            del lines[index:stop]
            end -= stop - index
            break
    position = end
    while position > first + 1 and not lines[position - 1].strip():
        position -= 1
    block = [prefix] + [f"      {line}" for line in text.strip("\n").split("\n")]
    lines[position:position] = block
    _save(path, lines)
    return path


def add_acquisition(vendor_id: str, acquirer: str, year: int, source: str, as_of: str) -> Path:
    """Add (or re-source) the vendor's acquisition by ``acquirer``."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _vendor_block(lines)
    item = f"    - {{acquirer: {acquirer}, year: {year}, source: {json.dumps(source)}, as_of: {as_of}}}"
    for index in range(first, end):
        if lines[index].rstrip() == "  acquisitions:":
            stop = index + 1
            while stop < end and lines[stop].startswith("    "):
                if f"acquirer: {acquirer}," in lines[stop]:
                    lines[stop] = item
                    _save(path, lines)
                    return path
                stop += 1
            lines.insert(stop, item)
            _save(path, lines)
            return path
    position = end
    while position > first and not lines[position - 1].strip():
        position -= 1
    lines[position:position] = ["  acquisitions:", item]
    _save(path, lines)
    return path


def remove_vendor_fact(vendor_id: str, key: str) -> Path:
    """Remove the vendor's ``key:`` (the fact becomes unknown)."""
    path = vendor_file(vendor_id)
    lines = _load(path)
    first, end = _vendor_block(lines)
    _set_in(lines, first, end, "  ", key, None, ())
    _save(path, lines)
    return path
