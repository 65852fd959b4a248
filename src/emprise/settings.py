"""Every setting Emprise reads from the environment, in one declarative table.

Modules still read their own variable where they need it (a store URL is needed
before anything else is loaded), but each variable is declared here once, with its
default and its help in both languages; ``emprise settings`` prints the table with
the current values, and a test checks that no ``EMPRISE_*`` name is used in the code
without being declared here. Secrets are never printed: only where they live.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    env: str
    default: str  # as a person would read it; "" when there is none
    help_en: str
    help_fr: str
    secret: bool = False

    def current(self) -> str | None:
        """The value set in the environment, or None when the default applies."""
        value = os.environ.get(self.env)
        return value if value not in (None, "") else None


SETTINGS: tuple[Setting, ...] = (
    Setting("EMPRISE_DB", "./emprise.db",
            "Store: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://…); --db overrides it.",
            "Référentiel : chemin d'un fichier SQLite ou URL SQLAlchemy (postgresql+psycopg://…) ; --db l'emporte."),
    Setting("EMPRISE_LANG", "from the locale",
            "Language of messages and reports: en or fr; --lang overrides it.",
            "Langue des messages et rapports : en ou fr ; --lang l'emporte."),
    Setting("EMPRISE_CATALOG_OVERLAY", "",
            "The organisation's catalog overlay file (internal apps, overrides, sanctioned/forbidden); --overlay overrides it.",
            "Surcouche du catalogue propre à l'organisation (applications internes, corrections, autorisé/interdit) ; --overlay l'emporte."),
    Setting("EMPRISE_CACHE_DIR", "$XDG_CACHE_HOME/emprise or ~/.cache/emprise",
            "Where the compiled catalog is cached.",
            "Où le catalogue compilé est mis en cache."),
    Setting("EMPRISE_SCORING", "the shipped analyses/scoring.yaml",
            "Sovereignty scoring settings (weights, factor tables, SEAL rule); --scoring overrides it.",
            "Réglages de la notation de souveraineté (poids, barèmes, règle SEAL) ; --scoring l'emporte."),
    Setting("EMPRISE_PSEUDONYM_KEY_FILE", "next to the store: <store>.pseudonym-key",
            "The workspace's key for pseudonymising user names and IPs in logs (kept out of reports).",
            "Clé de l'espace de travail pour pseudonymiser les utilisateurs et IP des journaux (jamais dans les rapports).",
            secret=True),
    Setting("EMPRISE_MIN_GROUP", "5",
            "Smallest group of people a view may show (k-anonymity threshold).",
            "Plus petit groupe de personnes qu'une vue peut montrer (seuil de k-anonymat)."),
    Setting("EMPRISE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test",
            "Tests only: the PostgreSQL server the store tests run against.",
            "Tests seulement : le serveur PostgreSQL sur lequel tournent les tests du référentiel."),
)

BY_ENV = {setting.env: setting for setting in SETTINGS}


def overlay_path() -> str | None:
    """The overlay named by EMPRISE_CATALOG_OVERLAY, if any."""
    return BY_ENV["EMPRISE_CATALOG_OVERLAY"].current()
