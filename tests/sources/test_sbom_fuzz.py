"""Property tests on the SBOM sources: whatever they are fed, only ``Record`` and
``Rejection`` come out, or ``SourceError`` is raised — never another exception.

Inputs are SBOM-shaped documents built from each format's vocabulary (so that
the parsers go deep), fixtures with random parts replaced, and fixtures with
random bytes changed.
"""

from __future__ import annotations

import json
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
# Hypothesis runs many examples per test function: a pytest tmp_path would be shared anyway.
SCRATCH = Path(tempfile.mkdtemp(prefix="emprise-sbom-fuzz-"))
FUZZ = settings(
    max_examples=30,
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


# Component-, package- and element-shaped lists, so records get past the top level.

component = st.deferred(
    lambda: st.dictionaries(
        st.sampled_from(CDX_WORDS),
        st.one_of(st.sampled_from(VALUES), scalars, st.lists(component, max_size=2)),
        max_size=6,
    )
)


@FUZZ
@given(
    st.lists(component, max_size=5),
    st.lists(component, max_size=2),
    st.lists(
        st.fixed_dictionaries(
            {"ref": st.sampled_from(VALUES)},
            optional={
                "dependsOn": st.one_of(st.lists(st.sampled_from(VALUES), max_size=3), scalars)
            },
        ),
        max_size=4,
    ),
    st.one_of(st.none(), component),
)
def test_cyclonedx_json_component_lists(components, services, dependencies, root):
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": components,
        "services": services,
    }
    if dependencies:
        document["dependencies"] = dependencies
    if root is not None:
        document["metadata"] = {"component": root}
    check(CycloneDxJsonSource, dumped(document))


@FUZZ
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(SPDX_WORDS), st.one_of(st.sampled_from(VALUES), scalars), max_size=8
        ),
        max_size=5,
    ),
    st.lists(
        st.fixed_dictionaries(
            {
                "spdxElementId": st.sampled_from(VALUES),
                "relationshipType": st.sampled_from(VALUES),
                "relatedSpdxElement": st.one_of(st.sampled_from(VALUES), scalars),
            }
        ),
        max_size=5,
    ),
)
def test_spdx_json_package_lists(packages, relationships):
    document = {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "packages": packages,
        "relationships": relationships,
    }
    check(SpdxJsonSource, dumped(document))


@FUZZ
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(SPDX3_WORDS),
            st.one_of(
                st.sampled_from(VALUES), st.lists(st.sampled_from(VALUES), max_size=3), scalars
            ),
            max_size=8,
        ),
        max_size=10,
    )
)
def test_spdx3_graphs(graph):
    check(
        Spdx3JsonLdSource,
        dumped({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}),
    )


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


@settings(FUZZ, max_examples=60)
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


# --- XML trees ----------------------------------------------------------------------------------

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

xml_elements = st.recursive(
    st.tuples(
        st.sampled_from(XML_TAGS),
        st.dictionaries(
            st.sampled_from(["type", "bom-ref", "ref"]), st.sampled_from(VALUES), max_size=2
        ),
        st.one_of(
            st.none(),
            st.sampled_from(VALUES),
            st.text(
                alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=10
            ),
        ),
        st.just([]),
    ),
    lambda children: st.tuples(
        st.sampled_from(XML_TAGS),
        st.dictionaries(
            st.sampled_from(["type", "bom-ref", "ref"]), st.sampled_from(VALUES), max_size=2
        ),
        st.none(),
        st.lists(children, max_size=4),
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
def test_cyclonedx_xml_trees(version, elements):
    namespace = f"http://cyclonedx.org/schema/bom/{version}"
    root = etree.Element(f"{{{namespace}}}bom", nsmap={None: namespace})
    for spec in elements:
        build(root, namespace, spec)
    check(CycloneDxXmlSource, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


# --- tag-value lines ----------------------------------------------------------------------------

TAGS = [
    "SPDXVersion",
    "SPDXID",
    "PackageName",
    "PackageVersion",
    "PackageSupplier",
    "PackageOriginator",
    "PackageDownloadLocation",
    "PackageLicenseConcluded",
    "PackageLicenseDeclared",
    "ExternalRef",
    "PrimaryPackagePurpose",
    "Relationship",
    "FileName",
    "SnippetSPDXID",
    "LicenseID",
    "PackageDescription",
]

tag_lines = st.one_of(
    st.builds(
        lambda tag, value: f"{tag}: {value}",
        st.sampled_from(TAGS),
        st.sampled_from(VALUES) | st.text(max_size=15),
    ),
    st.builds(
        lambda a, kind, b: f"Relationship: {a} {kind} {b}",
        st.sampled_from(VALUES),
        st.sampled_from(VALUES),
        st.sampled_from(VALUES),
    ),
    st.just("ExternalRef: PACKAGE-MANAGER purl pkg:npm/x@1"),
    st.just("PackageDescription: <text>opens"),
    st.just("closes</text>"),
    st.text(max_size=20),
)


@FUZZ
@given(st.lists(tag_lines, max_size=25))
def test_spdx_tag_value_lines(lines):
    check(SpdxTagValueSource, "\n".join(["SPDXVersion: SPDX-2.3", *lines]).encode())
