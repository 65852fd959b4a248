"""``emprise watch``: follow proxy and DNS logs and print one JSON line per alert.

Light at import time: DuckDB and Ibis load inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from emprise.i18n import messages, t

MESSAGES = messages({
    "watch.help": {"en": "Follow growing logs (and their rotation); print one JSON line per alert: first use of an "
                         "unsanctioned AI service by a pseudonymised user, or an upload above a threshold.",
                   "fr": "Suivre des journaux qui grossissent (et leur rotation) ; une ligne JSON par alerte : première "
                         "utilisation d'un service d'IA non autorisé par un utilisateur pseudonymisé, ou un envoi "
                         "au-dessus d'un seuil."},
    "watch.opt.webhook": {"en": "Also POST each alert (JSON) to this URL; no network without it.",
                          "fr": "Envoyer aussi chaque alerte (JSON) en POST à cette URL ; aucun accès réseau sans elle."},
    "watch.opt.threshold": {"en": "Alert on a request larger than this many bytes (sent, or the log's size field).",
                            "fr": "Alerter sur une requête de plus de ce nombre d'octets (envoyés, ou le champ taille du journal)."},
    "watch.opt.log_format": {"en": "Force the log format (default: detected).", "fr": "Forcer le format du journal (par défaut : détecté)."},
    "watch.opt.from_start": {"en": "Read what the files already hold before following them.",
                             "fr": "Lire le contenu existant des fichiers avant de les suivre."},
    "watch.opt.max_tracked": {"en": "How many (user, service) pairs to remember (memory bound).",
                              "fr": "Nombre de paires (utilisateur, service) mémorisées (borne mémoire)."},
    "watch.opt.overlay": {"en": "Organisation catalog overlay (sanctioned status).",
                          "fr": "Surcouche du catalogue de l'organisation (statut autorisé)."},
    "watch.started": {"en": "watching {count} file(s); alerts on stdout (users pseudonymised, key: {key})",
                      "fr": "{count} fichier(s) suivi(s) ; alertes sur la sortie standard (utilisateurs pseudonymisés, clé : {key})"},
    "watch.directory": {"en": "{path}: is a directory; watch follows files (give them, e.g. {path}/access.log)",
                        "fr": "{path} : est un répertoire ; watch suit des fichiers (donnez-les, p. ex. {path}/access.log)"},
    "watch.waiting": {"en": "{path}: does not exist yet; it will be followed once it appears",
                      "fr": "{path} : n'existe pas encore ; il sera suivi dès qu'il apparaîtra"},
    "watch.problem": {"en": "watch: {message}", "fr": "watch : {message}"},
})


def register(app: typer.Typer) -> None:
    """Add ``watch`` to the main command."""
    from emprise.views.cli import handles_errors

    app.command("watch", help=MESSAGES["watch.help"]["en"] + "\n\n" + MESSAGES["watch.help"]["fr"])(
        handles_errors(watch_command))


def watch_command(
    logs: Annotated[list[Path], typer.Argument(help="Log files to follow (plain text).")],
    webhook: Annotated[Optional[str], typer.Option("--webhook", help=MESSAGES["watch.opt.webhook"]["en"])] = None,
    upload_threshold: Annotated[int, typer.Option("--upload-threshold", min=0,
                                                  help=MESSAGES["watch.opt.threshold"]["en"])] = 10_000_000,
    log_format: Annotated[Optional[str], typer.Option("--log-format", help=MESSAGES["watch.opt.log_format"]["en"])] = None,
    from_start: Annotated[bool, typer.Option("--from-start", help=MESSAGES["watch.opt.from_start"]["en"])] = False,
    max_tracked: Annotated[int, typer.Option("--max-tracked", min=1,
                                             help=MESSAGES["watch.opt.max_tracked"]["en"])] = 100_000,
    overlay: Annotated[Optional[Path], typer.Option("--overlay", help=MESSAGES["watch.opt.overlay"]["en"])] = None,
) -> None:
    """Follow logs and print alerts as JSON lines."""
    import signal
    import threading

    from emprise.catalog import load_catalog
    from emprise.i18n import language
    from emprise.logs.privacy import Pseudonymiser, key_path, load_or_create_key, record_run
    from emprise.logs.watch import WatchSettings, print_alert, watch
    from emprise.views.cli import ExitCode, State, err_console

    for path in logs:  # a directory would be "followed" forever without a line; say so at once
        if path.is_dir():
            err_console.print(f"emprise: {t('watch.directory', path=path)}", markup=False)
            raise typer.Exit(ExitCode.USAGE)
    key_file = key_path(State.db)
    pseudonymiser = Pseudonymiser(load_or_create_key(key_file))
    catalog = load_catalog(overlay=overlay or State.overlay)
    record_run(key_file, command="watch", inputs=[str(p) for p in logs], revealed=False, engine="duckdb")
    stop = threading.Event()

    def finish(signum, frame):  # noqa: ARG001 - signal handler signature
        stop.set()

    signal.signal(signal.SIGTERM, finish)

    def ready() -> None:
        err_console.print(t("watch.started", count=len(logs), key=key_file), markup=False)
        for path in logs:  # followed like tail -F: read once it appears
            if not path.exists():
                err_console.print(t("watch.waiting", path=path), markup=False, soft_wrap=True)

    def report(message: str) -> None:
        err_console.print(t("watch.problem", message=message), markup=False, soft_wrap=True)

    try:
        watch(logs, catalog=catalog, pseudonymiser=pseudonymiser,
              settings=WatchSettings(upload_threshold=upload_threshold, max_tracked=max_tracked),
              emit=print_alert, report=report, log_format=log_format, webhook=webhook,
              from_start=from_start, stop=stop, lang=language(), ready=ready)
    except KeyboardInterrupt:
        pass
