"""SPDX 2 (JSON, tag-value) and SPDX 3 (JSON-LD) sources: each fixture, output, rejections."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from packageurl import PackageURL

from emprise.errors import SourceError
from emprise.model import Asset, AssetKind, EdgeKind, Record, Rejection, Vendor
from emprise.sources.spdx import SpdxJsonSource, SpdxTagValueSource
from emprise.sources.spdx3 import Spdx3JsonLdSource

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sbom"


@functools.cache  # several tests look at the same fixture; reading it once keeps them fast
def read(source: type, name: str) -> tuple[list[Record], list[Rejection]]:
    """Everything ``source`` yields for fixture ``name``, split into records and rejections."""
    out = list(source().read(FIXTURES / name, name))
    assert all(isinstance(item, Record | Rejection) for item in out)
    return [r for r in out if isinstance(r, Record)], [r for r in out if isinstance(r, Rejection)]


def assets(records: list[Record]) -> dict[str, Asset]:
    return {
        node.key: node for record in records for node in record.nodes if isinstance(node, Asset)
    }


def depends_on(records: list[Record]) -> set[tuple[str, str]]:
    return {
        (edge.src.key, edge.dst.key)
        for record in records
        for edge in record.edges
        if edge.kind is EdgeKind.DEPENDS_ON
    }


def made_by(records: list[Record]) -> dict[str, str]:
    """Asset name -> vendor name, through the asset's product."""
    vendors = {n.key: n.name for r in records for n in r.nodes if isinstance(n, Vendor)}
    names: dict[str, str] = {}
    for record in records:
        product_to_vendor = {
            e.src.key: e.dst.key for e in record.edges if e.kind is EdgeKind.MADE_BY
        }
        for edge in record.edges:
            if edge.kind is EdgeKind.INSTANCE_OF and edge.dst.key in product_to_vendor:
                asset = next(n for n in record.nodes if isinstance(n, Asset))
                names[asset.name] = vendors[product_to_vendor[edge.dst.key]]
    return names


def canonical(purl: str) -> str:
    return PackageURL.from_string(purl).to_string()


# file, source, assets, rejection locators, depends_on edges
GOOD = [
    ("spdx-2.2.spdx.json", SpdxJsonSource, 4, [], 5),
    ("spdx-2.3.spdx.json", SpdxJsonSource, 6, [], 4),
    ("spdx-2.3.spdx", SpdxTagValueSource, 4, [], 3),
    ("spdx-3.0.spdx3.json", Spdx3JsonLdSource, 4, [], 2),
]


@pytest.mark.parametrize(("name", "source", "asset_count", "rejected", "edge_count"), GOOD)
def test_fixture_counts_and_rejections(name, source, asset_count, rejected, edge_count):
    records, rejections = read(source, name)
    assert len([n for r in records for n in r.nodes if isinstance(n, Asset)]) == asset_count
    assert len(assets(records)) == asset_count
    assert [str(r.locator) for r in rejections] == rejected
    assert len(depends_on(records)) == edge_count
    keys = set(assets(records))
    assert all(src in keys and dst in keys for src, dst in depends_on(records))


def test_spdx_2_3_json_every_purl_kept():
    document = json.loads((FIXTURES / "spdx-2.3.spdx.json").read_text())
    written = {
        canonical(ref["referenceLocator"])
        for package in document["packages"]
        for ref in package.get("externalRefs", [])
        if ref["referenceType"] == "purl"
    }
    records, _ = read(SpdxJsonSource, "spdx-2.3.spdx.json")
    assert {a.purl for a in assets(records).values() if a.purl} == written


