"""Sovereignty of each dependency: the eight objectives of the EU Cloud Sovereignty
Framework (SOV-1 … SOV-8, 0–4 each), the assurance level SEAL-0 … SEAL-4, and the
ANSSI SecNumCloud 3.2 §19.6 checklist — each from explicit factors.

Every factor carries its value, its score, a reason and the sources that state it
(an import record ``file:line``, or a catalog fact with its public source and date).
A fact nobody stated stays unknown: its factor says so and earns no score; nothing
is guessed. The numbers that turn facts into scores come from a settings file
(``scoring.yaml``; see docs/scoring.md), not from this code.

Pure functions of the dependency graph and the catalog; nothing here reads a store.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from emprise.analyses.listing import cite
from emprise.catalog.entries import DATA_REGIONS, region_members
from emprise.errors import CatalogError, EmpriseError
from emprise.graph import DependencyGraph
from emprise.i18n import messages, t
from emprise.model import Asset, AssetKind, EdgeKind, NodeType, Ref

__all__ = ["OBJECTIVES", "Assessment", "CheckItem", "Factor", "ScoringConfig", "ScoringError",
           "assess", "assess_all", "hosting_chain", "jurisdiction", "seal_label",
           "secnumcloud_checklist"]

OBJECTIVES = ("SOV-1", "SOV-2", "SOV-3", "SOV-4", "SOV-5", "SOV-6", "SOV-7", "SOV-8")
DEFAULT_SETTINGS = Path(__file__).with_name("scoring.yaml")
_AGGREGATES = ("min", "mean", "max")


class ScoringError(EmpriseError):
    """The scoring settings file is missing, unreadable or invalid."""


MESSAGES = messages({
    "sov.objective.SOV-1": {"en": "Strategic", "fr": "Stratégique"},
    "sov.objective.SOV-2": {"en": "Legal & jurisdictional", "fr": "Juridique et juridictionnel"},
    "sov.objective.SOV-3": {"en": "Data & AI", "fr": "Données et IA"},
    "sov.objective.SOV-4": {"en": "Operational", "fr": "Opérationnel"},
    "sov.objective.SOV-5": {"en": "Supply chain", "fr": "Chaîne d'approvisionnement"},
    "sov.objective.SOV-6": {"en": "Technology", "fr": "Technologique"},
    "sov.objective.SOV-7": {"en": "Security & compliance", "fr": "Sécurité et conformité"},
    "sov.objective.SOV-8": {"en": "Environmental", "fr": "Environnemental"},
    # factor reasons
    "sov.r.unknown": {"en": "unknown: {what}", "fr": "inconnu : {what}"},
    "sov.r.parent_jurisdiction": {
        "en": "decisions are taken by the ultimate parent {name} ({country}: {verdict})",
        "fr": "les décisions sont prises par la société mère ultime {name} ({country} : {verdict})"},
    "sov.r.ownership": {"en": "{name} is {ownership}: change-of-control protection",
                        "fr": "{name} est {ownership} : protection contre un changement de contrôle"},
    "sov.r.deployment": {"en": "{mode}: {explain}", "fr": "{mode} : {explain}"},
    "sov.r.vendor_jurisdiction": {"en": "the vendor {name} is under {country} law ({verdict})",
                                  "fr": "le fournisseur {name} relève du droit {country} ({verdict})"},
    "sov.r.parent_law": {"en": "the ultimate parent {name} is under {country} law ({verdict})",
                         "fr": "la société mère ultime {name} relève du droit {country} ({verdict})"},
    "sov.r.data_location": {"en": "data stored in {where} ({origin})",
                            "fr": "données stockées : {where} ({origin})"},
    "sov.r.data_operator": {"en": "whoever runs the storage ({names}) answers to: {verdict}",
                            "fr": "qui exploite le stockage ({names}) relève de : {verdict}"},
    "sov.r.ai_training": {"en": "trains on users' inputs: {value}",
                          "fr": "entraînement sur les saisies des utilisateurs : {value}"},
    "sov.r.source": {"en": "source code: {value}", "fr": "code source : {value}"},
    "sov.r.sill": {"en": "in the French administration's SILL: {value}",
                   "fr": "au SILL de l'administration : {value}"},
    "sov.r.sill_proprietary": {"en": "not in the SILL: it lists free software only, and this product is proprietary",
                               "fr": "absent du SILL : il ne recense que des logiciels libres, et ce produit est propriétaire"},
    "sov.r.alternatives": {"en": "best alternative in the catalog: {value}",
                           "fr": "meilleure alternative au catalogue : {value}"},
    "sov.r.builder": {"en": "built by {name}, headquartered in {country} ({verdict})",
                      "fr": "construit par {name}, siège : {country} ({verdict})"},
    "sov.r.hosting": {"en": "runs on {names}: weakest jurisdiction {verdict}",
                      "fr": "fonctionne sur {names} : juridiction la plus faible {verdict}"},
    "sov.r.hosting_self": {"en": "no hosting provider: {explain}",
                           "fr": "aucun hébergeur : {explain}"},
    "sov.r.hosting_own": {"en": "a cloud service on the infrastructure of {name} ({verdict})",
                          "fr": "un service cloud sur l'infrastructure de {name} ({verdict})"},
    "sov.r.dependencies": {"en": "depends on {names}: weakest jurisdiction {verdict}",
                           "fr": "dépend de {names} : juridiction la plus faible {verdict}"},
    "sov.r.licence": {"en": "licence: {value}", "fr": "licence : {value}"},
    "sov.r.certifications": {"en": "{whose} certifications: {value}",
                             "fr": "certifications ({whose}) : {value}"},
    "sov.r.pue": {"en": "power usage effectiveness (PUE) {value}, {origin}",
                  "fr": "efficacité énergétique (PUE) {value}, {origin}"},
    "sov.r.renewable": {"en": "share of renewable electricity {value}, {origin}",
                        "fr": "part d'électricité renouvelable {value}, {origin}"},
    "sov.r.carbon_report": {
        "en": "carbon report published: {value}, {origin} (no PUE or energy figure known)",
        "fr": "bilan carbone publié : {value}, {origin} (aucun chiffre de PUE ni d'énergie connu)"},
    "sov.w.env_own": {"en": "disclosed for {names} itself", "fr": "publié pour {names} lui-même"},
    "sov.w.env_vendor": {
        "en": "disclosed company-wide by its vendor {names}, which operates it",
        "fr": "publié par son fournisseur {names}, qui l'exploite (chiffre de toute l'entreprise)"},
    "sov.w.env_host": {"en": "disclosed by its hosting ({names}), via hosted_on",
                       "fr": "publié par son hébergement ({names}), via hosted_on"},
    # words used in reasons
    "sov.w.eu": {"en": "EU", "fr": "UE"},
    "sov.w.non_eu_adequate": {"en": "non-EU, GDPR adequacy", "fr": "hors UE, adéquation RGPD"},
    "sov.w.non_eu": {"en": "non-EU", "fr": "hors UE"},
    "sov.w.access_laws": {"en": "non-EU, reached by {laws}", "fr": "hors UE, soumis à {laws}"},
    "sov.w.on_premises": {"en": "on premises", "fr": "sur site"},
    "sov.w.on_premises.explain": {"en": "keeps running if the vendor withdraws",
                                  "fr": "continue de fonctionner si le fournisseur se retire"},
    "sov.w.self_managed_cloud": {"en": "run by the organisation on a hosting provider",
                                 "fr": "exploité par l'organisation chez un hébergeur"},
    "sov.w.self_managed_cloud.explain": {"en": "the hosting provider can still stop it",
                                         "fr": "l'hébergeur peut encore l'arrêter"},
    "sov.w.service": {"en": "a service operated by its vendor", "fr": "un service opéré par son fournisseur"},
    "sov.w.service.explain": {"en": "stops when the vendor stops",
                              "fr": "s'arrête quand le fournisseur s'arrête"},
    "sov.w.self_hosting": {"en": "the organisation runs it itself (asset kind)",
                           "fr": "l'organisation l'exploite elle-même (nature de l'actif)"},
    "sov.w.inventory": {"en": "inventory", "fr": "inventaire"},
    "sov.w.catalog": {"en": "catalog", "fr": "catalogue"},
    "sov.w.region.EU": {"en": "the EU (region, no country named)", "fr": "l'UE (région, aucun pays nommé)"},
    "sov.w.region.EU.with": {"en": "{countries}, the EU (region, no country named)",
                             "fr": "{countries}, l'UE (région, aucun pays nommé)"},
    "sov.w.region.EEA": {"en": "the EEA (region, no country named)", "fr": "l'EEE (région, aucun pays nommé)"},
    "sov.w.region.EEA.with": {"en": "{countries}, the EEA (region, no country named)",
                              "fr": "{countries}, l'EEE (région, aucun pays nommé)"},
    "sov.w.open": {"en": "open", "fr": "ouvert"},
    "sov.w.proprietary": {"en": "proprietary", "fr": "propriétaire"},
    "sov.w.yes": {"en": "yes", "fr": "oui"},
    "sov.w.no": {"en": "no", "fr": "non"},
    "sov.w.yes_enterprise": {"en": "yes (a no-training enterprise tier exists)",
                             "fr": "oui (une offre entreprise sans entraînement existe)"},
    "sov.w.product": {"en": "product", "fr": "produit"},
    "sov.w.hosting": {"en": "hosting", "fr": "hébergement"},
    "sov.w.eu_full": {"en": "{name} (EU vendor, full fit)", "fr": "{name} (éditeur UE, couverture complète)"},
    "sov.w.eu_partial": {"en": "{name} (EU vendor, partial fit)",
                         "fr": "{name} (éditeur UE, couverture partielle)"},
    "sov.w.other": {"en": "{name} (no EU vendor among the alternatives)",
                    "fr": "{name} (aucun éditeur UE parmi les alternatives)"},
    # what is unknown
    "sov.u.parent_country": {"en": "country of the ultimate parent", "fr": "pays de la société mère ultime"},
    "sov.u.ownership": {"en": "ownership of the ultimate parent", "fr": "actionnariat de la société mère ultime"},
    "sov.u.kind": {"en": "kind of asset (on premises or service)", "fr": "nature de l'actif (sur site ou service)"},
    "sov.u.vendor_country": {"en": "country of the vendor", "fr": "pays du fournisseur"},
    "sov.u.data_location": {"en": "where the data is stored", "fr": "lieu de stockage des données"},
    "sov.u.data_operator": {"en": "who operates the storage and under which law",
                            "fr": "qui exploite le stockage et sous quel droit"},
    "sov.u.ai_training": {"en": "whether it trains on users' inputs",
                          "fr": "s'il s'entraîne sur les saisies des utilisateurs"},
    "sov.u.source": {"en": "whether the source code is open", "fr": "si le code source est ouvert"},
    "sov.u.sill": {"en": "whether it is in the SILL", "fr": "s'il figure au SILL"},
    "sov.u.alternatives": {"en": "alternatives (none in the catalog)", "fr": "alternatives (aucune au catalogue)"},
    "sov.u.hosting": {"en": "where it is hosted and by whom", "fr": "où et par qui il est hébergé"},
    "sov.u.dependencies": {"en": "jurisdiction of what it depends on",
                           "fr": "juridiction de ce dont il dépend"},
    "sov.u.licence": {"en": "licence", "fr": "licence"},
    "sov.u.certifications": {"en": "certifications (none stated in the catalog)",
                             "fr": "certifications (aucune indiquée au catalogue)"},
    "sov.u.environment": {
        "en": "PUE, renewable energy and carbon disclosure (none in the catalog for it, its hosts "
              "or its vendor)",
        "fr": "PUE, énergie renouvelable et bilan carbone (rien au catalogue pour lui, ses "
              "hébergeurs ni son fournisseur)"},
    "sov.u.environment_self": {
        "en": "PUE, renewable energy and carbon disclosure of the organisation's own infrastructure",
        "fr": "PUE, énergie renouvelable et bilan carbone de l'infrastructure de l'organisation"},
    # SecNumCloud §19.6
    "sov.snc.eu_registered_office": {"en": "registered office in the EU", "fr": "siège social dans l'UE"},
    "sov.snc.non_eu_holders": {
        "en": "non-EU holders ≤ 24 % each and ≤ 39 % together, no veto",
        "fr": "détenteurs hors UE ≤ 24 % chacun et ≤ 39 % ensemble, sans droit de veto"},
    "sov.snc.no_technical_access": {"en": "no technical access by non-EU third parties",
                                    "fr": "aucun accès technique de tiers hors UE"},
    "sov.snc.qualification": {"en": "SecNumCloud qualification", "fr": "qualification SecNumCloud"},
    "sov.snc.why.office": {"en": "{name}: headquarters in {country}", "fr": "{name} : siège en {country}"},
    "sov.snc.why.controlled": {"en": "controlled by {name} ({country}, outside the EU)",
                               "fr": "contrôlé par {name} ({country}, hors UE)"},
    "sov.snc.why.holders_unknown": {
        "en": "no non-EU controller known; minority holdings and vetoes are not in the catalog",
        "fr": "aucun contrôle hors UE connu ; participations minoritaires et vetos absents du catalogue"},
    "sov.snc.why.access": {"en": "{name} ({country}, outside the EU) operates it or its hosting",
                           "fr": "{name} ({country}, hors UE) l'exploite ou l'héberge"},
    "sov.snc.why.access_unknown": {
        "en": "no non-EU operator known; technical access is not in the catalog",
        "fr": "aucun opérateur hors UE connu ; les accès techniques sont absents du catalogue"},
    "sov.snc.why.qualified": {"en": "{name} lists SecNumCloud", "fr": "{name} est qualifié SecNumCloud"},
    "sov.snc.why.not_listed": {"en": "no SecNumCloud qualification stated in the catalog",
                               "fr": "aucune qualification SecNumCloud indiquée au catalogue"},
    "sov.snc.why.no_vendor": {"en": "vendor unknown", "fr": "fournisseur inconnu"},
})


# -- settings -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScoringConfig:
    """The numbers of docs/scoring.md, read from a YAML file (``scoring.yaml`` by default)."""

    weights: dict[str, float]
    aggregate: dict[str, str]
    seal_rule: str
    seal_required: tuple[str, ...]
    tables: dict[str, dict[str, int]]
    state_owned_non_eu: int
    path: str = ""
    # Threshold tables (SOV-8): name -> ((bound, score), ...) best first, and the score of a
    # disclosed figure beyond every bound.
    thresholds: dict[str, tuple[tuple[tuple[float, int], ...], int]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ScoringConfig":
        """Read and check a settings file (the shipped one when ``path`` is None).

        Raises ScoringError naming the file and the key at fault.
        """
        return _load_config(str(path or DEFAULT_SETTINGS))

    def table(self, name: str) -> dict[str, int]:
        return self.tables[name]

    def threshold_score(self, name: str, figure: float) -> int:
        """The score of ``figure`` in the bounds table ``name`` (``pue``: at most; else at least)."""
        bounds, otherwise = self.thresholds[name]
        at_most = _THRESHOLD_KEYS[name][0] == "at_most"
        for bound, score in bounds:
            if (figure <= bound) if at_most else (figure >= bound):
                return score
        return otherwise


_TABLE_KEYS = {
    "jurisdiction": {"eu", "non_eu_adequate", "non_eu", "access_laws"},
    "data_location": {"eu", "adequate", "other"},
    "ownership": {"public-body", "state-owned", "foundation", "cooperative", "community", "private",
                  "listed", "private-equity"},
    "deployment": {"on_premises", "self_managed_cloud", "service"},
    "open_source": {"open", "proprietary"},
    "sill": {"listed", "not_listed"},
    "alternatives": {"eu_full", "eu_partial", "other"},
    "ai_training": {"no", "yes_with_enterprise_tier", "yes"},
    "certifications": None,  # any certification id the catalog knows
    "carbon_report": {"published", "not_published"},
}
# Tables of bounds (SOV-8): a figure at most (PUE) or at least (renewable share) a bound
# scores that bound's score; beyond every bound it scores the `otherwise` key.
_THRESHOLD_KEYS = {"pue": ("at_most", "higher"), "renewable_share": ("at_least", "lower")}


@lru_cache(maxsize=8)
def _load_config(path: str) -> ScoringConfig:
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
    except OSError as exc:
        raise ScoringError(f"{path}: cannot read the scoring settings: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ScoringError(f"{path}: not valid YAML: {exc}") from exc

    def fail(reason: str) -> ScoringError:
        return ScoringError(f"{path}: {reason}")

    if not isinstance(raw, dict):
        raise fail("expected a mapping at the top level")
    expected = {"weights", "aggregate", "seal", "state_owned_non_eu", *_TABLE_KEYS, *_THRESHOLD_KEYS}
    if set(raw) != expected:
        missing, extra = sorted(expected - set(raw)), sorted(set(raw) - expected)
        raise fail(f"keys missing: {missing or 'none'}; unknown keys: {extra or 'none'}")
    weights = raw["weights"]
    if not isinstance(weights, dict) or set(weights) != set(OBJECTIVES):
        raise fail(f"weights: give a number for each of {', '.join(OBJECTIVES)}")
    for key, value in weights.items():
        if not isinstance(value, (int, float)) or value < 0:
            raise fail(f"weights.{key}: expected a number ≥ 0, got {value!r}")
    if not sum(weights.values()):
        raise fail("weights: at least one weight must be above 0")
    aggregate = raw["aggregate"]
    if not isinstance(aggregate, dict) or set(aggregate) != set(OBJECTIVES):
        raise fail(f"aggregate: give min, mean or max for each of {', '.join(OBJECTIVES)}")
    for key, value in aggregate.items():
        if value not in _AGGREGATES:
            raise fail(f"aggregate.{key}: expected one of {', '.join(_AGGREGATES)}, got {value!r}")
    seal = raw["seal"]
    if not isinstance(seal, dict) or seal.get("rule") not in ("weakest", "weighted"):
        raise fail("seal.rule: expected weakest or weighted")
    required = seal.get("required") or []
    if not isinstance(required, list) or not set(required) <= set(OBJECTIVES):
        raise fail(f"seal.required: expected a list of objectives among {', '.join(OBJECTIVES)}")
    tables: dict[str, dict[str, int]] = {}
    for name, keys in _TABLE_KEYS.items():
        table = raw[name]
        if not isinstance(table, dict):
            raise fail(f"{name}: expected a mapping")
        table = {str(k).lower() if isinstance(k, bool) is False else ("yes" if k else "no"): v
                 for k, v in table.items()}
        if keys is not None and set(table) != keys:
            raise fail(f"{name}: expected the keys {', '.join(sorted(keys))}")
        for key, value in table.items():
            if not isinstance(value, int) or not 0 <= value <= 4:
                raise fail(f"{name}.{key}: expected a score from 0 to 4, got {value!r}")
        tables[name] = table
    state = raw["state_owned_non_eu"]
    if not isinstance(state, int) or not 0 <= state <= 4:
        raise fail("state_owned_non_eu: expected a score from 0 to 4")
    thresholds = {}
    for name, (direction, otherwise) in _THRESHOLD_KEYS.items():
        table = raw[name]
        if not isinstance(table, dict) or otherwise not in table or len(table) < 2:
            raise fail(f"{name}: expected bounds ({direction.replace('_', ' ')}) with a score each, "
                       f"and `{otherwise}`")
        bounds = []
        for key, value in table.items():
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
                raise fail(f"{name}.{key}: expected a score from 0 to 4, got {value!r}")
            if key == otherwise:
                continue
            if isinstance(key, bool) or not isinstance(key, (int, float)):
                raise fail(f"{name}: {key!r} is neither a number nor `{otherwise}`")
            bounds.append((float(key), value))
        bounds.sort(reverse=direction == "at_least")  # the most demanding bound first
        thresholds[name] = (tuple(bounds), table[otherwise])
    return ScoringConfig(weights={k: float(v) for k, v in weights.items()}, aggregate=dict(aggregate),
                         seal_rule=seal["rule"], seal_required=tuple(required), tables=tables,
                         state_owned_non_eu=state, path=path, thresholds=thresholds)


# -- values -------------------------------------------------------------------------


@dataclass(frozen=True)
class Factor:
    """One fact behind an objective's score. ``value`` None means unknown (no score)."""

    objective: str
    name: str  # stable id, e.g. "legal.parent_jurisdiction"
    value: str | None
    score: int | None
    reason_key: str
    reason_args: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def source(self) -> str:
        """The sources, joined, or the word ``unknown``."""
        return "; ".join(self.sources) if self.sources else "unknown"

    def reason(self, lang: str | None = None) -> str:
        args = {key: _word(value, lang) for key, value in self.reason_args}
        return t(self.reason_key, lang, **args)


