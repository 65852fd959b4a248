"""What to decide next: contract renewals (notice deadlines, iCalendar export), overtooling
(several tools doing the same job), and the organisation's resilience (the IRN pillars and
the FR / EU / non-EU criteria). Pure functions of the graph and the catalog.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from emprise.analyses.inventory import scope_of
from emprise.graph import DependencyGraph
from emprise.model import AssetKind, EdgeKind, NodeType, Ref

__all__ = ["Overlap", "Renewal", "Resilience", "overtooling", "renewals", "resilience", "to_ics"]


# -- renewals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renewal:
    asset: Ref
    name: str
    end: date
    notice_days: int | None
    notice_deadline: date | None  # end − notice; None when the notice period is unknown
    annual_cost: Decimal | None
    currency: str | None
    seal: str | None = None
    score: float | None = None
    alternatives: tuple[str, ...] = ()

    @property
    def decision_date(self) -> date:
        """The date to act by: the notice deadline, else (notice unknown) the end date."""
        return self.notice_deadline or self.end


def renewals(graph: DependencyGraph, catalog, today: date, *, horizon_days: int = 730,
             assessments: dict[Ref, object] | None = None) -> list[Renewal]:
    """Auto-renewing contracts whose decision date falls in [today, today + horizon], soonest first.

    ``assessments`` (asset -> sovereignty Assessment) adds each asset's SEAL and score.
    """
    out = []
    limit = today + timedelta(days=horizon_days)
    for asset in graph.nodes(NodeType.ASSET):
        contract = graph.contract_of(asset)
        if contract is None or not contract.auto_renewal or contract.end is None:
            continue
        deadline = (contract.end - timedelta(days=contract.notice_days)
                    if contract.notice_days is not None else None)
        decision = deadline or contract.end
        if not today <= decision <= limit:
            continue
        assessment = (assessments or {}).get(asset)
        product = graph.product_of(asset)
        entry = catalog.product(product.key) if product is not None and catalog is not None else None
        alternatives = tuple(catalog.product(a.product).name for a in entry.alternatives
                             if catalog.product(a.product) is not None)[:5] if entry is not None else ()
        out.append(Renewal(asset, graph.name(asset), contract.end, contract.notice_days, deadline,
                           contract.annual_cost, contract.currency,
                           assessment.seal_label if assessment is not None else None,
                           assessment.score if assessment is not None else None, alternatives))
    return sorted(out, key=lambda r: (r.decision_date, r.name.lower()))


def _ics_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def to_ics(items: list[Renewal], *, now: datetime | None = None, organisation: str = "Emprise") -> str:
    """An iCalendar (RFC 5545) file: one all-day event per notice deadline, with a reminder
    two weeks before. Renewals whose notice period is unknown are placed on their end date
    and say so."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Emprise//Renewals//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(organisation + ' — renewals')}"]
    for item in items:
        day = item.decision_date
        if item.notice_deadline is not None:
            summary = f"Notice deadline: {item.name} (renews {item.end.isoformat()})"
        else:
            summary = f"Contract end, notice period unknown: {item.name}"
        details = [f"Contract end: {item.end.isoformat()}",
                   f"Notice: {item.notice_days} days" if item.notice_days is not None else "Notice: unknown"]
        if item.annual_cost is not None:
            details.append(f"Annual cost: {item.annual_cost} {item.currency or ''}".rstrip())
        if item.seal is not None:
            details.append(f"Sovereignty: {item.seal}, score {item.score}")
        if item.alternatives:
            details.append("Alternatives: " + ", ".join(item.alternatives))
        lines += ["BEGIN:VEVENT", f"UID:{item.asset.key}-{day.isoformat()}@emprise", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(summary)}", f"DESCRIPTION:{_ics_text(chr(10).join(details))}",
                  "BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_ics_text(summary)}", "TRIGGER:-P14D",
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# -- overtooling ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Overlap:
    capability: Ref
    capability_name: str
    category: str
    assets: tuple[Ref, ...]
    names: tuple[str, ...]
    users: int | None  # sum of the known user counts; None when none is known
    annual_cost: Decimal  # sum of the known costs (main currency)
    cost_unknown: int  # assets whose cost is unknown


def overtooling(graph: DependencyGraph, catalog) -> list[Overlap]:
    """Capabilities served by two or more assets whose products share a catalog category."""
    out = []
    for capability in graph.nodes(NodeType.CAPABILITY):
        groups: dict[str, list[Ref]] = defaultdict(list)
        for asset in graph.targets(capability, EdgeKind.USES):
            category = _category(graph, catalog, asset)
            if category is not None:
                groups[category].append(asset)
        for category, assets in sorted(groups.items()):
            if len(assets) < 2:
                continue
            contracts = [graph.contract_of(a) for a in assets]
            costs = [c.annual_cost for c in contracts if c is not None and c.annual_cost is not None]
            users = [graph.value(a).users for a in assets if graph.value(a).users is not None]
            out.append(Overlap(capability, graph.name(capability), category, tuple(assets),
                               tuple(graph.name(a) for a in assets), sum(users) if users else None,
                               sum(costs, Decimal(0)), len(assets) - len(costs)))
    return sorted(out, key=lambda o: (-o.annual_cost, o.capability_name.lower()))


