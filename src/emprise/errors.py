"""Emprise's own exception hierarchy.

One base class, one subclass per seam. Library exceptions are wrapped at the
boundary (``raise SourceError(...) from exc``) so callers never have to know which
parser or driver sits underneath, and the CLI catches ``EmpriseError`` once.
"""

from __future__ import annotations


class EmpriseError(Exception):
    """Base of every error Emprise raises on purpose; its message is for a person."""


class SourceError(EmpriseError):
    """A whole input could not be read (missing, unreadable, unknown format).

    Problems with a single record are not errors: they are ``Rejection`` values
    yielded by the source, so the rest of the file still lands.
    """

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class UnknownFormatError(SourceError):
    """No registered source recognises the file's content."""


class StoreError(EmpriseError):
    """The store could not be opened, migrated, read or written."""


class CatalogError(EmpriseError):
    """The catalog or an organisation overlay is invalid or cannot be loaded."""


class NotFoundError(EmpriseError):
    """A name given by the user matches nothing in the store or the catalog."""
