"""Emprise: measure and loosen the hold technology suppliers have on an organisation.

The package is laid out as the data flows (see docs/architecture.md):

    sources -> observations -> store -> graph -> analyses -> views
                                 ^
                              catalog

Importing ``emprise`` is cheap on purpose: heavy modules (SBOM libraries, the
store, report rendering) load only when a command needs them.
"""

__version__ = "0.1.0"
