"""Property tests on the SBOM sources: whatever they are fed, only ``Record`` and
``Rejection`` come out, or ``SourceError`` is raised — never another exception.

Inputs are SBOM-shaped documents built from each format's vocabulary (so that
the parsers go deep), fixtures with random parts replaced, and fixtures with
random bytes changed.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from emprise.errors import SourceError
from emprise.model import Asset, EdgeKind, Record, Rejection
from emprise.sources.cyclonedx import CycloneDxJsonSource, CycloneDxXmlSource
from emprise.sources.spdx import SpdxJsonSource, SpdxTagValueSource
from emprise.sources.spdx3 import Spdx3JsonLdSource

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sbom"
# Hypothesis runs many examples within one pytest test, which a function-scoped tmp_path
# does not fit: one scratch directory for the module, removed at exit.
SCRATCH = Path(tempfile.mkdtemp(prefix="emprise-sbom-fuzz-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def check(source: type, data: bytes) -> None:
    """Feed ``data`` to ``source`` and assert the contract of every source."""
    path = SCRATCH / f"{source.name}.input"
    path.write_bytes(data)
    try:
        out = list(source().read(path, "fuzz-input"))
    except SourceError as exc:
        assert exc.path == "fuzz-input"
        assert exc.reason
        return
    assert all(isinstance(item, Record | Rejection) for item in out)
    records = [item for item in out if isinstance(item, Record)]
    asset_keys = {
        node.key for record in records for node in record.nodes if isinstance(node, Asset)
    }
    for item in out:
        assert item.locator.file == "fuzz-input"
        if isinstance(item, Rejection):
            assert isinstance(item.reason, str) and item.reason
    for record in records:
        for edge in record.edges:
            if edge.kind is EdgeKind.DEPENDS_ON:  # only between assets this same file emits
                assert edge.src.key in asset_keys and edge.dst.key in asset_keys


# --- JSON values --------------------------------------------------------------------------

CDX_WORDS = [
    "bomFormat",
    "specVersion",
    "metadata",
    "component",
    "components",
    "services",
    "dependencies",
    "type",
    "name",
    "version",
    "group",
    "purl",
    "bom-ref",
    "licenses",
    "license",
    "id",
    "expression",
    "supplier",
    "manufacturer",
    "manufacture",
    "publisher",
    "author",
    "authors",
    "provider",
    "endpoints",
    "ref",
    "dependsOn",
    "description",
]
SPDX_WORDS = [
    "spdxVersion",
    "SPDXID",
    "packages",
    "relationships",
    "documentDescribes",
    "files",
    "name",
    "versionInfo",
    "supplier",
    "originator",
    "downloadLocation",
    "licenseConcluded",
    "licenseDeclared",
    "externalRefs",
    "referenceCategory",
    "referenceType",
    "referenceLocator",
    "primaryPackagePurpose",
    "spdxElementId",
    "relationshipType",
    "relatedSpdxElement",
]
SPDX3_WORDS = [
    "@context",
    "@graph",
    "type",
    "spdxId",
    "@id",
    "name",
    "software_packageVersion",
    "software_packageUrl",
    "externalIdentifier",
    "externalIdentifierType",
    "identifier",
    "suppliedBy",
    "originatedBy",
    "software_primaryPurpose",
    "from",
    "to",
    "relationshipType",
    "rootElement",
    "scope",
    "simplelicensing_licenseExpression",
]
VALUES = [
    "CycloneDX",
    "1.2",
    "1.6",
    "SPDX-2.3",
    "library",
    "application",
    "device",
    "data",
    "cryptographic-asset",
    "spaceship",
    "pkg:npm/left-pad@1.3.0",
    "pkg:maven/org.x/y",
    "pkg:",
    "npm/x",
    "a",
    "b",
    "SPDXRef-a",
    "SPDXRef-b",
    "SPDXRef-DOCUMENT",
    "DEPENDS_ON",
    "DEPENDENCY_OF",
    "CONTAINS",
    "DESCRIBES",
    "NOASSERTION",
    "NONE",
    "Organization: ACME",
    "Person: Bob",
    "Tool: x",
    "MIT OR",
    "MIT",
    "PACKAGE-MANAGER",
    "purl",
    "software_Package",
    "Relationship",
    "dependsOn",
    "SpdxDocument",
    "Organization",
    "urn:a",
    "urn:b",
    "https://spdx.org/licenses/MIT",
    "postgres://db",
    "https://x",
    "",
    " ",
    "---",
    "é",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(VALUES),
    st.text(max_size=12),
)


def json_values(words: list[str]) -> st.SearchStrategy:
    keys = st.one_of(st.sampled_from(words), st.text(max_size=6))
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3), st.dictionaries(keys, children, max_size=4)
        ),
        max_leaves=8,
    )


def documents(words: list[str], head: dict) -> st.SearchStrategy:
    """Objects of the format's vocabulary, mostly with the header that passes the first check."""
    return st.builds(
        lambda header, body: {**header, **body} if header else body,
        st.one_of(st.just(head), st.just(head), st.just({})),
        st.dictionaries(st.sampled_from(words), json_values(words), max_size=6),
    )


