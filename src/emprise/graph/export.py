"""The whole graph as JSON, GraphML or CSV: nodes, edges and the provenance of each."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from decimal import Decimal
from enum import Enum

from emprise.graph.build import DependencyGraph
from emprise.model import Provenance


def plain_value(value):
    """A node attribute as a JSON value: enums by value, amounts and dates as text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _provenance(items: list[Provenance]) -> list[dict]:
    out = []
    for item in items:
        entry = {"source": item.source, "file": item.file, "locator": item.locator}
        if item.import_id is not None:
            entry["import_id"] = item.import_id
        if item.content_hash:
            entry["record_hash"] = item.content_hash
        if item.observed_at:
            entry["observed_at" if item.source == "import" else "as_of"] = item.observed_at
        if "url" in item.extra:
            entry["url"] = item.extra["url"]
        if "check" in item.extra:  # catalog facts: "checked" or "drafted"
            entry["check"] = item.extra["check"]
        out.append(entry)
    return out


def graph_document(graph: DependencyGraph) -> dict:
    """``{"nodes": [...], "edges": [...]}`` with plain JSON values."""
    nodes = []
    for ref in graph.nodes():
        value = graph.value(ref)
        attributes = {f.name: plain_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
        attributes.pop("key", None)
        nodes.append({"id": str(ref), "type": ref.type.value, "key": ref.key, **attributes,
                      "origin": graph.origin(ref),
                      "provenance": _provenance(graph.node_provenance(ref))})
    edges = [
        {"kind": edge.kind.value, "source": str(edge.src), "target": str(edge.dst), "origin": origin,
         "provenance": _provenance(provenance)}
        for edge, provenance, origin in sorted(graph.edges(), key=lambda e: str(e[0]))
    ]
    return {"format": "emprise-graph", "version": 1, "nodes": nodes, "edges": edges}


def to_json(graph: DependencyGraph) -> str:
    return json.dumps(graph_document(graph), ensure_ascii=False, indent=1) + "\n"


def to_graphml(graph: DependencyGraph) -> str:
    """GraphML for Gephi, yEd or Cytoscape; provenance is a JSON string per element."""
    import networkx as nx

    document = graph_document(graph)
    out = nx.MultiDiGraph()
    for node in document["nodes"]:
        attributes = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                      for k, v in node.items() if k != "id" and v is not None}
        out.add_node(node["id"], **attributes)
    for edge in document["edges"]:
        out.add_edge(edge["source"], edge["target"], key=edge["kind"], kind=edge["kind"],
                     origin=edge["origin"],
                     provenance=json.dumps(edge["provenance"], ensure_ascii=False))
    buffer = io.BytesIO()
    nx.write_graphml(out, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


CSV_COLUMNS = ("element", "id", "type", "name", "kind", "source", "target", "origin", "provenance")


def to_csv(graph: DependencyGraph) -> str:
    """One CSV: a row per node then a row per edge; provenance as ``file:line`` list."""
    document = graph_document(graph)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for node in document["nodes"]:
        writer.writerow(["node", node["id"], node["type"], node.get("name") or "", "", "", "",
                         node["origin"], " | ".join(_cite(p) for p in node["provenance"])])
    for edge in document["edges"]:
        writer.writerow(["edge", f'{edge["kind"]}:{edge["source"]}->{edge["target"]}', "", "",
                         edge["kind"], edge["source"], edge["target"], edge["origin"],
                         " | ".join(_cite(p) for p in edge["provenance"])])
    return buffer.getvalue()


def _cite(entry: dict) -> str:
    return f'{entry["locator"]} <{entry["url"]}>' if "url" in entry else entry["locator"]


EXPORTERS = {"json": to_json, "graphml": to_graphml, "csv": to_csv}
