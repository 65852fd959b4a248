"""Draft the catalog's YAML files from the seed tables and the public data sets.

Offline; run from the repository root:

    python tools/catalog/draft.py            # writes src/emprise/catalog/data/{vendors,services}/
    python tools/catalog/draft.py --check    # only reports what it would write

Files it writes start with DRAFT_MARK; a file without it (edited by hand since)
is never overwritten. The package never imports this script.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import dsl  # noqa: E402
import seed_ai  # noqa: E402,F401
import seed_core  # noqa: E402,F401
import seed_fr  # noqa: E402,F401
import seed_demo  # noqa: E402,F401
import seed_brands  # noqa: E402,F401
import seed_ai_more  # noqa: E402,F401
import seed_enterprise  # noqa: E402,F401
import v2fly  # noqa: E402
import datasets  # noqa: E402

try:
    import seed_more  # noqa: F401
except ImportError:
    pass

ROOT = HERE.parents[1]
DATA = ROOT / "src" / "emprise" / "catalog" / "data"
DRAFT_MARK = "# drafted by tools/catalog/draft.py"
SKIP_PREFIXES = ("category-", "geolocation-", "tld-")
SKIP_LISTS = {"private", "cn"}

V2_CATEGORY_MAP = [
    ("category-ai-chat", "genai-chat"),
    ("category-ai", "genai-other"),
    ("category-porn", None),
    ("category-social-media", "social-media"),
    ("category-forums", "social-media"),
    ("category-entertainment", "media-entertainment"),
    ("category-media", "media-entertainment"),
    ("category-emby", "media-entertainment"),
    ("category-novel", "media-entertainment"),
    ("category-acg", "media-entertainment"),
    ("category-news", "news"),
    ("category-tech-media", "news"),
    ("category-game", "games"),
    ("category-games", "games"),
    ("category-enhance-gaming", "games"),
    ("category-container", "container-platform"),
    ("category-dev", "dev-tools"),
    ("category-cdn", "cdn"),
    ("category-communication", "messaging"),
    ("category-voip", "messaging"),
    ("category-ecommerce", "shopping"),
    ("category-shopping", "shopping"),
    ("category-retail", "shopping"),
    ("category-travel", "shopping"),
    ("category-food", "shopping"),
    ("category-logistics", "shopping"),
    ("category-automobile", "shopping"),
    ("category-finance", "finance-consumer"),
    ("category-bank", "finance-consumer"),
    ("category-securities", "finance-consumer"),
    ("category-bourse", "finance-consumer"),
    ("category-payment", "finance-consumer"),
    ("category-insurance", "finance-consumer"),
    ("category-cryptocurrency", "finance-consumer"),
    ("category-education", "education"),
    ("category-mooc", "education"),
    ("category-scholar", "education"),
    ("category-wiki", "education"),
    ("category-olympiad", "education"),
    ("category-vpnservices", "vpn"),
    ("category-proxy-tunnels", "vpn"),
    ("category-anticensorship", "vpn"),
    ("category-password-management", "password-manager"),
    ("category-antivirus", "edr"),
    ("category-network-security", "security"),
    ("category-browser", "browser"),
    ("category-netdisk", "file-sharing"),
    ("category-collaborate", "project-management"),
    ("category-documents", "office-suite"),
    ("category-remote-control", "itsm"),
    ("category-doh", "dns"),
    ("category-ddns", "dns"),
    ("category-ntp", "network-telecom"),
    ("category-speedtest", "network-telecom"),
    ("category-stun", "network-telecom"),
    ("category-ads", "marketing"),
    ("category-consent-management", "marketing"),
    ("category-hospital", "healthcare-software"),
    ("category-medicine", "healthcare-software"),
    ("category-gov", "public-service"),
    ("category-outsource", "business-apps"),
    ("category-enterprise-query", "business-apps"),
    ("category-cas", "education"),
    ("category-urlshortner", "other"),
    ("category-web-archive", "other"),
]


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def rule_item(rule: str, public_suffix: bool, source: str | None = None) -> str:
    if not public_suffix and source is None:
        return yaml_str(rule)
    parts = [f"rule: {yaml_str(rule)}"]
    if public_suffix:
        parts.append("public_suffix: true")
    if source is not None:
        parts.append(f"source: {yaml_str(source)}")
    return "{" + ", ".join(parts) + "}"


class Rules:
    """Assigns each domain rule to the first product that claims it."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}
        self.skipped = 0
        sys.path.insert(0, str(ROOT / "src"))
        from emprise.catalog.compiler import parse_rule
        from emprise.catalog.hosts import is_public_suffix

        self._parse, self._is_ps = parse_rule, is_public_suffix

    def owner_of(self, rule: str) -> str | None:
        try:
            kind, value = self._parse(rule)
        except ValueError:
            return None
        return self.owner.get(value if kind.value == "domain" else f"{kind.value}:{value}")

    def claim(self, product: str, rule: str) -> tuple[str, bool] | None:
        try:
            kind, value = self._parse(rule)
        except ValueError:
            self.skipped += 1
            return None
        text = value if kind.value == "domain" else f"{kind.value}:{value}"
        if text in self.owner:
            if self.owner[text] != product:
                self.skipped += 1
            return None
        self.owner[text] = product
        return text, kind.value == "domain" and self._is_ps(value)