@dataclass(frozen=True)
class CheckItem:
    """One item of the SecNumCloud §19.6 checklist: ``true``, ``false`` or ``unknown``."""

    item: str
    status: str
    reason_key: str
    reason_args: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()

    def label(self, lang: str | None = None) -> str:
        return t(f"sov.snc.{self.item}", lang)

    def reason(self, lang: str | None = None) -> str:
        return t(self.reason_key, lang, **{k: _word(v, lang) for k, v in self.reason_args})


@dataclass(frozen=True)
class Assessment:
    """The sovereignty assessment of one asset."""

    asset: Ref
    name: str
    sov: dict[str, int | None]  # objective -> 0..4, None when no factor is known
    score: float  # weighted, 0–100; unknown objectives count 0
    coverage: float  # share of the weights whose objective is known, 0–1
    seal: int  # 0..4
    factors: tuple[Factor, ...]
    secnumcloud: tuple[CheckItem, ...] = ()

    @property
    def seal_label(self) -> str:
        return seal_label(self.seal)

    def to_json(self, lang: str | None = None) -> dict:
        """The JSON object of ``emprise score --format json`` (keys are a contract)."""
        return {
            "asset": str(self.asset),
            "name": self.name,
            "sov": dict(self.sov),
            "score": self.score,
            "coverage": self.coverage,
            "seal": self.seal_label,
            "factors": [
                {"objective": f.objective, "factor": f.name,
                 "value": f.value if f.known else "unknown", "known": f.known, "score": f.score,
                 "reason": f.reason(lang), "source": f.source, "sources": list(f.sources)}
                for f in self.factors
            ],
            "secnumcloud": [
                {"item": c.item, "label": c.label(lang), "status": c.status, "reason": c.reason(lang),
                 "source": "; ".join(c.sources) if c.sources else "unknown"}
                for c in self.secnumcloud
            ],
        }


