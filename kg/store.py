"""The embedded on-disk store: an Oxigraph database in a folder.

Every write goes through :meth:`EmbeddedStore.replace_graphs` or
:meth:`EmbeddedStore.remove_graphs`, and either all of it lands or none of it does.
Small writes to graphs the store does not hold yet are one Oxigraph transaction. Any
other write (a large one, or one that replaces graphs) first takes a rollback point, a
hard-linked checkpoint of the database next to its folder, then drops the old graphs
and loads the new triples with Oxigraph's bulk loader, which is many times faster than
a transaction but not atomic itself. On an error the folder is put back from the
checkpoint; a write cut short by a crash is rolled back when the store is next opened.
Streaming a large file (:mod:`kg.streaming`) writes piece by piece through
:meth:`EmbeddedStore.load_piece` inside one :meth:`EmbeddedStore.rollback_point`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from kg import updates
from kg.errors import StoreError

DEFAULT_STORE = "claimgraph-store"
_MARKER = "CURRENT"  # written by the database in every store folder
TRANSACTION_LIMIT = 5_000  # larger writes go through the bulk loader (a transaction costs 20-50 µs a triple)
_LOADER_SHARE = 200_000  # fewest triples worth a bulk loader thread of their own
_LINE_END = b" .\n"  # ends every N-Triples line, and only line ends: newlines in literals are escaped


class Store(Protocol):
    """What every store offers: the embedded one here, a SPARQL server in :mod:`kg.remote`."""

    @property
    def location(self) -> str: ...
    def query(self, sparql: str) -> ox.QuerySolutions: ...
    def raw_query(self, sparql: str) -> ox.QuerySolutions: ...
    def named_graphs(self) -> list[ox.NamedNode]: ...
    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]: ...
    def __len__(self) -> int: ...
    def graph_size(self, graph: ox.NamedNode) -> int: ...
    def holds_all(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> bool: ...
    def existing_subjects(self, iris: Iterable[str], excluding: Iterable[ox.NamedNode] = ()) -> set[str]: ...
    def replace_graphs(self, contents: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None: ...
    def remove_graphs(self, graphs: Iterable[ox.NamedNode]) -> None: ...
    def close(self) -> None: ...


def nquads(graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> bytes:
    """The triples as N-Quads in ``graph``, serialized by Oxigraph (no per-triple Python work)."""
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return data.replace(_LINE_END, b" " + str(graph).encode() + _LINE_END)


class EmbeddedStore:
    """An Oxigraph store in a folder, opened for one command."""

    def __init__(self, path: str | Path, *, create: bool = True):
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store path {self.path} is a file, not a store folder")
        if self.path.is_dir() and any(self.path.iterdir()) and not (self.path / _MARKER).exists():
            raise StoreError(f"{self.path} is not a claimgraph store (a folder with other files in it)")
        if not create and not self.exists(self.path) and not self._sibling("rollback").is_dir():
            raise StoreError(f"no store at {self.path} (run 'claimgraph add' or 'claimgraph demo' first)")
        self._store: ox.Store | None = self._open()
        self._guarded = False  # inside a rollback point
        self._recover()

    def _open(self) -> ox.Store:
        try:
            return ox.Store(str(self.path))
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

    def graph_size(self, graph: ox.NamedNode) -> int:
        """How many triples ``graph`` holds, counted without reading them (0 if it is absent)."""
        if not self._store.contains_named_graph(graph):
            return 0
        rows = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {updates.term(graph)} {{ ?s ?p ?o }} }}")
        return int(next(iter(rows))["n"].value)

    def holds_all(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> bool:
        """Whether ``graph`` holds every one of ``triples``, blank node labels included.

        Looks each quad up instead of reading the graph: decoding stored terms costs
        several times more than a lookup.
        """
        contains = self._store.__contains__
        return all(contains(ox.Quad(*triple, graph)) for triple in triples)

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
        """Make each named graph hold exactly the given triples, all or nothing.

        Blank nodes are fresh in the store (Oxigraph's loader renames them), and a label
        names one node across all graphs of one write, as in one N-Quads document.
        """
        if not contents:
            return
        try:
            chunks = [nquads(graph, triples) for graph, triples in contents.items()]
        except (TypeError, ValueError) as exc:
            raise StoreError(f"cannot write to store {self.path}, nothing was changed: {exc}") from exc
        size = sum(chunk.count(b"\n") for chunk in chunks)
        existing = [graph for graph in contents if self._store.contains_named_graph(graph)]
        try:
            if not existing and size <= TRANSACTION_LIMIT:
                self._store.load(b"".join(chunks), format=ox.RdfFormat.N_QUADS, lenient=True)
                self._store.flush()
                return
            with self.rollback_point():
                for graph in existing:  # one transaction each: twice as fast as one big DROP
                    self._store.remove_graph(graph)
                if size <= TRANSACTION_LIMIT:
                    self._store.load(b"".join(chunks), format=ox.RdfFormat.N_QUADS, lenient=True)
                else:
                    self._bulk_load(chunks)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"writing to store {self.path} failed, nothing was changed: {exc}") from exc

    def drop_graph(self, graph: ox.NamedNode) -> None:
        """Drop one named graph (one transaction; use inside :meth:`rollback_point` with other writes)."""
        self._store.remove_graph(graph)

    def load_piece(
        self, data: bytes, rdf_format: ox.RdfFormat, to_graph: ox.NamedNode | None = None, *, strict: bool = True
    ) -> None:
        """Bulk-load one piece of a line-based file (inside :meth:`rollback_point`: the loader is not atomic).

        ``strict=False`` skips checking IRIs and language tags, for data checked already.
        """
        options = {"to_graph": to_graph} if to_graph is not None else {}
        self._store.bulk_load(data, format=rdf_format, lenient=not strict, **options)

    def graph_sizes(self) -> dict[ox.NamedNode, int]:
        """How many triples each named graph holds (one pass over the store)."""
        rows = self._store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"].value) for row in rows if isinstance(row["g"], ox.NamedNode)}

    def default_graph_size(self) -> int:
        """How many triples lie outside every named graph (claimgraph itself never puts any there)."""
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def move_default_graph(self, graph: ox.NamedNode) -> None:
        """Move every triple outside the named graphs into ``graph``."""
        target = updates.term(graph)
        self._store.update(f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }} ; CLEAR DEFAULT")

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

    def _bulk_load(self, chunks: Sequence[bytes]) -> None:
        """Load N-Quads chunks with the bulk loader, a few threads at once.

        One loader works through up to a million quads on one core, parsing them first and
        then sorting them into the indexes, so the chunks are shared out among one loader
        more than there are cores (which keeps the cores busy while a loader parses), at
        most four. Chunks with blank nodes all go to one loader, so that a label names one
        node across graphs, as in one document.
        """
        blank = [chunk for chunk in chunks if b"_:" in chunk]
        plain = [chunk for chunk in chunks if b"_:" not in chunk]
        size = sum(map(len, plain))
        lines = sum(chunk.count(b"\n") for chunk in plain)
        loaders = max(1, min((os.cpu_count() or 1) + 1, 4, lines // _LOADER_SHARE))
        parts: list[list[bytes]] = [[] for _ in range(loaders)]
        filled = 0
        for chunk in plain:  # in order, cut into parts of about equal size
            parts[min(loaders - 1, filled * loaders // max(size, 1))].append(chunk)
            filled += len(chunk)
        if blank:
            parts.append(blank)
        documents = [b"".join(part) for part in parts if part]

        def load(document: bytes) -> None:
            self._store.bulk_load(document, format=ox.RdfFormat.N_QUADS, lenient=True)

        if len(documents) == 1:
            load(documents[0])
            return
        with ThreadPoolExecutor(max_workers=len(documents)) as pool:
            for done in [pool.submit(load, document) for document in documents]:
                done.result()

    # -- rollback points ------------------------------------------------------------
    def _sibling(self, role: str) -> Path:
        """A folder next to the store's, for its rollback point (``role``) while a write runs."""
        folder = self.path.resolve()
        return folder.with_name(f".{folder.name}.claimgraph-{role}")

    @contextlib.contextmanager
    def rollback_point(self) -> Iterator[None]:
        """Run a block of non-atomic writes; on any exception put the store back as before.

        The checkpoint is taken under a temporary name and renamed when complete, so a
        folder under the final name is always a whole database. Inside a block that has
        one already, this adds nothing: the outer block decides.
        """
        if self._guarded:
            yield
            return
        checkpoint, partial = self._sibling("rollback"), self._sibling("partial")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            self._store.backup(partial)
            partial.rename(checkpoint)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise StoreError(f"cannot write to store {self.path}: no rollback point next to it: {exc}") from exc
        self._guarded = True
        try:
            yield
            self._store.flush()
        except BaseException:
            self._roll_back(checkpoint)
            raise
        finally:
            self._guarded = False
        self._discard(checkpoint)

    def _roll_back(self, checkpoint: Path) -> None:
        """Swap the store's folder for the checkpoint, reopening the store on it.

        The database must be closed first: an instance still open would go on writing
        files by name into the folder. It closes when its last reference goes, which a
        trial open of the folder confirms (the database refuses a second open while the
        first one lasts).
        """
        later = f"the store as it was is kept in {checkpoint} and is put back when the store is next opened"
        self._store = None
        gc.collect()
        try:
            trial = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"a write to store {self.path} failed and it could not be closed: {exc}; {later}") from exc
        del trial
        folder, trash = self.path.resolve(), self._sibling("discarded")
        try:
            shutil.rmtree(trash, ignore_errors=True)
            folder.rename(trash)
            checkpoint.rename(folder)
        except OSError as exc:
            raise StoreError(
                f"a write to store {self.path} failed and putting it back failed too: {exc}; {later}"
            ) from exc
        self._store = self._open()
        shutil.rmtree(trash, ignore_errors=True)

    def _discard(self, checkpoint: Path) -> None:
        """Drop a rollback point that is no longer needed (renamed first: a half-deleted one is no checkpoint)."""
        trash = self._sibling("discarded")
        shutil.rmtree(trash, ignore_errors=True)
        with contextlib.suppress(OSError):
            checkpoint.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)

    def _recover(self) -> None:
        """Roll back a write that a crash cut short, and clear what it left next to the store."""
        checkpoint = self._sibling("rollback")
        if checkpoint.is_dir():
            self._roll_back(checkpoint)
        for role in ("partial", "discarded"):
            shutil.rmtree(self._sibling(role), ignore_errors=True)
