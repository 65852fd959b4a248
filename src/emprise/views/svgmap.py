"""The dependency map: business capabilities → ultimate parents → countries, as static SVG.

Laid out in Python (no script, nothing loaded) so the same drawing works in the HTML
report, in print and in a PDF. With 150 assets, one box per asset would be unreadable,
so the map aggregates: a band's thickness is the number of assets flowing along it, the
ultimate parents with most assets get their own box and the rest share one. The asset
by asset detail is in the report's tables. Colours follow the Okabe-Ito palette (safe
for colour-blind readers) and every colour is doubled by text: each country box names
its jurisdiction class, and unknown boxes are dashed.

The output is deterministic (same overview, same bytes) and built with ElementTree, so
every name from an input file is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from emprise.analyses.inventory import SCOPES, AssetRow, Overview
from emprise.i18n import messages, t

__all__ = [
    "MAX_PARENTS",
    "SCOPE_COLOURS",
    "SCOPE_TINTS",
    "criticality_label",
    "dependency_map_svg",
    "plural",
    "scope_label",
]

MESSAGES = messages({
    "map.title": {
        "en": "Dependency map: business capabilities, ultimate parents and their countries",
        "fr": "Carte des dépendances : capacités métier, sociétés mères ultimes et leurs pays",
    },
    "map.description": {
        "en": "Each band is a number of assets: from the business capability they serve, to the "
              "company that ultimately controls them, to that company's country.",
        "fr": "Chaque flux représente un nombre d'actifs : de la capacité métier qu'ils servent "
              "à la société qui les contrôle en dernier ressort, puis au pays de cette société.",
    },
    "map.column.capabilities": {"en": "Business capabilities", "fr": "Capacités métier"},
    "map.column.parents": {"en": "Ultimate parents", "fr": "Sociétés mères ultimes"},
    "map.column.countries": {"en": "Countries (applicable law)", "fr": "Pays (droit applicable)"},
    "map.no_capability": {"en": "No declared capability", "fr": "Sans capacité métier déclarée"},
    "map.unknown_parent": {"en": "Ultimate parent unknown", "fr": "Société mère inconnue"},
    "map.unknown_country": {"en": "Country unknown", "fr": "Pays inconnu"},
    "map.other_parents.one": {"en": "{count} other parent", "fr": "{count} autre société mère"},
    "map.other_parents.many": {"en": "{count} other parents",
                               "fr": "{count} autres sociétés mères"},
    "map.assets.one": {"en": "{count} asset", "fr": "{count} actif"},
    "map.assets.many": {"en": "{count} assets", "fr": "{count} actifs"},
    "map.flow": {"en": "{source} → {target}: {assets}", "fr": "{source} → {target} : {assets}"},
    "map.legend.thickness": {
        "en": "Band thickness: number of assets. Dashed: unknown.",
        "fr": "Épaisseur des flux : nombre d'actifs. Tirets : inconnu.",
    },
    "map.empty": {"en": "No assets to map yet.", "fr": "Aucun actif à représenter pour l'instant."},
    "map.criticality": {"en": "criticality {level}", "fr": "criticité {level}"},
    "map.criticality.unknown": {"en": "criticality unknown", "fr": "criticité inconnue"},
    "map.scope.FR": {"en": "France", "fr": "France"},
    "map.scope.EU": {"en": "Other EU", "fr": "Autre pays de l'UE"},
    "map.scope.non-EU": {"en": "Outside the EU", "fr": "Hors UE"},
    "map.scope.unknown": {"en": "Unknown", "fr": "Inconnu"},
    "map.criticality.1": {"en": "low", "fr": "faible"},
    "map.criticality.2": {"en": "moderate", "fr": "modérée"},
    "map.criticality.3": {"en": "high", "fr": "élevée"},
    "map.criticality.4": {"en": "vital", "fr": "vitale"},
})

#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
SCOPE_COLOURS = {"FR": "#0072B2", "EU": "#009E73", "non-EU": "#D55E00", "unknown": "#8C8C8C"}
#: Light tints of the same colours, for box backgrounds that keep black text readable.
SCOPE_TINTS = {"FR": "#D9EAF5", "EU": "#D5F0E7", "non-EU": "#F8E0D2", "unknown": "#EEEEEE"}

#: Ultimate parents drawn with their own box; the others share one.
MAX_PARENTS = 15

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_TEXT = "#1A1A1A"
_MUTED = "#4A5560"
_NEUTRAL_FILL = "#F4F6F8"
_NEUTRAL_STROKE = "#8796A5"

# Geometry, in SVG user units (pixels at 100 %).
_MARGIN = 10
_CAPABILITY_WIDTH = 230
_PARENT_WIDTH = 230
_COUNTRY_WIDTH = 215
_BAND_GAP = 150  # horizontal room for the bands between two columns
_TOP = 40  # below the column headings
_NODE_GAP = 8
_MIN_NODE_HEIGHT = 34  # two lines of text
_TARGET_FLOW_HEIGHT = 640  # the busiest column's bands fit in about this height
_MIN_UNIT, _MAX_UNIT = 2.0, 16.0
_LEGEND_HEIGHT = 56


def scope_label(scope: str, lang: str) -> str:
    """The words for a jurisdiction class (``FR``, ``EU``, ``non-EU``, ``unknown``)."""
    return t(f"map.scope.{scope}", lang=lang)


def criticality_label(level: int | None, lang: str) -> str:
    """``"4 — vital"`` / ``"4 — vitale"``; the unknown criticality in words."""
    if level is None:
        return t("map.criticality.unknown", lang=lang)
    return f"{level} — {t(f'map.criticality.{level}', lang=lang)}"


def plural(count: int, key: str, lang: str, **values: object) -> str:
    """``key.one`` or ``key.many`` formatted with ``count`` (French singular for 0 and 1)."""
    one = count < 2 if lang == "fr" else count == 1
    return t(f"{key}.{'one' if one else 'many'}", lang=lang, count=count, **values)


@dataclass(eq=False)  # compared and hashed by identity: nodes key the band tallies
class _Node:
    key: object
    label: str
    detail: str
    tooltip: str
    scope: str | None = None  # colours the box when set
    dashed: bool = False
    code: str | None = None  # country code, for a parent's box
    assets: set = field(default_factory=set)
    inflow: float = 0
    outflow: float = 0
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    next_in: float = 0  # where the next incoming band starts
    next_out: float = 0


@dataclass
class _Band:
    source: _Node
    target: _Node
    scope: str
    count: int


def dependency_map_svg(overview: Overview, *, lang: str = "en") -> str:
    """The map of ``overview`` as an SVG document (a string, no XML declaration).

    Raises KeyError for a language without messages.
    """
    t("map.title", lang=lang)  # fail early on an unknown language
    capabilities, parents, countries, bands = _columns(overview, lang)
    if not bands:
        return _empty_svg(lang)

    unit = _unit(capabilities, parents, countries)
    columns = [
        (capabilities, _MARGIN, _CAPABILITY_WIDTH),
        (parents, _MARGIN + _CAPABILITY_WIDTH + _BAND_GAP, _PARENT_WIDTH),
        (countries, _MARGIN + _CAPABILITY_WIDTH + _PARENT_WIDTH + 2 * _BAND_GAP, _COUNTRY_WIDTH),
    ]
    heights = []
    for nodes, x, width in columns:
        for node in nodes:
            node.x, node.width = x, width
            node.height = max(_MIN_NODE_HEIGHT, unit * max(node.inflow, node.outflow))
        heights.append(sum(n.height for n in nodes) + _NODE_GAP * (len(nodes) - 1))
    tallest = max(heights)
    for (nodes, _, _), height in zip(columns, heights):
        y = _TOP + (tallest - height) / 2  # centre the shorter columns
        for node in nodes:
            node.y = y
            node.next_in = y + (node.height - unit * node.inflow) / 2
            node.next_out = y + (node.height - unit * node.outflow) / 2
            y += node.height + _NODE_GAP

    width = _MARGIN * 2 + _CAPABILITY_WIDTH + _PARENT_WIDTH + _COUNTRY_WIDTH + 2 * _BAND_GAP
    height = _TOP + tallest + 16 + _LEGEND_HEIGHT
    svg = _svg_root(width, height, lang)

    headings = ET.SubElement(svg, "g")
    for (_, x, _), key in zip(columns, ("capabilities", "parents", "countries")):
        _text(headings, x, 20, t(f"map.column.{key}", lang=lang), size=12, weight="700",
              fill=_MUTED)

    _draw_bands(svg, bands, unit, lang)
    for nodes, _, _ in columns:
        group = ET.SubElement(svg, "g")
        for node in nodes:
            _draw_node(group, node)
    _draw_legend(svg, _TOP + tallest + 16, lang)
    return ET.tostring(svg, encoding="unicode")


# -- aggregation ---------------------------------------------------------------

_KNOWN, _OTHER, _UNKNOWN = 0, 1, 2  # parent boxes: one company, the rest grouped, unknown


def _columns(overview: Overview, lang: str):
    """Nodes of the three columns, in drawing order, and the bands between them."""
    parent_assets: dict[str | None, set] = defaultdict(set)
    for view in overview.capabilities:
        for row in view.assets:
            parent_assets[row.ultimate_parent.value].add(row.ref)
    known = sorted((name for name in parent_assets if name is not None),
                   key=lambda name: (-len(parent_assets[name]), name.lower(), name))
    shown = set(known[:MAX_PARENTS])
    others = len(known) - len(shown)

    capability_nodes: list[_Node] = []
    parent_nodes: dict[tuple, _Node] = {}
    country_nodes: dict[str | None, _Node] = {}
    first: Counter = Counter()  # (capability, parent, scope) -> assets
    second: dict[tuple, set] = defaultdict(set)  # (parent, country, scope) -> assets

    for view in overview.capabilities:
        if not view.assets:
            continue  # nothing depends on it; the report's tables still list it
        assets = plural(len(view.assets), "map.assets", lang)
        if view.ref is None:  # the assets that serve no declared capability
            label, detail = t("map.no_capability", lang=lang), assets
        else:
            label = view.name or view.ref.key
            criticality = (t("map.criticality", lang=lang, level=view.criticality)
                           if view.criticality is not None
                           else t("map.criticality.unknown", lang=lang))
            detail = f"{criticality} · {assets}"
        capability = _Node(key=(len(capability_nodes),), label=label, detail=detail,
                           tooltip=label, dashed=view.ref is None)
        capability_nodes.append(capability)
        for row in view.assets:
            capability.assets.add(row.ref)
            parent = _parent_node(parent_nodes, row, shown, others, lang)
            country = _country_node(country_nodes, row, lang)
            parent.assets.add(row.ref)
            country.assets.add(row.ref)
            first[capability, parent, row.scope] += 1
            second[parent, country, row.scope].add(row.ref)

    countries = sorted(country_nodes.values(), key=lambda n: (
        SCOPES.index(n.scope), n.key is None, -len(n.assets), n.label.lower(), n.label))
    country_rank = {id(node): index for index, node in enumerate(countries)}
    first_country = {}
    for parent, country, _ in second:
        place = country_rank[id(country)]
        first_country[id(parent)] = min(place, first_country.get(id(parent), place))
    # Parents next to their country, so that bands to the countries barely cross.
    parents = sorted(parent_nodes.values(), key=lambda n: (
        n.key[0], first_country[id(n)] if n.key[0] == _KNOWN else 0, -len(n.assets),
        n.label.lower(), n.label))
    for node in parents:
        node.detail = plural(len(node.assets), "map.assets", lang)
        if node.key[0] == _KNOWN and node.code is not None:
            node.detail += f" · {node.code}"
    for node in countries:
        assets = plural(len(node.assets), "map.assets", lang)
        node.detail = f"{scope_label(node.scope, lang)} · {assets}"

    rank = {id(node): index for nodes in (capability_nodes, parents, countries)
            for index, node in enumerate(nodes)}
    # Sorted by source then target, each node stacks its bands in the order of the
    # boxes they lead to (or come from): bands leave and arrive without crossing.
    def order(band: _Band):
        return rank[id(band.source)], rank[id(band.target)], SCOPES.index(band.scope)

    bands = sorted((_Band(src, dst, scope, count) for (src, dst, scope), count in first.items()),
                   key=order)
    bands += sorted((_Band(src, dst, scope, len(assets))
                     for (src, dst, scope), assets in second.items()), key=order)
    for band in bands:
        band.source.outflow += band.count
        band.target.inflow += band.count
    return capability_nodes, parents, countries, bands


def _parent_node(nodes: dict, row: AssetRow, shown: set, others: int, lang: str) -> _Node:
    name = row.ultimate_parent.value
    if name is None:
        key = (_UNKNOWN,)
    elif name in shown:
        key = (_KNOWN, name)
    else:
        key = (_OTHER,)
    if key not in nodes:
        if key[0] == _KNOWN:
            tooltip = name
            if row.country.known:
                tooltip = f"{name} — {row.country_name or row.country.value} ({row.country.value})"
            # One company, one country: its box takes that jurisdiction's colour.
            nodes[key] = _Node(key=key, label=name, detail="", tooltip=tooltip, scope=row.scope,
                               code=row.country.value)
        elif key[0] == _OTHER:
            label = plural(others, "map.other_parents", lang)
            nodes[key] = _Node(key=key, label=label, detail="", tooltip=label)
        else:
            label = t("map.unknown_parent", lang=lang)
            nodes[key] = _Node(key=key, label=label, detail="", tooltip=label, scope="unknown",
                               dashed=True)
    return nodes[key]


def _country_node(nodes: dict, row: AssetRow, lang: str) -> _Node:
    code = row.country.value
    if code not in nodes:
        if code is None:
            label, scope = t("map.unknown_country", lang=lang), "unknown"
        else:
            label = f"{row.country_name} ({code})" if row.country_name else code
            scope = row.scope
        # The jurisdiction class in words too: colour is never the only cue.
        tooltip = f"{label} — {scope_label(scope, lang)}"
        nodes[code] = _Node(key=code, label=label, detail="", tooltip=tooltip, scope=scope,
                            dashed=code is None)
    return nodes[code]


def _unit(*columns: list[_Node]) -> float:
    """Height of one asset in a band: the busiest column fits the target height."""
    busiest = max(sum(max(n.inflow, n.outflow) for n in nodes) for nodes in columns)
    return min(_MAX_UNIT, max(_MIN_UNIT, _TARGET_FLOW_HEIGHT / busiest))


# -- drawing -------------------------------------------------------------------


def _svg_root(width: float, height: float, lang: str) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": f"0 0 {_num(width)} {_num(height)}",
        "width": _num(width),
        "height": _num(height),
        "role": "img",
        "aria-labelledby": "emprise-map-title emprise-map-desc",
        "font-family": _FONT,
        "class": "dependency-map",
    })
    ET.SubElement(svg, "title", {"id": "emprise-map-title"}).text = t("map.title", lang=lang)
    ET.SubElement(svg, "desc", {"id": "emprise-map-desc"}).text = t("map.description", lang=lang)
    return svg


def _empty_svg(lang: str) -> str:
    svg = _svg_root(480, 60, lang)
    _text(svg, _MARGIN, 34, t("map.empty", lang=lang), size=14, fill=_MUTED)
    return ET.tostring(svg, encoding="unicode")


def _draw_bands(svg: ET.Element, bands: list[_Band], unit: float, lang: str) -> None:
    group = ET.SubElement(svg, "g", {"fill-opacity": "0.45"})
    for band in bands:
        thickness = unit * band.count
        x1, x2 = band.source.x + band.source.width, band.target.x
        y1, y2 = band.source.next_out, band.target.next_in
        band.source.next_out += thickness
        band.target.next_in += thickness
        middle = (x1 + x2) / 2
        path = (f"M{_num(x1)},{_num(y1)} C{_num(middle)},{_num(y1)} {_num(middle)},{_num(y2)} "
                f"{_num(x2)},{_num(y2)} L{_num(x2)},{_num(y2 + thickness)} "
                f"C{_num(middle)},{_num(y2 + thickness)} {_num(middle)},{_num(y1 + thickness)} "
                f"{_num(x1)},{_num(y1 + thickness)} Z")
        element = ET.SubElement(group, "path", {"d": path, "fill": SCOPE_COLOURS[band.scope]})
        ET.SubElement(element, "title").text = t(
            "map.flow", lang=lang, source=band.source.label, target=band.target.label,
            assets=plural(band.count, "map.assets", lang))


def _draw_node(group: ET.Element, node: _Node) -> None:
    box = ET.SubElement(group, "g")
    ET.SubElement(box, "title").text = f"{node.tooltip} — {node.detail}"
    attributes = {
        "x": _num(node.x), "y": _num(node.y), "width": _num(node.width),
        "height": _num(node.height), "rx": "3",
        "fill": SCOPE_TINTS[node.scope] if node.scope else _NEUTRAL_FILL,
        "stroke": SCOPE_COLOURS[node.scope] if node.scope else _NEUTRAL_STROKE,
        "stroke-width": "1",
    }
    if node.dashed:
        attributes["stroke-dasharray"] = "4 3"
    ET.SubElement(box, "rect", attributes)
    if node.scope:  # a solid stripe: the colour reads even when the tint does not print
        ET.SubElement(box, "rect", {"x": _num(node.x), "y": _num(node.y), "width": "5",
                                    "height": _num(node.height), "fill": SCOPE_COLOURS[node.scope]})
    middle = node.y + node.height / 2
    _text(box, node.x + 10, middle - 3, _fit(node.label, node.width - 16, 12), size=12,
          weight="600")
    _text(box, node.x + 10, middle + 11, _fit(node.detail, node.width - 16, 10.5), size=10.5,
          fill=_MUTED)


def _draw_legend(svg: ET.Element, y: float, lang: str) -> None:
    legend = ET.SubElement(svg, "g", {"font-size": "11.5", "fill": _TEXT})
    x = _MARGIN
    for scope in SCOPES:
        attributes = {"x": _num(x), "y": _num(y), "width": "16", "height": "12", "rx": "2",
                      "fill": SCOPE_COLOURS[scope], "stroke": _TEXT, "stroke-width": "0.5"}
        if scope == "unknown":
            attributes["stroke-dasharray"] = "3 2"
        ET.SubElement(legend, "rect", attributes)
        label = scope_label(scope, lang)
        _text(legend, x + 22, y + 10.5, label, size=11.5)
        x += 22 + _text_width(label, 11.5) + 24
    _text(legend, _MARGIN, y + 32, t("map.legend.thickness", lang=lang), size=11.5, fill=_MUTED)


def _text(parent: ET.Element, x: float, y: float, text: str, *, size: float | None = None,
          weight: str | None = None, fill: str | None = None) -> ET.Element:
    attributes = {"x": _num(x), "y": _num(y)}
    if size is not None:
        attributes["font-size"] = _num(size)
    if weight is not None:
        attributes["font-weight"] = weight
    attributes["fill"] = fill or _TEXT
    element = ET.SubElement(parent, "text", attributes)
    element.text = text
    return element


def _text_width(text: str, size: float) -> float:
    # No font metrics server-side: an average sans-serif glyph is about 0.58 em wide.
    return len(text) * size * 0.58


def _fit(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` (the box's tooltip keeps it whole)."""
    room = int(width / (size * 0.58))
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


def _num(value: float) -> str:
    """A coordinate with one decimal at most: short, and the same bytes on every run."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
