"""The embedded on-disk store: an Oxigraph database in a folder.

Every write goes through :meth:`EmbeddedStore.replace_graphs` or
:meth:`EmbeddedStore.remove_graphs`, each one SPARQL Update request, which Oxigraph
applies in a single transaction: either all of it lands or none of it does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg import updates
from kg.errors import StoreError

DEFAULT_STORE = "claimgraph-store"
_MARKER = "CURRENT"  # written by the database in every store folder


class Store(Protocol):
    """What every store offers: the embedded one here, a SPARQL server in :mod:`kg.remote`."""

    @property
    def location(self) -> str: ...
    def query(self, sparql: str) -> ox.QuerySolutions: ...
    def raw_query(self, sparql: str) -> ox.QuerySolutions: ...
    def named_graphs(self) -> list[ox.NamedNode]: ...
    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]: ...
    def __len__(self) -> int: ...
    def existing_subjects(self, iris: Iterable[str], excluding: Iterable[ox.NamedNode] = ()) -> set[str]: ...
    def replace_graphs(self, contents: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None: ...
    def remove_graphs(self, graphs: Iterable[ox.NamedNode]) -> None: ...
    def close(self) -> None: ...


class EmbeddedStore:
    """An Oxigraph store in a folder, opened for one command."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / _MARKER).exists():
            raise StoreError(f"{self.path} is not a claimgraph store (a folder with other files in it)")
        if not create and not self.exists(self.path):
            raise StoreError(f"no store at {self.path} (run 'claimgraph add' or 'claimgraph demo' first)")
        try:
            self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc} (is another claimgraph using it?)") from exc

    @property
    def location(self) -> str:
        """The store folder, for messages."""
        return str(self.path)

    def close(self) -> None:
        """Release the store (and its folder lock) now, whoever still holds this object."""
        store, self._store = self._store, None
        if store is not None:
            store.flush()
        del store

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @staticmethod
    def exists(path: str | Path) -> bool:
        """Whether ``path`` holds a store already."""
        return (Path(path) / _MARKER).exists()

    # -- reading --------------------------------------------------------------------
    def query(self, sparql: str):
        """Run a SPARQL query over the union of all named graphs (bind parameters with
        :func:`kg.queries.with_values`, never by pasting values into the text)."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def raw_query(self, sparql: str):
        """Run a SPARQL query as written (GRAPH patterns see the named graphs)."""
        return self._store.query(sparql)

    def named_graphs(self) -> list[ox.NamedNode]:
        """All named graphs, sorted by IRI."""
        graphs = [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]
        return sorted(graphs, key=lambda g: g.value)

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store, or of one graph."""
        return self._store.quads_for_pattern(None, None, None, graph)

    def __len__(self) -> int:
        return len(self._store)

    def existing_subjects(self, iris: Iterable[str], excluding: Iterable[ox.NamedNode] = ()) -> set[str]:
        """Which of ``iris`` are typed subjects in graphs other than ``excluding``."""
        wanted = sorted(set(iris))
        if not wanted:
            return set()
        skip = {g.value for g in excluding}
        found: set[str] = set()
        for iri in wanted:
            node = ox.NamedNode(iri)
            for quad in self._store.quads_for_pattern(node, updates.RDF_TYPE, None, None):
                if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value not in skip:
                    found.add(iri)
                    break
        return found

    # -- writing --------------------------------------------------------------------
    def replace_graphs(self, contents: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None:
        """Make each named graph hold exactly the given triples, all in one transaction."""
        if contents:
            self._write(updates.replace({graph: list(triples) for graph, triples in contents.items()}))

    def remove_graphs(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Drop named graphs, all in one transaction."""
        update = " ;\n".join(updates.drop(g) for g in graphs)
        if update:
            self._write(update)

    def _write(self, update: str) -> None:
        try:
            self._store.update(update)
            self._store.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"writing to store {self.path} failed, nothing was changed: {exc}") from exc
