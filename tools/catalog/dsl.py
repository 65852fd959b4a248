"""The compact notation the seed tables use; draft.py renders it to YAML."""

from __future__ import annotations

VENDORS: list[dict] = []
PRODUCTS: list[dict] = []

KNOWLEDGE_AS_OF = "2025-06-30"  # when the maintainers' facts were last known true


def WP(title: str, lang: str = "en") -> str:
    return f"https://{lang}.wikipedia.org/wiki/{title}"


def AE(siren: str) -> str:
    return f"https://annuaire-entreprises.data.gouv.fr/entreprise/{siren}"


def SEC(ticker: str) -> str:
    return f"https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK={ticker}"


def V(id, name, country=None, parent=None, own=None, src=None, *, legal=None, aliases=(), siren=None,
      vat=None, web=None, acq=(), purls=(), note=None, as_of=None):
    """A vendor. ``parent``: a vendor id, "none" (no one controls it) or None (unknown)."""
    VENDORS.append(dict(id=id, name=name, country=country, parent=parent, ownership=own, source=src,
                        legal_name=legal, aliases=list(aliases), siren=siren, vat=vat, website=web,
                        acquisitions=list(acq), purls=list(purls), note=note, as_of=as_of))


def P(vendor, id, name, cat, *, v2=(), dom=(), web=None, alias=(), fr=None, hosting=(), oss=None, lic=None,
      ai=None, certs=(), alts=(), purls=(), locs=(), src=None, note=None, sill=None):
    """A product. ``v2``: v2fly list names for its domains; ``dom``: extra rules (source: ``web``)."""
    PRODUCTS.append(dict(vendor=vendor, id=id, name=name, category=cat, v2fly=list(v2), domains=list(dom),
                         website=web, aliases=list(alias), name_fr=fr, hosting=list(hosting), open_source=oss,
                         licence=lic, ai=ai, certifications=list(certs), alternatives=list(alts),
                         purls=list(purls), data_locations=list(locs), source=src, note=note, sill=sill))


# Sources that several tables share.
SECNUMCLOUD = "https://cyber.gouv.fr/produits-services-qualifies"
HDS_LIST = "https://esante.gouv.fr/offres-services/hds/liste-des-herbergeurs-certifies"
