"""Turn the catalog's YAML files into entries, and check them.

Two stages, each reporting every problem as ``FILE:LINE: reason``:

- ``parse_file`` reads one file into entries and checks its schema, and that
  every fact has a ``source`` and an ``as_of`` (stated on the fact, on its entry,
  or as the file's default).
- ``validate`` checks the entries together: references (vendor of a product,
  parent of a vendor, hosting, alternatives, countries, laws, categories), no
  ownership cycle, and no domain rule claimed by two products without a
  ``precedence`` that settles it.

Both are pure functions of their input; the loader decides what to cache.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from emprise.catalog.entries import (
    CERTIFICATIONS,
    DATA_REGIONS,
    AIFacts,
    Acquisition,
    Adequacy,
    Alternative,
    CategoryEntry,
    CountryEntry,
    DomainRule,
    EnvironmentFacts,
    Fit,
    LawEntry,
    Ownership,
    ProductEntry,
    RuleKind,
    Sanction,
    SourceRef,
    VendorEntry,
)
from emprise.catalog.yamlread import LineDict, LineList, load_yaml
from emprise.errors import CatalogError


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a catalog or overlay file."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class CatalogValidationError(CatalogError):
    """The catalog (or an overlay) has problems; ``issues`` lists each one."""

    def __init__(self, issues: Iterable[Issue]):
        self.issues = tuple(sorted(issues, key=lambda i: (i.file, i.line, i.reason)))
        super().__init__("\n".join(str(issue) for issue in self.issues))


@dataclass(slots=True)
class Parsed:
    """Entries read from one or more files, with the problems met on the way."""

    vendors: list[VendorEntry] = field(default_factory=list)
    products: list[ProductEntry] = field(default_factory=list)
    countries: list[CountryEntry] = field(default_factory=list)
    laws: list[LawEntry] = field(default_factory=list)
    categories: list[CategoryEntry] = field(default_factory=list)
    sanctions: list[tuple[str, Sanction, str, int]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    def extend(self, other: "Parsed") -> None:
        for name in ("vendors", "products", "countries", "laws", "categories", "sanctions", "issues"):
            getattr(self, name).extend(getattr(other, name))


class _Bad(Exception):
    """A value that does not fit its field; caught and turned into an Issue."""


ID_RE = re.compile(r"^[a-z0-9][a-z0-9.+-]*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_NO_PARENT = "none"  # ``parent: none``: sourced fact that no one controls the vendor


# --- field converters -------------------------------------------------------------


def _str(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _Bad(f"expected text, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise _Bad("empty text (leave the field out when unknown)")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"expected true or false, got {value!r}")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected a whole number, got {value!r}")
    return value


def _id(value: Any) -> str:
    text = _str(value)
    if not ID_RE.match(text):
        raise _Bad(f"{text!r} is not an id (lower-case letters, digits, '.', '+', '-')")
    return text


def _country(value: Any) -> str:
    text = _str(value)
    if not COUNTRY_RE.match(text):
        raise _Bad(f"{text!r} is not an ISO 3166-1 alpha-2 code (two upper-case letters)")
    return text


def _strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(f"expected a list, got {type(value).__name__}")
    return tuple(_str(item) for item in value)


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Bad(f"expected a list, got {type(value).__name__}")
    return tuple(_id(item) for item in value)


def _data_locations(value: Any) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes, or regions (``EU``, ``EEA``) when no country is named."""
    if not isinstance(value, list):
        raise _Bad(f"expected a list, got {type(value).__name__}")
    codes = []
    for item in value:
        text = _str(item)
        if text not in DATA_REGIONS and not COUNTRY_RE.match(text):
            raise _Bad(f"{text!r} is neither an ISO 3166-1 alpha-2 code (two upper-case letters) "
                       f"nor a region ({', '.join(DATA_REGIONS)})")
        codes.append(text)
    return tuple(codes)


def _enum(kind: type) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        try:
            return kind(_str(value))
        except ValueError:
            valid = ", ".join(member.value for member in kind)
            raise _Bad(f"{value!r} is not one of: {valid}") from None

    return convert


def _certifications(value: Any) -> tuple[str, ...]:
    names = _strs(value)
    unknown = [name for name in names if name not in CERTIFICATIONS]
    if unknown:
        raise _Bad(f"unknown certification {unknown[0]!r} (known: {', '.join(sorted(CERTIFICATIONS))})")
    return names


def _purls(value: Any) -> tuple[str, ...]:
    from emprise.catalog.purls import check_purl_rule

    rules = _strs(value)
    for rule in rules:
        problem = check_purl_rule(rule)
        if problem:
            raise _Bad(problem)
    return rules


def _cpe_vendors(value: Any) -> tuple[str, ...]:
    """CPE vendor names (``microsoft``, ``glpi-project``)."""
    from emprise.catalog.cpes import check_cpe_name

    names = _strs(value)
    for name in names:
        problem = check_cpe_name(name, vendor=True)
        if problem:
            raise _Bad(problem)
    return names


