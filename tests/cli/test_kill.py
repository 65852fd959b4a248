"""kill -9 in the middle of a large import leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from emprise.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inventory"
ROWS = 400_000


def _big_inventory(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("nom;éditeur;fonction;coût annuel;dépend de\n")
        for i in range(ROWS):
            handle.write(f"Outil {i};Éditeur {i % 500};Fonction {i % 40};{i},25;\n")


def _state(url: str):
    store = Store.open(url)
    try:
        snapshot = store.snapshot()
        return store.counts(), sorted(map(str, snapshot.nodes)), sorted(map(str, snapshot.edges))
    finally:
        store.close()


@pytest.mark.slow
def test_kill_9_mid_import_changes_nothing(store_url, tmp_path):
    env = {**os.environ, "EMPRISE_DB": store_url}
    cli = [sys.executable, "-m", "emprise"]
    subprocess.run([*cli, "import", str(FIXTURES / "fr_utf8_bom.csv")], env=env, check=True,
                   capture_output=True)
    before = _state(store_url)
    big = tmp_path / "big.csv"
    _big_inventory(big)

    process = subprocess.Popen([*cli, "import", str(big)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    # Wait until the import has written a good part inside its transaction.
    deadline = time.monotonic() + 60
    wal = Path(store_url + "-wal")
    while time.monotonic() < deadline:
        time.sleep(0.25)
        if store_url.startswith("postgresql"):
            if _pg_bytes_in_flight(store_url) > 8 << 20:
                break
        elif wal.exists() and wal.stat().st_size > 8 << 20:
            break
    assert process.poll() is None, "the import finished before it could be killed: raise ROWS"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    assert _state(store_url) == before


def _pg_bytes_in_flight(url: str) -> int:
    """Heap bytes of the observations table: uncommitted rows occupy pages too."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(
                "select pg_total_relation_size(to_regclass('observations'))")).scalar() or 0
    finally:
        engine.dispose()
