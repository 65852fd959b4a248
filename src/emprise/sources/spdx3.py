"""SPDX 3.0 SBOMs, JSON-LD.

spdx-tools 0.8 models SPDX 3 and writes it, but has no reader; the format is
a flat ``@graph`` of elements linked by ``spdxId``, read here with ``json``.
Terms are read in their compact form (``software_Package``,
``software_packageVersion``), as the SPDX 3.0 context and every known tool write
them; types given as full IRIs are understood too.

What lands, one record each:

- every ``software_Package`` (and ``ai_AIPackage``): an asset, its product and,
  when named, the vendor: the agent of ``originatedBy`` (who made it), else of
  ``suppliedBy``. Licences come from ``hasConcludedLicense`` (else
  ``hasDeclaredLicense``) relationships. Root elements of the document and its
  SBOMs land as on-premises software when they have no ``software_primaryPurpose``;
- every dependency relationship (``dependsOn``, ``contains``, ``hasStaticLink``,
  ``hasDynamicLink``) between packages: ``depends_on`` edges, locator
  ``doc.spdx3.json:/@graph/17``. Build, development and test scopes are left out.

Dataset packages are rejected with that reason: they are not technology someone
supplies (relationships naming them skip them, as they skip files).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from emprise.errors import SourceError
from emprise.model import AssetKind, Locator, Record, Rejection
from emprise.sources._sbom import (
    SBOM_MAX_BYTES,
    BadRecord,
    OutOfScope,
    Package,
    RefTable,
    depends_on_record,
    json_pointer,
    load_json,
    package_record,
    parse_purl,
    read_capped,
    rejection,
    text_or_none,
)
from emprise.sources.interface import Sample, Source

_HEAD = re.compile(r'^\s*\{.*?"@context"\s*:[^}\]]*?spdx\.org/rdf/3\.0', re.DOTALL)

_PACKAGE_TYPES = frozenset({"software_Package", "ai_AIPackage"})
_OUT_OF_SCOPE_TYPES = frozenset({"dataset_DatasetPackage"})
_ANY_PACKAGE_TYPES = _PACKAGE_TYPES | _OUT_OF_SCOPE_TYPES
_AGENT_TYPES = frozenset({"Agent", "Organization", "Person", "SoftwareAgent"})
_RELATIONSHIP_TYPES = frozenset({"Relationship", "LifecycleScopedRelationship"})
_COLLECTION_TYPES = frozenset({"SpdxDocument", "software_Sbom", "Bom", "Bundle"})

#: software_primaryPurpose -> asset kind; without one, roots are software and others components.
_KINDS = {
    "application": AssetKind.ON_PREM_SOFTWARE,
    "container": AssetKind.ON_PREM_SOFTWARE,
    "operatingSystem": AssetKind.ON_PREM_SOFTWARE,
    "firmware": AssetKind.ON_PREM_SOFTWARE,
    "install": AssetKind.ON_PREM_SOFTWARE,
    "executable": AssetKind.ON_PREM_SOFTWARE,
    "deviceDriver": AssetKind.ON_PREM_SOFTWARE,
    "model": AssetKind.ON_PREM_SOFTWARE,  # a model run in-house, as for CycloneDX
    "device": AssetKind.HARDWARE,
    "library": AssetKind.OPEN_SOURCE_COMPONENT,
    "framework": AssetKind.OPEN_SOURCE_COMPONENT,
    "module": AssetKind.OPEN_SOURCE_COMPONENT,
    "source": AssetKind.OPEN_SOURCE_COMPONENT,
    "archive": AssetKind.OPEN_SOURCE_COMPONENT,
    "file": AssetKind.OPEN_SOURCE_COMPONENT,
}

_DEPENDENCY_TYPES = frozenset({"dependsOn", "contains", "hasStaticLink", "hasDynamicLink"})
_LEFT_OUT_SCOPES = frozenset({"build", "development", "test"})
_LICENCE_RELATIONSHIPS = ("hasConcludedLicense", "hasDeclaredLicense")  # preferred first


class Spdx3JsonLdSource(Source):
    name: ClassVar[str] = "spdx3-jsonld"
    description: ClassVar[str] = "SPDX 3.0 SBOM, JSON-LD"
    max_bytes: ClassVar[int] = SBOM_MAX_BYTES

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the head is a JSON object whose ``@context`` is SPDX 3.0, else 0."""
        return 95 if _HEAD.match(sample.text()) else 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield the records of an SPDX 3 JSON-LD file; raises SourceError when unreadable."""
        document = load_json(read_capped(path, display_name, self.max_bytes), display_name)
        yield from _records(_graph(document, display_name), display_name)


@dataclass(frozen=True)
class _Element:
    index: int  # position in @graph, for the locator
    id: str | None
    type: str | None
    value: dict


def _graph(document: object, file: str) -> list[_Element | Rejection]:
    if not isinstance(document, dict) or "spdx.org/rdf/3.0" not in json.dumps(
        document.get("@context")
    ):
        raise SourceError(file, "not an SPDX 3.0 document: no SPDX 3.0 @context at the top")
    graph = document.get("@graph")
    if not isinstance(graph, list):
        raise SourceError(file, "not an SPDX 3.0 document: no @graph list")
    elements: list[_Element | Rejection] = []
    for index, value in enumerate(graph):
        if not isinstance(value, dict):
            elements.append(Rejection(_locator(file, index), "a graph element must be an object"))
            continue
        element_id = value.get("spdxId", value.get("@id"))
        elements.append(
            _Element(
                index=index,
                id=element_id if isinstance(element_id, str) else None,
                type=_type_name(value.get("type", value.get("@type"))),
                value=value,
            )
        )
    return elements


def _locator(file: str, index: int) -> Locator:
    return Locator(file, pointer=json_pointer("@graph", index))


def _type_name(value: object) -> str | None:
    """The compact type name, also from an IRI (``…/Software/Package`` -> ``software_Package``)."""
    if not isinstance(value, str):
        return None
    if "/terms/" in value:
        profile, _, name = value.rsplit("/terms/", 1)[1].partition("/")
        return name if profile == "Core" else f"{profile.lower()}_{name}"
    return value


def _last_segment(value: object) -> str | None:
    """An enumeration value, also from its IRI (``…/RelationshipType/dependsOn``)."""
    return value.rsplit("/", 1)[-1] if isinstance(value, str) else None


def _id_list(value: object) -> list[str]:
    """Identifiers of a property that holds one or several: ``"x"`` or ``["x", "y"]``."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


