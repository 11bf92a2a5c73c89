"""A SPARQL 1.1 server as the store: the same methods as the embedded store, over HTTP.

claimgraph keeps its data in named graphs under ``https://w3id.org/claimgraph/`` and, on
a server it may share with other data (Virtuoso's system graphs, other projects), sees
only those. Queries over "the store" run with those graphs as the default graph
(``default-graph-uri``), which gives the union of claimgraph's graphs on any server,
whatever its own default graph is.

Writes: :meth:`RemoteStore.replace_graphs` uses one SPARQL update (``DROP SILENT GRAPH`` +
``INSERT DATA``), which servers such as Oxigraph apply as one transaction; with a Graph
Store Protocol endpoint it PUTs each graph instead and, should one PUT fail, puts back
what the graphs held before.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from kg.config import Endpoint
from kg.endpoint import SparqlClient
from kg.errors import EndpointError, InputError

SCOPE = "https://w3id.org/claimgraph/"
STAGING = "urn:claimgraph:staging:"
_EMPTY = "urn:claimgraph:no-graph"  # a default graph with nothing in it
_CHUNK = 500  # IRIs per VALUES block
OPERATION_SIZE = 1000  # triples per INSERT DATA operation
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _nt(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    return str(term)


def _lines(triples: Iterable[ox.Triple]) -> str:
    return "\n".join(f"{_nt(t.subject)} {_nt(t.predicate)} {_nt(t.object)} ." for t in triples)


def _inserts(graph: ox.NamedNode, triples: Sequence[ox.Triple]) -> list[str]:
    """Update operations that add ``triples`` to ``graph``, portable across servers.

    Plain triples go in ``INSERT DATA`` operations of at most ``OPERATION_SIZE`` triples
    (Virtuoso refuses much larger ones); triples with blank nodes go together in one
    ``INSERT {...} WHERE {}``, since some servers refuse blank nodes in ``INSERT DATA``
    and a blank node label names one node only within one operation.
    """
    plain = [t for t in triples if not _has_blank_node(t)]
    blank = [t for t in triples if _has_blank_node(t)]
    operations = [
        f"INSERT DATA {{ GRAPH {_nt(graph)} {{\n{_lines(plain[i : i + OPERATION_SIZE])}\n}} }}"
        for i in range(0, len(plain), OPERATION_SIZE)
    ]
    if blank:
        operations.append(f"INSERT {{ GRAPH {_nt(graph)} {{\n{_lines(blank)}\n}} }} WHERE {{}}")
    return operations


class RemoteStore:
    """claimgraph's named graphs on a SPARQL 1.1 server."""

    def __init__(self, endpoint: Endpoint, client: SparqlClient | None = None):
        self.endpoint = endpoint
        self.client = client or SparqlClient(endpoint)
        self._graphs: list[ox.NamedNode] | None = None

    @property
    def location(self) -> str:
        """The query endpoint's URL, for messages."""
        return self.endpoint.query_url

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------
    def query(self, sparql: str) -> ox.QuerySolutions:
        """Run a SELECT query over the union of claimgraph's named graphs."""
        graphs = [g.value for g in self.named_graphs()] or [_EMPTY]
        return self.client.select(sparql, default_graphs=graphs)

    def raw_query(self, sparql: str) -> ox.QuerySolutions:
        """Run a SELECT query as written (GRAPH patterns see the server's named graphs)."""
        return self.client.select(sparql)

    def named_graphs(self) -> list[ox.NamedNode]:
        """claimgraph's named graphs on the server, sorted by IRI."""
        if self._graphs is None:
            rows = self.client.select(
                f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{SCOPE}")) }}'
            )
            found = {row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode)}
            self._graphs = [ox.NamedNode(iri) for iri in sorted(found)]
        return list(self._graphs)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad of claimgraph's graphs, or of one graph."""
        for name in [graph] if graph is not None else self.named_graphs():
            for triple in self.triples(name):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    def triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        """The triples of one named graph (by the Graph Store Protocol when there is one)."""
        if self.endpoint.gsp_url is not None:
            return self.client.gsp_get(graph.value)
        rows = self.client.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {_nt(graph)} {{ ?s ?p ?o }} }}")
        return [ox.Triple(row["s"], row["p"], row["o"]) for row in rows]

    def __len__(self) -> int:
        rows = list(
            self.client.select(
                f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{SCOPE}")) }}'
            )
        )
        return int(rows[0]["n"].value) if rows else 0

    def existing_subjects(self, iris: Iterable[str], excluding: Iterable[ox.NamedNode] = ()) -> set[str]:
        """Which of ``iris`` are typed subjects in claimgraph graphs other than ``excluding``."""
        wanted = sorted(set(iris))
        skip = {g.value for g in excluding}
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            values = " ".join(_nt(ox.NamedNode(iri)) for iri in wanted[start : start + _CHUNK])
            rows = self.client.select(
                f"SELECT DISTINCT ?s ?g WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s {_nt(_RDF_TYPE)} ?type }} }}"
            )
            for row in rows:
                graph = row["g"].value
                if graph.startswith(SCOPE) and graph not in skip:
                    found.add(row["s"].value)
        return found

    # -- writing --------------------------------------------------------------------
    def replace_graphs(self, contents: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None:
        """Make each named graph hold exactly the given triples."""
        contents = {graph: list(triples) for graph, triples in contents.items()}
        if not contents:
            return
        _check_scope(contents)
        self._graphs = None
        if self.endpoint.gsp_url is not None:
            self._put_each(contents)
            return
        drops = [f"DROP SILENT GRAPH {_nt(graph)}" for graph in contents]
        inserts = [op for graph, triples in contents.items() for op in _inserts(graph, triples)]
        self.client.update(" ;\n".join(drops + inserts))

    def _put_each(self, contents: dict[ox.NamedNode, list[ox.Triple]]) -> None:
        """PUT graph by graph; if one fails, put the ones already written back as they were."""
        before = {graph: self.triples(graph) for graph in contents}
        written: list[ox.NamedNode] = []
        try:
            for graph, triples in contents.items():
                self.client.gsp_put(graph.value, triples)
                written.append(graph)
        except EndpointError as failure:
            try:
                for graph in written:
                    self._restore(graph, before[graph])
            except EndpointError as second:
                names = ", ".join(g.value for g in written)
                raise EndpointError(f"{failure}; putting back {names} failed too: {second}") from failure
            raise type(failure)(f"{failure.message}; nothing was changed") from failure

    def _restore(self, graph: ox.NamedNode, triples: list[ox.Triple]) -> None:
        if triples:
            self.client.gsp_put(graph.value, triples)
        else:
            self.client.gsp_delete(graph.value)

    def remove_graphs(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Drop named graphs (in one update request when the server takes updates)."""
        graphs = list(graphs)
        if not graphs:
            return
        self._graphs = None
        self.client.update(" ;\n".join(f"DROP SILENT GRAPH {_nt(g)}" for g in graphs))

    def write_graph(self, graph: ox.NamedNode, triples: Sequence[ox.Triple], batch: int) -> None:
        """Replace one graph by a large set of triples, in batches, never leaving it half-written.

        Up to ``batch`` triples go in one request. More are inserted batch by batch into a
        staging graph that then replaces the target in one ``MOVE``; a failure drops the
        staging graph and leaves the target as it was. Triples with blank nodes all go in
        one batch, since a blank node label means one node only within one request.
        """
        _check_scope({graph: triples})
        self._graphs = None
        if len(triples) <= batch:
            self.replace_graphs({graph: triples})
            return
        staging = ox.NamedNode(f"{STAGING}{uuid.uuid4()}")
        plain = [t for t in triples if not _has_blank_node(t)]
        blank = [t for t in triples if _has_blank_node(t)]
        batches = [plain[i : i + batch] for i in range(0, len(plain), batch)] + ([blank] if blank else [])
        try:
            self.client.update(f"DROP SILENT GRAPH {_nt(staging)}")
            for part in batches:
                self.client.update(" ;\n".join(_inserts(staging, part)))
            self.client.update(f"MOVE SILENT GRAPH {_nt(staging)} TO {_nt(graph)}")
        except EndpointError:
            # The first failure is the one to report; a staging graph left behind is out of scope.
            with contextlib.suppress(EndpointError):
                self.client.update(f"DROP SILENT GRAPH {_nt(staging)}")
            raise


def _has_blank_node(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _check_scope(contents: Mapping[ox.NamedNode, object]) -> None:
    outside = sorted(g.value for g in contents if not g.value.startswith(SCOPE))
    if outside:
        raise InputError(
            f"graph <{outside[0]}> is outside claimgraph's graphs on a server (IRIs starting {SCOPE}); "
            "name the graph under that namespace"
        )
