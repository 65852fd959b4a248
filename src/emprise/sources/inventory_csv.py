"""CSV inventories: UTF-8 or Windows-1252, ``;`` or ``,`` separated, French or English headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from emprise.errors import SourceError
from emprise.model import Locator, Record, Rejection
from emprise.sources._inventory import RowConverter, looks_like_inventory_header, map_headers
from emprise.sources.interface import Sample, Source

DELIMITERS = (";", ",", "\t", "|")


def guess_delimiter(header_line: str) -> str:
    """The separator used in the header line (the most frequent candidate outside quotes)."""
    unquoted = "".join(part for i, part in enumerate(header_line.split('"')) if i % 2 == 0)
    return max(DELIMITERS, key=unquoted.count)


def choose_encoding(lines: list[bytes]) -> str:
    """UTF-8 when the bytes say so, else Windows-1252.

    A file is UTF-8 if it has at least one line with valid non-ASCII UTF-8 and
    more such lines than invalid ones: then an invalid line is a bad record, not
    a sign of another encoding. Anything else non-ASCII is what French Excel writes.
    """
    valid_non_ascii = invalid = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            valid_non_ascii += 1
        except UnicodeDecodeError:
            invalid += 1
    return "utf-8" if valid_non_ascii > invalid or invalid == 0 else "cp1252"


class CsvInventorySource(Source):
    name = "inventory-csv"
    description = "CSV inventory (UTF-8 or Windows-1252, ; or , separated)"
    max_bytes = 512 << 20

    @classmethod
    def detect(cls, sample: Sample) -> int:
        text = sample.text()
        first = next((line for line in text.splitlines() if line.strip()), "")
        if first.lstrip().startswith(("{", "[", "<", "---")):
            return 0
        delimiter = guess_delimiter(first)
        headers = next(csv.reader([first], delimiter=delimiter), [])
        if len(headers) < 2 or not looks_like_inventory_header(headers):
            return 0
        return 70 if sample.suffix in {".csv", ".tsv", ".txt"} else 55

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SourceError(display_name, exc.strerror or str(exc)) from exc
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        physical = raw.splitlines(keepends=True)
        encoding = choose_encoding(physical)
        decoded: list[str] = []
        bad_lines: set[int] = set()
        for number, line in enumerate(physical, start=1):
            try:
                decoded.append(line.decode(encoding))
            except UnicodeDecodeError:
                bad_lines.add(number)
                decoded.append(line.decode(encoding, errors="replace"))
        if not decoded:
            raise SourceError(display_name, "the file is empty")

        header_index = next((i for i, line in enumerate(decoded) if line.strip()), None)
        if header_index is None:
            raise SourceError(display_name, "the file has no header line")
        delimiter = guess_delimiter(decoded[header_index])
        reader = csv.reader(
            io.StringIO("".join(decoded[header_index:]), newline=""), delimiter=delimiter
        )
        try:
            headers = next(reader)
        except csv.Error as exc:
            raise SourceError(display_name, f"unreadable header line: {exc}") from exc
        columns, unknown = map_headers(headers)
        if "name" not in columns:
            raise SourceError(
                display_name, "no name column (expected a header such as 'name' or 'nom')"
            )
        if unknown:
            self.notes.append(f"{display_name}: ignored columns: {', '.join(unknown)}")
        converter = RowConverter()
        offset = header_index  # physical line numbers before the header
        previous_end = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                start = previous_end + 1 + offset
                previous_end = reader.line_num
                yield Rejection(Locator(display_name, line=start), f"malformed CSV: {exc}")
                continue
            start, end = previous_end + 1 + offset, reader.line_num + offset
            previous_end = reader.line_num
            locator = Locator(display_name, line=start)
            if not any(cell.strip() for cell in row):
                continue
            bad = sorted(n for n in range(start, end + 1) if n in bad_lines)
            if bad:
                yield Rejection(locator, f"bytes not valid in {encoding.upper()} (line {bad[0]})")
                continue
            if len(row) < len(headers) or (
                len(row) > len(headers) and any(cell.strip() for cell in row[len(headers) :])
            ):
                yield Rejection(locator, f"expected {len(headers)} fields, found {len(row)}")
                continue
            values = {column: cell for column, cell in zip(columns, row) if column}
            yield converter.convert(values, locator)
