"""Import facts from the reference data sets in shared/data (offline), into the seed tables.

- european-alternatives (AGPL-3.0): facts only (a company's country, which US product an
  alternative replaces), re-stated with the data set as source; nothing is copied.
- SILL (Etalab-2.0): which free software the French administration recommends.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import dsl

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
EA_DIR = SHARED / "alternatives" / "european-alternatives"
EA_FILES = {
    "manualAlternatives.json": ("20c91070928a6b7cda243629f9b79cdae319102e", "src/data/manualAlternatives.ts", "2026-02-25"),
    "researchAlternatives.json": ("baee8a45860d47737b571c9153b99923a7e4fd57", "src/data/researchAlternatives.ts", "2026-02-26"),
}
SILL_FILE = SHARED / "catalog-sill" / "sill-contents_sill_2022-05.json"
SILL_REF = "shared/data/catalog-sill@1263e08b:sill-contents_sill_2022-05.json (etalab/sill-contents docs/sill.json)"
SILL_AS_OF = "2022-05-16"

EA_CATEGORIES = {
    "cloud-storage": "file-sharing", "email": "email", "mail-client": "email", "search-engine": "search-engine",
    "social-media": "social-media", "messaging": "messaging", "meeting-software": "video-conferencing",
    "video-hosting": "media-entertainment", "office-suite": "office-suite", "maps": "maps-navigation",
    "browser": "browser", "desktop-os": "operating-system", "mobile-os": "operating-system", "vpn": "vpn",
    "dns": "dns", "analytics": "analytics-bi", "project-management": "project-management",
    "password-manager": "password-manager", "2fa-authenticator": "mfa", "writing-assistant": "genai-writing",
    "translation": "genai-translation", "image-generation": "genai-image", "ai-ml": "genai-chat",
    "hosting": "cloud-iaas-paas", "databases": "database", "payments": "ecommerce-payments",
    "smart-home": "hardware", "ecommerce": "ecommerce-payments", "version-control": "code-hosting",
    "iam": "identity", "music-streaming": "media-entertainment", "app-stores": "package-registry",
    "smartphones": "hardware", "note-taking": "note-taking", "media-server": "media-entertainment",
    "feed-reader": "news", "scheduling": "calendar-scheduling", "personal-finance": "finance-consumer",
    "virtualization": "virtualisation", "design": "design", "video-editing": "design", "gis": "gis",
    "privacy-tools": "security", "podcasts": "media-entertainment", "photo-management": "file-sharing",
    "other": "other",
}
# US product names in the data set -> our product ids, where the names differ.
US_NAMES = {
    "outlook": "microsoft-exchange-online", "aws": "aws", "azure": "microsoft-azure", "google cloud": "google-cloud",
    "gmail": "google-workspace", "onedrive": "microsoft-onedrive", "microsoft onedrive": "microsoft-onedrive",
    "yahoo mail": "yahoo", "microsoft teams": "microsoft-teams", "google chrome": "google-chrome",
    "google maps": "google-maps", "google meet": "google-meet", "x/twitter": "x-twitter",
    "microsoft office": "microsoft-365", "microsoft 365": "microsoft-365", "microsoft word": "microsoft-365",
    "google analytics": "google-analytics", "chatgpt": "chatgpt", "google search": "google-services",
    "bing": "microsoft-bing", "google workspace": "google-workspace", "google docs": "google-workspace",
    "google gemini": "google-gemini", "gemini": "google-gemini", "microsoft copilot": "microsoft-copilot",
    "azure ad": "microsoft-entra-id", "entra id": "microsoft-entra-id", "openai api": "openai-api",
    "anthropic api": "anthropic-api", "claude": "claude", "google translate": "google-translate",
    "amazon web services": "aws", "microsoft azure": "microsoft-azure", "google cloud platform": "google-cloud",
    "vmware": "vmware-vsphere", "arcgis": "arcgis", "skype for business": "microsoft-teams",
    "microsoft sql server": "microsoft-sql-server", "oracle database": "oracle-database", "edge": None,
    "github copilot": "github-copilot", "windows server": "microsoft-windows-server", "microsoft windows": "microsoft-windows",
    "openai dall-e": "dall-e", "google imagen": "google-labs", "amazon": "amazon-retail",
}
# Pairs the maintainers judge a full replacement for the common use (else "partial").
FULL_FIT = {
    ("google-workspace", "proton-mail"), ("google-workspace", "tuta"), ("microsoft-exchange-online", "proton-mail"),
    ("dropbox", "nextcloud-hub"), ("google-workspace", "nextcloud-hub"), ("microsoft-onedrive", "nextcloud-hub"),
    ("slack", "mattermost"), ("slack", "element"), ("chatgpt", "mistral-le-chat"), ("google-translate", "deepl-translator"),
    ("google-services", "qwant"), ("google-services", "ecosia"), ("google-analytics", "matomo"),
    ("lastpass", "bitwarden"), ("1password", "bitwarden"), ("dashlane", "bitwarden"), ("aws", "ovhcloud"),
    ("aws", "scaleway"), ("microsoft-azure", "ovhcloud"), ("google-cloud", "scaleway"), ("github", "codeberg"),
    ("google-chrome", "firefox"), ("openai-api", "mistral-api"), ("whatsapp", "signal"), ("whatsapp", "olvid"),
}


# Data-set entries whose web site is shared by several of our products: the one meant.
EA_PRODUCT = {
    "mistral": "mistral-le-chat", "deepl": "deepl-translator", "stability-ai": "stable-diffusion",
    "black-forest-labs": "flux", "ionos": "ionos-cloud", "proton-drive": "proton-mail", "proton-pass": "proton-mail",
    "proton-vpn": "proton-mail", "proton-authenticator": "proton-mail", "thunderbird": "thunderbird",
    "firefox": "firefox", "tor-browser": "torproject", "libreoffice": "libreoffice", "ollama": "ollama",
    # AI assistants of suite vendors: their own products, not the suites' (ChatGPT's alternatives).
    "euria": "euria", "lumo": "lumo",
}


def ea_entries():
    seen = {}
    for name, (commit, path, as_of) in EA_FILES.items():
        for entry in json.loads((EA_DIR / name).read_text(encoding="utf-8")):
            ref = f"shared/data/alternatives/european-alternatives@{commit[:8]}:{path}#{entry['id']}"
            seen.setdefault(entry["id"], (entry, ref, as_of))
    return list(seen.values())


def _host(url: str | None) -> str | None:
    """The registrable domain of a web site's address (``en.liberapay.com`` -> ``liberapay.com``)."""
    if not url:
        return None
    from emprise.catalog.hosts import registrable_domain

    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return registrable_domain(host) or host


