"""Read invoices from files, folders and zip archives, thousands at a time.

Every input is recognised by its content (PDF, UBL/CII XML, FEC, zip), never by
its name. One bad file never stops the others: it becomes a ``Rejection`` naming
the file (``archive.zip!member.xml`` inside an archive), the line or element when
there is one, and the reason. Sizes are capped before anything is read, and
archive members are streamed with a cap, so a 200 MB PDF or a zip bomb is refused
with memory bounded by the caps, not by the input.

``read_paths`` spreads the work over a process pool; ``read_document`` is the
single-document worker. The pool pays off only when what crosses process
boundaries is small and what each worker needs is set up once:

- tasks go in chunks (one pickle per chunk, not per file);
- workers are forked from a parent that has already imported lxml, the compiled
  XPaths, factur-x/pypdf and the catalog, and the initializer builds one
  ``VendorMatcher`` per worker: nothing is pickled per task but the task itself;
- with a catalog, workers also match the seller and categorise the lines, so the
  parent does not redo that work serially;
- results come back as plain tuples (``codec``), several times cheaper to unpickle
  in the parent than the frozen dataclasses they encode.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from emprise.model import Locator, Rejection
from emprise.spend import codec
from emprise.spend.extract import ExtractionError, extract_invoice
from emprise.spend.fec import MAX_FEC_BYTES, FecError, looks_like_fec, read_fec
from emprise.spend.pdf import MAX_PDF_BYTES, PdfInvoiceError, invoice_xml_from_pdf, is_pdf
from emprise.safexml import MAX_XML_BYTES, UnsafeXmlError, parse_xml
from emprise.spend.terms import Invoice

#: Largest single input of any kind.
MAX_FILE_BYTES = max(MAX_PDF_BYTES, MAX_XML_BYTES, MAX_FEC_BYTES)
#: Archive limits: members, bytes once uncompressed (each and all), compression ratio.
MAX_ZIP_MEMBERS = 100_000
MAX_MEMBER_BYTES = MAX_PDF_BYTES
MAX_ZIP_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200  # XML compresses ~10-30:1; a bomb compresses ~1000:1
_ZIP_MAGIC = b"PK\x03\x04"
_PARALLEL_FROM = 32  # below this many documents a pool costs more than it saves


@dataclass
class Outcome:
    """What reading a set of inputs gave: invoices in input order, and rejections."""

    invoices: list[Invoice] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    documents: int = 0
    #: display name (file, or ``archive!member``) -> the input file it came from
    inputs: dict[str, str] = field(default_factory=dict)
    #: with a catalog: one view (matched vendor, categories) per invoice, in the same order
    views: list | None = None

    def extend(self, items: Iterable[Invoice | Rejection]) -> None:
        for item in items:
            (self.rejections if isinstance(item, Rejection) else self.invoices).append(item)


@dataclass(frozen=True, slots=True)
class Task:
    """One document to read: a file, or a member of a zip archive."""

    path: str
    member: str | None = None
    display: str = ""
    #: the head looked like a PDF (or an archive that may hold some): warm up factur-x before forking
    maybe_pdf: bool = False


def _kind(head: bytes) -> str | None:
    if is_pdf(head):
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if looks_like_fec(head.lstrip(b"\xef\xbb\xbf")):
        return "fec"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "xml"
    return None


def read_bytes(data: bytes, name: str) -> list[Invoice | Rejection]:
    """Invoices (or the rejection) in one document's bytes; never raises for bad input."""
    kind = _kind(data[:4096])
    try:
        if kind == "pdf":
            _, root = invoice_xml_from_pdf(data)
            return [extract_invoice(root, name)]
        if kind == "xml":
            return [extract_invoice(parse_xml(data), name)]
        if kind == "fec":
            return list(read_fec(data, name))
        if kind == "zip":
            return [Rejection(Locator(name), "nested archive: not read (unpack it first)")]
    except (PdfInvoiceError, UnsafeXmlError, ExtractionError, FecError) as exc:
        return [Rejection(Locator(name), str(exc))]
    return [Rejection(Locator(name), "not an e-invoice (Factur-X PDF, UBL or CII XML) nor a FEC")]


