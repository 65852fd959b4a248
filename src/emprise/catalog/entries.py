"""Catalog entries: frozen values, apart from the code that reads the data files.

Every fact an entry holds can be traced with ``entry.source_of(field)`` to the
data file and line that stated it, with the public source and the date it was
true (``as_of``). ``None`` always means *unknown*: an entry never guesses.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import date

from emprise.errors import CatalogError


class Ownership(enum.StrEnum):
    """Who holds a company's capital, as far as its control goes."""

    LISTED = "listed"
    PRIVATE = "private"
    STATE_OWNED = "state-owned"
    PRIVATE_EQUITY = "private-equity"
    FOUNDATION = "foundation"
    COOPERATIVE = "cooperative"
    PUBLIC_BODY = "public-body"
    COMMUNITY = "community"  # an open-source project with no legal owner of its own


class Fit(enum.StrEnum):
    """How fully an alternative covers the product it replaces."""

    FULL = "full"
    PARTIAL = "partial"


class Sanction(enum.StrEnum):
    """An organisation's stance on a product; only an overlay sets it."""

    SANCTIONED = "sanctioned"
    TOLERATED = "tolerated"
    FORBIDDEN = "forbidden"


class Adequacy(enum.StrEnum):
    """A country's standing under the GDPR's rules on transfers (Art. 45)."""

    EEA = "eea"  # the GDPR applies directly: no transfer
    ADEQUATE = "adequate"  # a full adequacy decision
    PARTIAL = "partial"  # a decision limited to some recipients (US DPF, Canada PIPEDA)
    NONE = "none"  # no decision: transfers need SCCs, BCRs or a derogation


class RuleKind(enum.StrEnum):
    """v2fly domain-list-community rule types."""

    FULL = "full"  # the host itself
    SUFFIX = "domain"  # the domain and every host under it (a bare rule)
    REGEXP = "regexp"
    KEYWORD = "keyword"


CERTIFICATIONS = frozenset(
    {
        "secnumcloud",  # ANSSI qualification
        "cspn",  # ANSSI Certification de Sécurité de Premier Niveau (a product's security certification)
        "hds",  # Hébergeur de données de santé (France)
        "bsi-c5",  # German BSI Cloud Computing Compliance Criteria Catalogue
        "eucs",  # ENISA European Cybersecurity Certification Scheme for Cloud Services
        "iso27001",
        "iso27017",
        "iso27018",
        "iso27701",
        "soc2",
        "ens",  # Spain's Esquema Nacional de Seguridad
        "fedramp",
        "pci-dss",
        "cispe",  # CISPE Data Protection Code of Conduct
    }
)

# Regions a product's ``data_locations`` may name instead of countries, for vendors that
# promise "your data stays in the EU" without naming the countries: code -> the
# ``CountryEntry`` flag that says which countries belong to it. Not ISO 3166-1 codes.
DATA_REGIONS: dict[str, str] = {
    "EU": "eu",  # the European Union (its member states)
    "EEA": "eea",  # the European Economic Area (the EU, Iceland, Liechtenstein, Norway)
}


def region_members(code: str, countries: dict[str, CountryEntry]) -> tuple[str, ...] | None:
    """The countries of a data region (``EU``, ``EEA``) by the catalog's flags, or None
    when ``code`` is not a region."""
    flag = DATA_REGIONS.get(code)
    if flag is None:
        return None
    return tuple(c for c, entry in countries.items() if getattr(entry, flag) is True)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _rebuild(cls: type, values: tuple) -> object:
    """Unpickle an entry without dataclasses' generic (and slow) ``__setstate__``."""
    obj = object.__new__(cls)
    for name, value in zip(_FIELD_NAMES[cls], values):
        object.__setattr__(obj, name, value)
    return obj


def _reduce(self: object) -> tuple:
    # The compiled catalog holds tens of thousands of entries and rules; this halves
    # the time to load it from the cache.
    cls = type(self)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return _rebuild, (cls, tuple(getattr(self, name) for name in names))


def _register(cls: type) -> type:
    _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    cls.__reduce__ = _reduce  # type: ignore[method-assign]
    return cls