_SPDX = re.compile(r"^[A-Za-z0-9.+-]+(?: (?:AND|OR) [A-Za-z0-9.+-]+)*$")
CODE_HOSTS = {"github.com", "gitlab.com", "codeberg.org", "sourceforge.net", "framagit.org", "git.var-lab.com"}


def import_european_alternatives(claimed_suffix) -> dict[str, list]:
    """Add vendors/products for the data set's entries the seeds lack; return alternatives found.

    ``claimed_suffix(host)`` gives the seeded product owning a host, or None.
    """
    from emprise.catalog.names import normalise_name

    vendors = {v["id"] for v in dsl.VENDORS}
    products = {p["id"]: p for p in dsl.PRODUCTS}
    by_name = {}
    for p in dsl.PRODUCTS:
        for n in (p["name"], *p["aliases"]):
            by_name.setdefault(normalise_name(n), p["id"])
    entry_product = {}
    for entry, ref, as_of in ea_entries():
        host = _host(entry.get("website"))
        owner = EA_PRODUCT.get(entry["id"])
        if owner is None and host and host not in CODE_HOSTS:
            owner = claimed_suffix(host)
        if owner is None:
            owner = by_name.get(normalise_name(entry["name"]))
        if owner is not None:
            entry_product[entry["id"]] = owner
            continue
        country = entry.get("country", "").upper()
        country = country if len(country) == 2 and country != "EU" else None
        vendor_id = re.sub(r"[^a-z0-9.+-]+", "-", entry["id"].lower()).strip("-")
        if vendor_id in vendors:
            vendor_id = f"{vendor_id}-vendor"
        product_id = vendor_id if vendor_id not in products else f"{vendor_id}-product"
        dsl.V(vendor_id, entry["name"], country, None, None, ref, web=entry.get("website"), as_of=as_of)
        licence = entry.get("license")
        dsl.P(vendor_id, product_id, entry["name"], EA_CATEGORIES.get(entry.get("category"), "other"),
              dom=[host] if host and host not in CODE_HOSTS and "/" not in host else [],
              web=entry.get("website"), src=ref, oss=entry.get("isOpenSource"),
              lic=licence if licence and _SPDX.match(licence) else None)
        dsl.PRODUCTS[-1]["as_of"] = as_of
        vendors.add(vendor_id)
        products[product_id] = dsl.PRODUCTS[-1]
        entry_product[entry["id"]] = product_id
    alternatives: dict[str, list] = {}
    for entry, ref, as_of in ea_entries():
        alt = entry_product.get(entry["id"])
        for us_name in entry.get("replacesUS", []):
            key = us_name.lower()
            target = US_NAMES[key] if key in US_NAMES else by_name.get(normalise_name(us_name))
            if target is None or target == alt or target not in products or alt not in products:
                continue
            fit = "full" if (target, alt) in FULL_FIT else "partial"
            items = alternatives.setdefault(target, [])
            if all(a[0] != alt for a in items):
                items.append((alt, fit, ref, as_of))
    return alternatives


