"""``claimgraph push`` and ``pull``: copy the store to a SPARQL server and back, graph by graph.

Each graph is written whole or not at all (see :meth:`kg.remote.RemoteStore.write_graph`
and the embedded store's transactions), so a run that stops part way leaves every graph
either copied or as it was, and says which were copied. Running it again copies the
same graphs again to the same result: push and pull are idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import ClaimgraphError, TransferError
from kg.namespaces import ID
from kg.remote import RemoteStore
from kg.store import EmbeddedStore, Store

DEFAULT_BATCH = 1_000  # triples per request: Virtuoso refuses much larger INSERT DATA
Progress = Callable[[ox.NamedNode, int], None]  # called after each graph with its triple count


@dataclass
class Copied:
    """What a push or pull copied: graph IRI → triples."""

    graphs: dict[str, int] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def sizes(store: Store) -> dict[ox.NamedNode, int]:
    """Triples per named graph, for a progress bar's length."""
    rows = store.raw_query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    )
    counts = {row["g"].value: int(row["n"].value) for row in rows if isinstance(row["g"], ox.NamedNode)}
    return {graph: counts.get(graph.value, 0) for graph in store.named_graphs()}


def push(
    local: EmbeddedStore, remote: RemoteStore, *, batch: int = DEFAULT_BATCH, progress: Progress | None = None
) -> Copied:
    """Copy every named graph of the embedded store to the server."""
    return _copy(
        local.named_graphs(),
        lambda graph: [ox.Triple(q.subject, q.predicate, q.object) for q in local.quads(graph)],
        lambda graph, triples: remote.write_graph(graph, triples, batch),
        progress,
    )


def pull(remote: RemoteStore, local: EmbeddedStore, *, progress: Progress | None = None) -> Copied:
    """Copy every claimgraph graph on the server into the embedded store."""
    return _copy(
        remote.named_graphs(),
        remote.triples,
        lambda graph, triples: local.replace_graphs({graph: triples}),
        progress,
    )


def _copy(
    graphs: list[ox.NamedNode],
    read: Callable[[ox.NamedNode], list[ox.Triple]],
    write: Callable[[ox.NamedNode, list[ox.Triple]], None],
    progress: Progress | None,
) -> Copied:
    copied = Copied()
    for graph in graphs:
        try:
            triples = read(graph)
            write(graph, triples)
        except ClaimgraphError as exc:
            done = ", ".join(name.removeprefix(ID) for name in copied.graphs) or "none"
            raise TransferError(
                f"stopped at graph {graph.value.removeprefix(ID)}, which is unchanged: {exc}. "
                f"Copied {len(copied.graphs)} of {len(graphs)} graphs: {done}. Run again to finish"
            ) from exc
        copied.graphs[graph.value] = len(triples)
        if progress is not None:
            progress(graph, len(triples))
    return copied
