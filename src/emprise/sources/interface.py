"""The seam every input format plugs into.

A source reads one format and yields ``Record`` (facts that land together) or
``Rejection`` (a record that cannot be taken, with the reason). It never writes
to the store and never calls the network: the import pipeline decides what lands.

To add a format: write one module with a ``Source`` subclass, then add one line
to ``REGISTRY`` in ``emprise/sources/__init__.py``.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from emprise.model import Record, Rejection

SAMPLE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Sample:
    """The start of a file, which is all detection may look at."""

    path: Path
    head: bytes

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def text(self) -> str:
        """The head decoded leniently (UTF-8 with BOM, else Windows-1252), for sniffing only."""
        try:
            return self.head.decode("utf-8-sig")
        except UnicodeDecodeError:
            # The sample may cut a multi-byte character in two: retry without the tail.
            try:
                return self.head[:-4].decode("utf-8-sig")
            except UnicodeDecodeError:
                return self.head.decode("cp1252", errors="replace")

    @classmethod
    def of(cls, path: Path) -> "Sample":
        with path.open("rb") as handle:
            return cls(path=path, head=handle.read(SAMPLE_BYTES))


class Source(abc.ABC):
    """One input format. Subclasses set ``name`` and ``description`` and implement both methods."""

    name: ClassVar[str]
    description: ClassVar[str]
    #: Largest input this source accepts, in bytes (archives, XML and PDF are capped).
    max_bytes: ClassVar[int] = 1 << 30

    @classmethod
    @abc.abstractmethod
    def detect(cls, sample: Sample) -> int:
        """How sure this source is that it reads ``sample``: 0 (no) to 100 (certain).

        Detection looks at content first; the extension only breaks ties.
        """

    def __init__(self) -> None:
        #: Remarks about the input as a whole (unknown columns…), shown in the import summary.
        self.notes: list[str] = []

    @abc.abstractmethod
    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield every record of ``path`` in order.

        ``display_name`` is the file name to put in locators and messages.
        Raises ``SourceError`` only when the input as a whole cannot be read;
        a bad record is a ``Rejection``, never an exception.
        """

    def write_extra(self, writer) -> None:
        """Write what this source keeps beside the graph (e-invoices: their amounts and dates)
        with ``writer``, inside the import's transaction, once every record is read.

        Most sources keep nothing else: the default writes nothing.
        """
