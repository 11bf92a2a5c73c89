"""Read RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) for ``add``.

Named graphs in a file are kept; triples outside any named graph go to the file's own
graph ``graph/file/{name}``. Blank nodes get labels made from the file's content, so
re-adding the same file names them the same way, and two files never share one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter
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


# What blank nodes look like in each format, as far as a byte search can tell; formats
# not listed (JSON-LD, RDF/XML) may make blank nodes without any such mark.
_BLANK_MARKS: dict[ox.RdfFormat, tuple[bytes, ...]] = {
    ox.RdfFormat.N_TRIPLES: (b"_:",),
    ox.RdfFormat.N_QUADS: (b"_:",),
    ox.RdfFormat.TURTLE: (b"_:", b"[", b"("),
    ox.RdfFormat.TRIG: (b"_:", b"[", b"("),
}
_GRAPH_OF = attrgetter("graph_name")
_TRIPLE_OF = attrgetter("triple")

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def _may_have_blank_nodes(data: bytes, rdf_format: ox.RdfFormat) -> bool:
    marks = _BLANK_MARKS.get(rdf_format)
    return marks is None or any(mark in data for mark in marks)


def _grouped(quads: Iterable[ox.Quad]) -> dict[GraphName, list[ox.Triple]]:
    """Triples by graph, without Python work per quad (runs of one graph go in at once)."""
    graphs: dict[GraphName, list[ox.Triple]] = {}
    for graph, run in groupby(quads, key=_GRAPH_OF):
        graphs.setdefault(graph, []).extend(map(_TRIPLE_OF, run))
    return graphs


def _relabelled(quads: Iterable[ox.Quad], data: bytes) -> dict[GraphName, list[ox.Triple]]:
    """Triples by graph, blank nodes labelled from the file's content."""
    prefix = "b" + hashlib.sha256(data).hexdigest()[:12]
    labels: dict[str, ox.BlankNode] = {}

    def relabel(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in labels:
                labels[term.value] = ox.BlankNode(f"{prefix}x{len(labels)}")
            return labels[term.value]
        return term

    graphs: dict[GraphName, list[ox.Triple]] = {}
    for quad in quads:
        triple = ox.Triple(relabel(quad.subject), quad.predicate, relabel(quad.object))
        graphs.setdefault(quad.graph_name, []).append(triple)
    return graphs


def read_rdf(path: Path, default_graph: URIRef | None = None) -> list[CompiledGraph]:
    """Parse one RDF file into the named graphs it fills (its own graph for plain triples).

    Files that cannot hold blank nodes (the common case for large N-Quads dumps) take a
    fast path that keeps the parsed triples as they are.
    """
    rdf_format = RDF_FORMATS[path.suffix.lower()]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read file: {exc.strerror}", path=path) from exc
    try:
        quads = ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri())
        graphs = _relabelled(quads, data) if _may_have_blank_nodes(data, rdf_format) else _grouped(quads)
    except SyntaxError as exc:
        reason = _explain(exc.msg or str(exc))
        raise FormatError(f"malformed {rdf_format.name}: {reason}", path=path, line=exc.lineno) from exc
    except ValueError as exc:
        raise FormatError(f"cannot read {rdf_format.name}: {_explain(str(exc))}", path=path) from exc
    if any(isinstance(graph, ox.BlankNode) for graph in graphs):
        raise FormatError("named graphs must be named by IRIs, not blank nodes", path=path)
    plain = graphs.pop(ox.DefaultGraph(), None)
    if plain:
        default = ox.NamedNode(str(default_graph or file_graph(path.stem)))
        graphs[default] = plain + graphs.get(default, [])
    if not graphs:
        raise FormatError(f"no triples in this {rdf_format.name} file", path=path)
    named = sorted(graphs.items(), key=lambda item: item[0].value)
    return [CompiledGraph(URIRef(graph.value), path, triples) for graph, triples in named]
