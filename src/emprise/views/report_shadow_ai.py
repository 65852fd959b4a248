"""The report's Shadow AI section: the AI services people use that nobody declared.

Data: what ``emprise discover --import`` recorded — undeclared AI assets and, beside
them, the ``discovered_services`` rows with their counts (people, requests, bytes,
first and last seen). Only counts of people ever reach the store, never who.

Shown, per AI service: the number of people and the volume sent, whether the
service trains on what users type by default (the catalog's ``ai.trains_on_inputs``;
unknown is shown as unknown), the organisation's stance (overlay), and who to steer
people to: the AI services the organisation sanctioned (marked), then the catalog's
alternatives for that product, else (for a service controlled outside the EU)
generative-AI services whose ultimate parent is in the EU, same category first; never a
forbidden one, and nobody is steered away from a sanctioned service.

Figures come from the most recent discovery that saw each service: discoveries of
different logs cannot be added up for people (the same person appears in both).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from emprise.i18n import messages, t

__all__ = ["DiscoveredService", "read_services", "shadow_ai_context"]

MESSAGES = messages({
    "shadow.section": {"en": "Shadow AI", "fr": "IA fantôme (Shadow AI)"},
    "shadow.explain": {
        "en": "Generative-AI services found in the network logs (emprise discover --import) that nobody declared. "
              "People are counted, never named (pseudonymised logs).",
        "fr": "Services d'IA générative trouvés dans les journaux réseau (emprise discover --import) que personne "
              "n'a déclarés. Les personnes sont comptées, jamais nommées (journaux pseudonymisés).",
    },
    "shadow.empty": {
        "en": "No log discovery imported yet: run emprise discover LOGS --import on proxy or DNS logs.",
        "fr": "Aucune découverte importée : lancez emprise discover JOURNAUX --import sur des journaux proxy ou DNS.",
    },
    "shadow.none_found": {
        "en": "The discoveries imported found no generative-AI service.",
        "fr": "Les découvertes importées n'ont trouvé aucun service d'IA générative.",
    },
    "shadow.figure.services": {"en": "AI services in use", "fr": "services d'IA utilisés"},
    "shadow.figure.people": {"en": "people on the most used one", "fr": "personnes sur le plus utilisé"},
    "shadow.figure.training": {"en": "train on inputs by default", "fr": "entraînent sur les saisies par défaut"},
    "shadow.figure.volume": {"en": "sent or exchanged", "fr": "envoyés ou échangés"},
    "shadow.service": {"en": "Service", "fr": "Service"},
    "shadow.vendor": {"en": "Vendor (country)", "fr": "Éditeur (pays)"},
    "shadow.people": {"en": "People", "fr": "Personnes"},
    "shadow.requests": {"en": "Requests", "fr": "Requêtes"},
    "shadow.volume": {"en": "Volume", "fr": "Volume"},
    "shadow.trains": {"en": "Trains on inputs by default", "fr": "Entraîne sur les saisies par défaut"},
    "shadow.stance": {"en": "Stance", "fr": "Statut"},
    "shadow.alternatives": {"en": "Steer people to", "fr": "Orienter vers"},
    "shadow.seen": {"en": "Seen", "fr": "Vu"},
    "shadow.yes": {"en": "yes", "fr": "oui"},
    "shadow.no": {"en": "no", "fr": "non"},
    "shadow.unknown": {"en": "unknown", "fr": "inconnu"},
    "shadow.no_stance": {"en": "not decided", "fr": "non décidé"},
    "shadow.stance.sanctioned": {"en": "sanctioned", "fr": "autorisé"},
    "shadow.stance.tolerated": {"en": "tolerated", "fr": "toléré"},
    "shadow.stance.forbidden": {"en": "forbidden", "fr": "interdit"},
    "shadow.volume_note": {
        "en": "Volume is the bytes sent when the log records them (Zeek, CSV exports), else the log's own size "
              "field (Squid: the size of the whole exchange), marked *.",
        "fr": "Le volume est celui des octets envoyés quand le journal les consigne (Zeek, exports CSV), sinon le "
              "champ taille du journal (Squid : taille de tout l'échange), marqué *.",
    },
    "shadow.eu_note": {
        "en": "Without a catalog alternative, generative-AI services whose ultimate parent is in the EU are suggested.",
        "fr": "Sans alternative au catalogue, des services d'IA générative dont la société mère ultime est dans l'UE "
              "sont proposés.",
    },
    "shadow.period": {"en": "{first} to {last}", "fr": "du {first} au {last}"},
})

EU_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class DiscoveredService:
    """One ``discovered_services`` row (the latest import that saw its product)."""

    product_key: str
    ai: bool
    users: int
    requests: int
    bytes: int | None
    bytes_out: int | None
    first_seen: datetime | None
    last_seen: datetime | None
    import_id: int


def read_services(store) -> list[DiscoveredService]:
    """Per product, the figures of the most recent discovery import that saw it. Raises StoreError.

    Rows of one import for the same product (a ``--by host`` import) are added up,
    keeping the largest count of people (a lower bound: people overlap between hosts).
    """
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from emprise.errors import StoreError
    from emprise.store import describe_location
    from emprise.store.schema import discovered_services as table

    try:
        with store.engine.connect() as connection:
            rows = connection.execute(select(table).order_by(table.c.import_id, table.c.id)).mappings().all()
    except SQLAlchemyError as exc:
        raise StoreError(f"{describe_location(store.url)}: cannot read the discovered services: {exc}") from exc
    latest: dict[str, int] = {}
    for row in rows:
        latest[row["product_key"]] = row["import_id"]
    merged: dict[str, DiscoveredService] = {}
    for row in rows:
        if row["import_id"] != latest[row["product_key"]]:
            continue
        before = merged.get(row["product_key"])
        current = DiscoveredService(row["product_key"], row["ai"], row["users"], row["requests"], row["bytes"],
                                    row["bytes_out"], row["first_seen"], row["last_seen"], row["import_id"])
        if before is not None:
            current = DiscoveredService(
                current.product_key, current.ai or before.ai, max(current.users, before.users),
                current.requests + before.requests, _add(current.bytes, before.bytes),
                _add(current.bytes_out, before.bytes_out), _earliest(current.first_seen, before.first_seen),
                _latest(current.last_seen, before.last_seen), current.import_id)
        merged[row["product_key"]] = current
    return list(merged.values())


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None and b is None else (a or 0) + (b or 0)


def _earliest(a, b):
    return min(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _latest(a, b):
    return max(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _size(value: int | None, lang: str) -> str | None:
    if value is None:
        return None
    units = ("o", "ko", "Mo", "Go", "To") if lang == "fr" else ("B", "kB", "MB", "GB", "TB")  # French: octets
    for unit in units:
        if value < 1000 or unit == units[-1]:
            text = f"{value:.0f} {unit}" if unit == units[0] else f"{value:.1f} {unit}"
            return text.replace(".", ",") if lang == "fr" else text
        value /= 1000
    return None


def _eu_ai_services(catalog) -> list:
    """Generative-AI products whose vendor's ultimate parent is in an EU country."""
    found = []
    for product in catalog.products.values():
        if product.vendor is None or product.vendor not in catalog.vendors or not catalog.is_ai_service(product):
            continue
        country = catalog.ultimate_parent(product.vendor).country
        entry = catalog.country(country) if country else None
        if entry is not None and entry.eu:
            found.append(product)
    # Those known not to train on inputs first, then by name.
    return sorted(found, key=lambda p: (p.ai is None or p.ai.trains_on_inputs is not False, p.name.lower()))


