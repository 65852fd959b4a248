"""Which kind of IT spend an invoice line is.

Seven categories: SaaS subscription, cloud consumption, licence, maintenance,
telecom, hardware, services; ``None`` when the line says nothing we recognise
(shown as "unclassified", never guessed). Tried in order: the item
classification (BT-158: CPV or UNSPSC codes), the FEC account (PCG: 6156
maintenance, 626 telecom, 2183 hardware…), then words of the line's name and
description (BT-153/154) in French and English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from emprise.spend.terms import Line

CATEGORIES = ("saas", "cloud", "licence", "maintenance", "telecom", "hardware", "services")

# Code prefixes, longest first within each scheme.
_CPV = (  # Common Procurement Vocabulary (EU public procurement)
    ("72415", "cloud"), ("72416", "cloud"), ("72317", "cloud"), ("72318", "cloud"),
    ("72267", "maintenance"), ("72611", "maintenance"), ("50312", "maintenance"), ("50324", "maintenance"),
    ("48", "licence"), ("72268", "licence"),
    ("302", "hardware"), ("3023", "hardware"), ("32", "telecom"), ("642", "telecom"),
    ("72", "services"),
)
_UNSPSC = (
    ("811121", "cloud"), ("811122", "maintenance"), ("811118", "maintenance"), ("8116", "telecom"),
    ("4323", "licence"), ("43", "hardware"), ("8111", "services"), ("8316", "telecom"),
)
_PCG = (  # French chart of accounts (FEC CompteNum)
    ("6156", "maintenance"), ("6155", "maintenance"), ("626", "telecom"), ("2183", "hardware"),
    ("6063", "hardware"), ("205", "licence"),
    ("6226", "services"), ("6228", "services"), ("604", "services"), ("611", "services"),
)
# Word patterns on folded (lower-case, accent-free) text; the first category that matches wins,
# so the specific ones (cloud, SaaS) come before the generic (licence, services).
_WORDS: tuple[tuple[str, str], ...] = (
    ("telecom", r"\b(telecom\w*|fibre|fiber|sip trunk|trunk sip|mobile plans?|ligne (fixe|mobile)"
                r"|forfaits? mobiles?|flotte mobile|4g|5g|sim|mpls|sd-?wan|lien internet|internet access|acces internet|standard telephonique"
                r"|telephon\w*|voip|bande passante|bandwidth)\b"),
    ("cloud", r"\b(instances?|vcpu|vm|virtual machines?|machines? virtuelles?|compute|object storage"
              r"|stockage objet|block storage|bucket|kubernetes|managed database|base de donnees managee"
              r"|consommation|consumption|pay[- ]as[- ]you[- ]go|egress|trafic sortant|bare[- ]metal"
              r"|serveurs? dedies?|dedicated servers?|public cloud|cloud public|iaas|paas|heures? de calcul"
              r"|compute hours?|gpu|s3|ec2|azure consumption|load balancer|ip failover|snapshot|backup storage)\b"),
    ("saas", r"\b(abonnements?|subscriptions?|saas|par utilisateur|per user|/user|/utilisateur|seats?|sieges?"
             r"|microsoft 365|office 365|m365|google workspace|sales cloud|service cloud|slack|zoom|teams"
             r"|plan (business|enterprise|pro))\b"),
    ("maintenance", r"\b(maintenance|support|tma|tierce maintenance|mco|maintien en condition"
                    r"|mise a jour|updates?|assistance|hotline|garantie|warranty|contrat de service)\b"),
    ("licence", r"\b(licen[cs]es?|perpetu\w*|droit d.usage|right to use|edition|cal|user cal)\b"),
    ("hardware", r"\b(serveurs?|servers?|ordinateurs?|laptops?|portables?|pc|ecrans?|monitors?|switch\w*"
                 r"|routeurs?|routers?|disques?|disks?|ssd|baie|rack|imprimantes?|printers?|smartphones?"
                 r"|tablettes?|tablets?|docking|memoire|ram|onduleur|ups|firewall appliance|appliance)\b"),
    ("services", r"\b(prestations?|services?|jours?|days?|jh|j/h|homme[- ]jours?|man[- ]days?|conseil"
                 r"|consulting|formation|training|integration|deploiement|deployment|migration|projet|project"
                 r"|audit|expertise|regie|developpement|development|accompagnement|installation)\b"),
)
_COMPILED = tuple((category, re.compile(pattern)) for category, pattern in _WORDS)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _by_prefix(code: str, table) -> str | None:
    digits = code.replace("-", "").replace(".", "").strip()
    for prefix, category in table:
        if digits.startswith(prefix):
            return category
    return None


def categorise(line: Line) -> tuple[str | None, str]:
    """``(category, basis)``: the category (None when unknown) and what it was read from."""
    return _categorise(line.classifications, line.account, line.name, line.description)


# A folder of invoices repeats the same few hundred line texts: decide each once.
@lru_cache(maxsize=16384)
def _categorise(classifications, account, name, description) -> tuple[str | None, str]:
    for classification in classifications:
        scheme = (classification.scheme or "").upper()
        table = _UNSPSC if scheme in ("TST", "UNSPSC") else _CPV if scheme in ("STI", "CPV", "") else None
        if table is not None:
            found = _by_prefix(classification.code, table)
            if found:
                return found, f"BT-158 {scheme or 'code'} {classification.code}"
    if account:
        found = _by_prefix(account, _PCG)
        if found:
            return found, f"account {account}"
    text = _fold(" ".join(part for part in (name, description) if part))
    if text:
        for category, pattern in _COMPILED:
            if pattern.search(text):
                return category, "line text"
    return None, "none"
