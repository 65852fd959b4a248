"""The domain model: what an organisation depends on, as frozen values.

Nodes are identified by ``(type, key)``; keys are stable slugs, so the same
thing seen in two files merges into one node. Relations are never attributes
of a node: they are ``Edge`` values, which is what lets every relation carry its
own provenance and lets the graph stay uniform.

``None`` always means *unknown* (never ``""`` or ``0``): a cost of ``None`` is
not a free contract, and views show it as unknown.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple


#: No source accepts an amount this large (inventory cost, invoice, ledger line): no
#: budget holds it, and sums and roundings to the cent (28 significant digits) could not.
MAX_AMOUNT = Decimal("1e15")


class NodeType(enum.StrEnum):
    CAPABILITY = "capability"
    ASSET = "asset"
    PRODUCT = "product"
    VENDOR = "vendor"
    COUNTRY = "country"
    CONTRACT = "contract"


class AssetKind(enum.StrEnum):
    """What the organisation runs or subscribes to."""

    SAAS = "saas"
    CLOUD_SERVICE = "cloud_service"
    ON_PREM_SOFTWARE = "on_prem_software"
    OPEN_SOURCE_COMPONENT = "open_source_component"
    AI_SERVICE = "ai_service"
    HARDWARE = "hardware"  # hardware and telecom

    @classmethod
    def parse(cls, text: str) -> "AssetKind":
        """Map a user's word (English or French, loose spelling) to a kind; raises ValueError."""
        word = slugify(text).replace("-", "_")
        if word in cls._value2member_map_:
            return cls(word)
        if word in _ASSET_KIND_ALIASES:
            return _ASSET_KIND_ALIASES[word]
        valid = ", ".join(k.value for k in cls)
        raise ValueError(f"unknown asset kind {text!r} (expected one of: {valid})")


_ASSET_KIND_ALIASES = {
    "cloud": AssetKind.CLOUD_SERVICE,
    "iaas": AssetKind.CLOUD_SERVICE,
    "paas": AssetKind.CLOUD_SERVICE,
    "service_cloud": AssetKind.CLOUD_SERVICE,
    "logiciel": AssetKind.ON_PREM_SOFTWARE,
    "software": AssetKind.ON_PREM_SOFTWARE,
    "on_prem": AssetKind.ON_PREM_SOFTWARE,
    "on_premise": AssetKind.ON_PREM_SOFTWARE,
    "on_premises": AssetKind.ON_PREM_SOFTWARE,
    "sur_site": AssetKind.ON_PREM_SOFTWARE,
    "logiciel_sur_site": AssetKind.ON_PREM_SOFTWARE,
    "open_source": AssetKind.OPEN_SOURCE_COMPONENT,
    "oss": AssetKind.OPEN_SOURCE_COMPONENT,
    "library": AssetKind.OPEN_SOURCE_COMPONENT,
    "component": AssetKind.OPEN_SOURCE_COMPONENT,
    "composant": AssetKind.OPEN_SOURCE_COMPONENT,
    "composant_libre": AssetKind.OPEN_SOURCE_COMPONENT,
    "logiciel_libre": AssetKind.OPEN_SOURCE_COMPONENT,
    "ai": AssetKind.AI_SERVICE,
    "ia": AssetKind.AI_SERVICE,
    "genai": AssetKind.AI_SERVICE,
    "service_ia": AssetKind.AI_SERVICE,
    "telecom": AssetKind.HARDWARE,
    "materiel": AssetKind.HARDWARE,
    "hardware_telecom": AssetKind.HARDWARE,
    "reseau": AssetKind.HARDWARE,
}


class EdgeKind(enum.StrEnum):
    """Relations of the dependency graph, read ``src --kind--> dst``."""

    USES = "uses"  # capability uses asset
    INSTANCE_OF = "instance_of"  # asset is an instance of a catalog product
    MADE_BY = "made_by"  # product (or asset) made by vendor
    OWNED_BY = "owned_by"  # vendor owned by parent vendor
    HEADQUARTERED_IN = "headquartered_in"  # vendor headquartered in country
    HOSTED_ON = "hosted_on"  # asset/product runs on a provider's product (SaaS on a hyperscaler)
    DEPENDS_ON = "depends_on"  # asset depends on asset
    ALTERNATIVE_TO = "alternative_to"  # product is an alternative to product
    GOVERNS = "governs"  # contract governs asset