def v2_rules(lists, names, stop, foreign_ok):
    """Rules of the lists (and what they include, not entering ``stop``); (rule, list) pairs."""
    out = []
    for name in names:
        for member in v2fly.closure(lists, name, stop):
            for rule, attrs, _comment in lists[member].rules:
                if "ads" in attrs or ("cn" in attrs and not foreign_ok):
                    continue
                out.append((rule, member))
    return out


def categories_of(lists):
    membership = defaultdict(set)
    for name, lst in lists.items():
        if name.startswith("category-"):
            for member in v2fly.closure(lists, name, set()):
                if member != name:
                    membership[member].add(name)
    return membership


def map_category(cats: set[str]) -> str | None | bool:
    """Our category for a set of v2fly categories; False to leave the list out."""
    for prefix, ours in V2_CATEGORY_MAP:
        if any(c.startswith(prefix) for c in cats):
            return False if ours is None else ours
    return "other"


def pretty(name: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", name) if part)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    lists = v2fly.read_all()
    rules = Rules()
    claimed_suffix = _seed_claims(lists)
    alternatives = datasets.import_european_alternatives(claimed_suffix)
    datasets.import_sill(claimed_suffix)
    vendors = {v["id"]: v for v in dsl.VENDORS}
    products = dsl.PRODUCTS
    _attach_alternatives(products, vendors, alternatives)
    claimed_lists = {name for p in products for name in p["v2fly"]}
    membership = categories_of(lists)
    for p in products:
        if p["category"] == "auto":
            mapped = map_category(set().union(*(membership.get(n, set()) for n in p["v2fly"])))
            p["category"] = mapped if isinstance(mapped, str) else "other"
            p["source"] = p["source"] or v2fly.v2fly_source(p["v2fly"][0])
    out_rules: dict[str, list[str]] = defaultdict(list)
    # 1. hand-written rules, 2. v2fly rules of seeded products.
    for p in products:
        for rule in p["domains"]:
            got = rules.claim(p["id"], rule)
            if got:
                site = p["website"] or (vendors[p["vendor"]]["website"] if p["vendor"] else None)
                out_rules[p["id"]].append(rule_item(got[0], got[1], site))
    for p in products:
        foreign_ok = p["vendor"] is not None and vendors[p["vendor"]]["country"] == "CN"
        for rule, member in v2_rules(lists, p["v2fly"], claimed_lists - set(p["v2fly"]), foreign_ok):
            got = rules.claim(p["id"], rule)
            if got:
                out_rules[p["id"]].append(rule_item(got[0], got[1], v2fly.v2fly_source(member)))
    files: dict[Path, str] = {}
    # 3. every other v2fly list: a service whose vendor the catalog does not know yet.
    seeded_ids = {p["id"] for p in products}
    services = defaultdict(list)
    used_ids = set(seeded_ids)
    for name, lst in sorted(lists.items()):
        if name in claimed_lists or name in SKIP_LISTS or name.startswith(SKIP_PREFIXES):
            continue
        category = map_category(membership.get(name, set()))
        if category is False:
            continue
        list_rules = v2_rules(lists, [name], claimed_lists | {n for n in lists if n != name}, True)
        overlap = Counter(o for o in (rules.owner_of(rule) for rule, _ in list_rules) if o is not None)
        if overlap and overlap.most_common(1)[0][0] in seeded_ids:
            # The list names a service the catalog already has: its other rules join it.
            owner = overlap.most_common(1)[0][0]
            for rule, member in list_rules:
                got = rules.claim(owner, rule)
                if got:
                    out_rules[owner].append(rule_item(got[0], got[1], v2fly.v2fly_source(member)))
            continue
        product_id = name if name not in seeded_ids else f"{name}-web"
        product_id = re.sub(r"[^a-z0-9.+-]", "-", product_id.lower()).strip("-")
        lines = []
        for rule, member in list_rules:
            got = rules.claim(product_id, rule)
            if got:
                lines.append(rule_item(got[0], got[1], None if member == name else v2fly.v2fly_source(member)))
        if not lines:
            continue
        services[category].append((product_id, pretty(name), name, lines))
        used_ids.add(product_id)
    # 4. inline rules of the AI category lists, grouped by their comment.
    for cat_list, category in (("category-ai-!cn", "genai-other"), ("category-ai-cn", "genai-other"), ("category-ai-ru", "genai-other")):
        groups = defaultdict(list)
        for rule, attrs, comment in lists[cat_list].rules:
            if "ads" in attrs:
                continue
            groups[comment or rule].append(rule)
        for label, group in groups.items():
            first = group[0].split(":", 1)[-1]
            clean = re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&/+-]{1,39}", label) and "ICP" not in label
            product_id = re.sub(r"[^a-z0-9.+-]+", "-", (label if clean else first).lower()).strip("-.")
            if "ICP" in label or "备" in label:
                label = first
            if product_id in seeded_ids:
                product_id += "-ai"
            while product_id in used_ids:
                product_id += "-2"
            used_ids.add(product_id)
            lines = []
            for rule in group:
                got = rules.claim(product_id, rule)
                if got:
                    lines.append(rule_item(got[0], got[1]))
            if lines:
                name = label if not re.fullmatch(r"[\w.-]+\.[a-z]+", label) else label
                services[category].append((product_id, name, cat_list, lines))
    for category, entries in services.items():
        files[DATA / "services" / f"v2fly-{category}.yaml"] = render_services(category, entries)
    by_vendor = defaultdict(list)
    for p in products:
        by_vendor[p["vendor"]].append(p)
    for vendor_id, vendor in vendors.items():
        files[DATA / "vendors" / f"{vendor_id}.yaml"] = render_vendor(vendor, by_vendor.get(vendor_id, []), out_rules)
    if by_vendor.get(None):
        files[DATA / "services" / "sill.yaml"] = render_orphans(by_vendor[None], out_rules)
    written = skipped = 0
    for path, text in sorted(files.items()):
        if path.exists() and not path.read_text(encoding="utf-8").startswith(DRAFT_MARK):
            skipped += 1
            continue
        written += 1
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    print(f"{written} files written, {skipped} hand-edited files kept, {rules.skipped} duplicate or invalid rules skipped", file=sys.stderr)


