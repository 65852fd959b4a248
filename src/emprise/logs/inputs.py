"""Finding log files (paths, directories, globs), sniffing compression, reading heads.

Compression is recognised by its magic bytes, not by the file name: gzip
(``1f 8b``) and zstd (``28 b5 2f fd``). Reading a whole file is the engine's job;
this module only reads the first lines (for format detection) and, after a run,
finds the line numbers of the few malformed lines sampled.
"""

from __future__ import annotations

import glob
import gzip
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from emprise.logs.interface import LogError

HEAD_BYTES = 64 * 1024
HEAD_LINES = 30
_MAGIC = {b"\x1f\x8b": "gzip", b"\x28\xb5\x2f\xfd": "zstd"}


@dataclass(frozen=True, slots=True)
class LogFile:
    """One log file to read: where it is, how it is compressed, and how it starts."""

    path: Path
    display_name: str
    compression: str  # "none", "gzip" or "zstd"
    first_lines: tuple[str, ...]
    size: int
    #: Lines end with a bare carriage return (old Mac style) somewhere in the head: the
    #: engine must then take "\r" alone as a line end, which it otherwise must not (a
    #: "\r\n" would count twice in a file that mixes "\n" and "\r\n").
    bare_cr: bool = False


def expand(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named by ``inputs``: files as given, directories walked, globs expanded (sorted).

    Hidden files are skipped in directories. Raises LogError for an input that
    names nothing.
    """
    files: list[Path] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(text):
            matched = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matched:
                raise LogError(text, "no file matches this pattern")
            files.extend(matched)
        else:
            raise LogError(text, "no such file or directory")
    return list(dict.fromkeys(files))  # the same file named twice is read once


def compression_of(path: Path) -> str:
    """``"gzip"``, ``"zstd"`` or ``"none"``, from the magic bytes; raises LogError."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise LogError(str(path), exc.strerror or str(exc)) from exc
    for prefix, name in _MAGIC.items():
        if magic.startswith(prefix):
            return name
    return "none"


def open_binary(path: Path, compression: str) -> io.BufferedIOBase:
    """The decompressed bytes of ``path``, as a stream; raises LogError."""
    try:
        if compression == "gzip":
            return gzip.open(path, "rb")
        if compression == "zstd":
            import zstandard

            return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(path.open("rb"),
                                                                               closefd=True))
        return path.open("rb")
    except OSError as exc:
        raise LogError(str(path), exc.strerror or str(exc)) from exc


def _head_bytes(path: Path, compression: str) -> bytes:
    try:
        with open_binary(path, compression) as stream:
            return stream.read(HEAD_BYTES)
    except (OSError, EOFError, ValueError) as exc:  # gzip/zstd raise these for corrupt data
        raise LogError(str(path), f"cannot decompress ({compression}): {exc}") from exc
    except Exception as exc:  # zstandard.ZstdError has no common base with OSError
        raise LogError(str(path), f"cannot decompress ({compression}): {exc}") from exc


def read_head(path: Path, compression: str) -> list[str]:
    """The first lines of the (decompressed) file, decoded leniently, for detection only."""
    return _head_lines(_head_bytes(path, compression))


def _head_lines(head: bytes) -> list[str]:
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = text.splitlines()
    if len(head) == HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last one is probably cut
    return lines[:HEAD_LINES]


