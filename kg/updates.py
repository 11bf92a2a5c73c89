"""SPARQL Update text for replacing named graphs on a server (the embedded store only drops with it).

Terms are written in N-Triples syntax (escaped by Oxigraph), which SPARQL accepts as is,
so no value is ever pasted into an update unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

OPERATION_SIZE = 1000  # triples per INSERT DATA operation: Virtuoso refuses much larger ones
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def term(node: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A term in N-Triples syntax."""
    return str(node)


def triple_lines(triples: Iterable[ox.Triple]) -> str:
    return "\n".join(f"{term(t.subject)} {term(t.predicate)} {term(t.object)} ." for t in triples)


def has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def drop(graph: ox.NamedNode) -> str:
    return f"DROP SILENT GRAPH {term(graph)}"


def inserts(graph: ox.NamedNode, triples: Sequence[ox.Triple]) -> list[str]:
    """Update operations that add ``triples`` to ``graph``, portable across servers.

    Plain triples go in ``INSERT DATA`` operations of at most ``OPERATION_SIZE`` triples;
    triples with blank nodes go together in one ``INSERT {...} WHERE {}``, since some
    servers refuse blank nodes in ``INSERT DATA`` and a blank node label names one node
    only within one operation.
    """
    plain = [t for t in triples if not has_blank_node(t)]
    blank = [t for t in triples if has_blank_node(t)]
    operations = [
        f"INSERT DATA {{ GRAPH {term(graph)} {{\n{triple_lines(plain[i : i + OPERATION_SIZE])}\n}} }}"
        for i in range(0, len(plain), OPERATION_SIZE)
    ]
    if blank:
        operations.append(f"INSERT {{ GRAPH {term(graph)} {{\n{triple_lines(blank)}\n}} }} WHERE {{}}")
    return operations


def replace(contents: dict[ox.NamedNode, Sequence[ox.Triple]]) -> str:
    """One update request that makes each graph hold exactly its triples."""
    operations = [drop(graph) for graph in contents]
    operations += [op for graph, triples in contents.items() for op in inserts(graph, triples)]
    return " ;\n".join(operations)
