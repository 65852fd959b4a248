"""Who controls what: each asset with its product, vendor, ultimate parent and country,
grouped by the business capability it serves — with the provenance of every fact."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from emprise.graph import DependencyGraph
from emprise.model import Asset, EdgeKind, NodeType, Provenance, Ref

#: Jurisdiction classes, in the order reports show them.
SCOPES = ("FR", "EU", "non-EU", "unknown")


@dataclass(frozen=True)
class Fact:
    """A value shown to a person, with what justifies it (empty provenance = unknown)."""

    value: str | None
    provenance: tuple[Provenance, ...] = ()

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Fact(None)


@dataclass(frozen=True)
class AssetRow:
    ref: Ref
    asset: Asset
    product: Fact
    vendor: Fact
    ultimate_parent: Fact
    country: Fact  # ISO code of the ultimate parent's headquarters
    country_name: str | None
    scope: str  # one of SCOPES, from the ultimate parent's country
    hosting: tuple[Fact, ...]
    annual_cost: Decimal | None
    currency: str | None
    provenance: tuple[Provenance, ...]  # of the asset itself
    ownership_chain: tuple[str, ...] = ()  # vendor names from the vendor up


@dataclass(frozen=True)
class CapabilityView:
    ref: Ref | None  # None for assets that serve no declared capability
    name: str | None
    criticality: int | None
    assets: tuple[AssetRow, ...]


@dataclass(frozen=True)
class Overview:
    capabilities: tuple[CapabilityView, ...]
    assets: tuple[AssetRow, ...]
    counts: dict[str, int]
    assets_by_scope: dict[str, int]
    spend_by_scope: dict[str, Decimal]  # in the main currency only
    spend_currency: str | None
    top_parents: tuple[tuple[str, int], ...]  # ultimate parent name, number of assets
    unknown_facts: int = 0
    extra: dict = field(default_factory=dict)


def scope_of(country_code: str | None, eu_members: frozenset[str]) -> str:
    """FR, EU (another member state), non-EU, or unknown. The data region ``EU`` (no
    country named) is EU; ``EEA`` (the EU or Iceland, Liechtenstein, Norway) is unknown."""
    if country_code is None or country_code == "EEA":
        return "unknown"
    if country_code == "FR":
        return "FR"
    if country_code == "EU":
        return "EU"
    return "EU" if country_code in eu_members else "non-EU"


def asset_row(graph: DependencyGraph, asset: Ref, eu_members: frozenset[str]) -> AssetRow:
    """Everything a report says about one asset, each fact with its provenance."""
    value: Asset = graph.value(asset)
    product_ref = graph.product_of(asset)
    product = UNKNOWN
    if product_ref is not None:
        product = Fact(graph.name(product_ref),
                       tuple(graph.edge_provenance(asset, product_ref, EdgeKind.INSTANCE_OF)))
    vendor_ref = graph.vendor_of(asset)
    vendor = parent = country = UNKNOWN
    country_name = None
    chain: list[Ref] = []
    if vendor_ref is not None:
        made_by_src = product_ref if product_ref is not None and graph.targets(
            product_ref, EdgeKind.MADE_BY) else asset
        vendor = Fact(graph.name(vendor_ref),
                      tuple(graph.edge_provenance(made_by_src, vendor_ref, EdgeKind.MADE_BY)))
        chain = graph.ownership_chain(vendor_ref)
        top = chain[-1]
        owned_by = tuple(p for a, b in zip(chain, chain[1:])
                         for p in graph.edge_provenance(a, b, EdgeKind.OWNED_BY))
        parent = Fact(graph.name(top), owned_by or vendor.provenance)
        country_ref = graph.country_of(top)
        if country_ref is not None:
            country = Fact(country_ref.key,
                           tuple(graph.edge_provenance(top, country_ref, EdgeKind.HEADQUARTERED_IN)))
            country_name = getattr(graph.value(country_ref), "name", None)
    hosting = tuple(
        Fact(graph.name(provider), tuple(graph.edge_provenance(
            asset if provider in graph.targets(asset, EdgeKind.HOSTED_ON) else product_ref,
            provider, EdgeKind.HOSTED_ON)))
        for provider in graph.hosting_of(asset)
    )
    contract = graph.contract_of(asset)
    return AssetRow(
        ref=asset, asset=value, product=product, vendor=vendor, ultimate_parent=parent,
        country=country, country_name=country_name,
        scope=scope_of(country.value, eu_members), hosting=hosting,
        annual_cost=contract.annual_cost if contract else None,
        currency=contract.currency if contract else None,
        provenance=tuple(graph.node_provenance(asset)),
        ownership_chain=tuple(graph.name(v) for v in chain),
    )


def overview(graph: DependencyGraph, eu_members: frozenset[str]) -> Overview:
    """The inventory by capability (most critical first) and the headline figures."""
    rows = {asset: asset_row(graph, asset, eu_members) for asset in graph.nodes(NodeType.ASSET)}
    views = []
    served: set[Ref] = set()
    for capability in graph.nodes(NodeType.CAPABILITY):
        value = graph.value(capability)
        assets = graph.targets(capability, EdgeKind.USES)
        served.update(assets)
        views.append(CapabilityView(capability, value.name, value.criticality,
                                    tuple(sorted((rows[a] for a in assets if a in rows),
                                                 key=lambda r: r.asset.name.lower()))))
    views.sort(key=lambda v: (-(v.criticality or 0), (v.name or "").lower()))
    orphans = tuple(sorted((row for ref, row in rows.items() if ref not in served),
                           key=lambda r: r.asset.name.lower()))
    if orphans:
        views.append(CapabilityView(None, None, None, orphans))

    by_scope = Counter(row.scope for row in rows.values())
    currencies = Counter(row.currency for row in rows.values() if row.annual_cost is not None)
    main_currency = currencies.most_common(1)[0][0] if currencies else None
    spend: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows.values():
        if row.annual_cost is not None and row.currency == main_currency:
            spend[row.scope] += row.annual_cost
    parents = Counter(row.ultimate_parent.value for row in rows.values() if row.ultimate_parent.known)
    unknown = sum(1 for row in rows.values() for fact in (row.vendor, row.ultimate_parent, row.country)
                  if not fact.known)
    counts = {type_.value: len(graph.nodes(type_)) for type_ in NodeType}
    return Overview(
        capabilities=tuple(views),
        assets=tuple(sorted(rows.values(), key=lambda r: r.asset.name.lower())),
        counts=counts,
        assets_by_scope={scope: by_scope.get(scope, 0) for scope in SCOPES},
        spend_by_scope={scope: spend.get(scope, Decimal(0)) for scope in SCOPES},
        spend_currency=main_currency,
        top_parents=tuple(parents.most_common(10)),
        unknown_facts=unknown,
    )
