"""Inputs that tests build at run time (too big or too regular to keep as fixture files)."""

from __future__ import annotations

from pathlib import Path

# Line index (0-based data row) of each broken row, and what breaks it.
BROKEN_ROWS = {
    150: "bytes not valid",     # Windows-1252 bytes in a UTF-8 file
    260: "expected 4 fields",   # wrong column count
    370: "name: empty",
    480: "negative amount",
    590: "duplicate asset",
    700: "bytes not valid",
    810: "expected 4 fields",
    920: "name: empty",
    1000: "negative amount",
    1005: "duplicate asset",
}


def thousand_and_ten(path: Path) -> dict[int, str]:
    """Write a UTF-8 CSV with 1,000 good rows and 10 broken ones; return {line number: reason}."""
    lines = ["nom;éditeur;fonction;coût annuel\n".encode()]
    expected: dict[int, str] = {}
    good = 0
    for row in range(1010):
        line_number = len(lines) + 1
        reason = BROKEN_ROWS.get(row)
        if reason is None:
            lines.append(f"Outil {good};Éditeur é;Fonction;{good},50\n".encode())
            good += 1
            continue
        expected[line_number] = reason
        if reason == "bytes not valid":
            lines.append(f"Outil cassé {row};Éditeur;Fonction;1\n".encode("cp1252"))
        elif reason == "expected 4 fields":
            lines.append(f"Outil cassé {row};Éditeur\n".encode())
        elif reason == "name: empty":
            lines.append(";Éditeur;Fonction;1\n".encode())
        elif reason == "negative amount":
            lines.append(f"Outil cassé {row};Éditeur;Fonction;-5\n".encode())
        else:
            lines.append("Outil 1;Éditeur;Fonction;1\n".encode())
    path.write_bytes(b"".join(lines))
    assert good == 1000
    return expected
