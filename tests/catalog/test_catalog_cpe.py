"""CPE names (2.3 formatted strings and 2.2 URIs) -> product and vendor."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from emprise.catalog import validate_tree
from emprise.catalog.cpes import cpe_key, is_cpe
from emprise.views.cli_catalog import catalog_app

BASE = Path(__file__).parent.parent / "fixtures" / "catalog" / "base"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_1:*:*:*:*:*:*", ("microsoft", "exchange_server")),
        ("cpe:/a:microsoft:exchange_server:2019", ("microsoft", "exchange_server")),
        ("CPE:2.3:A:Microsoft:Exchange_Server:-:*:*:*:*:*:*:*", ("microsoft", "exchange_server")),
        ("cpe:2.3:a:lemonldap-ng:lemonldap\\:\\:ng:2.0.0:*:*:*:*:*:*:*", ("lemonldap-ng", "lemonldap::ng")),
        ("cpe:/a:lemonldap-ng:lemonldap%3a%3ang:2.0.0", ("lemonldap-ng", "lemonldap::ng")),
        ("cpe:2.3:a:nodejs:node\\.js:18.0.0:*:*:*:*:*:*:*", ("nodejs", "node.js")),
        ("cpe:2.3:o:canonical:ubuntu_linux:22.04:*:*:*:lts:*:*:*", ("canonical", "ubuntu_linux")),
        ("cpe:2.3:a:*:exchange_server:*:*:*:*:*:*:*:*", None),
        ("cpe:2.3:a:microsoft:-:*:*:*:*:*:*:*:*", None),
        ("cpe:2.3:x:microsoft:exchange_server", None),
        ("cpe:2.3:a:microsoft", None),
        ("cpe:/", None),
        ("pkg:pypi/django", None),
        ("exchange.example.org", None),
    ],
)
def test_cpe_key(text, key):
    assert cpe_key(text) == key


def test_is_cpe():
    assert is_cpe("cpe:2.3:a:x:y") and is_cpe(" cpe:/a:x:y") and not is_cpe("cpe.example.org")


@given(st.text(max_size=80))
def test_cpe_key_never_raises(text):
    for candidate in (text, "cpe:2.3:" + text, "cpe:/" + text):
        key = cpe_key(candidate)
        assert key is None or (isinstance(key, tuple) and len(key) == 2 and all(key))


def test_shipped_product_for_cpe(shipped):
    assert shipped.product_for_cpe("cpe:2.3:a:glpi-project:glpi:10.0.7:*:*:*:*:*:*:*").id == "glpi"
    assert shipped.vendor_for_cpe("cpe:2.3:a:glpi-project:glpi:10.0.7:*:*:*:*:*:*:*").id == "teclib"
    assert shipped.product_for_cpe("cpe:/a:synacor:zimbra_collaboration_suite:8.8.15").id == "zimbra"
    assert shipped.product_for_cpe("cpe:2.3:a:zimbra:collaboration:9.0.0:*:*:*:*:*:*:*").id == "zimbra"
    assert shipped.product_for_cpe("cpe:2.3:a:proxmox:virtual_environment:8.1:*:*:*:*:*:*:*").id == "proxmox-ve"
    assert shipped.product_for_cpe("cpe:2.3:a:lemonldap-ng:lemonldap\\:\\:ng:2.0:*:*:*:*:*:*:*").id == "lemonldap-ng"
    assert shipped.product_for_cpe("cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*").id == "fortigate"


def test_shipped_vendor_for_cpe_of_an_unlisted_product(shipped):
    """A product the catalog does not list still has a known vendor."""
    assert shipped.product_for_cpe("cpe:2.3:a:microsoft:no_such_product:1:*:*:*:*:*:*:*") is None
    vendor = shipped.vendor_for_cpe("cpe:2.3:a:microsoft:no_such_product:1:*:*:*:*:*:*:*")
    assert vendor.id == "microsoft"
    assert shipped.ultimate_parent("stormshield").id == shipped.ultimate_parent(
        shipped.vendor_for_cpe("cpe:/a:stormshield:stormshield_network_security:4.3").id).id


def test_unknown_and_invalid_cpes(shipped):
    assert shipped.vendor_for_cpe("cpe:2.3:a:no-such-vendor-xyz:thing:1:*:*:*:*:*:*:*") is None
    assert shipped.product_for_cpe("not a cpe") is None
    assert shipped.vendor_for_cpe("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*") is None


def test_cpe_facts_are_sourced(shipped):
    ref = shipped.vendor("teclib").source_of("cpe_vendors")
    assert ref.source.startswith("https://nvd.nist.gov/")
    assert shipped.product("glpi").source_of("cpe").as_of.year >= 2026


def _tree(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(BASE, root)
    (root / "vendors" / "cpe.yaml").write_text(text, encoding="utf-8")
    return root


def test_cpe_vendor_claimed_twice_is_reported(tmp_path):
    root = _tree(tmp_path, """source: "https://example.org/cpe"