def _seed_claims(lists):
    """host -> seeded product that claims it (hand rules and v2fly lists), for the importers."""
    owner = {}
    claimed_lists = {name for p in dsl.PRODUCTS for name in p["v2fly"]}
    for p in dsl.PRODUCTS:
        for rule in p["domains"]:
            if not rule.startswith(("regexp:", "keyword:")):
                owner.setdefault(rule.split(":", 1)[-1], p["id"])
        for rule, _member in v2_rules(lists, p["v2fly"], claimed_lists - set(p["v2fly"]), True):
            if not rule.startswith(("regexp:", "keyword:")):
                owner.setdefault(rule.split(":", 1)[-1].lower(), p["id"])

    def claimed(host):
        name = host
        while name:
            if name in owner:
                return owner[name]
            name = name.partition(".")[2]
        return None

    return claimed


EU_EEA = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split())


def _attach_alternatives(products, vendors, found) -> None:
    """Rank each product's alternatives: European first, then open source, then SILL, then name."""
    by_id = {p["id"]: p for p in products}

    def rank(item):
        alt = by_id[item[0]]
        vendor = vendors.get(alt["vendor"]) if alt["vendor"] else None
        european = vendor is not None and vendor["country"] in EU_EEA
        return (item[1] != "full", not european, alt["open_source"] is not True, alt["sill"] is not True, alt["name"].lower())

    for product_id, items in found.items():
        product = by_id[product_id]
        existing = {a[0] for a in product["alternatives"]}
        product["alternatives"] = list(product["alternatives"]) + sorted((i for i in items if i[0] not in existing), key=rank)


