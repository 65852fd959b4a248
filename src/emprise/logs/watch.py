"""``emprise watch``: follow growing logs and raise alerts as lines arrive.

    files ──Follower (tail -F: growth, rotation, truncation)──► new lines
    new lines ──the format's own parse, compiled once, run by DuckDB on each batch──► events
    events ──catalog (host cache) + bounded memory of (person, product) pairs──► alerts

An alert is one JSON object: the first use of an unsanctioned generative-AI
service by a (pseudonymised) person, or a request whose size is above the upload
threshold. Lines are parsed by the very expression ``discover`` uses, run on a
small batch every poll, so both commands read a line the same way.

State is bounded: the people-and-products already seen and the host → product
answers are least-recently-used maps of fixed size, and a follower keeps at most
one partial line. Memory stays flat however long it runs.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from emprise.logs.interface import LogError
from emprise.logs.registry import detect_format, format_class
from emprise.logs.stamps import iso_seconds

POLL_SECONDS = 0.25
MAX_TRACKED = 100_000
HOST_CACHE = 50_000
DEFAULT_UPLOAD_THRESHOLD = 10_000_000
WEBHOOK_TIMEOUT = 5.0
#: A partial line longer than this is cut (a binary file being appended to).
MAX_PARTIAL = 1 << 20
_READ_BLOCK = 1 << 20
#: Lines of a new file looked at to recognise its format.
DETECT_LINES = 30


class LRU:
    """A least-recently-used map of at most ``size`` keys."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()

    def get(self, key, default=None):
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return default

    def __contains__(self, key) -> bool:
        return key in self._items

    def put(self, key, value=True) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class Follower:
    """Follows one file by name, like ``tail -F``: growth, rotation (a new inode), truncation.

    Starts at the end of the file (``from_start`` to read what is already there).
    A file that does not exist yet, or is briefly missing during a rotation, is
    simply waited for. A truncation is seen when the file is shorter than what was
    read, at the next poll (as with ``tail -F``).
    """

    def __init__(self, path: Path, *, from_start: bool = False) -> None:
        self.path = path
        self._handle = None
        self._inode: tuple[int, int] | None = None
        self._partial = b""
        self.lines_read = 0
        self._open(at_end=not from_start)

    def _open(self, *, at_end: bool) -> None:
        try:
            handle = self.path.open("rb")
        except OSError:
            return
        stat = os.fstat(handle.fileno())
        if at_end:
            handle.seek(0, os.SEEK_END)
        self._handle, self._inode, self._partial = handle, (stat.st_dev, stat.st_ino), b""

    def read_lines(self) -> list[str]:
        """The complete lines written since the last call (decoded, invalid bytes replaced)."""
        if self._handle is None:
            self._open(at_end=False)  # appeared after we started: read it all
            if self._handle is None:
                return []
        lines = self._drain()
        try:
            stat = self.path.stat()
        except OSError:
            stat = None  # moved away, not recreated yet: keep reading the old one
        if stat is not None and (stat.st_dev, stat.st_ino) != self._inode:
            # Rotated: the old file is finished (its last line may lack its newline),
            # then the new one is read from its start.
            if self._partial:
                lines.append(self._partial)
            self._handle.close()
            self._open(at_end=False)
            lines += self._drain()
        elif stat is not None and stat.st_size < self._handle.tell():
            # Truncated in place (copytruncate): start again from the top.
            self._handle.seek(0)
            self._partial = b""
            lines += self._drain()
        self.lines_read += len(lines)
        return [line.rstrip(b"\r").decode("utf-8", errors="replace") for line in lines]

    def _drain(self) -> list[bytes]:
        """Complete lines appended since the last call; a trailing partial line is kept for later."""
        if self._handle is None:
            return []
        chunks = [self._partial]
        while True:
            block = self._handle.read(_READ_BLOCK)
            if not block:
                break
            chunks.append(block)
        *lines, partial = b"".join(chunks).split(b"\n")
        self._partial = partial[-MAX_PARTIAL:]
        return lines

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