@dataclass(frozen=True, slots=True)
class FactCheck:
    """Someone opened a public page and it supported the fact: a row of a check log
    (``data/checks/*.csv``). ``status`` is ``confirmed`` (as drafted), ``corrected``
    (changed to what the page says) or ``added`` (a fact the page gave); ``as_of`` is
    the page's date (None when it shows none); ``item`` names the one list item the
    row checks (``hds`` of ``certifications``), empty for the whole fact."""

    url: str
    as_of: date | None
    status: str
    file: str
    line: int
    item: str = ""

    def as_dict(self) -> dict:
        """``{url, as_of, status}`` (JSON-ready), with ``item`` when the row checks one item."""
        document = {"url": self.url, "as_of": self.as_of.isoformat() if self.as_of else None, "status": self.status}
        if self.item:
            document["item"] = self.item
        return document


CHECKED = "checked"
DRAFTED = "drafted"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a fact comes from: the public ``source`` (a URL or a dataset
    reference), the date it was true (``as_of``) and the catalog file and line
    that states it.

    ``check`` is set when the fact was checked against a public page (see
    FactCheck); otherwise the fact is *drafted*: stated from the maintainers'
    knowledge or a data set, its source not yet opened to confirm it.
    ``item_checks`` holds checks of single items of a list fact (one certification).
    """

    source: str
    as_of: date
    file: str
    line: int
    check: FactCheck | None = field(default=None, compare=False)
    item_checks: tuple[FactCheck, ...] = field(default=(), compare=False)

    @property
    def checked(self) -> bool:
        return self.check is not None

    @property
    def status(self) -> str:
        """``checked`` or ``drafted``."""
        return CHECKED if self.check is not None else DRAFTED

    def status_text(self) -> str:
        """``checked as of 2026-06-24`` or ``drafted, not yet checked`` (English; views translate)."""
        if self.check is None:
            partly = ", ".join(c.item for c in self.item_checks)
            return "drafted, not yet checked" + (f" (checked: {partly})" if partly else "")
        when = self.check.as_of.isoformat() if self.check.as_of else "page undated"
        return f"checked as of {when} <{self.check.url}>" if self.check.url != self.source else f"checked as of {when}"

    def __str__(self) -> str:
        return f"{self.source} (as of {self.as_of.isoformat()}; {self.file}:{self.line}; {self.status_text()})"


@dataclass(frozen=True, slots=True)
class _Sourced:
    """Mixin for entries whose facts each carry a SourceRef."""

    def source_of(self, fact: str) -> SourceRef:
        """The provenance of ``fact`` (a field name, ``ai.retention`` for nested ones).

        Raises CatalogError when the entry states no such fact: an unknown value has
        no source, and asking for one is a caller's bug, not a data problem.
        """
        sources: dict[str, SourceRef] = self.sources  # type: ignore[attr-defined]
        try:
            return sources[fact]
        except KeyError:
            known = ", ".join(sorted(sources)) or "none"
            raise CatalogError(
                f"{self.id!r} states no {fact!r} (facts with a source: {known})"  # type: ignore[attr-defined]
            ) from None

    def facts(self) -> dict[str, SourceRef]:
        """Every stated fact of the entry with its provenance."""
        return dict(self.sources)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Acquisition:
    """``acquirer`` (a vendor id) bought the company in ``year``."""

    acquirer: str
    year: int
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class Alternative:
    """A ranked replacement for a product."""

    product: str
    fit: Fit
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class AIFacts:
    """What a generative-AI service does with what users paste into it."""

    trains_on_inputs: bool | None = None  # by default, on the tier most people use
    retention: str | None = None  # as the vendor words it, e.g. "30 days"
    enterprise_tier: bool | None = None  # a tier with contractual no-training exists


@dataclass(frozen=True, slots=True)
class EnvironmentFacts:
    """What a hosting or cloud provider discloses of its data centres' environmental
    footprint (SOV-8): the fleet's power usage effectiveness (total facility energy /
    IT energy, at least 1.0), the share of its electricity from (or matched by)
    renewable sources (0–1), and whether it publishes a carbon (greenhouse-gas) report."""

    pue: float | None = None
    renewable_share: float | None = None
    carbon_report: bool | None = None


@dataclass(frozen=True, slots=True)
class DomainRule:
    """A v2fly rule naming the hosts of a product; ``precedence`` settles a rule two
    products claim (the higher wins)."""

    kind: RuleKind
    value: str
    product: str
    precedence: int = 0
    public_suffix: bool = False  # the rule is itself a public suffix, claimed on purpose
    ref: SourceRef | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.value if self.kind is RuleKind.SUFFIX else f"{self.kind.value}:{self.value}"


@dataclass(frozen=True, slots=True)
class VendorEntry(_Sourced):
    """A company (or foundation, public body, community project).

    ``parent`` is the id of the vendor that controls it. ``controlled`` says what is
    known of that: True (it has the ``parent``), False (no one controls it: it is
    its own ultimate parent), None (unknown).
    """

    id: str
    name: str
    legal_name: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    controlled: bool | None = None
    ownership: Ownership | None = None
    siren: str | None = None
    vat: str | None = None
    website: str | None = None
    acquisitions: tuple[Acquisition, ...] = ()
    purls: tuple[str, ...] = ()
    cpe_vendors: tuple[str, ...] = ()  # the vendor field of its CPE names (NVD), e.g. "microsoft"
    environment: EnvironmentFacts | None = None  # company-wide data-centre disclosure (SOV-8)
    file: str = ""
    line: int = 0
    sources: dict[str, SourceRef] = field(default_factory=dict, compare=False, hash=False)

    @property
    def parent_known(self) -> bool:
        """Whether the catalog knows who (if anyone) controls this vendor."""
        return self.controlled is not None


@dataclass(frozen=True, slots=True)
class ProductEntry(_Sourced):
    """A product or service, with the facts that matter for sovereignty."""

    id: str
    name: str
    name_fr: str | None = None
    aliases: tuple[str, ...] = ()
    category: str | None = None
    vendor: str | None = None
    website: str | None = None
    domains: tuple[DomainRule, ...] = ()
    purls: tuple[str, ...] = ()
    hosting: tuple[str, ...] = ()
    data_locations: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    open_source: bool | None = None
    licence: str | None = None
    sill: bool | None = None
    ai: AIFacts | None = None
    environment: EnvironmentFacts | None = None  # data-centre disclosure (PUE, renewables, carbon)
    alternatives: tuple[Alternative, ...] = ()
    sanction: Sanction | None = None
    internal: bool = False  # added by an organisation overlay, not shipped
    cpe: tuple[str, ...] = ()  # CPE product names, "exchange_server" or "vendor:product"
    file: str = ""
    line: int = 0
    sources: dict[str, SourceRef] = field(default_factory=dict, compare=False, hash=False)

    def display_name(self, lang: str = "en") -> str:
        """The product's name in ``lang``, falling back on the English one."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name