class Ref(NamedTuple):
    """A pointer to a node: ``Ref(NodeType.VENDOR, "microsoft")``.

    A named tuple rather than a dataclass: refs are dictionary keys by the million in
    the graph and the simulation, and a tuple hashes in C.
    """

    type: NodeType
    key: str

    def __str__(self) -> str:
        return f"{self.type.value}:{self.key}"

    @classmethod
    def parse(cls, text: str) -> "Ref":
        type_, _, key = text.partition(":")
        if not key:
            raise ValueError(f"not a node reference (type:key): {text!r}")
        return cls(NodeType(type_), key)


@dataclass(frozen=True, slots=True)
class Capability:
    """A business function of the organisation; criticality 1 (low) to 4 (vital)."""

    key: str
    name: str
    criticality: int | None = None
    description: str | None = None

    TYPE = NodeType.CAPABILITY


@dataclass(frozen=True, slots=True)
class Asset:
    """Something the organisation runs or subscribes to."""

    key: str
    name: str
    kind: AssetKind | None = None
    description: str | None = None
    version: str | None = None
    purl: str | None = None
    users: int | None = None  # number of people using it
    data_location: str | None = None  # ISO 3166-1 alpha-2 code of where its data is stored
    personal_data: bool | None = None
    declared: bool = True  # False for what discovery found but nobody declared
    licence: str | None = None  # SPDX expression for software

    TYPE = NodeType.ASSET


@dataclass(frozen=True, slots=True)
class Product:
    """A product as the catalog (or an SBOM) names it."""

    key: str
    name: str
    category: str | None = None
    purl: str | None = None  # purl without version, for components
    licence: str | None = None

    TYPE = NodeType.PRODUCT


@dataclass(frozen=True, slots=True)
class Vendor:
    """A company; its parent and country are edges."""

    key: str
    name: str
    TYPE = NodeType.VENDOR


@dataclass(frozen=True, slots=True)
class Country:
    """A jurisdiction, keyed by ISO 3166-1 alpha-2 code (upper case)."""

    key: str
    name: str | None = None

    TYPE = NodeType.COUNTRY


@dataclass(frozen=True, slots=True)
class Contract:
    """What the organisation pays for an asset and when it can leave."""

    key: str
    annual_cost: Decimal | None = None
    currency: str | None = None  # ISO 4217
    start: date | None = None
    end: date | None = None
    auto_renewal: bool | None = None
    notice_days: int | None = None
    reference: str | None = None

    TYPE = NodeType.CONTRACT


Node = Capability | Asset | Product | Vendor | Country | Contract

NODE_CLASSES: dict[NodeType, type] = {
    cls.TYPE: cls for cls in (Capability, Asset, Product, Vendor, Country, Contract)
}


def ref(node: Node) -> Ref:
    """The reference of a node."""
    return Ref(node.TYPE, node.key)


@dataclass(frozen=True, slots=True)
class Edge:
    kind: EdgeKind
    src: Ref
    dst: Ref

    def __str__(self) -> str:
        return f"{self.src} -{self.kind.value}-> {self.dst}"


_SLUG_DROP = re.compile(r"[^a-z0-9.+]+")


def slugify(text: str) -> str:
    """A stable key from a human name: ``"Éditeur Ä/B"`` -> ``"editeur-a-b"``.

    Dots and plus signs survive because they carry meaning in product names
    ("Node.js", "Notepad++"). Raises ValueError when nothing is left.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_DROP.sub("-", folded).strip("-.")
    if not slug:
        raise ValueError(f"cannot make a key from {text!r}")
    return slug


@dataclass(frozen=True, slots=True)
class Locator:
    """Where a record was seen: a file and a line, or a record pointer (JSON pointer, index)."""

    file: str
    line: int | None = None
    pointer: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.pointer is not None:
            return f"{self.file}:{self.pointer}"
        return self.file


@dataclass(frozen=True, slots=True)
class Record:
    """Everything one input record says, landing (or not) as a unit."""

    locator: Locator
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that could not be taken, and why; the rest of the input still lands."""

    locator: Locator
    reason: str

    def __str__(self) -> str:
        return f"{self.locator}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Why we believe a node or edge: which import, file and record said so."""

    import_id: int | None
    file: str
    locator: str
    content_hash: str
    observed_at: str  # ISO 8601, UTC
    source: str = "import"  # "import" or "catalog"
    extra: dict = field(default_factory=dict, compare=False)
