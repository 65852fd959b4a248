"""Run one source over one file and land what it says in the store, as one transaction.

    sources.read() -> Record | Rejection
        -> resolve (catalog ids) -> check references -> store (one transaction)

Re-importing a file whose bytes were already imported changes nothing (the
content hash is the import's identity). A rejected record is written to stderr
by the caller's ``on_rejection`` and recorded in the store; the others land.
"""

from __future__ import annotations

import hashlib
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from emprise import __version__
from emprise.errors import EmpriseError, SourceError
from emprise.model import Edge, Locator, NodeType, Record, Ref, Rejection
from emprise.sources import detect, source_class
from emprise.store import Store

# Edge endpoints that a record may name without carrying the node itself: they must
# exist in this import or in the store by the end of the import.
_DEFERRED_TYPES = {NodeType.ASSET, NodeType.CAPABILITY}


@dataclass
class ImportResult:
    """What one file's import did. ``status`` is imported, unchanged or failed."""

    file: str
    status: str
    source_format: str | None = None
    import_id: int | None = None
    records_ok: int = 0
    records_rejected: int = 0
    nodes: Counter = field(default_factory=Counter)  # node type -> distinct keys seen
    vendor_keys: frozenset[str] = frozenset()  # vendors this file named (catalog ids when known)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    store: Store,
    path: Path,
    *,
    source_format: str | None = None,
    resolver=None,
    display_name: str | None = None,
    on_rejection: Callable[[Rejection], None] | None = None,
    on_record: Callable[[], None] | None = None,
) -> ImportResult:
    """Import ``path`` into ``store``; never raises for bad input (see ``ImportResult.error``).

    Raises StoreError when the store itself fails (the import is then rolled back).
    """
    name = display_name or str(path)
    try:
        if not path.is_file():
            raise SourceError(name, "no such file" if not path.exists() else "not a regular file")
        source_cls = source_class(source_format) if source_format else detect(path)
        size = path.stat().st_size
        if size > source_cls.max_bytes:
            raise SourceError(name, f"{size} bytes is over the {source_cls.max_bytes}-byte limit "
                              f"for {source_cls.name}")
        content_hash = file_hash(path)
    except OSError as exc:
        return ImportResult(file=name, status="failed", error=f"{name}: {exc.strerror or exc}")
    except EmpriseError as exc:
        return ImportResult(file=name, status="failed", error=str(exc))

    previous = store.find_import(content_hash)
    if previous is not None:
        return ImportResult(file=name, status="unchanged", source_format=previous.source_format,
                            import_id=previous.id, records_ok=previous.records_ok,
                            records_rejected=previous.records_rejected)

    result = ImportResult(file=name, status="imported", source_format=source_cls.name)
    source = source_cls()
    try:
        with store.begin_import(content_hash=content_hash, file_name=name,
                                source_format=source_cls.name, tool_version=__version__) as writer:
            seen: dict[NodeType, set[str]] = {t: set() for t in NodeType}
            deferred: list[tuple[Edge, Locator, str]] = []
            for item in source.read(path, name):
                if isinstance(item, Rejection):
                    writer.reject(item)
                    if on_rejection:
                        on_rejection(item)
                    continue
                record = resolver.canonical(item) if resolver else item
                own = {Ref(node.TYPE, node.key) for node in record.nodes}
                kept, late = [], []
                for edge in record.edges:
                    dangling = any(end.type in _DEFERRED_TYPES and end not in own
                                   for end in (edge.src, edge.dst))
                    (late if dangling else kept).append(edge)
                digest = writer.add(Record(record.locator, record.nodes, tuple(kept)))
                deferred.extend((edge, record.locator, digest) for edge in late)
                for node in record.nodes:
                    seen[node.TYPE].add(node.key)
                if on_record:
                    on_record()
            _land_deferred(store, writer, deferred, seen, on_rejection)
            source.write_extra(writer)
            result.import_id = writer.import_id
            result.records_ok = writer.records_ok
            result.records_rejected = writer.records_rejected
            result.nodes = Counter({t.value: len(keys) for t, keys in seen.items() if keys})
            result.vendor_keys = frozenset(seen[NodeType.VENDOR])
    except EmpriseError as exc:
        return ImportResult(file=name, status="failed", source_format=source_cls.name, error=str(exc))
    except Exception as exc:  # a bug in a source must not show a traceback nor half-land
        detail = traceback.format_exception_only(exc)[-1].strip()
        return ImportResult(file=name, status="failed", source_format=source_cls.name,
                            error=f"{name}: internal error while reading ({detail}); nothing was imported")
    result.notes = list(source.notes)
    return result


def _land_deferred(store: Store, writer, deferred, seen, on_rejection) -> None:
    """Write edges to assets/capabilities named elsewhere, rejecting those that name nothing."""
    if not deferred:
        return
    from sqlalchemy import select

    from emprise.store import schema

    wanted = {end for edge, _, _ in deferred for end in (edge.src, edge.dst) if end.type in _DEFERRED_TYPES}
    known: set[Ref] = {ref for ref in wanted if ref.key in seen[ref.type]}
    missing_by_type: dict[NodeType, list[str]] = {}
    for ref in wanted - known:
        missing_by_type.setdefault(ref.type, []).append(ref.key)
    for type_, keys in missing_by_type.items():
        table = schema.NODE_TABLES[type_.value]
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = writer.connection.execute(select(table.c.key).where(table.c.key.in_(chunk)))
            known.update(Ref(type_, row.key) for row in rows)
    for edge, locator, digest in deferred:
        absent = [end for end in (edge.src, edge.dst) if end.type in _DEFERRED_TYPES and end not in known]
        if absent:
            rejection = Rejection(locator, f"{edge.kind.value}: unknown {absent[0].type.value} "
                                  f"{absent[0].key!r} (not in this file nor in the store)")
            writer.reject(rejection)
            if on_rejection:
                on_rejection(rejection)
        else:
            writer.add_edges(locator, (edge,), digest)