@dataclass(frozen=True)
class _Index:
    """What packages need from the rest of the graph."""

    agents: dict[str, str]  # agent id -> name
    licences: dict[tuple[str, str], str]  # (package id, relationship type) -> expression
    roots: frozenset[str]
    other_ids: frozenset[str]  # elements that are neither packages nor out-of-scope packages


def _index(elements: list[_Element | Rejection]) -> _Index:
    by_id: dict[str, _Element] = {}
    for element in elements:  # the first element of an id wins, as in the RefTable
        if isinstance(element, _Element) and element.id:
            by_id.setdefault(element.id, element)
    agents = {
        element_id: element.value["name"].strip()
        for element_id, element in by_id.items()
        if element.type in _AGENT_TYPES
        and isinstance(element.value.get("name"), str)
        and element.value["name"].strip()
    }
    licences: dict[tuple[str, str], str] = {}
    roots: set[str] = set()
    for element in by_id.values():
        if element.type in _COLLECTION_TYPES:
            roots.update(_id_list(element.value.get("rootElement")))
        if element.type not in _RELATIONSHIP_TYPES:
            continue
        relationship_type = _last_segment(element.value.get("relationshipType"))
        source = element.value.get("from")
        if not isinstance(source, str):
            continue
        if relationship_type == "describes":
            roots.update(_id_list(element.value.get("to")))
        elif relationship_type in _LICENCE_RELATIONSHIPS:
            targets = _id_list(element.value.get("to"))
            expression = _licence_text(by_id.get(targets[0])) if len(targets) == 1 else None
            if expression:
                licences[(source, relationship_type)] = expression
    # An SpdxDocument's root is often an SBOM, whose own roots are the software described.
    collections = {
        element_id
        for element_id in roots
        if by_id.get(element_id) and by_id[element_id].type in _COLLECTION_TYPES
    }
    for collection in collections:
        roots.update(_id_list(by_id[collection].value.get("rootElement")))
    return _Index(
        agents=agents,
        licences=licences,
        roots=frozenset(roots),
        other_ids=frozenset(
            element_id
            for element_id, element in by_id.items()
            if element.type not in _ANY_PACKAGE_TYPES
        ),
    )


def _licence_text(element: _Element | None) -> str | None:
    """The SPDX expression a licence element stands for; None for NOASSERTION, NONE or others."""
    if element is None:
        return None
    if element.type == "simplelicensing_LicenseExpression":
        text = element.value.get("simplelicensing_licenseExpression")
        return (
            text.strip()
            if isinstance(text, str) and text.strip() not in ("", "NOASSERTION", "NONE")
            else None
        )
    if (
        element.type == "expandedlicensing_ListedLicense"
        and element.id
        and "/licenses/" in element.id
    ):
        return element.id.rsplit("/", 1)[-1]  # https://spdx.org/licenses/MIT -> MIT
    return None


