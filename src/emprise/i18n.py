"""English and French messages.

Each view module declares its own messages next to the code that prints them
(``MESSAGES = messages({...})``), so a new command never edits a central file.
The language comes from ``--lang``, else ``EMPRISE_LANG``, else the locale
(``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` starting with ``fr`` means French).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("en", "fr")
_CATALOG: dict[str, dict[str, str]] = {}
_current: str | None = None


def messages(table: Mapping[str, Mapping[str, str]]) -> Mapping[str, Mapping[str, str]]:
    """Register ``{key: {"en": ..., "fr": ...}}``; both languages are required. Returns the table."""
    for key, texts in table.items():
        missing = [lang for lang in LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        if key in _CATALOG and _CATALOG[key] != dict(texts):
            raise ValueError(f"message {key!r} is declared twice with different texts")
        _CATALOG[key] = dict(texts)
    return table


def default_language() -> str:
    """The language to use when none was asked for: EMPRISE_LANG, then the locale."""
    explicit = os.environ.get("EMPRISE_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    """Fix the language for this process; ``None`` means the default. Returns it."""
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (expected one of: {', '.join(LANGUAGES)})")
    _current = lang or default_language()
    return _current


def language() -> str:
    return _current or set_language(None)


def t(key: str, /, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in the current (or given) language, formatted with ``values``.

    Raises KeyError for an unknown key: a missing translation is a bug to see in tests.
    """
    text = _CATALOG[key][lang or language()]
    return text.format(**values) if values else text