def render_orphans(products: list[dict], out_rules) -> str:
    lines = [
        DRAFT_MARK + " (delete this line once you edit the file by hand)",
        "# Free software recommended by the French administration (SILL, Etalab-2.0) whose",
        "# publisher is not in the catalog yet.",
        f"source: {yaml_str(datasets.SILL_REF)}",
        f"as_of: {datasets.SILL_AS_OF}",
        "products:",
    ]
    for p in sorted(products, key=lambda p: p["id"]):
        lines.extend(render_product(p, out_rules.get(p["id"], []), {"website": None, "source": datasets.SILL_REF}))
    return "\n".join(lines) + "\n"


def render_vendor(v: dict, products: list[dict], out_rules) -> str:
    as_of = v["as_of"] or dsl.KNOWLEDGE_AS_OF
    lines = [DRAFT_MARK + " (delete this line once you edit the file by hand)", f"as_of: {as_of}"]
    if v["source"]:
        lines.append(f"source: {yaml_str(v['source'])}")
    lines.append("vendor:")
    lines.append(f"  id: {v['id']}")
    lines.append(f"  name: {yaml_str(v['name'])}")
    if v["legal_name"]:
        lines.append(f"  legal_name: {yaml_str(v['legal_name'])}")
    if v["aliases"]:
        lines.append(f"  aliases: [{', '.join(yaml_str(a) for a in v['aliases'])}]")
    if v["country"]:
        lines.append(f"  country: {v['country']}")
    if v["parent"]:
        lines.append(f"  parent: {v['parent']}")
    if v["ownership"]:
        lines.append(f"  ownership: {v['ownership']}")
    if v["siren"]:
        lines.append(f"  siren: {{value: \"{v['siren']}\", source: \"{dsl.AE(v['siren'])}\"}}")
    if v["vat"]:
        lines.append(f"  vat: {yaml_str(v['vat'])}")
    if v["website"]:
        lines.append(f"  website: {{value: {yaml_str(v['website'])}, source: {yaml_str(v['website'])}}}")
    if v["purls"]:
        lines.append(f"  purls: {{value: [{', '.join(yaml_str(p) for p in v['purls'])}], source: {yaml_str(v['website'] or v['source'])}}}")
    if v["acquisitions"]:
        lines.append("  acquisitions:")
        for a in v["acquisitions"]:
            lines.append(f"    - {{acquirer: {a['acquirer']}, year: {a['year']}, source: {yaml_str(a['source'])}}}")
    if v["note"]:
        lines.append(f"  note: {yaml_str(v['note'])}")
    if products:
        lines.append("products:")
    for p in products:
        lines.extend(render_product(p, out_rules.get(p["id"], []), v))
    return "\n".join(lines) + "\n"


