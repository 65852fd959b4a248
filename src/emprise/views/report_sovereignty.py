"""The report's sovereignty sections: executive summary, SOV and IRN radars, SEAL
distribution, spend and data-location split, top risks, renewal calendar, cut-off of the
biggest ultimate parents, migration plan.

``sovereignty_context`` runs the analyses (scores, resilience, renewals, simulations,
plan) and returns the values ``templates/_sovereignty.html.j2`` shows; it decides
nothing itself. Every text is in the report's language; names come from users' files
and are escaped by the template (the radars by ElementTree).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from emprise.i18n import messages, t

__all__ = ["SovereigntySection", "analyse", "sovereignty_context"]

MESSAGES = messages({
    "rsov.section.summary": {"en": "Executive summary", "fr": "Synthèse pour la direction"},
    "rsov.section.sovereignty": {"en": "Sovereignty profile", "fr": "Profil de souveraineté"},
    "rsov.section.risks": {"en": "Top risks", "fr": "Principaux risques"},
    "rsov.section.renewals": {"en": "Renewal calendar (next 12 months)",
                              "fr": "Calendrier des renouvellements (12 prochains mois)"},
    "rsov.section.cutoffs": {"en": "Cut-off of the three biggest ultimate parents",
                             "fr": "Coupure des trois principales sociétés mères"},
    "rsov.section.plan": {"en": "Migration plan", "fr": "Plan de migration"},
    "rsov.summary.explain": {
        "en": "What matters, in two minutes. Figures come from the inventory and the catalog; "
              "what they do not say is counted as unknown, never guessed.",
        "fr": "L'essentiel, en deux minutes. Les chiffres viennent de l'inventaire et du catalogue ; "
              "ce qu'ils ne disent pas est compté comme inconnu, jamais deviné."},
    "rsov.summary.empty": {"en": "No asset yet: import an inventory to get the summary.",
                           "fr": "Aucun actif pour l'instant : importez un inventaire pour obtenir la synthèse."},
    "rsov.s.critical.head": {"en": "Dependence outside the EU", "fr": "Dépendance hors UE"},
    "rsov.s.critical": {
        "en": "{count} of {total} critical capabilities ({share}) rely, directly or through their hosting and "
              "dependencies, on a company whose ultimate parent is outside the EU.",
        "fr": "{count} des {total} capacités critiques ({share}) reposent, directement ou via leur hébergement "
              "et leurs dépendances, sur une société dont la maison mère est hors UE."},
    "rsov.s.critical.none": {
        "en": "No capability is marked critical (criticality 3 or 4): declare criticalities in the inventory.",
        "fr": "Aucune capacité n'est déclarée critique (criticité 3 ou 4) : renseignez les criticités dans "
              "l'inventaire."},
    "rsov.s.concentration.head": {"en": "Biggest concentration", "fr": "Plus forte concentration"},
    "rsov.s.concentration": {"en": "{parent} ({country}) alone controls {count} of {total} assets ({share}).",
                             "fr": "{parent} ({country}) contrôle à lui seul {count} des {total} actifs ({share})."},
    "rsov.s.concentration.cut": {"en": "If it cut us off, {stopped} assets would stop (hosting and dependencies "
                                       "included).",
                                 "fr": "S'il nous coupait, {stopped} actifs s'arrêteraient (hébergement et "
                                       "dépendances compris)."},
    "rsov.s.concentration.cap": {
        "en": "Most concentrated critical capability: {capability}, {share} of its assets under {parent}.",
        "fr": "Capacité critique la plus concentrée : {capability}, {share} de ses actifs chez {parent}."},
    "rsov.s.concentration.none": {"en": "No ultimate parent is known yet.",
                                  "fr": "Aucune société mère n'est encore connue."},
    "rsov.s.deadlines.head": {"en": "Next notice deadlines", "fr": "Prochaines dates de préavis"},
    "rsov.s.deadlines": {"en": "{items}.", "fr": "{items}."},
    "rsov.s.deadlines.none": {"en": "No auto-renewing contract has a decision date in the next 12 months.",
                              "fr": "Aucun contrat à tacite reconduction n'a de date de décision dans les 12 "
                                    "prochains mois."},
    "rsov.s.worst.head": {"en": "Weakest critical assets", "fr": "Actifs critiques les plus faibles"},
    "rsov.s.worst": {"en": "{items} (sovereignty score out of 100).", "fr": "{items} (score de souveraineté sur 100)."},
    "rsov.s.worst.none": {"en": "No critical asset is scored yet.", "fr": "Aucun actif critique n'est encore noté."},
    "rsov.s.us.head": {"en": "If US companies cut us off", "fr": "Si les sociétés américaines nous coupent"},
    "rsov.s.us": {"en": "{stopped} assets stop; {lost} capabilities are lost entirely{names}; weighted impact "
                        "{impact}.",
                  "fr": "{stopped} actifs s'arrêtent ; {lost} capacités sont entièrement perdues{names} ; impact "
                        "pondéré {impact}."},
    "rsov.s.us.none": {"en": "No company headquartered in the United States is in the map.",
                       "fr": "Aucune société ayant son siège aux États-Unis ne figure dans la cartographie."},
    "rsov.s.plan.head": {"en": "The way out", "fr": "La voie de sortie"},
    "rsov.s.plan": {"en": "Reaching SEAL-{seal} for every asset of criticality ≥ {crit}: {moves} moves in {waves} "
                          "waves; {with_alt} have an alternative in the catalog; organisation score {before} → "
                          "{after} / 100.",
                    "fr": "Atteindre SEAL-{seal} pour tout actif de criticité ≥ {crit} : {moves} migrations en "
                          "{waves} vagues ; {with_alt} ont une alternative au catalogue ; score de l'organisation "
                          "{before} → {after} / 100."},
    "rsov.s.plan.none": {"en": "Every asset of criticality ≥ {crit} already reaches SEAL-{seal}.",
                         "fr": "Tous les actifs de criticité ≥ {crit} atteignent déjà SEAL-{seal}."},
    "rsov.radar.sov": {"en": "SOV radar: the eight objectives (0–4), average weighted by criticality",
                       "fr": "Radar SOV : les huit objectifs (0–4), moyenne pondérée par la criticité"},
    "rsov.radar.sov.desc": {
        "en": "Criticality-weighted average of each sovereignty objective over the assets whose objective is "
              "known; the dashed line is the same average over critical assets only.",
        "fr": "Moyenne, pondérée par la criticité, de chaque objectif de souveraineté sur les actifs dont "
              "l'objectif est connu ; en tirets, la même moyenne sur les seuls actifs critiques."},
    "rsov.radar.irn": {"en": "IRN pillars by scale (ultimate parent in France, elsewhere in the EU, outside the EU)",
                       "fr": "Piliers IRN par périmètre (maison mère en France, ailleurs dans l'UE, hors UE)"},
    "rsov.radar.irn.desc": {
        "en": "The eight pillars of the Indice de Résilience Numérique, criticality-weighted, for the assets of "
              "each scale.",
        "fr": "Les huit piliers de l'Indice de Résilience Numérique, pondérés par la criticité, pour les actifs "
              "de chaque périmètre."},
    "rsov.series.all": {"en": "All assets", "fr": "Tous les actifs"},
    "rsov.series.critical": {"en": "Critical assets (criticality ≥ 3)", "fr": "Actifs critiques (criticité ≥ 3)"},
    "rsov.unknown": {"en": "unknown", "fr": "inconnu"},
    "rsov.seal.title": {"en": "SEAL distribution", "fr": "Répartition des niveaux SEAL"},
    "rsov.seal.explain": {
        "en": "Assurance level of each asset (EU Cloud Sovereignty Framework): SEAL-0 no sovereignty … SEAL-4 "
              "full digital sovereignty. The weakest objective caps the level.",
        "fr": "Niveau d'assurance de chaque actif (cadre européen de souveraineté du cloud) : SEAL-0 aucune "
              "souveraineté … SEAL-4 souveraineté numérique complète. L'objectif le plus faible plafonne le niveau."},
    "rsov.seal.level": {"en": "Level", "fr": "Niveau"},
    "rsov.seal.all": {"en": "All assets", "fr": "Tous les actifs"},
    "rsov.seal.critical": {"en": "Critical assets", "fr": "Actifs critiques"},
    "rsov.split.title": {"en": "Spend and data location: France, EU, outside the EU",
                         "fr": "Dépense et localisation des données : France, UE, hors UE"},
    "rsov.split.spend": {"en": "Annual spend (by ultimate parent)", "fr": "Dépense annuelle (par maison mère)"},
    "rsov.split.data": {"en": "Data stored (by criticality)", "fr": "Données stockées (par criticité)"},
    "rsov.split.openness": {"en": "Open-source share within each scale", "fr": "Part de logiciels libres dans chaque périmètre"},
    "rsov.split.none": {"en": "no known figure", "fr": "aucun chiffre connu"},
    "rsov.split.hhi": {"en": "Concentration of the portfolio (Herfindahl–Hirschman index, 0–10 000, weighted by "
                             "criticality; above 2 500 is highly concentrated): {value}.",
                       "fr": "Concentration du portefeuille (indice de Herfindahl–Hirschman, 0–10 000, pondéré par "
                             "la criticité ; au-delà de 2 500, forte concentration) : {value}."},
    "rsov.col.asset": {"en": "Asset", "fr": "Actif"},
    "rsov.col.crit": {"en": "Criticality", "fr": "Criticité"},
    "rsov.col.score": {"en": "Score", "fr": "Score"},
    "rsov.col.seal": {"en": "SEAL", "fr": "SEAL"},
    "rsov.col.parent": {"en": "Ultimate parent", "fr": "Société mère"},
    "rsov.col.why": {"en": "Main reason", "fr": "Raison principale"},
    "rsov.col.deadline": {"en": "Notice deadline", "fr": "Date limite de préavis"},
    "rsov.col.end": {"en": "Contract end", "fr": "Fin du contrat"},
    "rsov.col.cost": {"en": "Annual cost", "fr": "Coût annuel"},
    "rsov.col.alternatives": {"en": "Alternatives", "fr": "Alternatives"},
    "rsov.col.stopped": {"en": "Assets stopped", "fr": "Actifs arrêtés"},
    "rsov.col.degraded": {"en": "Without updates", "fr": "Sans mises à jour"},
    "rsov.col.lost": {"en": "Capabilities lost", "fr": "Capacités perdues"},
    "rsov.col.impact": {"en": "Weighted impact", "fr": "Impact pondéré"},
    "rsov.col.wave": {"en": "Wave", "fr": "Vague"},
    "rsov.col.moves": {"en": "Moves (best alternative)", "fr": "Migrations (meilleure alternative)"},
    "rsov.col.effort": {"en": "Effort", "fr": "Effort"},
    "rsov.col.gain": {"en": "Score gained", "fr": "Gain de score"},
    "rsov.col.org": {"en": "Organisation score", "fr": "Score de l'organisation"},
    "rsov.risks.explain": {
        "en": "Assets ranked by criticality × missing sovereignty (100 − score). “emprise score ASSET --why” "
              "gives every factor and its source.",
        "fr": "Actifs classés par criticité × souveraineté manquante (100 − score). « emprise score ACTIF --why » "
              "détaille chaque facteur et sa source."},
    "rsov.risks.none": {"en": "No asset to rank.", "fr": "Aucun actif à classer."},
    "rsov.renewals.explain": {
        "en": "Auto-renewing contracts, by the date to act: the notice deadline (the end date when the notice "
              "period is unknown). “emprise renewals --ics FILE” puts them in a calendar.",
        "fr": "Contrats à tacite reconduction, par date d'action : la date limite de préavis (la date de fin si "
              "le préavis est inconnu). « emprise renewals --ics FICHIER » les ajoute à un agenda."},
    "rsov.renewals.none": {"en": "No auto-renewing contract with a decision date in the next 12 months.",
                           "fr": "Aucun contrat à tacite reconduction avec une date de décision dans les 12 "
                                 "prochains mois."},
    "rsov.renewals.notice_unknown": {"en": "notice unknown", "fr": "préavis inconnu"},
    "rsov.cutoffs.explain": {
        "en": "What stops if each of the groups that control most of our assets cuts us off (its subsidiaries, "
              "their products, what is hosted on them, and what depends on those, transitively).",
        "fr": "Ce qui s'arrête si chacun des groupes qui contrôlent le plus d'actifs nous coupe (ses filiales, "
              "leurs produits, ce qu'ils hébergent, et ce qui en dépend, de proche en proche)."},
    "rsov.cutoffs.none": {"en": "No ultimate parent is known yet.", "fr": "Aucune société mère n'est encore connue."},
    "rsov.cutoffs.spof": {"en": "single point of failure for: {names}", "fr": "point de défaillance unique pour : {names}"},
    "rsov.plan.explain": {
        "en": "Target: no asset below SEAL-{seal} among those serving a capability of criticality ≥ {crit}. "
              "Waves follow dependencies: what others need (hosting, dependencies) moves first. Alternatives "
              "come from the catalog and are scored as if the asset ran on them. “emprise plan” gives the detail.",
        "fr": "Cible : aucun actif sous SEAL-{seal} parmi ceux qui servent une capacité de criticité ≥ {crit}. "
              "Les vagues suivent les dépendances : ce dont les autres ont besoin (hébergement, dépendances) migre "
              "d'abord. Les alternatives viennent du catalogue et sont notées comme si l'actif y fonctionnait. "
              "« emprise plan » donne le détail."},
    "rsov.plan.none": {"en": "Every asset in scope already meets the target.",
                       "fr": "Tous les actifs concernés atteignent déjà la cible."},
    "rsov.plan.no_alternative": {"en": "no alternative in the catalog", "fr": "pas d'alternative au catalogue"},
    "rsov.plan.star": {"en": "* even the best alternative in the catalog stays below the target.",
                       "fr": "* même la meilleure alternative du catalogue reste sous la cible."},
    "rsov.none": {"en": "none", "fr": "aucune"},
})

_CRITICAL = 3  # capabilities of criticality 3 and 4 are "critical"
_RADAR_COLOURS = {"all": "#1f3a5f", "critical": "#CC79A7", "FR": "#0072B2", "EU": "#009E73",
                  "non-EU": "#D55E00"}
_TOP_RISKS = 10
_TOP_PARENTS = 3


@dataclass(frozen=True)
class SovereigntySection:
    """Inputs computed once and shared by the HTML, PDF and XLSX views."""

    assessments: list
    resilience: object
    renewals: list
    cutoffs: list  # (parent Ref, SimulationResult)
    plan: object
    us_cut: object | None  # SimulationResult of country:US, None when no US company is in the map
    criticality: dict  # asset Ref -> highest known criticality (None when unknown)
    parents: dict  # asset Ref -> ultimate parent Ref (None when unknown)


def analyse(graph, catalog, *, today: date, min_seal: int = 2, min_criticality: int = 3) -> SovereigntySection:
    """Run the analyses the sovereignty sections need (scores, resilience, renewals,
    cut-offs of the three biggest ultimate parents and of the US, migration plan)."""
    from emprise.analyses.decisions import renewals, resilience
    from emprise.analyses.planning import migration_plan
    from emprise.analyses.simulation import Cut, PropagationIndex, simulate
    from emprise.analyses.sovereignty import assess_all
    from emprise.model import NodeType, Ref

    assessments = assess_all(graph, catalog)
    by_asset = {a.asset: a for a in assessments}
    criticality = {}
    parents = {}
    for asset in by_asset:
        levels = [graph.value(c).criticality for c in graph.capabilities_of(asset)]
        known = [level for level in levels if level is not None]
        criticality[asset] = max(known) if known else None
        vendor = graph.vendor_of(asset)
        parents[asset] = graph.ultimate_parent(vendor) if vendor is not None else None
    index = PropagationIndex(graph, catalog) if by_asset else None
    counts = Counter(p for p in parents.values() if p is not None)
    top = sorted(counts, key=lambda p: (-counts[p], graph.name(p).lower()))[:_TOP_PARENTS]
    cutoffs = [(p, simulate(graph, catalog, Cut("parent", p.key), index=index)) for p in top]
    us = Ref(NodeType.COUNTRY, "US")
    us_cut = simulate(graph, catalog, Cut("country", "US"), index=index) if us in graph else None
    items = renewals(graph, catalog, today, horizon_days=365, assessments=by_asset)
    plan = migration_plan(graph, catalog, min_seal=min_seal, min_criticality=min_criticality,
                          assessments=assessments)
    return SovereigntySection(assessments, resilience(graph, catalog, assessments), items, cutoffs, plan, us_cut,
                              criticality, parents)


# -- helpers -----------------------------------------------------------------------------


def _decimal(value: float, lang: str) -> str:
    """``47.2`` / ``47,2``: one decimal, in the reader's notation."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _pillars(pairs: list[tuple[int, dict]]) -> tuple[float | None, ...]:
    """Weighted mean of each objective over (weight, sov) pairs whose objective is known."""
    from emprise.analyses.sovereignty import OBJECTIVES

    out = []
    for objective in OBJECTIVES:
        known = [(w, sov[objective]) for w, sov in pairs if sov[objective] is not None]
        total = sum(w for w, _ in known)
        out.append(round(sum(w * s for w, s in known) / total, 2) if total else None)
    return tuple(out)


