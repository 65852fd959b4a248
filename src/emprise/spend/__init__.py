"""Spend discovery: what the organisation pays to whom, from e-invoices and the FEC.

    readers.read_paths(paths, catalog=cat) -> Outcome(invoices, views, rejections)   files, folders, zips;
                                                                        process pool (codec: results as tuples)
    analysis.analyse(invoices, cat)  -> Spend                           per vendor / parent / country / zone,
                                                                        HHI, monthly trend, categories
    records.import_views(store, …)                                      vendors, assets, contracts and
                                                                        spend_documents rows in the store

Formats: Factur-X / ZUGFeRD PDF (``pdf``), UBL 2.1 Invoice/CreditNote and CII
D16B/D22B (``extract``, parsed safely by ``emprise.safexml``), FEC (``fec``). See docs/spend.md.
"""
