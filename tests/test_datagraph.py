"""What a validated add sees: the new graphs, the ontology, and only the stored context they touch."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from conftest import MINI
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg import ingest
from kg.datagraph import neighbourhood, union_graph
from kg.namespaces import CG, ONTOLOGY_IRI
from kg.store import EmbeddedStore

ID = "https://w3id.org/claimgraph/id/"


def test_neighbourhood_of_a_re_added_document(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest.add([MINI], store, validate=False)
    unrelated = ox.NamedNode(ID + "actor/unrelated")
    store.replace_graphs(
        {
            ox.NamedNode(ID + "graph/other"): [
                ox.Triple(unrelated, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CG.Person)))
            ]
        }
    )
    (compiled,) = ingest.compile_file(MINI / "annotation.yaml")
    graph = ox.NamedNode(str(compiled.graph))
    new = {graph: compiled.triples}
    data = neighbourhood(store, new)
    # the new document graph is all there
    assert len(compiled.triples) <= len(data)
    # the ontology is there, for subclass checks
    assert (ONTOLOGY_IRI, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in data
    # the registry's triples about actors the document names are there...
    assert (URIRef(ID + "actor/alice-brown"), RDFS.label, Literal("Alice Brown", lang="en")) in data
    assert (URIRef(ID + "actor/alice-brown"), RDF.type, CG.Person) in data
    # ...and about what those point to (Alice Brown's post is in the Government of Northland)...
    assert (URIRef(ID + "actor/northland-government"), RDF.type, CG.Government) in data
    # ...but nothing unconnected
    assert (URIRef(ID + "actor/unrelated"), RDF.type, CG.Person) not in data
    assert len(data) < len(union_graph(store))


def test_replaced_graphs_do_not_leak_into_the_neighbourhood(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest.add([MINI], store, validate=False)
    (compiled,) = ingest.compile_file(MINI / "annotation.yaml")
    graph = ox.NamedNode(str(compiled.graph))
    without_s5 = [t for t in compiled.triples if "/s5" not in str(t.subject)]
    data = neighbourhood(store, {graph: without_s5})
    s5 = URIRef(ID + "statement/wire-2025-07-01/s5")
    assert (s5, RDF.type, CG.Statement) not in data


def test_reports_chains_are_followed_through_the_store(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    ingest.add([MINI], store, validate=False)
    reports = ox.NamedNode(str(CG.reports))

    def statement(path: str) -> ox.NamedNode:
        return ox.NamedNode(f"{ID}statement/{path}")

    # stored chain: wire/s1 -> y/b -> z/c, in two other graphs
    store.replace_graphs(
        {
            ox.NamedNode(f"{ID}graph/y"): [ox.Triple(statement("wire-2025-07-01/s1"), reports, statement("y/b"))],
            ox.NamedNode(f"{ID}graph/z"): [ox.Triple(statement("y/b"), reports, statement("z/c"))],
        }
    )
    extra = tmp_path / "chain.trig"
    extra.write_text(f"<{ID}graph/x> {{ <{ID}statement/x/a> <{CG}reports> <{ID}statement/wire-2025-07-01/s1> . }}\n")
    (compiled,) = ingest.compile_file(extra)
    data = neighbourhood(store, {ox.NamedNode(str(compiled.graph)): compiled.triples})
    # y/b -> z/c is three hops from the new statement, reached only by following cg:reports
    assert (URIRef(ID + "statement/y/b"), CG.reports, URIRef(ID + "statement/z/c")) in data
