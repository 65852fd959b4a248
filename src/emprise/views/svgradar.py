"""Radar charts (the SOV objectives, the IRN pillars) as static, inline SVG.

Built with ElementTree (every label escaped), deterministic, no script, nothing loaded:
the same drawing works in the HTML report, in print and in the PDF. An axis whose value
is unknown is drawn at the centre and its label says "unknown", never a guessed value.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

__all__ = ["Series", "radar_svg"]

_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_TEXT, _MUTED, _RULE = "#1a1a1a", "#4a5560", "#d5dbe1"


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # one per axis, 0..maximum; None = unknown
    colour: str
    dashed: bool = False


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def radar_svg(axes: list[str], series: list[Series], *, title: str, description: str, unknown: str,
              maximum: float = 4, rings: int = 4, ident: str = "radar", ring_label=None) -> str:
    """A radar of ``series`` over ``axes`` as an SVG document (a string). An axis label
    may hold a line break (``"SOV-1\\nStrategic"``): its first line is then bold.

    ``unknown`` is the word added to an axis label when every series lacks that value;
    ``ring_label(value)`` formats the ring values (default: the number).
    """
    width, radius = 620.0, 130.0
    cx, cy = width / 2, 40 + radius * 1.15
    legend_y = cy + radius * 1.15 + 44
    height = legend_y + 24 * len(series)
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {_num(width)} {_num(height)}",
                             "width": _num(width), "height": _num(height), "role": "img",
                             "aria-labelledby": f"{ident}-title {ident}-desc", "font-family": _FONT,
                             "class": "radar"})
    ET.SubElement(svg, "title", {"id": f"{ident}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{ident}-desc"}).text = description
    count = len(axes)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * max(0.0, min(value, maximum)) / maximum
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    grid = ET.SubElement(svg, "g", {"fill": "none", "stroke": _RULE, "stroke-width": "1"})
    for ring in range(1, rings + 1):
        value = maximum * ring / rings
        points = " ".join(f"{_num(x)},{_num(y)}" for x, y in (point(i, value) for i in range(count)))
        ET.SubElement(grid, "polygon", {"points": points})
        label = ring_label(value) if ring_label else _num(value)
        _, y = point(0, value)
        text = ET.SubElement(svg, "text", {"x": _num(cx + 3), "y": _num(y + 10), "font-size": "9",
                                           "fill": _MUTED})
        text.text = label
    for i in range(count):
        x, y = point(i, maximum)
        ET.SubElement(grid, "line", {"x1": _num(cx), "y1": _num(cy), "x2": _num(x), "y2": _num(y)})
    for s in series:
        points = " ".join(f"{_num(x)},{_num(y)}" for x, y in
                          (point(i, v if v is not None else 0.0) for i, v in enumerate(s.values)))
        attributes = {"points": points, "fill": s.colour, "fill-opacity": "0.18", "stroke": s.colour,
                      "stroke-width": "2"}
        if s.dashed:
            attributes.update({"stroke-dasharray": "6 4", "fill-opacity": "0.06"})
        polygon = ET.SubElement(svg, "polygon", attributes)
        ET.SubElement(polygon, "title").text = s.label
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x, y = point(i, v)
            dot = ET.SubElement(svg, "circle", {"cx": _num(x), "cy": _num(y), "r": "3", "fill": s.colour})
            ET.SubElement(dot, "title").text = f"{s.label} — {axes[i]}: {_num(v)}"
    for i, axis in enumerate(axes):
        x, y = point(i, maximum * 1.2)
        anchor = "middle" if abs(x - cx) < 8 else ("start" if x > cx else "end")
        known = any(s.values[i] is not None for s in series)
        lines = axis.split("\n")
        if not known:
            lines[-1] += f" ({unknown})"
        top = y + 4 - (12 * (len(lines) - 1) if y < cy - 8 else 0 if y > cy + 8 else 6 * (len(lines) - 1))
        text = ET.SubElement(svg, "text", {"x": _num(x), "y": _num(top), "font-size": "11",
                                           "text-anchor": anchor, "fill": _TEXT if known else _MUTED})
        for number, line in enumerate(lines):
            span = ET.SubElement(text, "tspan", {"x": _num(x), "dy": "0" if number == 0 else "12"})
            if number == 0 and len(lines) > 1:
                span.set("font-weight", "700")
            span.text = line
    y = legend_y
    for s in series:
        attributes = {"x1": "30", "y1": _num(y), "x2": "58", "y2": _num(y), "stroke": s.colour, "stroke-width": "3"}
        if s.dashed:
            attributes["stroke-dasharray"] = "6 4"
        ET.SubElement(svg, "line", attributes)
        text = ET.SubElement(svg, "text", {"x": "66", "y": _num(y + 4), "font-size": "11.5", "fill": _TEXT})
        text.text = s.label
        y += 24
    return ET.tostring(svg, encoding="unicode")