def _cpe_products(value: Any) -> tuple[str, ...]:
    """CPE product names, bare (``exchange_server``: under the vendor's ``cpe_vendors``)
    or ``vendor:product`` (``lemonldap-ng:lemonldap::ng``)."""
    from emprise.catalog.cpes import check_cpe_name

    names = _strs(value)
    for name in names:
        vendor, sep, product = name.partition(":")
        problem = (check_cpe_name(vendor, vendor=True) or check_cpe_name(product)) if sep else check_cpe_name(name)
        if problem:
            raise _Bad(problem)
    return names


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"expected a number, got {value!r}")
    return float(value)


PUE_RANGE = (1.0, 3.0)


def _pue(value: Any) -> float:
    """A power usage effectiveness: total facility energy / IT energy, so at least 1.0."""
    number = _number(value)
    low, high = PUE_RANGE
    if not low <= number <= high:
        raise _Bad(f"a PUE is between {low} and {high} (total facility energy / IT energy), got {value!r}")
    return number


def _share(value: Any) -> float:
    """A share from 0 to 1 (0.78 for 78 %)."""
    number = _number(value)
    if not 0.0 <= number <= 1.0:
        hint = f" (write {number / 100:g} for {value} %)" if 1.0 < number <= 100.0 else ""
        raise _Bad(f"expected a share from 0 to 1, got {value!r}{hint}")
    return number


def _url_or_ref(value: Any) -> str:
    return _str(value)


# --- sourced facts ----------------------------------------------------------------


@dataclass(slots=True)
class _Ctx:
    """What a file says by default, and where problems are collected."""

    file: str
    source: str | None
    as_of: date | None
    issues: list[Issue]

    def issue(self, line: int, reason: str) -> None:
        self.issues.append(Issue(self.file, line, reason))


def _defaults(mapping: LineDict, ctx: _Ctx) -> tuple[str | None, date | None]:
    """The ``source``/``as_of`` an entry gives its facts, falling back on the file's."""
    source, as_of = ctx.source, ctx.as_of
    if "source" in mapping:
        try:
            source = _url_or_ref(mapping["source"])
        except _Bad as bad:
            ctx.issue(mapping.line_of("source"), f"source: {bad}")
    if "as_of" in mapping:
        if isinstance(mapping["as_of"], date):
            as_of = mapping["as_of"]
        else:
            ctx.issue(mapping.line_of("as_of"), f"as_of: expected a date (YYYY-MM-DD), got {mapping['as_of']!r}")
    return source, as_of


def _fact(
    mapping: LineDict,
    key: str,
    convert: Callable[[Any], Any],
    ctx: _Ctx,
    defaults: tuple[str | None, date | None],
    sources: dict[str, SourceRef],
    fact_name: str | None = None,
) -> Any:
    """Read ``mapping[key]`` (plain, or ``{value, source, as_of}``) as a sourced fact.

    Returns the converted value, or None when absent or invalid (an Issue is then
    recorded). The fact's SourceRef goes into ``sources`` under ``fact_name``.
    """
    if key not in mapping:
        return None
    raw = mapping[key]
    line = mapping.line_of(key)
    source, as_of = defaults
    if isinstance(raw, LineDict) and "value" in raw:
        extra = set(raw) - {"value", "source", "as_of"}
        if extra:
            ctx.issue(raw.line_of(sorted(extra)[0]), f"{key}: unexpected key {sorted(extra)[0]!r} beside 'value'")
        source, as_of = _defaults(raw, _Ctx(ctx.file, source, as_of, ctx.issues))
        raw = raw["value"]
    if raw is None:
        ctx.issue(line, f"{key}: empty value (leave the field out when unknown)")
        return None
    try:
        value = convert(raw)
    except _Bad as bad:
        ctx.issue(line, f"{key}: {bad}")
        return None
    if source is None:
        ctx.issue(line, f"fact {key!r} has no source")
    if as_of is None:
        ctx.issue(line, f"fact {key!r} has no as_of date")
    if source is not None and as_of is not None:
        sources[fact_name or key] = SourceRef(source, as_of, ctx.file, line)
    return value


def _check_keys(mapping: LineDict, allowed: set[str], what: str, ctx: _Ctx) -> None:
    for key in mapping:
        if key not in allowed:
            ctx.issue(mapping.line_of(key), f"{what}: unknown field {key!r} (expected one of: {', '.join(sorted(allowed))})")


def _required_id(mapping: LineDict, what: str, ctx: _Ctx, key: str = "id") -> str | None:
    if key not in mapping:
        ctx.issue(mapping.line, f"{what} without {key!r}")
        return None
    try:
        return _id(mapping[key])
    except _Bad as bad:
        ctx.issue(mapping.line_of(key), f"{key}: {bad}")
        return None