def log_file(path: Path, display_name: str | None = None) -> LogFile:
    """Describe one file (compression, head); raises LogError when it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LogError(str(path), exc.strerror or str(exc)) from exc
    compression = compression_of(path)
    head = _head_bytes(path, compression)
    # A "\r" cut from its "\n" by the end of the head is not a bare one.
    bare_cr = _BARE_CR.search(head[:-1] if head.endswith(b"\r") else head) is not None
    return LogFile(path=path, display_name=display_name or str(path), compression=compression,
                   first_lines=tuple(_head_lines(head)), size=size, bare_cr=bare_cr)


def line_numbers(log: LogFile, samples: Iterable[str]) -> dict[str, int]:
    """The 1-based line number of the first occurrence of each sample line in ``log``.

    One pass over the file in 4 MiB blocks with C-speed ``find`` and ``count``:
    it runs only for the few malformed lines a summary shows. Samples not found
    (the engine decoded them differently) are absent from the result.
    """
    wanted = {sample: sample.encode("utf-8", errors="surrogateescape") for sample in samples if sample}
    found: dict[str, int] = {}
    if not wanted:
        return found
    lines_before = 0
    carry = b""
    with open_binary(log.path, log.compression) as stream:
        while wanted:
            block = stream.read(1 << 22)
            data = carry + block
            if log.bare_cr:
                data = _bare_cr_as_lf(data, final=not block)
            if block:
                cut = data.rfind(b"\n") + 1
                data, carry = data[:cut], data[cut:]
            else:
                data, carry = data + b"\n", b""
            framed = b"\n" + data
            for sample, raw in list(wanted.items()):
                for ending in (b"\n", b"\r\n"):
                    at = framed.find(b"\n" + raw + ending)
                    if at >= 0:
                        found[sample] = lines_before + data.count(b"\n", 0, at) + 1
                        del wanted[sample]
                        break
            lines_before += data.count(b"\n")
            if not block:
                break
    return found


def csv_row_numbers(log: LogFile, samples: Iterable[str], *, delimiter: str, columns: int) -> dict[str, int]:
    """The 1-based line where each sample row starts, for samples ``line_numbers`` cannot find.

    The engine gives a CSV row back as its cells joined by ``delimiter`` and padded
    to ``columns`` cells: its quotes are gone, so the raw text is not in the file.
    Python's ``csv`` reads the rows again and compares them in that same form. It
    runs only for the few malformed rows a summary shows.
    """
    import csv

    wanted = {sample for sample in samples if sample}
    found: dict[str, int] = {}
    if not wanted:
        return found
    with open_binary(log.path, log.compression) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
        reader = csv.reader(text, delimiter=delimiter)
        start = 1
        try:
            for cells in reader:
                joined = delimiter.join(cells + [""] * (columns - len(cells)))
                if joined in wanted:
                    found[joined] = start
                    wanted.discard(joined)
                    if not wanted:
                        break
                start = reader.line_num + 1
        except csv.Error:  # a NUL byte or a field over the size limit: what was found stands
            pass
    return found


def _bare_cr_as_lf(data: bytes, *, final: bool) -> bytes:
    """``data`` with each bare "\r" line end written "\n" (same length, so positions hold).

    A "\r" that ends ``data`` is left alone unless ``final``: the next block may start
    with its "\n".
    """
    if not final and data.endswith(b"\r"):
        return _BARE_CR.sub(b"\n", data[:-1]) + b"\r"
    return _BARE_CR.sub(b"\n", data)


_BARE_CR = re.compile(rb"\r(?!\n)")


def lines_at(log: LogFile, positions: Iterable[int]) -> dict[int, int]:
    """The 1-based line number holding each 1-based byte position of the decompressed text."""
    wanted = sorted(set(positions))
    found: dict[int, int] = {}
    if not wanted:
        return found
    offset, lines_before, index = 0, 0, 0
    pending_cr = False  # the previous block ended with "\r": a line end unless "\n" follows
    with open_binary(log.path, log.compression) as stream:
        while index < len(wanted):
            block = stream.read(1 << 22)
            if not block:
                break
            if log.bare_cr:
                lines_before += pending_cr and not block.startswith(b"\n")
                pending_cr = block.endswith(b"\r")
                block = _bare_cr_as_lf(block, final=False)
            end = offset + len(block)
            while index < len(wanted) and wanted[index] - 1 < end:
                found[wanted[index]] = lines_before + block.count(b"\n", 0, max(wanted[index] - 1 - offset, 0)) + 1
                index += 1
            lines_before += block.count(b"\n")
            offset = end
    return found
