"""CycloneDX JSON and XML sources: every fixture, its exact output, and its rejections."""

from __future__ import annotations

import functools
import json
import time
from pathlib import Path

import pytest
from lxml import etree
from packageurl import PackageURL

from emprise.errors import SourceError
from emprise.model import Asset, AssetKind, EdgeKind, Product, Record, Rejection, Vendor
from emprise.sources.cyclonedx import CycloneDxJsonSource, CycloneDxXmlSource
from emprise.sources.interface import Sample
from emprise.sources.spdx import SpdxJsonSource, SpdxTagValueSource
from emprise.sources.spdx3 import Spdx3JsonLdSource

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sbom"
SBOM_SOURCES = (
    CycloneDxJsonSource,
    CycloneDxXmlSource,
    SpdxJsonSource,
    SpdxTagValueSource,
    Spdx3JsonLdSource,
)


@functools.cache  # several tests look at the same fixture; reading it once keeps them fast
def read(source: type, name: str) -> tuple[list[Record], list[Rejection]]:
    """Everything ``source`` yields for fixture ``name``, split into records and rejections."""
    out = list(source().read(FIXTURES / name, name))
    assert all(isinstance(item, Record | Rejection) for item in out)
    return [r for r in out if isinstance(r, Record)], [r for r in out if isinstance(r, Rejection)]


def nodes(records: list[Record], node_type: type) -> list:
    return [node for record in records for node in record.nodes if isinstance(node, node_type)]


def assets(records: list[Record]) -> dict[str, Asset]:
    return {asset.key: asset for asset in nodes(records, Asset)}


def depends_on(records: list[Record]) -> set[tuple[str, str]]:
    return {
        (edge.src.key, edge.dst.key)
        for record in records
        for edge in record.edges
        if edge.kind is EdgeKind.DEPENDS_ON
    }


def made_by(records: list[Record]) -> dict[str, str]:
    """Product key -> vendor name."""
    vendors = {vendor.key: vendor.name for vendor in nodes(records, Vendor)}
    return {
        edge.src.key: vendors[edge.dst.key]
        for record in records
        for edge in record.edges
        if edge.kind is EdgeKind.MADE_BY
    }


def source_purls(name: str) -> set[str]:
    """Every purl written in a CycloneDX fixture, in canonical form."""
    if name.endswith(".xml"):
        tree = etree.parse(str(FIXTURES / name))
        texts = [element.text for element in tree.iter("{*}purl")]
    else:
        texts = []

        def walk(value: object) -> None:
            if isinstance(value, dict):
                if isinstance(value.get("purl"), str):
                    texts.append(value["purl"])
                for child in value.values():
                    walk(child)
            elif isinstance(value, list):
                for child in value:
                    walk(child)

        walk(json.loads((FIXTURES / name).read_text()))
    return {PackageURL.from_string(text).to_string() for text in texts}


# file, source, assets, rejection locators, depends_on edges
GOOD = [
    ("cdx-1.2.json", CycloneDxJsonSource, 6, [], 4),
    ("cdx-1.2.xml", CycloneDxXmlSource, 6, [], 4),
    ("cdx-1.3.json", CycloneDxJsonSource, 7, [], 6),
    ("cdx-1.3.xml", CycloneDxXmlSource, 7, [], 6),
    ("cdx-1.5.json", CycloneDxJsonSource, 7, ["cdx-1.5.json:/components/2"], 6),
    ("cdx-1.5.xml", CycloneDxXmlSource, 7, ["cdx-1.5.xml:40"], 6),
    ("cdx-1.6.json", CycloneDxJsonSource, 6, ["cdx-1.6.json:/components/3"], 5),
    ("cdx-1.6.xml", CycloneDxXmlSource, 6, ["cdx-1.6.xml:59"], 5),
    ("apigateway-microservices-datastores_bom.json", CycloneDxJsonSource, 7, [], 6),
    ("cern-lhc-vdm-editor-e564943_bom.json", CycloneDxJsonSource, 44, [], 43),
    ("dropwizard-1.3.15_bom.json", CycloneDxJsonSource, 168, [], 170),
    ("laravel-7.12.0_bom.1.4.json", CycloneDxJsonSource, 63, [], 113),
    ("proton-bridge_proton-bridge-v1.8.0.bom.json", CycloneDxJsonSource, 202, [], 232),
    ("proton-bridge_proton-bridge-v1.8.0.bom.xml", CycloneDxXmlSource, 202, [], 232),
    (
        "Protocol_bom.json",
        CycloneDxJsonSource,
        1,
        [f"Protocol_bom.json:/components/{i}" for i in range(8)],
        0,
    ),
]