def _items(
    mapping: LineDict, key: str, ctx: _Ctx, defaults: tuple[str | None, date | None]
) -> Iterator[tuple[Any, int, tuple[str | None, date | None]]]:
    """Items of a list field that may be wrapped as ``{value: [...], source, as_of}``,
    each with the source and date its item falls back on."""
    raw = mapping[key]
    source, as_of = defaults
    if isinstance(raw, LineDict) and "value" in raw:
        source, as_of = _defaults(raw, _Ctx(ctx.file, source, as_of, ctx.issues))
        raw = raw["value"]
    if not isinstance(raw, LineList):
        ctx.issue(mapping.line_of(key), f"{key}: expected a list")
        return
    for item, line in zip(raw, raw.item_lines):
        yield item, line, (source, as_of)


# --- entry parsers ----------------------------------------------------------------

VENDOR_FACTS: dict[str, Callable[[Any], Any]] = {
    "name": _str,
    "legal_name": _str,
    "aliases": _strs,
    "country": _country,
    "ownership": _enum(Ownership),
    "siren": _str,
    "vat": _str,
    "website": _str,
    "purls": _purls,
    "cpe_vendors": _cpe_vendors,
}
VENDOR_KEYS = set(VENDOR_FACTS) | {"id", "parent", "acquisitions", "environment", "source", "as_of", "products",
                                   "note"}


def _parse_vendor(mapping: Any, line: int, ctx: _Ctx) -> VendorEntry | None:
    if not isinstance(mapping, LineDict):
        ctx.issue(line, "a vendor must be a mapping")
        return None
    _check_keys(mapping, VENDOR_KEYS - {"products"}, "vendor", ctx)
    vendor_id = _required_id(mapping, "vendor", ctx)
    if "name" not in mapping:
        ctx.issue(mapping.line, "vendor without 'name'")
    defaults = _defaults(mapping, ctx)
    sources: dict[str, SourceRef] = {}
    values = {key: _fact(mapping, key, conv, ctx, defaults, sources) for key, conv in VENDOR_FACTS.items()}
    parent = _fact(mapping, "parent", _id, ctx, defaults, sources)
    controlled = None if parent is None and "parent" not in sources else parent != _NO_PARENT
    if parent == _NO_PARENT:
        parent = None
    acquisitions = []
    if "acquisitions" in mapping:
        for item, item_line, item_defaults in _items(mapping, "acquisitions", ctx, defaults):
            acquisition = _parse_acquisition(item, item_line, ctx, item_defaults)
            if acquisition is not None:
                acquisitions.append(acquisition)
    environment = _parse_environment(mapping, ctx, defaults, sources)
    if vendor_id is None or values["name"] is None:
        return None
    for key in ("siren", "vat"):
        if values[key] is not None:
            problem = _check_tax_id(key, values[key])
            if problem:
                ctx.issue(mapping.line_of(key), problem)
    return VendorEntry(
        id=vendor_id,
        name=values["name"],
        legal_name=values["legal_name"],
        aliases=values["aliases"] or (),
        country=values["country"],
        parent=parent,
        controlled=controlled,
        ownership=values["ownership"],
        siren=values["siren"],
        vat=values["vat"],
        website=values["website"],
        acquisitions=tuple(acquisitions),
        purls=values["purls"] or (),
        cpe_vendors=values["cpe_vendors"] or (),
        environment=environment,
        file=ctx.file,
        line=mapping.line,
        sources=sources,
    )


def _check_tax_id(kind: str, value: str) -> str | None:
    """A reason when a SIREN or EU VAT number fails its checksum, else None."""
    from emprise.catalog.taxids import invalid_tax_id_reason

    return invalid_tax_id_reason(kind, value)


def _parse_acquisition(item: Any, line: int, ctx: _Ctx, defaults: tuple[str | None, date | None]) -> Acquisition | None:
    if not isinstance(item, LineDict):
        ctx.issue(line, "acquisitions: each item must be a mapping with acquirer, year, source")
        return None
    _check_keys(item, {"acquirer", "year", "source", "as_of", "note"}, "acquisition", ctx)
    source, as_of = _defaults(item, _Ctx(ctx.file, defaults[0], defaults[1], ctx.issues))
    try:
        acquirer = _id(item["acquirer"])
        year = _int(item["year"])
    except KeyError as missing:
        ctx.issue(item.line, f"acquisition without {missing.args[0]!r}")
        return None
    except _Bad as bad:
        ctx.issue(item.line, f"acquisition: {bad}")
        return None
    if source is None or as_of is None:
        ctx.issue(item.line, "acquisition has no source" if source is None else "acquisition has no as_of date")
        return None
    return Acquisition(acquirer, year, SourceRef(source, as_of, ctx.file, item.line))


PRODUCT_FACTS: dict[str, Callable[[Any], Any]] = {
    "name": _str,
    "name_fr": _str,
    "aliases": _strs,
    "category": _id,
    "vendor": _id,
    "website": _str,
    "purls": _purls,
    "hosting": _ids,
    "data_locations": _data_locations,
    "certifications": _certifications,
    "open_source": _bool,
    "licence": _str,
    "sill": _bool,
    "cpe": _cpe_products,
}
PRODUCT_KEYS = set(PRODUCT_FACTS) | {"id", "domains", "ai", "environment", "alternatives", "source", "as_of", "note",
                                     "sanction"}