def dumped(value: object) -> bytes:
    return json.dumps(value).encode()


@FUZZ
@given(documents(CDX_WORDS, {"bomFormat": "CycloneDX", "specVersion": "1.5"}))
def test_cyclonedx_json_shaped_documents(document):
    check(CycloneDxJsonSource, dumped(document))


@FUZZ
@given(documents(SPDX_WORDS, {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}))
def test_spdx_json_shaped_documents(document):
    check(SpdxJsonSource, dumped(document))


@FUZZ
@given(documents(SPDX3_WORDS, {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}))
def test_spdx3_shaped_documents(document):
    check(Spdx3JsonLdSource, dumped(document))


# --- record-shaped documents: mostly valid records with a few odd values ----------------------

# Identifiers drawn from a small pool, so that references hit, miss and collide.
REFS = ["a", "b", "c", "SPDXRef-a", "SPDXRef-b", "urn:a", "urn:b"]
NAMES = ["left-pad", "Django", "x", "é", "a/b", "", "---"]
PURLS = [
    "pkg:npm/left-pad@1.3.0",
    "pkg:maven/org.x/y",
    "pkg:pypi/django",
    "pkg:",
    "npm/x",
    "pkg:/x",
]
TYPES = [
    "library",
    "application",
    "framework",
    "device",
    "data",
    "cryptographic-asset",
    "spaceship",
]
LICENCES = ["MIT", "MIT OR Apache-2.0", "MIT OR", "NOASSERTION", "NONE", "LicenseRef-x"]
ACTORS = ["Organization: ACME", "Person: Bob", "Tool: x", "NOASSERTION", "Somebody"]


def mostly(values: list, odd: st.SearchStrategy = scalars) -> st.SearchStrategy:
    """One of ``values`` seven times in eight, else an odd value (any JSON scalar by default)."""
    # one_of() would flatten ``odd`` into its branches and pick among them evenly.
    return st.integers(min_value=0, max_value=7).flatmap(
        lambda draw: odd if draw == 0 else st.sampled_from(values)
    )


