"""SPDX 2.2 and 2.3 SBOMs, JSON and tag-value.

What lands, one record each:

- every package: an asset, its product and, when the document names one, the
  vendor (the originator, who made it, else the supplier, who distributes it;
  ``Tool:`` actors and NOASSERTION are not vendors). Packages the document
  describes (``documentDescribes``, ``DESCRIBES``) are its roots: without a
  ``primaryPackagePurpose`` they land as on-premises software, the others as
  open-source components;
- every dependency relationship: ``DEPENDS_ON``, ``CONTAINS``, ``STATIC_LINK``,
  ``DYNAMIC_LINK`` (read forwards) and ``DEPENDENCY_OF``, ``RUNTIME_DEPENDENCY_OF``,
  ``CONTAINED_BY`` (read backwards) become ``depends_on`` edges. Build, test and
  development dependencies are not what the organisation runs and are left out,
  as are relationships with files, snippets or NONE/NOASSERTION.

spdx-tools reads each package and relationship on its own, so one broken entry
is one rejection: ``doc.spdx.json:/packages/4``, or ``doc.spdx:120`` (the line
of its ``PackageName``) for tag-value. Tag-value is split into sections here
(``Tag: value`` lines and ``<text>`` blocks) because the spdx-tools parser is
all-or-nothing and keeps no line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from emprise.errors import SourceError
from emprise.model import AssetKind, Locator, Record, Rejection
from emprise.sources._sbom import (
    SBOM_MAX_BYTES,
    BadRecord,
    Package,
    RefTable,
    depends_on_record,
    json_pointer,
    library_call,
    load_json,
    package_record,
    parse_purl,
    read_capped,
    rejection,
    text_or_none,
)
from emprise.sources.interface import Sample, Source

T = TypeVar("T")

_JSON_HEAD = re.compile(r'^\s*\{.*?"spdxVersion"\s*:\s*"SPDX-2\.\d+"', re.DOTALL)
_TAG_VALUE_HEAD = re.compile(r"^\s*SPDXVersion\s*:\s*SPDX-2\.\d+\s*$", re.MULTILINE)
_VERSION = re.compile(r"SPDX-2\.\d+")

#: primaryPackagePurpose -> asset kind; packages without one are components (roots: software).
_KINDS = {
    "APPLICATION": AssetKind.ON_PREM_SOFTWARE,
    "CONTAINER": AssetKind.ON_PREM_SOFTWARE,
    "OPERATING_SYSTEM": AssetKind.ON_PREM_SOFTWARE,
    "FIRMWARE": AssetKind.ON_PREM_SOFTWARE,
    "INSTALL": AssetKind.ON_PREM_SOFTWARE,
    "DEVICE": AssetKind.HARDWARE,
    "LIBRARY": AssetKind.OPEN_SOURCE_COMPONENT,
    "FRAMEWORK": AssetKind.OPEN_SOURCE_COMPONENT,
    "SOURCE": AssetKind.OPEN_SOURCE_COMPONENT,
    "ARCHIVE": AssetKind.OPEN_SOURCE_COMPONENT,
    "FILE": AssetKind.OPEN_SOURCE_COMPONENT,
}

#: Relationship types that mean "runs with": True when read from the element to the
#: related one (A DEPENDS_ON B), False when backwards (A DEPENDENCY_OF B).
_DEPENDENCY_DIRECTION = {
    "DEPENDS_ON": True,
    "CONTAINS": True,
    "STATIC_LINK": True,
    "DYNAMIC_LINK": True,
    "DEPENDENCY_OF": False,
    "RUNTIME_DEPENDENCY_OF": False,
    "CONTAINED_BY": False,
}


@dataclass(frozen=True)
class _Document:
    """An SPDX 2 document cut into the entries that land one by one."""

    document_id: str
    described: frozenset[str]  # documentDescribes (the DESCRIBES relationships are added later)
    packages: tuple[tuple[Locator, object] | Rejection, ...]
    relationships: tuple[tuple[Locator, object] | Rejection, ...]
    other_ids: frozenset[str]  # files and snippets: elements that are not assets
    loose: tuple[Rejection, ...] = field(default=())  # lines that belong to no entry


# --- JSON ---------------------------------------------------------------------------


class SpdxJsonSource(Source):
    name: ClassVar[str] = "spdx-json"
    description: ClassVar[str] = "SPDX 2.2/2.3 SBOM, JSON"
    max_bytes: ClassVar[int] = SBOM_MAX_BYTES

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the head is a JSON object with ``"spdxVersion": "SPDX-2.x"``, else 0."""
        return 95 if _JSON_HEAD.match(sample.text()) else 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield the records of an SPDX 2 JSON file; raises SourceError when unreadable."""
        document = load_json(read_capped(path, display_name, self.max_bytes), display_name)
        yield from _records(_json_document(document, display_name))


def _json_document(document: object, file: str) -> _Document:
    if not isinstance(document, dict):
        raise SourceError(file, "not an SPDX document: the top is not a JSON object")
    version = document.get("spdxVersion")
    if not isinstance(version, str) or not _VERSION.fullmatch(version.strip()):
        raise SourceError(file, f"not an SPDX 2 document: spdxVersion is {version!r}")

    def entries(key: str) -> tuple[tuple[Locator, object] | Rejection, ...]:
        values = document.get(key)
        if values is None:
            return ()
        if not isinstance(values, list):
            return (Rejection(Locator(file, pointer=json_pointer(key)), f"{key!r} must be a list"),)
        return tuple(
            (Locator(file, pointer=json_pointer(key, index)), value)
            for index, value in enumerate(values)
        )

    # Files and snippets are only needed to recognise relationships that are not between packages.
    other_ids = {
        element["SPDXID"]
        for key in ("files", "snippets")
        if isinstance(document.get(key), list)
        for element in document[key]
        if isinstance(element, dict) and isinstance(element.get("SPDXID"), str)
    }
    described = document.get("documentDescribes")  # SPDX 2.2; 2.3 says DESCRIBES instead
    if not isinstance(described, list):
        described = []
    document_id = document.get("SPDXID")
    return _Document(
        document_id=document_id if isinstance(document_id, str) else "SPDXRef-DOCUMENT",
        described=frozenset(ref for ref in described if isinstance(ref, str)),
        packages=entries("packages"),
        relationships=entries("relationships"),
        other_ids=frozenset(other_ids),
    )


# --- tag-value -------------------------------------------------------------------------


class SpdxTagValueSource(Source):
    name: ClassVar[str] = "spdx-tag-value"
    description: ClassVar[str] = "SPDX 2.2/2.3 SBOM, tag-value"
    max_bytes: ClassVar[int] = SBOM_MAX_BYTES

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when a line reads ``SPDXVersion: SPDX-2.x``, else 0."""
        return 95 if _TAG_VALUE_HEAD.search(sample.text()) else 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield the records of an SPDX 2 tag-value file; raises SourceError when unreadable."""
        data = read_capped(path, display_name, self.max_bytes)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:  # SPDX documents are UTF-8 by definition
            raise SourceError(display_name, f"not UTF-8 text: {exc}") from exc
        document = _tag_value_document(text, display_name)
        yield from document.loose
        yield from _records(document)


_TAG_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_]*)\s*:\s?(.*)")

#: Tags that open a new entry, and what the entry is.
_SECTION_STARTS = {
    "PackageName": "package",
    "FileName": "file",
    "SnippetSPDXID": "snippet",
    "LicenseID": "licence",
    "Annotator": "annotation",
    "Relationship": "relationship",
}

#: Package tags -> the SPDX JSON keys spdx-tools' dictionary parser reads.
_PACKAGE_KEYS = {
    "PackageName": "name",
    "SPDXID": "SPDXID",
    "PackageVersion": "versionInfo",
    "PackageSupplier": "supplier",
    "PackageOriginator": "originator",
    "PackageDownloadLocation": "downloadLocation",
    "PackageLicenseConcluded": "licenseConcluded",
    "PackageLicenseDeclared": "licenseDeclared",
    "PackageDescription": "description",
    "PackageSummary": "summary",
    "PackageHomePage": "homepage",
    "PrimaryPackagePurpose": "primaryPackagePurpose",
}


@dataclass
class _Section:
    kind: str
    line: int
    tags: list[tuple[int, str, str]]


def _tag_value_lines(text: str, file: str) -> tuple[list[tuple[int, str, str]], list[Rejection]]:
    """``(line, tag, value)`` of every ``Tag: value`` line, ``<text>`` blocks joined.

    Lines that are neither (nor comments) are rejected, a run of them at once.
    Raises SourceError when a ``<text>`` block never ends: the rest of the file
    would be one value.
    """
    lines = text.splitlines()
    found: list[tuple[int, str, str]] = []
    stray: list[Rejection] = []
    stray_run: list[int] = []  # numbers of consecutive lines that are not 'Tag: value'

    def end_stray_run() -> None:
        if stray_run:
            stray.append(_stray(file, stray_run[0], stray_run[-1]))
            stray_run.clear()

    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index].strip()
        index += 1
        if not line or line.startswith("#"):
            end_stray_run()
            continue
        match = _TAG_LINE.fullmatch(line)
        if not match:
            stray_run.append(number)
            continue
        end_stray_run()
        tag, value = match.group(1), match.group(2)
        if "<text>" in value and "</text>" not in value.split("<text>", 1)[1]:
            block = [value]
            while index < len(lines) and "</text>" not in lines[index]:
                block.append(lines[index])
                index += 1
            if index == len(lines):
                raise SourceError(file, f"line {number}: <text> is never closed by </text>")
            block.append(lines[index])
            index += 1
            value = "\n".join(block)
        value = value.strip()
        if value.startswith("<text>") and value.endswith("</text>"):
            value = value[len("<text>") : -len("</text>")].strip()
        found.append((number, tag, value))
    end_stray_run()
    return found, stray


def _stray(file: str, first: int, last: int) -> Rejection:
    what = (
        "not a 'Tag: value' line"
        if first == last
        else f"lines {first}-{last} are not 'Tag: value' lines"
    )
    return Rejection(
        Locator(file, line=first), f"{what} (a value on several lines goes in <text>…</text>)"
    )


def _tag_value_document(text: str, file: str) -> _Document:
    tag_lines, stray = _tag_value_lines(text, file)
    header: dict[str, str] = {}
    sections: list[_Section] = []
    for number, tag, value in tag_lines:
        if tag in _SECTION_STARTS:
            sections.append(_Section(_SECTION_STARTS[tag], number, []))
        if sections:
            sections[-1].tags.append((number, tag, value))
        else:
            header.setdefault(tag, value)
    version = header.get("SPDXVersion")
    if version is None or not _VERSION.fullmatch(version):
        raise SourceError(file, f"not an SPDX 2 document: SPDXVersion is {version!r}")

    packages: list[tuple[Locator, object] | Rejection] = []
    relationships: list[tuple[Locator, object] | Rejection] = []
    other_ids: set[str] = set()
    for section in sections:
        locator = Locator(file, line=section.line)
        if section.kind == "package":
            try:
                packages.append((locator, _package_dict(section)))
            except BadRecord as exc:
                packages.append(rejection(locator, exc))
        elif section.kind == "relationship":
            relationships.append((locator, _relationship_dict(section.tags[0][2])))
        elif section.kind == "file":
            other_ids.update(value for _, tag, value in section.tags if tag == "SPDXID")
        elif section.kind == "snippet":
            other_ids.add(section.tags[0][2])
    return _Document(
        document_id=header.get("SPDXID", "SPDXRef-DOCUMENT"),
        described=frozenset(),
        packages=tuple(packages),
        relationships=tuple(relationships),
        other_ids=frozenset(other_ids),
        loose=tuple(stray),
    )


def _package_dict(section: _Section) -> dict[str, Any]:
    """The SPDX JSON shape of one package section; raises BadRecord on a repeated tag."""
    package: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for number, tag, value in section.tags:
        if tag == "ExternalRef":
            parts = value.split(None, 2)
            if len(parts) != 3:
                raise BadRecord(
                    f"line {number}: ExternalRef needs a category, a type and a locator"
                )
            category, ref_type, locator = parts
            package.setdefault("externalRefs", []).append(
                {
                    "referenceCategory": category,
                    "referenceType": ref_type,
                    "referenceLocator": locator,
                }
            )
        elif tag in _PACKAGE_KEYS:
            if tag in seen:
                raise BadRecord(f"{tag} given twice (lines {seen[tag]} and {number})")
            seen[tag] = number
            package[_PACKAGE_KEYS[tag]] = value
    return package


def _relationship_dict(value: str) -> object:
    parts = value.split()
    if len(parts) != 3:
        return value  # rejected when read, with the reason
    element, relationship_type, related = parts
    return {
        "spdxElementId": element,
        "relationshipType": relationship_type,
        "relatedSpdxElement": related,
    }


# --- from the document to records ---------------------------------------------------------


def _records(document: _Document) -> Iterator[Record | Rejection]:
    from spdx_tools.spdx.parser.jsonlikedict.package_parser import PackageParser
    from spdx_tools.spdx.parser.jsonlikedict.relationship_parser import RelationshipParser

    relationship_parser = RelationshipParser()
    roots = set(document.described) | _described(document)
    refs = RefTable()
    for entry in document.packages:
        if isinstance(entry, Rejection):
            yield entry
            continue
        locator, raw = entry
        yield _land_package(locator, raw, refs, roots, PackageParser())
    for entry in document.relationships:
        if isinstance(entry, Rejection):
            yield entry
            continue
        locator, raw = entry
        try:
            record = _relationship_record(locator, raw, refs, document, relationship_parser)
        except BadRecord as exc:
            yield rejection(locator, exc)
            continue
        if record is not None:
            yield record


def _described(document: _Document) -> set[str]:
    """The SPDXIDs the document DESCRIBES (or that are DESCRIBED_BY it)."""
    roots: set[str] = set()
    for entry in document.relationships:
        if isinstance(entry, Rejection) or not isinstance(entry[1], dict):
            continue
        raw = entry[1]
        element, kind, related = (
            raw.get("spdxElementId"),
            raw.get("relationshipType"),
            raw.get("relatedSpdxElement"),
        )
        if kind == "DESCRIBES" and element == document.document_id and isinstance(related, str):
            roots.add(related)
        elif (
            kind == "DESCRIBED_BY" and related == document.document_id and isinstance(element, str)
        ):
            roots.add(element)
    return roots


def _land_package(
    locator: Locator, raw: object, refs: RefTable, roots: set[str], parser: Any
) -> Record | Rejection:
    """The record of one package, or its rejection; declares its SPDXID in ``refs``."""
    spdx_id: str | None = None
    try:
        if not isinstance(raw, dict):
            raise BadRecord(f"a package must be an object, not {type(raw).__name__}")
        spdx_id = text_or_none(raw.get("SPDXID"), "SPDXID")
        if spdx_id is None:
            raise BadRecord("package without SPDXID")
        refs.check_new(spdx_id, "SPDXID")
        if text_or_none(raw.get("name"), "name") is None:
            raise BadRecord("package without name")
        # downloadLocation is mandatory in SPDX but says nothing we keep; spdx-tools refuses
        # a package without it, so a missing one is read as NOASSERTION rather than rejected.
        with_location = {"downloadLocation": "NOASSERTION", **raw}
        package = _spdx_call("unreadable package", lambda: parser.parse_package(with_location))
        # spdx-tools drops a bad external reference (a purl!) and only notes it in the
        # parser's logger, hence a fresh parser per package and this check.
        if parser.logger.has_messages():
            raise BadRecord(f"unreadable package: {'; '.join(parser.logger.get_messages())}")
        is_root = spdx_id in roots
        record = package_record(locator, _package(package, is_root), key_by_name=is_root)
    except BadRecord as exc:
        if spdx_id is not None:
            refs.declare(spdx_id, locator, None)
        return rejection(locator, exc)
    refs.declare(spdx_id, locator, record.nodes[0].key)
    return record


def _package(package: Any, is_root: bool) -> Package:
    from spdx_tools.spdx.model import ActorType

    purls = [ref.locator for ref in package.external_references if ref.reference_type == "purl"]
    purpose = package.primary_package_purpose.name if package.primary_package_purpose else None
    default_kind = AssetKind.ON_PREM_SOFTWARE if is_root else AssetKind.OPEN_SOURCE_COMPONENT
    vendors = [
        actor.name
        for actor in (package.originator, package.supplier)
        if getattr(actor, "actor_type", None) in (ActorType.ORGANIZATION, ActorType.PERSON)
    ]
    return Package(
        name=package.name.strip(),
        kind=_KINDS.get(purpose, default_kind) if purpose else default_kind,
        version=text_or_none(package.version, "version"),
        purl=parse_purl(purls[0]) if purls else None,
        licence=_licence(package.license_concluded) or _licence(package.license_declared),
        vendor=text_or_none(vendors[0], "supplier name") if vendors else None,
        description=text_or_none(package.description or package.summary, "description"),
    )


def _licence(expression: object) -> str | None:
    """The expression as text; NOASSERTION (unknown) and NONE (no licence) give None."""
    from spdx_tools.spdx.model import SpdxNoAssertion, SpdxNone

    if expression is None or isinstance(expression, SpdxNoAssertion | SpdxNone):
        return None
    return str(expression).strip() or None


def _relationship_record(
    locator: Locator, raw: object, refs: RefTable, document: _Document, parser: Any
) -> Record | None:
    """The depends_on edge of a relationship, None if it is not a dependency; raises BadRecord."""
    from spdx_tools.spdx.model import SpdxNoAssertion, SpdxNone

    if not isinstance(raw, dict):
        raise BadRecord("a relationship must name an element, a type and a related element")
    relationship = _spdx_call("unreadable relationship", lambda: parser.parse_relationship(raw))
    forwards = _DEPENDENCY_DIRECTION.get(relationship.relationship_type.name)
    related = relationship.related_spdx_element_id
    if forwards is None or isinstance(related, SpdxNone | SpdxNoAssertion):
        return None
    ends = (relationship.spdx_element_id, related)
    not_assets = document.other_ids | {document.document_id}
    if any(end in not_assets for end in ends):
        return None
    for end in ends:
        if ":" in end:  # DocumentRef-other:SPDXRef-x
            raise BadRecord(f"{end!r} is an element of another document, not of this file")
    element_key, related_key = (refs.asset_key(end, "SPDXID") for end in ends)
    pair = (element_key, related_key) if forwards else (related_key, element_key)
    return depends_on_record(locator, [pair])


def _spdx_call(what: str, call: Callable[[], T]) -> T:
    """``call()`` through spdx-tools; raises BadRecord with its messages joined."""
    from spdx_tools.spdx.parser.error import SPDXParsingError

    def parse() -> T:
        try:
            return call()
        except SPDXParsingError as exc:
            # spdx-tools nests its messages ("Error while parsing Package: ['…']"): flatten them.
            raise ValueError("; ".join(str(message) for message in exc.get_messages())) from exc

    return library_call(what, parse)
