"""Every EMPRISE_* variable the code reads is declared, with help in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from emprise.settings import BY_ENV, SETTINGS
from emprise.views.cli import app

SRC = Path(__file__).resolve().parents[2] / "src" / "emprise"


def test_every_variable_used_is_declared():
    used = set()
    for path in SRC.rglob("*"):
        if path.suffix in {".py", ".yaml", ".j2"}:
            used.update(re.findall(r"\bEMPRISE_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert used - set(BY_ENV) == set()


def test_declarations_are_complete():
    for setting in SETTINGS:
        assert setting.help_en and setting.help_fr and setting.default is not None


def test_settings_command_hides_secrets(monkeypatch):
    monkeypatch.setenv("EMPRISE_PSEUDONYM_KEY_FILE", "/secret/place/key")
    result = CliRunner().invoke(app, ["--lang", "fr", "settings"])
    assert result.exit_code == 0
    assert "EMPRISE_DB" in result.stdout and "Signification" in result.stdout
    assert "/secret/place/key" not in result.stdout