def test_spdx_2_3_json_mapping():
    records, _ = read(SpdxJsonSource, "spdx-2.3.spdx.json")
    by_name = {a.name: a for a in assets(records).values()}
    assert {name: a.kind for name, a in by_name.items()} == {
        "citizen-portal-backend": AssetKind.ON_PREM_SOFTWARE,  # APPLICATION
        "Django": AssetKind.OPEN_SOURCE_COMPONENT,  # FRAMEWORK
        "requests": AssetKind.OPEN_SOURCE_COMPONENT,  # no purpose
        "urllib3": AssetKind.OPEN_SOURCE_COMPONENT,
        "pytest": AssetKind.OPEN_SOURCE_COMPONENT,
        "geo-utils": AssetKind.OPEN_SOURCE_COMPONENT,
    }
    assert {name: a.licence for name, a in by_name.items()} == {
        "citizen-portal-backend": "EUPL-1.2",
        "Django": "BSD-3-Clause",  # concluded NOASSERTION: the declared one
        "requests": "Apache-2.0",
        "urllib3": "MIT",
        "pytest": "MIT",
        "geo-utils": None,  # NONE / NOASSERTION
    }
    assert made_by(records) == {
        "citizen-portal-backend": "Ville Exemple",
        "Django": "Django Software Foundation",  # originator
        "requests": "Kenneth Reitz",  # originator before supplier
        "geo-utils": "Ville Exemple",
    }
    assert depends_on(records) == {
        ("citizen-portal-backend", "pkg-pypi-django-4.2.11"),
        ("citizen-portal-backend", "pkg-pypi-requests-2.31.0"),
        ("pkg-pypi-requests-2.31.0", "pkg-pypi-urllib3-2.2.1"),  # DEPENDENCY_OF, read backwards
        ("citizen-portal-backend", "geo-utils-0.3"),  # CONTAINS
    }  # DEV_DEPENDENCY_OF, the file and NONE are left out
    assert [str(r.locator) for r in records if not r.nodes] == [
        f"spdx-2.3.spdx.json:/relationships/{i}" for i in (1, 2, 3, 5)
    ]


def test_spdx_2_2_document_describes_and_tool_supplier():
    records, _ = read(SpdxJsonSource, "spdx-2.2.spdx.json")
    by_name = {a.name: a for a in assets(records).values()}
    assert by_name["gateway"].kind is AssetKind.ON_PREM_SOFTWARE  # documentDescribes root
    assert by_name["nginx"].kind is AssetKind.OPEN_SOURCE_COMPONENT
    assert by_name["nginx"].purl == "pkg:deb/debian/nginx@1.22.1-9?arch=amd64&distro=debian-12"
    assert made_by(records) == {
        "gateway": "Example Infra",
        "nginx": "F5, Inc.",
        "libssl3": "Debian",
    }
    nginx = by_name["nginx"].key
    zlib = by_name["zlib1g"].key
    assert (nginx, zlib) in depends_on(records)  # RUNTIME_DEPENDENCY_OF


def test_spdx_2_3_tag_value_mapping_and_lines():
    records, _ = read(SpdxTagValueSource, "spdx-2.3.spdx")
    by_name = {a.name: a for a in assets(records).values()}
    assert by_name["payroll-batch"].kind is AssetKind.ON_PREM_SOFTWARE  # DESCRIBES
    assert by_name["payroll-batch"].licence == "LicenseRef-Example-Proprietary"
    assert (
        by_name["payroll-batch"].description
        == "Monthly payroll batch.\nRuns on the internal scheduler."
    )
    assert by_name["log4j-api"].licence == "Apache-2.0"
    assert {a.purl for a in by_name.values()} == {
        None,
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.23.1",
        "pkg:maven/org.apache.logging.log4j/log4j-api@2.23.1",
        "pkg:maven/org.postgresql/postgresql@42.7.3",
    }
    assert made_by(records)["log4j-core"] == "The Apache Software Foundation"
    assert [r.locator.line for r in records] == [16, 38, 52, 63, 75, 76, 78]
    assert depends_on(records) == {
        ("payroll-batch", by_name["log4j-core"].key),
        (by_name["log4j-core"].key, by_name["log4j-api"].key),
        ("payroll-batch", by_name["postgresql"].key),
    }