@pytest.mark.parametrize(("name", "source", "asset_count", "rejected", "edge_count"), GOOD)
def test_fixture_counts_purls_and_rejections(name, source, asset_count, rejected, edge_count):
    records, rejections = read(source, name)
    assert len(nodes(records, Asset)) == asset_count
    assert len(assets(records)) == asset_count  # no two components collapse to one key
    assert [str(rejection.locator) for rejection in rejections] == rejected
    assert len(depends_on(records)) == edge_count
    assert {asset.purl for asset in nodes(records, Asset) if asset.purl} == source_purls(name)


@pytest.mark.parametrize(("name", "source", "asset_count", "rejected", "edge_count"), GOOD)
def test_every_edge_names_nodes_of_the_same_file(name, source, asset_count, rejected, edge_count):
    records, _ = read(source, name)
    keys = {(type(node).TYPE, node.key) for record in records for node in record.nodes}
    for record in records:
        for edge in record.edges:
            assert (edge.src.type, edge.src.key) in keys
            assert (edge.dst.type, edge.dst.key) in keys
        # a record either describes one package or carries dependency edges, never both
        kinds = {edge.kind for edge in record.edges}
        assert kinds <= {EdgeKind.DEPENDS_ON} or EdgeKind.DEPENDS_ON not in kinds


@pytest.mark.parametrize(
    "stem", ["cdx-1.2", "cdx-1.3", "cdx-1.5", "cdx-1.6", "proton-bridge_proton-bridge-v1.8.0.bom"]
)
def test_json_and_xml_of_the_same_bom_give_the_same_graph(stem):
    from_json, _ = read(CycloneDxJsonSource, f"{stem}.json")
    from_xml, _ = read(CycloneDxXmlSource, f"{stem}.xml")
    assert [r.nodes for r in from_json] == [r.nodes for r in from_xml]
    assert [r.edges for r in from_json] == [r.edges for r in from_xml]


def test_cdx_1_2_mapping():
    records, _ = read(CycloneDxJsonSource, "cdx-1.2.json")
    by_key = assets(records)
    root = by_key["fr.example-billing-service"]  # the root is keyed by name, like an inventory row
    assert root.kind is AssetKind.ON_PREM_SOFTWARE
    assert root.name == "fr.example:billing-service"
    assert records[0].locator.pointer == "/metadata/component"
    databind = by_key["pkg-maven-com.fasterxml.jackson.core-jackson-databind-2.15.2-type-jar"]
    assert databind.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2?type=jar"
    assert databind.kind is AssetKind.OPEN_SOURCE_COMPONENT
    assert databind.licence == "Apache-2.0"
    products = {product.key: product for product in nodes(records, Product)}
    assert products["pkg-maven-com.fasterxml.jackson.core-jackson-databind"].purl == (
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind"
    )
    assert (
        by_key["pkg-maven-org.postgresql-postgresql-42.6.0"].licence
        == "LicenseRef-BSD-2-Clause-License"
    )
    no_purl = by_key["internal-ui-kit-0.9"]
    assert (no_purl.purl, no_purl.kind) == (None, AssetKind.OPEN_SOURCE_COMPONENT)
    assert "internal-ui-kit" in products
    assert made_by(records) == {
        "pkg-maven-fr.example-billing-service": "Example SAS",  # metadata.manufacture
        "pkg-maven-org.apache.commons-commons-lang3": "The Apache Software Foundation",  # publisher
        "pkg-maven-com.fasterxml.jackson.core-jackson-databind": "FasterXML",  # supplier
        "pkg-maven-org.postgresql-postgresql": "PostgreSQL Global Development Group",  # author
    }
    assert depends_on(records) == {
        (
            "fr.example-billing-service",
            "pkg-maven-org.apache.commons-commons-lang3-3.12.0",
        ),
        ("fr.example-billing-service", databind.key),
        (
            "fr.example-billing-service",
            "pkg-maven-org.postgresql-postgresql-42.6.0",
        ),
        (databind.key, "pkg-maven-com.fasterxml.jackson.core-jackson-core-2.15.2"),
    }
    dependency_locators = [str(r.locator) for r in records if not r.nodes]
    assert dependency_locators == ["cdx-1.2.json:/dependencies/0", "cdx-1.2.json:/dependencies/1"]


def test_cdx_1_2_xml_locators_are_lines():
    records, _ = read(CycloneDxXmlSource, "cdx-1.2.xml")
    assert [r.locator.line for r in records] == [6, 17, 27, 39, 47, 57, 63, 68]


