"""The log engine's own words (malformed-line reasons, input errors) in the reader's language.

The engine writes its reasons in English because they are data: they are grouping
keys in the aggregate and stay the same whatever the language of the run. They
are translated only when shown, here, by pattern (a reason may carry a number or a
file name). A text no pattern knows is shown as it is.
"""

from __future__ import annotations

import re

#: (English pattern, French template): ``{0}``, ``{1}`` are the pattern's groups.
_FRENCH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(f"^{pattern}$"), french) for pattern, french in (
    (r"truncated line \(fewer than (\d+) fields\)", "ligne tronquée (moins de {0} champs)"),
    (r"too many fields \(more than (\d+)\)", "trop de champs (plus de {0})"),
    (r"bad timestamp", "horodatage illisible"),
    (r"timestamp out of range", "horodatage hors de toute date possible"),
    (r"bad size field", "champ de taille illisible"),
    (r"bad result/status field", "champ résultat/statut illisible"),
    (r"no host in the URL", "pas d'hôte dans l'URL"),
    (r"no host", "pas d'hôte"),
    (r"not a JSON object", "pas un objet JSON"),
    (r"not a common/combined log line", "pas une ligne au format common/combined"),
    (r"truncated query line", "ligne de requête tronquée"),
    (r"not UTF-8 \(wrong encoding or binary content\)", "pas en UTF-8 (mauvais encodage ou contenu binaire)"),
    (r"line longer than (\d+) bytes", "ligne de plus de {0} octets"),
    (r"unreadable line \((.*)\)", "ligne illisible ({0})"),
    (r"the file is empty", "le fichier est vide"),
    (r"no such file or directory", "fichier ou dossier introuvable"),
    (r"no file matches this pattern", "aucun fichier ne correspond à ce motif"),
    (r"no log file to read", "aucun fichier de log à lire"),
    (r"no CSV header line", "pas de ligne d'en-tête CSV"),
    (r"log format not recognised from its first lines; give --log-format \(one of: (.*)\)",
     "format de log non reconnu d'après ses premières lignes ; précisez --log-format (parmi : {0})"),
    (r"unknown log format \(valid formats: (.*)\)", "format de log inconnu (formats valides : {0})"),
    (r"unknown engine \(valid engines: (.*)\)", "moteur inconnu (moteurs valides : {0})"),
    (r"cannot decompress \((\w+)\): (.*)", "décompression impossible ({0}) : {1}"),
    (r"the (\w+) engine failed: (.*)", "le moteur {0} a échoué : {1}"),
    (r"csv: no host or URL column: give --mapping \(columns: (.*)\)",
     "csv : pas de colonne d'hôte ni d'URL ; donnez --mapping (colonnes : {0})"),
    (r"watch reads line-based logs \(Squid, Zeek, DNS\); not CSV exports",
     "watch lit les logs ligne à ligne (Squid, Zeek, DNS), pas les exports CSV"),
))


def log_text(text: str, lang: str) -> str:
    """``text`` (a reason or an error of the log engine) in ``lang`` ("en" or "fr")."""
    if lang != "fr":
        return text
    for pattern, french in _FRENCH:
        match = pattern.match(text)
        if match:
            return french.format(*match.groups())
    return text


def log_error_text(error, lang: str) -> str:
    """A ``LogError`` as one line: the input it names, then its reason, in ``lang``."""
    return f"{error.path}: {log_text(error.reason, lang)}"
