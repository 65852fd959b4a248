"""FEC (Fichier des Écritures Comptables): the purchases booked to supplier accounts, read by
spend discovery (docs/spend.md)."""

from __future__ import annotations

from typing import ClassVar

from emprise.sources._einvoice import SpendSource
from emprise.sources.interface import Sample
from emprise.spend.fec import MAX_FEC_BYTES, looks_like_fec


class FecSource(SpendSource):
    name: ClassVar[str] = "fec"
    description: ClassVar[str] = "FEC accounting export (French Fichier des Écritures Comptables)"
    max_bytes: ClassVar[int] = MAX_FEC_BYTES
    syntaxes = frozenset({"fec"})

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the header line names the FEC's JournalCode, EcritureNum and CompteNum columns."""
        return 95 if looks_like_fec(sample.head.lstrip(b"\xef\xbb\xbf")) else 0
