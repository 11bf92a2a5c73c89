"""Build the rdflib graph that SHACL validation runs on, from the store and new data.

A full validation takes the union of every named graph. Validating an add takes only
what the add touches: the new graphs, the ontology, the store's triples about every node
the new data mentions and about every node those triples point to (two hops: enough for
a shape on a new node to see the class, speaker, date or source of what it points to),
plus whole ``cg:reports`` chains (so a cycle through older statements is seen). Graphs
the add replaces are left out, so their old content cannot vouch for the new.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespaces import CG, ONTOLOGY_IRI
from kg.store import Store

_CHUNK = 500
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OA_HAS_SELECTOR = "http://www.w3.org/ns/oa#hasSelector"


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """Convert one pyoxigraph term to rdflib."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)  # rdflib's plain literal: what its parsers give for "..."
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def add_triples(graph: Graph, triples: Iterable[tuple]) -> None:
    """Add pyoxigraph (subject, predicate, object) triples to an rdflib graph."""
    for s, p, o in triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))


def union_graph(store: Store) -> Graph:
    """Every triple of every named graph, as one rdflib graph."""
    graph = Graph()
    add_triples(graph, ((q.subject, q.predicate, q.object) for q in store.quads()))
    return graph


def neighbourhood(
    store: Store,
    new: dict[ox.NamedNode, list[ox.Triple]],
) -> Graph:
    """The new graphs, the ontology, and the stored context the new triples touch."""
    graph = Graph()
    replaced = set(new)
    for triples in new.values():
        add_triples(graph, ((t.subject, t.predicate, t.object) for t in triples))
    ontology = ox.NamedNode(str(ONTOLOGY_IRI))
    if ontology not in replaced:
        add_triples(graph, ((q.subject, q.predicate, q.object) for q in store.quads(ontology)))
    mentioned = {
        term.value
        for triples in new.values()
        for t in triples
        for term in (t.subject, t.object)
        if isinstance(term, ox.NamedNode)
    }
    pointed = _add_about(store, graph, sorted(mentioned), replaced)
    chained = _reports_chains(store, sorted(mentioned), replaced)
    pointed |= _add_about(store, graph, sorted(chained - mentioned), replaced)
    _add_about(store, graph, sorted(pointed - mentioned - chained), replaced)
    return graph


def _outside(replaced: set[ox.NamedNode]) -> str:
    if not replaced:
        return ""
    return "FILTER(?g NOT IN (" + ", ".join(str(g) for g in sorted(replaced, key=str)) + "))"


def _add_about(store: Store, graph: Graph, iris: list[str], replaced: set[ox.NamedNode]) -> set[str]:
    """Add the stored triples whose subject is one of ``iris`` (outside replaced graphs).

    Returns the IRIs those triples point to.
    """
    pointed: set[str] = set()
    for start in range(0, len(iris), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in iris[start : start + _CHUNK])
        query = f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} {_outside(replaced)} }}"
        rows = [(row["s"], row["p"], row["o"]) for row in store.raw_query(query)]
        add_triples(graph, rows)
        pointed.update(o.value for _, _, o in rows if isinstance(o, ox.NamedNode))
    return pointed


def _reports_chains(store: Store, iris: list[str], replaced: set[ox.NamedNode]) -> set[str]:
    """Statements reachable from ``iris`` along ``cg:reports`` in either direction."""
    found: set[str] = set()
    frontier = set(iris)
    reports = f"<{CG.reports}>"
    while frontier:
        batch = sorted(frontier)
        frontier = set()
        for start in range(0, len(batch), _CHUNK):
            values = " ".join(f"<{iri}>" for iri in batch[start : start + _CHUNK])
            query = (
                f"SELECT ?next WHERE {{ VALUES ?s {{ {values} }} "
                f"{{ GRAPH ?g {{ ?s {reports} ?next }} }} UNION {{ GRAPH ?g {{ ?next {reports} ?s }} }} "
                f"{_outside(replaced)} }}"
            )
            for row in store.raw_query(query):
                iri = row["next"].value
                if iri not in found:
                    found.add(iri)
                    frontier.add(iri)
    return found


def context_of(store: Store, results: Iterable) -> Graph:
    """What a report needs to describe validation results: the stored triples about each
    focus node and, for a selector, about the quote or mention that holds it."""
    graph = Graph()
    focus = sorted({str(r.focus_node) for r in results if isinstance(r.focus_node, URIRef)})
    _add_about(store, graph, focus, set())
    owners: set[str] = set()
    for start in range(0, len(focus), _CHUNK):
        values = " ".join(f"<{iri}>" for iri in focus[start : start + _CHUNK])
        query = (
            f"SELECT DISTINCT ?owner WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?owner <{OA_HAS_SELECTOR}> ?s }} }}"
        )
        owners.update(row["owner"].value for row in store.raw_query(query) if isinstance(row["owner"], ox.NamedNode))
    _add_about(store, graph, sorted(owners - set(focus)), set())
    return graph
