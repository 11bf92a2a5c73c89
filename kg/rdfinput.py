"""Read RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) for ``add``.

Named graphs in a file are kept; triples outside any named graph go to the file's own
graph ``graph/file/{name}``. Blank nodes get labels made from the file's content, so
re-adding the same file names them the same way, and two files never share one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.compiled import CompiledGraph
from kg.errors import FormatError
from kg.namespaces import file_graph

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json-ld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def _explain(reason: str) -> str:
    """The parser's reason, reworded where a user needs to know what to do."""
    if "LoadDocumentCallback" in reason:
        return "it refers to a remote JSON-LD context, which claimgraph does not fetch; inline the context"
    return reason


def read_rdf(path: Path, default_graph: URIRef | None = None) -> list[CompiledGraph]:
    """Parse one RDF file into the named graphs it fills (its own graph for plain triples)."""
    rdf_format = RDF_FORMATS[path.suffix.lower()]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    prefix = "b" + hashlib.sha256(data).hexdigest()[:12]
    labels: dict[str, ox.BlankNode] = {}

    def relabel(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in labels:
                labels[term.value] = ox.BlankNode(f"{prefix}x{len(labels)}")
            return labels[term.value]
        return term

    default = ox.NamedNode(str(default_graph or file_graph(path.stem)))
    graphs: dict[str, list[ox.Triple]] = {}
    try:
        for quad in ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri()):
            graph = quad.graph_name
            if isinstance(graph, ox.DefaultGraph):
                graph = default
            elif isinstance(graph, ox.BlankNode):
                raise FormatError("named graphs must be named by IRIs, not blank nodes", path=path)
            triple = ox.Triple(relabel(quad.subject), quad.predicate, relabel(quad.object))
            graphs.setdefault(graph.value, []).append(triple)
    except SyntaxError as exc:
        reason = _explain(exc.msg or str(exc))
        raise FormatError(f"malformed {rdf_format.name}: {reason}", path=path, line=exc.lineno) from exc
    except ValueError as exc:
        raise FormatError(f"cannot read {rdf_format.name}: {_explain(str(exc))}", path=path) from exc
    if not graphs:
        raise FormatError(f"no triples in this {rdf_format.name} file", path=path)
    return [CompiledGraph(URIRef(iri), path, triples) for iri, triples in sorted(graphs.items())]
