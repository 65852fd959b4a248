"""The compiled catalog: entries by id and the indexes that answer lookups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from emprise.catalog.cpes import cpe_key
from emprise.catalog.entries import (
    CategoryEntry,
    CountryEntry,
    LawEntry,
    ProductEntry,
    VendorEntry,
)
from emprise.catalog.hosts import HostIndex, normalise_host
from emprise.catalog.names import fold, normalise_name
from emprise.catalog.purls import PurlIndex, purl_key
from emprise.catalog.taxids import tax_id_keys
from emprise.errors import NotFoundError

GENAI_ROOT = "generative-ai"


@dataclass(slots=True)
class Catalog:
    """What the catalog knows, and fast answers to "what is this host / package / supplier?".

    Build it with ``build_catalog``; callers get it from ``load_catalog()``. It is
    never modified after it is built.
    """

    vendors: dict[str, VendorEntry]
    products: dict[str, ProductEntry]
    countries: dict[str, CountryEntry]
    laws: dict[str, LawEntry]
    categories: dict[str, CategoryEntry]
    hosts: HostIndex
    product_purls: PurlIndex
    vendor_purls: PurlIndex
    vendor_names: dict[str, tuple[str, ...]]
    product_names: dict[str, tuple[str, ...]]
    sirens: dict[str, str]
    vats: dict[str, str]
    overlay: str | None = None
    cpe_vendors: dict[str, str] = field(default_factory=dict)  # CPE vendor name -> vendor id
    cpe_products: dict[tuple[str, str], str] = field(default_factory=dict)  # (vendor, product) -> product id

    # --- by id -----------------------------------------------------------------

    def vendor(self, vendor_id: str) -> VendorEntry | None:
        """The vendor with this id, or None."""
        return self.vendors.get(vendor_id)

    def product(self, product_id: str) -> ProductEntry | None:
        """The product with this id, or None."""
        return self.products.get(product_id)

    def country(self, code: str) -> CountryEntry | None:
        """The country with this ISO 3166-1 alpha-2 code (any case), or None."""
        return self.countries.get(code.upper())

    def law(self, law_id: str) -> LawEntry | None:
        return self.laws.get(law_id)

    def category(self, category_id: str) -> CategoryEntry | None:
        return self.categories.get(category_id)

    # --- ownership ----------------------------------------------------------------

    def ownership_chain(self, vendor_id: str) -> list[VendorEntry]:
        """``[vendor, parent, …, ultimate parent]``; raises NotFoundError for an unknown id.

        The chain stops where the catalog's knowledge stops: check
        ``ultimate_parent_known`` before presenting its end as the ultimate parent.
        """
        vendor = self.vendors.get(vendor_id)
        if vendor is None:
            raise NotFoundError(f"no vendor {vendor_id!r} in the catalog")
        chain = [vendor]
        seen = {vendor.id}
        while vendor.parent is not None and vendor.parent in self.vendors and vendor.parent not in seen:
            vendor = self.vendors[vendor.parent]
            chain.append(vendor)
            seen.add(vendor.id)
        return chain

    def ultimate_parent(self, vendor_id: str) -> VendorEntry:
        """The top of the ownership chain (the vendor itself when it has no known parent)."""
        return self.ownership_chain(vendor_id)[-1]

    def ultimate_parent_known(self, vendor_id: str) -> bool:
        """Whether the top of the chain is known to be controlled by no one."""
        return self.ownership_chain(vendor_id)[-1].controlled is False

    # --- lookups ------------------------------------------------------------------

    def product_for_host(self, host: str) -> ProductEntry | None:
        """The product whose domain rules claim ``host`` (a host or URL), or None."""
        product_id = self.hosts.lookup(normalise_host(host))
        return None if product_id is None else self.products[product_id]

    def product_for_purl(self, purl: str) -> ProductEntry | None:
        """The product a package URL belongs to (longest rule), or None."""
        key = purl_key(purl)
        if key is None:
            return None
        product_id = self.product_purls.lookup(key)
        return None if product_id is None else self.products[product_id]

    def vendor_for_purl(self, purl: str) -> VendorEntry | None:
        """The vendor behind a package URL: its product's vendor, else a vendor rule."""
        product = self.product_for_purl(purl)
        if product is not None and product.vendor is not None:
            return self.vendors[product.vendor]
        key = purl_key(purl)
        if key is None:
            return None
        vendor_id = self.vendor_purls.lookup(key)
        return None if vendor_id is None else self.vendors[vendor_id]

    def product_for_cpe(self, cpe: str) -> ProductEntry | None:
        """The product a CPE 2.3 formatted string or 2.2 URI names, or None.

        Only the vendor and product fields count (``cpe:2.3:a:microsoft:exchange_server:2019:…``
        is Exchange Server whatever the version).
        """
        key = cpe_key(cpe)
        if key is None:
            return None
        product_id = self.cpe_products.get(key)
        return None if product_id is None else self.products[product_id]

    def vendor_for_cpe(self, cpe: str) -> VendorEntry | None:
        """The vendor behind a CPE name: its product's vendor, else the vendor whose
        ``cpe_vendors`` has the CPE's vendor field, or None."""
        product = self.product_for_cpe(cpe)
        if product is not None and product.vendor is not None:
            return self.vendors[product.vendor]
        key = cpe_key(cpe)
        if key is None:
            return None
        vendor_id = self.cpe_vendors.get(key[0])
        return None if vendor_id is None else self.vendors[vendor_id]

    def vendor_for_tax_id(self, text: str) -> VendorEntry | None:
        """The vendor with this EU VAT number, SIREN or SIRET (checksums verified), or None."""
        siren, vat = tax_id_keys(text)
        vendor_id = (self.vats.get(vat) if vat else None) or (self.sirens.get(siren) if siren else None)
        return None if vendor_id is None else self.vendors[vendor_id]

    def find_vendor(self, name: str) -> VendorEntry | None:
        """The vendor called ``name`` (id, name, legal name or alias, legal form ignored), or None."""
        if name in self.vendors:
            return self.vendors[name]
        ids = self.vendor_names.get(normalise_name(name))
        return self.vendors[ids[0]] if ids else None

    def find_product(self, name: str, vendor_id: str | None = None) -> ProductEntry | None:
        """The product called ``name`` (id, English or French name, alias), or None.

        With ``vendor_id``, only that vendor's products (and its subsidiaries') count.
        Tried in turn: the whole name; the name without a leading vendor name
        ("Microsoft Teams" -> "Teams" among Microsoft's products); then the same with
        trailing words dropped, for edition names ("Zoom Workplace Pro" -> "Zoom
        Workplace", "DeepL Pro Advanced" -> "DeepL Pro").
        """
        group = self._vendor_group(vendor_id) if vendor_id is not None else None
        words = normalise_name(name).split()
        if name in self.products and (group is None or self.products[name].vendor in group):
            return self.products[name]
        for end in range(len(words), 0, -1):
            found = self._find_exact(" ".join(words[:end]), words[:end], group)
            if found is not None:
                return found
        if vendor_id is not None and vendor_id in self.vendors:
            # "Copilot" of GitHub is named "GitHub Copilot".
            vendor = self.vendors[vendor_id]
            for vendor_name in (vendor.name, *vendor.aliases):
                prefixed = normalise_name(f"{vendor_name} {name}").split()
                found = self._find_exact(" ".join(prefixed), prefixed, group)
                if found is not None:
                    return found
        return None

    def _find_exact(self, text: str, words: list[str], group: set[str] | None) -> ProductEntry | None:
        for product_id in self.product_names.get(text, ()):
            if group is None or self.products[product_id].vendor in group:
                return self.products[product_id]
        for cut in range(len(words) - 1, 0, -1):
            vendor_ids = self.vendor_names.get(" ".join(words[:cut]), ())
            if not vendor_ids:
                continue
            vendor_group = set().union(*(self._vendor_group(v) for v in vendor_ids))
            if group is not None:
                vendor_group &= group
            for product_id in self.product_names.get(" ".join(words[cut:]), ()):
                if self.products[product_id].vendor in vendor_group:
                    return self.products[product_id]
        return None

    def _vendor_group(self, vendor_id: str) -> set[str]:
        """The vendor and every vendor it controls, directly or not."""
        group = {vendor_id}
        grew = True
        while grew:
            grew = False
            for vendor in self.vendors.values():
                if vendor.parent in group and vendor.id not in group:
                    group.add(vendor.id)
                    grew = True
        return group

    # --- browsing -----------------------------------------------------------------

    def products_of(self, vendor_id: str) -> list[ProductEntry]:
        """The products the vendor itself makes (not its subsidiaries')."""
        return [p for p in self.products.values() if p.vendor == vendor_id]

    def subsidiaries(self, vendor_id: str) -> list[VendorEntry]:
        """Vendors whose direct parent is ``vendor_id``."""
        return [v for v in self.vendors.values() if v.parent == vendor_id]

    def category_root(self, category_id: str | None) -> str | None:
        """The top of a category's branch (``genai-chat`` -> ``generative-ai``)."""
        seen = set()
        while category_id is not None and category_id in self.categories and category_id not in seen:
            seen.add(category_id)
            parent = self.categories[category_id].parent
            if parent is None:
                return category_id
            category_id = parent
        return category_id

    def is_ai_service(self, product: ProductEntry) -> bool:
        """Whether the product is a generative-AI service (its category is under ``generative-ai``)."""
        return self.category_root(product.category) == GENAI_ROOT

    def search(self, text: str, limit: int = 50) -> list[ProductEntry | VendorEntry]:
        """Products and vendors whose id, names or aliases contain ``text``; best matches first."""
        needle = fold(text).strip()
        if not needle:
            return []
        scored: list[tuple[int, str, ProductEntry | VendorEntry]] = []
        for entry in [*self.vendors.values(), *self.products.values()]:
            names = [entry.id, entry.name, *entry.aliases]
            names += [entry.name_fr] if isinstance(entry, ProductEntry) and entry.name_fr else []
            names += [entry.legal_name] if isinstance(entry, VendorEntry) and entry.legal_name else []
            best = None
            for candidate in names:
                folded = fold(candidate)
                if folded == needle:
                    rank = 0
                elif folded.startswith(needle):
                    rank = 1
                elif needle in folded:
                    rank = 2
                else:
                    continue
                best = rank if best is None else min(best, rank)
            if best is not None:
                scored.append((best, entry.id, entry))
        scored.sort(key=lambda item: (item[0], isinstance(item[2], ProductEntry), item[1]))
        return [entry for _, _, entry in scored[:limit]]

    def stats(self) -> dict:
        """Counts for ``emprise catalog stats``: entries, sourced facts, by category and country."""
        facts = 0
        by_kind: dict[str, dict[str, int]] = {}
        by_fact: Counter = Counter()
        for kind, table in (("vendors", self.vendors), ("products", self.products),
                            ("countries", self.countries), ("laws", self.laws)):
            counts = by_kind[kind] = {"facts": 0, "checked": 0}
            for entry in table.values():
                counts["facts"] += len(entry.sources)
                for fact, ref in entry.sources.items():
                    if ref.check is not None:
                        counts["checked"] += 1
                        # country and law facts as their log names them: country:eu, law:summary
                        by_fact[{"countries": "country:", "laws": "law:"}.get(kind, "") + fact] += 1
            facts += counts["facts"]
        acquisitions = [a for v in self.vendors.values() for a in v.acquisitions]
        by_kind["vendors"]["facts"] += len(acquisitions)
        checked_acquisitions = sum(1 for a in acquisitions if a.ref.check is not None)
        by_kind["vendors"]["checked"] += checked_acquisitions
        if checked_acquisitions:
            by_fact["acquisition"] += checked_acquisitions
        facts += len(acquisitions)
        extra_alternatives = sum(max(len(p.alternatives) - 1, 0) for p in self.products.values())
        by_kind["products"]["facts"] += extra_alternatives
        facts += extra_alternatives
        facts_checked = sum(counts["checked"] for counts in by_kind.values())
        with_country = [v for v in self.vendors.values() if v.country is not None]
        with_parent = [v for v in with_country if self.ultimate_parent_known(v.id)]
        by_category = Counter(self.category_root(p.category) or "unknown" for p in self.products.values())
        by_country = Counter(v.country or "unknown" for v in self.vendors.values())
        ai = [p for p in self.products.values() if self.is_ai_service(p)]
        return {
            "products": len(self.products),
            "ai_services": len(ai),
            "vendors": len(self.vendors),
            "vendors_with_country": len(with_country),
            "vendors_with_country_and_parent": len(with_parent),
            "countries": len(self.countries),
            "laws": len(self.laws),
            "categories": len(self.categories),
            "domain_rules": sum(len(p.domains) for p in self.products.values()),
            "facts": facts,
            # Unsourced facts are refused when compiling, so every fact that
            # reaches a compiled catalog has one; the key is kept to make it visible.
            "facts_sourced": facts,
            # Checked: someone opened a public page and it supported the fact (data/checks/*.csv);
            # every other fact is drafted, its source not yet opened to confirm it.
            "facts_checked": facts_checked,
            "facts_drafted": facts - facts_checked,
            "facts_checked_by_kind": by_kind,
            "facts_checked_by_fact": dict(sorted(by_fact.items(), key=lambda item: (-item[1], item[0]))),
            "products_by_category": dict(by_category.most_common()),
            "vendors_by_country": dict(by_country.most_common()),
            "overlay": self.overlay,
        }

    def entries(self) -> Iterator[VendorEntry | ProductEntry]:
        yield from self.vendors.values()
        yield from self.products.values()
