"""Analyses: pure functions of the dependency graph and the catalog. No I/O here."""