def render_product(p: dict, rules: list[str], v: dict) -> list[str]:
    src = p["source"] or p["website"] or v["website"] or v["source"]
    lines = [f"  - id: {p['id']}", f"    source: {yaml_str(src)}"]
    if p.get("as_of"):
        lines.append(f"    as_of: {p['as_of']}")
    lines.append(f"    name: {yaml_str(p['name'])}")
    if p["name_fr"]:
        lines.append(f"    name_fr: {yaml_str(p['name_fr'])}")
    if p["aliases"]:
        lines.append(f"    aliases: [{', '.join(yaml_str(a) for a in p['aliases'])}]")
    lines.append(f"    category: {p['category']}")
    if p["website"]:
        lines.append(f"    website: {yaml_str(p['website'])}")
    if rules:
        lines.append("    domains:")
        # An item citing the entry's own source needs no source of its own.
        redundant = f", source: {yaml_str(src)}}}"
        for r in rules:
            if r.endswith(redundant) and r.startswith("{rule: ") and "public_suffix" not in r:
                r = r[len("{rule: "):-len(redundant)]
            elif r.endswith(redundant):
                r = r[: -len(redundant)] + "}"
            lines.append(f"      - {r}")
    if p["purls"]:
        lines.append(f"    purls: [{', '.join(yaml_str(x) for x in p['purls'])}]")
    if p["hosting"]:
        lines.append(f"    hosting: [{', '.join(p['hosting'])}]")
    if p["data_locations"]:
        lines.append(f"    data_locations: [{', '.join(p['data_locations'])}]")
    if p["certifications"]:
        by_source = defaultdict(list)
        for cert, source in p["certifications"]:
            by_source[source].append(cert)
        if len(by_source) == 1:
            (source, certs), = by_source.items()
            lines.append(f"    certifications: {{value: [{', '.join(certs)}], source: {yaml_str(source)}}}")
        else:
            certs = [c for c, _ in p["certifications"]]
            sources = "; ".join(f"{c}: {s}" for c, s in p["certifications"])
            lines.append(f"    certifications: {{value: [{', '.join(certs)}], source: {yaml_str(sources)}}}")
    if p["open_source"] is not None:
        lines.append(f"    open_source: {str(p['open_source']).lower()}")
    if p["licence"]:
        lines.append(f"    licence: {yaml_str(p['licence'])}")
    if p["sill"] is not None:
        sill_source, sill_as_of = p.get("sill_source") or ("https://code.gouv.fr/sill/", None)
        when = f", as_of: {sill_as_of}" if sill_as_of else ""
        lines.append(f"    sill: {{value: {str(p['sill']).lower()}, source: {yaml_str(sill_source)}{when}}}")
    if p["ai"]:
        ai = dict(p["ai"])
        source = ai.pop("source")
        as_of = ai.pop("as_of", None)
        lines.append("    ai:")
        lines.append(f"      source: {yaml_str(source)}")
        if as_of:
            lines.append(f"      as_of: {as_of}")
        for key, value in ai.items():
            lines.append(f"      {key}: {json.dumps(value, ensure_ascii=False)}")
    if p["alternatives"]:
        lines.append("    alternatives:")
        for alt in p["alternatives"]:
            when = f", as_of: {alt[3]}" if len(alt) > 3 and alt[3] else ""
            lines.append(f"      - {{product: {alt[0]}, fit: {alt[1]}, source: {yaml_str(alt[2])}{when}}}")
    if p["note"]:
        lines.append(f"    note: {yaml_str(p['note'])}")
    return lines


def render_services(category: str, entries) -> str:
    lines = [
        DRAFT_MARK + " (delete this line once you edit the file by hand)",
        "# Online services named by v2fly domain-list-community (MIT); their vendor is not",
        "# yet in the catalog. Category from the v2fly category lists that include them.",
        "as_of: 2026-08-19",
        f"source: {yaml_str(v2fly.v2fly_source(''))}",
        "products:",
    ]
    for product_id, name, list_name, rules in sorted(entries):
        lines.append(f"  - id: {product_id}")
        lines.append(f"    source: {yaml_str(v2fly.v2fly_source(list_name))}")
        lines.append(f"    name: {yaml_str(name)}")
        lines.append(f"    category: {category}")
        lines.append("    domains:")
        lines.extend(f"      - {r}" for r in rules)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