licence_lists = st.lists(
    st.one_of(
        st.builds(lambda text: {"expression": text}, mostly(LICENCES)),
        st.builds(lambda text: {"license": {"id": text}}, mostly(LICENCES)),
        st.builds(lambda text: {"license": {"name": text}}, mostly(NAMES)),
        scalars,
    ),
    max_size=3,
)
organisation = st.builds(lambda name: {"name": name}, mostly(NAMES))
component = st.deferred(
    lambda: st.fixed_dictionaries(
        {"type": mostly(TYPES), "name": mostly(NAMES), "bom-ref": mostly(REFS)},
        optional={
            "version": mostly(["1.0", "2"]),
            "group": mostly(["org.x", "@scope"]),
            "purl": mostly(PURLS),
            "licenses": licence_lists,
            "supplier": organisation,
            "manufacturer": organisation,
            "publisher": mostly(NAMES),
            "author": mostly(NAMES),
            "authors": st.lists(organisation, max_size=2),
            "components": st.lists(component, max_size=2),
        },
    )
)
service = st.deferred(
    lambda: st.fixed_dictionaries(
        {"name": mostly(NAMES), "bom-ref": mostly(REFS)},
        optional={
            "provider": organisation,
            "endpoints": st.lists(
                mostly(["https://x", "postgres://db", "::", "s3://b"]), max_size=2
            ),
            "services": st.lists(service, max_size=2),
        },
    )
)
dependency = st.fixed_dictionaries(
    {"ref": mostly(REFS)}, optional={"dependsOn": st.lists(mostly(REFS), max_size=3)}
)


