"""Render a SHACL validation report for people (grouped, labelled) and for machines.

People see results grouped by shape, each focus node by its label and IRI, the path,
the value, the message and the document it belongs to; blank nodes never show. Machines
get the standard SHACL report graph (Turtle) or the same results as JSON, keyed by the
SHACL property names.
"""

from __future__ import annotations

import json
from collections import defaultdict

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS
from rdflib.term import BNode, Node, URIRef

from kg.namespaces import CG, OA, PREFIXES
from kg.validation import Report, Result

FORMATS = ("human", "table", "turtle", "json")
SHAPES_NS = "https://w3id.org/claimgraph/shapes#"
_SHORT = {**PREFIXES, "cgsh": SHAPES_NS, "sh": "http://www.w3.org/ns/shacl#", "id": "https://w3id.org/claimgraph/id/"}


def short(term: Node | None) -> str:
    """A prefixed name for an IRI, the lexical form for a literal, ``-`` for none."""
    if term is None:
        return "-"
    if isinstance(term, Literal):
        text = str(term)
        return repr(text if len(text) <= 60 else text[:57] + "...")
    if isinstance(term, BNode):
        return "(path expression)"
    iri = str(term)
    for prefix, namespace in sorted(_SHORT.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


class Describer:
    """Labels and documents of focus nodes, read from the validated data."""

    def __init__(self, data: Graph, shapes: Graph | None = None):
        self.data = data
        self.shapes = shapes

    def label(self, node: Node) -> str | None:
        for graph in (self.data, self.shapes):
            if graph is None:
                continue
            labels = list(graph.objects(node, RDFS.label)) + list(graph.objects(node, SKOS.prefLabel))
            english = [lab for lab in labels if isinstance(lab, Literal) and lab.language in (None, "en")]
            if english or labels:
                return str((english or labels)[0])
        return None

    def document(self, node: Node) -> Node | None:
        """The source document a focus node belongs to, when there is one."""
        if (node, CG.annotation, None) in self.data:
            return node
        for prop in (CG.reportedIn, OA.hasSource):
            found = self.data.value(node, prop)
            if found is not None:
                return found
        owner = self.data.value(None, OA.hasSelector, node)
        return self.data.value(owner, OA.hasSource) if owner is not None else None

    def focus(self, node: Node) -> str:
        label = self.label(node)
        return f"{label} {short(node)}" if label else short(node)


def _sort_key(result: Result) -> tuple:
    return (-["info", "warning", "violation"].index(result.severity), str(result.source_shape), str(result.focus_node))


def render_human(report: Report, describe: Describer) -> str:
    if not report.results:
        return "Conforms: no problems found."
    groups: dict[Node, list[Result]] = defaultdict(list)
    for result in sorted(report.results, key=_sort_key):
        groups[result.source_shape].append(result)
    counts = defaultdict(int)
    for result in report.results:
        counts[result.severity] += 1
    summary = ", ".join(
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("violation", "warning", "info") if counts[s]
    )
    lines = [f"Does not conform: {summary}."]
    for shape, results in groups.items():
        title = describe.label(shape)
        lines += ["", f"{short(shape)}" + (f" — {title}" if title else "") + f" ({len(results)})"]
        for result in results:
            lines.append(f"  {result.severity.upper():<9} {describe.focus(result.focus_node)}")
            if result.path is not None:
                lines.append(
                    f"            path: {short(result.path)}"
                    + (f"   value: {short(result.value)}" if result.value is not None else "")
                )
            elif result.value is not None:
                lines.append(f"            value: {short(result.value)}")
            document = describe.document(result.focus_node)
            if document is not None:
                lines.append(f"            document: {describe.focus(document)}")
            if result.message:
                lines.append(f"            {result.message}")
    return "\n".join(lines)


def render_table(report: Report, describe: Describer) -> str:
    header = ("severity", "shape", "focus", "path", "value", "document", "message")
    rows = [header]
    for r in sorted(report.results, key=_sort_key):
        document = describe.document(r.focus_node)
        rows.append(
            (
                r.severity,
                short(r.source_shape),
                short(r.focus_node),
                short(r.path) if r.path is not None else "-",
                short(r.value),
                short(document),
                r.message,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1] for row in rows
    )


def as_json(report: Report, describe: Describer) -> dict[str, object]:
    """The report's results keyed by SHACL's own property names, plus labels and documents."""

    def iri(node: Node | None) -> str | None:
        return str(node) if isinstance(node, URIRef) else None

    results = []
    for r in sorted(report.results, key=_sort_key):
        document = describe.document(r.focus_node)
        results.append(
            {
                "focusNode": iri(r.focus_node),
                "focusLabel": describe.label(r.focus_node),
                "resultPath": iri(r.path),
                "value": (str(r.value) if r.value is not None else None),
                "sourceShape": iri(r.source_shape),
                "sourceConstraintComponent": iri(r.constraint_component),
                "resultSeverity": r.severity,
                "resultMessage": r.message,
                "document": iri(document),
            }
        )
    return {"conforms": report.conforms, "results": results}


def render(report: Report, describe: Describer, format_name: str) -> str:
    """The report in one of :data:`FORMATS`."""
    if format_name == "human":
        return render_human(report, describe)
    if format_name == "table":
        return render_table(report, describe)
    if format_name == "json":
        return json.dumps(as_json(report, describe), indent=2, ensure_ascii=False)
    graph = report.graph
    graph.bind("sh", "http://www.w3.org/ns/shacl#")
    graph.bind("cgsh", SHAPES_NS)
    graph.bind("cg", str(CG))
    return graph.serialize(format="turtle")