def seal_label(level: int) -> str:
    return f"SEAL-{level}"


def _word(value: str, lang: str | None) -> str:
    """Reason arguments starting with ``@`` are message keys (translated words)."""
    if value.startswith("@"):
        key, _, rest = value[1:].partition("|")
        args = dict(part.split("=", 1) for part in rest.split("|") if part) if rest else {}
        return t(key, lang, **args)
    return value


# -- facts read from the graph and the catalog ----------------------------------------


@dataclass(frozen=True)
class Jurisdiction:
    """A company's country, its score class and the sources of both."""

    company: Ref
    name: str
    country: str | None
    klass: str | None  # a key of the `jurisdiction` table; None when unknown
    laws: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def verdict(self) -> str:
        if self.klass == "access_laws":
            return f"@sov.w.access_laws|laws={', '.join(self.laws)}"
        return f"@sov.w.{self.klass}"


def _sources(provenance: Iterable) -> tuple[str, ...]:
    return tuple(dict.fromkeys(cite(p) for p in provenance))


def _catalog_source(entry, fact: str) -> tuple[str, ...]:
    try:
        return (f"catalog {entry.source_of(fact)}",)
    except CatalogError:  # an entry with no source for this fact: point at the entry itself
        return (f"catalog {entry.file}:{entry.line}",)


