"""Rows for ``emprise ls`` and facts for ``emprise show``: plain dicts, ready for JSON."""

from __future__ import annotations

import dataclasses
import difflib
from collections import Counter

from emprise.analyses.inventory import Overview, scope_of
from emprise.graph import DependencyGraph
from emprise.graph.export import plain_value
from emprise.model import NodeType, Provenance, Ref, slugify


def check_note(provenance: Provenance) -> str:
    """`` [checked as of …]`` or `` [drafted, not yet checked]`` for a catalog fact whose
    check status is known (docs/catalog.md, "Checked and drafted facts"); else empty."""
    status = provenance.extra.get("check")
    if status == "checked":
        when = provenance.extra.get("checked_as_of")
        return f" [checked as of {when}]" if when else " [checked]"
    return " [drafted, not yet checked]" if status == "drafted" else ""


def cite(provenance: Provenance) -> str:
    """``inventaire.csv:12`` for an import, ``catalog vendors/x.yaml:3 <url> (as of …)`` for the catalog."""
    if provenance.source == "catalog":
        url = provenance.extra.get("url")
        as_of = f" (as of {provenance.observed_at})" if provenance.observed_at else ""
        return f"catalog {provenance.locator}" + (f" <{url}>" if url else "") + as_of + check_note(provenance)
    return provenance.locator


def list_rows(what: str, graph: DependencyGraph, view: Overview, catalog) -> list[dict]:
    """One dict per asset, vendor, country or capability (keys are stable: scripts read them)."""
    eu = frozenset(code for code, entry in catalog.countries.items() if entry.eu)
    if what == "assets":
        return [
            {"id": str(row.ref), "name": row.asset.name,
             "kind": row.asset.kind.value if row.asset.kind else None,
             "vendor": row.vendor.value, "ultimate_parent": row.ultimate_parent.value,
             "country": row.country.value, "scope": row.scope,
             "capabilities": [graph.name(c) for c in graph.capabilities_of(row.ref)],
             "declared": row.asset.declared}
            for row in view.assets
        ]
    if what == "vendors":
        assets_per_vendor = Counter()
        for row in view.assets:
            vendor = graph.vendor_of(row.ref)
            if vendor is not None:
                assets_per_vendor[vendor] += 1
        rows = []
        for vendor in graph.nodes(NodeType.VENDOR):
            top = graph.ultimate_parent(vendor)
            own_country = graph.country_of(vendor)
            top_country = graph.country_of(top)
            rows.append({"id": str(vendor), "name": graph.name(vendor),
                         "ultimate_parent": graph.name(top),
                         "country": top_country.key if top_country else None,
                         "headquarters": own_country.key if own_country else None,
                         "scope": scope_of(top_country.key if top_country else None, eu),
                         "assets": assets_per_vendor.get(vendor, 0)})
        return sorted(rows, key=lambda r: (-r["assets"], r["name"].lower()))
    if what == "countries":
        per_country = Counter(row.country.value for row in view.assets if row.country.known)
        rows = []
        for country in graph.nodes(NodeType.COUNTRY):
            entry = catalog.country(country.key)
            rows.append({"id": str(country), "code": country.key,
                         "name": (entry.name_en if entry else None) or graph.name(country),
                         "eu": entry.eu if entry else None,
                         "assets": per_country.get(country.key, 0)})
        return sorted(rows, key=lambda r: (-r["assets"], r["code"]))
    if what == "capabilities":
        return [{"id": str(c.ref), "name": c.name, "criticality": c.criticality, "assets": len(c.assets)}
                for c in view.capabilities if c.ref is not None]
    raise ValueError(f"cannot list {what!r}")


def find_nodes(graph: DependencyGraph, text: str) -> tuple[list[Ref], list[str]]:
    """Nodes named ``text`` (an id ``type:key``, a key, or a name, case and accents ignored),
    and close names to suggest when there is none."""
    text = text.strip()
    try:
        ref = Ref.parse(text)
        if ref in graph:
            return [ref], []
    except ValueError:
        pass
    try:
        wanted = slugify(text)
    except ValueError:
        return [], []
    matches = [ref for ref in graph.nodes() if ref.key == wanted or _fold(graph.name(ref)) == wanted]
    # Prefer what the organisation declared over the catalog's own nodes of the same name.
    if len(matches) > 1:
        assets = [m for m in matches if m.type is NodeType.ASSET]
        matches = assets if len(assets) == 1 else matches
    names = {graph.name(ref) for ref in graph.nodes()}
    suggestions = difflib.get_close_matches(text, sorted(names), n=5, cutoff=0.6) if not matches else []
    return matches, suggestions


def _fold(name: str) -> str:
    try:
        return slugify(name)
    except ValueError:
        return ""


def describe(graph: DependencyGraph, ref: Ref) -> dict:
    """A node's attributes, every relation in and out with its sources, and its own sources."""
    value = graph.value(ref)
    attributes = {f.name: plain_value(getattr(value, f.name)) for f in dataclasses.fields(value)
                  if f.name not in ("key", "name") and getattr(value, f.name) is not None}
    relations = []
    for src, dst, kind, data in sorted(graph.g.out_edges(ref, keys=True, data=True),
                                       key=lambda e: (e[2].value, e[1].key)):
        relations.append({"direction": "out", "kind": kind.value, "id": str(dst), "name": graph.name(dst),
                          "origin": data["origin"], "sources": [cite(p) for p in data["provenance"]]})
    for src, dst, kind, data in sorted(graph.g.in_edges(ref, keys=True, data=True),
                                       key=lambda e: (e[2].value, e[0].key)):
        relations.append({"direction": "in", "kind": kind.value, "id": str(src), "name": graph.name(src),
                          "origin": data["origin"], "sources": [cite(p) for p in data["provenance"]]})
    info = {"id": str(ref), "type": ref.type.value, "name": graph.name(ref), "attributes": attributes,
            "relations": relations, "origin": graph.origin(ref),
            "sources": [cite(p) for p in graph.node_provenance(ref)]}
    if ref.type is NodeType.VENDOR:
        info["ownership_chain"] = [graph.name(v) for v in graph.ownership_chain(ref)]
    if ref.type is NodeType.ASSET:
        vendor = graph.vendor_of(ref)
        if vendor is not None:
            info["ownership_chain"] = [graph.name(v) for v in graph.ownership_chain(vendor)]
        info["capabilities"] = [graph.name(c) for c in graph.capabilities_of(ref)]
    return info