def _critical_dependence(graph, catalog, index) -> tuple[int, int]:
    """(critical capabilities that a cut of every non-EU country would touch, critical capabilities)."""
    from emprise.model import EdgeKind, NodeType

    critical = [c for c in graph.nodes(NodeType.CAPABILITY)
                if (graph.value(c).criticality or 0) >= _CRITICAL and graph.targets(c, EdgeKind.USES)]
    if not critical or index is None:
        return 0, len(critical)
    seeds = []
    for country in graph.nodes(NodeType.COUNTRY):
        entry = catalog.country(country.key)
        if entry is not None and entry.eu is False:
            seeds.append(index.ids[country])
    reached = {index.refs[i] for i in index.reach(seeds)} if seeds else set()
    hit = sum(1 for c in critical if any(a in reached for a in graph.targets(c, EdgeKind.USES)))
    return hit, len(critical)


def _main_reason(assessment, lang: str) -> str | None:
    """The known factor with the lowest score (the one that caps the level)."""
    known = [f for f in assessment.factors if f.score is not None]
    if not known:
        return None
    return min(known, key=lambda f: (f.score, f.objective)).reason(lang)


# -- the context -----------------------------------------------------------------------------


def sovereignty_context(graph, catalog, *, lang: str, today: date, section: SovereigntySection | None = None) -> dict:
    """The values of ``templates/_sovereignty.html.j2`` for ``graph`` in language ``lang``."""
    from emprise.analyses.decisions import SCALES
    from emprise.analyses.inventory import scope_of
    from emprise.analyses.simulation import PropagationIndex
    from emprise.analyses.sovereignty import OBJECTIVES
    from emprise.graph.load import eu_members
    from emprise.views.report import format_date, format_integer, format_money, format_percent
    from emprise.views.svgmap import criticality_label, scope_label
    from emprise.views.svgradar import Series, radar_svg

    s = section or analyse(graph, catalog, today=today)
    eu = eu_members(catalog)
    by_asset = {a.asset: a for a in s.assessments}

    def weight(asset) -> int:
        return s.criticality[asset] or 1

    def pct(value: float) -> str:
        return format_percent(Decimal(str(value)), 1, lang)

    def parent_text(parent) -> tuple[str | None, str | None]:
        if parent is None:
            return None, None
        country = graph.country_of(parent)
        return graph.name(parent), country.key if country is not None else None

    # Radars
    objective_labels = [f"{o}\n{t('sov.objective.' + o, lang=lang)}" for o in OBJECTIVES]
    all_pairs = [(weight(a.asset), a.sov) for a in s.assessments]
    critical_pairs = [(weight(a.asset), a.sov) for a in s.assessments
                      if (s.criticality[a.asset] or 0) >= _CRITICAL]
    sov_series = [Series(t("rsov.series.all", lang=lang), _pillars(all_pairs), _RADAR_COLOURS["all"])]
    if critical_pairs:
        sov_series.append(Series(t("rsov.series.critical", lang=lang), _pillars(critical_pairs),
                                 _RADAR_COLOURS["critical"], dashed=True))
    scope = {}
    for asset, parent in s.parents.items():
        country = graph.country_of(parent) if parent is not None else None
        scope[asset] = scope_of(country.key if country is not None else None, eu)
    irn_series = []
    for scale in ("FR", "EU", "non-EU"):
        pairs = [(weight(a.asset), a.sov) for a in s.assessments if scope[a.asset] == scale]
        if pairs:
            irn_series.append(Series(f"{scope_label(scale, lang)} ({format_integer(len(pairs), lang)})",
                                     _pillars(pairs), _RADAR_COLOURS[scale], dashed=scale == "EU"))
    has_assets = bool(s.assessments)
    sov_radar = radar_svg(objective_labels, sov_series, title=t("rsov.radar.sov", lang=lang),
                          description=t("rsov.radar.sov.desc", lang=lang), unknown=t("rsov.unknown", lang=lang),
                          ident="sov-radar") if has_assets else None
    irn_radar = radar_svg([t("sov.objective." + o, lang=lang) for o in OBJECTIVES], irn_series,
                          title=t("rsov.radar.irn", lang=lang), description=t("rsov.radar.irn.desc", lang=lang),
                          unknown=t("rsov.unknown", lang=lang), ident="irn-radar") if irn_series else None

    # SEAL distribution
    seal_all = Counter(a.seal for a in s.assessments)
    seal_critical = Counter(a.seal for a in s.assessments if (s.criticality[a.asset] or 0) >= _CRITICAL)
    total_all, total_critical = sum(seal_all.values()), sum(seal_critical.values())
    seals = [{"level": f"SEAL-{n}", "n": n,
              "all": format_integer(seal_all[n], lang), "all_share": format_percent(seal_all[n], total_all, lang),
              "all_width": f"{100 * seal_all[n] / total_all:.1f}" if total_all else "0",
              "critical": format_integer(seal_critical[n], lang),
              "critical_share": format_percent(seal_critical[n], total_critical, lang)} for n in range(5)]

    # Spend, data and openness by scale
    r = s.resilience
    splits = []
    for key in ("spend", "data", "openness"):
        shares = getattr(r, key)
        known = any(shares[scale] for scale in SCALES)
        splits.append({"label": t(f"rsov.split.{key}", lang=lang), "known": known, "bar": key != "openness",
                       "segments": [{"scale": scale, "label": scope_label(scale, lang), "share": pct(shares[scale]),
                                     "width": f"{100 * shares[scale]:.2f}"} for scale in SCALES]})
    hhi = format_integer(round(r.hhi_overall), lang) if r.hhi_overall is not None else None

    # Top risks
    ranked = sorted(s.assessments, key=lambda a: (-(weight(a.asset) * (100 - a.score)), a.name.lower()))
    risks = []
    for a in ranked[:_TOP_RISKS]:
        name, country = parent_text(s.parents[a.asset])
        risks.append({"name": a.name, "criticality": criticality_label(s.criticality[a.asset], lang),
                      "score": _decimal(a.score, lang),
                      "seal": a.seal_label, "seal_n": a.seal,
                      "parent": f"{name} ({country})" if name and country else name,
                      "why": _main_reason(a, lang)})

    # Renewals
    renewal_rows = [{"deadline": format_date(item.decision_date, lang), "notice_known": item.notice_deadline is not None,
                     "name": item.name, "end": format_date(item.end, lang),
                     "cost": format_money(item.annual_cost, item.currency, lang) if item.annual_cost is not None else None,
                     "seal": item.seal, "alternatives": ", ".join(item.alternatives[:3]) or None}
                    for item in s.renewals]

    # Cut-offs
    cutoffs = []
    for parent, result in s.cutoffs:
        name, country = parent_text(parent)
        cutoffs.append({"name": name, "country": country, "stopped": format_integer(len(result.stopped), lang),
                        "degraded": format_integer(len(result.degraded), lang),
                        "lost": [c.name for c in result.lost], "impact": pct(result.impact),
                        "spof": sorted({p.capability_name for p in result.single_points_of_failure
                                        if p.company == parent})})

    # Plan
    plan = s.plan
    waves = [{"number": w.number,
              "moves": [{"name": m.name, "best": m.best.name if m.best else None,
                         "meets": bool(m.best and m.best.meets_target), "effort": m.effort} for m in w.moves],
              "efforts": ", ".join(f"{n}×{k}" for k, n in sorted(Counter(m.effort for m in w.moves).items(),
                                                                   key=lambda kv: "SMLX".index(kv[0][0]))),
              "gain": f"+{_decimal(w.score_gained, lang)}", "before": _decimal(w.organisation_before, lang),
              "after": _decimal(w.organisation_after, lang)} for w in plan.waves]

    # Executive summary
    summary = []
    if has_assets:
        index = PropagationIndex(graph, catalog)
        hit, total = _critical_dependence(graph, catalog, index)
        summary.append((t("rsov.s.critical.head", lang=lang),
                        t("rsov.s.critical", lang=lang, count=hit, total=total, share=format_percent(hit, total, lang))
                        if total else t("rsov.s.critical.none", lang=lang)))
        counts = Counter(p for p in s.parents.values() if p is not None)
        if counts:
            biggest = sorted(counts, key=lambda p: (-counts[p], graph.name(p).lower()))[0]
            name, country = parent_text(biggest)
            text = t("rsov.s.concentration", lang=lang, parent=name, country=country or t("rsov.unknown", lang=lang),
                     count=counts[biggest], total=len(s.assessments),
                     share=format_percent(counts[biggest], len(s.assessments), lang))
            cut = next((result for parent, result in s.cutoffs if parent == biggest), None)
            if cut is not None:
                text += " " + t("rsov.s.concentration.cut", lang=lang, stopped=len(cut.stopped))
            text += " " + _concentrated_capability(graph, s, lang)
            summary.append((t("rsov.s.concentration.head", lang=lang), text.strip()))
        else:
            summary.append((t("rsov.s.concentration.head", lang=lang), t("rsov.s.concentration.none", lang=lang)))
        upcoming = [f"{format_date(i.decision_date, lang)} — {i.name}" for i in s.renewals[:3]]
        summary.append((t("rsov.s.deadlines.head", lang=lang),
                        t("rsov.s.deadlines", lang=lang, items="; ".join(upcoming)) if upcoming
                        else t("rsov.s.deadlines.none", lang=lang)))
        critical_assets = sorted((a for a in s.assessments if (s.criticality[a.asset] or 0) >= _CRITICAL),
                                 key=lambda a: (a.score, a.name.lower()))[:3]
        summary.append((t("rsov.s.worst.head", lang=lang),
                        t("rsov.s.worst", lang=lang, items="; ".join(
                            f"{a.name} ({a.score:.0f}, {a.seal_label})" for a in critical_assets))
                        if critical_assets else t("rsov.s.worst.none", lang=lang)))
        if s.us_cut is not None:
            lost = [c.name for c in s.us_cut.lost]
            names = f" ({', '.join(lost)})" if lost else ""
            summary.append((t("rsov.s.us.head", lang=lang),
                            t("rsov.s.us", lang=lang, stopped=len(s.us_cut.stopped), lost=len(lost), names=names,
                              impact=pct(s.us_cut.impact))))
        else:
            summary.append((t("rsov.s.us.head", lang=lang), t("rsov.s.us.none", lang=lang)))
        if plan.waves:
            moves = plan.moves
            summary.append((t("rsov.s.plan.head", lang=lang), t(
                "rsov.s.plan", lang=lang, seal=plan.min_seal, crit=plan.min_criticality, moves=len(moves),
                waves=len(plan.waves), with_alt=sum(1 for m in moves if m.best is not None),
                before=_decimal(plan.organisation_score, lang), after=_decimal(plan.waves[-1].organisation_after, lang))))
        else:
            summary.append((t("rsov.s.plan.head", lang=lang),
                            t("rsov.s.plan.none", lang=lang, seal=plan.min_seal, crit=plan.min_criticality)))

    from markupsafe import Markup  # the radars were escaped by ElementTree

    return {
        "has_assets": has_assets,
        "summary": summary,
        "sov_radar": Markup(sov_radar) if sov_radar else None,
        "irn_radar": Markup(irn_radar) if irn_radar else None,
        "seals": seals,
        "splits": splits,
        "hhi": hhi,
        "risks": risks,
        "renewals": renewal_rows,
        "cutoffs": cutoffs,
        "plan": {"min_seal": plan.min_seal, "min_criticality": plan.min_criticality, "waves": waves},
    }


def _concentrated_capability(graph, s: SovereigntySection, lang: str) -> str:
    """The critical capability whose assets are most held by one ultimate parent."""
    from emprise.model import EdgeKind, NodeType
    from emprise.views.report import format_percent

    best = None
    for capability in graph.nodes(NodeType.CAPABILITY):
        if (graph.value(capability).criticality or 0) < _CRITICAL:
            continue
        assets = graph.targets(capability, EdgeKind.USES)
        owners = Counter(s.parents.get(a) for a in assets if s.parents.get(a) is not None)
        if len(assets) < 2 or not owners:
            continue
        parent, count = min(owners.items(), key=lambda kv: (-kv[1], graph.name(kv[0]).lower()))
        key = (count / len(assets), len(assets))
        if best is None or key > best[0]:
            best = (key, capability, parent, count, len(assets))
    if best is None:
        return ""
    _, capability, parent, count, total = best
    return t("rsov.s.concentration.cap", lang=lang, capability=graph.name(capability),
             share=format_percent(count, total, lang), parent=graph.name(parent))