AI_FACTS = {"trains_on_inputs": _bool, "retention": _str, "enterprise_tier": _bool}
# What a provider discloses of its data centres (SOV-8); ``environment.pue`` in sources and logs.
ENVIRONMENT_FACTS = {"pue": _pue, "renewable_share": _share, "carbon_report": _bool}


def _parse_product(mapping: Any, line: int, ctx: _Ctx, default_vendor: str | None, overlay: bool) -> ProductEntry | None:
    if not isinstance(mapping, LineDict):
        ctx.issue(line, "a product must be a mapping")
        return None
    allowed = PRODUCT_KEYS if overlay else PRODUCT_KEYS - {"sanction"}
    _check_keys(mapping, allowed, "product", ctx)
    product_id = _required_id(mapping, "product", ctx)
    defaults = _defaults(mapping, ctx)
    sources: dict[str, SourceRef] = {}
    values = {key: _fact(mapping, key, conv, ctx, defaults, sources) for key, conv in PRODUCT_FACTS.items()}
    if values["vendor"] is None and "vendor" not in mapping and default_vendor is not None:
        values["vendor"] = default_vendor
        vendor_line = mapping.line
        if defaults[0] is not None and defaults[1] is not None:
            sources["vendor"] = SourceRef(defaults[0], defaults[1], ctx.file, vendor_line)
    ai = None
    if "ai" in mapping:
        raw = mapping["ai"]
        if not isinstance(raw, LineDict):
            ctx.issue(mapping.line_of("ai"), "ai: expected a mapping (trains_on_inputs, retention, enterprise_tier)")
        else:
            _check_keys(raw, set(AI_FACTS) | {"source", "as_of"}, "ai", ctx)
            ai_defaults = _defaults(raw, _Ctx(ctx.file, defaults[0], defaults[1], ctx.issues))
            ai = AIFacts(**{k: _fact(raw, k, conv, ctx, ai_defaults, sources, f"ai.{k}") for k, conv in AI_FACTS.items()})
    environment = _parse_environment(mapping, ctx, defaults, sources)
    domains = _parse_domains(mapping, ctx, product_id, defaults, sources) if "domains" in mapping else ()
    alternatives = []
    if "alternatives" in mapping:
        for item, item_line, item_defaults in _items(mapping, "alternatives", ctx, defaults):
            alternative = _parse_alternative(item, item_line, ctx, item_defaults)
            if alternative is not None:
                alternatives.append(alternative)
        if alternatives:
            sources["alternatives"] = alternatives[0].ref
    sanction = None
    if "sanction" in mapping:
        try:
            sanction = _enum(Sanction)(mapping["sanction"])
        except _Bad as bad:
            ctx.issue(mapping.line_of("sanction"), f"sanction: {bad}")
    if product_id is None:
        return None
    if values["name"] is None:
        if "name" not in mapping and not overlay:
            ctx.issue(mapping.line, "product without 'name'")
        values["name"] = product_id if overlay else None
        if values["name"] is None:
            return None
    return ProductEntry(
        id=product_id,
        name=values["name"],
        name_fr=values["name_fr"],
        aliases=values["aliases"] or (),
        category=values["category"],
        vendor=values["vendor"],
        website=values["website"],
        domains=domains,
        purls=values["purls"] or (),
        hosting=values["hosting"] or (),
        data_locations=values["data_locations"] or (),
        certifications=values["certifications"] or (),
        open_source=values["open_source"],
        licence=values["licence"],
        sill=values["sill"],
        ai=ai,
        environment=environment,
        alternatives=tuple(alternatives),
        sanction=sanction,
        internal=overlay,
        cpe=values["cpe"] or (),
        file=ctx.file,
        line=mapping.line,
        sources=sources,
    )


def _parse_environment(
    mapping: LineDict, ctx: _Ctx, defaults: tuple[str | None, date | None], sources: dict[str, SourceRef]
) -> EnvironmentFacts | None:
    """The ``environment`` block of a product or vendor (facts ``environment.pue`` …), or None."""
    if "environment" not in mapping:
        return None
    raw = mapping["environment"]
    if not isinstance(raw, LineDict):
        ctx.issue(mapping.line_of("environment"),
                  "environment: expected a mapping (pue, renewable_share, carbon_report)")
        return None
    _check_keys(raw, set(ENVIRONMENT_FACTS) | {"source", "as_of", "note"}, "environment", ctx)
    env_defaults = _defaults(raw, _Ctx(ctx.file, defaults[0], defaults[1], ctx.issues))
    values = {k: _fact(raw, k, conv, ctx, env_defaults, sources, f"environment.{k}")
              for k, conv in ENVIRONMENT_FACTS.items()}
    return EnvironmentFacts(**values) if any(v is not None for v in values.values()) else None


