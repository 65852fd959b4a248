"""The SBOM bar: every CycloneDX and SPDX example imports with its purls; twice changes no count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.model import NodeType
from emprise.sources import detect
from emprise.store import Store
from emprise.views.cli import app

SBOMS = Path(__file__).parent.parent / "fixtures" / "sbom"
GOOD = sorted(p for p in SBOMS.iterdir() if p.name != "SOURCES.md" and not p.name.startswith("bad-"))


def _purls_in_file(path: Path) -> set[str]:
    """Every purl the file states, read independently of Emprise's sources (JSON only)."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("purl", "packageUrl") and isinstance(item, str):
                    found.add(item)
                elif key == "referenceLocator" and isinstance(item, str) and item.startswith("pkg:"):
                    found.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_each_sbom_imports_once_and_only_once(store_url, path):
    runner = CliRunner()
    first = runner.invoke(app, ["--db", store_url, "import", str(path)])
    assert first.exit_code in (0, 3), first.output  # 3: some entries (crypto assets, data) are not software
    store = Store.open(store_url)
    counts = store.counts()
    snapshot = store.snapshot()
    store.close()
    assert counts["assets"] > 0
    second = runner.invoke(app, ["--db", store_url, "import", str(path)])
    assert second.exit_code == 0 and "unchanged" in second.stdout
    again = Store.open(store_url)
    assert again.counts() == counts
    again.close()

    stored_purls = {node.purl for ref, node in snapshot.nodes.items()
                    if ref.type is NodeType.ASSET and node.purl}
    if path.suffix == ".json" and "spdx3" not in path.name:
        from packageurl import PackageURL

        expected = set()
        for purl in _purls_in_file(path):
            try:
                expected.add(PackageURL.from_string(purl).to_string())
            except ValueError:
                continue  # an invalid purl is rejected, with its pointer, by the source
        normalised = {PackageURL.from_string(p).to_string() for p in stored_purls}
        assert expected <= normalised, sorted(expected - normalised)[:5]
    assert detect(path).name.split("-")[0] in {"cyclonedx", "spdx", "spdx3"}