def read_document(task: Task) -> list[Invoice | Rejection]:
    """Read one task (file or archive member) with its size cap; never raises for bad input."""
    name = task.display or task.path
    try:
        if task.member is None:
            size = os.path.getsize(task.path)
            if size > MAX_FILE_BYTES:
                return [Rejection(Locator(name), f"{size} bytes is over the {MAX_FILE_BYTES}-byte limit")]
            with open(task.path, "rb") as handle:
                head = handle.read(4096)
                limit = {"pdf": MAX_PDF_BYTES, "xml": MAX_XML_BYTES}.get(_kind(head), MAX_FILE_BYTES)
                if size > limit:
                    return [Rejection(Locator(name), f"{size} bytes is over the {limit}-byte limit "
                                      f"for a {_kind(head).upper()}")]
                data = head + handle.read()
        else:
            with zipfile.ZipFile(task.path) as archive:
                data = _read_member(archive, archive.getinfo(task.member))
    except _Refused as exc:
        return [Rejection(Locator(name), str(exc))]
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        return [Rejection(Locator(name), f"cannot be read ({exc})")]
    return read_bytes(data, name)


class _Refused(Exception):
    pass


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_MEMBER_BYTES:
        raise _Refused(f"{info.file_size} bytes once uncompressed is over the {MAX_MEMBER_BYTES}-byte limit")
    if info.compress_size and info.file_size > 1 << 20 and info.file_size / info.compress_size > MAX_ZIP_RATIO:
        raise _Refused(f"compression ratio {info.file_size // info.compress_size}:1 is over "
                       f"{MAX_ZIP_RATIO}:1 (zip bomb?)")
    with archive.open(info) as stream:  # sizes in the directory may lie: stream with a cap
        data = stream.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise _Refused(f"more than {MAX_MEMBER_BYTES} bytes once uncompressed (zip bomb?)")
    return data


def plan(paths: Iterable[Path]) -> tuple[list[Task], list[Rejection]]:
    """The documents to read under ``paths`` (folders walked, zips listed), and what is refused upfront."""
    tasks: list[Task] = []
    refused: list[Rejection] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in found:
                _plan_file(file, str(file), tasks, refused)
        elif path.is_file():
            _plan_file(path, str(path), tasks, refused)
        else:
            refused.append(Rejection(Locator(str(path)), "no such file or directory"))
    return tasks, refused


def _plan_file(path: Path, display: str, tasks: list[Task], refused: list[Rejection]) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        refused.append(Rejection(Locator(display), f"cannot be read ({exc.strerror or exc})"))
        return
    if not head.startswith(_ZIP_MAGIC):
        tasks.append(Task(str(path), None, display, is_pdf(head)))
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        refused.append(Rejection(Locator(display), f"not a readable zip archive ({exc})"))
        return
    if len(members) > MAX_ZIP_MEMBERS:
        refused.append(Rejection(Locator(display), f"{len(members)} members is over the "
                                 f"{MAX_ZIP_MEMBERS}-member limit"))
        return
    total = 0
    for info in members:
        member_name = f"{display}!{info.filename}"
        if info.flag_bits & 0x1:
            refused.append(Rejection(Locator(member_name), "encrypted archive member"))
            continue
        total += info.file_size
        if total > MAX_ZIP_TOTAL_BYTES:
            refused.append(Rejection(Locator(member_name), f"archive holds more than {MAX_ZIP_TOTAL_BYTES} "
                                     "bytes once uncompressed: the rest is not read (zip bomb?)"))
            break
        tasks.append(Task(str(path), info.filename, member_name, True))