def _stance(product) -> str | None:
    return product.sanction.value if product.sanction is not None else None


def _steer_to(product, catalog, eu_services: list, sanctioned_ai: list) -> tuple[list, bool]:
    """``(products to steer people to, whether they are the EU fallback)`` for ``product``.

    Nobody is steered away from a service the organisation sanctioned. Otherwise the
    AI services the organisation sanctioned come first (same category first), then the
    catalog's alternatives, else EU generative-AI services; a forbidden one is never proposed.
    """
    if _stance(product) == "sanctioned":
        return [], False
    sanctioned = sorted((p for p in sanctioned_ai if p.id != product.id),
                        key=lambda p: p.category != product.category)
    listed = [catalog.product(a.product) for a in product.alternatives]
    # An AI service's alternatives are AI services (not the mail suite of a vendor that also has one).
    listed = [a for a in listed if a is not None and a.id != product.id and _stance(a) != "forbidden"
              and catalog.is_ai_service(a)]
    # The EU fallback is for a service controlled outside the EU, same category first.
    from_eu = not sanctioned and not listed and all(p.id != product.id for p in eu_services)
    if from_eu:
        listed = sorted((p for p in eu_services if _stance(p) != "forbidden"),
                        key=lambda p: p.category != product.category)[:EU_SUGGESTIONS]
    chosen = {p.id: p for p in (*sanctioned, *listed)}  # in order, without repeats
    return list(chosen.values()), from_eu and bool(listed)