def jurisdiction(graph: DependencyGraph, catalog, company: Ref) -> Jurisdiction:
    """Where ``company`` is headquartered and how its law treats its customers' data."""
    name = graph.name(company)
    country = graph.country_of(company)
    if country is None:
        return Jurisdiction(company, name, None, None)
    sources = _sources(graph.edge_provenance(company, country, EdgeKind.HEADQUARTERED_IN))
    entry = catalog.country(country.key)
    if entry is None or entry.eu is None:
        return Jurisdiction(company, name, country.key, None, sources=sources)
    if entry.eu:
        return Jurisdiction(company, name, country.key, "eu", sources=sources + _catalog_source(entry, "eu"))
    sources += _catalog_source(entry, "eu")
    if entry.laws:
        return Jurisdiction(company, name, country.key, "access_laws", tuple(entry.laws),
                            sources + _catalog_source(entry, "laws"))
    if entry.gdpr_adequacy is None:
        return Jurisdiction(company, name, country.key, None, sources=sources)
    adequate = entry.gdpr_adequacy.value in ("adequate", "partial", "eea")
    return Jurisdiction(company, name, country.key, "non_eu_adequate" if adequate else "non_eu",
                        sources=sources + _catalog_source(entry, "gdpr_adequacy"))


def hosting_chain(graph: DependencyGraph, asset: Ref) -> list[Ref]:
    """Every provider the asset runs on, followed through ``hosted_on`` (breadth first)."""
    seen: list[Ref] = []
    queue = list(graph.hosting_of(asset))
    while queue:
        provider = queue.pop(0)
        if provider in seen or provider == asset:
            continue
        seen.append(provider)
        queue.extend(graph.targets(provider, EdgeKind.HOSTED_ON))
    return seen


def _hosting_provenance(graph: DependencyGraph, asset: Ref, chain: list[Ref]) -> tuple[str, ...]:
    holders = [asset, *([graph.product_of(asset)] if graph.product_of(asset) else []), *chain]
    provenance = [p for src in holders for dst in chain
                  for p in graph.edge_provenance(src, dst, EdgeKind.HOSTED_ON)]
    return _sources(provenance)


def _company_chain(graph: DependencyGraph, ref: Ref) -> list[Ref]:
    """The vendor of an asset or product, up to its ultimate parent ([] when unknown)."""
    vendor = graph.vendor_of(ref) if ref.type is not NodeType.VENDOR else ref
    return graph.ownership_chain(vendor) if vendor is not None else []


def _chain_sources(graph: DependencyGraph, ref: Ref, chain: list[Ref]) -> tuple[str, ...]:
    provenance = []
    product = graph.product_of(ref) if ref.type is NodeType.ASSET else None
    for holder in (ref, product):
        if holder is not None and chain:
            provenance += graph.edge_provenance(holder, chain[0], EdgeKind.MADE_BY)
    for child, parent in zip(chain, chain[1:]):
        provenance += graph.edge_provenance(child, parent, EdgeKind.OWNED_BY)
    return _sources(provenance)


@dataclass
class _Context:
    graph: DependencyGraph
    catalog: object
    config: ScoringConfig
    asset: Ref
    value: Asset
    product: object | None  # ProductEntry
    chain: list[Ref]
    hosting: list[Ref]
    asset_sources: tuple[str, ...]
    factors: list[Factor] = field(default_factory=list)

    def add(self, objective: str, factor: str, fact: str | None, score: int | None, reason_key: str,
            sources: tuple[str, ...] = (), **args: str) -> None:
        """Record a factor; ``fact`` None makes it unknown (no score, no source)."""
        if fact is None:
            score, sources = None, ()
        self.factors.append(Factor(objective, factor, fact, score, reason_key,
                                   tuple((k, str(v)) for k, v in args.items()), tuple(sources)))

    def unknown(self, objective: str, factor: str, what: str) -> None:
        self.add(objective, factor, None, None, "sov.r.unknown", what=f"@sov.u.{what}")


def _self_run(ctx: _Context) -> bool | None:
    """Whether the organisation runs the asset itself (on its premises or a host's machines)."""
    kind = ctx.value.kind
    if kind is None:
        return None
    return kind in (AssetKind.ON_PREM_SOFTWARE, AssetKind.OPEN_SOURCE_COMPONENT, AssetKind.HARDWARE)