class BatchParser:
    """A log format's ``parse`` expression, compiled once, run by DuckDB on each batch of lines."""

    def __init__(self, fmt) -> None:
        import duckdb
        import ibis
        import pyarrow as pa

        self.fmt = fmt
        self._pa = pa
        self._duck = duckdb.connect()
        con = ibis.duckdb.from_connection(self._duck)
        if fmt.reads != "lines":
            raise LogError(fmt.name, "watch reads line-based logs (Squid, Zeek, DNS); not CSV exports")
        self._duck.register("emprise_batch", pa.table({"line": pa.array([], pa.string())}))
        events = fmt.parse(con.table("emprise_batch"), [])
        self._sql = str(con.compile(events.select("ts", "host", "user", "client", "bytes", "bytes_out", "reason")))

    def parse(self, lines: list[str]) -> list[dict]:
        """Events (dicts with ``ts``, ``host``, ``user``, ``client``, ``bytes``, ``bytes_out``, ``reason``)."""
        self._duck.register("emprise_batch", self._pa.table({"line": self._pa.array(lines, self._pa.string())}))
        return self._duck.sql(self._sql).to_arrow_table().to_pylist()


class Webhook:
    """Posts alerts (JSON) to a URL from a background thread; a failure is reported, never raised."""

    def __init__(self, url: str, *, report: Callable[[str], None], timeout: float = WEBHOOK_TIMEOUT,
                 opener: Callable | None = None) -> None:
        self.url, self.timeout, self._report = url, timeout, report
        self._open = opener or urllib.request.urlopen
        self._queue: queue.Queue = queue.Queue(maxsize=1000)
        self._thread = threading.Thread(target=self._run, name="emprise-webhook", daemon=True)
        self._thread.start()

    def send(self, alert: dict) -> None:
        try:
            self._queue.put_nowait(alert)
        except queue.Full:
            self._report(f"webhook {self.url}: queue full, alert dropped")

    def _run(self) -> None:
        while True:
            alert = self._queue.get()
            if alert is None:
                return
            body = json.dumps(alert, ensure_ascii=False).encode("utf-8")
            request = urllib.request.Request(self.url, data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            try:
                with self._open(request, timeout=self.timeout) as response:
                    response.read(0)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                self._report(f"webhook {self.url}: {exc}")

    def close(self, wait: float = 2.0) -> None:
        """Stop after the alerts already queued (waiting at most ``wait`` seconds)."""
        self._queue.put(None)
        self._thread.join(wait)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    upload_threshold: int = DEFAULT_UPLOAD_THRESHOLD
    max_tracked: int = MAX_TRACKED
    poll_seconds: float = POLL_SECONDS


class Watcher:
    """Turns events into alerts, with bounded memory."""

    def __init__(self, catalog, pseudonymiser, settings: WatchSettings, *, lang: str = "en") -> None:
        self.catalog, self.pseudonymiser, self.settings, self.lang = catalog, pseudonymiser, settings, lang
        self.seen = LRU(settings.max_tracked)  # (pseudonym, product id) pairs already alerted
        self._products = LRU(HOST_CACHE)  # host -> product entry or None

    def _product(self, host: str):
        if host in self._products:
            return self._products.get(host)
        try:
            product = self.catalog.product_for_host(host)
        except (ValueError, UnicodeError):
            product = None
        self._products.put(host, product)
        return product

    def alerts(self, events: Iterable[dict], file: str) -> list[dict]:
        """The alerts these events raise, in order."""
        from emprise.catalog.entries import Sanction

        found = []
        for event in events:
            if event["reason"] is not None or event["host"] is None:
                continue
            identity = event["user"] or event["client"]
            person = self.pseudonymiser(identity) if identity is not None else None
            product = self._product(event["host"])
            ai = product is not None and self.catalog.is_ai_service(product)
            sent, field_name = event["bytes_out"], "bytes_out"
            if sent is None:
                sent, field_name = event["bytes"], "bytes"
            if ai and product.sanction is not Sanction.SANCTIONED and person is not None:
                pair = (person, product.id)
                if pair not in self.seen:
                    self.seen.put(pair)
                    found.append(self._alert("first_use", event, file, person, product, ai))
                else:
                    self.seen.get(pair)  # refresh: a regular user stays remembered
            if sent is not None and sent > self.settings.upload_threshold:
                alert = self._alert("upload", event, file, person, product, ai)
                alert.update(bytes=sent, bytes_field=field_name, threshold=self.settings.upload_threshold)
                found.append(alert)
        return found

    def _alert(self, kind: str, event: dict, file: str, person, product, ai: bool) -> dict:
        vendor = self.catalog.vendor(product.vendor) if product is not None and product.vendor else None
        ts = event["ts"]
        return {
            "alert": kind,
            "at": iso_seconds(ts),
            "detected_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "user": person,
            "host": event["host"],
            "product": product.display_name(self.lang) if product is not None else None,
            "product_id": product.id if product is not None else None,
            "vendor": vendor.name if vendor is not None else None,
            "country": vendor.country if vendor is not None else None,
            "ai": ai,
            "sanctioned": product.sanction.value if product is not None and product.sanction else None,
            "trains_on_inputs": product.ai.trains_on_inputs if product is not None and product.ai else None,
            "file": file,
        }


def watch(paths: list[Path], *, catalog, pseudonymiser, settings: WatchSettings, emit: Callable[[dict], None],
          report: Callable[[str], None], log_format: str | None = None, webhook: str | None = None,
          from_start: bool = False, stop: threading.Event | None = None, lang: str = "en",
          ready: Callable[[], None] | None = None) -> None:
    """Follow ``paths`` until ``stop`` is set (or forever), calling ``emit`` once per alert.

    ``report`` receives operational messages (unreadable batch, webhook failure);
    ``ready`` is called once the files are open and the parsers warm, so that a
    line written after it is seen within one poll. Raises LogError for a forced
    format that does not exist or cannot be watched.
    """
    from emprise.logs.inputs import read_head

    stop = stop or threading.Event()
    forced = format_class(log_format) if log_format else None
    followers = [Follower(path, from_start=from_start) for path in paths]
    by_format: dict[str, BatchParser] = {}  # one compiled parser per format, shared by its files

    def parser_for(cls) -> BatchParser:
        if cls.name not in by_format:
            by_format[cls.name] = BatchParser(cls())
        return by_format[cls.name]

    parsers: dict[str, BatchParser] = {}
    for path in paths:  # compile now, not when the first line arrives: that is the latency bound
        head = [] if forced else _head(path, read_head)
        if forced or any(line.strip() for line in head):
            try:
                parsers[str(path)] = parser_for(forced or detect_format(head, str(path)))
            except LogError as exc:
                report(str(exc))
    if not parsers:
        import duckdb  # noqa: F401 - warm the engine for the first file that shows up
        import ibis  # noqa: F401
    pending: dict[str, list[str]] = {str(p): [] for p in paths}  # lines waiting for format detection
    watcher = Watcher(catalog, pseudonymiser, settings, lang=lang)
    hook = Webhook(webhook, report=report) if webhook else None
    if ready is not None:
        ready()
    try:
        while not stop.is_set():
            started = time.monotonic()
            for follower in followers:
                name = str(follower.path)
                lines = follower.read_lines()
                if not lines:
                    continue
                parser = parsers.get(name)
                if parser is None:
                    pending[name].extend(lines)
                    try:
                        cls = forced or detect_format(pending[name][:DETECT_LINES], name)
                    except LogError:
                        if len(pending[name]) >= DETECT_LINES:
                            raise  # enough lines to be sure: the format is not one we read
                        continue  # wait for more lines
                    parser = parsers[name] = parser_for(cls)
                    lines, pending[name] = pending[name], []
                try:
                    events = parser.parse(lines)
                except Exception as exc:  # noqa: BLE001 - a bad batch is reported, the watch goes on
                    report(f"{name}: {len(lines)} line(s) not read: {type(exc).__name__}: {exc}")
                    continue
                for alert in watcher.alerts(events, name):
                    emit(alert)
                    if hook is not None:
                        hook.send(alert)
            stop.wait(max(0.0, settings.poll_seconds - (time.monotonic() - started)))
    finally:
        for follower in followers:
            follower.close()
        if hook is not None:
            hook.close()


def _head(path: Path, read_head) -> list[str]:
    try:
        return read_head(path, "none")
    except LogError:
        return []  # not there yet: its format is detected when it appears


def print_alert(alert: dict) -> None:
    """One JSON line on stdout, flushed at once (a pipe must see it within the latency bound)."""
    sys.stdout.write(json.dumps(alert, ensure_ascii=False) + "\n")
    sys.stdout.flush()
