"""Validation: the shipped data is valid, and each broken case names its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emprise.catalog import DATA_DIR, CatalogValidationError, compile_catalog, validate_tree
from emprise.views.cli_catalog import catalog_app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "catalog"

BASE = FIXTURES / "base"
BROKEN = FIXTURES / "broken"


def test_shipped_catalog_compiles_without_a_problem(shipped):
    # ``shipped`` was compiled (hence validated) from these very files, or loaded from a
    # cache keyed by their names, sizes and mtimes, which only a successful compile writes.
    from emprise.catalog.loader import _data_fingerprint

    assert shipped.stats()["facts"] == shipped.stats()["facts_sourced"] > 0
    assert _data_fingerprint(DATA_DIR)  # the files are readable where the package is installed


def test_base_fixture_is_valid():
    assert validate_tree(BASE) == []


def _tree_with(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(BASE, root)
    shutil.copy(BROKEN / case, root / case)
    return root


# (file, line, part of the reason); one fixture file per bad-input case.
CASES = [
    ("broken_reference.yaml", 6, "unknown vendor 'no-such-vendor'"),
    ("ownership_cycle.yaml", 7, "ownership cycle: alpha -> beta -> alpha"),
    ("missing_source.yaml", 5, "fact 'country' has no source"),
    ("missing_as_of.yaml", 4, "fact 'name' has no as_of date"),
    ("domain_claimed_twice.yaml", 10, "domain rule acme-chat.example is claimed by"),
    ("unknown_country.yaml", 6, "unknown country 'XA'"),
    ("unknown_hosting.yaml", 8, "unknown hosting product 'no-such-cloud'"),
    ("unknown_alternative.yaml", 10, "unknown alternative 'no-such-product'"),
    ("unknown_field.yaml", 6, "unknown field 'contry'"),
    ("invalid_siren.yaml", 7, "is not a valid SIREN"),
    ("public_suffix_rule.yaml", 9, "co.uk is a public suffix"),
    ("invalid_yaml.yaml", 6, "invalid YAML"),
    ("duplicate_id.yaml", 4, "vendor id 'acme' already used at"),
    ("bad_regexp.yaml", 9, "invalid regular expression"),
    ("unknown_category.yaml", 7, "unknown category 'no-such-category'"),
    ("unknown_region.yaml", 8, "'EUROPE' is neither an ISO 3166-1 alpha-2 code"),
    ("unknown_data_location.yaml", 8, "unknown country or region 'XA'"),
]


@pytest.mark.parametrize(("case", "line", "reason"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_case_names_file_and_line(tmp_path, case, line, reason):
    issues = validate_tree(_tree_with(tmp_path, case))
    rendered = [str(issue) for issue in issues]
    # A clash (same id, same domain) is reported once, at one of the two places,
    # naming the other: either way the broken file's line is in the message.
    assert any(f"{case}:{line}: " in text or f"({case}:{line})" in text or f"at {case}:{line}" in text
               for text in rendered if reason in text), rendered
    with pytest.raises(CatalogValidationError) as raised:
        compile_catalog(_tree_with(tmp_path / "again", case))
    assert f"{case}:{line}" in str(raised.value)


def test_every_broken_fixture_has_a_case():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(c[0] for c in CASES)


def test_cycle_reports_the_parent_line_of_a_vendor_in_the_cycle(tmp_path):
    issues = validate_tree(_tree_with(tmp_path, "ownership_cycle.yaml"))
    cycles = [i for i in issues if "ownership cycle" in i.reason]
    assert len(cycles) == 1 and cycles[0].line in {7, 11}


def test_norway_stays_a_country_code_not_a_boolean():
    catalog = compile_catalog(BASE)
    assert catalog.country("NO").name_en == "Norway"
    assert catalog.country("no").eea is True


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """Fixture trees compile into a throw-away cache, not the user's."""
    monkeypatch.setenv("EMPRISE_CACHE_DIR", str(tmp_path / "cache"))


def test_validate_command_prints_file_line_reason_and_exits_1(tmp_path, private_cache):
    root = _tree_with(tmp_path, "broken_reference.yaml")
    result = CliRunner().invoke(catalog_app, ["validate", "--data-dir", str(root)])
    assert result.exit_code == 1
    assert f"{root / 'broken_reference.yaml'}:6: product 'orphan': unknown vendor 'no-such-vendor'" in result.output


def test_validate_command_accepts_a_valid_tree(private_cache):
    result = CliRunner().invoke(catalog_app, ["validate", "--data-dir", str(BASE)])
    assert result.exit_code == 0, result.output
    assert "catalog valid" in result.output


def test_validate_command_checks_an_overlay():
    overlay = FIXTURES / "overlay_broken.yaml"
    result = CliRunner().invoke(catalog_app, ["validate", str(overlay)])
    assert result.exit_code == 1
    assert f"{overlay}:6: domain rule slack.com is claimed by" in result.output
    assert f"{overlay}:8: sanctions: unknown product 'no-such-product'" in result.output
    good = CliRunner().invoke(catalog_app, ["validate", str(FIXTURES / "overlay.yaml")])
    assert good.exit_code == 0, good.output
    assert "overlay valid" in good.output


def test_data_locations_may_name_a_region(tmp_path):
    # "Your data stays in the EU", no country named: EU and EEA are accepted beside ISO codes.
    root = tmp_path / "catalog"
    shutil.copytree(BASE, root)
    (root / "regions.yaml").write_text(
        'source: "https://example.org/regions"\nas_of: 2025-01-01\nproducts:\n'
        "  - {id: eu-saas, name: EU SaaS, vendor: acme, category: messaging, data_locations: [US, EU]}\n"
        "  - {id: eea-saas, name: EEA SaaS, vendor: acme, category: messaging, data_locations: [EEA]}\n",
        encoding="utf-8")
    assert validate_tree(root) == []
    catalog = compile_catalog(root)
    assert catalog.product("eu-saas").data_locations == ("US", "EU")
    assert catalog.product("eea-saas").data_locations == ("EEA",)


def test_no_source_names_a_path_of_the_machine_that_wrote_it():
    """A source is for a reader to open: ``…zip:/tmp/tarfile_extract_x/…`` once slipped in."""
    import re
    from pathlib import Path

    import emprise.catalog

    local_path = re.compile(r"(^|[\s\"',:])/(tmp|home|root|work|var)/|file://")  # not a URL's own path
    data = Path(emprise.catalog.__file__).parent / "data"
    found = [f"{path.relative_to(data)}:{number}" for path in sorted(data.rglob("*")) if path.suffix in {".yaml", ".csv"}
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if local_path.search(line)]
    assert found == []