def _open_source(ctx: _Context) -> tuple[bool | None, str | None, tuple[str, ...]]:
    """(open?, licence text, sources): the catalog first, then the SBOM licence, then the inventory kind."""
    product = ctx.product
    if product is not None and product.open_source is not None:
        licence = product.licence or ctx.value.licence
        return product.open_source, licence, _catalog_source(product, "open_source")
    licence = ctx.value.licence
    if licence and not licence.startswith("LicenseRef-"):
        return True, licence, ctx.asset_sources
    if ctx.value.kind is AssetKind.OPEN_SOURCE_COMPONENT:
        return True, licence, ctx.asset_sources
    return None, None, ()


# -- the objectives -----------------------------------------------------------------


def _strategic(ctx: _Context) -> None:
    cfg, graph = ctx.config, ctx.graph
    if ctx.chain:
        top = ctx.chain[-1]
        jur = jurisdiction(graph, ctx.catalog, top)
        if jur.klass is not None:
            ctx.add("SOV-1", "strategic.parent_jurisdiction", f"{jur.name} ({jur.country})",
                    cfg.table("jurisdiction")[jur.klass], "sov.r.parent_jurisdiction",
                    _chain_sources(graph, ctx.asset, ctx.chain) + jur.sources,
                    name=jur.name, country=jur.country, verdict=jur.verdict())
        else:
            ctx.unknown("SOV-1", "strategic.parent_jurisdiction", "parent_country")
        entry = ctx.catalog.vendor(top.key)
        if entry is not None and entry.ownership is not None:
            ownership = entry.ownership.value
            score = cfg.table("ownership")[ownership]
            if ownership in ("state-owned", "public-body") and jur.klass not in ("eu", None):
                score = cfg.state_owned_non_eu
            ctx.add("SOV-1", "strategic.ownership", ownership, score, "sov.r.ownership",
                    _catalog_source(entry, "ownership"), name=jur.name, ownership=ownership)
        else:
            ctx.unknown("SOV-1", "strategic.ownership", "ownership")
    else:
        ctx.unknown("SOV-1", "strategic.parent_jurisdiction", "parent_country")
        ctx.unknown("SOV-1", "strategic.ownership", "ownership")
    mode = _deployment(ctx)
    if mode is None:
        ctx.unknown("SOV-1", "strategic.continuity", "kind")
    else:
        ctx.add("SOV-1", "strategic.continuity", mode, cfg.table("deployment")[mode], "sov.r.deployment",
                ctx.asset_sources + (_hosting_provenance(graph, ctx.asset, ctx.hosting) if ctx.hosting else ()),
                mode=f"@sov.w.{mode}", explain=f"@sov.w.{mode}.explain")


def _deployment(ctx: _Context) -> str | None:
    self_run = _self_run(ctx)
    if self_run is None:
        return None
    if not self_run:
        return "service"
    return "self_managed_cloud" if ctx.hosting else "on_premises"


def _legal(ctx: _Context) -> None:
    cfg, graph = ctx.config, ctx.graph
    is_open, _, open_sources = _open_source(ctx)
    if _self_run(ctx) and is_open:
        # Open-source software the organisation runs itself: no vendor holds its data nor
        # licenses it, so the law that reaches it is that of whoever runs the machines.
        # (Who builds it still counts, under SOV-5.)
        if not ctx.hosting:
            ctx.add("SOV-2", "legal.operator", "self_hosted", cfg.table("deployment")["on_premises"],
                    "sov.r.data_operator", ctx.asset_sources + open_sources,
                    names="@sov.w.self_hosting", verdict="@sov.w.on_premises")
            return
        jurs = []
        for provider in ctx.hosting:
            chain = _company_chain(graph, provider)
            jurs.append(jurisdiction(graph, ctx.catalog, chain[-1]) if chain else None)
        if any(j is None or j.klass is None for j in jurs):
            ctx.unknown("SOV-2", "legal.operator", "hosting")
            return
        worst = min(jurs, key=lambda j: cfg.table("jurisdiction")[j.klass])
        sources = _hosting_provenance(graph, ctx.asset, ctx.hosting) + open_sources
        sources += tuple(s for j in jurs for s in j.sources)
        ctx.add("SOV-2", "legal.operator", ", ".join(f"{j.name} ({j.country})" for j in jurs),
                cfg.table("jurisdiction")[worst.klass], "sov.r.data_operator", tuple(dict.fromkeys(sources)),
                names=", ".join(j.name for j in jurs), verdict=worst.verdict())
        return
    if not ctx.chain:
        ctx.unknown("SOV-2", "legal.vendor_jurisdiction", "vendor_country")
        ctx.unknown("SOV-2", "legal.parent_jurisdiction", "parent_country")
        return
    chain_sources = _chain_sources(graph, ctx.asset, ctx.chain)
    for name, company, key in (("legal.vendor_jurisdiction", ctx.chain[0], "sov.r.vendor_jurisdiction"),
                               ("legal.parent_jurisdiction", ctx.chain[-1], "sov.r.parent_law")):
        jur = jurisdiction(graph, ctx.catalog, company)
        if jur.klass is None:
            ctx.unknown("SOV-2", name, "vendor_country" if name.startswith("legal.vendor") else "parent_country")
            continue
        ctx.add("SOV-2", name, f"{jur.name} ({jur.country})", cfg.table("jurisdiction")[jur.klass], key,
                chain_sources + jur.sources, name=jur.name, country=jur.country, verdict=jur.verdict())


def _location_score(cfg, entry) -> int | None:
    """The data-location score of one country: EU 4 · GDPR-adequate 2 · other 0; None when unknown."""
    if entry is None or entry.eu is None:
        return None
    if entry.eu:
        return cfg.table("data_location")["eu"]
    if entry.gdpr_adequacy is None:
        return None
    if entry.gdpr_adequacy.value in ("adequate", "partial", "eea"):
        return cfg.table("data_location")["adequate"]
    return cfg.table("data_location")["other"]


def _where(codes: list[str]) -> str:
    """The locations as the reason says them: a region is named as such ("the EU (region,
    no country named)"), translated; countries stay codes."""
    regions = [code for code in codes if code in DATA_REGIONS]
    if not regions:
        return ", ".join(codes)
    others = ", ".join(code for code in codes if code != regions[0])
    key = f"sov.w.region.{regions[0]}" + (".with" if others else "")
    return f"@{key}|countries={others}" if others else f"@{key}"


