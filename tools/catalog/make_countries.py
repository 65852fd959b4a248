"""Draft src/emprise/catalog/data/countries.yaml from Debian's iso-codes (offline).

Names: ISO 3166-1 as packaged by Debian iso-codes (English names and the French
translation). EU/EEA membership and GDPR adequacy are stated below with their
sources; re-check them before each release (adequacy decisions change).

    python tools/catalog/make_countries.py > src/emprise/catalog/data/countries.yaml
"""

from __future__ import annotations

import gettext
import json
import subprocess

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
AS_OF = "2025-06-30"
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
EEA_ONLY = ["IS", "LI", "NO"]
# The outermost regions have their own ISO codes but are an integral part of the EU:
# EU law, hence the GDPR, applies there.
OUTERMOST = "GF GP MQ RE YT MF".split()
SRC_OUTERMOST = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM:outermost_regions"
ADEQUATE = "AD AR BR FO GG IL IM JP JE NZ KR CH GB UY".split()  # BR: Implementing Decision (EU) 2026/179
PARTIAL = {"CA": "commercial organisations (PIPEDA)", "US": "organisations certified under the EU-US Data Privacy Framework"}
LAWS = {
    "US": ["us-cloud-act", "us-fisa-702", "us-eo-12333"],
    "CN": ["cn-national-intelligence-law", "cn-cybersecurity-law", "cn-data-security-law"],
    "RU": ["ru-yarovaya-law", "ru-sorm"],
    "GB": ["uk-investigatory-powers-act"],
    "AU": ["au-assistance-and-access-act"],
}
SRC_EU = "https://european-union.europa.eu/principles-countries-history/eu-countries_en"
SRC_EEA = "https://eur-lex.europa.eu/EN/legal-content/glossary/european-economic-area-eea.html"
SRC_ADEQ = "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en"
# The text of each country's first law: it is what makes the law apply to the
# country's companies (every law's own source is in laws.yaml).
SRC_LAWS = {
    "US": "https://www.congress.gov/bill/115th-congress/house-bill/4943",
    "CN": "https://www.chinalawtranslate.com/en/national-intelligence-law-of-the-p-r-c-2017/",
    "RU": "https://en.wikipedia.org/wiki/Yarovaya_law",
    "GB": "https://www.legislation.gov.uk/ukpga/2016/25/contents",
    "AU": "https://www.legislation.gov.au/Details/C2018A00148",
}


def main() -> None:
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True).stdout
    fr = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["fr"])
    countries = json.load(open(ISO_JSON, encoding="utf-8"))["3166-1"]
    print("# ISO 3166-1 countries: names from Debian iso-codes; EU/EEA and GDPR adequacy per the")
    print("# sources named on each fact. Drafted by tools/catalog/make_countries.py.")
    print(f'source: "ISO 3166-1 via Debian iso-codes {version} (https://salsa.debian.org/iso-codes-team/iso-codes)"')
    print(f"as_of: {AS_OF}")
    print("countries:")
    for country in sorted(countries, key=lambda c: c["alpha_2"]):
        code = country["alpha_2"]
        name_en = country.get("common_name", country["name"])
        name_fr = fr.gettext(country["name"])
        eu = code in EU or code in OUTERMOST
        eea = eu or code in EEA_ONLY
        if eea:
            adequacy = "eea"
        elif code in ADEQUATE:
            adequacy = "adequate"
        elif code in PARTIAL:
            adequacy = "partial"
        else:
            adequacy = "none"
        print(f"  - code: {code}")
        print(f"    name_en: {json.dumps(name_en, ensure_ascii=False)}")
        print(f"    name_fr: {json.dumps(name_fr, ensure_ascii=False)}")
        src_eu, src_eea = (SRC_OUTERMOST, SRC_OUTERMOST) if code in OUTERMOST else (SRC_EU, SRC_EEA)
        print(f"    eu: {{value: {str(eu).lower()}, source: \"{src_eu}\"}}")
        print(f"    eea: {{value: {str(eea).lower()}, source: \"{src_eea}\"}}")
        note = f"  # {PARTIAL[code]}" if code in PARTIAL else ""
        print(f"    gdpr_adequacy: {{value: {adequacy}, source: \"{SRC_ADEQ}\"}}{note}")
        if code in LAWS:
            print(f"    laws: {{value: [{', '.join(LAWS[code])}], source: \"{SRC_LAWS[code]}\"}}")


if __name__ == "__main__":
    main()
