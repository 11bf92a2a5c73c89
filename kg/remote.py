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

from kg import updates
from kg.config import Endpoint
from kg.endpoint import SparqlClient
from kg.errors import EndpointError, InputError

SCOPE = "https://w3id.org/claimgraph/"
STAGING = "urn:claimgraph:staging:"
_EMPTY = "urn:claimgraph:no-graph"  # a default graph with nothing in it
_CHUNK = 500  # IRIs per VALUES block


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
        rows = self.client.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {updates.term(graph)} {{ ?s ?p ?o }} }}")
        return [ox.Triple(row["s"], row["p"], row["o"]) for row in rows]

    def __len__(self) -> int:
        rows = list(
            self.client.select(
                f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{SCOPE}")) }}'
            )
        )
        return int(rows[0]["n"].value) if rows else 0

    def graph_size(self, graph: ox.NamedNode) -> int:
        """How many triples ``graph`` holds on the server (0 if it is absent)."""
        rows = list(
            self.client.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {updates.term(graph)} {{ ?s ?p ?o }} }}")
        )
        return int(rows[0]["n"].value) if rows else 0

    def holds_all(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> bool:
        """Whether ``graph`` holds every one of ``triples`` (reads the graph once)."""
        return set(triples) <= set(self.triples(graph))

    def existing_subjects(self, iris: Iterable[str], excluding: Iterable[ox.NamedNode] = ()) -> set[str]:
        """Which of ``iris`` are typed subjects in claimgraph graphs other than ``excluding``."""
        wanted = sorted(set(iris))
        skip = {g.value for g in excluding}
        found: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            values = " ".join(updates.term(ox.NamedNode(iri)) for iri in wanted[start : start + _CHUNK])
            rows = self.client.select(
                f"SELECT DISTINCT ?s ?g WHERE {{ VALUES ?s {{ {values} }} "
                f"GRAPH ?g {{ ?s {updates.term(updates.RDF_TYPE)} ?type }} }}"
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
        self.client.update(updates.replace(contents))

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
        self.client.update(" ;\n".join(updates.drop(g) for g in graphs))

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
        plain = [t for t in triples if not updates.has_blank_node(t)]
        blank = [t for t in triples if updates.has_blank_node(t)]
        batches = [plain[i : i + batch] for i in range(0, len(plain), batch)] + ([blank] if blank else [])
        try:
            self.client.update(updates.drop(staging))
            for part in batches:
                self.client.update(" ;\n".join(updates.inserts(staging, part)))
            self.client.update(f"MOVE SILENT GRAPH {updates.term(staging)} TO {updates.term(graph)}")
        except EndpointError:
            # The first failure is the one to report; a staging graph left behind is out of scope.
            with contextlib.suppress(EndpointError):
                self.client.update(updates.drop(staging))
            raise


def _check_scope(contents: Mapping[ox.NamedNode, object]) -> None:
    outside = sorted(g.value for g in contents if not g.value.startswith(SCOPE))
    if outside:
        raise InputError(
            f"graph <{outside[0]}> is outside claimgraph's graphs on a server (IRIs starting {SCOPE}); "
            "name the graph under that namespace"
        )