@FUZZ
@given(
    st.lists(component, max_size=5),
    st.lists(service, max_size=2),
    st.one_of(st.none(), st.lists(dependency, max_size=4)),
    st.one_of(st.none(), component),
)
def test_cyclonedx_json_record_shaped(components, services, dependencies, root):
    document = {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": components}
    document["services"] = services
    if dependencies is not None:
        document["dependencies"] = dependencies
    if root is not None:
        document["metadata"] = {"component": root, "manufacturer": {"name": "M"}}
    check(CycloneDxJsonSource, dumped(document))


spdx_package = st.fixed_dictionaries(
    {"SPDXID": mostly(REFS), "name": mostly(NAMES)},
    optional={
        "versionInfo": mostly(["1.0", "2"]),
        "downloadLocation": mostly(["NOASSERTION", "https://x"]),
        "supplier": mostly(ACTORS),
        "originator": mostly(ACTORS),
        "licenseConcluded": mostly(LICENCES),
        "licenseDeclared": mostly(LICENCES),
        "primaryPackagePurpose": mostly(["LIBRARY", "APPLICATION", "DEVICE", "BAD"]),
        "externalRefs": st.lists(
            st.fixed_dictionaries(
                {
                    "referenceCategory": mostly(["PACKAGE-MANAGER", "SECURITY", "X"]),
                    "referenceType": mostly(["purl", "cpe23Type"]),
                    "referenceLocator": mostly(PURLS),
                }
            ),
            max_size=2,
        ),
    },
)
RELATIONSHIP_TYPES = [
    "DEPENDS_ON",
    "DEPENDENCY_OF",
    "CONTAINS",
    "DESCRIBES",
    "LIKES",
    "STATIC_LINK",
]
spdx_relationship = st.fixed_dictionaries(
    {
        "spdxElementId": mostly([*REFS, "SPDXRef-DOCUMENT", "DocumentRef-x:SPDXRef-a"]),
        "relationshipType": mostly(RELATIONSHIP_TYPES),
        "relatedSpdxElement": mostly([*REFS, "NONE", "NOASSERTION"]),
    }
)


@FUZZ
@given(
    st.lists(spdx_package, max_size=5),
    st.lists(spdx_relationship, max_size=5),
    st.lists(mostly(REFS), max_size=2),
)
def test_spdx_json_record_shaped(packages, relationships, described):
    document = {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "documentDescribes": described,
        "packages": packages,
        "relationships": relationships,
    }
    check(SpdxJsonSource, dumped(document))


spdx3_element = st.one_of(
    st.fixed_dictionaries(
        {
            "type": mostly(["software_Package", "ai_AIPackage", "dataset_DatasetPackage"]),
            "spdxId": mostly(REFS),
            "name": mostly(NAMES),
        },
        optional={
            "software_packageVersion": mostly(["1.0"]),
            "software_packageUrl": mostly(PURLS),
            "software_primaryPurpose": mostly(["library", "application", "device"]),
            "suppliedBy": mostly(REFS),
            "originatedBy": st.lists(mostly(REFS), max_size=2),
            "externalIdentifier": st.lists(
                st.fixed_dictionaries(
                    {"externalIdentifierType": mostly(["packageUrl"]), "identifier": mostly(PURLS)}
                ),
                max_size=2,
            ),
        },
    ),
    st.fixed_dictionaries(
        {
            "type": mostly(["Relationship", "LifecycleScopedRelationship"]),
            "relationshipType": mostly(
                ["dependsOn", "contains", "hasDeclaredLicense", "describes"]
            ),
            "from": mostly(REFS),
            "to": st.one_of(st.lists(mostly(REFS), max_size=3), mostly(REFS)),
        },
        optional={
            "spdxId": mostly(REFS),
            "scope": mostly(["runtime", "test"]),
        },
    ),
    st.fixed_dictionaries(
        {
            "type": mostly(
                ["Organization", "Person", "SpdxDocument", "software_Sbom", "software_File"]
            )
        },
        optional={
            "spdxId": mostly(REFS),
            "name": mostly(NAMES),
            "rootElement": st.lists(mostly(REFS), max_size=2),
        },
    ),
    st.fixed_dictionaries(
        {"type": st.just("simplelicensing_LicenseExpression"), "spdxId": mostly(REFS)},
        optional={"simplelicensing_licenseExpression": mostly(LICENCES)},
    ),
)


@FUZZ
@given(st.lists(spdx3_element, max_size=10))
def test_spdx3_record_shaped(graph):
    document = {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}
    check(Spdx3JsonLdSource, dumped(document))


# --- fixtures with parts replaced ------------------------------------------------------------


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON value, as tuples of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


def mutated(document: object, data: st.DataObject, words: list[str]) -> object:
    """``document`` with a few random parts deleted or replaced by random JSON."""
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        path = data.draw(st.sampled_from(paths(document)))
        if not path:
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(json_values(words))
    return document


@FUZZ
@given(st.sampled_from(["cdx-1.2.json", "cdx-1.3.json", "cdx-1.5.json", "cdx-1.6.json"]), st.data())
def test_cyclonedx_json_fixtures_with_random_parts(name, data):
    document = json.loads((FIXTURES / name).read_text())
    check(CycloneDxJsonSource, dumped(mutated(document, data, CDX_WORDS)))


@FUZZ
@given(st.sampled_from(["spdx-2.2.spdx.json", "spdx-2.3.spdx.json"]), st.data())
def test_spdx_json_fixtures_with_random_parts(name, data):
    document = json.loads((FIXTURES / name).read_text())
    check(SpdxJsonSource, dumped(mutated(document, data, SPDX_WORDS)))


@FUZZ
@given(st.data())
def test_spdx3_fixture_with_random_parts(data):
    document = json.loads((FIXTURES / "spdx-3.0.spdx3.json").read_text())
    check(Spdx3JsonLdSource, dumped(mutated(document, data, SPDX3_WORDS)))


# --- fixtures with bytes changed ---------------------------------------------------------------

BYTE_FIXTURES = [
    (CycloneDxJsonSource, "cdx-1.6.json"),
    (CycloneDxXmlSource, "cdx-1.5.xml"),
    (CycloneDxXmlSource, "cdx-1.3.xml"),
    (SpdxJsonSource, "spdx-2.3.spdx.json"),
    (SpdxTagValueSource, "spdx-2.3.spdx"),
    (Spdx3JsonLdSource, "spdx-3.0.spdx3.json"),
]


@settings(FUZZ, max_examples=50)
@given(st.sampled_from(BYTE_FIXTURES), st.data())
def test_fixtures_with_random_bytes_changed(case, data):
    source, name = case
    content = bytearray((FIXTURES / name).read_bytes())
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        position = data.draw(st.integers(min_value=0, max_value=len(content) - 1))
        action = data.draw(st.sampled_from(["delete", "replace", "insert"]))
        chunk = data.draw(
            st.binary(min_size=1, max_size=4)
            | st.sampled_from([b"<", b">", b'"', b"{", b"\n", b"<text>"])
        )
        if action == "delete":
            del content[position : position + len(chunk)]
        elif action == "replace":
            content[position : position + len(chunk)] = chunk
        else:
            content[position:position] = chunk
        if not content:
            content = bytearray(b" ")
    check(source, bytes(content))


@FUZZ
@given(
    st.sampled_from(
        [
            CycloneDxJsonSource,
            CycloneDxXmlSource,
            SpdxJsonSource,
            SpdxTagValueSource,
            Spdx3JsonLdSource,
        ]
    ),
    st.binary(max_size=200),
)
def test_random_bytes(source, data):
    check(source, data)


# --- XML ------------------------------------------------------------------------------------------


def xml_safe(value: object) -> str:
    """``value`` as text with the characters XML cannot hold removed."""
    return "".join(
        char
        for char in str(value)
        if char in "\t\n\r"
        or (char >= " " and not "\ud800" <= char <= "\udfff" and char not in "\ufffe\uffff")
    )


def xml_item(parent: etree._Element, namespace: str, what: str, value: dict) -> None:
    """A component or service element from its JSON shape (the order of children is kept)."""

    def sub(element: etree._Element, name: str, text: object = None) -> etree._Element:
        child = etree.SubElement(element, f"{{{namespace}}}{name}")
        if text is not None:
            child.text = xml_safe(text)
        return child

    element = sub(parent, what)
    for key, field in value.items():
        if key in ("type", "bom-ref"):
            element.set(key, xml_safe(field))
        elif key in ("supplier", "manufacturer", "provider") and isinstance(field, dict):
            sub(sub(element, key), "name", field.get("name"))
        elif key == "licenses" and isinstance(field, list):
            licences = sub(element, "licenses")
            for licence in field:
                if isinstance(licence, dict) and "expression" in licence:
                    sub(licences, "expression", licence["expression"])
                elif isinstance(licence, dict) and isinstance(licence.get("license"), dict):
                    for inner_key, inner in licence["license"].items():
                        sub(sub(licences, "license"), inner_key, inner)
        elif key == "endpoints" and isinstance(field, list):
            endpoints = sub(element, "endpoints")
            for endpoint in field:
                sub(endpoints, "endpoint", endpoint)
        elif key in ("components", "services"):
            nested = sub(element, key)
            for child in field:
                xml_item(nested, namespace, key[:-1], child)
        elif not isinstance(field, dict | list):
            sub(element, key, field)


@FUZZ
@given(
    st.sampled_from(["1.2", "1.3", "1.4", "1.5", "1.6"]),
    st.lists(component, max_size=4),
    st.lists(service, max_size=2),
    st.lists(dependency, max_size=3),
)
def test_cyclonedx_xml_record_shaped(version, components, services, dependencies):
    namespace = f"http://cyclonedx.org/schema/bom/{version}"
    root = etree.Element(f"{{{namespace}}}bom", nsmap={None: namespace})
    for what, values in (("component", components), ("service", services)):
        container = etree.SubElement(root, f"{{{namespace}}}{what}s")
        for value in values:
            xml_item(container, namespace, what, value)
    section = etree.SubElement(root, f"{{{namespace}}}dependencies")
    for entry in dependencies:
        element = etree.SubElement(
            section, f"{{{namespace}}}dependency", ref=xml_safe(entry["ref"])
        )
        for target in entry.get("dependsOn", []):
            etree.SubElement(element, f"{{{namespace}}}dependency", ref=xml_safe(target))
    check(CycloneDxXmlSource, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_cyclonedx_xml_empty_licence_expression():
    """Found by the test above: ``<expression/>`` reads as a None licence, once an AttributeError."""
    namespace = "http://cyclonedx.org/schema/bom/1.2"
    data = (f'<?xml version="1.0" encoding="UTF-8"?><bom xmlns="{namespace}"><components>'
            '<component type="library" bom-ref="a"><name>left-pad</name><licenses><expression/></licenses>'
            '</component></components></bom>').encode()
    check(CycloneDxXmlSource, data)
    path = SCRATCH / "empty-expression.xml"
    path.write_bytes(data)
    [record] = [item for item in CycloneDxXmlSource().read(path, "bom.xml") if isinstance(item, Record)]
    assert any(getattr(node, "name", None) == "left-pad" for node in record.nodes)


XML_TAGS = [
    "metadata",
    "component",
    "components",
    "service",
    "services",
    "dependencies",
    "dependency",
    "name",
    "version",
    "group",
    "purl",
    "licenses",
    "license",
    "id",
    "expression",
    "supplier",
    "manufacturer",
    "publisher",
    "author",
    "authors",
    "provider",
    "endpoints",
    "endpoint",
    "description",
    "provides",
]
xml_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=10
)
xml_attributes = st.dictionaries(
    st.sampled_from(["type", "bom-ref", "ref"]), st.sampled_from(VALUES), max_size=2
)
xml_elements = st.recursive(
    st.tuples(
        st.sampled_from(XML_TAGS),
        xml_attributes,
        st.one_of(st.none(), st.sampled_from(VALUES), xml_text),
        st.just([]),
    ),
    lambda children: st.tuples(
        st.sampled_from(XML_TAGS), xml_attributes, st.none(), st.lists(children, max_size=4)
    ),
    max_leaves=30,
)


def build(parent: etree._Element, namespace: str, spec: tuple) -> None:
    tag, attributes, text, children = spec
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    element.text = text
    for child in children:
        build(element, namespace, child)


@FUZZ
@given(st.sampled_from(["1.2", "1.3", "1.4", "1.5", "1.6"]), st.lists(xml_elements, max_size=5))
def test_cyclonedx_xml_random_trees(version, elements):
    namespace = f"http://cyclonedx.org/schema/bom/{version}"
    root = etree.Element(f"{{{namespace}}}bom", nsmap={None: namespace})
    for spec in elements:
        build(root, namespace, spec)
    check(CycloneDxXmlSource, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


# --- tag-value --------------------------------------------------------------------------------

TAGS = [
    "SPDXID",
    "PackageVersion",
    "PackageSupplier",
    "PackageOriginator",
    "PackageDownloadLocation",
    "PackageLicenseConcluded",
    "PackageLicenseDeclared",
    "PrimaryPackagePurpose",
    "PackageDescription",
    "FileName",
    "SnippetSPDXID",
    "LicenseID",
]


def tag_value_package(name: str, spdx_id: str, lines: list[str], purl: str | None) -> str:
    head = [f"PackageName: {name}", f"SPDXID: {spdx_id}"]
    return "\n".join(head + lines + ([f"ExternalRef: PACKAGE-MANAGER purl {purl}"] if purl else []))


tag_lines = st.one_of(
    st.builds(
        lambda tag, value: f"{tag}: {value}",
        st.sampled_from(TAGS),
        st.one_of(st.sampled_from(VALUES + ACTORS + LICENCES), st.text(max_size=15)),
    ),
    st.builds(
        lambda a, kind, b: f"Relationship: {a} {kind} {b}",
        st.sampled_from([*REFS, "SPDXRef-DOCUMENT"]),
        st.sampled_from(RELATIONSHIP_TYPES),
        st.sampled_from([*REFS, "NONE"]),
    ),
    st.sampled_from(["PackageDescription: <text>opens", "closes</text>", "Relationship: a b"]),
    st.text(max_size=20),
)
tag_value_blocks = st.one_of(
    st.builds(
        tag_value_package,
        mostly(NAMES, st.text(max_size=8)),
        st.sampled_from(REFS),
        st.lists(tag_lines, max_size=4),
        st.one_of(st.none(), st.sampled_from(PURLS)),
    ),
    tag_lines,
)


@FUZZ
@given(st.lists(tag_value_blocks, max_size=12))
def test_spdx_tag_value_record_shaped(blocks):
    check(SpdxTagValueSource, "\n".join(["SPDXVersion: SPDX-2.3", *blocks]).encode())