def sill_entries():
    return json.loads(SILL_FILE.read_text(encoding="utf-8"))


SILL_CATEGORIES = {
    "Consultation et édition de documents": "office-suite", "Outil de productivité": "office-suite",
    "Test & Intégration": "dev-tools", "Déploiement gestion d'actif et de configuration": "itsm",
    "Outils système & virtualisation": "virtualisation", "Outil collaboratif": "project-management",
    "Gestion de contenu web": "open-source-component", "Qualité et sécurité du code source": "dev-tools",
    "Messagerie agenda contacts": "email", "Installation, Packaging, Diffusion et Distribution": "dev-tools",
    "Outil métier": "business-apps", "Supervision / Hypervision": "observability", "Sauvegarde serveurs": "backup",
    "Navigateur web": "browser", "Authentification": "identity", "Serveur Web & Reverse Proxy": "open-source-component",
    "Virtualisation serveur et jusqu'à plateforme": "virtualisation", "Environnement de développement intégré (IDE)": "dev-tools",
    "Système d'Exploitation": "operating-system", "Gestion des logs": "observability",
    "Bases de données relationnelles": "database", "Moteur de recherche": "open-source-component",
    "Serveur d'application": "open-source-component", "Haute disponibilité (OS)": "operating-system",
    "Gestion des accès aux données": "identity", "Partage de fichiers": "file-sharing",
    "Service level management": "itsm", "Gestionnaire de données non relationnelles": "database",
    "Moteur SIG": "gis", "Environnement de développement": "dev-tools", "Gestionnaire de cycle applicatif": "dev-tools",
    "Antivirus": "edr", "Pare-feu - Réseau": "firewall", "Gestion du code source": "code-hosting",
    "Load Balancer": "open-source-component", "Visiophonie": "video-conferencing", "Gestion des Anomalies": "dev-tools",
    "Serveur SMTP": "email", "Chiffrement": "security", "Environnement d'exécution": "open-source-component",
}


def import_sill(claimed_suffix) -> None:
    """Mark seeded products that are in the SILL; add the others as products (vendor unknown)."""
    from emprise.catalog.names import normalise_name

    products = {p["id"] for p in dsl.PRODUCTS}
    by_name = {}
    for p in dsl.PRODUCTS:
        for n in (p["name"], *p["aliases"], p["id"]):
            by_name.setdefault(normalise_name(n), p)
    for entry in sill_entries():
        ref = f"{SILL_REF}#id={entry['id']}"
        existing = by_name.get(normalise_name(entry["i"]))
        if existing is not None:
            existing["sill"] = True
            existing["sill_source"] = (ref, SILL_AS_OF)
            continue
        product_id = re.sub(r"[^a-z0-9.+-]+", "-", normalise_name(entry["i"])).strip("-.") or f"sill-{entry['id']}"
        if product_id in products:
            product_id = f"{product_id}-sill"
        host = _host(entry.get("website"))
        rules = []
        if host and host not in CODE_HOSTS and claimed_suffix(host) is None and "." in host:
            rules = [host]
        licence = entry.get("l") or None
        dsl.P(None, product_id, entry["i"], SILL_CATEGORIES.get(entry.get("c"), "open-source-component"),
              dom=rules, web=entry.get("website"), src=ref, oss=True,
              lic=licence if licence and _SPDX.match(licence) else None, sill=True)
        dsl.PRODUCTS[-1]["as_of"] = SILL_AS_OF
        dsl.PRODUCTS[-1]["sill_source"] = (ref, SILL_AS_OF)
        products.add(product_id)
        by_name[normalise_name(entry["i"])] = dsl.PRODUCTS[-1]  # the SILL lists some software twice