def _data(ctx: _Context) -> None:
    cfg, graph, catalog = ctx.config, ctx.graph, ctx.catalog
    # Where: the organisation's own inventory wins over the catalog's list.
    if ctx.value.data_location:
        codes, origin, sources = [ctx.value.data_location], "@sov.w.inventory", ctx.asset_sources
    elif ctx.product is not None and ctx.product.data_locations:
        codes, origin = list(ctx.product.data_locations), "@sov.w.catalog"
        sources = _catalog_source(ctx.product, "data_locations")
    else:
        codes, origin, sources = [], "", ()
    scores = []
    for code in codes:
        members = region_members(code, catalog.countries)
        if members is not None:
            # A region (EU, EEA), no country named: the data may be in any of its countries,
            # so the worst of them counts (the EU: an EU location; the EEA: Norway's adequacy).
            region = [_location_score(cfg, catalog.country(member)) for member in members]
            score = min(region) if region and None not in region else None
        else:
            entry = catalog.country(code)
            score = _location_score(cfg, entry)
            if score is not None:
                sources = sources + _catalog_source(entry, "eu")
        if score is None:
            scores = []
            break
        scores.append(score)
    if scores:
        ctx.add("SOV-3", "data.location", ", ".join(codes), min(scores), "sov.r.data_location", sources,
                where=_where(codes), origin=origin)
    else:
        ctx.unknown("SOV-3", "data.location", "data_location")
    # Who operates the storage: the organisation itself, or the vendor and its hosts.
    self_run = _self_run(ctx)
    operators: list[Ref] = []
    if self_run is False and ctx.chain:
        operators.append(ctx.chain[-1])
    for provider in ctx.hosting:
        chain = _company_chain(graph, provider)
        if chain:
            operators.append(chain[-1])
    operators = list(dict.fromkeys(operators))
    if self_run and not ctx.hosting:
        # The organisation holds its own data: no third party's law reaches the storage.
        ctx.add("SOV-3", "data.operator", "self_hosted", cfg.table("deployment")["on_premises"],
                "sov.r.data_operator", ctx.asset_sources,
                names="@sov.w.self_hosting", verdict="@sov.w.on_premises")
    elif operators and (self_run is not None):
        jurs = [jurisdiction(graph, catalog, op) for op in operators]
        if any(j.klass is None for j in jurs):
            ctx.unknown("SOV-3", "data.operator", "data_operator")
        else:
            worst = min(jurs, key=lambda j: cfg.table("jurisdiction")[j.klass])
            sources = tuple(dict.fromkeys(s for j in jurs for s in j.sources))
            if ctx.hosting:
                sources = _hosting_provenance(graph, ctx.asset, ctx.hosting) + sources
            if self_run is False:
                sources = _chain_sources(graph, ctx.asset, ctx.chain) + sources
            ctx.add("SOV-3", "data.operator", ", ".join(f"{j.name} ({j.country})" for j in jurs),
                    cfg.table("jurisdiction")[worst.klass], "sov.r.data_operator", sources,
                    names=", ".join(j.name for j in jurs), verdict=worst.verdict())
    else:
        ctx.unknown("SOV-3", "data.operator", "data_operator")
    # AI: does it train on what people paste into it?
    is_ai = ctx.value.kind is AssetKind.AI_SERVICE or (
        ctx.product is not None and catalog.is_ai_service(ctx.product))
    if is_ai:
        ai = ctx.product.ai if ctx.product is not None else None
        if ai is None or ai.trains_on_inputs is None:
            ctx.unknown("SOV-3", "ai.training", "ai_training")
        else:
            table = cfg.table("ai_training")
            if not ai.trains_on_inputs:
                key = "no"
            elif ai.enterprise_tier:
                key = "yes_with_enterprise_tier"
            else:
                key = "yes"
            sources = _catalog_source(ctx.product, "ai.trains_on_inputs")
            if key == "yes_with_enterprise_tier":
                sources += _catalog_source(ctx.product, "ai.enterprise_tier")
            word = {"no": "@sov.w.no", "yes": "@sov.w.yes", "yes_with_enterprise_tier": "@sov.w.yes_enterprise"}
            ctx.add("SOV-3", "ai.training", key, table[key], "sov.r.ai_training", sources, value=word[key])


def _operational(ctx: _Context) -> None:
    cfg, catalog = ctx.config, ctx.catalog
    is_open, _, sources = _open_source(ctx)
    if is_open is None:
        ctx.unknown("SOV-4", "operational.source_available", "source")
    else:
        key = "open" if is_open else "proprietary"
        ctx.add("SOV-4", "operational.source_available", key, cfg.table("open_source")[key], "sov.r.source",
                sources, value=f"@sov.w.{key}")
    product = ctx.product
    if product is not None and product.sill is not None:
        key = "listed" if product.sill else "not_listed"
        ctx.add("SOV-4", "operational.sill", key, cfg.table("sill")[key], "sov.r.sill",
                _catalog_source(product, "sill"), value="@sov.w.yes" if product.sill else "@sov.w.no")
    elif product is not None and product.open_source is False:
        # Known without a SILL entry: the SILL recommends free software only.
        ctx.add("SOV-4", "operational.sill", "not_listed", cfg.table("sill")["not_listed"],
                "sov.r.sill_proprietary", _catalog_source(product, "open_source"))
    else:
        ctx.unknown("SOV-4", "operational.sill", "sill")
    best = _best_alternative(ctx)
    if best is None:
        ctx.unknown("SOV-4", "operational.alternatives", "alternatives")
    else:
        key, alternative, name = best
        ctx.add("SOV-4", "operational.alternatives", f"{alternative.product} ({alternative.fit.value})",
                cfg.table("alternatives")[key], "sov.r.alternatives", (f"catalog {alternative.ref}",),
                value=f"@sov.w.{key}|name={name}")


def _best_alternative(ctx: _Context):
    product = ctx.product
    if product is None or not product.alternatives:
        return None
    rank = {"eu_full": 0, "eu_partial": 1, "other": 2}
    best = None
    for alternative in product.alternatives:
        entry = ctx.catalog.product(alternative.product)
        key = "other"
        if entry is not None and entry.vendor is not None and ctx.catalog.vendor(entry.vendor) is not None:
            top = ctx.catalog.ultimate_parent(entry.vendor)
            country = ctx.catalog.country(top.country) if top.country else None
            if country is not None and country.eu:
                key = "eu_full" if alternative.fit.value == "full" else "eu_partial"
        name = entry.name if entry is not None else alternative.product
        if best is None or rank[key] < rank[best[0]]:
            best = (key, alternative, name)
    return best


