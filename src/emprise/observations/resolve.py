"""Canonical keys: the same company or product named differently in two files is one node.

Sources key nodes by a slug of whatever the file says ("Microsoft Corp.",
"Azure"). Before records land, the catalog maps those names, purls and country
names to its own ids, so a vendor is ``microsoft`` whichever file named it. What
the catalog does not know keeps its slug: unknown is kept, never guessed.
"""

from __future__ import annotations

import dataclasses
from functools import cached_property

from emprise.model import Asset, Country, Edge, NodeType, Product, Record, Ref, Vendor, slugify

# Names of the data regions (``DATA_REGIONS`` of the catalog), slugified.
_REGION_NAMES = {"eu": "EU", "ue": "EU", "european-union": "EU", "union-europeenne": "EU",
                 "eea": "EEA", "eee": "EEA", "european-economic-area": "EEA",
                 "espace-economique-europeen": "EEA"}


class CatalogResolver:
    """Rewrites record keys to catalog ids; stateless apart from caches."""

    def __init__(self, catalog):
        self.catalog = catalog
        self._vendor_cache: dict[str, str | None] = {}
        self._product_cache: dict[tuple[str | None, str | None], str | None] = {}

    @cached_property
    def _country_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for country in self.catalog.countries.values():
            index[country.code.lower()] = country.code
            for name in (country.name_en, country.name_fr):
                if name:
                    index[slugify(name)] = country.code
        return index

    def country_code(self, text: str | None) -> str | None:
        """ISO code for ``FR``, ``France``, ``Irlande``…; the text itself when unknown."""
        if text is None:
            return None
        try:
            folded = slugify(text)
        except ValueError:
            return text
        return self._country_index.get(text.strip().lower()) or self._country_index.get(folded) or text

    def data_location_code(self, text: str) -> str:
        """``country_code``, plus the data regions: ``EU`` for "EU", "UE", "Union européenne"…,
        ``EEA`` for "EEA", "EEE", "European Economic Area"… ("Europe" alone stays as written)."""
        try:
            folded = slugify(text)
        except ValueError:
            return text
        return _REGION_NAMES.get(folded) or self.country_code(text) or text

    def vendor_id(self, name: str) -> str | None:
        if name not in self._vendor_cache:
            entry = self.catalog.find_vendor(name)
            self._vendor_cache[name] = entry.id if entry else None
        return self._vendor_cache[name]

    def product_id(self, name: str | None, purl: str | None) -> str | None:
        cache_key = (name, purl)
        if cache_key not in self._product_cache:
            entry = None
            if purl:
                entry = self.catalog.product_for_purl(purl)
            if entry is None and name:
                entry = self.catalog.find_product(name)
            self._product_cache[cache_key] = entry.id if entry else None
        return self._product_cache[cache_key]

    def canonical(self, record: Record) -> Record:
        """The record with catalog ids as keys and edges rewritten to match."""
        renamed: dict[Ref, Ref] = {}
        nodes = []
        for node in record.nodes:
            new = node
            if isinstance(node, Vendor):
                vendor_id = self.vendor_id(node.name)
                if vendor_id and vendor_id != node.key:
                    new = dataclasses.replace(node, key=vendor_id)
            elif isinstance(node, Product):
                product_id = self.product_id(node.name, node.purl)
                if product_id and product_id != node.key:
                    new = dataclasses.replace(node, key=product_id)
            elif isinstance(node, Country):
                code = self.country_code(node.key)
                if code and code != node.key:
                    new = dataclasses.replace(node, key=code)
            elif isinstance(node, Asset) and node.data_location is not None:
                code = self.data_location_code(node.data_location)
                if code != node.data_location:
                    new = dataclasses.replace(node, data_location=code)
            if new.key != node.key:
                renamed[Ref(node.TYPE, node.key)] = Ref(new.TYPE, new.key)
            nodes.append(new)
        if not renamed and nodes == list(record.nodes):
            return record
        edges = tuple(
            Edge(edge.kind, renamed.get(edge.src, edge.src), renamed.get(edge.dst, edge.dst))
            for edge in record.edges
        )
        return Record(locator=record.locator, nodes=tuple(nodes), edges=edges)


def default_resolver():
    """A resolver on the shipped catalog (plus the overlay in EMPRISE_CATALOG_OVERLAY)."""
    from emprise.catalog import load_catalog
    from emprise.settings import overlay_path

    return CatalogResolver(load_catalog(overlay=overlay_path()))


__all__ = ["CatalogResolver", "default_resolver", "NodeType"]
