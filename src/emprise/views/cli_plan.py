"""``emprise plan``: the migration plan towards a sovereignty target, in waves.

Light at import time: the analyses, the store and the catalog load inside the command.
"""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from emprise.i18n import messages, t

MESSAGES = messages({
    "plan.help": {"en": "Migration plan: which assets to move, to which alternative, in which order (waves), "
                        "with effort and score gained, to reach a target such as no dependency below SEAL-2 "
                        "for criticality ≥ 3.",
                  "fr": "Plan de migration : quels actifs déplacer, vers quelle alternative, dans quel ordre "
                        "(vagues), avec l'effort et le gain de score, pour atteindre une cible comme aucune "
                        "dépendance sous SEAL-2 pour une criticité ≥ 3."},
    "plan.opt.min_seal": {"en": "Lowest SEAL level accepted (0–4).", "fr": "Niveau SEAL minimal accepté (0–4)."},
    "plan.opt.min_criticality": {"en": "Apply the target to assets serving a capability of at least this "
                                       "criticality (1–4).",
                                 "fr": "Appliquer la cible aux actifs servant une capacité d'au moins cette "
                                       "criticité (1–4)."},
    "plan.opt.format": {"en": "table or json", "fr": "table ou json"},
    "plan.title": {"en": "Target: no dependency below SEAL-{seal} for criticality ≥ {crit}",
                   "fr": "Cible : aucune dépendance sous SEAL-{seal} pour une criticité ≥ {crit}"},
    "plan.none": {"en": "Every asset in scope already meets the target.",
                  "fr": "Tous les actifs concernés atteignent déjà la cible."},
    "plan.wave": {"en": "Wave {number}: {count} assets, +{gain} score points; organisation {before} → {after} / 100",
                  "fr": "Vague {number} : {count} actifs, +{gain} points de score ; organisation {before} → "
                        "{after} / 100"},
    "plan.col.asset": {"en": "Asset", "fr": "Actif"},
    "plan.col.crit": {"en": "Crit.", "fr": "Crit."},
    "plan.col.now": {"en": "Now", "fr": "Actuel"},
    "plan.col.best": {"en": "Best alternative", "fr": "Meilleure alternative"},
    "plan.col.then": {"en": "Then", "fr": "Ensuite"},
    "plan.col.effort": {"en": "Effort", "fr": "Effort"},
    "plan.col.after": {"en": "After", "fr": "Après"},
    "plan.no_alternative": {"en": "none in the catalog", "fr": "aucune au catalogue"},
    "plan.below_target": {"en": "(below target)", "fr": "(sous la cible)"},
    "plan.unknown_crit": {"en": "{count} assets below the SEAL target have no known criticality and are not "
                                "planned: declare their capability's criticality.",
                          "fr": "{count} actifs sous la cible SEAL n'ont pas de criticité connue et ne sont pas "
                                "planifiés : déclarez la criticité de leur capacité."},
})


class Format(str, enum.Enum):
    table = "table"
    json = "json"


def plan_command(
    min_seal: Annotated[int, typer.Option("--min-seal", help=MESSAGES["plan.opt.min_seal"]["en"])] = 2,
    min_criticality: Annotated[int, typer.Option("--min-criticality",
                                                 help=MESSAGES["plan.opt.min_criticality"]["en"])] = 3,
    format: Annotated[Format, typer.Option("--format", help=MESSAGES["plan.opt.format"]["en"])] = Format.table,
) -> None:
    """Migration plan towards a sovereignty target, in waves ordered by dependencies."""
    from rich.markup import escape
    from rich.table import Table

    from emprise.analyses.planning import PlanError, migration_plan
    from emprise.views.cli import _catalog, _store, console
    from emprise.graph.load import load_graph

    if not 0 <= min_seal <= 4 or not 1 <= min_criticality <= 4:  # fail before loading anything
        raise PlanError(f"--min-seal {min_seal} / --min-criticality {min_criticality}: "
                        "expected a SEAL level 0–4 and a criticality 1–4")
    catalog = _catalog()
    graph = load_graph(_store(), catalog)
    plan = migration_plan(graph, catalog, min_seal=min_seal, min_criticality=min_criticality)
    if format is Format.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=1))
        return
    console.print(f"[bold]{t('plan.title', seal=min_seal, crit=min_criticality)}[/bold]")
    if not plan.waves:
        console.print(t("plan.none"))
    names = {m.asset: m.name for m in plan.moves}
    for wave in plan.waves:
        console.print("\n[bold]" + t("plan.wave", number=wave.number, count=len(wave.moves),
                                       gain=f"{wave.score_gained:.1f}", before=f"{wave.organisation_before:.1f}",
                                       after=f"{wave.organisation_after:.1f}") + "[/bold]")
        table = Table()
        for key, justify in (("plan.col.asset", "left"), ("plan.col.crit", "right"), ("plan.col.now", "right"),
                             ("plan.col.best", "left"), ("plan.col.then", "right"), ("plan.col.effort", "left"),
                             ("plan.col.after", "left")):
            table.add_column(t(key), justify=justify)
        for move in wave.moves:
            best = move.best
            if best is None:
                choice, then = t("plan.no_alternative"), "—"
            else:
                choice = best.name + ("" if best.meets_target else f" {t('plan.below_target')}")
                others = [o.name for o in move.options[1:3]]
                if others:
                    choice += f" ({', '.join(others)})"
                then = f"{best.score:.1f} SEAL-{best.seal}"
            after = ", ".join(names.get(a, a.key) for a in move.after[:3])
            if len(move.after) > 3:
                after += f" +{len(move.after) - 3}"
            table.add_row(escape(move.name), str(move.criticality), f"{move.score:.1f} SEAL-{move.seal}",
                          escape(choice), then, move.effort, escape(after) or "—")
        console.print(table)
    if plan.unknown_criticality:
        console.print(t("plan.unknown_crit", count=plan.unknown_criticality))


def register(app: typer.Typer) -> None:
    """Mount ``plan`` on the main command."""
    from emprise.views.cli import handles_errors

    app.command("plan", help=MESSAGES["plan.help"]["en"] + "\n\n" + MESSAGES["plan.help"]["fr"])(
        handles_errors(plan_command))