def test_without_dependencies_containment_stands_in():
    records, _ = read(CycloneDxJsonSource, "cdx-1.3.json")
    by_key = assets(records)
    root, debian = "registry.example.fr-citizen-portal", "debian-12.4"
    openssl = "pkg-deb-debian-openssl-3.0.11-1-deb12u2-arch-amd64-distro-debian-12"
    zlib = "pkg-deb-debian-zlib1g-1-1.2.13.dfsg-1-arch-amd64-distro-debian-12"
    sendgrid = "sendgrid-mail-send-api"  # services are keyed by name
    assert depends_on(records) == {
        (root, debian),
        (root, "pkg-npm-express-4.18.2"),
        (root, "pkg-npm-40angular-core-17.1.0"),
        (root, sendgrid),
        (debian, openssl),
        (debian, zlib),
    }
    assert [str(r.locator) for r in records if not r.nodes] == [
        "cdx-1.3.json:/components",
        "cdx-1.3.json:/components/0/components",
        "cdx-1.3.json:/services",
    ]
    assert by_key[root].kind is AssetKind.ON_PREM_SOFTWARE  # container
    assert by_key[debian].kind is AssetKind.ON_PREM_SOFTWARE  # operating-system
    assert by_key["pkg-npm-40angular-core-17.1.0"].name == "@angular/core"
    service = by_key[sendgrid]
    assert service.kind is AssetKind.SAAS
    assert service.version == "v3"
    assert (
        service.description
        == "Transactional e-mail Endpoints: https://api.sendgrid.com/v3/mail/send"
    )
    assert made_by(records)[sendgrid] == "Twilio Inc."
    assert (
        made_by(records)["registry.example.fr-citizen-portal"] == "Ville Exemple"
    )  # metadata.supplier


def test_cdx_1_5_kinds_and_rejected_data_component():
    records, rejections = read(CycloneDxJsonSource, "cdx-1.5.json")
    kinds = {asset.name: asset.kind for asset in nodes(records, Asset)}
    assert kinds == {
        "claims-assistant": AssetKind.ON_PREM_SOFTWARE,
        "torch": AssetKind.OPEN_SOURCE_COMPONENT,
        "mistralai/Mistral-7B-Instruct-v0.2": AssetKind.ON_PREM_SOFTWARE,
        "kubernetes": AssetKind.ON_PREM_SOFTWARE,
        "nvidia-driver": AssetKind.ON_PREM_SOFTWARE,
        "Document AI": AssetKind.SAAS,
        "Object Storage": AssetKind.CLOUD_SERVICE,  # s3:// endpoint: infrastructure
    }
    assert [r.reason for r in rejections] == [
        "component of type 'data' is not a technology dependency; not taken"
    ]
    assert ("document-ai", "object-storage") in depends_on(
        records
    )
    assert assets(records)["claims-assistant"].licence == "EUPL-1.2"


def test_cdx_1_6_vendors_licences_and_services():
    records, rejections = read(CycloneDxJsonSource, "cdx-1.6.json")
    by_key = assets(records)
    assert by_key["self-service-kiosk-k2"].kind is AssetKind.HARDWARE
    assert by_key["kiosk-firmware-5.2.0"].kind is AssetKind.ON_PREM_SOFTWARE
    assert by_key["kiosk-firmware-5.2.0"].licence == "LicenseRef-Proprietary"
    assert by_key["pkg-cargo-serde-1.0.197"].licence == "MIT OR Apache-2.0"
    assert by_key["managed-postgresql"].kind is AssetKind.CLOUD_SERVICE
    assert by_key["payments-api"].kind is AssetKind.SAAS
    assert made_by(records) == {
        "self-service-kiosk-k2": "Borne Industrie SA",  # metadata.manufacturer
        "kiosk-firmware": "Borne Industrie SA",  # manufacturer
        "pkg-cargo-serde": "David Tolnay",  # the one author
        "managed-postgresql": "Example Hosting SAS",
        "payments-api": "Stripe, Inc.",
    }  # curl has two authors: no vendor
    assert rejections[0].reason.startswith("component of type 'cryptographic-asset'")
    # Neither the tools' own dependencies nor curl's on the (rejected) algorithm are
    # rejected in turn: they name elements that are known but are not assets.
    assert len(rejections) == 1
    assert [r.locator.pointer for r in records if not r.nodes] == [
        "/dependencies/0",
        "/dependencies/1",
    ]
    assert "tool" not in " ".join(a.key for a in nodes(records, Asset))


