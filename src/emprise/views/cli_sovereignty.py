"""``emprise score``, ``simulate``, ``resilience``, ``renewals`` and ``overtooling``:
sovereignty scores with their reasons, cut-off simulation, and the decisions they support.

Light at import time: analyses, the store and the catalog load inside the commands.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from emprise.i18n import messages, t

MESSAGES = messages({
    "sov.help.score": {"en": "Sovereignty of each asset: SOV-1…SOV-8 (0–4), weighted score, SEAL level; --why lists "
                            "every factor with its source.",
                       "fr": "Souveraineté de chaque actif : SOV-1…SOV-8 (0–4), score pondéré, niveau SEAL ; --why "
                             "détaille chaque facteur et sa source."},
    "sov.help.simulate": {"en": "What stops if a vendor, group, country, product or hosting provider cuts us off.",
                          "fr": "Ce qui s'arrête si un éditeur, un groupe, un pays, un produit ou un hébergeur nous coupe."},
    "sov.help.resilience": {"en": "Resilience of the organisation: eight pillars and FR / EU / non-EU criteria.",
                            "fr": "Résilience de l'organisation : huit piliers et critères FR / UE / hors UE."},
    "sov.help.renewals": {"en": "Upcoming decision dates (notice deadlines) of contracts; --ics writes a calendar.",
                          "fr": "Prochaines dates de décision (préavis) des contrats ; --ics écrit un calendrier."},
    "sov.help.overtooling": {"en": "Capabilities served by several tools of the same category, with their cost.",
                             "fr": "Capacités servies par plusieurs outils de même catégorie, avec leur coût."},
    "sov.opt.asset": {"en": "An asset name or id (default: every asset).",
                      "fr": "Un nom ou identifiant d'actif (par défaut : tous)."},
    "sov.opt.why": {"en": "List every factor, its value, its reason and its source.",
                    "fr": "Détailler chaque facteur, sa valeur, sa raison et sa source."},
    "sov.opt.format": {"en": "table or json", "fr": "table ou json"},
    "sov.opt.scoring": {"en": "Scoring settings (YAML); default: the shipped scoring.yaml.",
                        "fr": "Réglages de notation (YAML) ; par défaut : scoring.yaml livré."},
    "sov.opt.cut": {"en": "vendor:ID | parent:ID | country:CC | product:ID | provider:ID",
                    "fr": "vendor:ID | parent:ID | country:CC | product:ID | provider:ID"},
    "sov.col.asset": {"en": "Asset", "fr": "Actif"},
    "sov.col.score": {"en": "Score", "fr": "Score"},
    "sov.col.seal": {"en": "SEAL", "fr": "SEAL"},
    "sov.col.coverage": {"en": "Known", "fr": "Connu"},
    "sov.col.objective": {"en": "Objective", "fr": "Objectif"},
    "sov.col.factor": {"en": "Factor", "fr": "Facteur"},
    "sov.col.value": {"en": "Value", "fr": "Valeur"},
    "sov.col.reason": {"en": "Reason", "fr": "Raison"},
    "sov.col.source": {"en": "Source", "fr": "Source"},
    "sov.unknown": {"en": "unknown", "fr": "inconnu"},
    "sov.empty": {"en": "The store holds no asset: run `emprise import FILE` or `emprise demo`.",
                  "fr": "Le référentiel ne contient aucun actif : lancez `emprise import FICHIER` ou `emprise demo`."},
    "sov.secnumcloud": {"en": "SecNumCloud 3.2 §19.6 checklist", "fr": "Grille SecNumCloud 3.2 §19.6"},
    "sov.status.true": {"en": "known true", "fr": "vrai (établi)"},
    "sov.status.false": {"en": "known false", "fr": "faux (établi)"},
    "sov.status.unknown": {"en": "unknown", "fr": "inconnu"},
    "sov.sim.title": {"en": "Cut-off: {cut}", "fr": "Coupure : {cut}"},
    "sov.sim.summary": {"en": "{stopped} assets stop, {degraded} keep running without updates; weighted impact "
                              "on capabilities: {impact} %",
                        "fr": "{stopped} actifs s'arrêtent, {degraded} continuent sans mises à jour ; impact pondéré "
                              "sur les capacités : {impact} %"},
    "sov.sim.lost": {"en": "Capabilities lost", "fr": "Capacités perdues"},
    "sov.sim.degraded": {"en": "Capabilities degraded", "fr": "Capacités dégradées"},
    "sov.sim.none": {"en": "none", "fr": "aucune"},
    "sov.sim.crit": {"en": "criticality {level}", "fr": "criticité {level}"},
    "sov.sim.stopped_of": {"en": "{stopped}/{total} assets stop", "fr": "{stopped}/{total} actifs arrêtés"},
    "sov.sim.restorable": {"en": "alternatives in the catalog would restore it",
                           "fr": "des alternatives du catalogue la rétabliraient"},
    "sov.sim.spof": {"en": "Single points of failure (one non-EU company stops the whole capability)",
                     "fr": "Points de défaillance uniques (une seule société hors UE arrête toute la capacité)"},
    "sov.sim.stopped": {"en": "Assets that stop", "fr": "Actifs arrêtés"},
    "sov.sim.alternatives": {"en": "Alternatives the cut does not reach", "fr": "Alternatives hors d'atteinte de la coupure"},
    "sov.ren.written": {"en": "Calendar written: {path} ({count} deadlines)",
                        "fr": "Calendrier écrit : {path} ({count} échéances)"},
    "sov.ren.end": {"en": "ends", "fr": "fin"},
    "sov.ot.cost_unknown": {"en": "cost unknown for {count}", "fr": "coût inconnu pour {count}"},
    "sov.res.spend": {"en": "Share of spend", "fr": "Part de la dépense"},
    "sov.res.data": {"en": "Share of data stored (by criticality)", "fr": "Part des données stockées (par criticité)"},
    "sov.res.openness": {"en": "Open-source share of each scale's assets", "fr": "Part de logiciels libres par périmètre"},
    "sov.res.hhi": {"en": "Concentration (Herfindahl–Hirschman, 0–10 000, weighted by criticality)",
                    "fr": "Concentration (Herfindahl–Hirschman, 0–10 000, pondérée par la criticité)"},
    "sov.sim.more": {"en": "… and {count} more", "fr": "… et {count} de plus"},
})


class Format(str, enum.Enum):
    table = "table"
    json = "json"


def _load():
    from emprise.views.cli import _catalog, _store
    from emprise.graph.load import load_graph

    catalog = _catalog()
    return load_graph(_store(), catalog), catalog


def _find_asset(graph, name: str):
    from emprise.analyses.listing import find_nodes
    from emprise.errors import NotFoundError
    from emprise.model import NodeType

    matches, suggestions = find_nodes(graph, name)
    matches = [m for m in matches if m.type is NodeType.ASSET]
    if len(matches) != 1:
        hint = f"; {t('show.did_you_mean', names=', '.join(suggestions))}" if suggestions else ""
        if matches:
            raise NotFoundError(t("show.ambiguous", name=name, refs=", ".join(str(m) for m in matches)))
        raise NotFoundError(t("show.not_found", name=name) + hint)
    return matches[0]


def score_command(
    asset: Annotated[Optional[str], typer.Argument(help=MESSAGES["sov.opt.asset"]["en"])] = None,
    why: Annotated[bool, typer.Option("--why", help=MESSAGES["sov.opt.why"]["en"])] = False,
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["sov.opt.format"]["en"])] = Format.table,
    scoring: Annotated[Optional[Path], typer.Option("--scoring", envvar="EMPRISE_SCORING",
                                                    help=MESSAGES["sov.opt.scoring"]["en"])] = None,
) -> None:
    """Sovereignty of each asset: SOV-1…SOV-8 (0–4), weighted score, SEAL level."""
    from emprise.analyses.sovereignty import OBJECTIVES, ScoringConfig, assess, assess_all
    from emprise.i18n import language
    from emprise.views.cli import console

    config = ScoringConfig.load(scoring)
    graph, catalog = _load()
    if asset is not None:
        results = [assess(graph, catalog, _find_asset(graph, asset), config)]
    else:
        results = assess_all(graph, catalog, config)
    lang = language()
    if format is Format.json:
        print(json.dumps([r.to_json(lang) for r in results], ensure_ascii=False, indent=1))
        return
    if not results:
        console.print(t("sov.empty"))
        return
    from rich.markup import escape
    from rich.table import Table

    table = Table()
    table.add_column(t("sov.col.asset"))
    for objective in OBJECTIVES:
        table.add_column(objective.replace("SOV-", "S"), justify="right")
    for column in ("sov.col.score", "sov.col.seal", "sov.col.coverage"):
        table.add_column(t(column), justify="right")
    for result in results:
        table.add_row(escape(result.name), *("?" if result.sov[o] is None else str(result.sov[o]) for o in OBJECTIVES),
                      f"{result.score:.1f}", result.seal_label, f"{result.coverage:.0%}")
    console.print(table)
    if not why:
        return
    for result in results:
        console.print(f"\n[bold]{escape(result.name)}[/bold] ({result.asset}) — {result.seal_label}, "
                      f"{result.score:.1f}/100")
        for objective in OBJECTIVES:
            known = result.sov[objective]
            console.print(f"  [bold]{objective}[/bold] {t('sov.objective.' + objective)}: "
                          f"{t('sov.unknown') if known is None else known}")
            for factor in (f for f in result.factors if f.objective == objective):
                value = factor.value if factor.known else t("sov.unknown")
                score = "" if factor.score is None else f" → {factor.score}"
                console.print(f"    - {factor.name} = {escape(value)}{score}: {escape(factor.reason(lang))}")
                source = factor.source if factor.known else t("sov.unknown")
                console.print(f"      [dim]{t('sov.col.source')}: {escape(source)}[/dim]")
        console.print(f"  [bold]{t('sov.secnumcloud')}[/bold]")
        for item in result.secnumcloud:
            console.print(f"    - {item.label(lang)}: {t('sov.status.' + item.status)} — {escape(item.reason(lang))}")


def simulate_command(
    cut: Annotated[str, typer.Option("--cut", help=MESSAGES["sov.opt.cut"]["en"])],
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["sov.opt.format"]["en"])] = Format.table,
) -> None:
    """What stops if a vendor, group, country, product or hosting provider cuts us off."""
    from rich.markup import escape

    from emprise.analyses.simulation import parse_cut, simulate
    from emprise.views.cli import console

    parsed = parse_cut(cut)  # a bad value fails before the graph is loaded
    graph, catalog = _load()
    result = simulate(graph, catalog, parsed)
    if format is Format.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    console.print(f"[bold]{t('sov.sim.title', cut=escape(str(parsed)))}[/bold]")
    console.print(t("sov.sim.summary", stopped=len(result.stopped), degraded=len(result.degraded),
                    impact=f"{result.impact * 100:.1f}"))
    for status, title in (("lost", "sov.sim.lost"), ("degraded", "sov.sim.degraded")):
        rows = [c for c in result.capabilities if c.status == status]
        console.print(f"\n[bold]{t(title)}[/bold]: {len(rows) or t('sov.sim.none')}")
        for c in rows:
            crit = t("sov.sim.crit", level=c.criticality if c.criticality is not None else t("sov.unknown"))
            restore = f" — {t('sov.sim.restorable')}" if c.restorable else ""
            console.print(f"  - {escape(c.name)} ({crit}; {t('sov.sim.stopped_of', stopped=len(c.stopped), total=c.total)})"
                          f"{restore}")
    if result.single_points_of_failure:
        console.print(f"\n[bold]{t('sov.sim.spof')}[/bold]")
        for s in result.single_points_of_failure:
            console.print(f"  - {escape(s.capability_name)} ← {escape(s.company_name)} ({s.country})")
    console.print(f"\n[bold]{t('sov.sim.stopped')}[/bold]")
    for s in result.stopped:
        console.print(f"  - {escape(s.name)}  [dim]{escape(' → '.join(s.via))}[/dim]")
    if result.restorations:
        console.print(f"\n[bold]{t('sov.sim.alternatives')}[/bold]")
        for r in result.restorations:
            names = [f"{name} ({fit})" for _, name, fit in r.alternatives[:3]]
            more = f" {t('sov.sim.more', count=len(r.alternatives) - 3)}" if len(r.alternatives) > 3 else ""
            console.print(f"  - {escape(r.name)}: {escape(', '.join(names))}{more}")


def renewals_command(
    ics: Annotated[Optional[Path], typer.Option("--ics", help="Write the deadlines as an iCalendar file.")] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="Reference date YYYY-MM-DD (default: today).")] = None,
    horizon: Annotated[int, typer.Option("--horizon", help="Days ahead to look.")] = 730,
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["sov.opt.format"]["en"])] = Format.table,
) -> None:
    """Upcoming decision dates (notice deadlines) of auto-renewing contracts."""
    from datetime import date

    from rich.markup import escape

    from emprise.analyses.decisions import renewals, to_ics
    from emprise.analyses.sovereignty import assess_all
    from emprise.errors import EmpriseError
    from emprise.views.cli import console, err_console

    try:
        day = date.fromisoformat(today) if today else date.today()
    except ValueError:
        raise EmpriseError(f"--today {today!r}: expected a date YYYY-MM-DD") from None
    graph, catalog = _load()
    assessments = {a.asset: a for a in assess_all(graph, catalog)}
    items = renewals(graph, catalog, day, horizon_days=horizon, assessments=assessments)
    if ics is not None:
        try:
            ics.write_text(to_ics(items), encoding="utf-8", newline="")
        except OSError as exc:
            raise EmpriseError(f"{ics}: cannot write: {exc.strerror or exc}") from exc
        err_console.print(t("sov.ren.written", path=ics, count=len(items)), markup=False)
    if format is Format.json:
        print(json.dumps([{"asset": str(r.asset), "name": r.name, "notice_deadline": r.notice_deadline and
                           r.notice_deadline.isoformat(), "end": r.end.isoformat(), "notice_days": r.notice_days,
                           "annual_cost": str(r.annual_cost) if r.annual_cost is not None else None,
                           "currency": r.currency, "seal": r.seal, "score": r.score,
                           "alternatives": list(r.alternatives)} for r in items], ensure_ascii=False, indent=1))
        return
    for r in items:
        deadline = r.notice_deadline.isoformat() if r.notice_deadline else t("sov.unknown")
        cost = f"{r.annual_cost} {r.currency or ''}".strip() if r.annual_cost is not None else t("sov.unknown")
        alternatives = f" — {', '.join(r.alternatives[:3])}" if r.alternatives else ""
        console.print(f"{deadline}  {escape(r.name)}  ({t('sov.ren.end')} {r.end.isoformat()}; {cost}; "
                      f"{r.seal or '?'}){escape(alternatives)}")


def overtooling_command(
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["sov.opt.format"]["en"])] = Format.table,
) -> None:
    """Capabilities served by several tools of the same category, with their cost."""
    from rich.markup import escape

    from emprise.analyses.decisions import overtooling
    from emprise.views.cli import console

    graph, catalog = _load()
    items = overtooling(graph, catalog)
    if format is Format.json:
        print(json.dumps([{"capability": str(o.capability), "name": o.capability_name, "category": o.category,
                           "assets": [str(a) for a in o.assets], "asset_names": list(o.names), "users": o.users,
                           "annual_cost": str(o.annual_cost), "cost_unknown": o.cost_unknown} for o in items],
                         ensure_ascii=False, indent=1))
        return
    for o in items:
        console.print(f"[bold]{escape(o.capability_name)}[/bold] / {escape(o.category)}: {len(o.assets)} — "
                      f"{o.annual_cost} ({t('sov.ot.cost_unknown', count=o.cost_unknown)})")
        console.print(f"  {escape(', '.join(o.names))}")


def resilience_command(
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["sov.opt.format"]["en"])] = Format.table,
) -> None:
    """Resilience of the organisation: eight pillars and FR / EU / non-EU criteria."""
    from dataclasses import asdict

    from emprise.analyses.decisions import SCALES, resilience
    from emprise.analyses.sovereignty import assess_all
    from emprise.views.cli import console

    graph, catalog = _load()
    result = resilience(graph, catalog, assess_all(graph, catalog))
    if format is Format.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=1))
        return
    for objective, value in result.pillars.items():
        console.print(f"{objective} {t('sov.objective.' + objective)}: "
                      f"{t('sov.unknown') if value is None else f'{value:.2f} / 4'}")
    for key in ("spend", "data", "openness"):
        shares = getattr(result, key)
        console.print(f"{t('sov.res.' + key)}: " + " · ".join(f"{s} {shares[s]:.0%}" for s in SCALES))
    hhi = t("sov.unknown") if result.hhi_overall is None else f"{result.hhi_overall:.0f}"
    console.print(f"{t('sov.res.hhi')}: {hhi}")


def register(app: typer.Typer) -> None:
    """Mount ``score``, ``simulate`` (and the decision commands) on the main command."""
    from emprise.views.cli import handles_errors

    help_ = lambda key: MESSAGES[key]["en"] + "\n\n" + MESSAGES[key]["fr"]  # noqa: E731
    app.command("score", help=help_("sov.help.score"))(handles_errors(score_command))
    app.command("simulate", help=help_("sov.help.simulate"))(handles_errors(simulate_command))
    app.command("renewals", help=help_("sov.help.renewals"))(handles_errors(renewals_command))
    app.command("overtooling", help=help_("sov.help.overtooling"))(handles_errors(overtooling_command))
    app.command("resilience", help=help_("sov.help.resilience"))(handles_errors(resilience_command))
