"""Log analytics: Shadow AI and Shadow IT discovery from proxy, DNS and Zeek logs.

This stage sits beside ``sources``: a log format parses to *aggregates*, not to
inventory records, because billions of lines only mean something once reduced
to distinct (host, person, day). What it finds can then be imported into the
store as undeclared assets (``findings.import_findings``).

    from emprise.logs.discover import discover
    result = discover(["access.log.gz"], catalog=load_catalog(), pseudonymiser=...)

Formats are listed in ``registry.REGISTRY``; engines in ``engines`` (DuckDB by
default, Spark on demand). Nothing here is imported by ``emprise --help``.
"""