def _parse_alternative(item: Any, line: int, ctx: _Ctx, defaults: tuple[str | None, date | None]) -> Alternative | None:
    if not isinstance(item, LineDict):
        ctx.issue(line, "alternatives: each item must be a mapping with product and fit")
        return None
    _check_keys(item, {"product", "fit", "source", "as_of", "note"}, "alternative", ctx)
    source, as_of = _defaults(item, _Ctx(ctx.file, defaults[0], defaults[1], ctx.issues))
    try:
        product = _id(item["product"])
        fit = _enum(Fit)(item["fit"])
    except KeyError as missing:
        ctx.issue(item.line, f"alternative without {missing.args[0]!r}")
        return None
    except _Bad as bad:
        ctx.issue(item.line, f"alternative: {bad}")
        return None
    if source is None or as_of is None:
        ctx.issue(item.line, "alternative has no source" if source is None else "alternative has no as_of date")
        return None
    return Alternative(product, fit, SourceRef(source, as_of, ctx.file, item.line))


_RULE_PREFIXES = {"full": RuleKind.FULL, "domain": RuleKind.SUFFIX, "regexp": RuleKind.REGEXP, "keyword": RuleKind.KEYWORD}
_HOST_RE = re.compile(r"^[a-z0-9*_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$")


def parse_rule(text: str) -> tuple[RuleKind, str]:
    """Split a v2fly rule (``full:x``, ``regexp:x``, ``keyword:x``, bare ``x``) into kind and value.

    Raises ValueError for an unknown prefix, an ``include:`` (resolve it when
    drafting) or a malformed host or regular expression.
    """
    prefix, sep, rest = text.partition(":")
    if sep and prefix in _RULE_PREFIXES:
        kind, value = _RULE_PREFIXES[prefix], rest.strip()
    elif sep and prefix == "include":
        raise ValueError("include: rules are resolved when drafting; list the domains themselves")
    elif sep:
        raise ValueError(f"unknown rule prefix {prefix!r} (expected full:, domain:, regexp:, keyword: or none)")
    else:
        kind, value = RuleKind.SUFFIX, text.strip()
    if kind is RuleKind.REGEXP:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
        return kind, value
    value = value.lower().rstrip(".")
    if kind is RuleKind.KEYWORD:
        if not value or any(c.isspace() for c in value):
            raise ValueError(f"invalid keyword {value!r}")
        return kind, value
    if not _HOST_RE.match(value):
        raise ValueError(f"{value!r} is not a host name")
    return kind, value


def _parse_domains(
    mapping: LineDict, ctx: _Ctx, product_id: str | None, defaults: tuple[str | None, date | None], sources: dict[str, SourceRef]
) -> tuple[DomainRule, ...]:
    rules = []
    field_line = mapping.line_of("domains")
    raw = mapping["domains"]
    list_defaults = defaults
    if isinstance(raw, LineDict) and "value" in raw:
        list_defaults = _defaults(raw, _Ctx(ctx.file, defaults[0], defaults[1], ctx.issues))
        raw = raw["value"]
    if not isinstance(raw, LineList):
        ctx.issue(field_line, "domains: expected a list of rules")
        return ()
    if list_defaults[0] is None or list_defaults[1] is None:
        ctx.issue(field_line, "fact 'domains' has no source" if list_defaults[0] is None else "fact 'domains' has no as_of date")
        return ()
    sources["domains"] = SourceRef(list_defaults[0], list_defaults[1], ctx.file, field_line)
    for item, line in zip(raw, raw.item_lines):
        precedence, public_suffix, source, as_of = 0, False, list_defaults[0], list_defaults[1]
        if isinstance(item, LineDict):
            _check_keys(item, {"rule", "precedence", "public_suffix", "source", "as_of"}, "domain rule", ctx)
            source, as_of = _defaults(item, _Ctx(ctx.file, source, as_of, ctx.issues))
            try:
                text = _str(item["rule"])
                precedence = _int(item["precedence"]) if "precedence" in item else 0
                public_suffix = _bool(item["public_suffix"]) if "public_suffix" in item else False
            except KeyError:
                ctx.issue(line, "domain rule without 'rule'")
                continue
            except _Bad as bad:
                ctx.issue(line, f"domain rule: {bad}")
                continue
        elif isinstance(item, str):
            text = item
        else:
            ctx.issue(line, f"domain rule: expected text or a mapping, got {item!r}")
            continue
        try:
            kind, value = parse_rule(text)
        except ValueError as exc:
            ctx.issue(line, f"domain rule: {exc}")
            continue
        if product_id is not None:
            rules.append(DomainRule(kind, value, product_id, precedence, public_suffix, SourceRef(source, as_of, ctx.file, line)))
    return tuple(rules)


