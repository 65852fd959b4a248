"""Company and product names, normalised so an invoice's supplier line finds its vendor.

``"Microsoft Ireland Operations Ltd."`` is not shortened to ``microsoft`` (it is
a different legal entity, and may be its own vendor); only case, accents,
punctuation and the legal form at the end are dropped: ``"OVH S.A.S."`` ->
``"ovh"``, ``"Société Générale SA"`` -> ``"societe generale"``.
"""

from __future__ import annotations

import re
import unicodedata

# Legal forms, written without dots or spaces, as they end a company name.
LEGAL_FORMS = frozenset(
    """
    sa sas sasu sarl eurl sca scs snc sci scop scic se gie eirl selarl
    inc incorporated corp corporation co company llc llp lp ltd limited plc pbc
    gmbh ag kg ohg ug eg ev mbh gmbhcokg kgaa
    bv nv vof cv
    srl spa sapa snc srls
    sl slu sau
    oy oyj ab aps as asa hf
    kk
    pty pte bhd sdn
    sia kft zrt nyrt sro ltda ulc ou uab bvba sprl scrl spzoo zoo doo ood
    """.split()
)
_PUNCT = re.compile(r"[^\w&+]+|_+")
_DOTTED = re.compile(r"\b([a-z])\.(?=[a-z]\b\.?)")


def fold(text: str) -> str:
    """Lower case, accents removed, other scripts kept: ``"Société"`` -> ``"societe"``, ``"百川"`` stays."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalise_name(text: str) -> str:
    """The comparison form of a company or product name (see the module docstring).

    Returns ``""`` when nothing but punctuation or legal forms is left.
    """
    folded = fold(text)
    # "s.a.s." / "b.v." -> "sas" / "bv" before punctuation goes.
    folded = re.sub(r"\b((?:[a-z]\.){1,3}[a-z]?)\.?(?=\s|$|,)", lambda m: m.group(1).replace(".", ""), folded)
    words = _PUNCT.sub(" ", folded).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words.pop()
    # "gmbh & co kg" leaves "&" behind.
    while len(words) > 1 and words[-1] in {"&", "and", "et", "co"}:
        words.pop()
        while len(words) > 1 and words[-1] in LEGAL_FORMS:
            words.pop()
    return " ".join(words)