@dataclass(frozen=True, slots=True)
class CountryEntry(_Sourced):
    """A jurisdiction (ISO 3166-1 alpha-2) and the laws that reach its companies' data."""

    code: str
    name_en: str
    name_fr: str | None = None
    eu: bool | None = None
    eea: bool | None = None
    gdpr_adequacy: Adequacy | None = None
    laws: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    sources: dict[str, SourceRef] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        return self.code

    def display_name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" and self.name_fr else self.name_en


@dataclass(frozen=True, slots=True)
class LawEntry(_Sourced):
    """A law giving authorities access to data held by a country's companies."""

    id: str
    name: str
    name_fr: str | None = None
    country: str | None = None
    extraterritorial: bool | None = None  # reaches data stored abroad by the country's companies
    summary: str | None = None
    summary_fr: str | None = None
    file: str = ""
    line: int = 0
    sources: dict[str, SourceRef] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class CategoryEntry:
    """A node of the product taxonomy; ``parent`` groups it (``genai-chat`` under ``generative-ai``)."""

    id: str
    name_en: str
    name_fr: str
    parent: str | None = None
    file: str = ""
    line: int = 0

    def display_name(self, lang: str = "en") -> str:
        return self.name_fr if lang == "fr" else self.name_en


Entry = VendorEntry | ProductEntry | CountryEntry | LawEntry

for _cls in (FactCheck, SourceRef, Acquisition, Alternative, AIFacts, EnvironmentFacts, DomainRule, VendorEntry, ProductEntry, CountryEntry, LawEntry, CategoryEntry):
    _register(_cls)
del _cls
