"""The demo workspace: a fictional French agglomeration (see data/README.md)."""

from __future__ import annotations

from pathlib import Path

DEMO_ORGANISATION = "Communauté d'agglomération des Trois Rivières (CA3R)"
DATA = Path(__file__).parent / "data"

# Order matters: what others depend on lands first, so references resolve.
DEMO_FILES = (
    "capabilities.yaml",
    "infrastructure.yaml",
    "inventaire-applications.csv",
    "portail-citoyen.cdx.json",
)


def demo_files() -> list[tuple[Path, str]]:
    """``(path, display name)`` of each bundled demo file, in import order."""
    return [(DATA / name, f"demo/{name}") for name in DEMO_FILES]
