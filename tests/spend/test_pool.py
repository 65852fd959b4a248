"""The process pool gives exactly what one process gives: same invoices, views, rejections, order."""

from __future__ import annotations

import shutil
from pathlib import Path

from emprise.catalog import load_catalog
from emprise.spend import codec
from emprise.spend.analysis import analyse, view_invoice
from emprise.spend.readers import read_paths
from emprise.spend.suppliers import VendorMatcher

FIXTURES = Path(__file__).parents[1] / "fixtures" / "einvoices"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    files = sorted(p for p in FIXTURES.rglob("*") if p.suffix.lower() in (".xml", ".pdf", ".txt"))
    for index in range(80):  # over the pool threshold, every kind present, FEC included
        source = files[index % len(files)]
        shutil.copy(source, folder / f"{index:03d}-{source.name}")
    (folder / "zz-broken.xml").write_bytes(b"<Invoice><unclosed>")
    return folder


def test_pool_matches_one_process(tmp_path):
    folder = _folder(tmp_path)
    catalog = load_catalog()
    serial = read_paths([folder], jobs=1, catalog=catalog)
    pooled = read_paths([folder], jobs=2, catalog=catalog)
    assert serial.invoices and len(serial.invoices) == len(pooled.invoices)
    assert pooled.invoices == serial.invoices
    assert [(v.match, v.ultimate_parent, v.zone, v.line_categories) for v in pooled.views] == \
           [(v.match, v.ultimate_parent, v.zone, v.line_categories) for v in serial.views]
    assert [str(r) for r in pooled.rejections] == [str(r) for r in serial.rejections]
    assert any("zz-broken.xml" in str(r) for r in pooled.rejections)
    assert analyse(pooled.invoices, catalog, views=pooled.views).totals == \
           analyse(serial.invoices, catalog).totals


def test_views_from_workers_equal_views_made_in_the_parent(tmp_path):
    catalog = load_catalog()
    outcome = read_paths([_folder(tmp_path)], jobs=2, catalog=catalog)
    matcher = VendorMatcher(catalog)
    assert outcome.views == [view_invoice(invoice, catalog, matcher) for invoice in outcome.invoices]


def test_codec_round_trip():
    catalog = load_catalog()
    outcome = read_paths([FIXTURES], jobs=1, catalog=catalog)
    for item in [*zip(outcome.invoices, outcome.views), *outcome.rejections]:
        assert codec.decode_item(codec.encode_item(item)) == item
    invoice = outcome.invoices[0]
    assert codec.decode_item(codec.encode_item((invoice, None))) == (invoice, None)