def test_spdx_3_mapping():
    records, _ = read(Spdx3JsonLdSource, "spdx-3.0.spdx3.json")
    by_name = {a.name: a for a in assets(records).values()}
    assert {name: (a.kind, a.licence, a.purl) for name, a in by_name.items()} == {
        "timesheet": (AssetKind.ON_PREM_SOFTWARE, None, None),  # root of the SBOM root
        "Flask": (AssetKind.OPEN_SOURCE_COMPONENT, "BSD-3-Clause", "pkg:pypi/flask@3.0.3"),
        "Jinja2": (AssetKind.OPEN_SOURCE_COMPONENT, "BSD-3-Clause", "pkg:pypi/jinja2@3.1.4"),
        "pytest": (AssetKind.OPEN_SOURCE_COMPONENT, "MIT", "pkg:pypi/pytest@8.2.2"),
    }
    assert made_by(records) == {"timesheet": "Example RH", "Flask": "Armin Ronacher"}
    assert depends_on(records) == {
        ("timesheet", "pkg-pypi-flask-3.0.3"),
        ("pkg-pypi-flask-3.0.3", "pkg-pypi-jinja2-3.1.4"),
    }  # the test-scoped pytest and the contained file are left out
    assert [r.locator.pointer for r in records] == [f"/@graph/{i}" for i in (6, 7, 8, 9, 16, 17)]


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [
        ("bad-truncated.spdx.json", SpdxJsonSource, "not valid JSON"),
        ("bad-unclosed-text.spdx", SpdxTagValueSource, "line 12: <text> is never closed"),
        ("bad-no-graph.spdx3.json", Spdx3JsonLdSource, "no @graph list"),
        ("cdx-1.2.json", SpdxJsonSource, "not an SPDX 2 document"),
        ("cdx-1.2.json", Spdx3JsonLdSource, "not an SPDX 3.0 document"),
        ("cdx-1.2.xml", SpdxTagValueSource, "not an SPDX 2 document"),
        ("spdx-3.0.spdx3.json", SpdxJsonSource, "not an SPDX 2 document"),
    ],
)
def test_unreadable_file_raises_source_error_naming_it(name, source, message):
    with pytest.raises(SourceError) as caught:
        list(source().read(FIXTURES / name, name))
    assert caught.value.path == name
    assert message in caught.value.reason


def test_tag_value_that_is_not_utf8_is_a_source_error(tmp_path):
    path = tmp_path / "latin1.spdx"
    path.write_bytes("SPDXVersion: SPDX-2.3\nPackageName: caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError, match="not UTF-8"):
        list(SpdxTagValueSource().read(path, "latin1.spdx"))


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "bad-records.spdx.json",
            SpdxJsonSource,
            [
                ("/packages/1", "package without name"),
                ("/packages/2", "invalid purl 'pkg:pypi'"),
                (
                    "/packages/3",
                    "unreadable package: Error while parsing Package: "
                    "['Error parsing LicenseExpression",
                ),
                (
                    "/packages/4",
                    "duplicate SPDXID 'SPDXRef-app' (first at bad-records.spdx.json:/packages/0)",
                ),
                ("/packages/6", "a package must be an object, not str"),
                ("/packages/7", "Invalid ExternalPackageRefCategory: PACKAGE-MANGER"),
                ("/relationships/1", "unknown SPDXID 'SPDXRef-missing'"),
                (
                    "/relationships/2",
                    "'DocumentRef-other:SPDXRef-x' is an element of another document",
                ),
                ("/relationships/3", "Invalid RelationshipType: LIKES"),
                ("/relationships/4", "SPDXID 'SPDXRef-nameless' names a record that was rejected"),
            ],
        ),
        (
            "bad-records.spdx",
            SpdxTagValueSource,
            [
                (29, "not a 'Tag: value' line"),
                (14, "package without name"),
                (18, "PackageVersion given twice (lines 20 and 21)"),
                (32, "Actor Somebody doesn't match any of person, organization or tool"),
                (38, "a relationship must name an element, a type and a related element"),
                (39, "unknown SPDXID 'SPDXRef-ghost'"),
            ],
        ),
        (
            "bad-records.spdx3.json",
            Spdx3JsonLdSource,
            [
                ("/@graph/2", "package without name"),
                ("/@graph/3", "invalid purl 'pkg:'"),
                ("/@graph/4", "a dataset_DatasetPackage is not a technology dependency"),
                ("/@graph/5", "duplicate spdxId 'urn:app'"),
                ("/@graph/7", "a graph element must be an object"),
                ("/@graph/9", "unknown spdxId 'urn:missing'"),
                ("/@graph/10", "spdxId 'urn:nameless' names a record that was rejected"),
                ("/@graph/11", "relationship without 'from'"),
            ],
        ),
    ],
)
def test_one_bad_record_is_rejected_alone(name, source, expected):
    records, rejections = read(source, name)
    where = [
        r.locator.line if r.locator.line is not None else r.locator.pointer for r in rejections
    ]
    assert where == [locator for locator, _ in expected]
    for rejection, (_, reason) in zip(rejections, expected, strict=True):
        assert reason in rejection.reason
    # In each file, "app" and "lib" are good, and the one good dependency between them lands.
    by_name = {a.name: a.key for a in assets(records).values()}
    assert set(by_name) == {"app", "lib"}
    assert depends_on(records) == {(by_name["app"], by_name["lib"])}
