"""What the SBOM sources (CycloneDX, SPDX 2, SPDX 3) share.

Each format module reads its own syntax into ``Package`` values and a list of
dependency pairs; this module turns them into ``Record`` values the same way for
every format, so a package gets the same keys whichever SBOM tool described it:

- asset key: the slug of the canonical purl (with version), else of
  ``group/name@version``; product key: the slug of the purl without version,
  qualifiers and subpath, else of ``group/name``;
- a vendor only when the SBOM names one (manufacturer, supplier, publisher,
  author...): guessing vendors from purl namespaces is the catalog's job.

Format modules raise ``BadRecord`` for a record they cannot take (``OutOfScope``
for one that is fine but not technology); it never leaves the sources package, it
becomes a ``Rejection``. ``RefTable`` makes sure dependency edges only join assets
the same file emits.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from packageurl import PackageURL

from emprise.errors import SourceError
from emprise.model import (
    Asset,
    AssetKind,
    Edge,
    EdgeKind,
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

#: SBOMs of large monorepos reach tens of megabytes; above this, something is wrong.
SBOM_MAX_BYTES = 200 * 1024 * 1024

#: Longest library message kept in a rejection reason; some libraries dump whole type hints.
_REASON_CHARS = 300

T = TypeVar("T")


class BadRecord(Exception):
    """One record cannot be taken; the message is the reason shown to the user."""


class OutOfScope(BadRecord):
    """A well-formed record of something that is not technology (a dataset, an algorithm).

    Its identifier stays known, so that dependencies naming it skip it instead of
    being rejected in turn.
    """


# --- reading the whole file -------------------------------------------------


def read_capped(path: Path, display_name: str, max_bytes: int) -> bytes:
    """The bytes of ``path``; raises SourceError when unreadable or larger than ``max_bytes``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(display_name, _too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(display_name, exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:  # the file grew between stat() and read()
        raise SourceError(display_name, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"the file is {size / 1e6:.1f} MB, above the {max_bytes / 1e6:.0f} MB limit for SBOMs"


def load_json(data: bytes, display_name: str) -> object:
    """The parsed JSON document; raises SourceError when it is not valid JSON."""
    try:
        return json.loads(data)
    except RecursionError as exc:
        raise SourceError(display_name, "not readable JSON: nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are both ValueError
        raise SourceError(display_name, f"not valid JSON: {exc}") from exc


def json_pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from keys and indexes: ``json_pointer("components", 3)``."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "".join(f"/{part}" for part in escaped)


# --- one record ----------------------------------------------------------------


def library_call(what: str, call: Callable[[], T]) -> T:
    """The result of ``call()``; raises BadRecord naming ``what`` when the library refuses it."""
    try:
        with warnings.catch_warnings():
            # The libraries warn about fields the format deprecated (CycloneDX "author"):
            # such a field is still read, and the warning would only be noise for the user.
            warnings.simplefilter("ignore")
            return call()
    # The SBOM libraries raise TypeError, ValueError, AttributeError, KeyError and their
    # own errors for bad input: any of them means this one record is bad, not the file.
    except Exception as exc:  # noqa: BLE001
        raise BadRecord(f"{what}: {short_reason(exc)}") from exc


def short_reason(exc: BaseException) -> str:
    """The first line of an exception message, cut to a readable length."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= _REASON_CHARS else text[: _REASON_CHARS - 1] + "…"


def text_or_none(value: object, what: str) -> str | None:
    """``value`` stripped, ``None`` when absent or blank; raises BadRecord when not text.

    Numbers are accepted as text: ``"version": 2`` is a common slip that hides no meaning.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise BadRecord(f"{what} must be text, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def key_of(text: str, what: str) -> str:
    """The slug of ``text``; raises BadRecord when nothing of it is left."""
    try:
        return slugify(text)
    except ValueError as exc:
        raise BadRecord(f"{what} {text!r} gives no usable key") from exc


def parse_purl(text: object) -> PackageURL:
    """The package URL in ``text``; raises BadRecord saying why it is invalid."""
    if not isinstance(text, str):
        raise BadRecord(f"invalid purl: must be text, not {type(text).__name__}")
    try:
        return PackageURL.from_string(text.strip())
    except ValueError as exc:
        raise BadRecord(f"invalid purl {text!r}: {short_reason(exc)}") from exc


@dataclass(frozen=True, slots=True)
class Package:
    """One software package as an SBOM describes it, whatever the format."""

    name: str
    kind: AssetKind
    group: str | None = None  # CycloneDX group (Maven groupId, npm scope, Composer vendor)
    version: str | None = None
    purl: PackageURL | None = None
    licence: str | None = None  # SPDX expression
    vendor: str | None = None  # the organisation (or person) the SBOM says made it
    description: str | None = None


def display_name(name: str, group: str | None, purl: PackageURL | None) -> str:
    """How a package is named to people: ``group:name`` for Maven, ``group/name`` otherwise.

    Maven people write ``org.apache.commons:commons-lang3``; npm scopes
    (``@angular/core``) and Composer vendors (``laravel/framework``) use a slash.
    """
    if not group:
        return name
    separator = ":" if purl is not None and purl.type == "maven" else "/"
    return f"{group}{separator}{name}"


def package_record(locator: Locator, package: Package, *, key_by_name: bool = False) -> Record:
    """The asset, product and (if named) vendor of one package; raises BadRecord.

    ``key_by_name`` keys the asset by its name alone: for what an SBOM describes (its root
    application), which an inventory lists by name too — both then describe one asset.
    """
    purl = package.purl
    if purl is not None and purl.version is None and package.version is not None:
        # The asset is one exact package: put the SBOM's version into a version-less purl.
        purl = purl._replace(version=package.version)
    versioned = "/".join(filter(None, (package.group, package.name)))
    if package.version:
        versioned += f"@{package.version}"
    product_purl = purl._replace(version=None, qualifiers=None, subpath=None) if purl else None
    name = display_name(package.name, package.group, purl)
    asset = Asset(
        key=key_of(name if key_by_name else purl.to_string() if purl else versioned, "package"),
        name=name,
        kind=package.kind,
        description=package.description,
        version=package.version,
        purl=purl.to_string() if purl else None,
        licence=package.licence,
    )
    product = Product(
        key=key_of(
            product_purl.to_string()
            if product_purl
            else "/".join(filter(None, (package.group, package.name))),
            "package",
        ),
        name=name,
        purl=product_purl.to_string() if product_purl else None,
    )
    return made_record(locator, asset, product, package.vendor)


def made_record(
    locator: Locator, asset: Asset, product: Product, vendor_name: str | None
) -> Record:
    """Asset instance_of product, and product made_by vendor when one is named; raises BadRecord."""
    nodes: list[Asset | Product | Vendor] = [asset, product]
    edges = [Edge(EdgeKind.INSTANCE_OF, ref(asset), ref(product))]
    if vendor_name:
        vendor = Vendor(key=key_of(vendor_name, "vendor name"), name=vendor_name)
        nodes.append(vendor)
        edges.append(Edge(EdgeKind.MADE_BY, ref(product), ref(vendor)))
    return Record(locator=locator, nodes=tuple(nodes), edges=tuple(edges))


# --- dependencies between the packages of one file -------------------------------


class RefTable:
    """The file-local identifiers (bom-ref, SPDXID) seen so far, and the asset key of each.

    Dependency edges may only name assets this same file emits, so every
    identifier is recorded: landed (with its asset key), or rejected.
    """

    def __init__(self) -> None:
        self._first_seen: dict[str, Locator] = {}
        self._keys: dict[str, str] = {}
        self._not_assets: set[str] = set()

    def check_new(self, local_id: str, what: str) -> None:
        """Raises BadRecord when ``local_id`` was already declared in this file."""
        if local_id in self._first_seen:
            raise BadRecord(
                f"duplicate {what} {local_id!r} (first at {self._first_seen[local_id]})"
            )

    def declare(self, local_id: str, locator: Locator, asset_key: str | None) -> None:
        """Records ``local_id`` as seen at ``locator``: landed as ``asset_key``, or rejected."""
        self._first_seen.setdefault(local_id, locator)
        if asset_key is not None:
            self._keys[local_id] = asset_key

    def declare_not_asset(self, local_id: str, locator: Locator) -> None:
        """Records ``local_id`` as an element that is no asset (a build tool, a dataset)."""
        self._first_seen.setdefault(local_id, locator)
        self._not_assets.add(local_id)

    def is_not_asset(self, local_id: object) -> bool:
        """Whether dependencies should skip ``local_id``: it names an element that is no asset."""
        return isinstance(local_id, str) and local_id in self._not_assets

    def asset_key(self, local_id: object, what: str) -> str:
        """The asset key ``local_id`` landed as; raises BadRecord saying why there is none."""
        if local_id is None:
            raise BadRecord(f"no {what} given")
        if not isinstance(local_id, str):
            raise BadRecord(f"{what} must be text, not {type(local_id).__name__}")
        if local_id in self._keys:
            return self._keys[local_id]
        if local_id in self._first_seen:
            raise BadRecord(
                f"{what} {local_id!r} names a record that was rejected "
                f"(at {self._first_seen[local_id]})"
            )
        raise BadRecord(f"unknown {what} {local_id!r}: no such element in this file")


def depends_on_record(locator: Locator, pairs: Iterable[tuple[str, str]]) -> Record | None:
    """One record of ``asset depends_on asset`` edges from ``(src, dst)`` asset keys.

    Self-loops (a package listed as its own dependency, or two entries that
    collapse to one key) and repeated pairs are dropped; ``None`` when no edge is left.
    """
    edges = {  # a dict keeps the first-seen order while dropping repeats
        Edge(EdgeKind.DEPENDS_ON, Ref(NodeType.ASSET, src), Ref(NodeType.ASSET, dst)): None
        for src, dst in pairs
        if src != dst
    }
    return Record(locator=locator, edges=tuple(edges)) if edges else None


def rejection(locator: Locator, exc: BadRecord) -> Rejection:
    """The rejection of the record at ``locator`` for the reason in ``exc``."""
    return Rejection(locator=locator, reason=str(exc))
