"""XLSX inventories: the first sheet, or one named inventory/inventaire/applications."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from emprise.errors import SourceError
from emprise.model import Locator, Record, Rejection
from emprise.sources._inventory import RowConverter, fold_header, map_headers
from emprise.sources.interface import Sample, Source

PREFERRED_SHEETS = ("inventory", "inventaire", "applications", "assets", "actifs")
MAX_UNCOMPRESSED = 256 << 20  # a zip bomb must not get past the door
MAX_RATIO = 200


class XlsxInventorySource(Source):
    name = "inventory-xlsx"
    description = "Excel workbook inventory (.xlsx)"
    max_bytes = 64 << 20

    @classmethod
    def detect(cls, sample: Sample) -> int:
        if sample.head.startswith(b"PK\x03\x04") and (
            b"xl/" in sample.head or b"[Content_Types].xml" in sample.head
        ):
            return 90 if b"xl/" in sample.head else 40
        return 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        _check_archive(path, display_name)
        import openpyxl  # heavy: only when an XLSX is actually read

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many unrelated types for a bad file
            raise SourceError(display_name, f"not a readable XLSX workbook: {exc}") from exc
        try:
            sheet = _pick_sheet(workbook)
            rows = sheet.iter_rows(values_only=True)
            header_row_number = 0
            headers: list = []
            for number, row in enumerate(rows, start=1):
                if any(cell is not None and str(cell).strip() for cell in row):
                    header_row_number, headers = number, list(row)
                    break
            columns, unknown = map_headers(headers)
            if "name" not in columns:
                raise SourceError(
                    display_name,
                    f"sheet {sheet.title!r}: no name column "
                    "(expected a header such as 'name' or 'nom')",
                )
            if unknown:
                self.notes.append(f"{display_name}: ignored columns: {', '.join(unknown)}")
            converter = RowConverter()
            for number, row in enumerate(rows, start=header_row_number + 1):
                if not any(cell is not None and str(cell).strip() for cell in row):
                    continue
                locator = Locator(display_name, line=number, pointer=None)
                values = {column: cell for column, cell in zip(columns, row) if column}
                yield converter.convert(values, locator)
        finally:
            workbook.close()


def _pick_sheet(workbook):
    by_name = {fold_header(name): name for name in workbook.sheetnames}
    for wanted in PREFERRED_SHEETS:
        if wanted in by_name:
            return workbook[by_name[wanted]]
    return workbook[workbook.sheetnames[0]]


def _check_archive(path: Path, display_name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(display_name, f"not a readable XLSX workbook: {exc}") from exc
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > (8 << 20):
        raise SourceError(
            display_name,
            f"workbook expands to {total} bytes: refused (limit "
            f"{MAX_UNCOMPRESSED} bytes, ratio {MAX_RATIO})",
        )