as_of: 2025-01-01
vendors:
  - {id: one, name: One, cpe_vendors: [acme]}
  - {id: two, name: Two, cpe_vendors: [acme]}
""")
    issues = [str(i) for i in validate_tree(root)]
    assert any("vendors/cpe.yaml:5: CPE vendor 'acme' is claimed by 'one' and 'two'" in i for i in issues), issues


def test_bare_cpe_product_name_needs_vendor_cpe_names(tmp_path):
    root = _tree(tmp_path, """source: "https://example.org/cpe"
as_of: 2025-01-01
vendor: {id: one, name: One}
products:
  - id: one-app
    name: One App
    cpe: [one_app]
""")
    issues = [str(i) for i in validate_tree(root)]
    assert any("vendors/cpe.yaml:7: product 'one-app': CPE name 'one_app' needs" in i for i in issues), issues


def test_bad_cpe_name_is_reported(tmp_path):
    root = _tree(tmp_path, """source: "https://example.org/cpe"
as_of: 2025-01-01
vendor: {id: one, name: One, cpe_vendors: ["One Corp"]}
""")
    issues = [str(i) for i in validate_tree(root)]
    assert any("vendors/cpe.yaml:3: cpe_vendors: 'One Corp' is not a CPE vendor name" in i for i in issues), issues


def test_cpe_product_claimed_twice_is_reported(tmp_path):
    root = _tree(tmp_path, """source: "https://example.org/cpe"
as_of: 2025-01-01
vendor: {id: one, name: One, cpe_vendors: [one]}
products:
  - {id: app-a, name: A, cpe: [app]}
  - {id: app-b, name: B, cpe: ["one:app"]}
""")
    issues = [str(i) for i in validate_tree(root)]
    assert any("CPE one:app is claimed by 'app-a' and 'app-b'" in i for i in issues), issues


def test_valid_cpe_tree_compiles(tmp_path):
    from emprise.catalog import compile_catalog

    root = _tree(tmp_path, """source: "https://example.org/cpe"
as_of: 2025-01-01
vendor: {id: one, name: One, cpe_vendors: [one-corp]}
products:
  - {id: app-a, name: A, cpe: [app, "other:legacy_app"]}
""")
    catalog = compile_catalog(root)
    assert catalog.product_for_cpe("cpe:2.3:a:one-corp:app:1.0:*:*:*:*:*:*:*").id == "app-a"
    assert catalog.product_for_cpe("cpe:/a:other:legacy_app").id == "app-a"
    assert catalog.vendor_for_cpe("cpe:/a:other:legacy_app").id == "one"
    assert catalog.vendor_for_cpe("cpe:/h:one-corp:router").id == "one"


def test_resolve_command_detects_cpes():
    result = CliRunner().invoke(
        catalog_app,
        ["--lang", "en", "resolve", "--format", "json", "cpe:2.3:a:glpi-project:glpi:10.0.7:*:*:*:*:*:*:*",
         "cpe:/a:postgresql:postgresql:16.1", "cpe:2.3:a:nobody-xyz:nothing:1:*:*:*:*:*:*:*"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["kind"] for r in rows] == ["cpe", "cpe", "cpe"]
    assert rows[0]["product"] == "glpi" and rows[0]["vendor"] == "teclib" and rows[0]["country"] == "FR"
    assert rows[1]["product"] == "postgresql"
    assert rows[2]["product"] is None and rows[2]["vendor"] is None and rows[2]["ultimate_parent"] is None