def slim_rules(rules: tuple[DomainRule, ...], list_ref: SourceRef | None) -> tuple[DomainRule, ...]:
    """The rules with ``ref`` dropped where it only repeats the list's source and date.

    Compiled catalogs keep tens of thousands of rules: a SourceRef each would make
    loading the cache several times slower for no information.
    """
    if list_ref is None:
        return rules
    return tuple(
        rule
        if rule.ref is None or (rule.ref.source, rule.ref.as_of) != (list_ref.source, list_ref.as_of)
        else DomainRule(rule.kind, rule.value, rule.product, rule.precedence, rule.public_suffix, None)
        for rule in rules
    )


COUNTRY_KEYS = {"code", "name_en", "name_fr", "eu", "eea", "gdpr_adequacy", "laws", "source", "as_of", "note"}
COUNTRY_FACTS: dict[str, Callable[[Any], Any]] = {
    "name_en": _str,
    "name_fr": _str,
    "eu": _bool,
    "eea": _bool,
    "gdpr_adequacy": _enum(Adequacy),
    "laws": _ids,
}


def _parse_country(mapping: Any, line: int, ctx: _Ctx) -> CountryEntry | None:
    if not isinstance(mapping, LineDict):
        ctx.issue(line, "a country must be a mapping")
        return None
    _check_keys(mapping, COUNTRY_KEYS, "country", ctx)
    try:
        code = _country(mapping["code"])
    except KeyError:
        ctx.issue(mapping.line, "country without 'code'")
        return None
    except _Bad as bad:
        ctx.issue(mapping.line_of("code"), f"code: {bad}")
        return None
    defaults = _defaults(mapping, ctx)
    sources: dict[str, SourceRef] = {}
    values = {key: _fact(mapping, key, conv, ctx, defaults, sources) for key, conv in COUNTRY_FACTS.items()}
    if values["name_en"] is None:
        ctx.issue(mapping.line, "country without 'name_en'")
        return None
    return CountryEntry(
        code=code,
        name_en=values["name_en"],
        name_fr=values["name_fr"],
        eu=values["eu"],
        eea=values["eea"],
        gdpr_adequacy=values["gdpr_adequacy"],
        laws=values["laws"] or (),
        file=ctx.file,
        line=mapping.line,
        sources=sources,
    )


LAW_FACTS: dict[str, Callable[[Any], Any]] = {
    "name": _str,
    "name_fr": _str,
    "country": _country,
    "extraterritorial": _bool,
    "summary": _str,
    "summary_fr": _str,
}


def _parse_law(mapping: Any, line: int, ctx: _Ctx) -> LawEntry | None:
    if not isinstance(mapping, LineDict):
        ctx.issue(line, "a law must be a mapping")
        return None
    _check_keys(mapping, set(LAW_FACTS) | {"id", "source", "as_of", "note"}, "law", ctx)
    law_id = _required_id(mapping, "law", ctx)
    defaults = _defaults(mapping, ctx)
    sources: dict[str, SourceRef] = {}
    values = {key: _fact(mapping, key, conv, ctx, defaults, sources) for key, conv in LAW_FACTS.items()}
    if law_id is None or values["name"] is None:
        if values["name"] is None:
            ctx.issue(mapping.line, "law without 'name'")
        return None
    return LawEntry(id=law_id, file=ctx.file, line=mapping.line, sources=sources, **values)


def _parse_category(mapping: Any, line: int, ctx: _Ctx) -> CategoryEntry | None:
    if not isinstance(mapping, LineDict):
        ctx.issue(line, "a category must be a mapping")
        return None
    _check_keys(mapping, {"id", "en", "fr", "parent"}, "category", ctx)
    category_id = _required_id(mapping, "category", ctx)
    try:
        name_en, name_fr = _str(mapping["en"]), _str(mapping["fr"])
        parent = _id(mapping["parent"]) if "parent" in mapping else None
    except KeyError as missing:
        ctx.issue(mapping.line, f"category without {missing.args[0]!r}")
        return None
    except _Bad as bad:
        ctx.issue(mapping.line, f"category: {bad}")
        return None
    if category_id is None:
        return None
    return CategoryEntry(category_id, name_en, name_fr, parent, ctx.file, mapping.line)


# --- files ------------------------------------------------------------------------

FILE_KEYS = {"source", "as_of", "vendor", "vendors", "products", "countries", "laws", "categories", "note"}
OVERLAY_KEYS = {"source", "as_of", "vendors", "products", "sanctions", "note"}