def read_paths(paths: Iterable[Path], *, jobs: int | None = None, catalog=None) -> Outcome:
    """Read every invoice under ``paths``; ``jobs`` processes (default: all cores) for large sets.

    With ``catalog``, each invoice is also matched to its vendor and its lines
    categorised (``Outcome.views``, in the order of ``Outcome.invoices``).
    """
    tasks, refused = plan(paths)
    outcome = Outcome(rejections=list(refused), documents=len(tasks) + len(refused),
                      inputs={task.display: task.path for task in tasks})
    if catalog is not None:
        outcome.views = []
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    for chunk in _map(tasks, workers, catalog):
        for item in chunk:
            if isinstance(item, Rejection):
                outcome.rejections.append(item)
            else:
                invoice, view = item
                outcome.invoices.append(invoice)
                if outcome.views is not None:
                    outcome.views.append(view)
    return outcome


# -- the pool ---------------------------------------------------------------------------
# Set once per process by ``_init_worker`` (or lazily in the parent for the serial path).
_worker_catalog = None
_worker_matcher = None


def _init_worker(catalog, load: bool = False) -> None:
    global _worker_catalog, _worker_matcher
    if load:  # spawned (not forked) workers load their own catalog, once
        from emprise.catalog import load_catalog

        catalog = load_catalog()
    _worker_catalog = catalog
    if catalog is not None:
        from emprise.spend.suppliers import VendorMatcher

        _worker_matcher = VendorMatcher(catalog)


def _read_items(tasks: list[Task]) -> list:
    """Every rejection and ``(invoice, view or None)`` of ``tasks``, in order."""
    view_invoice = None
    if _worker_catalog is not None:
        from emprise.spend.analysis import view_invoice
    out: list = []
    for task in tasks:
        for item in read_document(task):
            if isinstance(item, Rejection):
                out.append(item)
            else:
                out.append((item, view_invoice and view_invoice(item, _worker_catalog, _worker_matcher)))
    return out


def read_chunk(tasks: list[Task]) -> list[tuple]:
    """``_read_items`` in a worker, encoded as plain tuples (``codec``) for a cheap trip back."""
    return [codec.encode_item(item) for item in _read_items(tasks)]


def _decoded(chunk: list[tuple]) -> list:
    return [codec.decode_item(encoded) for encoded in chunk]


def _chunks(tasks: list[Task], size: int) -> list[list[Task]]:
    return [tasks[start:start + size] for start in range(0, len(tasks), size)]


def _map(tasks: list[Task], workers: int, catalog) -> Iterator[list[tuple]]:
    if workers <= 1 or len(tasks) < _PARALLEL_FROM:
        _init_worker(catalog)
        try:
            yield from map(_read_items, _chunks(tasks, 256))
        finally:
            _init_worker(None)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small enough chunks that both workers finish together, large enough that a
    # chunk's pickling and queueing is negligible next to reading it.
    size = max(1, min(64, len(tasks) // (workers * 8)))
    chunks = _chunks(tasks, size)
    if "fork" not in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(None, catalog is not None)) as pool:
            yield from map(_decoded, pool.map(read_chunk, chunks))
        return
    # Forked workers inherit what the parent has loaded. So the parent reads the first
    # chunk itself: that imports the lazy modules (stdnum, rapidfuzz…) and builds the
    # catalog's lookup indexes once, instead of once in every worker.
    _init_worker(catalog)
    try:
        first = _read_items(chunks[0])
        if any(task.maybe_pdf for task in tasks):
            import facturx  # noqa: F401
            import pypdf  # noqa: F401
    finally:
        _init_worker(None)
    yield first
    gc.freeze()  # keep the workers' garbage collector off the pages they share with us
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_init_worker, initargs=(catalog,)) as pool:
            yield from map(_decoded, pool.map(read_chunk, chunks[1:]))
    finally:
        gc.unfreeze()
