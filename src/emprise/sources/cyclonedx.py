"""CycloneDX 1.2–1.6 SBOMs and SaaSBOMs, JSON and XML.

What lands, one record each:

- ``metadata.component`` (the root: what the BOM describes) and every component,
  nested ones included: an asset, its product and, when the BOM names one, the
  vendor (manufacturer, else supplier, else publisher, else author);
- every service (a SaaSBOM's external APIs), nested ones included: a SaaS asset
  (a cloud service when an endpoint is not a web URL), its product and its
  ``provider`` as vendor; endpoints go into the description;
- every entry of ``dependencies``: ``depends_on`` edges from bom-refs. A BOM
  without dependencies has its containment read instead: the root depends on each
  top-level component and service (and on its own subcomponents), and each
  component or service on those nested in it.

Components of type ``data`` and ``cryptographic-asset`` (CBOMs) are rejected
with that reason: they are not technology someone supplies.

cyclonedx-python-lib reads each component and service on its own (the nested
ones removed first), so one broken entry is one rejection: ``bom.json:/components/12``
for JSON, ``bom.xml:340`` (its line) for XML. XML is parsed with lxml, entities,
DTDs and network off; a document with a DOCTYPE is refused outright.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from emprise.errors import SourceError
from emprise.model import Asset, AssetKind, Locator, Product, Record, Rejection
from emprise.sources._sbom import (
    SBOM_MAX_BYTES,
    BadRecord,
    OutOfScope,
    Package,
    RefTable,
    depends_on_record,
    json_pointer,
    key_of,
    library_call,
    load_json,
    made_record,
    package_record,
    parse_purl,
    read_capped,
    rejection,
    text_or_none,
)
from emprise.sources.interface import Sample, Source

_NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/1."

_JSON_HEAD = re.compile(r'^\s*\{.*?"bomFormat"\s*:\s*"CycloneDX"', re.DOTALL)
_XML_ROOT = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?bom\b[^>]*?xmlns(?::[A-Za-z_][\w.-]*)?\s*=\s*"
    r"[\"']http://cyclonedx\.org/schema/bom/1\.\d+[\"']"
)

#: Component types and the asset kind they land as; ``None``: not taken (not technology).
_KINDS: dict[str, AssetKind | None] = {
    "library": AssetKind.OPEN_SOURCE_COMPONENT,
    "framework": AssetKind.OPEN_SOURCE_COMPONENT,
    "file": AssetKind.OPEN_SOURCE_COMPONENT,
    "application": AssetKind.ON_PREM_SOFTWARE,
    "container": AssetKind.ON_PREM_SOFTWARE,
    "platform": AssetKind.ON_PREM_SOFTWARE,
    "operating-system": AssetKind.ON_PREM_SOFTWARE,
    "device-driver": AssetKind.ON_PREM_SOFTWARE,
    "firmware": AssetKind.ON_PREM_SOFTWARE,
    # A model file the organisation runs itself is software it runs, not an AI service.
    "machine-learning-model": AssetKind.ON_PREM_SOFTWARE,
    "device": AssetKind.HARDWARE,
    "data": None,
    "cryptographic-asset": None,
}

#: Endpoint schemes of services reached over the web; any other scheme (postgres,
#: amqp, s3...) marks infrastructure, hence a cloud service rather than SaaS.
_WEB_SCHEMES = frozenset({"http", "https", "ws", "wss"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


# --- the BOM, read from either syntax -------------------------------------------


@dataclass(frozen=True)
class _Item:
    """A component or service found in the BOM, not yet read by the library."""

    what: str  # "component" or "service"
    locator: Locator
    bom_ref: object  # as written; checked when the item lands
    name: object
    purl: object
    load: Callable[[], Any]  # the library's Component or Service, nested items removed
    parent: int | None  # index of the enclosing item in _Bom.items; None at top level
    list_locator: Locator  # the list the item sits in, for containment edges


@dataclass(frozen=True)
class _Dependency:
    locator: Locator
    ref: object
    depends_on: tuple[object, ...]


@dataclass(frozen=True)
class _Bom:
    root: _Item | Rejection | None  # metadata.component
    root_vendor: str | None  # metadata.manufacturer / manufacture / supplier
    tool_refs: tuple[tuple[str, Locator], ...]  # bom-refs of metadata.tools: known, not assets
    items: tuple[_Item | Rejection, ...]  # document order, parents before their children
    dependencies: tuple[_Dependency | Rejection, ...] | None  # None: no dependencies section


# --- JSON -------------------------------------------------------------------------


class CycloneDxJsonSource(Source):
    name: ClassVar[str] = "cyclonedx-json"
    description: ClassVar[str] = "CycloneDX 1.2–1.6 SBOM or SaaSBOM, JSON"
    max_bytes: ClassVar[int] = SBOM_MAX_BYTES

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the head is a JSON object with ``"bomFormat": "CycloneDX"``, else 0."""
        return 95 if _JSON_HEAD.match(sample.text()) else 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield the records of a CycloneDX JSON file; raises SourceError when unreadable."""
        document = load_json(read_capped(path, display_name, self.max_bytes), display_name)
        yield from _records(_json_bom(document, display_name))


def _json_bom(document: object, file: str) -> _Bom:
    if not isinstance(document, dict) or document.get("bomFormat") != "CycloneDX":
        raise SourceError(file, 'not a CycloneDX BOM: no "bomFormat": "CycloneDX" at the top')
    spec_version = document.get("specVersion")
    if not isinstance(spec_version, str) or not spec_version.startswith("1."):
        raise SourceError(
            file, f"unsupported CycloneDX specVersion {spec_version!r} (1.2 to 1.6 are read)"
        )
    from cyclonedx.model.component import Component
    from cyclonedx.model.service import Service

    libraries = {"component": Component, "service": Service}

    def item(
        what: str, value: object, pointer: str, parent: int | None, list_pointer: str
    ) -> _Item | Rejection:
        locator = Locator(file, pointer=pointer)
        if not isinstance(value, dict):
            return Rejection(locator, f"a {what} must be a JSON object, not {type(value).__name__}")
        # Nested items are read on their own, so that one bad child rejects only itself.
        flat = {key: val for key, val in value.items() if key not in ("components", "services")}
        return _Item(
            what=what,
            locator=locator,
            bom_ref=value.get("bom-ref"),
            name=value.get("name"),
            purl=value.get("purl"),
            load=lambda: libraries[what].from_json(flat),
            parent=parent,
            list_locator=Locator(file, pointer=list_pointer),
        )

    metadata = document.get("metadata")
    root: _Item | Rejection | None = None
    root_vendor: str | None = None
    tool_refs: list[tuple[str, Locator]] = []
    if isinstance(metadata, dict):
        if metadata.get("component") is not None:
            root = item(
                "component", metadata["component"], "/metadata/component", None, "/metadata"
            )
        root_vendor = _first_json_name(metadata, ("manufacturer", "manufacture", "supplier"))
        tools = metadata.get("tools")  # CycloneDX 1.5+: {"components": [...], "services": [...]}
        if isinstance(tools, dict):
            tool_refs = [
                (tool["bom-ref"], Locator(file, pointer=json_pointer("metadata", "tools", key, i)))
                for key in ("components", "services")
                if isinstance(tools.get(key), list)
                for i, tool in enumerate(tools[key])
                if isinstance(tool, dict) and isinstance(tool.get("bom-ref"), str)
            ]

    items: list[_Item | Rejection] = []
    # Depth-first with an explicit stack: nesting depth is the author's choice, not ours.
    stack = [
        _json_children(document, "services", "service", "", None, file, items),
        _json_children(document, "components", "component", "", None, file, items),
    ]
    if isinstance(root, _Item):  # the root's own subcomponents sit with the top-level ones
        stack.append(
            _json_children(
                metadata["component"],
                "components",
                "component",
                "/metadata/component",
                None,
                file,
                items,
            )
        )
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        what, value, pointer, parent, list_pointer = entry
        found = item(what, value, pointer, parent, list_pointer)
        items.append(found)
        if isinstance(found, _Item):  # components nest components, services nest services
            stack.append(
                _json_children(value, f"{what}s", what, pointer, len(items) - 1, file, items)
            )
    return _Bom(
        root=root,
        root_vendor=root_vendor,
        tool_refs=tuple(tool_refs),
        items=tuple(items),
        dependencies=_json_dependencies(document.get("dependencies"), file),
    )


def _json_children(
    container: dict, key: str, what: str, pointer: str, parent: int | None, file: str, items: list
) -> Iterator[tuple[str, object, str, int | None, str]]:
    values = container.get(key)
    list_pointer = f"{pointer}/{key}"
    if values is None:
        return iter(())
    if not isinstance(values, list):
        items.append(Rejection(Locator(file, pointer=list_pointer), f"{key!r} must be a list"))
        return iter(())
    return (
        (what, value, f"{list_pointer}/{index}", parent, list_pointer)
        for index, value in enumerate(values)
    )


def _first_json_name(metadata: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        entity = metadata.get(key)
        if (
            isinstance(entity, dict)
            and isinstance(entity.get("name"), str)
            and entity["name"].strip()
        ):
            return entity["name"].strip()
    return None


def _json_dependencies(section: object, file: str) -> tuple[_Dependency | Rejection, ...] | None:
    if section is None or section == []:
        return None
    if not isinstance(section, list):
        return (Rejection(Locator(file, pointer="/dependencies"), "'dependencies' must be a list"),)
    entries: list[_Dependency | Rejection] = []
    for index, entry in enumerate(section):
        locator = Locator(file, pointer=json_pointer("dependencies", index))
        if not isinstance(entry, dict):
            entries.append(Rejection(locator, "a dependency entry must be a JSON object"))
            continue
        depends_on = entry.get("dependsOn", [])
        if not isinstance(depends_on, list):
            entries.append(Rejection(locator, "'dependsOn' must be a list of bom-refs"))
            continue
        entries.append(_Dependency(locator, entry.get("ref"), tuple(depends_on)))
    return tuple(entries)


# --- XML --------------------------------------------------------------------------


class CycloneDxXmlSource(Source):
    name: ClassVar[str] = "cyclonedx-xml"
    description: ClassVar[str] = "CycloneDX 1.2–1.6 SBOM or SaaSBOM, XML"
    max_bytes: ClassVar[int] = SBOM_MAX_BYTES

    @classmethod
    def detect(cls, sample: Sample) -> int:
        """95 when the root element is ``bom`` in a CycloneDX 1.x namespace, else 0."""
        return 95 if _XML_ROOT.search(sample.text()) else 0

    def read(self, path: Path, display_name: str) -> Iterator[Record | Rejection]:
        """Yield the records of a CycloneDX XML file; raises SourceError if unreadable or unsafe."""
        root = _parse_xml(read_capped(path, display_name, self.max_bytes), display_name)
        yield from _records(_xml_bom(root, display_name))


def _parse_xml(data: bytes, file: str) -> Any:
    from lxml import etree

    from emprise.safexml import UnsafeXmlError, parse_xml

    try:
        root = parse_xml(data, max_bytes=SBOM_MAX_BYTES, kind="a CycloneDX BOM")
    except UnsafeXmlError as exc:
        raise SourceError(file, str(exc)) from exc
    namespace = etree.QName(root).namespace or ""
    if etree.QName(root).localname != "bom" or not namespace.startswith(_NAMESPACE_PREFIX):
        raise SourceError(file, f"not a CycloneDX BOM: the root element is {root.tag!r}")
    return root


def _xml_bom(root: Any, file: str) -> _Bom:
    import defusedxml.ElementTree as SafeElementTree
    from cyclonedx.model.component import Component
    from cyclonedx.model.service import Service
    from lxml import etree

    namespace = etree.QName(root).namespace

    def tag(name: str) -> str:
        return f"{{{namespace}}}{name}"

    libraries = {"component": Component, "service": Service}
    nested_tags = (tag("components"), tag("services"))

    def loader(what: str, element: Any) -> Callable[[], Any]:
        def load() -> Any:
            flat = etree.Element(element.tag, element.attrib, nsmap=element.nsmap)
            flat.extend(copy.deepcopy(child) for child in element if child.tag not in nested_tags)
            # The library reads xml.etree elements: re-read the (small) subtree with defusedxml.
            plain = SafeElementTree.fromstring(etree.tostring(flat))
            return libraries[what].from_xml(plain, default_namespace=namespace)

        return load

    def item(what: str, element: Any, parent: int | None, list_element: Any) -> _Item:
        return _Item(
            what=what,
            locator=Locator(file, line=element.sourceline),
            bom_ref=element.get("bom-ref"),
            name=element.findtext(tag("name")),
            purl=element.findtext(tag("purl")),
            load=loader(what, element),
            parent=parent,
            list_locator=Locator(file, line=list_element.sourceline),
        )

    metadata = root.find(tag("metadata"))
    root_item: _Item | None = None
    root_vendor: str | None = None
    tool_refs: list[tuple[str, Locator]] = []
    if metadata is not None:
        root_element = metadata.find(tag("component"))
        if root_element is not None:
            root_item = item("component", root_element, None, metadata)
        for key in ("manufacturer", "manufacture", "supplier"):
            name = (metadata.findtext(f"{tag(key)}/{tag('name')}") or "").strip()
            if name:
                root_vendor = name
                break
        tool_refs = [
            (tool.get("bom-ref"), Locator(file, line=tool.sourceline))
            for path in ("tools/components/component", "tools/services/service")
            for tool in metadata.iterfind("/".join(map(tag, path.split("/"))))
            if tool.get("bom-ref") is not None
        ]

    items: list[_Item | Rejection] = []

    def children(
        container: Any, what: str, parent: int | None
    ) -> Iterator[tuple[str, Any, int | None, Any]]:
        for list_element in container.findall(tag(f"{what}s")):
            for element in list_element.findall(tag(what)):
                yield what, element, parent, list_element

    stack = [children(root, "service", None), children(root, "component", None)]
    if root_item is not None:  # the root's own subcomponents sit with the top-level ones
        stack.append(children(root_element, "component", None))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        what, element, parent, list_element = entry
        items.append(item(what, element, parent, list_element))
        stack.append(children(element, what, len(items) - 1))

    dependencies: tuple[_Dependency | Rejection, ...] | None = None
    entries = [
        _Dependency(
            locator=Locator(file, line=element.sourceline),
            ref=element.get("ref"),
            depends_on=tuple(child.get("ref") for child in element.findall(tag("dependency"))),
        )
        for section in root.findall(tag("dependencies"))
        for element in section.findall(tag("dependency"))
    ]
    if entries:
        dependencies = tuple(entries)
    return _Bom(
        root=root_item,
        root_vendor=root_vendor,
        tool_refs=tuple(tool_refs),
        items=tuple(items),
        dependencies=dependencies,
    )


# --- from the BOM to records ----------------------------------------------------------


def _records(bom: _Bom) -> Iterator[Record | Rejection]:
    refs = RefTable()
    for tool_ref, locator in bom.tool_refs:
        refs.declare_not_asset(tool_ref, locator)
    root_key: str | None = None
    if isinstance(bom.root, Rejection):
        yield bom.root
    elif bom.root is not None:
        landed = _land(bom.root, refs, bom.root_vendor, root=True)
        if isinstance(landed, Record):
            root_key = landed.nodes[0].key
        yield landed
    item_keys: dict[int, str] = {}
    for index, item in enumerate(bom.items):
        if isinstance(item, Rejection):
            yield item
            continue
        landed = _land(item, refs, None)
        if isinstance(landed, Record):
            item_keys[index] = landed.nodes[0].key
        yield landed
    if bom.dependencies is None:
        yield from _containment(bom, root_key, item_keys)
        return
    for dependency in bom.dependencies:
        if isinstance(dependency, Rejection):
            yield dependency
            continue
        if refs.is_not_asset(dependency.ref):  # how the build tools depend on each other
            continue
        try:
            src = refs.asset_key(dependency.ref, "bom-ref")
            pairs = [
                (src, refs.asset_key(dst, "bom-ref"))
                for dst in dependency.depends_on
                if not refs.is_not_asset(dst)
            ]
        except BadRecord as exc:
            yield rejection(dependency.locator, exc)
            continue
        record = depends_on_record(dependency.locator, pairs)
        if record is not None:
            yield record


def _land(
    item: _Item, refs: RefTable, fallback_vendor: str | None, *, root: bool = False
) -> Record | Rejection:
    """The record of one component or service, or its rejection; declares its bom-ref."""
    bom_ref = item.bom_ref
    try:
        if bom_ref is not None:
            if not isinstance(bom_ref, str):
                raise BadRecord(f"bom-ref must be text, not {type(bom_ref).__name__}")
            refs.check_new(bom_ref, "bom-ref")
        record = _read_item(item, fallback_vendor, root=root)
    except OutOfScope as exc:
        if isinstance(bom_ref, str):
            refs.declare_not_asset(bom_ref, item.locator)
        return rejection(item.locator, exc)
    except BadRecord as exc:
        if isinstance(bom_ref, str):
            refs.declare(bom_ref, item.locator, None)
        return rejection(item.locator, exc)
    if bom_ref is not None:
        refs.declare(bom_ref, item.locator, record.nodes[0].key)
    return record


def _read_item(item: _Item, fallback_vendor: str | None, *, root: bool = False) -> Record:
    """The record of one component or service; raises BadRecord."""
    name = text_or_none(item.name, "name")
    if name is None:
        raise BadRecord(f"{item.what} without name")
    purl = parse_purl(item.purl) if text_or_none(item.purl, "purl") is not None else None
    parsed = library_call(f"unreadable {item.what}", item.load)
    if item.what == "service":
        return _service_record(item.locator, name, parsed)
    component_type = parsed.type.value
    kind = _KINDS.get(component_type, AssetKind.OPEN_SOURCE_COMPONENT)
    if kind is None:
        raise OutOfScope(
            f"component of type {component_type!r} is not a technology dependency; not taken"
        )
    package = Package(
        name=name,
        kind=kind,
        group=text_or_none(parsed.group, "group"),
        version=text_or_none(parsed.version, "version"),
        purl=purl,
        licence=_licence(parsed.licenses),
        vendor=_component_vendor(parsed) or fallback_vendor,
        description=text_or_none(parsed.description, "description"),
    )
    return package_record(item.locator, package, key_by_name=root)


def _licence(licenses: Any) -> str | None:
    """One SPDX expression from CycloneDX licences.

    A list of several licences does not say whether all or any apply; AND is the
    reading that never understates obligations. A licence known only by name
    becomes a ``LicenseRef-`` so the expression stays valid SPDX.
    """
    from cyclonedx.model.license import LicenseExpression

    terms: list[str] = []
    for licence in licenses:
        if licence is None:  # the XML reader gives None for an empty <expression/>
            continue
        if isinstance(licence, LicenseExpression):
            text = str(licence.value).strip()
            terms.append(f"({text})" if " " in text and len(licenses) > 1 else text)
        elif licence.id:
            terms.append(str(licence.id).strip())
        elif licence.name:
            idstring = re.sub(r"[^A-Za-z0-9.-]+", "-", str(licence.name)).strip("-")
            if idstring:
                terms.append(f"LicenseRef-{idstring}")
    return " AND ".join(terms) or None


def _component_vendor(component: Any) -> str | None:
    """Who made the component, by the BOM's own words: manufacturer, supplier, publisher, author.

    The manufacturer made it; a supplier may only redistribute it, so it comes second.
    Authors are often people; one is taken only when the list names a single one.
    """
    candidates: list[object] = [
        component.manufacturer.name if component.manufacturer else None,
        component.supplier.name if component.supplier else None,
        component.publisher,
        component.author,
    ]
    authors = list(component.authors or ())
    if len(authors) == 1:
        candidates.append(authors[0].name)
    for candidate in candidates:
        name = text_or_none(candidate, "supplier name")
        if name:
            return name
    return None


def _service_record(locator: Locator, name: str, service: Any) -> Record:
    """The SaaS (or cloud service) asset of a service, product and provider; raises BadRecord."""
    provider = text_or_none(service.provider.name, "provider name") if service.provider else None
    endpoints = [str(endpoint) for endpoint in service.endpoints or ()]
    schemes = [match.group(1).lower() for match in map(_SCHEME.match, endpoints) if match]
    infrastructure = any(scheme not in _WEB_SCHEMES for scheme in schemes)
    description = text_or_none(service.description, "description")
    if endpoints:
        description = " ".join(filter(None, (description, f"Endpoints: {', '.join(endpoints)}")))
    # Keyed by name, like an inventory row: "FranceConnect" in the SaaSBOM of the portal and
    # in the DSI's spreadsheet is one service.
    key = key_of(name, "service")
    asset = Asset(
        key=key,
        name=name,
        kind=AssetKind.CLOUD_SERVICE if infrastructure else AssetKind.SAAS,
        description=description,
        version=text_or_none(service.version, "version"),
    )
    return made_record(locator, asset, Product(key=key, name=name), provider)


def _containment(bom: _Bom, root_key: str | None, item_keys: dict[int, str]) -> Iterator[Record]:
    """Without a dependencies section: the root depends on top-level items, parents on children.

    One record per list (``/components``, ``/components/3/components``...), so the
    edges point at where the containment is written.
    """
    groups: dict[tuple[int | None, Locator], list[str]] = {}
    for index, item in enumerate(bom.items):
        if isinstance(item, _Item) and index in item_keys:
            groups.setdefault((item.parent, item.list_locator), []).append(item_keys[index])
    for (parent, list_locator), child_keys in groups.items():
        owner = root_key if parent is None else item_keys.get(parent)
        if owner is None:
            continue
        record = depends_on_record(list_locator, ((owner, child) for child in child_keys))
        if record is not None:
            yield record