def _category(graph: DependencyGraph, catalog, asset: Ref) -> str | None:
    product = graph.product_of(asset)
    if product is None:
        return None
    entry = catalog.product(product.key) if catalog is not None else None
    if entry is not None and entry.category:
        return entry.category
    return getattr(graph.value(product), "category", None)


# -- resilience ----------------------------------------------------------------------------

SCALES = ("FR", "EU", "non-EU", "unknown")


@dataclass(frozen=True)
class Resilience:
    """The IRN view: eight pillars (criticality-weighted SOV means) and four criteria by scale."""

    pillars: dict[str, float | None]  # SOV-n -> mean 0–4 over assets whose objective is known
    spend: dict[str, float]  # scale -> share of known annual spend (main currency)
    data: dict[str, float]  # scale -> share of assets with a known data location, by criticality
    openness: dict[str, float]  # scale -> share of its assets that are open source
    hhi_overall: float | None  # criticality-weighted mean of capability HHIs (0–10 000)
    hhi_by_capability: dict[str, float]  # capability name -> HHI of its ultimate parents


def _weight(graph: DependencyGraph, asset: Ref) -> int:
    """An asset weighs the highest known criticality of the capabilities it serves (else 1)."""
    levels = [graph.value(c).criticality for c in graph.capabilities_of(asset)]
    known = [level for level in levels if level is not None]
    return max(known) if known else 1


def _shares(totals: dict[str, float]) -> dict[str, float]:
    whole = sum(totals.values())
    return {scale: round(totals.get(scale, 0) / whole, 4) if whole else 0.0 for scale in SCALES}


def resilience(graph: DependencyGraph, catalog, assessments: list) -> Resilience:
    """Resilience of the organisation from the assessments of ``assess_all``."""
    eu = frozenset(code for code, entry in catalog.countries.items() if entry.eu)
    pillars: dict[str, float | None] = {}
    for objective in ("SOV-1", "SOV-2", "SOV-3", "SOV-4", "SOV-5", "SOV-6", "SOV-7", "SOV-8"):
        pairs = [(_weight(graph, a.asset), a.sov[objective]) for a in assessments if a.sov[objective] is not None]
        weight = sum(w for w, _ in pairs)
        pillars[objective] = round(sum(w * s for w, s in pairs) / weight, 2) if weight else None
    spend: dict[str, float] = defaultdict(float)
    data: dict[str, float] = defaultdict(float)
    open_count: Counter = Counter()
    all_count: Counter = Counter()
    currencies = Counter(c.currency for a in graph.nodes(NodeType.ASSET)
                         if (c := graph.contract_of(a)) is not None and c.annual_cost is not None)
    main_currency = currencies.most_common(1)[0][0] if currencies else None
    parents: dict[Ref, str | None] = {}
    for asset in graph.nodes(NodeType.ASSET):
        vendor = graph.vendor_of(asset)
        top = graph.ultimate_parent(vendor) if vendor is not None else None
        parents[asset] = top.key if top is not None else None
        country = graph.country_of(top) if top is not None else None
        scale = scope_of(country.key if country is not None else None, eu)
        contract = graph.contract_of(asset)
        if contract is not None and contract.annual_cost is not None and contract.currency == main_currency:
            spend[scale] += float(contract.annual_cost)
        value = graph.value(asset)
        if value.data_location:
            data[scope_of(value.data_location, eu)] += _weight(graph, asset)
        all_count[scale] += 1
        product = graph.product_of(asset)
        entry = catalog.product(product.key) if product is not None else None
        if (entry is not None and entry.open_source) or value.kind is AssetKind.OPEN_SOURCE_COMPONENT:
            open_count[scale] += 1
    openness = {scale: round(open_count[scale] / all_count[scale], 4) if all_count[scale] else 0.0
                for scale in SCALES}
    hhis: dict[str, float] = {}
    weighted = total = 0.0
    for capability in graph.nodes(NodeType.CAPABILITY):
        owners = Counter(parents.get(a) for a in graph.targets(capability, EdgeKind.USES)
                         if parents.get(a) is not None)
        count = sum(owners.values())
        if not count:
            continue
        hhi = sum((100 * n / count) ** 2 for n in owners.values())
        hhis[graph.name(capability)] = round(hhi, 1)
        weight = graph.value(capability).criticality or 1
        weighted += weight * hhi
        total += weight
    return Resilience(pillars=pillars, spend=_shares(spend), data=_shares(data), openness=openness,
                      hhi_overall=round(weighted / total, 1) if total else None, hhi_by_capability=hhis)
