"""Observations: records from sources, canonicalised against the catalog and stamped
with provenance, on their way into the store (see ``importer.import_file``)."""