def parse_file(path: Path, display_name: str, *, overlay: bool = False) -> Parsed:
    """Read one catalog file (or an organisation overlay) into entries.

    Returns the entries with the problems found (never raises for bad content,
    so one run reports every problem). Raises CatalogError only when the file
    cannot be read or is not YAML at all.
    """
    parsed = Parsed()
    document = load_yaml(path, display_name)
    ctx = _Ctx(display_name, None, None, parsed.issues)
    if document is None:
        return parsed
    if not isinstance(document, LineDict):
        ctx.issue(1, "a catalog file must be a mapping at the top level")
        return parsed
    _check_keys(document, OVERLAY_KEYS if overlay else FILE_KEYS, "file", ctx)
    ctx.source, ctx.as_of = _defaults(document, ctx)
    if overlay and ctx.source is None:
        # An organisation's overlay is its own statement: the file is the source.
        ctx.source = f"overlay:{path.name}"
    default_vendor = None
    if "vendor" in document:
        vendor = _parse_vendor(document["vendor"], document.line_of("vendor"), ctx)
        if vendor is not None:
            parsed.vendors.append(vendor)
            default_vendor = vendor.id
    for key, parse, target in (
        ("vendors", _parse_vendor, parsed.vendors),
        ("countries", _parse_country, parsed.countries),
        ("laws", _parse_law, parsed.laws),
        ("categories", _parse_category, parsed.categories),
    ):
        if key not in document:
            continue
        items = document[key]
        if not isinstance(items, LineList):
            ctx.issue(document.line_of(key), f"{key}: expected a list")
            continue
        for item, line in zip(items, items.item_lines):
            entry = parse(item, line, ctx)
            if entry is not None:
                target.append(entry)
    if "products" in document:
        items = document["products"]
        if not isinstance(items, LineList):
            ctx.issue(document.line_of("products"), "products: expected a list")
        else:
            for item, line in zip(items, items.item_lines):
                product = _parse_product(item, line, ctx, default_vendor, overlay)
                if product is not None:
                    parsed.products.append(product)
    if overlay and "sanctions" in document:
        table = document["sanctions"]
        if not isinstance(table, LineDict):
            ctx.issue(document.line_of("sanctions"), "sanctions: expected a mapping of product id to sanctioned/tolerated/forbidden")
        else:
            for product_id, value in table.items():
                try:
                    parsed.sanctions.append((_id(product_id), _enum(Sanction)(value), display_name, table.line_of(product_id)))
                except _Bad as bad:
                    ctx.issue(table.line_of(product_id), f"sanctions: {bad}")
    return parsed


def parse_tree(root: Path) -> Parsed:
    """Read every ``*.yaml`` file under ``root`` (sorted, so results are stable)."""
    parsed = Parsed()
    for path in sorted(root.rglob("*.yaml")):
        display = path.relative_to(root).as_posix()
        try:
            parsed.extend(parse_file(path, display))
        except CatalogError as exc:
            parsed.issues.append(_issue_from_error(display, exc))
    return parsed


def _issue_from_error(display: str, exc: CatalogError) -> Issue:
    text = str(exc)
    head, _, reason = text.partition(": ")
    file, _, line = head.rpartition(":")
    if file == display and line.isdigit():
        return Issue(display, int(line), reason)
    return Issue(display, 0, text.removeprefix(f"{display}: "))


# --- whole-catalog checks -----------------------------------------------------------


def _line(entry: Any, fact: str) -> tuple[str, int]:
    sources = entry.sources
    if fact in sources:
        return sources[fact].file, sources[fact].line
    return entry.file, entry.line


def validate(
    vendors: dict[str, VendorEntry],
    products: dict[str, ProductEntry],
    countries: dict[str, CountryEntry],
    laws: dict[str, LawEntry],
    categories: dict[str, CategoryEntry],
) -> list[Issue]:
    """Check references, ownership cycles and domain claims across the whole catalog.

    Returns the problems found (empty when the catalog is consistent).
    """
    issues: list[Issue] = []

    def add(where: tuple[str, int], reason: str) -> None:
        issues.append(Issue(where[0], where[1], reason))

    for category in categories.values():
        if category.parent is not None and category.parent not in categories:
            add((category.file, category.line), f"category {category.id!r}: unknown parent category {category.parent!r}")
    for law in laws.values():
        if law.country is not None and law.country not in countries:
            add(_line(law, "country"), f"law {law.id!r}: unknown country {law.country!r}")
    for country in countries.values():
        for law_id in country.laws:
            if law_id not in laws:
                add(_line(country, "laws"), f"country {country.code}: unknown law {law_id!r}")
    for vendor in vendors.values():
        if vendor.country is not None and vendor.country not in countries:
            add(_line(vendor, "country"), f"vendor {vendor.id!r}: unknown country {vendor.country!r}")
        if vendor.parent is not None and vendor.parent not in vendors:
            add(_line(vendor, "parent"), f"vendor {vendor.id!r}: unknown parent vendor {vendor.parent!r}")
        if vendor.parent == vendor.id:
            add(_line(vendor, "parent"), f"vendor {vendor.id!r} is its own parent")
        for acquisition in vendor.acquisitions:
            if acquisition.acquirer not in vendors:
                add((acquisition.ref.file, acquisition.ref.line), f"vendor {vendor.id!r}: unknown acquirer {acquisition.acquirer!r}")
    issues.extend(_ownership_cycles(vendors))
    for product in products.values():
        if product.vendor is not None and product.vendor not in vendors:
            add(_line(product, "vendor"), f"product {product.id!r}: unknown vendor {product.vendor!r}")
        if product.category is not None and product.category not in categories:
            add(_line(product, "category"), f"product {product.id!r}: unknown category {product.category!r}")
        for host_id in product.hosting:
            if host_id not in products:
                add(_line(product, "hosting"), f"product {product.id!r}: unknown hosting product {host_id!r}")
            elif host_id == product.id:
                add(_line(product, "hosting"), f"product {product.id!r} is hosted on itself")
        for code in product.data_locations:
            if code not in countries and code not in DATA_REGIONS:
                add(_line(product, "data_locations"), f"product {product.id!r}: unknown country or region {code!r}")
        for alternative in product.alternatives:
            if alternative.product not in products:
                add((alternative.ref.file, alternative.ref.line), f"product {product.id!r}: unknown alternative {alternative.product!r}")
            elif alternative.product == product.id:
                add((alternative.ref.file, alternative.ref.line), f"product {product.id!r} is listed as its own alternative")
    issues.extend(_domain_conflicts(products))
    issues.extend(_cpe_conflicts(vendors, products))
    return issues


