"""What compiling one input file yields: the named graph it fills, and its cross-references.

Files are compiled independently; :mod:`kg.ingest` then checks every reference
against what the whole batch declares and what the store already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import BNode, Node, URIRef

from kg.namespaces import PREFIXES


@dataclass(frozen=True)
class Reference:
    """An id used in a file that must name something declared somewhere."""

    iri: URIRef
    kind: str
    written: str
    path: Path
    line: int


@dataclass
class CompiledGraph:
    """The full content of one named graph, compiled from one input file."""

    graph: URIRef
    source: Path
    triples: list[ox.Triple]
    declares: set[URIRef] = field(default_factory=set)
    requires: list[Reference] = field(default_factory=list)


def new_graph() -> Graph:
    """An rdflib graph with the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one rdflib term to the pyoxigraph term the store takes."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store RDF term {term!r}")


def triples_of(graph: Graph) -> list[ox.Triple]:
    """All triples of an rdflib graph as pyoxigraph triples."""
    return [
        ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
        for s, p, o in graph
    ]