def _supply_chain(ctx: _Context) -> None:
    cfg, graph = ctx.config, ctx.graph
    table = cfg.table("jurisdiction")
    if ctx.chain:
        jur = jurisdiction(graph, ctx.catalog, ctx.chain[0])
        if jur.klass is not None:
            ctx.add("SOV-5", "supply.builder", f"{jur.name} ({jur.country})", table[jur.klass], "sov.r.builder",
                    _chain_sources(graph, ctx.asset, ctx.chain[:1]) + jur.sources,
                    name=jur.name, country=jur.country, verdict=jur.verdict())
        else:
            ctx.unknown("SOV-5", "supply.builder", "vendor_country")
    else:
        ctx.unknown("SOV-5", "supply.builder", "vendor_country")
    # Hosting, followed transitively: a French SaaS on AWS inherits AWS's exposure.
    if ctx.hosting:
        parents = []
        for provider in ctx.hosting:
            chain = _company_chain(graph, provider)
            parents.append(chain[-1] if chain else None)
        jurs = [jurisdiction(graph, ctx.catalog, p) if p is not None else None for p in parents]
        if any(j is None or j.klass is None for j in jurs):
            ctx.unknown("SOV-5", "supply.hosting", "hosting")
        else:
            worst = min(jurs, key=lambda j: table[j.klass])
            names = ", ".join(f"{graph.name(p)} ({j.name}, {j.country})" for p, j in zip(ctx.hosting, jurs))
            sources = _hosting_provenance(graph, ctx.asset, ctx.hosting)
            for provider, j in zip(ctx.hosting, jurs):
                sources += _chain_sources(graph, provider, _company_chain(graph, provider)) + j.sources
            ctx.add("SOV-5", "supply.hosting", names, table[worst.klass], "sov.r.hosting",
                    tuple(dict.fromkeys(sources)), names=names, verdict=worst.verdict())
    elif _self_run(ctx):
        ctx.add("SOV-5", "supply.hosting", "on_premises", cfg.table("deployment")["on_premises"],
                "sov.r.hosting_self", ctx.asset_sources, explain="@sov.w.self_hosting")
    elif ctx.value.kind is AssetKind.CLOUD_SERVICE and ctx.chain:
        # A cloud service that names no host of its own runs on its provider's infrastructure.
        jur = jurisdiction(graph, ctx.catalog, ctx.chain[-1])
        if jur.klass is None:
            ctx.unknown("SOV-5", "supply.hosting", "hosting")
        else:
            ctx.add("SOV-5", "supply.hosting", f"{jur.name} ({jur.country})", table[jur.klass],
                    "sov.r.hosting_own", ctx.asset_sources + _chain_sources(graph, ctx.asset, ctx.chain)
                    + jur.sources, name=jur.name, verdict=jur.verdict())
    else:
        ctx.unknown("SOV-5", "supply.hosting", "hosting")
    # Direct dependencies (the simulation follows them transitively).
    dependencies = graph.targets(ctx.asset, EdgeKind.DEPENDS_ON)
    if dependencies:
        jurs = []
        for dependency in dependencies:
            chain = _company_chain(graph, dependency)
            jurs.append(jurisdiction(graph, ctx.catalog, chain[-1]) if chain else None)
        if any(j is None or j.klass is None for j in jurs):
            ctx.unknown("SOV-5", "supply.dependencies", "dependencies")
        else:
            worst = min(jurs, key=lambda j: table[j.klass])
            sources = _sources(p for d in dependencies
                               for p in graph.edge_provenance(ctx.asset, d, EdgeKind.DEPENDS_ON))
            sources += tuple(s for j in jurs for s in j.sources)
            names = ", ".join(f"{graph.name(d)} ({j.name}, {j.country})" for d, j in zip(dependencies, jurs))
            ctx.add("SOV-5", "supply.dependencies", names, table[worst.klass], "sov.r.dependencies",
                    tuple(dict.fromkeys(sources)), names=names, verdict=worst.verdict())


def _technology(ctx: _Context) -> None:
    is_open, licence, sources = _open_source(ctx)
    if is_open is None:
        ctx.unknown("SOV-6", "technology.licence", "licence")
        return
    key = "open" if is_open else "proprietary"
    value = licence or key
    if licence and ctx.product is not None and ctx.product.licence == licence:
        sources = sources + _catalog_source(ctx.product, "licence")
    ctx.add("SOV-6", "technology.licence", value, ctx.config.table("open_source")[key], "sov.r.licence",
            tuple(dict.fromkeys(sources)), value=licence or f"@sov.w.{key}")


def _security(ctx: _Context) -> None:
    table = ctx.config.table("certifications")
    holders: list[tuple[str, object]] = []
    if ctx.product is not None:
        holders.append(("product", ctx.product))
    for provider in ctx.hosting:
        entry = ctx.catalog.product(provider.key)
        if entry is not None:
            holders.append(("hosting", entry))
    found = False
    for whose, entry in holders:
        certs = [c for c in entry.certifications if c in table]
        if not certs:
            continue
        found = True
        score = max(table[c] for c in certs)
        ctx.add("SOV-7", f"security.certifications.{whose}", f"{entry.name}: {', '.join(certs)}", score,
                "sov.r.certifications", _catalog_source(entry, "certifications"),
                whose=f"@sov.w.{whose}", value=f"{entry.name}: {', '.join(certs)}")
    if not found:
        ctx.unknown("SOV-7", "security.certifications", "certifications")


def _environment_holders(ctx: _Context) -> tuple[str, list]:
    """Whose environmental disclosure applies, first found:

    - ``own``: the asset's own product discloses something (and the organisation does not
      run it itself);
    - ``host``: its hosts, followed through hosted_on — each host's product, else that
      product's vendor (a company-wide disclosure);
    - ``vendor``: a service operated by its vendor that names no host runs in the vendor's
      own data centres: the vendor's company-wide disclosure.
    """
    product, self_run = ctx.product, _self_run(ctx)
    if product is not None and product.environment is not None and not self_run:
        return "own", [product]
    holders: list = []
    for provider in ctx.hosting:
        ref = ctx.graph.product_of(provider) if provider.type is NodeType.ASSET else provider
        entry = ctx.catalog.product(ref.key) if ref is not None and ref.type is NodeType.PRODUCT else None
        if entry is None or entry.environment is None:
            vendor = ctx.graph.vendor_of(ref) if ref is not None else None
            entry = ctx.catalog.vendor(vendor.key) if vendor is not None else None
        if entry is not None and entry.environment is not None and entry not in holders:
            holders.append(entry)
    if holders or ctx.hosting or self_run is not False or not ctx.chain:
        return "host", holders
    vendor = ctx.catalog.vendor(ctx.chain[0].key)
    return ("vendor", [vendor]) if vendor is not None and vendor.environment is not None else ("host", [])