def test_saasbom_services_with_provider():
    records, _ = read(CycloneDxJsonSource, "apigateway-microservices-datastores_bom.json")
    by_key = assets(records)
    assert sorted(by_key) == [
        "acme-cloud-example",
        "api-gateway",
        "microservice-1",
        "microservice-2",
        "microservice-3",
        "postgres",
        "s3",
    ]
    assert {asset.kind for key, asset in by_key.items() if key != "acme-cloud-example"} == {
        AssetKind.SAAS
    }
    assert set(made_by(records).values()) == {"Acme Inc"}
    assert len(made_by(records)) == 4
    assert [r.locator.pointer for r in records if r.nodes][2] == "/services/0/services/0"


def test_cbom_crypto_assets_are_rejected_not_landed():
    records, rejections = read(CycloneDxJsonSource, "Protocol_bom.json")
    assert [asset.name for asset in nodes(records, Asset)] == ["my application"]
    assert {r.reason for r in rejections} == {
        "component of type 'cryptographic-asset' is not a technology dependency; not taken"
    }


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [
        ("bad-truncated.cdx.json", CycloneDxJsonSource, "not valid JSON"),
        ("bad-billion-laughs.cdx.xml", CycloneDxXmlSource, "refused: the XML declares a DOCTYPE"),
        ("bad-external-entity.cdx.xml", CycloneDxXmlSource, "refused: the XML declares a DOCTYPE"),
        ("bad-not-well-formed.cdx.xml", CycloneDxXmlSource, "not well-formed XML"),
        ("cdx-1.2.xml", CycloneDxJsonSource, "not valid JSON"),
        ("spdx-2.3.spdx.json", CycloneDxJsonSource, "not a CycloneDX BOM"),
        ("spdx-2.3.spdx", CycloneDxXmlSource, "not well-formed XML"),
    ],
)
def test_unreadable_file_raises_source_error_naming_it(name, source, message):
    with pytest.raises(SourceError) as caught:
        list(source().read(FIXTURES / name, name))
    assert caught.value.path == name
    assert message in caught.value.reason
    assert "/etc/passwd" not in str(caught.value) and "root:" not in str(caught.value)


def test_billion_laughs_is_refused_fast_in_any_encoding(tmp_path):
    text = (
        (FIXTURES / "bad-billion-laughs.cdx.xml")
        .read_text()
        .replace('encoding="UTF-8"', 'encoding="UTF-16"')
    )
    path = tmp_path / "laughs-utf16.xml"
    path.write_bytes(text.encode("utf-16"))  # the byte scan for <!DOCTYPE cannot see it
    started = time.monotonic()
    with pytest.raises(SourceError):
        list(CycloneDxXmlSource().read(path, "laughs-utf16.xml"))
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "bad-component-without-name.cdx.json",
            CycloneDxJsonSource,
            [("bad-component-without-name.cdx.json:/components/1", "component without name")],
        ),
        (
            "bad-purl.cdx.json",
            CycloneDxJsonSource,
            [("bad-purl.cdx.json:/components/0", "invalid purl 'npm/lodash@4.17.21'")],
        ),
        (
            "bad-unknown-dependency.cdx.json",
            CycloneDxJsonSource,
            [
                (
                    "bad-unknown-dependency.cdx.json:/dependencies/1",
                    "unknown bom-ref 'pkg:npm/js-tokens@4.0.0'",
                ),
                (
                    "bad-unknown-dependency.cdx.json:/dependencies/2",
                    "unknown bom-ref 'pkg:npm/ghost@1.0.0'",
                ),
            ],
        ),
        (
            "bad-duplicate-bom-ref.cdx.json",
            CycloneDxJsonSource,
            [
                (
                    "bad-duplicate-bom-ref.cdx.json:/components/1",
                    "duplicate bom-ref 'lib-a' "
                    "(first at bad-duplicate-bom-ref.cdx.json:/components/0)",
                )
            ],
        ),
        (
            "bad-records.cdx.xml",
            CycloneDxXmlSource,
            [
                ("bad-records.cdx.xml:16", "component without name"),
                ("bad-records.cdx.xml:21", "invalid purl 'pkg:/nonsense'"),
                (
                    "bad-records.cdx.xml:26",
                    "unreadable component: 'spaceship' is not a valid ComponentType",
                ),
                ("bad-records.cdx.xml:29", "duplicate bom-ref 'good'"),
                ("bad-records.cdx.xml:37", "bom-ref 'nameless' names a record that was rejected"),
                ("bad-records.cdx.xml:40", "unknown bom-ref 'missing'"),
            ],
        ),
    ],
)
def test_one_bad_record_is_rejected_alone(name, source, expected):
    records, rejections = read(source, name)
    assert [str(r.locator) for r in rejections] == [locator for locator, _ in expected]
    for rejection, (_, reason) in zip(rejections, expected, strict=True):
        assert reason in rejection.reason
    assert records, "the good records still land"