def _records(elements: list[_Element | Rejection], file: str) -> Iterator[Record | Rejection]:
    index = _index(elements)
    refs = RefTable()
    for element in elements:
        if isinstance(element, Rejection):
            yield element
        elif element.type in _ANY_PACKAGE_TYPES:
            yield _land_package(element, index, refs, file)
    for element in elements:
        if isinstance(element, _Element) and element.type in _RELATIONSHIP_TYPES:
            locator = _locator(file, element.index)
            try:
                record = _relationship_record(locator, element, index, refs)
            except BadRecord as exc:
                yield rejection(locator, exc)
                continue
            if record is not None:
                yield record


def _land_package(
    element: _Element, index: _Index, refs: RefTable, file: str
) -> Record | Rejection:
    """The record of one package, or its rejection; declares its spdxId in ``refs``."""
    locator = _locator(file, element.index)
    try:
        if element.id is None:
            raise BadRecord("package without spdxId")
        refs.check_new(element.id, "spdxId")
        record = package_record(
            locator, _package(element, index), key_by_name=element.id in index.roots
        )
    except OutOfScope as exc:
        refs.declare_not_asset(element.id, locator)
        return rejection(locator, exc)
    except BadRecord as exc:
        if element.id is not None:
            refs.declare(element.id, locator, None)
        return rejection(locator, exc)
    refs.declare(element.id, locator, record.nodes[0].key)
    return record


def _package(element: _Element, index: _Index) -> Package:
    value = element.value
    if element.type in _OUT_OF_SCOPE_TYPES:
        raise OutOfScope(f"a {element.type} is not a technology dependency; not taken")
    name = text_or_none(value.get("name"), "name")
    if name is None:
        raise BadRecord("package without name")
    purls = [text_or_none(value.get("software_packageUrl"), "software_packageUrl")]
    identifiers = value.get("externalIdentifier", [])
    if not isinstance(identifiers, list) or not all(isinstance(item, dict) for item in identifiers):
        raise BadRecord("externalIdentifier must be a list of objects")
    for identifier in identifiers:
        if _last_segment(identifier.get("externalIdentifierType")) == "packageUrl":
            purls.append(text_or_none(identifier.get("identifier"), "packageUrl identifier"))
    purl = next((purl for purl in purls if purl), None)
    purpose = _last_segment(value.get("software_primaryPurpose"))
    default_kind = (
        AssetKind.ON_PREM_SOFTWARE if element.id in index.roots else AssetKind.OPEN_SOURCE_COMPONENT
    )
    makers = [*_id_list(value.get("originatedBy")), *_id_list(value.get("suppliedBy"))]
    vendor = next((index.agents[maker] for maker in makers if maker in index.agents), None)
    licence = next(
        (
            index.licences[(element.id, kind)]
            for kind in _LICENCE_RELATIONSHIPS
            if (element.id, kind) in index.licences
        ),
        None,
    )
    return Package(
        name=name,
        kind=_KINDS.get(purpose or "", default_kind),
        version=text_or_none(value.get("software_packageVersion"), "software_packageVersion"),
        purl=parse_purl(purl) if purl else None,
        licence=licence,
        vendor=vendor,
        description=text_or_none(value.get("description") or value.get("summary"), "description"),
    )


def _relationship_record(
    locator: Locator, element: _Element, index: _Index, refs: RefTable
) -> Record | None:
    """The depends_on edges of a relationship, None if it is not a dependency; raises BadRecord."""
    value = element.value
    if _last_segment(value.get("relationshipType")) not in _DEPENDENCY_TYPES:
        return None
    if _last_segment(value.get("scope")) in _LEFT_OUT_SCOPES:
        return None
    source = value.get("from")
    if not isinstance(source, str):
        raise BadRecord("relationship without 'from'")
    targets = _id_list(value.get("to"))
    if not targets:
        raise BadRecord("relationship without 'to'")
    if isinstance(value["to"], list) and len(targets) != len(value["to"]):
        raise BadRecord("'to' must list spdxIds (text)")
    # Files, snippets and other non-package elements are not assets: skipped, not rejected.
    targets = [
        target
        for target in targets
        if target not in index.other_ids and not refs.is_not_asset(target)
    ]
    if source in index.other_ids or refs.is_not_asset(source) or not targets:
        return None
    src = refs.asset_key(source, "spdxId")
    return depends_on_record(
        locator, [(src, refs.asset_key(target, "spdxId")) for target in targets]
    )
