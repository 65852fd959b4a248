"""CSV, XLSX and YAML inventories: headers in French or English, encodings, bad records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emprise.errors import SourceError
from emprise.model import Asset, AssetKind, Capability, Contract, EdgeKind, Record, Rejection
from emprise.sources import detect, source_class
from emprise.sources._inventory import parse_money, parse_notice
from emprise.sources.inventory_csv import CsvInventorySource
from emprise.sources.inventory_xlsx import XlsxInventorySource
from emprise.sources.inventory_yaml import YamlInventorySource

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inventory"


def read_all(source_cls, path: Path):
    items = list(source_cls().read(path, path.name))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, Rejection)]


def nodes_of(records, cls):
    return [n for r in records for n in r.nodes if isinstance(n, cls)]


@pytest.mark.parametrize("name", ["fr_cp1252_semicolon.csv", "fr_utf8_bom.csv"])
def test_french_excel_export(name):
    path = FIXTURES / name
    assert detect(path) is CsvInventorySource
    records, rejections = read_all(CsvInventorySource, path)
    assert rejections == []
    assets = nodes_of(records, Asset)
    assert [a.name for a in assets] == ["Messagerie Exchange Online", "Annuaire Active Directory",
                                        "Paie Civil Net RH", "Traduction DeepL Pro"]
    assert [a.kind for a in assets] == [AssetKind.SAAS, AssetKind.ON_PREM_SOFTWARE,
                                        AssetKind.ON_PREM_SOFTWARE, AssetKind.AI_SERVICE]
    exchange = records[0]
    contract = nodes_of([exchange], Contract)[0]
    assert contract == Contract(key="messagerie-exchange-online.contract", annual_cost=Decimal("48600.00"),
                                currency="EUR", start=date(2024, 4, 1), end=date(2027, 3, 31),
                                auto_renewal=True, notice_days=90)
    kinds = {(e.kind, e.dst.key) for e in exchange.edges}
    assert (EdgeKind.HOSTED_ON, "microsoft-azure") in kinds
    assert (EdgeKind.DEPENDS_ON, "annuaire-active-directory") in kinds
    # "Sur site" means on the premises: no hosted_on edge.
    assert not [e for e in records[1].edges if e.kind is EdgeKind.HOSTED_ON]
    capability = nodes_of([records[2]], Capability)[0]
    assert (capability.name, capability.criticality) == ("Paie et ressources humaines", 4)
    assert exchange.locator.line == 2 and records[3].locator.line == 5


def test_english_comma_separated():
    records, rejections = read_all(CsvInventorySource, FIXTURES / "en_utf8_comma.csv")
    assert rejections == []
    slack = nodes_of([records[0]], Contract)[0]
    assert (slack.annual_cost, slack.currency, slack.notice_days, slack.auto_renewal) == (
        Decimal("12000.00"), "USD", 30, True)


@pytest.mark.parametrize("name, line, reason", [
    ("bad_encoding.csv", 3, "bytes not valid in UTF-8"),
    ("wrong_column_count.csv", 3, "expected 6 fields, found 3"),
    ("empty_name.csv", 3, "name: empty"),
    ("negative_cost.csv", 3, "annual_cost: negative amount"),
    ("duplicate.csv", 3, "duplicate asset 'outil a' (first seen at duplicate.csv:2)"),
    ("bad_date.csv", 3, "contract_end: not a date: '31/02/2027'"),
    ("bad_criticality.csv", 3, "criticality: 7 is out of range"),
    ("bad_amount.csv", 3, "annual_cost: not an amount: 'dix euros'"),
    ("unclosed_quote.csv", 4, "expected 6 fields, found 1"),
])
def test_one_bad_record_is_named_and_the_others_land(name, line, reason):
    records, rejections = read_all(CsvInventorySource, FIXTURES / name)
    assert len(rejections) == 1
    assert rejections[0].locator.line == line
    assert reason in rejections[0].reason
    assert str(rejections[0]).startswith(f"{name}:{line}: ")
    assert len(records) == 2


def test_a_file_without_a_name_column_is_refused_whole():
    with pytest.raises(SourceError, match="no name column"):
        read_all(CsvInventorySource, FIXTURES / "no_name_column.csv")


def test_thousand_good_rows_and_ten_bad_ones(tmp_path):
    """The foundation bar: 1,000 rows land, the 10 broken lines are named."""
    from builders import thousand_and_ten

    path = tmp_path / "inventaire.csv"
    expected = thousand_and_ten(path)
    records, rejections = read_all(CsvInventorySource, path)
    assert len(records) == 1000
    assert {r.locator.line for r in rejections} == set(expected)
    for rejection in rejections:
        assert expected[rejection.locator.line] in rejection.reason


def test_yaml_inventory():
    path = FIXTURES / "inventory.yaml"
    assert detect(path) is YamlInventorySource
    records, rejections = read_all(YamlInventorySource, path)
    capabilities = nodes_of(records, Capability)
    assert {(c.name, c.criticality) for c in capabilities} >= {("Messagerie", 3), ("Finances", 4)}
    assets = nodes_of(records, Asset)
    assert [a.name for a in assets] == ["BlueMind", "Sedit Finances"]
    bluemind = nodes_of([r for r in records if r.nodes[0].name == "BlueMind"], Contract)[0]
    assert (bluemind.annual_cost, bluemind.end, bluemind.notice_days) == (Decimal("9800.00"), date(2027, 9, 30), 90)
    sedit = next(r for r in records if r.nodes[0].name == "Sedit Finances")
    assert any(e.kind is EdgeKind.DEPENDS_ON and e.dst.key == "bluemind" for e in sedit.edges)
    assert [(r.locator.line, r.reason.split(":")[0]) for r in rejections] == [(22, "criticality"), (25, "vendor")]


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(SourceError, match=r"bad_syntax.yaml: invalid YAML: line 3"):
        read_all(YamlInventorySource, FIXTURES / "bad_syntax.yaml")


def _workbook(path: Path, rows, sheet="Inventaire"):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active["A1"] = "Ce classeur contient l'inventaire dans l'onglet Inventaire."
    sheet_ = workbook.create_sheet(sheet)
    for row in rows:
        sheet_.append(row)
    workbook.save(path)


def test_xlsx_inventory(tmp_path):
    path = tmp_path / "inventaire.xlsx"
    _workbook(path, [
        [],
        ["Nom", "Éditeur", "Coût annuel", "Fin contrat", "Utilisateurs", "Reconduction tacite"],
        ["GLPI", "Teclib'", 3600, date(2027, 1, 31), 25, "oui"],
        ["Sans coût", "X", None, None, None, None],
        [None, "Orphelin", 10, None, None, None],
        ["Négatif", "X", -1, None, None, None],
    ])
    assert detect(path) is XlsxInventorySource
    records, rejections = read_all(XlsxInventorySource, path)
    assert [a.name for a in nodes_of(records, Asset)] == ["GLPI", "Sans coût"]
    glpi = nodes_of(records[:1], Contract)[0]
    assert (glpi.annual_cost, glpi.end, glpi.auto_renewal) == (Decimal("3600.00"), date(2027, 1, 31), True)
    assert nodes_of(records[:1], Asset)[0].users == 25
    # Row numbers are Excel's: header on row 2, data from row 3.
    assert [(r.locator.line, r.reason.split(":")[0]) for r in rejections] == [(5, "name"), (6, "annual_cost")]


def test_a_corrupt_xlsx_is_refused_whole(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04xl/" + b"\x00" * 100)
    with pytest.raises(SourceError, match="not a readable XLSX"):
        read_all(XlsxInventorySource, path)


@pytest.mark.parametrize("text, expected", [
    ("48 600,00", Decimal("48600.00")), ("48\u202f600,00 €", Decimal("48600.00")),
    ("12,000.50", Decimal("12000.50")), ("1.234,56", Decimal("1234.56")), ("1200", Decimal("1200.00")),
    ("0,5", Decimal("0.50")), (1200.5, Decimal("1200.50")), ("1,234,567", Decimal("1234567.00")),
])
def test_amounts(text, expected):
    assert parse_money(text, "annual_cost") == expected


@pytest.mark.parametrize("text, days", [("90", 90), ("90 jours", 90), ("3 mois", 90), ("3 months", 90),
                                        ("1 an", 365), (60, 60), ("2 semaines", 14)])
def test_notice_periods(text, days):
    assert parse_notice(text, "notice") == days


def test_detection_by_content_not_extension(tmp_path):
    disguised = tmp_path / "export.txt"
    disguised.write_bytes((FIXTURES / "fr_cp1252_semicolon.csv").read_bytes())
    assert detect(disguised) is CsvInventorySource
    yaml_as_txt = tmp_path / "inv.data"
    yaml_as_txt.write_text((FIXTURES / "inventory.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert detect(yaml_as_txt) is YamlInventorySource


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(SourceError, match="valid formats: .*inventory-csv"):
        source_class("excel97")


# -- property tests: whatever the bytes, a source yields records or rejections, or refuses the file.
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=8), max_size=12),
       encoding=st.sampled_from(["utf-8", "cp1252"]), delimiter=st.sampled_from([";", ","]))
def test_csv_never_crashes(tmp_path, rows, encoding, delimiter):
    header = delimiter.join(["nom", "éditeur", "coût annuel", "fin contrat", "préavis", "criticité", "fonction"])
    body = "\n".join(delimiter.join(row) for row in rows)
    path = tmp_path / "fuzz.csv"
    path.write_bytes((header + "\n" + body).encode(encoding, errors="replace"))
    try:
        items = list(CsvInventorySource().read(path, "fuzz.csv"))
    except SourceError:
        return
    assert all(isinstance(i, (Record, Rejection)) for i in items)
    for item in items:
        if isinstance(item, Rejection):
            assert str(item).startswith("fuzz.csv:")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash_any_inventory_source(tmp_path, data):
    path = tmp_path / "fuzz.bin"
    path.write_bytes(b"nom;editeur\n" + data)
    for source_cls in (CsvInventorySource, YamlInventorySource, XlsxInventorySource):
        try:
            items = list(source_cls().read(path, "fuzz.bin"))
        except SourceError:
            continue
        assert all(isinstance(i, (Record, Rejection)) for i in items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç ABC", min_size=1, max_size=15)
                      .filter(lambda s: s.strip()), min_size=1, max_size=20, unique_by=lambda s: s.strip().lower()),
       costs=st.lists(st.decimals(min_value=0, max_value=10**7, places=2), min_size=20, max_size=20))
def test_valid_rows_round_trip_exactly(tmp_path, names, costs):
    from emprise.model import slugify

    keys = set()
    rows = []
    for name, cost in zip(names, costs):
        try:
            key = slugify(name)
        except ValueError:
            continue
        if key in keys:
            continue
        keys.add(key)
        rows.append((name.strip(), cost))
    path = tmp_path / "ok.csv"
    path.write_text("nom;coût annuel\n" + "".join(f"{n};{str(c).replace('.', ',')}\n" for n, c in rows),
                    encoding="utf-8")
    records, rejections = read_all(CsvInventorySource, path)
    assert rejections == []
    got = [(nodes_of([r], Asset)[0].name, nodes_of([r], Contract)[0].annual_cost) for r in records]
    assert got == [(" ".join(n.split()), c.quantize(Decimal("0.01"))) for n, c in rows]


@pytest.mark.parametrize("text", ["inf", "-Infinity", "NaN", "1e999", "2.5"])
def test_integer_columns_refuse_non_finite_huge_and_fractions(text):
    # Found by the fuzz test: "inf" reached int() and raised OverflowError.
    from emprise.sources._inventory import FieldError, parse_int

    with pytest.raises(FieldError, match="whole number"):
        parse_int(text, "users")


@pytest.mark.parametrize("text", ["1e30", "1e400", "9999999999999999"])
def test_amounts_beyond_any_budget_are_refused(text):
    from emprise.sources._inventory import FieldError, parse_money

    with pytest.raises(FieldError, match="too large"):
        parse_money(text, "annual_cost")