def test_the_rest_of_a_file_lands_around_bad_records():
    records, _ = read(CycloneDxJsonSource, "bad-component-without-name.cdx.json")
    assert {a.purl for a in nodes(records, Asset)} == {
        "pkg:npm/left-pad@1.3.0",
        "pkg:npm/is-odd@3.0.1",
    }
    records, _ = read(CycloneDxJsonSource, "bad-unknown-dependency.cdx.json")
    assert depends_on(records) == {("app", "pkg-npm-react-18.2.0")}
    records, _ = read(CycloneDxJsonSource, "bad-duplicate-bom-ref.cdx.json")
    assert depends_on(records) == {("lib-b-1.0.0", "lib-a-1.0.0")}  # the first lib-a keeps the ref
    records, _ = read(CycloneDxXmlSource, "bad-records.cdx.xml")
    assert [a.name for a in nodes(records, Asset)] == ["app", "good-lib"]
    assert depends_on(records) == {("app", "pkg-npm-good-lib-1.0.0")}


def test_file_above_the_size_cap_is_refused(tmp_path):
    class Tiny(CycloneDxJsonSource):
        max_bytes = 100

    with pytest.raises(SourceError, match="above the 0 MB limit"):
        list(Tiny().read(FIXTURES / "cdx-1.2.json", "cdx-1.2.json"))
    assert CycloneDxJsonSource.max_bytes == CycloneDxXmlSource.max_bytes == 200 * 1024 * 1024


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError) as caught:
        list(CycloneDxXmlSource().read(tmp_path / "nope.xml", "nope.xml"))
    assert caught.value.path == "nope.xml"


# --- detection -------------------------------------------------------------------------------

DETECTED = {
    "cdx-1.2.json": CycloneDxJsonSource,
    "cdx-1.6.json": CycloneDxJsonSource,
    "laravel-7.12.0_bom.1.4.json": CycloneDxJsonSource,
    "bad-truncated.cdx.json": CycloneDxJsonSource,
    "cdx-1.2.xml": CycloneDxXmlSource,
    "cdx-1.6.xml": CycloneDxXmlSource,
    "proton-bridge_proton-bridge-v1.8.0.bom.xml": CycloneDxXmlSource,
    "bad-billion-laughs.cdx.xml": CycloneDxXmlSource,
    "spdx-2.2.spdx.json": SpdxJsonSource,
    "spdx-2.3.spdx.json": SpdxJsonSource,
    "spdx-2.3.spdx": SpdxTagValueSource,
    "spdx-3.0.spdx3.json": Spdx3JsonLdSource,
}


@pytest.mark.parametrize(("name", "expected"), DETECTED.items())
def test_detect_by_content(name, expected, tmp_path):
    # Under a neutral name, so that only the content can decide.
    path = tmp_path / "upload.bin"
    path.write_bytes((FIXTURES / name).read_bytes())
    scores = {source: source.detect(Sample.of(path)) for source in SBOM_SOURCES}
    assert scores[expected] == 95
    assert all(score == 0 for source, score in scores.items() if source is not expected)


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"name,vendor\nSlack,Salesforce\n",
        b'{"bomFormat": "SPDX"}',
        b'["bomFormat", "CycloneDX"]',
        b'<bom xmlns="http://example.com/schema/bom/1.4"/>',
        b"<html><body>bom</body></html>",
        b"\xff\xfe\x00garbage",
    ],
)
def test_detect_says_no_to_other_content(head):
    sample = Sample(path=Path("x.json"), head=head)
    assert all(source.detect(sample) == 0 for source in SBOM_SOURCES)


def test_root_subcomponents_are_read_and_contained(tmp_path):
    bom = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "metadata": {
            "component": {
                "bom-ref": "suite",
                "type": "application",
                "name": "suite",
                "components": [{"type": "application", "name": "suite-web", "version": "2"}],
            }
        },
        "components": [{"type": "library", "name": "lib", "version": "1"}],
    }
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(bom))
    records = [r for r in CycloneDxJsonSource().read(path, "bom.json") if isinstance(r, Record)]
    assert [str(r.locator) for r in records] == [
        "bom.json:/metadata/component",
        "bom.json:/metadata/component/components/0",
        "bom.json:/components/0",
        "bom.json:/metadata/component/components",
        "bom.json:/components",
    ]
    assert depends_on(records) == {("suite", "suite-web-2"), ("suite", "lib-1")}