def product_cpe_keys(product: ProductEntry, vendors: dict[str, VendorEntry]) -> list[tuple[str, str]]:
    """The ``(cpe vendor, cpe product)`` keys a product claims: ``vendor:product``
    names as written, bare names under each of its vendor's ``cpe_vendors``."""
    keys = []
    vendor = vendors.get(product.vendor) if product.vendor is not None else None
    for name in product.cpe:
        cpe_vendor, sep, cpe_product = name.partition(":")
        if sep:
            keys.append((cpe_vendor, cpe_product))
        elif vendor is not None:
            keys.extend((v, name) for v in vendor.cpe_vendors)
    return keys


def _cpe_conflicts(vendors: dict[str, VendorEntry], products: dict[str, ProductEntry]) -> list[Issue]:
    """A CPE vendor name belongs to one vendor, a CPE (vendor, product) to one product;
    a bare CPE product name needs its vendor's ``cpe_vendors``."""
    issues = []
    owners: dict[str, str] = {}
    for vendor in vendors.values():
        for name in vendor.cpe_vendors:
            other = owners.setdefault(name, vendor.id)
            if other != vendor.id:
                where = _line(vendor, "cpe_vendors")
                issues.append(Issue(where[0], where[1], f"CPE vendor {name!r} is claimed by {other!r} and {vendor.id!r}"))
    claimed: dict[tuple[str, str], str] = {}
    for product in products.values():
        where = _line(product, "cpe")
        vendor = vendors.get(product.vendor) if product.vendor is not None else None
        for name in product.cpe:
            if ":" not in name and (vendor is None or not vendor.cpe_vendors):
                issues.append(Issue(where[0], where[1], f"product {product.id!r}: CPE name {name!r} needs its vendor's "
                                    "cpe_vendors, or the vendor:product form"))
        for key in product_cpe_keys(product, vendors):
            other = claimed.setdefault(key, product.id)
            if other != product.id:
                issues.append(Issue(where[0], where[1], f"CPE {key[0]}:{key[1]} is claimed by {other!r} and {product.id!r}"))
    return issues


def _ownership_cycles(vendors: dict[str, VendorEntry]) -> list[Issue]:
    issues = []
    done: set[str] = set()
    for start in vendors:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current in vendors and current not in done:
            if current in on_path:
                cycle = path[path.index(current):] + [current]
                vendor = vendors[current]
                where = _line(vendor, "parent")
                issues.append(Issue(where[0], where[1], f"ownership cycle: {' -> '.join(cycle)}"))
                break
            path.append(current)
            on_path.add(current)
            current = vendors[current].parent
        done.update(path)
    return issues


def _domain_conflicts(products: dict[str, ProductEntry]) -> list[Issue]:
    """Rules claimed by two products must differ in precedence; suffix rules that are
    public suffixes (``co.uk``, ``github.io``) must be marked ``public_suffix: true``."""
    from emprise.catalog.hosts import is_public_suffix

    issues = []
    seen: dict[tuple[RuleKind, str], DomainRule] = {}

    def where_of(rule: DomainRule) -> tuple[str, int]:
        if rule.ref is not None:
            return rule.ref.file, rule.ref.line
        return _line(products[rule.product], "domains")

    for product in products.values():
        for rule in product.domains:
            key = (rule.kind, rule.value)
            where = where_of(rule)
            other = seen.get(key)
            if other is not None and other.product != rule.product:
                if other.precedence == rule.precedence:
                    issues.append(
                        Issue(
                            where[0],
                            where[1],
                            f"domain rule {rule} is claimed by {other.product!r} "
                            f"({':'.join(map(str, where_of(other)))}) and {rule.product!r} with no precedence to settle it",
                        )
                    )
                if rule.precedence > other.precedence:
                    seen[key] = rule
            elif other is None:
                seen[key] = rule
            if rule.kind is RuleKind.SUFFIX and not rule.public_suffix and is_public_suffix(rule.value):
                issues.append(
                    Issue(where[0], where[1], f"domain rule {rule} is a public suffix: mark it public_suffix: true if meant")
                )
    return issues
