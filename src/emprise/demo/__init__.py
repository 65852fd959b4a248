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


#: A week of the organisation's web proxy (Squid native, gzip), made by
#: ``tools/demo/make_proxy_log.py``; ``emprise demo`` runs a discovery on it.
DEMO_PROXY_LOG = DATA / "proxy-access.log.gz"
#: The organisation's stance on the services seen (sanctioned, tolerated, forbidden).
DEMO_OVERLAY = DATA / "org-overlay.yaml"


def demo_files() -> list[tuple[Path, str]]:
    """``(path, display name)`` of each bundled demo file, in import order."""
    return [(DATA / name, f"demo/{name}") for name in DEMO_FILES]