def shadow_ai_context(store, catalog, *, lang: str) -> dict:
    """The context of ``_shadow_ai.html.j2``; ``has_data`` False when no discovery was imported.

    Raises StoreError.
    """
    return services_context(read_services(store), catalog, lang=lang)


def services_context(services: list[DiscoveredService], catalog, *, lang: str) -> dict:
    """The template context for these discovered services (AI ones only are shown)."""
    from emprise.views.report import format_date, format_integer

    if not services:
        return {"has_data": False, "rows": [], "figures": []}
    eu_services = _eu_ai_services(catalog)
    sanctioned_ai = sorted((p for p in catalog.products.values() if _stance(p) == "sanctioned"
                            and catalog.is_ai_service(p)), key=lambda p: p.name.lower())
    rows = []
    for service in services:
        product = catalog.product(service.product_key)
        if product is None or not catalog.is_ai_service(product):
            continue
        vendor = catalog.vendor(product.vendor) if product.vendor else None
        trains = product.ai.trains_on_inputs if product.ai is not None else None
        alternatives, from_eu = _steer_to(product, catalog, eu_services, sanctioned_ai)
        volume, estimated = (service.bytes_out, False) if service.bytes_out is not None else (service.bytes, True)
        seen = None
        if service.first_seen is not None and service.last_seen is not None:
            seen = t("shadow.period", lang, first=format_date(service.first_seen.date(), lang),
                     last=format_date(service.last_seen.date(), lang))
        rows.append({
            "name": product.display_name(lang),
            "vendor": vendor.name if vendor else None,
            "country": vendor.country if vendor else None,
            "people": format_integer(service.users, lang),
            "people_count": service.users,
            "requests": format_integer(service.requests, lang),
            "volume": _size(volume, lang),
            "volume_bytes": volume or 0,
            "estimated": estimated and volume is not None,
            "trains": {True: "yes", False: "no", None: "unknown"}[trains],
            "trains_label": t({True: "shadow.yes", False: "shadow.no", None: "shadow.unknown"}[trains], lang),
            "stance": (t(f"shadow.stance.{product.sanction.value}", lang) if product.sanction
                       else t("shadow.no_stance", lang)),
            "alternatives": [a.display_name(lang) + (f" ({t('shadow.stance.sanctioned', lang)})"
                                                     if _stance(a) == "sanctioned" else "") for a in alternatives],
            "alternatives_from_eu": from_eu,
            "seen": seen,
        })
    rows.sort(key=lambda r: (-r["people_count"], -r["volume_bytes"], r["name"]))
    if not rows:
        return {"has_data": True, "rows": [], "figures": []}
    total = sum(r["volume_bytes"] for r in rows)
    figures = [
        (format_integer(len(rows), lang), t("shadow.figure.services", lang)),
        (rows[0]["people"], t("shadow.figure.people", lang)),
        (format_integer(sum(1 for r in rows if r["trains"] == "yes"), lang), t("shadow.figure.training", lang)),
        (_size(total, lang), t("shadow.figure.volume", lang)),
    ]
    return {"has_data": True, "rows": rows, "figures": figures,
            "any_estimated": any(r["estimated"] for r in rows),
            "any_from_eu": any(r["alternatives_from_eu"] for r in rows)}
