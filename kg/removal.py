"""``claimgraph remove``: take one document (or any named graph) out of the store."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.namespaces import ID, document_graph
from kg.store import Store


def resolve_graph(store: Store, name: str) -> ox.NamedNode:
    """The named graph meant by a document id, a document IRI or a graph IRI."""
    graphs = {g.value for g in store.named_graphs()}
    candidates = [name, str(document_graph(name)), ID + name]
    if name.startswith(ID + "document/"):
        candidates.append(str(document_graph(name.removeprefix(ID + "document/"))))
    for candidate in candidates:
        if candidate in graphs:
            return ox.NamedNode(candidate)
    known = sorted(g.removeprefix(ID + "graph/document/") for g in graphs if g.startswith(ID + "graph/document/"))
    listing = ", ".join(known) if known else "none"
    raise NotFoundError(f"no document or graph {name!r} in the store (documents: {listing})")


def remove(store: Store, name: str) -> tuple[ox.NamedNode, int]:
    """Drop the graph ``name`` stands for; return it and how many triples it held."""
    graph = resolve_graph(store, name)
    count = sum(1 for _ in store.quads(graph))
    store.remove_graphs([graph])
    return graph, count