def _environment(ctx: _Context) -> None:
    """SOV-8 from the catalog's ``environment`` facts: the product's own, else its hosts',
    else its operating vendor's (see ``_environment_holders``).

    PUE and renewable share are scored from the bounds tables; with several hosts, the worst
    disclosed figure counts. A published carbon report counts only when neither figure is
    known (disclosure without a measure). Nothing disclosed: unknown, never guessed.
    """
    cfg = ctx.config
    whose, holders = _environment_holders(ctx)
    if not holders:
        self_hosted = _self_run(ctx) and not ctx.hosting
        ctx.unknown("SOV-8", "environment.disclosure", "environment_self" if self_hosted else "environment")
        return
    via: tuple[str, ...] = ()  # how the asset reaches whoever disclosed: hosted_on or made_by records
    if whose == "host":
        via = _hosting_provenance(ctx.graph, ctx.asset, ctx.hosting)
    elif whose == "vendor":
        via = ctx.asset_sources + _chain_sources(ctx.graph, ctx.asset, ctx.chain[:1])
    known_figure = False
    for fact, table, reason, show in (("pue", "pue", "sov.r.pue", lambda v: f"{v:g}"),
                                      ("renewable_share", "renewable_share", "sov.r.renewable",
                                       lambda v: f"{v * 100:g} %")):
        found = [(entry, getattr(entry.environment, fact)) for entry in holders
                 if getattr(entry.environment, fact) is not None]
        if not found:
            continue
        known_figure = True
        scores = [cfg.threshold_score(table, figure) for _, figure in found]
        value = "; ".join(f"{show(figure)} ({entry.name})" for entry, figure in found)
        sources = via + tuple(s for entry, _ in found for s in _catalog_source(entry, f"environment.{fact}"))
        names = ", ".join(entry.name for entry, _ in found)
        ctx.add("SOV-8", f"environment.{fact}", value, min(scores), reason, tuple(dict.fromkeys(sources)),
                value=value, origin=f"@sov.w.env_{whose}|names={names}")
    if known_figure:
        return
    reports = [(entry, entry.environment.carbon_report) for entry in holders
               if entry.environment.carbon_report is not None]
    if not reports:
        ctx.unknown("SOV-8", "environment.disclosure", "environment")
        return
    key = "published" if all(published for _, published in reports) else "not_published"
    names = ", ".join(entry.name for entry, _ in reports)
    sources = via + tuple(s for entry, _ in reports
                          for s in _catalog_source(entry, "environment.carbon_report"))
    ctx.add("SOV-8", "environment.carbon_report", key, cfg.table("carbon_report")[key], "sov.r.carbon_report",
            tuple(dict.fromkeys(sources)), value="@sov.w.yes" if key == "published" else "@sov.w.no",
            origin=f"@sov.w.env_{whose}|names={names}")


# -- SecNumCloud §19.6 ----------------------------------------------------------------


def secnumcloud_checklist(graph: DependencyGraph, catalog, asset: Ref) -> tuple[CheckItem, ...]:
    """The §19.6 test for whoever operates ``asset``: each item true, false or unknown."""
    chain = _company_chain(graph, asset)
    hosting = hosting_chain(graph, asset)
    items: list[CheckItem] = []
    if not chain:
        why = "sov.snc.why.no_vendor"
        return tuple(CheckItem(item, "unknown", why) for item in
                     ("eu_registered_office", "non_eu_holders", "no_technical_access", "qualification"))
    vendor = jurisdiction(graph, catalog, chain[0])
    chain_sources = _chain_sources(graph, asset, chain)
    if vendor.klass is None:
        items.append(CheckItem("eu_registered_office", "unknown", "sov.r.unknown",
                               (("what", "@sov.u.vendor_country"),)))
    else:
        items.append(CheckItem("eu_registered_office", "true" if vendor.klass == "eu" else "false",
                               "sov.snc.why.office", (("name", vendor.name), ("country", vendor.country)),
                               chain_sources + vendor.sources))
    controllers = [jurisdiction(graph, catalog, company) for company in chain[1:]]
    foreign = next((j for j in controllers if j.klass not in ("eu", None)), None)
    if foreign is not None:
        items.append(CheckItem("non_eu_holders", "false", "sov.snc.why.controlled",
                               (("name", foreign.name), ("country", foreign.country)),
                               chain_sources + foreign.sources))
    else:
        items.append(CheckItem("non_eu_holders", "unknown", "sov.snc.why.holders_unknown"))
    operators = [(chain[-1], jurisdiction(graph, catalog, chain[-1]))]
    for provider in hosting:
        provider_chain = _company_chain(graph, provider)
        if provider_chain:
            operators.append((provider, jurisdiction(graph, catalog, provider_chain[-1])))
    outsider = next(((ref, j) for ref, j in operators if j.klass not in ("eu", None)), None)
    if outsider is not None:
        ref_, j = outsider
        sources = j.sources + (_hosting_provenance(graph, asset, hosting) if ref_ in hosting else chain_sources)
        items.append(CheckItem("no_technical_access", "false", "sov.snc.why.access",
                               (("name", j.name), ("country", j.country)), tuple(dict.fromkeys(sources))))
    else:
        items.append(CheckItem("no_technical_access", "unknown", "sov.snc.why.access_unknown"))
    product_ref = graph.product_of(asset)
    entry = catalog.product(product_ref.key) if product_ref is not None else None
    if entry is not None and "secnumcloud" in entry.certifications:
        items.append(CheckItem("qualification", "true", "sov.snc.why.qualified", (("name", entry.name),),
                               _catalog_source(entry, "certifications")))
    else:
        items.append(CheckItem("qualification", "unknown", "sov.snc.why.not_listed"))
    return tuple(items)


# -- assessing --------------------------------------------------------------------------


def _aggregate(scores: list[int], how: str) -> int:
    if how == "min":
        return min(scores)
    if how == "max":
        return max(scores)
    return math.floor(sum(scores) / len(scores))


def assess(graph: DependencyGraph, catalog, asset: Ref, config: ScoringConfig | None = None) -> Assessment:
    """The sovereignty assessment of one asset: objective scores, weighted score, SEAL, factors.

    Raises ScoringError when the settings are invalid; KeyError-free on missing facts
    (those become unknown factors).
    """
    config = config or ScoringConfig.load()
    value: Asset = graph.value(asset)
    product_ref = graph.product_of(asset)
    product = catalog.product(product_ref.key) if product_ref is not None else None
    ctx = _Context(graph=graph, catalog=catalog, config=config, asset=asset, value=value, product=product,
                   chain=_company_chain(graph, asset), hosting=hosting_chain(graph, asset),
                   asset_sources=_sources(graph.node_provenance(asset)))
    for objective in (_strategic, _legal, _data, _operational, _supply_chain, _technology, _security,
                      _environment):
        objective(ctx)
    sov: dict[str, int | None] = {}
    for objective in OBJECTIVES:
        known = [f.score for f in ctx.factors if f.objective == objective and f.score is not None]
        sov[objective] = _aggregate(known, config.aggregate[objective]) if known else None
    total = sum(config.weights.values())
    score = sum(config.weights[o] * (s or 0) for o, s in sov.items()) / (4 * total) * 100
    coverage = sum(config.weights[o] for o, s in sov.items() if s is not None) / total
    return Assessment(asset=asset, name=value.name, sov=sov, score=round(score, 1),
                      coverage=round(coverage, 2), seal=_seal(sov, score, config),
                      factors=tuple(ctx.factors), secnumcloud=secnumcloud_checklist(graph, catalog, asset))


def _seal(sov: dict[str, int | None], score: float, config: ScoringConfig) -> int:
    """SEAL level (docs/scoring.md): the weakest known objective caps it, by default."""
    if any(sov[o] is None for o in config.seal_required):
        return 0
    if config.seal_rule == "weighted":
        return min(4, int(score // 25))
    known = [s for s in sov.values() if s is not None]
    return min(known) if known else 0


def assess_all(graph: DependencyGraph, catalog, config: ScoringConfig | None = None) -> list[Assessment]:
    """Assessments of every asset of the graph, in the order of their names."""
    config = config or ScoringConfig.load()
    results = [assess(graph, catalog, asset, config) for asset in graph.nodes(NodeType.ASSET)]
    return sorted(results, key=lambda a: (a.name.lower(), str(a.asset)))
